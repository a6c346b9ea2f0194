// Corpus sheet 04: Zorgmed, Klachtenregeling thuiszorg under the Wkkgz (ActiZ/LOC model 2016), rule by rule
// -> tests/fixtures/regulations/04-zorg-zorgmed-thuiszorg-wkkgz.yaml.
// Dates are worked out by hand on the Algemene termijnenwet calendar (shared/reference/dutch-deadlines.md).
import { beforeAll, expect } from 'vitest';
import { RuleViolationError } from '../../../shared/domain/errors.ts';
import {
  type ComplaintFacts,
  type Regulation,
  calendarOf,
  conditionHolds,
  milestonesFor,
  openingMilestones,
  scheduleMilestone,
  windowDates,
  windowStateOn,
} from '../../../shared/domain/regulation/index.ts';
import { explainDueDate } from '../../../shared/domain/calendar/explain.ts';
import { ids, milestone, notice, role, note, ground } from '../seeds/clause-table.ts';
import { rejection, workflow, letterText } from '../workflow/harness.ts';
import { type SheetRule, describeCorpusSheet } from './corpus-table.ts';

const SHEET = '04-zorg-zorgmed-thuiszorg-wkkgz';
const RECEIVED = '2026-03-03T10:00:00+01:00'; // Tuesday 3 March 2026 (the worked example of dutch-deadlines.md)

/**
 * Through the workflow: a written complaint filed Tue 3 Mar 2026, decided Fri 10 Apr 2026: the founded judgement refused without
 * a term for the measures, then given with measuresBy Tue 1 Sep 2026; the letter as the outbox composes it.
 */
const measures = { refusal: undefined as Error | undefined, letter: '', unfounded: '' };
beforeAll(async () => {
  const flow = await workflow('tests/fixtures/regulations/04-zorg-zorgmed-thuiszorg-wkkgz.yaml', RECEIVED);
  const body = { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'De afspraken werden niet nagekomen.', channel: 'letter' };
  const founded = await flow.intake(body);
  const unfounded = await flow.intake(body);
  flow.at('2026-04-10T12:00:00+02:00');
  measures.refusal = await rejection(flow.step(founded, 'ruling', { outcome: 'founded', reasoning: 'De zorg werd niet op de afgesproken tijden geleverd.' }, flow.director));
  await flow.step(founded, 'ruling', { outcome: 'founded', reasoning: 'De zorg werd niet op de afgesproken tijden geleverd.', measuresBy: '2026-09-01' }, flow.director);
  // An unfounded ruling names no measures, so no term either.
  await flow.step(unfounded, 'ruling', { outcome: 'unfounded', reasoning: 'Er is niets misgegaan.' }, flow.director);
  const letter = (reference: string) => letterText(flow, reference, 'judgement');
  measures.letter = await letter(founded);
  measures.unfounded = await letter(unfounded);
});

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'home-care provider (VVT sector), not a GP. Zorgmed\'s regulation adapts the ActiZ/LOC model regulation of May 2016.',
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
    quote: 'Representatives: a relative or legal representative may file on the client\'s behalf, but only if the client wants that.',
    setting: 'representation { onBehalfAllowed, authorisationRequired (the client\'s consent), pausesClock: false (not said) }',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisationRequired: true, pausesClock: false });
      // The clock does not wait: a complaint filed by a representative has the same term.
      const filed = (representative: boolean) => milestonesFor(reg, { happened: { received: RECEIVED }, representative })[0]?.due;
      expect(filed(true)).toBe('2026-04-14');
      expect(filed(false)).toBe('2026-04-14');
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
      expect(reg.intake.channels.map((c) => [c.id, c.mode, c.handledBy])).toEqual([['letter', 'written', 'coordinator'], ['email', 'written', 'coordinator']]);
    },
  },
  {
    rule: 'Channels / content: inspectorate criteria',
    quote: 'The klachtenfunctionaris\'s address and/or phone number must appear in the regulation, and the regulation must be brought to clients\' attention (inspectorate criteria) [igz.nl].',
    setting: 'notes contact-in-regulation; channel email has the officer\'s address; publication { website, internal, staffPointClientsToIt }',
    check: (reg) => {
      expect(note(reg, 'contact-in-regulation').text.en).toMatch(/address and\/or phone number/);
      expect(reg.intake.channels.find((c) => c.id === 'email')?.address).toBe(role(reg, 'coordinator').email);
      expect(reg.publication).toMatchObject({ website: true, internal: true, staffPointClientsToIt: true });
    },
  },
  {
    rule: 'Who handles: klachtenfunctionaris',
    quote: 'Klachtenfunctionaris: independent, free of charge. Advises, supports and mediates; gives no judgement',
    setting: 'roles coordinator = Klachtenfunctionaris (independent); the judgement is the board\'s; notes complaints-officer-free',
    check: (reg) => {
      expect(role(reg, 'coordinator')).toMatchObject({ label: { nl: 'Klachtenfunctionaris' }, independent: true });
      expect(milestone(reg, 'judgement').responsibleRole).toBe('board');
      expect(note(reg, 'complaints-officer-free').text.en).toMatch(/free of charge/);
    },
  },
  {
    rule: 'Who handles: the judgement',
    quote: 'The judgement is the provider\'s (directie), or in variant 2 is prepared by a klachtencommissie.',
    setting: 'resolution.decidedBy board; roleRules final-responsibility board; routing committee-variant',
    check: (reg) => {
      expect(reg.roleRules).toEqual([expect.objectContaining({ rule: 'final-responsibility', role: 'board' })]);
      expect(role(reg, 'complaints-committee').independent).toBe(true);
    },
  },
  {
    rule: 'Who handles: Wzd -> KCOZ',
    quote: 'Wet zorg en dwang (Wzd) complaints about certain involuntary-care decisions must go to a commission set up by representative provider and client organisations. Zorgmed is affiliated via ActiZ with the KCOZ (Klachtencommissie Onvrijwillige Zorg) [zorgmed.nl]. This is an external body by category.',
    setting: 'category involuntary-care; admissibility.grounds involuntary-care (when that category) with an immediate referral to the KCOZ',
    check: (reg) => {
      const g = ground(reg, 'involuntary-care');
      expect(g.referral).toMatchObject({ immediate: true, label: { en: 'the Klachtencommissie Onvrijwillige Zorg (KCOZ)' } });
      expect(conditionHolds(reg, g.when, { happened: { received: RECEIVED }, categories: ['involuntary-care'] })).toBe(true);
      expect(conditionHolds(reg, g.when, { happened: { received: RECEIVED }, categories: [] })).toBe(false);
      expect(g.citation.source).toMatch(/Wet zorg en dwang/);
    },
  },
  {
    rule: 'Deadlines: written judgement',
    quote: 'Written judgement | filing (written) | 6 weeks | hard; "zo spoedig mogelijk" language in law (inferred wording) | klachtverloskunde.nl; igz.nl',
    setting: 'milestones judgement: hard, 6 weeks from received, met by ruling-sent, board; reminder 5 working days before, escalation to the klachtenfunctionaris',
    check: (reg) => {
      expect(milestone(reg, 'judgement')).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 6 }, metBy: ['ruling-sent'], responsibleRole: 'board', escalationRole: 'coordinator' });
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
    setting: 'read: investigation.hearBothSides true (in both variants)',
    check: (reg) => expect(reg.investigation).toMatchObject({ by: 'board', hearBothSides: true }),
  },
  {
    rule: 'Outcome letter',
    quote: 'A written, reasoned communication ("oordeel") stating: what the investigation concluded; which decisions the provider takes about and following the complaint;',
    setting: 'notices judgement { written, records ruling-sent, contents outcome, reasons, measures, measures-term, external-body }; outcomes founded/partly-founded require measures',
    check: (reg) => {
      expect(notice(reg, 'judgement')).toMatchObject({ written: true, records: 'ruling-sent', contents: ['outcome', 'reasons', 'measures', 'measures-term', 'external-body'] });
      expect(reg.outcomes.find((o) => o.id === 'founded')?.requires).toContain('measures');
      expect(reg.measures).toMatchObject({ corrective: true, preventive: true, decidedBy: 'board' });
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
      'notices judgement contents measures-term (the ruling\'s measuresBy); outcomes founded and partly-founded require measures-term ' +
      '(read: the judgements with measures), so the ruling step refuses them without measuresBy; unfounded needs none',
    check: (reg) => {
      expect(notice(reg, 'judgement').contents).toEqual(['outcome', 'reasons', 'measures', 'measures-term', 'external-body']);
      for (const id of ['founded', 'partly-founded']) expect(reg.outcomes.find((o) => o.id === id)?.requires).toContain('measures-term');
      expect(reg.outcomes.find((o) => o.id === 'unfounded')?.requires).not.toContain('measures-term');
      // A founded judgement without a term is refused, citing the outcome letter rule.
      expect(measures.refusal).toBeInstanceOf(RuleViolationError);
      expect(measures.refusal).toMatchObject({ citation: 'Outcome letter', message: expect.stringMatching(/must give: measures-term/) });
      // With measuresBy Tue 1 Sep 2026 the letter names it.
      expect(measures.letter).toContain('De maatregelen worden uiterlijk dinsdag 1 september 2026 gerealiseerd.');
      expect(measures.unfounded).not.toContain('De maatregelen worden uiterlijk');
    },
  },
  {
    rule: 'External body',
    quote: 'The provider must be affiliated with a recognised geschilleninstantie (Wkkgz art. 18) [studylibnl PvE]. Example: De Geschillencommissie Zorg',
    setting: 'external { kind: fixed, after: handling, body: De Geschillencommissie Zorg }',
    check: (reg) => expect(reg.external).toMatchObject({ kind: 'fixed', after: 'handling', body: { name: 'De Geschillencommissie Zorg', website: 'https://www.degeschillencommissiezorg.nl' } }),
  },
  {
    rule: 'External body: fee',
    quote: 'klachtengeld €52.50 (except the Ziekenhuizen and Defensie chambers). Refunded by the provider if the complainant is proved right. If both are partly right, the committee divides it. Not refunded if the parties settle midway. If the committee is not competent or the complaint is inadmissible (e.g. late), the fee is refunded minus €27.50 administration costs',
    setting: 'notes committee-fee (the external body\'s fee: no system effect)',
    check: (reg) => expect(note(reg, 'committee-fee').text.en).toMatch(/€ 52.50 .* divided by the committee .* minus € 27.50 administration costs/),
  },
  {
    rule: 'External body: decision',
    quote: 'Decision: binding advice (bindend advies) [uitspraken pages].',
    setting: 'notes binding-advice; external.body.description',
    check: (reg) => {
      expect(note(reg, 'binding-advice').text.nl).toMatch(/bindend advies/);
      expect(reg.external.kind === 'fixed' && reg.external.body.description?.en).toMatch(/binding advice/);
    },
  },
  {
    rule: 'External body: damages cap',
    quote: 'Damages cap €25,000 (a Klachtenportaal Zorg page states it as "boetes", inferred to mean compensation).',
    setting: 'read: compensation; notes damages-cap',
    check: (reg) => expect(note(reg, 'damages-cap').text.en).toMatch(/up to € 25,000 .*read as compensation/),
  },
  {
    rule: 'External body: filing window',
    quote: 'Filing window with the geschilleninstantie: not read (unknown; verify in the reglement).',
    setting: 'read: windows geschilleninstantie has no closing (the end is unknown, so it is never closed); notes external-window-unknown',
    check: (reg) => {
      const w = reg.windows.find((x) => x.id === 'geschilleninstantie');
      expect(w).toMatchObject({ for: 'external-complaint', body: 'De Geschillencommissie Zorg' });
      expect(w?.closes).toBeUndefined();
      const dates = windowDates(reg, w!, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-10T12:00:00+02:00' } });
      expect(dates.closes).toBeUndefined();
      expect(windowStateOn(dates, '2031-01-01')).toBe('open');
      expect(note(reg, 'external-window-unknown').text.en).toMatch(/was not read: the window does not close here/);
    },
  },
  {
    rule: 'External body: access conditions (inferred)',
    quote: 'Access conditions (inferred, Wkkgz art. 21 from memory): no timely answer, disagreement with the judgement, or the complainant cannot reasonably be expected to complain to the provider first.',
    setting: 'windows geschilleninstantie opens { earliest: [ruling-sent, missed:judgement] }; the direct route needs no complaint here (notes external-window-unknown)',
    check: (reg) => {
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
      // Neither yet: not open.
      expect(windowStateOn(windowDates(reg, w, { happened: { received: RECEIVED } }), '2026-04-01')).toBe('not-yet');
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
