/** The calendar feed (iCalendar) and the CSV for Dutch Excel, pure. */
import { describe, expect, test } from 'vitest';
import { createCalendarFeed, deadlinesCalendar, feedScope, feedTokenHash, foldLine, icsText, isFeedToken } from '../../../../../shared/domain/complaint/calendar-feed.ts';
import { InMemoryCalendarFeedStore } from '../../../../support/fakes/calendar-feeds.ts';
import { complaintsCsv } from '../../../../../shared/domain/complaint/summary-view.ts';
import type { ComplaintRecord, MilestoneState } from '../../../../../shared/domain/complaint/model.ts';

const NOW = new Date('2027-01-11T09:00:00Z');

function milestone(id: string, due: string, extra: Partial<MilestoneState> = {}): MilestoneState {
  return {
    milestoneId: id,
    label: { nl: `Termijn ${id}`, en: `Deadline ${id}` },
    due,
    dueAt: `${due}T22:59:59.999Z`,
    responsibleRole: 'coordinator',
    citation: 'art. 5 lid 2',
    status: 'open',
    ...extra,
  };
}

function complaint(reference: string, milestones: MilestoneState[], extra: Partial<ComplaintRecord> = {}): ComplaintRecord {
  return {
    reference,
    year: 2026,
    tenantId: 'demo',
    regulationVersion: '1',
    receivedAt: '2026-11-02T08:30:00Z',
    channel: 'phone',
    mode: 'oral',
    registeredBy: 'x',
    complainant: { name: 'Geheime Naam', email: 'geheim@example.org', language: 'nl' },
    categories: ['service', 'billing'],
    involved: [],
    signOffs: [],
    measureIds: [],
    happened: {},
    description: 'Geheime tekst',
    status: 'assigned',
    milestones,
    version: 3,
    ...extra,
  };
}

describe('the calendar feed', () => {
  const complaints = [
    complaint('KL-2026-000001', [milestone('handling', '2026-12-14', { status: 'escalated' }), milestone('ack', '2026-11-09', { status: 'met' })]),
    complaint('KL-2027-000003', [milestone('reply', '2027-01-13', { kind: 'target' }), milestone('gone', '2027-01-20', { status: 'cancelled' })]),
  ];

  test('one all-day event per open deadline: reference, milestone, hard or target; no name or text of the complainant', () => {
    const ics = deadlinesCalendar(complaints, { organisation: 'Demo, B.V.', lang: 'nl', now: NOW });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('X-WR-CALNAME:Klachttermijnen Demo\\, B.V.');
    expect(ics).toContain('UID:KL-2026-000001.handling@klachtenregister');
    expect(ics).toContain('DTSTART;VALUE=DATE:20261214\r\nDTEND;VALUE=DATE:20261215');
    expect(ics).toContain('SUMMARY:KL-2026-000001: Termijn handling (harde termijn\\, verstreken)');
    expect(ics).toContain('SUMMARY:KL-2027-000003: Termijn reply (streeftermijn)');
    expect(ics).toContain('CATEGORIES:TARGET');
    expect(ics).not.toMatch(/Geheime|geheim@|ack|gone/);
    // Soonest first.
    expect(ics.indexOf('KL-2026-000001')).toBeLessThan(ics.indexOf('KL-2027-000003'));
  });

  test('in English on request; lines folded at 75 octets, never inside a character', () => {
    const ics = deadlinesCalendar(complaints, { organisation: 'Ørganisatie '.repeat(10), lang: 'en', now: NOW });
    expect(ics).toContain('SUMMARY:KL-2027-000003: Deadline reply (target date)');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`X-WR-CALNAME:Complaint deadlines ${'Ørganisatie '.repeat(10)}`);
    expect(
      foldLine('é'.repeat(60))
        .split('\r\n ')
        .every((part) => !part.includes('\uFFFD')),
    ).toBe(true);
    expect(icsText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  test('a feed token: 43 base64url characters, kept only as its hash; made again, the owner and roles it had', async () => {
    const store = new InMemoryCalendarFeedStore();
    const kept = store.table.calendarFeeds;
    const { token } = await createCalendarFeed(store, { email: 'Hans@Demo.example', roles: ['handler'] }, NOW);
    expect(isFeedToken(token)).toBe(true);
    expect([...kept.keys()]).toEqual([feedTokenHash(token)]);
    expect(JSON.stringify([...kept])).not.toContain(token);
    expect(kept.get(feedTokenHash(token))).toEqual({ email: 'hans@demo.example', roles: ['handler'], createdAt: NOW.toISOString() });
    expect(isFeedToken(`${token}x`)).toBe(false);
    expect(isFeedToken('../../etc/passwd')).toBe(false);
    expect(feedScope({ email: 'h@x', roles: ['handler'] })).toEqual({ handlerEmail: 'h@x' });
    expect(feedScope({ email: 'c@x', roles: ['coordinator', 'handler'] })).toEqual({});
  });
});

describe('the CSV for Dutch Excel', () => {
  const rows = [
    complaint('KL-2026-000001', [milestone('handling', '2026-12-14')], { handler: { email: 'h1@demo.example', name: 'H' } }),
    complaint('KL-2026-000002', [milestone('reply', '2027-02-01', { kind: 'target' })], { decision: { outcome: '=HYPERLINK("x")', decidedAt: '2026-12-01', decidedBy: 'x' } }),
  ];

  test('a BOM, `;` between cells, Dutch headers and words, the receipt in local time, CRLF', () => {
    const csv = complaintsCsv(rows, NOW, { timeZone: 'Europe/Amsterdam' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Kenmerk;Status;Ontvangen;Kanaal;Wijze;Categorieën;Behandelaar;Eerstvolgende termijn;Uiterste datum;Soort termijn;Te laat;Uitkomst');
    expect(lines[1]).toBe('KL-2026-000001;assigned;2026-11-02 09:30;phone;oral;"service, billing";h1@demo.example;handling;2026-12-14;harde termijn;ja;');
    expect(lines.at(-1)).toBe('');
  });

  test('English on request; a cell a spreadsheet would run as a formula is defused', () => {
    const csv = complaintsCsv(rows, NOW, { lang: 'en', timeZone: 'Europe/Amsterdam' });
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Reference;Status;Received;Channel;Mode;Categories;Handler;Next deadline;Due;Deadline kind;Overdue;Outcome');
    expect(lines[2]).toBe('KL-2026-000002;assigned;2026-11-02 09:30;phone;oral;"service, billing";;reply;2027-02-01;target;no;"\'=HYPERLINK(""x"")"');
    expect(csv).not.toContain('Geheime');
  });
});
