/**
 * Reads a regulation file (YAML or JSON) from disk and validates it. The only I/O of the
 * regulation module: the domain (shared/domain/regulation) takes parsed data.
 *
 * Problems read 'FILE: path.to.field: what is wrong', one per line, so an administrator can go
 * straight to the field; cdk synth, npm start and tools/tenant-check.ts all show the same lines.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseDocument } from 'yaml';
import { type Regulation, parseRegulation, renderProcedureSummary } from '../domain/regulation/index.ts';

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

/** The tenant id a file must carry: its name without the extension. */
export function tenantIdOfFile(file: string): string {
  return basename(file, extname(file));
}

/** Read and validate without throwing: every problem, prefixed with the file. */
export async function readRegulationFile(file: string): Promise<RegulationFileResult> {
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
  const result = parseRegulation(raw.value, { expectedId: tenantIdOfFile(file) });
  if (!result.ok) return { ok: false, problems: result.problems.map((p) => `${file}: ${p}`) };
  return result;
}

/** Read and validate; throws a RegulationFileError listing every problem. */
export async function loadRegulationFile(file: string): Promise<Regulation> {
  const result = await readRegulationFile(file);
  if (!result.ok) throw new RegulationFileError(file, result.problems);
  return result.regulation;
}

/**
 * The procedure texts the hosted form shows, as written beside the compiled regulation JSON
 * (shared/adapters/procedure-file.ts reads them): the readable procedure in Dutch and English.
 */
export function procedureJson(regulation: Regulation): string {
  const texts = { nl: renderProcedureSummary(regulation, { lang: 'nl' }), en: renderProcedureSummary(regulation, { lang: 'en' }) };
  return `${JSON.stringify(texts, null, 2)}\n`;
}

function parseText(content: string, json: boolean): { ok: true; value: unknown } | { ok: false; problems: string[] } {
  if (json) {
    try {
      return { ok: true, value: JSON.parse(content) as unknown };
    } catch (error) {
      return { ok: false, problems: [`(json): ${(error as Error).message}`] };
    }
  }
  // prettyErrors gives 'at line L, column C'; uniqueKeys (default) rejects a key given twice.
  const document = parseDocument(content, { prettyErrors: true });
  if (document.errors.length > 0) {
    return { ok: false, problems: document.errors.map((e) => `(yaml): ${e.message.split('\n')[0]}`) };
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return { ok: false, problems: ['(file): is empty'] };
  return { ok: true, value };
}
