/**
 * Budget (shared/PERFORMANCE.md): each function's time to its first response (load plus first
 * request) <= 1.3x the floor.
 *
 * Ours: a fresh node process loads the function's bundle, built as synth builds it
 * (bench/bundles.ts, infra/bundling.ts) with regulation.json and texts/ beside it, and answers
 * one realistic first request against the local stand-ins (DynamoDB Local, SES, the Scheduler
 * emulator, S3, the dev issuer's keys, DNS), with the environment the local cloud gives the
 * functions. The requests are the events the local cloud itself produced for real calls made
 * first through its gateway (a complaint filed, its status read, staff reading its file, a
 * schedule's input, a drain, a sweep, an upload checked, a bounce), replayed in the new process.
 * Timed from the runner's first line (after node's own start, the same on both sides) to the
 * handler's answer: deferring an import the first request needs cannot hide it.
 * Reference (floor), in the same run: a minimal handler module in the same kind of process that
 * imports the same @aws-sdk packages the bundle imports, constructs their clients, and makes
 * one DynamoDB GetItem against the same table. A function that imports no SDK client (its floor
 * is a bare handler) may spend on its own what an SDK function may: its time over that bare floor,
 * put on the smallest SDK floor of the run, within 1.3x of it.
 * Runs alternate floor and ours per function (the order flipped every run), RUNS times; medians.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../infra/bundling.ts';
import { ListSchedulesCommand, GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { startLocalCloud, type FunctionRuntime, type LocalCloud } from '../local/cloud.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import { localBucketFor } from '../local/s3-local.ts';
import { TenantRuntime } from '../local/tenant-runtime.ts';
import { TABLE_KEYS, tableNameFor } from '../shared/adapters/table-design.ts';
import { FUNCTIONS, type FunctionId } from '../shared/http/routes.ts';
import { buildLambdaBundles, PROJECT_ROOT, type LambdaBundle } from './bundles.ts';
import type { BenchResult } from './result.ts';

const TENANT = 'demo';
const BUDGET_RATIO = 1.3;
const RUNS = Number(process.env.KLACHTEN_COLD_START_RUNS ?? 7);
const SPAWN_TIMEOUT_MS = 60_000;

/** What a fresh process runs: load a handler module, answer one event, print the time. */
const RUNNER = `
const started = performance.now();
const cpuAtStart = process.cpuUsage();
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
let requests = 0;
subscribe('http.client.request.start', () => { requests++; });
import { pathToFileURL } from 'node:url';
const [modulePath, eventPath, functionName] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventPath, 'utf8'));
const { handler } = await import(pathToFileURL(modulePath).href);
const deadline = Date.now() + 30000;
const context = { functionName, functionVersion: '$LATEST', memoryLimitInMB: '512', awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now(), callbackWaitsForEmptyEventLoop: false };
const result = await handler(event, context);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
process.stdout.write('\\n' + JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, requests, boot: started, status: result && typeof result === 'object' && 'statusCode' in result ? result.statusCode : null }) + '\\n');
process.exit(0);
`;

/** The floor for a function importing `sdkPackages`: the same imports, their clients, one GetItem. */
function floorModule(sdkPackages: string[]): string {
  const lines = sdkPackages.map((pkg, i) => `import * as sdk${i} from ${JSON.stringify(pkg)};`);
  const clients = sdkPackages.map((pkg, i) => {
    if (!pkg.startsWith('@aws-sdk/client-')) return '';
    const endpoint =
      pkg === '@aws-sdk/client-dynamodb'
        ? 'DYNAMODB_ENDPOINT'
        : pkg === '@aws-sdk/client-s3'
          ? 'S3_ENDPOINT'
          : pkg === '@aws-sdk/client-ses'
            ? 'SES_ENDPOINT'
            : pkg === '@aws-sdk/client-scheduler'
              ? 'SCHEDULER_ENDPOINT'
              : '';
    const config = `{ region: process.env.AWS_REGION${endpoint ? `, endpoint: process.env.${endpoint}` : ''} }`;
    return `const client${i} = new (Object.entries(sdk${i}).find(([name]) => /Client$/.test(name))[1])(${config});`;
  });
  const dynamo = sdkPackages.indexOf('@aws-sdk/client-dynamodb');
  const call =
    dynamo < 0
      ? 'return { statusCode: 200, body: "{}" };'
      : `const out = await client${dynamo}.send(new sdk${dynamo}.GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { ${TABLE_KEYS.partitionKey}: { S: 'COMPLAINT#floor' }, ${TABLE_KEYS.sortKey}: { S: 'META' } } }));
  return { statusCode: 200, body: JSON.stringify(out.Item ?? null) };`;
  return `${lines.join('\n')}\n${clients.join('\n')}\nexport const handler = async () => {\n  ${call}\n};\n`;
}

interface Captured {
  event: unknown;
  /** The statusCode the local cloud's own run answered with (null for non-HTTP events). */
  status: number | null;
}

/** Runs one fresh process; its time to the first response (ms) and the answer's status. */
function runOnce(
  runner: string,
  module: string,
  eventFile: string,
  functionName: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<{ ms: number; cpuMs: number; requests: number; status: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, runner, module, eventFile, functionName], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exited with ${code ?? signal}`);
        const parsed = JSON.parse(last) as { ms: number; cpuMs: number; requests: number; status: number | null };
        resolve(parsed);
      } catch (error) {
        reject(new Error(`${functionName} (${module}): ${(error as Error).message}\n${stderr}\n${stdout.slice(-2000)}`));
      }
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Realistic first requests: real calls through the local cloud, each function's event recorded. */
async function captureEvents(cloud: LocalCloud, runtime: () => FunctionRuntime, captured: Map<FunctionId, Captured>): Promise<void> {
  const api = cloud.urls.api;
  const call = async (path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
    const response = await fetch(path.startsWith('http') ? path : `${api}/${TENANT}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      redirect: 'manual',
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`);
    try {
      return JSON.parse(text) as Record<string, any>;
    } catch {
      return {};
    }
  };
  const staff = await call(`${api}/_local/token`, { method: 'POST', body: { tenant: TENANT, role: 'coordinator' } });
  const token = String(staff.token);

  // A complaint filed on someone's behalf (the demo then asks a signed authorisation: a file),
  // and then a plain one (its filing is the request replayed; its deadlines are scheduled).
  const complaint = { description: 'Mijn afspraak werd twee keer verzet zonder bericht.', occurredOn: '2026-04-20', place: 'Vestiging Utrecht' };
  const onBehalf = await call('/complaints', {
    method: 'POST',
    body: { ...complaint, complainant: { name: 'Jan Jansen', email: 'jan@example.com', language: 'nl' }, representative: { name: 'Piet Jansen', email: 'piet.rep@example.com' } },
  });
  const filed = await call('/complaints', { method: 'POST', body: { ...complaint, complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', language: 'nl' } } });
  const reference = String(filed.reference);
  const statusUrl = String(onBehalf.statusUrl).replace(/^https?:\/\/[^/]+/, api);
  await cloud.drainOutboxes();

  // A file: declared on the status link, uploaded to storage, checked (attachment-check).
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  const declared = await call(`${statusUrl}/attachments`, { method: 'POST', body: { name: 'machtiging.pdf', contentType: 'application/pdf', size: pdf.length } });
  const form = new FormData();
  for (const [name, value] of Object.entries(declared.upload.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([pdf]), 'upload.bin');
  const uploaded = await fetch(declared.upload.url as string, { method: 'POST', body: form, redirect: 'manual' });
  if (uploaded.status >= 300 && uploaded.status !== 303) throw new Error(`upload: ${uploaded.status}`);
  await cloud.settleFiles();

  await call(statusUrl);
  await call('/openapi.json');
  await call('/klacht');
  await call('/static/console.js');
  await call(`/admin/complaints/${reference}`, { token });
  await call(`/admin/complaints/${reference}/letters`, { token });
  await call('/admin/complaints', { token });
  await call('/admin/audit', { token });
  await call('/console', { token });
  await call(`/admin/reports/yearly?year=${new Date().getUTCFullYear()}`, { token });
  await call(`/admin/complaints/${String(onBehalf.reference)}/attachments/${declared.id}`, { token });

  // A bounce of the acknowledgement, as SNS delivers SES's notification.
  const bounce = {
    notificationType: 'Bounce',
    bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'jan@example.com' }] },
    mail: { messageId: 'cold-start-bench', tags: { reference: [reference] }, destination: ['jan@example.com'] },
  };
  await runtime().invoke('mail-events', {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        Sns: {
          Type: 'Notification',
          MessageId: 'cold-start-bench',
          TopicArn: `arn:aws:sns:${LOCAL_REGION}:000000000000:klachten-${TENANT}-mail-events`,
          Message: JSON.stringify(bounce),
          Timestamp: new Date().toISOString(),
        },
      },
    ],
  });

  // One of the complaint's deadline schedules fires (its Target.Input, as the Scheduler sends it).
  const scheduler = new SchedulerClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: cloud.urls.scheduler });
  try {
    const listed = await scheduler.send(new ListSchedulesCommand({}));
    const first = listed.Schedules?.find((s) => s.GroupName === `klachten-${TENANT}`);
    if (!first?.Name) throw new Error(`no schedule was created for the complaint (${JSON.stringify(listed.Schedules)})`);
    const schedule = await scheduler.send(new GetScheduleCommand({ GroupName: first.GroupName, Name: first.Name }));
    await runtime().invoke('deadline-check', JSON.parse(schedule.Target?.Input ?? '{}'));
  } finally {
    scheduler.destroy();
  }
  await cloud.sweep();
  // Last: a drain with nothing left to deliver (the rounds drain what each filing queues, untimed).
  await cloud.drainOutboxes();
  const missing = FUNCTIONS.filter((fn) => !captured.has(fn.id)).map((fn) => fn.id);
  if (missing.length) throw new Error(`no first request was recorded for ${missing.join(', ')}`);
}

export async function benchColdStart(): Promise<BenchResult> {
  const built = await buildLambdaBundles(TENANT);
  const dataDir = mkdtempSync(join(tmpdir(), 'klachten-bench-cold-'));
  let cloud: LocalCloud | undefined;
  try {
    const captured = new Map<FunctionId, Captured>();
    let environment: Record<string, string> | undefined;
    let tenantRuntime: FunctionRuntime | undefined;
    cloud = await startLocalCloud({
      dataDir,
      tenants: [TENANT],
      outboxStream: false,
      wiring: {
        tableName: tableNameFor,
        ensureTable: (tenantId, endpoint) => ensureRegisterTable(endpoint, tableNameFor(tenantId)),
        bucketName: localBucketFor,
        // The local cloud's own runtime, recording the last event each function answered and
        // the environment the local cloud gives the functions.
        runtime: (tenantId, localEnvironment) => {
          environment = localEnvironment;
          const inner = new TenantRuntime(tenantId, localEnvironment);
          tenantRuntime = {
            invoke: async (functionId, event) => {
              const result = await inner.invoke(functionId, event);
              const status = result && typeof result === 'object' && 'statusCode' in result ? Number((result as { statusCode: unknown }).statusCode) : null;
              captured.set(functionId, { event: structuredClone(event), status });
              return result;
            },
            setClockOffset: (offsetMs) => inner.setClockOffset(offsetMs),
            stop: () => inner.stop(),
          };
          return tenantRuntime;
        },
      },
    });
    await captureEvents(cloud, () => tenantRuntime!, captured);

    const runner = join(built.dir, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    const baseEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      ...environment,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    };
    interface Subject {
      bundle: LambdaBundle;
      floor: string;
      eventFile: string;
      expected: number | null;
      env: NodeJS.ProcessEnv;
      ours: number[];
      floors: number[];
      oursCpu: number[];
      floorsCpu: number[];
      requests: number;
    }
    // The drain first (an empty outbox), the filing last (what it queues is drained after each round).
    // KLACHTEN_COLD_START_ONLY=admin-api,web-pages: only those (while working on them).
    const only = process.env.KLACHTEN_COLD_START_ONLY?.split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const order = built.bundles.filter((b) => !only?.length || only.includes(b.id)).sort((a, b) => rank(a.id) - rank(b.id));
    const subjects: Subject[] = order.map((bundle) => {
      const floor = join(built.dir, bundle.id, 'floor.mjs');
      writeFileSync(floor, floorModule(bundle.sdkPackages));
      const eventFile = join(built.dir, bundle.id, 'event.json');
      const first = captured.get(bundle.id)!;
      writeFileSync(eventFile, JSON.stringify(first.event));
      const name = `klachten-${TENANT}-${bundle.id}`;
      return {
        bundle,
        floor,
        eventFile,
        expected: first.status,
        env: { ...baseEnv, REGULATION_FILE: bundle.regulationFile, AWS_LAMBDA_FUNCTION_NAME: name },
        ours: [],
        floors: [],
        oursCpu: [],
        floorsCpu: [],
        requests: 0,
      };
    });

    const timeOurs = async (s: Subject) => {
      const answer = await runOnce(runner, s.bundle.file, s.eventFile, s.bundle.id, s.env);
      if (s.expected !== null && (answer.status === null || Math.floor(answer.status / 100) !== Math.floor(s.expected / 100))) {
        throw new Error(`${s.bundle.id}: the bundle answered ${answer.status}, the local cloud ${s.expected}`);
      }
      s.oursCpu.push(answer.cpuMs);
      s.requests = answer.requests;
      return answer.ms;
    };
    const timeFloor = async (s: Subject) => {
      const answer = await runOnce(runner, s.floor, s.eventFile, s.bundle.id, s.env);
      s.floorsCpu.push(answer.cpuMs);
      return answer.ms;
    };

    // One untimed round: fills the file cache for node, the bundles and the SDK.
    for (const s of subjects) {
      await timeFloor(s);
      await timeOurs(s);
      if (s.bundle.id === 'submit-complaint') await cloud.drainOutboxes();
    }
    for (const s of subjects) s.oursCpu.length = s.floorsCpu.length = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const s of subjects) {
        if (run % 2 === 0) {
          s.floors.push(await timeFloor(s));
          s.ours.push(await timeOurs(s));
        } else {
          s.ours.push(await timeOurs(s));
          s.floors.push(await timeFloor(s));
        }
        if (s.bundle.id === 'submit-complaint') await cloud.drainOutboxes();
      }
    }

    // Diagnostics (KLACHTEN_COLD_START_PROFILE=<dir>): one more first request per function under
    // --cpu-prof, from an unminified build of the same bundle (esbuild marks each module's code
    // with a `// path` comment, so time can be put on modules), and one of its floor.
    const profileDir = process.env.KLACHTEN_COLD_START_PROFILE;
    if (profileDir) {
      for (const s of subjects) {
        const readable = join(dirname(s.bundle.file), 'index.readable.mjs');
        await build({ ...esbuildOptions(PROJECT_ROOT, join(PROJECT_ROOT, FUNCTIONS.find((f) => f.id === s.bundle.id)!.entry), readable), minify: false });
        const dir = resolve(profileDir, s.bundle.id);
        mkdirSync(dir, { recursive: true });
        copyFileSync(readable, join(dir, 'index.readable.mjs'));
        await runOnce(runner, readable, s.eventFile, s.bundle.id, s.env, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-name=ours.cpuprofile']);
        await runOnce(runner, s.floor, s.eventFile, s.bundle.id, s.env, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-name=floor.cpuprofile']);
        if (s.bundle.id === 'submit-complaint') await cloud.drainOutboxes();
      }
      console.error(`  cold start: profiles in ${resolve(profileDir)}/<function>/`);
    }

    // A function that imports no SDK client has a floor of almost nothing (a bare handler), where
    // 1.3x would leave no room for any code at all. Its own time (ours minus that floor) is judged
    // as if it ran on top of the smallest SDK floor of the run: the overhead an SDK function may have.
    // The ratio is the median of each run's pair (floor and ours measured back to back), so a slow
    // spell of the shared machine weighs on both sides of a pair; the ms are medians too.
    const measured = subjects.map((s) => ({
      id: s.bundle.id,
      ours: median(s.ours),
      floor: median(s.floors),
      paired: median(s.ours.map((ours, i) => ours / s.floors[i]!)),
      cpu: `${median(s.oursCpu).toFixed(0)}/${median(s.floorsCpu).toFixed(0)}`,
      requests: s.requests,
      sdk: s.bundle.sdkPackages,
    }));
    const sdkFloors = measured.filter((r) => r.sdk.length > 0).map((r) => r.floor);
    const smallestSdkFloor = sdkFloors.length ? Math.min(...sdkFloors) : NaN;
    const rows = measured
      .map((r) => ({ ...r, ratio: r.sdk.length > 0 ? r.paired : (smallestSdkFloor + r.ours - r.floor) / smallestSdkFloor }))
      .sort((a, b) => FUNCTIONS.findIndex((f) => f.id === a.id) - FUNCTIONS.findIndex((f) => f.id === b.id));
    console.error(
      `  cold start (medians of ${RUNS}; wall ms from the runner's first line to the handler's answer; ratio: median of the runs' pairs; for information: cpu ms ours/floor, HTTP requests of ours' first request, the floor makes 1):`,
    );
    console.error(`  ${'function'.padEnd(18)} ${'ours'.padStart(7)} ${'floor'.padStart(7)} ${'ratio'.padStart(6)} ${'cpu'.padStart(9)} ${'req'.padStart(3)}  floor imports`);
    for (const r of rows) {
      const imports = r.sdk.length
        ? r.sdk.map((p) => p.replace('@aws-sdk/', '')).join(' ')
        : `no SDK: (${r.floor.toFixed(0)} + own ${(r.ours - r.floor).toFixed(0)}) on the smallest SDK floor ${smallestSdkFloor.toFixed(0)}`;
      console.error(
        `  ${r.id.padEnd(18)} ${r.ours.toFixed(0).padStart(7)} ${r.floor.toFixed(0).padStart(7)} ${r.ratio.toFixed(2).padStart(5)}x ${r.cpu.padStart(9)} ${String(r.requests).padStart(3)}  ${imports}${r.ratio > BUDGET_RATIO ? '  OVER' : ''}`,
      );
    }
    const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const over = rows.filter((r) => r.ratio > BUDGET_RATIO);
    return {
      name: 'cold start',
      ours: `worst ${worst.id} ${worst.ours.toFixed(0)} ms (medians of ${RUNS}; per function on stderr)`,
      reference: `its floor ${worst.floor.toFixed(0)} ms (same SDK imports and clients, one GetItem)`,
      ratio: `${worst.ratio.toFixed(2)}x worst${over.length ? `; over: ${over.map((r) => `${r.id} ${r.ratio.toFixed(2)}x`).join(', ')}` : `; all ${rows.length} <= ${BUDGET_RATIO}x`}`,
      budget: `each <= ${BUDGET_RATIO}x its floor`,
      pass: over.length === 0,
    };
  } finally {
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    built.remove();
  }
}

function rank(id: FunctionId): number {
  if (id === 'outbox-drain') return -1;
  if (id === 'submit-complaint') return FUNCTIONS.length;
  return FUNCTIONS.findIndex((f) => f.id === id);
}
