/**
 * The language of a hosted page (Dutch first, English with `?lang=en`) and its words: the `page`
 * area of the text catalogue (shared/texts/nl.json, en.json; docs/texts.md).
 */
import { format, texts, type Catalogue, type TextParams } from '../shared/texts/index.ts';

export type Lang = 'nl' | 'en';

export function langOf(query: Record<string, string | undefined> | undefined, fallback: Lang = 'nl'): Lang {
  const asked = query?.lang;
  return asked === 'en' ? 'en' : asked === 'nl' ? 'nl' : fallback;
}

export type PageTexts = Catalogue['page'];

/** The pages' words in a language. */
export function pageTexts(lang: Lang): PageTexts {
  return texts(lang).page;
}

/** A page text with its placeholders filled. */
export function fill(template: string, params: TextParams, lang: Lang): string {
  return format(template, params, lang);
}
