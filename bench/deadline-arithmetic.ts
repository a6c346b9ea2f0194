/**
 * Budget (shared/PERFORMANCE.md): 1,000,000 due-date computations, mixed units, Dutch
 * calendar, in under 1 s on one core; with explanations (explainDueDate: every step and skipped
 * day, the structure the console and `deadlines --explain` put into words) in under 5 s.
 *
 * Reference, measured in the same run: the usual approach, a day-by-day loop asking
 * date-holidays whether each day is a public holiday, for a bounded sample, extrapolated.
 */
import Holidays from 'date-holidays';
import { WorkingCalendar, dueDate, explainDueDate, type DueDateOptions, type Period } from '../shared/domain/calendar/index.ts';
import { describeDateSteps } from '../shared/domain/regulation/explain-text.ts';
import type { BenchResult } from './result.ts';
import { Random } from '../tools/seed/random.ts';

const COMPUTATIONS = 1_000_000;
const RUNS = 3;
const BUDGET_MS = 1_000;
const EXPLAINED_BUDGET_MS = 5_000;
/** A run with explanations stops here if it has not done the million, and is extrapolated (said so in the output). */
const EXPLAINED_MAX_MS = 10_000;
/** Putting the steps into words is not in the budget; timed on a sample, for information. */
const WORDS_SAMPLE = 20_000;
const REFERENCE_MAX_DEADLINES = 300;
const REFERENCE_MAX_MS = 3_000;
const MS_PER_DAY = 86_400_000;

interface Case {
  anchor: string;
  period: Period;
  options: DueDateOptions;
}

/** A mix like a register's: mostly working days and weeks, some months, a few extensions. */
function makeCases(count: number): Case[] {
  // A fixed pseudo-random sequence, so every run times the same cases.
  const seeded = new Random(42);
  const random = (): number => seeded.next();
  const integer = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const firstAnchor = Date.UTC(2023, 0, 1) / MS_PER_DAY;
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const anchor = new Date((firstAnchor + integer(0, 8 * 365)) * MS_PER_DAY).toISOString().slice(0, 10);
    const pick = random();
    let period: Period;
    if (pick < 0.4) period = { unit: 'working-days', amount: integer(1, 30) };
    else if (pick < 0.55) period = { unit: 'calendar-days', amount: integer(1, 60) };
    else if (pick < 0.8) period = { unit: 'weeks', amount: integer(1, 12) };
    else if (pick < 0.95) period = { unit: 'months', amount: integer(1, 12) };
    else period = { unit: 'same-day', amount: 0 };
    const options: DueDateOptions = {};
    if (random() < 0.05) options.extensions = [{ unit: 'weeks', amount: 4 }];
    if (random() < 0.1) options.endDayRule = false;
    cases.push({ anchor, period, options });
  }
  return cases;
}

function timeOurs(cases: Case[], calendar: WorkingCalendar): number {
  const mask = cases.length - 1; // cases.length is a power of two
  let checksum = 0; // used below, so the loop cannot be optimised away
  const start = performance.now();
  for (let i = 0; i < COMPUTATIONS; i++) {
    const c = cases[i & mask]!;
    checksum += dueDate(c.anchor, c.period, calendar, c.options).charCodeAt(9);
  }
  const elapsed = performance.now() - start;
  if (checksum === 0) throw new Error('no due dates computed');
  return elapsed;
}

interface ExplainedRun {
  computations: number;
  ms: number;
  /** ms for a million: measured, or extrapolated when the run stopped at EXPLAINED_MAX_MS. */
  perMillionMs: number;
}

/** explainDueDate on the same cases, bounded in time. */
function timeExplained(cases: Case[], calendar: WorkingCalendar): ExplainedRun {
  const mask = cases.length - 1;
  let checksum = 0;
  let done = 0;
  const start = performance.now();
  // Check the clock every 4,096 computations: reading it each time would be part of the figure.
  while (done < COMPUTATIONS) {
    const until = Math.min(done + 4096, COMPUTATIONS);
    for (; done < until; done++) {
      const c = cases[done & mask]!;
      checksum += explainDueDate(c.anchor, c.period, calendar, c.options).steps.length;
    }
    if (performance.now() - start > EXPLAINED_MAX_MS) break;
  }
  const ms = performance.now() - start;
  if (checksum === 0) throw new Error('no explanations computed');
  return { computations: done, ms, perMillionMs: (ms * COMPUTATIONS) / done };
}

/** The explanations in words (describeDateSteps), on a sample: per second. */
function timeWords(cases: Case[], calendar: WorkingCalendar): number {
  let lines = 0;
  const start = performance.now();
  for (let i = 0; i < WORDS_SAMPLE; i++) {
    const c = cases[i % cases.length]!;
    lines += describeDateSteps(explainDueDate(c.anchor, c.period, calendar, c.options), i % 2 === 0 ? 'nl' : 'en').length;
  }
  const ms = performance.now() - start;
  if (lines === 0) throw new Error('no explanations written');
  return (WORDS_SAMPLE / ms) * 1000;
}

/** explainDueDate and dueDate agree on every case (the tests check this too; a bench on wrong answers measures nothing). */
function checkExplained(cases: Case[], calendar: WorkingCalendar): number {
  let disagreeing = 0;
  for (const c of cases) if (explainDueDate(c.anchor, c.period, calendar, c.options).due !== dueDate(c.anchor, c.period, calendar, c.options)) disagreeing++;
  return disagreeing;
}

// --- the reference: a day-by-day loop over date-holidays ----------------------------------------

function referenceDueDate(holidays: Holidays, c: Case): string {
  // Noon UTC lies inside the Amsterdam day, which is what date-holidays checks against.
  const isWorkingDay = (day: number): boolean => {
    const weekday = new Date(day * MS_PER_DAY).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    const found = holidays.isHoliday(new Date(day * MS_PER_DAY + MS_PER_DAY / 2));
    return !(Array.isArray(found) && found.some((holiday) => holiday.type === 'public'));
  };
  const addPeriod = (day: number, period: Period): number => {
    switch (period.unit) {
      case 'working-days': {
        let counted = 0;
        while (counted < period.amount) if (isWorkingDay(++day)) counted++;
        return day;
      }
      case 'calendar-days':
        return day + period.amount;
      case 'weeks':
        return day + 7 * period.amount;
      case 'months':
      case 'years': {
        const date = new Date(day * MS_PER_DAY);
        const year = date.getUTCFullYear();
        const month = date.getUTCMonth() + (period.unit === 'years' ? 12 : 1) * period.amount;
        const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / MS_PER_DAY;
      }
      case 'same-day':
        return day;
    }
  };
  const anchor = Date.parse(c.anchor) / MS_PER_DAY;
  let end = addPeriod(anchor, c.period);
  for (const extension of c.options.extensions ?? []) end = addPeriod(end, extension);
  if (c.options.endDayRule !== false && end !== anchor) while (!isWorkingDay(end)) end++;
  return new Date(end * MS_PER_DAY).toISOString().slice(0, 10);
}

interface ReferenceRun {
  deadlines: number;
  ms: number;
  agreeing: number;
}

function timeReference(cases: Case[]): ReferenceRun {
  const holidays = new Holidays('NL');
  // date-holidays' public NL holidays: no Goede Vrijdag, no 5 May, no bridge days. Check the
  // reference answers against ours under that same calendar, so we know it does the same work.
  const sameHolidays = new WorkingCalendar({ goodFriday: false, liberationDay: 'never', decreeBridgeDays: false });
  let deadlines = 0;
  let agreeing = 0;
  const start = performance.now();
  while (deadlines < REFERENCE_MAX_DEADLINES && deadlines < cases.length && performance.now() - start < REFERENCE_MAX_MS) {
    const c = cases[deadlines]!;
    const theirs = referenceDueDate(holidays, c);
    deadlines++;
    // Ours is a microsecond: leaving it inside the timed loop does not change the figure.
    if (theirs === dueDate(c.anchor, c.period, sameHolidays, c.options)) agreeing++;
  }
  return { deadlines, ms: performance.now() - start, agreeing };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

export async function benchDeadlineArithmetic(): Promise<BenchResult> {
  const cases = makeCases(1 << 16);
  const calendar = WorkingCalendar.dutch();
  const runs = Array.from({ length: RUNS }, () => timeOurs(cases, calendar));
  const oursMs = median(runs);
  const oursPerSecond = (COMPUTATIONS / oursMs) * 1000;

  const disagreeing = checkExplained(cases, calendar);
  if (disagreeing > 0) throw new Error(`explainDueDate and dueDate disagree on ${disagreeing} of ${cases.length} cases`);
  const explainedRuns = Array.from({ length: RUNS }, () => timeExplained(cases, calendar));
  const explainedMs = median(explainedRuns.map((run) => run.perMillionMs));
  const explainedPerSecond = (COMPUTATIONS / explainedMs) * 1000;
  const extrapolated = explainedRuns.filter((run) => run.computations < COMPUTATIONS);
  const wordsPerSecond = timeWords(cases, calendar);

  const reference = timeReference(cases);
  const referencePerSecond = (reference.deadlines / reference.ms) * 1000;
  const referenceMinutesForAMillion = COMPUTATIONS / referencePerSecond / 60;

  return {
    name: 'deadline arithmetic',
    ours:
      `${grouped(COMPUTATIONS)} in ${grouped(oursMs)} ms (median of ${RUNS}: ${runs.map(grouped).join('/')} ms; ` +
      `${grouped(oursPerSecond)}/s); with explanations ${grouped(COMPUTATIONS)} in ${grouped(explainedMs)} ms ` +
      `(median of ${RUNS}: ${explainedRuns.map((run) => grouped(run.perMillionMs)).join('/')} ms; ${grouped(explainedPerSecond)}/s` +
      `${extrapolated.length > 0 ? `; ${extrapolated.length} run(s) stopped at ${grouped(EXPLAINED_MAX_MS)} ms and extrapolated from ${extrapolated.map((run) => grouped(run.computations)).join('/')}` : ''}); ` +
      `in words ${grouped(wordsPerSecond)}/s (sample of ${grouped(WORDS_SAMPLE)}, not budgeted)`,
    reference:
      `date-holidays day by day: ${grouped(referencePerSecond)}/s (${reference.deadlines} in ${grouped(reference.ms)} ms; ` +
      `a million ~${grouped(referenceMinutesForAMillion)} min; agrees ${reference.agreeing}/${reference.deadlines})`,
    ratio: `${grouped(oursPerSecond / referencePerSecond)}x faster; explained ${grouped(explainedPerSecond / referencePerSecond)}x faster`,
    budget: `${grouped(COMPUTATIONS)} in < ${grouped(BUDGET_MS)} ms; with explanations < ${grouped(EXPLAINED_BUDGET_MS)} ms`,
    pass: oursMs < BUDGET_MS && explainedMs < EXPLAINED_BUDGET_MS,
  };
}
