/**
 * npm run deadlines -- --tenant-file FILE --received 2026-04-24T10:00:00+02:00 [--lang nl|en]
 *
 * Prints, as JSON, every milestone that opens when a complaint is received at that instant: its
 * due date (YYYY-MM-DD, the tenant's local day), label and citation. Works for any file.
 * Exit code 2 on bad arguments, 1 on an invalid regulation file.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readRegulationFile } from '../shared/adapters/regulation-file.ts';
import { describePeriod, instantAt, isIsoDate, localDateOf } from '../shared/domain/calendar/index.ts';
import { type Language, type Regulation, openingMilestones } from '../shared/domain/regulation/index.ts';
import { type Io, isMain, processIo } from './tenant-check.ts';

const USAGE = 'usage: npm run deadlines -- --tenant-file FILE --received 2026-04-24T10:00:00+02:00 [--lang nl|en]';

/** An instant with an explicit offset ('...+02:00', '...Z'), or a bare local day (taken at 12:00 tenant time). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(text: string, timeZone: string): Date | undefined {
  if (isIsoDate(text)) return instantAt(text, '12:00', timeZone);
  if (!INSTANT.test(text)) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !isIsoDate(text.slice(0, 10))) return undefined;
  return date;
}

export type CliArgs =
  | { ok: true; file: string; received: string; lang?: Language }
  | { ok: false; message: string };

/** --tenant-file and --received, shared with tools/summary.ts (which makes --received optional). */
export function parseToolArgs(argv: readonly string[], tool: string, usage: string, receivedRequired: boolean): CliArgs {
  let values: { 'tenant-file'?: string; received?: string; lang?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'tenant-file': { type: 'string' },
        received: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: `${tool}: ${(error as Error).message}\n${usage}` };
  }
  if (values.help) return { ok: false, message: usage };
  if (!values['tenant-file']) return { ok: false, message: `${tool}: --tenant-file is required\n${usage}` };
  if (receivedRequired && !values.received) return { ok: false, message: `${tool}: --received is required\n${usage}` };
  if (values.lang !== undefined && values.lang !== 'nl' && values.lang !== 'en') {
    return { ok: false, message: `${tool}: --lang must be nl or en (got ${JSON.stringify(values.lang)})\n${usage}` };
  }
  return {
    ok: true,
    file: values['tenant-file'],
    received: values.received ?? '',
    ...(values.lang ? { lang: values.lang as Language } : {}),
  };
}

export function deadlinesReport(reg: Regulation, receivedAt: Date, lang?: Language) {
  const language = lang ?? reg.organisation.languages[0] ?? 'nl';
  return {
    tenant: reg.id,
    version: reg.version,
    timeZone: reg.organisation.timeZone,
    receivedAt: receivedAt.toISOString(),
    receivedOn: localDateOf(receivedAt, reg.organisation.timeZone),
    milestones: openingMilestones(reg, receivedAt, { lang: language }).map((m) => ({
      id: m.milestoneId,
      label: m.label,
      due: m.due,
      period: describePeriod(m.period, language),
      ...(m.reminderOn ? { reminderOn: m.reminderOn } : {}),
      responsibleRole: m.responsibleRole,
      ...(m.escalationRole ? { escalationRole: m.escalationRole } : {}),
      citation: m.citation,
    })),
  };
}

export async function runDeadlines(argv: readonly string[], io: Io): Promise<number> {
  const args = parseToolArgs(argv, 'deadlines', USAGE, true);
  if (!args.ok) {
    io.err(args.message);
    return args.message === USAGE ? 0 : 2;
  }
  if (!existsSync(args.file)) {
    io.err(`deadlines: no such file: ${args.file}\n${USAGE}`);
    return 2;
  }
  const result = await readRegulationFile(args.file);
  if (!result.ok) {
    for (const problem of result.problems) io.err(problem);
    return 1;
  }
  const receivedAt = parseInstant(args.received, result.regulation.organisation.timeZone);
  if (!receivedAt) {
    io.err(`deadlines: --received must be a date-time with offset, e.g. 2026-04-24T10:00:00+02:00, or a day, 2026-04-24 (got ${JSON.stringify(args.received)})`);
    return 2;
  }
  io.out(JSON.stringify(deadlinesReport(result.regulation, receivedAt, args.lang), null, 2));
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await runDeadlines(process.argv.slice(2), processIo);
}
