/** Names and inputs of the one-time schedules that watch a complaint's milestones. */
import { instantAt } from '../calendar/index.ts';
import type { OneTimeSchedule } from '../ports.ts';
import type { MilestoneState } from './model.ts';
import { scheduleName } from '../regulation/schedule-names.ts';

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

/** The reminder fires at 09:00 local time on the reminder day, a working day before the due date. */
export function reminderSchedule(reference: string, milestone: Pick<MilestoneState, 'milestoneId' | 'reminderOn'>, timeZone: string): OneTimeSchedule | undefined {
  if (!milestone.reminderOn) return undefined;
  const input: DeadlineCheckInput = { reference, milestoneId: milestone.milestoneId, kind: 'remind' };
  return { name: scheduleName(reference, milestone.milestoneId, 'remind'), at: instantAt(milestone.reminderOn, '09:00', timeZone), timeZone, input: { ...input } };
}
