/**
 * Outbox: what triggers the outbox drain. New outbox items on the table's stream start it within
 * seconds; a timer every few minutes is the safety net (retries after a failed delivery, a
 * stream batch given up on). The drain delivers what is pending and the entries a stream batch
 * names, so a missed or duplicated trigger costs nothing.
 *
 * The stream's event source mapping is OUTBOX_STREAM_MAPPING (shared/adapters/outbox-stream.ts),
 * which the local cloud's stream consumer applies too: batch size, filter, retries, bisection and
 * the partial batch response the drain gives. A batch given up after its retries goes to the
 * on-failure queue (its depth is alarmed): its entries are still pending, and the timer delivers them.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../shared/adapters/table-design.ts';
import { OUTBOX_STREAM_MAPPING } from '../../shared/adapters/outbox-stream.ts';
import { acknowledgeFinding } from '../nag.ts';

/** Sort-key prefix of outbox items (see the key table in shared/adapters/dynamodb-register.ts). */
export const OUTBOX_SORT_KEY_PREFIX = TABLE_KEYS.outboxSortKeyPrefix;

export interface OutboxProps {
  /** The outbox-drain function. */
  readonly drainFunction: lambda.IFunction;
  /** The register table; it must have a stream (the Register construct's has NEW_IMAGE). */
  readonly table: dynamodb.ITable;
  /**
   * How often the timer runs the drain regardless of the stream.
   * @default Duration.minutes(5)
   */
  readonly sweepInterval?: Duration;
  /**
   * Retries of a failed stream batch before it goes to the on-failure queue (the timer catches up).
   * @default OUTBOX_STREAM_MAPPING.retryAttempts (2; the local cloud retries as often)
   */
  readonly retryAttempts?: number;
  /**
   * Stream records per invocation.
   * @default OUTBOX_STREAM_MAPPING.batchSize (10; the local cloud batches the same)
   */
  readonly batchSize?: number;
  /**
   * How long the records of given-up stream batches are kept in the on-failure queue.
   * @default Duration.days(14) (the SQS maximum)
   */
  readonly failureRetention?: Duration;
}

export class Outbox extends Construct {
  readonly sweepRule: events.Rule;
  /** Where Lambda sends the record of a stream batch it gave up on (which shard, which sequence numbers). */
  readonly streamFailureQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    if (!props.table.tableStreamArn) throw new Error('Outbox: the table has no stream; enable one (NEW_IMAGE) on the register');
    const interval = props.sweepInterval ?? Duration.minutes(5);
    if (interval.toSeconds() < 60) throw new Error('Outbox: sweepInterval must be at least one minute');

    this.streamFailureQueue = new sqs.Queue(this, 'StreamFailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.failureRetention ?? Duration.days(14),
    });
    acknowledgeFinding(
      this.streamFailureQueue,
      'AwsSolutions-SQS3',
      "This queue is itself a dead-letter queue: the on-failure destination of the outbox drain's stream mapping, " +
        'which receives a record of each batch given up after its retries. A queue behind it would only move the same ' +
        'messages once more; its depth is alarmed instead.',
    );

    const mapping = OUTBOX_STREAM_MAPPING;
    props.drainFunction.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition[mapping.startingPosition],
        batchSize: props.batchSize ?? mapping.batchSize,
        ...(mapping.maxBatchingWindowSeconds > 0 ? { maxBatchingWindow: Duration.seconds(mapping.maxBatchingWindowSeconds) } : {}),
        retryAttempts: props.retryAttempts ?? mapping.retryAttempts,
        bisectBatchOnError: mapping.bisectBatchOnError,
        // The drain answers { batchItemFailures } (functions/outbox-drain.ts): the records whose entries it could not settle.
        reportBatchItemFailures: mapping.reportBatchItemFailures,
        onFailure: new SqsDlq(this.streamFailureQueue),
        // New outbox items only (see OUTBOX_STREAM_MAPPING).
        filters: mapping.filterPatterns.map((pattern) => lambda.FilterCriteria.filter(pattern)),
      }),
    );
    // The event source mapping's grant: DescribeStream, GetRecords and GetShardIterator on this
    // table's stream, kms:Decrypt on the table's key, and dynamodb:ListStreams on "*".
    if (props.drainFunction.role) {
      acknowledgeFinding(
        props.drainFunction.role,
        'AwsSolutions-IAM5[Resource::*]',
        "dynamodb:ListStreams, which Lambda's event source mapping needs to find the table's current stream, " +
          'has no resource-level permissions: IAM accepts only "*" for it. It lists stream ARNs, reads no data; ' +
          "every action that reads records is granted on this table's stream ARN alone.",
      );
    }

    this.sweepRule = new events.Rule(this, 'Sweep', {
      description: 'Safety net: drain the outbox even when no stream record arrives',
      schedule: events.Schedule.rate(interval),
      // No retries: the next tick is the retry.
      targets: [new targets.LambdaFunction(props.drainFunction, { retryAttempts: 0 })],
    });
  }
}
