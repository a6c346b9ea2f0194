/**
 * deliverAnnounced: the entries a stream batch carries are delivered straight away (not waiting
 * for the pending-entries index), each once; what moved on since it was written is left to the
 * pending pass; what could not be settled is reported, with the complaint's later entries.
 */
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { singleVersion } from '../../../../../shared/domain/regulation/versions.ts';
import { registerComplaint } from '../../../../../shared/domain/complaint/register-complaint.ts';
import { backoffMs, deliverAnnounced, deliverOutbox } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import type { OutboxEntry } from '../../../../../shared/domain/complaint/model.ts';
import { FakeClock, InMemoryRegister } from '../../../../support/in-memory-register.ts';
import { RecordingMailer } from '../../../../support/fakes/mailer.ts';
import { RecordingScheduler } from '../../../../support/fakes/scheduler.ts';

let regulation: Regulation;
beforeAll(async () => {
  regulation = await loadRegulationFile('tenants/demo.yaml');
});

/** A register whose outbox claims fail from a given moment (the database went away). */
class FailingRegister extends InMemoryRegister {
  databaseDown = false;
  override async claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date) {
    if (this.databaseDown) throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'ServiceUnavailableError' });
    return super.claimOutbox(entry, now, leaseUntil);
  }
}

let register: FailingRegister;
let clock: FakeClock;
let mailer: RecordingMailer;
let scheduler: RecordingScheduler;
const deps = () => ({ register, clock, regulations: singleVersion(regulation), mailer, scheduler });
const body = { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'Afspraak verzet.' };
/** The entries as the stream carries them: as they were written. */
const written = (): OutboxEntry[] => [...register.outbox.values()].map(({ state: _s, leaseUntil: _l, detail: _d, lastError: _e, sent: _x, ...entry }) => structuredClone(entry));

beforeEach(() => {
  register = new FailingRegister();
  clock = new FakeClock(new Date('2026-04-24T10:00:00+02:00'));
  mailer = new RecordingMailer();
  scheduler = new RecordingScheduler();
});

describe('deliverAnnounced', () => {
  test('delivers the announced entries once; announced again (a retried batch), they are skipped', async () => {
    const { complaint } = await registerComplaint(deps(), { body });
    const entries = written();
    expect(await deliverAnnounced(deps(), entries)).toEqual(entries.map(() => 'delivered'));
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['klachten@demo.example', 'sanne@example.com']);
    expect(scheduler.schedules.has(`${complaint.reference}.handling.check`)).toBe(true);
    expect(await deliverAnnounced(deps(), entries)).toEqual(entries.map(() => 'skipped'));
    expect(mailer.sent).toHaveLength(2);
  });

  test('a failed delivery is settled (queued with backoff), and then left to the pending pass', async () => {
    await registerComplaint(deps(), { body });
    const letters = written().filter((e) => e.action.kind === 'email');
    mailer.down = true;
    expect(await deliverAnnounced(deps(), letters)).toEqual(['failed', 'failed']);
    mailer.down = false;
    // The stream retrying the batch does not jump the backoff.
    expect(await deliverAnnounced(deps(), letters)).toEqual(['skipped', 'skipped']);
    clock.advance(backoffMs(1));
    await deliverOutbox(deps());
    expect(mailer.sent).toHaveLength(2);
  });

  test('an entry written for later (a seeded one, held) waits for its time', async () => {
    await registerComplaint(deps(), { body });
    const later = new Date(clock.now().getTime() + 3_600_000).toISOString();
    for (const stored of register.outbox.values()) stored.nextAttemptAt = later;
    expect(new Set(await deliverAnnounced(deps(), written()))).toEqual(new Set(['skipped']));
    expect(mailer.sent).toHaveLength(0);
  });

  test("an entry that could not be settled is an error, and so are its complaint's later entries; other complaints go on", async () => {
    await registerComplaint(deps(), { body });
    const first = written();
    await registerComplaint(deps(), { body: { ...body, complainant: { name: 'Piet', email: 'piet@example.com' } } });
    const second = written().filter((e) => !first.some((f) => f.reference === e.reference && f.entryId === e.entryId));
    register.databaseDown = true;
    const outcomes = await deliverAnnounced(deps(), [...first, ...second]);
    expect(outcomes).toEqual([...first, ...second].map(() => ({ error: 'ServiceUnavailableError' })));
    register.databaseDown = false;
    expect(await deliverAnnounced(deps(), [...first, ...second])).toEqual([...first, ...second].map(() => 'delivered'));
  });
});
