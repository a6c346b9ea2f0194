/**
 * Outbox entries that keep the Scheduler in step with a complaint's milestones: one check per
 * open milestone at the end of its due day; deleted when it is met or cancelled; moved (same
 * name, new time) when its due date moves.
 */
import type { MilestoneState, OutboxEntry } from './model.ts';
import type { AppliedEvent } from './events.ts';
import { deadlineCheckSchedule } from './deadline-schedules.ts';

export function scheduleEntries(reference: string, applied: Pick<AppliedEvent, 'scheduled' | 'unscheduled' | 'event'>, timeZone: string, now: Date): OutboxEntry[] {
  const createdAt = now.toISOString();
  const entry = (entryId: string, action: OutboxEntry['action']): OutboxEntry => ({ reference, entryId, createdAt, nextAttemptAt: createdAt, attempts: 0, action });
  const version = applied.event.seq;
  return [
    ...applied.scheduled.map((m) => {
      const schedule = deadlineCheckSchedule(reference, m, timeZone);
      return entry(`schedule-${m.milestoneId}-check-v${version}`, { kind: 'schedule', name: schedule.name, at: schedule.at.toISOString(), timeZone, input: schedule.input });
    }),
    ...applied.unscheduled.map((m: MilestoneState) =>
      entry(`unschedule-${m.milestoneId}-check-v${version}`, { kind: 'unschedule', name: deadlineCheckSchedule(reference, m, timeZone).name })),
  ];
}
