/**
 * Reads a regulation file (YAML or JSON) from disk and validates it. The only I/O of the
 * regulation module: the domain (shared/domain/regulation) takes parsed data.
 *
 * Problems read 'FILE: path.to.field: what is wrong', one per line, so an administrator can go
 * straight to the field; cdk synth, npm start and tools/tenant-check.ts all show the same lines.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { basename, extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type Regulation, parseRegulation, renderProcedureSummary } from '../domain/regulation/index.ts';
import { type RegulationVersions, newestVersion, regulationVersions } from '../domain/regulation/versions.ts';

/** A regulation file that cannot be used; `problems` are the 'FILE: path: problem' lines. */
export class RegulationFileError extends Error {
  override readonly name = 'RegulationFileError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid regulation file ${file}:\n${problems.join('\n')}`);
  }
}

export type RegulationFileResult = { ok: true; regulation: Regulation } | { ok: false; problems: string[] };
export type TenantFileResult = { ok: true; regulations: RegulationVersions } | { ok: false; problems: string[] };

/** The tenant id a file must carry: its name without the extension. */
export function tenantIdOfFile(file: string): string {
  return basename(file, extname(file));
}

/** A tenant's file in a tenants folder (<id>.yaml, .yml or .json), if there is one. */
export function tenantFileIn(dir: string, tenantId: string): string | undefined {
  return ['yaml', 'yml', 'json'].map((ext) => join(dir, `${tenantId}.${ext}`)).find((file) => existsSync(file));
}

/**
 * Read and validate a tenant file without throwing: every version it holds (YAML documents
 * separated by `---`, or a JSON array), each problem prefixed with the file and, when the file
 * holds several versions, the version ('FILE: version 2019-01-01: path: problem').
 */
export async function readTenantFile(file: string): Promise<TenantFileResult> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problems: [`${file}: (file): cannot be read${code ? ` (${code})` : ''}`] };
  }
  const extension = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension)) {
    return { ok: false, problems: [`${file}: (file): must be a .yaml, .yml or .json file`] };
  }
  const raw = parseText(content, extension === '.json');
  if (!raw.ok) return { ok: false, problems: raw.problems.map((p) => `${file}: ${p}`) };
  const expectedId = tenantIdOfFile(file);
  const versions: Regulation[] = [];
  const problems: string[] = [];
  raw.documents.forEach((document, index) => {
    const result = parseRegulation(document, { expectedId });
    const name = raw.documents.length > 1 ? `version ${versionName(document, index)}: ` : '';
    if (result.ok) versions.push(result.regulation);
    else problems.push(...result.problems.map((p) => `${file}: ${name}${p}`));
  });
  if (problems.length) return { ok: false, problems };
  const checked = regulationVersions(versions);
  if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => `${file}: ${p}`) };
  return { ok: true, regulations: checked.regulations };
}

/** Read and validate a tenant file; throws a RegulationFileError listing every problem. */
export async function loadTenantFile(file: string): Promise<RegulationVersions> {
  const result = await readTenantFile(file);
  if (!result.ok) throw new RegulationFileError(file, result.problems);
  return result.regulations;
}

/** Read and validate, without throwing: the file's newest version (its only one, for most tenants). */
export async function readRegulationFile(file: string): Promise<RegulationFileResult> {
  const result = await readTenantFile(file);
  return result.ok ? { ok: true, regulation: newestVersion(result.regulations) } : result;
}

/** Read and validate; the file's newest version. Throws a RegulationFileError listing every problem. */
export async function loadRegulationFile(file: string): Promise<Regulation> {
  return newestVersion(await loadTenantFile(file));
}

function versionName(document: unknown, index: number): string {
  const version = (document as { version?: unknown } | null)?.version;
  return typeof version === 'string' || typeof version === 'number' ? String(version) : `#${index + 1} in the file`;
}

/**
 * The versions as the functions read them (tenant-context.ts readRegulationJson): { id, versions }.
 * Throws if that JSON would not validate or would read back differently, so a regulation that
 * cannot survive the trip fails the synth (or the local start) instead of every cold start.
 */
export function regulationsJson(regulations: RegulationVersions): string {
  const json = `${JSON.stringify({ id: regulations.id, versions: regulations.versions }, null, 2)}\n`;
  for (const version of (JSON.parse(json) as RegulationVersions).versions) {
    const reread = parseRegulation(version);
    if (!reread.ok) {
      throw new Error(`The regulation of "${regulations.id}" (version ${version.version}) does not validate in its JSON form:\n  ${reread.problems.join('\n  ')}`);
    }
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(reread.regulation)), version)) {
      throw new Error(`The regulation of "${regulations.id}" (version ${version.version}) reads back differently from its JSON form (a lossy transform in the schema?)`);
    }
  }
  return json;
}

/**
 * The procedure texts the hosted form shows, per version, as written beside the compiled
 * regulation JSON (shared/adapters/procedure-file.ts reads them): the readable procedure in Dutch
 * and English.
 */
export function procedureJson(regulations: RegulationVersions): string {
  const texts = Object.fromEntries(
    regulations.versions.map((regulation) => [regulation.version, { nl: renderProcedureSummary(regulation, { lang: 'nl' }), en: renderProcedureSummary(regulation, { lang: 'en' }) }]),
  );
  return `${JSON.stringify(texts, null, 2)}\n`;
}

function parseText(content: string, json: boolean): { ok: true; documents: unknown[] } | { ok: false; problems: string[] } {
  if (json) {
    try {
      const value = JSON.parse(content) as unknown;
      return { ok: true, documents: Array.isArray(value) ? value : [value] };
    } catch (error) {
      return { ok: false, problems: [`(json): ${(error as Error).message}`] };
    }
  }
  // prettyErrors gives 'at line L, column C'; uniqueKeys (default) rejects a key given twice.
  const documents = parseAllDocuments(content, { prettyErrors: true });
  if (!Array.isArray(documents)) return { ok: false, problems: ['(file): is empty'] };
  const errors = documents.flatMap((d) => d.errors);
  if (errors.length > 0) {
    return { ok: false, problems: errors.map((e) => `(yaml): ${e.message.split('\n')[0]}`) };
  }
  // A document with only comments (a file that ends in '---') holds no version.
  const values = documents.map((d) => d.toJS() as unknown).filter((value) => value !== null && value !== undefined);
  if (!values.length) return { ok: false, problems: ['(file): is empty'] };
  return { ok: true, documents: values };
}
