/**
 * `npm run soak`: the soak and fault run. Starts its own local cloud (127.0.0.1, free ports, a
 * temporary folder), submits --count complaints from --concurrency clients with Idempotency-Keys
 * and retries, stops and restarts DynamoDB Local once and takes the SES stand-in and the
 * Scheduler emulator away for a while during the run, lets the outbox drain, then verifies that
 * nothing was lost or duplicated and prints the verdict with throughput and latencies.
 *
 *   npm run soak -- --count 10000 --concurrency 50 --tenant demo
 *   options (or SOAK_<NAME> in the environment): --count, --concurrency, --tenant,
 *   --db-at 0.25 --db-down-s 3, --ses-at 0.45 --ses-down-s 30, --scheduler-at 0.7 --scheduler-down-s 30,
 *   --max-minutes 45 (the whole run), --keep-data (keep the temporary folder)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { startLocalCloud, type LocalCloud } from '../local/cloud.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import { loadRegulationFile } from '../shared/adapters/regulation-file.ts';
import { runClients, type Submission } from './clients.ts';
import { FaultInjector } from './faults.ts';
import { MailCollector } from './mail.ts';
import { percentile, verify, type Verification } from './verify.ts';

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string' },
    concurrency: { type: 'string' },
    tenant: { type: 'string' },
    'db-at': { type: 'string' },
    'db-down-s': { type: 'string' },
    'ses-at': { type: 'string' },
    'ses-down-s': { type: 'string' },
    'scheduler-at': { type: 'string' },
    'scheduler-down-s': { type: 'string' },
    'max-minutes': { type: 'string' },
    'keep-data': { type: 'boolean' },
  },
});

function option(name: keyof typeof flags, fallback: number): number {
  const raw = flags[name] ?? process.env[`SOAK_${name.toUpperCase().replace(/-/g, '_')}`];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number >= 0, got ${String(raw)}`);
  return value;
}

const config = {
  count: Math.floor(option('count', 10_000)),
  concurrency: Math.max(1, Math.floor(option('concurrency', 50))),
  tenant: String(flags.tenant ?? process.env.SOAK_TENANT ?? 'demo'),
  faults: [
    { name: 'dynamodb' as const, atShare: option('db-at', 0.25), downMs: option('db-down-s', 3) * 1000 },
    { name: 'ses' as const, atShare: option('ses-at', 0.45), downMs: option('ses-down-s', 30) * 1000 },
    { name: 'scheduler' as const, atShare: option('scheduler-at', 0.7), downMs: option('scheduler-down-s', 30) * 1000 },
  ],
  maxMs: option('max-minutes', 45) * 60_000,
  keepData: Boolean(flags['keep-data'] ?? process.env.SOAK_KEEP_DATA),
};

const started = Date.now();
const log = (line: string) => console.log(`[soak ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const dataDir = mkdtempSync(join(tmpdir(), 'klachten-soak-'));
let cloud: LocalCloud | undefined;
let stopping: Promise<void> | undefined;

async function cleanUp(): Promise<void> {
  stopping ??= (async () => {
    await cloud?.stop().catch((e: Error) => console.error(`stopping the local cloud: ${e.message}`));
    if (!config.keepData) rmSync(dataDir, { recursive: true, force: true });
    else log(`data kept in ${dataDir}`);
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping the soak run...`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// Bounded: whatever happens, the run ends (and cleans up) within --max-minutes.
const deadline = setTimeout(() => {
  console.error(`VERDICT: FAILED\n  the run did not finish within ${config.maxMs / 60_000} minutes`);
  void cleanUp().finally(() => process.exit(2));
}, config.maxMs);
deadline.unref();

async function main(): Promise<number> {
  log(`${config.count} complaints, ${config.concurrency} clients, tenant ${config.tenant}, data in ${dataDir}`);
  const regulation = await loadRegulationFile(join('tenants', `${config.tenant}.yaml`));
  cloud = await startLocalCloud({ dataDir, tenants: [config.tenant], ports: { gateway: 0, dynamodb: 0, ses: 0, scheduler: 0 }, schedulerTickMs: 1000 });
  log(`local cloud up: ${cloud.urls.api}`);
  const clientConfig = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: cloud.urls.dynamodb });
  const scheduler = new SchedulerClient({ ...clientConfig, endpoint: cloud.urls.scheduler });
  const tableName = cloud.tableName(config.tenant);
  const mail = new MailCollector(cloud.urls.ses);
  mail.start();
  const faults = new FaultInjector(cloud, config.faults, log);
  const runId = Date.now().toString(36);

  const intakeStart = Date.now();
  let lastReport = 0;
  const submissions: Submission[] = await runClients({
    api: cloud.urls.api,
    tenant: config.tenant,
    runId,
    count: config.count,
    concurrency: config.concurrency,
    maxAttempts: 40,
    requestTimeoutMs: 30_000,
    onSettled: (settled) => {
      faults.progress(settled / config.count);
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`${settled} answered (${(settled / ((Date.now() - intakeStart) / 1000)).toFixed(1)}/s)`);
      }
    },
  });
  const intakeMs = Date.now() - intakeStart;
  log(`intake done: ${submissions.filter((s) => s.reference).length} answered in ${(intakeMs / 1000).toFixed(1)} s`);
  await faults.settle();

  // Let the outbox drain: everything pending delivered (retries back off, so this can take a while).
  const drainStart = Date.now();
  for (;;) {
    await cloud.drainOutboxes();
    const pending = await pendingOutbox(dynamodb, tableName);
    if (pending === 0) break;
    // The drain may use what is left of --max-minutes, short of a minute for the checks.
    if (Date.now() - started > config.maxMs - 60_000) throw new Error(`the outbox still holds ${pending} entries after ${((Date.now() - drainStart) / 60_000).toFixed(1)} minutes of draining`);
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      log(`draining the outbox: ${pending} pending`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`outbox drained in ${((Date.now() - drainStart) / 1000).toFixed(1)} s`);
  // The drain's timer pass, as AWS runs it every five minutes: it explains reference gaps the
  // database outage left unrecorded.
  await cloud.drainOutboxes({ timer: true });
  await mail.stop();
  await mail.poll();

  const verification = await verify({
    dynamodb,
    scheduler,
    tableName,
    scheduleGroup: `klachten-${config.tenant}`,
    timeZone: regulation.organisation.timeZone,
    submissions,
    mail: mail.mail,
    faults,
    graceMs: 10_000,
  });
  dynamodb.destroy();
  scheduler.destroy();
  return report(verification, submissions, faults, intakeMs);
}

async function pendingOutbox(dynamodb: DynamoDBClient, tableName: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, any> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :o',
        ExpressionAttributeValues: { ':o': { S: 'OUTBOX' } },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

function report(verification: Verification, submissions: Submission[], faults: FaultInjector, intakeMs: number): number {
  const answered = submissions.filter((s) => s.reference);
  const requestMs = submissions.flatMap((s) => s.attempts.map((a) => a.endedAt - a.startedAt)).sort((a, b) => a - b);
  const endToEndMs = answered.map((s) => s.attempts.at(-1)!.endedAt - s.attempts[0]!.startedAt).sort((a, b) => a - b);
  const ms = (values: number[]) => `p50 ${percentile(values, 50)} ms, p90 ${percentile(values, 90)} ms, p99 ${percentile(values, 99)} ms, max ${values.at(-1) ?? 0} ms`;
  const lines = [
    '',
    '=== soak run ===',
    `complaints          ${config.count} at ${config.concurrency} concurrent clients (tenant ${config.tenant})`,
    `throughput          ${(answered.length / (intakeMs / 1000)).toFixed(1)} complaints/s (${answered.length} in ${(intakeMs / 1000).toFixed(1)} s)`,
    `request latency     ${ms(requestMs)} (${requestMs.length} requests)`,
    `complaint latency   ${ms(endToEndMs)} (first try to 2xx, retries included)`,
    ...faults.windows.map((w) => `fault ${w.name.padEnd(13)} down ${((w.upAt! - w.downAt) / 1000).toFixed(1)} s (stop to answering again)${w.error ? `, error: ${w.error}` : ''}`),
    ...Object.entries(verification.facts).map(([k, v]) => `${k.padEnd(45)} ${v}`),
    '',
    ...verification.checks.flatMap((c) => [`[${c.ok ? 'ok' : 'FAIL'}] ${c.name}: ${c.detail}`, ...(c.examples ?? []).map((e) => `         ${e}`)]),
    '',
  ];
  console.log(lines.join('\n'));
  const failed = verification.checks.filter((c) => !c.ok);
  const faultErrors = faults.windows.filter((w) => w.error);
  if (failed.length === 0 && faultErrors.length === 0) {
    console.log('VERDICT: nothing lost, nothing duplicated');
    return 0;
  }
  console.log(`VERDICT: FAILED\n${[...failed.map((c) => `  ${c.name}`), ...faultErrors.map((w) => `  fault ${w.name} did not run cleanly`)].join('\n')}`);
  return 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`VERDICT: FAILED\n  the run broke off: ${(error as Error).stack ?? error}`);
  code = 1;
} finally {
  clearTimeout(deadline);
  await cleanUp();
}
process.exit(code);
