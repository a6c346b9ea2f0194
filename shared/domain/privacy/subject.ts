/** The subject of a complaint, as the register indexes it. */
import { createHash } from 'node:crypto';

/** SHA-256 of the normalised e-mail address: how the register finds a subject's complaints without storing the address twice. */
export function subjectHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
