// Corpus sheet 04: Zorgmed, Klachtenregeling thuiszorg under the Wkkgz (ActiZ/LOC model 2016), rule by rule
// -> tests/fixtures/regulations/04-zorg-zorgmed-thuiszorg-wkkgz.yaml.
// Dates are worked out by hand on the Algemene termijnenwet calendar (shared/reference/dutch-deadlines.md).
import { beforeAll, expect } from 'vitest';
import { RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import { type ComplaintFacts, calendarOf, conditionHolds, milestonesFor, openingMilestones, scheduleMilestone, windowDates, windowStateOn } from '../../../../../../shared/domain/regulation/index.ts';
import { explainDueDate } from '../../../../../../shared/domain/calendar/explain.ts';
import { checkDeadline, type DeadlineCheckOutcome } from '../../../../../../shared/domain/complaint/check-deadline.ts';
import { nextTiers, tiersOf } from '../../../../../../shared/domain/regulation/external-tiers.ts';
import { ids, milestone, notice, role, note, ground } from '../../../../../support/clause-table.ts';
import { handlerRef, workflow, letterText } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';

const SHEET = '04-zorg-zorgmed-thuiszorg-wkkgz';
const RECEIVED = '2026-03-03T10:00:00+01:00'; // Tuesday 3 March 2026 (the worked example of dutch-deadlines.md)

/** A letter as plain text: the amounts' non-breaking spaces as spaces. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** The error a step was refused with; undefined when it was allowed (the row expecting a refusal then fails). */
const refusalOf = (step: Promise<unknown>) =>
  step.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
/** A letter's text; empty when it was not sent (the row expecting it then fails). */
const sentOrEmpty = (letter: Promise<string>) => letter.catch(() => '');

/**
 * Through the workflow, complaints filed in writing on Tue 3 Mar 2026 (the judgement due Tue 14 Apr 2026):
 * - founded: the judgement refused before anyone was heard, after the client alone was heard, and a dispensation
 *   refused (the sheet names no exceptions); both sides heard Fri 20 Mar; on Fri 10 Apr refused without a term for
 *   the measures, then given with measuresBy Tue 1 Sep 2026; unfounded: both heard, judged Fri 10 Apr;
 * - late: never judged, the term checked Wed 15 Apr; extended: extended by 4 weeks on Fri 10 Apr (to Tue 12 May),
 *   checked Wed 15 Apr and Wed 13 May;
 * - wzd: an involuntary-care complaint, not taken up (the KCOZ); represented: filed by a relative, assigned only
 *   once the client's consent (the authorisation) is recorded.
 * The letters as the outbox composes them.
 */
const run = {
  refusal: undefined as Error | undefined,
  unheard: undefined as Error | undefined,
  halfHeard: undefined as Error | undefined,
  dispensed: undefined as Error | undefined,
  letter: '',
  unfounded: '',
  missed: '',
  lateChecks: [] as DeadlineCheckOutcome[],
  extendedChecks: [] as DeadlineCheckOutcome[],
  extendedMissedBefore13May: true,
  extendedMissed: '',
  wzd: '',
  unassigned: undefined as Error | undefined,
  represented: { authorisation: '', handler: '' },
};
beforeAll(async () => {
  const flow = await workflow('tests/fixtures/regulations/04-zorg-zorgmed-thuiszorg-wkkgz.yaml', RECEIVED);
  const deps = { register: flow.register, clock: flow.clock, regulations: flow.regulations };
  const body = { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'De afspraken werden niet nagekomen.', channel: 'letter' };
  const founded = await flow.intake(body);
  const unfounded = await flow.intake(body);
  const late = await flow.intake(body);
  const extended = await flow.intake(body);
  const wzd = await flow.intake({ ...body, categories: ['involuntary-care'] });
  const represented = await flow.intake({ ...body, representative: { name: 'Piet de Vries', kind: 'relative' } });

  // Filed by a relative: not handled before the client's consent is recorded.
  run.unassigned = await refusalOf(flow.step(represented, 'assign', { handler: handlerRef(flow.handler1) }, flow.coordinator));
  run.represented.authorisation = (await flow.get(represented)).representative?.authorisation ?? '';
  await flow.step(represented, 'authorisation', { reason: 'De cliënt wil dat haar zoon namens haar klaagt.' }, flow.coordinator);
  await flow.step(represented, 'assign', { handler: handlerRef(flow.handler1) }, flow.coordinator);
  run.represented.handler = (await flow.get(represented)).handler?.email ?? '';

  // Wzd: not taken up, referred to the KCOZ.
  await flow.step(wzd, 'not-admissible', { ground: 'involuntary-care' }, flow.coordinator);
  run.wzd = plain(await sentOrEmpty(letterText(flow, wzd, 'not-taken-up')));

  flow.at('2026-03-20T10:00:00+01:00');
  const reasoning = 'De zorg werd niet op de afgesproken tijden geleverd.';
  run.unheard = await refusalOf(flow.step(founded, 'ruling', { outcome: 'founded', reasoning, measuresBy: '2026-09-01' }, flow.director));
  const hear = (reference: string) => flow.step(reference, 'hearing', { heldOn: '2026-03-20', summary: 'Cliënte lichtte haar klacht toe.', heard: 'complainant' }, flow.coordinator);
  const hearSubject = (reference: string) =>
    flow.step(reference, 'subject-statement', { staffEmail: 'wijkverpleegkundige@zorgmed.example', statement: 'De planning liep uit.', agreedToRecord: true }, flow.coordinator);
  await hear(founded);
  run.halfHeard = await refusalOf(flow.step(founded, 'ruling', { outcome: 'founded', reasoning, measuresBy: '2026-09-01' }, flow.director));
  run.dispensed = await refusalOf(flow.step(founded, 'hearing-dispensed', { exception: 'waived', reason: 'De medewerker ziet af van horen.' }, flow.coordinator));
  await hearSubject(founded);
  await hear(unfounded);
  await hearSubject(unfounded);

  flow.at('2026-04-10T12:00:00+02:00');
  run.refusal = await refusalOf(flow.step(founded, 'ruling', { outcome: 'founded', reasoning }, flow.director));
  await flow.step(founded, 'ruling', { outcome: 'founded', reasoning, measuresBy: '2026-09-01' }, flow.director);
  // An unfounded ruling names no measures, so no term either.
  await flow.step(unfounded, 'ruling', { outcome: 'unfounded', reasoning: 'Er is niets misgegaan.' }, flow.director);
  await flow.step(extended, 'extension', { milestoneId: 'judgement', period: { unit: 'weeks', amount: 4 }, reason: 'Wij wachten op het dossier van de huisarts.' }, flow.coordinator);
  const letter = (reference: string) => letterText(flow, reference, 'judgement');
  run.letter = plain(await letter(founded));
  run.unfounded = plain(await letter(unfounded));

  // Wed 15 Apr: the 6 weeks (Tue 14 Apr) passed unanswered; the extended term runs to Tue 12 May.
  flow.at('2026-04-15T09:00:00+02:00');
  const check = (reference: string) => checkDeadline(deps, { reference, milestoneId: 'judgement', kind: 'check' });
  run.lateChecks.push(await check(late));
  run.missed = plain(await sentOrEmpty(letterText(flow, late, 'missed-term')));
  run.extendedChecks.push(await check(extended));
  run.extendedMissedBefore13May = (await sentOrEmpty(letterText(flow, extended, 'missed-term'))) !== '';
  flow.at('2026-05-13T09:00:00+02:00');
  run.extendedChecks.push(await check(extended));
  run.extendedMissed = plain(await sentOrEmpty(letterText(flow, extended, 'missed-term')));
});

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: "home-care provider (VVT sector), not a GP. Zorgmed's regulation adapts the ActiZ/LOC model regulation of May 2016.",
    setting: 'organisation Zorgmed; source.title names the ActiZ/LOC model 2016',
    check: (reg) => {
      expect(reg.organisation.name).toBe('Zorgmed');
      expect(reg.source.title).toMatch(/ActiZ\/LOC-model 2016/);
    },
  },
  {
    rule: 'Organisation type: two variants',
    quote: 'That model has two variants: (1) the management (directie) judges complaints; (2) the complainant chooses between a klachtencommissie and the directie.',
    setting: 'both encoded: resolution.decidedBy board (directie); category committee-chosen -> routing committee-variant handled-by complaints-committee',
    check: (reg) => {
      expect(reg.resolution?.decidedBy).toBe('board');
      expect(role(reg, 'board').label.nl).toBe('Directie');
      expect(reg.routing.find((r) => r.id === 'committee-variant')).toMatchObject({ when: { categories: ['committee-chosen'] }, to: 'complaints-committee', effect: 'handled-by' });
      // The statutory term is the same in both variants.
      const facts = (categories: string[]): ComplaintFacts => ({ happened: { received: RECEIVED }, categories });
      expect(milestonesFor(reg, facts(['committee-chosen'])).map((m) => m.due)).toEqual(milestonesFor(reg, facts([])).map((m) => m.due));
    },
  },
  {
    rule: 'Organisation type: variant unknown',
    quote: 'Which variant Zorgmed adopted was cut off in the text read (unknown).',
    setting: 'read: both variants kept; notes model-variant-unknown; source.note',
    check: (reg) => {
      expect(note(reg, 'model-variant-unknown').text.en).toMatch(/Which one Zorgmed adopted is unknown; both are in this file/);
      expect(reg.source.note).toMatch(/both\s+variants of the ActiZ\/LOC model are encoded/);
    },
  },
  {
    rule: 'Organisation type: statutory frame',
    quote: 'Statutory frame: Wkkgz chapter 3 and Uitvoeringsbesluit Wkkgz chapter 7.',
    setting: 'citations of the judgement, extension, letter and external body name the Wkkgz as source',
    check: (reg) => {
      expect(milestone(reg, 'judgement').citation.source).toBe('Wkkgz art. 17');
      expect(milestone(reg, 'judgement').extension?.citation?.source).toBe('Wkkgz art. 17');
      expect(reg.external.citation?.source).toBe('Wkkgz art. 18');
    },
  },
  {
    rule: 'Shape: the external bodies',
    quote: 'Complaints on involuntary care go to a sector body by category (KCOZ). The external geschilleninstantie is binding, charges a fee, and has a damages cap.',
    setting: 'external.tiers in order: kcoz (category involuntary-care), geschillencommissie-zorg (the other categories: decision binding, fee, awardCap)',
    check: (reg) => {
      expect(tiersOf(reg).map((t) => [t.id, t.when, t.decision, t.fee?.amount.amount, t.awardCap?.amount])).toEqual([
        ['kcoz', { categories: ['involuntary-care'] }, undefined, undefined, undefined],
        ['geschillencommissie-zorg', { not: { categories: ['involuntary-care'] } }, 'binding', 52.5, 25000],
      ]);
    },
  },
  {
    rule: 'Who may complain',
    quote: 'The client, their representative, or a surviving relative (nabestaande). This is the Wkkgz definition of klager as reproduced in provider regulations',
    setting: 'scope.complainants client, representative, surviving-relative',
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['client', 'representative', 'surviving-relative']);
      expect(reg.scope.citation.source).toBe('Wkkgz');
    },
  },
  {
    rule: 'Who may complain: inferred for Zorgmed',
    quote: 'Inferred: the same applies to Zorgmed.',
    setting: 'read: taken for Zorgmed; notes klager-inferred',
    check: (reg) => expect(note(reg, 'klager-inferred').text.en).toMatch(/inferred for Zorgmed/),
  },
  {
    rule: 'Who may complain: representatives',
    quote: "Representatives: a relative or legal representative may file on the client's behalf, but only if the client wants that.",
    setting:
      "representation { onBehalfAllowed, authorisation: always (the client's consent), kinds relative, legal-representative, pausesClock: false (not said) }: " +
      'a complaint filed by a relative is not assigned until the consent is recorded (authorisation step); its term does not wait',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisation: 'always', authorisationRequired: true, pausesClock: false });
      expect(ids(reg.representation!.kinds)).toEqual(['relative', 'legal-representative']);
      // The clock does not wait: a complaint filed by a representative has the same term.
      const filed = (representative: boolean) => milestonesFor(reg, { happened: { received: RECEIVED }, representative })[0]?.due;
      expect(filed(true)).toBe('2026-04-14');
      expect(filed(false)).toBe('2026-04-14');
      // Through the workflow: filed by a relative, the consent is outstanding and the complaint cannot be handed to a handler.
      expect(run.represented.authorisation).toBe('required');
      expect(run.unassigned).toBeInstanceOf(RuleViolationError);
      expect(run.unassigned).toMatchObject({ citation: 'Who may complain [sheerenloo.nl]', message: expect.stringMatching(/authorisation must arrive first/) });
      // Once the client's consent is recorded it is.
      expect(run.represented.handler).toBe('handler1@04-zorg-zorgmed-thuiszorg-wkkgz.example');
    },
  },
  {
    rule: 'Who may complain: cliëntvertrouwenspersoon',
    quote: 'A cliëntvertrouwenspersoon can help [sheerenloo.nl, comparable institution].',
    setting: 'roles client-confidant (per-complaint, independent)',
    check: (reg) => expect(role(reg, 'client-confidant')).toMatchObject({ assignment: 'per-complaint', independent: true }),
  },
  {
    rule: 'Channels / content',
    quote: 'Written complaint.',
    setting: 'intake.channels letter, email (both written, to the klachtenfunctionaris)',
    check: (reg) => {
      expect(reg.intake.channels.map((c) => [c.id, c.mode, c.handledBy])).toEqual([
        ['letter', 'written', 'coordinator'],
        ['email', 'written', 'coordinator'],
      ]);
    },
  },
  {
    rule: 'Channels / content: inspectorate criteria',
    quote: "The klachtenfunctionaris's address and/or phone number must appear in the regulation, and the regulation must be brought to clients' attention (inspectorate criteria) [igz.nl].",
    setting: "notes contact-in-regulation; channel email has the officer's address; publication { website, internal, staffPointClientsToIt }",
    check: (reg) => {
      expect(note(reg, 'contact-in-regulation').text.en).toMatch(/address and\/or phone number/);
      expect(reg.intake.channels.find((c) => c.id === 'email')?.address).toBe(role(reg, 'coordinator').email);
      expect(reg.publication).toMatchObject({ website: true, internal: true, staffPointClientsToIt: true });
    },
  },
  {
    rule: 'Who handles: klachtenfunctionaris',
    quote: 'Klachtenfunctionaris: independent, free of charge. Advises, supports and mediates; gives no judgement',
    setting: "roles coordinator = Klachtenfunctionaris (independent); the judgement is the board's; notes complaints-officer-free",
    check: (reg) => {
      expect(role(reg, 'coordinator')).toMatchObject({ label: { nl: 'Klachtenfunctionaris' }, independent: true });
      expect(milestone(reg, 'judgement').responsibleRole).toBe('board');
      expect(note(reg, 'complaints-officer-free').text.en).toMatch(/free of charge/);
    },
  },
  {
    rule: 'Who handles: the judgement',
    quote: "The judgement is the provider's (directie), or in variant 2 is prepared by a klachtencommissie.",
    setting: 'resolution.decidedBy board; roleRules final-responsibility board; routing committee-variant',
    check: (reg) => {
      expect(reg.roleRules).toEqual([expect.objectContaining({ rule: 'final-responsibility', role: 'board' })]);
      expect(role(reg, 'complaints-committee').independent).toBe(true);
    },
  },
  {
    rule: 'Who handles: Wzd -> KCOZ',
    quote:
      'Wet zorg en dwang (Wzd) complaints about certain involuntary-care decisions must go to a commission set up by representative provider and client organisations. Zorgmed is affiliated via ActiZ with the KCOZ (Klachtencommissie Onvrijwillige Zorg) [zorgmed.nl]. This is an external body by category.',
    setting:
      'category involuntary-care; admissibility.grounds involuntary-care (when that category) with an immediate referral to the KCOZ; ' +
      'external.tiers kcoz { when: that category, opens any-time } and geschillencommissie-zorg { when: not that category }: the refusal letter names the KCOZ only',
    check: (reg) => {
      const g = ground(reg, 'involuntary-care');
      expect(g.referral).toMatchObject({ immediate: true, label: { en: 'the Klachtencommissie Onvrijwillige Zorg (KCOZ)' } });
      expect(conditionHolds(reg, g.when, { happened: { received: RECEIVED }, categories: ['involuntary-care'] })).toBe(true);
      expect(conditionHolds(reg, g.when, { happened: { received: RECEIVED }, categories: [] })).toBe(false);
      expect(g.citation.source).toMatch(/Wet zorg en dwang/);
      const kcoz = tiersOf(reg).find((t) => t.id === 'kcoz');
      expect(kcoz).toMatchObject({
        body: { name: 'Klachtencommissie Onvrijwillige Zorg (KCOZ)', website: 'https://www.kcoz.nl' },
        when: { categories: ['involuntary-care'] },
        opens: { after: 'any-time' },
      });
      // The body by category: a Wzd complaint has the KCOZ (at any time, even before an answer), any other the disputes body.
      const facts = (categories: string[]): ComplaintFacts => ({ happened: { received: RECEIVED }, categories });
      expect(nextTiers(reg, facts(['involuntary-care']), 'answer').map((t) => t.tier.id)).toEqual(['kcoz']);
      expect(nextTiers(reg, facts([]), 'answer').map((t) => t.tier.id)).toEqual(['geschillencommissie-zorg']);
      // Through the workflow: the refusal letter refers to the KCOZ and gives its address; the disputes body is not offered.
      expect(run.wzd).toContain('U kunt terecht bij: de Klachtencommissie Onvrijwillige Zorg (KCOZ)');
      expect(run.wzd).toContain(
        'Bent u niet tevreden, dan kunt u zich wenden tot Klachtencommissie Onvrijwillige Zorg (KCOZ) (https://www.kcoz.nl). Klachtencommissie voor klachten over besluiten over onvrijwillige zorg (Wet zorg en dwang); Zorgmed is via ActiZ aangesloten. (Wet zorg en dwang)',
      );
      expect(run.wzd).not.toContain('Geschillencommissie Zorg');
    },
  },
  {
    rule: 'Deadlines: written judgement',
    quote: 'Written judgement | filing (written) | 6 weeks | hard; "zo spoedig mogelijk" language in law (inferred wording) | klachtverloskunde.nl; igz.nl',
    setting: 'milestones judgement: hard, 6 weeks from received, met by ruling-sent, board; reminder 5 working days before, escalation to the klachtenfunctionaris',
    check: (reg) => {
      expect(milestone(reg, 'judgement')).toMatchObject({
        kind: 'hard',
        anchor: 'received',
        period: { unit: 'weeks', amount: 6 },
        metBy: ['ruling-sent'],
        responsibleRole: 'board',
        escalationRole: 'coordinator',
      });
      const opened = openingMilestones(reg, new Date(RECEIVED));
      expect(opened.map((m) => [m.milestoneId, m.kind, m.due, m.reminderOn])).toEqual([['judgement', 'hard', '2026-04-14', '2026-04-07']]);
      // Mon 16 Mar 2026 + 6 weeks = Mon 27 Apr, Koningsdag: the end-day rule moves it to Tue 28 Apr.
      const explained = explainDueDate('2026-03-16', milestone(reg, 'judgement').period, calendarOf(reg));
      expect(explained.due).toBe('2026-04-28');
      expect(explained.steps.at(-1)).toMatchObject({ step: 'end-day-rule', from: '2026-04-27', to: '2026-04-28' });
    },
  },
  {
    rule: 'Deadlines: "zo spoedig mogelijk"',
    quote: '"zo spoedig mogelijk" language in law (inferred wording)',
    setting: 'duties judge-promptly (no date of its own; the hard 6 weeks are the limit)',
    check: (reg) => {
      expect(reg.duties.find((d) => d.id === 'judge-promptly')).toMatchObject({ role: 'board', records: 'ruling-sent' });
      expect(reg.milestones.filter((m) => m.kind === 'target')).toEqual([]);
    },
  },
  {
    rule: 'Deadlines: extension',
    quote: 'Extension | end of 6 weeks | +4 weeks, once | unilateral, with written notice to the complainant | klachtverloskunde.nl',
    setting: 'milestones judgement.extension { times: 1, upTo: 4 weeks, notice.to [complainant] }; notices extension (written, extension-reason)',
    check: (reg) => {
      const m = milestone(reg, 'judgement');
      expect(m.extension).toMatchObject({ times: 1, upTo: { unit: 'weeks', amount: 4 }, notice: { to: ['complainant'] } });
      expect(notice(reg, 'extension')).toMatchObject({ to: ['complainant'], written: true, records: 'extension-notified', contents: ['extension-reason'] });
      // 3 Mar 2026 + 6 weeks + 4 weeks = Tue 12 May 2026 (worked example).
      expect(scheduleMilestone(reg, m, new Date(RECEIVED), { extensions: [{ unit: 'weeks', amount: 4 }] }).due).toBe('2026-05-12');
      // Added to the unextended end (Mon 27 Apr, Koningsdag), end-day rule once: Mon 25 May is Whit Monday -> Tue 26 May.
      expect(scheduleMilestone(reg, m, new Date('2026-03-16T10:00:00+01:00'), { extensions: [{ unit: 'weeks', amount: 4 }] }).due).toBe('2026-05-26');
    },
  },
  {
    rule: 'Deadlines: further extension',
    quote: 'Further extension | end of 10 weeks | open | only "in overleg" with the complainant (e.g. during mediation) | klachtverloskunde.nl',
    setting: 'milestones judgement.extension.further { consent: any ("in overleg"), times: unlimited, upTo: open }',
    check: (reg) => {
      expect(milestone(reg, 'judgement').extension?.further).toMatchObject({ consent: 'any', times: 'unlimited', upTo: 'open' });
      // After the 10 weeks (12 May), an agreed new date.
      expect(scheduleMilestone(reg, milestone(reg, 'judgement'), new Date(RECEIVED), { extensions: [{ unit: 'weeks', amount: 4 }, { until: '2026-06-30' }] }).due).toBe('2026-06-30');
    },
  },
  {
    rule: 'Deadlines: notice before the term expires (inferred)',
    quote: 'Inferred from Wkkgz art. 17 (memory): the notice must be given before the original term expires.',
    setting: 'read: extension.afterDue false (refused once the 6 weeks have passed); no notice lead (by the due date itself)',
    check: (reg) => {
      const extension = milestone(reg, 'judgement').extension;
      expect(extension?.afterDue).toBe(false);
      expect(extension?.notice.lead).toBeUndefined();
      expect(extension?.notice.citation?.text).toBe('the notice must be given before the original term expires');
    },
  },
  {
    rule: 'Hearing',
    quote: 'Not described in the text read. Inferred: in the klachtencommissie variant both sides are heard (hoor en wederhoor). Other Wkkgz schemes state that hoor en wederhoor takes place',
    setting:
      'read (inferred): investigation.hearing { required: both, exceptions: none, report: false } in both variants (the format cannot limit ' +
      'it to the committee variant): the judgement is refused until the client and the person complained about are heard; no dispensation',
    check: (reg) => {
      expect(reg.investigation).toMatchObject({ by: 'board', hearBothSides: true, hearing: { required: 'both', exceptions: [], report: false, citation: { article: 'Hearing' } } });
      // Through the workflow: nobody heard -> refused, citing the hearing rule.
      expect(run.unheard).toBeInstanceOf(RuleViolationError);
      expect(run.unheard).toMatchObject({ citation: 'Hearing', message: expect.stringMatching(/must be heard first/) });
      // Only the client heard -> refused: both sides.
      expect(run.halfHeard).toMatchObject({ citation: 'Hearing', message: expect.stringMatching(/both sides must be heard/) });
      // The sheet names no exception: leaving the hearing out is refused.
      expect(run.dispensed).toBeInstanceOf(RuleViolationError);
      expect(run.dispensed).toMatchObject({ citation: 'Hearing', message: expect.stringMatching(/only when: never/) });
      // Both heard: the judgements went out (their letters exist).
      expect(run.letter).toContain('Uitkomst: gegrond');
      expect(run.unfounded).toContain('Uitkomst: ongegrond');
    },
  },
  {
    rule: 'Outcome letter',
    quote: 'A written, reasoned communication ("oordeel") stating: what the investigation concluded; which decisions the provider takes about and following the complaint;',
    setting: 'notices judgement { written, records ruling-sent, contents outcome, reasons, measures, measures-term, external-body }; outcomes founded/partly-founded require measures',
    check: (reg) => {
      expect(notice(reg, 'judgement')).toMatchObject({ written: true, records: 'ruling-sent', contents: ['outcome', 'reasons', 'measures', 'measures-term', 'external-body'] });
      expect(reg.outcomes.find((o) => o.id === 'founded')?.requires).toContain('measures');
      expect(reg.measures).toMatchObject({ corrective: true, preventive: true, decidedBy: 'board' });
      // In writing, not in a meeting.
      expect(reg.resolution?.delivery).toBe('in-writing');
    },
  },
  {
    rule: 'Outcome letter: the measures are realised by the term',
    quote: 'within which term the agreed measures will be realised',
    setting: 'statedDates measures-due-on (staff); milestones measures-realised: due that day, met by measures-recorded',
    check: (reg) => {
      const facts: ComplaintFacts = { happened: { received: RECEIVED, 'ruling-sent': '2026-04-10T12:00:00+02:00' }, stated: { 'measures-due-on': '2026-09-01' } };
      expect(milestonesFor(reg, facts).find((m) => m.milestoneId === 'measures-realised')).toMatchObject({ due: '2026-09-01', metBy: ['measures-recorded'], responsibleRole: 'board' });
      expect(milestonesFor(reg, { ...facts, stated: {} }).map((m) => m.milestoneId)).toEqual(['judgement']);
    },
  },
  {
    rule: 'Outcome letter: the letter names the term for the measures',
    quote: 'and within which term the agreed measures will be realised [PoliDirect definition, mirroring Wkkgz art. 17].',
    setting:
      "notices judgement contents measures-term (the ruling's measuresBy); outcomes founded and partly-founded require measures-term " +
      '(read: the judgements with measures), so the ruling step refuses them without measuresBy; unfounded needs none',
    check: (reg) => {
      expect(notice(reg, 'judgement').contents).toEqual(['outcome', 'reasons', 'measures', 'measures-term', 'external-body']);
      for (const id of ['founded', 'partly-founded']) expect(reg.outcomes.find((o) => o.id === id)?.requires).toContain('measures-term');
      expect(reg.outcomes.find((o) => o.id === 'unfounded')?.requires).not.toContain('measures-term');
      // A founded judgement without a term is refused, citing the outcome letter rule as the statute it comes from.
      expect(run.refusal).toBeInstanceOf(RuleViolationError);
      expect(run.refusal).toMatchObject({ citation: 'Wkkgz art. 17', message: expect.stringMatching(/must give: measures-term/) });
      // With measuresBy Tue 1 Sep 2026 the letter names it.
      expect(run.letter).toContain('De maatregelen worden uiterlijk dinsdag 1 september 2026 gerealiseerd.');
      expect(run.unfounded).not.toContain('De maatregelen worden uiterlijk');
    },
  },
  {
    rule: 'External body',
    quote: 'The provider must be affiliated with a recognised geschilleninstantie (Wkkgz art. 18) [studylibnl PvE]. Example: De Geschillencommissie Zorg',
    setting:
      'external { kind: tiers }: kcoz (Wzd), geschillencommissie-zorg { body De Geschillencommissie Zorg, after: answer, window geschilleninstantie }; the judgement letter names it with its address',
    check: (reg) => {
      expect(reg.external).toMatchObject({ kind: 'tiers', citation: { source: 'Wkkgz art. 18' } });
      expect(tiersOf(reg).map((t) => t.id)).toEqual(['kcoz', 'geschillencommissie-zorg']);
      const gc = tiersOf(reg)[1]!;
      expect(gc).toMatchObject({ body: { name: 'De Geschillencommissie Zorg', website: 'https://www.degeschillencommissiezorg.nl' }, opens: { after: 'answer' }, window: 'geschilleninstantie' });
      // Through the workflow: the founded judgement (Fri 10 Apr 2026) names the disputes body and how to reach it, not the KCOZ.
      expect(run.letter).toContain(
        'Bent u niet tevreden, dan kunt u zich wenden tot De Geschillencommissie Zorg (https://www.degeschillencommissiezorg.nl). Erkende geschilleninstantie (Wkkgz art. 18).',
      );
      expect(run.unfounded).toContain('dan kunt u zich wenden tot De Geschillencommissie Zorg');
      expect(run.letter).not.toContain('KCOZ');
    },
  },
  {
    rule: 'External body: fee',
    quote:
      'klachtengeld €52.50 (except the Ziekenhuizen and Defensie chambers). Refunded by the provider if the complainant is proved right. If both are partly right, the committee divides it. Not refunded if the parties settle midway. If the committee is not competent or the complaint is inadmissible (e.g. late), the fee is refunded minus €27.50 administration costs',
    setting:
      'geschillencommissie-zorg.fee { EUR 52.50, refund: if-upheld, note: divided when both are partly right, not on a settlement, minus EUR 27.50 when not competent ' +
      "or inadmissible } (the chambers' exception does not concern home care); the judgement letter states it",
    check: (reg) => {
      const gc = tiersOf(reg).find((t) => t.id === 'geschillencommissie-zorg')!;
      expect(gc.fee).toMatchObject({ amount: { amount: 52.5, currency: 'EUR' }, refund: 'if-upheld' });
      expect(gc.fee?.note?.en).toMatch(/partly right, the committee divides the fee; it is not refunded if the parties settle midway; .* refunded minus € 27.50 administration costs/);
      expect(run.letter).toContain('De kosten zijn € 52,50, die u terugkrijgt als u in het gelijk wordt gesteld. Krijgen beide partijen deels gelijk, dan verdeelt de commissie het klachtengeld;');
      expect(run.letter).toContain('dan krijgt u het terug min € 27,50 administratiekosten.');
    },
  },
  {
    rule: 'External body: decision',
    quote: 'Decision: binding advice (bindend advies) [uitspraken pages].',
    setting: 'geschillencommissie-zorg.decision binding; the letter says the decision is binding',
    check: (reg) => {
      expect(tiersOf(reg).find((t) => t.id === 'geschillencommissie-zorg')?.decision).toBe('binding');
      expect(run.letter).toContain('De uitspraak is bindend.');
    },
  },
  {
    rule: 'External body: damages cap',
    quote: 'Damages cap €25,000 (a Klachtenportaal Zorg page states it as "boetes", inferred to mean compensation).',
    setting: 'read: compensation; geschillencommissie-zorg.awardCap EUR 25,000, printed in the letter',
    check: (reg) => {
      expect(tiersOf(reg).find((t) => t.id === 'geschillencommissie-zorg')?.awardCap).toEqual({ amount: 25000, currency: 'EUR' });
      expect(run.letter).toContain('Er kan ten hoogste € 25.000 worden toegekend. (Wkkgz art. 21)');
    },
  },
  {
    rule: 'External body: filing window',
    quote: 'Filing window with the geschilleninstantie: not read (unknown; verify in the reglement).',
    setting: "read: windows geschilleninstantie (the tier's window) has no closing (the end is unknown, so it is never closed); the letter gives no closing date; notes external-window-unknown",
    check: (reg) => {
      const w = reg.windows.find((x) => x.id === 'geschilleninstantie');
      expect(w).toMatchObject({ for: 'external-complaint', body: 'De Geschillencommissie Zorg' });
      expect(w?.closes).toBeUndefined();
      const dates = windowDates(reg, w!, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-10T12:00:00+02:00' } });
      expect(dates.closes).toBeUndefined();
      expect(windowStateOn(dates, '2031-01-01')).toBe('open');
      expect(note(reg, 'external-window-unknown').text.en).toMatch(/was not read: the window does not close here/);
      expect(run.letter).not.toMatch(/Dat kan tot en met/);
    },
  },
  {
    rule: 'External body: access conditions (inferred)',
    quote:
      'Access conditions (inferred, Wkkgz art. 21 from memory): no timely answer, disagreement with the judgement, or the complainant cannot reasonably be expected to complain to the provider first.',
    setting:
      'geschillencommissie-zorg.opens { after: answer (disagreement), directlyWhen: { missed: [judgement] } (no timely answer), specialCircumstances (in words) }; ' +
      'windows geschilleninstantie opens { earliest: [ruling-sent, missed:judgement] }; a missed term sends the complainant a letter naming the body',
    check: (reg) => {
      const gc = tiersOf(reg).find((t) => t.id === 'geschillencommissie-zorg')!;
      expect(gc.opens).toMatchObject({ after: 'answer', directlyWhen: { missed: ['judgement'] } });
      expect(gc.opens.specialCircumstances?.en).toMatch(/cannot reasonably be expected to complain to Zorgmed first/);
      const w = reg.windows.find((x) => x.id === 'geschilleninstantie')!;
      expect(w.opens).toEqual({ earliest: ['ruling-sent', 'missed:judgement'] });
      // Disagreement: open from the judgement (Fri 10 Apr 2026).
      expect(windowDates(reg, w, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-10T12:00:00+02:00' } }).opens).toBe('2026-04-10');
      // No timely judgement: the 6 weeks ended Tue 14 Apr, open from Wed 15 Apr.
      const m = milestone(reg, 'judgement');
      const unanswered = windowDates(reg, w, { happened: { received: RECEIVED }, missed: { judgement: scheduleMilestone(reg, m, new Date(RECEIVED)).dueAt } });
      expect(unanswered.opens).toBe('2026-04-15');
      expect(windowStateOn(unanswered, '2026-04-14')).toBe('not-yet');
      // Extended by 4 weeks: missed only at the end of Tue 12 May, open from Wed 13 May.
      const extended = scheduleMilestone(reg, m, new Date(RECEIVED), { extensions: [{ unit: 'weeks', amount: 4 }] });
      expect(windowDates(reg, w, { happened: { received: RECEIVED }, missed: { judgement: extended.dueAt } }).opens).toBe('2026-05-13');
      // Neither yet: not open; the tier is not offered directly either.
      expect(windowStateOn(windowDates(reg, w, { happened: { received: RECEIVED } }), '2026-04-01')).toBe('not-yet');
      expect(nextTiers(reg, { happened: { received: RECEIVED } }, 'missed-term')).toEqual([]);
      // Through the workflow: unanswered on Wed 15 Apr 2026, the term is escalated and the complainant told where to go now.
      expect(run.lateChecks).toEqual(['escalated']);
      expect(run.missed).toContain(
        'De termijn waarbinnen wij op uw klacht moesten reageren is verstreken. U kunt daarom rechtstreeks terecht bij De Geschillencommissie Zorg (https://www.degeschillencommissiezorg.nl).',
      );
      expect(run.missed).toContain('De kosten zijn € 52,50');
      // Extended to Tue 12 May: not missed on 15 Apr (no letter), missed and told on Wed 13 May.
      expect(run.extendedChecks).toEqual(['not-yet-due', 'escalated']);
      expect(run.extendedMissedBefore13May).toBe(false);
      expect(run.extendedMissed).toContain('U kunt daarom rechtstreeks terecht bij De Geschillencommissie Zorg');
      expect(note(reg, 'external-window-unknown').text.en).toMatch(/cannot reasonably be expected to complain to the provider first \(then directly, outside this register\)/);
    },
  },
  {
    rule: 'Registration / reporting',
    quote: 'Not read for Zorgmed. Inferred: complaints feed quality policy (model purpose). A yearly report requirement is unknown.',
    setting: 'scope.purpose (quality policy); no reporting entry; notes quality-policy',
    check: (reg) => {
      expect(reg.scope.purpose[0]?.en).toMatch(/feed the quality policy/);
      expect(reg.reporting).toEqual([]);
      expect(note(reg, 'quality-policy').text.en).toMatch(/yearly report is required is unknown/);
    },
  },
  {
    rule: '(not in the sheet)',
    quote: 'Sources read',
    setting: 'tenant settings: Atw calendar, retention 24 months',
    check: (reg) => {
      expect(reg.calendar).toMatchObject({ holidays: 'nl-atw', goodFriday: true, liberationDay: 'every-year', decreeBridgeDays: true, closingDays: [] });
      expect(reg.retention).toMatchObject({ keep: { unit: 'months', amount: 24 }, after: 'closed' });
    },
  },
];

describeCorpusSheet({ sheet: SHEET, rules });
