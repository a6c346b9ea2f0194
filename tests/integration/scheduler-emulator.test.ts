/**
 * The Scheduler emulator through the real AWS SDK client: the API the production adapter uses,
 * persistence, firing in the schedule's time zone, ActionAfterCompletion, retries and DLQ.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { startSchedulerEmulator, type SchedulerEmulator } from '../../local/scheduler-emulator.ts';
import { EventBridgeDeadlineScheduler } from '../../shared/adapters/eventbridge-scheduler.ts';

let dir: string;
let now: Date;
let invocations: Array<{ arn: string; input: unknown }>;
let failNext: number;
let emulator: SchedulerEmulator;
let client: SchedulerClient;

async function start() {
  emulator = await startSchedulerEmulator({
    port: 0,
    stateFile: join(dir, 'schedules.json'),
    now: () => now,
    tickMs: 60_000, // the tests fire by hand
    invoke: async (arn, input) => {
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('target unavailable');
      }
      invocations.push({ arn, input: input ? JSON.parse(input) : undefined });
    },
  });
  client = new SchedulerClient({ endpoint: emulator.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scheduler-emulator-'));
  now = new Date('2026-04-24T10:00:00+02:00');
  invocations = [];
  failNext = 0;
  await start();
});

afterEach(async () => {
  client.destroy();
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

const schedule = (name: string, at: string, extra: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
  Name: name,
  GroupName: 'klachten-test',
  ScheduleExpression: `at(${at})`,
  ScheduleExpressionTimezone: 'Europe/Amsterdam',
  FlexibleTimeWindow: { Mode: 'OFF' },
  ActionAfterCompletion: 'DELETE',
  Target: { Arn: 'arn:aws:lambda:eu-west-1:000000000000:function:check', RoleArn: 'arn:aws:iam::000000000000:role/scheduler', Input: JSON.stringify({ name }) },
  ...extra,
});

describe('the Scheduler REST API', () => {
  test('create, get, list, update (whole replacement) and delete', async () => {
    const created = await client.send(new CreateScheduleCommand(schedule('a.check', '2026-05-04T23:59:59')));
    expect(created.ScheduleArn).toBe('arn:aws:scheduler:eu-west-1:000000000000:schedule/klachten-test/a.check');

    const got = await client.send(new GetScheduleCommand({ Name: 'a.check', GroupName: 'klachten-test' }));
    expect(got.ScheduleExpression).toBe('at(2026-05-04T23:59:59)');
    expect(got.Target?.Input).toBe(JSON.stringify({ name: 'a.check' }));
    expect(got.CreationDate).toBeInstanceOf(Date);

    await client.send(new CreateScheduleCommand(schedule('b.check', '2026-05-05T09:00:00')));
    await client.send(new CreateScheduleCommand(schedule('other', '2026-05-05T09:00:00', { GroupName: 'another-group' })));
    const listed = await client.send(new ListSchedulesCommand({ GroupName: 'klachten-test' }));
    expect(listed.Schedules?.map((s) => s.Name)).toEqual(['a.check', 'b.check']);
    const prefixed = await client.send(new ListSchedulesCommand({ NamePrefix: 'b.' }));
    expect(prefixed.Schedules?.map((s) => s.Name)).toEqual(['b.check']);

    await client.send(new UpdateScheduleCommand({ ...schedule('a.check', '2026-06-01T23:59:59'), Description: 'moved' }));
    const updated = await client.send(new GetScheduleCommand({ Name: 'a.check', GroupName: 'klachten-test' }));
    expect(updated.ScheduleExpression).toBe('at(2026-06-01T23:59:59)');
    expect(updated.Description).toBe('moved');

    await client.send(new DeleteScheduleCommand({ Name: 'a.check', GroupName: 'klachten-test' }));
    await expect(client.send(new GetScheduleCommand({ Name: 'a.check', GroupName: 'klachten-test' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test('errors come back as the SDK error classes', async () => {
    await client.send(new CreateScheduleCommand(schedule('dup', '2026-05-04T23:59:59')));
    await expect(client.send(new CreateScheduleCommand(schedule('dup', '2026-05-04T23:59:59')))).rejects.toBeInstanceOf(ConflictException);
    await expect(client.send(new CreateScheduleCommand(schedule('bad', 'tomorrow')))).rejects.toBeInstanceOf(ValidationException);
    await expect(client.send(new UpdateScheduleCommand(schedule('missing', '2026-05-04T23:59:59')))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new DeleteScheduleCommand({ Name: 'missing', GroupName: 'klachten-test' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test('schedules survive a restart', async () => {
    await client.send(new CreateScheduleCommand(schedule('kept', '2026-05-04T23:59:59')));
    client.destroy();
    await emulator.stop();
    await start();
    const got = await client.send(new GetScheduleCommand({ Name: 'kept', GroupName: 'klachten-test' }));
    expect(got.Name).toBe('kept');
  });
});

describe('firing', () => {
  test('fires at the wall-clock time in the schedule time zone, with Target.Input, then deletes it', async () => {
    // 09:00 in Amsterdam (summer time) is 07:00 UTC.
    await client.send(new CreateScheduleCommand(schedule('morning', '2026-05-05T09:00:00')));
    now = new Date('2026-05-05T06:59:59Z');
    await emulator.tick();
    expect(invocations).toEqual([]);
    now = new Date('2026-05-05T07:00:00Z');
    await emulator.tick();
    expect(invocations).toEqual([{ arn: 'arn:aws:lambda:eu-west-1:000000000000:function:check', input: { name: 'morning' } }]);
    expect(emulator.schedules()).toEqual([]);
    await emulator.tick();
    expect(invocations).toHaveLength(1);
  });

  test('ActionAfterCompletion NONE keeps a fired schedule without firing it again', async () => {
    await client.send(new CreateScheduleCommand(schedule('kept', '2026-04-24T10:00:00', { ActionAfterCompletion: 'NONE' })));
    await emulator.tick();
    await emulator.tick();
    expect(invocations).toHaveLength(1);
    expect((await client.send(new GetScheduleCommand({ Name: 'kept', GroupName: 'klachten-test' }))).Name).toBe('kept');
  });

  test('a failed invocation is retried with backoff per RetryPolicy', async () => {
    await client.send(new CreateScheduleCommand(schedule('flaky', '2026-04-24T10:00:00')));
    failNext = 2;
    await emulator.tick(); // fails, retry in 1 s
    await emulator.tick(); // too early for the retry
    expect(invocations).toHaveLength(0);
    now = new Date(now.getTime() + 1_000);
    await emulator.tick(); // fails again, retry in 2 s
    now = new Date(now.getTime() + 2_000);
    await emulator.tick();
    expect(invocations).toHaveLength(1);
    expect(emulator.deadLetters()).toEqual([]);
  });

  test('after MaximumRetryAttempts the event goes to the dead-letter record', async () => {
    await client.send(
      new CreateScheduleCommand(
        schedule('doomed', '2026-04-24T10:00:00', {
          Target: { ...schedule('doomed', '').Target!, RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:000000000000:dlq' } },
        }),
      ),
    );
    failNext = 5;
    await emulator.tick();
    now = new Date(now.getTime() + 1_000);
    await emulator.tick();
    expect(invocations).toHaveLength(0);
    expect(emulator.deadLetters()).toMatchObject([{ schedule: 'doomed', deadLetterArn: 'arn:aws:sqs:eu-west-1:000000000000:dlq', attempts: 2, error: 'target unavailable' }]);
    expect(emulator.schedules()).toEqual([]);
  });
});

describe('the production adapter against the emulator', () => {
  test('ensure() writes an at() expression in Amsterdam wall-clock time and is idempotent', async () => {
    const adapter = new EventBridgeDeadlineScheduler(client, {
      groupName: 'klachten-test',
      targetArn: 'arn:aws:lambda:eu-west-1:000000000000:function:check',
      roleArn: 'arn:aws:iam::000000000000:role/scheduler',
    });
    const check = { name: 'KL-2026-000001.acknowledgement.check', at: new Date('2026-05-04T21:59:59Z'), timeZone: 'Europe/Amsterdam', input: { reference: 'KL-2026-000001' } };
    await adapter.ensure(check);
    await adapter.ensure(check);
    const got = await client.send(new GetScheduleCommand({ Name: check.name, GroupName: 'klachten-test' }));
    expect(got.ScheduleExpression).toBe('at(2026-05-04T23:59:59)');
    expect(got.ActionAfterCompletion).toBe('DELETE');
    expect(got.Target?.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
  });
});
