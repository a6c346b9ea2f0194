// A broken regulation gives one message per problem, each naming the path of the field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { RegulationFileError, loadRegulationFile, readRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import { parseRegulation, regulationSchema } from '../../../../../shared/domain/regulation/index.ts';

const ROOT = fileURLToPath(new URL('../../../../..', import.meta.url));
const DEMO_TEXT = readFileSync(resolve(ROOT, 'tenants/demo.yaml'), 'utf8');

type Raw = any;

/** The demo tenant as raw data, changed by `edit`. */
function demo(edit: (raw: Raw) => void = () => {}): Raw {
  const raw = parse(DEMO_TEXT) as Raw;
  edit(raw);
  return raw;
}

function problemsOf(raw: unknown, expectedId?: string): string[] {
  const result = parseRegulation(raw, expectedId === undefined ? {} : { expectedId });
  return result.ok ? [] : result.problems;
}

describe('a valid file', () => {
  test('parses, with defaults filled in', () => {
    const result = parseRegulation(demo());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.regulation.calendar).toEqual({ holidays: 'nl-atw', goodFriday: true, liberationDay: 'every-year', decreeBridgeDays: true, closingDays: [] });
    expect(result.regulation.milestones[0]?.endDayRule).toBe(true);
    expect(result.regulation.intake.channels.map((c) => c.mode)).toEqual(['written', 'written', 'written', 'oral']);
  });

  test('regulationSchema (exported for the runtime) runs the cross-reference checks too', () => {
    expect(regulationSchema.safeParse(demo()).success).toBe(true);
    expect(regulationSchema.safeParse(demo((r) => (r.milestones[0].responsibleRole = 'nobody'))).success).toBe(false);
  });

  test.each([
    ['5 working-days', { unit: 'working-days', amount: 5 }],
    ['1 working-day', { unit: 'working-days', amount: 1 }],
    ['21 calendar-days', { unit: 'calendar-days', amount: 21 }],
    ['6 weeks', { unit: 'weeks', amount: 6 }],
    ['1 month', { unit: 'months', amount: 1 }],
    ['same-day', { unit: 'same-day', amount: 0 }],
    [
      { unit: 'months', amount: 2 },
      { unit: 'months', amount: 2 },
    ],
  ])('period %j reads as %j', (period, expected) => {
    const result = parseRegulation(demo((r) => (r.milestones[2].period = period)));
    expect(result.ok && result.regulation.milestones[2]?.period).toEqual(expected);
  });

  test('a number as version is taken as text', () => {
    const result = parseRegulation(demo((r) => (r.version = 2026)));
    expect(result.ok && result.regulation.version).toBe('2026');
  });
});

describe('structure problems name the path', () => {
  test.each<[string, (raw: Raw) => void, string]>([
    ['missing section', (r) => delete r.organisation, 'organisation: required'],
    ['missing field', (r) => delete r.milestones[1].metBy, 'milestones[1].metBy: required'],
    ['misspelt optional field', (r) => (r.milestones[0].endDayrule = false), 'milestones[0].endDayrule: unknown field (check the spelling; see docs/regulation-format.md)'],
    ['misspelt calendar switch', (r) => (r.calendar = { goodfriday: false }), 'calendar.goodfriday: unknown field (check the spelling; see docs/regulation-format.md)'],
    ['unknown event', (r) => (r.milestones[0].anchor = 'recieved'), 'milestones[0].anchor: must be a known event ('],
    ['unreadable period', (r) => (r.milestones[1].period = 'six weeks'), "milestones[1].period: must be a period: 'same-day', '<n> working-days'"],
    ['ambiguous "days"', (r) => (r.milestones[1].period = '10 days'), "milestones[1].period: must be a period: 'same-day'"],
    ['same-day with an amount', (r) => (r.milestones[1].period = { unit: 'same-day', amount: 3 }), "milestones[1].period.amount: a 'same-day' period has amount 0"],
    ['negative amount', (r) => (r.milestones[1].period = { unit: 'weeks', amount: -1 }), 'milestones[1].period.amount: must be at least 0 (got -1)'],
    ['impossible date', (r) => (r.effectiveFrom = '2025-02-29'), 'effectiveFrom: must be a real calendar day written YYYY-MM-DD (got "2025-02-29")'],
    ['bad closing day', (r) => (r.calendar = { closingDays: ['2026-12-32'] }), 'calendar.closingDays[0]: closing day must be a real calendar day'],
    ['bad e-mail', (r) => (r.organisation.senderAddress = 'klachten at demo'), 'organisation.senderAddress: must be an e-mail address (got "klachten at demo")'],
    ['bad time zone', (r) => (r.organisation.timeZone = 'Europe/Amsterdm'), 'organisation.timeZone: must be an IANA time zone such as "Europe/Amsterdam" (got "Europe/Amsterdm")'],
    ['bad language', (r) => (r.organisation.languages = ['nl', 'de']), 'organisation.languages[1]: must be "nl" or "en" (got "de")'],
    ['id not kebab-case', (r) => (r.roles[3].id = 'Directie'), 'roles[3].id: must be kebab-case'],
    ['label missing a language', (r) => delete r.milestones[0].label.en, 'milestones[0].label.en: required'],
    ['empty text', (r) => (r.scope.definition.nl = '  '), 'scope.definition.nl: must not be empty'],
    ['wrong external kind', (r) => (r.external = { kind: 'sometimes' }), 'external.kind: must be one of: none, fixed, chosen-per-complaint, tiers (got "sometimes")'],
    ['wrong role rule', (r) => (r.roleRules[0].rule = 'assign'), 'roleRules[0].rule: must be one of: never-involved, substitute-when-involved, assigns'],
    ['wrong channel kind', (r) => (r.intake.channels[0].kind = 'fax'), 'intake.channels[0].kind: must be one of: web-form, email, letter, phone, in-person, external-site (got "fax")'],
    ['wrong type', (r) => (r.milestones[0].endDayRule = 'yes'), 'milestones[0].endDayRule: expected boolean (got "yes")'],
    ['empty outcomes', (r) => (r.outcomes = []), 'outcomes: must list at least one outcome'],
    ['condition without a condition', (r) => (r.milestones[2].appliesWhen = {}), 'milestones[2].appliesWhen: must give at least one condition'],
    ['"any of" without alternatives', (r) => (r.milestones[2].appliesWhen = { anyOf: [] }), 'milestones[2].appliesWhen.anyOf: must have at least 1 item(s)'],
    ['"any of" with an empty alternative', (r) => (r.milestones[2].appliesWhen = { anyOf: [{ channels: ['phone'] }, {}] }), 'milestones[2].appliesWhen.anyOf[1]: must give at least one condition'],
    ['citation missing', (r) => delete r.milestones[0].citation, 'milestones[0].citation: required'],
  ])('%s', (_name, edit, expected) => {
    const problems = problemsOf(demo(edit));
    expect(
      problems.some((p) => p.startsWith(expected)),
      `${expected}\n  not in:\n${problems.join('\n')}`,
    ).toBe(true);
  });

  test('every problem is reported at once, not just the first', () => {
    const problems = problemsOf(
      demo((r) => {
        delete r.organisation.name;
        r.milestones[0].period = 'soon';
        r.retention.keep = 'forever';
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split(':')[0])).toEqual(['organisation.name', 'milestones[0].period', 'retention.keep']);
  });

  test('not an object at all', () => {
    expect(problemsOf('id: demo')).toEqual(['(file): expected object (got "id: demo")']);
  });
});

describe('cross-reference problems name the path', () => {
  test.each<[string, (raw: Raw) => void, string]>([
    [
      'unknown responsible role',
      (r) => (r.milestones[0].responsibleRole = 'handlr'),
      'milestones[0].responsibleRole: unknown role "handlr" (defined roles: coordinator, substitute-coordinator, handler, director)',
    ],
    ['unknown escalation role', (r) => (r.milestones[1].escalationRole = 'ceo'), 'milestones[1].escalationRole: unknown role "ceo"'],
    ['unknown role in a rule', (r) => (r.roleRules[2].substitute = 'deputy'), 'roleRules[2].substitute: unknown role "deputy"'],
    ['unknown role in a notice', (r) => (r.notices[0].to = ['secretary']), 'notices[0].to[0]: unknown role "secretary"'],
    ['no coordinator', (r) => (r.roles[0].id = 'klachtenbureau'), 'roles: must define the role "coordinator"'],
    ['coordinator without e-mail', (r) => delete r.roles[0].email, 'roles[0].email: required: the coordinator is a fixed role with an e-mail address'],
    ['fixed role getting reminders without e-mail', (r) => delete r.roles[3].email, 'milestones[0].escalationRole: role "director" gets escalations but has no e-mail'],
    ['duplicate role', (r) => (r.roles[1].id = 'coordinator'), 'roles[1].id: duplicate role id "coordinator"'],
    ['duplicate milestone', (r) => (r.milestones[1].id = 'acknowledgement'), 'milestones[1].id: duplicate milestone id "acknowledgement"'],
    ['two acknowledgements', (r) => (r.milestones[1].metBy = 'acknowledged'), 'milestones[1].metBy: only one milestone can be the acknowledgement'],
    ['anchor equals metBy', (r) => (r.milestones[1].metBy = 'received'), 'milestones[1].metBy: must differ from anchor ("received")'],
    ['escalating to oneself', (r) => (r.milestones[0].escalationRole = 'coordinator'), 'milestones[0].escalationRole: must differ from responsibleRole'],
    ['reminder as long as the period', (r) => (r.milestones[0].reminderLeadWorkingDays = 5), 'milestones[0].reminderLeadWorkingDays: must be less than the period (5 working days)'],
    ['reminder on a same-day milestone', (r) => (r.milestones[0].period = 'same-day'), 'milestones[0].reminderLeadWorkingDays: a same-day milestone has no day before it'],
    ['zero extension', (r) => (r.milestones[1].maxExtension = '0 weeks'), 'milestones[1].maxExtension: an extension must be a period longer than zero'],
    // Issue 13 item 9: every schedule name must fit EventBridge Scheduler's 64 characters.
    [
      'a 62-character milestone id',
      (r) => (r.milestones[1].id = 'written-decision-on-the-complaint-within-six-weeks-of-receipt-x'.slice(0, 62)),
      "milestones[1].id: is 62 characters; at most 41, so its schedule names fit EventBridge Scheduler's limit of 64 characters",
    ],
    [
      'a recurring milestone id of 37 characters',
      (r) => {
        r.milestones[1].id = 'progress-update-to-the-parent-weekly-x'.slice(0, 37);
        r.milestones[1].recurring = { every: '1 week' };
      },
      'milestones[1].id: is 37 characters; at most 36 for a recurring milestone',
    ],
    ['an extension policy with a zero period', (r) => (r.milestones[1].extension = { upTo: '0 weeks' }), 'milestones[1].extension.upTo: an extension must be a period longer than zero'],
    ['an unknown stated date as anchor', (r) => (r.milestones[1].anchor = 'stated:learned-on'), 'milestones[1].anchor: unknown stated date "learned-on"'],
    ['a missed anchor naming no milestone', (r) => (r.milestones[1].anchor = 'missed:handlng'), 'milestones[1].anchor: unknown milestone "handlng"'],
    ['a target kind misspelt', (r) => (r.milestones[1].kind = 'aim'), 'milestones[1].kind: must be "hard" or "target"'],
    ['a window naming an unknown milestone', (r) => (r.windows[0].opens = 'missed:nope'), 'windows[0].opens: unknown milestone "nope"'],
    ['a condition on an unknown window', (r) => (r.milestones[2].appliesWhen = { receivedOutside: 'limitation' }), 'milestones[2].appliesWhen.receivedOutside: unknown window "limitation"'],
    ['objection milestone without objection stage', (r) => delete r.objection, 'milestones[3].anchor: "objection-hearing-held" needs an objection stage (objection:)'],
    [
      'unknown category',
      (r) => (r.milestones[2].appliesWhen = { categories: ['privacy'] }),
      'milestones[2].appliesWhen.categories[0]: unknown category "privacy" (defined: none; add categorySchemes)',
    ],
    ['unknown channel', (r) => (r.milestones[2].appliesWhen = { channels: ['fax'] }), 'milestones[2].appliesWhen.channels[0]: unknown channel "fax" (defined: form, email, letter, phone)'],
    ['unknown complainant', (r) => (r.milestones[2].appliesWhen = { complainants: ['supplier'] }), 'milestones[2].appliesWhen.complainants[0]: unknown complainant "supplier"'],
    // "Any of": each alternative is checked like any condition, at its own path.
    [
      'unknown category in "any of"',
      (r) => (r.milestones[2].appliesWhen = { anyOf: [{ channels: ['phone'] }, { categories: ['privacy'] }] }),
      'milestones[2].appliesWhen.anyOf[1].categories[0]: unknown category "privacy"',
    ],
    [
      'unknown milestone in "any of" under not',
      (r) => (r.milestones[2].appliesWhen = { not: { anyOf: [{ missed: ['handlng'] }] } }),
      'milestones[2].appliesWhen.not.anyOf[0].missed[0]: unknown milestone "handlng"',
    ],
    ['unknown event in "any of"', (r) => (r.milestones[2].appliesWhen = { anyOf: [{ event: 'ruling-sent' }, { event: 'ruled' }] }), 'milestones[2].appliesWhen.anyOf[1].event: must be a known event'],
    ['clock pause without authorisation', (r) => (r.representation.authorisationRequired = false), 'representation.pausesClock: the clock can only wait for an authorisation that is required'],
    [
      'external after objection without objection',
      (r) => {
        delete r.objection;
        r.milestones.pop();
        r.windows = [];
      },
      'external.after: "objection" needs an objection stage (objection:)',
    ],
    ['unknown sign-off role', (r) => (r.signOff = { when: 'always', by: ['employee'], document: 'formulier', citation: { article: 'x' } }), 'signOff.by[0]: unknown role "employee"'],
    ['unknown archivist', (r) => (r.retention.archivedBy = 'archive'), 'retention.archivedBy: unknown role "archive"'],
  ])('%s', (_name, edit, expected) => {
    const problems = problemsOf(demo(edit));
    expect(
      problems.some((p) => p.startsWith(expected)),
      `${expected}\n  not in:\n${problems.join('\n')}`,
    ).toBe(true);
  });

  test('the id must equal the file name', () => {
    expect(problemsOf(demo(), 'voorbeeld')).toEqual(['id: must equal the file name "voorbeeld" (is "demo")']);
  });
});

describe('the file adapter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulation-file-'));
  const write = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  test('reads a valid YAML file anywhere on disk', async () => {
    const file = write('demo.yaml', DEMO_TEXT);
    const reg = await loadRegulationFile(file);
    expect(reg.id).toBe('demo');
  });

  test('reads JSON too', async () => {
    const file = write('demo.json', JSON.stringify(parse(DEMO_TEXT)));
    expect((await loadRegulationFile(file)).organisation.name).toBe('Voorbeeld Dienstverlening BV');
  });

  test('throws one error listing every problem as FILE: path: problem', async () => {
    const file = write('demo.yaml', DEMO_TEXT.replace('responsibleRole: director', 'responsibleRole: directie').replace('period: 6 weeks', 'period: zes weken'));
    const error = await loadRegulationFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegulationFileError);
    const { problems, message } = error as RegulationFileError;
    expect(problems).toEqual([
      `${file}: milestones[1].period: must be a period: 'same-day', '<n> working-days', '<n> calendar-days', '<n> weeks', '<n> months' or '<n> years' (or { unit, amount }) (got "zes weken")`,
    ]);
    expect(message).toContain(problems[0]);
  });

  test('cross-reference problems are reported too (here once the period is fixed: a wrong shape hides them)', async () => {
    const file = write('demo.yaml', DEMO_TEXT.replace('responsibleRole: director', 'responsibleRole: directie'));
    const result = await readRegulationFile(file);
    expect(result.ok ? [] : result.problems).toEqual([`${file}: milestones[3].responsibleRole: unknown role "directie" (defined roles: coordinator, substitute-coordinator, handler, director)`]);
  });

  test('a file whose name differs from its id', async () => {
    const file = write('voorbeeld.yaml', DEMO_TEXT);
    const result = await readRegulationFile(file);
    expect(result.ok ? [] : result.problems).toEqual([`${file}: id: must equal the file name "voorbeeld" (is "demo")`]);
  });

  test('YAML syntax errors carry line and column', async () => {
    const file = write('demo.yaml', 'id: demo\nversion: [1\n');
    const result = await readRegulationFile(file);
    expect(result.ok ? [] : result.problems[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(yaml\\): .*line \\d+, column \\d+`));
  });

  test('a key given twice is an error, not a silent override', async () => {
    const file = write('demo.yaml', `${DEMO_TEXT}\nid: demo\n`);
    const result = await readRegulationFile(file);
    expect(result.ok ? [] : result.problems[0]).toMatch(/\(yaml\): Map keys must be unique/);
  });

  test('unquoted text with a comma in a { } map gets a hint', async () => {
    const file = write('demo.yaml', DEMO_TEXT.replace("text: 'De klager ontvangt binnen vijf werkdagen een ontvangstbevestiging.'", 'text: Binnen vijf werkdagen, schriftelijk'));
    const result = await readRegulationFile(file);
    expect(result.ok ? [] : result.problems).toEqual([`${file}: milestones[0].citation: unknown field "schriftelijk": text with a comma inside { ... } must be quoted ('...')`]);
  });

  test('empty, missing and wrongly named files', async () => {
    expect(await readRegulationFile(write('empty.yaml', ''))).toEqual({ ok: false, problems: [`${join(dir, 'empty.yaml')}: (file): is empty`] });
    expect(await readRegulationFile(join(dir, 'nope.yaml'))).toEqual({ ok: false, problems: [`${join(dir, 'nope.yaml')}: (file): cannot be read (ENOENT)`] });
    expect(await readRegulationFile(write('demo.txt', DEMO_TEXT))).toEqual({ ok: false, problems: [`${join(dir, 'demo.txt')}: (file): must be a .yaml, .yml or .json file`] });
  });
});
