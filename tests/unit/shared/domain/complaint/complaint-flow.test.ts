/** The registration, delivery and deadline-check use cases, with plain in-memory fakes. */
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { registerComplaint } from '../../../../../shared/domain/complaint/register-complaint.ts';
import { scheduleChangesOf } from '../../../../../shared/domain/complaint/milestone-schedules.ts';
import { queuedEntry } from '../../../../../shared/domain/complaint/queue.ts';
import { deliverOutbox, backoffMs } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import { checkDeadline } from '../../../../../shared/domain/complaint/check-deadline.ts';
import { formatReference, isReference } from '../../../../../shared/domain/complaint/reference.ts';
import { InvalidInputError, RuleViolationError } from '../../../../../shared/domain/errors.ts';
import { FakeClock, InMemoryRegister } from '../../../../support/in-memory-register.ts';
import { singleVersion } from '../../../../../shared/domain/regulation/versions.ts';
import { RecordingMailer } from '../../../../support/fakes/mailer.ts';
import { RecordingScheduler } from '../../../../support/fakes/scheduler.ts';

let regulation: Regulation;
beforeAll(async () => {
  regulation = await loadRegulationFile('tenants/demo.yaml');
});

let register: InMemoryRegister;
let clock: FakeClock;
let mailer: RecordingMailer;
let scheduler: RecordingScheduler;
const deps = () => ({ register, clock, regulations: singleVersion(regulation), mailer, scheduler });
const body = { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'Afspraak verzet.' };

beforeEach(() => {
  register = new InMemoryRegister();
  // Fri 24 Apr 2026, 10:00 in Amsterdam: Koningsdag (Mon 27 Apr) falls in the first week.
  clock = new FakeClock(new Date('2026-04-24T10:00:00+02:00'));
  mailer = new RecordingMailer();
  scheduler = new RecordingScheduler();
});

describe('references', () => {
  test('KL-<year>-<six digits>, sequential', () => {
    expect(formatReference(2026, 123)).toBe('KL-2026-000123');
    expect(formatReference(2026, 1_234_567)).toBe('KL-2026-1234567');
    expect(isReference('KL-2026-000123')).toBe(true);
    expect(isReference('KL-2026-12')).toBe(false);
    expect(() => formatReference(2026, 0)).toThrow(RangeError);
  });
});

describe('registerComplaint', () => {
  test('registers with receipt time, opening milestones on the Dutch calendar, and its outbox', async () => {
    const { complaint, replayed } = await registerComplaint(deps(), { body });
    expect(replayed).toBe(false);
    expect(complaint.reference).toBe('KL-2026-000001');
    expect(complaint.receivedAt).toBe('2026-04-24T08:00:00.000Z');
    expect(complaint.complainant.language).toBe('nl');
    const acknowledgement = complaint.milestones.find((m) => m.milestoneId === 'acknowledgement')!;
    // 5 working days from Fri 24 Apr 2026, Koningsdag skipped: Mon 4 May.
    expect(acknowledgement.due).toBe('2026-05-04');
    expect(acknowledgement.dueAt).toBe('2026-05-04T21:59:59.000Z');
    expect(acknowledgement.status).toBe('open');

    const entries = [...register.outbox.values()].map((e) => e.entryId).sort();
    // The letters one entry each; the schedules in one entry, retried as a whole.
    expect(entries).toEqual(['mail-acknowledgement-complainant-v1', 'mail-coordinator-notice-coordinator-v1', 'schedules-v1']);
    const names = scheduleChangesOf(register.outbox.get(`${complaint.reference}/schedules-v1`)?.action ?? { kind: 'erase-files' }).map((c) => c.kind === 'schedule' && c.name);
    expect(names.sort()).toEqual(
      [
        ...complaint.milestones.map((m) => `${complaint.reference}.${m.milestoneId}.check`),
        // Reminders at 09:00 on a working day before each deadline the regulation reminds for.
        ...complaint.milestones.filter((m) => m.reminderOn).map((m) => `${complaint.reference}.${m.milestoneId}.remind`),
      ].sort(),
    );
    expect(acknowledgement.reminderOn).toBe('2026-04-30');
    expect(await register.events(complaint.reference)).toMatchObject([{ seq: 1, type: 'registered' }]);
  });

  test('invalid input is refused before anything is allocated or written', async () => {
    await expect(registerComplaint(deps(), { body: { complainant: { name: 'X' } } })).rejects.toBeInstanceOf(InvalidInputError);
    expect(register.complaints.size).toBe(0);
    expect(await register.allocateSequence(2026)).toBe(1);
  });

  test('a repeated Idempotency-Key replays the first result; a different body with it is refused', async () => {
    const first = await registerComplaint(deps(), { body, idempotencyKey: 'key-12345678' });
    const again = await registerComplaint(deps(), { body, idempotencyKey: 'key-12345678' });
    expect(again).toMatchObject({ replayed: true, complaint: { reference: first.complaint.reference } });
    expect(register.complaints.size).toBe(1);
    await expect(registerComplaint(deps(), { body: { ...body, description: 'iets anders' }, idempotencyKey: 'key-12345678' })).rejects.toBeInstanceOf(RuleViolationError);
  });
});

describe('deliverOutbox', () => {
  test('sends the letters, creates the schedules and records the acknowledgement', async () => {
    const { complaint } = await registerComplaint(deps(), { body });
    const report = await deliverOutbox(deps());
    expect(report.delivered).toBe(3);
    expect(report.failed).toBe(0);
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['klachten@demo.example', 'sanne@example.com']);
    expect(scheduler.schedules.get(`${complaint.reference}.handling.check`)?.at.toISOString()).toBe('2026-06-05T21:59:59.000Z');
    // The acknowledgement was met by its letter, so its check was removed again.
    await deliverOutbox(deps());
    expect(scheduler.schedules.has(`${complaint.reference}.acknowledgement.check`)).toBe(false);
    const after = await register.get(complaint.reference);
    expect(after?.status).toBe('acknowledged');
    expect(after?.milestones.find((m) => m.milestoneId === 'acknowledgement')?.status).toBe('met');
    expect((await deliverOutbox(deps())).delivered).toBe(0);
    expect(mailer.sent).toHaveLength(2);
  });

  test('a failed send stays queued with backoff and goes out once when the mailer is back', async () => {
    await registerComplaint(deps(), { body });
    mailer.down = true;
    const failed = await deliverOutbox(deps());
    expect(failed.failed).toBe(2);
    expect((await deliverOutbox(deps())).failed).toBe(0); // backing off: nothing due yet
    mailer.down = false;
    clock.advance(backoffMs(1));
    expect((await deliverOutbox(deps())).delivered).toBe(2);
    expect(mailer.sent).toHaveLength(2);
  });

  test("an event's schedules are one entry: when one change fails the entry is retried whole, and every schedule is made", async () => {
    const { complaint } = await registerComplaint(deps(), { body });
    let calls = 0;
    const flaky = Object.assign(Object.create(scheduler) as RecordingScheduler, {
      ensure: async (schedule: Parameters<RecordingScheduler['ensure']>[0]) => {
        calls += 1;
        if (calls === 2) throw new Error('Scheduler throttled');
        return scheduler.ensure(schedule);
      },
    });
    const first = await deliverOutbox({ ...deps(), scheduler: flaky });
    expect(first).toMatchObject({ delivered: 2, failed: 1 });
    expect(register.outbox.get(`${complaint.reference}/schedules-v1`)).toMatchObject({ state: 'pending', attempts: 1, lastError: 'Error: Scheduler throttled' });
    clock.advance(backoffMs(1));
    await deliverOutbox({ ...deps(), scheduler: flaky });
    expect(register.outbox.get(`${complaint.reference}/schedules-v1`)?.state).toBe('done');
    expect(scheduler.schedules.has(`${complaint.reference}.handling.check`)).toBe(true);
    expect(scheduler.schedules.has(`${complaint.reference}.handling.remind`)).toBe(true);
  });

  test('an entry of one schedule change, as queued before schedules were grouped, is still delivered', async () => {
    const { complaint } = await registerComplaint(deps(), { body });
    await deliverOutbox(deps());
    const name = `${complaint.reference}.handling.check`;
    expect(scheduler.schedules.has(name)).toBe(true);
    register.outbox.set(`${complaint.reference}/unschedule-handling-check-v9`, {
      ...queuedEntry(complaint.reference, 'unschedule-handling-check-v9', { kind: 'unschedule', name }, clock.now()),
      state: 'pending',
    });
    expect((await deliverOutbox(deps())).delivered).toBeGreaterThanOrEqual(1);
    expect(scheduler.schedules.has(name)).toBe(false);
  });

  test('backoff doubles and is capped at 15 minutes', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([2000, 4000, 8000]);
    expect(backoffMs(30)).toBe(15 * 60_000);
  });
});

describe('checkDeadline', () => {
  test('met -> nothing; open before due -> not yet due; past due -> escalated once', async () => {
    const { complaint } = await registerComplaint(deps(), { body });
    const check = (milestoneId: string) => checkDeadline(deps(), { reference: complaint.reference, milestoneId, kind: 'check' });

    expect(await check('handling')).toBe('not-yet-due');
    clock.current = new Date('2026-05-05T00:00:00+02:00');
    expect(await check('acknowledgement')).toBe('escalated');
    expect(await check('acknowledgement')).toBe('already-escalated');
    const escalations = [...register.outbox.values()].filter((e) => e.action.kind === 'email' && e.action.letter === 'deadline-escalation');
    expect(escalations.map((e) => e.action.kind === 'email' && e.action.to).sort()).toEqual(['directie@demo.example', 'klachten@demo.example']);
    const events = await register.events(complaint.reference);
    expect(events.at(-1)).toMatchObject({ type: 'deadline-missed', escalates: ['acknowledgement'], data: { rule: 'art. 3' } });
  });

  test('an acknowledged complaint needs nothing at the check', async () => {
    const { complaint } = await registerComplaint(deps(), { body });
    await deliverOutbox(deps());
    clock.current = new Date('2026-05-06T00:00:00+02:00');
    expect(await checkDeadline(deps(), { reference: complaint.reference, milestoneId: 'acknowledgement', kind: 'check' })).toBe('met');
  });

  test('unknown complaints and milestones are reported, bad input refused', async () => {
    expect(await checkDeadline(deps(), { reference: 'KL-2026-999999', milestoneId: 'x', kind: 'check' })).toBe('unknown-complaint');
    const { complaint } = await registerComplaint(deps(), { body });
    expect(await checkDeadline(deps(), { reference: complaint.reference, milestoneId: 'nope', kind: 'check' })).toBe('unknown-milestone');
    await expect(checkDeadline(deps(), { reference: 1 })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
