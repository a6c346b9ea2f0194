// The deadline shapes of issue 13 at work on one complaint (plain fakes): a target beside a hard
// term, a weekly update series, an extension policy with consent, a delay notice, stated dates
// that move what depends on them, a variant chosen by an event, and windows from moments.
import { describe, expect, test } from 'vitest';
import { parseRegulation, windowDates, windowStateOn } from '../../../../../shared/domain/regulation/index.ts';
import { checkDeadline } from '../../../../../shared/domain/complaint/check-deadline.ts';
import { factsOf } from '../../../../../shared/domain/complaint/events.ts';
import { InvalidInputError, RuleViolationError } from '../../../../../shared/domain/errors.ts';
import { expectRuleViolation, regulationOf, rejection, workflow, type Workflow } from '../../../../support/workflow-harness.ts';
import { scheduleChangesOf } from '../../../../../shared/domain/complaint/milestone-schedules.ts';

const FIXTURE = 'tests/fixtures/regulations/kinderopvang-het-speelbos.yaml' as const;

async function speelbos(): Promise<Workflow & { reference: string }> {
  const flow = await workflow(FIXTURE);
  const reference = await flow.submit({ occurredOn: '2026-02-20' });
  return { ...flow, reference };
}

const deadlines = (flow: Workflow, reference: string) => flow.get(reference).then((c) => c.milestones.map((m) => ({ id: m.milestoneId, kind: m.kind, due: m.due, status: m.status })));

describe('a target beside a hard term', () => {
  test('both open on receipt; the target says so', async () => {
    const flow = await speelbos();
    expect(await deadlines(flow, flow.reference)).toEqual([
      { id: 'acknowledgement', kind: 'hard', due: '2026-03-05', status: 'open' },
      { id: 'handling-target', kind: 'target', due: '2026-03-16', status: 'open' },
      { id: 'handling', kind: 'hard', due: '2026-04-13', status: 'open' },
      { id: 'progress-update.1', kind: 'hard', due: '2026-03-09', status: 'open' },
    ]);
  });

  test('a missed target is recorded as target-missed (no breach), told to the responsible role only; the hard term stays open', async () => {
    const flow = await speelbos();
    flow.at('2026-03-17T08:00:00+01:00');
    const deps = { register: flow.register, clock: flow.clock, regulations: flow.regulations };
    expect(await checkDeadline(deps, { reference: flow.reference, milestoneId: 'handling-target', kind: 'check' })).toBe('target-missed');
    expect(await checkDeadline(deps, { reference: flow.reference, milestoneId: 'handling-target', kind: 'check' })).toBe('already-escalated');
    const complaint = await flow.get(flow.reference);
    expect(complaint.milestones.find((m) => m.milestoneId === 'handling-target')).toMatchObject({ status: 'missed', missedAt: expect.any(String) });
    expect(complaint.milestones.find((m) => m.milestoneId === 'handling-target')?.escalatedAt).toBeUndefined();
    expect(complaint.milestones.find((m) => m.milestoneId === 'handling')).toMatchObject({ status: 'open' });
    expect(await flow.eventTypes(flow.reference)).toContain('target-missed');
    expect(await flow.eventTypes(flow.reference)).not.toContain('deadline-missed');
    const letters = [...flow.register.outbox.values()].filter((e) => e.action.kind === 'email' && e.action.letter === 'target-missed');
    expect(letters.map((e) => (e.action as { to: string }).to)).toEqual(['klachten@speelbos.example']);
  });

  test('the ruling meets both; met late, the target still counts as missed', async () => {
    const flow = await speelbos();
    flow.at('2026-03-20T10:00:00+01:00');
    await flow.step(flow.reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout gevonden.' }, flow.coordinator);
    const states = await deadlines(flow, flow.reference);
    expect(states.filter((m) => m.id.startsWith('handling'))).toEqual([
      { id: 'handling-target', kind: 'target', due: '2026-03-16', status: 'met' },
      { id: 'handling', kind: 'hard', due: '2026-04-13', status: 'met' },
    ]);
  });
});

describe('a weekly update series', () => {
  test('an update meets the occurrence; the next counts from the day it was sent; the decision ends the series', async () => {
    const flow = await speelbos();
    flow.at('2026-03-06T10:00:00+01:00');
    await flow.step(flow.reference, 'progress-update', { text: 'Wij spreken de leidster volgende week.' }, flow.coordinator);
    let states = await deadlines(flow, flow.reference);
    expect(states.filter((m) => m.id.startsWith('progress-update'))).toEqual([
      { id: 'progress-update.1', kind: 'hard', due: '2026-03-09', status: 'met' },
      { id: 'progress-update.2', kind: 'hard', due: '2026-03-13', status: 'open' },
    ]);
    // Missed: the next occurrence counts from the missed one's due day.
    flow.at('2026-03-14T08:00:00+01:00');
    const deps = { register: flow.register, clock: flow.clock, regulations: flow.regulations };
    expect(await checkDeadline(deps, { reference: flow.reference, milestoneId: 'progress-update.2', kind: 'check' })).toBe('escalated');
    states = await deadlines(flow, flow.reference);
    expect(states.filter((m) => m.id.startsWith('progress-update.'))).toEqual([
      { id: 'progress-update.1', kind: 'hard', due: '2026-03-09', status: 'met' },
      { id: 'progress-update.2', kind: 'hard', due: '2026-03-13', status: 'escalated' },
      { id: 'progress-update.3', kind: 'hard', due: '2026-03-20', status: 'open' },
    ]);
    flow.at('2026-03-18T10:00:00+01:00');
    await flow.step(flow.reference, 'ruling', { outcome: 'founded', reasoning: 'De afspraak is niet nagekomen.' }, flow.coordinator);
    states = await deadlines(flow, flow.reference);
    expect(states.find((m) => m.id === 'progress-update.3')?.status).toBe('cancelled');
    expect(states.some((m) => m.id === 'progress-update.4')).toBe(false);
    // Every occurrence's schedule name fits EventBridge Scheduler.
    const names = [...flow.register.outbox.values()].flatMap((e) => scheduleChangesOf(e.action)).flatMap((c) => (c.kind === 'schedule' ? [c.name] : []));
    expect(names).toContain(`${flow.reference}.progress-update.3.check`);
    for (const name of names) expect(name).toMatch(/^[0-9a-zA-Z\-_.]{1,64}$/);
  });
});

describe('an extension policy', () => {
  test('once by at most 4 weeks; further only with a recorded written consent; never after the term', async () => {
    const flow = await speelbos();
    const { reference, coordinator } = flow;
    flow.at('2026-04-08T10:00:00+02:00');
    await expectRuleViolation(
      flow.step(reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 5 }, reason: 'Ziekte.' }, coordinator),
      'art. 5 lid 3',
      /extended to 2026-05-11 at the latest/,
    );
    await flow.step(reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 4 }, reason: 'De leidster is ziek.' }, coordinator);
    expect((await flow.get(reference)).milestones.find((m) => m.milestoneId === 'handling')?.due).toBe('2026-05-11');
    // The notice goes to the complainant and the director (the policy's parties).
    const notices = [...flow.register.outbox.values()].filter((e) => e.action.kind === 'email' && e.action.letter === 'notice' && e.action.eventType === 'extension-notified');
    expect(notices.map((e) => (e.action as { to: string }).to).sort()).toEqual(['houder@speelbos.example', 'sanne@example.com']);

    await expectRuleViolation(flow.step(reference, 'extension', { milestoneId: 'handling', until: '2026-06-01', reason: 'Nog steeds ziek.' }, coordinator), 'art. 5 lid 4', /written consent/);
    await flow.step(reference, 'extension-consent', { milestoneId: 'handling', by: 'Sanne de Vries', givenOn: '2026-04-08', form: 'oral' }, coordinator);
    await expectRuleViolation(flow.step(reference, 'extension', { milestoneId: 'handling', until: '2026-06-01', reason: 'Nog steeds ziek.' }, coordinator), 'art. 5 lid 4', /written consent/);
    await flow.step(reference, 'extension-consent', { milestoneId: 'handling', by: 'Sanne de Vries', givenOn: '2026-04-08', form: 'written' }, coordinator);
    await flow.step(reference, 'extension', { milestoneId: 'handling', until: '2026-06-01', reason: 'Nog steeds ziek.' }, coordinator);
    const handling = (await flow.get(reference)).milestones.find((m) => m.milestoneId === 'handling')!;
    expect(handling).toMatchObject({ due: '2026-06-01', extensions: [{ unit: 'weeks', amount: 4 }, { until: '2026-06-01' }] });
    // Consent used up: a third needs a new one.
    await expectRuleViolation(flow.step(reference, 'extension', { milestoneId: 'handling', until: '2026-06-08', reason: 'Meer tijd.' }, coordinator), 'art. 5 lid 4', /consent/);

    // After the term has passed, no extension (the policy does not allow it).
    flow.at('2026-06-02T10:00:00+02:00');
    await flow.step(reference, 'extension-consent', { milestoneId: 'handling', by: 'Sanne de Vries', givenOn: '2026-06-02', form: 'written' }, coordinator);
    await expectRuleViolation(flow.step(reference, 'extension', { milestoneId: 'handling', until: '2026-06-15', reason: 'Te laat.' }, coordinator), 'art. 5 lid 3', /before the term ends/);
  });

  test('a deadline without a policy cannot be extended; period and until together are refused', async () => {
    const flow = await speelbos();
    await expectRuleViolation(
      flow.step(flow.reference, 'extension', { milestoneId: 'handling-target', period: { unit: 'weeks', amount: 1 }, reason: 'x' }, flow.coordinator),
      'art. 5 lid 1',
      /may not be extended/,
    );
    const error = await rejection(flow.step(flow.reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 1 }, until: '2026-05-01', reason: 'x' }, flow.coordinator));
    expect(error).toBeInstanceOf(InvalidInputError);
  });
});

describe('a delay notice', () => {
  test('once a delay is known, the complainant is told within 5 working days with the reason and expected date', async () => {
    const flow = await speelbos();
    flow.at('2026-03-10T10:00:00+01:00');
    await flow.step(flow.reference, 'delay-known', { reason: 'Een getuige is op vakantie.' }, flow.coordinator);
    expect((await flow.get(flow.reference)).milestones.find((m) => m.milestoneId === 'delay-notice')).toMatchObject({ due: '2026-03-17', status: 'open' });
    await flow.step(flow.reference, 'delay-notice', { reason: 'Een getuige is op vakantie.', expectedOn: '2026-04-01' }, flow.coordinator);
    expect((await flow.get(flow.reference)).milestones.find((m) => m.milestoneId === 'delay-notice')?.status).toBe('met');
    const letter = [...flow.register.outbox.values()].find((e) => e.action.kind === 'email' && e.action.letter === 'notice' && e.action.eventType === 'delay-notified');
    expect(letter?.action).toMatchObject({ to: 'sanne@example.com', notice: { contents: ['delay-reason'] } });
  });
});

describe('stated dates and windows', () => {
  test('the limitation is the later of a year after the event and three months after learning of it; a late complaint is refused on the ground only when it is late', async () => {
    const flow = await workflow(FIXTURE, '2026-03-02T10:00:00+01:00');
    const late = await flow.submit({ occurredOn: '2024-12-01', statedDates: { 'learned-on': '2025-01-10' } });
    const limitation = flow.regulation.windows.find((w) => w.id === 'limitation')!;
    const dates = windowDates(flow.regulation, limitation, factsOf(flow.regulation, await flow.get(late)));
    expect(dates).toMatchObject({ closes: '2025-12-01', closesProvisional: false });
    await flow.step(late, 'not-admissible', { ground: 'too-late' }, flow.coordinator);
    expect((await flow.get(late)).status).toBe('not-admissible');

    // Learned of it recently: in time. Correcting the stated date moves the window with it.
    const recent = await flow.submit({ occurredOn: '2024-12-01', statedDates: { 'learned-on': '2026-02-01' } });
    let window = windowDates(flow.regulation, limitation, factsOf(flow.regulation, await flow.get(recent)));
    expect(window.closes).toBe('2026-05-01');
    expect(windowStateOn(window, '2026-03-02')).toBe('open');
    await flow.step(recent, 'stated-date', { id: 'learned-on', date: '2025-06-01' }, flow.coordinator);
    window = windowDates(flow.regulation, limitation, factsOf(flow.regulation, await flow.get(recent)));
    expect(window.closes).toBe('2025-12-01');
    expect(await flow.eventTypes(recent)).toContain('stated-date-recorded');
  });

  test('the disputes committee opens with the decision or once the hard term is missed, whichever is first', async () => {
    const flow = await speelbos();
    const committee = flow.regulation.windows.find((w) => w.id === 'disputes-committee')!;
    let dates = windowDates(flow.regulation, committee, factsOf(flow.regulation, await flow.get(flow.reference)));
    expect(dates).toMatchObject({ closes: '2027-03-02', opensProvisional: true });
    expect(windowStateOn(dates, '2026-03-02')).toBe('not-yet');
    flow.at('2026-04-14T08:00:00+02:00');
    await checkDeadline({ register: flow.register, clock: flow.clock, regulations: flow.regulations }, { reference: flow.reference, milestoneId: 'handling', kind: 'check' });
    dates = windowDates(flow.regulation, committee, factsOf(flow.regulation, await flow.get(flow.reference)));
    expect(dates.opens).toBe('2026-04-14');
    expect(windowStateOn(dates, '2026-04-14')).toBe('open');
  });

  test('a stated date the regulation does not ask for is refused with the field named', async () => {
    const flow = await workflow(FIXTURE);
    const error = await rejection(flow.submit({ statedDates: { 'decided-on': '2026-01-01' } }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([
      {
        field: 'statedDates.decided-on',
        code: 'unknown_value',
        key: 'error.field.unknownStatedDate',
        params: { value: 'decided-on', known: ['learned-on'] },
        message: 'unknown date; this organisation asks for: learned-on',
      },
    ]);
  });
});

describe('a variant chosen by a tenant event', () => {
  test('Awb 9:11: 6 weeks, 10 once a complaints committee handles it; the deadline moves when the committee is engaged', async () => {
    const base = await regulationOf(FIXTURE);
    const raw = JSON.parse(JSON.stringify(base));
    raw.events = [{ id: 'committee-engaged', label: { nl: 'klachtencommissie ingeschakeld', en: 'complaints committee engaged' }, recordedBy: [], citation: { article: 'Awb 9:14' } }];
    const handling = raw.milestones.find((m: { id: string }) => m.id === 'handling');
    handling.variants = [{ when: { event: 'committee-engaged' }, period: '10 weeks', citation: { article: 'Awb 9:11 lid 1' } }];
    const parsed = parseRegulation(raw);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const flow = await workflow(parsed.regulation);
    const reference = await flow.submit();
    expect((await flow.get(reference)).milestones.find((m) => m.milestoneId === 'handling')?.due).toBe('2026-04-13');
    await flow.step(reference, 'record', { event: 'committee-engaged' }, flow.coordinator);
    expect((await flow.get(reference)).milestones.find((m) => m.milestoneId === 'handling')).toMatchObject({ due: '2026-05-11', period: { unit: 'weeks', amount: 10 } });
    const error = await rejection(flow.step(reference, 'record', { event: 'committee-engaged' }, flow.coordinator));
    expect(error).not.toBeInstanceOf(RuleViolationError);
  });
});
