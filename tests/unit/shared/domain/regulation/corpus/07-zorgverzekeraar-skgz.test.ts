// Corpus sheet 07: a health insurer under SKGZ, rule by rule -> tests/fixtures/regulations/07-zorgverzekeraar-skgz.yaml.
// Dates are worked out by hand on the Algemene termijnenwet calendar (the fixture's default calendar).
// The workflow rows run complaints through the product's use cases (tests/support/workflow-harness.ts) and
// read the letters the outbox would send.
import { beforeAll, expect } from 'vitest';
import { RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import { nextTiers } from '../../../../../../shared/domain/regulation/external-tiers.ts';
import { type Regulation, milestonesFor, openingMilestones, scheduleMilestone, windowDates, windowStateOn, windowsFor } from '../../../../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, note, windowOf } from '../../../../../support/clause-table.ts';
import { complainant, handlerRef, letterText, workflow } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';

const RULING_SENT = '2026-05-01T12:00:00+02:00'; // Friday 1 May 2026
const RECEIVED = '2026-03-24T10:00:00+01:00'; // Tuesday 24 March 2026
const FIXTURE = 'tests/fixtures/regulations/07-zorgverzekeraar-skgz.yaml';

/** The external tier of the fixture by id. */
function tier(reg: Regulation, id: string) {
  if (reg.external.kind !== 'tiers') throw new Error('the fixture has no external tiers');
  const found = reg.external.tiers.find((t) => t.id === id);
  if (!found) throw new Error(`no tier ${id}`);
  return found;
}

/** A refused step's error (undefined: the step was allowed). */
const refusal = (step: Promise<unknown>) =>
  step.then(
    () => undefined,
    (error: unknown) => error,
  );

/**
 * Complaints through the workflow, all received Tue 24 Mar 2026 and decided Fri 1 May 2026 (in English,
 * one in Dutch): the letters that end the insurer's stage, what follows the Ombudsman, a missing referral,
 * a care provider, a representative and a withdrawal after a hearing.
 */
const run = {
  ruling: '',
  rulingNl: '',
  referral: '',
  referralTier: '',
  omitted: '',
  careProvider: '',
  careProviderReferral: undefined as unknown,
  representative: { authorisation: '', assignBefore: undefined as unknown, assignAfter: undefined as unknown, due: '' },
  withdrawal: { events: [] as string[], error: undefined as unknown },
};
beforeAll(async () => {
  const en = { complainant: { ...complainant, language: 'en' } };
  const decide = async (flow: Awaited<ReturnType<typeof workflow>>, reference: string) => {
    flow.at(RULING_SENT);
    await flow.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'The treatment is not covered by the policy.' }, flow.coordinator);
  };

  // An insured person: the reconsideration decision, then the Ombudsman's conclusion letter (dated Mon 7 Sep
  // 2026) stated on Thu 10 Sep 2026 and the referral to the Disputes Committee.
  let flow = await workflow(FIXTURE, RECEIVED);
  const insured = await flow.submit(en);
  const dutch = await flow.submit();
  await decide(flow, insured);
  await flow.step(dutch, 'ruling', { outcome: 'unfounded', reasoning: 'De behandeling valt niet onder de polis.' }, flow.coordinator);
  run.ruling = await letterText(flow, insured, 'reconsideration-decision');
  run.rulingNl = await letterText(flow, dutch, 'reconsideration-decision');
  flow.at('2026-09-10T11:00:00+02:00');
  await flow.step(insured, 'stated-date', { id: 'ombudsman-conclusion-on', date: '2026-09-07' }, flow.coordinator);
  await flow.step(insured, 'external-referral', { tier: 'geschillencommissie' }, flow.coordinator);
  run.referral = await letterText(flow, insured, 'external-referral');
  run.referralTier = String((await flow.register.events(insured)).find((e) => e.type === 'external-referral-given')?.data?.tier);

  // The decision did not refer to SKGZ: recorded, and the referral letter of Mon 4 May 2026 gives the extended dates.
  flow = await workflow(FIXTURE, RECEIVED);
  const omitted = await flow.submit(en);
  await decide(flow, omitted);
  flow.at('2026-05-04T10:00:00+02:00');
  await flow.step(omitted, 'record', { event: 'skgz-referral-omitted' }, flow.coordinator);
  await flow.step(omitted, 'external-referral', {}, flow.coordinator);
  run.omitted = await letterText(flow, omitted, 'external-referral');

  // A care provider's dispute with the insurer: decided, but SKGZ is not for it.
  flow = await workflow(FIXTURE, RECEIVED);
  const provider = await flow.submit({ ...en, complainantKind: 'care-provider' });
  await decide(flow, provider);
  run.careProvider = await letterText(flow, provider, 'reconsideration-decision');
  run.careProviderReferral = await refusal(flow.step(provider, 'external-referral', {}, flow.coordinator));

  // Filed by the insured person's brother (no lawyer): the machtiging is asked for; the 6 weeks run from receipt.
  flow = await workflow(FIXTURE, RECEIVED);
  const represented = await flow.submit({ ...en, representative: { name: 'Kees de Vries', email: 'kees@example.com' } });
  const before = await flow.get(represented);
  run.representative.authorisation = before.representative?.authorisation ?? '';
  run.representative.due = before.milestones.find((m) => m.milestoneId === 'reconsideration')?.due ?? '';
  flow.at('2026-03-26T10:00:00+01:00');
  run.representative.assignBefore = await refusal(flow.step(represented, 'assign', { handler: handlerRef(flow.handler1) }, flow.coordinator));
  await flow.step(represented, 'authorisation', {}, flow.coordinator);
  run.representative.assignAfter = await refusal(flow.step(represented, 'assign', { handler: handlerRef(flow.handler1) }, flow.coordinator));

  // The insurer talks the complaint through with the insured (a hearing of its own), who then withdraws it.
  flow = await workflow(FIXTURE, RECEIVED);
  const withdrawn = await flow.submit(en);
  flow.at('2026-04-07T10:00:00+02:00');
  await flow.step(withdrawn, 'hearing', { heldOn: '2026-04-07', summary: 'Besproken met de verzekerde.' }, flow.coordinator);
  run.withdrawal.error = await refusal(flow.step(withdrawn, 'withdraw', { reason: 'Opgelost na het gesprek.' }, flow.coordinator));
  run.withdrawal.events = await flow.eventTypes(withdrawn);
});

/** The paragraph of a letter that names a body. */
const paragraph = (letter: string, body: string) => letter.split('\n\n').find((p) => p.includes(`turn to ${body}`) || p.includes(`wenden tot ${body}`)) ?? '';

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'Dutch health insurer affiliated with the Stichting Klachten en Geschillen Zorgverzekeringen (SKGZ).',
    setting: 'organisation (fictional insurer); external { kind: tiers }: the Ombudsman Zorgverzekeringen, then the Geschillencommissie Zorgverzekeringen, both through SKGZ',
    check: (reg) => {
      expect(reg.organisation.name).toMatch(/aangesloten bij SKGZ/);
      expect(reg.external.kind).toBe('tiers');
      expect(reg.external.kind === 'tiers' && reg.external.tiers.map((t) => [t.id, t.body.name, t.body.website])).toEqual([
        ['ombudsman', 'Ombudsman Zorgverzekeringen', 'https://www.skgz.nl'],
        ['geschillencommissie', 'Geschillencommissie Zorgverzekeringen', 'https://www.skgz.nl'],
      ]);
      // The decision letter names both, in that order.
      expect(run.ruling.indexOf('you can turn to Ombudsman Zorgverzekeringen (https://www.skgz.nl)')).toBeGreaterThan(0);
      expect(run.ruling.indexOf('You can also turn to Geschillencommissie Zorgverzekeringen (https://www.skgz.nl)')).toBeGreaterThan(run.ruling.indexOf('Ombudsman Zorgverzekeringen'));
    },
  },
  {
    rule: 'Who may complain',
    quote: "The insured consumer, about a health insurance or about the insurer's processing of personal data.",
    setting:
      'scope.complainants insured (first: the usual complainant), group, care-provider (reading: the insurer hears from these too, SKGZ does not take them); categories health-insurance, personal-data',
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['insured', 'group', 'care-provider']);
      expect(ids(reg.categorySchemes[0]?.categories ?? [])).toEqual(['health-insurance', 'personal-data']);
    },
  },
  {
    rule: 'Who may complain: SKGZ exclusions',
    quote: 'Not: complaints on behalf of a group; disputes between a care provider and the insurer; insurers not affiliated with SKGZ [skgz.nl vraag-en-antwoord].',
    setting:
      "both tiers when { complainants: [insured] }: a group's complaint and a care provider's dispute get no SKGZ route in their letters, and no referral; " +
      "the insurer still handles them (no admissibility ground); the fixture's insurer is affiliated (notes skgz-exclusions)",
    check: (reg) => {
      expect(note(reg, 'skgz-exclusions').text.en).toMatch(/on behalf of a group, disputes between a care provider and the insurer, or insurers not affiliated/);
      expect(reg.admissibility.grounds).toEqual([]);
      expect([tier(reg, 'ombudsman').when, tier(reg, 'geschillencommissie').when]).toEqual([{ complainants: ['insured'] }, { complainants: ['insured'] }]);
      const happened = { received: RECEIVED, 'ruling-sent': RULING_SENT };
      expect(nextTiers(reg, { happened, complainant: 'insured' }, 'answer').map((t) => t.tier.id)).toEqual(['ombudsman', 'geschillencommissie']);
      expect(nextTiers(reg, { happened, complainant: 'group' }, 'answer')).toEqual([]);
      // The care provider's decision of Fri 1 May 2026 names neither body; a referral is refused with the rule.
      expect(run.careProvider).toContain('Outcome: unfounded');
      expect(run.careProvider).not.toMatch(/Ombudsman|Geschillencommissie|skgz\.nl|turn to/);
      expect(run.careProviderReferral).toBeInstanceOf(RuleViolationError);
      expect(run.careProviderReferral).toMatchObject({ message: 'no external body is open to this complaint now', citation: 'skgz.nl procedure' });
    },
  },
  {
    rule: 'Representation: machtiging',
    quote: 'Machtiging: the complainant may authorise anyone to act for them.',
    setting: 'representation { onBehalfAllowed, authorisation: always (a machtiging), no kinds (anyone), pausesClock: false (not said) }',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisation: 'always', authorisationRequired: true, pausesClock: false, kinds: [] });
      // The clock does not wait for the machtiging: Tue 24 Mar 2026 + 6 weeks, as without a representative.
      expect(milestonesFor(reg, { happened: { received: RECEIVED }, representative: true }).map((m) => m.due)).toEqual(['2026-05-06']);
      // Through the workflow: filed by the insured person's brother, the machtiging is outstanding; the complaint
      // is not assigned before it arrives (refused with the rule), and is once it has; the term stays Wed 6 May 2026.
      expect(run.representative.authorisation).toBe('required');
      expect(run.representative.due).toBe('2026-05-06');
      expect(run.representative.assignBefore).toBeInstanceOf(RuleViolationError);
      expect(run.representative.assignBefore).toMatchObject({ citation: 'skgz.nl vraag-en-antwoord', message: expect.stringMatching(/signed authorisation must arrive first/) });
      expect(run.representative.assignAfter).toBeUndefined();
    },
  },
  {
    rule: 'Representation: anyone',
    quote: 'It does not have to be a lawyer or legal adviser; a family member, acquaintance or friend may represent them. No lawyer is needed',
    setting: 'representation.kinds [] (any person, no list of who may act; the brother above is accepted); notes representative-any-person',
    check: (reg) => {
      expect(note(reg, 'representative-any-person').text.en).toMatch(/family member, acquaintance or friend .* no lawyer is needed/);
      expect(reg.representation?.kinds).toEqual([]);
      expect(run.representative.authorisation).not.toBe('');
    },
  },
  {
    rule: 'Representation: the insurer as complainant (inferred)',
    quote: 'The insurer can also bring a complaint [artikel.nl; inferred from "ook van de zorgverzekeraar"].',
    setting: "notes insurer-may-complain (inferred; SKGZ side, no effect on the insurer's register)",
    check: (reg) => expect(note(reg, 'insurer-may-complain').text.en).toMatch(/insurer can also bring a complaint to SKGZ \(inferred\)/),
  },
  {
    rule: 'Channels: first the insurer',
    quote: 'First discuss with the insurer.',
    setting: "the insurer's reconsideration opens on receipt; both tiers open after the answer (opens.after answer, no directlyWhen); intake channels are tenant settings (not in the sheet)",
    check: (reg) => {
      expect(openingMilestones(reg, new Date(RECEIVED)).map((m) => m.milestoneId)).toEqual(['reconsideration']);
      expect([tier(reg, 'ombudsman').opens, tier(reg, 'geschillencommissie').opens]).toEqual([{ after: 'answer' }, { after: 'answer' }]);
      // A missed reconsideration opens no SKGZ tier directly.
      expect(nextTiers(reg, { happened: { received: RECEIVED }, missed: { reconsideration: '2026-05-06T21:59:59Z' } }, 'missed-term')).toEqual([]);
      expect(ids(reg.intake.channels)).toEqual(['form', 'email', 'letter', 'phone']);
      expect(reg.source.note).toMatch(/intake channels are not in the\s+sheet/);
    },
  },
  {
    rule: 'Channels: SKGZ form',
    quote: 'Then the SKGZ complaint form (online); post and e-mail are also possible for contact [skgz.nl procedure].',
    setting: "tiers' body.website https://www.skgz.nl (where the form is); the Ombudsman's description names the form, post and e-mail: printed in the letter",
    check: (reg) => {
      expect(tier(reg, 'ombudsman').body.website).toBe('https://www.skgz.nl');
      expect(paragraph(run.ruling, 'Ombudsman Zorgverzekeringen')).toContain('file your complaint with the complaint form on the SKGZ site (contact also by post or e-mail).');
    },
  },
  {
    rule: 'Channels: straight to the Geschillencommissie',
    quote: 'The complainant can say on the form that they want to go straight to the Geschillencommissie [skgz.nl procedure].',
    setting:
      "tier geschillencommissie opens after the answer like the Ombudsman's (not after: previous-tier), its window the SKGZ year until the Ombudsman's " +
      'conclusion is dated (reading: the same year); the description says so in the letter; notes straight-to-committee',
    check: (reg) => {
      expect(note(reg, 'straight-to-committee').text.en).toMatch(/straight to the Disputes Committee \(within the same one-year window\)/);
      expect(windowOf(reg, 'geschillencommissie')).toMatchObject({ opens: 'ruling-sent', closes: { from: 'ruling-sent', period: { unit: 'years', amount: 1 }, endDayRule: true } });
      // The decision of Fri 1 May 2026 offers the committee at once, until the end of the SKGZ year: Mon 3 May 2027.
      const committee = paragraph(run.ruling, 'Geschillencommissie Zorgverzekeringen');
      expect(committee).toContain('after the Ombudsman, or straight away: say so on the SKGZ complaint form.');
      expect(committee).toContain('You can do so until Monday 3 May 2027 inclusive (vraag-en-antwoord).');
    },
  },
  {
    rule: "Deadlines: insurer's answer",
    quote: "Insurer's answer (heroverweging) | complaint to insurer | 6 weeks | norm",
    setting: "milestones reconsideration { received + 6 weeks, met by ruling-sent, kind hard (reading: the norm is the insurer's duty) }; the decision letter names the SKGZ tiers",
    check: (reg) => {
      const m = milestone(reg, 'reconsideration');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 6 }, metBy: ['ruling-sent'], escalationRole: 'management' });
      // Tue 24 Mar 2026 + 6 weeks = Tue 5 May 2026 (Bevrijdingsdag on the Atw calendar): Wed 6 May 2026.
      expect(scheduleMilestone(reg, m, new Date('2026-03-24T10:00:00+01:00')).due).toBe('2026-05-06');
      // Mon 2 Mar 2026 + 6 weeks = Mon 13 Apr 2026, a working day.
      expect(scheduleMilestone(reg, m, new Date('2026-03-02T10:00:00+01:00')).due).toBe('2026-04-13');
      expect(notice(reg, 'reconsideration-decision').contents).toEqual(['outcome', 'reasons', 'external-body']);
      expect(run.ruling).toContain('Outcome: unfounded');
    },
  },
  {
    rule: 'Deadlines: complaint to SKGZ',
    quote: "Complaint to SKGZ | date of insurer's reconsideration decision | 1 year | hard (inadmissible after)",
    setting:
      "windows skgz { for: external-complaint, ruling-sent + 1 year } (reading: the decision date = the day it is sent; end-day rule kept), the Ombudsman tier's window: its closing date in the decision letter",
    check: (reg) => {
      const w = windowOf(reg, 'skgz');
      expect(w).toMatchObject({ for: 'external-complaint', anchor: 'ruling-sent', period: { unit: 'years', amount: 1 }, body: 'Stichting Klachten en Geschillen Zorgverzekeringen (SKGZ)' });
      // Fri 1 May 2026 + 1 year = Sat 1 May 2027: the window closes Mon 3 May 2027.
      const dates = windowDates(reg, w, { happened: { received: '2026-03-24T10:00:00+01:00', 'ruling-sent': RULING_SENT } });
      expect(dates).toMatchObject({ opens: '2026-05-01', closes: '2027-05-03', closesProvisional: false });
      expect(windowStateOn(dates, '2027-05-03')).toBe('open');
      expect(windowStateOn(dates, '2027-05-04')).toBe('closed');
      // Before the decision nothing runs yet.
      expect(windowStateOn(windowDates(reg, w, { happened: { received: RECEIVED } }), '2026-04-01')).toBe('not-yet');
      expect(tier(reg, 'ombudsman').window).toBe('skgz');
      // The decision letter of Fri 1 May 2026 gives Mon 3 May 2027; the Dutch one of the same day too.
      expect(paragraph(run.ruling, 'Ombudsman Zorgverzekeringen')).toContain('You can do so until Monday 3 May 2027 inclusive (vraag-en-antwoord).');
      expect(paragraph(run.rulingNl, 'Ombudsman Zorgverzekeringen')).toContain('Dat kan tot en met maandag 3 mei 2027 (vraag-en-antwoord).');
    },
  },
  {
    rule: 'Deadlines: + 90 days without the SKGZ referral',
    quote: '— if the insurer did not refer to SKGZ as required | same | +90 days | automatic extension',
    setting:
      'events skgz-referral-omitted (coordinator); windows skgz variants [{ when: { event: skgz-referral-omitted }, closes: ' +
      "{ from: { from: ruling-sent, period: 1 year, endDayRule: false }, period: 90 calendar-days } }] (read: the 90 days run from the year's own end; the end-day rule once, at the end)",
    check: (reg) => {
      expect(reg.events.find((e) => e.id === 'skgz-referral-omitted')?.recordedBy).toEqual(['coordinator']);
      const w = windowOf(reg, 'skgz');
      expect(w.variants).toMatchObject([
        { when: { event: 'skgz-referral-omitted' }, closes: { from: { from: 'ruling-sent', period: { unit: 'years', amount: 1 }, endDayRule: false }, period: { unit: 'calendar-days', amount: 90 } } },
      ]);
      const happened = { received: '2026-03-24T10:00:00+01:00', 'ruling-sent': RULING_SENT };
      // Decision sent Fri 1 May 2026 without the SKGZ referral: Sat 1 May 2027 + 90 days = Fri 30 July 2027
      // (not Mon 3 May 2027 + 90 days = Mon 2 Aug 2027).
      const facts = { happened: { ...happened, 'skgz-referral-omitted': RULING_SENT } };
      const skgz = windowsFor(reg, facts).filter((d) => d.id.startsWith('skgz'));
      expect(skgz.map((d) => [d.id, d.opens, d.closes, d.variant])).toEqual([['skgz', '2026-05-01', '2027-07-30', 0]]);
      expect(windowStateOn(skgz[0]!, '2027-05-04')).toBe('open');
      expect(windowStateOn(skgz[0]!, '2027-07-30')).toBe('open');
      expect(windowStateOn(skgz[0]!, '2027-07-31')).toBe('closed');
      // With the referral: the year alone, closing Mon 3 May 2027.
      const referred = windowDates(reg, w, { happened });
      expect(referred).toMatchObject({ closes: '2027-05-03' });
      expect(referred.variant).toBeUndefined();
      expect(windowStateOn(referred, '2027-05-04')).toBe('closed');
      // Through the workflow: decided Fri 1 May 2026, the missing referral recorded on Mon 4 May; the referral letter
      // gives Fri 30 July 2027 for both SKGZ bodies (going straight to the committee is a complaint to SKGZ as well).
      expect(paragraph(run.omitted, 'Ombudsman Zorgverzekeringen')).toContain('You can do so until Friday 30 July 2027 inclusive (vraag-en-antwoord).');
      expect(paragraph(run.omitted, 'Geschillencommissie Zorgverzekeringen')).toContain('You can do so until Friday 30 July 2027 inclusive (vraag-en-antwoord).');
      expect(windowOf(reg, 'geschillencommissie').variants[1]).toMatchObject({ when: { event: 'skgz-referral-omitted' } });
    },
  },
  {
    rule: 'Deadlines: to the Geschillencommissie after the Ombudsman',
    quote: "To Geschillencommissie after Ombudsman | date of Ombudsman's conclusion letter | 90 days | hard",
    setting:
      'windows geschillencommissie variants[0] { when: { stated: [ombudsman-conclusion-on] }, closes: stated:ombudsman-conclusion-on + 90 calendar-days }; ' +
      'statedDates ombudsman-conclusion-on; tier geschillencommissie { window: geschillencommissie }: the referral letter prints the date',
    check: (reg) => {
      const w = windowOf(reg, 'geschillencommissie');
      expect(w).toMatchObject({ for: 'external-complaint', body: 'Geschillencommissie Zorgverzekeringen' });
      expect(w.variants[0]).toMatchObject({ when: { stated: ['ombudsman-conclusion-on'] }, closes: { from: 'stated:ombudsman-conclusion-on', period: { unit: 'calendar-days', amount: 90 } } });
      expect(tier(reg, 'geschillencommissie').window).toBe('geschillencommissie');
      expect(reg.statedDates.find((d) => d.id === 'ombudsman-conclusion-on')?.statedBy).toEqual(['complainant', 'staff']);
      const happened = { received: RECEIVED, 'ruling-sent': RULING_SENT };
      // Letter dated Tue 1 Sep 2026: + 90 days = Mon 30 Nov 2026 (earlier than the year).
      expect(windowDates(reg, w, { happened, stated: { 'ombudsman-conclusion-on': '2026-09-01' } })).toMatchObject({ opens: '2026-05-01', closes: '2026-11-30', variant: 0 });
      // Letter dated Mon 7 Sep 2026: + 90 days = Sun 6 Dec 2026, so Mon 7 Dec 2026.
      const dates = windowDates(reg, w, { happened, stated: { 'ombudsman-conclusion-on': '2026-09-07' } });
      expect(dates.closes).toBe('2026-12-07');
      expect(windowStateOn(dates, '2026-12-08')).toBe('closed');
      // A conclusion late in the year (Mon 12 Apr 2027): Sun 11 Jul 2027, so Mon 12 Jul 2027, past the year's Mon 3 May 2027.
      expect(windowDates(reg, w, { happened, stated: { 'ombudsman-conclusion-on': '2027-04-12' } }).closes).toBe('2027-07-12');
      // Without the letter's date: the SKGZ year (straight to the committee).
      expect(windowsFor(reg, { happened }).map((x) => [x.id, x.closes])).toEqual([
        ['skgz', '2027-05-03'],
        ['geschillencommissie', '2027-05-03'],
      ]);
      // Through the workflow: the conclusion dated Mon 7 Sep 2026 is stated on Thu 10 Sep; the referral to the
      // committee names it with Mon 7 Dec 2026 as the last day.
      expect(run.referralTier).toBe('geschillencommissie');
      expect(paragraph(run.referral, 'Geschillencommissie Zorgverzekeringen')).toContain('You can do so until Monday 7 December 2026 inclusive (vraag-en-antwoord).');
      expect(paragraph(run.referral, 'Ombudsman Zorgverzekeringen')).toContain('until Monday 3 May 2027 inclusive');
    },
  },
  {
    rule: 'Deadlines: committee decision (indicative)',
    quote: 'Committee decision | — | ~6 months (premium cases ~3–4 months) | indicative, not binding',
    setting: "notes committee-duration: SKGZ's own indicative duration, no milestone of the insurer",
    check: (reg) => {
      expect(note(reg, 'committee-duration').text.en).toMatch(/about 6 months \(premium cases about 3–4 months\): indicative, not a deadline/);
      expect(reg.milestones.map((m) => m.id)).toEqual(['reconsideration']);
    },
  },
  {
    rule: 'Who handles; impartiality',
    quote: 'The Ombudsman Zorgverzekeringen (mediation) and the Geschillencommissie Zorgverzekeringen (named members, chaired by a professor of law). Both are presented as impartial and independent',
    setting:
      'tiers ombudsman { decision: mediation } and geschillencommissie { description: named members, chaired by a professor of law }, both "impartial and independent" in their descriptions; notes skgz-impartial',
    check: (reg) => {
      expect(note(reg, 'skgz-impartial').text.en).toMatch(/chaired by a professor of law\) are impartial and independent/);
      expect(tier(reg, 'ombudsman')).toMatchObject({ decision: 'mediation', body: { description: { en: expect.stringMatching(/^mediation by .*impartial and independent/) } } });
      expect(tier(reg, 'geschillencommissie').body.description?.en).toMatch(/^impartial and independent, with named members and chaired by a professor of law/);
      expect(paragraph(run.ruling, 'Ombudsman Zorgverzekeringen')).toContain('It mediates.');
      expect(paragraph(run.ruling, 'Geschillencommissie Zorgverzekeringen')).toContain('Impartial and independent, with named members and chaired by a professor of law;');
    },
  },
  {
    rule: 'Who handles: not a representative',
    quote: "SKGZ is not the complainant's representative [vraag-en-antwoord].",
    setting: 'notes skgz-impartial',
    check: (reg) => expect(note(reg, 'skgz-impartial').text.en).toMatch(/SKGZ is not the complainant's representative/),
  },
  {
    rule: 'Process (Ombudsman)',
    quote:
      'Intake (competence check; SKGZ may ask for more information) → investigation of where the disagreement lies → the insurer is asked to look again and receives copies of everything → a solution is proposed.',
    setting: "duties ombudsman-reconsideration (the insurer's part, no term); tier ombudsman { decision: mediation }; notes ombudsman-process",
    check: (reg) => {
      expect(reg.duties.find((d) => d.id === 'ombudsman-reconsideration')?.role).toBe('coordinator');
      expect(note(reg, 'ombudsman-process').text.en).toMatch(/the insurer is asked to look again, a solution is proposed/);
    },
  },
  {
    rule: 'Process: no room for mediation',
    quote: 'If the Ombudsman sees no room for mediation, both sides are told, with reasons [skgz.nl procedure].',
    setting: 'notes ombudsman-process',
    check: (reg) => expect(note(reg, 'ombudsman-process').text.en).toMatch(/no room for mediation, both sides are told with reasons/),
  },
  {
    rule: 'Hearing (Geschillencommissie)',
    quote: 'Held if the complainant wishes; it can be by phone or video. The insurer is also invited',
    setting:
      "notes committee-hearing: the hearing of the SKGZ case, not of the insurer's procedure (the format has no hearing per tier: a gap); " +
      'no investigation.hearing, so the insurer decides without one (the decisions above were given without a hearing)',
    check: (reg) => {
      expect(note(reg, 'committee-hearing').text.en).toMatch(/if the complainant wishes, also by phone or video; the insurer is invited too/);
      expect(reg.investigation).toBeUndefined();
      expect(run.ruling).toContain('Outcome: unfounded');
    },
  },
  {
    rule: 'Hearing: withdrawal',
    quote: "Withdrawal is possible up to and including the hearing; after that only with the insurer's consent",
    setting:
      "notes committee-withdrawal: a rule of the SKGZ case, not of the insurer's register (no withdrawal section: the format's until-hearing would " +
      "bind the insurer's own complaint; a gap); the insured withdraws the complaint at the insurer after a talk, without consent",
    check: (reg) => {
      expect(note(reg, 'committee-withdrawal').text.en).toMatch(/up to and including the hearing; after that only with the insurer's consent/);
      expect(reg.withdrawal).toBeUndefined();
      expect(run.withdrawal.error).toBeUndefined();
      expect(run.withdrawal.events.slice(-2)).toEqual(['hearing-held', 'withdrawn']);
    },
  },
  {
    rule: 'Outcome',
    quote:
      'The Geschillencommissie gives a binding advice (a "(non-)binding advice" option is also mentioned [vraagbaak]) and sends a letter with the decision. Decisions are published on the SKGZ site without the complainant\'s name.',
    setting: 'tier geschillencommissie { decision: binding }: "Its decision is binding." in the letters; notes binding-advice (the "(non-)binding" option, publication)',
    check: (reg) => {
      expect(note(reg, 'binding-advice').text.en).toMatch(/binding advice .*published on the SKGZ site without the complainant's name/);
      expect(tier(reg, 'geschillencommissie').decision).toBe('binding');
      expect(paragraph(run.ruling, 'Geschillencommissie Zorgverzekeringen')).toContain('Its decision is binding.');
      expect(paragraph(run.rulingNl, 'Geschillencommissie Zorgverzekeringen')).toContain('De uitspraak is bindend.');
      expect(paragraph(run.ruling, 'Ombudsman Zorgverzekeringen')).not.toContain('binding');
    },
  },
  {
    rule: 'Fees',
    quote: "Ombudsman: free. Geschillencommissie: entreegeld €37, usually refunded if the committee rules in the complainant's favour.",
    setting: 'tier ombudsman fee { amount: EUR 0 } (free); tier geschillencommissie fee { amount: EUR 37, refund: if-upheld, note: "usual, not certain" }: printed in the letters',
    check: (reg) => {
      expect(tier(reg, 'ombudsman').fee).toEqual({ amount: { amount: 0, currency: 'EUR' }, refund: 'none' });
      expect(tier(reg, 'geschillencommissie').fee).toMatchObject({
        amount: { amount: 37, currency: 'EUR' },
        refund: 'if-upheld',
        note: { en: expect.stringMatching(/^The refund is usual, not certain\./) },
      });
      expect(paragraph(run.ruling, 'Ombudsman Zorgverzekeringen')).toContain('It is free of charge.');
      expect(paragraph(run.ruling, 'Geschillencommissie Zorgverzekeringen')).toContain('The fee is €37, refunded if you are proved right. The refund is usual, not certain.');
      expect(paragraph(run.rulingNl, 'Geschillencommissie Zorgverzekeringen')).toContain(
        'De kosten zijn €\u00a037, die u terugkrijgt als u in het gelijk wordt gesteld. Meestal, niet altijd, krijgt u het entreegeld dan terug.',
      );
      expect(paragraph(run.rulingNl, 'Ombudsman Zorgverzekeringen')).toContain('Daar zijn geen kosten aan verbonden.');
    },
  },
  {
    rule: 'Fees: own costs, unpaid fee',
    quote: "The complainant's own costs (postage, travel, copies, witnesses/experts) remain theirs. The case is not handled if the entreegeld is not paid",
    setting: 'tier geschillencommissie fee.note: printed after the fee',
    check: (reg) => {
      expect(tier(reg, 'geschillencommissie').fee?.note?.en).toMatch(
        /Your case is not handled until the entry fee is paid; your own costs \(postage, travel, copies, witnesses and experts\) remain yours\./,
      );
      expect(paragraph(run.ruling, 'Geschillencommissie Zorgverzekeringen')).toContain(
        'Your case is not handled until the entry fee is paid; your own costs (postage, travel, copies, witnesses and experts) remain yours.',
      );
      expect(paragraph(run.ruling, 'Ombudsman Zorgverzekeringen')).not.toContain('fee');
    },
  },
  {
    rule: 'Registration / reporting',
    quote: 'SKGZ publishes an annual report (jaarverslag 2014 seen) [docplayer].',
    setting: "notes skgz-annual-report (SKGZ's report, not the insurer's): no reporting entry",
    check: (reg) => {
      expect(note(reg, 'skgz-annual-report').text.en).toBe('SKGZ publishes an annual report.');
      expect(reg.reporting).toEqual([]);
    },
  },
];

describeCorpusSheet({ sheet: '07-zorgverzekeraar-skgz', rules });
