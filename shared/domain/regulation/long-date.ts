/**
 * A day written out the way the procedure summary and the hosted pages write it. On its own so
 * the pages can write dates without bundling the summary's renderer (summary.ts re-exports it).
 */
import type { IsoDate } from '../calendar/index.ts';
import type { Language } from './schema.ts';

/** 'vrijdag 24 april 2026' / 'Friday, 24 April 2026'. */
export function formatLongDate(date: IsoDate, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}
