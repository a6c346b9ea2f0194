/**
 * `npm run seed -- --tenant occure [--year 2026] [--count 500] [--seed 1]`: a year of realistic
 * complaint histories for one tenant, through the same use cases the API runs, into the local
 * DynamoDB that `npm start` uses (its running DynamoDB Local, or one started here on the same
 * data folder and port, and stopped again). See docs/local-cloud.md, "Demo data".
 */
import { loadTenantFile, RegulationFileError, tenantFileIn } from '../shared/adapters/regulation-file.ts';
import { tableNameFor } from '../shared/adapters/table-design.ts';
import { localDateOf } from '../shared/domain/calendar/index.ts';
import { ensureRegisterTable } from '../local/dynamodb-local.ts';
import { tenantIdsIn } from '../local/cloud.ts';
import { checkPlanOptions } from './seed/histories.ts';
import { progressBar } from './seed/progress.ts';
import { seedTenant } from './seed/run-seed.ts';
import { localSearchKey } from '../local/search-key.ts';
import { withLocalDynamoDb } from './local-dynamodb.ts';

const USAGE = 'usage: npm run seed -- --tenant <id> [--year <yyyy>] [--count <n>] [--seed <n>]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const match = /^--(tenant|year|count|seed)(?:=(.*))?$/.exec(flag);
    if (!match) fail(`unknown option "${flag}"`);
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined || value.startsWith('--')) fail(`--${match[1]} needs a value`);
    args[match[1]!] = value;
  }
  return args;
}

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) fail(`--${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

const args = parseArgs(process.argv.slice(2));
const tenants = tenantIdsIn('tenants');
if (!args.tenant) fail(`--tenant is required; tenants: ${tenants.join(', ')}`);
if (!tenants.includes(args.tenant)) fail(`unknown tenant "${args.tenant}"; tenants: ${tenants.join(', ')}`);
const file = tenantFileIn('tenants', args.tenant)!;
let regulations;
try {
  regulations = await loadTenantFile(file);
} catch (error) {
  console.error(error instanceof RegulationFileError ? error.message : String(error));
  process.exit(1);
}
const now = new Date();
const timeZone = regulations.versions[0]!.organisation.timeZone;
const options = {
  year: wholeNumber('year', args.year, Number(localDateOf(now, timeZone).slice(0, 4))),
  count: wholeNumber('count', args.count, 500),
  seed: wholeNumber('seed', args.seed, 1),
  now,
};
try {
  checkPlanOptions(options, timeZone);
} catch (error) {
  fail((error as Error).message);
}

let exitCode = 0;
try {
  await withLocalDynamoDb(async (endpoint, local) => {
    const tableName = tableNameFor(args.tenant!);
    await ensureRegisterTable(endpoint, tableName);

    const bar = progressBar(`Seeding ${args.tenant} ${options.year}`);
    // The local cloud's search key for this tenant (made on first use), so seeded complaints are findable by name.
    const searchKey = localSearchKey(process.env.KLACHTEN_DATA_DIR ?? '.data', args.tenant!);
    const summary = await seedTenant({ endpoint, tableName, regulations, ...options, searchKey, onProgress: (done, total) => bar.update(done, total) });
    bar.finish();
    const statuses = Object.entries(summary.byStatus)
      .sort((a, b) => b[1] - a[1])
      .map(([status, n]) => `${status} ${n}`)
      .join(', ');
    console.log(`${summary.count} complaints for ${args.tenant} in ${options.year} (${summary.firstReference} .. ${summary.lastReference}) in ${summary.seconds.toFixed(1)} s, seed ${options.seed}.
  by status: ${statuses}
  still open: ${summary.open}; deadlines missed and escalated: ${summary.escalated}${summary.added ? `\n  ${options.year} already had complaints: these were added after them, with the next references.` : ''}${summary.open && !local.startedHere ? "\n  The open complaints' deadline schedules are queued in the outbox: the running local cloud creates them." : ''}`);
  });
} catch (error) {
  console.error(`\nSeeding failed: ${(error as Error).message}`);
  exitCode = 1;
}
process.exit(exitCode);
