/**
 * Every rule a workflow step is checked against, per seed tenant: for each a step the regulation
 * forbids (refused with the rule and its article) and the step it allows. Plain fakes.
 */
import { describe, expect, test } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError, RuleViolationError } from '../../../../../shared/domain/errors.ts';
import { expectRuleViolation, handlerRef, rejection, staff, workflow, type Workflow } from '../../../../support/workflow-harness.ts';

/** A complaint acknowledged and assigned to handler1 (with the function the regulation records). */
async function assigned(w: Workflow, intake?: Record<string, unknown>): Promise<string> {
  const reference = intake ? await w.intake(intake) : await w.submit();
  await w.step(reference, 'acknowledge', {}, w.coordinator);
  await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
  return reference;
}

describe('wrong role: refused with 422 naming the rule and citing its article', () => {
  test('demo: only the coordinator assigns (art. 4 lid 1)', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    await expectRuleViolation(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.director), 'art. 4 lid 1', /"assign" is for: coordinator/);
    await expect(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toMatchObject({ event: { type: 'assigned', rule: 'art. 4 lid 1' } });
  });

  test("demo: the ruling is the assigned handler's (resolution.decidedBy: handler, art. 7 lid 2), not the coordinator's", async () => {
    const w = await workflow('demo');
    const reference = await assigned(w);
    const ruling = { outcome: 'unfounded', reasoning: 'De afspraak is volgens de agenda nooit verzet.' };
    await expectRuleViolation(w.step(reference, 'ruling', ruling, w.coordinator), 'art. 7 lid 2', /"ruling" is for: handler/);
    await expect(w.step(reference, 'ruling', ruling, w.handler1)).resolves.toMatchObject({ complaint: { status: 'ruled' } });
  });

  test('a handler the complaint is not assigned to does not see it: 404, not an oracle', async () => {
    const w = await workflow('demo');
    const reference = await assigned(w);
    expect(await rejection(w.step(reference, 'note', { text: 'x' }, w.handler2))).toBeInstanceOf(NotFoundError);
    await expect(w.step(reference, 'note', { text: 'eerste notitie' }, w.handler1)).resolves.toBeTruthy();
  });

  test('demo: the objection is decided by the director (art. 8 lid 2)', async () => {
    const w = await workflow('demo');
    const reference = await assigned(w);
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout gevonden.' }, w.handler1);
    await w.step(reference, 'objection', { text: 'Ik ben het er niet mee eens.' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'objection-hearing', { heldOn: '2026-03-03', summary: 'Toelichting' }, w.coordinator), 'art. 8 lid 2');
    await w.step(reference, 'objection-hearing', { heldOn: '2026-03-02', summary: 'Toelichting gehoord' }, w.director);
    const decision = { outcome: 'unfounded', reasoning: 'Bezwaar ongegrond.' };
    await expectRuleViolation(w.step(reference, 'objection-decision', decision, w.coordinator), 'art. 8 lid 2', /is for: director/);
    await expect(w.step(reference, 'objection-decision', decision, w.director)).resolves.toMatchObject({ complaint: { status: 'objection-decided' } });
  });

  test('team-keizer: sign-off is by the staff member concerned and the complaints officer (Registratie en classificatie van de klacht 5)', async () => {
    const w = await workflow('team-keizer');
    const reference = await w.submit();
    await w.step(reference, 'ruling', { outcome: 'founded', reasoning: 'Terecht.' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'sign-off', { role: 'coordinator' }, w.director), 'Registratie en classificatie van de klacht 5');
    await expect(w.step(reference, 'sign-off', { role: 'coordinator' }, w.coordinator)).resolves.toMatchObject({ event: { type: 'signed-off', data: { role: 'coordinator' } } });
  });

  test('demo: a refused investigation step cites the investigation article (art. 5 lid 1), as every wrong-role refusal must', async () => {
    const w = await workflow('demo');
    const reference = await assigned(w);
    for (const [step, body] of [
      ['contact', { via: 'phone', summary: 'Gebeld.' }],
      ['hearing', { heldOn: '2026-03-02', summary: 'Gehoord.' }],
      ['subject-statement', { staffEmail: 'piet@demo.example', statement: 'Reactie', agreedToRecord: true }],
    ] as const) {
      await expectRuleViolation(w.step(reference, step, body, w.director), 'art. 5 lid 1');
    }
    await expect(w.step(reference, 'contact', { via: 'phone', summary: 'Gebeld.' }, w.handler1)).resolves.toMatchObject({ event: { rule: 'art. 5 lid 1' } });
  });

  test('e-mail addresses match case-insensitively: a handler assigned as Hans@Demo.example acts as hans@demo.example', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    await w.step(reference, 'assign', { handler: { email: 'Handler1@Demo.Example', name: 'Hans Behandelaar', function: 'Teamleider' } }, w.coordinator);
    // The admin API lower-cases the token's e-mail; the handler sees the complaint ...
    await expect(w.step(reference, 'note', { text: 'gezien' }, w.handler1)).resolves.toBeTruthy();
    // ... and, holding the handler role for it, may take the handler's steps.
    await expect(w.step(reference, 'contact', { via: 'phone', summary: 'Gebeld.' }, w.handler1)).resolves.toMatchObject({ event: { type: 'contacted' } });
  });
});

describe('conflict of interest: the handler is never someone involved', () => {
  const subject = { email: 'piet@demo.example', name: 'Piet Pietersen', function: 'Adviseur', involvement: 'subject' as const };
  const provider = { email: 'ria@demo.example', name: 'Ria Dienstverlener', function: 'Consulent', involvement: 'service-provider' as const };

  test('demo: neither the subject nor the service provider may be assigned (art. 4 lid 2); someone else may', async () => {
    const w = await workflow('demo');
    const reference = await w.intake({ channel: 'phone', involved: [subject, provider] });
    for (const person of [subject, provider]) {
      await expectRuleViolation(
        w.step(reference, 'assign', { handler: { email: person.email.toUpperCase(), name: person.name, function: person.function } }, w.coordinator),
        'art. 4 lid 2',
        /may not handle it/,
      );
    }
    await expect(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toMatchObject({ complaint: { handler: { email: w.handler1.email } } });
  });

  test('demo: involvement recorded with the involvement step counts too', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'involvement', { person: subject }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'assign', { handler: { email: subject.email, name: subject.name } }, w.coordinator), 'art. 4 lid 2');
  });

  test("ok-ondernemen excludes only the service provider (art. 2): the subject's manager-role is allowed", async () => {
    const w = await workflow('ok-ondernemen');
    const okSubject = { ...subject, email: 'piet@ok-ondernemen.example' };
    const okProvider = { ...provider, email: 'ria@ok-ondernemen.example' };
    const reference = await w.intake({ channel: 'phone', involved: [okSubject, okProvider] });
    await expectRuleViolation(w.step(reference, 'assign', { handler: { email: okProvider.email, name: okProvider.name, function: okProvider.function } }, w.coordinator), 'art. 2');
    await expect(w.step(reference, 'assign', { handler: { email: okSubject.email, name: okSubject.name, function: okSubject.function } }, w.coordinator)).resolves.toBeTruthy();
  });

  test("ok-ondernemen records the handler's function (art. 2): without it the assignment is refused", async () => {
    const w = await workflow('ok-ondernemen');
    const reference = await w.submit();
    const error = await rejection(w.step(reference, 'assign', { handler: { email: w.handler1.email, name: 'Hans' } }, w.coordinator));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([expect.objectContaining({ field: 'handler.function', message: expect.stringContaining('art. 2') })]);
  });

  test('demo: a handler who turns out to be the subject may no longer handle the complaint (art. 4 lid 2)', async () => {
    const w = await workflow('demo');
    const reference = await assigned(w);
    // Found out later: the complaint is about the assigned handler himself.
    const involvement = await w.step(reference, 'involvement', { person: { email: w.handler1.email, name: 'Hans Behandelaar', involvement: 'subject' } }, w.coordinator).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (involvement instanceof RuleViolationError) {
      expect(involvement.citation).toBe('art. 4 lid 2');
      return;
    }
    // The involvement was recorded: then the handler's own steps must be refused.
    await expectRuleViolation(w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Ik heb niets fout gedaan.' }, w.handler1), 'art. 4 lid 2');
  });
});

describe('the coordinator involved: the substitute acts', () => {
  test.each([
    ['demo', 'art. 4 lid 3', 'vervanging@demo.example'],
    ['occure@2019-01-01', 'Procedurebeschrijving ¶1', 'extern@occure.example'],
  ] as const)('%s: the involved coordinator is refused (%s); another coordinator (the substitute) may act', async (tenant, article, substituteEmail) => {
    const w = await workflow(tenant);
    const reference = await w.submit();
    await w.step(reference, 'involvement', { person: { email: w.coordinator.email, name: 'Carla Coördinator', involvement: 'subject' } }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'note', { text: 'mijn eigen klacht' }, w.coordinator), article, /substitute/);
    const substitute = staff(substituteEmail, 'coordinator');
    await expect(w.step(reference, 'note', { text: 'overgenomen door de vervanger' }, substitute)).resolves.toMatchObject({ event: { actor: substituteEmail } });
  });

  test.each([
    ['team-keizer', 'subject', 'Begrippenlijst: Onafhankelijke klachtenfunctionaris'],
    ['focus', 'service-provider', 'Werkwijze 1'],
  ] as const)('%s: the coordinator involved as %s is refused, citing the never-involved rule (%s)', async (tenant, involvement, article) => {
    const w = await workflow(tenant);
    const reference = await w.submit();
    await w.step(reference, 'involvement', { person: { email: w.coordinator.email, name: 'Carla Coördinator', involvement } }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'note', { text: 'mijn eigen klacht' }, w.coordinator), article);
  });
});

describe("authorisation before assignment (filed on someone else's behalf)", () => {
  const representative = { name: 'Jan de Vries', email: 'jan@example.com' };

  test.each([
    ['demo', 'art. 2 lid 2'],
    ['occure', '§ 2.1'],
  ] as const)('%s: no assignment until the signed authorisation arrived (%s)', async (tenant, article) => {
    const w = await workflow(tenant);
    const reference = await w.submit({ representative });
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    expect((await w.get(reference)).status).toBe('awaiting-authorisation');
    await expectRuleViolation(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator), article, /authorisation must arrive first/);
    await expect(w.step(reference, 'authorisation', {}, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'acknowledged' }, event: { type: 'authorisation-received', rule: article } });
    await expect(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'assigned' } });
  });

  test("team-keizer asks no authorisation: a representative's complaint is assigned at once", async () => {
    const w = await workflow('team-keizer');
    const reference = await w.submit({ representative });
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    expect((await w.get(reference)).status).toBe('acknowledged');
    await expect(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toBeTruthy();
    await expectRuleViolation(w.step(reference, 'authorisation', {}, w.coordinator), 'Begrippenlijst: Klager', /no authorisation is outstanding/);
  });
});

describe('objection window', () => {
  async function ruledOn(w: Workflow, instant: string): Promise<string> {
    const reference = await w.submit();
    w.at(instant);
    if (w.tenant === 'demo') {
      await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
      await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.handler1);
    } else {
      await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator);
    }
    return reference;
  }

  test.each([
    // demo: 6 weeks after the ruling is sent; ruling Tue 10 March -> last day Tue 21 April.
    ['demo', '2026-04-21', '2026-04-22', 'art. 8 lid 1', 'art. 8 lid 2'],
    // occure: one month after the ruling; ruling Tue 10 March -> last day Fri 10 April.
    ['occure', '2026-04-10', '2026-04-11', '§ 2.4', '§ 2.4'],
  ] as const)('%s: an objection on the last day (%s) is recorded; the day after (%s) it is refused (window: %s)', async (tenant, lastDay, dayAfter, article, objectionArticle) => {
    const late = await workflow(tenant);
    const lateRef = await ruledOn(late, '2026-03-10T11:00:00+01:00');
    late.at(`${dayAfter}T00:30:00+02:00`);
    await expectRuleViolation(late.step(lateRef, 'objection', { text: 'Bezwaar' }, late.coordinator), article, new RegExp(`ended on ${lastDay}`));
    expect((await late.get(lateRef)).status).toBe('ruled');

    const onTime = await workflow(tenant);
    const onTimeRef = await ruledOn(onTime, '2026-03-10T11:00:00+01:00');
    onTime.at(`${lastDay}T23:30:00+02:00`);
    await expect(onTime.step(onTimeRef, 'objection', { text: 'Bezwaar' }, onTime.coordinator)).resolves.toMatchObject({
      complaint: { status: 'objection' },
      event: { type: 'objection-received', rule: objectionArticle },
    });
  });

  test('demo: a letter received within the window but recorded later counts from its receipt', async () => {
    const w = await workflow('demo');
    const reference = await ruledOn(w, '2026-03-10T11:00:00+01:00');
    w.at('2026-04-24T09:00:00+02:00');
    await expect(w.step(reference, 'objection', { text: 'Bezwaar per brief', receivedAt: '2026-04-20T09:00:00+02:00' }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'objection' } });
  });

  test('occure, version 2019-01-01, sets no window for its complaint about the handling: it can come any time after the ruling', async () => {
    const w = await workflow('occure@2019-01-01');
    const reference = await ruledOn(w, '2026-03-10T11:00:00+01:00');
    w.at('2026-09-01T09:00:00+02:00');
    await expect(w.step(reference, 'objection', { text: 'Niet goed afgehandeld' }, w.coordinator)).resolves.toMatchObject({ event: { rule: 'Procedurebeschrijving ¶4' } });
  });

  test('team-keizer has no objection stage', async () => {
    const w = await workflow('team-keizer');
    const reference = await ruledOn(w, '2026-03-10T11:00:00+01:00');
    await expectRuleViolation(w.step(reference, 'objection', { text: 'Bezwaar' }, w.coordinator), undefined, /no objection stage/);
  });
});

describe('extension of a deadline within the maximum', () => {
  // demo 'handling': 6 weeks (art. 5 lid 2), at most 4 weeks more. Received Mon 2 March: due Mon 13 April, at most Mon 11 May.
  test('demo: exactly the maximum (4 weeks) is allowed, one day more is refused, citing art. 5 lid 2', async () => {
    const refusedW = await workflow('demo');
    const refusedRef = await refusedW.submit();
    await expectRuleViolation(
      refusedW.step(refusedRef, 'extension', { milestoneId: 'handling', period: { unit: 'calendar-days', amount: 29 }, reason: 'Getuige op vakantie' }, refusedW.coordinator),
      'art. 5 lid 2',
      /extended to 2026-05-11 at the latest/,
    );
    expect((await refusedW.get(refusedRef)).milestones.find((m) => m.milestoneId === 'handling')?.due).toBe('2026-04-13');

    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 4 }, reason: 'Getuige op vakantie' }, w.coordinator);
    expect((await w.get(reference)).milestones.find((m) => m.milestoneId === 'handling')).toMatchObject({ due: '2026-05-11', status: 'open', citation: 'art. 5 lid 2' });
  });

  test('demo: a deadline without a maximum may not be extended (the acknowledgement, art. 3)', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await expectRuleViolation(
      w.step(reference, 'extension', { milestoneId: 'acknowledgement', period: { unit: 'working-days', amount: 1 }, reason: 'Druk' }, w.coordinator),
      'art. 3',
      /may not be extended/,
    );
  });

  test('an extension of a deadline that is not open is invalid input', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    expect(await rejection(w.step(reference, 'extension', { milestoneId: 'acknowledgement', period: { unit: 'weeks', amount: 1 }, reason: 'x' }, w.coordinator))).toBeInstanceOf(InvalidInputError);
    expect(await rejection(w.step(reference, 'extension', { milestoneId: 'nope', period: { unit: 'weeks', amount: 1 }, reason: 'x' }, w.coordinator))).toBeInstanceOf(InvalidInputError);
  });

  test('demo extends "eenmaal" (once, art. 5 lid 2; docs: "the most the due date may be extended by, once"): a second extension is refused', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 2 }, reason: 'Eerste verlenging' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 1 }, reason: 'Tweede verlenging' }, w.coordinator), 'art. 5 lid 2');
  });

  test('demo, clock paused for the authorisation: the maximum counts from the deadline as it stands (from the authorisation), not from receipt', async () => {
    const w = await workflow('demo');
    const reference = await w.submit({ representative: { name: 'Jan de Vries' } });
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    w.at('2026-03-17T10:00:00+01:00');
    await w.step(reference, 'authorisation', {}, w.coordinator);
    // 6 weeks from Tue 17 March: Tue 28 April; 4 weeks more: Tue 26 May.
    expect((await w.get(reference)).milestones.find((m) => m.milestoneId === 'handling')?.due).toBe('2026-04-28');
    await expect(w.step(reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 4 }, reason: 'Dossier opvragen' }, w.coordinator)).resolves.toBeTruthy();
    expect((await w.get(reference)).milestones.find((m) => m.milestoneId === 'handling')?.due).toBe('2026-05-26');
  });
});

describe('the ruling must give what the regulation requires', () => {
  test('demo: founded needs reasons and improvements (art. 7 lid 1); unfounded needs reasons', async () => {
    const w = await workflow('demo');
    const reference = await assigned(w);
    await expectRuleViolation(w.step(reference, 'ruling', { outcome: 'founded', reasoning: 'Terecht.' }, w.handler1), 'art. 7 lid 1', /must give: improvements/);
    await expectRuleViolation(w.step(reference, 'ruling', { outcome: 'unfounded' }, w.handler1), 'art. 7 lid 1', /must give: reasons/);
    await expect(w.step(reference, 'ruling', { outcome: 'founded', reasoning: 'Terecht.', improvements: 'Agenda-check vooraf.', remedies: ['apology'] }, w.handler1)).resolves.toMatchObject({
      event: { type: 'ruling-sent', rule: 'art. 7 lid 1', data: { decision: { outcome: 'founded', remedies: ['apology'], improvements: 'Agenda-check vooraf.' } } },
    });
  });

  test('occure: founded needs the improvements, partly founded also the reasons (§ 2.3)', async () => {
    const w = await workflow('occure');
    const reference = await w.submit();
    await expectRuleViolation(w.step(reference, 'ruling', { outcome: 'founded' }, w.coordinator), '§ 2.3', /improvements/);
    await expectRuleViolation(w.step(reference, 'ruling', { outcome: 'partly-founded', improvements: 'Terugbelnotitie' }, w.coordinator), '§ 2.3', /reasons/);
    await expect(w.step(reference, 'ruling', { outcome: 'founded', improvements: 'Terugbelnotitie', remedies: ['improvement-action'] }, w.coordinator)).resolves.toBeTruthy();
  });

  test('a remedy the regulation does not know, and an outcome it does not have, are refused', async () => {
    const w = await workflow('ok-ondernemen');
    const reference = await assigned(w);
    expect(await rejection(w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'x', remedies: ['apology'] }, w.handler1))).toBeInstanceOf(InvalidInputError);
    await expectRuleViolation(w.step(reference, 'ruling', { outcome: 'partly-founded', reasoning: 'x' }, w.handler1), undefined, /no outcome "partly-founded"/);
  });

  test('ok-ondernemen: a founded ruling must make the offer (requires remedy-offer, art. 5)', async () => {
    const w = await workflow('ok-ondernemen');
    const reference = await assigned(w);
    await expectRuleViolation(w.step(reference, 'ruling', { outcome: 'founded', reasoning: 'Terecht.' }, w.handler1), 'art. 5', /remedy-offer/);
    await expect(w.step(reference, 'ruling', { outcome: 'founded', reasoning: 'Terecht.', remedies: ['correction'] }, w.handler1)).resolves.toBeTruthy();
  });
});

describe('sign-off before closing (team-keizer: "Indien de klacht naar tevredenheid is afgehandeld, tekenen ...")', () => {
  const article = 'Registratie en classificatie van de klacht 5';

  async function satisfied(w: Workflow): Promise<string> {
    const reference = await w.submit();
    await w.step(reference, 'involvement', { person: { email: w.officer.email, name: 'Olga', involvement: 'subject' } }, w.coordinator);
    await w.step(reference, 'ruling', { outcome: 'founded', reasoning: 'Terecht.' }, w.coordinator);
    await w.step(reference, 'reaction', { satisfied: true }, w.coordinator);
    return reference;
  }

  test('satisfied: closing needs both signatures; the staff member concerned and the officer sign, then it closes', async () => {
    const w = await workflow('team-keizer');
    const reference = await satisfied(w);
    await expectRuleViolation(w.step(reference, 'close', {}, w.coordinator), article, /signed off by: staff-concerned, coordinator/);
    await w.step(reference, 'sign-off', { role: 'staff-concerned' }, w.officer);
    await expectRuleViolation(w.step(reference, 'close', {}, w.coordinator), article, /signed off by: coordinator$/);
    await w.step(reference, 'sign-off', { role: 'coordinator' }, w.coordinator);
    await expect(w.step(reference, 'close', {}, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'closed' } });
  });

  test('only who holds the role signs for it, and only once', async () => {
    const w = await workflow('team-keizer');
    const reference = await satisfied(w);
    await expectRuleViolation(w.step(reference, 'sign-off', { role: 'staff-concerned' }, w.coordinator), article, /do not hold the role "staff-concerned"/);
    await expectRuleViolation(w.step(reference, 'sign-off', { role: 'office' }, w.coordinator), article, /sign-off is by/);
    await w.step(reference, 'sign-off', { role: 'coordinator' }, w.coordinator);
    expect(await rejection(w.step(reference, 'sign-off', { role: 'coordinator' }, w.coordinator))).toBeInstanceOf(ConflictError);
  });

  test('not resolved to satisfaction: no sign-off needed', async () => {
    const w = await workflow('team-keizer');
    const reference = await w.submit();
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator);
    await w.step(reference, 'reaction', { satisfied: false }, w.coordinator);
    await expect(w.step(reference, 'close', {}, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'closed' } });
  });

  test("resolved informally (to the complainant's satisfaction, by definition): closing needs the signatures too", async () => {
    const w = await workflow('team-keizer');
    const reference = await w.submit();
    await w.step(reference, 'resolve-informally', { description: 'Samen met de cliënt opgelost.' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'close', {}, w.coordinator), article);
  });

  test('a regulation without sign-off (demo) has no sign-off step to take', async () => {
    const w = await workflow('demo');
    const reference = await assigned(w);
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.handler1);
    await expect(w.step(reference, 'sign-off', { role: 'coordinator' }, w.coordinator)).rejects.toBeInstanceOf(RuleViolationError);
    await expect(w.step(reference, 'close', {}, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'closed' } });
  });
});

describe('not admissible: a ground of the regulation, with its referral', () => {
  test('occure: company-doctor advice on return to work goes to the UWV (Uitzonderingen 1)', async () => {
    const w = await workflow('occure');
    const reference = await w.submit({ categories: ['return-to-work-advice'] });
    const { complaint, event } = await w.step(reference, 'not-admissible', { ground: 'return-to-work-advice', explanation: 'Advies bedrijfsarts' }, w.coordinator);
    expect(complaint.status).toBe('not-admissible');
    expect(event).toMatchObject({
      type: 'not-taken-up',
      rule: 'Uitzonderingen 1',
      data: { decision: { outcome: 'not-admissible', ground: 'return-to-work-advice', referral: { nl: 'de procedure deskundigenoordeel van het UWV' } } },
    });
    expect((await w.get(reference)).decision).toMatchObject({ outcome: 'not-admissible', decidedBy: w.coordinator.email });
  });

  test('occure, version 2019-01-01: disagreement with consultation advice -> an expert opinion (Definitie klacht)', async () => {
    const w = await workflow('occure@2019-01-01');
    const reference = await w.submit();
    await expect(w.step(reference, 'not-admissible', { ground: 'consultation-advice' }, w.coordinator)).resolves.toMatchObject({
      event: { rule: 'Definitie klacht', data: { decision: { ground: 'consultation-advice', referral: { nl: 'deskundigenoordeel' } } } },
    });
  });

  test('a ground the regulation does not have is invalid input; a tenant without grounds has none to give', async () => {
    const occure = await workflow('occure');
    const reference = await occure.submit();
    const error = await rejection(occure.step(reference, 'not-admissible', { ground: 'older-than-a-year' }, occure.coordinator));
    expect((error as InvalidInputError).problems).toEqual([
      { field: 'ground', code: 'invalid_value', params: { values: ['return-to-work-advice'] }, message: 'must be one of: return-to-work-advice' },
    ]);
    const keizer = await workflow('team-keizer');
    const keizerRef = await keizer.submit();
    expect(await rejection(keizer.step(keizerRef, 'not-admissible', { ground: 'anything' }, keizer.coordinator))).toBeInstanceOf(InvalidInputError);
  });

  test('not after the ruling: 409', async () => {
    const w = await workflow('occure');
    const reference = await w.submit();
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator);
    expect(await rejection(w.step(reference, 'not-admissible', { ground: 'return-to-work-advice' }, w.coordinator))).toBeInstanceOf(ConflictError);
  });
});

describe('the external body: fixed, chosen per complaint, or none', () => {
  test('occure: Stichting Dokh, only after the internal objection (§ 2.4)', async () => {
    const w = await workflow('occure');
    const reference = await w.submit();
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'external-referral', {}, w.coordinator), '§ 2.4', /after the internal objection/);
    await w.step(reference, 'objection', { text: 'Bezwaar' }, w.coordinator);
    await w.step(reference, 'objection-hearing', { heldOn: '2026-03-02', summary: 'Toegelicht' }, w.director);
    await w.step(reference, 'objection-decision', { outcome: 'unfounded', reasoning: 'Blijft ongegrond.' }, w.director);
    const { complaint, event } = await w.step(reference, 'external-referral', { body: 'Een andere instantie' }, w.coordinator);
    expect(complaint.status).toBe('referred-externally');
    expect(event).toMatchObject({ type: 'external-referral-given', rule: '§ 2.4', data: { body: 'Stichting Dokh' } });
    expect((await w.get(reference)).externalReferral?.body).toBe('Stichting Dokh');
  });

  test('occure: the board decides on the objection only after the invited hearing (§ 2.4)', async () => {
    const w = await workflow('occure');
    const reference = await w.submit();
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator);
    await w.step(reference, 'objection', { text: 'Bezwaar' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'objection-decision', { outcome: 'unfounded', reasoning: 'x' }, w.director), '§ 2.4', /record the hearing/);
  });

  test('ok-ondernemen: the body is chosen per complaint (art. 9), after the handling', async () => {
    const w = await workflow('ok-ondernemen');
    const reference = await assigned(w);
    await w.step(reference, 'offer', { description: 'Herstel van het rapport', remedies: ['correction'] }, w.handler1);
    const missing = await rejection(w.step(reference, 'external-referral', {}, w.coordinator));
    expect((missing as InvalidInputError).problems).toEqual([expect.objectContaining({ field: 'body' })]);
    await expect(w.step(reference, 'external-referral', { body: 'het UWV' }, w.coordinator)).resolves.toMatchObject({
      event: { rule: 'art. 9', data: { body: 'het UWV' } },
      complaint: { status: 'referred-externally' },
    });
  });

  test('team-keizer names no external body', async () => {
    const w = await workflow('team-keizer');
    const reference = await w.submit();
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'external-referral', { body: 'De rechter' }, w.coordinator), undefined, /names no external body/);
  });

  test('focus: the director chooses the external party (chosenBy: director)', async () => {
    const w = await workflow('focus');
    const reference = await w.submit();
    await w.step(reference, 'offer', { description: 'Extra sessie', remedies: ['extra-service'] }, w.coordinator);
    await expect(w.step(reference, 'external-referral', { body: 'Geschillencommissie' }, w.director)).resolves.toMatchObject({
      event: { actor: w.director.email, data: { body: 'Geschillencommissie' } },
    });
  });
});

describe('a step in a status that does not allow it: 409', () => {
  test.each([
    ['objection before any ruling', 'objection', { text: 'Bezwaar' }],
    ['closing an assigned complaint', 'close', {}],
    ['a decision on an objection never lodged', 'objection-decision', { outcome: 'unfounded', reasoning: 'x' }],
    ['a reaction before any offer or ruling', 'reaction', { satisfied: true }],
  ] as const)('%s', async (_what, step, body) => {
    const w = await workflow('demo');
    const reference = await assigned(w);
    const before = await w.get(reference);
    const error = await rejection(w.step(reference, step, body, step === 'objection-decision' ? w.director : w.coordinator));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain(`while the complaint is assigned`);
    expect((await w.get(reference)).version).toBe(before.version);
  });

  test('nothing but a note after the complaint is closed', async () => {
    const w = await workflow('focus');
    const reference = await w.submit();
    await w.step(reference, 'withdraw', { reason: 'Klager trekt in' }, w.coordinator);
    expect(await rejection(w.step(reference, 'offer', { description: 'x' }, w.coordinator))).toBeInstanceOf(ConflictError);
    expect(await rejection(w.step(reference, 'withdraw', {}, w.coordinator))).toBeInstanceOf(ConflictError);
    await expect(w.step(reference, 'note', { text: 'Gearchiveerd' }, w.coordinator)).resolves.toBeTruthy();
  });
});

describe('If-Match: the version the caller saw', () => {
  test('a stale version is a 409 that says so and records nothing; the current one goes through', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    const version = (await w.get(reference)).version;
    await w.step(reference, 'note', { text: 'tussendoor' }, w.coordinator);
    const error = await rejection(w.step(reference, 'acknowledge', {}, w.coordinator, version));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(new RegExp(`changed since version ${version} \\(it is at version ${version + 1}\\)`));
    expect(await w.eventTypes(reference)).toEqual(['registered', 'note-added']);
    await expect(w.step(reference, 'acknowledge', {}, w.coordinator, version + 1)).resolves.toMatchObject({ complaint: { version: version + 2 } });
  });

  test('two concurrent steps with the same If-Match: one wins, one gets 409; without If-Match both are kept', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    const { version } = await w.get(reference);
    const results = await Promise.allSettled([w.step(reference, 'note', { text: 'A' }, w.coordinator, version), w.step(reference, 'note', { text: 'B' }, w.coordinator, version)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await w.eventTypes(reference)).toEqual(['registered', 'note-added']);

    await Promise.all([w.step(reference, 'note', { text: 'C' }, w.coordinator), w.step(reference, 'note', { text: 'D' }, w.coordinator)]);
    const notes = (await w.register.events(reference)).filter((e) => e.type === 'note-added').map((e) => e.data?.text);
    expect(notes.slice(1).sort()).toEqual(['C', 'D']);
  });
});
