/**
 * Loads a year of complaint histories into a DynamoDB table fast, for the yearly report's
 * benchmark (1,000 / 10,000 / 100,000 complaints, and 1,000,000 as rollups). The histories are
 * the seed generator's (tools/seed/histories.ts), lived through the same use cases against an
 * in-memory register (through DynamoDB Local the use cases would take about an hour for
 * 100,000), and written with the DynamoDB adapter's own item builders (importRecords), so the
 * complaint items and report lines carry exactly the keys the adapter gives them.
 *
 * Living a history costs about 9 ms, so a large year is a thousand or so lived histories
 * (`templates`) replicated: each copy is its template's report line under a fresh reference, with
 * the template's dates (its deadlines stay real deadlines on the Dutch calendar); only the line is
 * written for a copy (the report reads nothing else; a complaint view is five times its size, in
 * five indexes). The monthly
 * rollups and open lines (shared/adapters/dynamodb-report-rollups.ts) are built from the lines
 * as they are loaded, a template's counters computed once, and written beside them. With
 * `lines: false` only the rollups grow (the 1,000,000 row: the report reads no line then).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbComplaintRegister } from '../shared/adapters/dynamodb-register.ts';
import { loadTenantFile } from '../shared/adapters/regulation-file.ts';
import type { Regulation } from '../shared/domain/regulation/index.ts';
import type { ComplaintRecord } from '../shared/domain/complaint/model.ts';
import type { ComplaintEvent } from '../shared/domain/complaint/events.ts';
import type { Measure } from '../shared/domain/measures/measures.ts';
import { generateHistories, planComplaints } from '../tools/seed/histories.ts';
import { MemoryRegister } from '../tools/seed/memory-register.ts';
import { singleVersion, type RegulationVersions } from '../shared/domain/regulation/versions.ts';
import { formatReference } from '../shared/domain/complaint/reference.ts';
import { reportLineOf, type ReportComplaint } from '../shared/domain/report/figures.ts';
import { lineCounters, RollupBuilder, type RollupCounters } from '../shared/domain/report/rollup.ts';
import { batchWrite, markRollupsFrom, writeRollups } from '../shared/adapters/dynamodb-report-rollups.ts';
import { reportLineItem } from '../shared/adapters/dynamodb-items.ts';
import { DynamoDbTable } from '../shared/adapters/dynamodb-table.ts';

export interface ReportDataOptions {
  endpoint: string;
  tableName: string;
  /** A tenant id (its file in tenants/), or the regulation itself. */
  tenant: string | Regulation;
  year: number;
  count: number;
  seed?: number;
  /** Nothing is dated after this instant (default: the machine's time). */
  now?: Date;
  /** Also write every event (default true); the complaint views alone are about a tenth of the items. */
  events?: boolean;
  /** At most this many histories are lived; the rest are copies of them (default: all lived). */
  templates?: number;
  /**
   * Also write the monthly rollups of what this loader loaded, and mark them complete from the
   * year before (default false): only for a table that had no complaints of those years.
   */
  rollups?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ReportDataResult {
  complaints: number;
  events: number;
  measures: number;
  /** Wall-clock seconds in all. */
  seconds: number;
  /** When the last history was generated (the writes overlap the generation; the rest is waiting for them). */
  generatedAfterSeconds: number;
  firstReference: string;
  lastReference: string;
}

/** Complaints per BatchWriteItem round (a few dozen requests of 25 items). */
const FLUSH_EVERY = 250;
/** Flushes in flight at once: DynamoDB Local takes a few parallel writers well. */
const WRITERS = Number(process.env.REPORT_DATA_WRITERS || 8);

interface Template {
  line: ReportComplaint;
  counters: RollupCounters;
}

/**
 * A year's complaints grown step by step into one table (the benchmark's 1,000 -> 10,000 ->
 * 100,000), the rollups of everything loaded rewritten after each step.
 */
export class ReportDataLoader {
  private readonly templates: Template[] = [];
  private loaded = 0;

  private constructor(
    private readonly options: Omit<ReportDataOptions, 'count'>,
    private readonly regulations: RegulationVersions,
    private readonly client: DynamoDBClient,
    private readonly table: DynamoDbComplaintRegister,
    private readonly rollups: RollupBuilder,
    /** The table's counter before this loader (its references continue after it). */
    private readonly firstSequence: number,
  ) {}

  static async open(options: Omit<ReportDataOptions, 'count'>): Promise<ReportDataLoader> {
    const regulations = typeof options.tenant === 'string' ? await loadTenantFile(`tenants/${options.tenant}.yaml`) : singleVersion(options.tenant);
    const client = new DynamoDBClient({ endpoint: options.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 8 });
    const table = new DynamoDbComplaintRegister(client, options.tableName);
    // Continue the table's references (its counter moves on by one here; importRecords sets it to the last).
    const before = (await table.allocateSequence(options.year)) - 1;
    return new ReportDataLoader(options, regulations, client, table, new RollupBuilder(regulations), before);
  }

  /** Complaints loaded so far. */
  get count(): number {
    return this.loaded;
  }

  /**
   * Loads complaints until there are `total`: lived histories while fewer than `templates`, then
   * copies. `lines: false` grows the rollups only (no complaint items or report lines written).
   */
  async grow(total: number, options: { lines?: boolean } = {}): Promise<ReportDataResult> {
    const started = performance.now();
    const writeLines = options.lines !== false;
    const wanted = total - this.loaded;
    const maxTemplates = this.options.templates ?? Number.POSITIVE_INFINITY;
    const toLive = Math.max(0, Math.min(wanted, maxTemplates - this.templates.length));
    const totals = { complaints: 0, events: 0, measures: 0 };
    let complaints: ComplaintRecord[] = [];
    let events: ComplaintEvent[] = [];
    let measures: Measure[] = [];
    let copies: Array<{ reference: string; line: ReportComplaint }> = [];
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    const flush = async () => {
      const batch = { complaints, events: this.options.events === false ? [] : events, measures };
      const lineBatch = copies;
      totals.measures += batch.measures.length;
      complaints = [];
      events = [];
      measures = [];
      copies = [];
      if (!writeLines || (!batch.complaints.length && !batch.measures.length && !lineBatch.length)) return;
      while (inFlight.size >= WRITERS) await Promise.race(inFlight);
      if (failure) throw failure;
      const write = (
        lineBatch.length
          ? batchWrite(
              new DynamoDbTable(this.client, this.options.tableName),
              lineBatch.map(({ reference, line }) => ({ PutRequest: { Item: reportLineItem(reference, this.options.year, line) } })),
              1,
            )
          : this.table.importRecords(batch)
      )
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
    };
    let first = '';
    let last = '';
    const take = async (reference: string, complaint: ComplaintRecord | undefined, line: ReportComplaint, counters: RollupCounters | undefined) => {
      if (counters) this.rollups.addCopy(line, counters, reference);
      else this.rollups.add(line);
      if (complaint) complaints.push(complaint);
      else copies.push({ reference, line });
      totals.complaints += 1;
      this.loaded += 1;
      first ||= reference;
      last = reference;
      if (complaints.length + copies.length >= FLUSH_EVERY) await flush();
    };

    let generatedAfterSeconds = 0;
    try {
      if (toLive > 0) {
        const now = this.options.now ?? new Date();
        const memory = new MemoryRegister();
        memory.continueSequence(this.options.year, this.firstSequence + this.loaded);
        const plans = planComplaints(this.regulations, { year: this.options.year, count: toLive, seed: (this.options.seed ?? 1) + this.templates.length, now });
        await generateHistories({ register: memory, regulations: this.regulations, now }, plans, {
          onHistory: async (result) => {
            const taken = memory.take(result.reference)!;
            const line = reportLineOf(taken.complaint);
            this.templates.push({ line, counters: lineCounters(this.regulations, line) });
            events.push(...taken.events);
            totals.events += taken.events.length;
            measures.push(...memory.takeMeasures());
            await take(taken.complaint.reference, taken.complaint, line, undefined);
          },
          ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
        });
      }
      generatedAfterSeconds = (performance.now() - started) / 1000;
      // The copies: template i, i+1, ... under the next references, events left out.
      while (this.loaded < total) {
        const template = this.templates[this.loaded % this.templates.length]!;
        const reference = formatReference(this.options.year, this.firstSequence + this.loaded + 1);
        await take(reference, undefined, { ...template.line, reference }, template.counters);
        if (this.loaded % 10_000 === 0) this.options.onProgress?.(this.loaded, total);
      }
      await flush();
      await Promise.all(inFlight);
      if (failure) throw failure;
      await this.table.importRecords({ sequences: { [this.options.year]: this.firstSequence + this.loaded } });
      if (this.options.rollups) {
        // The rollups of everything loaded, complete from the year before (empty in such a table).
        const rollupTable = new DynamoDbTable(this.client, this.options.tableName);
        await writeRollups(rollupTable, this.rollups, [this.options.year - 1, this.options.year, this.options.year + 1]);
        await markRollupsFrom(rollupTable, this.options.year - 1);
      }
    } catch (error) {
      await Promise.allSettled(inFlight);
      throw error;
    }
    return { ...totals, seconds: (performance.now() - started) / 1000, generatedAfterSeconds, firstReference: first, lastReference: last };
  }

  close(): void {
    this.client.destroy();
  }
}

/** One load of `count` complaints (every history lived unless `templates` says otherwise), with their rollups. */
export async function loadReportData(options: ReportDataOptions): Promise<ReportDataResult> {
  const loader = await ReportDataLoader.open(options);
  try {
    return await loader.grow(options.count);
  } finally {
    loader.close();
  }
}
