// The complaint form asks for the dates the regulation wants the complainant to state
// (statedDates with statedBy complainant), sends them as statedDates, and ties a refusal to the field.
import { describe, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../shared/adapters/regulation-file.ts';
import { emptyValues, fieldErrors, formPage, submissionBody, valuesFromForm } from '../../../web/form-page.ts';
import { fieldProblem } from '../../../shared/domain/errors.ts';

const FIXTURE = 'tests/fixtures/regulations/kinderopvang-het-speelbos.yaml';

describe('stated dates on the complaint form', () => {
  test('a date field per stated date the complainant states; its value goes into statedDates', async () => {
    const regulation = await loadRegulationFile(FIXTURE);
    const page = formPage({ regulation, lang: 'nl', base: '', now: new Date('2026-03-02T10:00:00+01:00'), procedure: '', values: emptyValues(regulation, 'nl') });
    const html = String(page.body);
    expect(html).toContain('id="f-stated-learned-on" name="stated-learned-on"');
    expect(html).toContain('Datum waarop u ervan hoorde');

    const fields: Record<string, string> = { name: 'Sanne', email: 'sanne@example.com', description: 'Te laat opgehaald.', 'stated-learned-on': '2026-02-25' };
    const values = valuesFromForm(regulation, { get: (n) => fields[n] ?? '', all: () => [] });
    expect(submissionBody(values, regulation)).toMatchObject({ statedDates: { 'learned-on': '2026-02-25' } });
    const empty = valuesFromForm(regulation, { get: (n) => (n === 'stated-learned-on' ? '' : (fields[n] ?? '')), all: () => [] });
    expect(submissionBody(empty, regulation)).not.toHaveProperty('statedDates');

    const errors = fieldErrors([fieldProblem('statedDates.learned-on', 'in_future', undefined, 'error.field.afterReceipt')], regulation, 'nl');
    expect(errors.fields).toEqual([{ id: 'stated-learned-on', message: 'mag niet na de dag van ontvangst van de klacht liggen' }]);
    expect(fieldErrors([fieldProblem('statedDates.learned-on', 'in_future', undefined, 'error.field.afterReceipt')], regulation, 'en').fields[0]?.message).toBe(
      'must not be after the day the complaint was received',
    );
  });

  test('a regulation without stated dates gets no extra field', async () => {
    const regulation = await loadRegulationFile('tenants/demo.yaml');
    const html = String(formPage({ regulation, lang: 'nl', base: '', now: new Date(), procedure: '', values: emptyValues(regulation, 'nl') }).body);
    expect(html).not.toContain('f-stated-');
  });
});
