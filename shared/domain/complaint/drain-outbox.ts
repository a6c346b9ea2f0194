/**
 * Draining the outbox (functions/outbox-drain.ts): what is pending, in bounded rounds; and the
 * entries a stream batch announces, settled in order, with the batch records that were not.
 */
import { deliverAnnounced, deliverOutbox, type DeliverOutboxDeps, type DeliveryReport } from './deliver-outbox.ts';
import type { OutboxEntry } from './model.ts';

/** What is pending, `batch` entries a round, at most `maxRounds` rounds (the next trigger picks up the rest). */
export async function drainPending(deps: DeliverOutboxDeps, batch: number, maxRounds: number): Promise<DeliveryReport> {
  const total: DeliveryReport = { delivered: 0, failed: 0, skipped: 0 };
  for (let round = 0; round < maxRounds; round += 1) {
    const report = await deliverOutbox(deps, batch);
    total.delivered += report.delivered;
    total.failed += report.failed;
    total.skipped += report.skipped;
    if (report.delivered + report.failed + report.skipped < batch) break;
  }
  return total;
}

/**
 * A stream batch's own entries, delivered (a delivery that failed is settled: queued with backoff);
 * the records whose entries could not be settled, for the stream to retry, with the first error.
 */
export async function settleAnnounced<R extends { sequenceNumber: string; entry: OutboxEntry }>(
  deps: DeliverOutboxDeps,
  announced: readonly R[],
): Promise<{ settled: DeliveryReport; unsettled: R[]; error?: string }> {
  const outcomes = await deliverAnnounced(
    deps,
    announced.map((a) => a.entry),
  );
  const settled: DeliveryReport = { delivered: 0, failed: 0, skipped: 0 };
  for (const outcome of outcomes) if (typeof outcome === 'string') settled[outcome] += 1;
  const error = outcomes.find((o): o is { error: string } => typeof o === 'object')?.error;
  return { settled, unsettled: announced.filter((_, i) => typeof outcomes[i] === 'object'), ...(error !== undefined ? { error } : {}) };
}
