import { describe, expect, test } from 'vitest';
import { WorkingCalendar, describePeriod, dueDate, periodSchema, reminderDate, type Period } from '../../../../../shared/domain/calendar/index.ts';

const calendar = WorkingCalendar.dutch();
const workingDays = (amount: number): Period => ({ unit: 'working-days', amount });
const calendarDays = (amount: number): Period => ({ unit: 'calendar-days', amount });
const weeks = (amount: number): Period => ({ unit: 'weeks', amount });
const months = (amount: number): Period => ({ unit: 'months', amount });
const sameDay: Period = { unit: 'same-day', amount: 0 };
const noEndDayRule = { endDayRule: false };

describe('periodSchema', () => {
  test('accepts each unit with a whole amount >= 0', () => {
    for (const period of [workingDays(5), calendarDays(0), weeks(6), months(1), sameDay]) {
      expect(periodSchema.parse(period)).toEqual(period);
    }
  });

  test('same-day requires amount 0, with a message that says so, on the amount', () => {
    const result = periodSchema.safeParse({ unit: 'same-day', amount: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['amount']);
    expect(result.error?.issues[0]?.message).toMatch(/'same-day' period has amount 0/);
  });

  test.each([[{ unit: 'weeks', amount: -1 }], [{ unit: 'weeks', amount: 1.5 }], [{ unit: 'weeks' }], [{ unit: 'fortnights', amount: 1 }], [{ unit: 'weeks', amount: '6' }]])('rejects %j', (input) => {
    expect(periodSchema.safeParse(input).success).toBe(false);
  });
});

describe('calendar days', () => {
  test('anchor + N, moved off a Sunday by the end-day rule', () => {
    expect(dueDate('2026-03-01', calendarDays(21), calendar)).toBe('2026-03-23');
    expect(dueDate('2026-03-01', calendarDays(21), calendar, noEndDayRule)).toBe('2026-03-22');
    expect(dueDate('2026-03-02', calendarDays(21), calendar)).toBe('2026-03-23');
  });

  test('over the turn of the year: Nieuwjaarsdag, the bridge day and the weekend', () => {
    expect(dueDate('2025-12-20', calendarDays(12), calendar)).toBe('2026-01-05');
    expect(dueDate('2025-12-20', calendarDays(12), WorkingCalendar.dutch({ decreeBridgeDays: false }))).toBe('2026-01-02');
  });
});

describe('weeks', () => {
  test('the same weekday N weeks later', () => {
    expect(dueDate('2025-12-23', weeks(1), calendar)).toBe('2025-12-30');
    expect(dueDate('2025-06-04', weeks(6), calendar)).toBe('2025-07-16');
  });

  test('landing on Christmas moves past the Christmas weekend', () => {
    expect(dueDate('2025-12-18', weeks(1), calendar)).toBe('2025-12-29');
    expect(dueDate('2025-12-18', weeks(1), calendar, noEndDayRule)).toBe('2025-12-25');
  });
});

describe('months: same day number, clamped to the last day of a shorter month', () => {
  test.each([
    ['31 Jan 2024 + 1 (leap year)', '2024-01-31', 1, '2024-02-29'],
    ['29 Feb 2024 + 1 is 29 Mar, not 31 Mar', '2024-02-29', 1, '2024-03-29'],
    ['29 Feb 2024 + 12', '2024-02-29', 12, '2025-02-28'],
    ['31 Mar 2025 + 1', '2025-03-31', 1, '2025-04-30'],
    ['31 Aug 2025 + 1', '2025-08-31', 1, '2025-09-30'],
    ['31 Dec 2025 + 2 (over the year)', '2025-12-31', 2, '2026-02-28'],
    ['15 Nov 2025 + 3 (over the year)', '2025-11-15', 3, '2026-02-15'],
    ['31 Jan 1900 + 1 (1900 is no leap year)', '1900-01-31', 1, '1900-02-28'],
    ['31 Jan 2000 + 1 (2000 is one)', '2000-01-31', 1, '2000-02-29'],
    ['30 Jan 2100 + 1 (2100 is not)', '2100-01-30', 1, '2100-02-28'],
    ['31 May 2025 + 25', '2025-05-31', 25, '2027-06-30'],
  ])('%s', (_label, anchor, amount, expected) => {
    expect(dueDate(anchor, months(amount), calendar, noEndDayRule)).toBe(expected);
  });

  test('with the end-day rule: 29 Mar 2024 was Good Friday, so the due date is Tue 2 Apr', () => {
    expect(dueDate('2024-02-29', months(1), calendar)).toBe('2024-04-02');
    expect(dueDate('2024-02-29', months(1), WorkingCalendar.dutch({ goodFriday: false }))).toBe('2024-03-29');
  });

  test('with the end-day rule: 28 Feb 2026 is a Saturday', () => {
    expect(dueDate('2025-12-31', months(2), calendar)).toBe('2026-03-02');
  });
});

describe('working days', () => {
  test('always end on a working day, with or without the end-day rule', () => {
    expect(dueDate('2026-04-24', workingDays(5), calendar, noEndDayRule)).toBe('2026-05-04');
    expect(dueDate('2025-12-24', workingDays(4), calendar)).toBe('2026-01-05');
  });

  test('the anchor is not counted, even when it is a working day', () => {
    expect(dueDate('2025-06-02', workingDays(1), calendar)).toBe('2025-06-03');
  });
});

describe('end-day rule off', () => {
  test.each([
    ['6 weeks ending on Koningsdag', '2026-03-16', weeks(6), '2026-04-27'],
    ['4 weeks ending on Nieuwjaarsdag', '2026-12-04', weeks(4), '2027-01-01'],
    ['1 month ending on a Saturday', '2026-01-28', months(1), '2026-02-28'],
    ['10 calendar days ending on the bridge day', '2025-05-20', calendarDays(10), '2025-05-30'],
  ])('%s stays there', (_label, anchor, period, expected) => {
    expect(dueDate(anchor, period, calendar, noEndDayRule)).toBe(expected);
    expect(dueDate(anchor, period, calendar)).not.toBe(expected);
  });
});

describe('zero-length periods end on the anchor day itself', () => {
  test('same-day on a working day and on a Saturday: no end-day shift', () => {
    expect(dueDate('2025-06-04', sameDay, calendar)).toBe('2025-06-04');
    expect(dueDate('2025-06-07', sameDay, calendar)).toBe('2025-06-07');
    expect(dueDate('2025-12-25', sameDay, calendar)).toBe('2025-12-25');
  });

  test('amount 0 of any unit is the anchor day too', () => {
    for (const period of [workingDays(0), calendarDays(0), weeks(0), months(0)]) {
      expect(dueDate('2025-06-07', period, calendar)).toBe('2025-06-07');
    }
  });

  test('a same-day period with an extension is a real period again and gets the end-day rule', () => {
    expect(dueDate('2025-06-07', sameDay, calendar, { extensions: [calendarDays(7)] })).toBe('2025-06-16');
  });
});

describe('extensions', () => {
  test('add to the unextended end date, not to the date the end-day rule would give', () => {
    // 16 Mar 2026 + 6 weeks = Mon 27 Apr (Koningsdag). + 1 week = Mon 4 May, a working day.
    // Moving first would give Tue 28 Apr + 1 week = Tue 5 May (Bevrijdingsdag) -> Wed 6 May.
    expect(dueDate('2026-03-16', weeks(6), calendar, { extensions: [weeks(1)] })).toBe('2026-05-04');
  });

  test('in working days, counted from the unextended end even when that is a holiday', () => {
    expect(dueDate('2026-03-16', weeks(6), calendar, { extensions: [workingDays(2)] })).toBe('2026-04-29');
  });

  test('the end-day rule applies once, to the final date', () => {
    // 3 Mar 2026 + 6 weeks + 3 weeks = Tue 5 May 2026 (Bevrijdingsdag) -> Wed 6 May.
    expect(dueDate('2026-03-03', weeks(6), calendar, { extensions: [weeks(3)] })).toBe('2026-05-06');
    expect(dueDate('2026-03-03', weeks(6), calendar, { extensions: [weeks(3)], endDayRule: false })).toBe('2026-05-05');
  });

  test('several extensions add up in order; month extensions clamp from the unextended end', () => {
    expect(dueDate('2026-03-03', weeks(6), calendar, { extensions: [weeks(2), weeks(2)] })).toBe('2026-05-12');
    // 31 Jan 2025 + 1 month = 28 Feb; + 1 month = 28 Mar (not 31 Mar).
    expect(dueDate('2025-01-31', months(1), calendar, { extensions: [months(1)] })).toBe('2025-03-28');
  });

  test('an empty list changes nothing', () => {
    expect(dueDate('2026-03-16', weeks(6), calendar, { extensions: [] })).toBe('2026-04-28');
  });
});

describe('reminderDate: counted back on working days, no end-day rule', () => {
  test('across Koningsdag and a weekend', () => {
    expect(reminderDate('2026-04-28', 2, calendar)).toBe('2026-04-23');
    expect(reminderDate('2026-04-28', 1, calendar)).toBe('2026-04-24');
  });

  test('across the bridge day and Ascension', () => {
    expect(reminderDate('2025-06-02', 2, calendar)).toBe('2025-05-27');
  });

  test('across the turn of the year', () => {
    expect(reminderDate('2026-01-05', 3, calendar)).toBe('2025-12-29');
  });

  test('from a due date on a holiday (end-day rule off), and with lead 0', () => {
    expect(reminderDate('2026-04-27', 1, calendar)).toBe('2026-04-24');
    expect(reminderDate('2026-04-27', 0, calendar)).toBe('2026-04-27');
  });

  test('refuses a negative or fractional lead', () => {
    expect(() => reminderDate('2026-04-28', -1, calendar)).toThrow(RangeError);
    expect(() => reminderDate('2026-04-28', 0.5, calendar)).toThrow(RangeError);
  });
});

describe('dueDate refuses bad input instead of guessing', () => {
  test.each([
    ['an impossible anchor', () => dueDate('2025-02-29', weeks(1), calendar)],
    ['a negative amount', () => dueDate('2025-02-28', weeks(-1), calendar)],
    ['a fractional amount', () => dueDate('2025-02-28', calendarDays(1.5), calendar)],
    ['same-day with an amount', () => dueDate('2025-02-28', { unit: 'same-day', amount: 3 }, calendar)],
    ['an unknown unit', () => dueDate('2025-02-28', { unit: 'fortnights', amount: 1 } as unknown as Period, calendar)],
    ['a bad extension', () => dueDate('2025-02-28', weeks(1), calendar, { extensions: [weeks(-4)] })],
  ])('%s', (_label, compute) => {
    expect(compute).toThrow(RangeError);
  });
});

describe('describePeriod', () => {
  test.each([
    [workingDays(5), 'vijf werkdagen', '5 working days'],
    [workingDays(1), '1 werkdag', '1 working day'],
    [months(1), '1 maand', '1 month'],
    [months(3), 'drie maanden', '3 months'],
    [weeks(6), 'zes weken', '6 weeks'],
    [weeks(1), '1 week', '1 week'],
    [calendarDays(21), '21 dagen', '21 days'],
    [calendarDays(14), 'veertien dagen', '14 days'],
    [workingDays(0), '0 werkdagen', '0 working days'],
    [sameDay, 'dezelfde dag', 'the same day'],
  ])('%j: %s / %s', (period, nl, en) => {
    expect(describePeriod(period, 'nl')).toBe(nl);
    expect(describePeriod(period, 'en')).toBe(en);
  });
});
