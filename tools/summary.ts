/**
 * npm run summary -- --tenant-file FILE [--lang nl|en] [--received ISO]
 *
 * Prints the readable procedure of a regulation (shared/domain/regulation/summary.ts), with the
 * concrete dates for a complaint received at --received (default: now). Works for any file.
 * Exit code 2 on bad arguments, 1 on an invalid regulation file.
 */
import { existsSync } from 'node:fs';
import { readRegulationFile } from '../shared/adapters/regulation-file.ts';
import { renderProcedureSummary } from '../shared/domain/regulation/index.ts';
import { parseInstant, parseToolArgs } from './deadlines.ts';
import { type Io, isMain, processIo } from './tenant-check.ts';

const USAGE = 'usage: npm run summary -- --tenant-file FILE [--lang nl|en] [--received 2026-04-24T10:00:00+02:00]';

export async function runSummary(argv: readonly string[], io: Io, now: () => Date = () => new Date()): Promise<number> {
  const args = parseToolArgs(argv, 'summary', USAGE, false);
  if (!args.ok) {
    io.err(args.message);
    return args.message === USAGE ? 0 : 2;
  }
  if (!existsSync(args.file)) {
    io.err(`summary: no such file: ${args.file}\n${USAGE}`);
    return 2;
  }
  const result = await readRegulationFile(args.file);
  if (!result.ok) {
    for (const problem of result.problems) io.err(problem);
    return 1;
  }
  const receivedAt = args.received === '' ? now() : parseInstant(args.received, result.regulation.organisation.timeZone);
  if (!receivedAt) {
    io.err(`summary: --received must be a date-time with offset, e.g. 2026-04-24T10:00:00+02:00, or a day, 2026-04-24 (got ${JSON.stringify(args.received)})`);
    return 2;
  }
  io.out(renderProcedureSummary(result.regulation, { receivedAt, ...(args.lang ? { lang: args.lang } : {}) }).trimEnd());
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await runSummary(process.argv.slice(2), processIo);
}
