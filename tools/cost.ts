/**
 * npm run cost -- [--tenant ID] [--complaints-per-year N] [--edge] [--prices] [--measure]
 *
 * The monthly AWS cost of one tenant, itemised: the tenant's stack synthesised offline and counted
 * (KMS keys, alarms, secrets, functions and their memory, tables, buckets, GuardDuty, queues, the
 * timers; with --edge the edge stack's web ACL and rules), times the measured requests per
 * complaint (bench/requests-per-complaint.json), priced with eu-central-1 list prices
 * (tools/cost/prices.ts). Without --complaints-per-year: 100, 10,000 and 1,000,000 complaints a
 * year side by side. docs/deploy.md's tables are this output (tests/unit/tools/cost.test.ts).
 *
 *   --tenant ID               the tenant (default demo)
 *   --complaints-per-year N   one volume instead of the three
 *   --edge                    also the edge's costs (CloudFront and WAF)
 *   --prices                  the prices assumed, with their sources
 *   --measure                 first measure the requests per complaint on the local cloud and write
 *                             bench/requests-per-complaint.json (another tenant: ...complaint.<id>.json);
 *                             about a minute; needs Java 17 for DynamoDB Local
 *   --write-docs              write the demo tenant's tables into docs/deploy.md (its cost, cost-edge
 *                             and cost-prices blocks), as tests/infra/cost-docs.test.ts expects them
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_VOLUMES, renderEdgeTable, renderPrices, renderReport } from './cost/format.ts';
import { PROFILE_PATH, readProfile } from './cost/profile.ts';
import { type Io, isMain, processIo } from './tenant-check.ts';
import { tenantIds, unknownTenant } from './tenant-ids.ts';

export interface CostOptions {
  tenant: string;
  volumes: number[];
  edge: boolean;
  prices: boolean;
  measure: boolean;
  writeDocs: boolean;
}

const USAGE = `usage: npm run cost -- [--tenant ID] [--complaints-per-year N] [--edge] [--prices] [--measure] [--write-docs]`;

/** The options, or why not. Pure: the tests call it. */
export function parseCostArgs(argv: readonly string[]): { ok: true; options: CostOptions } | { ok: false; exitCode: 0 | 2; message: string } {
  const options: CostOptions = { tenant: 'demo', volumes: [...DEFAULT_VOLUMES], edge: false, prices: false, measure: false, writeDocs: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
      return v;
    };
    try {
      if (name === '--tenant') options.tenant = value();
      else if (name === '--complaints-per-year') {
        const text = value();
        const n = Number(text.replaceAll(/[_,]/g, ''));
        if (!Number.isFinite(n) || n < 0) throw new Error(`--complaints-per-year ${text}: give a number of complaints a year`);
        options.volumes = [n];
      } else if (name === '--edge') options.edge = true;
      else if (name === '--prices') options.prices = true;
      else if (name === '--measure') options.measure = true;
      else if (name === '--write-docs') options.writeDocs = true;
      else if (name === '--help' || name === '-h') return { ok: false, exitCode: 0, message: USAGE };
      else throw new Error(`unknown option ${arg}`);
    } catch (error) {
      return { ok: false, exitCode: 2, message: `${(error as Error).message}\n${USAGE}` };
    }
  }
  return { ok: true, options };
}

const DOCS = 'docs/deploy.md';

/** Replaces the text between `<!-- NAME:begin ... -->` and `<!-- NAME:end -->` of each block. */
export function replaceDocBlocks(text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- ${name}:begin[^>]*-->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`${DOCS} has no block ${name}`);
    out = out.replace(pattern, (_, begin: string, end: string) => `${begin}${body.trim()}${end}`);
  }
  return out;
}

function writeDocBlocks(path: string, blocks: Record<string, string>): void {
  writeFileSync(path, replaceDocBlocks(readFileSync(path, 'utf8'), blocks));
}

/** The profile file of a tenant: the committed one for demo, `requests-per-complaint.<id>.json` for another. */
export function profilePathFor(tenant: string): string {
  return tenant === 'demo' ? PROFILE_PATH : fileURLToPath(new URL(`../bench/requests-per-complaint.${tenant}.json`, import.meta.url));
}

export async function runCost(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCostArgs(argv);
  if (!parsed.ok) {
    (parsed.exitCode === 0 ? io.out : io.err)(parsed.message);
    return parsed.exitCode;
  }
  const { options } = parsed;
  const unknown = unknownTenant(options.tenant, tenantIds());
  if (unknown) {
    io.err(`cost: ${unknown}`);
    return 2;
  }
  let path = profilePathFor(options.tenant);
  if (options.measure) {
    const { measureProfile, writeProfile } = await import('./cost/measure.ts');
    const profile = await measureProfile({ tenantId: options.tenant, log: (line) => io.err(line) });
    writeProfile(profile, path);
    io.err(`wrote ${path}`);
  }
  if (!existsSync(path)) {
    io.err(`cost: no measured profile for ${options.tenant} (${path}); using the demo tenant's. Measure it: npm run cost -- --measure --tenant ${options.tenant}`);
    path = PROFILE_PATH;
  }
  const profile = readProfile(path);
  io.err(`synthesising ${options.tenant}'s stack${options.edge ? ' and its edge stack' : ''} (offline) ...`);
  const { synthesiseAndCount } = await import('./cost/synth.ts');
  const counts = await synthesiseAndCount(options.tenant, { edge: options.edge });
  if (options.writeDocs) {
    const withEdge = options.edge ? counts : await synthesiseAndCount(options.tenant, { edge: true });
    writeDocBlocks(DOCS, { cost: renderReport(profile, withEdge), 'cost-edge': renderEdgeTable(profile, withEdge), 'cost-prices': renderPrices() });
    io.err(`wrote the cost tables into ${DOCS}`);
  }
  io.out(renderReport(profile, counts, options.volumes));
  if (options.edge) io.out(`\n${renderEdgeTable(profile, counts, options.volumes)}`);
  if (options.prices) io.out(`\n${renderPrices()}`);
  return 0;
}

if (isMain(import.meta.url)) {
  runCost(process.argv.slice(2), processIo).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`cost: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
