/**
 * The outbox drain on the register table's stream: the event source mapping's settings, in one
 * place for the CDK construct (infra/constructs/outbox.ts builds the mapping from them) and the
 * local cloud (local/cloud.ts hands them to local/stream-consumer.ts), so the drain is started the
 * same way in both and the two cannot drift. infra tests read the synthesised mapping back and
 * compare it with these values.
 *
 * What they say: new outbox items only (the drain's own updates are MODIFY events); at most ten
 * records a call, as soon as there are any; the drain answers with a partial batch response
 * (`batchItemFailures`: the records whose entries it could not settle); a failed batch is split and
 * retried twice, then given up to the on-failure queue, and the timer delivers what it held.
 */
import { TABLE_KEYS } from './table-design.ts';

/** An event source mapping on a DynamoDB stream, in CDK's terms (DynamoEventSourceProps). */
export interface StreamMappingSettings {
  /** Where a new mapping starts reading: LATEST is what is written from then on. */
  readonly startingPosition: 'LATEST' | 'TRIM_HORIZON';
  /** The most records one invocation gets. */
  readonly batchSize: number;
  /** How long records are gathered before an invocation; 0 invokes as soon as there are any. */
  readonly maxBatchingWindowSeconds: number;
  /** Retries of a failed batch before it is given up (-1: until its records expire). */
  readonly retryAttempts: number;
  /** A failed batch is split in two and each half retried (the split uses no retry). */
  readonly bisectBatchOnError: boolean;
  /** The function answers `{ batchItemFailures: [{ itemIdentifier: <sequence number> }] }`. */
  readonly reportBatchItemFailures: boolean;
  /** Lambda event filter patterns: a record reaches the function when it matches one of them. */
  readonly filterPatterns: readonly Record<string, unknown>[];
}

export const OUTBOX_STREAM_MAPPING: StreamMappingSettings = {
  // What was pending before the mapping existed is the timer's.
  startingPosition: 'LATEST',
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  // Then the batch goes to the on-failure queue; its entries are still pending, and the timer delivers them.
  retryAttempts: 2,
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
  filterPatterns: [
    // Newly written outbox items: the drain's own updates (claim, complete, release) are MODIFY
    // events and would only wake it for nothing.
    { eventName: ['INSERT'], dynamodb: { Keys: { [TABLE_KEYS.sortKey]: { S: [{ prefix: TABLE_KEYS.outboxSortKeyPrefix }] } } } },
  ],
};
