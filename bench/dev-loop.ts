/**
 * Budget (shared/PERFORMANCE.md): `npm start` ready in <= 15 s. No reference.
 *
 * Ours: `node --import tsx local/start.ts` (what `npm start` runs, without npm's own start-up)
 * with every port free and a fresh temporary KLACHTEN_DATA_DIR, as on a first start; timed from
 * spawn until it prints 'Ctrl-C stops everything', then stopped with SIGINT (Ctrl-C) and waited
 * for. Median of RUNS starts. `npm test` (<= 10 min) is not timed here: far too long for a bench.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../local/processes.ts';
import type { BenchResult } from './result.ts';

const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const READY = 'Ctrl-C stops everything';
const BUDGET_MS = 15_000;
const RUNS = 3;
/** A start that takes this long has failed; it is stopped rather than waited for. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

interface Start {
  readyMs: number;
  stopMs: number;
}

async function timeOneStart(): Promise<Start> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klachten-bench-start-'));
  const [gateway, dynamodb, ses, scheduler, s3] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const started = performance.now();
  // Its own process group: if it does not stop on SIGINT, the group (with DynamoDB Local's Java,
  // which it started) can be killed by this child's id.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      KLACHTEN_PORT: String(gateway),
      KLACHTEN_DYNAMODB_PORT: String(dynamodb),
      KLACHTEN_SES_PORT: String(ses),
      KLACHTEN_SCHEDULER_PORT: String(scheduler),
      KLACHTEN_S3_PORT: String(s3),
      KLACHTEN_DATA_DIR: dataDir,
    },
  });
  let output = '';
  const exited = new Promise<number | string | null>((done) => child.once('exit', (code, signal) => done(code ?? signal)));
  try {
    const readyMs = await new Promise<number>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`not ready within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-8000);
        if (output.includes(READY)) {
          clearTimeout(timer);
          done(performance.now() - started);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-8000);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`local/start.ts exited (${code}) before it was ready`));
      });
    }).catch((error: Error) => {
      throw new Error(`${error.message}; its output:\n${output}`);
    });

    const stopping = performance.now();
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), STOP_TIMEOUT_MS).unref())]);
    if (code === 'timeout') throw new Error(`local/start.ts did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGINT; its output:\n${output}`);
    if (code !== 0) throw new Error(`local/start.ts exited with ${code} on SIGINT; its output:\n${output}`);
    return { readyMs, stopMs: performance.now() - stopping };
  } finally {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      // Only when it failed to stop by itself: the whole group it heads, by its id.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number): string => (ms / 1000).toFixed(1);

export async function benchDevLoop(): Promise<BenchResult> {
  const starts: Start[] = [];
  for (let run = 0; run < RUNS; run++) starts.push(await timeOneStart());
  const ready = starts.map((s) => s.readyMs);
  const readyMs = median(ready);
  return {
    name: 'developer loop',
    ours: `npm start ready in ${seconds(readyMs)} s (median of ${RUNS}: ${ready.map(seconds).join('/')} s, fresh data dir); ` + `Ctrl-C stop ${seconds(median(starts.map((s) => s.stopMs)))} s`,
    reference: '-',
    ratio: '-',
    budget: `ready <= ${seconds(BUDGET_MS)} s (npm test not timed)`,
    pass: readyMs <= BUDGET_MS,
  };
}
