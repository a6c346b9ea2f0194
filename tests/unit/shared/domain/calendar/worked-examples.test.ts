// The worked examples of shared/reference/dutch-deadlines.md, pinned row by row.
import { describe, expect, test } from 'vitest';
import { WorkingCalendar, dueDate, type Period } from '../../../../../shared/domain/calendar/index.ts';

const workingDays = (amount: number): Period => ({ unit: 'working-days', amount });
const weeks = (amount: number): Period => ({ unit: 'weeks', amount });
const months = (amount: number): Period => ({ unit: 'months', amount });

describe('worked examples (default calendar, end-day rule on)', () => {
  const calendar = WorkingCalendar.dutch();

  test.each([
    ['Fri 24 Apr 2026 + 5 working days skips Koningsdag Mon 27 Apr', '2026-04-24', workingDays(5), '2026-05-04'],
    ['Thu 1 May 2025 + 5 working days skips 5 May', '2025-05-01', workingDays(5), '2025-05-09'],
    ['Wed 28 May 2025 + 5 working days skips Ascension and the bridge day', '2025-05-28', workingDays(5), '2025-06-06'],
    ['Fri 31 Jan 2025 + 1 month is clamped to 28 Feb', '2025-01-31', months(1), '2025-02-28'],
    ['Mon 16 Mar 2026 + 6 weeks lands on Koningsdag and moves a day', '2026-03-16', weeks(6), '2026-04-28'],
    ['Fri 4 Dec 2026 + 4 weeks lands on Nieuwjaarsdag, then the weekend', '2026-12-04', weeks(4), '2027-01-04'],
  ])('%s', (_label, anchor, period, expected) => {
    expect(dueDate(anchor, period, calendar)).toBe(expected);
  });

  test('Tue 3 Mar 2026 + 6 weeks + 4 weeks extension is Tue 12 May 2026', () => {
    expect(dueDate('2026-03-03', weeks(6), calendar, { extensions: [weeks(4)] })).toBe('2026-05-12');
  });

  test('a tenant that does not count 5 May: Thu 1 May 2025 + 5 working days is Thu 8 May 2025', () => {
    const without5May = WorkingCalendar.dutch({ liberationDay: 'never' });
    expect(dueDate('2025-05-01', workingDays(5), without5May)).toBe('2025-05-08');
  });
});
