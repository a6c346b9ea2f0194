/**
 * The steps offered (GET /admin/complaints/{ref} availableSteps, what the console shows) are
 * exactly those the API would accept now for this user on this complaint: a step the state
 * forbids is not offered, and the step offered is not refused for its state.
 */
import { describe, expect, test } from 'vitest';
import { availableSteps } from '../../../../../shared/domain/workflow/steps.ts';
import { expectRuleViolation, handlerRef, workflow, type Workflow } from '../../../../support/workflow-harness.ts';

const offered = async (w: Workflow, reference: string, actor = w.coordinator) => availableSteps(w.regulation, await w.get(reference), actor, w.clock.now());

describe('only what is allowed now', () => {
  test('occure, filed on someone\'s behalf: no "assign" while the signed authorisation is outstanding (§ 2.1); offered once it is in', async () => {
    const w = await workflow('occure');
    const reference = await w.submit({ representative: { name: 'Jan de Vries', email: 'jan@example.com' } });
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    expect(await offered(w, reference)).not.toContain('assign');
    expect(await offered(w, reference)).toContain('authorisation');
    // What is not offered is what the API refuses.
    await expectRuleViolation(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator), '§ 2.1');
    await w.step(reference, 'authorisation', {}, w.coordinator);
    expect(await offered(w, reference)).toContain('assign');
    expect(await offered(w, reference)).not.toContain('authorisation');
    await expect(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'assigned' } });
  });

  test("a ruling is not offered before the required hearing, nor before the committee's advice is in", async () => {
    const w = await workflow('tests/fixtures/regulations/thuiszorg-het-anker.yaml');
    const reference = await w.submit();
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    expect(await offered(w, reference)).not.toContain('ruling');
    expect(await offered(w, reference)).toContain('hearing-dispensed');
    await expect(w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator)).rejects.toThrow();
  });

  test('team-keizer: closing is offered only once the sign-offs are in', async () => {
    const w = await workflow('team-keizer');
    const reference = await w.submit();
    expect(w.regulation.signOff?.when).toBeDefined();
    await w.step(reference, 'resolve-informally', { description: 'Opgelost in een gesprek.' }, w.coordinator);
    expect((await w.get(reference)).status).toBe('resolved-informally');
    const before = await offered(w, reference);
    expect(before).toContain('sign-off');
    expect(before).not.toContain('close');
    await expect(w.step(reference, 'close', {}, w.coordinator)).rejects.toThrow();
  });

  test("the coordinator the complaint is about is offered none of the coordinator's steps (occure 2019: the substitute takes over)", async () => {
    const w = await workflow('occure@2019-01-01');
    const reference = await w.submit();
    await w.step(reference, 'involvement', { person: { email: w.coordinator.email, name: 'Directeur', involvement: 'subject' } }, w.coordinator);
    const mine = await offered(w, reference);
    expect(mine).not.toContain('ruling');
    expect(mine).not.toContain('close');
    await expectRuleViolation(w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator), 'Procedurebeschrijving ¶1');
  });

  test('a tenant without an external stage is never offered an external referral', async () => {
    const w = await workflow('team-keizer');
    expect(w.regulation.external.kind).toBe('none');
    const reference = await w.submit();
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator);
    expect((await w.get(reference)).status).toBe('ruled');
    expect(await offered(w, reference)).not.toContain('external-referral');
  });
});
