// docs/regulation-format.md keeps up with the format: every field and fixed word is documented.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { CHANNEL_KIND_IDS, EVENT_NAMES, INVOLVEMENT_IDS, LETTER_CONTENT_IDS, OUTCOME_IDS, regulationShape } from '../../../../../shared/domain/regulation/index.ts';

const DOC = readFileSync(resolve(fileURLToPath(new URL('../../../../..', import.meta.url)), 'docs/regulation-format.md'), 'utf8');

test.each(Object.keys(regulationShape))('top-level field %s is documented', (field) => {
  expect(DOC).toContain(`| \`${field}\` |`);
});

test.each([...EVENT_NAMES, ...OUTCOME_IDS, ...CHANNEL_KIND_IDS, ...LETTER_CONTENT_IDS, ...INVOLVEMENT_IDS])('word %s is documented', (word) => {
  expect(DOC).toContain(`\`${word}\``);
});
