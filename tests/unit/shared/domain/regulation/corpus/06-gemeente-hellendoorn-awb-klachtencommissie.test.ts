// Corpus sheet 06: gemeente Hellendoorn (Awb titel 9.1, afdeling 9.1.3 klachtencommissie), rule by rule
// -> tests/fixtures/regulations/06-gemeente-hellendoorn-awb-klachtencommissie.yaml.
// Dates are worked out by hand on the Algemene termijnenwet calendar (shared/reference/dutch-deadlines.md).
import { beforeAll, expect } from 'vitest';
import {
  type ComplaintFacts,
  type Regulation,
  calendarOf,
  conditionHolds,
  milestoneApplies,
  milestonesFor,
  openingMilestones,
  periodFor,
  scheduleMilestone,
  windowDates,
  windowStateOn,
} from '../../../../../../shared/domain/regulation/index.ts';
import { InvalidInputError, RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import { nextTiers, tiersOf } from '../../../../../../shared/domain/regulation/external-tiers.ts';
import type { Decision } from '../../../../../../shared/domain/complaint/model.ts';
import { ids, milestone, notice, role, note, windowOf, ground } from '../../../../../support/clause-table.ts';
import { workflow, letterText } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';

const RECEIVED = '2026-03-16T10:00:00+01:00'; // Monday 16 March 2026

/** The problems of an InvalidInputError, as field: message. */
const problems = (error: Error | undefined) => (error instanceof InvalidInputError ? error.problems.map((p) => `${p.field}: ${p.message}`) : []);

/** The error a step was refused with; undefined when it was allowed (the row expecting a refusal then fails). */
const refusalOf = (step: Promise<unknown>) =>
  step.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
/** A letter's text; empty when it was not sent (the row expecting it then fails). */
const sentOrEmpty = (letter: Promise<string>) => letter.catch(() => '');

/**
 * Through the workflow, complaints filed Mon 16 Mar 2026 (the commission engaged at once):
 * - full: on Wed 1 Apr the ruling refused before anyone was heard; the hearing refused without its report; heard
 *   with a report, the ruling refused until the person complained about reacted too; on Wed 15 Apr refused before
 *   the committee's advice was recorded, without saying whether it follows the advice, and deviating without
 *   reasons; on Fri 24 Apr 2026 decided, deviating from the advice with reasons: the ruling letter;
 * - waived: the complainant waived the hearing (recorded with its reason), the advice followed, ruled Fri 24 Apr;
 * - refused: conduct of Fri 14 Mar 2025, refused on Fri 20 Mar 2026 (more than a year before the filing): the
 *   refusal letter.
 */
const run = {
  unheard: undefined as Error | undefined,
  noReport: undefined as Error | undefined,
  halfHeard: undefined as Error | undefined,
  adviceFirst: undefined as Error | undefined,
  adviceUnsaid: undefined as Error | undefined,
  unreasoned: undefined as Error | undefined,
  decision: undefined as Decision | undefined,
  rulingLetter: '',
  waived: { outcome: '', dispensed: [] as string[] },
  refusalLetter: '',
};
beforeAll(async () => {
  const flow = await workflow('tests/fixtures/regulations/06-gemeente-hellendoorn-awb-klachtencommissie.yaml', RECEIVED);
  const full = await flow.submit();
  const waived = await flow.submit();
  const refused = await flow.submit({ occurredOn: '2025-03-14' });
  for (const reference of [full, waived]) await flow.step(reference, 'record', { event: 'committee-appointed' }, flow.coordinator);
  const ruling = { outcome: 'founded', reasoning: 'De afspraak had niet verzet mogen worden.' };

  flow.at('2026-03-20T10:00:00+01:00');
  await flow.step(refused, 'not-admissible', { ground: 'conduct-older-than-a-year' }, flow.officer);
  run.refusalLetter = await sentOrEmpty(letterText(flow, refused, 'not-taken-up'));

  flow.at('2026-04-01T10:00:00+02:00');
  run.unheard = await refusalOf(flow.step(full, 'ruling', { ...ruling, advice: { followed: true } }, flow.officer));
  const hearing = { heldOn: '2026-04-01', summary: 'Klager lichtte de klacht toe.', heard: 'complainant' };
  run.noReport = await refusalOf(flow.step(full, 'hearing', hearing, flow.officer));
  await flow.step(full, 'hearing', { ...hearing, report: 'Verslag van de hoorzitting van 1 april 2026.' }, flow.officer);
  run.halfHeard = await refusalOf(flow.step(full, 'ruling', { ...ruling, advice: { followed: true } }, flow.officer));
  await flow.step(full, 'subject-statement', { staffEmail: 'baliemedewerker@hellendoorn.example', statement: 'De afspraak moest wijken voor een spoedgeval.', agreedToRecord: true }, flow.officer);
  await flow.step(waived, 'hearing-dispensed', { exception: 'waived', reason: 'Klager heeft schriftelijk verklaard niet gehoord te willen worden.' }, flow.officer);

  flow.at('2026-04-15T10:00:00+02:00');
  run.adviceFirst = await refusalOf(flow.step(full, 'ruling', { ...ruling, advice: { followed: true } }, flow.officer));
  for (const reference of [full, waived]) await flow.step(reference, 'record', { event: 'advice-issued' }, flow.officer);
  run.adviceUnsaid = await refusalOf(flow.step(full, 'ruling', ruling, flow.officer));
  run.unreasoned = await refusalOf(flow.step(full, 'ruling', { ...ruling, advice: { followed: false } }, flow.officer));

  flow.at('2026-04-24T15:00:00+02:00');
  const deviation = 'Anders dan de commissie adviseert, achten wij de klacht gegrond: de afspraak is zonder bericht verzet.';
  await flow.step(full, 'ruling', { ...ruling, advice: { followed: false, deviation } }, flow.officer);
  run.decision = (await flow.get(full)).decision;
  run.rulingLetter = (await sentOrEmpty(letterText(flow, full, 'ruling'))).replace(/\u00a0/g, ' ');
  await flow.step(waived, 'ruling', { ...ruling, advice: { followed: true } }, flow.officer);
  const waivedComplaint = await flow.get(waived);
  run.waived = { outcome: waivedComplaint.decision?.outcome ?? '', dispensed: await flow.eventTypes(waived) };
});

function dueIn(reg: Regulation, id: string, facts: ComplaintFacts): string | undefined {
  return milestonesFor(reg, facts).find((m) => m.milestoneId === id)?.due;
}

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'This is a municipality itself, not a joint body.',
    setting: 'organisation.name Gemeente Hellendoorn; roles administrative-body (raad, college, burgemeester)',
    check: (reg) => {
      expect(reg.organisation.name).toBe('Gemeente Hellendoorn');
      expect(role(reg, 'administrative-body').label.nl).toMatch(/raad, college of burgemeester/);
    },
  },
  {
    rule: 'Organisation type: historical',
    quote: 'The verordening was valid from 10-07-2014 to 21-06-2022, so it is now historical',
    setting: 'effectiveFrom 2014-07-10; the end date is in source.note (the format has no end date: a successor version would end it)',
    check: (reg) => {
      expect(reg.effectiveFrom).toBe('2014-07-10');
      expect(reg.source.note).toMatch(/2022-06-21/);
      expect(reg.supersedes).toBeUndefined();
    },
  },
  {
    rule: 'Organisation type: variant',
    quote: 'A comparable current single-person variant is the Lingewaard',
    setting: "a variant the sheet compares, not Hellendoorn's rule: not encoded, said in source.note; the committee has three members",
    check: (reg) => {
      expect(reg.source.note).toMatch(/Lingewaard .* not Hellendoorn's rule: not encoded/);
      expect(role(reg, 'committee').holder?.en).toBe('a chair and two other members');
    },
  },
  {
    rule: 'Who may complain (Awb 9:1)',
    quote: 'Anyone, about how an administrative body, or a person working under its responsibility, behaved towards him or another person in a particular matter.',
    setting: 'scope.definition; scope.complainants [anyone]',
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['anyone']);
      expect(reg.scope.definition.en).toMatch(/person working under its responsibility, behaved towards the complainant or another person in a particular matter/);
      expect(reg.scope.citation).toMatchObject({ article: 'Awb 9:1', source: 'Algemene wet bestuursrecht' });
    },
  },
  {
    rule: 'Who may complain: oral and written',
    quote: 'Hellendoorn covers oral and written complaints.',
    setting: 'the terms run from receipt whatever the channel (reading: "receipt of klaagschrift" = receipt of the complaint, oral ones included)',
    check: (reg) => {
      for (const channel of ['letter', 'phone']) {
        expect(openingMilestones(reg, new Date(RECEIVED), { channel }).map((m) => [m.milestoneId, m.due])).toEqual([['handling', '2026-04-28']]);
      }
    },
  },
  {
    rule: 'Who may complain: representation (inferred)',
    quote: 'Representation: not addressed in the text read. Inferred: a complaint on behalf of someone else is possible because of the "of een ander" wording.',
    setting: 'representation { onBehalfAllowed: true, authorisationRequired: false, pausesClock: false } (inferred)',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisationRequired: false, pausesClock: false });
      // A complaint filed for someone else runs on the same terms.
      expect(dueIn(reg, 'handling', { happened: { received: RECEIVED }, representative: true })).toBe('2026-04-28');
    },
  },
  {
    rule: 'Channels / content',
    quote: 'Oral and written [Hellendoorn art. 2].',
    setting: 'intake.channels letter, email (written), phone, counter (oral)',
    check: (reg) => {
      expect(reg.intake.channels.map((c) => [c.id, c.mode])).toEqual([
        ['letter', 'written'],
        ['email', 'written'],
        ['phone', 'oral'],
        ['counter', 'oral'],
      ]);
      expect(reg.intake.citation.article).toBe('Hellendoorn art. 2');
    },
  },
  {
    rule: 'Channels / content: klaagschrift requirements (general knowledge)',
    quote: 'Awb requirements for a klaagschrift, from general knowledge of the Awb (not read in a source here): signed; name and address; date; a description of the conduct.',
    setting: 'notes klaagschrift-requirements (no system effect; marked as general knowledge)',
    check: (reg) => expect(note(reg, 'klaagschrift-requirements').text.en).toMatch(/signed .* name and address, the date and a description of the conduct .*general knowledge/),
  },
  {
    rule: 'Channels / content: acknowledgement',
    quote: 'Also: written acknowledgement of receipt;',
    setting: 'notices acknowledgement (written, records acknowledged); no deadline: the Awb gives no term',
    check: (reg) => {
      expect(notice(reg, 'acknowledgement')).toMatchObject({ written: true, records: 'acknowledged', to: ['complainant'] });
      expect(reg.milestones.filter((m) => m.metBy.includes('acknowledged'))).toEqual([]);
    },
  },
  {
    rule: 'Channels / content: forwarding',
    quote: 'forwarding to the competent body;',
    setting: 'duties forward-to-competent-body (records referred)',
    check: (reg) => expect(reg.duties.find((d) => d.id === 'forward-to-competent-body')).toMatchObject({ role: 'coordinator', records: 'referred' }),
  },
  {
    rule: 'Channels / content: copy to the person complained about (inferred)',
    quote: 'a copy to the person complained about (inferred).',
    setting: 'notices copy-to-person-concerned -> staff-concerned (records subject-notified)',
    check: (reg) => expect(notice(reg, 'copy-to-person-concerned')).toMatchObject({ to: ['staff-concerned'], records: 'subject-notified', contents: ['complaint-details'] }),
  },
  {
    rule: 'Who handles [Hellendoorn art. 2–4]',
    quote: "A commission of a chair and two other members, appointed, suspended and dismissed by the raad on the college's proposal.",
    setting: 'roles committee (holder: chair + two members); notes committee-composition',
    check: (reg) => {
      expect(role(reg, 'committee')).toMatchObject({ assignment: 'fixed', email: 'klachtencommissie@hellendoorn.example' });
      expect(note(reg, 'committee-composition').text.en).toMatch(/appointed, suspended and dismissed by the council on the executive's proposal/);
    },
  },
  {
    rule: 'Who handles: vice-chair, substitutes',
    quote: 'The vice-chair comes from the two members. There are at most three substitute members.',
    setting: 'notes committee-composition',
    check: (reg) => expect(note(reg, 'committee-composition').text.en).toMatch(/vice-chair comes from the two members; at most three substitute members/),
  },
  {
    rule: 'Who handles: independence',
    quote: 'Members may not belong to, or work under the responsibility of, any municipal administrative body.',
    setting: 'roles committee { independent: true, external: true }',
    check: (reg) => expect(role(reg, 'committee')).toMatchObject({ independent: true, external: true }),
  },
  {
    rule: 'Who handles: term of office',
    quote: "The term of office ends when the raad's term ends; members may resign at any time and stay until a successor is appointed.",
    setting: 'notes committee-term-of-office',
    check: (reg) => expect(note(reg, 'committee-term-of-office').text.en).toMatch(/ends with the council's term; members may resign at any time and stay until a successor is appointed/),
  },
  {
    rule: 'Who handles: Awb 9:14 (memory)',
    quote: 'Inferred from Awb 9:14, memory: the adviser may not be the person complained about or have been involved in the conduct.',
    setting: 'roleRules never-involved committee excludes [subject, service-provider] (inferred)',
    check: (reg) => expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'never-involved', role: 'committee', excludes: ['subject', 'service-provider'] })),
  },
  {
    rule: 'Exclusions (Awb 9:8): optional',
    quote: 'Exclusions (Awb 9:8) — optional refusals ("is niet verplicht")',
    setting: 'admissibility.grounds (six), decided by the administrative body; only the limitation has a condition, none refuses automatically; notes optional-refusal',
    check: (reg) => {
      expect(reg.admissibility.decidedBy).toBe('administrative-body');
      expect(ids(reg.admissibility.grounds)).toEqual(['already-handled', 'conduct-older-than-a-year', 'objection-or-appeal', 'before-civil-court', 'criminal-investigation', 'insufficient-interest']);
      expect(reg.admissibility.grounds.filter((g) => g.when !== undefined).map((g) => g.id)).toEqual(['conduct-older-than-a-year']);
      expect(note(reg, 'optional-refusal').text.en).toMatch(/optional/);
    },
  },
  {
    rule: 'Exclusions: already handled',
    quote: 'Conduct already complained about and handled under Awb 9:4 ff.',
    setting: 'admissibility.grounds already-handled',
    check: (reg) => expect(ground(reg, 'already-handled').citation).toMatchObject({ article: 'Awb 9:8 lid 1 a', source: 'Algemene wet bestuursrecht' }),
  },
  {
    rule: 'Exclusions: more than 1 year (limitation)',
    quote: 'Conduct that took place more than 1 year before the complaint was filed.',
    setting: 'windows conduct-limitation { for: complaint, stated:occurred-on + 1 year, no end-day rule (a look-back) }; ground conduct-older-than-a-year when receivedOutside',
    check: (reg) => {
      const limitation = windowOf(reg, 'conduct-limitation');
      expect(limitation).toMatchObject({ for: 'complaint', anchor: 'stated:occurred-on', period: { unit: 'years', amount: 1 }, endDayRule: false });
      expect(ground(reg, 'conduct-older-than-a-year').when).toEqual({ receivedOutside: 'conduct-limitation' });
      // Conduct on Fri 14 March 2025: the year ends Sat 14 March 2026 and is not moved to Monday.
      const stated = { 'occurred-on': '2025-03-14' };
      expect(windowDates(reg, limitation, { happened: { received: RECEIVED }, stated })).toMatchObject({ opens: '2025-03-14', closes: '2026-03-14', closesProvisional: false });
      expect(conditionHolds(reg, { receivedOutside: 'conduct-limitation' }, { happened: { received: RECEIVED }, stated })).toBe(true); // Mon 16 March 2026
      expect(conditionHolds(reg, { receivedOutside: 'conduct-limitation' }, { happened: { received: '2026-03-13T10:00:00+01:00' }, stated })).toBe(false);
      // Without a stated date of the conduct nothing is refused.
      expect(conditionHolds(reg, { receivedOutside: 'conduct-limitation' }, { happened: { received: RECEIVED } })).toBe(false);
    },
  },
  {
    rule: 'Exclusions: objection or appeal',
    quote: 'Conduct against which the complainant could have objected, or can appeal or could have appealed (unless the conduct is failing to decide on time).',
    setting: 'admissibility.grounds objection-or-appeal (the exception in its label)',
    check: (reg) => expect(ground(reg, 'objection-or-appeal').label.en).toMatch(/unless: failing to decide on time/),
  },
  {
    rule: 'Exclusions: other court',
    quote: 'Conduct submitted to a court other than an administrative court.',
    setting: 'admissibility.grounds before-civil-court',
    check: (reg) => expect(ground(reg, 'before-civil-court').label.en).toBe('Conduct submitted to a court other than an administrative court'),
  },
  {
    rule: 'Exclusions: criminal investigation',
    quote: 'Conduct covered by an ongoing criminal investigation or prosecution.',
    setting: 'admissibility.grounds criminal-investigation',
    check: (reg) => expect(ground(reg, 'criminal-investigation').label.en).toMatch(/criminal investigation or prosecution/),
  },
  {
    rule: 'Exclusions: insufficient interest',
    quote: "The complainant's interest or the weight of the conduct is clearly insufficient.",
    setting: 'admissibility.grounds insufficient-interest',
    check: (reg) => expect(ground(reg, 'insufficient-interest').citation.article).toBe('Awb 9:8 lid 2'),
  },
  {
    rule: 'Exclusions: refusal notice',
    quote: 'Refusal must be communicated in writing as soon as possible, at the latest 4 weeks after receipt, with the ombudsman mention of 9:12(2).',
    setting: 'notices not-taken-up { written, contents not-taken-up-reason + external-body }; "as soon as possible" leaves the 4 weeks as the hard limit',
    check: (reg) => {
      expect(notice(reg, 'not-taken-up')).toMatchObject({ written: true, trigger: 'not-taken-up', records: 'not-taken-up-notified', contents: ['not-taken-up-reason', 'external-body'] });
      expect(milestone(reg, 'not-taken-up-notice').kind).toBe('hard');
      // Through the workflow: conduct of Fri 14 Mar 2025, refused Fri 20 Mar 2026: the letter gives the ground and
      // the ombudsman with the last day, Sat 20 Mar 2027 -> Mon 22 Mar 2027.
      expect(run.refusalLetter).toContain('Wij nemen uw klacht niet in behandeling: Gedraging die langer dan een jaar voor indiening van het klaagschrift heeft plaatsgevonden (Awb 9:8 lid 1 b).');
      expect(run.refusalLetter).toContain(
        'dan kunt u zich wenden tot Nationale ombudsman (https://www.nationaleombudsman.nl). Dat kan tot en met maandag 22 maart 2027 (Wet Nationale ombudsman art. 12).',
      );
      // The reason first, then where to go next.
      expect(run.refusalLetter.indexOf('Wij nemen uw klacht niet in behandeling')).toBeGreaterThan(0);
      expect(run.refusalLetter.indexOf('Wij nemen uw klacht niet in behandeling')).toBeLessThan(run.refusalLetter.indexOf('Nationale ombudsman'));
    },
  },
  {
    rule: 'Deadlines: notice of non-handling',
    quote: '| Notice of non-handling | receipt of klaagschrift | 4 weeks | hard ("uiterlijk") |',
    setting: 'milestones not-taken-up-notice { received + 4 weeks, hard, appliesWhen not-taken-up }; handling unless not-taken-up',
    check: (reg) => {
      const m = milestone(reg, 'not-taken-up-notice');
      expect(m).toMatchObject({ anchor: 'received', period: { unit: 'weeks', amount: 4 }, metBy: ['not-taken-up-notified'], appliesWhen: { event: 'not-taken-up' } });
      // Fri 4 Dec 2026 + 4 weeks = Fri 1 Jan 2027 (Nieuwjaarsdag), then the weekend: Mon 4 Jan 2027.
      const facts = { happened: { received: '2026-12-04T10:00:00+01:00', 'not-taken-up': '2026-12-10T10:00:00+01:00' } };
      expect(milestonesFor(reg, facts).map((s) => [s.milestoneId, s.due])).toEqual([['not-taken-up-notice', '2027-01-04']]);
      expect(milestoneApplies(reg, m, { happened: { received: '2026-12-04T10:00:00+01:00' } })).toBe(false);
      expect(milestoneApplies(reg, milestone(reg, 'handling'), facts)).toBe(false);
    },
  },
  {
    rule: 'Deadlines: handling, internal route',
    quote: '| Handling, internal route | receipt of klaagschrift | 6 weeks | hard |',
    setting: 'milestones handling { received + 6 weeks, hard, met by ruling-sent }',
    check: (reg) => {
      const m = milestone(reg, 'handling');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 6 }, metBy: ['ruling-sent'] });
      // Mon 16 Mar 2026 + 6 weeks = Mon 27 Apr (Koningsdag): Tue 28 Apr 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-04-28');
      expect(periodFor(reg, m, { happened: { received: RECEIVED } })).toEqual({ period: { unit: 'weeks', amount: 6 } });
    },
  },
  {
    rule: 'Deadlines: handling with klachtencommissie',
    quote: '| Handling with klachtencommissie (afd. 9.1.3) | receipt of klaagschrift | 10 weeks | hard |',
    setting: 'handling.variants [{ when: { event: committee-appointed }, period: 10 weeks }]; events committee-appointed',
    check: (reg) => {
      const m = milestone(reg, 'handling');
      expect(ids(reg.events)).toContain('committee-appointed');
      const facts = { happened: { received: RECEIVED, 'committee-appointed': '2026-03-20T09:00:00+01:00' } };
      expect(conditionHolds(reg, m.variants[0]?.when, facts)).toBe(true);
      expect(periodFor(reg, m, facts)).toEqual({ period: { unit: 'weeks', amount: 10 }, variant: 0 });
      // Mon 16 Mar 2026 + 10 weeks = Mon 25 May (Tweede Pinksterdag): Tue 26 May 2026.
      expect(dueIn(reg, 'handling', facts)).toBe('2026-05-26');
    },
  },
  {
    rule: 'Deadlines: deferral',
    quote: '| Deferral | end of the 6/10 weeks | up to 4 weeks | unilateral; written notice to the complainant and to the person complained about |',
    setting: 'handling.extension { times: 1, upTo: 4 weeks, notice.to [complainant, staff-concerned], afterDue: false }; notices deferral (written)',
    check: (reg) => {
      const m = milestone(reg, 'handling');
      expect(m.extension).toMatchObject({ times: 1, upTo: { unit: 'weeks', amount: 4 }, notice: { to: ['complainant', 'staff-concerned'] }, afterDue: false });
      expect(notice(reg, 'deferral')).toMatchObject({ to: ['complainant', 'staff-concerned'], written: true, records: 'extension-notified' });
      const fourWeeks = [{ unit: 'weeks' as const, amount: 4 }];
      // Worked example: Tue 3 Mar 2026 + 6 weeks + 4 weeks = Tue 12 May 2026.
      expect(scheduleMilestone(reg, m, new Date('2026-03-03T10:00:00+01:00'), { extensions: fourWeeks }).due).toBe('2026-05-12');
      // Added to the unextended end: 27 Apr + 4 weeks = Mon 25 May (Whit Monday): Tue 26 May 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED), { extensions: fourWeeks }).due).toBe('2026-05-26');
      // With the committee: Mon 25 May (unextended) + 4 weeks = Mon 22 June 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED), { period: { unit: 'weeks', amount: 10 }, extensions: fourWeeks }).due).toBe('2026-06-22');
    },
  },
  {
    rule: 'Deadlines: further delay',
    quote: '| Further delay | after deferral | open | only with the complainant\'s written consent ("voor zover de klager daarmee schriftelijk instemt") |',
    setting: 'handling.extension.further { consent: written, times: unlimited, upTo: open }',
    check: (reg) => {
      const m = milestone(reg, 'handling');
      expect(m.extension?.further).toMatchObject({ consent: 'written', times: 'unlimited', upTo: 'open' });
      // After the deferral to 26 May, a further delay to a date agreed in writing: Wed 15 July 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED), { extensions: [{ unit: 'weeks', amount: 4 }, { until: '2026-07-15' }] }).due).toBe('2026-07-15');
    },
  },
  {
    rule: 'Deadlines: Algemene termijnenwet (inferred)',
    quote: 'Inferred: these are statutory terms, so the Algemene termijnenwet applies (a term ending on a Saturday, Sunday or public holiday moves to the next working day).',
    setting: 'calendar {} (the Atw calendar); milestones keep the end-day rule',
    check: (reg) => {
      expect(reg.calendar).toMatchObject({ holidays: 'nl-atw', goodFriday: true, liberationDay: 'every-year', decreeBridgeDays: true, closingDays: [] });
      const calendar = calendarOf(reg);
      expect(calendar.nonWorkingReason('2026-04-27')).toBe('Koningsdag');
      expect(calendar.nonWorkingReason('2026-05-05')).toBe('Bevrijdingsdag');
      expect(calendar.nonWorkingReason('2026-05-15')).toBe('brugdag (besluit)');
      expect(reg.milestones.every((m) => m.endDayRule)).toBe(true);
    },
  },
  {
    rule: 'Hearing (Awb 9:10; 9:15)',
    quote: 'Both the complainant and the person complained about get the opportunity to be heard (hoor en wederhoor). A report (verslag) is made of the hearing.',
    setting:
      'investigation { by: committee, hearBothSides, hearing { required: both, report: true } }: the ruling is refused until the complainant is heard ' +
      '(hearing) and the person complained about reacted (subject-statement); a hearing is recorded only with its report',
    check: (reg) => {
      expect(reg.investigation).toMatchObject({ by: 'committee', hearBothSides: true, hearing: { required: 'both', report: true, citation: { article: 'Awb 9:10' } } });
      // Through the workflow: no one heard -> refused, citing Awb 9:10.
      expect(run.unheard).toBeInstanceOf(RuleViolationError);
      expect(run.unheard).toMatchObject({ citation: 'Awb 9:10', message: expect.stringMatching(/must be heard first .*clearly-unfounded, waived, no-reply/) });
      // A hearing without its report is refused.
      expect(problems(run.noReport)).toEqual(['report: is required: a report (verslag) of the hearing goes into the file (Awb 9:10)']);
      // The complainant heard, the person complained about not yet -> refused.
      expect(run.halfHeard).toMatchObject({ citation: 'Awb 9:10', message: expect.stringMatching(/both sides must be heard first/) });
      // Both heard: the ruling went out.
      expect(run.decision?.outcome).toBe('founded');
    },
  },
  {
    rule: 'Hearing: exceptions',
    quote:
      'The complainant need not be heard if: the complaint is manifestly unfounded; the complainant declared they waive the hearing; or the complainant did not say within a reasonable term set by the body that they want to be heard.',
    setting:
      'investigation.hearing.exceptions [clearly-unfounded, waived, no-reply]: staff record one with its reason (hearing-dispensed) and the ruling may go ahead; the "reasonable term" is set per complaint, no deadline',
    check: (reg) => {
      expect(reg.investigation?.hearing?.exceptions).toEqual(['clearly-unfounded', 'waived', 'no-reply']);
      // Through the workflow: the complainant waived the hearing; recorded with its reason, the ruling went out.
      expect(run.waived.dispensed).toContain('hearing-dispensed');
      expect(run.waived.outcome).toBe('founded');
    },
  },
  {
    rule: 'Outcome letter (Awb 9:12)',
    quote: "A written, reasoned notice of the findings of the investigation, the body's judgement, and any conclusions it draws.",
    setting: 'notices ruling { written, outcome, reasons, measures }; outcomes founded/partly-founded/unfounded require reasons; resolution.delivery in-writing',
    check: (reg) => {
      expect(notice(reg, 'ruling')).toMatchObject({ written: true, records: 'ruling-sent', from: 'administrative-body' });
      expect(notice(reg, 'ruling').contents).toEqual(expect.arrayContaining(['outcome', 'reasons', 'measures']));
      for (const id of ['founded', 'partly-founded', 'unfounded']) expect(reg.outcomes.find((o) => o.id === id)?.requires).toContain('reasons');
      expect(reg.resolution?.delivery).toBe('in-writing');
      expect(run.rulingLetter).toContain('Uitkomst: gegrond');
      expect(run.rulingLetter).toContain('Toelichting:\nDe afspraak had niet verzet mogen worden.');
    },
  },
  {
    rule: 'Outcome letter: ombudsman and term',
    quote: 'It must state at which ombudsman and within which term the complainant can then file a petition.',
    setting:
      'notices ruling contents external-body: the tier ombudsman (after a ruling) with the last day of its window ombudsman ' +
      '(ruling-sent + 1 year, end-day rule), its address, that it is free and ends with a report',
    check: (reg) => {
      expect(notice(reg, 'ruling').contents).toEqual(['outcome', 'reasons', 'measures', 'external-body']);
      expect(windowOf(reg, 'ombudsman').body).toBe('Nationale ombudsman');
      // Ruling sent Fri 24 Apr 2026: one year is Sat 24 Apr 2027, so the letter gives Mon 26 Apr 2027.
      expect(run.rulingLetter).toContain(
        'Bent u niet tevreden, dan kunt u zich wenden tot Nationale ombudsman (https://www.nationaleombudsman.nl). ' +
          'Dat kan tot en met maandag 26 april 2027 (Wet Nationale ombudsman art. 12). Daar zijn geen kosten aan verbonden. ' +
          'Het onderzoek eindigt met een rapport. (Awb 9:12 lid 2)',
      );
      // The tier after a refusal is not offered (nothing was refused): one ombudsman, one term.
      expect(run.rulingLetter.match(/Nationale ombudsman \(/g)).toHaveLength(1);
    },
  },
  {
    rule: 'Outcome letter: deviation from the advice (9:16)',
    quote: "If the conclusions deviate from the commission's advice, the reason is stated and the advice is sent along (9:16).",
    setting:
      "resolution.advice { by: committee, recordedAs: advice-issued, encloseAdvice } (read: every ruling follows the committee's advice, the committee model): the ruling is " +
      'refused before the advice is recorded, without saying whether it follows it, and deviating without reasons; the ruling letter states the deviation and its reasons ' +
      'and encloses the advice (also when followed)',
    check: (reg) => {
      expect(reg.resolution?.advice).toMatchObject({ by: 'committee', recordedAs: 'advice-issued', encloseAdvice: true, citation: { article: 'Awb 9:16' } });
      expect(ids(reg.events)).toContain('advice-issued');
      expect(reg.resolution).toMatchObject({ decidedBy: 'administrative-body', mayConsult: ['committee'] });
      // Through the workflow: before the advice is recorded -> refused, citing Awb 9:16.
      expect(run.adviceFirst).toBeInstanceOf(RuleViolationError);
      expect(run.adviceFirst).toMatchObject({ citation: 'Awb 9:16', message: expect.stringMatching(/advice of the committee must be recorded first \("advice-issued"\)/) });
      // Not saying whether it follows the advice, or deviating without reasons -> refused.
      expect(problems(run.adviceUnsaid)).toEqual(['advice: is required: say whether the decision follows the advice of the committee (Awb 9:16)']);
      expect(problems(run.unreasoned)).toEqual(['advice.deviation: is required: a decision that deviates from the advice gives its reasons (Awb 9:16)']);
      // Deviating with reasons: decided, the reasons kept with the decision and stated in the letter, the advice enclosed.
      const deviation = 'Anders dan de commissie adviseert, achten wij de klacht gegrond: de afspraak is zonder bericht verzet.';
      expect(run.decision?.advice).toEqual({ followed: false, deviation });
      expect(run.rulingLetter).toContain(`Deze beslissing wijkt af van het advies van de klachtencommissie. De redenen daarvoor:\n${deviation}`);
      expect(run.rulingLetter).toContain('Bijlagen:\n- Advies van de klachtencommissie');
    },
  },
  {
    rule: "Outcome letter: the commission's report (memory)",
    quote: 'The commission itself reports findings, advice and any recommendations to the body (afdeling 9.1.3, memory).',
    setting: 'duties committee-report (committee)',
    check: (reg) => expect(reg.duties.find((d) => d.id === 'committee-report')?.role).toBe('committee'),
  },
  {
    rule: 'External body',
    quote: 'Nationale ombudsman (or a municipal/regional ombudsman if the municipality has one).',
    setting:
      'external { kind: tiers }: ombudsman (after a ruling, window ombudsman) and ombudsman-after-refusal (after a refusal, window ombudsman-after-refusal), ' +
      'both the Nationale ombudsman (Hellendoorn has no own ombudsman in the sheet)',
    check: (reg) => {
      expect(reg.external).toMatchObject({ kind: 'tiers', citation: { article: 'Awb 9:12 lid 2' } });
      expect(tiersOf(reg).map((t) => [t.id, t.body.name, t.body.website, t.when, t.opens.after, t.window])).toEqual([
        ['ombudsman', 'Nationale ombudsman', 'https://www.nationaleombudsman.nl', { not: { event: 'not-taken-up' } }, 'answer', 'ombudsman'],
        ['ombudsman-after-refusal', 'Nationale ombudsman', 'https://www.nationaleombudsman.nl', { event: 'not-taken-up' }, 'answer', 'ombudsman-after-refusal'],
      ]);
      // The one that applies: after a ruling or after a refusal.
      const ruled = { happened: { received: RECEIVED, 'ruling-sent': '2026-04-24T15:00:00+02:00' } };
      const refused = { happened: { received: RECEIVED, 'not-taken-up': '2026-03-20T10:00:00+01:00' } };
      expect(nextTiers(reg, ruled, 'answer').map((t) => [t.tier.id, t.window?.closes])).toEqual([['ombudsman', '2027-04-26']]);
      expect(nextTiers(reg, refused, 'answer').map((t) => [t.tier.id, t.window?.closes])).toEqual([['ombudsman-after-refusal', '2027-03-22']]);
    },
  },
  {
    rule: 'External body: filing window (memory, inferred)',
    quote: 'Filing window: within 1 year after the municipality finished handling the complaint (Wet Nationale ombudsman art. 12, memory → inferred).',
    setting: 'windows ombudsman (ruling-sent + 1 year) and ombudsman-after-refusal (not-taken-up + 1 year: the refusal ends the handling); end-day rule kept (statutory)',
    check: (reg) => {
      const w = windowOf(reg, 'ombudsman');
      expect(w).toMatchObject({ for: 'external-complaint', anchor: 'ruling-sent', period: { unit: 'years', amount: 1 } });
      expect(w.citation.source).toBe('Wet Nationale ombudsman');
      // Ruling sent Fri 26 June 2026: one year is Sat 26 June 2027, so the window closes Mon 28 June 2027.
      const dates = windowDates(reg, w, { happened: { received: RECEIVED, 'ruling-sent': '2026-06-26T15:00:00+02:00' } });
      expect(dates).toMatchObject({ opens: '2026-06-26', closes: '2027-06-28', closesProvisional: false });
      expect(windowStateOn(dates, '2026-06-25')).toBe('not-yet');
      expect(windowStateOn(dates, '2027-06-28')).toBe('open');
      expect(windowStateOn(dates, '2027-06-29')).toBe('closed');
      // After a refusal (decided Tue 15 Dec 2026) the year runs from the refusal: Wed 15 Dec 2027.
      expect(windowOf(reg, 'ombudsman-after-refusal')).toMatchObject({ anchor: 'not-taken-up', period: { unit: 'years', amount: 1 } });
      const refusal = windowDates(reg, windowOf(reg, 'ombudsman-after-refusal'), { happened: { received: '2026-12-04T10:00:00+01:00', 'not-taken-up': '2026-12-15T10:00:00+01:00' } });
      expect(refusal).toMatchObject({ opens: '2026-12-15', closes: '2027-12-15' });
    },
  },
  {
    rule: 'External body: free, non-binding',
    quote: 'Free. Non-binding report.',
    setting: 'both ombudsman tiers: fee EUR 0, decision report; the letters say so',
    check: (reg) => {
      for (const t of tiersOf(reg)) expect([t.fee?.amount.amount, t.decision]).toEqual([0, 'report']);
      for (const letter of [run.rulingLetter, run.refusalLetter]) expect(letter).toContain('Daar zijn geen kosten aan verbonden. Het onderzoek eindigt met een rapport.');
    },
  },
  {
    rule: 'Registration / reporting (Awb 9:12a)',
    quote: 'The body registers written complaints and publishes them yearly.',
    setting: 'reporting complaints-register (continuous), yearly-publication (yearly, administrative body)',
    check: (reg) => {
      expect(reg.reporting.map((r) => [r.id, r.cadence, r.by])).toEqual([
        ['complaints-register', 'continuous', 'coordinator'],
        ['yearly-publication', 'yearly', 'administrative-body'],
      ]);
    },
  },
];

describeCorpusSheet({ sheet: '06-gemeente-hellendoorn-awb-klachtencommissie', rules });
