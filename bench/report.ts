/**
 * Budget (shared/PERFORMANCE.md): the yearly report over 100,000 complaints in under 10 s on the
 * local cloud; time grows linearly; no Scan. Reference: the same report at 1,000 and 10,000.
 *
 * A local cloud (tenant occure, a fresh temporary folder, free ports) gets one year of seeded
 * complaint histories (bench/report-data.ts: the seed generator's histories, lived through the
 * use cases in memory and written with the adapter's own item builders), grown 1,000 -> 10,000
 * -> 100,000. At each size the report is fetched the way staff fetch it,
 * GET /occure/admin/reports/yearly?year=Y through the gateway and the admin-reports function,
 * which reads the year index (Query only). Median of three runs per size.
 *
 * BENCH_REPORT_SIZES=1000,10000 runs smaller sizes (e.g. to try a change quickly).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud } from '../local/cloud.ts';
import { loadReportData } from './report-data.ts';
import type { BenchResult } from './result.ts';

const TENANT = 'occure';
const YEAR = 2025;
const RUNS = 3;
const BUDGET_S = 10;
/** Per-complaint time at the largest size may be at most this much above the previous size's. */
const LINEAR_SLACK = 1.5;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function benchReport(): Promise<BenchResult> {
  const sizes = (process.env.BENCH_REPORT_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const dataDir = mkdtempSync(join(tmpdir(), 'klachten-bench-report-'));
  // The year reported is over: every complaint is closed, as in a real yearly analysis. No outbox
  // drain on the table's stream: the complaints are loaded straight into the table, and only the report is timed.
  const cloud = await startLocalCloud({ dataDir, tenants: [TENANT], clockStart: new Date(`${YEAR + 1}-01-15T10:00:00+01:00`), outboxStream: false });
  try {
    const token = await staffToken(cloud.urls.api);
    const timings: Array<{ size: number; seconds: number; complaints: number }> = [];
    let loaded = 0;
    for (const size of sizes) {
      const load = await loadReportData({
        endpoint: cloud.urls.dynamodb, tableName: cloud.tableName(TENANT), tenant: TENANT, year: YEAR,
        count: size - loaded, seed: size, now: new Date(`${YEAR}-12-31T12:00:00+01:00`), events: false,
      });
      loaded = size;
      console.error(`  loaded ${size.toLocaleString('en')} complaints (${load.seconds.toFixed(1)} s)`);
      const runs: number[] = [];
      let complaints = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        const response = await fetch(`${cloud.urls.api}/${TENANT}/admin/reports/yearly?year=${YEAR}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await response.json()) as { current?: { complaints: number }; error?: string };
        runs.push((performance.now() - started) / 1000);
        if (response.status !== 200) throw new Error(`report: ${response.status} ${JSON.stringify(body)}`);
        complaints = body.current!.complaints;
      }
      timings.push({ size, seconds: median(runs), complaints });
      console.error(`  report over ${size.toLocaleString('en')}: ${runs.map((s) => s.toFixed(2)).join(' / ')} s (${complaints.toLocaleString('en')} received in ${YEAR})`);
    }
    const largest = timings.at(-1)!;
    const before = timings.at(-2);
    const perComplaint = (t: { size: number; seconds: number }) => (t.seconds / t.size) * 1e6;
    const growth = before ? perComplaint(largest) / perComplaint(before) : 1;
    const allCounted = timings.every((t) => t.complaints > 0.9 * t.size);
    return {
      name: 'yearly report',
      ours: `${largest.size.toLocaleString('en')} complaints in ${largest.seconds.toFixed(2)} s (${perComplaint(largest).toFixed(0)} µs each)`,
      reference: timings.slice(0, -1).map((t) => `${t.size.toLocaleString('en')}: ${t.seconds.toFixed(2)} s (${perComplaint(t).toFixed(0)} µs each)`).join('; ') || '-',
      ratio: before ? `${growth.toFixed(2)}x the per-complaint time of ${before.size.toLocaleString('en')}` : '-',
      budget: `< ${BUDGET_S} s at 100,000; linear (per complaint <= ${LINEAR_SLACK}x); Query only`,
      pass: allCounted && largest.seconds < BUDGET_S && growth <= LINEAR_SLACK,
    };
  } finally {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function staffToken(api: string): Promise<string> {
  const response = await fetch(`${api}/_local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: TENANT, role: 'coordinator' }) });
  if (response.status !== 200) throw new Error(`dev token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
