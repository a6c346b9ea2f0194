/**
 * The reason for a date: the same counting as periods.ts, step by step, with every day it skipped
 * and why. Kept apart from dueDate so the hot path (a million due dates a second) pays nothing
 * for it; the tests check that both give the same day.
 */
import type { WorkingCalendar } from './dutch-calendar.ts';
import { type IsoDate, civilOf, daysInMonth, fromDayNumber, toDayNumber } from './local-date.ts';
import { endOfPeriod, type Period } from './periods.ts';

export interface SkippedDay {
  date: IsoDate;
  /** The calendar's reason: 'weekend', 'Koningsdag', 'brugdag (besluit)', 'sluitingsdag', ... */
  reason: string;
}

/** An extension: a period added to the end reached so far, or a new date (an open-ended extension). */
export type Extension = Period | { until: IsoDate };

export type DateStep =
  /** The period counted from `from` (not counted itself) to `to`; working days list what they skipped. */
  | { step: 'count'; period: Period; from: IsoDate; to: IsoDate; skipped: SkippedDay[] }
  /** A month or year count landed on a day the month lacks (31 February): its last day instead. */
  | { step: 'month-clamp'; wanted: string; to: IsoDate }
  /** An extension: a period added to the end so far, or a new date set. */
  | { step: 'extension'; extension: Extension; from: IsoDate; to: IsoDate; skipped: SkippedDay[] }
  /** The end fell on a non-working day: the period runs to the next working day (Atw art. 1). */
  | { step: 'end-day-rule'; from: IsoDate; to: IsoDate; skipped: SkippedDay[] }
  /** The end fell on a non-working day and the rule is off for this deadline: it stays. */
  | { step: 'end-day-rule-off'; on: IsoDate; reason: string }
  /** A zero-length period ends on its anchor day, whatever day that is. */
  | { step: 'same-day'; on: IsoDate };

export interface ExplainedDate {
  due: IsoDate;
  steps: DateStep[];
}

export interface ExplainOptions {
  endDayRule?: boolean;
  extensions?: readonly Extension[];
}

/** The due date of a period from an anchor day, with its reasons. Gives the same day as dueDate. */
export function explainDueDate(anchor: IsoDate, period: Period, calendar: WorkingCalendar, options: ExplainOptions = {}): ExplainedDate {
  const steps: DateStep[] = [];
  const start = toDayNumber(anchor);
  if (period.unit === 'same-day' || period.amount === 0) {
    steps.push({ step: 'same-day', on: anchor });
  } else {
    steps.push(...countSteps(start, period, calendar, 'count'));
  }
  let end = endOf(steps, start);
  for (const extension of options.extensions ?? []) {
    if ('until' in extension) {
      const to = toDayNumber(extension.until);
      steps.push({ step: 'extension', extension, from: fromDayNumber(end), to: extension.until, skipped: [] });
      end = to;
    } else {
      const counted = countSteps(end, extension, calendar, 'extension');
      steps.push(...counted);
      end = endOf(counted, end);
    }
  }
  const zeroLength = end === start;
  if (!zeroLength && !calendar.isWorkingDayNumber(end)) {
    if (options.endDayRule ?? true) {
      const to = calendar.nextWorkingDayNumberOnOrAfter(end);
      steps.push({ step: 'end-day-rule', from: fromDayNumber(end), to: fromDayNumber(to), skipped: skippedBetween(end - 1, to, calendar) });
      end = to;
    } else {
      steps.push({ step: 'end-day-rule-off', on: fromDayNumber(end), reason: calendar.nonWorkingReason(fromDayNumber(end)) ?? '' });
    }
  }
  return { due: fromDayNumber(end), steps };
}

function endOf(steps: readonly DateStep[], fallback: number): number {
  const last = steps.at(-1);
  if (!last) return fallback;
  if (last.step === 'same-day') return toDayNumber(last.on);
  if (last.step === 'end-day-rule-off') return toDayNumber(last.on);
  return toDayNumber(last.to);
}

/** One period counted from a day, as a step (and a clamp step when a month count overran). */
function countSteps(start: number, period: Period, calendar: WorkingCalendar, kind: 'count' | 'extension'): DateStep[] {
  const to = endOfPeriod(start, period, calendar);
  const skipped = period.unit === 'working-days' ? skippedBetween(start, to, calendar) : [];
  const from = fromDayNumber(start);
  const steps: DateStep[] = [kind === 'count' ? { step: 'count', period, from, to: fromDayNumber(to), skipped } : { step: 'extension', extension: period, from, to: fromDayNumber(to), skipped }];
  if (period.unit === 'months' || period.unit === 'years') {
    const { year, month, day } = civilOf(start);
    const months = period.unit === 'years' ? 12 * period.amount : period.amount;
    const index = year * 12 + (month - 1) + months;
    const targetYear = Math.floor(index / 12);
    const targetMonth = (index % 12) + 1;
    if (day > daysInMonth(targetYear, targetMonth)) {
      steps.push({ step: 'month-clamp', wanted: `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`, to: fromDayNumber(to) });
    }
  }
  return steps;
}

/** The non-working days after `after` and before `until`. */
function skippedBetween(after: number, until: number, calendar: WorkingCalendar): SkippedDay[] {
  const skipped: SkippedDay[] = [];
  for (let day = after + 1; day < until; day++) {
    if (calendar.isWorkingDayNumber(day)) continue;
    const date = fromDayNumber(day);
    skipped.push({ date, reason: calendar.nonWorkingReason(date) ?? '' });
  }
  return skipped;
}
