import { describe, expect, test } from 'vitest';
import { addDays, endOfLocalDay, fromDayNumber, instantAt, isIsoDate, localDateOf, localDayNumberOf, toDayNumber, wallClock, weekdayOf } from '../../../../../shared/domain/calendar/index.ts';

const AMSTERDAM = 'Europe/Amsterdam';
const MS_PER_DAY = 86_400_000;

describe('isIsoDate', () => {
  test.each(['2025-01-01', '2024-02-29', '2000-02-29', '1900-02-28', '2025-12-31', '0001-01-01', '9999-12-31'])('accepts %s', (s) => expect(isIsoDate(s)).toBe(true));

  test.each([
    ['2025-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2025-04-31', 'April has 30 days'],
    ['2025-13-01', 'month 13'],
    ['2025-00-10', 'month 0'],
    ['2025-01-00', 'day 0'],
    ['2025-1-01', 'unpadded month'],
    ['2025/01/01', 'slashes'],
    ['2025-01-01T00:00', 'a date-time'],
    [' 2025-01-01', 'leading space'],
    ['２０２５-01-01', 'non-ASCII digits'],
    ['', 'empty'],
  ])('rejects %s (%s)', (s) => expect(isIsoDate(s)).toBe(false));
});

describe('day numbers', () => {
  test('count from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2000-01-01')).toBe(10957);
    expect(toDayNumber('1900-01-01')).toBe(-25567);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(fromDayNumber(20089)).toBe('2025-01-01');
  });

  test('round-trip every day 1900-2200 and agree with Date.UTC', () => {
    const first = Date.UTC(1900, 0, 1) / MS_PER_DAY;
    const last = Date.UTC(2200, 11, 31) / MS_PER_DAY;
    for (let n = first; n <= last; n++) {
      const expected = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
      const actual = fromDayNumber(n);
      if (actual !== expected || toDayNumber(expected) !== n) {
        expect({ n, actual, back: toDayNumber(expected) }).toEqual({ n, actual: expected, back: n });
      }
    }
  });

  test('toDayNumber throws on a date that does not exist', () => {
    expect(() => toDayNumber('2025-02-29')).toThrow(RangeError);
    expect(() => toDayNumber('tomorrow')).toThrow(/YYYY-MM-DD/);
  });

  test('fromDayNumber throws outside what YYYY can spell and on non-integers', () => {
    expect(() => fromDayNumber(toDayNumber('9999-12-31') + 1)).toThrow(RangeError);
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
  });
});

describe('weekdayOf and addDays', () => {
  test('ISO weekdays, Monday 1 .. Sunday 7', () => {
    expect(weekdayOf('2026-04-27')).toBe(1); // Koningsdag 2026, a Monday
    expect(weekdayOf('2025-04-27')).toBe(7); // a Sunday, so Koningsdag 2025 was the 26th
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-28')).toBe(7); // before day 0
    expect(weekdayOf('1900-01-01')).toBe(1);
  });

  test('across month, leap-day and year boundaries, in both directions', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-03-01', -366)).toBe('2023-03-01');
    expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
    expect(() => addDays('2025-06-15', 0.5)).toThrow(RangeError);
  });
});

describe('Europe/Amsterdam day boundaries', () => {
  test('23:30 local is still that day although UTC is already the next (winter, UTC+1)', () => {
    const instant = new Date('2026-03-01T22:30:00Z');
    expect(localDateOf(instant, AMSTERDAM)).toBe('2026-03-01');
    expect(localDateOf(instant, 'UTC')).toBe('2026-03-01');
    expect(localDateOf(new Date('2026-03-01T23:30:00Z'), AMSTERDAM)).toBe('2026-03-02');
    expect(localDateOf(new Date('2026-03-01T23:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  test('23:30 local in summer (UTC+2) and 00:30 local the next morning', () => {
    expect(localDateOf(new Date('2026-06-30T21:30:00Z'), AMSTERDAM)).toBe('2026-06-30');
    expect(localDateOf(new Date('2026-06-30T22:30:00Z'), AMSTERDAM)).toBe('2026-07-01');
  });

  test('the year turns at local midnight', () => {
    expect(localDateOf(new Date('2025-12-31T22:59:59Z'), AMSTERDAM)).toBe('2025-12-31');
    expect(localDateOf(new Date('2025-12-31T23:00:00Z'), AMSTERDAM)).toBe('2026-01-01');
  });

  test('instantAt reads a wall-clock time with the offset of that day', () => {
    expect(instantAt('2026-01-15', '09:00', AMSTERDAM).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(instantAt('2026-07-15', '09:00:30', AMSTERDAM).toISOString()).toBe('2026-07-15T07:00:30.000Z');
    expect(instantAt('2026-03-01', '23:30', AMSTERDAM).toISOString()).toBe('2026-03-01T22:30:00.000Z');
    expect(instantAt('2026-07-15', '00:00', 'UTC').toISOString()).toBe('2026-07-15T00:00:00.000Z');
  });

  test('instantAt rejects malformed times and dates', () => {
    expect(() => instantAt('2026-01-15', '24:00', AMSTERDAM)).toThrow(RangeError);
    expect(() => instantAt('2026-01-15', '9:00', AMSTERDAM)).toThrow(RangeError);
    expect(() => instantAt('2026-01-15', '09:60', AMSTERDAM)).toThrow(RangeError);
    expect(() => instantAt('2026-02-30', '09:00', AMSTERDAM)).toThrow(RangeError);
  });

  test('endOfLocalDay is 23:59:59.000 local, in winter and in summer', () => {
    expect(endOfLocalDay('2026-01-15', AMSTERDAM).toISOString()).toBe('2026-01-15T22:59:59.000Z');
    expect(endOfLocalDay('2026-07-15', AMSTERDAM).toISOString()).toBe('2026-07-15T21:59:59.000Z');
  });
});

describe('around the DST switches (last Sunday of March and October)', () => {
  // 2026: summer time starts Sun 29 March 02:00 -> 03:00, ends Sun 25 October 03:00 -> 02:00.
  test('wall clock jumps from 01:59:59 to 03:00:00 on 29 March 2026', () => {
    expect(wallClock(new Date('2026-03-29T00:59:59Z'), AMSTERDAM)).toBe('2026-03-29T01:59:59');
    expect(wallClock(new Date('2026-03-29T01:00:00Z'), AMSTERDAM)).toBe('2026-03-29T03:00:00');
  });

  test('wall clock repeats 02:00-02:59 on 25 October 2026', () => {
    expect(wallClock(new Date('2026-10-25T00:30:00Z'), AMSTERDAM)).toBe('2026-10-25T02:30:00');
    expect(wallClock(new Date('2026-10-25T01:30:00Z'), AMSTERDAM)).toBe('2026-10-25T02:30:00');
    expect(wallClock(new Date('2026-10-25T02:00:00Z'), AMSTERDAM)).toBe('2026-10-25T03:00:00');
  });

  test('wall clock prints midnight as 00, not 24', () => {
    expect(wallClock(new Date('2026-01-14T23:00:00Z'), AMSTERDAM)).toBe('2026-01-15T00:00:00');
  });

  test('instantAt: a time skipped in March moves forward by the gap', () => {
    expect(instantAt('2026-03-29', '02:30', AMSTERDAM).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantAt('2026-03-29', '01:59:59', AMSTERDAM).toISOString()).toBe('2026-03-29T00:59:59.000Z');
    expect(instantAt('2026-03-29', '03:00', AMSTERDAM).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  test('instantAt: a time that happens twice in October is the earlier one', () => {
    expect(instantAt('2026-10-25', '02:30', AMSTERDAM).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantAt('2026-10-25', '03:00', AMSTERDAM).toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(instantAt('2026-10-25', '01:59', AMSTERDAM).toISOString()).toBe('2026-10-24T23:59:00.000Z');
  });

  test('endOfLocalDay on the 23-hour and the 25-hour day', () => {
    expect(endOfLocalDay('2026-03-29', AMSTERDAM).toISOString()).toBe('2026-03-29T21:59:59.000Z');
    expect(endOfLocalDay('2026-10-25', AMSTERDAM).toISOString()).toBe('2026-10-25T22:59:59.000Z');
    expect(endOfLocalDay('2026-03-28', AMSTERDAM).toISOString()).toBe('2026-03-28T22:59:59.000Z');
    expect(endOfLocalDay('2026-10-24', AMSTERDAM).toISOString()).toBe('2026-10-24T21:59:59.000Z');
  });

  test.each([
    ['March 2026', '2026-03-28T12:00:00Z'],
    ['October 2026', '2026-10-24T12:00:00Z'],
    ['March 2025', '2025-03-29T12:00:00Z'],
    ['October 2025', '2025-10-25T12:00:00Z'],
  ])('wallClock and instantAt round-trip every 7 minutes over two days in %s', (_label, startIso) => {
    const start = Date.parse(startIso);
    for (let t = start; t < start + 2 * MS_PER_DAY; t += 7 * 60_000) {
      const wall = wallClock(new Date(t), AMSTERDAM);
      const [date = '', time = ''] = wall.split('T');
      const back = instantAt(date, time, AMSTERDAM);
      // The second pass through October's repeated hour reads back as the first one.
      const repeatedHour = back.getTime() === t - 3_600_000 && wallClock(back, AMSTERDAM) === wall;
      if (back.getTime() !== t && !repeatedHour) expect({ wall, back: back.toISOString() }).toEqual({ wall, back: new Date(t).toISOString() });
      expect(localDateOf(new Date(t), AMSTERDAM)).toBe(date);
    }
  });
});

describe('localDayNumberOf', () => {
  test('agrees with Intl on every quarter hour around the 2026 daylight-saving changes, and on random instants', () => {
    const instants: number[] = [];
    for (const day of ['2026-03-28', '2026-10-24']) {
      const start = Date.parse(`${day}T00:00:00Z`);
      for (let q = 0; q < 3 * 96; q += 1) instants.push(start + q * 15 * 60_000 + 7 * 60_000);
    }
    for (let i = 0; i < 2_000; i += 1) instants.push(Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 60 * 365 * 86_400_000));
    for (const ms of instants) {
      for (const zone of ['Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata']) {
        const intl = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
        expect(localDayNumberOf(ms, zone), `${new Date(ms).toISOString()} ${zone}`).toBe(toDayNumber(intl));
        expect(localDateOf(new Date(ms), zone)).toBe(intl);
      }
    }
  });
});

describe('the EU summer-time rule agrees with the time-zone database', () => {
  // local-date.ts computes these zones' offsets from the EU rule, without Intl: compare its wall
  // clock with Intl's around every change (the hours before and after it) from 1996 to 2099.
  const zones = ['Europe/Amsterdam', 'Europe/Brussels', 'Europe/Luxembourg', 'Europe/Paris', 'Europe/Berlin'];
  const formatters = new Map(
    zones.map((zone) => [
      zone,
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    ]),
  );
  const viaIntl = (instant: Date, timeZone: string): string => {
    const parts = Object.fromEntries(
      formatters
        .get(timeZone)!
        .formatToParts(instant)
        .map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  };
  test.each(zones)('%s: every quarter hour around each change, 1996-2099', (zone) => {
    const differences: string[] = [];
    for (let year = 1996; year < 2100; year++) {
      for (const month of [2, 9]) {
        // The last Sunday of March or October.
        const last = new Date(Date.UTC(year, month + 1, 0));
        const sunday = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay());
        // Every quarter hour from the Saturday evening to the Sunday noon (UTC): the change at 01:00 UTC and the hours either side.
        for (let ms = sunday - 6 * 3_600_000; ms < sunday + 12 * 3_600_000; ms += 900_000) {
          const instant = new Date(ms);
          const ours = wallClock(instant, zone);
          const theirs = viaIntl(instant, zone);
          if (ours !== theirs) differences.push(`${instant.toISOString()}: ${ours} vs ${theirs}`);
        }
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
