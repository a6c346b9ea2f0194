/**
 * `npm run bench`: runs every bench in BENCHES one after another (timings of parallel runs
 * would disturb each other), prints one table row per budget and exits 1 when a budget fails.
 * `npm run bench -- deadline` runs only the benches whose name contains 'deadline'.
 */
import { benchDeadlineArithmetic } from './deadline-arithmetic.ts';
import { benchIntake } from './intake.ts';
import { benchDrain } from './drain.ts';
import { benchBundles } from './bundles.ts';
import { benchColdStart } from './cold-start.ts';
import { benchDevLoop } from './dev-loop.ts';
import { benchReport } from './report.ts';
import type { BenchResult } from './result.ts';

export type { BenchResult } from './result.ts';

interface Bench {
  name: string;
  run: () => Promise<BenchResult>;
}

// Add a bench here; keep them in the order of PERFORMANCE.md.
const BENCHES: Bench[] = [
  { name: 'deadline arithmetic', run: benchDeadlineArithmetic },
  { name: 'public intake', run: benchIntake },
  { name: 'outbox drain', run: benchDrain },
  { name: 'cold start', run: benchColdStart },
  { name: 'lambda bundles', run: benchBundles },
  { name: 'yearly report', run: benchReport },
  { name: 'developer loop', run: benchDevLoop },
];

const COLUMNS = ['name', 'ours', 'reference', 'ratio', 'budget', 'pass'] as const;

function cellsOf(result: BenchResult): string[] {
  return COLUMNS.map((column) => (column === 'pass' ? (result.pass ? 'PASS' : 'FAIL') : result[column]));
}

function printTable(results: BenchResult[]): void {
  const rows = [COLUMNS.map((column) => column), ...results.map(cellsOf)];
  const widths = COLUMNS.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ');
  console.log(line(rows[0] ?? []));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows.slice(1)) console.log(line(row));
}

async function runBench(bench: Bench): Promise<BenchResult> {
  console.error(`running ${bench.name} ...`);
  try {
    return await bench.run();
  } catch (error) {
    // A bench that cannot run is a failed budget, not a crash that hides the other rows.
    console.error(error);
    const failed = 'error (see above)';
    return { name: bench.name, ours: failed, reference: '-', ratio: '-', budget: '-', pass: false };
  }
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const selected = BENCHES.filter((bench) => filters.length === 0 || filters.some((filter) => bench.name.includes(filter)));
  if (selected.length === 0) throw new Error(`No bench matches ${filters.join(', ')}`);
  const results: BenchResult[] = [];
  for (const bench of selected) results.push(await runBench(bench));
  printTable(results);
  if (results.some((result) => !result.pass)) process.exitCode = 1;
}

// Ctrl-C or a kill: exit through process.exit, so the stand-ins' exit hooks stop their processes.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
await main();
