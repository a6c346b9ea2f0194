// Corpus sheet 01: a woningcorporatie under the Aedes model klachtenreglement (2023) with a regional
// klachtencommissie, rule by rule -> tests/fixtures/regulations/01-woningcorporatie-aedes-klachtencommissie.yaml.
// The terms that differ per commission are variants selected by the category of the scheme `commission`.
// Dates are worked out by hand on the Algemene termijnenwet calendar (shared/reference/dutch-deadlines.md).
import { beforeAll, expect } from 'vitest';
import { RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import { nextTiers } from '../../../../../../shared/domain/regulation/external-tiers.ts';
import {
  type ComplaintFacts,
  type Regulation,
  conditionHolds,
  milestoneApplies,
  milestonesFor,
  openingMilestones,
  periodFor,
  scheduleMilestone,
  windowDates,
  windowStateOn,
} from '../../../../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, role, note, windowOf, ground } from '../../../../../support/clause-table.ts';
import { complainant, rejection, workflow, letterText } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';

const SHEET = '01-woningcorporatie-aedes-klachtencommissie';
const RECEIVED = '2026-03-16T10:00:00+01:00'; // Monday 16 March 2026: the complaint reaches the corporatie
const CONDUCT = '2025-06-02'; // the conduct complained of (stated occurred-on)
const FIXTURE = `tests/fixtures/regulations/${SHEET}.yaml` as const;

/** A complaint heard by this commission, with these events (instants) so far. */
function at(commission: string | undefined, happened: Record<string, string>): ComplaintFacts {
  return { happened: { received: RECEIVED, ...happened }, stated: { 'occurred-on': CONDUCT }, categories: commission ? [commission] : [] };
}
/** The due day of a milestone for a complaint with these facts (undefined: it does not apply). */
function dueIn(reg: Regulation, id: string, facts: ComplaintFacts): string | undefined {
  return milestonesFor(reg, facts).find((m) => m.milestoneId === id)?.due;
}
/** When the waiting period of this commission was missed (the end of its due day). */
function waitMissedAt(reg: Regulation, commission: string | undefined): Date {
  const m = milestone(reg, 'internal-answer');
  return scheduleMilestone(reg, m, new Date(RECEIVED), { period: periodFor(reg, m, at(commission, {})).period }).dueAt;
}

/** The paragraph of a letter that sends the complainant to this body. */
function tierParagraph(letter: string, body: string): string | undefined {
  return letter.split('\n\n').find((p) => p.includes(`zich wenden tot ${body}`));
}
const tierParagraphs = (letter: string) => letter.split('\n\n').filter((p) => p.includes('zich wenden tot'));

/**
 * Through the workflow: complaints reach the corporatie Mon 16 Mar 2026 by letter, about conduct of Mon 2 Jun 2025.
 * - `main` (filed by a representative, no commission named: the FRL terms): answered Fri 10 Apr 2026; taken to the
 *   commission Wed 29 Apr; the board's decision refused before the hearing (Tue 2 Jun); advice issued Tue 23 Jun,
 *   received by the board Fri 26 Jun; the board decides Fri 10 Jul 2026.
 * - `withdrawn`: the same until the hearing, then withdrawn Fri 5 Jun 2026.
 * - `regio`: at the regiogeschillencommissie, answered Fri 10 Apr 2026.
 * - not taken up by the commission: a rent-level subject (reserved to the Huurcommissie) and a complaint about how the
 *   commission works.
 */
const run = {
  representative: undefined as unknown,
  authorisation: undefined as Error | undefined,
  answer: '',
  regioAnswer: '',
  decisionBeforeHearing: undefined as Error | undefined,
  withdrawnStatus: '',
  boardDue: undefined as string | undefined,
  boardStatus: undefined as string | undefined,
  decision: '',
  decisionTo: [] as string[],
  reserved: '',
  aboutCommission: '',
};
beforeAll(async () => {
  const flow = await workflow(FIXTURE, RECEIVED);
  const body = { complainant, description: 'De reparatie van de lekkage is drie keer uitgesteld.', channel: 'letter', occurredOn: CONDUCT };
  const main = await flow.intake({ ...body, representative: { name: 'Piet de Huurder' } });
  run.representative = (await flow.get(main)).representative;
  run.authorisation = await rejection(flow.step(main, 'authorisation', {}, flow.coordinator));
  const withdrawn = await flow.intake(body);
  const regio = await flow.intake({ ...body, categories: ['regio'] });
  const reserved = await flow.intake({ ...body, categories: ['reserved-subject'] });
  await flow.step(reserved, 'not-admissible', { ground: 'reserved-subject' }, flow.coordinator);
  run.reserved = await letterText(flow, reserved, 'not-taken-up');
  const aboutCommission = await flow.intake({ ...body, categories: ['commission-conduct'] });
  await flow.step(aboutCommission, 'not-admissible', { ground: 'about-the-commission' }, flow.coordinator);
  run.aboutCommission = await letterText(flow, aboutCommission, 'not-taken-up');

  flow.at('2026-04-10T15:00:00+02:00');
  for (const reference of [main, withdrawn, regio]) await flow.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'De reparatie is volgens de afspraken ingepland.' }, flow.director);
  run.answer = await letterText(flow, main, 'answer');
  run.regioAnswer = await letterText(flow, regio, 'answer');

  flow.at('2026-04-29T10:00:00+02:00');
  for (const reference of [main, withdrawn]) await flow.step(reference, 'objection', { text: 'Ik leg mijn klacht voor aan de klachtencommissie.' }, flow.coordinator);
  run.decisionBeforeHearing = await rejection(flow.step(main, 'objection-decision', { outcome: 'partly-founded', reasoning: 'Voorbarig.' }, flow.director));
  flow.at('2026-06-02T14:00:00+02:00');
  for (const reference of [main, withdrawn]) await flow.step(reference, 'objection-hearing', { heldOn: '2026-06-02', summary: 'Huurder en corporatie gehoord.' }, flow.director);
  flow.at('2026-06-05T10:00:00+02:00');
  await flow.step(withdrawn, 'withdraw', { reason: 'De lekkage is verholpen.' }, flow.coordinator);
  run.withdrawnStatus = (await flow.get(withdrawn)).status;

  flow.at('2026-06-23T16:00:00+02:00');
  await flow.step(main, 'record', { event: 'advice-issued' }, flow.officer);
  flow.at('2026-06-26T09:00:00+02:00');
  await flow.step(main, 'record', { event: 'advice-received' }, flow.coordinator);
  run.boardDue = (await flow.get(main)).milestones.find((m) => m.milestoneId === 'board-decision')?.due;
  flow.at('2026-07-10T10:00:00+02:00');
  await flow.step(main, 'objection-decision', { outcome: 'partly-founded', reasoning: 'Het bestuur volgt het advies, behalve de vergoeding: die is al betaald.' }, flow.director);
  run.boardStatus = (await flow.get(main)).milestones.find((m) => m.milestoneId === 'board-decision')?.status;
  run.decision = await letterText(flow, main, 'board-decision');
  run.decisionTo = [...flow.register.outbox.values()]
    .filter((e) => e.reference === main && e.action.kind === 'email' && e.action.letter === 'notice' && e.action.notice.id === 'board-decision')
    .map((e) => (e.action.kind === 'email' ? e.action.to : ''));
});

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote:
      'The regime is national: Woningwet art. 55b(3) lets the minister designate a complaints regulation, and the minister designated the Aedes "Voorbeeld Reglement Klachtencommissie, versie 1 februari 2023" (Staatscourant 2023, 6160).',
    setting: "scope.citation source Woningwet art. 55b lid 3; version aedes-2023, effectiveFrom and source.dated 2023-02-01 (the model's date)",
    check: (reg) => {
      expect(reg.scope.citation.source).toBe('Woningwet art. 55b lid 3');
      expect([reg.version, reg.effectiveFrom, reg.source.dated]).toEqual(['aedes-2023', '2023-02-01', '2023-02-01']);
    },
  },
  {
    rule: 'Organisation type: details may differ',
    quote: "Corporaties may differ on details but must keep the model's minimum conditions (Aedes).",
    setting: 'notes model-minimum',
    check: (reg) => expect(note(reg, 'model-minimum').text.en).toMatch(/must keep its minimum conditions/),
  },
  {
    rule: 'Organisation type: regional commissions',
    quote:
      'It is operated by regional commissions. This sheet uses three of them as instances: Klachtencommissie Friesland (PKWF), the Regionale Geschillencommissie (geschillenbehandelen.nl) and Klachtencommissie Arnhem.',
    setting: 'read: categorySchemes commission (frl, rgc, arn, and rkcw, nij, qw, regio for the variants); without a category the FRL terms apply',
    check: (reg) => {
      const scheme = reg.categorySchemes.find((s) => s.id === 'commission');
      expect(ids(scheme?.categories ?? [])).toEqual(['frl', 'rgc', 'arn', 'rkcw', 'nij', 'qw', 'regio']);
      expect(scheme?.multiple).toBe(false);
      const facts = (c?: string) => at(c, { 'objection-received': '2026-04-29T10:00:00+02:00', 'objection-hearing-held': '2026-06-02T14:00:00+02:00' });
      expect(milestonesFor(reg, facts()).map((m) => m.due)).toEqual(milestonesFor(reg, facts('frl')).map((m) => m.due));
      expect(reg.source.note).toMatch(/variants selected by the category of the scheme commission \(the FRL terms when none\s+is given\)/);
    },
  },
  {
    rule: 'Shape',
    quote:
      'First a complaint to the corporatie itself. Then an independent commission that hears both sides and gives a non-binding advice to the board. The board decides within a fixed period and must give reasons if it deviates.',
    setting: 'the answer is ruling-sent; objection { kind: complaint-about-handling, to: committee, decidedBy: board, hearing: invited }; board decision = objection-decided',
    check: (reg) => {
      expect(notice(reg, 'answer')).toMatchObject({ from: 'coordinator', records: 'ruling-sent', written: true });
      expect(reg.objection).toMatchObject({ kind: 'complaint-about-handling', to: 'committee', decidedBy: 'board', inWriting: true, hearing: 'invited' });
      expect(notice(reg, 'board-decision')).toMatchObject({ from: 'board', records: 'objection-decided' });
    },
  },
  {
    rule: 'Who may complain',
    quote:
      'Tenants. Under the model the corporatie chooses whether the commission also handles complaints from prospective tenants (kandidaat-huurders), from the huurdersorganisatie and from bewonerscommissies',
    setting: 'read: this corporatie includes them; scope.complainants tenant, prospective-tenant, tenants-organisation, residents-committee; notes complainants-chosen',
    check: (reg) => {
      expect(ids(reg.scope.complainants).slice(0, 4)).toEqual(['tenant', 'prospective-tenant', 'tenants-organisation', 'residents-committee']);
      expect(note(reg, 'complainants-chosen').text.en).toMatch(/is the corporatie's choice; this corporatie says yes/);
    },
  },
  {
    rule: 'Who may complain: regional lists',
    quote: 'Regional commissions also list former tenants and woningzoekenden [RGC; geschillencommissie-oost-gelderland].',
    setting: 'scope.complainants former-tenant, house-seeker',
    check: (reg) => expect(ids(reg.scope.complainants).slice(4)).toEqual(['former-tenant', 'house-seeker']),
  },
  {
    rule: 'Who may complain: representation',
    quote: 'Representation: each party may be represented or assisted by a third party at every stage [RGC]. No written-authorisation formality is mentioned (unknown).',
    setting: 'read: representation { onBehalfAllowed, authorisationRequired: false, pausesClock: false }: the deadlines do not wait',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisation: 'not-needed', authorisationRequired: false, pausesClock: false });
      expect(dueIn(reg, 'internal-answer', { ...at(undefined, {}), representative: true })).toBe('2026-04-28');
      // Through the workflow: filed by a representative, nothing is outstanding, and recording an authorisation is refused with the rule.
      expect(run.representative).toEqual({ name: 'Piet de Huurder', authorisation: 'not-required' });
      expect(run.authorisation).toBeInstanceOf(RuleViolationError);
      expect(run.authorisation).toMatchObject({ citation: 'RGC Who may complain', message: 'no authorisation is outstanding for this complaint' });
      // ... and the complaint runs its whole course (the board decided on it, see the Outcome letter rules).
      expect(run.decision).toContain('Uitkomst: deels gegrond');
    },
  },
  {
    rule: 'Who may complain: anonymous, discriminatory',
    quote: 'Anonymous complaints and complaints that are discriminatory in nature are not handled [RGC].',
    setting: 'admissibility.grounds anonymous, discriminatory (picked by the commission)',
    check: (reg) => {
      expect(ground(reg, 'anonymous').when).toBeUndefined();
      expect(ground(reg, 'discriminatory').label.en).toBe('Complaint of a discriminatory nature');
      expect(reg.admissibility.decidedBy).toBe('committee');
    },
  },
  {
    rule: 'Precondition: waiting period per commission',
    quote:
      'The commission is open once the corporatie has answered in writing, or after a waiting period that differs per commission: at least 3 weeks [ARN], 6 weeks [RKCW, NIJ], 4 weeks without a stated reason for delay [regiogeschillencommissie.nl].',
    setting:
      'milestones internal-answer (target, met by ruling-sent): 6 weeks, arn 3 weeks, regio 4 weeks (FRL, RGC, QW state none: 6 weeks); windows commission opens { earliest: [ruling-sent, missed:internal-answer] }',
    check: (reg) => {
      const m = milestone(reg, 'internal-answer');
      expect(m).toMatchObject({ kind: 'target', anchor: 'received', metBy: ['ruling-sent'] });
      // Mon 16 Mar 2026: 6 weeks = Mon 27 Apr (Koningsdag) -> Tue 28 Apr; 3 weeks = Mon 6 Apr (Easter Monday) -> Tue 7 Apr; 4 weeks = Mon 13 Apr.
      expect(['rkcw', 'nij', 'frl', 'rgc', 'qw', 'arn', 'regio'].map((c) => dueIn(reg, 'internal-answer', at(c, {})))).toEqual([
        '2026-04-28',
        '2026-04-28',
        '2026-04-28',
        '2026-04-28',
        '2026-04-28',
        '2026-04-07',
        '2026-04-13',
      ]);
      const w = windowOf(reg, 'commission');
      expect(w.opens).toEqual({ earliest: ['ruling-sent', 'missed:internal-answer'] });
      // Answered in writing Fri 10 Apr: open that day.
      const answered = windowDates(reg, w, at('nij', { 'ruling-sent': '2026-04-10T15:00:00+02:00' }));
      expect(answered.opens).toBe('2026-04-10');
      expect(windowStateOn(answered, '2026-04-09')).toBe('not-yet');
      // No answer: open the day after the waiting period.
      const nij = windowDates(reg, w, { ...at('nij', {}), missed: { 'internal-answer': waitMissedAt(reg, 'nij') } });
      expect(nij.opens).toBe('2026-04-29');
      expect(windowStateOn(nij, '2026-04-28')).toBe('not-yet');
      expect(windowStateOn(nij, '2026-04-29')).toBe('open');
      expect(windowDates(reg, w, { ...at('arn', {}), missed: { 'internal-answer': waitMissedAt(reg, 'arn') } }).opens).toBe('2026-04-08');
      expect(windowDates(reg, w, { ...at('regio', {}), missed: { 'internal-answer': waitMissedAt(reg, 'regio') } }).opens).toBe('2026-04-14');
    },
  },
  {
    rule: 'Precondition: repair request',
    quote: 'A repair request is not yet a complaint [RKCW].',
    setting: 'admissibility.grounds repair-request with an immediate referral to a repair request',
    check: (reg) => expect(ground(reg, 'repair-request').referral).toMatchObject({ immediate: true, label: { en: 'a repair request to the corporatie' } }),
  },
  {
    rule: 'Precondition: filing with the commission',
    quote: 'Filing with the commission: in writing, in Dutch, by post or electronically (some commissions accept the online form only).',
    setting: 'objection.inWriting; windows commission inWriting, addressedTo committee; organisation.languages [nl]; channels letter, email, form; notes filing-form',
    check: (reg) => {
      expect(reg.objection?.inWriting).toBe(true);
      expect(windowOf(reg, 'commission')).toMatchObject({ for: 'objection', inWriting: true, addressedTo: 'committee' });
      expect(reg.organisation.languages).toEqual(['nl']);
      expect(reg.intake.channels.map((c) => [c.id, c.mode])).toEqual([
        ['letter', 'written'],
        ['email', 'written'],
        ['form', 'written'],
      ]);
      expect(note(reg, 'filing-form').text.en).toMatch(/by the online form only/);
    },
  },
  {
    rule: 'Precondition: content of the complaint',
    quote: 'The complaint must name the concrete conduct the corporatie is blamed for. Documents and image or sound material may be attached [RGC].',
    setting: 'admissibility.grounds unclear-conduct; roles staff-concerned; notes filing-form (attachments)',
    check: (reg) => {
      expect(ground(reg, 'unclear-conduct').label.en).toMatch(/concrete act or omission/);
      expect(role(reg, 'staff-concerned').assignment).toBe('per-complaint');
      expect(note(reg, 'filing-form').text.en).toMatch(/image or sound material may be attached/);
    },
  },
  {
    rule: 'Precondition: filing window (variant, regiogeschillencommissie.nl)',
    quote:
      "Filing window (variant, regiogeschillencommissie.nl): within 3 months after the date of the manager's/director's decision; if no answer came within 4 weeks, the complainant may go to the commission, but then within 6 weeks (anchor of the 6 weeks not stated; inferred: from the end of the 4 weeks).",
    setting:
      'windows commission variants for regio: { regio, missed internal-answer } -> 6 weeks from missed:internal-answer (the end of the 4 weeks, as inferred; kept even if an answer comes later); { regio } -> 3 months from ruling-sent',
    check: (reg) => {
      const w = windowOf(reg, 'commission');
      expect(w.variants.slice(0, 2)).toEqual([
        expect.objectContaining({ when: { categories: ['regio'], missed: ['internal-answer'] }, closes: { from: 'missed:internal-answer', period: { unit: 'weeks', amount: 6 }, endDayRule: true } }),
        expect.objectContaining({ when: { categories: ['regio'] }, closes: { from: 'ruling-sent', period: { unit: 'months', amount: 3 }, endDayRule: true } }),
      ]);
      // Answered Fri 10 Apr 2026: until Fri 10 Jul 2026 (not the year after the conduct).
      const answered = windowDates(reg, w, at('regio', { 'ruling-sent': '2026-04-10T15:00:00+02:00' }));
      expect(answered).toMatchObject({ opens: '2026-04-10', closes: '2026-07-10', variant: 1 });
      expect(windowStateOn(answered, '2026-07-11')).toBe('closed');
      // No answer within the 4 weeks (Mon 13 Apr): open from Tue 14 Apr; 6 weeks later is Mon 25 May (Whit Monday) -> Tue 26 May.
      const missed = { 'internal-answer': waitMissedAt(reg, 'regio') };
      const unanswered = windowDates(reg, w, { ...at('regio', {}), missed });
      expect(unanswered).toMatchObject({ opens: '2026-04-14', closes: '2026-05-26', variant: 0 });
      expect(windowDates(reg, w, { ...at('regio', { 'ruling-sent': '2026-05-20T15:00:00+02:00' }), missed }).closes).toBe('2026-05-26');
      // Another commission: the year after the conduct.
      expect(windowDates(reg, w, { ...at('arn', {}), missed: { 'internal-answer': waitMissedAt(reg, 'arn') } })).toMatchObject({ closes: '2026-06-02' });
      expect(windowDates(reg, w, at('arn', {})).variant).toBeUndefined();
      // Through the workflow: the answer of Fri 10 Apr 2026 at the regiogeschillencommissie gives the last day, Fri 10 Jul 2026.
      expect(run.regioAnswer).toContain('Bent u het niet eens met deze uitspraak, dan kunt u tot en met vrijdag 10 juli 2026 bezwaar maken.');
    },
  },
  {
    rule: 'Precondition: free; withdrawal',
    quote: 'Free of charge for the complainant [RGC, ARN]. The complainant may withdraw at any moment [RGC].',
    setting:
      "withdrawal { allowed: any-time }: also after the commission's hearing, without anyone's consent; outcomes withdrawn; notes free-of-charge (the commission is the internal objection stage: no tier fee)",
    check: (reg) => {
      expect(reg.withdrawal).toEqual({ allowed: 'any-time', afterwards: 'with-consent', citation: { article: 'RGC Precondition', text: 'The complainant may withdraw at any moment [RGC].' } });
      expect(reg.outcomes.find((o) => o.id === 'withdrawn')).toBeDefined();
      expect(note(reg, 'free-of-charge').text.en).toBe('The procedure before the commission is free of charge for the complainant.');
      // Through the workflow: withdrawn Fri 5 Jun 2026, after the commission heard both sides (Tue 2 Jun), with no consent given.
      expect(run.withdrawnStatus).toBe('withdrawn');
    },
  },
  {
    rule: 'Exclusions: more than 1 year after the conduct',
    quote: 'a complaint filed more than 1 year after the conduct complained of',
    setting: 'windows commission closes { from: stated:occurred-on, period: 1 year }: the commission is addressed within the year (tested at filing with it)',
    check: (reg) => {
      const w = windowOf(reg, 'commission');
      expect(w.closes).toEqual({ from: 'stated:occurred-on', period: { unit: 'years', amount: 1 }, endDayRule: true });
      // Conduct Mon 2 Jun 2025: the commission until Tue 2 Jun 2026.
      const dates = windowDates(reg, w, at('rgc', { 'ruling-sent': '2026-04-10T15:00:00+02:00' }));
      expect(dates).toMatchObject({ closes: '2026-06-02', closesProvisional: false });
      expect(windowStateOn(dates, '2026-06-02')).toBe('open');
      expect(windowStateOn(dates, '2026-06-03')).toBe('closed');
      // Date of the conduct not stated: the end is not known, the window stays open.
      expect(windowStateOn(windowDates(reg, w, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-10T15:00:00+02:00' } }), '2027-01-01')).toBe('open');
      // Through the workflow: the corporatie's answer (no commission named) gives that day as the last to go to the commission.
      expect(run.answer).toContain('Bent u het niet eens met deze uitspraak, dan kunt u tot en met dinsdag 2 juni 2026 bezwaar maken.');
      expect(run.answer).toContain('Maak bezwaar schriftelijk bij de klachtencommissie');
    },
  },
  {
    rule: 'Exclusions: 3 years for ongoing conduct',
    quote: 'or more than 3 years after it where the conduct is ongoing ("voortduurt");',
    setting: 'category ongoing-conduct; windows commission variant { ongoing-conduct } -> closes 3 years after stated:occurred-on',
    check: (reg) => {
      const w = windowOf(reg, 'commission');
      expect(w.variants[2]).toMatchObject({ when: { categories: ['ongoing-conduct'] }, closes: { from: 'stated:occurred-on', period: { unit: 'years', amount: 3 } } });
      const facts = { ...at('rgc', { 'ruling-sent': '2026-04-10T15:00:00+02:00' }), categories: ['rgc', 'ongoing-conduct'] };
      // Conduct Mon 2 Jun 2025, ongoing: until Fri 2 Jun 2028.
      const dates = windowDates(reg, w, facts);
      expect(dates).toMatchObject({ closes: '2028-06-02', variant: 2 });
      expect(windowStateOn(dates, '2027-01-01')).toBe('open');
      expect(windowStateOn(dates, '2028-06-03')).toBe('closed');
    },
  },
  {
    rule: 'Exclusions: unclear conduct',
    quote: 'complaints that do not make clear which concrete act or omission is meant;',
    setting: 'admissibility.grounds unclear-conduct',
    check: (reg) => expect(ground(reg, 'unclear-conduct').citation.text).toBe('complaints that do not make clear which concrete act or omission is meant'),
  },
  {
    rule: 'Exclusions: subjects reserved to the court or the Huurcommissie',
    quote: 'subjects that law reserves exclusively to the court or the Huurcommissie (e.g. rent level, allocation decisions that can be objected to under the Awb).',
    setting: 'category reserved-subject; admissibility.grounds reserved-subject with an immediate referral',
    check: (reg) => {
      const g = ground(reg, 'reserved-subject');
      expect(g.referral).toMatchObject({ immediate: true, url: 'https://www.huurcommissie.nl' });
      expect(conditionHolds(reg, g.when, { ...at('frl', {}), categories: ['frl', 'reserved-subject'] })).toBe(true);
      expect(conditionHolds(reg, g.when, at('frl', {}))).toBe(false);
      // The Huurcommissie is open directly for such a subject (tier directlyWhen), not only after the internal route.
      expect(reg.external.kind === 'tiers' && reg.external.tiers[0]?.opens.directlyWhen).toEqual({ categories: ['reserved-subject'] });
      const refused = { ...at('frl', { 'not-taken-up': '2026-03-20T10:00:00+01:00' }), categories: ['reserved-subject'] };
      expect(nextTiers(reg, refused, 'answer').map((t) => [t.tier.id, t.afterObjection])).toEqual([
        ['huurcommissie', false],
        ['civil-court', false],
      ]);
      // Through the workflow: the refusal sends the tenant straight to the Huurcommissie (not "after your objection").
      expect(tierParagraphs(run.reserved)[0]).toBe(
        'Bent u niet tevreden, dan kunt u zich wenden tot Huurcommissie (https://www.huurcommissie.nl). Ook als u het niet eens bent met de afhandeling van de klacht. (AED, ARN Objection / external bodies)',
      );
      expect(run.reserved).toContain('U kunt terecht bij: de Huurcommissie of de rechter (of bezwaar onder de Awb)');
    },
  },
  {
    rule: 'Exclusions: model text (inferred)',
    quote: '(Inferred: the wording looks like model text reused by several commissions; NIJ also states "not older than one year".)',
    setting:
      "read: the exclusions apply for every commission (no ground is conditioned on the commission; regio's own filing window closes its commission instead of the year); notes limitation-model-text",
    check: (reg) => {
      expect(reg.admissibility.grounds.filter((g) => g.when?.categories?.some((c) => ['frl', 'rgc', 'arn', 'rkcw', 'nij', 'qw', 'regio'].includes(c)))).toEqual([]);
      expect(note(reg, 'limitation-model-text').text.en).toMatch(/apply for every commission/);
    },
  },
  {
    rule: 'Exclusions: NIJ',
    quote: 'NIJ also excludes matters that are before a court or for which legal assistance has been engaged.',
    setting: 'admissibility.grounds before-court (picked by the commission; its label names NIJ)',
    check: (reg) => expect(ground(reg, 'before-court').label.en).toMatch(/legal assistance has been engaged \(NIJ\)/),
  },
  {
    rule: 'Who handles',
    quote: 'An independent commission set up by one or more corporaties; a minimum number of members is nominated by the huurdersorganisatie [AED].',
    setting: 'roles committee (independent, external); investigation.by committee',
    check: (reg) => {
      expect(role(reg, 'committee')).toMatchObject({ independent: true, external: true });
      expect(reg.investigation?.by).toBe('committee');
    },
  },
  {
    rule: 'Who handles: composition, secretariat',
    quote:
      "Example composition: chair, a permanent member and a member from the tenants' organisation [klachtencommissiewoningcorporaties.nl]. The secretariat may sit at the corporatie; members have no ties to it [openbaarbelang.nl].",
    setting: 'roles committee.holder; its mailbox is the secretariat at the corporatie; roleRules never-involved committee; notes composition',
    check: (reg) => {
      expect(role(reg, 'committee').holder?.en).toBe("a chair, a permanent member and a member from the tenants' organisation");
      expect(role(reg, 'committee').email).toBe('secretariaat-klachtencommissie@woonstichting-voorbeeld.example');
      expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'never-involved', role: 'committee', excludes: ['subject', 'service-provider', 'subject-colleague'] }));
      expect(note(reg, 'composition').text.en).toMatch(/members have no ties to it/);
    },
  },
  {
    rule: 'Deadlines: receipt / admissibility message (FRL)',
    quote: 'Receipt / admissibility message | filing with commission | 2 weeks | hard ("uiterlijk") | FRL',
    setting: 'milestones commission-admissibility: hard, 2 weeks from objection-received, met by admissibility-notified (tenant event), committee',
    check: (reg) => {
      expect(milestone(reg, 'commission-admissibility')).toMatchObject({
        kind: 'hard',
        anchor: 'objection-received',
        period: { unit: 'weeks', amount: 2 },
        metBy: ['admissibility-notified'],
        responsibleRole: 'committee',
      });
      expect(reg.events.find((e) => e.id === 'admissibility-notified')?.recordedBy).toEqual(['committee']);
      // Filed Wed 29 Apr 2026: Wed 13 May. Filed Thu 30 Apr: Thu 14 May is Ascension, Fri 15 May a bridge day: Mon 18 May.
      expect(dueIn(reg, 'commission-admissibility', at('frl', { 'objection-received': '2026-04-29T10:00:00+02:00' }))).toBe('2026-05-13');
      expect(dueIn(reg, 'commission-admissibility', at('frl', { 'objection-received': '2026-04-30T10:00:00+02:00' }))).toBe('2026-05-18');
      expect(dueIn(reg, 'commission-admissibility', at(undefined, {}))).toBeUndefined();
    },
  },
  {
    rule: 'Deadlines: admissibility message (ARN)',
    quote: 'Admissibility message | receipt | 14 days | stated as fact | ARN',
    setting: 'read as hard; commission-admissibility variant arn: 14 calendar-days',
    check: (reg) => {
      const m = milestone(reg, 'commission-admissibility');
      expect(periodFor(reg, m, at('arn', {}))).toEqual({ period: { unit: 'calendar-days', amount: 14 }, variant: 0 });
      expect(dueIn(reg, 'commission-admissibility', at('arn', { 'objection-received': '2026-04-30T10:00:00+02:00' }))).toBe('2026-05-18');
    },
  },
  {
    rule: 'Deadlines: admissibility message (RKCW)',
    quote: 'Admissibility message | receipt | 1 week | stated as fact | RKCW',
    setting: 'read as hard; commission-admissibility variant rkcw: 1 week',
    check: (reg) => {
      expect(periodFor(reg, milestone(reg, 'commission-admissibility'), at('rkcw', {})).period).toEqual({ unit: 'weeks', amount: 1 });
      expect(dueIn(reg, 'commission-admissibility', at('rkcw', { 'objection-received': '2026-04-29T10:00:00+02:00' }))).toBe('2026-05-06');
    },
  },
  {
    rule: 'Deadlines: advice to the board (FRL)',
    quote: 'Advice to board | hearing | 3 weeks | stated as fact | FRL',
    setting: 'read as hard; milestones commission-advice: 3 weeks from objection-hearing-held, met by advice-issued (tenant event)',
    check: (reg) => {
      expect(milestone(reg, 'commission-advice')).toMatchObject({ kind: 'hard', anchor: 'objection-hearing-held', period: { unit: 'weeks', amount: 3 }, metBy: ['advice-issued'] });
      // Hearing Tue 2 Jun 2026: Tue 23 Jun.
      expect(dueIn(reg, 'commission-advice', at('frl', { 'objection-received': '2026-04-29T10:00:00+02:00', 'objection-hearing-held': '2026-06-02T14:00:00+02:00' }))).toBe('2026-06-23');
    },
  },
  {
    rule: 'Deadlines: board decision (FRL / ARN anchors)',
    quote: 'Board decision to complainant + commission | receipt of advice [FRL] / issue of advice [ARN] | 1 month (calendar) | stated as fact; note the different anchors | FRL, ARN',
    setting: 'milestones board-decision (1 month from advice-received; not for arn, qw) and board-decision-after-issue (1 month from advice-issued; arn, qw); both met by objection-decided',
    check: (reg) => {
      expect(milestone(reg, 'board-decision')).toMatchObject({
        kind: 'hard',
        anchor: 'advice-received',
        period: { unit: 'months', amount: 1 },
        metBy: ['objection-decided'],
        responsibleRole: 'board',
        unless: { categories: ['arn', 'qw'] },
      });
      expect(milestone(reg, 'board-decision-after-issue')).toMatchObject({
        kind: 'hard',
        anchor: 'advice-issued',
        period: { unit: 'months', amount: 1 },
        metBy: ['objection-decided'],
        appliesWhen: { categories: ['arn', 'qw'] },
      });
      const advice = { 'advice-issued': '2026-06-23T16:00:00+02:00', 'advice-received': '2026-06-26T09:00:00+02:00' };
      // FRL: received Fri 26 Jun + 1 month = Sun 26 Jul -> Mon 27 Jul. ARN: issued Tue 23 Jun + 1 month = Thu 23 Jul.
      expect(dueIn(reg, 'board-decision', at('frl', advice))).toBe('2026-07-27');
      expect(dueIn(reg, 'board-decision-after-issue', at('frl', advice))).toBeUndefined();
      expect(dueIn(reg, 'board-decision-after-issue', at('arn', advice))).toBe('2026-07-23');
      expect(milestoneApplies(reg, milestone(reg, 'board-decision'), at('arn', advice))).toBe(false);
      // Through the workflow: the advice received Fri 26 Jun 2026 gives the board until Mon 27 Jul; its decision of Fri 10 Jul meets it.
      expect(run.boardDue).toBe('2026-07-27');
      expect(run.boardStatus).toBe('met');
    },
  },
  {
    rule: 'Deadlines: advice and board decision (QW variant)',
    quote: '(variant) advice / board decision | hearing / advice | 2 weeks / 2 weeks | stated | QW',
    setting: 'read: QW\'s "advice" is its issue; commission-advice variant qw 2 weeks; board-decision-after-issue variant qw 2 weeks',
    check: (reg) => {
      const facts = at('qw', { 'objection-hearing-held': '2026-06-02T14:00:00+02:00', 'advice-issued': '2026-06-16T16:00:00+02:00' });
      expect(dueIn(reg, 'commission-advice', facts)).toBe('2026-06-16');
      expect(dueIn(reg, 'board-decision-after-issue', facts)).toBe('2026-06-30');
      expect(periodFor(reg, milestone(reg, 'board-decision-after-issue'), at('arn', {})).period).toEqual({ unit: 'months', amount: 1 });
    },
  },
  {
    rule: 'Deadlines: no extension',
    quote: 'No extension mechanism is described on the pages read (unknown).',
    setting: 'read: none; no milestone has an extension policy; notes no-extension',
    check: (reg) => {
      expect(reg.milestones.filter((m) => m.extension !== undefined)).toEqual([]);
      expect(note(reg, 'no-extension')).toBeDefined();
    },
  },
  {
    rule: 'Hearing',
    quote: 'Oral hearing where both complainant and corporatie explain their positions and the commission asks questions [FRL, ARN].',
    setting:
      "investigation.hearBothSides; objection.hearing invited: the board's decision (objection-decision) is refused until the commission's hearing is recorded; " +
      "notices hearing-invitation to the complainant and the corporatie (coordinator). No investigation.hearing: the corporatie's own answer has no hearing",
    check: (reg) => {
      expect(reg.investigation?.hearBothSides).toBe(true);
      expect(reg.investigation?.hearing).toBeUndefined();
      expect(reg.objection?.hearing).toBe('invited');
      expect(notice(reg, 'hearing-invitation')).toMatchObject({ from: 'committee', to: ['complainant', 'coordinator'], trigger: 'objection-received', contents: ['hearing-invitation'] });
      // Through the workflow: on Wed 29 Apr 2026, before the hearing, the board may not decide (the refusal cites the objection stage's article).
      expect(run.decisionBeforeHearing).toBeInstanceOf(RuleViolationError);
      expect(run.decisionBeforeHearing).toMatchObject({ citation: 'RGC Precondition', message: expect.stringMatching(/invited to explain the objection first: record the hearing/) });
    },
  },
  {
    rule: 'Hearing: home visit, expert',
    quote: 'In exceptional cases there is a home visit or an external expert [ARN].',
    setting: 'notes home-visit',
    check: (reg) => expect(note(reg, 'home-visit').text.en).toBe('In exceptional cases a home visit or an external expert.'),
  },
  {
    rule: 'Hearing: deliberation',
    quote: 'Deliberation is closed [openbaarbelang]. No hearing exceptions are described (unknown).',
    setting: 'notes deliberation',
    check: (reg) => expect(note(reg, 'deliberation').text.en).toMatch(/deliberates in private; no exceptions to the hearing/),
  },
  {
    rule: 'Outcome letter: non-binding advice, deviation with reasons',
    quote: 'The advice is non-binding. The board may deviate only in writing and with reasons, addressed to both the complainant and the commission [FRL].',
    setting: 'resolution.decidedBy board (mayConsult committee); notices board-decision { written, to complainant and committee, reasons } (no resolution.advice: see the gap in the report)',
    check: (reg) => {
      expect(reg.resolution).toMatchObject({ decidedBy: 'board', mayConsult: ['committee'] });
      expect(notice(reg, 'board-decision')).toMatchObject({ to: ['complainant', 'committee'], written: true });
      expect(notice(reg, 'board-decision').contents).toContain('reasons');
      // Through the workflow: the decision goes to the tenant and to the commission's secretariat, with its reasons.
      expect(run.decisionTo).toEqual([complainant.email, 'secretariaat-klachtencommissie@woonstichting-voorbeeld.example']);
      expect(run.decision).toContain('Toelichting:\nHet bestuur volgt het advies, behalve de vergoeding: die is al betaald.');
    },
  },
  {
    rule: 'Outcome letter: advice and decision to the complainant',
    quote: "The complainant receives both the advice and the board's decision [FRL].",
    setting: 'notices advice (to complainant and board) and board-decision (to complainant, with the advice enclosed)',
    check: (reg) => {
      expect(notice(reg, 'advice')).toMatchObject({ from: 'committee', to: ['complainant', 'board'], contents: ['outcome', 'reasons', 'improvements'] });
      expect(notice(reg, 'board-decision').to).toContain('complainant');
      expect(notice(reg, 'board-decision').enclosures).toEqual([{ label: { nl: 'het advies van de klachtencommissie', en: "the commission's advice" } }]);
      // Through the workflow: the decision letter lists the advice as enclosed.
      expect(run.decision).toContain('Bijlagen:\n- het advies van de klachtencommissie');
    },
  },
  {
    rule: 'Outcome letter: Huurcommissie',
    quote: 'Since the 2023 model the decision must tell the tenant that they may go to the Huurcommissie [AED].',
    setting: "notices board-decision contents external-body; outcomes require external-body; the tier huurcommissie opens after the objection, so the board's decision names it first",
    check: (reg) => {
      expect(notice(reg, 'board-decision').contents).toContain('external-body');
      for (const id of ['founded', 'partly-founded', 'unfounded']) expect(reg.outcomes.find((o) => o.id === id)?.requires).toContain('external-body');
      // Through the workflow: the board's decision of Fri 10 Jul 2026 tells the tenant they may go to the Huurcommissie, and how.
      expect(tierParagraphs(run.decision)[0]).toBe(
        'Bent u niet tevreden, dan kunt u zich wenden tot Huurcommissie (https://www.huurcommissie.nl). Ook als u het niet eens bent met de afhandeling van de klacht. (AED, ARN Objection / external bodies)',
      );
    },
  },
  {
    rule: 'External bodies: Huurcommissie',
    quote: 'Huurcommissie: after the internal route, including when the tenant disagrees with how the complaint was handled [AED, ARN].',
    setting: "external { kind: tiers }, first tier huurcommissie { opens.after: objection (the commission and the board's decision are the objection stage), description: also about the handling }",
    check: (reg) => {
      const tier = reg.external.kind === 'tiers' ? reg.external.tiers[0] : undefined;
      expect(tier).toMatchObject({
        id: 'huurcommissie',
        body: { name: 'Huurcommissie', website: 'https://www.huurcommissie.nl', description: { en: 'also when you disagree with how the complaint was handled' } },
        opens: { after: 'objection' },
      });
      expect(tier?.when).toBeUndefined();
      // Through the workflow: the corporatie's answer names it as what follows the commission, not as open now.
      expect(tierParagraph(run.answer, 'Huurcommissie')).toMatch(
        /^Bent u ook na de behandeling van uw bezwaar niet tevreden, dan kunt u zich wenden tot Huurcommissie \(https:\/\/www\.huurcommissie\.nl\)\./,
      );
      expect(tierParagraph(run.decision, 'Huurcommissie')).toMatch(/^Bent u niet tevreden, dan kunt u zich wenden tot Huurcommissie/);
    },
  },
  {
    rule: 'External bodies: Commissie Governancecode',
    quote: 'Commissie Governancecode Woningcorporaties: complaints about how the commission itself works [ARN, FRL].',
    setting: 'category commission-conduct; admissibility.grounds about-the-commission with an immediate referral; tier governancecode { when: categories [commission-conduct], after: any-time }',
    check: (reg) => {
      const g = ground(reg, 'about-the-commission');
      expect(g.referral?.label.nl).toBe('de Commissie Governancecode Woningcorporaties');
      expect(conditionHolds(reg, g.when, { ...at('arn', {}), categories: ['arn', 'commission-conduct'] })).toBe(true);
      const tier = reg.external.kind === 'tiers' ? reg.external.tiers[1] : undefined;
      expect(tier).toMatchObject({
        id: 'governancecode',
        when: { categories: ['commission-conduct'] },
        opens: { after: 'any-time' },
        body: { website: 'https://www.governancecodewoningcorporaties.nl' },
      });
      // Through the workflow: the refusal of a complaint about the commission names it; other letters do not.
      expect(tierParagraph(run.aboutCommission, 'Commissie Governancecode Woningcorporaties')).toBe(
        'Ook kunt u zich wenden tot Commissie Governancecode Woningcorporaties (https://www.governancecodewoningcorporaties.nl). Voor klachten over de werkwijze van de klachtencommissie zelf. (ARN, FRL Objection / external bodies)',
      );
      for (const letter of [run.answer, run.decision, run.reserved]) expect(letter).not.toContain('Governancecode');
    },
  },
  {
    rule: 'External bodies: civil court',
    quote: 'Civil court: always available [FRL].',
    setting: 'tier civil-court { after: any-time }, last: every letter that ends a stage names it',
    check: (reg) => {
      const tiers = reg.external.kind === 'tiers' ? reg.external.tiers : [];
      expect(tiers.map((t) => t.id)).toEqual(['huurcommissie', 'governancecode', 'civil-court']);
      expect(tiers[2]).toMatchObject({ body: { name: 'de burgerlijke rechter' }, opens: { after: 'any-time' } });
      expect(tiers[2]?.when).toBeUndefined();
      // Open whatever ended: the answer, the objection, a refusal.
      for (const ended of ['answer', 'objection', 'missed-term'] as const) expect(nextTiers(reg, at(undefined, {}), ended).map((t) => t.tier.id)).toContain('civil-court');
      for (const letter of [run.answer, run.decision, run.reserved, run.aboutCommission]) {
        expect(tierParagraphs(letter).at(-1)).toBe('Ook kunt u zich wenden tot de burgerlijke rechter. (FRL Objection / external bodies)');
      }
    },
  },
  {
    rule: 'External bodies: fees and windows',
    quote: 'No fees are mentioned. No filing windows for these bodies were read (unknown).',
    setting: 'no tier has a fee, a window, a decision kind or amounts; no external-complaint window; notes external-fees-windows',
    check: (reg) => {
      expect(reg.windows.map((w) => w.for)).toEqual(['objection']);
      const tiers = reg.external.kind === 'tiers' ? reg.external.tiers : [];
      expect(tiers.filter((t) => t.fee || t.window || t.decision || t.awardCap || t.minimumAmount || t.consent)).toEqual([]);
      expect(note(reg, 'external-fees-windows')).toBeDefined();
      // So the letters give no closing day or cost for them.
      for (const letter of [run.decision, run.reserved]) {
        for (const p of tierParagraphs(letter)) expect(p).not.toMatch(/Dat kan tot en met|kosten/);
      }
    },
  },
  {
    rule: 'Registration / reporting: register',
    quote: 'The corporatie keeps a klachtenregister. Since the 2023 model the address no longer has to be recorded (privacy) [AED].',
    setting: 'reporting register (continuous, coordinator; label: without the address)',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'register')).toMatchObject({ cadence: 'continuous', by: 'coordinator', label: { en: 'Complaints register (without the address)' } }),
  },
  {
    rule: 'Registration / reporting: annual report',
    quote:
      'Annual reporting by commissions was announced as a ministerial intention [fintool.nl]. Corporaties report complaints in their annual report (example: woonpartners-mh.nl). Inferred: treat the annual report as expected.',
    setting: 'read: expected; reporting annual-report (yearly, organisation); notes commission-reporting',
    check: (reg) => {
      expect(reg.reporting.find((r) => r.id === 'annual-report')).toMatchObject({ cadence: 'yearly', by: 'organisation' });
      expect(note(reg, 'commission-reporting').text.en).toMatch(/ministerial intention/);
    },
  },
  {
    rule: '(not in the sheet)',
    quote: 'Sources read',
    setting: 'tenant settings: Atw calendar; reminders; retention 24 months; opening milestone on receipt: internal-answer only',
    check: (reg) => {
      expect(reg.calendar).toMatchObject({ holidays: 'nl-atw' });
      expect(openingMilestones(reg, new Date(RECEIVED)).map((m) => [m.milestoneId, m.kind, m.due, m.reminderOn])).toEqual([['internal-answer', 'target', '2026-04-28', '2026-04-20']]);
      expect(reg.retention.keep).toEqual({ unit: 'months', amount: 24 });
    },
  },
];

describeCorpusSheet({ sheet: SHEET, rules });
