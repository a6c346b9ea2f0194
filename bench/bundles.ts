/**
 * Budget (shared/PERFORMANCE.md): each Lambda bundle <= 150 KB minified with the AWS SDK external.
 *
 * Ours: every function of FUNCTIONS (shared/http/routes.ts), bundled with the esbuild options
 * CDK's NodejsFunction uses (infra/bundling.ts, the one place for them), with the files synth
 * puts beside each bundle (regulation.json, its procedure texts, texts/, openapi.json). Sizes only: how fast a
 * bundle starts is the "cold start" row (bench/cold-start.ts), which loads these same bundles.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../infra/bundling.ts';
import { loadTenantFile, procedureJson, regulationsJson } from '../shared/adapters/regulation-file.ts';
import { procedureFileFor } from '../shared/adapters/procedure-file.ts';
import { FUNCTIONS, type FunctionId } from '../shared/http/routes.ts';
import { buildOpenApiDocument, OPENAPI_FILE_IN_BUNDLE } from '../shared/http/openapi.ts';
import { CATALOGUE_DIR_IN_BUNDLE, TEXT_LANGUAGES } from '../shared/texts/index.ts';
import type { BenchResult } from './result.ts';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SIZE_BUDGET_BYTES = 150 * 1024;

export interface LambdaBundle {
  id: FunctionId;
  /** <dir>/<id>/index.mjs, with regulation.json, regulation.procedure.json and texts/ beside it. */
  file: string;
  /** The regulation beside it (REGULATION_FILE, as /var/task/regulation.json in Lambda). */
  regulationFile: string;
  bytes: number;
  /** The packages it imports from outside the bundle (@aws-sdk/..., as the Lambda runtime has them). */
  sdkPackages: string[];
}

export interface BuiltBundles {
  dir: string;
  bundles: LambdaBundle[];
  /** Removes the folder (and node_modules/.cache if this made it and it is empty). */
  remove(): void;
}

/**
 * Builds every function's bundle as synth does, for the tenant in tenants/<tenantId>.yaml, in a
 * folder under node_modules/.cache/. The bundles import @aws-sdk/* and @smithy/* (external, as in
 * Lambda's runtime), so Node must find them: ESM ignores NODE_PATH, a bare specifier resolves
 * only through node_modules folders above the importing file, and a folder under the
 * repository's node_modules/.cache/ has <repo>/node_modules above it.
 */
export async function buildLambdaBundles(tenantId = 'demo', functions = FUNCTIONS): Promise<BuiltBundles> {
  const cacheDir = join(PROJECT_ROOT, 'node_modules', '.cache');
  const createdCacheDir = mkdirSync(cacheDir, { recursive: true }) !== undefined;
  const dir = mkdtempSync(join(cacheDir, 'klachten-bench-bundles-'));
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    if (createdCacheDir) {
      try {
        rmdirSync(cacheDir);
      } catch {
        // not empty: someone else's now
      }
    }
  };
  try {
    const regulations = await loadTenantFile(join(PROJECT_ROOT, 'tenants', `${tenantId}.yaml`));
    const openApi = JSON.stringify(buildOpenApiDocument());
    const bundles: LambdaBundle[] = [];
    for (const fn of functions) {
      const file = join(dir, fn.id, 'index.mjs');
      const result = await build({ ...esbuildOptions(PROJECT_ROOT, join(PROJECT_ROOT, fn.entry), file), metafile: true });
      const output = Object.values(result.metafile.outputs)[0]!;
      const sdkPackages = [...new Set(output.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path))].sort();
      // What synth copies beside each bundle (tenant-functions.ts afterBundling).
      const regulationFile = join(dir, fn.id, 'regulation.json');
      writeFileSync(regulationFile, regulationsJson(regulations));
      writeFileSync(procedureFileFor(regulationFile), procedureJson(regulations));
      writeFileSync(join(dir, fn.id, OPENAPI_FILE_IN_BUNDLE), openApi);
      mkdirSync(join(dir, fn.id, CATALOGUE_DIR_IN_BUNDLE), { recursive: true });
      for (const lang of TEXT_LANGUAGES) copyFileSync(join(PROJECT_ROOT, 'shared', 'texts', `${lang}.json`), join(dir, fn.id, CATALOGUE_DIR_IN_BUNDLE, `${lang}.json`));
      bundles.push({ id: fn.id, file, regulationFile, bytes: output.bytes, sdkPackages });
    }
    return { dir, bundles, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchBundles(): Promise<BenchResult> {
  const built = await buildLambdaBundles();
  try {
    const rows = built.bundles;
    const largest = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const over = rows.filter((r) => r.bytes > SIZE_BUDGET_BYTES);
    for (const r of rows) console.error(`  lambda bundles: ${r.id.padEnd(18)} ${String(r.bytes).padStart(7)} bytes (${kb(r.bytes)}), room ${kb(SIZE_BUDGET_BYTES - r.bytes)}`);
    return {
      name: 'lambda bundles',
      ours: rows.map((r) => `${r.id} ${kb(r.bytes)}`).join('; '),
      reference: '-',
      ratio: `max ${largest.id} ${kb(largest.bytes)} = ${((largest.bytes / SIZE_BUDGET_BYTES) * 100).toFixed(0)}% of budget${over.length ? `; over: ${over.map((r) => r.id).join(', ')}` : ''}`,
      budget: `each <= ${kb(SIZE_BUDGET_BYTES)} minified, AWS SDK external`,
      pass: over.length === 0,
    };
  } finally {
    built.remove();
  }
}
