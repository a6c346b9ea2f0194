/**
 * Names of the one-time schedules that watch a complaint's milestones, and the limits they put on
 * milestone ids. EventBridge Scheduler (and our emulator) refuse a name over 64 characters or
 * with characters outside [0-9a-zA-Z-_.]: a milestone whose schedules are refused has no deadline
 * check at all, so tenant:check refuses an id that could not fit.
 *
 * A name is `<reference>.<milestone id>[.<occurrence>].<kind>`: `KL-2026-000001.ruling.check`,
 * `KL-2026-000001.progress-update.3.remind`.
 */

/** EventBridge Scheduler's limit on a schedule name. */
export const SCHEDULE_NAME_LIMIT = 64;
/** The longest reference we issue: KL-<year>-<sequence>, six digits, room for a seventh. */
const LONGEST_REFERENCE = 'KL-2026-0000000'.length;
/** The longest kind: 'remind' ('check' is shorter). */
const LONGEST_KIND = 'remind'.length;
/** Occurrences of a recurring milestone are numbered 1..MAX_OCCURRENCES. */
export const MAX_OCCURRENCES = 9_999;

export const MAX_MILESTONE_ID_LENGTH = SCHEDULE_NAME_LIMIT - LONGEST_REFERENCE - 1 - 1 - LONGEST_KIND;
export const MAX_RECURRING_MILESTONE_ID_LENGTH = MAX_MILESTONE_ID_LENGTH - 1 - String(MAX_OCCURRENCES).length;

const NAME_PATTERN = /^[0-9a-zA-Z\-_.]{1,64}$/;

/** The schedule name for one milestone (or occurrence) of a complaint. */
export function scheduleName(reference: string, milestoneKey: string, kind: 'check' | 'remind'): string {
  const name = `${reference}.${milestoneKey}.${kind}`;
  if (!NAME_PATTERN.test(name)) throw new RangeError(`schedule name ${JSON.stringify(name)} does not fit EventBridge Scheduler's ${SCHEDULE_NAME_LIMIT} characters [0-9a-zA-Z-_.]`);
  return name;
}

/** The key of occurrence n of a recurring milestone: 'progress-update.3' (a dot never occurs in an id). */
export function occurrenceKey(milestoneId: string, occurrence: number): string {
  return `${milestoneId}.${occurrence}`;
}
