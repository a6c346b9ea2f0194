/**
 * Local calendar days ('YYYY-MM-DD') and their link to instants in a time zone.
 *
 * Deadline arithmetic runs a million times a second, so days are handled as integer day
 * numbers (days since 1970-01-01) with hand-written parsing and formatting: no Date objects
 * and no regular expressions on the hot path. Only the time-zone functions use Intl.
 */

/** A local calendar day, 'YYYY-MM-DD' (years 0000-9999, proleptic Gregorian calendar). */
export type IsoDate = string;

const MIN_YEAR = 0;
const MAX_YEAR = 9999;
const MS_PER_DAY = 86_400_000;

// '00'..'99', so formatting a date is three lookups and a concatenation.
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month, month 1-12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a (valid) year/month/day; Howard Hinnant's days_from_civil. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** Year, month and day of a day number; Howard Hinnant's civil_from_days. */
export function civilOf(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The calendar year a day number falls in. */
export function yearOfDayNumber(dayNumber: number): number {
  // Estimate, then correct by at most one year: cheaper than a full civilOf.
  let year = Math.floor(dayNumber / 365.2425) + 1970;
  if (dayNumber < dayNumberOf(year, 1, 1)) year -= 1;
  else if (dayNumber >= dayNumberOf(year + 1, 1, 1)) year += 1;
  return year;
}

function digitAt(s: string, index: number): number {
  const digit = s.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : -1;
}

/** Parses 'YYYY-MM-DD' to a day number, or returns NaN when it is not a real calendar day. */
function parseIsoDate(s: string): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y0 = digitAt(s, 0),
    y1 = digitAt(s, 1),
    y2 = digitAt(s, 2),
    y3 = digitAt(s, 3);
  const m0 = digitAt(s, 5),
    m1 = digitAt(s, 6),
    d0 = digitAt(s, 8),
    d1 = digitAt(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return dayNumberOf(year, month, day);
}

/** True for a strict 'YYYY-MM-DD' string naming a real calendar day ('2025-02-29' is false). */
export function isIsoDate(s: string): boolean {
  return !Number.isNaN(parseIsoDate(s));
}

/** Days since 1970-01-01. Throws a RangeError for anything but a real 'YYYY-MM-DD' day. */
export function toDayNumber(d: IsoDate): number {
  const dayNumber = parseIsoDate(d);
  if (Number.isNaN(dayNumber)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(d)}`);
  return dayNumber;
}

/** 'YYYY-MM-DD' of a day number. Throws outside the years 0000-9999, which IsoDate cannot spell. */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a day number: ${n}`);
  const { year, month, day } = civilOf(n);
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Day number ${n} is outside the years 0000-9999`);
  const yearText = year >= 1000 ? `${year}` : `${year}`.padStart(4, '0');
  return `${yearText}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** ISO weekday of a day number: 1 = Monday .. 7 = Sunday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export function weekdayOf(d: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(d));
}

/** The day n days later (n may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromDayNumber(toDayNumber(d) + n);
}

// ---------------------------------------------------------------------------------------------
// Time zones. Intl is the only source of offset rules available without a dependency; its
// formatters are expensive to build, so keep one per zone.

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    // hourCycle h23: with hour12:false some engines print midnight as '24'.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

/**
 * Formatting through Intl costs ~20 µs a call and a complaint's history needs thousands. Since
 * 2000 every zone's offset changes only on a quarter hour (UTC), so the offset is cached per UTC
 * day (per quarter hour on the days it changes) and the wall time computed from it.
 */
const CACHE_FROM_MS = Date.UTC(2000, 0, 1);
const QUARTER_HOUR_MS = 15 * 60_000;
const QUARTERS_PER_DAY = 96;
const offsetCache = new Map<string, Map<number, number>>();
/** Per UTC day: the zone's offset when it holds the whole day, null on a day it changes (DST). */
const dayOffsetCache = new Map<string, Map<number, number | null>>();

/**
 * Zones that keep the EU's summer time (standard offset in hours): since 1996 summer time runs from
 * the last Sunday of March to the last Sunday of October, 01:00 UTC both. Their offsets come from
 * that rule, without Intl: building a time-zone formatter loads ICU's zone data, the largest cost
 * of a function's first request after the SDK. A test checks the rule against Intl (tzdata) for
 * every quarter hour on every change day, so a change of the rule (or of tzdata) shows up there.
 */
const EU_SUMMER_TIME_ZONES: Readonly<Record<string, number>> = { 'Europe/Amsterdam': 1, 'Europe/Brussels': 1, 'Europe/Luxembourg': 1, 'Europe/Paris': 1, 'Europe/Berlin': 1 };
const EU_RULE_FROM_MS = Date.UTC(1996, 0, 1);
const EU_RULE_UNTIL_MS = Date.UTC(2100, 0, 1);

function lastSundayOneAmUtc(year: number, month: number): number {
  const lastDay = dayNumberOf(year, month, daysInMonth(year, month));
  // Day number 0 (1970-01-01) was a Thursday: (n + 4) % 7 is 0 on Sundays.
  return (lastDay - ((((lastDay + 4) % 7) + 7) % 7)) * MS_PER_DAY + 3_600_000;
}

function euRuleOffset(ms: number, standardHours: number): number {
  const year = yearOfDayNumber(Math.floor(ms / MS_PER_DAY));
  const summer = ms >= lastSundayOneAmUtc(year, 3) && ms < lastSundayOneAmUtc(year, 10);
  return (standardHours + (summer ? 1 : 0)) * 3_600_000;
}

function quarterOffset(quarter: number, timeZone: string): number {
  let offsets = offsetCache.get(timeZone);
  if (!offsets || offsets.size > 500_000) offsetCache.set(timeZone, (offsets = new Map()));
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR_MS;
    const standardHours = EU_SUMMER_TIME_ZONES[timeZone];
    offset =
      standardHours !== undefined && start >= EU_RULE_FROM_MS && start < EU_RULE_UNTIL_MS
        ? euRuleOffset(start, standardHours)
        : wallTimeAsEpochMs(formattedWallTime(new Date(start), timeZone)) - start;
    offsets.set(quarter, offset);
  }
  return offset;
}

function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  if (ms < CACHE_FROM_MS) return formattedWallTime(instant, timeZone);
  const wallMs = ms + cachedOffset(ms, timeZone);
  const dayNumber = Math.floor(wallMs / MS_PER_DAY);
  const seconds = Math.floor((wallMs - dayNumber * MS_PER_DAY) / 1000);
  return { ...civilOf(dayNumber), hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 };
}

/** The zone's offset at an instant since 2000 (milliseconds ahead of UTC), from the caches. */
function cachedOffset(ms: number, timeZone: string): number {
  let days = dayOffsetCache.get(timeZone);
  if (!days || days.size > 500_000) dayOffsetCache.set(timeZone, (days = new Map()));
  const utcDay = Math.floor(ms / MS_PER_DAY);
  let offset = days.get(utcDay);
  if (offset === undefined) {
    // Most days keep one offset from their first quarter hour to their last: one entry per day.
    const first = quarterOffset(utcDay * QUARTERS_PER_DAY, timeZone);
    const last = quarterOffset((utcDay + 1) * QUARTERS_PER_DAY - 1, timeZone);
    offset = first === last ? first : null;
    days.set(utcDay, offset);
  }
  return offset ?? quarterOffset(Math.floor(ms / QUARTER_HOUR_MS), timeZone);
}

/** The day number (see dayNumberOf) of an instant's local calendar day: localDateOf without the string. */
export function localDayNumberOf(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  if (ms < CACHE_FROM_MS) {
    const { year, month, day } = formattedWallTime(new Date(ms), timeZone);
    return dayNumberOf(year, month, day);
  }
  return Math.floor((ms + cachedOffset(ms, timeZone)) / MS_PER_DAY);
}

function formattedWallTime(instant: Date, timeZone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of wallClockFormatter(timeZone).formatToParts(instant)) {
    const { type, value } = part;
    if (type === 'year' || type === 'month' || type === 'day' || type === 'hour' || type === 'minute' || type === 'second') {
      wall[type] = Number(value);
    }
  }
  return wall;
}

// Date.UTC would read years 0-99 as 1900-1999; day numbers have no such quirk.
function wallTimeAsEpochMs(w: WallTime): number {
  return dayNumberOf(w.year, w.month, w.day) * MS_PER_DAY + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000;
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant (whole seconds). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const w = wallTimeOf(new Date(wholeSecond), timeZone);
  return wallTimeAsEpochMs(w) - wholeSecond;
}

/** The local calendar day of an instant: 23:30 in Amsterdam on 1 March is 1 March, whatever UTC says. */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  const { year, month, day } = wallTimeOf(instant, timeZone);
  return fromDayNumber(dayNumberOf(year, month, day));
}

/** 'YYYY-MM-DDTHH:MM:SS' wall-clock time of an instant, as EventBridge Scheduler at() expects. */
export function wallClock(instant: Date, timeZone: string): string {
  const w = wallTimeOf(instant, timeZone);
  const date = fromDayNumber(dayNumberOf(w.year, w.month, w.day));
  return `${date}T${TWO_DIGITS[w.hour]}:${TWO_DIGITS[w.minute]}:${TWO_DIGITS[w.second]}`;
}

function parseTimeOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  const hour = Number(match?.[1]),
    minute = Number(match?.[2]),
    second = Number(match?.[3] ?? 0);
  if (!match || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Not a time of day (HH:MM or HH:MM:SS): ${JSON.stringify(time)}`);
  }
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

/**
 * The instant a local wall-clock time occurs. Across DST changes it follows Temporal's
 * 'compatible' choice: a time that happens twice (October) is the earlier one; a time that
 * never happens (March, 02:30) is moved forward by the gap (03:30 summer time).
 */
export function instantAt(date: IsoDate, time: string, timeZone: string): Date {
  const wallMs = toDayNumber(date) * MS_PER_DAY + parseTimeOfDay(time);
  // Real zones change offset at most once within two days, so the offsets a day before and a
  // day after are the only candidates.
  const offsetBefore = offsetAt(wallMs - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(wallMs + MS_PER_DAY, timeZone);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].filter((epochMs) => offsetAt(epochMs, timeZone) === wallMs - epochMs);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wallMs - offsetBefore); // in the gap: read with the offset that applied before it
}

/** 23:59:59 local time on the given day, as an instant: when a deadline on that day ends. */
export function endOfLocalDay(date: IsoDate, timeZone: string): Date {
  return instantAt(date, '23:59:59', timeZone);
}
