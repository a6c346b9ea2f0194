/**
 * Budgets (shared/PERFORMANCE.md): public intake on the local cloud, and the outbox drain that
 * follows it, measured in one run (intakeRun) and reported as two rows.
 *
 * public intake: sustained complaints/s at 50 concurrent clients >= 0.7x the floor's rate, and p99
 * <= 1.5x the floor's p99.
 *   Ours: a local cloud (tenant demo, a fresh temporary folder, free ports) and autocannon POSTing
 *   valid complaints, each with its own Idempotency-Key, to /demo/complaints.
 *   The floor, measured in the same run against the same DynamoDB Local: exactly the DynamoDB
 *   calls a correct registration needs, at 50 concurrent callers: the reference counter
 *   (UpdateItem ADD, the new value returned) and then one TransactWriteItems with the complaint
 *   and its idempotency key, both conditional puts (attribute_not_exists). The items are copies of
 *   what our first complaint wrote (the complaint item with its index keys, the idempotency item),
 *   under the allocated number, into a scratch table made like the register (same keys, indexes,
 *   stream and TTL: ensureRegisterTable), created here and deleted after.
 *
 * outbox drain (bench/drain.ts): entries delivered per second once the intake window is over,
 * against the rate it must keep: intake's rate times the outbox entries a complaint makes.
 *
 * BENCH_INTAKE_BREAKDOWN=1 adds, on stderr, where an intake request's time goes (see breakdown()).
 *
 * Order: the first complaint (the tenant worker's cold start, and the items the floor copies), its
 * drain settled; the floor; our window; then the drain of what our window left. Each window runs
 * WARMUP_S before it without a pause, and counts what completes within it. DynamoDB Local writes
 * one item at a time, so the outbox drain (run from the table's stream, as in AWS) is held during
 * our window and the drain timer avoided: the intake row is intake's own cost, as the floor is the
 * database's, and the drain row times the drain alone (in AWS the two do not share one writer).
 * With BENCH_INTAKE_BREAKDOWN=1 our window is run once more with the drain beside it, to compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DeleteTableCommand, DynamoDBClient, GetItemCommand, QueryCommand, ScanCommand, TransactWriteItemsCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { startLocalCloud, type LocalCloud } from '../local/cloud.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import { DynamoDbMailCaps } from '../shared/adapters/dynamodb-mail-caps.ts';
import { OUTBOX_INDEX } from '../shared/adapters/table-design.ts';
import type { BenchResult } from './result.ts';

const CONNECTIONS = 50;
const WARMUP_S = 3;
const MEASURE_S = 10;
/** A bound on the count as well as the time, whatever the machine does. */
const MAX_REQUESTS_PER_WINDOW = 200_000;
/** API Gateway's own limit: a slower answer is a failure, a slow one is measured. */
const REQUEST_TIMEOUT_S = 30;
const RATE_BUDGET = 0.7;
const P99_BUDGET = 1.5;
/** How long the drain of what our window left is watched at most. */
const DRAIN_MAX_S = 120;

/** One measured window of load, ours or the floor's, summarised the same way. */
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

/** Per-second completion counts from completion times (ms since the measured window started). */
function perSecondOf(doneAtMs: number[], seconds: number): number[] {
  const buckets = new Array<number>(Math.max(1, Math.floor(seconds))).fill(0);
  for (const at of doneAtMs) {
    const second = Math.floor(at / 1000);
    if (second >= 0 && second < buckets.length) buckets[second]! += 1;
  }
  return buckets;
}

/**
 * What completed in the measured window: the `warmupS` before it run on without a pause (so the
 * window starts with every caller busy, however long a call takes), and only what completes in
 * the window is counted, its latency too.
 */
class Recorder {
  private readonly latencies: number[] = [];
  private readonly doneAt: number[] = [];
  readonly statuses = new Map<string, number>();
  readonly start = performance.now();

  constructor(
    private readonly warmupS: number,
    private readonly durationS: number,
  ) {}

  done(sentAt: number, status: string): void {
    const now = performance.now();
    const at = now - this.start - this.warmupS * 1000;
    if (at < 0 || at >= this.durationS * 1000) return;
    this.latencies.push(now - sentAt);
    this.doneAt.push(at);
    countInto(this.statuses, status);
  }

  load(): Load {
    const latencies = [...this.latencies].sort((a, b) => a - b);
    return {
      completed: latencies.length,
      seconds: this.durationS,
      perSecond: perSecondOf(this.doneAt, this.durationS),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      statuses: this.statuses,
    };
  }
}

/** CONNECTIONS callers, each calling `operation` again as soon as its last call returned. */
async function concurrentCalls(operation: (n: number) => Promise<unknown>, durationS: number, warmupS = 0, callers = CONNECTIONS): Promise<Load> {
  const recorder = new Recorder(warmupS, durationS);
  let next = 0;
  const end = recorder.start + (warmupS + durationS) * 1000;
  const caller = async () => {
    while (performance.now() < end && next < MAX_REQUESTS_PER_WINDOW) {
      const n = next++;
      const sent = performance.now();
      let status = '200';
      try {
        await operation(n);
      } catch (error) {
        status = (error as Error).name;
      }
      recorder.done(sent, status);
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return recorder.load();
}

// --- ours: POST /demo/complaints through the local gateway -------------------------------------

const complaintBody = JSON.stringify({
  complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', language: 'nl' },
  description: 'Mijn afspraak werd twee keer verzet zonder bericht.',
  occurredOn: '2026-04-20',
  place: 'Vestiging Utrecht',
});

/** autocannon at CONNECTIONS connections for warmupS + durationS; what completed in the last durationS. */
function runAutocannon(url: string, keyPrefix: string, durationS: number, body = complaintBody, warmupS = 0): Promise<{ load: Load; result: autocannon.Result }> {
  const recorder = new Recorder(warmupS, durationS);
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: CONNECTIONS,
        pipelining: 1,
        duration: warmupS + durationS,
        timeout: REQUEST_TIMEOUT_S,
        requests: [
          {
            // A fresh Idempotency-Key per request: a repeated key would be a cheap 200 replay. One
            // request at a time per connection: its context holds when it was sent.
            setupRequest: (request, context) => {
              (context as { sentAt?: number }).sentAt = performance.now();
              return { ...request, headers: { ...request.headers, 'idempotency-key': `${keyPrefix}-${next++}` } };
            },
            onResponse: (status, _body, context) => recorder.done((context as { sentAt?: number }).sentAt ?? recorder.start, String(status)),
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        clearTimeout(safety);
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const load = recorder.load();
        for (const [kind, count] of [
          ['errors', result.errors],
          ['timeouts', result.timeouts],
        ] as const)
          if (count > 0) load.statuses.set(kind, count);
        resolve({ result, load });
      },
    );
    // Bounded in count too: stop early if the machine is far faster than expected.
    instance.on('response', () => {
      if (next >= MAX_REQUESTS_PER_WINDOW) instance.stop();
    });
    const safety = setTimeout(() => instance.stop(), (warmupS + durationS + REQUEST_TIMEOUT_S + 5) * 1000);
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

async function measureOurs(cloud: LocalCloud, allocated: () => Promise<number>): Promise<Load> {
  const url = `${cloud.urls.api}/demo/complaints`;
  const runId = Date.now().toString(36);
  const { load } = await runAutocannon(url, `bench-${runId}`, MEASURE_S, complaintBody, WARMUP_S);
  // autocannon leaves up to CONNECTIONS requests in flight in the gateway when its window ends
  // (and a request it gave up on still runs): wait until no more references are allocated.
  let last = await allocated();
  const deadline = performance.now() + (REQUEST_TIMEOUT_S + 10) * 1000;
  for (let still = 0; still < 3 && performance.now() < deadline; ) {
    await sleep(500);
    const now = await allocated();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return load;
}

// --- the items a registration wrote --------------------------------------------------------------

type Item = Record<string, AttributeValue>;

/** What the first complaint wrote, read back at once (before its drain changes its outbox items). */
interface Written {
  /** Every item of the registration: the complaint, its event, report line, status token, outbox, search tokens, idempotency key. */
  items: Item[];
  complaint: Item;
  idempotency: Item;
}

async function writtenBy(client: DynamoDBClient, table: string, first: FirstComplaint): Promise<Written> {
  // Only the first complaint is in the register yet: a Scan is a handful of items.
  const all: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    all.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const items = all.filter((item) => JSON.stringify(item).includes(first.reference) || item.pk?.S === `IDEM#${first.idempotencyKey}`);
  const complaint = items.find((item) => item.pk?.S === `C#${first.reference}` && item.sk?.S === 'COMPLAINT');
  const idempotency = items.find((item) => item.pk?.S === `IDEM#${first.idempotencyKey}`);
  if (!complaint || !idempotency) throw new Error(`the first complaint ${first.reference} or its idempotency key is not in ${table}`);
  return { items, complaint, idempotency };
}

/** A copy of an item under another reference and idempotency key (keys that carry neither made new too). */
function copyOf(item: Item, first: FirstComplaint, reference: string, key: string): Item {
  const copied = JSON.parse(JSON.stringify(item).replaceAll(first.reference, reference).replaceAll(first.idempotencyKey, key)) as Item;
  if (copied.pk?.S === item.pk?.S) copied.pk = { S: `${item.pk?.S ?? ''}-${key}` };
  return copied;
}

/** The reference counter, as a registration allocates its number: ADD one, the new value returned. */
async function allocate(client: DynamoDBClient, table: string): Promise<number> {
  const result = await client.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { pk: { S: 'SEQ#9999' }, sk: { S: 'SEQ' } },
      UpdateExpression: 'ADD #seq :one',
      ExpressionAttributeNames: { '#seq': 'seq' },
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.seq?.N);
}

const conditionalPut = (table: string, item: Item) => ({ Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
/** A reference of the same length as a real one (KL-<year>-<six digits>), from the floor's own counter. */
const floorReference = (sequence: number) => `KL-9999-${String(sequence).padStart(6, '0')}`;

// --- the floor: the counter and one transaction ----------------------------------------------------

/** A scratch table made like the register, on the same DynamoDB Local; deleted by the caller. */
async function scratchTable(endpoint: string, purpose: string): Promise<string> {
  const table = `bench-${purpose}-${Date.now().toString(36)}`;
  await ensureRegisterTable(endpoint, table);
  return table;
}

function floorRegistrations(client: DynamoDBClient, table: string, written: Written, first: FirstComplaint, keyPrefix: string, durationS: number, warmupS: number): Promise<Load> {
  return concurrentCalls(
    async (n) => {
      const reference = floorReference(await allocate(client, table));
      const key = `${keyPrefix}-${n}`;
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [conditionalPut(table, copyOf(written.complaint, first, reference, key)), conditionalPut(table, copyOf(written.idempotency, first, reference, key))],
        }),
        { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000) },
      );
    },
    durationS,
    warmupS,
  );
}

async function measureFloor(client: DynamoDBClient, endpoint: string, written: Written, first: FirstComplaint): Promise<Load> {
  const table = await scratchTable(endpoint, 'floor');
  try {
    return await floorRegistrations(client, table, written, first, 'floor', MEASURE_S, WARMUP_S);
  } finally {
    await client.send(new DeleteTableCommand({ TableName: table })).catch((error: Error) => console.error(`[bench] deleting ${table}: ${error.message}`));
  }
}

// --- optional: where the time goes (BENCH_INTAKE_BREAKDOWN=1) ----------------------------------

/**
 * Replays the intake's DynamoDB calls raw from this thread, at the same concurrency, into a scratch
 * table made like the register (so the outbox drain never sees them): the floor; the idempotency
 * GetItem; the counter; the hourly mail caps as DynamoDbMailCaps takes them, and as they were taken
 * before (two conditional UpdateItems, the address's item then the tenant's); the registration's
 * TransactWriteItems (copies of every item the first complaint wrote, each Put conditional);
 * everything in the handler's order; then layouts with fewer items (the evidence for a register
 * with fewer items per registration). The steps take turns, BREAKDOWN_ROUNDS rounds of
 * BREAKDOWN_S each (after a second's warm-up, at BREAKDOWN_CALLERS), so a machine that gets busier or quieter meanwhile weighs on all of them alike;
 * each is printed with its rate against the floor's in the same rounds. Then the local gateway
 * and tenant worker alone (an invalid body: a 400 before any DynamoDB call). It runs before our
 * window, with no outbox backlog beside it. Printed to stderr; it does not change the rows.
 */
async function breakdown(cloud: LocalCloud, client: DynamoDBClient, written: Written, first: FirstComplaint): Promise<void> {
  const BREAKDOWN_S = 3;
  const BREAKDOWN_WARMUP_S = 1;
  const BREAKDOWN_ROUNDS = 3;
  // Fewer callers than the rows' 50, so that a call's latency stays well inside the short windows;
  // DynamoDB Local writes one at a time, so its rate is the same.
  const BREAKDOWN_CALLERS = 10;
  const runId = Date.now().toString(36);
  const table = await scratchTable(cloud.urls.dynamodb, 'breakdown');
  const caps = new DynamoDbMailCaps(client, table);
  const hour = new Date().toISOString().slice(0, 13);
  // The local cloud's caps (unlimited); the bench's complaints share one address.
  const counters = [
    { key: 'recipient:bench', cap: 999_999_999 },
    { key: 'tenant', cap: 999_999_999 },
  ];
  const twoItemCaps = async () => {
    for (const key of ['recipient:bench', 'tenant']) {
      await client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: `MAILCAP#${hour}#${key}` }, sk: { S: 'MAILCAP' } },
          UpdateExpression: 'ADD #n :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :cap',
          ExpressionAttributeNames: { '#n': 'n' },
          ExpressionAttributeValues: { ':one': { N: '1' }, ':cap': { N: '999999999' }, ':expires': { N: '2000000000' } },
        }),
      );
    }
  };
  const is = (item: Item, pk: string, sk?: string) => (item.pk?.S ?? '').startsWith(pk) && (sk === undefined || (item.sk?.S ?? '').startsWith(sk));
  const kinds = new Map<string, number>();
  for (const item of written.items) {
    const kind = is(item, 'C#', 'COMPLAINT')
      ? 'complaint'
      : is(item, 'C#', 'E#')
        ? 'event'
        : is(item, 'C#', 'O#')
          ? 'outbox'
          : is(item, 'C#', 'REPORT')
            ? 'report line'
            : is(item, 'C#', 'SEARCH')
              ? 'search list'
              : is(item, 'SEARCH#')
                ? 'search token'
                : is(item, 'TOKEN#')
                  ? 'status token'
                  : is(item, 'IDEM#')
                    ? 'idempotency key'
                    : String(item.sk?.S);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  console.error(
    `[bench] breakdown: a registration writes ${written.items.length} items (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}), ${grouped(JSON.stringify(written.items).length)} B as JSON`,
  );
  const get = (n: number) => client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `IDEM#bench-${runId}-${n}` }, sk: { S: 'IDEM' } }, ConsistentRead: true }));
  const transact = (items: Item[]) => client.send(new TransactWriteItemsCommand({ TransactItems: items.map((item) => conditionalPut(table, item)) }));
  let unique = 0;
  const copies = (items: Item[]) => {
    unique += 1;
    return items.map((item) => copyOf(item, first, floorReference(unique), `bench-${runId}-${unique}`));
  };
  // A registration's outbox entries as one item (what the issue proposes): their actions in a list, the first one's keys.
  const outbox = written.items.filter((item) => is(item, 'C#', 'O#'));
  const oneOutbox: Item[] = outbox.length ? [{ ...outbox[0]!, sk: { S: 'O#registration' }, entries: { L: outbox.map((o) => ({ M: o })) } }] : [];
  const of = (...names: string[]) =>
    written.items.filter((item) => names.some((name) => (name === 'event' ? is(item, 'C#', 'E#') : name === 'report' ? is(item, 'C#', 'REPORT') : is(item, 'TOKEN#'))));
  const registration =
    (items: Item[], withCaps = false) =>
    async () => {
      if (withCaps) await caps.take(hour, counters);
      await allocate(client, table);
      await transact(copies(items));
    };
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['the floor: counter, transaction (complaint, idempotency key)', registration([written.complaint, written.idempotency])],
    [
      'GetItem (idempotency key)',
      () => {
        unique += 1;
        return get(unique);
      },
    ],
    ['UpdateItem (reference counter)', () => allocate(client, table)],
    ['mail caps as taken now (one conditional UpdateItem)', () => caps.take(hour, counters)],
    ['mail caps as taken before (two conditional UpdateItems)', twoItemCaps],
    [`TransactWriteItems (the register's ${written.items.length} items)`, () => transact(copies(written.items))],
    [
      'as the handler does: GetItem, mail caps, counter, transaction',
      async () => {
        unique += 1;
        await get(unique);
        await registration(written.items, true)();
      },
    ],
    ['the floor + mail caps', registration([written.complaint, written.idempotency], true)],
    ['counter, transaction (complaint, idempotency key, status token, one outbox item)', registration([written.complaint, written.idempotency, ...of('token'), ...oneOutbox])],
    ['the same + event + report line', registration([written.complaint, written.idempotency, ...of('token', 'event', 'report'), ...oneOutbox])],
    ['the same + mail caps', registration([written.complaint, written.idempotency, ...of('token', 'event', 'report'), ...oneOutbox], true)],
  ];
  const totals = steps.map(() => ({ completed: 0, seconds: 0, p99: [] as number[], statuses: new Map<string, number>() }));
  try {
    for (let round = 0; round < BREAKDOWN_ROUNDS; round += 1) {
      for (const [i, [, operation]] of steps.entries()) {
        const load = await concurrentCalls(operation, BREAKDOWN_S, BREAKDOWN_WARMUP_S, BREAKDOWN_CALLERS);
        const total = totals[i]!;
        total.completed += load.completed;
        total.seconds += load.seconds;
        total.p99.push(load.p99Ms);
        for (const [status, count] of load.statuses) total.statuses.set(status, (total.statuses.get(status) ?? 0) + count);
      }
    }
    const rateOf = (i: number) => totals[i]!.completed / Math.max(1e-9, totals[i]!.seconds);
    for (const [i, [label]] of steps.entries()) {
      console.error(
        `[bench] breakdown: raw ${label}: ${rateOf(i).toFixed(1)}/s (${(rateOf(i) / Math.max(1e-9, rateOf(0))).toFixed(2)}x the floor's), p99 ${ms(median(totals[i]!.p99))} ms (median of ${BREAKDOWN_ROUNDS} rounds of ${BREAKDOWN_S} s, ${BREAKDOWN_CALLERS} callers); ${statusSummary(totals[i]!.statuses)}`,
      );
    }
    const { load } = await runAutocannon(`${cloud.urls.api}/demo/complaints`, `bench-${runId}-invalid`, BREAKDOWN_S, '{"complainant":{}}');
    console.error(`[bench] breakdown: gateway + worker, no DynamoDB (400s): ${describe(load)}; ${statusSummary(load.statuses)}`);
  } finally {
    await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  }
}

// --- the drain: what our window left, delivered ------------------------------------------------

export interface DrainMeasure {
  /** Outbox entries pending when our window (and its requests in flight) ended. */
  backlog: number;
  /** How long the oldest of them had waited, in seconds. */
  oldestWaitS: number;
  /** Entries delivered from then until the outbox was empty (or DRAIN_MAX_S passed). */
  delivered: number;
  seconds: number;
  emptied: boolean;
}

/** Outbox entries pending (due or not): the pending-outbox index's partition, counted. */
async function pendingEntries(client: DynamoDBClient, table: string): Promise<{ count: number; oldest?: string }> {
  let count = 0;
  let oldest: string | undefined;
  let start: Item | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: OUTBOX_INDEX.name,
        KeyConditionExpression: `${OUTBOX_INDEX.partitionKey} = :outbox`,
        ExpressionAttributeValues: { ':outbox': { S: 'OUTBOX' } },
        ProjectionExpression: 'createdAt',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) if (item.createdAt?.S && (!oldest || item.createdAt.S < oldest)) oldest = item.createdAt.S;
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return { count, ...(oldest ? { oldest } : {}) };
}

/** Outbox entries delivered so far (state done), over the whole table. */
async function deliveredEntries(client: DynamoDBClient, table: string): Promise<number> {
  let count = 0;
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        Select: 'COUNT',
        FilterExpression: 'begins_with(sk, :outbox) AND #state = :done',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':outbox': { S: 'O#' }, ':done': { S: 'done' } },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** The outbox entries one complaint made in all (its registration's, and those recording their deliveries made), once delivered. */
async function entriesOf(client: DynamoDBClient, table: string, reference: string): Promise<number> {
  const page = await client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :outbox)',
      ExpressionAttributeValues: { ':pk': { S: `C#${reference}` }, ':outbox': { S: 'O#' } },
      Select: 'COUNT',
      ConsistentRead: true,
    }),
  );
  return page.Count ?? 0;
}

/** Lets the first complaint's outbox drain completely (the stream's invocations, then a pass for anything left). */
async function settleDrain(cloud: LocalCloud): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    await cloud.outboxStreams
      .get('demo')
      ?.settle(60_000)
      .catch(() => undefined);
    await cloud.drainOutboxes();
  }
}

/** Counts what is pending and delivered while the drain is held, then lets it go and times it. */
async function measureDrain(client: DynamoDBClient, table: string, release: () => void): Promise<DrainMeasure> {
  const first = await pendingEntries(client, table);
  const before = await deliveredEntries(client, table);
  release();
  const start = performance.now();
  let pending = first.count;
  while (pending > 0 && performance.now() - start < DRAIN_MAX_S * 1000) {
    await sleep(500);
    pending = (await pendingEntries(client, table)).count;
  }
  const seconds = (performance.now() - start) / 1000;
  const delivered = (await deliveredEntries(client, table)) - before;
  const oldestWaitS = first.oldest ? Math.max(0, (Date.now() - Date.parse(first.oldest)) / 1000 - seconds) : 0;
  return { backlog: first.count, oldestWaitS, delivered, seconds, emptied: pending === 0 };
}

// --- one run, two rows ---------------------------------------------------------------------------

export interface IntakeRun {
  floor: Load;
  ours: Load;
  drain: DrainMeasure;
  /** Outbox entries one complaint makes in all (the first complaint's, counted once delivered). */
  entriesPerComplaint: number;
}

let lastRun: Promise<IntakeRun> | undefined;

/** The intake and drain measurements, made once per `npm run bench` and shared by both rows. */
export function intakeRun(): Promise<IntakeRun> {
  lastRun ??= runIntake();
  return lastRun;
}

/**
 * The local cloud runs the drain on a timer too (every minute from its start, local/cloud.ts):
 * waits, when needed, so that the next `seconds` do not meet it.
 */
async function clearOfTimer(startedAt: number, seconds: number): Promise<void> {
  const TIMER_MS = 60_000;
  const intoMinute = (performance.now() - startedAt) % TIMER_MS;
  if (TIMER_MS - intoMinute < (seconds + 3) * 1000) await sleep(TIMER_MS - intoMinute + 3_000);
}

async function runIntake(): Promise<IntakeRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klachten-bench-intake-'));
  let cloud: LocalCloud | undefined;
  let client: DynamoDBClient | undefined;
  try {
    cloud = await startLocalCloud({ tenants: ['demo'], dataDir });
    const startedAt = performance.now();
    const stream = cloud.outboxStreams.get('demo');
    if (!stream) throw new Error('the local cloud runs no outbox stream for demo');
    const dynamodb = new DynamoDBClient({ endpoint: cloud.urls.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    client = dynamodb;
    const table = cloud.tableName('demo');
    const first = await firstComplaint(cloud);
    const written = await writtenBy(dynamodb, table, first);
    await settleDrain(cloud);
    const entriesPerComplaint = await entriesOf(dynamodb, table, first.reference);
    const floor = await measureFloor(dynamodb, cloud.urls.dynamodb, written, first);
    if (process.env.BENCH_INTAKE_BREAKDOWN === '1') await breakdown(cloud, dynamodb, written, first);
    const sequence = { pk: { S: `SEQ#${first.reference.slice(3, 7)}` }, sk: { S: 'SEQ' } };
    const allocated = async () => Number((await dynamodb.send(new GetItemCommand({ TableName: table, Key: sequence, ConsistentRead: true }))).Item?.seq?.N ?? 0);
    // DynamoDB Local writes one item at a time: the drain of our warm-up's complaints would take
    // the floor's database from our window. Intake alone, then the drain alone (the next row).
    await clearOfTimer(startedAt, WARMUP_S + MEASURE_S + 5);
    await stream.pause();
    let ours: Load;
    let drain: DrainMeasure;
    try {
      ours = await measureOurs(cloud, allocated);
      drain = await measureDrain(dynamodb, table, () => stream.resume());
    } finally {
      stream.resume();
    }
    if (process.env.BENCH_INTAKE_BREAKDOWN === '1') {
      // For comparison only: our window again, with the drain running beside it as it does in use.
      await clearOfTimer(startedAt, WARMUP_S + MEASURE_S);
      console.error(`[bench] breakdown: ours with the drain beside it: ${describe(await measureOurs(cloud, allocated))}`);
    }
    return { floor, ours, drain, entriesPerComplaint };
  } finally {
    client?.destroy();
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function describe(load: Load): string {
  const rate = median(load.perSecond);
  return (
    `${grouped(rate)}/s (median of ${load.perSecond.length} s; ${grouped(load.completed)} in ${load.seconds.toFixed(1)} s, ${(load.completed / Math.max(1e-9, load.seconds)).toFixed(1)}/s overall), ` +
    `p50 ${ms(load.p50Ms)} ms, p99 ${ms(load.p99Ms)} ms`
  );
}

function statusSummary(statuses: Map<string, number>): string {
  return [...statuses]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}: ${grouped(count)}`)
    .join(', ');
}

/** Our intake rate: complaints/s, the median second of our window. */
export const intakeRate = (run: IntakeRun): number => median(run.ours.perSecond);

export async function benchIntake(): Promise<BenchResult> {
  const { floor, ours } = await intakeRun();
  const floorFailures = [...floor.statuses].filter(([status]) => status !== '200');
  if (floorFailures.length > 0) console.error(`[bench] floor failures: ${statusSummary(floor.statuses)}`);
  const created = ours.statuses.get('201') ?? 0;
  // HTTP answers other than 2xx; socket errors and timeouts show as 'errors'/'timeouts' in the status list.
  const non2xx = [...ours.statuses].filter(([status]) => /^\d+$/.test(status) && !/^2\d\d$/.test(status)).reduce((sum, [, count]) => sum + count, 0);
  const allCreated = created === ours.completed && ours.completed > 0 && !ours.statuses.has('errors') && !ours.statuses.has('timeouts');

  const rateRatio = median(ours.perSecond) / Math.max(1e-9, median(floor.perSecond));
  const p99Ratio = ours.p99Ms / Math.max(1e-9, floor.p99Ms);
  return {
    name: 'public intake',
    ours: `${describe(ours)}; ${allCreated ? 'every response 201' : `NOT all 201 (${statusSummary(ours.statuses)})`}, non-2xx ${grouped(non2xx)}`,
    reference: `floor (counter UpdateItem + TransactWriteItems of complaint and idempotency key): ${describe(floor)}`,
    ratio: `rate ${rateRatio.toFixed(2)}x, p99 ${p99Ratio.toFixed(2)}x`,
    budget: `rate >= ${RATE_BUDGET}x, p99 <= ${P99_BUDGET}x (${CONNECTIONS} conns, ${MEASURE_S} s)`,
    pass: allCreated && floorFailures.length === 0 && rateRatio >= RATE_BUDGET && p99Ratio <= P99_BUDGET,
  };
}
