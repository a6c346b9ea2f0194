/** npm run letters: run as a child process for one tenant, the files land in --out and the index is printed. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLetters } from '../../../tools/letters.ts';

const out = mkdtempSync(join(tmpdir(), 'letters-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, io: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
}

describe('npm run letters', () => {
  it('writes each letter as HTML and text into --out and prints the index: each version of a tenant in its own folder', () => {
    const run = spawnSync('npx', ['tsx', 'tools/letters.ts', '--tenant', 'occure', '--out', out], { encoding: 'utf8', timeout: 180_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Occure holds two versions: a complaint under each gets that version's letters.
    expect(readdirSync(out).sort()).toEqual(['2019-01-01', '2025-01-01']);
    const current = join(out, '2025-01-01');
    const files = readdirSync(current);
    const html = files.filter((f) => f.endsWith('.html'));
    const text = files.filter((f) => f.endsWith('.txt') && f !== 'index.txt');
    expect(html.length).toBeGreaterThanOrEqual(20);
    expect(text.map((f) => f.replace(/\.txt$/, ''))).toEqual(html.map((f) => f.replace(/\.html$/, '')));
    expect(html).toContain('01-intake-ruling-founded-acknowledgement-complainant.nl.html');
    expect(readFileSync(join(current, html[0]!), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(current, text[0]!), 'utf8')).toMatch(/^Subject: Ontvangstbevestiging van uw klacht KL-\d{4}-\d{6}\nTo: complainant </);
    // The 2019 text promises no acknowledgement: its first letter to the complainant is the written answer.
    expect(readdirSync(join(out, '2019-01-01')).some((f) => f.includes('written-answer-complainant'))).toBe(true);

    // Each version's index: a heading naming the version and its folder, a header row, one row per letter.
    const lines = run.stdout.trimEnd().split('\n');
    const start = lines.findIndex((l) => l.startsWith('Occure (tenants/occure.yaml, version 2025-01-01 from 2025-01-01): '));
    expect(lines[start]).toBe(`Occure (tenants/occure.yaml, version 2025-01-01 from 2025-01-01): ${html.length} letters in ${current}`);
    expect(lines[0]).toMatch(/^Occure \(tenants\/occure\.yaml, version 2019-01-01 from 2019-01-01\): \d+ letters in /);
    expect(lines[start + 2]).toMatch(/^#\s+letter\s+recipient\s+event\s+lang\s+subject$/);
    const rows = lines.slice(start).filter((l) => /^\d{2,} {2}/.test(l));
    expect(rows).toHaveLength(html.length);
    expect(rows[0]).toMatch(/^01\s+acknowledgement\s+complainant\s+registered\s+nl\s+Ontvangstbevestiging van uw klacht KL-/);
    expect(rows.some((r) => /\bruling\s+complainant\s+ruling-sent\s+en\s+Decision on your complaint\b/.test(r))).toBe(true);
    expect(readFileSync(join(current, 'index.txt'), 'utf8')).toBe(`${lines.slice(start).join('\n')}\n`);
  });

  it('renders one language with --lang, into a new temp folder without --out', async () => {
    const { lines, io } = capture();
    expect(await runLetters(['--tenant-file', 'tenants/team-keizer.yaml', '--lang', 'en'], io)).toBe(0);
    const dir = /letters in (.+)$/.exec(lines.out[0]!)?.[1];
    expect(dir && existsSync(dir)).toBe(true);
    try {
      const rows = lines.out.filter((l) => /^\d{2,} {2}/.test(l));
      // Complainants write in English; staff letters stay in the organisation's first language.
      expect(rows.filter((r) => /\scomplainant\s/.test(r)).every((r) => /\sen\s/.test(r))).toBe(true);
      expect(rows.some((r) => /\sprocedure-information\s+complainant\s/.test(r))).toBe(true);
    } finally {
      rmSync(dir!, { recursive: true, force: true });
    }
  });

  it('refuses bad arguments with exit code 2', async () => {
    for (const argv of [
      [],
      ['--tenant', 'occure', '--tenant-file', 'tenants/occure.yaml'],
      ['--tenant', 'occure', '--lang', 'de'],
      ['--tenant', '../etc'],
      ['--tenant', 'nobody'],
      ['--tenant', 'occure', '--what'],
      ['--tenant', 'occure', '--version', '2030'],
    ]) {
      const { lines, io } = capture();
      expect(await runLetters(argv, io), argv.join(' ')).toBe(2);
      expect(lines.err.join('\n')).toMatch(/^letters: /);
    }
  });
});
