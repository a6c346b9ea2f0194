/**
 * Issue 19, item 4: the measures register's matrix. Who may record and change a measure is the
 * regulation's `measures.decidedBy` (its staff group), always with the coordinator; a role held per
 * complaint (ok-ondernemen's handler) only for the complaints they handle; the owner of a measure
 * records its progress (status, result, effective) and nothing else; the auditor never. Every change
 * is recorded with who and when. A handler's list holds only the measures of the complaints they
 * handle, and their own. On plain fakes (InMemoryRegister, FakeClock), as the admin API runs it.
 */
import { describe, expect, test } from 'vitest';
import { createMeasure, listMeasures, updateMeasure } from '../../../../../shared/domain/measures/measures.ts';
import { ForbiddenError, NotFoundError } from '../../../../../shared/domain/errors.ts';
import type { Actor } from '../../../../../shared/domain/workflow/steps.ts';
import { handlerRef, staff, workflow, type TenantId, type Workflow } from '../../../../support/workflow-harness.ts';
import { InMemoryMeasureStore } from '../../../../support/fakes/measures.ts';

interface Setup {
  w: Workflow;
  deps: { register: InMemoryMeasureStore; clock: Workflow['clock']; regulations: Workflow['regulations']; complaints: Workflow['register'] };
  /** Assigned to handler1. */
  mine: string;
  /** Assigned to handler2. */
  theirs: string;
  auditor: Actor;
}

async function setup(tenant: TenantId): Promise<Setup> {
  const w = await workflow(tenant);
  const deps = { register: new InMemoryMeasureStore(), clock: w.clock, regulations: w.regulations, complaints: w.register };
  const [mine, theirs] = [await w.submit(), await w.submit({ complainant: { name: 'Piet Klager', email: 'piet@example.com' } })];
  for (const [reference, handler] of [
    [mine!, w.handler1],
    [theirs!, w.handler2],
  ] as const) {
    await w.step(reference, 'acknowledge', {}, w.coordinator).catch(() => undefined);
    await w.step(reference, 'assign', { handler: handlerRef(handler) }, w.coordinator);
  }
  return { w, deps, mine: mine!, theirs: theirs!, auditor: staff(`auditor@${w.tenant}.example`, 'auditor') };
}

const body = (refs: string[], owner = 'eigenaar@example.com') => ({
  kind: 'preventive',
  what: 'Afspraken voortaan schriftelijk bevestigen.',
  owner: { email: owner, name: 'Olga Eigenaar' },
  dueDate: '2026-06-01',
  complaintRefs: refs,
});

/** What each demo user may do, per tenant: may they record a measure for `mine` (handler1's complaint)? */
const MATRIX: Array<[TenantId, string, Record<'coordinator' | 'director' | 'officer' | 'handler1' | 'handler2' | 'auditor', boolean>]> = [
  ['demo', 'decidedBy: director', { coordinator: true, director: true, officer: false, handler1: false, handler2: false, auditor: false }],
  ['occure', 'decidedBy: coordinator', { coordinator: true, director: false, officer: false, handler1: false, handler2: false, auditor: false }],
  ['ok-ondernemen', 'decidedBy: handler (per complaint)', { coordinator: true, director: false, officer: false, handler1: true, handler2: false, auditor: false }],
  ['team-keizer', 'decidedBy: office (the director group)', { coordinator: true, director: true, officer: false, handler1: false, handler2: false, auditor: false }],
  ['focus', 'no measures section: the coordinator', { coordinator: true, director: false, officer: false, handler1: false, handler2: false, auditor: false }],
];

describe('who may record and change a measure: the roles the regulation names', () => {
  test.each(MATRIX)('%s (%s)', async (tenant, _rule, expected) => {
    const s = await setup(tenant);
    const actors = { coordinator: s.w.coordinator, director: s.w.director, officer: s.w.officer, handler1: s.w.handler1, handler2: s.w.handler2, auditor: s.auditor };
    for (const [who, may] of Object.entries(expected)) {
      const actor = actors[who as keyof typeof actors];
      const created = createMeasure(s.deps, body([s.mine]), actor);
      if (may) await expect(created, `${tenant}: ${who} records`).resolves.toMatchObject({ createdBy: actor.email, status: 'open' });
      else await expect(created, `${tenant}: ${who} is refused`).rejects.toBeInstanceOf(ForbiddenError);
    }
    // Changing a measure the coordinator recorded: the same deciders (a handler who cannot see it: not found).
    const measure = await createMeasure(s.deps, body([s.mine]), s.w.coordinator);
    for (const [who, may] of Object.entries(expected)) {
      const actor = actors[who as keyof typeof actors];
      const changed = updateMeasure(s.deps, measure.id, { dueDate: '2026-07-01' }, actor);
      if (may) await expect(changed, `${tenant}: ${who} changes`).resolves.toMatchObject({ dueDate: '2026-07-01', updatedBy: actor.email });
      else await expect(changed, `${tenant}: ${who} is refused`).rejects.toBeInstanceOf(who === 'handler2' ? NotFoundError : ForbiddenError);
    }
  });

  test('a handler who decides (ok-ondernemen) does so only for complaints they handle', async () => {
    const s = await setup('ok-ondernemen');
    await expect(createMeasure(s.deps, body([s.theirs]), s.w.handler1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createMeasure(s.deps, body([s.mine, s.theirs]), s.w.handler1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createMeasure(s.deps, body([]), s.w.handler1)).rejects.toBeInstanceOf(ForbiddenError);
    const measure = await createMeasure(s.deps, body([s.mine]), s.w.handler1);
    // Linking it to another handler's complaint as well: refused.
    await expect(updateMeasure(s.deps, measure.id, { complaintRefs: [s.mine, s.theirs] }, s.w.handler1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateMeasure(s.deps, measure.id, { complaintRefs: [s.mine, s.theirs] }, s.w.coordinator)).resolves.toMatchObject({ complaintRefs: [s.mine, s.theirs] });
  });

  test('the owner records its progress (status, result, effective), and nothing else', async () => {
    const s = await setup('demo');
    const owner = staff('officer@demo.example', 'complaints-officer');
    const measure = await createMeasure(s.deps, body([s.mine], owner.email), s.w.coordinator);
    await expect(updateMeasure(s.deps, measure.id, { status: 'done', result: 'Gedaan.', effective: true }, owner)).resolves.toMatchObject({ status: 'done', effective: true, updatedBy: owner.email });
    await expect(updateMeasure(s.deps, measure.id, { dueDate: '2027-01-01' }, owner)).rejects.toThrow(/owner of a measure records its progress/);
    await expect(updateMeasure(s.deps, measure.id, { what: 'Iets anders.' }, owner)).rejects.toBeInstanceOf(ForbiddenError);
    // An owner with only the auditor's role still writes nothing.
    const auditorOwner = await createMeasure(s.deps, body([s.mine], s.auditor.email), s.w.coordinator);
    await expect(updateMeasure(s.deps, auditorOwner.id, { status: 'done' }, s.auditor)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test('every change is recorded with who and when, never with the text itself', async () => {
    const s = await setup('demo');
    const measure = await createMeasure(s.deps, body([s.mine]), s.w.coordinator);
    s.w.at('2026-03-03T09:00:00Z');
    await updateMeasure(s.deps, measure.id, { status: 'done', result: 'Gedaan, met een geheim.' }, s.w.director);
    const stored = (await s.deps.register.getMeasure(measure.id))!;
    expect(stored).toMatchObject({ updatedAt: '2026-03-03T09:00:00.000Z', updatedBy: s.w.director.email, completedAt: '2026-03-03T09:00:00.000Z', version: 2 });
    expect(stored.history).toEqual([
      { at: measure.createdAt, by: s.w.coordinator.email, action: 'created' },
      { at: '2026-03-03T09:00:00.000Z', by: s.w.director.email, action: 'updated', fields: ['status', 'result'] },
    ]);
    expect(JSON.stringify(stored.history)).not.toContain('geheim');
  });
});

describe("a handler's list: the measures of the complaints they handle, and their own", () => {
  test('filtered, paged without losing or repeating one', async () => {
    const s = await setup('demo');
    const ids = {
      mine: (await createMeasure(s.deps, body([s.mine]), s.w.coordinator)).id,
      theirs: (await createMeasure(s.deps, body([s.theirs]), s.w.coordinator)).id,
      owned: (await createMeasure(s.deps, body([s.theirs], s.w.handler1.email), s.w.coordinator)).id,
      none: (await createMeasure(s.deps, body([]), s.w.coordinator)).id,
    };
    for (let i = 0; i < 5; i += 1) await createMeasure(s.deps, body([s.theirs]), s.w.coordinator);
    const all = await listMeasures(s.deps, s.w.coordinator, 200);
    expect(all.items).toHaveLength(9);
    expect((await listMeasures(s.deps, s.auditor, 200)).items).toHaveLength(9);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMeasures(s.deps, s.w.handler1, 1, cursor);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual([ids.mine, ids.owned].sort());
    expect((await listMeasures(s.deps, s.w.handler2, 200)).items.map((m) => m.id)).not.toContain(ids.mine);
    expect((await listMeasures(s.deps, s.w.handler2, 200)).items.map((m) => m.id)).not.toContain(ids.none);
  });
});
