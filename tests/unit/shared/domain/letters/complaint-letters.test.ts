import { beforeAll, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { deadlineEscalation, deadlineReminder } from '../../../../../shared/domain/letters/letters.ts';
import { composeNotice } from '../../../../../shared/domain/letters/compose.ts';
import type { NoticeSpec } from '../../../../../shared/domain/letters/notices.ts';
import { escapeHtml, formatLongDate } from '../../../../../shared/domain/letters/render.ts';
import type { ComplaintRecord } from '../../../../../shared/domain/complaint/model.ts';

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
    {
      milestoneId: 'acknowledgement',
      label: { nl: 'Ontvangstbevestiging', en: 'Acknowledgement of receipt' },
      due: '2026-05-04',
      dueAt: '2026-05-04T21:59:59.000Z',
      responsibleRole: 'coordinator',
      citation: 'art. 3',
      status: 'open',
    },
    {
      milestoneId: 'handling',
      label: { nl: 'Schriftelijke uitspraak', en: 'Written decision' },
      due: '2026-06-05',
      dueAt: '2026-06-05T21:59:59.000Z',
      responsibleRole: 'coordinator',
      citation: 'art. 5 lid 2',
      status: 'open',
    },
  ],
  ...overrides,
});

function noticeOf(id: string): NoticeSpec {
  const notice = regulation.notices.find((n) => n.id === id)!;
  return { id, source: 'regulation', contents: notice.contents, citation: notice.citation.article };
}
const acknowledgementLetter = (c: ComplaintRecord, _r: Regulation, statusLink?: string) =>
  composeNotice({ regulation, complaint: c, notice: noticeOf('acknowledgement'), recipient: 'complainant', ...(statusLink ? { statusLink } : {}) });
const coordinatorNotice = (c: ComplaintRecord) => composeNotice({ regulation, complaint: c, notice: noticeOf('coordinator-notice'), recipient: 'staff' });

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
  const letter = composeNotice({
    regulation,
    complaint: complaint(),
    notice: { id: 'acknowledgement', source: 'product', contents: ['complaint-summary', 'complaint-details'] },
    recipient: 'complainant',
  });
  expect(letter.html).not.toContain('<script>');
  expect(letter.html).toContain('Sanne &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(letter.html).toContain('Utrecht &amp; omstreken');
  expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
});

test('the coordinator notice summarises the complaint and cites its rule', () => {
  const letter = coordinatorNotice(complaint());
  expect(letter.subject).toBe('Nieuwe klacht KL-2026-000042');
  expect(letter.text).toContain('Ontvangen op: vrijdag 24 april 2026');
  expect(letter.text).toContain(`Deze brief volgt uit ${noticeOf('coordinator-notice').citation} van de klachtenregeling.`);
});

test('the status link is in the acknowledgement, once', () => {
  const letter = acknowledgementLetter(complaint(), regulation, 'https://klachten.example/status/abc');
  expect(letter.text.match(/https:\/\/klachten\.example\/status\/abc/g)).toHaveLength(1);
});

test("reminders and escalations cite the deadline's rule", () => {
  const c = complaint();
  const handling = c.milestones[1]!;
  expect(deadlineReminder(c, handling, regulation).text).toContain('verloopt uiterlijk op vrijdag 5 juni 2026 (art. 5 lid 2)');
  expect(deadlineEscalation(c, handling, regulation).subject).toBe('Termijn verstreken: KL-2026-000042 – Schriftelijke uitspraak');
});
