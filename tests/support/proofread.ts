/**
 * What the letter tests look for in a rendered letter: placeholders left unresolved, paragraphs
 * with nothing in them, and names of organisations the letter has no business naming (shared
 * with tests/unit/product-words.test.ts, which keeps the same names out of product code).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Words only the five seed regulations use (their organisations, their external bodies, their
 * particular lists): a letter of another organisation, or product code, that has them copied a tenant.
 */
export const SEED_PHRASES = ['werkgever, UWV', 'Stichting Dokh', 'Ondernemen met Kwaliteit', 'Team Keizer', 'Occure', 'OK Ondernemen', 'Focus'];

export const TENANT_FILES = yamlFiles('tenants');
export const FIXTURE_FILES = yamlFiles('tests/fixtures/regulations');
/** Every regulation to proofread: a file, or `file@version` for each version of a file that holds several. */
export const REGULATIONS = [...TENANT_FILES, ...FIXTURE_FILES].flatMap((file) => {
  const versions = documentsOf(file).map((d) => String((d as { version?: unknown }).version));
  return versions.length > 1 ? versions.map((version) => `${file}@${version}`) : [file];
});

function documentsOf(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as unknown)
    .filter((d) => d !== null && d !== undefined);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(dir, name));
}

/** organisation.name of a regulation file, read as plain YAML (so a file that does not validate still gives its name). */
export function organisationName(file: string): string {
  const name = (documentsOf(file)[0] as { organisation?: { name?: unknown } } | undefined)?.organisation?.name;
  if (typeof name !== 'string' || !name.trim()) throw new Error(`${file}: no organisation.name`);
  return name;
}

/** Left in a letter when a value was missing: a template marker or a JavaScript value printed as text. */
const PLACEHOLDER = /\$\{|\{\{|\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]|Invalid Date/;

export function placeholders(text: string): string[] {
  return [...text.matchAll(new RegExp(PLACEHOLDER.source, 'g'))].map((m) => excerpt(text, m.index, m[0].length));
}

/** Nothing but punctuation, symbols and white space (or nothing at all). */
const HOLLOW = /^[\p{P}\p{S}\s]*$/u;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * Paragraphs of the HTML body (render.ts writes each block as <p> or <table>) and of the text
 * body (blocks joined by a blank line) that are empty or hold only punctuation; an empty table.
 */
export function hollowParagraphs(letter: { html: string; text: string }): string[] {
  const found: string[] = [];
  for (const m of letter.html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)) {
    const inner = m[1]!
      .replace(/<br\s*\/?>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&[a-z#0-9]+;/g, (e) => ENTITIES[e] ?? e);
    if (HOLLOW.test(inner)) found.push(`html: ${m[0]}`);
  }
  for (const m of letter.html.matchAll(/<table\b[^>]*>\s*<\/table>/g)) found.push(`html: ${m[0]}`);
  for (const paragraph of letter.text.split('\n\n')) {
    if (HOLLOW.test(paragraph)) found.push(`text: ${JSON.stringify(paragraph)}`);
  }
  return found;
}

/** Whole-word, case-insensitive occurrences of a phrase. */
export function occurrences(text: string, phrase: string): string[] {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(pattern)].map((m) => excerpt(text, m.index, m[0].length));
}

function excerpt(text: string, at: number, length: number): string {
  return JSON.stringify(text.slice(Math.max(0, at - 50), at + length + 50));
}
