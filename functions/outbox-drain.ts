/**
 * Delivers pending outbox entries. Triggered by the table's stream in AWS (any event: it reads
 * what is pending, so a missed record costs nothing) and by a timer; locally by a short poll.
 * On the timer (EventBridge's `aws.events`; locally `local-timer`) it also explains any gap in
 * the reference sequence that a database outage left unrecorded (reference-gaps.ts).
 */
import middy from '@middy/core';
import { deliverOutbox, type DeliveryReport } from '../shared/domain/complaint/deliver-outbox.ts';
import { deliveryContext } from '../shared/adapters/delivery-context.ts';
import { explainReferenceGaps } from '../shared/domain/complaint/reference-gaps.ts';

const context = deliveryContext();
const BATCH = 50;
/** Keep a single invocation bounded; the next trigger picks up the rest. */
const MAX_ROUNDS = 20;

const TIMER_SOURCES = new Set(['aws.events', 'local-timer']);

async function drain(event: unknown): Promise<DeliveryReport> {
  if (TIMER_SOURCES.has(String((event as { source?: unknown } | undefined)?.source))) {
    const year = context.clock.now().getUTCFullYear();
    const { voided } = await explainReferenceGaps(context, [year - 1, year]);
    if (voided.length) console.log(JSON.stringify({ level: 'info', message: 'reference gaps voided', count: voided.length }));
  }
  const total: DeliveryReport = { delivered: 0, failed: 0, skipped: 0 };
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const report = await deliverOutbox(context, BATCH);
    total.delivered += report.delivered;
    total.failed += report.failed;
    total.skipped += report.skipped;
    if (report.delivered + report.failed + report.skipped < BATCH) break;
  }
  if (total.delivered + total.failed > 0) console.log(JSON.stringify({ level: 'info', message: 'outbox drained', ...total }));
  return total;
}

export const handler = middy<unknown, DeliveryReport>().handler(drain);
