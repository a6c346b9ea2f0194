/**
 * Periods ("binnen vijf werkdagen", "zes weken", "een maand") and the due dates they give,
 * counted as the Algemene termijnenwet and the Hoge Raad count them
 * (see shared/reference/dutch-deadlines.md).
 */
import * as z from '../zod.ts';
import { lookup, text, texts } from '../../texts/index.ts';
import type { WorkingCalendar } from './dutch-calendar.ts';
import { type IsoDate, civilOf, dayNumberOf, daysInMonth, fromDayNumber, toDayNumber } from './local-date.ts';

export const periodUnits = ['working-days', 'calendar-days', 'weeks', 'months', 'years', 'same-day'] as const;
export type PeriodUnit = (typeof periodUnits)[number];

export const periodSchema = z
  .object({
    unit: z.enum(periodUnits),
    amount: z.int().check(z.minimum(0)),
  })
  .check(
    z.refine((period) => period.unit !== 'same-day' || period.amount === 0, {
      message: "a 'same-day' period has amount 0: it ends at the end of the anchor day",
      path: ['amount'],
    }),
  );

export type Period = z.infer<typeof periodSchema>;

export interface DueDateOptions {
  /** Atw art. 1: an end on a weekend day or holiday moves to the next working day. Default true. */
  endDayRule?: boolean;
  /** Extensions, each added to the end date before it; the end-day rule applies once, at the end. */
  extensions?: Period[];
}

/**
 * The last day of a period counted from an anchor day (receipt, ruling, ...), which itself is
 * not counted.
 *
 * A zero-length period ('same-day', or amount 0) ends on the anchor day itself and the end-day
 * rule does not move it: "report to the supervisor on the day of receipt" is about that day,
 * even when the complaint arrived on a Saturday.
 */
export function dueDate(anchor: IsoDate, period: Period, calendar: WorkingCalendar, options?: DueDateOptions): IsoDate {
  const due = dueDayNumber(toDayNumber(anchor), period, calendar, options?.endDayRule ?? true, options?.extensions);
  return fromDayNumber(due);
}

/** dueDate on day numbers, for hot loops that keep days as numbers. */
export function dueDayNumber(anchor: number, period: Period, calendar: WorkingCalendar, endDayRule = true, extensions?: readonly Period[]): number {
  let end = endOfPeriod(anchor, period, calendar);
  if (extensions) for (const extension of extensions) end = endOfPeriod(end, extension, calendar);
  if (!endDayRule || end === anchor) return end;
  return calendar.nextWorkingDayNumberOnOrAfter(end);
}

/** A reminder leadWorkingDays before a due date: counted back on working days, no end-day rule. */
export function reminderDate(due: IsoDate, leadWorkingDays: number, calendar: WorkingCalendar): IsoDate {
  assertAmount(leadWorkingDays);
  return calendar.subtractWorkingDays(due, leadWorkingDays);
}

/** The unextended end of a period, before the end-day rule. */
export function endOfPeriod(start: number, period: Period, calendar: WorkingCalendar): number {
  const { unit, amount } = period;
  assertAmount(amount);
  switch (unit) {
    case 'working-days':
      return calendar.addWorkingDaysToDayNumber(start, amount);
    case 'calendar-days':
      return start + amount;
    case 'weeks':
      return start + 7 * amount;
    case 'months':
      return addMonths(start, amount);
    case 'years':
      // The same day n years on; 29 February becomes 28 February in a common year (the month rule).
      return addMonths(start, 12 * amount);
    case 'same-day':
      if (amount !== 0) throw new RangeError(`A 'same-day' period has amount 0, not ${amount}`);
      return start;
    default:
      throw new RangeError(`Unknown period unit: ${JSON.stringify(unit satisfies never)}`);
  }
}

/**
 * Same day-number n months later, or that month's last day when it is shorter
 * (HR 1 Sept 2017, ECLI:NL:HR:2017:2225): 31 Jan + 1 month = 28/29 Feb, 29 Feb + 1 = 29 Mar.
 */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = civilOf(dayNumber);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return dayNumberOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`Not a whole number >= 0: ${amount}`);
}

// --- wording -------------------------------------------------------------------------------------

/**
 * 'vijf werkdagen' / '5 working days', '1 maand' / '1 month', 'dezelfde dag' / 'the same day'
 * (shared/texts, `period.*`). Dutch letters spell out small numbers ("binnen zes weken",
 * `period.number.<n>`); one stays a digit, as in "1 maand": "een maand" reads as "a month" and
 * "één" is easily mangled in plain-text mail.
 */
export function describePeriod(period: Period, lang: 'nl' | 'en'): string {
  if (period.unit === 'same-day') return texts(lang).period.sameDay;
  const count = lookup(lang, `period.number.${period.amount}`) ?? `${period.amount}`;
  return text(lang, `period.${period.amount === 1 ? 'one' : 'many'}.${period.unit}`, { n: count });
}
