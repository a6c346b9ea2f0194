// Conditions with "any of": when they hold (conditionHolds), and how the procedure text says them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Condition, type Regulation, conditionHolds, parseRegulation, renderProcedureSummary } from '../../../../../shared/domain/regulation/index.ts';

const ROOT = fileURLToPath(new URL('../../../../..', import.meta.url));

type Raw = any;

/** The demo tenant, with a category scheme (care, billing) and `edit` applied. */
function demo(edit: (raw: Raw) => void = () => {}): Regulation {
  const raw = parse(readFileSync(resolve(ROOT, 'tenants/demo.yaml'), 'utf8')) as Raw;
  raw.categorySchemes = [
    {
      id: 'topic',
      label: { nl: 'Onderwerp', en: 'Topic' },
      classifiedBy: 'coordinator',
      categories: [
        { id: 'care', label: { nl: 'zorg', en: 'care' } },
        { id: 'billing', label: { nl: 'facturen', en: 'billing' } },
      ],
      citation: { article: 'art. 1' },
    },
  ];
  edit(raw);
  const result = parseRegulation(raw);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.regulation;
}

const RECEIVED = '2026-04-24T10:00:00+02:00';

describe('anyOf', () => {
  const reg = demo();
  const holds = (condition: Condition, facts: { categories?: string[]; channel?: string; happened?: Record<string, string> }) =>
    conditionHolds(reg, condition, {
      happened: { received: RECEIVED, ...facts.happened },
      ...(facts.categories ? { categories: facts.categories } : {}),
      ...(facts.channel ? { channel: facts.channel } : {}),
    });
  const eitherBillingOrPhone: Condition = { anyOf: [{ categories: ['billing'] }, { channels: ['phone'] }] };

  test('holds when any alternative holds, and not when none does', () => {
    expect(holds(eitherBillingOrPhone, { categories: ['billing'], channel: 'form' })).toBe(true);
    expect(holds(eitherBillingOrPhone, { categories: ['care'], channel: 'phone' })).toBe(true);
    expect(holds(eitherBillingOrPhone, { categories: ['care'], channel: 'form' })).toBe(false);
  });

  test('with other fields, every field must hold as well ("and"); an alternative is a whole condition ("and" inside)', () => {
    const condition: Condition = { event: 'ruling-sent', anyOf: [{ categories: ['billing'], channels: ['phone'] }, { categories: ['care'] }] };
    expect(holds(condition, { categories: ['care'] })).toBe(false);
    expect(holds(condition, { categories: ['care'], happened: { 'ruling-sent': RECEIVED } })).toBe(true);
    expect(holds(condition, { categories: ['billing'], channel: 'form', happened: { 'ruling-sent': RECEIVED } })).toBe(false);
    expect(holds(condition, { categories: ['billing'], channel: 'phone', happened: { 'ruling-sent': RECEIVED } })).toBe(true);
  });

  test('nests under not: "neither billing nor by phone"', () => {
    const neither: Condition = { not: eitherBillingOrPhone };
    expect(holds(neither, { categories: ['care'], channel: 'form' })).toBe(true);
    expect(holds(neither, { categories: ['care'], channel: 'phone' })).toBe(false);
  });

  test('the procedure text says the alternatives with "or"', () => {
    const withAnyOf = demo((raw) => {
      raw.milestones[2].appliesWhen = { anyOf: [{ event: 'not-taken-up' }, { categories: ['billing'] }] };
    });
    expect(renderProcedureSummary(withAnyOf, { lang: 'en' })).toContain('(only if decided not to take the complaint up, or billing)');
    expect(renderProcedureSummary(withAnyOf, { lang: 'nl' })).toContain('(alleen als besloten de klacht niet in behandeling te nemen, of facturen)');
    const withMore = demo((raw) => {
      raw.milestones[2].appliesWhen = { channels: ['phone'], anyOf: [{ event: 'not-taken-up' }, { categories: ['billing'] }] };
    });
    expect(renderProcedureSummary(withMore, { lang: 'en' })).toContain('(only if phone; (decided not to take the complaint up, or billing))');
  });
});
