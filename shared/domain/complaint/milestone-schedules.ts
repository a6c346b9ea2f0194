/**
 * The one-time schedules that watch a complaint's milestones, in one place: their timing, their
 * inputs and the outbox entries that keep the Scheduler in step (their names and the limits on
 * them are in regulation/schedule-names.ts, which tenant:check applies to a regulation's ids).
 *
 * Per open milestone a reminder at REMINDER_TIME on its reminder day (a working day, counted back
 * from the due date) and a check at the end of its due day; both deleted when it is met or
 * cancelled; moved (same names, new times) when its due date moves. And, with them, the letters
 * the event causes.
 */
import { instantAt } from '../calendar/index.ts';
import type { Regulation } from '../regulation/schema.ts';
import { scheduleName } from '../regulation/schedule-names.ts';
import type { OneTimeSchedule } from '../ports.ts';
import type { MilestoneState, OutboxAction, OutboxEntry, ScheduleChange } from './model.ts';
import type { AppliedEvent } from './events.ts';
import { noticeEntries } from '../letters/notices.ts';
import { queuedEntry } from './queue.ts';

/** Reminders go out in working hours. */
export const REMINDER_TIME = '09:00';

export interface DeadlineCheckInput {
  reference: string;
  milestoneId: string;
  /** 'check' at the end of the due day; 'remind' on the reminder morning. */
  kind: 'check' | 'remind';
}

/**
 * The check fires at the end of the due day: a milestone met on its due day is on time.
 * Names are deterministic so a retried create is recognised as the same schedule.
 */
export function deadlineCheckSchedule(reference: string, milestone: Pick<MilestoneState, 'milestoneId' | 'dueAt'>, timeZone: string): OneTimeSchedule {
  const input: DeadlineCheckInput = { reference, milestoneId: milestone.milestoneId, kind: 'check' };
  return { name: scheduleName(reference, milestone.milestoneId, 'check'), at: new Date(milestone.dueAt), timeZone, input: { ...input } };
}

/** The reminder fires at REMINDER_TIME local time on the reminder day, a working day before the due date. */
export function reminderSchedule(reference: string, milestone: Pick<MilestoneState, 'milestoneId' | 'reminderOn'>, timeZone: string): OneTimeSchedule | undefined {
  if (!milestone.reminderOn) return undefined;
  const input: DeadlineCheckInput = { reference, milestoneId: milestone.milestoneId, kind: 'remind' };
  return { name: scheduleName(reference, milestone.milestoneId, 'remind'), at: reminderInstant(milestone.reminderOn, timeZone), timeZone, input: { ...input } };
}

/**
 * The schedule changes an event causes, as one outbox entry (`schedules-v<seq>`), none when it
 * causes none: each change is idempotent (create-or-update, delete), so the entry is retried as a
 * whole and the drain claims and records it once, not once per schedule.
 */
export function scheduleEntries(reference: string, applied: Pick<AppliedEvent, 'scheduled' | 'unscheduled' | 'event'>, timeZone: string, now: Date): OutboxEntry[] {
  const changes: ScheduleChange[] = [];
  for (const m of applied.scheduled) {
    const check = deadlineCheckSchedule(reference, m, timeZone);
    changes.push({ kind: 'schedule', name: check.name, at: check.at.toISOString(), timeZone, input: check.input });
    // A reminder whose time has passed (the due date is near) is not worth sending late.
    const remind = reminderSchedule(reference, m, timeZone);
    if (remind && remind.at.getTime() > now.getTime()) changes.push({ kind: 'schedule', name: remind.name, at: remind.at.toISOString(), timeZone, input: remind.input });
  }
  for (const m of applied.unscheduled as MilestoneState[]) {
    changes.push({ kind: 'unschedule', name: deadlineCheckSchedule(reference, m, timeZone).name });
    if (m.reminderOn) changes.push({ kind: 'unschedule', name: reminderSchedule(reference, m, timeZone)!.name });
  }
  return changes.length ? [queuedEntry(reference, `schedules-v${applied.event.seq}`, { kind: 'schedules', changes }, now)] : [];
}

/** The schedule changes an outbox action makes: a group's, an older entry's single change, or none. */
export function scheduleChangesOf(action: OutboxAction): ScheduleChange[] {
  if (action.kind === 'schedules') return action.changes;
  return action.kind === 'schedule' || action.kind === 'unschedule' ? [action] : [];
}

/** Everything an event causes outside the register: schedules and letters. */
export function outboxForEvent(regulation: Regulation, applied: AppliedEvent, now: Date): OutboxEntry[] {
  return [...scheduleEntries(applied.next.reference, applied, regulation.organisation.timeZone, now), ...noticeEntries(regulation, applied.next, applied.event, now)];
}

export function reminderInstant(reminderOn: string, timeZone: string): Date {
  return instantAt(reminderOn, REMINDER_TIME, timeZone);
}
