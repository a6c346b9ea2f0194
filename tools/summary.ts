/**
 * npm run summary -- --tenant ID | --tenant-file FILE [--lang nl|en] [--received ISO] [--version V]
 *
 * Prints the readable procedure of a regulation (shared/domain/regulation/summary.ts), with the
 * concrete dates for a complaint received at --received. A file with several versions prints the
 * one in force at --received, the one named by --version, or (neither given) every version, each
 * with the dates of a complaint received on its first day, or now for the one in force now.
 * Works for any file.
 * Exit code 2 on bad arguments, 1 on an invalid regulation file.
 */
import { existsSync } from 'node:fs';
import { readTenantFile } from '../shared/adapters/regulation-file.ts';
import { instantAt } from '../shared/domain/calendar/index.ts';
import { versionInForce } from '../shared/domain/regulation/versions.ts';
import { renderProcedureSummary } from '../shared/domain/regulation/index.ts';
import { knownTenants, parseInstant, parseToolArgs } from './deadlines.ts';
import { type Io, isMain, processIo } from './tenant-check.ts';

const USAGE = 'usage: npm run summary -- --tenant ID | --tenant-file FILE [--lang nl|en] [--received 2026-04-24T10:00:00+02:00] [--version V]';

export async function runSummary(argv: readonly string[], io: Io, now: () => Date = () => new Date()): Promise<number> {
  const versionFlag = argv.indexOf('--version');
  const version = versionFlag >= 0 ? argv[versionFlag + 1] : undefined;
  if (versionFlag >= 0 && (version === undefined || version.startsWith('--'))) {
    io.err(`summary: --version needs a value\n${USAGE}`);
    return 2;
  }
  const args = parseToolArgs(versionFlag >= 0 ? [...argv.slice(0, versionFlag), ...argv.slice(versionFlag + 2)] : argv, 'summary', USAGE, false);
  if (!args.ok) {
    io.err(args.message);
    return args.message === USAGE ? 0 : 2;
  }
  if (!existsSync(args.file)) {
    io.err(`summary: no such file: ${args.file}${await knownTenants()}\n${USAGE}`);
    return 2;
  }
  const result = await readTenantFile(args.file);
  if (!result.ok) {
    for (const problem of result.problems) io.err(problem);
    return 1;
  }
  const { versions } = result.regulations;
  const timeZone = versions[0]!.organisation.timeZone;
  const receivedAt = args.received === '' ? undefined : parseInstant(args.received, timeZone);
  if (args.received !== '' && !receivedAt) {
    io.err(`summary: --received must be a date-time with offset, e.g. 2026-04-24T10:00:00+02:00, or a day, 2026-04-24 (got ${JSON.stringify(args.received)})`);
    return 2;
  }
  if (version !== undefined && !versions.some((r) => r.version === version)) {
    io.err(`summary: ${args.file} has no version ${JSON.stringify(version)} (versions: ${versions.map((r) => r.version).join(', ')})`);
    return 2;
  }
  const inForceNow = versionInForce(result.regulations, now());
  const chosen = version !== undefined ? versions.filter((r) => r.version === version) : receivedAt ? [versionInForce(result.regulations, receivedAt)] : versions;
  const texts = chosen.map((regulation) => {
    // Without --received: a complaint received now under the version in force, else on the version's first day.
    const at = receivedAt ?? (regulation === inForceNow ? now() : instantAt(regulation.effectiveFrom, '12:00', timeZone));
    const text = renderProcedureSummary(regulation, { receivedAt: at, ...(args.lang ? { lang: args.lang } : {}) }).trimEnd();
    return chosen.length > 1 ? `== ${regulation.id} version ${regulation.version} (in force from ${regulation.effectiveFrom}) ==\n${text}` : text;
  });
  io.out(texts.join('\n\n'));
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await runSummary(process.argv.slice(2), processIo);
}
