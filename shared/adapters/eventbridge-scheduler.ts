/**
 * DeadlineScheduler on EventBridge Scheduler: one one-time at() schedule per check, in the
 * tenant's time zone, deleted after it fires, retried, with failed deliveries to a DLQ.
 */
import { ConflictException, CreateScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { wallClock } from '../domain/calendar/index.ts';
import type { DeadlineScheduler, OneTimeSchedule } from '../domain/ports.ts';

export interface SchedulerTarget {
  groupName: string;
  /** The deadline-check function. */
  targetArn: string;
  /** The role Scheduler assumes to invoke it. */
  roleArn: string;
  deadLetterQueueArn?: string;
}

export class EventBridgeDeadlineScheduler implements DeadlineScheduler {
  constructor(private readonly client: SchedulerClient, private readonly target: SchedulerTarget) {}

  async ensure(schedule: OneTimeSchedule): Promise<void> {
    try {
      await this.client.send(new CreateScheduleCommand({
        Name: schedule.name,
        GroupName: this.target.groupName,
        // Scheduler reads at() as wall-clock time in ScheduleExpressionTimezone.
        ScheduleExpression: `at(${wallClock(schedule.at, schedule.timeZone)})`,
        ScheduleExpressionTimezone: schedule.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: this.target.targetArn,
          RoleArn: this.target.roleArn,
          Input: JSON.stringify(schedule.input),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 24 * 3600 },
          ...(this.target.deadLetterQueueArn ? { DeadLetterConfig: { Arn: this.target.deadLetterQueueArn } } : {}),
        },
      }));
    } catch (error) {
      // Same deterministic name: an earlier attempt created it already.
      if (error instanceof ConflictException) return;
      throw error;
    }
  }
}
