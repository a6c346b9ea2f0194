/**
 * The regulation's procedure in plain text per language, rendered when the regulation is compiled
 * (at synth by infra/constructs/tenant-functions.ts, at start by local/cloud.ts, with
 * procedureJson in regulation-file.ts) and written beside the regulation JSON: X.json ->
 * X.procedure.json. The hosted form shows it; reading it here keeps the summary's renderer out of
 * the function's bundle.
 */
import { readFileSync } from 'node:fs';
import type { Language } from '../domain/regulation/schema.ts';

export type ProcedureTexts = Readonly<Record<Language, string>>;

/** Where the procedure texts of the regulation at `regulationFile` are: X.json -> X.procedure.json. */
export function procedureFileFor(regulationFile: string): string {
  return `${regulationFile.replace(/\.json$/i, '')}.procedure.json`;
}

/**
 * The procedure texts beside REGULATION_FILE, per version ({ "<version>": { nl, en } }), read once
 * at cold start. A missing or malformed file stops the function with a message saying how to
 * regenerate it.
 */
export function readProcedureTexts(regulationFile: string): ReadonlyMap<string, ProcedureTexts> {
  const file = procedureFileFor(regulationFile);
  let texts: unknown;
  try {
    texts = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: the procedure texts of the regulation cannot be read (${(error as Error).message}); synthesise or start again to regenerate them`);
  }
  const versions = new Map<string, ProcedureTexts>();
  for (const [version, record] of Object.entries((texts ?? {}) as Record<string, Partial<Record<Language, unknown>> | null>)) {
    if (typeof record?.nl !== 'string' || typeof record.en !== 'string') versions.clear();
    else versions.set(version, { nl: record.nl, en: record.en });
    if (!versions.size) break;
  }
  if (!versions.size) {
    throw new Error(`${file} does not hold the procedure texts per version ({ "<version>": { "nl": ..., "en": ... } }); synthesise or start again to regenerate them`);
  }
  return versions;
}
