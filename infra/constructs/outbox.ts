/**
 * Outbox: what triggers the outbox drain. New outbox items on the table's stream start it within
 * seconds; a timer every few minutes is the safety net (retries after a failed delivery, a
 * stream batch given up on). The drain reads what is pending from the table, so a missed or
 * duplicated trigger costs nothing.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../shared/adapters/table-design.ts';
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
   * Retries of a failed stream batch before it is skipped (the timer catches up).
   * @default 2
   */
  readonly retryAttempts?: number;
  /**
   * Stream records per invocation.
   * @default 10
   */
  readonly batchSize?: number;
}

export class Outbox extends Construct {
  readonly sweepRule: events.Rule;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    if (!props.table.tableStreamArn) throw new Error('Outbox: the table has no stream; enable one (NEW_IMAGE) on the register');
    const interval = props.sweepInterval ?? Duration.minutes(5);
    if (interval.toSeconds() < 60) throw new Error('Outbox: sweepInterval must be at least one minute');

    props.drainFunction.addEventSource(new DynamoEventSource(props.table, {
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: props.batchSize ?? 10,
      retryAttempts: props.retryAttempts ?? 2,
      bisectBatchOnError: true,
      // Only newly written outbox items: the drain's own updates (claim, complete, release) are
      // MODIFY events and would only wake it for nothing.
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { Keys: { [TABLE_KEYS.sortKey]: { S: lambda.FilterRule.beginsWith(OUTBOX_SORT_KEY_PREFIX) } } },
        }),
      ],
    }));
    // The event source mapping's grant: DescribeStream, GetRecords and GetShardIterator on this
    // table's stream, kms:Decrypt on the table's key, and dynamodb:ListStreams on "*".
    if (props.drainFunction.role) {
      acknowledgeFinding(props.drainFunction.role, 'AwsSolutions-IAM5[Resource::*]',
        'dynamodb:ListStreams, which Lambda\'s event source mapping needs to find the table\'s current stream, ' +
        'has no resource-level permissions: IAM accepts only "*" for it. It lists stream ARNs, reads no data; ' +
        'every action that reads records is granted on this table\'s stream ARN alone.');
    }

    this.sweepRule = new events.Rule(this, 'Sweep', {
      description: 'Safety net: drain the outbox even when no stream record arrives',
      schedule: events.Schedule.rate(interval),
      // No retries: the next tick is the retry.
      targets: [new targets.LambdaFunction(props.drainFunction, { retryAttempts: 0 })],
    });
  }
}
