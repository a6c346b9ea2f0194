/**
 * The admin console's script and page, without a browser (tests/e2e/console.test.ts drives it in
 * Chromium): every word it asks the catalogue for exists in both languages, every field of every
 * form it generates from the API's JSON Schemas has a label and every choice its words, the parts
 * make one script, and the page's policy lets exactly the report's stylesheet in.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openApiDocument } from '../../../../shared/http/openapi.ts';
import { lookup, TEXT_LANGUAGES } from '../../../../shared/texts/index.ts';
import { CONSOLE_JS, CONSOLE_PARTS } from '../../../../web/assets/console-js.ts';
import { CONSOLE_PAGE_POLICY, consoleAuth, consoleConfig } from '../../../../web/console-page.ts';
import { htmlResponse } from '../../../../web/html.ts';
import { renderReportHtml } from '../../../../shared/domain/report/report-html.ts';
import { sampleReport } from '../../../../tools/report/sample-report.ts';
import { STEP_IDS } from '../../../../shared/domain/workflow/steps.ts';
import { loadTenantFile } from '../../../../shared/adapters/regulation-file.ts';
import { newestVersion } from '../../../../shared/domain/regulation/versions.ts';

const DIR = 'web/assets/console';
const SOURCES = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(DIR, f), 'utf8') }));

/** A key as the console's t() reads it: no dot, the console's own; else a full key. */
const fullKey = (key: string) => (key.includes('.') ? key : `console.${key}`);

describe("the console's words", () => {
  test('every text the console asks for by name is in both catalogues', () => {
    const missing: string[] = [];
    for (const { file, text } of SOURCES) {
      const keys = [...text.matchAll(/\bt\('([^']+)'/g)].map((m) => m[1]!).concat([...text.matchAll(/K\.addNav\('[^']*', '([^']+)'/g)].map((m) => m[1]!));
      for (const key of keys) {
        if (key.endsWith('.')) continue; // a prefix completed at run time (checked below where it matters)
        for (const lang of TEXT_LANGUAGES) if (lookup(lang, fullKey(key)) === undefined) missing.push(`${file}: ${key} (${lang})`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('the ids it puts in words at run time have words: statuses of deadlines, letters, audit entries, staff roles', () => {
    const ids: Record<string, readonly string[]> = {
      'console.milestoneState': ['open', 'met', 'escalated', 'missed', 'cancelled'],
      'console.letterState': ['pending', 'done'],
      'console.auditAction': ['subject-export', 'subject-erasure', 'retention-anonymised', 'legal-hold-placed', 'legal-hold-lifted'],
      'console.staffRole': ['coordinator', 'handler', 'complaints-officer', 'director', 'auditor'],
      'console.authorisationState': ['required', 'received', 'not-required'],
    };
    for (const [area, list] of Object.entries(ids)) for (const id of list) for (const lang of TEXT_LANGUAGES) expect(lookup(lang, `${area}.${id}`), `${area}.${id} ${lang}`).toBeDefined();
  });

  test('every field of every generated form has a label, and every choice of an enum its words, in both languages', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: any }> } }>> };
    const body = (method: string, path: string) => doc.paths[path]![method]!.requestBody!.content['application/json']!.schema;
    // The forms the console generates: each step, and the other bodies it sends (web/assets/console/*.ts).
    const forms: Array<[string, any]> = [
      ...STEP_IDS.map((step) => [step, body('post', `/admin/complaints/{reference}/${step}`)] as [string, any]),
      ['intake', body('post', '/admin/complaints')],
      ['measure', body('post', '/admin/measures')],
      ['measure-update', body('patch', '/admin/measures/{id}')],
      ['api-key', body('post', '/admin/api-keys')],
      ['legal-hold', body('post', '/admin/complaints/{reference}/legal-hold')],
      ['status-link', body('post', '/admin/complaints/{reference}/status-link')],
      ['erase', body('post', '/admin/subjects/erase')],
    ];
    const missing: string[] = [];
    const walk = (form: string, schema: any, prefix = '') => {
      for (const [name, prop] of Object.entries<any>(schema.properties ?? {})) {
        const path = prefix ? `${prefix}.${name}` : name;
        const key = path.replace(/\./g, '-');
        for (const lang of TEXT_LANGUAGES) {
          if (lookup(lang, `console.stepField.${form}.${key}`) === undefined && lookup(lang, `console.field.${key}`) === undefined) missing.push(`${form}: ${path} (${lang})`);
          for (const value of prop.enum ?? prop.items?.enum ?? []) {
            if (name !== 'outcome' && lookup(lang, `console.option.${name}.${value}`) === undefined) missing.push(`${form}: ${path} = ${value} (${lang})`);
          }
        }
        if (prop.type === 'object' && prop.properties) walk(form, prop, path);
      }
    };
    for (const [form, schema] of forms) walk(form, schema);
    expect(missing).toEqual([]);
  });

  test("no hand-copied list of the steps' fields: the step forms come from /openapi.json", () => {
    expect(CONSOLE_JS).not.toContain('STEP_FIELDS');
    expect(SOURCES.find((s) => s.file === 'forms.ts')!.text).toContain("'/openapi.json'");
  });
});

describe("the console's script and page", () => {
  test('the parts make one script that calls each with the kit, then starts it', () => {
    expect(CONSOLE_PARTS.length).toBe(5);
    expect(CONSOLE_JS.trim().endsWith('kit.start();})();')).toBe(true);
    // It is JavaScript a browser can compile (no TypeScript left, nothing from outside the parts).
    expect(() => new Function(CONSOLE_JS)).not.toThrow();
    expect(CONSOLE_JS).not.toMatch(/\binnerHTML\b/);
  });

  test('locally it signs in, renews and signs out through the dev issuer', () => {
    expect(consoleAuth({ TENANT_ID: 'demo', JWT_ISSUER: 'http://127.0.0.1:3000/_local/issuer/demo' })).toEqual({
      kind: 'local',
      usersUrl: '/_local/users/demo',
      tokenUrl: '/_local/token',
      revokeUrl: '/_local/revoke',
    });
    expect(consoleAuth({ TENANT_ID: 'demo', JWT_AUDIENCE: 'abc', CONSOLE_AUTH_DOMAIN: 'https://x.auth.eu-west-1.amazoncognito.com' })).toEqual({
      kind: 'cognito',
      domain: 'https://x.auth.eu-west-1.amazoncognito.com',
      clientId: 'abc',
    });
  });

  test("the configuration carries the regulation's choices the forms need", async () => {
    const regulation = newestVersion(await loadTenantFile('tenants/occure.yaml'));
    const config = consoleConfig(regulation, { tenant: 'occure', lang: 'nl', apiBase: '/occure', now: new Date('2026-05-01T10:00:00Z'), auth: { kind: 'none' } });
    expect(config.regulation.representativeKinds).toEqual((regulation.representation?.kinds ?? []).map((k) => ({ id: k.id, label: k.label.nl })));
    expect(config.texts.console.field['handler-email']).toBe('E-mail behandelaar');
  });

  test('the page lets the yearly report show in a frame with its own stylesheet, and nothing else inline', () => {
    const html = renderReportHtml(sampleReport(), 'nl');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles.length).toBe(1);
    expect(html).not.toMatch(/\sstyle="/);
    expect(CONSOLE_PAGE_POLICY.styles).toEqual([`'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`]);
    const csp = htmlResponse(200, '', { styles: [...CONSOLE_PAGE_POLICY.styles], frames: [...CONSOLE_PAGE_POLICY.frames] }).headers!['content-security-policy'] as string;
    expect(csp).toContain(`style-src 'self' ${CONSOLE_PAGE_POLICY.styles[0]}`);
    expect(csp).toContain('frame-src blob:');
    expect(csp).toContain("frame-ancestors 'none'");
    // Other pages keep the plain policy.
    expect(htmlResponse(200, '').headers!['content-security-policy']).not.toContain('frame-src');
  });
});
