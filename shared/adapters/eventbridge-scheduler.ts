/**
 * DeadlineScheduler on EventBridge Scheduler: one one-time at() schedule per check, in the
 * tenant's time zone, deleted after it fires, retried, with failed deliveries to a DLQ.
 */
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ResourceNotFoundException,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
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
  constructor(
    private readonly client: SchedulerClient,
    private readonly target: SchedulerTarget,
  ) {}

  async ensure(schedule: OneTimeSchedule): Promise<void> {
    const wanted = this.definition(schedule);
    try {
      await this.client.send(new CreateScheduleCommand(wanted));
      return;
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
    }
    // Same deterministic name: an earlier attempt created it, or the due date moved.
    // UpdateSchedule replaces the whole schedule, so send the full definition.
    const existing = await this.client.send(new GetScheduleCommand({ Name: schedule.name, GroupName: this.target.groupName }));
    if (existing.ScheduleExpression === wanted.ScheduleExpression && existing.Target?.Input === wanted.Target?.Input) return;
    await this.client.send(new UpdateScheduleCommand(wanted));
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.client.send(new GetScheduleCommand({ Name: name, GroupName: this.target.groupName }));
      return true;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    }
  }

  private definition(schedule: OneTimeSchedule): CreateScheduleCommandInput {
    return {
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
    };
  }
}
