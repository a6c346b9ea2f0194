// Corpus sheet 10: an Irish firm under the Central Bank Consumer Protection Code and the FSPO, rule by rule
// -> tests/fixtures/regulations/10-ie-central-bank-cpc.yaml.
// Dates are worked out by hand on the fixture's calendar: weekends plus the Irish bank holidays 2026-2027
// (1 Jan, 2 Feb, 17 Mar, Good Friday 3 Apr, Easter Monday 6 Apr, 4 May, 1 Jun, 3 Aug, 26 Oct, 25 and 28 Dec 2026, ...).
import { beforeAll, expect } from 'vitest';
import { checkDeadline } from '../../../../../../shared/domain/complaint/check-deadline.ts';
import { RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import { nextTiers } from '../../../../../../shared/domain/regulation/external-tiers.ts';
import {
  type Regulation,
  calendarOf,
  conditionHolds,
  firstOccurrences,
  isMetBy,
  milestonesFor,
  nextOccurrence,
  openingMilestones,
  scheduleMilestone,
  windowDates,
  windowStateOn,
} from '../../../../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, note, windowOf } from '../../../../../support/clause-table.ts';
import { complainant, handlerRef, letterText, workflow } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';

const RECEIVED = '2026-03-02T10:00:00Z'; // Monday 2 March 2026 (Dublin, GMT)
const FIXTURE = 'tests/fixtures/regulations/10-ie-central-bank-cpc.yaml';

/** The fixture's one external tier, the FSPO. */
function fspo(reg: Regulation) {
  if (reg.external.kind !== 'tiers') throw new Error('the fixture has no external tiers');
  return reg.external.tiers[0]!;
}

/** A refused step's error (undefined: the step was allowed). */
const refusal = (step: Promise<unknown>) =>
  step.then(
    () => undefined,
    (error: unknown) => error,
  );

/**
 * Five complaints through the workflow, all made Mon 2 Mar 2026, in English: one about conduct of Sat 15 Jun 2024
 * decided Mon 20 Apr 2026; one whose matter went to court (recorded Fri 10 Apr) decided the same day; one with the
 * overrun notice on Wed 29 Apr (day 39); one left unanswered past day 40 (checked Fri 1 May 2026); one filed by a
 * person acting for the consumer.
 */
const run = {
  outcome: '',
  court: '',
  courtReferral: undefined as unknown,
  overrun: '',
  missedChecks: [] as string[],
  missedTerm: '',
  representative: { authorisation: '', assign: undefined as unknown },
};
beforeAll(async () => {
  const flow = await workflow(FIXTURE, RECEIVED);
  const en = { complainant: { ...complainant, language: 'en' } };
  const decided = await flow.submit({ ...en, occurredOn: '2024-06-15' });
  const court = await flow.submit(en);
  const overrun = await flow.submit(en);
  const unanswered = await flow.submit(en);
  const represented = await flow.submit({ ...en, representative: { name: 'Mary Byrne', email: 'mary@example.com' } });
  run.representative.authorisation = (await flow.get(represented)).representative?.authorisation ?? '';
  run.representative.assign = await refusal(flow.step(represented, 'assign', { handler: handlerRef(flow.handler1) }, flow.coordinator));
  flow.at('2026-04-10T10:00:00+01:00');
  await flow.step(court, 'record', { event: 'before-court' }, flow.coordinator);
  flow.at('2026-04-20T11:00:00+01:00');
  for (const reference of [decided, court]) await flow.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'The fee was in the terms of the account.' }, flow.coordinator);
  run.outcome = await letterText(flow, decided, 'outcome');
  run.court = await letterText(flow, court, 'outcome');
  run.courtReferral = await refusal(flow.step(court, 'external-referral', {}, flow.coordinator));
  flow.at('2026-04-29T11:00:00+01:00');
  await flow.step(overrun, 'delay-notice', { reason: 'We need the broker file.', expectedOn: '2026-05-29' }, flow.coordinator);
  run.overrun = await letterText(flow, overrun, 'overrun-notice');
  flow.at('2026-05-01T08:00:00+01:00');
  const deps = { register: flow.register, clock: flow.clock, regulations: flow.regulations };
  for (const milestoneId of ['overrun-notice', 'resolution']) run.missedChecks.push(await checkDeadline(deps, { reference: unanswered, milestoneId, kind: 'check' }));
  run.missedTerm = await letterText(flow, unanswered, 'missed-term').catch(() => '(no letter)');
});

/** The letter's paragraph about the FSPO. */
const fspoParagraph = (letter: string) => letter.split('\n\n').find((p) => p.includes('Financial Services and Pensions Ombudsman')) ?? '';

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'External body: Financial Services and Pensions Ombudsman (FSPO; the Financial Services Ombudsman, FSO, before 2017).',
    setting: 'external { kind: tiers, tiers: [fspo] }: body Financial Services and Pensions Ombudsman (FSO before 2017 in its description, printed in the letters)',
    check: (reg) => {
      expect(reg.external.kind === 'tiers' && reg.external.tiers.map((t) => t.id)).toEqual(['fspo']);
      expect(fspo(reg).body).toMatchObject({ name: 'Financial Services and Pensions Ombudsman', website: 'https://www.fspo.ie', description: { en: 'before 2017: the Financial Services Ombudsman' } });
      expect(fspoParagraph(run.outcome)).toContain('you can turn to Financial Services and Pensions Ombudsman (https://www.fspo.ie). Before 2017: the Financial Services Ombudsman.');
      expect(reg.organisation).toMatchObject({ timeZone: 'Europe/Dublin', languages: ['en', 'nl'] });
    },
  },
  {
    rule: 'Organisation type: versions',
    quote:
      'A modernised CPC took effect 24 March 2026 [complaintlab.com]. The figures below come from secondary compliance pages that restate the Code; the Code text itself was not read (see inferences).',
    setting: 'effectiveFrom 2026-03-24; source.note: the CPC 2012 figures are assumed to stand in the 2026 Code (unverified)',
    check: (reg) => {
      expect(reg.effectiveFrom).toBe('2026-03-24');
      expect(reg.source.note).toMatch(/The Code itself was not read/);
      expect(reg.source.note).toMatch(/keeps them \(unverified\)/);
    },
  },
  {
    rule: 'Shape: business days',
    quote: 'everything is counted in business days from the complaint being made',
    setting: 'periods written `<n> business-days` (= working days on the tenant calendar), anchored on received; calendar { holidays: none, closingDays: Irish bank holidays }',
    check: (reg) => {
      for (const id of ['acknowledgement', 'progress-update', 'resolution', 'overrun-notice']) {
        expect(milestone(reg, id)).toMatchObject({ anchor: 'received', period: { unit: 'working-days' } });
      }
      const calendar = calendarOf(reg);
      expect(reg.calendar.holidays).toBe('none');
      expect(calendar.nonWorkingReason('2026-03-17')).toBe('sluitingsdag'); // St Patrick's Day
      expect(calendar.nonWorkingReason('2026-04-03')).toBe('sluitingsdag'); // Good Friday: banks close
      expect(calendar.isWorkingDay('2026-04-27')).toBe(true); // Koningsdag is an ordinary day here
    },
  },
  {
    rule: 'Who may complain: the complaint',
    quote:
      'A "complaint" is an expression of grievance or dissatisfaction by a consumer, orally or in writing, about providing or offering a product or service, or failing or refusing to provide one',
    setting: 'scope.definition; intake.channels phone, branch (oral), letter, email (written)',
    check: (reg) => {
      expect(reg.scope.definition.en).toMatch(/orally or in writing, about providing or offering a product or service, or failing or refusing to provide one/);
      expect(reg.intake.channels.map((c) => [c.id, c.mode])).toEqual([
        ['phone', 'oral'],
        ['branch', 'oral'],
        ['letter', 'written'],
        ['email', 'written'],
      ]);
      // An oral complaint starts the same clock.
      expect(openingMilestones(reg, new Date(RECEIVED), { channel: 'phone' }).map((m) => m.milestoneId)).toEqual(['acknowledgement', 'progress-update', 'resolution', 'overrun-notice']);
    },
  },
  {
    rule: 'Who may complain: consumer',
    quote:
      'Consumer: a natural person; a group of natural persons (partnership, club, charity, trust, unincorporated body); an incorporated body under a turnover threshold. The threshold is €3m in older restatements and €5m in a newer one (version difference; verify).',
    setting: 'scope.complainants natural-person, group, small-company (label: €5m, older €3m: the version difference kept in the label)',
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['natural-person', 'group', 'small-company', 'beneficiary']);
      expect(reg.scope.complainants.find((c) => c.id === 'small-company')?.label.en).toBe('incorporated body under the turnover threshold (€5m; older: €3m)');
      expect(reg.scope.complainants.find((c) => c.id === 'group')?.label.en).toMatch(/partnership, club, charity, trust, unincorporated body/);
    },
  },
  {
    rule: 'Who may complain: complainant (ombudsman side)',
    quote:
      'Complainant (ombudsman side): the consumer; an actual or potential beneficiary; a person acting on behalf of an actual or potential beneficiary; a class specified by ministerial regulation (representation built into the definition).',
    setting: 'scope.complainants beneficiary; representation { onBehalfAllowed, authorisationRequired: false (not stated) }; notes ministerial-class',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisationRequired: false, pausesClock: false });
      expect(note(reg, 'ministerial-class').text.en).toMatch(/ministerial regulation/);
      // A representative's complaint runs on the same terms: Tue 31 Mar 2026 for the first update.
      expect(milestonesFor(reg, { happened: { received: RECEIVED }, representative: true, complainant: 'beneficiary' }).find((m) => m.milestoneId === 'progress-update')?.due).toBe('2026-03-31');
      // Through the workflow: filed by Mary Byrne for the consumer, no authorisation is asked for and the complaint is assigned at once.
      expect(run.representative.authorisation).toBe('not-required');
      expect(run.representative.assign).toBeUndefined();
    },
  },
  {
    rule: 'Who may complain: vulnerable circumstances (inferred)',
    quote: 'Newer text: "consumer in vulnerable circumstances" is a defined category (inferred: triggers extra care).',
    setting: 'categorySchemes circumstances: vulnerable; notes vulnerable-care; no different terms (none are stated)',
    check: (reg) => {
      expect(ids(reg.categorySchemes[0]?.categories ?? [])).toEqual(['vulnerable']);
      expect(note(reg, 'vulnerable-care').text.en).toMatch(/extra care \(inferred\); the source states no different terms/);
      const received = new Date(RECEIVED);
      expect(openingMilestones(reg, received, { categories: ['vulnerable'] })).toEqual(openingMilestones(reg, received));
    },
  },
  {
    rule: 'Deadlines: written acknowledgement',
    quote: '| Written acknowledgement | complaint made | 5 business days | hard ("within") |',
    setting: 'milestones acknowledgement { hard, received + 5 business-days, met by acknowledged }; notices acknowledgement (written)',
    check: (reg) => {
      const m = milestone(reg, 'acknowledgement');
      expect(m).toMatchObject({ kind: 'hard', period: { unit: 'working-days', amount: 5 }, metBy: ['acknowledged'] });
      expect(notice(reg, 'acknowledgement')).toMatchObject({ written: true, records: 'acknowledged' });
      // Thu 12 Mar 2026: Fri 13, Mon 16, (Tue 17 St Patrick's Day), Wed 18, Thu 19, Fri 20 Mar 2026.
      expect(scheduleMilestone(reg, m, new Date('2026-03-12T10:00:00Z')).due).toBe('2026-03-20');
      // Mon 2 Mar 2026: Mon 9 Mar 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-03-09');
    },
  },
  {
    rule: 'Deadlines: written progress update (recurring)',
    quote: '| Written progress update | complaint made | 20 business days; Lloyd\'s IE reads "at least every 20 business days" | recurring (inferred: intervals of at most 20 business days) |',
    setting: 'milestones progress-update { recurring every 20 business-days, rhythm since-last (at most 20 after the previous), until ruling-sent, met by progress-update-sent }',
    check: (reg) => {
      const m = milestone(reg, 'progress-update');
      expect(m.recurring).toEqual({ every: { unit: 'working-days', amount: 20 }, rhythm: 'since-last', until: ['ruling-sent'] });
      expect(m).toMatchObject({ kind: 'hard', metBy: ['progress-update-sent'] });
      expect(notice(reg, 'progress-update')).toMatchObject({ written: true, records: 'progress-update-sent' });
      // From Mon 2 Mar 2026, each met on its due day: Tue 31 Mar (St Patrick's Day skipped),
      // Thu 30 Apr (Good Friday, Easter Monday skipped), Fri 29 May 2026 (4 May skipped).
      expect(firstOccurrences(reg, m, '2026-03-02', 3).map((o) => [o.occurrence, o.due])).toEqual([
        [1, '2026-03-31'],
        [2, '2026-04-30'],
        [3, '2026-05-29'],
      ]);
      // An update sent early (Fri 20 Mar) restarts the 20 business days: Tue 21 Apr 2026.
      expect(nextOccurrence(reg, m, '2026-03-02', { occurrence: 1, due: '2026-03-31', metOn: '2026-03-20' })?.due).toBe('2026-04-21');
    },
  },
  {
    rule: 'Deadlines: final response (target)',
    quote: '| Final response | receipt | 40 business days | target for resolution; on overrun a duty to inform |',
    setting: 'milestones resolution { kind: target, received + 40 business-days, met by ruling-sent; extension { times: unlimited, upTo: open } to the announced timescale }',
    check: (reg) => {
      const m = milestone(reg, 'resolution');
      expect(m).toMatchObject({ kind: 'target', period: { unit: 'working-days', amount: 40 }, metBy: ['ruling-sent'] });
      expect(m.extension).toMatchObject({ times: 'unlimited', upTo: 'open', notice: { to: ['complainant'] } });
      // Mon 2 Mar 2026 + 40 business days = Thu 30 Apr 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-04-30');
      // The expected timescale told on overrun becomes the new target date: Fri 29 May 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED), { extensions: [{ until: '2026-05-29' }] }).due).toBe('2026-05-29');
    },
  },
  {
    rule: 'Deadlines: after 40 business days unresolved',
    quote: "| After 40 business days unresolved | day 40 | — | tell the consumer the expected timescale; Lloyd's IE adds: explain why and give full referral rights to the ombudsman |",
    setting:
      'milestones overrun-notice { hard, received + 40 business-days, met by ruling-sent or delay-notified }: on day 40 the outcome or the notice; notices overrun-notice { delay-reason, external-body }',
    check: (reg) => {
      const m = milestone(reg, 'overrun-notice');
      expect(m).toMatchObject({ kind: 'hard', period: { unit: 'working-days', amount: 40 }, metBy: ['ruling-sent', 'delay-notified'], escalationRole: 'compliance' });
      expect(isMetBy(m, 'delay-notified')).toBe(true);
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-04-30');
      expect(notice(reg, 'overrun-notice')).toMatchObject({ records: 'delay-notified', written: true, contents: ['delay-reason', 'external-body'] });
      // The notice of Wed 29 Apr 2026 (day 39): why, the expected timescale, and the FSPO now.
      expect(run.overrun).toContain('The handling of your complaint is delayed.\nReason: We need the broker file.\nWe expect to answer you by Friday 29 May 2026.');
      expect(fspoParagraph(run.overrun)).toContain('you can turn to Financial Services and Pensions Ombudsman (https://www.fspo.ie).');
      // Nothing sent by day 40 (Thu 30 Apr 2026): the notice duty is escalated, the target missed, and the consumer is told the FSPO is open now.
      expect(run.missedChecks).toEqual(['escalated', 'target-missed']);
      expect(fspoParagraph(run.missedTerm)).toMatch(
        /^The period within which we had to answer your complaint has passed\. You can therefore turn directly to Financial Services and Pensions Ombudsman \(https:\/\/www\.fspo\.ie\)\./,
      );
    },
  },
  {
    rule: 'Deadlines: CPC 10.9 contact person (memory, inferred)',
    quote: 'Inferred from CPC 2012 provision 10.9, memory, not read: the acknowledgement names a contact person;',
    setting: 'acknowledgement contents handler-name (inferred)',
    check: (reg) => expect(notice(reg, 'acknowledgement').contents).toEqual(['complaint-summary', 'handler-name', 'expected-term']),
  },
  {
    rule: 'Deadlines: CPC 10.9 outcome letter (memory, inferred)',
    quote: 'the outcome is given in writing within 5 business days after the investigation ends, with the terms of any offer and the right to refer to the FSPO.',
    setting: 'events investigation-completed; milestones outcome-letter { investigation-completed + 5 business-days, met by ruling-sent }; notices outcome { written, remedy-offer, external-body }',
    check: (reg) => {
      const m = milestone(reg, 'outcome-letter');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'investigation-completed', period: { unit: 'working-days', amount: 5 }, metBy: ['ruling-sent'] });
      expect(ids(reg.events)).toEqual(['investigation-completed', 'before-court']);
      // Investigation ends Wed 29 Apr 2026: Thu 30, Fri 1 May, (Mon 4 May), Tue 5, Wed 6, Thu 7 May 2026.
      const facts = { happened: { received: RECEIVED, 'investigation-completed': '2026-04-29T16:00:00+01:00' } };
      expect(milestonesFor(reg, facts).find((s) => s.milestoneId === 'outcome-letter')?.due).toBe('2026-05-07');
      expect(milestonesFor(reg, { happened: { received: RECEIVED } }).some((s) => s.milestoneId === 'outcome-letter')).toBe(false);
      expect(notice(reg, 'outcome')).toMatchObject({ written: true, records: 'ruling-sent', contents: ['outcome', 'reasons', 'remedy-offer', 'external-body'] });
      // The outcome letter of Mon 20 Apr 2026 gives the right to refer to the FSPO.
      expect(run.outcome).toContain('Outcome: unfounded');
      expect(fspoParagraph(run.outcome)).toMatch(/^If you are not satisfied, you can turn to Financial Services and Pensions Ombudsman/);
    },
  },
  {
    rule: 'Who handles',
    quote: "The firm's complaints function. Impartiality rules: not read.",
    setting: 'roles coordinator = complaints function; notes impartiality-not-read (no role rules)',
    check: (reg) => {
      expect(reg.roles.find((r) => r.id === 'coordinator')?.label.en).toBe('Complaints function');
      expect(reg.roleRules).toEqual([]);
      expect(note(reg, 'impartiality-not-read').text.en).toMatch(/not read/);
    },
  },
  {
    rule: 'External body: first the provider',
    quote: 'The consumer must first give the provider the chance to resolve (the provider has 40 business days) [mondaq, FSO era].',
    setting:
      'windows fspo.opens = earliest of ruling-sent and received + 41 business-days (once the 40 have passed); tier fspo { opens: after answer, ' +
      'directlyWhen: { missed: [resolution, overrun-notice] } }: the FSPO is named once the provider answered, or directly once the 40 days passed',
    check: (reg) => {
      expect(fspo(reg).opens).toEqual({ after: 'answer', directlyWhen: { missed: ['resolution', 'overrun-notice'] } });
      const waitingFacts = { happened: { received: RECEIVED } };
      expect(nextTiers(reg, waitingFacts, 'missed-term')).toEqual([]);
      expect(nextTiers(reg, { ...waitingFacts, missed: { resolution: '2026-04-30T22:59:59Z' } }, 'missed-term').map((t) => t.tier.id)).toEqual(['fspo']);
      expect(run.missedTerm).toContain('turn directly to Financial Services and Pensions Ombudsman');
      const w = windowOf(reg, 'fspo');
      // No final response: open from Fri 1 May 2026, the business day after the 40th (Thu 30 Apr).
      const waiting = windowDates(reg, w, { happened: { received: RECEIVED } });
      expect(waiting.opens).toBe('2026-05-01');
      expect(windowStateOn(waiting, '2026-04-30')).toBe('not-yet');
      expect(windowStateOn(waiting, '2026-05-01')).toBe('open');
      // A final response on Mon 20 Apr 2026 opens it that day.
      expect(windowDates(reg, w, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-20T12:00:00+01:00' } }).opens).toBe('2026-04-20');
    },
  },
  {
    rule: 'External body: time limit',
    quote: 'Time limit (FSO era): 6 years from the date of the conduct complained of [mondaq].',
    setting: 'windows fspo.closes and fspo-limitation = stated:occurred-on + 6 years, counted exactly (no end-day rule); receivedOutside fspo-limitation',
    check: (reg) => {
      // Conduct Sat 15 Jun 2024: the FSPO may be approached to Sat 15 Jun 2030.
      expect(windowDates(reg, windowOf(reg, 'fspo'), { happened: { received: RECEIVED, 'ruling-sent': '2026-04-20T12:00:00+01:00' }, stated: { 'occurred-on': '2024-06-15' } })).toMatchObject({
        opens: '2026-04-20',
        closes: '2030-06-15',
        closesProvisional: false,
      });
      // Conduct Mon 16 Mar 2020: six years end Mon 16 Mar 2026.
      const limitation = windowOf(reg, 'fspo-limitation');
      expect(limitation).toMatchObject({ anchor: 'stated:occurred-on', period: { unit: 'years', amount: 6 }, endDayRule: false });
      const stated = { 'occurred-on': '2020-03-16' };
      expect(conditionHolds(reg, { receivedOutside: 'fspo-limitation' }, { happened: { received: '2026-03-16T10:00:00Z' }, stated })).toBe(false);
      expect(conditionHolds(reg, { receivedOutside: 'fspo-limitation' }, { happened: { received: '2026-03-17T10:00:00Z' }, stated })).toBe(true);
      // Through the workflow: conduct Sat 15 Jun 2024, outcome Mon 20 Apr 2026: the letter gives Sat 15 Jun 2030 (no end-day rule).
      expect(fspo(reg).window).toBe('fspo');
      expect(fspoParagraph(run.outcome)).toContain('You can do so until Saturday 15 June 2030 inclusive (FSPO Act 2017).');
      // No date of the conduct stated: the letters give no last day.
      expect(fspoParagraph(run.missedTerm)).not.toMatch(/until/);
    },
  },
  {
    rule: 'External body: awareness limits (inferred, verify)',
    quote: 'Inferred: the FSPO Act 2017 keeps 6 years and adds awareness-based limits for long-term products — verify.',
    setting: 'notes fspo-awareness-limits: not encoded (to verify); no learned-on date',
    check: (reg) => {
      expect(note(reg, 'fspo-awareness-limits').text.en).toMatch(/to verify\): not encoded/);
      expect(reg.statedDates).toEqual([]);
    },
  },
  {
    rule: 'External body: court, free, binding',
    quote: 'The FSPO cannot hear matters that are before a court. It is free for consumers and makes binding decisions [mondaq; complaintlab].',
    setting:
      'events before-court (coordinator); tier fspo { when: { not: { event: before-court } }, fee: EUR 0, decision: binding }: a matter before a court ' +
      'gets no FSPO route and no referral; the letters say free and binding; notes fspo-court',
    check: (reg) => {
      expect(note(reg, 'fspo-court').text.en).toBe('The FSPO cannot hear matters that are before a court.');
      expect(fspo(reg)).toMatchObject({ when: { not: { event: 'before-court' } }, fee: { amount: { amount: 0, currency: 'EUR' } }, decision: 'binding' });
      expect(reg.events.find((e) => e.id === 'before-court')?.recordedBy).toEqual(['coordinator']);
      expect(fspoParagraph(run.outcome)).toContain('It is free of charge. Its decision is binding.');
      // Before a court (recorded Fri 10 Apr 2026): the outcome letter of Mon 20 Apr names no FSPO, and a referral is refused with the rule.
      expect(run.court).toContain('Outcome: unfounded');
      expect(run.court).not.toContain('Ombudsman');
      expect(run.courtReferral).toBeInstanceOf(RuleViolationError);
      expect(run.courtReferral).toMatchObject({ message: 'no external body is open to this complaint now', citation: 'FSPO Act 2017' });
    },
  },
  {
    rule: 'External body: "within 6 months" (not law)',
    quote: 'One firm\'s page tells consumers to refer "within 6 months of our final response" [support.simplybe.ie]. This is unverified and may be a UK-style carry-over, so do not treat it as law.',
    setting: 'notes six-months-not-law; no 6-month window',
    check: (reg) => {
      expect(note(reg, 'six-months-not-law').text.en).toMatch(/not law: not encoded/);
      expect(reg.windows.map((w) => w.closes)).not.toContainEqual(expect.objectContaining({ period: { unit: 'months', amount: 6 } }));
    },
  },
  {
    rule: 'Registration / reporting (inferred)',
    quote: 'Specific complaint registration requirements exist [complaintlab]. Inferred, memory: keep a complaints log and records for 6 years, and analyse complaints regularly.',
    setting: 'reporting complaints-log (continuous), complaints-analysis (periodic); retention { keep: 6 years, after: closed } (inferred)',
    check: (reg) => {
      expect(reg.reporting.map((r) => [r.id, r.cadence])).toEqual([
        ['complaints-log', 'continuous'],
        ['complaints-analysis', 'periodic'],
      ]);
      expect(reg.retention).toMatchObject({ keep: { unit: 'years', amount: 6 }, after: 'closed' });
      expect(reg.retention.reason.en).toMatch(/^Inferred/);
    },
  },
];

describeCorpusSheet({ sheet: '10-ie-central-bank-cpc', rules });
