import { versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { complaintWrite, type EventPublication } from './complaint-write.ts';
import type { Clock, ComplaintEventInput, ComplaintStore, OutboxStore, DeadlineScheduler, FileStore, LetterAsSent, Mailer, Metrics, WebhookPublisher } from '../ports.ts';
import { complaintFilesPrefix } from '../attachments/files.ts';
import { composeOutboxLetter, keptLetter } from '../letters/outbox-letter.ts';
import type { ComplaintRecord, OutboxEntry, ScheduleChange } from './model.ts';
import { applyEvent } from './events.ts';
import { outboxForEvent, reminderInstant, scheduleChangesOf } from './milestone-schedules.ts';
import { webhookEntryId } from './webhook-entries.ts';
import { ConflictError } from '../errors.ts';
import { retryWhileUnavailable } from '../retry-unavailable.ts';
import { deliveryProblemAlert } from './queue.ts';

export interface DeliverOutboxDeps extends EventPublication {
  register: Pick<ComplaintStore, 'get' | 'events'> & OutboxStore;
  mailer: Mailer;
  scheduler: Pick<DeadlineScheduler, 'ensure' | 'remove'>;
  clock: Clock;
  regulations: RegulationVersions;
  /** Base of the private status link the acknowledgement gives (the token is appended). */
  statusBaseUrl?: string;
  /** The tenant's webhook, when it has one configured. */
  webhooks?: WebhookPublisher;
  /** The attachments bucket: an anonymised complaint's files are deleted from it. */
  files?: Pick<FileStore, 'removeAll'>;
  /** Letters sent and failed, and the age of the oldest entry waiting at each pass. */
  metrics?: Metrics;
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
  skipped: number;
}

/** What a delivery did: a short detail, the event it records, and for a letter what was sent. */
interface Performed {
  detail: string;
  event?: ComplaintEventInput;
  letter?: LetterAsSent;
  /** The view the letter was made from: the event is applied to it first (read again after a conflict). */
  complaint?: ComplaintRecord;
}

/** Long enough for one SES call or one Scheduler call with SDK retries. */
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;
/** How long recording a performed delivery waits for an unavailable register: well within the lease. */
const RECORD_BUDGET_MS = 30_000;
/**
 * Attempts after which the outbox gives up on an entry. With the backoff (2 s doubling, then every
 * 15 minutes) and a drain at least every 5 minutes, the 100th attempt comes about a day after the
 * first: long enough for an SES or Scheduler outage to pass, bounded for a letter SES will never take.
 */
export const MAX_ATTEMPTS = 100;

export async function deliverOutbox(deps: DeliverOutboxDeps, limit = 25): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, failed: 0, skipped: 0 };
  const now = deps.clock.now();
  const pending = await deps.register.pendingOutbox(now, limit);
  // Every entry is due when it is made (createdAt): how long the oldest one due has waited to go out.
  const oldest = Math.min(...pending.map((e) => Date.parse(e.createdAt)));
  if (Number.isFinite(oldest)) deps.metrics?.observe('OutboxBacklogAgeSeconds', Math.max(0, Math.round((now.getTime() - oldest) / 1000)));
  // Complaints side by side (each entry has its own lease); one complaint's entries in order,
  // so its events stay in sequence and its letters do not race for its version.
  const byComplaint = new Map<string, OutboxEntry[]>();
  for (const entry of pending) byComplaint.set(entry.reference, [...(byComplaint.get(entry.reference) ?? []), entry]);
  const results = await Promise.allSettled(
    [...byComplaint.values()].map(async (entries) => {
      // In the order they were made, not by due time: a retry backing off must not fall behind what
      // came after it (the complaint's next webhook waits for it, and would wait for another pass).
      entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.entryId.localeCompare(b.entryId));
      for (const entry of entries) report[await deliverEntry(deps, entry)] += 1;
    }),
  );
  // Every group has finished before a failure is reported: none is left running behind the next pass.
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return report;
}

/** What became of an announced entry: as a report counts it, or the name of the error that kept it unsettled. */
export type AnnouncedOutcome = keyof DeliveryReport | { error: string };

/**
 * Entries written by a writer whose clock runs a little ahead are due all the same: every entry is
 * due when it is made (a seeded one held for later is hours ahead).
 */
const ANNOUNCED_CLOCK_SKEW_MS = 5_000;

/**
 * Delivers the entries a trigger announced (each new outbox item on the table's stream) straight
 * away, from the entry the trigger carries, without waiting for the pending-entries index to list
 * them: an index follows its table only eventually. An entry that has moved on since it was
 * written (delivered, tried and backing off, waiting its turn) or that is not due yet is left
 * alone: the pending pass and the timer take it. One complaint's entries in order, complaints side
 * by side, as deliverOutbox does.
 *
 * Per entry, in the order given: what became of it, or `{ error }` when it could not be settled
 * (the register did not answer): the trigger should try it again. After an error, the complaint's
 * later entries are not tried (they would overtake it) and are errors too.
 */
export async function deliverAnnounced(deps: DeliverOutboxDeps, entries: readonly OutboxEntry[]): Promise<AnnouncedOutcome[]> {
  const outcomes: AnnouncedOutcome[] = entries.map(() => 'skipped');
  const byComplaint = new Map<string, number[]>();
  entries.forEach((entry, i) => byComplaint.set(entry.reference, [...(byComplaint.get(entry.reference) ?? []), i]));
  await Promise.all(
    [...byComplaint.values()].map(async (indexes) => {
      for (const [n, i] of indexes.entries()) {
        try {
          outcomes[i] = await deliverIfUnchanged(deps, entries[i]!);
        } catch (error) {
          const failure = { error: error instanceof Error ? error.name : 'Error' };
          for (const later of indexes.slice(n)) outcomes[later] = failure;
          return;
        }
      }
    }),
  );
  return outcomes;
}

async function deliverIfUnchanged(deps: DeliverOutboxDeps, entry: OutboxEntry): Promise<keyof DeliveryReport> {
  const due = Date.parse(entry.nextAttemptAt) <= deps.clock.now().getTime() + ANNOUNCED_CLOCK_SKEW_MS;
  if (!due) return 'skipped';
  // The claim takes the entry only as announced: done, held, or released since (a release moves
  // nextAttemptAt), it is skipped without a read first.
  return deliverEntry(deps, entry);
}

export async function deliverEntry(deps: DeliverOutboxDeps, entry: OutboxEntry): Promise<keyof DeliveryReport> {
  const now = deps.clock.now();
  if (!(await deps.register.claimOutbox(entry, now, new Date(now.getTime() + LEASE_MS)))) return 'skipped';
  const waitFor = await webhookPredecessor(deps, entry);
  if (waitFor) {
    // Not a failure: the receiver gets a complaint's events in order, so this one waits its turn.
    await deps.register.releaseOutbox(entry, { attempts: entry.attempts, retryAt: waitFor.retryAt, error: `waiting for ${waitFor.entryId}` });
    return 'skipped';
  }
  const letter = entry.action.kind === 'email';
  let performed: Performed;
  try {
    performed = await perform(deps, entry);
  } catch (error) {
    if (letter) deps.metrics?.count('LettersFailed');
    const attempts = entry.attempts + 1;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (attempts >= MAX_ATTEMPTS) {
      await giveUp(deps, entry, attempts, message);
      return 'failed';
    }
    await deps.register.releaseOutbox(entry, {
      attempts,
      retryAt: new Date(deps.clock.now().getTime() + backoffMs(attempts)),
      error: message,
    });
    return 'failed';
  }
  // Sent: recording it may still fail, but the letter is out.
  if (letter) deps.metrics?.count('LettersSent');
  await recordDelivery(deps, entry, performed);
  return 'delivered';
}

/**
 * The letter is out: record it, re-reading the complaint if another change got in between.
 * Never send again here; a conflict only means the event must be applied to a newer view.
 */
async function recordDelivery(deps: DeliverOutboxDeps, entry: OutboxEntry, performed: Performed): Promise<void> {
  const result = { deliveredAt: deps.clock.now(), detail: performed.detail, ...(performed.letter ? { letter: performed.letter } : {}) };
  for (let attempt = 0; ; attempt += 1) {
    const complaint = !performed.event
      ? undefined
      : attempt === 0 && performed.complaint
        ? performed.complaint
        : await retryWhileUnavailable(() => deps.register.get(entry.reference), RECORD_BUDGET_MS);
    // Stamped when recorded, so the trail's times follow its order; the send time is in the data.
    const event = performed.event ? { ...performed.event, at: deps.clock.now(), data: { ...performed.event.data, sentAt: performed.event.at.toISOString() } } : undefined;
    const regulation = complaint && versionOf(deps.regulations, complaint);
    const applied = complaint && regulation && event ? applyEvent(regulation, complaint, event) : undefined;
    try {
      // The database may be restarting: wait for it (within the lease) rather than let the
      // lease lapse and the letter go out twice.
      await retryWhileUnavailable(
        () => deps.register.completeOutbox(entry, result, applied ? complaintWrite(deps, applied, regulation ? outboxForEvent(regulation, applied, deps.clock.now()) : []) : undefined),
        RECORD_BUDGET_MS,
      );
      return;
    } catch (error) {
      if (error instanceof ConflictError && attempt < 10) continue;
      throw error;
    }
  }
}

/**
 * The last attempt failed: the entry is settled as given up (no more retries). For a letter the
 * complaint records `letter-failed` (which letter, to whom, after how many attempts, the last
 * error) and the coordinator gets a delivery-problem notice, in the same transaction; a notice
 * about a delivery problem that itself fails tells nobody more (no loop). A schedule given up is
 * recreated by the daily sweep; a webhook call given up lets the complaint's next ones go.
 */
async function giveUp(deps: DeliverOutboxDeps, entry: OutboxEntry, attempts: number, error: string): Promise<void> {
  const action = entry.action;
  const result = { deliveredAt: deps.clock.now(), detail: `given up after ${attempts} attempts: ${error}`.slice(0, 1000) };
  if (action.kind !== 'email') {
    await retryWhileUnavailable(() => deps.register.completeOutbox(entry, result), RECORD_BUDGET_MS);
    return;
  }
  for (let attempt = 0; ; attempt += 1) {
    const complaint = await retryWhileUnavailable(() => deps.register.get(entry.reference), RECORD_BUDGET_MS);
    if (!complaint) {
      await retryWhileUnavailable(() => deps.register.completeOutbox(entry, result), RECORD_BUDGET_MS);
      return;
    }
    const now = deps.clock.now();
    const regulation = versionOf(deps.regulations, complaint);
    const applied = applyEvent(regulation, complaint, {
      type: 'letter-failed',
      at: now,
      actor: 'system',
      data: {
        letter: action.letter === 'notice' ? action.notice.id : action.letter,
        recipient: action.letter === 'notice' ? action.recipient : 'staff',
        to: action.to,
        attempts,
        error: error.slice(0, 300),
      },
    });
    // A failed alert does not alert about itself.
    const alert = action.letter === 'delivery-problem' ? [] : deliveryProblemAlert(regulation, entry.reference, applied.event.seq, action.to, 'failed', now);
    try {
      await retryWhileUnavailable(() => deps.register.completeOutbox(entry, result, complaintWrite(deps, applied, [...alert, ...outboxForEvent(regulation, applied, now)])), RECORD_BUDGET_MS);
      return;
    } catch (failure) {
      if (failure instanceof ConflictError && attempt < 10) continue;
      throw failure;
    }
  }
}

/**
 * A webhook waits while the one for the complaint's previous event is still pending (being
 * delivered, or backing off after a failure): when it may try again. None for the first event,
 * or when the previous event had no webhook (webhooks were switched on later).
 */
async function webhookPredecessor(deps: DeliverOutboxDeps, entry: OutboxEntry): Promise<{ entryId: string; retryAt: Date } | undefined> {
  if (entry.action.kind !== 'webhook' || entry.action.event.seq <= 1) return undefined;
  const entryId = webhookEntryId(entry.action.event.seq - 1);
  const previous = await deps.register.outboxEntryState(entry.reference, entryId);
  if (previous?.state !== 'pending') return undefined;
  const soon = deps.clock.now().getTime() + 1000;
  return { entryId, retryAt: new Date(Math.max(soon, Date.parse(previous.nextAttemptAt))) };
}

/** 2 s, 4 s, 8 s ... capped at 15 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20));
}

async function perform(deps: DeliverOutboxDeps, entry: OutboxEntry): Promise<Performed> {
  const action = entry.action;
  if (action.kind === 'schedules' || action.kind === 'schedule' || action.kind === 'unschedule') {
    const changes = scheduleChangesOf(action);
    // Read once for the whole entry: a change the complaint has moved past is not made.
    const complaint = changes.some((c) => c.kind === 'schedule') ? await deps.register.get(entry.reference) : undefined;
    const details: string[] = [];
    for (const change of changes) details.push(await changeSchedule(deps, complaint, change));
    return { detail: details.join('; ').slice(0, 1000) };
  }
  if (action.kind === 'erase-files') {
    // Without a bucket (a register with no attachments configured) there is nothing to delete.
    if (!deps.files) return { detail: 'no attachments bucket configured; nothing to erase' };
    return { detail: `${await deps.files.removeAll(complaintFilesPrefix(entry.reference))} file(s) erased` };
  }
  if (action.kind === 'webhook') {
    // Queued while the tenant had a webhook; it has none now, so there is nobody to tell.
    if (!deps.webhooks) return { detail: 'webhook not configured; not sent' };
    // No event of its own: delivering an event must not cause another one.
    return { detail: await deps.webhooks.publish(action.event) };
  }
  const complaint = await deps.register.get(entry.reference);
  if (!complaint) throw new Error(`complaint ${entry.reference} not found for outbox entry ${entry.entryId}`);
  const letter = await composeOutboxLetter(
    { events: (reference) => deps.register.events(reference), ...(deps.statusBaseUrl ? { statusBaseUrl: deps.statusBaseUrl } : {}) },
    versionOf(deps.regulations, complaint),
    complaint,
    action,
  );
  const org = versionOf(deps.regulations, complaint).organisation;
  const messageId = await deps.mailer.send({
    reference: complaint.reference,
    from: `${org.name} <${org.senderAddress}>`,
    ...(org.replyTo ? { replyTo: org.replyTo } : {}),
    to: action.to,
    ...letter,
  });
  // Kept with the entry as it went out, less the private status link's token.
  const sent = keptLetter({ to: action.to, ...letter, sentAt: deps.clock.now().toISOString(), messageId }, 'statusToken' in action ? action.statusToken : undefined);
  // The letter is part of the record: the event it fulfils (acknowledged, report-sent, ...) once,
  // or a plain 'letter-sent' for the audit trail.
  const records = action.letter === 'notice' ? action.notice.records : undefined;
  const type = records && !complaint.happened[records] ? records : action.letter === 'deadline-reminder' ? 'reminder-sent' : 'letter-sent';
  const event: ComplaintEventInput = {
    type,
    at: deps.clock.now(),
    actor: 'system',
    ...(action.letter === 'notice' && action.notice.citation ? { rule: action.notice.citation } : {}),
    data: {
      letter: action.letter === 'notice' ? action.notice.id : action.letter,
      recipient: action.letter === 'notice' ? action.recipient : 'staff',
      messageId,
      ...('milestoneId' in action ? { milestoneId: action.milestoneId } : {}),
    },
    ...(action.meets && action.meets.length > 0 ? { meets: action.meets } : {}),
  };
  return { detail: `ses ${messageId}`, event, letter: sent, complaint };
}

/** One schedule change, idempotent: a create is left out when the complaint has moved past it. */
async function changeSchedule(deps: DeliverOutboxDeps, complaint: ComplaintRecord | undefined, change: ScheduleChange): Promise<string> {
  if (change.kind === 'unschedule') {
    await deps.scheduler.remove(change.name);
    return `unschedule ${change.name}`;
  }
  const stale = staleSchedule(complaint, change);
  if (stale) return `not scheduled: ${stale}`;
  await deps.scheduler.ensure({ name: change.name, at: new Date(change.at), timeZone: change.timeZone, input: change.input });
  return `schedule ${change.name}`;
}

/**
 * A create that was retried after the complaint moved on must not bring back a schedule: its
 * milestone was met or cancelled (and its schedules deleted), or its due date moved since.
 */
function staleSchedule(complaint: ComplaintRecord | undefined, change: Extract<ScheduleChange, { kind: 'schedule' }>): string | undefined {
  const { milestoneId, kind } = change.input as { milestoneId?: string; kind?: string };
  if (!milestoneId) return undefined;
  const milestone = complaint?.milestones.find((m) => m.milestoneId === milestoneId);
  if (!milestone) return undefined;
  if (milestone.status === 'met' || milestone.status === 'cancelled') return `${milestoneId} is ${milestone.status}`;
  const current = kind === 'remind' ? (milestone.reminderOn ? reminderInstant(milestone.reminderOn, change.timeZone).getTime() : undefined) : Date.parse(milestone.dueAt);
  return current === Date.parse(change.at) ? undefined : `${milestoneId} has moved since`;
}
