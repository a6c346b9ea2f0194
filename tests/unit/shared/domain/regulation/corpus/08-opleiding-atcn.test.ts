// Corpus sheet 08: ATCN, a private training institute, rule by rule -> tests/fixtures/regulations/08-opleiding-atcn.yaml.
// Dates are worked out by hand on the Algemene termijnenwet calendar (the fixture's default calendar).
import { beforeAll, expect } from 'vitest';
import { endOfLocalDay } from '../../../../../../shared/domain/calendar/index.ts';
import { ConflictError, RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import { retentionEnd } from '../../../../../../shared/domain/privacy/retention.ts';
import { type Regulation, isMetBy, openingMilestones, scheduleMilestone } from '../../../../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, role, note } from '../../../../../support/clause-table.ts';
import { complainant, letterText, workflow } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';

const RECEIVED = '2026-04-30T10:00:00+02:00'; // Thursday 30 April 2026
const FIXTURE = 'tests/fixtures/regulations/08-opleiding-atcn.yaml';

/** The fixture's one external tier. */
function mediator(reg: Regulation) {
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
 * One complaint through the workflow, in English, filed by letter Thu 30 Apr 2026: the invitation to talk
 * (Wed 6 May), the decision and the mediator asked for before the conversation, the conversation (Tue 12 May),
 * then the decision and the referral to the external mediator.
 */
const handling = { invitation: '', rulingBefore: undefined as unknown, dispensed: undefined as unknown, referralBefore: undefined as unknown, decision: '', referral: '', referredTo: '' };
beforeAll(async () => {
  const flow = await workflow(FIXTURE, RECEIVED);
  const reference = await flow.intake({ complainant: { ...complainant, language: 'en' }, description: 'Three lessons were cancelled.', channel: 'letter' });
  flow.at('2026-05-06T10:00:00+02:00');
  await flow.step(reference, 'contact', { via: 'in-person', summary: 'Invited to a conversation on Tue 12 May.' }, flow.coordinator);
  handling.invitation = await letterText(flow, reference, 'invitation');
  handling.rulingBefore = await refusal(flow.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'The lessons were made up.' }, flow.coordinator));
  handling.dispensed = await refusal(flow.step(reference, 'hearing-dispensed', { exception: 'waived', reason: 'The student does not want to talk.' }, flow.coordinator));
  handling.referralBefore = await refusal(flow.step(reference, 'external-referral', {}, flow.coordinator));
  // Whatever was refused above, the rest goes on, so that a row (not this setup) says what went wrong.
  const none = () => '(no letter)';
  flow.at('2026-05-12T15:00:00+02:00');
  await refusal(flow.step(reference, 'hearing', { heldOn: '2026-05-12', summary: 'Talked the complaint through with the student.' }, flow.coordinator));
  await refusal(flow.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'The lessons were made up.' }, flow.coordinator));
  handling.decision = await letterText(flow, reference, 'decision').catch(none);
  await refusal(flow.step(reference, 'external-referral', {}, flow.coordinator));
  handling.referral = await letterText(flow, reference, 'external-referral').catch(none);
  handling.referredTo = (await flow.get(reference)).externalReferral?.body ?? '';
});

/**
 * Two complaints through the workflow, filed Thu 30 Apr 2026, decided Fri 12 June and closed Fri 19 June 2026:
 * when their files are anonymised (retentionEnd on the stored record) before and after the course completion is recorded.
 */
const retention = { closedOnly: '', completedAfterClosing: '', completedAt: '', completedBeforeClosing: '', closedAt: '' };
beforeAll(async () => {
  const flow = await workflow(FIXTURE, RECEIVED);
  const body = { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'De lessen vielen drie keer uit.', channel: 'letter' };
  const later = await flow.intake(body);
  const earlier = await flow.intake(body);
  flow.at('2026-06-01T10:00:00+02:00');
  // The second student completes the course while the complaint is still open (Mon 1 June 2026).
  await flow.step(earlier, 'record', { event: 'course-completed' }, flow.coordinator);
  flow.at('2026-06-12T12:00:00+02:00');
  for (const reference of [later, earlier]) {
    await flow.step(reference, 'hearing', { heldOn: '2026-06-12', summary: 'Gesprek met de cursist.' }, flow.coordinator);
    await flow.step(reference, 'ruling', { outcome: 'founded', reasoning: 'De lessen worden ingehaald.' }, flow.coordinator);
  }
  flow.at('2026-06-19T12:00:00+02:00');
  for (const reference of [later, earlier]) await flow.step(reference, 'close', {}, flow.coordinator);
  const facts = async (reference: string) => {
    const c = await flow.get(reference);
    return { status: c.status, happened: c.happened, ...(c.finalAt ? { finalAt: c.finalAt } : {}) };
  };
  const reg = flow.regulation;
  retention.closedAt = (await flow.get(later)).finalAt ?? '';
  retention.closedOnly = retentionEnd(reg, await facts(later)) ?? '';
  retention.completedBeforeClosing = retentionEnd(reg, await facts(earlier)) ?? '';
  // The first student completes the course on Wed 30 Sep 2026, after closing: the record step is allowed then too.
  flow.at('2026-09-30T16:00:00+02:00');
  await flow.step(later, 'record', { event: 'course-completed' }, flow.coordinator);
  retention.completedAt = (await flow.get(later)).happened['course-completed'] ?? '';
  retention.completedAfterClosing = retentionEnd(reg, await facts(later)) ?? '';
});

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'a small private training school for adult students (opleidingsinstituut).',
    setting: 'organisation ATCN; scope.complainants [student]',
    check: (reg) => {
      expect(reg.organisation).toMatchObject({ name: 'ATCN', website: 'http://atcn.eu' });
      expect(ids(reg.scope.complainants)).toEqual(['student']);
    },
  },
  {
    rule: 'Organisation type: NRTO (unknown)',
    quote: 'ATCN itself names an external mediator instead. Whether ATCN is an NRTO member is not stated (unknown).',
    setting: 'external { kind: tiers } with the one tier mediator, no Geschillencommissie Particuliere Onderwijsinstellingen; source.note says NRTO membership is unknown',
    check: (reg) => {
      expect(reg.external.kind === 'tiers' && reg.external.tiers.map((t) => t.id)).toEqual(['mediator']);
      expect(handling.decision).not.toMatch(/Geschillencommissie|Particuliere Onderwijsinstellingen/);
      expect(reg.source.note).toMatch(/NRTO member .* is unknown: not\s+encoded/);
    },
  },
  {
    rule: 'Who may complain',
    quote: 'Students. Anonymous complaints are not handled.',
    setting: 'scope.complainants [student]; admissibility.grounds anonymous',
    check: (reg) => {
      expect(ids(reg.admissibility.grounds)).toEqual(['anonymous']);
      expect(reg.outcomes.find((o) => o.id === 'not-admissible')?.requires).toEqual(['not-taken-up-reason']);
    },
  },
  {
    rule: 'Who may complain: representation (unknown)',
    quote: 'Representation: not mentioned (unknown).',
    setting: 'no representation section (the text says nothing)',
    check: (reg) => expect(reg.representation).toBeUndefined(),
  },
  {
    rule: 'Channels / content',
    quote: 'In writing, to the two named heads of the school.',
    setting: 'intake.channels letter, email (written only); coordinator = the two heads',
    check: (reg) => {
      expect(reg.intake.channels.every((c) => c.mode === 'written')).toBe(true);
      expect(role(reg, 'coordinator').holder?.en).toBe('the two named heads of the school');
      expect(reg.intake).toMatchObject({ receivedBy: 'coordinator', registeredBy: 'coordinator' });
    },
  },
  {
    rule: 'Channels: confidential',
    quote: 'Complaints are handled confidentially.',
    setting: 'confidentiality { required: true }',
    check: (reg) => expect(reg.confidentiality?.required).toBe(true),
  },
  {
    rule: 'Channels: content',
    quote: 'Required content: not specified.',
    setting: 'no registration form; said in source.note',
    check: (reg) => {
      expect(reg.intake.registrationForm).toBeUndefined();
      expect(reg.source.note).toMatch(/required content of a complaint is not specified/);
    },
  },
  {
    rule: 'Who handles',
    quote: "The school's two heads internally; then an external mediator appointed by the school. No independence rule is stated for the internal stage.",
    setting:
      'roles coordinator (not independent), mediator (external, independent, per complaint); tier mediator after the answer, "appointed by the school" in its description ' +
      '(the name is one for every complaint: a tier cannot be chosen per complaint)',
    check: (reg) => {
      expect(role(reg, 'coordinator')).toMatchObject({ independent: false, external: false });
      expect(role(reg, 'mediator')).toMatchObject({ assignment: 'per-complaint', external: true });
      expect(mediator(reg)).toMatchObject({ body: { name: 'Externe bemiddelaar' }, opens: { after: 'answer' } });
      expect(handling.decision).toContain('you can turn to Externe bemiddelaar. An external mediator appointed by the school');
    },
  },
  {
    rule: 'Deadlines: acknowledgement',
    quote: '| Acknowledgement to student | receipt | 3 days (unit "dagen"; calendar vs working days unclear) | hard ("uiterlijk") |',
    setting: 'milestones acknowledgement { received + 3 calendar-days, hard, end-day rule } (reading: "dagen" = calendar days)',
    check: (reg) => {
      const m = milestone(reg, 'acknowledgement');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'calendar-days', amount: 3 }, metBy: ['acknowledged'], endDayRule: true });
      // Tue 10 Mar 2026 + 3 days = Fri 13 Mar 2026.
      expect(scheduleMilestone(reg, m, new Date('2026-03-10T10:00:00+01:00')).due).toBe('2026-03-13');
      // Fri 24 Apr 2026 + 3 days = Mon 27 Apr (Koningsdag): Tue 28 Apr 2026.
      expect(scheduleMilestone(reg, m, new Date('2026-04-24T10:00:00+02:00')).due).toBe('2026-04-28');
      expect(reg.source.note).toMatch(/"3 dagen" = 3 calendar days/);
    },
  },
  {
    rule: 'Deadlines: invitation to discuss',
    quote: '| Invitation to discuss | filing | 2 weeks | stated as fact |',
    setting:
      'milestones invitation { received + 2 weeks, met by contacted, hard (reading: stated as fact = a commitment) }; notices invitation ' +
      "{ contents next-steps, paragraphs: the invitation (the sheet's conversation with the heads of the school says more than the content hearing-invitation) }",
    check: (reg) => {
      const m = milestone(reg, 'invitation');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 2 }, metBy: ['contacted'] });
      expect(notice(reg, 'invitation')).toMatchObject({ records: 'contacted', contents: ['next-steps'] });
      // The letter of Wed 6 May 2026 invites the student; it says nothing of an objection.
      expect(handling.invitation).toContain('We invite you to a conversation about your complaint with the heads of the school; we will agree the date with you.');
      expect(handling.invitation).toContain('We will contact you to hear more.');
      expect(handling.invitation).not.toMatch(/objection/);
      // Thu 30 Apr 2026 + 2 weeks = Thu 14 May (Hemelvaartsdag), Fri 15 May (bridge day), weekend: Mon 18 May 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-05-18');
    },
  },
  {
    rule: 'Deadlines: handling (target)',
    quote: '| Handling | (inferred: filing) | 4 weeks | target ("streven ernaar … maximaal 4 weken") |',
    setting: 'milestones handling { kind: target, received + 4 weeks, met by ruling-sent } (anchor inferred: filing)',
    check: (reg) => {
      const m = milestone(reg, 'handling');
      expect(m).toMatchObject({ kind: 'target', anchor: 'received', period: { unit: 'weeks', amount: 4 }, metBy: ['ruling-sent'] });
      expect(m.escalationRole).toBeUndefined(); // a missed target is no breach and goes to no one
      // Thu 30 Apr 2026 + 4 weeks = Thu 28 May 2026.
      expect(openingMilestones(reg, new Date(RECEIVED)).map((s) => [s.milestoneId, s.kind, s.due])).toEqual([
        ['acknowledgement', 'hard', '2026-05-04'], // Sun 3 May: Mon 4 May 2026
        ['invitation', 'hard', '2026-05-18'],
        ['handling', 'target', '2026-05-28'],
        ['delay-notice', 'hard', '2026-05-28'],
      ]);
    },
  },
  {
    rule: 'Deadlines: delay notice',
    quote: '| Delay notice | (inferred: filing) | within the 4 weeks | must give the reason for the delay and an indication of when a decision is expected |',
    setting: 'milestones delay-notice { hard, received + 4 weeks, met by ruling-sent or delay-notified }; notices delay-notice { contents: delay-reason }',
    check: (reg) => {
      const m = milestone(reg, 'delay-notice');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 4 }, metBy: ['ruling-sent', 'delay-notified'] });
      expect(isMetBy(m, 'delay-notified')).toBe(true);
      expect(isMetBy(m, 'ruling-sent')).toBe(true); // a decision in time needs no delay notice
      expect(scheduleMilestone(reg, m, new Date(RECEIVED)).due).toBe('2026-05-28');
      expect(notice(reg, 'delay-notice')).toMatchObject({ records: 'delay-notified', written: true, contents: ['delay-reason'] });
    },
  },
  {
    rule: 'Deadlines: no cap on the extension',
    quote: 'There is no cap on the length of the extension (open-ended, but announced).',
    setting: 'handling.extension { times: unlimited, upTo: open, notice to complainant, afterDue: false } (reading: each delay notice may announce a new date)',
    check: (reg) => {
      const m = milestone(reg, 'handling');
      expect(m.extension).toMatchObject({ times: 'unlimited', upTo: 'open', notice: { to: ['complainant'] }, afterDue: false });
      expect(m.extension?.total).toBeUndefined();
      // Announced on the delay notice: Fri 19 June 2026; announced again: Fri 3 July 2026.
      expect(scheduleMilestone(reg, m, new Date(RECEIVED), { extensions: [{ until: '2026-06-19' }] }).due).toBe('2026-06-19');
      expect(scheduleMilestone(reg, m, new Date(RECEIVED), { extensions: [{ until: '2026-06-19' }, { until: '2026-07-03' }] }).due).toBe('2026-07-03');
    },
  },
  {
    rule: 'Hearing',
    quote: 'A conversation with the student within 2 weeks (an oral hearing of the complainant). Hearing the person complained about: not mentioned.',
    setting:
      'investigation { contactComplainant in person, hearBothSides: false, hearing { required: complainant, exceptions: [] (none stated) } }; ' +
      'the 2 weeks are the invitation milestone; the decision waits for the conversation',
    check: (reg) => {
      expect(reg.investigation).toMatchObject({ by: 'coordinator', hearBothSides: false, contactComplainant: { via: ['in-person'] } });
      expect(reg.investigation?.hearing).toMatchObject({ required: 'complainant', exceptions: [], report: false });
      expect(milestone(reg, 'invitation').period).toEqual({ unit: 'weeks', amount: 2 });
      // Before the conversation the decision is refused with the rule, and the conversation cannot be left out.
      expect(handling.rulingBefore).toBeInstanceOf(RuleViolationError);
      expect(handling.rulingBefore).toMatchObject({ citation: 'ATCN Hearing', message: 'the complainant must be heard first (record the hearing)' });
      expect(handling.dispensed).toBeInstanceOf(RuleViolationError);
      expect(handling.dispensed).toMatchObject({ citation: 'ATCN Hearing', message: 'the regulation allows leaving the hearing out only when: never' });
      // After the conversation (Tue 12 May 2026) the decision goes out.
      expect(handling.decision).toContain('Outcome: unfounded');
    },
  },
  {
    rule: 'Outcome',
    quote: 'Not specified beyond the decision ("uitsluitsel").',
    setting: "outcomes founded / partly-founded / unfounded (tenant's choice) requiring the outcome; notices decision (ruling-sent)",
    check: (reg) => {
      expect(ids(reg.outcomes)).toEqual(['founded', 'partly-founded', 'unfounded', 'not-admissible']);
      expect(notice(reg, 'decision')).toMatchObject({ records: 'ruling-sent', contents: ['outcome', 'reasons'] });
    },
  },
  {
    rule: 'External body',
    quote: 'Referral to an external mediator ("externe bemiddelaar") if the matter cannot be solved together.',
    setting:
      'tier mediator { opens.after: answer } ("if the matter cannot be solved together": once the school has decided); no directlyWhen; ' +
      'the decision letter names it; no referral while the complaint is being handled',
    check: (reg) => {
      expect(mediator(reg).opens).toEqual({ after: 'answer' });
      expect(mediator(reg).body.description?.en).toMatch(/when you and the school cannot solve the matter together/);
      expect(handling.referralBefore).toBeInstanceOf(ConflictError);
      expect(handling.decision).toContain('If you are not satisfied, you can turn to Externe bemiddelaar.');
      expect(handling.referredTo).toBe('Externe bemiddelaar');
      expect(handling.referral).toContain('you can turn to Externe bemiddelaar.');
    },
  },
  {
    rule: 'External body: binding for the school (inferred one-sided)',
    quote: "The mediator's judgement is binding for the school (not stated to bind the student; inferred one-sided binding).",
    setting: 'tier mediator { decision: binding-for-organisation } (inferred one-sided): "Its decision binds us." in the letters; notes mediator-binding-one-sided',
    check: (reg) => {
      expect(note(reg, 'mediator-binding-one-sided').text.en).toMatch(/binds the school; it is not stated to bind the student \(inferred: one-sided binding\)/);
      expect(mediator(reg).decision).toBe('binding-for-organisation');
      expect(handling.decision).toContain('Its decision binds us.');
      expect(handling.decision).not.toContain('Its decision is binding.');
    },
  },
  {
    rule: 'External body: consequences carried out',
    quote: 'The school carries out any consequences promptly.',
    setting: 'duties carry-out-mediator-judgement ("promptly": no term, a duty)',
    check: (reg) => expect(reg.duties.find((d) => d.id === 'carry-out-mediator-judgement')?.role).toBe('coordinator'),
  },
  {
    rule: 'External body: costs',
    quote: 'Costs are shared equally by student and school.',
    setting: 'tier mediator body.description: the costs shared equally (no fee: the amount is not known, and a fee needs one), printed in the letters',
    check: (reg) => {
      expect(mediator(reg).fee).toBeUndefined();
      expect(mediator(reg).body.description?.nl).toMatch(/de kosten worden gelijk verdeeld tussen u en de school$/);
      expect(handling.decision).toContain('the costs are shared equally by you and the school.');
      expect(handling.decision).not.toMatch(/free of charge|The fee is/);
    },
  },
  {
    rule: 'External body: filing window',
    quote: 'Filing window: not stated.',
    setting: 'no window, the tier has none (notes no-filing-window): the letters give no last day',
    check: (reg) => {
      expect(reg.windows).toEqual([]);
      expect(mediator(reg).window).toBeUndefined();
      expect(note(reg, 'no-filing-window').text.en).toBe('No period is set for going to the external mediator.');
      expect(handling.decision).not.toMatch(/until|inclusive/);
    },
  },
  {
    rule: 'External body: comparable schools',
    quote: 'Comparable schools in the same sector use other patterns:',
    setting: "other schools' rules (4 weeks after the training; 2 months after the course; kept indefinitely; binding Geschillencommissie): not encoded, said in source.note",
    check: (reg) => {
      expect(reg.source.note).toMatch(/hetlevenscollege\.com.*aspd\.nl.*other schools' rules: not\s+encoded/s);
      expect(reg.retention.keep).not.toEqual({ unit: 'months', amount: 2 });
    },
  },
  {
    rule: 'Registration / retention: one year',
    quote: 'Records of a complaints procedure are destroyed after one year',
    setting: 'retention { keep: 1 year, after: closed } (reading: the year runs from closing)',
    check: (reg) => {
      expect(reg.retention).toMatchObject({ keep: { unit: 'years', amount: 1 }, after: 'closed' });
      // Closed Fri 19 June 2026: kept to the end of Sat 19 June 2027 (no end-day rule for retention).
      const closed = '2026-06-19T12:00:00+02:00';
      expect(retentionEnd(reg, { status: 'closed', happened: { closed }, finalAt: closed })).toBe(endOfLocalDay('2027-06-19', 'Europe/Amsterdam').toISOString());
    },
  },
  {
    rule: 'Registration / retention: course completion',
    quote: 'or when the student completes the course (it is ambiguous which comes first; inferred "whichever occurs first").',
    setting:
      'events course-completed (coordinator; recorded with the record step, also after closing); retention orOnceAnyOf [course-completed]: ' +
      'the file goes at the completion, once the complaint is final (at closing if the course was completed before), or a year after closing if that is first',
    check: (reg) => {
      expect(reg.events.find((e) => e.id === 'course-completed')?.recordedBy).toEqual(['coordinator']);
      expect(reg.retention).toMatchObject({ keep: { unit: 'years', amount: 1 }, after: 'closed', orOnceAnyOf: ['course-completed'] });
      const closed = '2026-06-19T10:00:00.000Z'; // Fri 19 June 2026, 12:00 in Amsterdam
      const year = endOfLocalDay('2027-06-19', 'Europe/Amsterdam').toISOString();
      const end = (happened: Record<string, string>) => retentionEnd(reg, { status: 'closed', happened: { closed, ...happened }, finalAt: closed });
      // Course completed Wed 30 Sep 2026, after closing: the records go then (the moment it is recorded).
      expect(end({ 'course-completed': '2026-09-30T14:00:00.000Z' })).toBe('2026-09-30T14:00:00.000Z');
      // Completed before closing (Mon 1 June 2026): the records go once the complaint is final, at closing.
      expect(end({ 'course-completed': '2026-06-01T08:00:00.000Z' })).toBe(closed);
      // Completed after the year (Mon 5 July 2027): the year came first.
      expect(end({ 'course-completed': '2027-07-05T08:00:00.000Z' })).toBe(year);
      // Not completed: the year.
      expect(end({})).toBe(year);
      // Completed, but the complaint is not final: nothing is anonymised.
      expect(retentionEnd(reg, { status: 'ruled', happened: { 'course-completed': '2026-06-01T08:00:00.000Z' } })).toBeUndefined();
      // The same through the workflow: closed Fri 19 June 2026, then the completion recorded Wed 30 Sep 2026.
      expect(retention.closedAt).toBe(closed);
      expect(retention.closedOnly).toBe(year);
      expect(retention.completedAt).toBe('2026-09-30T14:00:00.000Z');
      expect(retention.completedAfterClosing).toBe('2026-09-30T14:00:00.000Z');
      expect(retention.completedBeforeClosing).toBe(closed);
    },
  },
];

describeCorpusSheet({ sheet: '08-opleiding-atcn', rules });
