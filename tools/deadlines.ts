/**
 * npm run deadlines -- --tenant ID | --tenant-file FILE  --received 2026-04-24T10:00:00+02:00
 *                      [--occurred-on YYYY-MM-DD] [--learned-on YYYY-MM-DD] [--lang nl|en] [--explain]
 *
 * Under the regulation version in force at that instant (a tenant file may hold several), prints,
 * as JSON, every milestone that opens when a complaint is received at that instant: its
 * due date (YYYY-MM-DD, the tenant's local day), kind (hard or target), label and citation, and
 * for a recurring one its first occurrences; then every window whose dates the given facts
 * determine (receipt and the stated dates). --explain adds to each the reasons for its dates, in
 * plain sentences (shared/domain/regulation/explain-text.ts). Works for any file.
 * Exit code 2 on bad arguments, 1 on an invalid regulation file.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readTenantFile, tenantFileIn } from '../shared/adapters/regulation-file.ts';
import { versionInForce } from '../shared/domain/regulation/versions.ts';
import { type IsoDate, describePeriod, instantAt, isIsoDate, localDateOf } from '../shared/domain/calendar/index.ts';
import { explainMilestone, explainWindow } from '../shared/domain/regulation/explain-text.ts';
import { type ComplaintFacts, type Language, type Regulation, firstOccurrences, openingMilestones, windowsFor } from '../shared/domain/regulation/index.ts';
import { type Io, isMain, processIo, TENANTS_DIR, tenantFiles } from './tenant-check.ts';

const USAGE = 'usage: npm run deadlines -- --tenant ID | --tenant-file FILE --received 2026-04-24T10:00:00+02:00 ' + '[--occurred-on YYYY-MM-DD] [--learned-on YYYY-MM-DD] [--lang nl|en] [--explain]';

/** How many occurrences of a recurring milestone the report lists. */
const OCCURRENCES = 3;

/** An instant with an explicit offset ('...+02:00', '...Z'), or a bare local day (taken at 12:00 tenant time). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(text: string, timeZone: string): Date | undefined {
  if (isIsoDate(text)) return instantAt(text, '12:00', timeZone);
  if (!INSTANT.test(text)) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !isIsoDate(text.slice(0, 10))) return undefined;
  return date;
}

export type CliArgs = { ok: true; file: string; received: string; lang?: Language } | { ok: false; message: string };

type ExtraOptions = Record<string, { type: 'string' | 'boolean' }>;
type ParsedValues = Record<string, string | boolean | undefined>;

/** The options every tool shares, plus the tool's own; strict, so a typo is an error. */
function parseCommon(
  argv: readonly string[],
  tool: string,
  usage: string,
  receivedRequired: boolean,
  extra: ExtraOptions,
): { ok: true; args: Extract<CliArgs, { ok: true }>; values: ParsedValues } | { ok: false; message: string } {
  let values: ParsedValues;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        tenant: { type: 'string' },
        'tenant-file': { type: 'string' },
        received: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...extra,
      },
      strict: true,
      allowPositionals: false,
    }) as { values: ParsedValues });
  } catch (error) {
    return { ok: false, message: `${tool}: ${(error as Error).message}\n${usage}` };
  }
  const received = values.received;
  const lang = values.lang;
  if (values.help) return { ok: false, message: usage };
  const tenant = values.tenant;
  if (tenant !== undefined && values['tenant-file'] !== undefined) return { ok: false, message: `${tool}: give --tenant or --tenant-file, not both\n${usage}` };
  if (typeof tenant === 'string' && !/^[a-z0-9][a-z0-9-]{0,29}$/.test(tenant))
    return { ok: false, message: `${tool}: --tenant must be a tenant id such as occure (the name of a file in ${TENANTS_DIR}/), got ${JSON.stringify(tenant)}\n${usage}` };
  const file = typeof tenant === 'string' ? (tenantFileIn(TENANTS_DIR, tenant) ?? `${TENANTS_DIR}/${tenant}.yaml`) : values['tenant-file'];
  if (typeof file !== 'string' || file === '') return { ok: false, message: `${tool}: --tenant or --tenant-file is required\n${usage}` };
  if (receivedRequired && !received) return { ok: false, message: `${tool}: --received is required\n${usage}` };
  if (lang !== undefined && lang !== 'nl' && lang !== 'en') {
    return { ok: false, message: `${tool}: --lang must be nl or en (got ${JSON.stringify(lang)})\n${usage}` };
  }
  return {
    ok: true,
    values,
    args: { ok: true, file, received: typeof received === 'string' ? received : '', ...(lang ? { lang: lang as Language } : {}) },
  };
}

/** --tenant-file and --received, shared with tools/summary.ts (which makes --received optional). */
export function parseToolArgs(argv: readonly string[], tool: string, usage: string, receivedRequired: boolean): CliArgs {
  const parsed = parseCommon(argv, tool, usage, receivedRequired, {});
  return parsed.ok ? parsed.args : parsed;
}

export type DeadlinesArgs = (Extract<CliArgs, { ok: true }> & { stated: Record<string, IsoDate>; explain: boolean }) | { ok: false; message: string };

/** The stated-date flags: --occurred-on (built in) and --learned-on, passed through whether or not the file declares them. */
const STATED_FLAGS = { 'occurred-on': 'occurred-on', 'learned-on': 'learned-on' } as const;

export function parseDeadlinesArgs(argv: readonly string[]): DeadlinesArgs {
  const parsed = parseCommon(argv, 'deadlines', USAGE, true, {
    'occurred-on': { type: 'string' },
    'learned-on': { type: 'string' },
    explain: { type: 'boolean' },
  });
  if (!parsed.ok) return parsed;
  const stated: Record<string, IsoDate> = {};
  for (const [flag, id] of Object.entries(STATED_FLAGS)) {
    const value = parsed.values[flag];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !isIsoDate(value)) {
      return { ok: false, message: `deadlines: --${flag} must be a day written YYYY-MM-DD, e.g. 2026-03-03 (got ${JSON.stringify(value)})\n${USAGE}` };
    }
    stated[id] = value;
  }
  return { ...parsed.args, stated, explain: parsed.values.explain === true };
}

export interface DeadlinesOptions {
  /** Dates stated with the complaint: 'occurred-on', 'learned-on', ... -> YYYY-MM-DD. */
  stated?: Record<string, IsoDate>;
  /** Add the reasons for each date (in the report's language). */
  explain?: boolean;
}

export function deadlinesReport(reg: Regulation, receivedAt: Date, lang?: Language, options: DeadlinesOptions = {}) {
  const language = lang ?? reg.organisation.languages[0] ?? 'nl';
  const stated = options.stated ?? {};
  const facts: ComplaintFacts = { happened: { received: receivedAt }, stated, lang: language };
  const milestones = openingMilestones(reg, receivedAt, { lang: language, stated }).map((m) => {
    const milestone = reg.milestones.find((candidate) => candidate.id === m.milestoneId);
    const occurrences = milestone?.recurring ? firstOccurrences(reg, milestone, m.anchorDate, OCCURRENCES, language) : [];
    const explanation = options.explain
      ? explainMilestone(
          reg,
          {
            milestoneId: m.milestoneId,
            kind: m.kind,
            anchor: m.anchor,
            anchorOn: m.anchorDate,
            period: m.period,
            due: m.due,
            label: m.labels,
            ...(m.occurrence !== undefined ? { occurrence: m.occurrence, series: m.milestoneId } : {}),
          },
          language,
        ).lines
      : undefined;
    return {
      id: m.milestoneId,
      label: m.label,
      kind: m.kind,
      due: m.due,
      period: describePeriod(m.period, language),
      ...(m.reminderOn ? { reminderOn: m.reminderOn } : {}),
      responsibleRole: m.responsibleRole,
      ...(m.escalationRole ? { escalationRole: m.escalationRole } : {}),
      citation: m.citation,
      ...(occurrences.length > 0 ? { occurrences: occurrences.map((o) => o.due) } : {}),
      ...(explanation ? { explanation } : {}),
    };
  });
  const windows = windowsFor(reg, facts).map((dates) => {
    const window = reg.windows.find((w) => w.id === dates.id)!;
    return {
      id: dates.id,
      label: dates.label[language],
      for: dates.for,
      ...(dates.opens ? { opens: dates.opens } : {}),
      ...(dates.closes ? { closes: dates.closes } : {}),
      ...(dates.opensProvisional || dates.closesProvisional ? { provisional: true } : {}),
      citation: dates.citation,
      ...(options.explain ? { explanation: explainWindow(reg, window, facts, language).lines } : {}),
    };
  });
  return {
    tenant: reg.id,
    version: reg.version,
    effectiveFrom: reg.effectiveFrom,
    timeZone: reg.organisation.timeZone,
    receivedAt: receivedAt.toISOString(),
    receivedOn: localDateOf(receivedAt, reg.organisation.timeZone),
    ...(Object.keys(stated).length > 0 ? { stated } : {}),
    milestones,
    windows,
  };
}

export async function runDeadlines(argv: readonly string[], io: Io): Promise<number> {
  const args = parseDeadlinesArgs(argv);
  if (!args.ok) {
    io.err(args.message);
    return args.message === USAGE ? 0 : 2;
  }
  if (!existsSync(args.file)) {
    io.err(`deadlines: no such file: ${args.file}${await knownTenants()}\n${USAGE}`);
    return 2;
  }
  const result = await readTenantFile(args.file);
  if (!result.ok) {
    for (const problem of result.problems) io.err(problem);
    return 1;
  }
  const receivedAt = parseInstant(args.received, result.regulations.versions[0]!.organisation.timeZone);
  if (!receivedAt) {
    io.err(`deadlines: --received must be a date-time with offset, e.g. 2026-04-24T10:00:00+02:00, or a day, 2026-04-24 (got ${JSON.stringify(args.received)})`);
    return 2;
  }
  // A complaint received then lives under the version in force on that day.
  const regulation = versionInForce(result.regulations, receivedAt);
  io.out(JSON.stringify(deadlinesReport(regulation, receivedAt, args.lang, { stated: args.stated, explain: args.explain }), null, 2));
  return 0;
}

/** ' (tenants: a, b, ...)', for a --tenant that has no file. */
export async function knownTenants(): Promise<string> {
  const ids = (await tenantFiles().catch(() => [])).map((f) => f.replace(/^.*\//, '').replace(/\.(ya?ml|json)$/i, ''));
  return ids.length ? ` (tenants: ${ids.join(', ')})` : '';
}

if (isMain(import.meta.url)) {
  process.exitCode = await runDeadlines(process.argv.slice(2), processIo);
}
