/**
 * Milestones follow the events (open on their anchor, met, cancelled, moved by an extension), and
 * the trail an auditor reads: every step is exactly one numbered event with who, when and the rule.
 */
import { describe, expect, test } from 'vitest';
import { deliverOutbox } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import type { MilestoneState } from '../../../../../shared/domain/complaint/model.ts';
import type { Mailer, OneTimeSchedule, OutgoingMail } from '../../../../../shared/domain/ports.ts';
import type { StepId } from '../../../../../shared/domain/workflow/steps.ts';
import { handlerRef, rejection, workflow, type Workflow } from '../../../../support/workflow-harness.ts';
import { scheduleChangesOf } from '../../../../../shared/domain/complaint/milestone-schedules.ts';

const milestone = async (w: Workflow, reference: string, id: string): Promise<MilestoneState | undefined> => (await w.get(reference)).milestones.find((m) => m.milestoneId === id);
const milestoneIds = async (w: Workflow, reference: string, status?: MilestoneState['status']) =>
  (await w.get(reference)).milestones
    .filter((m) => !status || m.status === status)
    .map((m) => m.milestoneId)
    .sort();

describe('milestones open on their anchor events', () => {
  test('demo, on receipt (Mon 2 March): the acknowledgement (5 working days) and the handling (6 weeks); nothing conditional yet', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    const complaint = await w.get(reference);
    expect(complaint.milestones.map((m) => [m.milestoneId, m.due, m.status, m.citation])).toEqual([
      ['acknowledgement', '2026-03-09', 'open', 'art. 3'],
      ['handling', '2026-04-13', 'open', 'art. 5 lid 2'],
    ]);
  });

  test('demo: the decision on the objection opens on the objection hearing (4 weeks, the director) and is met by the decision', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.handler1);
    await w.step(reference, 'objection', { text: 'Bezwaar' }, w.coordinator);
    expect(await milestone(w, reference, 'objection-decision')).toBeUndefined();
    w.at('2026-03-19T14:00:00+01:00');
    await w.step(reference, 'objection-hearing', { heldOn: '2026-03-19', summary: 'Toegelicht' }, w.director);
    expect(await milestone(w, reference, 'objection-decision')).toMatchObject({ status: 'open', due: '2026-04-16', responsibleRole: 'director', citation: 'art. 8 lid 3' });
    w.at('2026-04-01T10:00:00+02:00');
    await w.step(reference, 'objection-decision', { outcome: 'unfounded', reasoning: 'Ongegrond.' }, w.director);
    expect(await milestone(w, reference, 'objection-decision')).toMatchObject({ status: 'met', metAt: '2026-04-01T08:00:00.000Z' });
  });

  test('occure: the board\'s month runs from the hearing ("binnen één maand na het gesprek"), also when it is recorded days later', async () => {
    const w = await workflow('occure');
    const reference = await w.submit();
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator);
    await w.step(reference, 'objection', { text: 'Bezwaar' }, w.coordinator);
    w.at('2026-03-20T10:00:00+01:00');
    // The hearing took place on Thu 12 March; the board's secretary records it on Fri 20 March.
    await w.step(reference, 'objection-hearing', { heldOn: '2026-03-12', summary: 'Toegelicht' }, w.director);
    expect((await milestone(w, reference, 'objection-decision'))?.due).toBe('2026-04-13'); // 12 April is a Sunday
  });

  test('ok-ondernemen: the written report (2 weeks, art. 6) opens when the complaint is resolved, not before', async () => {
    const w = await workflow('ok-ondernemen');
    const reference = await w.submit();
    expect(await milestoneIds(w, reference)).toEqual(['acknowledgement']);
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
    await w.step(reference, 'offer', { description: 'Correctie van het verslag', remedies: ['correction'] }, w.handler1);
    expect(await milestone(w, reference, 'report')).toBeUndefined();
    w.at('2026-03-11T15:00:00+01:00');
    await w.step(reference, 'resolve-informally', { description: 'Klager akkoord met de correctie' }, w.handler1);
    expect(await milestone(w, reference, 'report')).toMatchObject({ status: 'open', due: '2026-03-25', responsibleRole: 'handler', citation: 'art. 6' });
  });

  test('ok-ondernemen: sending the final report (closing with it) meets the report milestone', async () => {
    const w = await workflow('ok-ondernemen');
    const reference = await w.submit();
    await w.step(reference, 'resolve-informally', { description: 'Opgelost' }, w.coordinator);
    await w.step(reference, 'close', { finalReport: 'Verslag aan klager en coördinator: opgelost met een correctie.' }, w.coordinator);
    // Met when the report is actually sent (the outbox delivers it), not when it is queued.
    expect(await milestone(w, reference, 'report')).toMatchObject({ status: 'open' });
    const mailer: Mailer & { sent: OutgoingMail[] } = {
      sent: [],
      async send(mail) {
        this.sent.push(mail);
        return `m-${this.sent.length}`;
      },
    };
    const scheduler = { async ensure(_s: OneTimeSchedule) {}, async remove(_n: string) {} };
    await deliverOutbox({ register: w.register, clock: w.clock, regulations: w.regulations, mailer, scheduler }, 100);
    expect(mailer.sent.some((m) => m.to === 'klager@example.com' || m.subject.includes(reference))).toBe(true);
    expect(await milestone(w, reference, 'report')).toMatchObject({ status: 'met' });
  });

  test("demo, filed on someone's behalf: the periods wait for the authorisation (art. 2 lid 2), then count from it", async () => {
    const w = await workflow('demo');
    const reference = await w.submit({ representative: { name: 'Jan de Vries' } });
    expect(await milestoneIds(w, reference)).toEqual(['acknowledgement']);
    w.at('2026-03-11T09:00:00+01:00');
    await w.step(reference, 'authorisation', {}, w.coordinator);
    expect(await milestone(w, reference, 'handling')).toMatchObject({ status: 'open', due: '2026-04-22' });
  });

  test('focus: the notice to the supervisor, sent the same day, meets "reported to the supervisor (dag 1)"', async () => {
    const w = await workflow('focus');
    const reference = await w.submit();
    expect(await milestoneIds(w, reference, 'open')).toEqual(['contact', 'offer', 'record-actions', 'report-to-supervisor']);
    const mailer: Mailer & { sent: OutgoingMail[] } = {
      sent: [],
      async send(mail) {
        this.sent.push(mail);
        return `m-${this.sent.length}`;
      },
    };
    const scheduler = { async ensure(_s: OneTimeSchedule) {}, async remove(_n: string) {} };
    await deliverOutbox({ register: w.register, clock: w.clock, regulations: w.regulations, mailer, scheduler });
    expect(mailer.sent.map((m) => m.to)).toContain('leidinggevende@focus.example');
    expect(await milestone(w, reference, 'report-to-supervisor')).toMatchObject({ status: 'met' });
  });
});

describe('milestones are met, cancelled and moved by the events', () => {
  test('met: the acknowledgement by acknowledging, the handling by the ruling, with the time', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    w.at('2026-03-04T09:30:00+01:00');
    await w.step(reference, 'acknowledge', { reason: 'Telefonisch bevestigd' }, w.coordinator);
    expect(await milestone(w, reference, 'acknowledgement')).toMatchObject({ status: 'met', metAt: '2026-03-04T08:30:00.000Z' });
    await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
    w.at('2026-04-01T12:00:00+02:00');
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.handler1);
    expect(await milestone(w, reference, 'handling')).toMatchObject({ status: 'met', metAt: '2026-04-01T10:00:00.000Z' });
    // The met milestones' deadline checks are removed.
    const unscheduled = [...w.register.outbox.values()].flatMap((e) => scheduleChangesOf(e.action)).flatMap((c) => (c.kind === 'unschedule' ? [c.name] : []));
    expect(unscheduled).toEqual(expect.arrayContaining([`${reference}.acknowledgement.check`, `${reference}.handling.check`]));
  });

  test('cancelled on withdrawal: every open milestone, and its deadline check removed', async () => {
    const w = await workflow('focus');
    const reference = await w.submit();
    const open = await milestoneIds(w, reference, 'open');
    expect(open.length).toBeGreaterThan(0);
    await w.step(reference, 'withdraw', { reason: 'Klager ziet ervan af' }, w.coordinator);
    expect(await milestoneIds(w, reference, 'open')).toEqual([]);
    expect(await milestoneIds(w, reference, 'cancelled')).toEqual(open);
    const unscheduled = [...w.register.outbox.values()].flatMap((e) => scheduleChangesOf(e.action)).flatMap((c) => (c.kind === 'unschedule' && c.name.endsWith('.check') ? [c.name] : []));
    expect(unscheduled.sort()).toEqual(open.map((id) => `${reference}.${id}.check`).sort());
  });

  test('not taken up (demo): the handling is cancelled and the notice of not taking up opens (4 weeks from receipt, art. 6 lid 2)', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    await w.step(reference, 'not-admissible', { ground: 'older-than-a-year' }, w.coordinator);
    expect(await milestone(w, reference, 'handling')).toMatchObject({ status: 'cancelled' });
    expect(await milestone(w, reference, 'not-taken-up-notice')).toMatchObject({ status: 'open', due: '2026-03-30', citation: 'art. 6 lid 2' });
  });

  test('an extension moves the due date (and its deadline check), keeps the citation, and records period, reason and rule', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    const { event } = await w.step(reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 3 }, reason: 'Deskundige geraadpleegd' }, w.coordinator);
    expect(event).toMatchObject({ type: 'extension-notified', reason: 'Deskundige geraadpleegd', rule: 'art. 5 lid 2', data: { milestoneId: 'handling', period: { unit: 'weeks', amount: 3 } } });
    expect(await milestone(w, reference, 'handling')).toMatchObject({
      due: '2026-05-04',
      dueAt: '2026-05-04T21:59:59.000Z',
      citation: 'art. 5 lid 2',
      status: 'open',
      extensions: [{ unit: 'weeks', amount: 3 }],
    });
    // One entry holds the event's schedule changes; the move is a create under the same name.
    const group = [...w.register.outbox.values()].find((e) => e.entryId === `schedules-v${event.seq}`);
    expect(scheduleChangesOf(group!.action)).toContainEqual(expect.objectContaining({ kind: 'schedule', name: `${reference}.handling.check`, at: '2026-05-04T21:59:59.000Z' }));
  });
});

describe('the audit trail: every step is one event with actor, time and rule', () => {
  test('demo, the whole procedure: one numbered event per step, in order, with who, when and the article', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    const subject = { email: 'piet@demo.example', name: 'Piet Pietersen', involvement: 'subject' };
    const trail: Array<[StepId, keyof Pick<Workflow, 'coordinator' | 'handler1' | 'director'>, unknown, string, string | undefined]> = [
      ['acknowledge', 'coordinator', {}, 'acknowledged', undefined],
      ['involvement', 'coordinator', { person: subject }, 'involvement-recorded', undefined],
      ['assign', 'coordinator', { handler: handlerRef(w.handler1) }, 'assigned', 'art. 4 lid 1'],
      ['contact', 'handler1', { via: 'phone', summary: 'Toelichting gevraagd' }, 'contacted', 'art. 5 lid 1'],
      ['subject-statement', 'handler1', { staffEmail: subject.email, statement: 'Agenda was vol', agreedToRecord: true }, 'subject-heard', 'art. 5 lid 1'],
      ['hearing', 'handler1', { heldOn: '2026-03-05', summary: 'Klager gehoord' }, 'hearing-held', 'art. 5 lid 1'],
      ['extension', 'coordinator', { milestoneId: 'handling', period: { unit: 'weeks', amount: 2 }, reason: 'Wachten op agenda-export' }, 'extension-notified', 'art. 5 lid 2'],
      ['ruling', 'handler1', { outcome: 'founded', reasoning: 'Twee keer verzet', improvements: 'Agenda-check', remedies: ['apology'] }, 'ruling-sent', 'art. 7 lid 1'],
      ['reaction', 'handler1', { satisfied: false, comment: 'Excuses niet genoeg' }, 'satisfaction-checked', undefined],
      ['measures', 'coordinator', { measureIds: ['M-ABC123'] }, 'measures-recorded', 'art. 10 lid 1'],
      ['objection', 'coordinator', { text: 'Ik wil een tegemoetkoming' }, 'objection-received', 'art. 8 lid 2'],
      ['objection-hearing', 'director', { heldOn: '2026-03-15', summary: 'Toegelicht' }, 'objection-hearing-held', 'art. 8 lid 2'],
      ['objection-decision', 'director', { outcome: 'partly-founded', reasoning: 'Tegemoetkoming toegekend', remedies: ['compensation'] }, 'objection-decided', 'art. 8 lid 2'],
      ['external-referral', 'coordinator', {}, 'external-referral-given', 'art. 9'],
    ];
    let at = new Date('2026-03-02T10:00:00+01:00').getTime();
    for (const [step, who, body] of trail) {
      at += 26 * 3600_000; // a day and two hours between steps
      w.at(new Date(at).toISOString());
      const before = (await w.register.events(reference)).length;
      // A step refused on the way (someone who may not take it) leaves no trace.
      await rejection(w.step(reference, step, body, { email: 'auditor@demo.example', roles: ['auditor'] }));
      const { event } = await w.step(reference, step, body, w[who]);
      expect(await w.register.events(reference), step).toHaveLength(before + 1);
      expect(event).toMatchObject({ seq: before + 1, at: new Date(at).toISOString(), actor: w[who].email });
    }
    const events = await w.register.events(reference);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => [e.type, e.actor, e.rule])).toEqual([['registered', 'complainant', undefined], ...trail.map(([, who, , type, rule]) => [type, w[who].email, rule])]);
    const complaint = await w.get(reference);
    expect(complaint).toMatchObject({ version: events.length, status: 'referred-externally', externalReferral: { body: 'Geschillencommissie Voorbeeld' } });
    // The recorded events are immutable: the register hands out copies of the view, and the trail is append-only.
    expect(events.at(-1)?.data).toEqual({ body: 'Geschillencommissie Voorbeeld' });
  });

  test("demo: a withdrawal cites the regulation's article for the withdrawn outcome (art. 7 lid 3)", async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    const { event } = await w.step(reference, 'withdraw', { reason: 'Klager trekt in' }, w.coordinator);
    expect(event).toMatchObject({ type: 'withdrawn', reason: 'Klager trekt in', rule: 'art. 7 lid 3', data: { decision: { outcome: 'withdrawn' } } });
  });
});
