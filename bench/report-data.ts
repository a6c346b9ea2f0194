/**
 * Loads a year of complaint histories into a DynamoDB table fast, for the yearly report's
 * benchmark (1,000 / 10,000 / 100,000 complaints). The histories are the seed generator's
 * (tools/seed/histories.ts), lived through the same use cases, but against an in-memory register:
 * through DynamoDB Local the use cases would take about an hour for 100,000. Each finished
 * history is then written with the DynamoDB adapter's own item builders (importRecords), so the
 * complaint items carry exactly the index keys the adapter gives them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbComplaintRegister } from '../shared/adapters/dynamodb-register.ts';
import { loadTenantFile } from '../shared/adapters/regulation-file.ts';
import type { Regulation } from '../shared/domain/regulation/index.ts';
import type { ComplaintRecord } from '../shared/domain/complaint/model.ts';
import type { ComplaintEvent } from '../shared/domain/complaint/events.ts';
import { generateHistories, planComplaints } from '../tools/seed/histories.ts';
import { MemoryRegister } from '../tools/seed/memory-register.ts';
import { singleVersion } from '../shared/domain/regulation/versions.ts';

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

/** Complaints per BatchWriteItem round (a few hundred requests of 25 items). */
const FLUSH_EVERY = 250;
/** Flushes in flight at once: DynamoDB Local takes a few parallel writers well. */
const WRITERS = Number(process.env.REPORT_DATA_WRITERS || 4);

export async function loadReportData(options: ReportDataOptions): Promise<ReportDataResult> {
  const started = performance.now();
  const regulations = typeof options.tenant === 'string' ? await loadTenantFile(`tenants/${options.tenant}.yaml`) : singleVersion(options.tenant);
  const now = options.now ?? new Date();
  const plans = planComplaints(regulations, { year: options.year, count: options.count, seed: options.seed ?? 1, now });
  const client = new DynamoDBClient({ endpoint: options.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 8 });
  const table = new DynamoDbComplaintRegister(client, options.tableName);
  const memory = new MemoryRegister();
  // Continue the table's references (its counter moves on by one here; importRecords sets it to the last).
  memory.continueSequence(options.year, (await table.allocateSequence(options.year)) - 1);

  const totals = { complaints: 0, events: 0, measures: 0 };
  let complaints: ComplaintRecord[] = [];
  let events: ComplaintEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const flush = async () => {
    const batch = { complaints, events: options.events === false ? [] : events, measures: memory.takeMeasures() };
    totals.measures += batch.measures.length;
    complaints = [];
    events = [];
    while (inFlight.size >= WRITERS) await Promise.race(inFlight);
    if (failure) throw failure;
    const write = table.importRecords(batch).catch((error: unknown) => { failure ??= error; }).finally(() => inFlight.delete(write));
    inFlight.add(write);
  };

  let first = '';
  let last = '';
  let generatedAfterSeconds = 0;
  try {
    await generateHistories({ register: memory, regulations, now }, plans, {
      onHistory: async (result) => {
        const taken = memory.take(result.reference)!;
        complaints.push(taken.complaint);
        events.push(...taken.events);
        totals.complaints += 1;
        totals.events += taken.events.length;
        first ||= result.reference;
        last = result.reference;
        if (complaints.length >= FLUSH_EVERY) await flush();
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    generatedAfterSeconds = (performance.now() - started) / 1000;
    await flush();
    await Promise.all(inFlight);
    if (failure) throw failure;
    await table.importRecords({ sequences: { [options.year]: memory.lastSequence(options.year) } });
  } finally {
    client.destroy();
  }
  return { ...totals, seconds: (performance.now() - started) / 1000, generatedAfterSeconds, firstReference: first, lastReference: last };
}
