/**
 * What the complainant does through the private status link: add information, send the
 * authorisation, and object within the window. Each is an event on the file (actor
 * 'complainant'), with the letters and schedules it causes.
 */
import { versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { ConflictError } from '../errors.ts';
import type { Clock, ComplaintRegister } from '../ports.ts';
import type { ComplaintRecord } from './model.ts';
import { applyEvent } from './events.ts';
import { outboxForEvent } from './milestone-schedules.ts';
import { checkObjection } from './objection-window.ts';
import { citationRef } from '../regulation/citation.ts';

export interface ComplainantActionDeps {
  register: ComplaintRegister;
  clock: Clock;
  regulations: RegulationVersions;
}

export type ComplainantAction =
  | { kind: 'information'; text: string }
  | { kind: 'authorisation'; signedBy: string; statement: string }
  | { kind: 'objection'; text: string };

export async function complainantAction(deps: ComplainantActionDeps, reference: string, action: ComplainantAction): Promise<ComplaintRecord> {
  // Staff may be working on the file at the same moment: read again and apply to the newer view.
  for (let attempt = 0; ; attempt += 1) {
    const complaint = await deps.register.get(reference);
    if (!complaint) throw new ConflictError({ key: 'error.conflict.complaintGone' });
    const now = deps.clock.now();
    const { kind, ...data } = action;
    const regulation = versionOf(deps.regulations, complaint);
    if (kind === 'objection') {
      if (complaint.status !== 'ruled' && complaint.status !== 'closed') throw new ConflictError({ key: 'error.conflict.objectionAfterRuling' });
      checkObjection(regulation, complaint, now, now);
    }
    const type = kind === 'objection' ? 'objection-received' : kind === 'information' ? 'information-added' : 'authorisation-submitted';
    const applied = applyEvent(regulation, complaint, {
      type,
      at: now,
      actor: 'complainant',
      data: kind === 'objection' ? { text: action.text, receivedAt: now.toISOString() } : data,
      ...(kind === 'objection' && regulation.objection ? { rule: citationRef(regulation.objection.citation) } : {}),
    });
    try {
      await deps.register.appendEvent(applied, outboxForEvent(regulation, applied, now));
      return applied.next;
    } catch (error) {
      if (error instanceof ConflictError && error.retryable && attempt < 3) continue;
      throw error;
    }
  }
}
