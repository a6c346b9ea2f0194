/** Moving the register of a tenant that became a version of another: which items go, under which reference. */
import { describe, expect, test } from 'vitest';
import { planMigration, type Item } from '../../../../tools/migrate/plan.ts';

const complaint = (reference: string, version = '2019-01-01'): Item[] => [
  { pk: `C#${reference}`, sk: 'COMPLAINT', reference, tenantId: 'occure-2019', regulationVersion: version, gsi4pk: `YEAR#${reference.slice(3, 7)}`, gsi4sk: reference },
  { pk: `C#${reference}`, sk: 'E#000001', reference, type: 'registered' },
  { pk: `C#${reference}`, sk: 'O#schedule-1', reference, action: { kind: 'schedule', name: `${reference}.written-answer.check` } },
];
const target = { tenantId: 'occure', versions: ['2019-01-01', '2025-01-01'], references: new Set(['KL-2024-000001', 'KL-2024-000002']), sequences: new Map([[2024, 2]]), migrated: new Set<string>() };

describe('planMigration', () => {
  test('a free reference is kept; a taken one gets the next free number of its year, everywhere it is named', () => {
    const source: Item[] = [
      ...complaint('KL-2024-000002'),
      ...complaint('KL-2024-000003'),
      { pk: 'SEQ#2024', sk: 'SEQ', seq: 3 },
      { pk: 'TOKEN#abc', sk: 'TOKEN', reference: 'KL-2024-000002' },
      { pk: 'AUDIT', sk: '2024-12-01#1', references: ['KL-2024-000002', 'KL-2024-000003'] },
      { pk: 'GAPS#2024', sk: 'GAPS', checkedUpTo: 3 },
      { pk: 'MEASURE#M-1', sk: 'MEASURE', id: 'M-1' },
      { pk: 'SEARCH#tok', sk: 'KL-2024-000002', reference: 'KL-2024-000002' },
      { pk: 'C#KL-2024-000002', sk: 'SEARCH', tokens: ['tok'] },
      { pk: 'CALFEED#hash', sk: 'CALFEED', email: 'c@occure.example', roles: ['coordinator'] },
      { pk: 'CALFEEDUSER#c@occure.example', sk: 'CALFEEDUSER', hash: 'hash' },
    ];
    const plan = planMigration(source, target);
    expect(plan.problems).toEqual([]);
    expect(plan.complaints).toBe(2);
    // 000002 is taken in the target; 000003 is free but the old register used it: the renumbered one goes after both.
    expect([...plan.renumbered]).toEqual([['KL-2024-000002', 'KL-2024-000004']]);
    expect([...plan.sequences]).toEqual([[2024, 4]]);
    const moved = plan.items.filter((i) => String(i.pk).startsWith('C#KL-2024-000004'));
    expect(moved.map((i) => i.sk)).toEqual(['COMPLAINT', 'E#000001', 'O#schedule-1']);
    expect(moved[0]).toMatchObject({
      reference: 'KL-2024-000004',
      tenantId: 'occure',
      regulationVersion: '2019-01-01',
      gsi4sk: 'KL-2024-000004',
      migratedFrom: { tenant: 'occure-2019', reference: 'KL-2024-000002' },
    });
    expect(moved[2]).toMatchObject({ action: { name: 'KL-2024-000004.written-answer.check' } });
    expect(plan.items.find((i) => i.pk === 'TOKEN#abc')).toMatchObject({ reference: 'KL-2024-000004' });
    expect(plan.items.find((i) => i.pk === 'AUDIT')).toMatchObject({ references: ['KL-2024-000004', 'KL-2024-000003'] });
    expect(plan.items.find((i) => i.pk === 'C#KL-2024-000003' && i.sk === 'COMPLAINT')).toMatchObject({ reference: 'KL-2024-000003', tenantId: 'occure' });
    // The old tenant's bookkeeping stays behind; the measures register comes along.
    expect(plan.items.some((i) => String(i.pk).startsWith('GAPS#') || String(i.pk).startsWith('SEQ#'))).toBe(false);
    // Search tokens were keyed with the old tenant's search key, calendar feeds are its staff's: they stay behind too.
    expect(plan.items.filter((i) => /^(SEARCH|CALFEED|CALFEEDUSER)#/.test(String(i.pk)) || i.sk === 'SEARCH')).toEqual([]);
    expect(plan.items.some((i) => i.pk === 'MEASURE#M-1')).toBe(true);
  });

  test('a second run moves nothing twice: complaints the target holds from an earlier run stay where they are', () => {
    const plan = planMigration([...complaint('KL-2024-000002'), ...complaint('KL-2024-000003')], { ...target, migrated: new Set(['KL-2024-000002', 'KL-2024-000003']) });
    expect(plan).toMatchObject({ complaints: 0, items: [], problems: [] });
    expect(plan.renumbered.size).toBe(0);
  });

  test('a complaint under a version the target file does not hold stops the migration, saying which', () => {
    const plan = planMigration(complaint('KL-2024-000009', '2018-06-01'), target);
    expect(plan.problems).toEqual(['KL-2024-000009: lives under version "2018-06-01", which occure\'s file does not hold (versions: 2019-01-01, 2025-01-01); add that version to the file first']);
  });
});
