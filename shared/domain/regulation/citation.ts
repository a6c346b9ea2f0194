/**
 * How a rule is cited to people. A rule from a statute is cited as the statute ("Awb art. 9:12",
 * "Wkkgz art. 17 lid 2"); a rule of the organisation's own regulation by its article, which the
 * letters complete with "van de klachtenregeling".
 */
import type { Citation, Regulation } from './schema.ts';

/** A source that already names an article ("Wkkgz art. 17", "Woningwet art. 55b lid 3"). */
const NAMES_AN_ARTICLE = /\b(?:art\.|artikel|article|section|§)\s*\d|\b\d+:\d+/i;

/** The citation as printed: the statute and its article, or the regulation's own article. */
export function citationRef(citation: Citation): string {
  const { article, source } = citation;
  if (source === undefined) return article;
  if (NAMES_AN_ARTICLE.test(source)) return source;
  if (article.toLowerCase().includes(source.toLowerCase())) return article;
  // "art. 5 lid 1 onder e" of the AVG; "Awb 9:12" and "DISP 1.6.2" name their statute themselves;
  // an article without a number is a heading of the text read, so the source is the reference.
  if (/^(?:art|artikel|article|section|§|lid|\d)/i.test(article)) return `${source} ${article}`;
  return /\d/.test(article) ? article : source;
}

export interface FormattedRule {
  text: string;
  /** From a statute or another document, not the regulation itself. */
  statute: boolean;
}

const statuteRules = new WeakMap<Regulation, Map<string, string>>();

/**
 * A rule as events and letters carry it (the article of a citation) in the form people read: the
 * statute's name where the regulation says it comes from one.
 */
export function formatRule(reg: Regulation, article: string): FormattedRule {
  let index = statuteRules.get(reg);
  if (!index) {
    index = new Map();
    collectStatuteCitations(reg, index);
    statuteRules.set(reg, index);
  }
  const statute = index.get(article);
  return statute === undefined ? { text: article, statute: false } : { text: statute, statute: true };
}

function collectStatuteCitations(value: unknown, into: Map<string, string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectStatuteCitations(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.article === 'string' && typeof record.source === 'string' && !into.has(record.article)) {
    into.set(record.article, citationRef(record as unknown as Citation));
  }
  for (const child of Object.values(record)) collectStatuteCitations(child, into);
}
