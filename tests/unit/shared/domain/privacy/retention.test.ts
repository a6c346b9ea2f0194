import { beforeAll, describe, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { applyEvent } from '../../../../../shared/domain/complaint/events.ts';
import { FINAL_STATUSES, type ComplaintRecord } from '../../../../../shared/domain/complaint/model.ts';
import { retentionEnd, retentionStart } from '../../../../../shared/domain/privacy/retention.ts';
import '../../../../../shared/domain/privacy/anonymise.ts';

let demo: Regulation;
beforeAll(async () => {
  demo = await loadRegulationFile('tenants/demo.yaml');
});

function handled(): ComplaintRecord {
  return {
    reference: 'KL-2026-000007',
    year: 2026,
    tenantId: 'demo',
    regulationVersion: demo.version,
    receivedAt: '2026-03-02T09:00:00.000Z',
    channel: 'web-form',
    mode: 'written',
    registeredBy: 'complainant',
    complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', language: 'nl' },
    categories: [],
    involved: [],
    signOffs: [],
    measureIds: [],
    happened: { received: '2026-03-02T09:00:00.000Z', acknowledged: '2026-03-02T09:05:00.000Z' },
    description: 'x',
    status: 'investigating',
    milestones: [],
    version: 4,
  };
}

// The demo keeps files 24 months after `closed` (Europe/Amsterdam): the end of that local day.
const TWO_YEARS_AFTER_15_MAY_2026 = '2028-05-15T21:59:59.000Z';
const at = new Date('2026-05-15T10:00:00.000Z');

describe('the retention clock per final status', () => {
  const endings: Array<[string, { type: string; data?: Record<string, unknown> }]> = [
    ['closed', { type: 'closed' }],
    ['withdrawn', { type: 'withdrawn' }],
    ['not-admissible', { type: 'not-taken-up', data: { decision: { outcome: 'not-admissible' } } }],
    ['resolved-informally', { type: 'resolved', data: { decision: { outcome: 'resolved-informally' } } }],
    ['referred-externally', { type: 'external-referral-given', data: { body: 'geschillencommissie' } }],
  ];

  test('covers every final status', () => {
    expect(endings.map(([status]) => status).sort()).toEqual([...FINAL_STATUSES].sort());
  });

  for (const [status, event] of endings) {
    test(`${status}: runs from the moment it became final (the 'closed' event, or the fallback)`, () => {
      const { next } = applyEvent(demo, handled(), { ...event, at, actor: 'coordinator@demo.example' });
      expect(next.status).toBe(status);
      expect(next.finalAt).toBe(at.toISOString());
      expect(retentionStart(demo, next)).toBe(at.toISOString());
      expect(next.retainUntil).toBe(TWO_YEARS_AFTER_15_MAY_2026);
    });
  }

  test('a complaint still being handled has no retention date', () => {
    expect(retentionEnd(demo, handled())).toBeUndefined();
    const { next } = applyEvent(demo, handled(), { type: 'assigned', at, actor: 'coordinator@demo.example', data: { handler: { email: 'h@demo.example', name: 'H' } } });
    expect(next.retainUntil).toBeUndefined();
  });

  test('reopened by an objection the clock stops; final again it restarts from then', () => {
    const closed = applyEvent(demo, handled(), { type: 'closed', at, actor: 'coordinator@demo.example' }).next;
    const objected = applyEvent(demo, closed, { type: 'objection-received', at: new Date('2026-05-20T10:00:00.000Z'), actor: 'complainant', data: { text: 'bezwaar' } }).next;
    expect(objected.retainUntil).toBeUndefined();
    expect(objected.finalAt).toBeUndefined();
    const closedAgain = applyEvent(demo, objected, { type: 'closed', at: new Date('2026-07-01T10:00:00.000Z'), actor: 'coordinator@demo.example' }).next;
    // `happened.closed` keeps the first closing; the later of it and the new final moment counts.
    expect(closedAgain.happened.closed).toBe(at.toISOString());
    expect(closedAgain.retainUntil).toBe('2028-07-01T21:59:59.000Z');
  });

  test('when `after` is a later event, the clock waits for it and runs from it', () => {
    const regulation: Regulation = { ...demo, retention: { ...demo.retention, after: 'report-sent', keep: { unit: 'months', amount: 6 } } };
    const closed = applyEvent(regulation, handled(), { type: 'closed', at, actor: 'coordinator@demo.example' }).next;
    expect(closed.retainUntil).toBe('2026-11-15T22:59:59.000Z');
    const reported = applyEvent(regulation, closed, { type: 'report-sent', at: new Date('2026-06-01T10:00:00.000Z'), actor: 'system' }).next;
    expect(reported.retainUntil).toBe('2026-12-01T22:59:59.000Z');
  });

  test('holds and anonymisation are record events: `happened` and the retention date stay as they were', () => {
    const closed = applyEvent(demo, handled(), { type: 'closed', at, actor: 'coordinator@demo.example' }).next;
    const held = applyEvent(demo, closed, { type: 'legal-hold-placed', at: new Date('2026-06-01T10:00:00.000Z'), actor: 'coordinator@demo.example', data: { reason: 'dispute' } }).next;
    expect(held.legalHold).toEqual({ reason: 'dispute', by: 'coordinator@demo.example', at: '2026-06-01T10:00:00.000Z' });
    expect(held.happened).toEqual(closed.happened);
    expect(held.retainUntil).toBe(closed.retainUntil);
    const lifted = applyEvent(demo, held, { type: 'legal-hold-lifted', at: new Date('2026-07-01T10:00:00.000Z'), actor: 'coordinator@demo.example', data: { reason: 'settled' } }).next;
    expect(lifted.legalHold).toBeUndefined();
    const anonymised = applyEvent(demo, lifted, { type: 'anonymised', at: new Date('2028-05-16T03:15:00.000Z'), actor: 'system' }).next;
    expect(anonymised.happened).toEqual(closed.happened);
    expect(anonymised.anonymisedAt).toBe('2028-05-16T03:15:00.000Z');
    expect(anonymised.complainant.email).toBe('');
    expect(anonymised.version).toBe(lifted.version + 1);
  });
});
