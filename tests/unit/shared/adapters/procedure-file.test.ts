/**
 * The procedure texts the hosted form shows are rendered when the regulation is compiled (synth,
 * local start) and read beside the regulation JSON at cold start: X.json -> X.procedure.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { procedureFileFor, readProcedureTexts } from '../../../../shared/adapters/procedure-file.ts';
import { loadTenantFile, procedureJson } from '../../../../shared/adapters/regulation-file.ts';
import { renderProcedureSummary } from '../../../../shared/domain/regulation/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'klachten-procedure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('beside the regulation JSON: X.json -> X.procedure.json', () => {
  expect(procedureFileFor('/var/task/regulation.json')).toBe('/var/task/regulation.procedure.json');
  expect(procedureFileFor('/data/regulations/demo.json')).toBe('/data/regulations/demo.procedure.json');
});

test('written at compile time as the summary renders it, per version, in Dutch and English, and read back the same', async () => {
  const regulations = await loadTenantFile('tenants/occure.yaml');
  expect(regulations.versions.length).toBeGreaterThan(1);
  const file = join(dir, 'occure.json');
  writeFileSync(procedureFileFor(file), procedureJson(regulations));
  const texts = readProcedureTexts(file);
  expect([...texts.keys()]).toEqual(regulations.versions.map((r) => r.version));
  for (const regulation of regulations.versions) {
    expect(texts.get(regulation.version)).toEqual({
      nl: renderProcedureSummary(regulation, { lang: 'nl' }),
      en: renderProcedureSummary(regulation, { lang: 'en' }),
    });
  }
});

test('a missing or malformed file is a clear error at cold start', () => {
  expect(() => readProcedureTexts(join(dir, 'absent.json'))).toThrow(/absent\.procedure\.json: the procedure texts of the regulation cannot be read .*regenerate/);
  const bad = join(dir, 'bad.json');
  writeFileSync(procedureFileFor(bad), JSON.stringify({ nl: 'alleen Nederlands' }));
  expect(() => readProcedureTexts(bad)).toThrow(/bad\.procedure\.json does not hold the procedure texts/);
  const half = join(dir, 'half.json');
  writeFileSync(procedureFileFor(half), JSON.stringify({ '2019': { nl: 'tekst', en: 'text' }, '2025': { nl: 'alleen Nederlands' } }));
  expect(() => readProcedureTexts(half)).toThrow(/half\.procedure\.json does not hold the procedure texts per version/);
});
