/**
 * Who on the demo staff takes a step, for the tools that walk complaints through their
 * procedure (the seed histories, the letters walk): the handler where they may, else the
 * coordinator, the complaints officer or the director, never a staff member the complaint is
 * about; per-complaint roles other than the handler's are held by the involved, who sign in as staff.
 */
import type { Regulation } from '../shared/domain/regulation/schema.ts';
import type { ComplaintRecord } from '../shared/domain/complaint/model.ts';
import { holdsRole, type Actor } from '../shared/domain/workflow/steps.ts';

export type DemoStaff = Record<'coordinator' | 'officer' | 'director', Actor>;

/** The first who holds one of `roles` on this complaint; undefined when nobody does. */
export function stepActor(regulation: Regulation, staff: DemoStaff, complaint: ComplaintRecord, roles: readonly string[]): Actor | undefined {
  const involved = new Set(complaint.involved.map((p) => p.email.toLowerCase()));
  const candidates: Actor[] = [...(complaint.handler ? [{ email: complaint.handler.email, roles: ['handler' as const] }] : []), staff.coordinator, staff.officer, staff.director].filter(
    (a) => !involved.has(a.email.toLowerCase()),
  );
  candidates.push(...complaint.involved.map((p): Actor => ({ email: p.email, roles: ['complaints-officer'] })));
  return candidates.find((c) => roles.some((role) => holdsRole(regulation, complaint, c, role)));
}
