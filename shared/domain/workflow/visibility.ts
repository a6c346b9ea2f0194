/**
 * Who acts on a complaint, and which complaints they may see: staff with a tenant-wide role see
 * every complaint; a handler sees only the complaints assigned to them. Apart from the steps
 * (steps.ts) so that a reader of complaints does not carry every step's schema and rules.
 */
import type { StaffRole } from '../../auth/principal.ts';
import { NotFoundError } from '../errors.ts';
import type { ComplaintStore } from '../ports.ts';
import type { ComplaintRecord } from '../complaint/model.ts';
import { isReference } from '../complaint/reference.ts';

/** Who takes a step: a staff member (e-mail and token groups) or the complainant via the status link. */
export interface Actor {
  email: string;
  roles: readonly StaffRole[];
}

export const COMPLAINANT_ACTOR: Actor = { email: 'complainant', roles: [] };

/**
 * The complaint, if the actor may see it: staff with a tenant-wide role see every complaint; a
 * handler sees only the complaints assigned to them (others are "not found": no oracle).
 */
export async function visibleComplaint(register: Pick<ComplaintStore, 'get'>, reference: string, actor: Actor): Promise<ComplaintRecord> {
  // Not a reference at all (hostile, or longer than a key may be): not found, without a lookup or an echo.
  if (!isReference(reference)) throw new NotFoundError({ key: 'error.notFound.noSuchReference' });
  const complaint = await register.get(reference);
  if (!complaint || !canSee(complaint, actor)) throw new NotFoundError({ key: 'error.notFound.complaint', params: { reference } });
  return complaint;
}

/**
 * The complaint and what `read` finds beside it, read at the same time (one round trip, not two):
 * `read` only reads, and what it found is dropped, unseen, when the actor may not see the complaint.
 */
export async function visibleWith<T>(register: Pick<ComplaintStore, 'get'>, reference: string, actor: Actor, read: (reference: string) => Promise<T>): Promise<[ComplaintRecord, T]> {
  if (!isReference(reference)) throw new NotFoundError({ key: 'error.notFound.noSuchReference' });
  const [complaint, found] = await Promise.all([visibleComplaint(register, reference, actor), read(reference)]);
  return [complaint, found];
}

export function canSee(complaint: ComplaintRecord, actor: Actor): boolean {
  if (actor === COMPLAINANT_ACTOR) return true;
  if (actor.roles.some((role) => role !== 'handler')) return true;
  return actor.roles.includes('handler') && complaint.handler?.email.toLowerCase() === actor.email.toLowerCase();
}
