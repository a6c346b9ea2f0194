// An independent source for where the holidays fall: date-holidays (a dev dependency that
// the bench also uses). It lists Goede Vrijdag and 5 May as school holidays and knows no
// decree bridge days, so compare with a calendar without those. It follows Koninginnedag
// (30 April) before 2014, which this calendar does not model, hence from 2014.
import Holidays from 'date-holidays';
import { expect, test } from 'vitest';
import { WorkingCalendar, fromDayNumber, toDayNumber, weekdayOf } from '../../../../../shared/domain/calendar/index.ts';

test('weekday public holidays 2014-2200 match date-holidays (NL) exactly', () => {
  const holidays = new Holidays('NL');
  const calendar = new WorkingCalendar({ goodFriday: false, liberationDay: 'never', decreeBridgeDays: false });
  const mismatches: string[] = [];
  for (let year = 2014; year <= 2200; year++) {
    const theirs = new Set(
      holidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10))
        .filter((date) => weekdayOf(date) <= 5),
    );
    for (let day = toDayNumber(`${year}-01-01`); day <= toDayNumber(`${year}-12-31`); day++) {
      const date = fromDayNumber(day);
      if (weekdayOf(date) > 5) continue;
      const oursOff = !calendar.isWorkingDay(date);
      if (oursOff !== theirs.has(date)) mismatches.push(`${date}: ours ${oursOff ? 'off' : 'working'}`);
    }
  }
  expect(mismatches).toEqual([]);
});
