import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { brokenDemo } from '../../support/broken-tenant.ts';
import { runDeadlines } from '../../../tools/deadlines.ts';
import { runSummary } from '../../../tools/summary.ts';
import { type Io, runTenantCheck } from '../../../tools/tenant-check.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'regulation-tools-'));
const FIXTURE = resolve(ROOT, 'tests/fixtures/regulations/zorggroep-de-linde.yaml');
/** One OK line per version: Occure holds two. */
const VERSIONS = ['demo', 'focus', 'occure', 'occure', 'ok-ondernemen', 'team-keizer'];

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe('tenant:check', () => {
  test('every tenant file passes, one OK line each', async () => {
    const io = capture();
    const previous = process.cwd();
    process.chdir(ROOT);
    try {
      expect(await runTenantCheck([], io)).toBe(0);
    } finally {
      process.chdir(previous);
    }
    expect(io.stderr).toEqual([]);
    expect(io.stdout.filter((l) => l.startsWith('OK')).map((l) => l.split(':')[0])).toEqual(VERSIONS.map((t) => `OK tenants/${t}.yaml`));
    // Between Occure's two versions: what changes for complaints received from 2025 on.
    const changes = io.stdout.slice(io.stdout.findIndex((l) => l.startsWith('OK tenants/occure.yaml: occure version 2025-01-01')) + 1);
    expect(changes[0]).toBe('  changes from version 2019-01-01 to 2025-01-01 (for complaints received from 2025-01-01; earlier ones keep version 2019-01-01):');
    expect(changes).toContain('    - milestones written-answer: hard, 21 days after received, met by ruling-sent, for coordinator');
    expect(changes).toContain('    + milestones ruling: hard, 1 month after received, met by ruling-sent, for coordinator');
    expect(changes).toContain('    + roles data-protection-officer: Data protection officer <privacy@occure.example>');
    expect(changes).toContain('    + categories privacy: application of and compliance with the privacy rules');
    expect(changes).toContain('    - letters written-answer: to complainant, records ruling-sent: outcome, reasons, measures');
  });

  test('a new version that would take over complaints already received under the one before is refused', async () => {
    const occure = resolve(ROOT, 'tenants/occure.yaml');
    // The newest complaint under 2025-01-01 was received on 4 March 2026; a version from 1 March claims it.
    const text = readFileSync(occure, 'utf8');
    const current = text.slice(text.lastIndexOf('\n---\n') + 5);
    const next = join(dir, 'occure.yaml');
    writeFileSync(
      next,
      `${text}\n---\n${current.replace("version: '2025-01-01'", "version: '2026-03-01'").replace('effectiveFrom: 2025-01-01', 'effectiveFrom: 2026-03-01').replace("supersedes: '2019-01-01'", "supersedes: '2025-01-01'")}`,
    );
    const complaints = [
      { reference: 'KL-2026-000031', receivedAt: '2026-03-04T09:00:00Z', regulationVersion: '2025-01-01' },
      { reference: 'KL-2024-000210', receivedAt: '2024-12-31T22:30:00Z', regulationVersion: '2019-01-01' },
    ];
    const io = capture();
    expect(await runTenantCheck([next], io, async (tenant) => (tenant === 'occure' ? complaints : []))).toBe(1);
    expect(io.stderr).toEqual([
      `${next}: version 2026-03-01: effectiveFrom: 2026-03-01 is on or before the receipt of KL-2026-000031 (received 2026-03-04), which lives under version 2025-01-01: the new rules would claim complaints already handled under the old ones. Let it take effect after the newest complaint: 2026-03-05 or later`,
      'tenant:check: 1 of 1 file(s) invalid',
    ]);
    // From the day after the newest receipt, nothing is claimed: the file passes.
    writeFileSync(next, readFileSync(next, 'utf8').replace('effectiveFrom: 2026-03-01', 'effectiveFrom: 2026-03-05'));
    const ok = capture();
    expect(await runTenantCheck([next], ok, async () => complaints)).toBe(0);
    expect(ok.stdout.at(-1)).toBe('  complaints: the 2 most recent keep their version (newest KL-2026-000031, version 2025-01-01)');
    // Dropping a version complaints live under is refused too.
    writeFileSync(next, current);
    const dropped = capture();
    expect(await runTenantCheck([next], dropped, async () => complaints)).toBe(1);
    expect(dropped.stderr[0]).toBe(`${next}: version 2019-01-01: is missing from the file, but KL-2024-000210 (received 2024-12-31) lives under it; keep that version in the file`);
  });

  test('a file outside tenants/ (our own regulation) passes with no code change', async () => {
    const io = capture();
    expect(await runTenantCheck([FIXTURE], io)).toBe(0);
    expect(io.stdout).toEqual([`OK ${FIXTURE}: zorggroep-de-linde version 2026.1 from 2026-01-01, 4 roles, 4 milestones`]);
  });

  test('a broken file: each problem with its path, exit code 1', async () => {
    const file = brokenDemo();
    const io = capture();
    expect(await runTenantCheck([FIXTURE, file], io)).toBe(1);
    expect(io.stdout).toHaveLength(1);
    expect(io.stderr).toEqual([
      `${file}: organisation.senderAddress: must be an e-mail address (got "klachten")`,
      `${file}: milestones[3].responsibleRole: unknown role "directie" (defined roles: coordinator, substitute-coordinator, handler, director)`,
      'tenant:check: 1 of 2 file(s) invalid',
    ]);
  });

  test('a cross-reference problem alone', async () => {
    const file = join(dir, 'demo.yaml');
    writeFileSync(file, readFileSync(resolve(ROOT, 'tenants/demo.yaml'), 'utf8').replace('responsibleRole: director', 'responsibleRole: directie'));
    const io = capture();
    expect(await runTenantCheck([file], io)).toBe(1);
    expect(io.stderr[0]).toBe(`${file}: milestones[3].responsibleRole: unknown role "directie" (defined roles: coordinator, substitute-coordinator, handler, director)`);
  });

  test('an unknown option is a usage error', async () => {
    const io = capture();
    expect(await runTenantCheck(['--all'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/unknown option --all/);
  });
});

describe('deadlines', () => {
  test('occure, received Friday 24 April 2026 10:00: JSON with due dates and citations', async () => {
    const io = capture();
    expect(await runDeadlines(['--tenant-file', resolve(ROOT, 'tenants/occure.yaml'), '--received', '2026-04-24T10:00:00+02:00'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report).toEqual({
      tenant: 'occure',
      version: '2025-01-01',
      effectiveFrom: '2025-01-01',
      timeZone: 'Europe/Amsterdam',
      receivedAt: '2026-04-24T08:00:00.000Z',
      receivedOn: '2026-04-24',
      milestones: [
        {
          id: 'acknowledgement',
          label: 'Ontvangstbevestiging',
          kind: 'hard',
          due: '2026-05-04',
          period: 'vijf werkdagen',
          reminderOn: '2026-04-30',
          responsibleRole: 'coordinator',
          escalationRole: 'board',
          citation: { article: '§ 2.1', text: 'Je ontvangt binnen vijf werkdagen een ontvangstbevestiging.' },
        },
        {
          id: 'ruling',
          label: 'Schriftelijke uitspraak',
          kind: 'hard',
          due: '2026-05-26',
          period: '1 maand',
          reminderOn: '2026-05-18',
          responsibleRole: 'coordinator',
          escalationRole: 'board',
          citation: { article: '§ 2.3', text: 'Je ontvangt binnen één maand na ontvangst van de klacht een schriftelijk antwoord van de verantwoordelijke functionaris.' },
        },
      ],
      // The objection window opens when the ruling is sent: receipt alone determines no window.
      windows: [],
    });
  });

  test.each([
    // Occure: each complaint under the version in force on its Amsterdam day (2025-01-01 from 1 January 2025).
    ['occure', '2024-06-03T10:00:00+02:00', '2019-01-01', [['written-answer', '2024-06-24']]],
    ['occure', '2024-12-31T23:30:00+01:00', '2019-01-01', [['written-answer', '2025-01-21']]],
    [
      'occure',
      '2025-01-01T00:30:00+01:00',
      '2025-01-01',
      [
        ['acknowledgement', '2025-01-08'],
        ['ruling', '2025-02-03'],
      ],
    ],
    [
      'occure',
      '2026-04-30T10:00:00+02:00',
      '2025-01-01',
      [
        ['acknowledgement', '2026-05-08'],
        ['ruling', '2026-06-01'],
      ],
    ],
  ])('--tenant %s, received %s: version %s', async (tenant, received, version, expected) => {
    const io = capture();
    const previous = process.cwd();
    process.chdir(ROOT);
    try {
      expect(await runDeadlines(['--tenant', tenant, '--received', received], io)).toBe(0);
    } finally {
      process.chdir(previous);
    }
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report.version).toBe(version);
    expect(report.milestones.map((m: { id: string; due: string }) => [m.id, m.due])).toEqual(expected);
  });

  test.each([
    ['ok-ondernemen', [['acknowledgement', '2026-05-08']]],
    ['team-keizer', [['written-handling', '2026-05-22']]],
    [
      'focus',
      [
        ['report-to-supervisor', '2026-04-24'],
        ['contact', '2026-04-29'],
        ['offer', '2026-05-08'],
        ['record-actions', '2026-05-18'],
      ],
    ],
    [
      'demo',
      [
        ['acknowledgement', '2026-05-04'],
        ['handling', '2026-06-05'],
      ],
    ],
  ])('%s, received 24 April 2026', async (tenant, expected) => {
    const io = capture();
    expect(await runDeadlines(['--tenant-file', resolve(ROOT, `tenants/${tenant}.yaml`), '--received', '2026-04-24T10:00:00+02:00'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n')).milestones.map((m: { id: string; due: string }) => [m.id, m.due])).toEqual(expected);
  });

  test('our own regulation: closing days, no Goede Vrijdag, 5 May only in lustrum years', async () => {
    const run = async (received: string) => {
      const io = capture();
      expect(await runDeadlines(['--tenant-file', FIXTURE, '--received', received, '--lang', 'en'], io)).toBe(0);
      return JSON.parse(io.stdout.join('\n')).milestones.map((m: { id: string; due: string }) => [m.id, m.due]);
    };
    expect(await run('2026-12-22T10:00:00+01:00')).toEqual([
      ['acknowledgement', '2027-01-04'], // 28-31 Dec closed, 1 Jan holiday
      ['judgment', '2027-02-02'],
      ['board-informed', '2027-01-01'], // end-day rule off
    ]);
    expect((await run('2026-04-01T10:00:00+02:00'))[0]).toEqual(['acknowledgement', '2026-04-07']); // Goede Vrijdag worked
    expect((await run('2026-04-30T10:00:00+02:00'))[0]).toEqual(['acknowledgement', '2026-05-05']); // 5 May 2026 worked
  });

  describe('--explain: a reason for every date', () => {
    const explained = async (file: string, received: string, ...more: string[]) => {
      const io = capture();
      expect(await runDeadlines(['--tenant-file', file, '--received', received, '--explain', ...more], io)).toBe(0);
      expect(io.stderr).toEqual([]);
      return JSON.parse(io.stdout.join('\n')) as { milestones: Array<{ id: string; due: string; explanation: string[] }> };
    };

    test('a seed (occure), received the day before Ascension 2025: the bridge day 30 May skipped, in Dutch by default', async () => {
      const report = await explained(resolve(ROOT, 'tenants/occure.yaml'), '2025-05-28');
      expect(report.milestones.map((m) => [m.id, m.due])).toEqual([
        ['acknowledgement', '2025-06-06'],
        ['ruling', '2025-06-30'],
      ]);
      expect(report.milestones[0]!.explanation).toEqual([
        'Telt vanaf: klacht ontvangen (woensdag 28 mei 2025).',
        'Vijf werkdagen na woensdag 28 mei 2025 (die dag zelf telt niet mee): vrijdag 6 juni 2025.',
        'Overgeslagen (geen werkdag): donderdag 29 mei 2025 (Hemelvaartsdag), vrijdag 30 mei 2025 (brugdag bij koninklijk besluit), zaterdag 31 mei en zondag 1 juni 2025 (weekend).',
        'Uiterste datum: vrijdag 6 juni 2025.',
      ]);
      expect(report.milestones[1]!.explanation).toEqual([
        'Telt vanaf: klacht ontvangen (woensdag 28 mei 2025).',
        '1 maand na woensdag 28 mei 2025 (die dag zelf telt niet mee): zaterdag 28 juni 2025.',
        'Zaterdag 28 en zondag 29 juni 2025 (weekend) zijn geen werkdagen: de termijn loopt door tot en met de eerstvolgende werkdag, maandag 30 juni 2025 (Algemene termijnenwet art. 1).',
        'Uiterste datum: maandag 30 juni 2025.',
      ]);
    });

    test('a seed (occure), received 31 January 2025, in English: the month clamp', async () => {
      const report = await explained(resolve(ROOT, 'tenants/occure.yaml'), '2025-01-31T16:00:00+01:00', '--lang', 'en');
      expect(report.milestones[1]).toMatchObject({
        id: 'ruling',
        due: '2025-02-28',
        explanation: [
          'Counted from: complaint received (Friday 31 January 2025).',
          '1 month after Friday 31 January 2025 (that day itself not counted): the same day of the month, 31 February 2025.',
          '31 February 2025 does not exist: the period ends on the last day of that month, Friday 28 February 2025 (Hoge Raad, 1 September 2017, ECLI:NL:HR:2017:2225).',
          'Latest date: Friday 28 February 2025.',
        ],
      });
    });

    test('our own regulation (de Linde): the bridge day 15 May 2026, its closing days, the end-day rule off', async () => {
      const may = await explained(FIXTURE, '2026-05-13T10:00:00+02:00');
      expect(may.milestones.find((m) => m.id === 'acknowledgement')).toMatchObject({
        due: '2026-05-20',
        explanation: [
          'Telt vanaf: klacht ontvangen (woensdag 13 mei 2026).',
          'Drie werkdagen na woensdag 13 mei 2026 (die dag zelf telt niet mee): woensdag 20 mei 2026.',
          'Overgeslagen (geen werkdag): donderdag 14 mei 2026 (Hemelvaartsdag), vrijdag 15 mei 2026 (brugdag bij koninklijk besluit), zaterdag 16 en zondag 17 mei 2026 (weekend).',
          'Uiterste datum: woensdag 20 mei 2026.',
        ],
      });
      const december = await explained(FIXTURE, '2026-12-22T10:00:00+01:00', '--lang', 'en');
      expect(december.milestones.find((m) => m.id === 'acknowledgement')!.explanation).toContain(
        'Skipped (not working days): Friday 25 December 2026 (Christmas Day), Saturday 26 December 2026 (Boxing Day), Sunday 27 December 2026 (weekend), ' +
          "Monday 28 to Thursday 31 December 2026 (closing day), Friday 1 January 2027 (New Year's Day), Saturday 2 and Sunday 3 January 2027 (weekend).",
      );
      expect(december.milestones.find((m) => m.id === 'board-informed')).toMatchObject({
        due: '2027-01-01',
        explanation: [
          'Counted from: complaint received (Tuesday 22 December 2026).',
          '10 days after Tuesday 22 December 2026 (that day itself not counted): Friday 1 January 2027.',
          "Friday 1 January 2027 (New Year's Day) is not a working day, but this deadline does not move to the next working day (Algemene termijnenwet art. 1 does not apply to it): it ends that day.",
          'Latest date: Friday 1 January 2027.',
        ],
      });
    });

    test('without --explain there is no explanation', async () => {
      const io = capture();
      expect(await runDeadlines(['--tenant-file', FIXTURE, '--received', '2026-05-13'], io)).toBe(0);
      expect(JSON.parse(io.stdout.join('\n')).milestones.some((m: object) => 'explanation' in m)).toBe(false);
    });
  });

  describe('stated dates, windows, targets and recurring milestones', () => {
    // demo.yaml plus what the seeds lack: a declared stated date, a milestone counted from it, a
    // recurring target, a limitation counted from the date of the event, a window closing at the later of two moments.
    const withStatedDates = (): string => {
      const extended = mkdtempSync(join(tmpdir(), 'regulation-tools-stated-'));
      const file = join(extended, 'demo.yaml');
      const text = readFileSync(resolve(ROOT, 'tenants/demo.yaml'), 'utf8')
        .replace(
          '\nmilestones:\n',
          `
statedDates:
  - { id: learned-on, label: { nl: datum waarop de klager ervan hoorde, en: date the complainant learned of it } }

milestones:
  - id: progress-update
    label: { nl: Voortgangsbericht, en: Progress update }
    kind: target
    responsibleRole: coordinator
    anchor: received
    period: 2 weeks
    metBy: progress-update-sent
    recurring: { every: 2 weeks, until: [ruling-sent] }
    citation: { article: art. 5 lid 3 }
  - id: learned-reply
    label: { nl: Reactie op wat de klager hoorde, en: Reply to what the complainant learned }
    responsibleRole: coordinator
    anchor: stated:learned-on
    period: 1 month
    metBy: ruling-sent
    citation: { article: art. 5 lid 4 }
`,
        )
        .replace(
          '\nwindows:\n',
          `
windows:
  - id: limitation
    label: { nl: Klagen binnen een jaar na het voorval, en: Complain within a year of the event }
    for: complaint
    closes: { from: stated:occurred-on, period: 1 year }
    citation: { article: art. 2 lid 3 }
  - id: ombudsman
    label: { nl: Naar de ombudsman, en: To the ombudsman }
    for: external-complaint
    opens: received
    closes: { latest: [ { from: ruling-sent, period: 3 months }, { from: received, period: 1 year } ] }
    citation: { article: art. 9 lid 2 }
`,
        );
      writeFileSync(file, text);
      return file;
    };
    const run = async (...argv: string[]) => {
      const io = capture();
      const code = await runDeadlines(argv, io);
      return { code, stderr: io.stderr.join('\n'), report: code === 0 ? JSON.parse(io.stdout.join('\n')) : undefined };
    };

    test('--occurred-on and --learned-on: the milestones and windows they open, kinds, the first occurrences', async () => {
      const file = withStatedDates();
      expect((await run('--tenant-file', file)).code).toBe(2); // still needs --received
      const { code, report } = await run('--tenant-file', file, '--received', '2026-01-30T10:00:00+01:00', '--occurred-on', '2025-01-31', '--learned-on', '2026-01-31', '--lang', 'en');
      expect(code).toBe(0);
      expect(report.stated).toEqual({ 'occurred-on': '2025-01-31', 'learned-on': '2026-01-31' });
      expect(report.milestones.map((m: { id: string; kind: string; due: string; occurrences?: string[] }) => [m.id, m.kind, m.due, m.occurrences])).toEqual([
        ['progress-update', 'target', '2026-02-13', ['2026-02-13', '2026-02-27', '2026-03-13']],
        ['learned-reply', 'hard', '2026-03-02', undefined], // 31 Jan + 1 month: 28 Feb, a Saturday: Monday 2 March
        ['acknowledgement', 'hard', '2026-02-06', undefined],
        ['handling', 'hard', '2026-03-13', undefined],
      ]);
      expect(report.windows).toEqual([
        { id: 'limitation', label: 'Complain within a year of the event', for: 'complaint', closes: '2026-02-02', citation: { article: 'art. 2 lid 3' } },
        { id: 'ombudsman', label: 'To the ombudsman', for: 'external-complaint', opens: '2026-01-30', closes: '2027-02-01', provisional: true, citation: { article: 'art. 9 lid 2' } },
      ]);
    });

    test('without the stated dates: what they would open is left out', async () => {
      const { report } = await run('--tenant-file', withStatedDates(), '--received', '2026-01-30T10:00:00+01:00');
      expect(report.stated).toBeUndefined();
      expect(report.milestones.map((m: { id: string }) => m.id)).toEqual(['progress-update', 'acknowledgement', 'handling']);
      expect(report.windows.map((w: { id: string }) => w.id)).toEqual(['ombudsman']);
    });

    test('--explain on windows and on a recurring target', async () => {
      const { report } = await run('--tenant-file', withStatedDates(), '--received', '2026-01-30T10:00:00+01:00', '--occurred-on', '2025-01-31', '--explain');
      expect(report.milestones[0].explanation).toEqual([
        'Terugkerende taak, keer 1 (ritme: twee weken).',
        'Telt vanaf: klacht ontvangen (vrijdag 30 januari 2026).',
        'Twee weken na vrijdag 30 januari 2026 (die dag zelf telt niet mee): vrijdag 13 februari 2026.',
        'Streefdatum: vrijdag 13 februari 2026 (een streven, geen uiterste termijn).',
      ]);
      expect(report.windows[0].explanation).toEqual([
        'Staat open vanaf het begin.',
        'Sluit: maandag 2 februari 2026 (1 jaar na datum van het voorval).',
        '  Telt vanaf: datum van het voorval (vrijdag 31 januari 2025).',
        '  1 jaar na vrijdag 31 januari 2025 (die dag zelf telt niet mee): zaterdag 31 januari 2026.',
        '  Zaterdag 31 januari en zondag 1 februari 2026 (weekend) zijn geen werkdagen: de termijn loopt door tot en met de eerstvolgende werkdag, maandag 2 februari 2026 (Algemene termijnenwet art. 1).',
      ]);
      expect(report.windows[1].explanation.at(-1)).toBe('  De laatste telt: 1 jaar na klacht ontvangen (voorlopig: wat nog niet bekend is, kan later vallen).');
    });

    test('a stated date the regulation does not declare is still passed through', async () => {
      const { code, report } = await run('--tenant-file', resolve(ROOT, 'tenants/demo.yaml'), '--received', '2026-04-24', '--learned-on', '2026-04-20');
      expect(code).toBe(0);
      expect(report.stated).toEqual({ 'learned-on': '2026-04-20' });
    });

    test.each([
      [['--occurred-on', '2026-02-30'], '--occurred-on must be a day written YYYY-MM-DD, e.g. 2026-03-03 (got "2026-02-30")'],
      [['--learned-on', 'yesterday'], '--learned-on must be a day written YYYY-MM-DD, e.g. 2026-03-03 (got "yesterday")'],
      [['--learned-on', '2026-04-20T10:00:00+02:00'], '--learned-on must be a day written YYYY-MM-DD'],
      [['--occurred-on'], "Option '--occurred-on <value>' argument missing"],
      [['--explain=yes'], "Option '--explain' does not take an argument"],
    ])('bad %j: exit code 2', async (argv, message) => {
      const { code, stderr } = await run('--tenant-file', resolve(ROOT, 'tenants/demo.yaml'), '--received', '2026-04-24', ...argv);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    });
  });

  test('a bare day is taken at noon, tenant time', async () => {
    const io = capture();
    expect(await runDeadlines(['--tenant-file', resolve(ROOT, 'tenants/demo.yaml'), '--received', '2026-04-24'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({ receivedAt: '2026-04-24T10:00:00.000Z', receivedOn: '2026-04-24' });
  });

  test.each([
    [[], '--tenant or --tenant-file is required'],
    [['--tenant-file', 'tenants/demo.yaml'], '--received is required'],
    [['--tenant-file', 'tenants/demo.yaml', '--received', 'yesterday'], '--received must be a date-time with offset'],
    [['--tenant-file', 'tenants/demo.yaml', '--received', '2026-04-24T10:00:00'], '--received must be a date-time with offset'],
    [['--tenant-file', 'tenants/demo.yaml', '--received', '2026-02-30T10:00:00+01:00'], '--received must be a date-time with offset'],
    [['--tenant-file', 'tenants/demo.yaml', '--received', '2026-04-24', '--lang', 'de'], '--lang must be nl or en'],
    [['--tenant-file', 'tenants/nope.yaml', '--received', '2026-04-24'], 'no such file: tenants/nope.yaml'],
    [['--tenant', 'demo'], '--received is required'],
    [['--tenant', 'nobody', '--received', '2026-04-24'], 'no such file: tenants/nobody.yaml (tenants: demo, focus, occure, ok-ondernemen, team-keizer)'],
    [['--tenant', '../etc', '--received', '2026-04-24'], '--tenant must be a tenant id'],
    [['--tenant', 'demo', '--tenant-file', 'tenants/demo.yaml', '--received', '2026-04-24'], 'give --tenant or --tenant-file, not both'],
  ])('bad arguments %j: exit code 2', async (argv, message) => {
    const previous = process.cwd();
    process.chdir(ROOT);
    const io = capture();
    try {
      expect(await runDeadlines(argv, io)).toBe(2);
    } finally {
      process.chdir(previous);
    }
    expect(io.stderr.join('\n')).toContain(message);
    expect(io.stdout).toEqual([]);
  });

  test('an invalid regulation file: its problems, exit code 1', async () => {
    const io = capture();
    expect(await runDeadlines(['--tenant-file', brokenDemo(), '--received', '2026-04-24'], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/demo\.yaml: organisation\.senderAddress: must be an e-mail address/);
  });
});

describe('summary', () => {
  test('Dutch by default, with the dates for the day given', async () => {
    const io = capture();
    expect(await runSummary(['--tenant-file', resolve(ROOT, 'tenants/occure.yaml'), '--received', '2026-04-24T10:00:00+02:00'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('Klachtenprocedure van Occure');
    expect(text).toContain('Data voor een klacht ontvangen op vrijdag 24 april 2026');
    expect(text).toContain('- Ontvangstbevestiging: uiterlijk maandag 4 mei 2026');
    expect(text).toContain('- Schriftelijke uitspraak: uiterlijk dinsdag 26 mei 2026');
  });

  test('English on request; the date defaults to now', async () => {
    const io = capture();
    expect(await runSummary(['--tenant-file', FIXTURE, '--lang', 'en'], io, () => new Date('2026-12-22T10:00:00+01:00'))).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('Complaint procedure of Zorggroep De Linde');
    expect(text).toContain('- Acknowledgement of receipt: by Monday, 4 January 2027');
    expect(text).toContain('- Written reasoned judgment: by Tuesday, 2 February 2027');
  });

  test('a tenant with two versions: each, the one in force at --received, or the one named', async () => {
    const previous = process.cwd();
    process.chdir(ROOT);
    try {
      const all = capture();
      expect(await runSummary(['--tenant', 'occure'], all, () => new Date('2026-04-24T10:00:00+02:00'))).toBe(0);
      const text = all.stdout.join('\n');
      expect(text).toContain('== occure version 2019-01-01 (in force from 2019-01-01) ==');
      expect(text).toContain('== occure version 2025-01-01 (in force from 2025-01-01) ==');
      // The older version with the dates of a complaint received on its first day; the current one with today's.
      expect(text).toContain('Data voor een klacht ontvangen op dinsdag 1 januari 2019');
      expect(text).toContain('Data voor een klacht ontvangen op vrijdag 24 april 2026');
      const then = capture();
      expect(await runSummary(['--tenant', 'occure', '--received', '2024-12-31T23:30:00+01:00'], then)).toBe(0);
      expect(then.stdout.join('\n')).toContain('Versie 2019-01-01, geldig vanaf dinsdag 1 januari 2019');
      expect(then.stdout.join('\n')).not.toContain('==');
      const named = capture();
      expect(await runSummary(['--tenant', 'occure', '--version', '2025-01-01', '--received', '2024-12-31'], named)).toBe(0);
      expect(named.stdout.join('\n')).toContain('Versie 2025-01-01');
      const unknown = capture();
      expect(await runSummary(['--tenant', 'occure', '--version', '2030'], unknown)).toBe(2);
      expect(unknown.stderr.join('\n')).toContain('has no version "2030" (versions: 2019-01-01, 2025-01-01)');
    } finally {
      process.chdir(previous);
    }
  });

  test('bad arguments: exit code 2', async () => {
    const io = capture();
    expect(await runSummary(['--tenant-file', FIXTURE, '--lang', 'fr'], io)).toBe(2);
    expect(await runSummary(['--tenant-file', FIXTURE, '--received', 'soon'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--lang must be nl or en');
  });
});
