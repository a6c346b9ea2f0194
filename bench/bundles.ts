/**
 * Budget (shared/PERFORMANCE.md): each Lambda bundle <= 150 KB minified with the AWS SDK
 * external, and loading it <= 2x bare `node -e ''`.
 *
 * Ours: every function of FUNCTIONS (shared/http/routes.ts), bundled with esbuild the way
 * infra/constructs/tenant-functions.ts has NodejsFunction bundle it, then the time of
 * `node --input-type=module -e "await import('<bundle>')"` (the module's top level builds the
 * tenant context: config, regulation, SDK clients; nothing is called).
 * Reference, measured in the same run: bare `node -e ''`. Runs alternate (bare, then each
 * bundle, RUNS times), so a burst of load on the machine hits both sides alike.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadTenantFile, procedureJson, regulationsJson } from '../shared/adapters/regulation-file.ts';
import { procedureFileFor } from '../shared/adapters/procedure-file.ts';
import { FUNCTIONS, type FunctionId } from '../shared/http/routes.ts';
import { CATALOGUE_DIR_IN_BUNDLE, TEXT_LANGUAGES } from '../shared/texts/index.ts';
import type { BenchResult } from './result.ts';

const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SIZE_BUDGET_BYTES = 150 * 1024;
const LOAD_BUDGET_RATIO = 2;
const RUNS = 7;
const SPAWN_TIMEOUT_MS = 30_000;

// What tenant-functions.ts gives NodejsFunction (format ESM, target node24, minify, no source map,
// mainFields, the SDK and @smithy external, the createRequire banner), as CDK passes it to
// esbuild: --bundle --platform=node --outfile=<dir>/index.mjs, run from the project root.
// Keep this in step with that file.
const BANNER = "import{createRequire as __klachtenCreateRequire}from'node:module';const require=__klachtenCreateRequire(import.meta.url);";

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [join(PROJECT_ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    sourcemap: false,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', '@smithy/*'],
    banner: { js: BANNER },
    logLevel: 'warning',
    outfile,
  });
}

/** Wall time of one node process, in ms; throws if it fails. */
function timeNode(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { env, cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: SPAWN_TIMEOUT_MS });
  const elapsed = performance.now() - start;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${result.stderr.toString()}`);
  return elapsed;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchBundles(): Promise<BenchResult> {
  // The bundles import @aws-sdk/* and @smithy/* (external, as in Lambda's runtime), so Node must
  // find them. ESM ignores NODE_PATH: a bare specifier resolves only through node_modules folders
  // above the importing file. A folder under the repository's node_modules/.cache/ has
  // <repo>/node_modules above it, so the bundles resolve the SDK exactly as installed here.
  const cacheDir = join(PROJECT_ROOT, 'node_modules', '.cache');
  const createdCacheDir = mkdirSync(cacheDir, { recursive: true }) !== undefined;
  const dir = mkdtempSync(join(cacheDir, 'klachten-bench-bundles-'));
  try {
    const regulationFile = join(dir, 'regulation.json');
    const regulations = await loadTenantFile(join(PROJECT_ROOT, 'tenants', 'demo.yaml'));
    writeFileSync(regulationFile, regulationsJson(regulations));
    // Beside it, as synth puts them in each bundle: the hosted form reads them at cold start.
    writeFileSync(procedureFileFor(regulationFile), procedureJson(regulations));

    const bundles: Array<{ id: FunctionId; file: string; bytes: number; loads: number[] }> = [];
    for (const fn of FUNCTIONS) {
      const file = join(dir, fn.id, 'index.mjs');
      await bundle(fn.entry, file);
      // The text catalogue beside each bundle, as synth puts it there (texts/nl.json, texts/en.json).
      mkdirSync(join(dir, fn.id, CATALOGUE_DIR_IN_BUNDLE), { recursive: true });
      for (const lang of TEXT_LANGUAGES) copyFileSync(join(PROJECT_ROOT, 'shared', 'texts', `${lang}.json`), join(dir, fn.id, CATALOGUE_DIR_IN_BUNDLE, `${lang}.json`));
      bundles.push({ id: fn.id, file, bytes: statSync(file).size, loads: [] });
    }

    // Harmless local values for what the functions read at cold start (shared/adapters/config.ts).
    // Endpoints point at the discard port: constructing SDK clients calls nothing. Both sides get
    // this same small environment (no NODE_OPTIONS from the parent, no tsx).
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      TENANT_ID: 'demo',
      REGULATION_FILE: regulationFile,
      TABLE_NAME: 'klachten-demo',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SCHEDULE_GROUP: 'klachten-demo',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/klachten-demo-scheduler',
      DEADLINE_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:000000000000:function:klachten-demo-deadline-check',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      SES_ENDPOINT: 'http://127.0.0.1:9',
      SCHEDULER_ENDPOINT: 'http://127.0.0.1:9',
      // The functions that sign or check files require their bucket at cold start.
      ATTACHMENTS_BUCKET: 'klachten-demo-attachments',
      S3_ENDPOINT: 'http://127.0.0.1:9',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const importArgs = (file: string) => ['--input-type=module', '-e', `await import(${JSON.stringify(file)})`];

    // One untimed round first: fills the file cache for node, the bundles and the SDK.
    timeNode(['-e', ''], env);
    for (const b of bundles) timeNode(importArgs(b.file), env);
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      bare.push(timeNode(['-e', ''], env));
      for (const b of bundles) b.loads.push(timeNode(importArgs(b.file), env));
    }

    const bareMs = median(bare);
    const rows = bundles.map((b) => ({ ...b, loadMs: median(b.loads), ratio: median(b.loads) / bareMs }));
    const sizesOk = rows.every((r) => r.bytes <= SIZE_BUDGET_BYTES);
    const loadsOk = rows.every((r) => r.ratio <= LOAD_BUDGET_RATIO);
    return {
      name: 'lambda bundles',
      ours: rows.map((r) => `${r.id} ${kb(r.bytes)}, load ${Math.round(r.loadMs)} ms`).join('; ') + ` (medians of ${RUNS})`,
      reference: `bare node -e '': ${Math.round(bareMs)} ms (median of ${RUNS})`,
      ratio: `load ${rows.map((r) => `${r.ratio.toFixed(2)}x`).join('/')}; size max ${kb(Math.max(...rows.map((r) => r.bytes)))}`,
      budget: `each <= ${kb(SIZE_BUDGET_BYTES)}; load <= ${LOAD_BUDGET_RATIO}x bare node`,
      pass: sizesOk && loadsOk,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // node_modules/.cache too, if this run made it and nothing else has put anything in it.
    if (createdCacheDir) {
      try {
        rmdirSync(cacheDir);
      } catch {
        // not empty: someone else's now
      }
    }
  }
}
