/** Minimal letter rendering: every letter has a plain-text and an HTML body built from the same blocks. */

export interface Letter {
  subject: string;
  text: string;
  html: string;
}

export type Block = { paragraph: string } | { facts: Array<[label: string, value: string]> };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

export function renderLetter(subject: string, blocks: Block[], footer: string): Letter {
  const text = [...blocks.map(blockText), footer].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    ...blocks.map(blockHtml),
    `<p style="color:#555">${escapeHtml(footer).replace(/\n/g, '<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

function blockText(block: Block): string {
  if ('paragraph' in block) return block.paragraph;
  return block.facts.map(([label, value]) => `${label}: ${value}`).join('\n');
}

function blockHtml(block: Block): string {
  if ('paragraph' in block) return `<p>${escapeHtml(block.paragraph).replace(/\n/g, '<br>')}</p>`;
  const rows = block.facts.map(([label, value]) => `<tr><th style="text-align:left;padding-right:1em">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  return `<table>${rows.join('')}</table>`;
}

const DUTCH_MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DUTCH_DAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const ENGLISH_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** '2026-05-04' -> 'maandag 4 mei 2026' / 'Monday 4 May 2026'. */
export function formatLongDate(isoDate: string, lang: 'nl' | 'en'): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return lang === 'nl' ? `${DUTCH_DAYS[weekday]} ${day} ${DUTCH_MONTHS[month - 1]} ${year}` : `${ENGLISH_DAYS[weekday]} ${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
}
