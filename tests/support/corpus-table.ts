/**
 * Shared by the corpus tests (one per fact sheet of tests/fixtures/corpus/, copied from the
 * product's research corpus): a sheet's rules as a table `rule -> setting -> assertion`, as the
 * seeds' tests do, plus checks that nothing was dropped:
 *  - the fixture tests/fixtures/regulations/<sheet>.yaml is valid (what `npm run tenant:check` runs);
 *  - every quote in the table occurs in the sheet;
 *  - every row of the sheet's deadline tables is quoted by some rule (every deadline rule is expressed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readRegulationFile } from '../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import { REPO_ROOT, normalise } from './clause-table.ts';

export const CORPUS_DIR = resolve(REPO_ROOT, 'tests/fixtures/corpus');
export const FIXTURES_DIR = resolve(REPO_ROOT, 'tests/fixtures/regulations');

export interface SheetRule {
  /** Where in the sheet: section and line ("Deadlines: Handling, target"). */
  rule: string;
  /** Verbatim from the sheet (whitespace and **emphasis** aside). */
  quote: string;
  /** The fixture setting that encodes it, and how an inferred or ambiguous fact was read. */
  setting: string;
  check: (reg: Regulation) => void;
}

export interface SheetSpec {
  /** The sheet's file name without .md; also the fixture's name and tenant id. */
  sheet: string;
  rules: SheetRule[];
}

/** The rows of the sheet's deadline tables (under a "## Deadlines..." heading), normalised. */
export function deadlineRows(markdown: string): string[] {
  const rows: string[] = [];
  let inDeadlines = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) inDeadlines = /^## Deadlines/i.test(line);
    if (!inDeadlines || !line.startsWith('|')) continue;
    if (/^\|\s*-/.test(line) || /^\|\s*Step\s*\|/i.test(line)) continue; // the rule line and the header
    rows.push(normalise(line));
  }
  return rows;
}

export function describeCorpusSheet(spec: SheetSpec): void {
  const sheetPath = resolve(CORPUS_DIR, `${spec.sheet}.md`);
  const fixturePath = resolve(FIXTURES_DIR, `${spec.sheet}.yaml`);
  if (!existsSync(sheetPath)) throw new Error(`corpus sheet ${sheetPath} is missing`);
  const markdown = readFileSync(sheetPath, 'utf8');
  const text = normalise(markdown);

  describe(`corpus ${spec.sheet}`, () => {
    let reg: Regulation;
    beforeAll(async () => {
      const result = await readRegulationFile(fixturePath);
      if (!result.ok) throw new Error(result.problems.join('\n'));
      reg = result.regulation;
    });

    test('the fixture is a valid regulation file', () => {
      expect(reg.id).toBe(spec.sheet);
    });

    test.each(spec.rules)('$rule -> $setting', ({ check }) => {
      check(reg);
    });

    test('every quote in the rule table is verbatim from the sheet', () => {
      const missing = spec.rules.filter((r) => !text.includes(normalise(r.quote))).map((r) => `${r.rule}: ${r.quote}`);
      expect(missing).toEqual([]);
    });

    test("every row of the sheet's deadline tables is covered by a rule", () => {
      const quotes = spec.rules.map((r) => normalise(r.quote));
      const uncovered = deadlineRows(markdown).filter((row) => !quotes.some((q) => q === row || (q.length >= 20 && row.includes(q))));
      expect(uncovered).toEqual([]);
    });
  });
}
