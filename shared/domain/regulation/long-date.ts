/**
 * A day written out the way the procedure summary and the hosted pages write it. On its own so
 * the pages can write dates without bundling the summary's renderer (summary.ts re-exports it).
 * Written out here rather than by Intl: a date formatter loads ICU's locale data, which costs a
 * function's first request more than the rest of this page together (and its output follows
 * the runtime's ICU version).
 */
import { toDayNumber, type IsoDate } from '../calendar/index.ts';
import type { Language } from './schema.ts';

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
/** From Thursday: day number 0 (1970-01-01) was one. */
const WEEKDAYS: Readonly<Record<Language, readonly string[]>> = {
  nl: ['donderdag', 'vrijdag', 'zaterdag', 'zondag', 'maandag', 'dinsdag', 'woensdag'],
  en: ['Thursday', 'Friday', 'Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday'],
};

/** 'vrijdag 24 april 2026' / 'Friday, 24 April 2026'. */
export function formatLongDate(date: IsoDate, lang: Language): string {
  const weekday = WEEKDAYS[lang][((toDayNumber(date) % 7) + 7) % 7]!;
  const year = Number(date.slice(0, 4));
  const month = MONTHS[lang][Number(date.slice(5, 7)) - 1]!;
  const day = Number(date.slice(8, 10));
  return lang === 'nl' ? `${weekday} ${day} ${month} ${year}` : `${weekday}, ${day} ${month} ${year}`;
}
