/**
 * The subject of a complaint, as the register indexes it and the audit log names it: by a hash of
 * the normalised e-mail address, never the address.
 *
 * Keyed (keyedSubjectHash): an HMAC-SHA256 under the tenant's search key (docs/search.md), with
 * its own domain (`subject:`), so it is neither a search token nor testable against a list of
 * addresses without the key. Complaints registered before it are indexed by the unkeyed SHA-256
 * (subjectHash): lookups try both (docs/security.md, "Keyed subject hash").
 */
import { createHash } from 'node:crypto';
import type { SearchKey } from '../complaint/search.ts';

const normalised = (email: string) => email.trim().toLowerCase();

/** The unkeyed SHA-256 of the normalised address: only to find complaints indexed before the keyed hash. */
export function subjectHash(email: string): string {
  return createHash('sha256').update(normalised(email)).digest('hex');
}

/** The keyed hash of the normalised address: HMAC-SHA256 under the tenant's search key, in the `subject:` domain. */
export function keyedSubjectHash(key: SearchKey, email: string): string {
  return key(`subject:${normalised(email)}`);
}

/** Whether an address is this subject's (normalised comparison). */
export function sameSubject(email: string | undefined, subject: string): boolean {
  return Boolean(email?.trim()) && normalised(email!) === normalised(subject);
}
