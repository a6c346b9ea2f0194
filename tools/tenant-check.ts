/**
 * npm run tenant:check [-- FILE...]
 *
 * Validates every tenants/*.yaml (or the files given, anywhere) and prints each problem as
 * 'FILE: path.to.field: what is wrong'; one OK line per valid file. Exit code 1 on any problem.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegulationFile } from '../shared/adapters/regulation-file.ts';
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

export async function tenantFiles(dir = TENANTS_DIR): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => /\.(ya?ml|json)$/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

export async function runTenantCheck(argv: readonly string[], io: Io): Promise<number> {
  if (argv.some((a) => a === '--help' || a === '-h')) {
    io.out('usage: npm run tenant:check [-- FILE...]   (default: every file in tenants/)');
    return 0;
  }
  const unknownOption = argv.find((a) => a.startsWith('-'));
  if (unknownOption) {
    io.err(`tenant:check: unknown option ${unknownOption} (usage: npm run tenant:check [-- FILE...])`);
    return 2;
  }
  const files = argv.length > 0 ? [...argv] : await tenantFiles();
  if (files.length === 0) {
    io.err(`tenant:check: no regulation files in ${TENANTS_DIR}/`);
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    const result = await readRegulationFile(file);
    if (result.ok) {
      const reg = result.regulation;
      io.out(`OK ${file}: ${reg.id} version ${reg.version} from ${reg.effectiveFrom}, ${reg.roles.length} roles, ${reg.milestones.length} milestones`);
    } else {
      failed += 1;
      for (const problem of result.problems) io.err(problem);
    }
  }
  if (failed > 0) io.err(`tenant:check: ${failed} of ${files.length} file(s) invalid`);
  return failed > 0 ? 1 : 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await runTenantCheck(process.argv.slice(2), processIo);
}
