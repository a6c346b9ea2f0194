/**
 * Use case: explain every gap in the reference sequence. A reference is allocated before the
 * registration's transaction; when that fails the reference is voided with its reason. When the
 * register itself is unreachable, the void cannot be written either: this check, run by the
 * outbox drain's timer, finds such a number later and voids it, so every gap has a reason.
 *
 * A number is only judged once a complaint registered after it is older than `settleMs`: by then
 * the request that allocated it has ended (the intake function's time limit is 10 s).
 */
import type { Clock, ReferenceLedger } from '../ports.ts';
import { formatReference } from './reference.ts';

export type { ReferenceLedger } from '../ports/references.ts';

export const UNREGISTERED_REASON = 'allocated, but its registration never completed (the register was unavailable); found by the gap check';

export async function explainReferenceGaps(deps: { register: ReferenceLedger; clock: Clock }, years: number[], settleMs = 60_000): Promise<{ voided: string[] }> {
  const voided: string[] = [];
  const settledBefore = deps.clock.now().getTime() - settleMs;
  for (const year of years) {
    const checked = await deps.register.gapsCheckedUpTo(year);
    if ((await deps.register.allocatedCount(year)) <= checked) continue;
    const registered = await deps.register.registeredSince(year, checked);
    const present = new Set(registered.map((r) => r.sequence));
    // Everything below a settled complaint has had its chance to register.
    const upTo = Math.max(checked, ...registered.filter((r) => Date.parse(r.registeredAt) < settledBefore).map((r) => r.sequence));
    if (upTo === checked) continue;
    const missing: number[] = [];
    for (let n = checked + 1; n < upTo; n += 1) if (!present.has(n)) missing.push(n);
    for (const n of missing) {
      const reference = formatReference(year, n);
      if (await deps.register.voidReason(reference)) continue;
      await deps.register.voidReference(reference, UNREGISTERED_REASON);
      voided.push(reference);
    }
    await deps.register.setGapsCheckedUpTo(year, upTo);
  }
  return { voided };
}
