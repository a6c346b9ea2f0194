/**
 * `npm run cost -- --measure [--tenant ID]`: measures what a complaint makes AWS do, and writes
 * bench/requests-per-complaint.json.
 *
 * How: the local cloud (local/cloud.ts) runs the tenant's functions, unchanged, with counting
 * proxies (tools/cost/proxy.ts) between the functions' SDK clients and the stand-ins (their
 * DYNAMODB_, S3_, SCHEDULER_ and SES_ENDPOINT point at the proxies), and one in front of the API.
 * The rehearsal's procedure (local/rehearsal/procedure.ts) drives it over HTTP as people use it:
 * two complaints, one handled from the form to its closing (with a file, every staff step the
 * regulation asks, the letters, the lists, the report, an export and an erasure), one left open
 * while the clock passes its deadlines (the schedules fire, escalations go out, the sweep runs).
 * Counted:
 *   - DynamoDB: the capacity units DynamoDB Local reports per call (ReturnConsumedCapacity TOTAL,
 *     the table and its indexes); the stream's reads (free to a Lambda trigger) bypass the proxy;
 *   - Scheduler: schedules created, updated, deleted, read (REST calls), and fired (deadline-check
 *     invocations);
 *   - SES: the messages and recipients the stand-in received;
 *   - S3: requests by kind, the files uploaded through the presigned POST and their bytes;
 *   - Lambda: invocations per function and their duration as measured here (wall clock around
 *     the handler, first loads included); API requests and their answers' bytes at the gateway;
 *   - CloudWatch Logs: the JSON lines the functions wrote (their logs and the metrics' EMF lines);
 *   - CloudWatch custom metrics: the names in the EMF lines (`_aws.CloudWatchMetrics`), and how
 *     many lines wrote each (`metricWrites`: a metric is charged only in the hours it is written).
 * Then, apart, one timer drain with nothing pending and one daily sweep: what runs per tenant
 * whatever the volume. Everything started is stopped and its folder removed before it returns.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { loadTenantFile } from '../../shared/adapters/regulation-file.ts';
import { tableNameFor } from '../../shared/adapters/table-design.ts';
import type { FunctionId } from '../../shared/http/routes.ts';
import { startLocalCloud, type CloudWiring, type LocalCloud } from '../../local/cloud.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { localBucketFor } from '../../local/s3-local.ts';
import { TenantRuntime } from '../../local/tenant-runtime.ts';
import { driveProcedure } from '../../local/rehearsal/procedure.ts';
import { emfMetricNames } from './emf.ts';
import { itemBytes, valueBytes } from './item-size.ts';
import { askForCapacity, consumedUnits, dynamodbOperation, READ_OPERATIONS, startCountingProxy, type CountingProxy, type Exchange } from './proxy.ts';
import { emptyUsage, PROFILE_PATH, type RequestProfile, type Usage } from './profile.ts';

export const MEASURE_COMMAND = 'npm run cost -- --measure --tenant demo';

export async function measureProfile(options: { tenantId: string; log?(line: string): void; functionLine?(line: string): void }): Promise<RequestProfile> {
  const log = options.log ?? (() => undefined);
  const { tenantId } = options;
  // The procedure's usage always has metricWrites (none written is a measurement too); the fixed
  // runs' only when they write a metric.
  let usage: Usage = { ...emptyUsage(), metricWrites: {} };
  const customMetrics = new Set<string>();

  const dynamodb = await startCountingProxy({ rewrite: askForCapacity, observe: (x) => countDynamoDb(usage, x) });
  const s3 = await startCountingProxy({ observe: (x) => countS3(usage, x) });
  const scheduler = await startCountingProxy({ observe: (x) => countScheduler(usage, x) });
  const ses = await startCountingProxy({ observe: () => undefined });
  const api = await startCountingProxy({
    observe: (x) => {
      if (x.path.startsWith('/_local/')) return;
      usage.apiRequests += 1;
      usage.apiResponseBytes += x.responseBody.length;
    },
  });
  const proxies: CountingProxy[] = [dynamodb, s3, scheduler, ses, api];

  // The functions' log lines: JSON lines written by the workers reach this thread's stdout and stderr.
  const restoreOutput = captureFunctionOutput((line) => {
    options.functionLine?.(line);
    usage.logs.lines += 1;
    usage.logs.bytes += Buffer.byteLength(line) + 1;
    for (const name of emfMetricNames(line)) {
      customMetrics.add(name);
      const writes = (usage.metricWrites ??= {});
      writes[name] = (writes[name] ?? 0) + 1;
    }
  });

  const wiring: CloudWiring = {
    tableName: tableNameFor,
    ensureTable: (id, endpoint) => ensureRegisterTable(endpoint, tableNameFor(id)),
    bucketName: localBucketFor,
    runtime: (id, environment) => {
      dynamodb.target = environment.DYNAMODB_ENDPOINT;
      s3.target = environment.S3_ENDPOINT;
      scheduler.target = environment.SCHEDULER_ENDPOINT;
      ses.target = environment.SES_ENDPOINT;
      const runtime = new TenantRuntime(id, {
        ...environment,
        DYNAMODB_ENDPOINT: dynamodb.url,
        S3_ENDPOINT: s3.url,
        SCHEDULER_ENDPOINT: scheduler.url,
        SES_ENDPOINT: ses.url,
      });
      return {
        invoke: async (functionId: FunctionId, event: unknown) => {
          const started = performance.now();
          try {
            return await runtime.invoke(functionId, event);
          } finally {
            const entry = usage.invocations[functionId] ?? { count: 0, ms: 0 };
            usage.invocations[functionId] = entry;
            entry.count += 1;
            entry.ms += Math.ceil(performance.now() - started);
            if (functionId === 'deadline-check') usage.scheduler.fired += 1;
          }
        },
        setClockOffset: (ms: number) => runtime.setClockOffset(ms),
        stop: () => runtime.stop(),
      };
    },
  };

  const dataDir = mkdtempSync(join(tmpdir(), `klachten-cost-${tenantId}-`));
  let cloud: LocalCloud | undefined;
  let directDb: DynamoDBClient | undefined;
  try {
    log(`starting the local cloud for ${tenantId} with counting proxies ...`);
    cloud = await startLocalCloud({ dataDir, tenants: [tenantId], tenantsDir: join(PROJECT_ROOT, 'tenants'), wiring, schedulerTickMs: 200 });
    api.target = cloud.urls.api;
    directDb = new DynamoDBClient({ endpoint: cloud.urls.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const db = directDb;
    const regulations = await loadTenantFile(join(PROJECT_ROOT, 'tenants', `${tenantId}.yaml`));
    const viaProxy = proxiedCloud(cloud, api.url);

    let storage: Promise<{ tableBytes: number; items: number }> | undefined;
    log('the procedure:');
    const sesBefore = await mailCount(cloud.urls.ses);
    const { steps, references } = await driveProcedure({
      cloud: viaProxy,
      tenantId,
      regulations,
      scope: 'full',
      log: (line) => {
        log(line);
        // The register's size once the first complaint is closed (before the erasure at the end).
        if (!storage && /decided and closed/.test(line)) storage = registerSize(db, tableNameFor(tenantId));
      },
    });
    await cloud.drainOutboxes();
    await cloud.settleFiles();
    Object.assign(usage.ses, delta(await mailCount(cloud.urls.ses), sesBefore));
    const complaintProcedure = usage;

    usage = emptyUsage();
    const beforeTimer = await mailCount(cloud.urls.ses);
    await cloud.drainOutboxes({ timer: true });
    Object.assign(usage.ses, delta(await mailCount(cloud.urls.ses), beforeTimer));
    const timerDrain = usage;

    usage = emptyUsage();
    const beforeSweep = await mailCount(cloud.urls.ses);
    await cloud.sweep();
    Object.assign(usage.ses, delta(await mailCount(cloud.urls.ses), beforeSweep));
    const dailySweep = usage;

    return {
      measuredAt: new Date().toISOString(),
      code: codeVersion(),
      tenant: tenantId,
      command: MEASURE_COMMAND.replace('--tenant demo', `--tenant ${tenantId}`),
      method:
        "The rehearsal's procedure (local/rehearsal/procedure.ts) on the local cloud, its functions unchanged, every request of their SDK clients counted at counting proxies in front of the stand-ins: DynamoDB capacity units as DynamoDB Local reports them (ReturnConsumedCapacity TOTAL), Scheduler REST calls, SES messages, S3 requests; Lambda invocations and their wall-clock duration here (first loads included); API requests at the gateway; the JSON lines the functions logged. Then one timer drain and one daily sweep apart. See tools/cost/measure.ts.",
      procedure: {
        complaints: references.length,
        description:
          'two complaints: one from the form to its closing (a file, every staff step of the regulation, its letters, lists, the report, an export and an erasure), one left open past its deadlines (schedules fired, escalation, the sweep)',
        steps,
      },
      storage: await (storage ?? registerSize(db, tableNameFor(tenantId))),
      complaintProcedure,
      timerDrain,
      dailySweep,
      customMetrics: [...customMetrics].sort(),
    };
  } finally {
    restoreOutput();
    directDb?.destroy();
    await cloud?.stop();
    for (const proxy of proxies) await proxy.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function writeProfile(profile: RequestProfile, path = PROFILE_PATH): void {
  writeFileSync(path, `${JSON.stringify(profile, null, 2)}\n`);
}

/** The commit measured (`git describe --always --dirty`: "-dirty" with uncommitted changes). */
function codeVersion(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** The same local cloud, its API reached through the counting proxy. */
function proxiedCloud(cloud: LocalCloud, apiUrl: string): LocalCloud {
  return new Proxy(cloud, {
    get(target, property, receiver) {
      if (property === 'urls') return { ...target.urls, api: apiUrl };
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function countDynamoDb(usage: Usage, exchange: Exchange): void {
  const operation = dynamodbOperation(exchange.headers);
  usage.dynamodb.calls[operation] = (usage.dynamodb.calls[operation] ?? 0) + 1;
  const units = exchange.status === 200 ? consumedUnits(exchange.responseBody) : 0;
  if (READ_OPERATIONS.has(operation)) usage.dynamodb.readUnits += units;
  else usage.dynamodb.writeUnits += units;
  if (exchange.status !== 200 && !READ_OPERATIONS.has(operation) && /ConditionalCheckFailed|TransactionCanceled/.test(exchange.responseBody.toString('utf8'))) usage.dynamodb.failedWrites += 1;
}

function countS3(usage: Usage, exchange: Exchange): void {
  const method = exchange.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') usage.s3.readRequests += 1;
  else if (method === 'DELETE') {
    /* free */
  } else usage.s3.writeRequests += 1;
  // A presigned POST of a form with the file (multipart): one upload.
  if (method === 'POST' && String(exchange.headers['content-type'] ?? '').startsWith('multipart/form-data') && exchange.status < 300) {
    usage.s3.uploads += 1;
    usage.s3.uploadBytes += fileBytesOf(exchange);
  }
}

/** The file's bytes in a multipart form (the part named "file"). */
function fileBytesOf(exchange: Exchange): number {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(exchange.headers['content-type']));
  if (!boundary) return exchange.requestBody.length;
  const parts = exchange.requestBody.toString('latin1').split(`--${boundary[1] ?? boundary[2]}`);
  const file = parts.find((part) => /name="file"/.test(part));
  if (!file) return 0;
  const body = file.slice(file.indexOf('\r\n\r\n') + 4);
  return Buffer.byteLength(body.replace(/\r\n$/, ''), 'latin1');
}

function countScheduler(usage: Usage, exchange: Exchange): void {
  if (exchange.status >= 300) return;
  const method = exchange.method.toUpperCase();
  if (!exchange.path.startsWith('/schedules/')) usage.scheduler.read += 1;
  else if (method === 'POST') usage.scheduler.created += 1;
  else if (method === 'PUT') usage.scheduler.updated += 1;
  else if (method === 'DELETE') usage.scheduler.deleted += 1;
  else usage.scheduler.read += 1;
}

async function mailCount(sesUrl: string): Promise<{ messages: number; recipients: number }> {
  const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: Array<{ destination?: { to?: string[]; cc?: string[]; bcc?: string[] } }> };
  return {
    messages: store.emails.length,
    recipients: store.emails.reduce((n, m) => n + (m.destination?.to?.length ?? 0) + (m.destination?.cc?.length ?? 0) + (m.destination?.bcc?.length ?? 0), 0),
  };
}

function delta(after: { messages: number; recipients: number }, before: { messages: number; recipients: number }) {
  return { messages: after.messages - before.messages, recipients: after.recipients - before.recipients };
}

/**
 * Every JSON line written to this process's stdout and stderr (the tenant worker's output is piped
 * there) goes to `onLine` instead; other output passes. Returns the undo.
 */
function captureFunctionOutput(onLine: (line: string) => void): () => void {
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write.bind(s));
  const pending = ['', ''];
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = pending[i] + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const lines = text.split('\n');
      pending[i] = lines.pop() ?? '';
      const passed = lines.filter((line) => {
        if (line.startsWith('{')) {
          onLine(line);
          return false;
        }
        return true;
      });
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (passed.length) return originals[i]!(`${passed.join('\n')}\n`, callback);
      callback?.();
      return true;
    }) as typeof stream.write;
  });
  return () =>
    streams.forEach((stream, i) => {
      stream.write = originals[i] as typeof stream.write;
    });
}

/** The register's billable size: each item plus 100 bytes, and each index entry (projection ALL) plus 100 bytes. */
async function registerSize(db: DynamoDBClient, tableName: string): Promise<{ tableBytes: number; items: number }> {
  const table = (await db.send(new DescribeTableCommand({ TableName: tableName }))).Table!;
  const indexes = (table.GlobalSecondaryIndexes ?? []).map((index) => ({
    key: (index.KeySchema ?? []).map((k) => k.AttributeName!),
    all: index.Projection?.ProjectionType === 'ALL',
  }));
  let tableBytes = 0;
  let items = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of page.Items ?? []) {
      items += 1;
      const size = itemBytes(item);
      tableBytes += size + 100;
      for (const index of indexes) {
        if (!index.key.every((name) => item[name] !== undefined)) continue;
        tableBytes += (index.all ? size : index.key.reduce((n, name) => n + name.length + valueBytes(item[name]!), 0)) + 100;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { tableBytes, items };
}
