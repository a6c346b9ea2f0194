import { expect, test } from 'vitest';
import { isoWeek } from '../../../../../shared/domain/complaint/sweep-deadlines.ts';

test('ISO weeks: the week belongs to the year of its Thursday', () => {
  expect(isoWeek('2026-01-01')).toBe('2026-W01');
  expect(isoWeek('2021-01-01')).toBe('2020-W53');
  expect(isoWeek('2024-12-30')).toBe('2025-W01');
  expect(isoWeek('2026-06-01')).toBe('2026-W23');
  expect(isoWeek('2026-06-07')).toBe('2026-W23');
  expect(isoWeek('2026-06-08')).toBe('2026-W24');
});
