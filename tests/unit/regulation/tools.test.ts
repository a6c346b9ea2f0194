// The administrator tools: tenant:check, deadlines, summary. Run in-process (run* functions) and,
// once, as the npm scripts an administrator types.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { runDeadlines } from '../../../tools/deadlines.ts';
import { runSummary } from '../../../tools/summary.ts';
import { type Io, runTenantCheck } from '../../../tools/tenant-check.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = resolve(ROOT, 'tests/fixtures/regulations/zorggroep-de-linde.yaml');
const TENANTS = ['demo', 'focus', 'occure-2019', 'occure', 'ok-ondernemen', 'team-keizer'];

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const dir = mkdtempSync(join(tmpdir(), 'regulation-tools-'));
function brokenDemo(): string {
  const file = join(dir, 'demo.yaml');
  const text = readFileSync(resolve(ROOT, 'tenants/demo.yaml'), 'utf8')
    .replace('responsibleRole: director', 'responsibleRole: directie')
    .replace('senderAddress: klachten@demo.example', 'senderAddress: klachten');
  writeFileSync(file, text);
  return file;
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
    expect(io.stdout.map((l) => l.split(':')[0])).toEqual(TENANTS.map((t) => `OK tenants/${t}.yaml`));
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
      version: 'current',
      timeZone: 'Europe/Amsterdam',
      receivedAt: '2026-04-24T08:00:00.000Z',
      receivedOn: '2026-04-24',
      milestones: [
        {
          id: 'acknowledgement',
          label: 'Ontvangstbevestiging',
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
          due: '2026-05-26',
          period: '1 maand',
          reminderOn: '2026-05-18',
          responsibleRole: 'coordinator',
          escalationRole: 'board',
          citation: { article: '§ 2.3', text: 'Je ontvangt binnen één maand na ontvangst van de klacht een schriftelijk antwoord van de verantwoordelijke functionaris.' },
        },
      ],
    });
  });

  test.each([
    ['occure-2019', [['written-answer', '2026-05-18']]],
    ['ok-ondernemen', [['acknowledgement', '2026-05-08']]],
    ['team-keizer', [['written-handling', '2026-05-22']]],
    ['focus', [['report-to-supervisor', '2026-04-24'], ['contact', '2026-04-29'], ['offer', '2026-05-08'], ['record-actions', '2026-05-18']]],
    ['demo', [['acknowledgement', '2026-05-04'], ['handling', '2026-06-05']]],
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

  test('a bare day is taken at noon, tenant time', async () => {
    const io = capture();
    expect(await runDeadlines(['--tenant-file', resolve(ROOT, 'tenants/demo.yaml'), '--received', '2026-04-24'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({ receivedAt: '2026-04-24T10:00:00.000Z', receivedOn: '2026-04-24' });
  });

  test.each([
    [[], '--tenant-file is required'],
    [['--tenant-file', 'tenants/demo.yaml'], '--received is required'],
    [['--tenant-file', 'tenants/demo.yaml', '--received', 'yesterday'], '--received must be a date-time with offset'],
    [['--tenant-file', 'tenants/demo.yaml', '--received', '2026-04-24T10:00:00'], '--received must be a date-time with offset'],
    [['--tenant-file', 'tenants/demo.yaml', '--received', '2026-02-30T10:00:00+01:00'], '--received must be a date-time with offset'],
    [['--tenant-file', 'tenants/demo.yaml', '--received', '2026-04-24', '--lang', 'de'], '--lang must be nl or en'],
    [['--tenant-file', 'tenants/nope.yaml', '--received', '2026-04-24'], 'no such file: tenants/nope.yaml'],
    [['--tenant', 'demo'], "Unknown option '--tenant'"],
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

  test('bad arguments: exit code 2', async () => {
    const io = capture();
    expect(await runSummary(['--tenant-file', FIXTURE, '--lang', 'fr'], io)).toBe(2);
    expect(await runSummary(['--tenant-file', FIXTURE, '--received', 'soon'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--lang must be nl or en');
  });
});

describe('as npm scripts', () => {
  const exec = promisify(execFile);
  const npm = (args: string[]) =>
    exec('npm', ['run', '-s', ...args], { cwd: ROOT, env: { ...process.env, npm_config_loglevel: 'silent' } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  test('npm run tenant:check and npm run deadlines', async () => {
    const check = await npm(['tenant:check']);
    expect(check.code).toBe(0);
    expect(check.stdout.trim().split('\n')).toHaveLength(TENANTS.length);

    const broken = await npm(['tenant:check', '--', brokenDemo()]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('organisation.senderAddress: must be an e-mail address');

    const deadlines = await npm(['deadlines', '--', '--tenant-file', 'tenants/occure.yaml', '--received', '2026-04-24T10:00:00+02:00']);
    expect(deadlines.code).toBe(0);
    expect(JSON.parse(deadlines.stdout).milestones.map((m: { due: string }) => m.due)).toEqual(['2026-05-04', '2026-05-26']);

    const bad = await npm(['deadlines', '--', '--tenant-file', 'tenants/occure.yaml']);
    expect(bad.code).toBe(2);
  });
});
