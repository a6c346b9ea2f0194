/**
 * npm run tenant:check [-- FILE...]
 *
 * Validates every tenants/*.yaml (or the files given, anywhere) and prints each problem as
 * 'FILE: path.to.field: what is wrong'; one OK line per valid file. Exit code 1 on any problem.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readTenantFile } from '../shared/adapters/regulation-file.ts';
import { DynamoDbComplaintRegister } from '../shared/adapters/dynamodb-register.ts';
import { tableNameFor } from '../shared/adapters/table-design.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.ts';
import { reachable, withLocalDynamoDb } from './local-dynamodb.ts';
import { describeVersionChanges } from '../shared/domain/regulation/version-diff.ts';
import { versionsAgainstComplaints } from '../shared/domain/regulation/versions.ts';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// --- shared by the administrator tools (deadlines.ts and summary.ts import these) ---------------

/** Output sinks, so tests can capture what a tool prints. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** True when the module with this import.meta.url is the script node/tsx was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}

// --- tenant:check ----------------------------------------------------------------------------------

export const TENANTS_DIR = 'tenants';

const USAGE = 'usage: npm run tenant:check [-- [--complaints local|TABLE [--region REGION]] FILE...]   (default: every file in tenants/)';

export async function tenantFiles(dir = TENANTS_DIR): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => /\.(ya?ml|json)$/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Where the complaints a new version must not re-govern are read: the register of `npm start`
 * (its DynamoDB Local, started on .data when it is not running), or a deployed table.
 */
export type ComplaintSource = { kind: 'local' } | { kind: 'table'; table: string; region?: string };

/** Reads the most recent complaints of a tenant (receipt and version). */
export type RecentComplaints = (tenantId: string) => Promise<Array<{ reference: string; receivedAt: string; regulationVersion?: string }>>;

interface CheckArgs {
  files: string[];
  complaints?: ComplaintSource;
}

function parseArgs(argv: readonly string[]): CheckArgs | string {
  const files: string[] = [];
  let complaints: string | undefined;
  let region: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--complaints' || arg === '--region') {
      const value = argv[(i += 1)];
      if (value === undefined || value.startsWith('-')) return `${arg} needs a value`;
      if (arg === '--complaints') complaints = value;
      else region = value;
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else files.push(arg);
  }
  if (region && (!complaints || complaints === 'local')) return '--region goes with --complaints TABLE (a deployed register)';
  return { files, ...(complaints ? { complaints: complaints === 'local' ? { kind: 'local' } : { kind: 'table', table: complaints, ...(region ? { region } : {}) } } : {}) };
}

/**
 * Validates each tenant file, prints every version with what changes from the one before, and,
 * with a register to read, refuses a version that would take over complaints already received
 * under another (see versionsAgainstComplaints).
 */
export async function runTenantCheck(argv: readonly string[], io: Io, recent?: RecentComplaints): Promise<number> {
  if (argv.some((a) => a === '--help' || a === '-h')) {
    io.out(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`tenant:check: ${args} (${USAGE})`);
    return 2;
  }
  if (args.complaints?.kind === 'table' && args.files.length !== 1) {
    io.err('tenant:check: --complaints TABLE checks one tenant file against its deployed register: give exactly one FILE');
    return 2;
  }
  const files = args.files.length > 0 ? args.files : await tenantFiles();
  if (files.length === 0) {
    io.err(`tenant:check: no regulation files in ${TENANTS_DIR}/`);
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    const result = await readTenantFile(file);
    if (!result.ok) {
      failed += 1;
      for (const problem of result.problems) io.err(problem);
      continue;
    }
    const { versions } = result.regulations;
    versions.forEach((reg, i) => {
      io.out(`OK ${file}: ${reg.id} version ${reg.version} from ${reg.effectiveFrom}, ${reg.roles.length} roles, ${reg.milestones.length} milestones`);
      if (i > 0) for (const line of describeVersionChanges(versions[i - 1]!, reg)) io.out(`  ${line}`);
    });
    const complaints = recent && (await recent(result.regulations.id));
    if (!complaints) continue;
    const problems = versionsAgainstComplaints(result.regulations, complaints);
    if (problems.length) {
      failed += 1;
      for (const problem of problems) io.err(`${file}: ${problem}`);
    } else {
      io.out(
        `  complaints: the ${complaints.length} most recent keep their version${complaints[0] ? ` (newest ${complaints[0].reference}, version ${complaints[0].regulationVersion ?? 'in force at receipt'})` : ''}`,
      );
    }
  }
  if (failed > 0) io.err(`tenant:check: ${failed} of ${files.length} file(s) invalid`);
  return failed > 0 ? 1 : 0;
}

/** How many recent complaints are read per tenant: the newest ones are what a new version could claim. */
const RECENT = 200;

/** A tenant's most recent complaints from a register table (none when the tenant has no table yet). */
async function recentFrom(client: DynamoDBClient, table: string) {
  try {
    return await new DynamoDbComplaintRegister(client, table).latestReceipts(RECENT);
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return [];
    throw error;
  }
}

/**
 * The register to read: a deployed table, or npm start's (with --complaints local started on
 * .data when it is not running; without --complaints only when it is running, never started just
 * for this).
 */
async function main(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string' || argv.some((a) => a === '--help' || a === '-h')) return runTenantCheck(argv, io);
  if (args.complaints?.kind === 'table') {
    const { table, region } = args.complaints;
    const client = new DynamoDBClient(region ? { region } : {});
    try {
      return await runTenantCheck(argv, io, () => recentFrom(client, table));
    } finally {
      client.destroy();
    }
  }
  const port = Number(process.env.KLACHTEN_DYNAMODB_PORT || 8000);
  if (!args.complaints && !(await reachable(`http://127.0.0.1:${port}`))) {
    io.out('(complaints not checked: npm start is not running; add --complaints local, or --complaints TABLE for a deployed register)');
    return runTenantCheck(argv, io);
  }
  return withLocalDynamoDb(
    async (endpoint) => {
      const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
      try {
        return await runTenantCheck(argv, io, (tenantId) => recentFrom(client, tableNameFor(tenantId)));
      } finally {
        client.destroy();
      }
    },
    (line) => io.out(line),
  );
}

if (isMain(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), processIo);
}
