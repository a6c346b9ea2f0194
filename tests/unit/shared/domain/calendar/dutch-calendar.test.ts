import { describe, expect, test } from 'vitest';
import { Random } from '../../../../../tools/seed/random.ts';
import { DECREE_BRIDGE_DAYS, WorkingCalendar, addDays, calendarSettingsSchema, easterSunday, fromDayNumber, toDayNumber, weekdayOf } from '../../../../../shared/domain/calendar/index.ts';

const standard = WorkingCalendar.dutch();

describe('settings', () => {
  test('every field has a default: the Atw calendar', () => {
    expect(calendarSettingsSchema.parse({})).toEqual({
      holidays: 'nl-atw',
      goodFriday: true,
      liberationDay: 'every-year',
      decreeBridgeDays: true,
      closingDays: [],
    });
  });

  test('closing days must be real calendar days', () => {
    const result = calendarSettingsSchema.safeParse({ closingDays: ['2026-12-31', '2026-02-30'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['closingDays', 1]);
    expect(result.error?.issues[0]?.message).toMatch(/real calendar day/);
    expect(() => new WorkingCalendar({ closingDays: ['31-12-2026'] })).toThrow();
  });

  test('an unknown 5 May rule is rejected', () => {
    expect(calendarSettingsSchema.safeParse({ liberationDay: 'sometimes' }).success).toBe(false);
  });

  test('a calendar keeps its settings: later changes to the input do not leak in', () => {
    const closingDays = ['2026-12-28'];
    const calendar = new WorkingCalendar({ closingDays });
    closingDays.push('2026-12-29');
    expect(calendar.isWorkingDay('2026-12-29')).toBe(true);
    expect(() => (calendar.settings.closingDays as string[]).push('2026-12-30')).toThrow(TypeError);
  });

  test('dutch() shares one calendar per distinct settings', () => {
    expect(WorkingCalendar.dutch()).toBe(WorkingCalendar.dutch({}));
    expect(WorkingCalendar.dutch({ closingDays: ['2026-12-31', '2026-12-30'] })).toBe(WorkingCalendar.dutch({ closingDays: ['2026-12-30', '2026-12-31'] }));
    expect(WorkingCalendar.dutch({ goodFriday: false })).not.toBe(WorkingCalendar.dutch());
  });
});

describe('Easter computus', () => {
  test.each([
    [1818, '1818-03-22'], // earliest possible date
    [1900, '1900-04-15'],
    [1943, '1943-04-25'], // latest possible date
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  test('every Easter 1900-2200 is a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = easterSunday(year);
      const inRange = easter >= `${year}-03-22` && easter <= `${year}-04-25`;
      if (weekdayOf(easter) !== 7 || !inRange) expect({ year, easter }).toBe('a Sunday 22 Mar - 25 Apr');
    }
  });
});

describe('default calendar: holidays and their names', () => {
  test.each([
    ['2026-01-01', 'Nieuwjaarsdag'],
    ['2025-04-18', 'Goede Vrijdag'],
    ['2025-04-21', 'Tweede Paasdag'],
    ['2026-04-27', 'Koningsdag'],
    ['2025-05-05', 'Bevrijdingsdag'],
    ['2025-05-29', 'Hemelvaartsdag'],
    ['2025-06-09', 'Tweede Pinksterdag'],
    ['2025-12-25', 'Eerste Kerstdag'],
    ['2025-12-26', 'Tweede Kerstdag'],
    ['2025-05-30', 'brugdag (besluit)'],
    ['2025-06-07', 'weekend'],
    ['2025-06-08', 'weekend'], // Pinksteren is a Sunday anyway
  ])('%s is not a working day: %s', (date, reason) => {
    expect(standard.isWorkingDay(date)).toBe(false);
    expect(standard.nonWorkingReason(date)).toBe(reason);
  });

  test.each(['2025-04-17', '2025-04-22', '2025-05-06', '2025-05-28', '2025-06-10', '2025-12-24', '2025-12-31', '2026-01-05'])('%s is a working day', (date) => {
    expect(standard.isWorkingDay(date)).toBe(true);
    expect(standard.nonWorkingReason(date)).toBeUndefined();
  });

  test('a holiday on a weekend day is named after the holiday', () => {
    expect(standard.nonWorkingReason('2027-12-25')).toBe('Eerste Kerstdag'); // a Saturday
    expect(standard.nonWorkingReason('2022-01-01')).toBe('Nieuwjaarsdag'); // a Saturday
  });

  test('every Ascension Day 1900-2200 is a Thursday off, every Whit Monday a Monday off', () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = easterSunday(year);
      expect(standard.nonWorkingReason(addDays(easter, 39))).toBe('Hemelvaartsdag');
      expect(standard.nonWorkingReason(addDays(easter, 50))).toBe('Tweede Pinksterdag');
      expect(standard.nonWorkingReason(addDays(easter, 1))).toBe('Tweede Paasdag');
    }
  });
});

describe('Koningsdag', () => {
  test('27 April on a weekday', () => {
    expect(standard.nonWorkingReason('2026-04-27')).toBe('Koningsdag');
    expect(standard.isWorkingDay('2026-04-28')).toBe(true);
  });

  test('27 April 2025 was a Sunday, so Koningsdag was Saturday 26 April; Monday 28 April is a working day', () => {
    expect(weekdayOf('2025-04-27')).toBe(7);
    expect(standard.nonWorkingReason('2025-04-26')).toBe('Koningsdag');
    expect(standard.nonWorkingReason('2025-04-27')).toBe('weekend');
    expect(standard.isWorkingDay('2025-04-28')).toBe(true);
    expect(standard.addWorkingDays('2025-04-25', 1)).toBe('2025-04-28');
  });

  test('on a Saturday (27 April 2024) it stays there and Friday 26 April is a working day', () => {
    expect(standard.nonWorkingReason('2024-04-27')).toBe('Koningsdag');
    expect(standard.isWorkingDay('2024-04-26')).toBe(true);
  });

  test('the next Sunday case, 2031, also moves to Saturday 26 April', () => {
    expect(standard.nonWorkingReason('2031-04-26')).toBe('Koningsdag');
    expect(standard.isWorkingDay('2031-04-28')).toBe(true);
  });
});

describe('5 May (Bevrijdingsdag)', () => {
  const lustrum = WorkingCalendar.dutch({ liberationDay: 'lustrum-years' });
  const never = WorkingCalendar.dutch({ liberationDay: 'never' });

  test('every year by default (Atw)', () => {
    for (const date of ['2025-05-05', '2026-05-05', '2027-05-05', '2045-05-05']) expect(standard.isWorkingDay(date)).toBe(false);
  });

  test('lustrum years only: 2025, 2045, 2050 off; 2026, 2027, 2048 working', () => {
    for (const date of ['2025-05-05', '2045-05-05', '2050-05-05']) expect(lustrum.nonWorkingReason(date)).toBe('Bevrijdingsdag');
    for (const date of ['2026-05-05', '2027-05-05', '2048-05-05']) expect(lustrum.isWorkingDay(date)).toBe(true);
  });

  test('never', () => {
    for (const date of ['2025-05-05', '2026-05-05', '2045-05-05']) expect(never.isWorkingDay(date)).toBe(true);
  });

  test('when Ascension falls on 5 May (2016) it is Ascension, whatever the setting', () => {
    expect(standard.nonWorkingReason('2016-05-05')).toBe('Hemelvaartsdag');
    expect(never.nonWorkingReason('2016-05-05')).toBe('Hemelvaartsdag');
  });

  test('a deadline across 5 May 2026 depends on the setting', () => {
    expect(standard.addWorkingDays('2026-05-04', 1)).toBe('2026-05-06');
    expect(lustrum.addWorkingDays('2026-05-04', 1)).toBe('2026-05-05');
    expect(lustrum.addWorkingDays('2025-05-02', 1)).toBe('2025-05-06');
  });
});

describe('Goede Vrijdag switch', () => {
  const withoutGoodFriday = WorkingCalendar.dutch({ goodFriday: false });

  test('off: Good Friday is a working day, Easter Monday still is not', () => {
    expect(withoutGoodFriday.isWorkingDay('2025-04-18')).toBe(true);
    expect(withoutGoodFriday.isWorkingDay('2025-04-21')).toBe(false);
  });

  test('the day after Maundy Thursday', () => {
    expect(standard.addWorkingDays('2025-04-17', 1)).toBe('2025-04-22');
    expect(withoutGoodFriday.addWorkingDays('2025-04-17', 1)).toBe('2025-04-18');
  });
});

describe('decree bridge days', () => {
  const withoutBridgeDays = WorkingCalendar.dutch({ decreeBridgeDays: false });

  test('every listed day is a weekday off by default and a working day when switched off', () => {
    expect(DECREE_BRIDGE_DAYS).toHaveLength(10);
    for (const date of DECREE_BRIDGE_DAYS) {
      expect(weekdayOf(date)).toBeLessThanOrEqual(5);
      expect(standard.nonWorkingReason(date)).toBe('brugdag (besluit)');
      expect(withoutBridgeDays.isWorkingDay(date)).toBe(true);
    }
  });

  test('data, not a rule: the Friday after Ascension 2029 is not in a decree yet', () => {
    expect(weekdayOf('2029-05-11')).toBe(5);
    expect(standard.isWorkingDay('2029-05-11')).toBe(true);
  });

  test('the list cannot be changed at run time', () => {
    expect(() => (DECREE_BRIDGE_DAYS as string[]).push('2029-05-11')).toThrow(TypeError);
  });
});

describe('tenant closing days', () => {
  const closedBetweenTheYears = WorkingCalendar.dutch({
    closingDays: ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'],
  });

  test('are not working days and are named as such', () => {
    expect(closedBetweenTheYears.nonWorkingReason('2026-12-29')).toBe('sluitingsdag');
    expect(standard.isWorkingDay('2026-12-29')).toBe(true);
  });

  test('a closing day on a weekend reads as weekend, on a holiday as the holiday', () => {
    const calendar = new WorkingCalendar({ closingDays: ['2026-12-26', '2026-12-27', '2026-12-25'] });
    expect(calendar.nonWorkingReason('2026-12-27')).toBe('weekend');
    expect(calendar.nonWorkingReason('2026-12-25')).toBe('Eerste Kerstdag');
  });

  test('push a deadline across the year boundary', () => {
    expect(standard.addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(closedBetweenTheYears.addWorkingDays('2026-12-24', 1)).toBe('2027-01-04');
    expect(closedBetweenTheYears.subtractWorkingDays('2027-01-04', 1)).toBe('2026-12-24');
  });
});

describe('working-day arithmetic around the turn of the year', () => {
  test('Christmas, Nieuwjaarsdag and the bridge day of 2 January 2026', () => {
    expect(standard.addWorkingDays('2025-12-24', 1)).toBe('2025-12-29');
    expect(standard.addWorkingDays('2025-12-24', 3)).toBe('2025-12-31');
    expect(standard.addWorkingDays('2025-12-24', 4)).toBe('2026-01-05');
    expect(WorkingCalendar.dutch({ decreeBridgeDays: false }).addWorkingDays('2025-12-24', 4)).toBe('2026-01-02');
  });

  test('counting back over the same days', () => {
    expect(standard.subtractWorkingDays('2026-01-05', 1)).toBe('2025-12-31');
    expect(standard.subtractWorkingDays('2026-01-05', 4)).toBe('2025-12-24');
    expect(standard.subtractWorkingDays('2025-12-29', 1)).toBe('2025-12-24');
  });

  test('1 January on a Friday (2027): the next working day is Monday 4 January', () => {
    expect(standard.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(standard.nextWorkingDayOnOrAfter('2027-01-01')).toBe('2027-01-04');
  });

  test('a whole year of working days in one jump', () => {
    // 2025 has 365 days, 104 weekend days and 10 weekday holidays or bridge days
    // (1 Jan, Goede Vrijdag, Tweede Paasdag, 5 May, Ascension, 30 May, Whit Monday, 25 and 26 Dec; Koningsdag is a Saturday).
    expect(standard.addWorkingDays('2024-12-31', 252)).toBe('2025-12-31');
    expect(standard.subtractWorkingDays('2025-12-31', 251)).toBe('2025-01-02');
  });
});

describe('nextWorkingDayOnOrAfter, addWorkingDays, subtractWorkingDays: edge values', () => {
  test('a working day is its own next working day; a holiday weekend is skipped', () => {
    expect(standard.nextWorkingDayOnOrAfter('2025-04-22')).toBe('2025-04-22');
    expect(standard.nextWorkingDayOnOrAfter('2025-04-18')).toBe('2025-04-22');
    expect(standard.nextWorkingDayOnOrAfter('2025-12-25')).toBe('2025-12-29');
  });

  test('from a non-working day, the first working day after it counts as one', () => {
    expect(standard.addWorkingDays('2025-04-19', 1)).toBe('2025-04-22');
    expect(standard.subtractWorkingDays('2025-04-21', 1)).toBe('2025-04-17');
  });

  test('zero is the day itself; negative counts go the other way; fractions are refused', () => {
    expect(standard.addWorkingDays('2025-04-19', 0)).toBe('2025-04-19');
    expect(standard.subtractWorkingDays('2025-04-19', 0)).toBe('2025-04-19');
    expect(standard.addWorkingDays('2025-04-22', -1)).toBe('2025-04-17');
    expect(standard.subtractWorkingDays('2025-04-17', -1)).toBe('2025-04-22');
    expect(() => standard.addWorkingDays('2025-04-22', 1.5)).toThrow(RangeError);
    expect(() => standard.addWorkingDays('2025-04-31', 1)).toThrow(RangeError);
  });
});

describe('against a day-by-day count, 1900-2200', () => {
  function stepWorkingDays(calendar: WorkingCalendar, from: string, n: number, direction: 1 | -1): string {
    let day = toDayNumber(from);
    for (let counted = 0; counted < n; ) {
      day += direction;
      if (calendar.isWorkingDay(fromDayNumber(day))) counted++;
    }
    return fromDayNumber(day);
  }

  test.each([
    ['default', {}],
    [
      'lustrum, no Good Friday, no bridge days, closing days',
      {
        liberationDay: 'lustrum-years' as const,
        goodFriday: false,
        decreeBridgeDays: false,
        closingDays: ['2025-12-29', '2025-12-30', '2025-12-31', '1999-12-31', '2100-06-01'],
      },
    ],
  ])('%s calendar: 3000 random anchors and counts agree', (_label, settings) => {
    const calendar = new WorkingCalendar(settings);
    // A seeded generator keeps the sample the same on every run.
    const seeded = new Random(20260424);
    const random = (): number => seeded.next();
    const first = toDayNumber('1900-01-01');
    const last = toDayNumber('2199-06-30');
    for (let i = 0; i < 3000; i++) {
      const anchor = fromDayNumber(first + Math.floor(random() * (last - first)));
      const n = Math.floor(random() * (i % 10 === 0 ? 800 : 40));
      const forward = calendar.addWorkingDays(anchor, n);
      const backward = calendar.subtractWorkingDays(anchor, n);
      const expectedForward = stepWorkingDays(calendar, anchor, n, 1);
      const expectedBackward = stepWorkingDays(calendar, anchor, n, -1);
      if (forward !== expectedForward || backward !== expectedBackward) {
        expect({ anchor, n, forward, backward }).toEqual({ anchor, n, forward: expectedForward, backward: expectedBackward });
      }
    }
  });
});
