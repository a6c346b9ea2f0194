/**
 * Finding a complaint by its complainant without storing who they are in an index (docs/search.md).
 *
 * A complaint's search terms are its complainant's (and representative's) e-mail address and the
 * words of their names, normalised (lower case, diacritics stripped, apostrophes dropped), each
 * name word also by its beginnings from three letters ("jan", "jans", "janse", "jansen"), so a
 * half-typed name finds it. Each term is stored only as a token: HMAC-SHA256 under the tenant's
 * search key, so the table holds neither a name nor a hash anyone without the key could test a
 * guess against. A query is normalised and hashed the same way; every term must match.
 *
 * A reference needs no token: it is the complaint's key, and is looked up as such.
 */
import { createHmac } from 'node:crypto';
import type { NewComplaint } from './model.ts';
import { formatReference } from './reference.ts';

/** Turns a normalised term into its token (HMAC-SHA256 under the tenant's search key, base64url). */
export type SearchKey = (term: string) => string;

/** The tenant's search key as a SearchKey; the secret is at least 32 characters. */
export function hmacSearchKey(secret: string): SearchKey {
  if (secret.length < 32) throw new Error('a search key has at least 32 characters');
  return (term) => createHmac('sha256', secret).update(term).digest('base64url');
}

/** The most tokens one complaint writes (they share its registration's transaction of at most 100 items). */
export const MAX_SEARCH_TOKENS = 40;
/** Name words are indexed by their beginnings from this length on. */
export const MIN_PREFIX = 3;
const MAX_WORD = 40;
const MAX_WORDS = 8;

/** Lower case, diacritics stripped, apostrophes dropped, everything else that is not a letter or digit a space. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}@.+_-]+/gu, ' ')
    .trim();
}

/** The words of a name, normalised: "Anne-Marie d'Ancona" -> anne, marie, dancona. */
export function nameWords(name: string): string[] {
  return [
    ...new Set(
      normaliseText(name)
        .split(/[\s@.+_-]+/)
        .filter(Boolean)
        .map((w) => w.slice(0, MAX_WORD)),
    ),
  ].slice(0, MAX_WORDS);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The terms a complaint is found by, most telling first: the e-mail addresses, the whole name
 * words, then their beginnings (shortest last), at most MAX_SEARCH_TOKENS.
 */
export function searchTermsOf(complaint: Pick<NewComplaint, 'complainant' | 'representative' | 'anonymisedAt'>): string[] {
  if (complaint.anonymisedAt) return [];
  const emails = [complaint.complainant.email, complaint.representative?.email].filter((e): e is string => Boolean(e?.trim())).map((e) => `email:${normaliseEmail(e)}`);
  const words = [...nameWords(complaint.complainant.name), ...(complaint.representative ? nameWords(complaint.representative.name) : [])];
  const whole = words.map((w) => `name:${w}`);
  const prefixes: string[] = [];
  for (let length = MAX_WORD - 1; length >= MIN_PREFIX; length -= 1) {
    for (const word of words) if (word.length > length) prefixes.push(`name:${word.slice(0, length)}`);
  }
  return [...new Set([...emails, ...whole, ...prefixes])].slice(0, MAX_SEARCH_TOKENS);
}

export function searchTokensOf(key: SearchKey, complaint: Pick<NewComplaint, 'complainant' | 'representative' | 'anonymisedAt'>): string[] {
  return searchTermsOf(complaint).map(key);
}

export interface SearchQuery {
  /** A reference the query names (KL-2026-000012, or 2026-12 for short). */
  reference?: string;
  /** The other terms, each of which must match. */
  terms: string[];
}

/**
 * What a search for `q` asks: a reference (full, or year and number), e-mail addresses, and name
 * words (a word of fewer than MIN_PREFIX letters matches only a whole word).
 */
export function parseSearch(q: string): SearchQuery {
  const terms: string[] = [];
  let reference: string | undefined;
  for (const part of q.trim().split(/\s+/).filter(Boolean).slice(0, 10)) {
    const ref = /^(?:kl-?)?(\d{4})-0*(\d{1,6})$/i.exec(part);
    if (ref && !reference && Number(ref[2]) > 0) {
      reference = formatReference(Number(ref[1]), Number(ref[2]));
      continue;
    }
    if (part.includes('@')) {
      terms.push(`email:${normaliseEmail(part)}`);
      continue;
    }
    for (const word of nameWords(part)) terms.push(`name:${word}`);
  }
  return { ...(reference ? { reference } : {}), terms: [...new Set(terms)] };
}
