/** Dates and plain text for the pages, in the organisation's time zone. */
import { localDateOf } from '../shared/domain/calendar/index.ts';
import { formatLongDate } from '../shared/domain/regulation/long-date.ts';
import { html, type Html } from './html.ts';
import type { Lang } from './texts.ts';

export { formatLongDate };

/** 'zaterdag 21 november 2026' for an ISO date (YYYY-MM-DD). */
export function longDate(isoDate: string, lang: Lang): string {
  return formatLongDate(isoDate, lang);
}

/** '21 november 2026, 16:05' for an instant, in the organisation's time zone. */
export function dateTime(iso: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** The local day of an instant. */
export function localDay(iso: string | Date, timeZone: string): string {
  return localDateOf(typeof iso === 'string' ? new Date(iso) : iso, timeZone);
}

/** Plain text with its web addresses as links (everything escaped). */
export function linkify(text: string): Html {
  const parts = text.split(/(https?:\/\/[^\s),]+)/g);
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : part))}`;
}

/** Paragraphs from text with blank-line breaks (complainant's or staff's own words). */
export function paragraphs(text: string): Html {
  return html`${text.split(/\n{2,}/).map((p) => html`<p>${p.split('\n').map((line, i) => (i ? html`<br>${line}` : line))}</p>`)}`;
}

/**
 * The regulation's readable procedure (renderProcedureSummary's plain text) as HTML: underlined
 * titles become headings, '- ' lines list items, other lines paragraphs.
 */
export function procedureHtml(summary: string, headingLevel: 2 | 3 = 3): Html {
  const lines = summary.split('\n');
  const out: Html[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length) out.push(html`<ul>${items.map((item) => html`<li>${linkify(item)}</li>`)}</ul>`);
    items = [];
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? '';
    if (/^-+$/.test(next) && line.trim()) {
      flush();
      out.push(headingLevel === 2 ? html`<h2>${line}</h2>` : html`<h3>${line}</h3>`);
      i += 1;
    } else if (line.startsWith('- ')) {
      items.push(line.slice(2));
    } else if (line.trim()) {
      flush();
      out.push(html`<p>${linkify(line)}</p>`);
    } else {
      flush();
    }
  }
  flush();
  return html`${out}`;
}
