/**
 * The business metrics, recorded by the use cases where things happen (the Metrics port, a plain
 * recording fake here): a complaint registered (not a replay), a letter sent or failed, the age
 * of the oldest outbox entry due at each pass, a deadline missed (by its schedule or the daily
 * sweep), a bounce or spam report recorded.
 */
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { singleVersion } from '../../../../../shared/domain/regulation/versions.ts';
import { registerComplaint } from '../../../../../shared/domain/complaint/register-complaint.ts';
import { backoffMs, deliverOutbox } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import { checkDeadline } from '../../../../../shared/domain/complaint/check-deadline.ts';
import { sweepDeadlines } from '../../../../../shared/domain/complaint/sweep-deadlines.ts';
import { recordMailEvent } from '../../../../../shared/domain/complaint/mail-events.ts';
import type { CountMetric, Metrics } from '../../../../../shared/domain/ports.ts';
import { FakeClock, InMemoryRegister } from '../../../../support/in-memory-register.ts';
import { InMemoryComplaintLists } from '../../../../support/fakes/lists.ts';
import { InMemoryDigestStore } from '../../../../support/fakes/status-links.ts';
import type { ComplaintQuery } from '../../../../../shared/domain/ports.ts';
import { RecordingScheduler } from '../../../../support/fakes/scheduler.ts';

class RecordingMetrics implements Metrics {
  counts: Partial<Record<CountMetric, number>> = {};
  ages: number[] = [];
  count(name: CountMetric, n = 1) {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }
  observe(_name: 'OutboxBacklogAgeSeconds', seconds: number) {
    this.ages.push(seconds);
  }
}

/** The register with what the daily sweep also reads, from the shared fakes over its table: the lists, and the weekly digest markers. */
class SweptRegister extends InMemoryRegister {
  private readonly lists = new InMemoryComplaintLists(this.table);
  private readonly digests = new InMemoryDigestStore(this.table);
  list(query: ComplaintQuery) {
    return this.lists.list(query);
  }
  claimDigest(week: string, recipient: string, now: Date, leaseUntil: Date) {
    return this.digests.claimDigest(week, recipient, now, leaseUntil);
  }
  completeDigest(week: string, recipient: string, detail: string) {
    return this.digests.completeDigest(week, recipient, detail);
  }
  releaseDigest(week: string, recipient: string) {
    return this.digests.releaseDigest(week, recipient);
  }
}

let regulation: Regulation;
let register: SweptRegister;
let clock: FakeClock;
let metrics: RecordingMetrics;
let mailDown: boolean;
beforeAll(async () => {
  regulation = await loadRegulationFile('tenants/demo.yaml');
});
beforeEach(() => {
  register = new SweptRegister();
  clock = new FakeClock(new Date('2026-04-24T10:00:00+02:00'));
  metrics = new RecordingMetrics();
  mailDown = false;
});

const deps = () => ({
  register,
  clock,
  regulations: singleVersion(regulation),
  metrics,
  mailer: {
    send: async () => {
      if (mailDown) throw new Error('SES unavailable');
      return 'm-1';
    },
  },
  scheduler: { ensure: async () => {}, remove: async () => {}, exists: async () => true },
});
const body = { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'Afspraak verzet.' };

describe('ComplaintsRegistered', () => {
  test('one per complaint registered; a replay with the same Idempotency-Key counts nothing', async () => {
    await registerComplaint(deps(), { body, idempotencyKey: 'key-12345678' });
    await registerComplaint(deps(), { body, idempotencyKey: 'key-12345678' });
    await registerComplaint(deps(), { body });
    expect(metrics.counts).toEqual({ ComplaintsRegistered: 2 });
  });
});

describe('LettersSent, LettersFailed, OutboxBacklogAgeSeconds', () => {
  test('letters only (not schedules), each attempt that failed, and how long the oldest due entry waited', async () => {
    await registerComplaint(deps(), { body });
    metrics = new RecordingMetrics();
    clock.advance(90_000);
    mailDown = true;
    await deliverOutbox(deps());
    // The acknowledgement and the coordinator's notice failed; the schedules were created.
    expect(metrics.counts).toEqual({ LettersFailed: 2 });
    expect(metrics.ages).toEqual([90]);

    mailDown = false;
    clock.advance(backoffMs(1));
    await deliverOutbox(deps());
    expect(metrics.counts).toEqual({ LettersFailed: 2, LettersSent: 2 });
    expect(metrics.ages).toEqual([90, 92]);

    // What the letters caused (the met acknowledgement's schedules removed) goes too; then a pass
    // with nothing due records no age: the metric has data only when something waited.
    while ((await deliverOutbox(deps())).delivered > 0);
    const seen = metrics.ages.length;
    await deliverOutbox(deps());
    expect(metrics.ages).toHaveLength(seen);
    expect(metrics.counts).toEqual({ LettersFailed: 2, LettersSent: 2 });
  });
});

describe('DeadlinesMissed', () => {
  test('a deadline escalated by its schedule counts once; the check run again counts nothing', async () => {
    const { complaint } = await registerComplaint(deps(), { body });
    metrics = new RecordingMetrics();
    clock.current = new Date('2026-05-05T00:00:00+02:00');
    const check = () => checkDeadline(deps(), { reference: complaint.reference, milestoneId: 'acknowledgement', kind: 'check' });
    expect(await check()).toBe('escalated');
    expect(await check()).toBe('already-escalated');
    expect(metrics.counts).toEqual({ DeadlinesMissed: 1 });
  });

  test('a deadline the daily sweep escalates (its schedule was lost) counts the same', async () => {
    await registerComplaint(deps(), { body });
    metrics = new RecordingMetrics();
    clock.current = new Date('2026-05-05T00:00:00+02:00');
    const report = await sweepDeadlines(deps());
    expect(report.escalated).toBe(1);
    expect(metrics.counts).toEqual({ DeadlinesMissed: 1 });
  });
});

describe('the daily sweep over many complaints at once', () => {
  test('each overdue deadline escalated once, each missing schedule made once, whatever the order they are worked in', async () => {
    const references: string[] = [];
    for (let i = 0; i < 20; i++) references.push((await registerComplaint(deps(), { body: { ...body, complainant: { ...body.complainant, email: `k${i}@example.com` } } })).complaint.reference);
    // Nothing delivered: every schedule is missing. The acknowledgement is overdue; the handling is still ahead.
    const scheduler = new RecordingScheduler();
    clock.current = new Date('2026-05-05T00:00:00+02:00');
    const first = await sweepDeadlines({ ...deps(), scheduler });
    expect(first.escalated).toBe(20);
    for (const reference of references) {
      expect((await register.get(reference))?.milestones.find((m) => m.milestoneId === 'acknowledgement')?.status).toBe('escalated');
      expect(scheduler.schedules.has(`${reference}.handling.check`)).toBe(true);
    }
    expect(first.schedulesRepaired).toBe(scheduler.schedules.size);
    expect(await sweepDeadlines({ ...deps(), scheduler })).toMatchObject({ escalated: 0, schedulesRepaired: 0 });
  });
});

describe('Bounces', () => {
  test('a permanent bounce or a spam report recorded counts; one seen before, a transient bounce or untagged mail does not', async () => {
    const { complaint } = await registerComplaint(deps(), { body });
    metrics = new RecordingMetrics();
    const mail = (messageId: string) => ({ messageId, tags: { reference: [complaint.reference] }, destination: ['sanne@example.com'] });
    expect(await recordMailEvent(deps(), { eventType: 'Bounce', mail: mail('ses-1'), bounce: { bounceType: 'Permanent' } })).toBe('recorded');
    expect(await recordMailEvent(deps(), { eventType: 'Bounce', mail: mail('ses-1'), bounce: { bounceType: 'Permanent' } })).toBe('already-recorded');
    expect(await recordMailEvent(deps(), { eventType: 'Complaint', mail: mail('ses-2') })).toBe('recorded');
    expect(await recordMailEvent(deps(), { eventType: 'Bounce', mail: mail('ses-3'), bounce: { bounceType: 'Transient' } })).toBe('ignored');
    expect(await recordMailEvent(deps(), { eventType: 'Bounce', mail: { messageId: 'x' }, bounce: { bounceType: 'Permanent' } })).toBe('ignored');
    expect(metrics.counts).toEqual({ Bounces: 2 });
  });
});
