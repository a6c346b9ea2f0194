/** The dashboard's urgency and figures, and the list's filters (shared/domain/complaint/dashboard.ts). */
import { describe, expect, test } from 'vitest';
import { byNextDue, countOpen, hasDeadline, matchesFilters, urgencyOf, urgencyOfDue, WEEK_MS } from '../../../../../shared/domain/complaint/dashboard.ts';
import type { ComplaintRecord, MilestoneState } from '../../../../../shared/domain/complaint/model.ts';

const NOW = new Date('2027-01-11T09:00:00Z');
const DAY = 24 * 3600 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

function milestone(id: string, dueAt: string, extra: Partial<MilestoneState> = {}): MilestoneState {
  return { milestoneId: id, label: { nl: id, en: id }, due: dueAt.slice(0, 10), dueAt, responsibleRole: 'coordinator', citation: 'art. 1', status: 'open', ...extra };
}

function complaint(reference: string, milestones: MilestoneState[], extra: Partial<ComplaintRecord> = {}): ComplaintRecord {
  return {
    reference,
    year: Number(reference.slice(3, 7)),
    tenantId: 'demo',
    regulationVersion: '1',
    receivedAt: '2026-11-02T09:00:00Z',
    channel: 'phone',
    mode: 'oral',
    registeredBy: 'x',
    complainant: { name: 'A', email: 'a@example.org', language: 'nl' },
    categories: ['service'],
    involved: [],
    signOffs: [],
    measureIds: [],
    happened: {},
    description: 'd',
    status: 'assigned',
    milestones,
    version: 3,
    ...extra,
  };
}

describe('urgency', () => {
  test('overdue before now, this week within seven days, later after, none without an open deadline', () => {
    expect(urgencyOfDue(at(-1), NOW)).toBe('overdue');
    expect(urgencyOfDue(at(0), NOW)).toBe('this-week');
    expect(urgencyOfDue(at(WEEK_MS - 1), NOW)).toBe('this-week');
    expect(urgencyOfDue(at(WEEK_MS), NOW)).toBe('later');
    expect(urgencyOfDue(undefined, NOW)).toBe('none');
  });

  test('the next live deadline decides: met and cancelled ones do not count, escalated ones do', () => {
    expect(urgencyOf(complaint('KL-2026-000001', [milestone('a', at(-DAY), { status: 'met' }), milestone('b', at(20 * DAY))]), NOW)).toBe('later');
    expect(urgencyOf(complaint('KL-2026-000001', [milestone('a', at(-DAY), { status: 'escalated' }), milestone('b', at(20 * DAY))]), NOW)).toBe('overdue');
    expect(urgencyOf(complaint('KL-2026-000001', [milestone('a', at(-DAY), { status: 'cancelled' })]), NOW)).toBe('none');
  });
});

describe('the figures', () => {
  test('open, overdue, due this week and without a deadline, in total and per handler (unassigned as null), each complaint once', () => {
    const counts = countOpen(
      [
        { reference: 'KL-2026-000001', handler: 'h1@x.nl', nextDueAt: at(-DAY) },
        { reference: 'KL-2026-000001', handler: 'h1@x.nl', nextDueAt: at(-DAY) },
        { reference: 'KL-2026-000002', handler: 'h1@x.nl', nextDueAt: at(2 * DAY) },
        { reference: 'KL-2027-000001', handler: null, nextDueAt: at(30 * DAY) },
        { reference: 'KL-2027-000002', handler: 'h2@x.nl' },
      ],
      NOW,
    );
    expect(counts).toEqual({
      open: 4,
      overdue: 1,
      dueThisWeek: 1,
      withoutDeadline: 1,
      complete: true,
      byHandler: [
        { handler: 'h1@x.nl', open: 2, overdue: 1, dueThisWeek: 1, withoutDeadline: 0 },
        { handler: null, open: 1, overdue: 0, dueThisWeek: 0, withoutDeadline: 0 },
        { handler: 'h2@x.nl', open: 1, overdue: 0, dueThisWeek: 0, withoutDeadline: 1 },
      ],
    });
    expect(countOpen([], NOW, false).complete).toBe(false);
  });
});

describe('filters and order', () => {
  const hard = complaint('KL-2026-000001', [milestone('handling', at(-DAY), { kind: 'hard' })], { handler: { email: 'H1@x.nl', name: 'H' } });
  const target = complaint('KL-2026-000002', [milestone('reply', at(3 * DAY), { kind: 'target' })], { status: 'investigating', categories: ['billing'] });
  const legacy = complaint('KL-2027-000001', [milestone('handling', at(10 * DAY))]);
  const none = complaint('KL-2027-000002', [], { status: 'acknowledged' });

  test('deadline kind: a record without a kind is hard; with overdue, only a passed one of that kind', () => {
    expect(hasDeadline(hard, 'hard')).toBe(true);
    expect(hasDeadline(legacy, 'hard')).toBe(true);
    expect(hasDeadline(target, 'hard')).toBe(false);
    expect(hasDeadline(target, 'target')).toBe(true);
    expect(hasDeadline(target, 'target', NOW)).toBe(false);
    expect(hasDeadline(hard, 'hard', NOW)).toBe(true);
  });

  test('every filter on a complaint in hand (search results)', () => {
    const all = [hard, target, legacy, none];
    const pick = (filters: Parameters<typeof matchesFilters>[1]) => all.filter((c) => matchesFilters(c, filters, NOW)).map((c) => c.reference);
    expect(pick({ status: 'investigating' })).toEqual(['KL-2026-000002']);
    expect(pick({ category: 'billing' })).toEqual(['KL-2026-000002']);
    expect(pick({ handler: 'h1@X.nl' })).toEqual(['KL-2026-000001']);
    expect(pick({ year: 2027 })).toEqual(['KL-2027-000001', 'KL-2027-000002']);
    expect(pick({ overdue: true })).toEqual(['KL-2026-000001']);
    expect(pick({ overdue: false })).toEqual(['KL-2026-000002', 'KL-2027-000001', 'KL-2027-000002']);
    expect(pick({ deadline: 'target' })).toEqual(['KL-2026-000002']);
    expect(pick({ deadline: 'hard', overdue: true })).toEqual(['KL-2026-000001']);
    expect(pick({})).toHaveLength(4);
  });

  test('by next due date: soonest first, those without one last', () => {
    expect([none, legacy, target, hard].sort(byNextDue).map((c) => c.reference)).toEqual(['KL-2026-000001', 'KL-2026-000002', 'KL-2027-000001', 'KL-2027-000002']);
  });
});
