/** Search terms and tokens (shared/domain/complaint/search.ts): what is indexed, how a query reads, and that no name is in a token. */
import { describe, expect, test } from 'vitest';
import { hmacSearchKey, MAX_SEARCH_TOKENS, nameWords, normaliseText, parseSearch, searchTermsOf, searchTokensOf } from '../../../../../shared/domain/complaint/search.ts';

const key = hmacSearchKey('k'.repeat(64));
const complainant = (name: string, email = 'Sanne.de.Vries@Example.org') => ({ complainant: { name, email, language: 'nl' as const } });

describe('normalising', () => {
  test('lower case, diacritics stripped, apostrophes dropped, other punctuation a space', () => {
    expect(normaliseText('Çelik-Öztürk')).toBe('celik-ozturk');
    expect(nameWords("Anne-Marie d'Ancona")).toEqual(['anne', 'marie', 'dancona']);
    expect(nameWords('  José   van der BERG ')).toEqual(['jose', 'van', 'der', 'berg']);
    expect(nameWords('Zoë Zoë')).toEqual(['zoe']);
  });
});

describe('what a complaint is found by', () => {
  test('its e-mail addresses, its name words, and their beginnings from three letters', () => {
    const terms = searchTermsOf(complainant('Jan Jansen'));
    expect(terms[0]).toBe('email:sanne.de.vries@example.org');
    expect(terms).toEqual(expect.arrayContaining(['name:jan', 'name:jansen', 'name:jans', 'name:janse']));
    expect(terms).not.toContain('name:ja');
    expect(new Set(terms).size).toBe(terms.length);
  });

  test('the representative too; at most MAX_SEARCH_TOKENS; none once anonymised', () => {
    const withRep = searchTermsOf({ ...complainant('Piet Puk'), representative: { name: 'Mr. Advocaat', email: 'advocaat@kantoor.nl', authorisation: 'received' } });
    expect(withRep).toEqual(expect.arrayContaining(['email:advocaat@kantoor.nl', 'name:advocaat', 'name:puk']));
    expect(searchTermsOf(complainant('Alexandrina Wilhelmina Hendrika Paulina van Oranje-Nassau Mecklenburg-Schwerin')).length).toBe(MAX_SEARCH_TOKENS);
    expect(searchTermsOf({ ...complainant('Piet Puk'), anonymisedAt: '2026-01-01T00:00:00Z' })).toEqual([]);
  });

  test('tokens are keyed hashes: the same term the same token under one key, another under another key, never the name', () => {
    const tokens = searchTokensOf(key, complainant('Sanne de Vries'));
    expect(tokens.every((t) => /^[A-Za-z0-9_-]{43}$/.test(t))).toBe(true);
    expect(tokens.join(' ')).not.toMatch(/sanne|vries|example/i);
    expect(key('name:vries')).toBe(hmacSearchKey('k'.repeat(64))('name:vries'));
    expect(hmacSearchKey('x'.repeat(64))('name:vries')).not.toBe(key('name:vries'));
    expect(() => hmacSearchKey('short')).toThrow(/32/);
  });
});

describe('reading a query', () => {
  test('a reference, full or year and number', () => {
    expect(parseSearch('KL-2026-000012')).toEqual({ reference: 'KL-2026-000012', terms: [] });
    expect(parseSearch('2026-12')).toEqual({ reference: 'KL-2026-000012', terms: [] });
    expect(parseSearch('kl-2025-7')).toEqual({ reference: 'KL-2025-000007', terms: [] });
    expect(parseSearch('2026-0').reference).toBeUndefined();
  });

  test('an e-mail address as a whole, case-insensitive; names as words', () => {
    expect(parseSearch('Sanne.De.Vries@EXAMPLE.org')).toEqual({ terms: ['email:sanne.de.vries@example.org'] });
    expect(parseSearch('  Öztürk  jans ')).toEqual({ terms: ['name:ozturk', 'name:jans'] });
    expect(parseSearch('de Vries-Bakker').terms).toEqual(['name:de', 'name:vries', 'name:bakker']);
    expect(parseSearch('!!! ...').terms).toEqual([]);
  });

  test('a query word finds the complaint its whole name word or its beginning was indexed for', () => {
    const indexed = new Set(searchTokensOf(key, complainant('Fatima Çelik')));
    for (const q of ['celik', 'Çel', 'fatima', 'fat', 'sanne.de.vries@example.org']) {
      expect(
        parseSearch(q).terms.every((term) => indexed.has(key(term))),
        q,
      ).toBe(true);
    }
    for (const q of ['ce', 'celikk', 'other@example.org']) {
      expect(
        parseSearch(q).terms.every((term) => indexed.has(key(term))),
        q,
      ).toBe(false);
    }
  });
});
