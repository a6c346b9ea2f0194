/**
 * The product is the same code for every organisation: what an organisation says lives in its
 * regulation file, never in shared/, functions/, web/ or local/. This keeps the organisations'
 * names (every tenant's and every fixture regulation's organisation.name) and the phrases only
 * the five seed regulations use out of the product's code and strings. Comments may name them
 * (a comment saying which clause a rule comes from is documentation, not behaviour).
 *
 * source.title is not listed: each title is "Klachtenreglement <organisation>" or the like,
 * so the organisation's name already finds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, SEED_PHRASES, TENANT_FILES, occurrences, organisationName } from '../support/proofread.ts';

const PRODUCT_DIRS = ['shared', 'functions', 'web', 'local'];

const PHRASES = [...new Set([...TENANT_FILES, ...FIXTURE_FILES].map(organisationName).concat(SEED_PHRASES))];

/** The word "focus" as code: the CSS pseudo-classes (:focus, :focus-visible, :focus-within) and the DOM's .focus(). */
const CODE_USES = [/:focus(?:-visible|-within)?\b/gi, /\.focus\s*\(/g, /\bfocus-(?:visible|within)\b/gi];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** A line without its comments: nothing when it is a comment line, else without a trailing // or an inline block comment. */
function code(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) return '';
  let rest = line.replace(/\/\*.*?\*\//g, '').replace(/\s\/\/.*$/, '');
  for (const use of CODE_USES) rest = rest.replace(use, ' ');
  return rest;
}

describe('product code', () => {
  // The text catalogue is product words as well (shared/texts/*.json).
  const files = [
    ...PRODUCT_DIRS.flatMap(tsFiles),
    ...readdirSync(join('shared', 'texts'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => join('shared', 'texts', name)),
  ];

  it('is scanned: the directories have code, the list has every tenant', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(join('shared', 'texts', 'nl.json'));
    expect(PHRASES.length).toBeGreaterThanOrEqual(TENANT_FILES.length + SEED_PHRASES.length - 2);
  });

  it('is read past comments and the CSS and DOM "focus", not past strings', () => {
    expect(code('  // Occure art. 3')).toBe('');
    expect(code('   * Team Keizer, art. 2')).toBe('');
    expect(occurrences(code('main:focus{outline:none} :focus-visible{outline:3px}'), 'Focus')).toEqual([]);
    expect(occurrences(code('    heading.focus();'), 'Focus')).toEqual([]);
    expect(occurrences(code("const name = 'Focus'; // the tenant"), 'Focus')).toHaveLength(1);
    expect(occurrences(code("body: 'Stichting Dokh' /* external */,"), 'Stichting Dokh')).toHaveLength(1);
  });

  it("names no organisation and uses no seed regulation's words", () => {
    const hits: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const text = code(line);
          for (const phrase of PHRASES) if (occurrences(text, phrase).length) hits.push(`${file}:${i + 1}: "${phrase}": ${line.trim()}`);
        });
    }
    expect(hits, hits.join('\n')).toEqual([]);
  });
});
