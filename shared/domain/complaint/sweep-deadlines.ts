/**
 * The daily safety net. Schedules can be lost (deleted by hand, a failed call before the outbox
 * existed, a region incident): nothing may depend on them alone. Each run
 *  1. escalates every open milestone past due (the same check a schedule would have run),
 *  2. recreates the check and reminder schedules of open milestones that have none,
 *  3. once per ISO week, sends each handler (and the coordinator) a digest of their open deadlines.
 * It is idempotent: a second run finds nothing to do.
 */
import { fromDayNumber, localDateOf, toDayNumber, weekdayOf } from '../calendar/index.ts';
import { versionInForce, versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { roleContact } from '../regulation/milestones.ts';
import type { Clock, ComplaintStore, DeadlineScheduler, DigestStore, Mailer, Metrics } from '../ports.ts';
import type { EventPublication } from './complaint-write.ts';
import type { ComplaintRecord, MilestoneState } from './model.ts';
import { checkDeadline } from './check-deadline.ts';
import { deadlineCheckSchedule, reminderSchedule } from './milestone-schedules.ts';
import { weeklyDigest } from '../letters/letters.ts';

export interface ListOpen {
  list(query: { overdueAt?: Date; dueBefore?: Date; limit: number; cursor?: string }): Promise<{ items: ComplaintRecord[]; cursor?: string }>;
}

/** The digests' send markers (ports/status-links.ts). */
export type DigestMarkers = DigestStore;

export interface SweepDeps extends EventPublication {
  register: Pick<ComplaintStore, 'get' | 'appendEvent'> & ListOpen & DigestStore;
  scheduler: Pick<DeadlineScheduler, 'ensure' | 'exists'>;
  mailer: Mailer;
  clock: Clock;
  regulations: RegulationVersions;
  /** Passed to the deadline check: a missed deadline the sweep escalates counts like one a schedule escalates. */
  metrics?: Pick<Metrics, 'count'>;
}

export interface SweepReport {
  escalated: number;
  schedulesRepaired: number;
  digestsSent: number;
}

/** How far ahead open deadlines are checked for their schedules. */
const LOOKAHEAD_MS = 400 * 24 * 3600 * 1000;
const PAGE = 100;

export async function sweepDeadlines(deps: SweepDeps): Promise<SweepReport> {
  const report: SweepReport = { escalated: 0, schedulesRepaired: 0, digestsSent: 0 };
  const now = deps.clock.now();
  const timeZone = versionInForce(deps.regulations, now).organisation.timeZone;
  const open = await allPages((cursor) => deps.register.list({ dueBefore: new Date(now.getTime() + LOOKAHEAD_MS), limit: PAGE, ...(cursor ? { cursor } : {}) }));

  // Complaints side by side, a few at a time; one complaint's escalations in turn (each is a new
  // version of it), its schedules checked at once (they are the Scheduler's, not the complaint's).
  await eachAtMost(SIDE_BY_SIDE, open, async (complaint) => {
    const milestones = complaint.milestones.filter((m) => m.status === 'open');
    for (const milestone of milestones.filter((m) => Date.parse(m.dueAt) <= now.getTime())) {
      const outcome = await checkDeadline(deps, { reference: complaint.reference, milestoneId: milestone.milestoneId, kind: 'check' });
      if (outcome === 'escalated') report.escalated += 1;
    }
    const ahead = milestones.filter((m) => Date.parse(m.dueAt) > now.getTime());
    for (const repaired of await Promise.all(ahead.map((m) => repairSchedules(deps, complaint.reference, m, timeZone, now)))) report.schedulesRepaired += repaired;
  });
  report.digestsSent = await sendDigests(deps, open, now);
  return report;
}

/** How many complaints the sweep works on at once: well under the Scheduler's and DynamoDB's request rates. */
const SIDE_BY_SIDE = 8;

/** Runs `work` on every item, at most `limit` at once; the first failure is thrown once all have settled. */
async function eachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

async function repairSchedules(deps: SweepDeps, reference: string, milestone: MilestoneState, timeZone: string, now: Date): Promise<number> {
  let repaired = 0;
  const wanted = [deadlineCheckSchedule(reference, milestone, timeZone), reminderSchedule(reference, milestone, timeZone)]
    .filter((s): s is NonNullable<typeof s> => s !== undefined && s.at.getTime() > now.getTime())
    .filter(() => !(milestone.remindedFor === milestone.due));
  await Promise.all(
    wanted.map(async (schedule) => {
      if (await deps.scheduler.exists(schedule.name)) return;
      await deps.scheduler.ensure(schedule);
      repaired += 1;
    }),
  );
  return repaired;
}

/** ISO week of a local date, e.g. 2026-W21: the digest goes out once per week per person. */
export function isoWeek(isoDate: string): string {
  // The week belongs to the year of its Thursday.
  const thursday = toDayNumber(isoDate) - weekdayOf(isoDate) + 4;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const week = Math.floor((thursday - toDayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

async function sendDigests(deps: SweepDeps, open: ComplaintRecord[], now: Date): Promise<number> {
  // The digest is the organisation's, as its regulation stands today; each complaint's coordinator is its own version's.
  const regulation = versionInForce(deps.regulations, now);
  const today = localDateOf(now, regulation.organisation.timeZone);
  const week = isoWeek(today);
  const weekEnd = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  const byRecipient = new Map<string, Array<{ complaint: ComplaintRecord; milestone: MilestoneState }>>();
  for (const complaint of open) {
    for (const milestone of complaint.milestones) {
      if (milestone.status === 'met' || milestone.status === 'cancelled' || Date.parse(milestone.dueAt) > weekEnd.getTime()) continue;
      const recipient = complaint.handler?.email ?? roleContact(versionOf(deps.regulations, complaint), 'coordinator')?.email;
      if (!recipient) continue;
      byRecipient.set(recipient, [...(byRecipient.get(recipient) ?? []), { complaint, milestone }]);
    }
  }
  let sent = 0;
  // One digest per person, each claimed on its own: side by side.
  await eachAtMost(SIDE_BY_SIDE, [...byRecipient], async ([recipient, items]) => {
    if (!(await deps.register.claimDigest(week, recipient, now, new Date(now.getTime() + 5 * 60_000)))) return;
    try {
      const letter = weeklyDigest(regulation, week, items, now);
      const org = regulation.organisation;
      const messageId = await deps.mailer.send({ from: `${org.name} <${org.senderAddress}>`, ...(org.replyTo ? { replyTo: org.replyTo } : {}), to: recipient, ...letter });
      await deps.register.completeDigest(week, recipient, messageId);
      sent += 1;
    } catch (error) {
      await deps.register.releaseDigest(week, recipient).catch(() => undefined);
      throw error;
    }
  });
  return sent;
}

async function allPages<T>(page: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    all.push(...result.items);
    cursor = result.cursor;
  } while (cursor);
  return all;
}
