/**
 * The local cloud: every AWS service the product uses, stood in for on this machine, wired to
 * the same handler modules CDK deploys. `npm start` runs it; the integration tests start their
 * own on free ports in a temporary folder.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { localSearchKey } from './search-key.ts';
import { join, resolve } from 'node:path';
import { loadTenantFile, procedureJson, regulationsJson } from '../shared/adapters/regulation-file.ts';
import { procedureFileFor } from '../shared/adapters/procedure-file.ts';
import { tableNameFor } from '../shared/adapters/table-design.ts';
import { runtimeConfigSchema } from '../shared/adapters/config.ts';
import type { FunctionId } from '../shared/http/routes.ts';
import { FUNCTIONS } from '../shared/http/routes.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { startSesLocal, type SesLocal } from './ses-local.ts';
import { startDnsLocal } from './dns-local.ts';
import { closeServer, startSchedulerEmulator, type SchedulerEmulator, type SchedulerEmulatorOptions } from './scheduler-emulator.ts';
import { startGateway } from './gateway.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { freePort } from './processes.ts';
import { TenantRuntime } from './tenant-runtime.ts';
import { LOCAL_STATIC_PREFIX, STATIC_FILES } from '../web/static.ts';
import { S3Client } from '@aws-sdk/client-s3';
import { localBucketFor, startS3Local, type ObjectCreated, type S3Local } from './s3-local.ts';
import { createMalwareScan } from './malware-scan.ts';
import { startStreamConsumer, type StreamConsumer, type StreamMapping } from './stream-consumer.ts';
import { OUTBOX_STREAM_MAPPING } from '../shared/adapters/outbox-stream.ts';

export interface LocalCloudOptions {
  /** Where DynamoDB Local, the Scheduler emulator and the compiled regulations keep their state. */
  dataDir?: string;
  /** Fixed ports; 0 or absent for a free one. */
  ports?: Partial<Record<'gateway' | 'dynamodb' | 'ses' | 'scheduler' | 's3', number>>;
  /** Tenant ids to run; default every file in tenantsDir. */
  tenants?: string[];
  tenantsDir?: string;
  /**
   * Run the outbox drain from each table's stream, as in AWS (default true). Without it the drain
   * runs only on its timer and drainOutboxes (a bench that loads the table directly).
   */
  outboxStream?: boolean;
  /** The local system's time at start (tests replay a date); default the machine's time. */
  clockStart?: Date;
  schedulerTickMs?: number;
  /**
   * Every tenant's signed webhook (WEBHOOK_URL, WEBHOOK_SECRET): where its complaint events go. A
   * tenant's functions share one worker here, so they share the secret too; in AWS only the outbox
   * drain can read it (from Secrets Manager, WEBHOOK_SECRET_ARN).
   */
  webhook?: { url: string; secret: string };
  /** A synthesised stack's wiring in place of the local defaults (npm run rehearse, local/rehearsal/). */
  wiring?: CloudWiring;
}

/** How the local cloud runs a tenant's functions (TenantRuntime, or a rehearsal's one worker per function). */
export type FunctionRuntime = Pick<TenantRuntime, 'invoke' | 'setClockOffset' | 'stop'>;

/**
 * What a synthesised stack decides in place of the local defaults (local/rehearsal/wiring.ts):
 * each member replaces one default, the rest of the local cloud stays as it is.
 */
export interface CloudWiring {
  /** The tenant's table (default tableNameFor) and how DynamoDB Local creates it (default ensureRegisterTable). */
  tableName(tenantId: string): string;
  ensureTable(tenantId: string, dynamodbEndpoint: string): Promise<void>;
  /** The tenant's attachments bucket in the S3 stand-in (default localBucketFor). */
  bucketName(tenantId: string): string;
  /** Runs the tenant's functions, given the environment the local cloud would give them all (default a TenantRuntime with it). */
  runtime(tenantId: string, localEnvironment: Record<string, string>): FunctionRuntime;
  /** The outbox drain's stream mapping (default OUTBOX_STREAM_MAPPING). */
  streamMapping?(tenantId: string): StreamMapping;
  /** When the daily sweep runs, in minutes after midnight UTC (default 5:15). */
  sweepMinuteUtc?: number;
}

export interface LocalCloud {
  urls: { api: string; dynamodb: string; ses: string; scheduler: string; s3: string };
  /** A tenant's attachments bucket in the S3 stand-in. */
  bucketName(tenantId: string): string;
  /**
   * Waits until every file that arrived has been checked (attachment-check) and scanned, as the
   * notifications would have it in AWS; scans held by `scans.hold()` stay pending.
   */
  settleFiles(): Promise<void>;
  /** The malware scan stand-in: hold scans (files stay pending) and release them. */
  scans: { hold(): void; release(): Promise<void> };
  tenants: string[];
  tableName(tenantId: string): string;
  clock: { now(): Date; offsetMs(): number; advance(ms: number): Promise<Date> };
  /**
   * Delivers every tenant's pending outbox now (instead of waiting for the stream or the timer),
   * after any drain invocation already running. With `timer`, as the five-minute timer in AWS
   * does, which also explains gaps in the reference sequence.
   */
  drainOutboxes(options?: { timer?: boolean }): Promise<void>;
  /**
   * Each tenant's stream consumer, which runs the outbox drain from the table's stream
   * (local/stream-consumer.ts): its latest invocations, and the records of batches it gave up on
   * (the on-failure queue's stand-in). Empty with `outboxStream: false`.
   */
  readonly outboxStreams: ReadonlyMap<string, StreamConsumer>;
  /** Fires every due schedule now and waits for the invocations. */
  fireDueSchedules(): Promise<void>;
  /** Runs every tenant's daily deadline sweep now (it also runs by itself once a local day). */
  sweep(): Promise<void>;
  /** The running Scheduler emulator (after stopScheduler, the one that ran last). */
  readonly scheduler: SchedulerEmulator;
  /** Takes the SES stand-in away (fault drills); startSes brings it back on the same port, with the mail it had. */
  stopSes(): Promise<void>;
  startSes(): Promise<void>;
  /** Stops DynamoDB Local (fault drills); startDynamoDb restarts it on the same port and data. */
  stopDynamoDb(): Promise<void>;
  startDynamoDb(): Promise<void>;
  /** Takes the Scheduler emulator away (its state written first); startScheduler brings it back on the same port. */
  stopScheduler(): Promise<void>;
  startScheduler(): Promise<void>;
  stop(): Promise<void>;
}

const ACCOUNT = '000000000000';

// The machines here run Node 20 (Lambda runs 24); the SDK's pinned versions support it, so the
// SDK's upgrade notice is noise locally. Worker threads inherit this.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
export const functionName = (tenantId: string, functionId: FunctionId) => `klachten-${tenantId}-${functionId}`;

export function tenantIdsIn(directory: string): string[] {
  return readdirSync(directory)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => f.replace(/\.(ya?ml|json)$/, ''))
    .sort();
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const dataDir = resolve(options.dataDir ?? '.data');
  const tenantsDir = resolve(options.tenantsDir ?? 'tenants');
  const tenantIds = options.tenants ?? tenantIdsIn(tenantsDir);
  const port = async (name: 'gateway' | 'dynamodb' | 'ses' | 'scheduler' | 's3') => options.ports?.[name] || freePort();

  // Refuse an invalid tenant file or webhook before starting anything, with the same messages as synth.
  if (options.webhook) checkWebhook(options.webhook);
  const regulationFiles = await compileRegulations(tenantsDir, tenantIds, join(dataDir, 'regulations'));

  let offsetMs = options.clockStart ? options.clockStart.getTime() - Date.now() : 0;
  const clock = { now: () => new Date(Date.now() + offsetMs), offsetMs: () => offsetMs };
  const runtimes = new Map<string, FunctionRuntime>();
  const wiring = options.wiring;
  const tableOf = (tenantId: string) => wiring?.tableName(tenantId) ?? tableNameFor(tenantId);
  const bucketOf = (tenantId: string) => wiring?.bucketName(tenantId) ?? localBucketFor(tenantId);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => console.error(`[local] stopping: ${e.message}`));
  };

  try {
    const [dynamodbPort, sesPort, schedulerPort, gatewayPort, s3Port] = await Promise.all([port('dynamodb'), port('ses'), port('scheduler'), port('gateway'), port('s3')]);
    let ses: SesLocal | undefined;
    let dynamodb: DynamoDbLocal | undefined;
    const dynamoDbOptions = { port: dynamodbPort, dataDir: join(dataDir, 'dynamodb') };
    // The mail survives a stop and start of the stand-in, not a new local cloud (the viewer starts empty).
    const sesOptions = { port: sesPort, mailFile: join(dataDir, 'ses', 'mail.jsonl') };
    rmSync(sesOptions.mailFile, { force: true });
    const [firstDynamoDb, firstSes]: [DynamoDbLocal, SesLocal] = await Promise.all([
      startDynamoDbLocal(dynamoDbOptions).then((d) => {
        dynamodb = d;
        stops.push(async () => {
          await dynamodb?.stop();
        });
        return d;
      }),
      startSesLocal(sesOptions),
    ]);
    ses = firstSes;
    stops.push(async () => {
      await ses?.stop();
    });
    const dynamodbEndpoint = firstDynamoDb.endpoint;
    const sesEndpoint = firstSes.endpoint;

    // Attachments: the S3 stand-in with a bucket per tenant; each object created is checked by the
    // tenant's attachment-check function and then scanned by the malware scan stand-in, whose
    // verdict goes to the same function, as EventBridge delivers both in AWS.
    const bucketTenants = new Map(tenantIds.map((id) => [bucketOf(id), id]));
    const pendingFiles = new Set<Promise<unknown>>();
    const track = (work: Promise<unknown>) => {
      const tracked = work.catch((e: Error) => console.error(`[local] attachments: ${e.message}`)).finally(() => pendingFiles.delete(tracked));
      pendingFiles.add(tracked);
      return tracked;
    };
    let s3: S3Local | undefined;
    const s3Client = new S3Client({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: `http://127.0.0.1:${s3Port}`, forcePathStyle: true });
    const scanner = createMalwareScan(s3Client, async (bucket, event) => {
      const tenantId = bucketTenants.get(bucket);
      if (tenantId) await invoke(tenantId, 'attachment-check', event);
    });
    const onObjectCreated = (object: ObjectCreated) => {
      const tenantId = bucketTenants.get(object.bucket);
      if (!tenantId) return;
      const created = {
        source: 'aws.s3',
        'detail-type': 'Object Created',
        detail: { version: '0', bucket: { name: object.bucket }, object: { key: object.key, size: object.size, etag: object.etag }, reason: 'PostObject' },
      };
      void track(
        invoke(tenantId, 'attachment-check', created).then(() => {
          const scan = scanner.scan(object.bucket, object.key);
          // A held scan is the test's to release; the rest are waited for.
          if (scanner.held) void scan.catch((e: Error) => console.error(`[local] scan: ${e.message}`));
          else return scan;
          return undefined;
        }),
      );
    };
    s3 = await startS3Local({ port: s3Port, directory: join(dataDir, 's3'), buckets: [...bucketTenants.keys()], onObjectCreated });
    stops.push(async () => {
      await Promise.all([...pendingFiles]);
      s3Client.destroy();
      await s3?.stop();
    });
    const s3Endpoint = s3.endpoint;
    await Promise.all(tenantIds.map((id) => (wiring ? wiring.ensureTable(id, dynamodbEndpoint) : ensureRegisterTable(dynamodbEndpoint, tableNameFor(id)))));

    // Staff authentication: the dev issuer (local Cognito), served by the gateway under /_local/.
    const devIssuer = createDevIssuer({ dataDir, gatewayUrl: `http://127.0.0.1:${gatewayPort}`, tenantIds, now: clock.now });

    const invoke = (tenantId: string, functionId: FunctionId, event: unknown) => {
      const runtime = runtimes.get(tenantId);
      if (!runtime) return Promise.reject(new Error(`unknown tenant ${tenantId}`));
      return runtime.invoke(functionId, event);
    };
    const resolveFunction = (name: string) => {
      for (const tenantId of tenantIds) {
        for (const fn of FUNCTIONS) if (functionName(tenantId, fn.id) === name) return { tenantId, functionId: fn.id };
      }
      return undefined;
    };

    const schedulerOptions: SchedulerEmulatorOptions = {
      port: schedulerPort,
      stateFile: join(dataDir, 'scheduler', 'schedules.json'),
      now: clock.now,
      tickMs: options.schedulerTickMs ?? 1000,
      region: LOCAL_REGION,
      accountId: ACCOUNT,
      invoke: async (targetArn, input) => {
        const target = resolveFunction(targetArn.split(':function:')[1]?.split(':')[0] ?? '');
        if (!target) throw new Error(`no local function for ${targetArn}`);
        await invoke(target.tenantId, target.functionId, input ? JSON.parse(input) : {});
      },
    };
    let scheduler = await startSchedulerEmulator(schedulerOptions);
    let schedulerRunning = true;
    stops.push(async () => {
      if (schedulerRunning) await scheduler.stop();
    });
    const schedulerEndpoint = scheduler.endpoint;

    // DNS: the intake's mail-domain check asks this stand-in (local/dns-local.ts), as it asks the resolver in AWS.
    const dns = await startDnsLocal();
    stops.push(() => dns.stop());

    for (const tenantId of tenantIds) {
      const environment = {
        DNS_SERVER: dns.server,
        ...tenantEnvironment(
          tenantId,
          regulationFiles.get(tenantId)!,
          { dynamodb: dynamodbEndpoint, ses: sesEndpoint, scheduler: schedulerEndpoint, s3: s3Endpoint },
          devIssuer.environment(tenantId),
          options.webhook,
        ),
        // The tenant's search key (docs/search.md), as the stack's secret is in AWS.
        SEARCH_KEY: localSearchKey(dataDir, tenantId),
      };
      const runtime = wiring ? wiring.runtime(tenantId, environment) : new TenantRuntime(tenantId, environment);
      runtimes.set(tenantId, runtime);
      if (offsetMs !== 0) runtime.setClockOffset(offsetMs);
      stops.push(() => runtime.stop());
    }

    // The outbox drain, as in AWS: on the table's stream (new outbox items, through the event source
    // mapping CDK deploys: OUTBOX_STREAM_MAPPING) and on a timer. One drain invocation at a time per
    // tenant, whoever starts it (the stream, the timer, drainOutboxes): each waits for the one before.
    const draining = new Map<string, Promise<unknown>>();
    const serially = <T>(tenantId: string, run: () => Promise<T>): Promise<T> => {
      const result = (draining.get(tenantId) ?? Promise.resolve()).then(run);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      draining.set(tenantId, tail);
      void tail.then(() => {
        if (draining.get(tenantId) === tail) draining.delete(tenantId);
      });
      return result;
    };
    const drain = (tenantId: string, source: 'local-drain' | 'local-timer') =>
      serially(tenantId, () => invoke(tenantId, 'outbox-drain', { source })).catch((e: Error) => console.error(`[local] outbox ${tenantId}: ${e.message}`));
    // Queued behind a running invocation, so the pass sees everything written before the call.
    const drainOutboxes = async ({ timer = false }: { timer?: boolean } = {}) => {
      await Promise.all(tenantIds.map((id) => drain(id, timer ? 'local-timer' : 'local-drain')));
    };
    const outboxStreams = new Map<string, StreamConsumer>();
    for (const tenantId of options.outboxStream === false ? [] : tenantIds) {
      const consumer = await startStreamConsumer({
        endpoint: dynamodbEndpoint,
        credentials: LOCAL_CREDENTIALS,
        region: LOCAL_REGION,
        tableName: tableOf(tenantId),
        // The on-failure queue (infra/constructs/outbox.ts): here the consumer's `failures` and a log line.
        mapping: wiring?.streamMapping?.(tenantId) ?? { ...OUTBOX_STREAM_MAPPING, onFailureDestination: `arn:aws:sqs:${LOCAL_REGION}:${ACCOUNT}:klachten-${tenantId}-outbox-stream-failures` },
        functionArn: `arn:aws:lambda:${LOCAL_REGION}:${ACCOUNT}:function:${functionName(tenantId, 'outbox-drain')}`,
        invoke: (event) => serially(tenantId, () => invoke(tenantId, 'outbox-drain', event)),
        log: (line) => console.error(line.replace('[local] stream:', `[local] outbox stream ${tenantId}:`)),
      });
      outboxStreams.set(tenantId, consumer);
      stops.push(() => consumer.stop());
    }
    // The drain's timer, as in AWS (every five minutes there; every minute here): retries whose
    // backoff has passed, batches the stream gave up on, and what was pending before the start.
    const drainTimer = setInterval(() => {
      void drainOutboxes({ timer: true });
    }, 60_000);
    stops.push(async () => {
      clearInterval(drainTimer);
      await Promise.all([...draining.values()]);
    });

    // The daily sweep, as in AWS at 05:15 UTC: run when the system clock has passed a sweep time
    // that has not been swept yet (after time travel, or on a timer while `npm start` runs).
    const sweepMinute = wiring?.sweepMinuteUtc ?? 5 * 60 + 15;
    let lastSweepDay = sweepDayOf(clock.now(), sweepMinute);
    const sweep = async () => {
      await Promise.all(tenantIds.map((id) => invoke(id, 'deadline-sweeper', { source: 'local-daily-sweep' }).catch((e: Error) => console.error(`[local] sweep ${id}: ${e.message}`))));
      await drainOutboxes();
    };
    const sweepIfDue = async () => {
      const today = sweepDayOf(clock.now(), sweepMinute);
      if (today === lastSweepDay) return;
      lastSweepDay = today;
      await sweep();
    };
    const sweepTimer = setInterval(() => {
      void sweepIfDue();
    }, 60_000);
    stops.push(async () => clearInterval(sweepTimer));

    const advance = async (ms: number) => {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('the clock only moves forward');
      offsetMs += ms;
      for (const runtime of runtimes.values()) runtime.setClockOffset(offsetMs);
      if (schedulerRunning) await scheduler.tick();
      await drainOutboxes();
      await sweepIfDue();
      return clock.now();
    };

    const gateway = await startGateway({
      port: gatewayPort,
      invoke,
      tenantIds: () => tenantIds,
      resolveFunction,
      staticFiles: { prefix: LOCAL_STATIC_PREFIX, files: STATIC_FILES },
      localEndpoints: async (path, method, body, query) => (await devIssuer.endpoint(path, method, body, query)) ?? clockEndpoint(path, method, body, clock, advance),
    });
    stops.push(() => closeServer(gateway.server));

    return {
      urls: { api: gateway.url, dynamodb: dynamodbEndpoint, ses: sesEndpoint, scheduler: schedulerEndpoint, s3: s3Endpoint },
      tenants: tenantIds,
      tableName: tableOf,
      bucketName: bucketOf,
      settleFiles: async () => {
        while (pendingFiles.size) await Promise.all([...pendingFiles]);
      },
      scans: {
        hold: () => scanner.hold(),
        release: async () => {
          await scanner.release();
          while (pendingFiles.size) await Promise.all([...pendingFiles]);
        },
      },
      clock: { ...clock, advance },
      drainOutboxes,
      outboxStreams,
      fireDueSchedules: async () => {
        if (schedulerRunning) await scheduler.tick();
      },
      sweep,
      get scheduler() {
        return scheduler;
      },
      stopSes: async () => {
        await ses?.stop();
        ses = undefined;
      },
      startSes: async () => {
        ses ??= await startSesLocal(sesOptions);
      },
      stopDynamoDb: async () => {
        await dynamodb?.stop();
        dynamodb = undefined;
      },
      startDynamoDb: async () => {
        dynamodb ??= await startDynamoDbLocal(dynamoDbOptions);
      },
      stopScheduler: async () => {
        if (!schedulerRunning) return;
        schedulerRunning = false;
        await scheduler.stop();
      },
      startScheduler: async () => {
        if (schedulerRunning) return;
        scheduler = await startSchedulerEmulator(schedulerOptions);
        schedulerRunning = true;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function compileRegulations(tenantsDir: string, tenantIds: string[], outDir: string): Promise<Map<string, string>> {
  mkdirSync(outDir, { recursive: true });
  const files = new Map<string, string>();
  const available = new Set(readdirSync(tenantsDir));
  const problems: string[] = [];
  for (const id of tenantIds) {
    const source = ['yaml', 'yml', 'json'].map((ext) => `${id}.${ext}`).find((f) => available.has(f));
    if (!source) {
      problems.push(`tenant ${id}: no file ${id}.yaml in ${tenantsDir}`);
      continue;
    }
    try {
      const regulations = await loadTenantFile(join(tenantsDir, source));
      const target = join(outDir, `${id}.json`);
      writeFileSync(target, regulationsJson(regulations));
      // The procedure texts the hosted form shows, beside it (as synth writes them into each bundle).
      writeFileSync(procedureFileFor(target), procedureJson(regulations));
      files.set(id, target);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length) throw new Error(`Invalid tenant file(s):\n${problems.join('\n')}`);
  return files;
}

/** The day whose sweep (at `minuteUtc` after midnight UTC, 05:15 by default) has most recently passed. */
function sweepDayOf(now: Date, minuteUtc = 5 * 60 + 15): string {
  return new Date(now.getTime() - minuteUtc * 60_000).toISOString().slice(0, 10);
}

function tenantEnvironment(
  tenantId: string,
  regulationFile: string,
  endpoints: { dynamodb: string; ses: string; scheduler: string; s3: string },
  auth: Record<'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWKS_URL', string>,
  webhook?: { url: string; secret: string },
): Record<string, string> {
  return {
    TENANT_ID: tenantId,
    REGULATION_FILE: regulationFile,
    TABLE_NAME: tableNameFor(tenantId),
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    DYNAMODB_ENDPOINT: endpoints.dynamodb,
    SES_ENDPOINT: endpoints.ses,
    SCHEDULER_ENDPOINT: endpoints.scheduler,
    // The tenant's attachments bucket in the S3 stand-in (in AWS: the attachments construct's bucket).
    ATTACHMENTS_BUCKET: localBucketFor(tenantId),
    S3_ENDPOINT: endpoints.s3,
    SCHEDULE_GROUP: `klachten-${tenantId}`,
    SCHEDULER_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/klachten-${tenantId}-scheduler`,
    DEADLINE_FUNCTION_ARN: `arn:aws:lambda:${LOCAL_REGION}:${ACCOUNT}:function:${functionName(tenantId, 'deadline-check')}`,
    SCHEDULE_DLQ_ARN: `arn:aws:sqs:${LOCAL_REGION}:${ACCOUNT}:klachten-${tenantId}-schedule-dlq`,
    // Staff tokens from the dev issuer (local/dev-issuer.ts), verified like Cognito's in AWS.
    ...auth,
    // The complainant's private link, as the acknowledgement gives it.
    STATUS_BASE_URL: `${auth.JWT_ISSUER.split('/_local/')[0]}/${tenantId}/status`,
    // The admin console's script, served by the gateway as a stack hosts its static files.
    CONSOLE_SCRIPT_URL: `${LOCAL_STATIC_PREFIX}console.js`,
    // Abuse limits per client address (shared/http/abuse-limits.ts): generous here, where tests
    // and the bench send everything from 127.0.0.1; KLACHTEN_RATE_LIMITS sets others (a test of the limits).
    RATE_LIMITS: process.env.KLACHTEN_RATE_LIMITS ?? 'posts=1000000/0.001,reads=1000000/0.001,misses=1000000/0.001',
    // The hourly mail caps (shared/domain/complaint/intake-mail.ts): as generous, for the same
    // reason (the tests, the bench and the soak send many complaints from a few addresses);
    // KLACHTEN_MAIL_CAPS sets others (a test of the caps).
    MAIL_CAPS: process.env.KLACHTEN_MAIL_CAPS ?? 'recipient=999999999,tenant=999999999',
    // The tenant's own system, told of every complaint event (validated by the functions' config).
    ...(webhook ? { WEBHOOK_URL: webhook.url, WEBHOOK_SECRET: webhook.secret } : {}),
  };
}

/** The functions' own rules (shared/adapters/config.ts), checked before any worker starts. */
function checkWebhook(webhook: { url: string; secret: string }): void {
  const problems = [
    ...(runtimeConfigSchema.shape.WEBHOOK_URL.safeParse(webhook.url).error?.issues.map((i) => `webhook URL: ${i.message}`) ?? []),
    ...(runtimeConfigSchema.shape.WEBHOOK_SECRET.safeParse(webhook.secret).error?.issues.map((i) => `webhook secret: ${i.message}`) ?? []),
  ];
  if (problems.length) throw new Error(`Invalid webhook:\n  ${problems.join('\n  ')}`);
}

/** GET /_local/clock, POST /_local/clock {"days":5} | {"hours":2} | {"minutes":30} | {"to":"2026-05-05T09:00:00+02:00"} */
async function clockEndpoint(path: string, method: string, body: string, clock: { now(): Date; offsetMs(): number }, advance: (ms: number) => Promise<Date>) {
  if (path !== '/_local/clock') return undefined;
  const describe = (now: Date) => ({ now: now.toISOString(), offsetMs: clock.offsetMs() });
  if (method === 'GET') return { status: 200, body: describe(clock.now()) };
  if (method !== 'POST') return { status: 405, body: { message: 'use GET or POST' } };
  let request: { days?: number; hours?: number; minutes?: number; to?: string };
  try {
    request = body ? JSON.parse(body) : {};
  } catch {
    return { status: 400, body: { message: 'body must be JSON such as {"days": 5} or {"to": "2026-05-05T09:00:00+02:00"}' } };
  }
  let ms: number;
  if (request.to !== undefined) {
    const target = Date.parse(request.to);
    if (Number.isNaN(target)) return { status: 400, body: { field: 'to', message: 'must be an ISO date-time' } };
    ms = target - clock.now().getTime();
  } else {
    ms = ((request.days ?? 0) * 24 * 60 + (request.hours ?? 0) * 60 + (request.minutes ?? 0)) * 60_000;
  }
  if (!Number.isFinite(ms) || ms < 0) return { status: 400, body: { message: 'the clock only moves forward' } };
  return { status: 200, body: describe(await advance(ms)) };
}
