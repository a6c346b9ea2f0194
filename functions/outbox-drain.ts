/**
 * Delivers pending outbox entries. Triggered by the table's stream (in AWS, and locally on
 * DynamoDB Local's stream) and by a timer; tests and tools invoke it directly.
 *
 * A stream batch (OUTBOX_STREAM_MAPPING: new outbox items, at most ten): what is due first, oldest
 * first (so an entry that waits for an earlier one, a complaint's next webhook, finds it done),
 * then the entries the batch's records carry, without waiting for the pending-entries index to
 * list them (an index follows its table only eventually). The answer is the mapping's partial
 * batch response, `{ batchItemFailures }`: the records whose entries could not be settled, which
 * Lambda retries from the first of them. A delivery that failed is settled (queued with backoff,
 * for the timer), not a batch failure.
 *
 * Any other event: what is pending, answered with the counts. On the timer (EventBridge's
 * `aws.events`; locally `local-timer`) it also explains any gap in the reference sequence that a
 * database outage left unrecorded (reference-gaps.ts).
 */
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { DeliveryReport } from '../shared/domain/complaint/deliver-outbox.ts';
import { drainPending, settleAnnounced } from '../shared/domain/complaint/drain-outbox.ts';
import { announcedOutboxEntries } from '../shared/adapters/dynamodb-outbox.ts';
import { deliveryContext } from '../shared/adapters/delivery-context.ts';
import { explainReferenceGaps } from '../shared/domain/complaint/reference-gaps.ts';
import { log, requestLog } from '../shared/observability/log.ts';

// The one function that signs webhooks (WEBHOOK_SECRET_ARN, read from Secrets Manager: shared/adapters/webhook-secret.ts).
const context = deliveryContext({ webhooks: true });
const BATCH = 50;
/** Keep a single invocation bounded; the next trigger picks up the rest. */
const MAX_ROUNDS = 20;

const TIMER_SOURCES = new Set(['aws.events', 'local-timer']);

const isStreamEvent = (event: unknown): event is DynamoDBStreamEvent => {
  const records = (event as { Records?: unknown } | undefined)?.Records;
  return Array.isArray(records) && records.length > 0 && records.every((r: { eventSource?: unknown }) => r?.eventSource === 'aws:dynamodb');
};

/** A stream batch: what is due, then the batch's own entries; the records not settled, for Lambda to retry. */
async function onStream(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  // That pass failing is not this batch's failure: the batch's own entries are settled below, and the timer tries again.
  await pending().catch((error: unknown) => log.error('pending pass failed', { error: error instanceof Error ? error.name : 'Error' }));
  const announced = announcedOutboxEntries(event).flatMap(({ sequenceNumber, entry }) => (entry ? [{ sequenceNumber, entry }] : []));
  const { settled, unsettled, error } = await settleAnnounced(context, announced);
  if (settled.delivered + settled.failed > 0) log.info('stream entries delivered', { ...settled });
  if (unsettled.length === 0) return { batchItemFailures: [] };
  log.error('stream records not settled', { records: event.Records.length, unsettled: unsettled.length, error });
  // Lambda resumes from the first of them (the earliest sequence number) and retries the rest of the batch.
  return { batchItemFailures: unsettled.map((a) => ({ itemIdentifier: a.sequenceNumber })) };
}

async function pending(): Promise<DeliveryReport> {
  const total = await drainPending(context, BATCH, MAX_ROUNDS);
  if (total.delivered + total.failed > 0) log.info('outbox drained', { ...total });
  return total;
}

async function drain(event: unknown): Promise<DeliveryReport | DynamoDBBatchResponse> {
  if (isStreamEvent(event)) return onStream(event);
  if (TIMER_SOURCES.has(String((event as { source?: unknown } | undefined)?.source))) {
    const year = context.clock.now().getUTCFullYear();
    const { voided } = await explainReferenceGaps(context, [year - 1, year]);
    if (voided.length) log.info('reference gaps voided', { count: voided.length });
  }
  return pending();
}

export const handler = middy<unknown, DeliveryReport | DynamoDBBatchResponse>().use(requestLog(context.metrics)).handler(drain);
