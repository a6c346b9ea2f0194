/** Names and inputs of the one-time schedules that check a complaint's milestones. */
import type { OneTimeSchedule } from '../ports.ts';
import type { MilestoneState } from './model.ts';

export interface DeadlineCheckInput {
  reference: string;
  milestoneId: string;
  kind: 'check';
}

/**
 * The check fires at the end of the due day: a milestone met on its due day is on time.
 * Names are deterministic so a retried create is recognised as the same schedule.
 */
export function deadlineCheckSchedule(reference: string, milestone: Pick<MilestoneState, 'milestoneId' | 'dueAt'>, timeZone: string): OneTimeSchedule {
  const input: DeadlineCheckInput = { reference, milestoneId: milestone.milestoneId, kind: 'check' };
  return {
    name: `${reference}.${milestone.milestoneId}.check`,
    at: new Date(milestone.dueAt),
    timeZone,
    input: { ...input },
  };
}
