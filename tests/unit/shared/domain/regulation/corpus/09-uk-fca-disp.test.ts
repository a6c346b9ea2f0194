// Corpus sheet 09: a UK firm under FCA DISP 1.5 / 1.6 / 2.8 and the FOS, rule by rule -> tests/fixtures/regulations/09-uk-fca-disp.yaml.
// Dates are worked out by hand on the fixture's calendar: weekends plus the England and Wales bank holidays
// 2026-2027 (1 Jan, Good Friday 3 Apr, Easter Monday 6 Apr, 4 May, 25 May, 31 Aug, 25 and 28 Dec 2026, ...);
// no Dutch holidays, and no end-day rule (UK periods end where they end).
import { beforeAll, expect } from 'vitest';
import { checkDeadline } from '../../../../../../shared/domain/complaint/check-deadline.ts';
import { deliverOutbox } from '../../../../../../shared/domain/complaint/deliver-outbox.ts';
import { RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import type { Mailer, OutgoingMail } from '../../../../../../shared/domain/ports.ts';
import { endOfLocalDay } from '../../../../../../shared/domain/calendar/index.ts';
import { retentionEnd } from '../../../../../../shared/domain/privacy/retention.ts';
import {
  type ComplaintFacts,
  type Regulation,
  calendarOf,
  conditionHolds,
  isMetBy,
  milestoneApplies,
  milestonesFor,
  openingMilestones,
  periodFor,
  scheduleMilestone,
  windowDates,
  windowStateOn,
} from '../../../../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, note, windowOf } from '../../../../../support/clause-table.ts';
import { complainant, handlerRef, workflow, letterText } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';

function fos(reg: Regulation, facts: ComplaintFacts) {
  return windowDates(reg, windowOf(reg, 'fos'), facts);
}

const RECEIVED = '2026-03-02T10:00:00Z'; // Monday 2 March 2026 (GMT)
const PSD = ['payment-services'];
const FIXTURE = 'tests/fixtures/regulations/09-uk-fca-disp.yaml';

/** The fixture's one external tier, the FOS. */
function fosTier(reg: Regulation) {
  if (reg.external.kind !== 'tiers') throw new Error('the fixture has no external tiers');
  return reg.external.tiers[0]!;
}

/** A refused step's error (undefined: the step was allowed). */
const refusal = (step: Promise<unknown>) =>
  step.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Two complaints run through the workflow (filed Mon 2 Mar 2026, in English): their letters and deadlines. */
const run = { finalResponse: '', summaryResolution: '', quickMilestones: [] as Array<[string, string]>, quickOutcome: '', quickSubjects: [] as string[] };
beforeAll(async () => {
  const flow = await workflow(FIXTURE, RECEIVED);
  const en = { complainant: { ...complainant, language: 'en' } };
  // Resolved on Wed 4 Mar 2026 (business day 2): the summary resolution communication.
  const quick = await flow.submit(en);
  flow.at('2026-03-04T15:00:00Z');
  await flow.step(quick, 'resolve-informally', { description: 'We corrected the charge; you accepted by phone.' }, flow.coordinator);
  run.summaryResolution = await letterText(flow, quick, 'summary-resolution');
  run.quickMilestones = (await flow.get(quick)).milestones.map((m) => [m.milestoneId, m.status]);
  // Sent: the letter records ruling-sent (starting the FOS window); the resolution it reports stands, and no other ruling letter follows.
  const mailer: Mailer & { sent: OutgoingMail[] } = {
    sent: [],
    async send(mail) {
      this.sent.push(mail);
      return `m-${this.sent.length}`;
    },
  };
  await deliverOutbox({ register: flow.register, clock: flow.clock, regulations: flow.regulations, mailer, scheduler: { async ensure() {}, async remove() {} } }, 100);
  await deliverOutbox({ register: flow.register, clock: flow.clock, regulations: flow.regulations, mailer, scheduler: { async ensure() {}, async remove() {} } }, 100);
  run.quickOutcome = (await flow.get(quick)).decision?.outcome ?? '';
  run.quickSubjects = mailer.sent.filter((m) => m.to === complainant.email).map((m) => m.subject);
  // Rejected with reasons on Fri 17 Apr 2026: the final response.
  const rejected = await flow.submit(en);
  flow.at('2026-04-17T11:00:00Z');
  await flow.step(rejected, 'ruling', { outcome: 'unfounded', reasoning: 'The charge was made under the contract.' }, flow.coordinator);
  run.finalResponse = await letterText(flow, rejected, 'final-response');
});

/**
 * Four more complaints, filed Mon 2 Mar 2026 in English: one filed by a representative; one whose event
 * (Sun 10 May 2020) and awareness (Mon 15 Jan 2024) are stated, rejected Fri 17 Apr 2026 and, after the
 * six months, referred with the firm's consent (Mon 2 Nov 2026); one with a holding response at 8 weeks
 * (Mon 27 Apr 2026); one left unanswered past the 8 weeks (checked Tue 28 Apr 2026).
 */
const more = {
  representative: { authorisation: '', assignBefore: undefined as unknown, assignAfter: undefined as unknown },
  limited: '',
  waived: '',
  holding: '',
  missedCheck: '',
  missedTerm: '',
  missedEvents: [] as string[],
};
beforeAll(async () => {
  const flow = await workflow(FIXTURE, RECEIVED);
  const en = { complainant: { ...complainant, language: 'en' } };
  const represented = await flow.submit({ ...en, representative: { name: 'Tom Smith', email: 'tom@example.com' } });
  const limited = await flow.submit({ ...en, occurredOn: '2020-05-10', statedDates: { 'learned-on': '2024-01-15' } });
  const holding = await flow.submit(en);
  const unanswered = await flow.submit(en);
  more.representative.authorisation = (await flow.get(represented)).representative?.authorisation ?? '';
  flow.at('2026-03-03T10:00:00Z');
  more.representative.assignBefore = await refusal(flow.step(represented, 'assign', { handler: handlerRef(flow.handler1) }, flow.coordinator));
  await flow.step(represented, 'authorisation', {}, flow.coordinator);
  more.representative.assignAfter = await refusal(flow.step(represented, 'assign', { handler: handlerRef(flow.handler1) }, flow.coordinator));
  flow.at('2026-04-17T11:00:00Z');
  await flow.step(limited, 'ruling', { outcome: 'unfounded', reasoning: 'The charge was made under the contract.' }, flow.coordinator);
  more.limited = await letterText(flow, limited, 'final-response');
  flow.at('2026-04-27T11:00:00Z');
  await flow.step(holding, 'holding-response', { reason: 'We are waiting for the bank statements.', expectedOn: '2026-05-29' }, flow.coordinator);
  more.holding = await letterText(flow, holding, 'holding-response');
  flow.at('2026-04-28T08:00:00Z');
  more.missedCheck = await checkDeadline({ register: flow.register, clock: flow.clock, regulations: flow.regulations }, { reference: unanswered, milestoneId: 'final-response', kind: 'check' });
  more.missedEvents = await flow.eventTypes(unanswered);
  more.missedTerm = await letterText(flow, unanswered, 'missed-term').catch(() => '(no letter)');
  flow.at('2026-11-02T10:00:00Z');
  await flow.step(limited, 'record', { event: 'time-limits-waived' }, flow.coordinator);
  await flow.step(limited, 'external-referral', {}, flow.coordinator);
  more.waived = await letterText(flow, limited, 'external-referral');
});
/** The Annex 3 statement the notice prints (English). */
const annex3 = (reg: Regulation, noticeId: string) => notice(reg, noticeId).paragraphs.map((p) => p.en);

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'External body: Financial Ombudsman Service (FOS). Several dated versions of the handbook were read: 2005, 2007, 2012, 2016, 2021, 2024 and one dated 2026.',
    setting: 'external { kind: tiers, tiers: [fos] }: the one body after the firm; version DISP 2026 (current texts followed; older versions in source.note)',
    check: (reg) => {
      expect(reg.external.kind === 'tiers' && reg.external.tiers.map((t) => t.id)).toEqual(['fos']);
      expect(fosTier(reg)).toMatchObject({ body: { name: 'Financial Ombudsman Service', website: 'https://www.financial-ombudsman.org.uk' }, window: 'fos' });
      expect(reg.version).toBe('DISP 2026');
      expect(reg.source.note).toMatch(/versions 2005-2026 read/);
      expect(reg.organisation).toMatchObject({ timeZone: 'Europe/London', languages: ['en', 'nl'] });
    },
  },
  {
    rule: 'Organisation type: UK firms (calendar, a tenant setting)',
    quote: 'UK-regulated financial firms ("respondents") handling complaints from eligible complainants.',
    setting: 'calendar { holidays: none, closingDays: England and Wales bank holidays 2026-2027 }: business days are UK business days',
    check: (reg) => {
      const calendar = calendarOf(reg);
      expect(reg.calendar.holidays).toBe('none');
      expect(calendar.nonWorkingReason('2026-05-04')).toBe('sluitingsdag'); // Early May bank holiday
      expect(calendar.nonWorkingReason('2026-12-28')).toBe('sluitingsdag'); // Boxing Day (substitute)
      expect(calendar.isWorkingDay('2026-04-27')).toBe(true); // Koningsdag is an ordinary day here
      expect(calendar.isWorkingDay('2026-05-05')).toBe(true);
    },
  },
  {
    rule: 'Who may complain',
    quote: 'Eligible complainants (consumers, and some small businesses and charities; detail in DISP 2.7, not read).',
    setting: 'scope.complainants consumer, small-business, charity',
    check: (reg) => expect(ids(reg.scope.complainants)).toEqual(['consumer', 'small-business', 'charity']),
  },
  {
    rule: 'Who may complain: representation (memory, inferred)',
    quote: 'Representation: a complaint may be brought by a person authorised by the complainant or by law (DISP 2.7, memory → inferred).',
    setting: 'representation { onBehalfAllowed, authorisation: always, pausesClock: false }: the complaint waits for the authorisation before it is assigned',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisation: 'always', authorisationRequired: true, pausesClock: false });
      // Filed by Tom Smith for the complainant: refused assignment until the authorisation arrives (DISP 2.7), then assigned.
      expect(more.representative.authorisation).toBe('required');
      expect(more.representative.assignBefore).toBeInstanceOf(RuleViolationError);
      expect(more.representative.assignBefore).toMatchObject({ citation: 'DISP 2.7', message: expect.stringMatching(/signed authorisation must arrive first/) });
      expect(more.representative.assignAfter).toBeUndefined();
    },
  },
  {
    rule: 'Quick resolution (DISP 1.5): 3 business days',
    quote: 'resolved by close of business on the 3rd business day after the day of receipt',
    setting: 'milestones quick-resolution { kind: target (an option), received + 3 working-days, met by resolved, no end-day rule }; outcome resolved-informally',
    check: (reg) => {
      const m = milestone(reg, 'quick-resolution');
      expect(m).toMatchObject({ kind: 'target', anchor: 'received', period: { unit: 'working-days', amount: 3 }, metBy: ['resolved'], endDayRule: false });
      expect(m.escalationRole).toBeUndefined();
      // Mon 2 Mar 2026: Tue, Wed, Thu -> Thu 5 Mar 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-03-05');
      // Thu 30 Apr 2026: Fri 1 May, (Mon 4 May bank holiday), Tue 5, Wed 6 May 2026.
      expect(scheduleMilestone(reg, m, new Date('2026-04-30T10:00:00+01:00')).due).toBe('2026-05-06');
      expect(reg.outcomes.find((o) => o.id === 'resolved-informally')?.requires).toEqual(['outcome', 'external-body']);
    },
  },
  {
    rule: 'Quick resolution: exempt from the time limits',
    quote: 'are exempt from the time-limit and forwarding rules.',
    setting:
      'milestones final-response and psd-final-response unless { met: [quick-resolution] }: lifted only when the quick resolution ' +
      '(received + 3 working-days, met by resolved) was met by its due day; a later resolution leaves the 8 weeks running',
    check: (reg) => {
      const m = milestone(reg, 'final-response');
      expect(m.unless).toEqual({ met: ['quick-resolution'] });
      expect(milestone(reg, 'psd-final-response').unless).toEqual({ met: ['quick-resolution'] });
      // Resolved on business day 8 (Wed 11 Mar): the quick resolution (due Thu 5 Mar) was missed, the final response stays due.
      const late = { happened: { received: RECEIVED, resolved: '2026-03-11T15:00:00Z' }, missed: { 'quick-resolution': '2026-03-05T23:59:59Z' } };
      expect(milestoneApplies(reg, m, late)).toBe(true);
      expect(milestonesFor(reg, late).find((s) => s.milestoneId === 'final-response')?.due).toBe('2026-04-27');
      // Resolved on business day 2 (Wed 4 Mar): the quick resolution is met in time, no final-response deadline.
      const quick = { happened: { received: RECEIVED, resolved: '2026-03-04T15:00:00Z' }, metOnTime: ['quick-resolution'] };
      expect(milestoneApplies(reg, m, quick)).toBe(false);
      expect(milestonesFor(reg, quick).map((s) => s.milestoneId)).not.toContain('final-response');
      // Not yet resolved: the duty stands.
      expect(milestoneApplies(reg, m, { happened: { received: RECEIVED } })).toBe(true);
      // Through the workflow: resolved Wed 4 Mar, the quick resolution is met and the final-response duty cancelled.
      expect(run.quickMilestones).toEqual([
        ['quick-resolution', 'met'],
        ['final-response', 'cancelled'],
      ]);
    },
  },
  {
    rule: 'Quick resolution: older versions',
    quote: 'Older versions (2007/2012) used "the business day following receipt".',
    setting: 'the current 3 business days are encoded; source.note records the older 1 working-day',
    check: (reg) => {
      expect(milestone(reg, 'quick-resolution').period.amount).toBe(3);
      expect(reg.source.note).toMatch(/2007\/2012 had "the business day following receipt", which would be 1 working-day/);
    },
  },
  {
    rule: 'Quick resolution: "resolved"',
    quote: '"Resolved" means the complainant indicated acceptance; neither the response nor the acceptance has to be in writing.',
    setting: 'notes quick-resolution-meaning; the summary resolution communication follows `resolved` (any form), the written-acceptance exception is a separate event',
    check: (reg) => {
      expect(note(reg, 'quick-resolution-meaning').text.en).toMatch(/neither the response nor the acceptance has to be in writing/);
      expect(notice(reg, 'summary-resolution').trigger).toBe('resolved');
    },
  },
  {
    rule: 'Quick resolution: summary resolution communication',
    quote: 'The firm must promptly send a summary resolution communication.',
    setting: 'notices summary-resolution { trigger: resolved, written, records ruling-sent } ("promptly": no term)',
    check: (reg) => {
      expect(notice(reg, 'summary-resolution')).toMatchObject({ to: ['complainant'], written: true, records: 'ruling-sent' });
      // It meets the final-response duty and starts the FOS 6 months.
      expect(isMetBy(milestone(reg, 'final-response'), 'ruling-sent')).toBe(true);
      // Recording ruling-sent keeps the resolution it reports; the letter is the firm's one final word on it.
      expect(run.quickOutcome).toBe('resolved-informally');
      expect(run.quickSubjects.filter((s) => /Decision on your complaint/.test(s))).toEqual([]);
      expect(run.quickSubjects.length).toBeGreaterThanOrEqual(2);
    },
  },
  {
    rule: 'Quick resolution: what the communication states',
    quote: 'It states that the firm considers the complaint resolved, that the complainant may refer to the FOS, whether the firm waives the time limits (Annex 3 wording), and the FOS website.',
    setting: 'summary-resolution contents outcome (resolved) + external-body (the FOS, its website); paragraphs: the Annex 3 statement (row "waiver statement" below)',
    check: (reg) => {
      expect(notice(reg, 'summary-resolution').contents).toEqual(['outcome', 'external-body']);
      expect(fosTier(reg).body.website).toBe('https://www.financial-ombudsman.org.uk');
      expect(run.summaryResolution).toContain('Outcome: resolved by the third business day');
      expect(run.summaryResolution).toContain('you can turn to Financial Ombudsman Service (https://www.financial-ombudsman.org.uk)');
      expect(run.summaryResolution).toContain(annex3(reg, 'summary-resolution')[0]);
    },
  },
  {
    rule: 'Quick resolution: 2012 guidance on the anchor',
    quote: '2012 guidance: a complaint received on a non-business day, or after close of business, may be treated as received on the next business day (a calendar anchor rule).',
    setting: 'notes received-after-hours: the permissive guidance is not used; periods count from the actual day of receipt (never later)',
    check: (reg) => {
      expect(note(reg, 'received-after-hours').text.en).toMatch(/counts from the actual day of receipt \(never later\)/);
      // Received Sat 7 Mar 2026: Mon 9, Tue 10, Wed 11 (not Thu 12, as from Monday).
      expect(scheduleMilestone(reg, milestone(reg, 'quick-resolution'), new Date('2026-03-07T10:00:00Z')).due).toBe('2026-03-11');
    },
  },
  {
    rule: 'Acknowledgement (DISP 1.6.1)',
    quote: 'On receipt: a prompt written acknowledgement (no fixed number of days) giving early reassurance.',
    setting: 'duties acknowledge-promptly (records acknowledged); notices acknowledgement (written); no milestone: no number of days',
    check: (reg) => {
      expect(reg.duties.find((d) => d.id === 'acknowledge-promptly')).toMatchObject({ trigger: 'received', records: 'acknowledged' });
      expect(notice(reg, 'acknowledgement')).toMatchObject({ written: true, records: 'acknowledged' });
      expect(reg.milestones.filter((m) => m.metBy.includes('acknowledged'))).toEqual([]);
    },
  },
  {
    rule: 'Acknowledgement: the deadline that applies (2026)',
    quote: 'In the 2026 text it also states which deadline will apply (15/35 business days or 8 weeks).',
    setting: 'acknowledgement contents expected-term (the live deadlines: 15 business days for PSD/EMD, else 8 weeks)',
    check: (reg) => {
      expect(notice(reg, 'acknowledgement').contents).toContain('expected-term');
      const received = new Date(RECEIVED);
      expect(openingMilestones(reg, received).map((m) => [m.milestoneId, m.due])).toEqual([
        ['quick-resolution', '2026-03-05'],
        ['final-response', '2026-04-27'],
      ]);
      expect(openingMilestones(reg, received, { categories: PSD }).map((m) => [m.milestoneId, m.due])).toEqual([
        ['quick-resolution', '2026-03-05'],
        ['final-response', '2026-03-23'],
      ]);
    },
  },
  {
    rule: 'Updates: keep informed',
    quote: 'Thereafter the complainant must be kept informed of progress. This is a recurring duty with no fixed interval.',
    setting: 'duties keep-informed (records progress-update-sent); notices progress-update; no recurring milestone: no interval to count',
    check: (reg) => {
      expect(reg.duties.find((d) => d.id === 'keep-informed')).toMatchObject({ records: 'progress-update-sent' });
      expect(notice(reg, 'progress-update').contents).toEqual(['progress-update']);
      expect(reg.milestones.filter((m) => m.recurring)).toEqual([]);
    },
  },
  {
    rule: 'Deadlines: final or holding response, 8 weeks',
    quote: '| Final response or holding response | firm\'s receipt | 8 weeks | hard ("by the end of") |',
    setting: 'milestones final-response { hard, received + 8 weeks, met by ruling-sent or holding-response-sent, no end-day rule }',
    check: (reg) => {
      const m = milestone(reg, 'final-response');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 8 }, metBy: ['ruling-sent', 'holding-response-sent'], endDayRule: false });
      // Mon 2 Mar 2026 + 8 weeks = Mon 27 Apr 2026 (a business day in the UK).
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-04-27');
      // Received Sat 7 Mar 2026: due Sat 2 May 2026, not moved.
      expect(scheduleMilestone(reg, m, new Date('2026-03-07T10:00:00Z')).due).toBe('2026-05-02');
    },
  },
  {
    rule: 'Deadlines: PSD/EMD final response, 15 business days',
    quote: '| PSD/EMD complaint final response | receipt | 15 business days | hard |',
    setting: 'final-response.variants [{ when: categories payment-services / e-money, period: 15 working-days }]',
    check: (reg) => {
      const m = milestone(reg, 'final-response');
      expect(periodFor(reg, m, { happened: { received: RECEIVED }, categories: ['e-money'] })).toEqual({ period: { unit: 'working-days', amount: 15 }, variant: 0 });
      expect(periodFor(reg, m, { happened: { received: RECEIVED } })).toEqual({ period: { unit: 'weeks', amount: 8 } });
      // Mon 2 Mar 2026 + 15 business days = Mon 23 Mar 2026.
      expect(milestonesFor(reg, { happened: { received: RECEIVED }, categories: PSD }).find((s) => s.milestoneId === 'final-response')?.due).toBe('2026-03-23');
    },
  },
  {
    rule: 'Deadlines: PSD/EMD exceptional, 15 / 35 business days',
    quote: '| PSD/EMD, exceptional: holding response / final | receipt | 15 / 35 business days | hard |',
    setting: 'the 15 days are met by a holding response; milestones psd-final-response { received + 35 working-days, appliesWhen PSD/EMD and holding-response-sent }',
    check: (reg) => {
      const m = milestone(reg, 'psd-final-response');
      expect(m).toMatchObject({ kind: 'hard', period: { unit: 'working-days', amount: 35 }, metBy: ['ruling-sent'] });
      const holding = { received: RECEIVED, 'holding-response-sent': '2026-03-23T16:00:00Z' };
      expect(milestoneApplies(reg, m, { happened: holding, categories: PSD })).toBe(true);
      expect(milestoneApplies(reg, m, { happened: holding })).toBe(false); // not a payment complaint
      expect(milestoneApplies(reg, m, { happened: { received: RECEIVED }, categories: PSD })).toBe(false); // no holding response
      // 35 business days from Mon 2 Mar 2026, skipping Good Friday 3 Apr and Easter Monday 6 Apr: Wed 22 Apr 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-04-22');
    },
  },
  {
    rule: 'Deadlines: FOS may take the case',
    quote: '| FOS may take the case | receipt | after 8 weeks (or 15/35 bd) without a final response | precondition |',
    setting:
      'windows fos.opens = earliest of: ruling-sent, missed:final-response, missed:psd-final-response, received + 57 calendar-days (the day after the 8 weeks); ' +
      'tier fos opens.directlyWhen { missed: [final-response, psd-final-response] }: once the term passed, the complainant is told they can go to the FOS now',
    check: (reg) => {
      expect(fosTier(reg).opens).toEqual({ after: 'answer', directlyWhen: { missed: ['final-response', 'psd-final-response'] } });
      // Filed Mon 2 Mar 2026 and unanswered by Mon 27 Apr: the check on Tue 28 Apr escalates the term and writes to the complainant.
      expect(more.missedCheck).toBe('escalated');
      expect(more.missedEvents).toContain('deadline-missed');
      expect(more.missedTerm).toContain(
        'The period within which we had to answer your complaint has passed. You can therefore turn directly to Financial Ombudsman Service (https://www.financial-ombudsman.org.uk). It is free of charge. (DISP 1.6.2)',
      );
      // The 6 months have not started (no final response): no last day is given.
      expect(more.missedTerm).not.toMatch(/until/);
      const at = '2026-03-10';
      // Nothing sent yet: the FOS opens Tue 28 Apr 2026, the day after the 8 weeks.
      const waiting = fos(reg, { happened: { received: RECEIVED } });
      expect(waiting.opens).toBe('2026-04-28');
      expect(windowStateOn(waiting, at)).toBe('not-yet');
      expect(windowStateOn(waiting, '2026-04-27')).toBe('not-yet');
      expect(windowStateOn(waiting, '2026-04-28')).toBe('open');
      // A holding response at 8 weeks: still the day after the 8 weeks.
      expect(fos(reg, { happened: { received: RECEIVED, 'holding-response-sent': '2026-04-27T12:00:00+01:00' } }).opens).toBe('2026-04-28');
      // A final response on Fri 17 Apr 2026 opens it that day.
      expect(fos(reg, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-17T12:00:00+01:00' } }).opens).toBe('2026-04-17');
      // PSD: no response by Mon 23 Mar (15 business days): open from Tue 24 Mar 2026.
      expect(fos(reg, { happened: { received: RECEIVED }, categories: PSD, missed: { 'final-response': '2026-03-23T23:59:59Z' } }).opens).toBe('2026-03-24');
      // PSD with a holding response: no final response by Wed 22 Apr (35 business days): open from Thu 23 Apr 2026.
      expect(
        fos(reg, { happened: { received: RECEIVED, 'holding-response-sent': '2026-03-23T16:00:00Z' }, categories: PSD, missed: { 'psd-final-response': '2026-04-22T23:59:59+01:00' } }).opens,
      ).toBe('2026-04-23');
    },
  },
  {
    rule: 'Deadlines: refer to the FOS within 6 months',
    quote: '| Refer to FOS | date the final response or summary resolution communication was sent | 6 months',
    setting: "windows fos.closes = ruling-sent + 6 months, no end-day rule (the summary resolution communication records ruling-sent too); the tier's window: its last day in the final response",
    check: (reg) => {
      expect(windowOf(reg, 'fos')).toMatchObject({
        for: 'external-complaint',
        body: 'Financial Ombudsman Service',
        closes: { from: 'ruling-sent', period: { unit: 'months', amount: 6 }, endDayRule: false },
      });
      // Final response Fri 17 Apr 2026: the last day is Sat 17 Oct 2026.
      const dates = fos(reg, { happened: { received: RECEIVED, 'ruling-sent': '2026-04-17T12:00:00+01:00' } });
      expect(dates).toMatchObject({ opens: '2026-04-17', closes: '2026-10-17', closesProvisional: false });
      expect(windowStateOn(dates, '2026-10-17')).toBe('open');
      expect(windowStateOn(dates, '2026-10-19')).toBe('closed');
      // After only a holding response the 6 months have not started: the window stays open.
      expect(windowStateOn(fos(reg, { happened: { received: RECEIVED, 'holding-response-sent': '2026-04-27T12:00:00+01:00' } }), '2027-06-01')).toBe('open');
      // The final response of Fri 17 Apr 2026 gives Sat 17 Oct 2026 with the FOS.
      expect(run.finalResponse).toContain('you can turn to Financial Ombudsman Service (https://www.financial-ombudsman.org.uk). You can do so until Saturday 17 October 2026 inclusive (DISP 2.8).');
    },
  },
  {
    rule: 'Deadlines: FOS limitation',
    quote:
      '| FOS limitation | event complained of | 6 years, or (if later) 3 years from awareness | hard unless the complaint was made in time with a record, exceptional circumstances, or firm consent |',
    setting:
      'windows fos-limitation.closes = latest of stated:occurred-on + 6 years and stated:learned-on + 3 years, no end-day rule; ' +
      '"made in time with a record" read as: the firm received it inside the window (receivedOutside); exceptional circumstances: notes fos-exceptions; firm consent: heldOpenBy time-limits-waived (row below)',
    check: (reg) => {
      const outside = (received: string, stated: Record<string, string>) => conditionHolds(reg, { receivedOutside: 'fos-limitation' }, { happened: { received }, stated });
      // Event Sun 10 May 2020, aware 1 Jun 2020: 6 years (Sun 10 May 2026) is later than 3 years (1 Jun 2023).
      const early = { 'occurred-on': '2020-05-10', 'learned-on': '2020-06-01' };
      expect(windowDates(reg, windowOf(reg, 'fos-limitation'), { happened: { received: RECEIVED }, stated: early })).toMatchObject({ closes: '2026-05-10', closesProvisional: false });
      expect(outside('2026-05-08T09:00:00+01:00', early)).toBe(false);
      expect(outside('2026-05-11T09:00:00+01:00', early)).toBe(true);
      // Aware only on 15 Jan 2024: the 3 years run to 15 Jan 2027.
      const late = { 'occurred-on': '2020-05-10', 'learned-on': '2024-01-15' };
      expect(windowDates(reg, windowOf(reg, 'fos-limitation'), { happened: { received: RECEIVED }, stated: late }).closes).toBe('2027-01-15');
      expect(outside('2026-06-01T09:00:00+01:00', late)).toBe(false);
      // No awareness date stated: the 3 years may end later, so nothing is outside yet.
      expect(windowDates(reg, windowOf(reg, 'fos-limitation'), { happened: { received: RECEIVED }, stated: { 'occurred-on': '2020-05-10' } }).closesProvisional).toBe(true);
      expect(outside('2026-06-01T09:00:00+01:00', { 'occurred-on': '2020-05-10' })).toBe(false);
      expect(note(reg, 'fos-exceptions').text.en).toMatch(/exceptional circumstances/);
      // Through the workflow: event Sun 10 May 2020, aware Mon 15 Jan 2024, final response Fri 17 Apr 2026. The letter
      // gives the 6 months (Sat 17 Oct 2026) with the FOS and the limitation's later date, Fri 15 Jan 2027 (3 years
      // from awareness, later than Sun 10 May 2026), from external-window.
      expect(more.limited).toContain('You can do so until Saturday 17 October 2026 inclusive (DISP 2.8).');
      expect(more.limited).toContain('You can turn to Financial Ombudsman Service until Friday 15 January 2027 inclusive (DISP 2.8).');
      expect(more.limited).not.toContain('10 May 2026');
    },
  },
  {
    rule: "Deadlines: waiver only with the firm's consent",
    quote: 'The firm\'s consent to waive: since 9 July 2015 the firm must consent; earlier it only needed "not to object" [FOS technical note].',
    setting: "events time-limits-waived (coordinator, compliance: the firm's consent; history in notes fos-exceptions); windows fos and fos-limitation heldOpenBy [time-limits-waived]",
    check: (reg) => {
      expect(ids(reg.events)).toContain('time-limits-waived');
      expect(reg.events.find((e) => e.id === 'time-limits-waived')?.recordedBy).toEqual(['coordinator', 'compliance']);
      expect(note(reg, 'fos-exceptions').text.en).toMatch(/since 9 July 2015 consent; before, "not objecting" sufficed/);
      expect(windowOf(reg, 'fos').heldOpenBy).toEqual(['time-limits-waived']);
      expect(windowOf(reg, 'fos-limitation').heldOpenBy).toEqual(['time-limits-waived']);
      // Final response Fri 17 Apr 2026: without consent the 6 months end Sat 17 Oct 2026.
      const answered = { received: RECEIVED, 'ruling-sent': '2026-04-17T12:00:00+01:00' };
      expect(windowStateOn(fos(reg, { happened: answered }), '2026-11-03')).toBe('closed');
      // The firm consents on Mon 2 Nov 2026 to a late referral: the window no longer closes.
      const dates = fos(reg, { happened: { ...answered, 'time-limits-waived': '2026-11-02T10:00:00Z' } });
      expect(dates).toMatchObject({ opens: '2026-04-17', heldOpen: true });
      expect(dates.closes).toBeUndefined();
      expect(windowStateOn(dates, '2026-11-03')).toBe('open');
      // The limitation too: event 10 May 2020 (6 years: Sun 10 May 2026), received after it; with consent not outside.
      const stated = { 'occurred-on': '2020-05-10', 'learned-on': '2020-06-01' };
      const lateFiled = '2026-06-01T09:00:00+01:00';
      expect(conditionHolds(reg, { receivedOutside: 'fos-limitation' }, { happened: { received: lateFiled }, stated })).toBe(true);
      expect(conditionHolds(reg, { receivedOutside: 'fos-limitation' }, { happened: { received: lateFiled, 'time-limits-waived': '2026-06-03T10:00:00+01:00' }, stated })).toBe(false);
      // Through the workflow: the final response of Fri 17 Apr 2026; on Mon 2 Nov 2026 the firm consents and refers:
      // the referral letter names the FOS with no time limit.
      expect(more.waived).toContain('you can turn to Financial Ombudsman Service (https://www.financial-ombudsman.org.uk). No time limit applies. It is free of charge.');
      expect(more.waived).not.toMatch(/until/);
    },
  },
  {
    rule: 'Final response content (DISP 1.6.2)',
    quote: 'It must do one of these: accept and offer redress; offer redress without accepting; or reject with reasons.',
    setting: 'outcomes founded (accept + redress), partly-founded labelled "redress offered without accepting" (reading: no such outcome in the vocabulary), unfounded (reject, reasons)',
    check: (reg) => {
      expect(reg.outcomes.map((o) => [o.id, o.label?.en])).toEqual([
        ['founded', 'complaint accepted and redress offered'],
        ['partly-founded', 'redress offered without accepting the complaint'],
        ['unfounded', 'complaint rejected with reasons'],
        ['resolved-informally', 'resolved by the third business day'],
      ]);
      expect(reg.outcomes.find((o) => o.id === 'unfounded')?.requires).toContain('reasons');
      expect(reg.outcomes.find((o) => o.id === 'partly-founded')?.requires).toContain('remedy-offer');
    },
  },
  {
    rule: 'Final response: FOS leaflet',
    quote: 'enclose the FOS explanatory leaflet;',
    setting: 'notices final-response enclosures [the FOS explanatory leaflet]: listed under "Enclosed" in the letter',
    check: (reg) => {
      expect(notice(reg, 'final-response').enclosures).toEqual([
        { label: { nl: 'de toelichtende folder van de Financial Ombudsman Service', en: "the Financial Ombudsman Service's explanatory leaflet" } },
      ]);
      // The final response of Fri 17 Apr 2026 lists it.
      expect(run.finalResponse).toContain("Enclosed:\n- the Financial Ombudsman Service's explanatory leaflet");
    },
  },
  {
    rule: 'Final response: FOS website',
    quote: 'give the FOS website address;',
    setting: 'final-response contents external-body; tier fos body.website',
    check: (reg) => {
      expect(notice(reg, 'final-response').contents).toContain('external-body');
      expect(fosTier(reg).body.website).toBe('https://www.financial-ombudsman.org.uk');
      expect(run.finalResponse).toContain('(https://www.financial-ombudsman.org.uk)');
    },
  },
  {
    rule: 'Final response: may refer, free, the 6-month limit',
    quote: 'say the complainant may now refer to the FOS, free of charge, and the 6-month limit;',
    setting:
      'final-response contents external-body (the tier fos: fee 0, "free of charge"; its window fos, ruling-sent + 6 months) and external-window ' +
      '(the limitation fos-limitation, once its dates are known); the Annex 3 statement says both too',
    check: (reg) => {
      expect(fosTier(reg).fee).toEqual({ amount: { amount: 0, currency: 'GBP' }, refund: 'none' });
      expect(fosTier(reg).body.description).toBeUndefined();
      expect(notice(reg, 'final-response').contents).toEqual(['outcome', 'reasons', 'remedy-offer', 'external-body', 'external-window']);
      // Final response Fri 17 Apr 2026: the letter gives Sat 17 Oct 2026 as the last day (no end-day rule).
      expect(run.finalResponse).toContain(
        'If you are not satisfied, you can turn to Financial Ombudsman Service (https://www.financial-ombudsman.org.uk). You can do so until Saturday 17 October 2026 inclusive (DISP 2.8). It is free of charge. (DISP 1.6.2)',
      );
      expect(run.finalResponse).toMatch(/free of charge, within six months of the date of this letter/);
      // No event date stated: the limitation (fos-limitation) has no last day yet, so the letter names no other date.
      expect(run.finalResponse.match(/until [A-Z][a-z]+day \d+ [A-Z][a-z]+ \d{4}/g)).toEqual(['until Saturday 17 October 2026']);
    },
  },
  {
    rule: 'Final response: waiver statement (Annex 3)',
    quote: 'state whether the firm consents to waive the time limits, using the prescribed Annex 3 wording.',
    setting:
      "notices final-response and summary-resolution paragraphs: the Annex 3 (1) statement, printed as it stands. Reading: the firm's " +
      'standing choice is not to waive the six-month limit; the sheet does not reproduce Annex 3, so the wording is a stand-in to replace with the Handbook text',
    check: (reg) => {
      const [statement] = annex3(reg, 'final-response');
      expect(annex3(reg, 'final-response')).toHaveLength(1);
      expect(annex3(reg, 'summary-resolution')).toEqual([statement]);
      expect(statement).toMatch(/^You may refer your complaint to the Financial Ombudsman Service free of charge, within six months of the date of this letter\. We do not consent/);
      expect(notice(reg, 'final-response').paragraphs[0]?.nl).toMatch(/binnen zes maanden na de datum van deze brief\. Wij stemmen er niet mee in/);
      // Both letters print it, after the contents and before the enclosures.
      expect(run.summaryResolution).toContain(statement);
      expect(run.finalResponse).toContain(statement);
      expect(run.finalResponse.indexOf('until Saturday 17 October 2026')).toBeLessThan(run.finalResponse.indexOf(statement!));
      expect(run.finalResponse.indexOf(statement!)).toBeLessThan(run.finalResponse.indexOf('Enclosed:'));
    },
  },
  {
    rule: 'Final response: holding response',
    quote: 'Holding response at 8 weeks: explains why no final response is possible yet, indicates when one is expected, and informs about the right to go to the FOS now.',
    setting: 'notices holding-response { records holding-response-sent, contents holding-response + external-body }; it meets final-response; the tier fos opens after it (an answer)',
    check: (reg) => {
      expect(notice(reg, 'holding-response')).toMatchObject({ records: 'holding-response-sent', written: true, contents: ['holding-response', 'external-body'] });
      expect(isMetBy(milestone(reg, 'final-response'), 'holding-response-sent')).toBe(true);
      // The holding response of Mon 27 Apr 2026: why, when, and the FOS now (free; the 6 months have not started, so no last day).
      expect(more.holding).toContain('We cannot give you our final response yet.\nWhy: We are waiting for the bank statements.\nWe expect to send our final response by Friday 29 May 2026.');
      expect(more.holding).toContain('you can turn to Financial Ombudsman Service (https://www.financial-ombudsman.org.uk). It is free of charge. (DISP 1.6.2)');
      expect(more.holding).not.toMatch(/until/);
    },
  },
  {
    rule: 'Final response: written-acceptance exception (DISP 1.6.4)',
    quote: 'Exception: the 8-week rule does not apply if the complainant has already accepted a response in writing and that response explained the further options and the FOS (DISP 1.6.4).',
    setting: 'events accepted-in-writing; final-response (and psd-final-response) appliesWhen { not: { event: accepted-in-writing } } (their unless is the quick resolution)',
    check: (reg) => {
      const m = milestone(reg, 'final-response');
      expect(m.appliesWhen).toEqual({ not: { event: 'accepted-in-writing' } });
      expect(milestoneApplies(reg, m, { happened: { received: RECEIVED } })).toBe(true);
      expect(milestoneApplies(reg, m, { happened: { received: RECEIVED, 'accepted-in-writing': '2026-03-20T10:00:00Z' } })).toBe(false);
      const psd = milestone(reg, 'psd-final-response');
      expect(psd.appliesWhen).toEqual({ categories: ['payment-services', 'e-money'], event: 'holding-response-sent', not: { event: 'accepted-in-writing' } });
      expect(milestoneApplies(reg, psd, { happened: { received: RECEIVED, 'holding-response-sent': '2026-03-23T16:00:00Z', 'accepted-in-writing': '2026-03-25T10:00:00Z' }, categories: PSD })).toBe(
        false,
      );
    },
  },
  {
    rule: 'Final response: two-stage procedure (2007)',
    quote: 'A two-stage internal procedure is allowed if the first response is given within 8 weeks (2007 DISP 1.6.5).',
    setting: 'notes two-stage-procedure (a permission of the 2007 text: no objection stage encoded)',
    check: (reg) => {
      expect(note(reg, 'two-stage-procedure').text.en).toMatch(/two-stage internal procedure is allowed if the first response is given within 8 weeks/);
      expect(reg.objection).toBeUndefined();
    },
  },
  {
    rule: 'Hearing',
    quote: 'None prescribed at the firm. FOS procedure: DISP 3 (not read).',
    setting: 'notes no-hearing; no investigation hearing',
    check: (reg) => {
      expect(note(reg, 'no-hearing').text.en).toMatch(/no hearing at the firm/);
      expect(reg.investigation).toBeUndefined();
    },
  },
  {
    rule: 'Records',
    quote: 'Keep records for at least 3 years from receipt: name, substance, correspondence including redress.',
    setting: 'retention { keep: 3 years, after: received } (counted from the later of receipt and closing: at least 3 years from receipt); reporting complaints-records',
    check: (reg) => {
      expect(reg.retention).toMatchObject({ keep: { unit: 'years', amount: 3 }, after: 'received' });
      // Received Mon 2 Mar, closed Fri 17 Apr 2026: kept to the end of Tue 17 Apr 2029 (London).
      const closed = '2026-04-17T12:00:00+01:00';
      expect(retentionEnd(reg, { status: 'closed', happened: { received: RECEIVED, closed }, finalAt: closed })).toBe(endOfLocalDay('2029-04-17', 'Europe/London').toISOString());
      expect(reg.reporting.find((r) => r.id === 'complaints-records')?.label.en).toBe('Complaint records (name, substance, correspondence including redress)');
    },
  },
  {
    rule: 'Reporting: twice a year',
    quote: 'Report to the regulator twice a year: numbers received; closed within 4 weeks, between 4 and 8 weeks, and after more than 8 weeks; outstanding.',
    setting: 'reporting complaints-return { cadence: periodic (twice a year is in the label: reporting has no interval), covers the four figures }',
    check: (reg) => {
      const r = reg.reporting.find((x) => x.id === 'complaints-return');
      expect(r).toMatchObject({ cadence: 'periodic', by: 'compliance', label: { en: 'Complaints return to the FCA (twice a year)' } });
      expect(r?.covers.map((c) => c.en)).toEqual(['number of complaints received', 'closed within 4 weeks, between 4 and 8 weeks, and after more than 8 weeks', 'complaints outstanding']);
    },
  },
  {
    rule: 'Records: numbering; MiFID (memory)',
    quote: 'The current numbering is DISP 1.9/1.10; longer retention for MiFID business is from memory (inferred).',
    setting: 'citations DISP 1.9 / DISP 1.10 (2005 DISP 1.5); notes mifid-retention (not encoded)',
    check: (reg) => {
      expect(reg.retention.citation?.article).toBe('DISP 1.9 (2005 DISP 1.5)');
      expect(reg.reporting.find((x) => x.id === 'complaints-return')?.citation.article).toBe('DISP 1.10 (2005 DISP 1.5)');
      expect(note(reg, 'mifid-retention').text.en).toMatch(/not encoded/);
    },
  },
];

describeCorpusSheet({ sheet: '09-uk-fca-disp', rules });
