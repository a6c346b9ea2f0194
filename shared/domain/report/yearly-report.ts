/**
 * The yearly report: a period's figures beside the same period a year earlier, read from the
 * register's monthly rollups (rollup.ts) when the periods are whole months and the rollups are
 * complete, otherwise folded from every report line through a port that pages the year index
 * (never a table scan).
 */
import { addDays, isIsoDate, localDateOf, type IsoDate } from '../calendar/index.ts';
import { fieldProblem, InvalidInputError, type FieldProblem } from '../errors.ts';
import { text } from '../../texts/index.ts';
import { versionInForce, type RegulationVersions } from '../regulation/versions.ts';
import type { Clock } from '../ports.ts';
import type { Measure } from '../measures/measures.ts';
import { FiguresAccumulator, recurringThemes, type ReportComplaint, type ReportFigures, type ReportPeriod, type Theme } from './figures.ts';
import { figuresFromRollups, wholeMonthsOf, type RollupsOfYears } from './rollup.ts';

export interface ReportSource {
  /**
   * The complaints whose reference year is one of `years`, page by page (the year index; a
   * complaint can be received late in December and registered in January, so callers ask for
   * the years around a period and filter on receipt).
   */
  complaintsOfYears(years: number[]): AsyncIterable<ReportComplaint[]>;
  /** At most how many complaints complaintsOfYears yields (for a progress bar), when known. */
  expectedCount?(years: number[]): Promise<number>;
  /** The whole measures register (small: tens to hundreds a year). */
  allMeasures(): Promise<Measure[]>;
  /**
   * The monthly rollups (rollup.ts) of the complaints received in these years (local time);
   * undefined when the register has no complete rollups for them (years written before rollups
   * existed and not yet backfilled): the lines are folded then.
   */
  rollupsOfYears?(years: number[]): Promise<RollupsOfYears | undefined>;
}

export interface YearlyReport {
  tenant: { id: string; name: string };
  /** The version in force on the report date; byVersion in the figures says which versions governed the period's complaints. */
  regulationVersion: string;
  generatedAt: string;
  current: ReportFigures;
  /** The same period a year earlier, side by side. */
  previous: ReportFigures;
  themes: Theme[];
  /** What the figures are: so a reader of the JSON or CSV need not guess. */
  notes: string[];
}

export interface ReportRequest {
  year?: number;
  from?: IsoDate;
  to?: IsoDate;
}

export interface ReportDeps {
  source: ReportSource;
  regulations: RegulationVersions;
  clock: Clock;
}

export interface ReportProgress {
  /** Complaints read so far, of both periods. */
  read: number;
  /** At most how many there are to read, when the source knows. */
  total?: number;
}

/** The period a request asks for: a whole year, or from–to (both days included); without either, `defaultYear`. */
export function reportPeriod(request: ReportRequest, defaultYear?: number): ReportPeriod {
  if (defaultYear !== undefined && request.year === undefined && request.from === undefined && request.to === undefined) request = { year: defaultYear };
  const problems: FieldProblem[] = [];
  if (request.year !== undefined && (request.from || request.to)) problems.push(fieldProblem('year', 'invalid_combination', undefined, 'error.field.yearOrPeriod'));
  if (request.year === undefined && !(request.from && request.to)) problems.push(fieldProblem(request.from ? 'to' : 'from', 'required', undefined, 'error.field.requiredOrYear'));
  if (request.year !== undefined && (!Number.isInteger(request.year) || request.year < 2000 || request.year > 2100))
    problems.push(fieldProblem('year', 'out_of_range', { min: 2000, max: 2100 }, 'error.field.yearRange'));
  for (const field of ['from', 'to'] as const) {
    const value = request[field];
    if (value !== undefined && !isIsoDate(value)) problems.push(fieldProblem(field, 'invalid_date'));
  }
  if (!problems.length && request.from && request.to) {
    if (request.from > request.to) problems.push(fieldProblem('to', 'out_of_range', undefined, 'error.field.toBeforeFrom'));
    else if (Number(request.to.slice(0, 4)) - Number(request.from.slice(0, 4)) > 1) problems.push(fieldProblem('to', 'out_of_range', undefined, 'error.field.periodTooLong'));
  }
  if (problems.length) throw new InvalidInputError(problems);
  return request.year !== undefined ? { from: `${request.year}-01-01`, to: `${request.year}-12-31` } : { from: request.from!, to: request.to! };
}

/** The same period one year earlier (29 February becomes 28 February). */
export function periodBefore(period: ReportPeriod): ReportPeriod {
  const shift = (date: IsoDate) => {
    const earlier = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
    return isIsoDate(earlier) ? earlier : addDays(`${earlier.slice(0, 8)}01`, 27);
  };
  return { from: shift(period.from), to: shift(period.to) };
}

/**
 * Both periods from the monthly rollups (a few hundred items, whatever the size of the year),
 * when both periods are whole months and the source has rollups for them.
 */
async function fromRollups(deps: ReportDeps, period: ReportPeriod, previousPeriod: ReportPeriod, now: Date, allMeasures: Promise<Measure[]>, onProgress?: (progress: ReportProgress) => void) {
  const currentMonths = wholeMonthsOf(period);
  const previousMonths = wholeMonthsOf(previousPeriod);
  if (!deps.source.rollupsOfYears || !currentMonths || !previousMonths) return undefined;
  const months = [...currentMonths, ...previousMonths];
  const rollups = await deps.source.rollupsOfYears([...new Set(months.map((m) => Number(m.slice(0, 4))))].sort());
  if (!rollups) return undefined;
  const measures = await allMeasures;
  const current = figuresFromRollups(deps.regulations, period, now, rollups, measures);
  const previous = figuresFromRollups(deps.regulations, previousPeriod, now, rollups, measures);
  onProgress?.({ read: current.complaints + previous.complaints, total: current.complaints + previous.complaints });
  return { current, previous };
}

/** Both periods folded from every report line of the reference years around them (the reference path). */
async function fromLines(deps: ReportDeps, period: ReportPeriod, previousPeriod: ReportPeriod, now: Date, allMeasures: Promise<Measure[]>, onProgress?: (progress: ReportProgress) => void) {
  const current = new FiguresAccumulator(deps.regulations, period, now);
  const previous = new FiguresAccumulator(deps.regulations, previousPeriod, now);
  const years = [...new Set([...yearsAround(previousPeriod), ...yearsAround(period)])];
  // The total is for progress only: not asked for (and not waited on) without a listener.
  const total = onProgress ? await deps.source.expectedCount?.(years) : undefined;
  let read = 0;
  for await (const page of deps.source.complaintsOfYears(years)) {
    for (const complaint of page) {
      if (current.covers(complaint)) current.add(complaint);
      else if (previous.covers(complaint)) previous.add(complaint);
    }
    read += page.length;
    onProgress?.({ read, ...(total !== undefined ? { total: Math.max(total, read) } : {}) });
  }
  const measures = await allMeasures;
  return { current: current.finish(measures), previous: previous.finish(measures) };
}

/** Reference years whose complaints can have been received in the period. */
function yearsAround(period: ReportPeriod): number[] {
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4));
  const years: number[] = [];
  for (let year = first; year <= last + 1; year += 1) years.push(year);
  return years;
}

export async function buildYearlyReport(deps: ReportDeps, request: ReportRequest, onProgress?: (progress: ReportProgress) => void): Promise<YearlyReport> {
  const now = deps.clock.now();
  // The organisation as its regulation stands on the report date; each complaint is read under its own version.
  const regulation = versionInForce(deps.regulations, now);
  // Without a period: this year so far, in the organisation's time zone.
  const period = reportPeriod(request, Number(localDateOf(now, regulation.organisation.timeZone).slice(0, 4)));
  const previousPeriod = periodBefore(period);
  // Read beside the figures, whichever way they are made: the measures are the same either way.
  const measures = deps.source.allMeasures();
  measures.catch(() => undefined);
  const { current: currentFigures, previous: previousFigures } =
    (await fromRollups(deps, period, previousPeriod, now, measures, onProgress)) ?? (await fromLines(deps, period, previousPeriod, now, measures, onProgress));
  return {
    tenant: { id: regulation.id, name: regulation.organisation.name },
    regulationVersion: regulation.version,
    generatedAt: now.toISOString(),
    current: currentFigures,
    previous: previousFigures,
    themes: recurringThemes(currentFigures, previousFigures),
    // In English (the report's data); the Dutch report writes them in Dutch (report-html.ts, `report.note.*`).
    notes: [
      text('en', 'report.note.received', { from: period.from, to: period.to, basis: regulation.organisation.timeZone, beforeFrom: previousPeriod.from, beforeTo: previousPeriod.to }),
      text('en', 'report.note.asOf', { date: localDateOf(now, regulation.organisation.timeZone) }),
      text('en', 'report.note.days'),
      text('en', 'report.note.founded'),
      text('en', 'report.note.themes'),
      text('en', 'report.note.noPersonalData'),
    ],
  };
}
