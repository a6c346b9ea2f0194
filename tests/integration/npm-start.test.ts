/**
 * `npm start` as a user runs it: ready with its URLs printed, a complaint kept across a restart,
 * and Ctrl-C (SIGINT) leaving no process behind (no orphaned Java).
 */
import { afterAll, expect, test } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/processes.ts';
import { eventually, postComplaint, validComplaint } from '../support/local-cloud.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'klachten-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function npmStart(ports: Record<string, number>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: {
      ...process.env,
      KLACHTEN_DATA_DIR: dataDir,
      KLACHTEN_TENANTS: 'demo',
      KLACHTEN_PORT: String(ports.gateway),
      KLACHTEN_DYNAMODB_PORT: String(ports.dynamodb),
      KLACHTEN_SES_PORT: String(ports.ses),
      KLACHTEN_SCHEDULER_PORT: String(ports.scheduler),
      KLACHTEN_S3_PORT: String(ports.s3),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 60_000;
  while (!output.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

async function interrupt(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

/** Processes whose command line mentions the test's data folder (DynamoDB Local's -dbPath). */
function processesUsing(folder: string): string[] {
  const result = spawnSync('pgrep', ['-af', folder], { encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => line.trim() && !line.includes('pgrep'));
}

test('npm start prints its URLs, keeps complaints across a restart, and Ctrl-C stops everything', async () => {
  const ports = { gateway: await freePort(), dynamodb: await freePort(), ses: await freePort(), scheduler: await freePort(), s3: await freePort() };
  const api = `http://127.0.0.1:${ports.gateway}`;

  const first = await npmStart(ports);
  expect(first.output()).toContain(`${api}/<tenant>/complaints`);
  expect(first.output()).toContain(`Mail viewer (SES)  http://127.0.0.1:${ports.ses}/`);
  expect(first.output()).toContain(`S3 (attachments)   http://127.0.0.1:${ports.s3}/klachten-demo-attachments`);
  const submitted = await postComplaint(api, 'demo', validComplaint());
  expect(submitted.status).toBe(201);
  expect(processesUsing(dataDir).length).toBeGreaterThan(0);
  expect(await interrupt(first.child)).toBe(0);
  expect(processesUsing(dataDir)).toEqual([]);

  const second = await npmStart(ports);
  // The same submission with no key is a new complaint: the counter and the old one both survived.
  const next = await postComplaint(api, 'demo', validComplaint());
  expect(Number(next.body.reference.slice(-6))).toBe(Number(submitted.body.reference.slice(-6)) + 1);
  // Whatever the outbox had not delivered before Ctrl-C is delivered after the restart.
  const schedules = await eventually("the first complaint's schedules", async () => {
    const listed = (await (await fetch(`http://127.0.0.1:${ports.scheduler}/schedules?NamePrefix=${submitted.body.reference}`)).json()) as { Schedules: unknown[] };
    return listed.Schedules.length > 0 ? listed.Schedules : undefined;
  });
  expect(schedules.length).toBeGreaterThan(0);
  expect(await interrupt(second.child)).toBe(0);
  expect(processesUsing(dataDir)).toEqual([]);
}, 180_000);
