/**
 * The text catalogue (shared/texts): both languages hold the same keys with the same
 * placeholders; every error key the domain throws, every problem code and every error code has
 * words in both; the vocabulary, statuses and steps all have labels; a missing or malformed
 * catalogue fails loading with the file named.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { catalogueDir, flatten, format, loadCatalogues, lookup, placeholders, text, texts, TEXT_LANGUAGES } from '../../../../shared/texts/index.ts';
import { ConflictError, errorText, fieldProblem, InvalidInputError, PROBLEM_CODES, problemText, RuleViolationError } from '../../../../shared/domain/errors.ts';
import { errorResponse } from '../../../../shared/http/middleware.ts';
import { CHANNEL_KIND_IDS, EVENT_NAMES, INVOLVEMENT_IDS, OUTCOME_IDS } from '../../../../shared/domain/regulation/vocabulary.ts';
import { COMPLAINT_STATUSES } from '../../../../shared/domain/complaint/model.ts';
import { STEPS } from '../../../../shared/domain/workflow/steps.ts';

const dir = catalogueDir();
const flat = Object.fromEntries(TEXT_LANGUAGES.map((lang) => [lang, flatten(JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')), lang)])) as Record<'nl' | 'en', Map<string, string>>;

function tsFiles(path: string): string[] {
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const full = join(path, entry.name);
    return entry.isDirectory() ? tsFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The text of each `new <Error>(...)` call in a source: its arguments up to the matching parenthesis. */
function constructions(source: string, error: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(new RegExp(`new ${error}\\(`, 'g'))) {
    let depth = 1;
    let i = match.index + match[0].length;
    while (i < source.length && depth > 0) {
      if (source[i] === '(') depth += 1;
      else if (source[i] === ')') depth -= 1;
      i += 1;
    }
    found.push(source.slice(match.index, i));
  }
  return found;
}

describe('the catalogues', () => {
  test('nl and en have exactly the same keys, and the same placeholders per key', () => {
    expect([...flat.nl.keys()].sort()).toEqual([...flat.en.keys()].sort());
    expect(flat.nl.size).toBeGreaterThan(500);
    const differ = [...flat.nl].filter(([key, nl]) => placeholders(nl).sort().join() !== placeholders(flat.en.get(key)!).sort().join()).map(([key]) => key);
    expect(differ).toEqual([]);
  });

  test('no text is empty, and braces only ever mark a {placeholder}', () => {
    for (const lang of TEXT_LANGUAGES) {
      for (const [key, value] of flat[lang]) {
        expect(value.trim(), `${lang} ${key}`).not.toBe('');
        expect(value.replace(/\{\w+\}/g, ''), `${lang} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  test('the vocabulary, the statuses, the steps and the modes have words in both languages', () => {
    const areas: Array<[string, readonly string[]]> = [
      ['event', EVENT_NAMES],
      ['outcome', [...OUTCOME_IDS, 'offer']],
      ['channel', CHANNEL_KIND_IDS],
      ['involvement', INVOLVEMENT_IDS],
      ['status', COMPLAINT_STATUSES],
      ['complainantStatus', COMPLAINT_STATUSES],
      ['step', Object.keys(STEPS)],
      ['mode', ['written', 'oral']],
      ['statedDate', ['occurred-on']],
    ];
    const missing = areas.flatMap(([area, ids]) => ids.flatMap((id) => TEXT_LANGUAGES.filter((lang) => lookup(lang, `${area}.${id}`) === undefined).map((lang) => `${lang} ${area}.${id}`)));
    expect(missing).toEqual([]);
  });
});

describe('errors are translatable from their codes', () => {
  const domain = tsFiles(join(process.cwd(), 'shared', 'domain'));
  const sources = new Map(domain.map((file) => [file, readFileSync(file, 'utf8')]));

  test('every rule violation, conflict and not-found thrown in shared/domain carries a key', () => {
    const keyless: string[] = [];
    let count = 0;
    for (const [file, source] of sources) {
      if (file.endsWith('errors.ts')) continue;
      for (const error of ['RuleViolationError', 'ConflictError', 'NotFoundError']) {
        for (const call of constructions(source, error)) {
          count += 1;
          if (!/\bkey\b/.test(call)) keyless.push(`${file}: ${call.slice(0, 120)}`);
        }
      }
    }
    expect(count).toBeGreaterThan(60);
    expect(keyless).toEqual([]);
  });

  test('every field problem built in shared/domain has a code', () => {
    const codeless: string[] = [];
    for (const [file, source] of sources) {
      for (const call of constructions(source, 'InvalidInputError')) {
        if (!/fieldProblem\(|zodProblems\(|\(problems\)/.test(call)) codeless.push(`${file}: ${call.slice(0, 120)}`);
      }
      // A problem written out as an object (`problems.push({ field, ... })`) instead of fieldProblem(...).
      for (const pushed of source.matchAll(/problems\.push\(\{[^;]*\);/g)) codeless.push(`${file}: ${pushed[0]}`);
      for (const call of source.matchAll(/\{ field: [^}]*\}/g)) if (!/\bcode:/.test(call[0])) codeless.push(`${file}: ${call[0]}`);
    }
    expect(codeless).toEqual([]);
  });

  test('every error key written anywhere in shared/ has words in both languages', () => {
    const shared = tsFiles(join(process.cwd(), 'shared'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const keys = new Set([...shared.matchAll(/'(error\.(?:rule|conflict|notFound|field|problem|code)\.[A-Za-z_-]+)'/g)].map((m) => m[1]!));
    expect(keys.size).toBeGreaterThan(80);
    const missing = [...keys].flatMap((key) => TEXT_LANGUAGES.filter((lang) => !flat[lang].has(key)).map((lang) => `${lang} ${key}`));
    expect(missing).toEqual([]);
  });

  test('every problem code and every error code has words in both languages', () => {
    const codes = [
      'invalid_input',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'rule_violation',
      'service_unavailable',
      'internal_error',
      'payload_too_large',
      'unsupported_media_type',
      'too_many_requests',
    ];
    const missing = [...PROBLEM_CODES.map((c) => `error.problem.${c}`), ...codes.map((c) => `error.code.${c}`)].flatMap((key) =>
      TEXT_LANGUAGES.filter((lang) => !flat[lang].has(key)).map((lang) => `${lang} ${key}`),
    );
    expect(missing).toEqual([]);
  });

  test('an error keeps its English message, written from the catalogue, and says its key and values', () => {
    const error = new RuleViolationError({ key: 'error.rule.signOffBy', params: { roles: ['coordinator', 'complainant'] } }, 'art. 8');
    expect(error.message).toBe('sign-off is by: coordinator, complainant');
    expect(errorText(error, 'nl')).toBe('aftekenen gebeurt door: coordinator, complainant');
    const body = JSON.parse(String(errorResponse(error).body));
    expect(body).toEqual({
      error: 'rule_violation',
      key: 'error.rule.signOffBy',
      params: { roles: ['coordinator', 'complainant'] },
      rule: 'art. 8',
      message: 'sign-off is by: coordinator, complainant',
    });
    // A value in both languages is written in each.
    const conflict = new ConflictError({ key: 'error.conflict.recordedAlready', params: { event: { nl: 'advies ontvangen', en: 'advice received' } } });
    expect(conflict.message).toBe('"advice received" was recorded already');
    expect(errorText(conflict, 'nl')).toBe('"advies ontvangen" is al vastgelegd');
    // Without a key of its own: the words of its code.
    expect(errorText(new ConflictError('condition failed'), 'nl')).toBe(texts('nl').error.code.conflict);
  });

  test('field problems carry a code and values; the body lists them; each reads in Dutch', () => {
    const error = new InvalidInputError([
      fieldProblem('channel', 'invalid_value', { values: ['form', 'email'] }),
      fieldProblem('report', 'required', { rule: 'art. 6' }, 'error.field.hearingReportRequired'),
      { field: 'cursor', message: 'is not a cursor this API gave out' },
    ]);
    const body = JSON.parse(String(errorResponse(error).body));
    expect(body.problems).toEqual([
      { field: 'channel', code: 'invalid_value', params: { values: ['form', 'email'] }, message: 'must be one of: form, email' },
      {
        field: 'report',
        code: 'required',
        key: 'error.field.hearingReportRequired',
        params: { rule: 'art. 6' },
        message: 'is required: a report (verslag) of the hearing goes into the file (art. 6)',
      },
      { field: 'cursor', code: 'invalid', message: 'is not a cursor this API gave out' },
    ]);
    expect(error.problems.map((p) => problemText(p, 'nl'))).toEqual([
      'moet een van deze zijn: form, email',
      'is verplicht: een verslag van het gesprek gaat in het dossier (art. 6)',
      'is niet geldig',
    ]);
    // Without a code of its own, English keeps the message: it is all that is known.
    expect(error.problems.map((p) => problemText(p, 'en'))).toEqual([
      'must be one of: form, email',
      'is required: a report (verslag) of the hearing goes into the file (art. 6)',
      'is not a cursor this API gave out',
    ]);
  });
});

describe('the formatter', () => {
  test('fills placeholders: lists joined, pairs by language; a missing value is an error', () => {
    expect(format('{a} en {b}', { a: ['x', 'y'], b: { nl: 'twee', en: 'two' } }, 'nl')).toBe('x, y en twee');
    expect(format('{n} of {n}', { n: 3 })).toBe('3 of 3');
    expect(() => format('Beste {name},', {})).toThrow(/needs a value for \{name\}/);
    expect(text('nl', 'page.formTitle', { org: 'Demo' })).toBe('Klacht indienen bij Demo');
    expect(() => text('nl', 'page.nope' as never)).toThrow(/no text "page\.nope"/);
  });
});

describe('loading', () => {
  const root = mkdtempSync(join(tmpdir(), 'klachten-texts-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const folder = (name: string, files: Record<string, string>) => {
    const path = join(root, name);
    mkdirSync(path);
    for (const [file, content] of Object.entries(files)) writeFileSync(join(path, file), content);
    return path;
  };

  test('beside a bundle the catalogue is in texts/; in the repository it is this folder', () => {
    expect(catalogueDir('file:///var/task/index.mjs')).toBe('/var/task/texts');
    expect(catalogueDir(`file://${join(process.cwd(), 'shared', 'texts', 'index.ts')}`)).toBe(join(process.cwd(), 'shared', 'texts'));
  });

  test('a missing, malformed or uneven catalogue stops loading with the file and the reason', () => {
    expect(() => loadCatalogues(folder('missing', { 'nl.json': '{"a":"b"}' }))).toThrow(/en\.json: the text catalogue cannot be read .*ships beside every function/);
    expect(() => loadCatalogues(folder('broken', { 'nl.json': '{"a":', 'en.json': '{"a":"b"}' }))).toThrow(/nl\.json: the text catalogue cannot be read/);
    expect(() => loadCatalogues(folder('array', { 'nl.json': '{"a":["b"]}', 'en.json': '{"a":"b"}' }))).toThrow(/nl\.json: "a" must be an object of texts/);
    expect(() => loadCatalogues(folder('uneven', { 'nl.json': '{"a":"b","c":"d"}', 'en.json': '{"a":"b"}' }))).toThrow(/the text catalogues differ: c \(not in .*en\.json\)/);
    expect(loadCatalogues(folder('fine', { 'nl.json': '{"a":{"b":"c"}}', 'en.json': '{"a":{"b":"d"}}' }))).toEqual({ nl: { a: { b: 'c' } }, en: { a: { b: 'd' } } });
  });
});
