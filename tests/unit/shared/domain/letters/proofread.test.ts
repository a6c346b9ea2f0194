/** The proofreading checks themselves: each finds what it is for, on a letter rendered as the product renders one. */
import { describe, expect, it } from 'vitest';
import { renderLetter } from '../../../../../shared/domain/letters/render.ts';
import { hollowParagraphs, occurrences, placeholders } from '../../../../support/proofread.ts';

const letter = (...paragraphs: string[]) => renderLetter('Onderwerp', [{ paragraph: 'Beste klager,' }, ...paragraphs.map((p) => ({ paragraph: p }))], 'Met vriendelijke groet,\nVoorbeeld BV');

describe('proofreading a letter', () => {
  it('finds placeholders and values printed as text', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder left in a letter is what the proofreader must find
    for (const bad of ['Beste ${name},', 'Beste {{name}},', 'Uitkomst: undefined', 'Datum: null', 'Bedrag: NaN', 'Klacht: [object Object]', 'Op Invalid Date']) {
      expect(placeholders(letter(bad).text), bad).toHaveLength(1);
    }
    expect(placeholders(letter('Wij nullen niets; de undefinedness van iets telt niet.').text)).toEqual([]);
  });

  it('finds empty paragraphs and paragraphs of punctuation only, in the HTML and the text', () => {
    expect(hollowParagraphs(letter(''))).toHaveLength(2);
    expect(hollowParagraphs(letter(' '))).toHaveLength(2);
    expect(hollowParagraphs(letter('.'))).toHaveLength(2);
    expect(hollowParagraphs(letter(':\n'))).toHaveLength(2);
    expect(hollowParagraphs(renderLetter('Onderwerp', [{ facts: [] }], 'Groet'))).toEqual(['html: <table></table>', 'text: ""']);
    expect(hollowParagraphs(letter('Toelichting:\nWij hebben het uitgezocht.'))).toEqual([]);
  });

  it('finds a name as a whole word, in any case', () => {
    expect(occurrences('Met vriendelijke groet, OCCURE', 'Occure')).toHaveLength(1);
    expect(occurrences('U kunt naar Stichting Dokh.', 'Stichting Dokh')).toHaveLength(1);
    expect(occurrences('Wij focussen op de klacht', 'Focus')).toEqual([]);
    expect(occurrences('Refocus', 'Focus')).toEqual([]);
  });
});
