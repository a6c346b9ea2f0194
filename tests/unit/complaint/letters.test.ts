import { beforeAll, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../shared/domain/regulation/index.ts';
import { acknowledgementLetter, coordinatorNotice } from '../../../shared/domain/letters/letters.ts';
import { escapeHtml, formatLongDate } from '../../../shared/domain/letters/render.ts';
import type { ComplaintRecord } from '../../../shared/domain/complaint/model.ts';

let regulation: Regulation;
beforeAll(async () => {
  regulation = await loadRegulationFile('tenants/demo.yaml');
});

const complaint = (overrides: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  reference: 'KL-2026-000042',
  year: 2026,
  tenantId: 'demo',
  regulationVersion: '1.0',
  receivedAt: '2026-04-24T08:00:00.000Z',
  channel: 'form',
  mode: 'written',
  registeredBy: 'complainant',
  categories: [],
  involved: [],
  signOffs: [],
  measureIds: [],
  happened: { received: '2026-04-24T08:00:00.000Z', registered: '2026-04-24T08:00:00.000Z' },
  complainant: { name: 'Sanne <script>alert(1)</script>', email: 'sanne@example.com', language: 'nl' },
  description: 'x',
  place: 'Utrecht & omstreken',
  status: 'registered',
  version: 1,
  milestones: [
    { milestoneId: 'acknowledgement', label: { nl: 'Ontvangstbevestiging', en: 'Acknowledgement of receipt' }, due: '2026-05-04', dueAt: '2026-05-04T21:59:59.000Z', responsibleRole: 'coordinator', citation: 'art. 3', status: 'open' },
    { milestoneId: 'handling', label: { nl: 'Schriftelijke uitspraak', en: 'Written decision' }, due: '2026-06-05', dueAt: '2026-06-05T21:59:59.000Z', responsibleRole: 'coordinator', citation: 'art. 5 lid 2', status: 'open' },
  ],
  ...overrides,
});

test('Dutch long dates, and English ones', () => {
  expect(formatLongDate('2026-05-04', 'nl')).toBe('maandag 4 mei 2026');
  expect(formatLongDate('2026-05-04', 'en')).toBe('Monday 4 May 2026');
});

test('the acknowledgement gives the reference, the receipt date and what comes next, citing the rule', () => {
  const letter = acknowledgementLetter(complaint(), regulation);
  expect(letter.subject).toBe('Ontvangstbevestiging van uw klacht KL-2026-000042');
  expect(letter.text).toContain('Ontvangen op: vrijdag 24 april 2026');
  expect(letter.text).toContain('Schriftelijke uitspraak: vrijdag 5 juni 2026 (art. 5 lid 2)');
  // The acknowledgement itself is not listed as something still to come.
  expect(letter.text).not.toContain('Ontvangstbevestiging: ');
  expect(letter.text).toContain('Voorbeeld Dienstverlening BV');
});

test('English when the complainant chose it', () => {
  const letter = acknowledgementLetter(complaint({ complainant: { name: 'Jan', email: 'jan@example.com', language: 'en' } }), regulation);
  expect(letter.subject).toBe('Acknowledgement of your complaint KL-2026-000042');
  expect(letter.text).toContain('Written decision: Friday 5 June 2026 (art. 5 lid 2)');
});

test('HTML bodies escape what the complainant typed', () => {
  const letter = acknowledgementLetter(complaint(), regulation);
  expect(letter.html).not.toContain('<script>');
  expect(letter.html).toContain('Sanne &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(letter.html).toContain('Utrecht &amp; omstreken');
  expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
});

test('the coordinator notice lists every open deadline', () => {
  const letter = coordinatorNotice(complaint(), regulation);
  expect(letter.subject).toBe('Nieuwe klacht KL-2026-000042');
  expect(letter.text).toContain('Ontvangstbevestiging: maandag 4 mei 2026 (art. 3)');
});
