/**
 * Who holds a regulation role: the staff group (token group) of a fixed role, and for a role
 * held per complaint (the assigned handler) whether this staff member holds it for this complaint.
 * Pure, and apart from the steps (steps.ts re-exports it) so that the measures register can use it
 * without carrying every step's schema and rules.
 */
import type { StaffRole } from '../../auth/principal.ts';
import type { Regulation } from '../regulation/index.ts';
import type { ComplaintRecord } from '../complaint/model.ts';
import { COMPLAINANT_ACTOR, type Actor } from './visibility.ts';

/** The staff group (token group) that holds a fixed regulation role. */
export function staffGroupFor(roleId: string): StaffRole {
  if (roleId === 'coordinator' || roleId === 'substitute-coordinator') return 'coordinator';
  if (roleId === 'handler') return 'handler';
  if (['director', 'board', 'directie', 'management', 'office'].includes(roleId)) return 'director';
  return 'complaints-officer';
}

/** The regulation role a coordinator hands complaints to (the `assigns` rule), if any. */
export function assignedRole(regulation: Regulation): string | undefined {
  return regulation.roleRules.find((r) => r.rule === 'assigns')?.assigns;
}

/** Does the actor hold the regulation role for this complaint? */
export function holdsRole(regulation: Regulation, complaint: ComplaintRecord, actor: Actor, roleId: string): boolean {
  if (actor === COMPLAINANT_ACTOR) return false;
  const role = regulation.roles.find((r) => r.id === roleId);
  const me = actor.email.toLowerCase();
  if (role?.assignment === 'per-complaint') {
    if (roleId === assignedRole(regulation) || roleId === 'handler') return complaint.handler?.email.toLowerCase() === me;
    return complaint.involved.some((p) => p.email.toLowerCase() === me);
  }
  return actor.roles.includes(staffGroupFor(roleId));
}
