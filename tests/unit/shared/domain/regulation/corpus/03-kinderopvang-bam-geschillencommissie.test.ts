// Corpus sheet 03: BAM Kinderopvang (Wet kinderopvang) + Klachtenloket + Geschillencommissie Kinderopvang,
// rule by rule -> tests/fixtures/regulations/03-kinderopvang-bam-geschillencommissie.yaml.
// Dates are worked out by hand on the Algemene termijnenwet calendar (shared/reference/dutch-deadlines.md).
import { beforeAll, expect } from 'vitest';
import { InvalidInputError, RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import { checkDeadline } from '../../../../../../shared/domain/complaint/check-deadline.ts';
import { factsOf } from '../../../../../../shared/domain/complaint/events.ts';
import { nextTiers } from '../../../../../../shared/domain/regulation/external-tiers.ts';
import {
  type ComplaintFacts,
  type Regulation,
  firstOccurrences,
  milestoneApplies,
  milestonesFor,
  nextOccurrence,
  openingMilestones,
  scheduleMilestone,
  windowDates,
  windowStateOn,
} from '../../../../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, role, note, windowOf } from '../../../../../support/clause-table.ts';
import { type Workflow, rejection, workflow, letterText } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';
import { singleVersion } from '../../../../../../shared/domain/regulation/versions.ts';

const SHEET = '03-kinderopvang-bam-geschillencommissie';
const RECEIVED = '2026-03-16T10:00:00+01:00'; // Monday 16 March 2026
const written: Pick<ComplaintFacts, 'channel'> = { channel: 'letter' };

function dueOn(reg: Regulation, id: string, anchorAt: string): string {
  return scheduleMilestone(reg, milestone(reg, id), new Date(anchorAt)).due;
}

/** The tier paragraphs of a letter (each ends with its rule in brackets), keyed by the body they name. */
function tierParagraph(letter: string, body: string): string | undefined {
  return letter.split('\n\n').find((p) => p.includes(`zich wenden tot ${body}`) || p.includes(`terecht bij ${body}`));
}

/**
 * Through the workflow, written complaints filed Mon 16 Mar 2026 (by letter):
 * - founded, decided Fri 10 Apr 2026: refused without a term for the measures, then given with measuresBy Tue 30 June 2026;
 * - unfounded, decided Fri 10 Apr 2026: its letter names the external tiers;
 * - about an unpaid invoice, unfounded Fri 10 Apr 2026: the Geschillencommissie does not handle it;
 * - not answered: the 6 weeks end Tue 28 Apr 2026 (Mon 27 Apr is Koningsdag); checked Wed 29 Apr, the term is missed.
 */
const run = {
  refusal: undefined as Error | undefined,
  letter: '',
  unfounded: '',
  invoice: '',
  invoiceReferral: undefined as Error | undefined,
  referral: undefined as Record<string, unknown> | undefined,
  beforeMiss: [] as string[],
  escalated: '',
  missed: '',
};
beforeAll(async () => {
  const flow: Workflow = await workflow('tests/fixtures/regulations/03-kinderopvang-bam-geschillencommissie.yaml', RECEIVED);
  const body = { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'De afspraken werden niet nagekomen.', channel: 'letter' };
  const founded = await flow.intake(body);
  const unfounded = await flow.intake(body);
  const invoice = await flow.intake({ ...body, categories: ['unpaid-invoice'] });
  const unanswered = await flow.intake(body);
  flow.at('2026-04-10T15:00:00+02:00');
  run.refusal = await rejection(flow.step(founded, 'ruling', { outcome: 'founded', reasoning: 'De overdracht aan de ouder schoot tekort.' }, flow.coordinator));
  await flow.step(founded, 'ruling', { outcome: 'founded', reasoning: 'De overdracht aan de ouder schoot tekort.', measuresBy: '2026-06-30' }, flow.coordinator);
  // An unfounded ruling names no measures, so no term either.
  await flow.step(unfounded, 'ruling', { outcome: 'unfounded', reasoning: 'Er is niets misgegaan.' }, flow.coordinator);
  await flow.step(invoice, 'ruling', { outcome: 'unfounded', reasoning: 'De factuur klopt.' }, flow.coordinator);
  const letter = (reference: string) => letterText(flow, reference, 'ruling');
  run.letter = await letter(founded);
  run.unfounded = await letter(unfounded);
  run.invoice = await letter(invoice);
  // The referral names the tier asked for, when it is open to the complaint.
  run.invoiceReferral = await rejection(flow.step(invoice, 'external-referral', { tier: 'geschillencommissie' }, flow.coordinator));
  await flow.step(unfounded, 'external-referral', { tier: 'geschillencommissie' }, flow.coordinator);
  run.referral = (await flow.register.events(unfounded)).find((e) => e.type === 'external-referral-given')?.data;
  // Not answered: before the 6 weeks end, no tier is open directly; the check on Wed 29 Apr escalates and writes to the parent.
  const reg = flow.regulation;
  run.beforeMiss = nextTiers(reg, factsOf(reg, await flow.get(unanswered)), 'missed-term').map((t) => t.tier.id);
  flow.at('2026-04-29T08:00:00+02:00');
  run.escalated = await checkDeadline({ register: flow.register, clock: flow.clock, regulations: singleVersion(reg) }, { reference: unanswered, milestoneId: 'handling', kind: 'check' });
  run.missed = await letterText(flow, unanswered, 'missed-term');
});

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'Since 1 January 2016 every provider must be affiliated with the Geschillencommissie Kinderopvang (SGC) and its Klachtenloket.',
    setting: 'external { kind: tiers, tiers: [klachtenloket, geschillencommissie] } (cited to the Wet kinderopvang)',
    check: (reg) => {
      expect(reg.external.kind).toBe('tiers');
      expect(reg.external.kind === 'tiers' && reg.external.tiers.map((t) => [t.id, t.body.name])).toEqual([
        ['klachtenloket', 'Klachtenloket Kinderopvang'],
        ['geschillencommissie', 'Geschillencommissie Kinderopvang'],
      ]);
      expect(reg.external.citation?.source).toBe('Wet kinderopvang');
    },
  },
  {
    rule: 'Shape',
    quote: 'a short internal procedure with a target (2 weeks) and a hard limit (6 weeks) and a weekly progress update',
    setting: 'opening milestones of a written complaint: progress-update (1st occurrence), handling-target, handling',
    check: (reg) => {
      expect(openingMilestones(reg, new Date(RECEIVED), written).map((m) => [m.milestoneId, m.kind, m.due])).toEqual([
        ['progress-update', 'hard', '2026-03-23'],
        ['handling-target', 'target', '2026-03-30'],
        ['handling', 'hard', '2026-04-28'], // 27 April 2026 is Koningsdag
      ]);
    },
  },
  {
    rule: 'Shape: the external route',
    quote: 'Then an optional free mediation desk, then a binding external committee with a fee and a 12-month filing window.',
    setting:
      'tiers in order: klachtenloket (fee 0, mediation), geschillencommissie (binding, fee, window geschillencommissie); ' +
      'both opens.after answer (read: the desk is optional, so the committee does not wait for it; no previous-tier)',
    check: (reg) => {
      const tiers = reg.external.kind === 'tiers' ? reg.external.tiers : [];
      expect(tiers.map((t) => [t.id, t.opens.after, t.decision, t.fee?.amount.amount, t.window])).toEqual([
        ['klachtenloket', 'answer', 'mediation', 0, undefined],
        ['geschillencommissie', 'answer', 'binding', 25, 'geschillencommissie'],
      ]);
      // The ruling letter names both, in this order: the desk first, then "also" the committee.
      const paragraphs = run.unfounded.split('\n\n');
      const desk = paragraphs.findIndex((p) => p.startsWith('Bent u niet tevreden, dan kunt u zich wenden tot Klachtenloket Kinderopvang'));
      const committee = paragraphs.findIndex((p) => p.startsWith('Ook kunt u zich wenden tot Geschillencommissie Kinderopvang'));
      expect(desk).toBeGreaterThan(0);
      expect(committee).toBe(desk + 1);
    },
  },
  {
    rule: 'Who may complain',
    quote: 'Parents (ouders).',
    setting: "scope.complainants parent (and parent-committee, which raises issues on parents' behalf)",
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['parent', 'parent-committee']);
      expect(reg.scope.citation.text).toBe('Parents (ouders).');
    },
  },
  {
    rule: 'Who may complain: oudercommissie',
    quote: "The oudercommissie is not a complaints body and cannot handle an individual parent's complaint. It may raise issues with the provider on parents' behalf",
    setting: 'notes parent-committee-not-a-complaints-body; complainant kind parent-committee',
    check: (reg) => {
      expect(note(reg, 'parent-committee-not-a-complaints-body').text.en).toMatch(/cannot handle an individual parent's complaint/);
      expect(reg.scope.complainants.find((c) => c.id === 'parent-committee')?.label.nl).toMatch(/namens ouders/);
    },
  },
  {
    rule: 'Who may complain: advisory right',
    quote: 'it may take a dispute about its advisory right directly to the Geschillencommissie, which only tests whether the provider acted reasonably',
    setting: 'notes parent-committee-advisory-right (outside this procedure: no system effect)',
    check: (reg) => expect(note(reg, 'parent-committee-advisory-right').text.en).toMatch(/only tests whether the provider acted reasonably/),
  },
  {
    rule: 'Who may complain: gastouder',
    quote:
      'The Geschillencommissie does not handle complaints against an individual gastouder. It handles complaints against the gastouderbureau, which must itself have a procedure for complaints about its gastouders',
    setting: 'notes gastouder (BAM is a day nursery / BSO: no system effect)',
    check: (reg) => expect(note(reg, 'gastouder').text.en).toMatch(/childminding agency has its own procedure/),
  },
  {
    rule: 'Who may complain: representation',
    quote:
      'Representation/authorisation: not stated on the pages read. (Historical ZcKK regime: natural persons with written authorisation from the parents could complain [MIMIKO jaarverslag 2012] — pre-2016, treat as example only.)',
    setting: 'no representation section (the regulation says nothing); notes representation-not-stated; no milestone waits for an authorisation',
    check: (reg) => {
      expect(reg.representation).toBeUndefined();
      expect(note(reg, 'representation-not-stated').text.en).toMatch(/example only/);
    },
  },
  {
    rule: 'Channels and content',
    quote: 'BAM: submit the complaint to the staff member (leidster) or the owner (houder) [bamkinderopvang.nl].',
    setting: 'intake.channels staff-member (in-person, oral), letter and email (to the houder, written); receivedBy any-staff',
    check: (reg) => {
      expect(reg.intake.channels.map((c) => [c.id, c.mode])).toEqual([
        ['staff-member', 'oral'],
        ['letter', 'written'],
        ['email', 'written'],
      ]);
      expect(reg.intake.channels.find((c) => c.id === 'letter')?.handledBy).toBe('coordinator');
      expect(reg.intake.receivedBy).toBe('any-staff');
    },
  },
  {
    rule: 'Channels and content: written form (inferred)',
    quote: 'Other sources say the complaint to the organisation must be in writing [kdvdescheveschuit.nl; consumentenbond.nl]. Inferred: written form is required for the formal route.',
    setting: 'read: the formal route is written; its milestones have appliesWhen { channels: [letter, email] }; an oral complaint to the leidster is resolved on the spot first (informalResolution)',
    check: (reg) => {
      const oral: ComplaintFacts = { happened: { received: RECEIVED }, channel: 'staff-member' };
      for (const id of ['progress-update', 'handling-target', 'handling']) {
        expect(milestoneApplies(reg, milestone(reg, id), oral)).toBe(false);
        expect(milestoneApplies(reg, milestone(reg, id), { happened: { received: RECEIVED }, channel: 'email' })).toBe(true);
      }
      expect(openingMilestones(reg, new Date(RECEIVED), { channel: 'staff-member' })).toEqual([]);
      expect(reg.informalResolution).toMatchObject({ by: 'addressed-staff', registerOnlyWhenUnresolved: false });
      expect(reg.source.note).toMatch(/the formal route is written \(inferred in the sheet\)/);
    },
  },
  {
    rule: 'Who handles',
    quote: 'The houder investigates [BAM]. Impartiality rules: none stated.',
    setting: 'roles coordinator = houder; investigation.by and resolution.decidedBy coordinator; no roleRules',
    check: (reg) => {
      expect(role(reg, 'coordinator').holder?.nl).toBe('de houder');
      expect(reg.investigation?.by).toBe('coordinator');
      expect(reg.resolution?.decidedBy).toBe('coordinator');
      expect(reg.roleRules).toEqual([]);
    },
  },
  {
    rule: 'Deadlines: progress update',
    quote: 'Progress update | during investigation | at least once per week | recurring duty | BAM',
    setting: 'milestones progress-update: recurring every 1 week since the last update, until ruling-sent, met by progress-update-sent',
    check: (reg) => {
      const m = milestone(reg, 'progress-update');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', metBy: ['progress-update-sent'], recurring: { every: { unit: 'weeks', amount: 1 }, rhythm: 'since-last', until: ['ruling-sent'] } });
      expect(m.id.length).toBeLessThanOrEqual(36);
      // Assumed sent on each due day: 23 and 30 March; 6 April is Easter Monday, so 7 April; then a week on.
      expect(firstOccurrences(reg, m, '2026-03-16', 4).map((o) => [o.occurrence, o.due])).toEqual([
        [1, '2026-03-23'],
        [2, '2026-03-30'],
        [3, '2026-04-07'],
        [4, '2026-04-14'],
      ]);
      // Sent early (Friday 20 March): the next one is due a week after that.
      expect(nextOccurrence(reg, m, '2026-03-16', { occurrence: 1, due: '2026-03-23', metOn: '2026-03-20' })?.due).toBe('2026-03-27');
      expect(notice(reg, 'progress-update')).toMatchObject({ records: 'progress-update-sent', contents: ['progress-update'] });
    },
  },
  {
    rule: 'Deadlines: handling, target',
    quote: 'Handling | submission | 2 weeks | target ("streeft ernaar") | BAM',
    setting: 'milestones handling-target: kind target, 2 weeks from received, met by ruling-sent, no escalation',
    check: (reg) => {
      expect(milestone(reg, 'handling-target')).toMatchObject({ kind: 'target', anchor: 'received', period: { unit: 'weeks', amount: 2 }, metBy: ['ruling-sent'] });
      expect(milestone(reg, 'handling-target').escalationRole).toBeUndefined();
      expect(dueOn(reg, 'handling-target', RECEIVED)).toBe('2026-03-30');
      expect(dueOn(reg, 'handling-target', '2026-04-13T09:00:00+02:00')).toBe('2026-04-28'); // 27 April 2026: Koningsdag
    },
  },
  {
    rule: 'Deadlines: handling, hard',
    quote: 'Handling | submission | 6 weeks | hard ("binnen maximaal 6 weken"); matches the statutory Wko limit | BAM; consumentenbond; dedagdoor',
    setting: 'milestones handling: kind hard, 6 weeks from received, met by ruling-sent (same metBy as the target)',
    check: (reg) => {
      const m = milestone(reg, 'handling');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 6 }, metBy: ['ruling-sent'] });
      expect(m.metBy).toEqual(milestone(reg, 'handling-target').metBy);
      expect(dueOn(reg, 'handling', RECEIVED)).toBe('2026-04-28'); // Mon 27 Apr 2026 Koningsdag -> Tue 28 Apr
      expect(dueOn(reg, 'handling', '2026-11-13T09:00:00+01:00')).toBe('2026-12-28'); // Fri 25 Dec Christmas -> Mon 28 Dec
    },
  },
  {
    rule: 'Deadlines: escalate to the Geschillencommissie',
    quote: 'Escalate to Geschillencommissie | first submission to provider | 12 months | hard | gastouderburokindaanhuis.nl; koreinkinderplein.nl',
    setting:
      'windows geschillencommissie (external-complaint): closes 12 months after received; opens at the answer or the day after the 6 weeks were missed; ' +
      'the tier geschillencommissie names it (window), so the letters print its closing day',
    check: (reg) => {
      const w = windowOf(reg, 'geschillencommissie');
      expect(w).toMatchObject({ for: 'external-complaint', body: 'Geschillencommissie Kinderopvang', closes: { from: 'received', period: { unit: 'months', amount: 12 } } });
      const answered = windowDates(reg, w, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-10T15:00:00+02:00' } });
      expect(answered).toMatchObject({ opens: '2026-04-10', closes: '2027-03-16', closesProvisional: false });
      expect(windowStateOn(answered, '2026-04-09')).toBe('not-yet');
      expect(windowStateOn(answered, '2027-03-16')).toBe('open');
      expect(windowStateOn(answered, '2027-03-17')).toBe('closed');
      // 4 Dec 2027 is a Saturday: the 12 months run to Monday 6 December.
      expect(windowDates(reg, w, { happened: { received: '2026-12-04T10:00:00+01:00' } }).closes).toBe('2027-12-06');
      // The ruling letter (answer Fri 10 Apr 2026) gives the last day: Mon 16 Mar 2026 + 12 months = Tue 16 Mar 2027.
      expect(reg.external.kind === 'tiers' && reg.external.tiers[1]?.window).toBe('geschillencommissie');
      expect(tierParagraph(run.unfounded, 'Geschillencommissie Kinderopvang')).toContain('Dat kan tot en met dinsdag 16 maart 2027 (Deadlines; External route 2');
    },
  },
  {
    rule: 'Deadlines: no extension',
    quote: 'No extension mechanism is stated (inferred: none; 6 weeks is the ceiling).',
    setting: 'read: none; no milestone has an extension policy',
    check: (reg) => {
      expect(reg.milestones.filter((m) => m.extension !== undefined)).toEqual([]);
      expect(reg.source.note).toMatch(/No extension \(inferred: none, 6 weeks is the ceiling\)/);
    },
  },
  {
    rule: 'Hearing',
    quote: 'Internal: none described. External: the Geschillencommissie holds a session (inferred from SGC practice; not read).',
    setting: 'investigation.hearBothSides false; notes no-internal-hearing',
    check: (reg) => {
      expect(reg.investigation?.hearBothSides).toBe(false);
      expect(note(reg, 'no-internal-hearing').text.en).toMatch(/inferred, not read/);
    },
  },
  {
    rule: 'Outcome letter (internal)',
    quote: 'Written feedback with a reasoned opinion.',
    setting: 'resolution.delivery in-writing; notices ruling { written, records ruling-sent, contents outcome, reasons, measures }; outcomes require outcome and reasons',
    check: (reg) => {
      expect(reg.resolution?.delivery).toBe('in-writing');
      expect(notice(reg, 'ruling')).toMatchObject({ written: true, records: 'ruling-sent', to: ['complainant'] });
      expect(notice(reg, 'ruling').contents).toEqual(expect.arrayContaining(['outcome', 'reasons', 'measures']));
      for (const o of reg.outcomes.filter((o) => ['founded', 'partly-founded', 'unfounded'].includes(o.id))) expect(o.requires).toEqual(expect.arrayContaining(['outcome', 'reasons']));
      // The letter gives the opinion and its reasons.
      expect(run.unfounded).toContain('Uitkomst: ongegrond');
      expect(run.unfounded).toContain('Toelichting:\nEr is niets misgegaan.');
    },
  },
  {
    rule: 'Outcome letter (internal): the measures are taken by the term named',
    quote: 'within which the provider will take any measures',
    setting: 'statedDates measures-due-on (staff); milestones measures-taken: due on that day (same-day), met by measures-recorded',
    check: (reg) => {
      expect(reg.statedDates.find((d) => d.id === 'measures-due-on')?.statedBy).toEqual(['staff']);
      const facts: ComplaintFacts = { happened: { received: RECEIVED, 'ruling-sent': '2026-04-10T15:00:00+02:00' }, channel: 'letter', stated: { 'measures-due-on': '2026-06-30' } };
      expect(milestonesFor(reg, facts).find((m) => m.milestoneId === 'measures-taken')).toMatchObject({ due: '2026-06-30', metBy: ['measures-recorded'] });
      // No term named yet: nothing to watch.
      expect(milestonesFor(reg, { ...facts, stated: {} }).map((m) => m.milestoneId)).not.toContain('measures-taken');
    },
  },
  {
    rule: 'Outcome letter (internal): the letter names the term for the measures',
    quote: 'It must name a concrete term within which the provider will take any measures [BAM].',
    setting:
      "notices ruling contents measures-term (the ruling's measuresBy); outcomes founded and partly-founded require measures-term " +
      '(read: the rulings with measures), so the ruling step refuses them without measuresBy; unfounded needs none',
    check: (reg) => {
      expect(notice(reg, 'ruling').contents).toEqual(['outcome', 'reasons', 'measures', 'measures-term', 'external-body']);
      for (const id of ['founded', 'partly-founded']) expect(reg.outcomes.find((o) => o.id === id)?.requires).toContain('measures-term');
      expect(reg.outcomes.find((o) => o.id === 'unfounded')?.requires).not.toContain('measures-term');
      // A founded ruling without a term is refused, citing the outcome letter rule.
      expect(run.refusal).toBeInstanceOf(RuleViolationError);
      expect(run.refusal).toMatchObject({ citation: 'Outcome letter (internal)', message: expect.stringMatching(/must give: measures-term/) });
      // With measuresBy Tue 30 June 2026 the letter names it.
      expect(run.letter).toContain('De maatregelen worden uiterlijk dinsdag 30 juni 2026 gerealiseerd.');
      expect(run.unfounded).not.toContain('De maatregelen worden uiterlijk');
    },
  },
  {
    rule: 'External route 1: Klachtenloket',
    quote:
      'Klachtenloket Kinderopvang: free information, advice, telephone mediation or an external mediator. Use it when the provider has no regulation, does not react within 6 weeks, or does not take the complaint seriously',
    setting:
      'tiers klachtenloket { opens: { after: answer, directlyWhen: { missed: [handling] }, specialCircumstances: no regulation / not taken seriously }, ' +
      'fee 0, decision mediation }; its "6 weeks" is the handling milestone',
    check: (reg) => {
      const tier = reg.external.kind === 'tiers' ? reg.external.tiers[0] : undefined;
      expect(tier).toMatchObject({
        id: 'klachtenloket',
        opens: {
          after: 'answer',
          directlyWhen: { missed: ['handling'] },
          specialCircumstances: { en: 'also when the provider has no complaints regulation or does not take the complaint seriously' },
        },
        fee: { amount: { amount: 0, currency: 'EUR' }, refund: 'none' },
        decision: 'mediation',
      });
      expect(milestone(reg, 'handling').period).toEqual({ unit: 'weeks', amount: 6 });
      // The ruling letter: how to reach it, when else it may be used (the special circumstances, in the file's words), free, mediation.
      expect(tierParagraph(run.unfounded, 'Klachtenloket Kinderopvang')).toBe(
        'Bent u niet tevreden, dan kunt u zich wenden tot Klachtenloket Kinderopvang (https://www.klachtenloket-kinderopvang.nl). ' +
          'Informatie en advies, en bemiddeling per telefoon of door een externe mediator. ' +
          'Dat kan ook als de houder geen klachtenregeling heeft of de klacht niet serieus neemt. Daar zijn geen kosten aan verbonden. Daar wordt bemiddeld. ' +
          '(External route 1 [consumentenbond; kdvdescheveschuit])',
      );
      // Does not react within 6 weeks: the 6 weeks end Tue 28 Apr 2026; on Wed 29 Apr the term is missed and the parent is told to go there directly.
      expect(run.beforeMiss).toEqual([]);
      expect(run.escalated).toBe('escalated');
      expect(run.missed).toContain(
        'De termijn waarbinnen wij op uw klacht moesten reageren is verstreken. U kunt daarom rechtstreeks terecht bij Klachtenloket Kinderopvang (https://www.klachtenloket-kinderopvang.nl).',
      );
    },
  },
  {
    rule: 'External route 2: access',
    quote:
      'Access: after the internal procedure; also directly if the parent cannot reasonably be expected to complain internally, or if the complaint did not lead to a resolution within 6 weeks [korein].',
    setting:
      'tiers geschillencommissie opens { after: answer, directlyWhen: { missed: [handling] }, specialCircumstances: cannot reasonably be expected to complain first (before any ' +
      'complaint: not in this register) }; windows geschillencommissie opens { earliest: [ruling-sent, missed:handling] }',
    check: (reg) => {
      const tier = reg.external.kind === 'tiers' ? reg.external.tiers[1] : undefined;
      expect(tier?.opens).toEqual({
        after: 'answer',
        directlyWhen: { missed: ['handling'] },
        specialCircumstances: {
          nl: 'ook rechtstreeks als van de ouder redelijkerwijs niet kan worden gevergd eerst bij de houder te klagen',
          en: 'also directly if the parent cannot reasonably be expected to complain to the provider first',
        },
      });
      const w = windowOf(reg, 'geschillencommissie');
      expect(w.opens).toEqual({ earliest: ['ruling-sent', 'missed:handling'] });
      const due = scheduleMilestone(reg, milestone(reg, 'handling'), new Date(RECEIVED));
      // No answer: missed at the end of Tue 28 April; the committee is open from Wed 29 April.
      const unanswered = windowDates(reg, w, { happened: { received: RECEIVED }, missed: { handling: due.dueAt } });
      expect(unanswered.opens).toBe('2026-04-29');
      expect(windowStateOn(unanswered, '2026-04-28')).toBe('not-yet');
      expect(windowStateOn(unanswered, '2026-04-29')).toBe('open');
      // Neither yet: not open.
      expect(windowStateOn(windowDates(reg, w, { happened: { received: RECEIVED } }), '2026-04-01')).toBe('not-yet');
      // Before the answer nothing is offered; once the 6 weeks are missed, both tiers directly.
      expect(nextTiers(reg, { happened: { received: RECEIVED } }, 'missed-term')).toEqual([]);
      expect(nextTiers(reg, { happened: { received: RECEIVED }, missed: { handling: due.dueAt } }, 'missed-term').map((t) => t.tier.id)).toEqual(['klachtenloket', 'geschillencommissie']);
      // Through the workflow: the letter on Wed 29 Apr 2026 names the committee too, with the last day of its 12 months (Tue 16 Mar 2027).
      // The special circumstances are printed with it, in the file's words.
      expect(tierParagraph(run.missed, 'Geschillencommissie Kinderopvang')).toMatch(
        /^Ook kunt u zich wenden tot Geschillencommissie Kinderopvang \(https:\/\/www\.degeschillencommissie\.nl\)\. Dat kan ook rechtstreeks als van de ouder redelijkerwijs niet kan worden gevergd eerst bij de houder te klagen\. Dat kan tot en met dinsdag 16 maart 2027 /,
      );
    },
  },
  {
    rule: 'External route 2: binding advice',
    quote: 'Decisions are binding advice (bindend advies).',
    setting: 'tiers geschillencommissie decision binding: the letters say so',
    check: (reg) => {
      expect(reg.external.kind === 'tiers' && reg.external.tiers[1]?.decision).toBe('binding');
      expect(tierParagraph(run.unfounded, 'Geschillencommissie Kinderopvang')).toContain(' De uitspraak is bindend. ');
      // The desk mediates; it does not decide.
      expect(tierParagraph(run.unfounded, 'Klachtenloket Kinderopvang')).not.toContain('bindend');
    },
  },
  {
    rule: 'External route 2: fee',
    quote: 'Klachtengeld €25, refunded by the provider if the complaint is upheld [dekrentebloesem.nl; date unknown, verify the current amount].',
    setting: "tiers geschillencommissie fee { amount: 25 EUR, refund: if-upheld, note: the amount is of unknown date, see the committee's website }",
    check: (reg) => {
      expect(reg.external.kind === 'tiers' && reg.external.tiers[1]?.fee).toMatchObject({
        amount: { amount: 25, currency: 'EUR' },
        refund: 'if-upheld',
        note: { en: "The amount is of unknown date; see the committee's website for the current amount." },
      });
      // Intl writes a no-break space between the sign and the amount.
      expect(tierParagraph(run.unfounded, 'Geschillencommissie Kinderopvang')).toContain(
        'De kosten zijn €\u00a025, die u terugkrijgt als u in het gelijk wordt gesteld. Het bedrag is van onbekende datum; kijk voor het actuele bedrag op de website van de commissie.',
      );
    },
  },
  {
    rule: 'External route 2: not handled',
    quote: 'Not handled [korein]: disputes unrelated to the quality of childcare; non-payment of an invoice without a substantive reason; damage from death, bodily injury or illness.',
    setting:
      'categorySchemes committee-scope (not-childcare-quality, unpaid-invoice, personal-injury); tiers geschillencommissie when { not: { categories: [those] } }: ' +
      'such a complaint is handled internally and may go to the Klachtenloket, but the committee is not offered',
    check: (reg) => {
      const scheme = reg.categorySchemes.find((sch) => sch.id === 'committee-scope');
      expect(ids(scheme?.categories ?? [])).toEqual(['not-childcare-quality', 'unpaid-invoice', 'personal-injury']);
      expect(reg.external.kind === 'tiers' && reg.external.tiers[1]?.when).toEqual({ not: { categories: ['not-childcare-quality', 'unpaid-invoice', 'personal-injury'] } });
      const answered = (categories: string[]) => nextTiers(reg, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-10T15:00:00+02:00' }, categories }, 'answer').map((t) => t.tier.id);
      expect(answered([])).toEqual(['klachtenloket', 'geschillencommissie']);
      for (const c of ['not-childcare-quality', 'unpaid-invoice', 'personal-injury']) expect(answered([c])).toEqual(['klachtenloket']);
      // Through the workflow: the unpaid-invoice complaint's ruling letter names the desk only, and a referral to the committee is refused.
      expect(tierParagraph(run.invoice, 'Klachtenloket Kinderopvang')).toBeDefined();
      expect(run.invoice).not.toContain('Geschillencommissie Kinderopvang');
      expect(run.invoiceReferral).toBeInstanceOf(InvalidInputError);
      expect(run.invoiceReferral).toMatchObject({ problems: [{ field: 'tier', message: 'must be a tier open to this complaint now: klachtenloket' }] });
      // An ordinary complaint can be referred to it.
      expect(run.referral).toEqual({ body: 'Geschillencommissie Kinderopvang', tier: 'geschillencommissie' });
    },
  },
  {
    rule: "External route 2: the provider's own dispute",
    quote:
      "The provider is bound by the parent's choice of the committee. If the provider wants to start a dispute, it must ask the parent first. If the parent does not agree within the set term, the provider may go to court",
    setting: 'tiers geschillencommissie consent { required: organisation-bound-by-complainant, fallback: ask the parent first, court if no agreement within the set term (the term is not given) }',
    check: (reg) => {
      expect(reg.external.kind === 'tiers' && reg.external.tiers[1]?.consent).toMatchObject({
        required: 'organisation-bound-by-complainant',
        fallback: { en: expect.stringMatching(/^The provider is bound by your choice of the committee\. .* the provider may go to court\.$/) },
      });
      // Whose agreement it takes (only the parent's), then what follows when the provider wants to go there itself.
      expect(tierParagraph(run.unfounded, 'Geschillencommissie Kinderopvang')).toContain(
        'Daarvoor hoeft alleen u in te stemmen. De houder is gebonden aan uw keuze voor de commissie. Wil de houder zelf een geschil beginnen, dan vraagt hij u eerst om instemming; stemt u niet binnen de gestelde termijn in, dan kan de houder naar de rechter. (External route 2 [korein; dekrentebloesem.nl; gastouderburokindaanhuis])',
      );
    },
  },
  {
    rule: 'External route: supervision',
    quote: 'the municipality (and the GGD as supervisor) can receive signals, but that is supervision, not complaint resolution',
    setting: 'notes supervision',
    check: (reg) => expect(note(reg, 'supervision').text.en).toMatch(/supervision, not complaint resolution/),
  },
  {
    rule: 'Registration / reporting',
    quote:
      'Historical (pre-2016): a yearly complaints report, with a copy to the GGD before 1 June [MIMIKO]. Many providers still publish a klachtenjaarverslag (docplayer listings). Whether it is still a legal duty: not verified (inferred: optional/unknown).',
    setting: 'read: not a duty; no reporting entry; notes yearly-report',
    check: (reg) => {
      expect(reg.reporting).toEqual([]);
      expect(note(reg, 'yearly-report').text.en).toMatch(/not verified; no duty here/);
    },
  },
  {
    rule: '(not in the sheet)',
    quote: 'Sources read',
    setting: 'tenant settings: Atw calendar, reminder 5 working days before the hard term, retention 24 months',
    check: (reg) => {
      expect(reg.calendar).toMatchObject({ holidays: 'nl-atw', goodFriday: true, liberationDay: 'every-year', decreeBridgeDays: true, closingDays: [] });
      expect(scheduleMilestone(reg, milestone(reg, 'handling'), new Date(RECEIVED)).reminderOn).toBe('2026-04-20');
      expect(reg.retention).toMatchObject({ keep: { unit: 'months', amount: 24 }, after: 'closed' });
    },
  },
];

describeCorpusSheet({ sheet: SHEET, rules });
