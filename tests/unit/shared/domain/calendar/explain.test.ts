// The reason for every date: explainDueDate counts exactly as dueDate does, and its explanation
// in words (shared/domain/regulation/explain-text.ts) is pinned for every worked example of
// shared/reference/dutch-deadlines.md, in Dutch and English.
import fc from 'fast-check';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import { type CalendarSettings, type Extension, type Period, WorkingCalendar, dueDate, explainDueDate, fromDayNumber, toDayNumber } from '../../../../../shared/domain/calendar/index.ts';
import { describeDateSteps, explainMilestone, explainWindow } from '../../../../../shared/domain/regulation/explain-text.ts';
import { type Regulation, dueWithExtensions, windowSchema } from '../../../../../shared/domain/regulation/index.ts';

const workingDays = (amount: number): Period => ({ unit: 'working-days', amount });
const calendarDays = (amount: number): Period => ({ unit: 'calendar-days', amount });
const weeks = (amount: number): Period => ({ unit: 'weeks', amount });
const months = (amount: number): Period => ({ unit: 'months', amount });
const years = (amount: number): Period => ({ unit: 'years', amount });
const sameDay: Period = { unit: 'same-day', amount: 0 };

const atw = WorkingCalendar.dutch();

describe('explainDueDate gives the same day as dueDate', () => {
  const day = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2035-12-31') }).map(fromDayNumber);
  const period: fc.Arbitrary<Period> = fc.oneof(
    fc.integer({ min: 0, max: 70 }).map(workingDays),
    fc.integer({ min: 0, max: 120 }).map(calendarDays),
    fc.integer({ min: 0, max: 20 }).map(weeks),
    fc.integer({ min: 0, max: 36 }).map(months),
    fc.integer({ min: 0, max: 5 }).map(years),
    fc.constant(sameDay),
  );
  const settings: fc.Arbitrary<Partial<CalendarSettings>> = fc.record({
    holidays: fc.constantFrom('nl-atw' as const, 'none' as const),
    goodFriday: fc.boolean(),
    liberationDay: fc.constantFrom('every-year' as const, 'lustrum-years' as const, 'never' as const),
    decreeBridgeDays: fc.boolean(),
    closingDays: fc.array(day, { maxLength: 12 }),
  });
  const extension: fc.Arbitrary<Period> = fc.oneof(fc.integer({ min: 1, max: 20 }).map(workingDays), fc.integer({ min: 1, max: 8 }).map(weeks), fc.integer({ min: 1, max: 3 }).map(months));

  test('any anchor, period, calendar, end-day rule and period extensions', () => {
    fc.assert(
      fc.property(day, period, settings, fc.boolean(), fc.array(extension, { maxLength: 3 }), (anchor, p, s, endDayRule, extensions) => {
        const calendar = WorkingCalendar.dutch(s);
        const explained = explainDueDate(anchor, p, calendar, { endDayRule, extensions });
        expect(explained.due).toBe(dueDate(anchor, p, calendar, { endDayRule, extensions }));
        // Every day listed as skipped is a non-working day, with the calendar's reason for it.
        for (const step of explained.steps) {
          if (!('skipped' in step)) continue;
          for (const skipped of step.skipped) expect(skipped.reason).toBe(calendar.nonWorkingReason(skipped.date));
        }
        // A working-day count lists every non-working day it passed over: the rest are the days counted.
        const count = explained.steps[0]!;
        if (count.step === 'count' && p.unit === 'working-days') {
          expect(toDayNumber(count.to) - toDayNumber(count.from) - count.skipped.length).toBe(p.amount);
        }
        for (const lang of ['nl', 'en'] as const) {
          const lines = describeDateSteps(explained, lang);
          expect(lines.length).toBeGreaterThan(0);
          for (const line of lines) expect(line).toMatch(/^\S.*[.]$/);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  test('open extensions ({ until }) agree with the scheduler (dueWithExtensions)', () => {
    const until: fc.Arbitrary<Extension> = day.map((d) => ({ until: d }));
    fc.assert(
      fc.property(day, period, settings, fc.boolean(), fc.array(fc.oneof(extension, until), { minLength: 1, maxLength: 3 }), (anchor, p, s, endDayRule, extensions) => {
        const calendar = WorkingCalendar.dutch(s);
        expect(explainDueDate(anchor, p, calendar, { endDayRule, extensions }).due).toBe(dueWithExtensions(anchor, p, calendar, endDayRule, extensions));
      }),
      { numRuns: 1_000 },
    );
  });
});

/** The explanation of one date in both languages. */
function explain(anchor: string, period: Period, calendar = atw, options: { endDayRule?: boolean; extensions?: Extension[] } = {}) {
  const explained = explainDueDate(anchor, period, calendar, options);
  return { due: explained.due, nl: describeDateSteps(explained, 'nl'), en: describeDateSteps(explained, 'en') };
}

describe('the worked examples of the reference, explained', () => {
  test('Fri 24 Apr 2026 + 5 working days = Mon 4 May 2026: Koningsdag Mon 27 Apr skipped', () => {
    expect(explain('2026-04-24', workingDays(5))).toEqual({
      due: '2026-05-04',
      nl: [
        'Vijf werkdagen na vrijdag 24 april 2026 (die dag zelf telt niet mee): maandag 4 mei 2026.',
        'Overgeslagen (geen werkdag): zaterdag 25 en zondag 26 april 2026 (weekend), maandag 27 april 2026 (Koningsdag), zaterdag 2 en zondag 3 mei 2026 (weekend).',
      ],
      en: [
        '5 working days after Friday 24 April 2026 (that day itself not counted): Monday 4 May 2026.',
        "Skipped (not working days): Saturday 25 and Sunday 26 April 2026 (weekend), Monday 27 April 2026 (King's Day), Saturday 2 and Sunday 3 May 2026 (weekend).",
      ],
    });
  });

  test('Thu 1 May 2025 + 5 working days = Fri 9 May 2025: 5 May skipped', () => {
    expect(explain('2025-05-01', workingDays(5))).toEqual({
      due: '2025-05-09',
      nl: [
        'Vijf werkdagen na donderdag 1 mei 2025 (die dag zelf telt niet mee): vrijdag 9 mei 2025.',
        'Overgeslagen (geen werkdag): zaterdag 3 en zondag 4 mei 2025 (weekend), maandag 5 mei 2025 (Bevrijdingsdag).',
      ],
      en: [
        '5 working days after Thursday 1 May 2025 (that day itself not counted): Friday 9 May 2025.',
        'Skipped (not working days): Saturday 3 and Sunday 4 May 2025 (weekend), Monday 5 May 2025 (Liberation Day).',
      ],
    });
  });

  test('the same with a tenant that does not count 5 May: Thu 8 May 2025', () => {
    expect(explain('2025-05-01', workingDays(5), WorkingCalendar.dutch({ liberationDay: 'never' }))).toEqual({
      due: '2025-05-08',
      nl: ['Vijf werkdagen na donderdag 1 mei 2025 (die dag zelf telt niet mee): donderdag 8 mei 2025.', 'Overgeslagen (geen werkdag): zaterdag 3 en zondag 4 mei 2025 (weekend).'],
      en: ['5 working days after Thursday 1 May 2025 (that day itself not counted): Thursday 8 May 2025.', 'Skipped (not working days): Saturday 3 and Sunday 4 May 2025 (weekend).'],
    });
  });

  test('Wed 28 May 2025 + 5 working days = Fri 6 Jun 2025: Ascension 29 May and the bridge day 30 May skipped', () => {
    expect(explain('2025-05-28', workingDays(5))).toEqual({
      due: '2025-06-06',
      nl: [
        'Vijf werkdagen na woensdag 28 mei 2025 (die dag zelf telt niet mee): vrijdag 6 juni 2025.',
        'Overgeslagen (geen werkdag): donderdag 29 mei 2025 (Hemelvaartsdag), vrijdag 30 mei 2025 (brugdag bij koninklijk besluit), zaterdag 31 mei en zondag 1 juni 2025 (weekend).',
      ],
      en: [
        '5 working days after Wednesday 28 May 2025 (that day itself not counted): Friday 6 June 2025.',
        'Skipped (not working days): Thursday 29 May 2025 (Ascension Day), Friday 30 May 2025 (bridge day by royal decree), Saturday 31 May and Sunday 1 June 2025 (weekend).',
      ],
    });
  });

  test('Fri 31 Jan 2025 + 1 month = Fri 28 Feb 2025: the month clamp', () => {
    expect(explain('2025-01-31', months(1))).toEqual({
      due: '2025-02-28',
      nl: [
        '1 maand na vrijdag 31 januari 2025 (die dag zelf telt niet mee): dezelfde dag van de maand, 31 februari 2025.',
        '31 februari 2025 bestaat niet: de termijn eindigt op de laatste dag van die maand, vrijdag 28 februari 2025 (Hoge Raad 1 september 2017, ECLI:NL:HR:2017:2225).',
      ],
      en: [
        '1 month after Friday 31 January 2025 (that day itself not counted): the same day of the month, 31 February 2025.',
        '31 February 2025 does not exist: the period ends on the last day of that month, Friday 28 February 2025 (Hoge Raad, 1 September 2017, ECLI:NL:HR:2017:2225).',
      ],
    });
  });

  test('Mon 16 Mar 2026 + 6 weeks = Tue 28 Apr 2026: lands on Koningsdag, the end-day rule moves it a day', () => {
    expect(explain('2026-03-16', weeks(6))).toEqual({
      due: '2026-04-28',
      nl: [
        'Zes weken na maandag 16 maart 2026 (die dag zelf telt niet mee): maandag 27 april 2026.',
        'Maandag 27 april 2026 (Koningsdag) is geen werkdag: de termijn loopt door tot en met de eerstvolgende werkdag, dinsdag 28 april 2026 (Algemene termijnenwet art. 1).',
      ],
      en: [
        '6 weeks after Monday 16 March 2026 (that day itself not counted): Monday 27 April 2026.',
        "Monday 27 April 2026 (King's Day) is not a working day: the period runs on to the next working day, Tuesday 28 April 2026 (Algemene termijnenwet art. 1).",
      ],
    });
  });

  test('Fri 4 Dec 2026 + 4 weeks = Mon 4 Jan 2027: Nieuwjaarsdag, then the weekend', () => {
    expect(explain('2026-12-04', weeks(4))).toEqual({
      due: '2027-01-04',
      nl: [
        'Vier weken na vrijdag 4 december 2026 (die dag zelf telt niet mee): vrijdag 1 januari 2027.',
        'Vrijdag 1 januari 2027 (Nieuwjaarsdag), zaterdag 2 en zondag 3 januari 2027 (weekend) zijn geen werkdagen: de termijn loopt door tot en met de eerstvolgende werkdag, maandag 4 januari 2027 (Algemene termijnenwet art. 1).',
      ],
      en: [
        '4 weeks after Friday 4 December 2026 (that day itself not counted): Friday 1 January 2027.',
        "Friday 1 January 2027 (New Year's Day), Saturday 2 and Sunday 3 January 2027 (weekend) are not working days: the period runs on to the next working day, Monday 4 January 2027 (Algemene termijnenwet art. 1).",
      ],
    });
  });

  test('Tue 3 Mar 2026 + 6 weeks + 4 weeks extension = Tue 12 May 2026', () => {
    expect(explain('2026-03-03', weeks(6), atw, { extensions: [weeks(4)] })).toEqual({
      due: '2026-05-12',
      nl: ['Zes weken na dinsdag 3 maart 2026 (die dag zelf telt niet mee): dinsdag 14 april 2026.', 'Verlengd met vier weken: van dinsdag 14 april 2026 naar dinsdag 12 mei 2026.'],
      en: ['6 weeks after Tuesday 3 March 2026 (that day itself not counted): Tuesday 14 April 2026.', 'Extended by 4 weeks: from Tuesday 14 April 2026 to Tuesday 12 May 2026.'],
    });
  });
});

describe('more reasons, explained', () => {
  test('a closing day: runs of days with one reason are named together', () => {
    const calendar = WorkingCalendar.dutch({ closingDays: ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'] });
    expect(explain('2026-12-22', workingDays(3), calendar)).toEqual({
      due: '2027-01-04',
      nl: [
        'Drie werkdagen na dinsdag 22 december 2026 (die dag zelf telt niet mee): maandag 4 januari 2027.',
        'Overgeslagen (geen werkdag): vrijdag 25 december 2026 (Eerste Kerstdag), zaterdag 26 december 2026 (Tweede Kerstdag), zondag 27 december 2026 (weekend), ' +
          'maandag 28 tot en met donderdag 31 december 2026 (sluitingsdag), vrijdag 1 januari 2027 (Nieuwjaarsdag), zaterdag 2 en zondag 3 januari 2027 (weekend).',
      ],
      en: [
        '3 working days after Tuesday 22 December 2026 (that day itself not counted): Monday 4 January 2027.',
        'Skipped (not working days): Friday 25 December 2026 (Christmas Day), Saturday 26 December 2026 (Boxing Day), Sunday 27 December 2026 (weekend), ' +
          "Monday 28 to Thursday 31 December 2026 (closing day), Friday 1 January 2027 (New Year's Day), Saturday 2 and Sunday 3 January 2027 (weekend).",
      ],
    });
  });

  test('a calendar without Dutch holidays: only weekends and the closing days', () => {
    const calendar = WorkingCalendar.dutch({ holidays: 'none', closingDays: ['2026-04-27'] });
    expect(explain('2026-04-24', workingDays(1), calendar).en).toEqual([
      '1 working day after Friday 24 April 2026 (that day itself not counted): Tuesday 28 April 2026.',
      'Skipped (not working days): Saturday 25 and Sunday 26 April 2026 (weekend), Monday 27 April 2026 (closing day).',
    ]);
  });

  test('the end-day rule off: the end stays on a holiday', () => {
    expect(explain('2026-12-22', calendarDays(10), atw, { endDayRule: false })).toEqual({
      due: '2027-01-01',
      nl: [
        'Tien dagen na dinsdag 22 december 2026 (die dag zelf telt niet mee): vrijdag 1 januari 2027.',
        'Vrijdag 1 januari 2027 (Nieuwjaarsdag) is geen werkdag, maar deze termijn schuift niet door naar de eerstvolgende werkdag (Algemene termijnenwet art. 1 geldt er niet voor): hij eindigt op die dag.',
      ],
      en: [
        '10 days after Tuesday 22 December 2026 (that day itself not counted): Friday 1 January 2027.',
        "Friday 1 January 2027 (New Year's Day) is not a working day, but this deadline does not move to the next working day (Algemene termijnenwet art. 1 does not apply to it): it ends that day.",
      ],
    });
  });

  test('a same-day period ends on its anchor day, even a Saturday', () => {
    expect(explain('2026-04-25', sameDay)).toEqual({
      due: '2026-04-25',
      nl: ['Dezelfde dag: de termijn eindigt aan het eind van zaterdag 25 april 2026 zelf (een termijn van nul dagen schuift nooit op).'],
      en: ['The same day: the period ends at the end of Saturday 25 April 2026 itself (a period of zero days never moves).'],
    });
  });

  test('a years period from 29 February: the last day of February in a common year', () => {
    expect(explain('2024-02-29', years(1))).toEqual({
      due: '2025-02-28',
      nl: [
        '1 jaar na donderdag 29 februari 2024 (die dag zelf telt niet mee): dezelfde dag en maand, 29 februari 2025.',
        '29 februari 2025 bestaat niet: de termijn eindigt op de laatste dag van die maand, vrijdag 28 februari 2025 (Hoge Raad 1 september 2017, ECLI:NL:HR:2017:2225).',
      ],
      en: [
        '1 year after Thursday 29 February 2024 (that day itself not counted): the same day and month, 29 February 2025.',
        '29 February 2025 does not exist: the period ends on the last day of that month, Friday 28 February 2025 (Hoge Raad, 1 September 2017, ECLI:NL:HR:2017:2225).',
      ],
    });
    // 29 Feb 2024 + 1 month is 29 March, not the end of March ("end of month in, end of month out" is wrong);
    // that was Good Friday, and Easter Monday followed the weekend.
    expect(explain('2024-02-29', months(1)).en).toEqual([
      '1 month after Thursday 29 February 2024 (that day itself not counted): Friday 29 March 2024.',
      'Friday 29 March 2024 (Good Friday), Saturday 30 and Sunday 31 March 2024 (weekend), Monday 1 April 2024 (Easter Monday) are not working days: ' +
        'the period runs on to the next working day, Tuesday 2 April 2024 (Algemene termijnenwet art. 1).',
    ]);
  });

  test('an open extension ({ until }): a new date, then the end-day rule once', () => {
    expect(explain('2026-03-03', weeks(6), atw, { extensions: [weeks(4), { until: '2026-05-30' }] })).toEqual({
      due: '2026-06-01',
      nl: [
        'Zes weken na dinsdag 3 maart 2026 (die dag zelf telt niet mee): dinsdag 14 april 2026.',
        'Verlengd met vier weken: van dinsdag 14 april 2026 naar dinsdag 12 mei 2026.',
        'Verlengd tot een nieuwe datum: van dinsdag 12 mei 2026 naar zaterdag 30 mei 2026.',
        'Zaterdag 30 en zondag 31 mei 2026 (weekend) zijn geen werkdagen: de termijn loopt door tot en met de eerstvolgende werkdag, maandag 1 juni 2026 (Algemene termijnenwet art. 1).',
      ],
      en: [
        '6 weeks after Tuesday 3 March 2026 (that day itself not counted): Tuesday 14 April 2026.',
        'Extended by 4 weeks: from Tuesday 14 April 2026 to Tuesday 12 May 2026.',
        'Extended to a new date: from Tuesday 12 May 2026 to Saturday 30 May 2026.',
        'Saturday 30 and Sunday 31 May 2026 (weekend) are not working days: the period runs on to the next working day, Monday 1 June 2026 (Algemene termijnenwet art. 1).',
      ],
    });
  });
});

describe('a stored deadline, explained (explainMilestone)', () => {
  // Zorggroep De Linde: closing days 28-31 Dec, Goede Vrijdag worked, 5 May in lustrum years, the clock waits for the authorisation.
  let linde: Regulation;
  beforeAll(async () => {
    linde = await loadRegulationFile(resolve(fileURLToPath(new URL('../../../../..', import.meta.url)), 'tests/fixtures/regulations/zorggroep-de-linde.yaml'));
  });
  const label = { nl: 'Schriftelijk gemotiveerd oordeel', en: 'Written reasoned judgment' };

  test('the clock waited for the authorisation; then 6 weeks and an extension of 4 weeks', () => {
    const state = {
      milestoneId: 'judgment',
      label,
      kind: 'hard' as const,
      anchor: 'received',
      anchorOn: '2026-05-06',
      pausedFrom: '2026-04-24',
      period: { unit: 'weeks', amount: 6 },
      extensions: [{ unit: 'weeks', amount: 4 }],
      due: '2026-07-15',
    };
    expect(explainMilestone(linde, state, 'nl')).toEqual({
      due: '2026-07-15',
      kind: 'hard',
      lines: [
        'Telt vanaf: klacht ontvangen (woensdag 6 mei 2026).',
        'De klok wachtte op de ondertekende machtiging: geteld vanaf woensdag 6 mei 2026 in plaats van vrijdag 24 april 2026, de dag van ontvangst.',
        'Zes weken na woensdag 6 mei 2026 (die dag zelf telt niet mee): woensdag 17 juni 2026.',
        'Verlengd met vier weken: van woensdag 17 juni 2026 naar woensdag 15 juli 2026.',
        'Uiterste datum: woensdag 15 juli 2026.',
      ],
    });
    expect(explainMilestone(linde, state, 'en').lines).toEqual([
      'Counted from: complaint received (Wednesday 6 May 2026).',
      'The clock waited for the signed authorisation: counted from Wednesday 6 May 2026 instead of Friday 24 April 2026, the day the complaint came in.',
      '6 weeks after Wednesday 6 May 2026 (that day itself not counted): Wednesday 17 June 2026.',
      'Extended by 4 weeks: from Wednesday 17 June 2026 to Wednesday 15 July 2026.',
      'Latest date: Wednesday 15 July 2026.',
    ]);
  });

  test("the regulation's end-day rule is used: off for board-informed, so 1 January stays", () => {
    const state = { milestoneId: 'board-informed', anchor: 'received', anchorOn: '2026-12-22', period: { unit: 'calendar-days', amount: 10 }, due: '2027-01-01' };
    expect(explainMilestone(linde, state, 'nl').lines).toEqual([
      'Telt vanaf: klacht ontvangen (dinsdag 22 december 2026).',
      'Tien dagen na dinsdag 22 december 2026 (die dag zelf telt niet mee): vrijdag 1 januari 2027.',
      'Vrijdag 1 januari 2027 (Nieuwjaarsdag) is geen werkdag, maar deze termijn schuift niet door naar de eerstvolgende werkdag (Algemene termijnenwet art. 1 geldt er niet voor): hij eindigt op die dag.',
      'Uiterste datum: vrijdag 1 januari 2027.',
    ]);
  });

  test("the tenant's calendar: its closing days, and Goede Vrijdag as a working day", () => {
    const acknowledgement = (anchorOn: string, due: string) =>
      explainMilestone(linde, { milestoneId: 'acknowledgement', anchor: 'received', anchorOn, period: { unit: 'working-days', amount: 3 }, due }, 'en').lines;
    expect(acknowledgement('2026-12-22', '2027-01-04')[2]).toBe(
      'Skipped (not working days): Friday 25 December 2026 (Christmas Day), Saturday 26 December 2026 (Boxing Day), Sunday 27 December 2026 (weekend), ' +
        "Monday 28 to Thursday 31 December 2026 (closing day), Friday 1 January 2027 (New Year's Day), Saturday 2 and Sunday 3 January 2027 (weekend).",
    );
    expect(acknowledgement('2026-04-01', '2026-04-07')).toEqual([
      'Counted from: complaint received (Wednesday 1 April 2026).',
      '3 working days after Wednesday 1 April 2026 (that day itself not counted): Tuesday 7 April 2026.',
      'Skipped (not working days): Saturday 4 and Sunday 5 April 2026 (weekend), Monday 6 April 2026 (Easter Monday).',
      'Latest date: Tuesday 7 April 2026.',
    ]);
  });

  test('a target, a stated date and a missed milestone as anchors, in words', () => {
    const target = explainMilestone(
      linde,
      { milestoneId: 'judgment', kind: 'target', anchor: 'stated:occurred-on', anchorOn: '2026-03-03', period: { unit: 'weeks', amount: 6 }, due: '2026-04-14' },
      'nl',
    );
    expect(target.kind).toBe('target');
    expect(target.lines[0]).toBe('Telt vanaf: datum van het voorval (dinsdag 3 maart 2026).');
    expect(target.lines.at(-1)).toBe('Streefdatum: dinsdag 14 april 2026 (een streven, geen uiterste termijn).');
    const missed = explainMilestone(
      linde,
      { milestoneId: 'judgment', kind: 'target', anchor: 'missed:acknowledgement', anchorOn: '2026-04-29', period: { unit: 'working-days', amount: 2 }, due: '2026-05-01' },
      'en',
    );
    expect(missed.lines[0]).toBe('Counted from: Acknowledgement of receipt missed (Wednesday 29 April 2026).');
    expect(missed.lines.at(-1)).toBe('Target date: Friday 1 May 2026 (an aim, not a limit).');
  });

  test('a record from before anchors were stored: said so, not guessed; a recount that differs: said so', () => {
    expect(explainMilestone(linde, { milestoneId: 'judgment', due: '2026-06-05' }, 'en').lines).toEqual([
      'How this date was counted was not recorded for this deadline (an older record).',
      'Latest date: Friday 5 June 2026.',
    ]);
    const differs = explainMilestone(linde, { milestoneId: 'judgment', anchor: 'received', anchorOn: '2026-04-24', period: { unit: 'weeks', amount: 6 }, due: '2026-06-08' }, 'en');
    expect(differs.due).toBe('2026-06-08');
    expect(differs.lines.at(-2)).toBe('Note: counted again, this deadline comes to Friday 5 June 2026; the recorded date is Monday 8 June 2026.');
  });
});

describe('a window, explained (explainWindow)', () => {
  let reg: Regulation;
  beforeAll(async () => {
    const base = await loadRegulationFile(resolve(fileURLToPath(new URL('../../../../..', import.meta.url)), 'tenants/demo.yaml'));
    reg = {
      ...base,
      windows: [
        windowSchema.parse({
          id: 'external',
          label: { nl: 'Naar de ombudsman', en: 'To the ombudsman' },
          for: 'external-complaint',
          opens: 'received',
          closes: {
            latest: [
              { from: 'ruling-sent', period: '3 months' },
              { from: 'received', period: '1 year' },
            ],
          },
          citation: { article: 'art. 9' },
        }),
        windowSchema.parse({
          id: 'limitation',
          label: { nl: 'Klagen binnen een jaar', en: 'Complain within a year' },
          for: 'complaint',
          closes: { from: 'stated:occurred-on', period: '1 year' },
          citation: { article: 'art. 2' },
        }),
      ],
    };
  });

  test('latest of two: the known part wins, provisionally while the other is still to come', () => {
    const facts = { happened: { received: '2026-04-24T10:00:00+02:00' } };
    expect(explainWindow(reg, reg.windows[0]!, facts, 'nl')).toEqual({
      id: 'external',
      opens: '2026-04-24',
      closes: '2027-04-26',
      provisional: true,
      lines: [
        'Gaat open: vrijdag 24 april 2026 (klacht ontvangen).',
        'Sluit: maandag 26 april 2027 (de laatste van: drie maanden na schriftelijke uitspraak verstuurd; 1 jaar na klacht ontvangen).',
        '  Drie maanden na schriftelijke uitspraak verstuurd: nog niet bekend.',
        '    Schriftelijke uitspraak verstuurd: nog niet gebeurd.',
        '  1 jaar na klacht ontvangen: maandag 26 april 2027.',
        '    Telt vanaf: klacht ontvangen (vrijdag 24 april 2026).',
        '    1 jaar na vrijdag 24 april 2026 (die dag zelf telt niet mee): zaterdag 24 april 2027.',
        '    Zaterdag 24 en zondag 25 april 2027 (weekend) zijn geen werkdagen: de termijn loopt door tot en met de eerstvolgende werkdag, maandag 26 april 2027 (Algemene termijnenwet art. 1).',
        '  De laatste telt: 1 jaar na klacht ontvangen (voorlopig: wat nog niet bekend is, kan later vallen).',
      ],
    });
    const sent = explainWindow(reg, reg.windows[0]!, { happened: { ...facts.happened, 'ruling-sent': '2027-03-01T10:00:00+01:00' } }, 'en');
    expect(sent.closes).toBe('2027-06-01');
    expect(sent.provisional).toBe(false);
    expect(sent.lines.at(-1)).toBe('  The later counts: 3 months after written decision sent.');
  });

  test('open from the start, closing a year after the stated date', () => {
    const facts = { happened: { received: '2026-04-24T10:00:00+02:00' }, stated: { 'occurred-on': '2025-03-03' } };
    expect(explainWindow(reg, reg.windows[1]!, facts, 'en')).toEqual({
      id: 'limitation',
      closes: '2026-03-03',
      provisional: false,
      lines: [
        'Open from the start.',
        'Closes: Tuesday 3 March 2026 (1 year after date of the event).',
        '  Counted from: date of the event (Monday 3 March 2025).',
        '  1 year after Monday 3 March 2025 (that day itself not counted): Tuesday 3 March 2026.',
      ],
    });
  });
});
