/**
 * The product's texts: one catalogue per language (nl.json, en.json beside this file), the same
 * keys in both, grouped by area (status, channel, outcome, event, step, page, console, letter,
 * report, summary, explain, error) with `{name}` placeholders. See docs/texts.md.
 *
 * The catalogues are data, not code: each is read once, at its first use in a function (both
 * must be present when the module loads), from the folder `texts/` beside the bundle, where synth copies them
 * (infra/constructs/tenant-functions.ts); from this folder when the source runs (tsx, vitest).
 * Keeping them out of the bundles keeps every bundle under its size budget. A missing or
 * malformed catalogue stops the module from loading, with the file and what is wrong.
 *
 * Types come from nl.json through a type-only import (nothing of it is bundled): `texts(lang)`
 * is the catalogue as a typed object, `TextKey` every dotted key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type NL from './nl.json';

export type TextLanguage = 'nl' | 'en';
export const TEXT_LANGUAGES: readonly TextLanguage[] = ['nl', 'en'];

/** One language's catalogue, typed from nl.json. */
export type Catalogue = typeof NL;

type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];

/** Every key of the catalogue, dotted: 'page.formTitle', 'error.rule.authorisationFirst'. */
export type TextKey = Leaves<Catalogue>;

/** A value for a placeholder: a list is joined with ', '; a pair per language gives that language's. */
export type TextParam = string | number | readonly string[] | Readonly<Record<TextLanguage, string>>;
export type TextParams = Readonly<Record<string, TextParam>>;

/** Where the catalogues are inside a bundle: this folder, beside index.mjs. */
export const CATALOGUE_DIR_IN_BUNDLE = 'texts';

/** The catalogues' folder: `texts/` beside the bundle, or this source folder (whose name is `texts`). */
export function catalogueDir(moduleUrl: string = import.meta.url): string {
  const here = dirname(fileURLToPath(moduleUrl));
  return basename(here) === CATALOGUE_DIR_IN_BUNDLE ? here : join(here, CATALOGUE_DIR_IN_BUNDLE);
}

/** Every dotted key of a parsed catalogue with its text; throws on anything but nested objects of strings. */
export function flatten(value: unknown, file: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${file}: ${prefix ? `"${prefix}"` : 'the catalogue'} must be an object of texts`);
  }
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key.includes('.')) throw new Error(`${file}: key "${path}" must not contain a dot`);
    if (typeof entry === 'string') out.set(path, entry);
    else for (const [k, v] of flatten(entry, file, path)) out.set(k, v);
  }
  return out;
}

/** Reads one catalogue file and parses it; the message names the file and where it should be. */
function readCatalogue(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${file}: the text catalogue cannot be read (${(error as Error).message}); it ships beside every function (infra/constructs/tenant-functions.ts copies shared/texts/*.json into texts/)`,
    );
  }
}

/**
 * Reads and checks the catalogues: both present, well-formed, with the same keys. The tests run
 * this on the repository's catalogues, which synth copies unchanged beside every bundle (the infra
 * test compares the copies), so a function does not repeat the key-by-key check at cold start.
 */
export function loadCatalogues(dir: string = catalogueDir()): Record<TextLanguage, Catalogue> {
  const read = (lang: TextLanguage) => {
    const file = join(dir, `${lang}.json`);
    const parsed = readCatalogue(file);
    return { file, parsed, keys: flatten(parsed, file) };
  };
  const all = TEXT_LANGUAGES.map(read);
  const onlyIn = (a: (typeof all)[number], b: (typeof all)[number]) => [...a.keys.keys()].filter((k) => !b.keys.has(k));
  const [first, ...others] = all as [(typeof all)[number], ...typeof all];
  const missing = others.flatMap((other) => [...onlyIn(first, other).map((k) => `${k} (not in ${other.file})`), ...onlyIn(other, first).map((k) => `${k} (not in ${first.file})`)]);
  if (missing.length) throw new Error(`the text catalogues differ: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  return Object.fromEntries(TEXT_LANGUAGES.map((lang, i) => [lang, all[i]!.parsed as Catalogue])) as Record<TextLanguage, Catalogue>;
}

// At cold start: both files must be there (a function without them stops here, naming the file).
// Each is parsed at its first use: a request in Dutch never pays for the English catalogue.
const CATALOGUE_DIR = catalogueDir();
const CATALOGUES: Partial<Record<TextLanguage, Catalogue>> = {};
for (const lang of TEXT_LANGUAGES) {
  const file = join(CATALOGUE_DIR, `${lang}.json`);
  if (!existsSync(file)) readCatalogue(file);
}

/** The catalogue of a language. */
export function texts(lang: TextLanguage): Catalogue {
  const known: TextLanguage = lang === 'en' ? 'en' : 'nl';
  let catalogue = CATALOGUES[known];
  if (!catalogue) {
    const file = join(CATALOGUE_DIR, `${known}.json`);
    const parsed = readCatalogue(file);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file}: the catalogue must be an object of texts`);
    catalogue = CATALOGUES[known] = parsed as Catalogue;
  }
  return catalogue;
}

/** The text under a dotted key, or undefined (for keys built at run time: `event.${id}`). */
export function lookup(lang: TextLanguage, key: string): string | undefined {
  let node: unknown = texts(lang);
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The text under a key, its placeholders filled. */
export function text(lang: TextLanguage, key: TextKey, params?: TextParams): string {
  const template = lookup(lang, key);
  if (template === undefined) throw new Error(`no text "${key}"`);
  return format(template, params, lang);
}

/** The text of an id in one area ('status', 'event', ...), or `fallback` when the area has none. */
export function label(lang: TextLanguage, area: keyof Catalogue, id: string, fallback: string = id): string {
  const found = (texts(lang)[area] as Record<string, unknown>)[id];
  return typeof found === 'string' ? found : fallback;
}

/** A text in both languages: { nl, en }. */
export function both(key: TextKey, params?: TextParams): { nl: string; en: string } {
  return { nl: text('nl', key, params), en: text('en', key, params) };
}

/** One placeholder's value as text. */
export function paramText(value: TextParam, lang: TextLanguage): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.join(', ');
  return (value as Record<TextLanguage, string>)[lang];
}

/** Fills `{name}` placeholders; a placeholder without a value is a programming error. */
export function format(template: string, params: TextParams = {}, lang: TextLanguage = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`text "${template.slice(0, 60)}" needs a value for {${name}}`);
    return paramText(value, lang);
  });
}

/** The placeholders of a text, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
}

/** The first letter as a capital (sentences that start with a value). */
export function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
