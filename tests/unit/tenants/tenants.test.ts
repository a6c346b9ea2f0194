// Every tenant file, and our own regulation: valid, and what the runtime relies on is there.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadTenantFile } from '../../../shared/adapters/regulation-file.ts';
import { COORDINATOR_ROLE, openingMilestones, parseRegulation, roleContact } from '../../../shared/domain/regulation/index.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const files = [
  ...readdirSync(resolve(ROOT, 'tenants'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `tenants/${f}`),
  // Our own regulations and the corpus's: written without code, so they must hold the same.
  ...readdirSync(resolve(ROOT, 'tests/fixtures/regulations'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `tests/fixtures/regulations/${f}`),
];

test('the tenants are the five seeds (Occure one organisation with two versions) and the demo', async () => {
  expect(files.filter((f) => f.startsWith('tenants/')).sort()).toEqual(['demo', 'focus', 'occure', 'ok-ondernemen', 'team-keizer'].map((t) => `tenants/${t}.yaml`).sort());
  const occure = await loadTenantFile(resolve(ROOT, 'tenants/occure.yaml'));
  expect(occure.versions.map((r) => [r.version, r.effectiveFrom, r.source.file])).toEqual([
    ['2019-01-01', '2019-01-01', 'shared/seeds/000_0701becc3795e886.txt'],
    ['2025-01-01', '2025-01-01', 'shared/seeds/004_f46855e260d22c09.txt'],
  ]);
});

describe.each(files)('%s', (file) => {
  test('is valid and carries what the runtime relies on, in every version', async () => {
    const { versions } = await loadTenantFile(resolve(ROOT, file));
    expect(versions.length).toBeGreaterThanOrEqual(1);
    for (const reg of versions) {
      expect(reg.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(reg.version).not.toBe('');
      expect(reg.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(reg.organisation.languages[0]).toBeDefined();
      // The Dutch organisations count in Amsterdam time; the UK and Irish corpus sheets in their own.
      if (!/\/(09|10)-/.test(file)) expect(reg.organisation.timeZone).toBe('Europe/Amsterdam');
      // The coordinator gets the intake notice and the escalations.
      expect(roleContact(reg, COORDINATOR_ROLE)?.email).toMatch(/\.example$/);
      // Staff mail only ever goes to demo domains.
      for (const role of reg.roles) if (role.email) expect(role.email).toMatch(/\.example$/);
      expect(reg.organisation.senderAddress).toMatch(/\.example$/);
      // At most one acknowledgement milestone.
      expect(reg.milestones.filter((m) => m.metBy.includes('acknowledged')).length).toBeLessThanOrEqual(1);
      // The runtime stores the parsed regulation as JSON and parses it again: that round trip is exact.
      const again = parseRegulation(JSON.parse(JSON.stringify(reg)));
      expect(again).toEqual({ ok: true, regulation: reg });
      // Every opening milestone has a due date, an end-of-day instant and a citation.
      for (const m of openingMilestones(reg, new Date('2026-04-24T10:00:00+02:00'))) {
        expect(m.due >= '2026-04-24').toBe(true);
        expect(m.dueAt.getTime()).toBeGreaterThan(new Date('2026-04-24T10:00:00+02:00').getTime());
        expect(m.citation.article).not.toBe('');
      }
    }
  });
});

test('the demo tenant promises an acknowledgement in 5 working days and a decision in 6 weeks', async () => {
  const [reg] = (await loadTenantFile(resolve(ROOT, 'tenants/demo.yaml'))).versions;
  if (!reg) throw new Error('demo has no version');
  const ack = reg.milestones.find((m) => m.metBy.includes('acknowledged'));
  expect(ack).toMatchObject({ anchor: 'received', period: { unit: 'working-days', amount: 5 } });
  expect(reg.milestones.find((m) => m.id === 'handling')).toMatchObject({ period: { unit: 'weeks', amount: 6 }, extension: { times: 1, upTo: { unit: 'weeks', amount: 4 } } });
  expect(reg.objection).toBeDefined();
  expect(reg.external.kind).toBe('fixed');
});
