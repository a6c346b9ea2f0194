/**
 * The report from monthly rollups equals the report folded from every line: over random
 * histories of report lines (each line changing several times, moving months, erased), and over
 * histories lived through the use cases (tools/seed/histories.ts), anonymisation included, at
 * report moments before, between and after the deadlines. The rollups are kept the way the
 * register keeps them: every change adds counters(new) - counters(old) to its slot.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { loadTenantFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { RegulationVersions } from '../../../../../shared/domain/regulation/versions.ts';
import type { MilestoneState } from '../../../../../shared/domain/complaint/model.ts';
import type { Measure } from '../../../../../shared/domain/measures/measures.ts';
import { dayStats, dayStatsOfHistogram, reportLineOf, type ReportComplaint } from '../../../../../shared/domain/report/figures.ts';
import { buildYearlyReport, type ReportRequest, type ReportSource } from '../../../../../shared/domain/report/yearly-report.ts';
import { addCounters, lineCounters, RollupBuilder, rollupChange, sumByMonth, wholeMonthsOf, type RollupCounters, type RollupDelta } from '../../../../../shared/domain/report/rollup.ts';
import { generateHistories, planComplaints } from '../../../../../tools/seed/histories.ts';
import { MemoryRegister } from '../../../../../tools/seed/memory-register.ts';
import { anonymiseRecord } from '../../../../../shared/domain/privacy/anonymise.ts';

const YEAR = 2025;
const SHARDS = 4;

/** The rollups as a table holds them: counters per slot. */
class RollupTable {
  readonly slots = new Map<string, RollupDelta>();
  constructor(private readonly regulations: RegulationVersions) {}

  change(old: ReportComplaint | undefined, next: ReportComplaint | undefined): void {
    const change = rollupChange(this.regulations, old, next, SHARDS);
    for (const delta of change.deltas) {
      const key = `${delta.slot.year}-${delta.slot.month}-${delta.slot.shard}`;
      const slot = this.slots.get(key) ?? { slot: delta.slot, counters: {} };
      addCounters(slot.counters, delta.counters);
      this.slots.set(key, slot);
    }
  }
}

/** A source that has every final line, and (optionally) the rollups. */
function source(lines: ReportComplaint[], measures: Measure[], rollups?: RollupTable): ReportSource {
  return {
    async *complaintsOfYears(years: number[]) {
      yield lines.filter((l) => years.includes(Number(l.reference.slice(3, 7))));
    },
    allMeasures: async () => measures,
    ...(rollups
      ? {
          rollupsOfYears: async (years: number[]) => ({
            months: sumByMonth([...rollups.slots.values()].filter((s) => years.includes(s.slot.year))),
          }),
        }
      : {}),
  };
}

async function bothWays(regulations: RegulationVersions, lines: ReportComplaint[], table: RollupTable, measures: Measure[], asOf: Date, request: ReportRequest) {
  const clock = { now: () => asOf };
  let usedRollups = false;
  const withRollups = source(lines, measures, table);
  const counting: ReportSource = {
    ...withRollups,
    rollupsOfYears: async (years) => {
      usedRollups = true;
      return withRollups.rollupsOfYears!(years);
    },
  };
  const folded = await buildYearlyReport({ source: source(lines, measures), regulations, clock }, request);
  const rolled = await buildYearlyReport({ source: counting, regulations, clock }, request);
  return { folded, rolled, usedRollups };
}

/** Occure's two versions, with a renamed category (`formerly`) and a target, so both are exercised. */
async function regulationsUnderTest(): Promise<RegulationVersions> {
  const loaded = await loadTenantFile('tenants/occure.yaml');
  const versions = structuredClone(loaded.versions) as RegulationVersions['versions'];
  const newest = versions.at(-1)!;
  const firstCategory = newest.categorySchemes[0]!.categories[0]!;
  (firstCategory as { formerly: string[] }).formerly = [...firstCategory.formerly, 'legacy-service'];
  (newest.milestones.find((m) => m.id === 'acknowledgement') as { kind?: string }).kind = 'target';
  return { ...loaded, versions };
}

const instant = (from: string, to: string) => fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((ms) => new Date(ms).toISOString());

function lineArbitrary(regulations: RegulationVersions, reference: string): fc.Arbitrary<ReportComplaint> {
  const newest = regulations.versions.at(-1)!;
  const all = regulations.versions;
  const categories = [...new Set(all.flatMap((r) => r.categorySchemes.flatMap((s) => s.categories.map((c) => c.id)))), 'legacy-service'];
  const channels = [...new Set(all.flatMap((r) => r.intake.channels.map((c) => c.id))), 'web-form'];
  const milestones = [...new Set(all.flatMap((r) => r.milestones.map((m) => m.id))), 'gone-milestone'];
  const routes = newest.routing.map((r) => r.id);
  const outcomes = ['founded', 'partly-founded', 'unfounded', 'offer', 'resolved-informally', 'not-admissible', 'withdrawn'];
  const happenedKeys = ['received', 'assigned', 'ruling-sent', 'resolved', 'not-taken-up', 'withdrawn', 'closed', 'objection-received', 'objection-hearing-held'];
  // Around the year's edges (December/January in Amsterdam time) and inside it.
  const received = fc.oneof(
    instant(`${YEAR - 1}-12-30T00:00:00Z`, `${YEAR}-01-02T00:00:00Z`),
    instant(`${YEAR}-01-01T00:00:00Z`, `${YEAR + 1}-01-01T00:00:00Z`),
    instant(`${YEAR}-12-30T00:00:00Z`, `${YEAR + 1}-01-02T00:00:00Z`),
    instant(`${YEAR - 1}-01-01T00:00:00Z`, `${YEAR}-01-01T00:00:00Z`),
  );
  const later = instant(`${YEAR - 1}-01-01T00:00:00Z`, `${YEAR + 1}-06-30T00:00:00Z`);
  const milestone = fc.record(
    {
      milestoneId: fc.constantFrom(...milestones),
      series: fc.option(fc.constantFrom('progress-update', ...milestones), { nil: undefined }),
      kind: fc.option(fc.constant('target' as const), { nil: undefined }),
      dueAt: later,
      status: fc.constantFrom<MilestoneState['status']>('open', 'met', 'escalated', 'missed', 'cancelled'),
      metAt: fc.option(later, { nil: undefined }),
      escalatedAt: fc.option(later, { nil: undefined }),
      missedAt: fc.option(later, { nil: undefined }),
      extensions: fc.option(fc.constant([{ unit: 'weeks' as const, amount: 4 }]), { nil: undefined }),
    },
    { requiredKeys: ['milestoneId', 'dueAt', 'status'] },
  );
  return fc
    .record(
      {
        receivedAt: received,
        regulationVersion: fc.option(fc.constantFrom(...all.map((r) => r.version)), { nil: undefined }),
        channel: fc.constantFrom(...channels),
        mode: fc.constantFrom('written' as const, 'oral' as const),
        categories: fc.array(fc.constantFrom(...categories), { maxLength: 3 }),
        routes: fc.option(fc.array(fc.constantFrom(...routes), { minLength: 1, maxLength: 2 }), { nil: undefined }),
        status: fc.constantFrom('received', 'acknowledged', 'in-progress', 'ruled', 'closed', 'withdrawn', 'not-admissible'),
        milestones: fc.array(milestone, { maxLength: 4 }),
        happened: fc.dictionary(fc.constantFrom(...happenedKeys), later, { maxKeys: 5 }),
        measureIds: fc.array(fc.constantFrom('M-1', 'M-2', 'M-3'), { maxLength: 2 }),
        decision: fc.option(
          fc.record({ outcome: fc.constantFrom(...outcomes), ground: fc.option(fc.constantFrom('return-to-work-advice', 'other'), { nil: undefined }) }, { requiredKeys: ['outcome'] }),
          { nil: undefined },
        ),
        objection: fc.option(fc.record({ receivedAt: later, decision: fc.option(fc.record({ outcome: fc.constantFrom(...outcomes) }), { nil: undefined }) }, { requiredKeys: ['receivedAt'] }), {
          nil: undefined,
        }),
        externalReferral: fc.option(fc.record({ body: fc.constantFrom('Stichting Dokh', 'Kifid: beroep'), at: later }), { nil: undefined }),
        satisfaction: fc.option(fc.record({ satisfied: fc.boolean() }), { nil: undefined }),
      },
      { requiredKeys: ['receivedAt', 'channel', 'mode', 'categories', 'status', 'milestones', 'happened', 'measureIds'] },
    )
    .map((line) => ({ reference, ...line }) as unknown as ReportComplaint);
}

/** A history: a reference's line as registered, then changed a few times, perhaps erased at the end. */
function historyArbitrary(regulations: RegulationVersions, reference: string) {
  return fc
    .record({
      lines: fc.array(lineArbitrary(regulations, reference), { minLength: 1, maxLength: 5 }),
      /** Later changes keep the receipt (as a real complaint does), unless the receipt itself was corrected. */
      keepReceipt: fc.boolean(),
      erased: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
    })
    .map(({ lines, keepReceipt, erased }) => ({
      lines: keepReceipt ? lines.map((l) => ({ ...l, receivedAt: lines[0]!.receivedAt })) : lines,
      erased,
    }));
}

const measuresArbitrary = fc
  .array(
    fc.record({
      id: fc.constantFrom('M-1', 'M-2', 'M-3', 'M-4'),
      kind: fc.constantFrom('corrective' as const, 'preventive' as const),
      createdAt: instant(`${YEAR - 1}-01-01T00:00:00Z`, `${YEAR + 1}-01-01T00:00:00Z`),
      dueDate: fc.constantFrom(`${YEAR}-03-01`, `${YEAR}-09-30`),
      status: fc.constantFrom('open' as const, 'done' as const, 'cancelled' as const),
    }),
    { maxLength: 4 },
  )
  .map((items) => [...new Map(items.map((m) => [m.id, { ...m, what: 'maatregel', complaintRefs: [] } as unknown as Measure])).values()]);

describe('the yearly report from monthly rollups', () => {
  let regulations: RegulationVersions;
  beforeAll(async () => {
    regulations = await regulationsUnderTest();
  });

  it('nearest ranks from a histogram equal those from every value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 60 }), (values) => {
        const histogram = new Map<number, number>();
        for (const v of values) histogram.set(v, (histogram.get(v) ?? 0) + 1);
        expect(dayStatsOfHistogram(histogram)).toEqual(dayStats(values));
      }),
    );
  });

  it('whole months only: a year, a month, from-to on month ends', () => {
    expect(wholeMonthsOf({ from: '2025-01-01', to: '2025-12-31' })).toHaveLength(12);
    expect(wholeMonthsOf({ from: '2024-02-01', to: '2024-02-29' })).toEqual(['2024-02']);
    expect(wholeMonthsOf({ from: '2024-11-01', to: '2025-02-28' })).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(wholeMonthsOf({ from: '2024-02-01', to: '2024-02-28' })).toBeUndefined();
    expect(wholeMonthsOf({ from: '2025-01-02', to: '2025-12-31' })).toBeUndefined();
  });

  it('a change adds counters(new) - counters(old): registration, changes and erasure sum to the final line', () => {
    fc.assert(
      fc.property(historyArbitrary(regulations, `KL-${YEAR}-000001`), ({ lines }) => {
        const table = new RollupTable(regulations);
        let old: ReportComplaint | undefined;
        for (const line of lines) {
          table.change(old, line);
          old = line;
        }
        const total: RollupCounters = {};
        for (const slot of table.slots.values()) addCounters(total, slot.counters);
        expect(total).toEqual(addCounters({}, lineCounters(regulations, old!)));
        table.change(old, undefined);
        expect([...table.slots.values()].every((s) => Object.keys(s.counters).length === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('equals the report folded from every line, over random histories', async () => {
    const histories = fc.array(fc.integer({ min: 1, max: 999_999 }), { minLength: 1, maxLength: 40 }).chain((numbers) => {
      const references = [...new Set(numbers)].map((n, i) => `KL-${i % 3 === 0 ? YEAR + 1 : YEAR}-${String(n).padStart(6, '0')}`);
      return fc.tuple(...references.map((ref) => historyArbitrary(regulations, ref)));
    });
    await fc.assert(
      fc.asyncProperty(
        histories,
        measuresArbitrary,
        instant(`${YEAR}-06-01T00:00:00Z`, `${YEAR + 2}-01-01T00:00:00Z`),
        fc.constantFrom<ReportRequest>({ year: YEAR }, { year: YEAR + 1 }, { from: `${YEAR}-03-01`, to: `${YEAR + 1}-02-28` }, { from: `${YEAR}-12-01`, to: `${YEAR}-12-31` }),
        async (all, measures, asOf, request) => {
          const table = new RollupTable(regulations);
          const final: ReportComplaint[] = [];
          // Interleaved as concurrent changes would be: round-robin over the histories.
          const cursors = all.map(() => 0);
          while (cursors.some((c, i) => c <= all[i]!.lines.length)) {
            all.forEach((history, i) => {
              const at = cursors[i]!;
              if (at > history.lines.length) return;
              cursors[i] = at + 1;
              if (at < history.lines.length) table.change(history.lines[at - 1], history.lines[at]);
              else if (history.erased) table.change(history.lines[at - 1], undefined);
              else final.push(history.lines[at - 1]!);
            });
          }
          const { folded, rolled, usedRollups } = await bothWays(regulations, final, table, measures, new Date(asOf), request);
          expect(usedRollups).toBe(true);
          expect(rolled).toEqual(folded);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a period of part of a month is folded from the lines', async () => {
    const table = new RollupTable(regulations);
    const { folded, rolled, usedRollups } = await bothWays(regulations, [], table, [], new Date(`${YEAR}-12-01T00:00:00Z`), { from: `${YEAR}-01-15`, to: `${YEAR}-06-30` });
    expect(usedRollups).toBe(false);
    expect(rolled).toEqual(folded);
  });

  it('equals the report folded from every line, over histories lived through the use cases, with anonymisation', async () => {
    const occure = await loadTenantFile('tenants/occure.yaml');
    const now = new Date(`${YEAR}-12-31T12:00:00+01:00`);
    const table = new RollupTable(occure);
    const lines = new Map<string, ReportComplaint>();
    const record = (old: ReportComplaint | undefined, next: ReportComplaint | undefined) => {
      table.change(old, next);
      if (next) lines.set(next.reference, next);
      else if (old) lines.delete(old.reference);
    };
    // Every view the use cases write takes its line's change along, as in the register's
    // transactions: after each write, the line of the view it left is compared with the last one.
    const memory = new MemoryRegister();
    const last = new Map<string, ReportComplaint>();
    const touched = (args: unknown[]) =>
      args.flatMap((arg) => {
        const value = arg as { reference?: unknown; next?: { reference?: unknown }; complaint?: { reference?: unknown } } | undefined;
        return [value?.reference, value?.next?.reference, value?.complaint?.reference].filter((r): r is string => typeof r === 'string');
      });
    const rolling = new Proxy(memory, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function' || name === 'get' || name === 'take') return value;
        return async (...args: unknown[]) => {
          const result = await value.apply(target, args);
          for (const reference of new Set(touched(args))) {
            const view = await target.get(reference);
            if (!view) continue;
            const line = reportLineOf(view);
            const before = last.get(reference);
            if (JSON.stringify(before) === JSON.stringify(line)) continue;
            record(before, line);
            last.set(reference, line);
          }
          return result;
        };
      },
    });
    const plans = planComplaints(occure, { year: YEAR, count: 60, seed: 7, now });
    const results = await generateHistories({ register: rolling, regulations: occure, now }, plans);
    // Anonymise a third (the line keeps what the report reads), erase a few.
    results.forEach((result, i) => {
      const view = memory.take(result.reference)!.complaint;
      let current = reportLineOf(view);
      expect(current).toEqual(last.get(result.reference));
      if (i % 3 === 0) {
        const anonymised = reportLineOf(anonymiseRecord(view, now.toISOString()));
        record(current, anonymised);
        current = anonymised;
      }
      if (i % 17 === 0) record(current, undefined);
    });
    expect(lines.size).toBeGreaterThan(50);
    for (const asOf of [now, new Date(`${YEAR + 1}-03-01T12:00:00+01:00`)]) {
      const { folded, rolled, usedRollups } = await bothWays(occure, [...lines.values()], table, [], asOf, { year: YEAR });
      expect(usedRollups).toBe(true);
      expect(rolled).toEqual(folded);
      expect(rolled.current.complaints).toBe(lines.size);
    }
    // Built from the final lines (the backfill), the rollups are the same as kept by the changes.
    const built = new RollupBuilder(occure, SHARDS);
    for (const line of lines.values()) built.add(line);
    expect(built.months()).toEqual(sumByMonth(table.slots.values()));
  }, 60_000);
});
