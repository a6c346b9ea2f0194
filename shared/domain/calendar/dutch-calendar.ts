/**
 * The Dutch working-day calendar of the Algemene termijnenwet, with the switches tenants need
 * (see shared/reference/dutch-deadlines.md).
 *
 * Holidays follow today's rules in every year: Koningsdag is 27 (or 26) April in any year, not
 * Koninginnedag on 30 April before 2014. The register computes deadlines for complaints it
 * receives now, so historical rules would only add ways to be wrong.
 */
import * as z from '../zod.ts';
import { type IsoDate, dayNumberOf, fromDayNumber, isIsoDate, toDayNumber, weekdayOfDayNumber, yearOfDayNumber } from './local-date.ts';

export const calendarSettingsSchema = z.object({
  /**
   * Which public holidays are not working days: 'nl-atw', the Algemene termijnenwet's; 'none',
   * only weekends and the closing days (an organisation outside the Netherlands lists its
   * country's holidays as closing days).
   */
  holidays: z._default(z.enum(['nl-atw', 'none']), 'nl-atw'),
  /** Goede Vrijdag is equated to a holiday by the Atw; some organisations work on it. */
  goodFriday: z._default(z.boolean(), true),
  /** 5 May: the Atw counts it every year; some follow the collective-agreement lustrum habit. */
  liberationDay: z._default(z.enum(['every-year', 'lustrum-years', 'never']), 'every-year'),
  /** Bridge days equated to holidays by royal decree (DECREE_BRIDGE_DAYS). */
  decreeBridgeDays: z._default(z.boolean(), true),
  /** The tenant's own closing days, for example between Christmas and New Year. */
  closingDays: z._default(z.array(z.string().check(z.refine(isIsoDate, { message: 'closing day must be a real calendar day, YYYY-MM-DD' }))), []),
});

export type CalendarSettings = z.infer<typeof calendarSettingsSchema>;

/**
 * Bridge days equated to holidays by royal decree, published per three years. Data, never a
 * rule: add the next decree's days here when it is published.
 */
export const DECREE_BRIDGE_DAYS: readonly IsoDate[] = Object.freeze([
  '2023-04-28',
  '2023-05-19',
  '2024-05-10',
  '2024-12-27',
  '2025-05-30',
  '2026-01-02',
  '2026-05-15',
  '2027-05-07',
  '2028-04-28',
  '2028-05-26',
]);

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  return fromDayNumber(easterSundayDayNumber(year));
}

function easterSundayDayNumber(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberOf(year, month, day);
}

// Why a day is not a working day, as a small code so a year fits in a Uint8Array.
// 0 means working day.
const REASONS = [
  '',
  'weekend',
  'Nieuwjaarsdag',
  'Goede Vrijdag',
  'Tweede Paasdag',
  'Koningsdag',
  'Bevrijdingsdag',
  'Hemelvaartsdag',
  'Tweede Pinksterdag',
  'Eerste Kerstdag',
  'Tweede Kerstdag',
  'brugdag (besluit)',
  'sluitingsdag',
] as const;
type Reason = (typeof REASONS)[number];
const reasonCode = (reason: Reason): number => REASONS.indexOf(reason);

const SATURDAY = 6;
const SUNDAY = 7;
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

/** One year's non-working days and a running count of working days, for O(log) jumps. */
interface YearTable {
  year: number;
  firstDay: number; // day number of 1 January
  length: number; // 365 or 366
  reasons: Uint8Array; // per day of the year: 0 = working day, else a REASONS index
  workingBefore: Uint16Array; // workingBefore[i] = working days among days 0..i-1 of the year
  workingTotal: number;
}

function isLustrumYear(year: number): boolean {
  return year % 5 === 0;
}

function statutoryHolidays(year: number, settings: CalendarSettings): Array<[dayNumber: number, reason: Reason]> {
  const easter = easterSundayDayNumber(year);
  const kingsDay = dayNumberOf(year, 4, 27);
  // The switchable days come first, so a fixed holiday on the same day names it
  // (Ascension fell on 5 May in 2016 and will again in 2157).
  const holidays: Array<[number, Reason]> = [];
  if (settings.goodFriday) holidays.push([easter - 2, 'Goede Vrijdag']);
  const liberation = settings.liberationDay;
  if (liberation === 'every-year' || (liberation === 'lustrum-years' && isLustrumYear(year))) {
    holidays.push([dayNumberOf(year, 5, 5), 'Bevrijdingsdag']);
  }
  holidays.push(
    [dayNumberOf(year, 1, 1), 'Nieuwjaarsdag'],
    [easter + 1, 'Tweede Paasdag'],
    [weekdayOfDayNumber(kingsDay) === SUNDAY ? kingsDay - 1 : kingsDay, 'Koningsdag'],
    [easter + 39, 'Hemelvaartsdag'],
    [easter + 50, 'Tweede Pinksterdag'],
    [dayNumberOf(year, 12, 25), 'Eerste Kerstdag'],
    [dayNumberOf(year, 12, 26), 'Tweede Kerstdag'],
  );
  return holidays;
}

const BRIDGE_DAY_NUMBERS: readonly number[] = DECREE_BRIDGE_DAYS.map(toDayNumber);

export class WorkingCalendar {
  readonly settings: Readonly<CalendarSettings>;
  private readonly closingDayNumbers: readonly number[];
  private readonly tables = new Map<number, YearTable>();
  private lastTable: YearTable | undefined; // most lookups hit the same year again

  constructor(settings?: Partial<CalendarSettings>) {
    const parsed = calendarSettingsSchema.parse(settings ?? {});
    const closingDays = [...new Set(parsed.closingDays)].sort();
    this.settings = Object.freeze({ ...parsed, closingDays: Object.freeze(closingDays) as string[] });
    this.closingDayNumbers = closingDays.map(toDayNumber);
  }

  private static readonly cache = new Map<string, WorkingCalendar>();
  private static readonly CACHE_LIMIT = 256;

  /** A calendar for these settings, shared: its year tables are then built once per process. */
  static dutch(settings?: Partial<CalendarSettings>): WorkingCalendar {
    const calendar = new WorkingCalendar(settings);
    const key = JSON.stringify(calendar.settings);
    const cached = WorkingCalendar.cache.get(key);
    if (cached) return cached;
    if (WorkingCalendar.cache.size >= WorkingCalendar.CACHE_LIMIT) WorkingCalendar.cache.clear();
    WorkingCalendar.cache.set(key, calendar);
    return calendar;
  }

  // --- IsoDate API -----------------------------------------------------------------------------

  isWorkingDay(d: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(d));
  }

  /** Why a day is not a working day ('weekend', 'Koningsdag', 'brugdag (besluit)', 'sluitingsdag', ...), or undefined. */
  nonWorkingReason(d: IsoDate): string | undefined {
    const dayNumber = toDayNumber(d);
    const table = this.tableOf(dayNumber);
    const code = table.reasons[dayNumber - table.firstDay] ?? 0;
    return code === 0 ? undefined : REASONS[code];
  }

  nextWorkingDayOnOrAfter(d: IsoDate): IsoDate {
    return fromDayNumber(this.nextWorkingDayNumberOnOrAfter(toDayNumber(d)));
  }

  /** The nth working day after d (d itself not counted); n = 0 gives d; negative n counts back. */
  addWorkingDays(d: IsoDate, n: number): IsoDate {
    return fromDayNumber(this.addWorkingDaysToDayNumber(toDayNumber(d), n));
  }

  /** The nth working day before d (d itself not counted); n = 0 gives d. */
  subtractWorkingDays(d: IsoDate, n: number): IsoDate {
    return fromDayNumber(this.subtractWorkingDaysFromDayNumber(toDayNumber(d), n));
  }

  // --- day-number API, for hot loops (periods.ts) ----------------------------------------------

  isWorkingDayNumber(dayNumber: number): boolean {
    const table = this.tableOf(dayNumber);
    return table.reasons[dayNumber - table.firstDay] === 0;
  }

  nextWorkingDayNumberOnOrAfter(dayNumber: number): number {
    return this.isWorkingDayNumber(dayNumber) ? dayNumber : this.addWorkingDaysToDayNumber(dayNumber, 1);
  }

  addWorkingDaysToDayNumber(dayNumber: number, n: number): number {
    assertWholeCount(n);
    if (n < 0) return this.subtractWorkingDaysFromDayNumber(dayNumber, -n);
    if (n === 0) return dayNumber;
    const table = this.tableOf(dayNumber);
    const workingUpToAndIncluding = table.workingBefore[dayNumber - table.firstDay + 1] ?? 0;
    return this.workingDayOfRank(table, workingUpToAndIncluding + n);
  }

  subtractWorkingDaysFromDayNumber(dayNumber: number, n: number): number {
    assertWholeCount(n);
    if (n < 0) return this.addWorkingDaysToDayNumber(dayNumber, -n);
    if (n === 0) return dayNumber;
    const table = this.tableOf(dayNumber);
    const workingBeforeDay = table.workingBefore[dayNumber - table.firstDay] ?? 0;
    return this.workingDayOfRank(table, workingBeforeDay - n + 1);
  }

  // --- internals ---------------------------------------------------------------------------------

  /** The working day with this 1-based rank counted from 1 January of table's year (may spill into other years). */
  private workingDayOfRank(start: YearTable, rank: number): number {
    let table = start;
    while (rank > table.workingTotal) {
      rank -= table.workingTotal;
      table = this.tableOfYear(table.year + 1);
    }
    while (rank < 1) {
      table = this.tableOfYear(table.year - 1);
      rank += table.workingTotal;
    }
    // Smallest day index whose running count reaches rank: that day is the rank-th working day.
    const counts = table.workingBefore;
    let low = 0;
    let high = table.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((counts[mid + 1] ?? 0) >= rank) high = mid;
      else low = mid + 1;
    }
    return table.firstDay + low;
  }

  private tableOf(dayNumber: number): YearTable {
    const last = this.lastTable;
    if (last && dayNumber >= last.firstDay && dayNumber < last.firstDay + last.length) return last;
    if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`Not a day number: ${dayNumber}`);
    return this.tableOfYear(yearOfDayNumber(dayNumber));
  }

  private tableOfYear(year: number): YearTable {
    let table = this.tables.get(year);
    if (!table) {
      if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`The calendar covers the years 0000-9999, not ${year}`);
      table = this.buildYearTable(year);
      this.tables.set(year, table);
    }
    this.lastTable = table;
    return table;
  }

  private buildYearTable(year: number): YearTable {
    const firstDay = dayNumberOf(year, 1, 1);
    const length = dayNumberOf(year + 1, 1, 1) - firstDay;
    const reasons = new Uint8Array(length);
    const mark = (dayNumber: number, reason: Reason): void => {
      const index = dayNumber - firstDay;
      if (index >= 0 && index < length) reasons[index] = reasonCode(reason);
    };
    // Later marks win: a closing day on a Saturday reads 'weekend', Christmas on a Sunday 'Eerste Kerstdag'.
    for (const closingDay of this.closingDayNumbers) mark(closingDay, 'sluitingsdag');
    const dutch = this.settings.holidays === 'nl-atw';
    if (dutch && this.settings.decreeBridgeDays) for (const bridgeDay of BRIDGE_DAY_NUMBERS) mark(bridgeDay, 'brugdag (besluit)');
    for (let index = 0; index < length; index++) {
      const weekday = weekdayOfDayNumber(firstDay + index);
      if (weekday === SATURDAY || weekday === SUNDAY) reasons[index] = reasonCode('weekend');
    }
    if (dutch) for (const [dayNumber, reason] of statutoryHolidays(year, this.settings)) mark(dayNumber, reason);

    const workingBefore = new Uint16Array(length + 1);
    for (let index = 0; index < length; index++) {
      workingBefore[index + 1] = (workingBefore[index] ?? 0) + (reasons[index] === 0 ? 1 : 0);
    }
    return { year, firstDay, length, reasons, workingBefore, workingTotal: workingBefore[length] ?? 0 };
  }
}

function assertWholeCount(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of working days: ${n}`);
}
