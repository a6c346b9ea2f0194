/**
 * Monthly rollups of the yearly report, pure: the figures of a month's complaints kept as
 * counters, updated by the difference a change makes to a complaint's report line, so a year is
 * read from a few hundred small items instead of every line.
 *
 * - `lineCounters(line)`: everything the report counts of one line that does not depend on the
 *   report's moment (counts per version, category set, route, channel, mode, outcome, ground;
 *   admissibility, still open, escalations, targets, extensions, objections, referrals,
 *   satisfaction, linked measures; per milestone line: cancelled, met on time, met late, and
 *   histograms of whole days for handling time, days taken and days late, so medians and 90th
 *   percentiles stay exact).
 * - A milestone neither met nor cancelled is pending or late depending on the report's moment
 *   (and how late grows by the day): its figure is never counted ahead. What is counted is the
 *   milestone itself, by its deadline: `u:<dueAt>|<line>`, how many open milestones of that line
 *   fall due at that instant (the open complaints' deadlines, a few per working day). The report
 *   classifies each against its own moment (`FiguresAccumulator.absorb` -> `addUnmet`): exactly
 *   what folding the open lines would do, without reading them.
 * - `rollupChange(old, next)`: what a change of a line does: a delta per rollup slot,
 *   counters(next) - counters(old) (registration: old absent; erasure: next absent).
 * - A slot is (local receipt year, month, shard); the shard is a hash of the reference, so
 *   concurrent intake spreads over ROLLUP_SHARDS items instead of one hot item per month.
 *
 * The counter keys are short strings (`<kind>[:<id>]`), as stored: see FiguresAccumulator.absorb.
 */
import { localDateOf } from '../calendar/index.ts';
import type { RegulationVersions } from '../regulation/versions.ts';
import { versionOf } from '../regulation/versions.ts';
import { anchorOf, daysBetween, FiguresAccumulator, handlingEnd, outcomeOf, takenUp, type ReportComplaint, type ReportFigures, type ReportPeriod } from './figures.ts';
import type { Measure } from '../measures/measures.ts';

/** Counter key -> value. Absent and 0 mean the same. */
export type RollupCounters = Record<string, number>;

/** Shards per month: concurrent changes of one month's complaints land on this many items. */
export const ROLLUP_SHARDS = 8;

/** Where a complaint's counters are kept: its local month of receipt, and a shard. */
export interface RollupSlot {
  year: number;
  /** 1-12. */
  month: number;
  shard: number;
}

export interface RollupDelta {
  slot: RollupSlot;
  counters: RollupCounters;
}

/** What a change of a report line does to the rollups (see the module comment). */
export interface RollupChange {
  deltas: RollupDelta[];
}

/** FNV-1a of the reference, to a shard. */
export function shardOf(reference: string, shards = ROLLUP_SHARDS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < reference.length; i += 1) {
    hash ^= reference.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

export function timeZoneOf(regulations: RegulationVersions): string {
  return regulations.versions[0]!.organisation.timeZone;
}

/** The line's slot: its month of receipt in the tenant's time zone (as the report's periods count). */
export function rollupSlotOf(line: Pick<ReportComplaint, 'reference' | 'receivedAt'>, timeZone: string, shards = ROLLUP_SHARDS): RollupSlot {
  const date = localDateOf(new Date(line.receivedAt), timeZone);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), shard: shardOf(line.reference, shards) };
}

function bumpKey(counters: RollupCounters, key: string, by = 1): void {
  counters[key] = (counters[key] ?? 0) + by;
}

/** The counters of one line: what FiguresAccumulator.add counts of it, less the milestones that depend on the moment. */
export function lineCounters(regulations: RegulationVersions, line: ReportComplaint): RollupCounters {
  const timeZone = timeZoneOf(regulations);
  const regulation = versionOf(regulations, line);
  const c: RollupCounters = {};
  bumpKey(c, 'n');
  bumpKey(c, `v:${regulation.version}`);
  // The set of categories as recorded: which ids they count as now is decided when reading (`formerly` can change).
  bumpKey(c, `cs:${JSON.stringify([...new Set(line.categories)].sort())}`);
  line.routes?.forEach((route) => bumpKey(c, `r:${route}`));
  bumpKey(c, `ch:${line.channel}`);
  bumpKey(c, `md:${line.mode}`);
  [...new Set(line.measureIds)].forEach((id) => bumpKey(c, `me:${id}`));
  const outcome = outcomeOf(line);
  bumpKey(c, `o:${outcome}`);
  if (outcome === 'not-admissible') {
    bumpKey(c, 'na');
    bumpKey(c, `g:${line.decision?.ground ?? 'unspecified'}`);
  } else if (takenUp(line, outcome)) bumpKey(c, 'adm');
  const end = handlingEnd(line);
  if (end) bumpKey(c, `h:${daysBetween(line.receivedAt, end, timeZone)}`);
  else bumpKey(c, 'open');

  let escalated = false;
  let extended = false;
  let missedTarget = false;
  for (const milestone of line.milestones) {
    const id = milestone.series ?? milestone.milestoneId;
    if (milestone.escalatedAt) {
      escalated = true;
      bumpKey(c, 'em');
    }
    if (milestone.missedAt) {
      missedTarget = true;
      bumpKey(c, 'tm');
    }
    if (milestone.extensions?.length) {
      extended = true;
      bumpKey(c, 'xm');
    }
    if (milestone.status === 'cancelled') bumpKey(c, `mc:${id}`);
    else if (milestone.status === 'met' && milestone.metAt) {
      if (milestone.metAt > milestone.dueAt) {
        bumpKey(c, `ml:${id}`);
        bumpKey(c, `mb:${daysBetween(milestone.dueAt, milestone.metAt, timeZone)}:${id}`);
      } else bumpKey(c, `mo:${id}`);
      bumpKey(c, `mt:${daysBetween(anchorOf(regulation, line, id), milestone.metAt, timeZone)}:${id}`);
    }
    // Otherwise pending or late as of the report: counted by its deadline, classified when read.
    else bumpKey(c, `u:${milestone.dueAt}|${id}`);
  }
  if (escalated) bumpKey(c, 'ec');
  if (missedTarget) bumpKey(c, 'tc');
  if (extended) bumpKey(c, 'xc');
  if (line.objection) {
    bumpKey(c, 'ob');
    bumpKey(c, `oo:${line.objection.decision?.outcome ?? 'open'}`);
  }
  if (line.externalReferral) {
    bumpKey(c, 'rf');
    bumpKey(c, `rb:${line.externalReferral.body}`);
  }
  if (line.satisfaction) {
    bumpKey(c, 'sa');
    if (line.satisfaction.satisfied) bumpKey(c, 'ss');
  }
  return c;
}

/** Adds `from` (times `sign`) into `into`, dropping what comes to 0. */
export function addCounters(into: RollupCounters, from: RollupCounters, sign = 1): RollupCounters {
  for (const [key, value] of Object.entries(from)) {
    const sum = (into[key] ?? 0) + sign * value;
    if (sum === 0) delete into[key];
    else into[key] = sum;
  }
  return into;
}

const slotKey = (slot: RollupSlot) => `${slot.year}-${slot.month}-${slot.shard}`;

/**
 * counters(next) - counters(old), per slot (one slot, or two when the receipt moved months);
 * slots whose delta is empty are left out. Registration: old undefined; erasure: next undefined.
 */
export function rollupDelta(regulations: RegulationVersions, old: ReportComplaint | undefined, next: ReportComplaint | undefined, shards = ROLLUP_SHARDS): RollupDelta[] {
  const timeZone = timeZoneOf(regulations);
  const bySlot = new Map<string, RollupDelta>();
  const add = (line: ReportComplaint | undefined, sign: number) => {
    if (!line) return;
    const slot = rollupSlotOf(line, timeZone, shards);
    const key = slotKey(slot);
    const delta = bySlot.get(key) ?? { slot, counters: {} };
    addCounters(delta.counters, lineCounters(regulations, line), sign);
    bySlot.set(key, delta);
  };
  add(old, -1);
  add(next, 1);
  return [...bySlot.values()].filter((delta) => Object.keys(delta.counters).length > 0);
}

/** Everything a change of a line does to the rollups: the deltas of its slots. */
export function rollupChange(regulations: RegulationVersions, old: ReportComplaint | undefined, next: ReportComplaint | undefined, shards = ROLLUP_SHARDS): RollupChange {
  return { deltas: rollupDelta(regulations, old, next, shards) };
}

/** Months (`YYYY-MM`) a period covers when it is made of whole months; undefined otherwise. */
export function wholeMonthsOf(period: ReportPeriod): string[] | undefined {
  const [fromYear, fromMonth, fromDay] = period.from.split('-').map(Number) as [number, number, number];
  const [toYear, toMonth, toDay] = period.to.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  if (fromDay !== 1 || toDay !== lastDay) return undefined;
  const months: string[] = [];
  for (let index = fromYear * 12 + fromMonth - 1; index <= toYear * 12 + toMonth - 1; index += 1) {
    months.push(monthKey(Math.floor(index / 12), (index % 12) + 1));
  }
  return months;
}

export const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** The rollups of some years: the summed counters per month (`YYYY-MM`). */
export interface RollupsOfYears {
  months: ReadonlyMap<string, RollupCounters>;
}

/**
 * A period's figures from rollups alone: the counters of its months, the open milestones
 * classified as of `asOf`. Equal to folding every line of the period (tests/unit/shared/domain/report/rollup.test.ts).
 */
export function figuresFromRollups(regulations: RegulationVersions, period: ReportPeriod, asOf: Date, rollups: RollupsOfYears, measures: Measure[]): ReportFigures {
  const months = wholeMonthsOf(period);
  if (!months) throw new Error(`rollups cover whole months only, not ${period.from} to ${period.to}`);
  const figures = new FiguresAccumulator(regulations, period, asOf);
  const sum: RollupCounters = {};
  for (const month of months) addCounters(sum, rollups.months.get(month) ?? {});
  figures.absorb(sum);
  return figures.finish(measures);
}

/**
 * Rollups built from lines (a year written before rollups existed, the benchmark's data, the
 * equality test): the counters per slot.
 */
export class RollupBuilder {
  readonly slots = new Map<string, RollupDelta>();
  private readonly timeZone: string;

  constructor(
    private readonly regulations: RegulationVersions,
    private readonly shards = ROLLUP_SHARDS,
  ) {
    this.timeZone = timeZoneOf(regulations);
  }

  add(line: ReportComplaint): void {
    const slot = rollupSlotOf(line, this.timeZone, this.shards);
    const key = slotKey(slot);
    const entry = this.slots.get(key) ?? { slot, counters: {} };
    addCounters(entry.counters, lineCounters(this.regulations, line));
    this.slots.set(key, entry);
  }

  /**
   * Adds a copy of a line already added, under another reference (the benchmark's replicated
   * histories): the same counters in the new reference's shard, without computing them again.
   */
  addCopy(line: ReportComplaint, counters: RollupCounters, reference: string): void {
    const slot = rollupSlotOf({ reference, receivedAt: line.receivedAt }, this.timeZone, this.shards);
    const key = slotKey(slot);
    const entry = this.slots.get(key) ?? { slot, counters: {} };
    addCounters(entry.counters, counters);
    this.slots.set(key, entry);
  }

  /** The local year of receipt: the year whose rollups the line is in. */
  yearOf(line: Pick<ReportComplaint, 'receivedAt'>): number {
    return Number(localDateOf(new Date(line.receivedAt), this.timeZone).slice(0, 4));
  }

  /** Summed per month. */
  months(): Map<string, RollupCounters> {
    return sumByMonth(this.slots.values());
  }
}

export function sumByMonth(slots: Iterable<RollupDelta>): Map<string, RollupCounters> {
  const months = new Map<string, RollupCounters>();
  for (const { slot, counters } of slots) {
    const key = monthKey(slot.year, slot.month);
    months.set(key, addCounters(months.get(key) ?? {}, counters));
  }
  for (const [key, counters] of months) if (!Object.keys(counters).length) months.delete(key);
  return months;
}
