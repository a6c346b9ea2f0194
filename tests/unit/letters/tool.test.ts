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
  it('writes each letter as HTML and text into --out and prints the index', () => {
    const run = spawnSync('npx', ['tsx', 'tools/letters.ts', '--tenant', 'occure', '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const files = readdirSync(out);
    const html = files.filter((f) => f.endsWith('.html'));
    const text = files.filter((f) => f.endsWith('.txt') && f !== 'index.txt');
    expect(html.length).toBeGreaterThanOrEqual(20);
    expect(text.map((f) => f.replace(/\.txt$/, ''))).toEqual(html.map((f) => f.replace(/\.html$/, '')));
    expect(html).toContain('01-intake-ruling-founded-acknowledgement-complainant.nl.html');
    expect(readFileSync(join(out, html[0]!), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(out, text[0]!), 'utf8')).toMatch(/^Subject: Ontvangstbevestiging van uw klacht KL-\d{4}-\d{6}\nTo: complainant </);

    // The index: a heading naming the folder, a header row, one row per letter (id, recipient, event, language, subject).
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Occure (tenants/occure.yaml): ${html.length} letters in ${out}`);
    expect(lines[2]).toMatch(/^#\s+letter\s+recipient\s+event\s+lang\s+subject$/);
    const rows = lines.filter((l) => /^\d{2,}  /.test(l));
    expect(rows).toHaveLength(html.length);
    expect(rows[0]).toMatch(/^01\s+acknowledgement\s+complainant\s+registered\s+nl\s+Ontvangstbevestiging van uw klacht KL-/);
    expect(rows.some((r) => /\bruling\s+complainant\s+ruling-sent\s+en\s+Decision on your complaint\b/.test(r))).toBe(true);
    expect(readFileSync(join(out, 'index.txt'), 'utf8')).toBe(`${run.stdout.trimEnd()}\n`);
  });

  it('renders one language with --lang, into a new temp folder without --out', async () => {
    const { lines, io } = capture();
    expect(await runLetters(['--tenant-file', 'tenants/team-keizer.yaml', '--lang', 'en'], io)).toBe(0);
    const dir = /letters in (.+)$/.exec(lines.out[0]!)?.[1];
    expect(dir && existsSync(dir)).toBe(true);
    try {
      const rows = lines.out.filter((l) => /^\d{2,}  /.test(l));
      // Complainants write in English; staff letters stay in the organisation's first language.
      expect(rows.filter((r) => /\scomplainant\s/.test(r)).every((r) => /\sen\s/.test(r))).toBe(true);
      expect(rows.some((r) => /\sprocedure-information\s+complainant\s/.test(r))).toBe(true);
    } finally {
      rmSync(dir!, { recursive: true, force: true });
    }
  });

  it('refuses bad arguments with exit code 2', async () => {
    for (const argv of [[], ['--tenant', 'occure', '--tenant-file', 'tenants/occure.yaml'], ['--tenant', 'occure', '--lang', 'de'], ['--tenant', '../etc'], ['--tenant', 'nobody'], ['--tenant', 'occure', '--what']]) {
      const { lines, io } = capture();
      expect(await runLetters(argv, io), argv.join(' ')).toBe(2);
      expect(lines.err.join('\n')).toMatch(/^letters: /);
    }
  });
});
