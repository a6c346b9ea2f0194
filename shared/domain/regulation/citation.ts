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

interface RuleIndex {
  /** Bare articles of statute citations -> the statute's reference ("art. 9:12" -> "Awb art. 9:12"). */
  statuteArticles: Map<string, string>;
  /** The references of statute citations as printed ("Awb art. 9:12"): unambiguous. */
  statuteRefs: Set<string>;
  /** Articles the regulation cites as its own (no source). */
  ownArticles: Set<string>;
}

const ruleIndexes = new WeakMap<Regulation, RuleIndex>();

/**
 * A rule in the form people read: the statute's name where it comes from one. Given the citation
 * itself, exactly that. Given text (what events and letters carry: the article, or the reference
 * citationRef made), it is looked up among the regulation's citations: a statute's reference is
 * the statute's; an article the regulation cites as its own stays its own, even when a statute's
 * citation has an article of the same text ("art. 5" of the regulation, "art. 5" of the Wkkgz);
 * only an article that is nothing but a statute's becomes that statute's reference.
 */
export function formatRule(reg: Regulation, rule: string | Citation): FormattedRule {
  if (typeof rule !== 'string') return { text: citationRef(rule), statute: rule.source !== undefined };
  let index = ruleIndexes.get(reg);
  if (!index) {
    index = { statuteArticles: new Map(), statuteRefs: new Set(), ownArticles: new Set() };
    collectCitations(reg, index);
    ruleIndexes.set(reg, index);
  }
  if (index.statuteRefs.has(rule) && !index.ownArticles.has(rule)) return { text: rule, statute: true };
  if (index.ownArticles.has(rule)) return { text: rule, statute: false };
  const statute = index.statuteArticles.get(rule);
  return statute === undefined ? { text: rule, statute: false } : { text: statute, statute: true };
}

/** The citation as printed, for what records a rule as text (an event's rule, a letter's citation): citationRef. */
export function ruleRef(citation: Citation | undefined): string | undefined {
  return citation ? citationRef(citation) : undefined;
}

function collectCitations(value: unknown, into: RuleIndex): void {
  if (Array.isArray(value)) {
    for (const item of value) collectCitations(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.article === 'string' && (record.source === undefined || typeof record.source === 'string') && isCitationShape(record)) {
    if (typeof record.source === 'string') {
      const ref = citationRef(record as unknown as Citation);
      into.statuteRefs.add(ref);
      if (!into.statuteArticles.has(record.article)) into.statuteArticles.set(record.article, ref);
    } else {
      into.ownArticles.add(record.article);
    }
  }
  for (const child of Object.values(record)) collectCitations(child, into);
}

/** A citation object: article, and nothing but text and source beside it. */
function isCitationShape(record: Record<string, unknown>): boolean {
  return Object.keys(record).every((key) => key === 'article' || key === 'text' || key === 'source');
}
