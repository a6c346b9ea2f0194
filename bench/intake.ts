/**
 * Budget (shared/PERFORMANCE.md): public intake on the local cloud. Sustained complaints/s at 50
 * concurrent clients >= 0.5x the rate of raw PutItem calls to the same DynamoDB Local, and p99
 * <= 2x the raw p99.
 *
 * Ours: a local cloud (tenant demo, a fresh temporary folder, free ports) and autocannon POSTing
 * valid complaints, each with its own Idempotency-Key, to /demo/complaints.
 * Reference, measured in the same run against the same DynamoDB Local: raw SDK PutItem of an
 * ~800-byte item at 50 concurrent callers into a scratch table, created here and deleted after.
 *
 * BENCH_INTAKE_BREAKDOWN=1 adds, on stderr, where an intake request's time goes (see breakdown()).
 *
 * The reference runs first: after our run the outbox drain still has thousands of letters and
 * schedules to deliver, which would disturb it. Each side gets its own warm-up (the JVM's JIT,
 * the tenant worker's cold start) before its measured window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  CreateTableCommand, DeleteTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand, TransactWriteItemsCommand, UpdateItemCommand,
  waitUntilTableExists, type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startLocalCloud, type LocalCloud } from '../local/cloud.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import type { BenchResult } from './result.ts';

const CONNECTIONS = 50;
const WARMUP_S = 3;
const MEASURE_S = 10;
/** A bound on the count as well as the time, whatever the machine does. */
const MAX_REQUESTS_PER_WINDOW = 200_000;
const REQUEST_TIMEOUT_S = 10;
const ITEM_BYTES = 800;
const RATE_BUDGET = 0.5;
const P99_BUDGET = 2;

/** One measured window of load, ours or the reference's, summarised the same way. */
interface Load {
  completed: number;
  seconds: number;
  /** Completed requests per whole second of the window (the partial last second left out). */
  perSecond: number[];
  p50Ms: number;
  p99Ms: number;
  statuses: Map<string, number>;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n < 10 ? n.toFixed(1) : grouped(n));

function countInto(statuses: Map<string, number>, key: string): void {
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
}

/** Per-second completion counts from completion times (ms since the window started). */
function perSecondOf(doneAtMs: number[], seconds: number): number[] {
  const buckets = new Array<number>(Math.max(1, Math.floor(seconds))).fill(0);
  for (const at of doneAtMs) {
    const second = Math.floor(at / 1000);
    if (second < buckets.length) buckets[second]! += 1;
  }
  return buckets;
}

// --- the reference: raw PutItem ----------------------------------------------------------------

function scratchItem(runId: string, n: number): Record<string, { S: string } | { N: string }> {
  const pk = `bench-${runId}-${n}`;
  const createdAt = new Date().toISOString();
  const seq = String(n);
  // DynamoDB's item size: attribute names plus values. Pad 'payload' so the item is ~800 bytes.
  const fixed = 'pk'.length + pk.length + 'createdAt'.length + createdAt.length + 'seq'.length + seq.length + 'payload'.length;
  return { pk: { S: pk }, createdAt: { S: createdAt }, seq: { N: seq }, payload: { S: 'x'.repeat(ITEM_BYTES - fixed) } };
}

/** CONNECTIONS callers, each calling `operation` again as soon as its last call returned. */
async function concurrentCalls(operation: (n: number) => Promise<unknown>, durationS: number): Promise<Load> {
  const latencies: number[] = [];
  const doneAt: number[] = [];
  const statuses = new Map<string, number>();
  let next = 0;
  const start = performance.now();
  const end = start + durationS * 1000;
  const caller = async () => {
    while (performance.now() < end && next < MAX_REQUESTS_PER_WINDOW) {
      const n = next++;
      const sent = performance.now();
      try {
        await operation(n);
        countInto(statuses, '200');
      } catch (error) {
        countInto(statuses, (error as Error).name);
      }
      const done = performance.now();
      latencies.push(done - sent);
      doneAt.push(done - start);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, caller));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { completed: latencies.length, seconds, perSecond: perSecondOf(doneAt, durationS), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), statuses };
}

function rawPutItems(client: DynamoDBClient, table: string, runId: string, durationS: number): Promise<Load> {
  const options = () => ({ abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000) });
  return concurrentCalls((n) => client.send(new PutItemCommand({ TableName: table, Item: scratchItem(runId, n) }), options()), durationS);
}

async function measureReference(endpoint: string): Promise<Load> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const runId = Date.now().toString(36);
  const table = `bench-raw-put-${runId}`;
  try {
    await client.send(new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }));
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: table });
    await rawPutItems(client, table, `${runId}w`, WARMUP_S);
    return await rawPutItems(client, table, runId, MEASURE_S);
  } finally {
    await client.send(new DeleteTableCommand({ TableName: table })).catch((error: Error) => console.error(`[bench] deleting ${table}: ${error.message}`));
    client.destroy();
  }
}

// --- ours: POST /demo/complaints through the local gateway -------------------------------------

const complaintBody = JSON.stringify({
  complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', language: 'nl' },
  description: 'Mijn afspraak werd twee keer verzet zonder bericht.',
  occurredOn: '2026-04-20',
  place: 'Vestiging Utrecht',
});

function runAutocannon(url: string, keyPrefix: string, durationS: number, body = complaintBody): Promise<{ load: Load; result: autocannon.Result }> {
  const statuses = new Map<string, number>();
  const doneAt: number[] = [];
  let next = 0;
  let start = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: CONNECTIONS,
      pipelining: 1,
      duration: durationS,
      timeout: REQUEST_TIMEOUT_S,
      requests: [{
        // A fresh Idempotency-Key per request: a repeated key would be a cheap 200 replay.
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': `${keyPrefix}-${next++}` } }),
        onResponse: (status) => {
          countInto(statuses, String(status));
          doneAt.push(performance.now() - start);
        },
      }],
    }, (error: unknown, result: autocannon.Result) => {
      clearTimeout(safety);
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      const seconds = (performance.now() - start) / 1000;
      for (const [kind, count] of [['errors', result.errors], ['timeouts', result.timeouts]] as const) if (count > 0) statuses.set(kind, count);
      resolve({
        result,
        load: { completed: doneAt.length, seconds, perSecond: perSecondOf(doneAt, durationS), p50Ms: result.latency.p50, p99Ms: result.latency.p99, statuses },
      });
    });
    start = performance.now();
    // Bounded in count too: stop early if the machine is far faster than expected.
    instance.on('response', () => { if (next >= MAX_REQUESTS_PER_WINDOW) instance.stop(); });
    const safety = setTimeout(() => instance.stop(), (durationS + REQUEST_TIMEOUT_S + 5) * 1000);
  });
}

interface FirstComplaint {
  reference: string;
  idempotencyKey: string;
}

/** One complaint before any load: it pays the tenant worker's cold start (tsx, the handler's imports). */
async function firstComplaint(cloud: LocalCloud): Promise<FirstComplaint> {
  const idempotencyKey = `bench-${Date.now().toString(36)}-first`;
  const response = await fetch(`${cloud.urls.api}/demo/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: complaintBody,
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status} to a valid complaint: ${await response.text()}`);
  const { reference } = (await response.json()) as { reference: string };
  return { reference, idempotencyKey };
}

async function measureOurs(cloud: LocalCloud): Promise<Load> {
  const url = `${cloud.urls.api}/demo/complaints`;
  const runId = Date.now().toString(36);
  await runAutocannon(url, `bench-${runId}-w`, WARMUP_S);
  const { load } = await runAutocannon(url, `bench-${runId}-m`, MEASURE_S);
  // autocannon leaves up to CONNECTIONS requests in flight in the gateway when its window ends.
  // Let them finish (bounded) before the caller stops the cloud under them.
  await sleep(Math.min(10_000, Math.max(1_000, 2 * load.p99Ms)));
  return load;
}

// --- optional: where the time goes (BENCH_INTAKE_BREAKDOWN=1) ----------------------------------

/**
 * Replays the intake's DynamoDB calls raw from this thread, at the same concurrency, each for
 * BREAKDOWN_S: the idempotency GetItem, the per-year counter UpdateItem, the registration
 * TransactWriteItems (copies of every item the first complaint wrote, so the same count and
 * sizes, each Put conditional), and the three in sequence as the handler does them; then the
 * local gateway and tenant worker alone (an invalid body: a 400 before any DynamoDB call).
 * The writes go to a scratch table made like the register (same keys, outbox index and TTL), so
 * the outbox drain never sees them. It runs before our window, with no outbox backlog beside it.
 * Printed to stderr; it does not change the row.
 */
async function breakdown(cloud: LocalCloud, first: FirstComplaint): Promise<void> {
  const BREAKDOWN_S = 5;
  const client = new DynamoDBClient({ endpoint: cloud.urls.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const runId = Date.now().toString(36);
  const scratch = `bench-register-${runId}`;
  try {
    // Only the first complaint is in the register yet: a Scan is a handful of items.
    const all = (await client.send(new ScanCommand({ TableName: cloud.tableName('demo'), ConsistentRead: true }))).Items ?? [];
    const written = all.filter((item) => JSON.stringify(item).includes(first.reference) || item.pk?.S === `IDEM#${first.idempotencyKey}`);
    const copy = (item: Record<string, AttributeValue>, n: number): Record<string, AttributeValue> => {
      const copied = JSON.parse(JSON.stringify(item).replaceAll(first.reference, `KL-9999-${n}`).replaceAll(first.idempotencyKey, `bench-${runId}-${n}`)) as Record<string, AttributeValue>;
      // Keys that do not carry the reference (the status token's) still need to be new.
      if (copied.pk?.S === item.pk?.S) copied.pk = { S: `${item.pk?.S ?? ''}-${runId}-${n}` };
      return copied;
    };
    await ensureRegisterTable(cloud.urls.dynamodb, scratch);

    const get = (n: number) => client.send(new GetItemCommand({ TableName: scratch, Key: { pk: { S: `IDEM#bench-${runId}-${n}` }, sk: { S: 'IDEM' } }, ConsistentRead: true }));
    const count = () => client.send(new UpdateItemCommand({ TableName: scratch, Key: { pk: { S: 'SEQ#9999' }, sk: { S: 'SEQ' } }, UpdateExpression: 'ADD #seq :one', ExpressionAttributeNames: { '#seq': 'seq' }, ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' }));
    const transact = (n: number) => client.send(new TransactWriteItemsCommand({
      TransactItems: written.map((item) => ({ Put: { TableName: scratch, Item: copy(item, n), ConditionExpression: 'attribute_not_exists(pk)' } })),
    }));
    const steps: Array<[string, (n: number) => Promise<unknown>]> = [
      ['GetItem (idempotency key)', get],
      ['UpdateItem (per-year counter)', count],
      [`TransactWriteItems (${written.length} items, ${grouped(JSON.stringify(written).length)} B as JSON)`, (n) => transact(n + 1e6)],
      ['all three in sequence', async (n) => { await get(n + 2e6); await count(); await transact(n + 2e6); }],
    ];
    for (const [label, operation] of steps) {
      const load = await concurrentCalls(operation, BREAKDOWN_S);
      console.error(`[bench] breakdown: raw ${label}: ${describe(load)}; ${statusSummary(load.statuses)}`);
    }
    const { load } = await runAutocannon(`${cloud.urls.api}/demo/complaints`, `bench-${runId}-invalid`, BREAKDOWN_S, '{"complainant":{}}');
    console.error(`[bench] breakdown: gateway + worker, no DynamoDB (400s): ${describe(load)}; ${statusSummary(load.statuses)}`);
  } finally {
    await client.send(new DeleteTableCommand({ TableName: scratch })).catch(() => undefined);
    client.destroy();
  }
}

// --- the row -----------------------------------------------------------------------------------

function describe(load: Load): string {
  const rate = median(load.perSecond);
  return `${grouped(rate)}/s (median of ${load.perSecond.length} s; ${grouped(load.completed)} in ${load.seconds.toFixed(1)} s), ` +
    `p50 ${ms(load.p50Ms)} ms, p99 ${ms(load.p99Ms)} ms`;
}

function statusSummary(statuses: Map<string, number>): string {
  return [...statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => `${status}: ${grouped(count)}`).join(', ');
}

export async function benchIntake(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klachten-bench-intake-'));
  let cloud: LocalCloud | undefined;
  try {
    cloud = await startLocalCloud({ tenants: ['demo'], dataDir });
    const reference = await measureReference(cloud.urls.dynamodb);
    const first = await firstComplaint(cloud);
    if (process.env.BENCH_INTAKE_BREAKDOWN === '1') await breakdown(cloud, first);
    const ours = await measureOurs(cloud);

    const referenceFailures = [...reference.statuses].filter(([status]) => status !== '200');
    if (referenceFailures.length > 0) console.error(`[bench] raw PutItem failures: ${statusSummary(reference.statuses)}`);
    const created = ours.statuses.get('201') ?? 0;
    // HTTP answers other than 2xx; socket errors and timeouts show as 'errors'/'timeouts' in the status list.
    const non2xx = [...ours.statuses].filter(([status]) => /^\d+$/.test(status) && !/^2\d\d$/.test(status)).reduce((sum, [, count]) => sum + count, 0);
    const allCreated = created === ours.completed && ours.completed > 0 && !ours.statuses.has('errors') && !ours.statuses.has('timeouts');

    const rateRatio = median(ours.perSecond) / Math.max(1e-9, median(reference.perSecond));
    const p99Ratio = ours.p99Ms / Math.max(1e-9, reference.p99Ms);
    return {
      name: 'public intake',
      ours: `${describe(ours)}; ${allCreated ? 'every response 201' : `NOT all 201 (${statusSummary(ours.statuses)})`}, non-2xx ${grouped(non2xx)}`,
      reference: `raw PutItem ${ITEM_BYTES} B: ${describe(reference)}`,
      ratio: `rate ${rateRatio.toFixed(2)}x, p99 ${p99Ratio.toFixed(2)}x`,
      budget: `rate >= ${RATE_BUDGET}x, p99 <= ${P99_BUDGET}x (${CONNECTIONS} conns, ${MEASURE_S} s)`,
      pass: allCreated && referenceFailures.length === 0 && rateRatio >= RATE_BUDGET && p99Ratio <= P99_BUDGET,
    };
  } finally {
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
