/**
 * The demo-data generator (tools/seed/histories.ts) on the in-memory register: the same seed
 * gives the same histories, and every history is one the regulation allows (the use cases
 * would have refused anything else), dated in order and never after `now`.
 */
import { describe, expect, test } from 'vitest';
import { COMPLAINT_STATUSES, FINAL_STATUSES } from '../../../../shared/domain/complaint/model.ts';
import { localDateOf } from '../../../../shared/domain/calendar/index.ts';
import { checkPlanOptions, generateHistories, planComplaints } from '../../../../tools/seed/histories.ts';
import { MemoryRegister } from '../../../../tools/seed/memory-register.ts';
import { singleVersion } from '../../../../shared/domain/regulation/versions.ts';
import { loadTenant } from '../../../support/clause-table.ts';

const NOW = new Date('2026-06-15T12:00:00Z');
const TENANTS = ['demo', 'occure', 'occure@2019-01-01', 'ok-ondernemen', 'team-keizer', 'focus'] as const;

async function generate(tenant: string, year: number, count: number, seed = 1) {
  const regulation = await loadTenant(tenant);
  const register = new MemoryRegister();
  const plans = planComplaints(singleVersion(regulation), { year, count, seed, now: NOW });
  const results = await generateHistories({ register, regulations: singleVersion(regulation), now: NOW }, plans);
  const histories = await Promise.all(results.map(async (r) => ({ result: r, complaint: (await register.get(r.reference))!, events: await register.events(r.reference) })));
  return { regulation, plans, results, histories, measures: register.takeMeasures() };
}

/** What a history is, without the random ids (status token, measure ids, message ids). */
const shape = (h: Awaited<ReturnType<typeof generate>>['histories'][number]) => ({
  reference: h.complaint.reference,
  status: h.complaint.status,
  outcome: h.complaint.decision?.outcome,
  events: h.events.map((e) => `${e.at} ${e.type} ${e.actor}`),
});

describe('demo histories', () => {
  test('the same seed gives the same histories; another seed others', async () => {
    const a = await generate('occure', 2026, 25, 7);
    const b = await generate('occure', 2026, 25, 7);
    const c = await generate('occure', 2026, 25, 8);
    expect(b.plans).toEqual(a.plans);
    expect(b.histories.map(shape)).toEqual(a.histories.map(shape));
    expect(c.histories.map(shape)).not.toEqual(a.histories.map(shape));
  });

  test.each(TENANTS)('%s: every history follows the regulation, in order, never after now', async (tenant) => {
    const { regulation, histories, measures } = await generate(tenant, 2026, 60);
    const outcomes = new Set([...regulation.outcomes.map((o) => o.id), 'offer', 'resolved-informally', 'withdrawn', 'not-admissible']);
    const categories = new Set(regulation.categorySchemes.flatMap((s) => s.categories.map((c) => c.id)));
    const channels = new Set(regulation.intake.channels.map((c) => c.id));
    expect(histories.map((h) => h.complaint.reference)).toEqual(histories.map((_, i) => `KL-2026-${String(i + 1).padStart(6, '0')}`));
    for (const { complaint, events } of histories) {
      expect(COMPLAINT_STATUSES).toContain(complaint.status);
      expect(channels.has(complaint.channel)).toBe(true);
      expect(localDateOf(new Date(complaint.receivedAt), regulation.organisation.timeZone).slice(0, 4)).toBe('2026');
      for (const id of complaint.categories) expect(categories.has(id)).toBe(true);
      if (complaint.decision) expect(outcomes.has(complaint.decision.outcome), complaint.decision.outcome).toBe(true);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events[0]!.type).toBe('registered');
      const times = events.map((e) => e.at);
      expect(times).toEqual([...times].sort());
      expect(times.at(-1)! <= NOW.toISOString(), `${complaint.reference} has an event after now`).toBe(true);
      // An open deadline left at `now` lies ahead, or was escalated when it passed.
      for (const m of complaint.milestones.filter((m) => m.status === 'open')) expect(m.dueAt > NOW.toISOString(), `${complaint.reference} ${m.milestoneId}`).toBe(true);
    }
    for (const m of measures) {
      expect(m.createdAt <= NOW.toISOString()).toBe(true);
      if (m.completedAt) expect(m.completedAt <= NOW.toISOString()).toBe(true);
    }
  });

  test('a realistic mix: mostly decided in time, some late and escalated, several outcomes, busy recent weeks', async () => {
    const { histories, results } = await generate('occure', 2026, 200);
    const outcomes = new Set(histories.map((h) => h.complaint.decision?.outcome ?? h.complaint.status));
    for (const outcome of ['founded', 'partly-founded', 'unfounded', 'not-admissible', 'resolved-informally', 'withdrawn']) expect(outcomes).toContain(outcome);
    const rulings = histories.filter((h) => h.events.some((e) => e.type === 'ruling-sent'));
    const missed = rulings.filter((h) => h.complaint.milestones.some((m) => m.milestoneId === 'ruling' && m.escalatedAt));
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.length / rulings.length).toBeLessThan(0.25);
    // Received in the last three weeks: mostly still being handled.
    const recent = results.filter((_, i) => Date.parse(histories[i]!.complaint.receivedAt) > NOW.getTime() - 21 * 24 * 3600 * 1000);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.filter((r) => r.open).length / recent.length).toBeGreaterThan(0.5);
    // Recurring themes: the most frequent place draws clearly more than its share.
    const places = new Map<string, number>();
    for (const h of histories) places.set(h.complaint.place!, (places.get(h.complaint.place!) ?? 0) + 1);
    expect(Math.max(...places.values())).toBeGreaterThan((histories.length / places.size) * 1.5);
  });

  test('a past year is closed: every complaint ended', async () => {
    const { histories } = await generate('demo', 2025, 80);
    expect(histories.filter((h) => !FINAL_STATUSES.includes(h.complaint.status)).map((h) => `${h.complaint.reference} ${h.complaint.status}`)).toEqual([]);
  });

  test('refuses a future year, a count below one and a seed that is not whole', () => {
    const timeZone = 'Europe/Amsterdam';
    expect(() => checkPlanOptions({ year: 2027, count: 10, seed: 1, now: NOW }, timeZone)).toThrow(/year must be .* to 2026/);
    expect(() => checkPlanOptions({ year: 2026, count: 0, seed: 1, now: NOW }, timeZone)).toThrow(/count must be/);
    expect(() => checkPlanOptions({ year: 2026, count: 5, seed: 1.5, now: NOW }, timeZone)).toThrow(/seed must be/);
  });
});
