/**
 * The yearly report's monthly rollups in the register table (the pure part is
 * shared/domain/report/rollup.ts). Two kinds of item, in no index:
 *
 * - counters: pk `ROLLUP#<yyyy>`, sk `M<mm>#S<ss>` (local month of receipt, shard), one number
 *   attribute `c:<counter>` per counter. The write path adds a change's delta with UpdateItem
 *   ADD in the complaint's own transaction (`rollupWriteItems`); a year is one Query.
 * - state: pk `ROLLUPS`, sk `STATE`, `fromYear`: receipt years from this one on have complete
 *   rollups (written by the backfill once every year from it is built). Without it, or for an
 *   older year, the report folds the lines as before.
 */
import {
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type TransactWriteItem,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { RegulationVersions } from '../domain/regulation/versions.ts';
import type { ReportComplaint } from '../domain/report/figures.ts';
import { monthKey, RollupBuilder, ROLLUP_SHARDS, type RollupChange, type RollupCounters, type RollupSlot, type RollupsOfYears } from '../domain/report/rollup.ts';
import type { DynamoDbTable } from './dynamodb-table.ts';

/** The table the rollups live in (the register's), through the one table helper. */
export type RollupTable = DynamoDbTable;

/** Every item of a year's rollup partition (DynamoDbTable.queryAll pages through it). */
async function rollupItems(table: RollupTable, year: number, projection?: string): Promise<Array<Record<string, any>>> {
  const { items } = await table.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': { S: rollupPartition(year) } },
    ...(projection ? { ProjectionExpression: projection } : {}),
  });
  return items;
}

const COUNTER_PREFIX = 'c:';
export const rollupPartition = (year: number) => `ROLLUP#${year}`;
export const ROLLUP_STATE_KEY = { pk: 'ROLLUPS', sk: 'STATE' } as const;

export function rollupKey(slot: RollupSlot): { pk: string; sk: string } {
  return { pk: rollupPartition(slot.year), sk: `M${String(slot.month).padStart(2, '0')}#S${String(slot.shard).padStart(2, '0')}` };
}

/**
 * The transaction items of one change's rollups, to go into the same TransactWriteItems as the
 * complaint's view and report line: one Update (ADD of the delta) per slot the change touches
 * (none when no figure changes; one; two when the receipt moved months). None of them is an
 * item the register's own part of the transaction writes.
 */
export function rollupWriteItems(tableName: string, change: RollupChange): TransactWriteItem[] {
  return change.deltas.map(({ slot, counters }) => {
    const entries = Object.entries(counters).filter(([, value]) => value !== 0);
    const names: Record<string, string> = {};
    const values: Record<string, AttributeValue> = {};
    const terms = entries.map(([counter, value], i) => {
      names[`#c${i}`] = `${COUNTER_PREFIX}${counter}`;
      values[`:c${i}`] = { N: String(value) };
      return `#c${i} :c${i}`;
    });
    return { Update: { TableName: tableName, Key: marshall(rollupKey(slot)), UpdateExpression: `ADD ${terms.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
  });
}

/** From which receipt year on the rollups are complete; undefined when they were never built. */
export async function rollupsFromYear(table: RollupTable): Promise<number | undefined> {
  const state = await table.client.send(new GetItemCommand({ TableName: table.name, Key: marshall(ROLLUP_STATE_KEY), ConsistentRead: true }));
  return state.Item?.fromYear?.N ? Number(state.Item.fromYear.N) : undefined;
}

/**
 * The rollups of some receipt years: one Query per year (12 months x the shards); undefined
 * when any of the years has no complete rollups.
 */
export async function readRollups(table: RollupTable, years: number[]): Promise<RollupsOfYears | undefined> {
  const fromYear = await rollupsFromYear(table);
  if (fromYear === undefined || years.some((year) => year < fromYear)) return undefined;
  const months = new Map<string, RollupCounters>();
  await Promise.all(
    years.map((year) =>
      rollupItems(table, year).then((items) => {
        for (const item of items) {
          const month = monthKey(year, Number(String(item.sk).slice(1, 3)));
          const counters = months.get(month) ?? {};
          for (const [name, value] of Object.entries(item)) {
            if (!name.startsWith(COUNTER_PREFIX) || typeof value !== 'number') continue;
            const counter = name.slice(COUNTER_PREFIX.length);
            const sum = (counters[counter] ?? 0) + value;
            if (sum === 0) delete counters[counter];
            else counters[counter] = sum;
          }
          months.set(month, counters);
        }
      }),
    ),
  );
  return { months };
}

/** Writes (puts and deletes) with BatchWriteItem, `writers` batches of 25 in flight at once; unprocessed items sent again. */
export async function batchWrite(table: RollupTable, requests: WriteRequest[], writers = 4): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  const writer = async () => {
    for (let next = batches.shift(); next; next = batches.shift()) {
      let batch: WriteRequest[] = next;
      // DynamoDB may leave some unprocessed under load: send those again, with a pause.
      for (let attempt = 0; batch.length; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const result: BatchWriteItemCommandOutput = await table.client.send(new BatchWriteItemCommand({ RequestItems: { [table.name]: batch } }));
        batch = result.UnprocessedItems?.[table.name] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}

/**
 * Writes built rollups of whole receipt years as they are: every slot of each year overwritten,
 * any other item of those years deleted. Idempotent: the same lines give the same items.
 */
export async function writeRollups(table: RollupTable, built: RollupBuilder, years: number[], shards = ROLLUP_SHARDS): Promise<{ slots: number }> {
  const requests: WriteRequest[] = [];
  let slots = 0;
  for (const year of years) {
    const written = new Set<string>();
    for (let month = 1; month <= 12; month += 1) {
      for (let shard = 0; shard < shards; shard += 1) {
        const slot = { year, month, shard };
        const counters = built.slots.get(`${year}-${month}-${shard}`)?.counters ?? {};
        const attributes = Object.fromEntries(Object.entries(counters).map(([counter, value]) => [`${COUNTER_PREFIX}${counter}`, value]));
        if (!Object.keys(attributes).length) continue;
        slots += 1;
        written.add(rollupKey(slot).sk);
        requests.push({ PutRequest: { Item: marshall({ ...rollupKey(slot), ...attributes }) } });
      }
    }
    // Whatever else the year holds goes (an emptied slot; a shard of an earlier shard count).
    for (const item of await rollupItems(table, year, 'pk, sk')) {
      if (!written.has(String(item.sk))) requests.push({ DeleteRequest: { Key: marshall({ pk: item.pk, sk: item.sk }) } });
    }
  }
  await batchWrite(table, requests);
  return { slots };
}

/** Records that receipt years from `fromYear` on have complete rollups (the report then reads them). */
/** The rollups are no longer known to be complete (lines were written around them): the report folds lines until a backfill. */
export async function forgetRollups(table: RollupTable): Promise<void> {
  await table.client.send(new DeleteItemCommand({ TableName: table.name, Key: marshall(ROLLUP_STATE_KEY) }));
}

export async function markRollupsFrom(table: RollupTable, fromYear: number): Promise<void> {
  await table.client.send(new PutItemCommand({ TableName: table.name, Item: marshall({ ...ROLLUP_STATE_KEY, fromYear, at: new Date().toISOString() }) }));
}

/** Where the lines of a year come from (the report source: REPORT#<year>, by Query). */
export interface LineSource {
  complaintsOfYears(years: number[]): AsyncIterable<ReportComplaint[]>;
}

/**
 * The backfill: builds the rollups of receipt years `fromYear`..`toYear` from their report lines
 * (reference years fromYear..toYear+1: a complaint received in December can be registered in
 * January), writes them over what is there, then marks the rollups complete from `fromYear`.
 * Idempotent: run again, it writes the same items. Run it once when the write path starts
 * keeping rollups, in a quiet moment: a change committed while its year is being rebuilt can be
 * counted twice or not at all, and running the backfill again corrects that.
 */
export async function backfillRollups(
  table: RollupTable,
  lines: LineSource,
  regulations: RegulationVersions,
  years: { fromYear: number; toYear: number },
  onProgress?: (read: number) => void,
): Promise<{ complaints: number; slots: number }> {
  const built = new RollupBuilder(regulations);
  const receiptYears: number[] = [];
  for (let year = years.fromYear; year <= years.toYear; year += 1) receiptYears.push(year);
  let complaints = 0;
  let read = 0;
  for await (const page of lines.complaintsOfYears([...receiptYears, years.toYear + 1])) {
    for (const line of page) {
      if (!receiptYears.includes(built.yearOf(line))) continue;
      built.add(line);
      complaints += 1;
    }
    onProgress?.((read += page.length));
  }
  const written = await writeRollups(table, built, receiptYears);
  await markRollupsFrom(table, years.fromYear);
  return { complaints, ...written };
}
