// Corpus sheet 07: a health insurer under SKGZ, rule by rule -> tests/fixtures/regulations/07-zorgverzekeraar-skgz.yaml.
// Dates are worked out by hand on the Algemene termijnenwet calendar (the fixture's default calendar).
import { expect } from 'vitest';
import {
  type Regulation,
  milestonesFor,
  openingMilestones,
  scheduleMilestone,
  windowDates,
  windowStateOn,
  windowsFor,
} from '../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, note, windowOf } from '../seeds/clause-table.ts';
import { type SheetRule, describeCorpusSheet } from './corpus-table.ts';

const RULING_SENT = '2026-05-01T12:00:00+02:00'; // Friday 1 May 2026

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'Dutch health insurer affiliated with the Stichting Klachten en Geschillen Zorgverzekeringen (SKGZ).',
    setting: 'organisation (fictional insurer); external { kind: fixed, after: handling, body: SKGZ }',
    check: (reg) => {
      expect(reg.organisation.name).toMatch(/aangesloten bij SKGZ/);
      expect(reg.external).toMatchObject({ kind: 'fixed', after: 'handling', body: { name: 'Stichting Klachten en Geschillen Zorgverzekeringen (SKGZ)' } });
    },
  },
  {
    rule: 'Who may complain',
    quote: 'The insured consumer, about a health insurance or about the insurer\'s processing of personal data.',
    setting: 'scope.complainants [insured]; categories health-insurance, personal-data',
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['insured']);
      expect(ids(reg.categorySchemes[0]?.categories ?? [])).toEqual(['health-insurance', 'personal-data']);
    },
  },
  {
    rule: 'Who may complain: SKGZ exclusions',
    quote: 'Not: complaints on behalf of a group; disputes between a care provider and the insurer; insurers not affiliated with SKGZ [skgz.nl vraag-en-antwoord].',
    setting: 'notes skgz-exclusions (they bind SKGZ, not the insurer\'s own handling: no admissibility ground)',
    check: (reg) => {
      expect(note(reg, 'skgz-exclusions').text.en).toMatch(/on behalf of a group, disputes between a care provider and the insurer, or insurers not affiliated/);
      expect(reg.admissibility.grounds).toEqual([]);
    },
  },
  {
    rule: 'Representation: machtiging',
    quote: 'Machtiging: the complainant may authorise anyone to act for them.',
    setting: 'representation { onBehalfAllowed, authorisationRequired: true, pausesClock: false (not said) }',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisationRequired: true, pausesClock: false });
      // The clock does not wait for the machtiging: Tue 24 Mar 2026 + 6 weeks, as without a representative.
      expect(milestonesFor(reg, { happened: { received: '2026-03-24T10:00:00+01:00' }, representative: true }).map((m) => m.due)).toEqual(['2026-05-06']);
    },
  },
  {
    rule: 'Representation: anyone',
    quote: 'It does not have to be a lawyer or legal adviser; a family member, acquaintance or friend may represent them. No lawyer is needed',
    setting: 'notes representative-any-person',
    check: (reg) => expect(note(reg, 'representative-any-person').text.en).toMatch(/family member, acquaintance or friend .* no lawyer is needed/),
  },
  {
    rule: 'Representation: the insurer as complainant (inferred)',
    quote: 'The insurer can also bring a complaint [artikel.nl; inferred from "ook van de zorgverzekeraar"].',
    setting: 'notes insurer-may-complain (inferred; SKGZ side, no effect on the insurer\'s register)',
    check: (reg) => expect(note(reg, 'insurer-may-complain').text.en).toMatch(/insurer can also bring a complaint to SKGZ \(inferred\)/),
  },
  {
    rule: 'Channels: first the insurer',
    quote: 'First discuss with the insurer.',
    setting: 'the insurer\'s reconsideration opens on receipt; external.after handling; intake channels are tenant settings (not in the sheet)',
    check: (reg) => {
      expect(openingMilestones(reg, new Date('2026-03-24T10:00:00+01:00')).map((m) => m.milestoneId)).toEqual(['reconsideration']);
      expect(reg.external.kind === 'fixed' && reg.external.after).toBe('handling');
      expect(ids(reg.intake.channels)).toEqual(['form', 'email', 'letter', 'phone']);
      expect(reg.source.note).toMatch(/intake channels are not in the\s+sheet/);
    },
  },
  {
    rule: 'Channels: SKGZ form',
    quote: 'Then the SKGZ complaint form (online); post and e-mail are also possible for contact [skgz.nl procedure].',
    setting: 'external.body.website https://www.skgz.nl (where the form is)',
    check: (reg) => expect(reg.external.kind === 'fixed' && reg.external.body.website).toBe('https://www.skgz.nl'),
  },
  {
    rule: 'Channels: straight to the Geschillencommissie',
    quote: 'The complainant can say on the form that they want to go straight to the Geschillencommissie [skgz.nl procedure].',
    setting: 'notes straight-to-committee (within the same 1-year window skgz)',
    check: (reg) => expect(note(reg, 'straight-to-committee').text.en).toMatch(/straight to the Disputes Committee \(within the same one-year window\)/),
  },
  {
    rule: 'Deadlines: insurer\'s answer',
    quote: 'Insurer\'s answer (heroverweging) | complaint to insurer | 6 weeks | norm',
    setting: 'milestones reconsideration { received + 6 weeks, met by ruling-sent, kind hard (reading: the norm is the insurer\'s duty) }',
    check: (reg) => {
      const m = milestone(reg, 'reconsideration');
      expect(m).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 6 }, metBy: ['ruling-sent'], escalationRole: 'management' });
      // Tue 24 Mar 2026 + 6 weeks = Tue 5 May 2026 (Bevrijdingsdag on the Atw calendar): Wed 6 May 2026.
      expect(scheduleMilestone(reg, m, new Date('2026-03-24T10:00:00+01:00')).due).toBe('2026-05-06');
      // Mon 2 Mar 2026 + 6 weeks = Mon 13 Apr 2026, a working day.
      expect(scheduleMilestone(reg, m, new Date('2026-03-02T10:00:00+01:00')).due).toBe('2026-04-13');
      expect(notice(reg, 'reconsideration-decision').contents).toEqual(['outcome', 'reasons', 'external-body']);
    },
  },
  {
    rule: 'Deadlines: complaint to SKGZ',
    quote: 'Complaint to SKGZ | date of insurer\'s reconsideration decision | 1 year | hard (inadmissible after)',
    setting: 'windows skgz { for: external-complaint, ruling-sent + 1 year } (reading: the decision date = the day it is sent; end-day rule kept)',
    check: (reg) => {
      const w = windowOf(reg, 'skgz');
      expect(w).toMatchObject({ for: 'external-complaint', anchor: 'ruling-sent', period: { unit: 'years', amount: 1 }, body: 'Stichting Klachten en Geschillen Zorgverzekeringen (SKGZ)' });
      // Fri 1 May 2026 + 1 year = Sat 1 May 2027: the window closes Mon 3 May 2027.
      const dates = windowDates(reg, w, { happened: { received: '2026-03-24T10:00:00+01:00', 'ruling-sent': RULING_SENT } });
      expect(dates).toMatchObject({ opens: '2026-05-01', closes: '2027-05-03', closesProvisional: false });
      expect(windowStateOn(dates, '2027-05-03')).toBe('open');
      expect(windowStateOn(dates, '2027-05-04')).toBe('closed');
      // Before the decision nothing runs yet.
      expect(windowStateOn(windowDates(reg, w, { happened: { received: '2026-03-24T10:00:00+01:00' } }), '2026-04-01')).toBe('not-yet');
    },
  },
  {
    rule: 'Deadlines: + 90 days without the SKGZ referral',
    quote: '— if the insurer did not refer to SKGZ as required | same | +90 days | automatic extension',
    setting:
      'events skgz-referral-omitted (coordinator); windows skgz variants [{ when: { event: skgz-referral-omitted }, closes: ' +
      '{ from: { from: ruling-sent, period: 1 year, endDayRule: false }, period: 90 calendar-days } }] (read: the 90 days run from the year\'s own end; the end-day rule once, at the end)',
    check: (reg) => {
      expect(reg.events.find((e) => e.id === 'skgz-referral-omitted')?.recordedBy).toEqual(['coordinator']);
      const w = windowOf(reg, 'skgz');
      expect(w.variants).toMatchObject([{ when: { event: 'skgz-referral-omitted' }, closes: { from: { from: 'ruling-sent', period: { unit: 'years', amount: 1 }, endDayRule: false }, period: { unit: 'calendar-days', amount: 90 } } }]);
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
    },
  },
  {
    rule: 'Deadlines: to the Geschillencommissie after the Ombudsman',
    quote: 'To Geschillencommissie after Ombudsman | date of Ombudsman\'s conclusion letter | 90 days | hard',
    setting: 'windows geschillencommissie { stated:ombudsman-conclusion-on + 90 calendar-days }; statedDates ombudsman-conclusion-on',
    check: (reg) => {
      const w = windowOf(reg, 'geschillencommissie');
      expect(w).toMatchObject({ for: 'external-complaint', anchor: 'stated:ombudsman-conclusion-on', period: { unit: 'calendar-days', amount: 90 }, body: 'Geschillencommissie Zorgverzekeringen' });
      expect(reg.statedDates.find((d) => d.id === 'ombudsman-conclusion-on')?.statedBy).toEqual(['complainant', 'staff']);
      const happened = { received: '2026-03-24T10:00:00+01:00', 'ruling-sent': RULING_SENT };
      // Letter dated Tue 1 Sep 2026: + 90 days = Mon 30 Nov 2026.
      expect(windowDates(reg, w, { happened, stated: { 'ombudsman-conclusion-on': '2026-09-01' } })).toMatchObject({ opens: '2026-09-01', closes: '2026-11-30' });
      // Letter dated Mon 7 Sep 2026: + 90 days = Sun 6 Dec 2026, so Mon 7 Dec 2026.
      const dates = windowDates(reg, w, { happened, stated: { 'ombudsman-conclusion-on': '2026-09-07' } });
      expect(dates.closes).toBe('2026-12-07');
      expect(windowStateOn(dates, '2026-12-08')).toBe('closed');
      // Without the letter's date the window is not known.
      expect(windowsFor(reg, { happened }).map((x) => x.id)).toEqual(['skgz']);
    },
  },
  {
    rule: 'Deadlines: committee decision (indicative)',
    quote: 'Committee decision | — | ~6 months (premium cases ~3–4 months) | indicative, not binding',
    setting: 'notes committee-duration: SKGZ\'s own indicative duration, no milestone of the insurer',
    check: (reg) => {
      expect(note(reg, 'committee-duration').text.en).toMatch(/about 6 months \(premium cases about 3–4 months\): indicative, not a deadline/);
      expect(reg.milestones.map((m) => m.id)).toEqual(['reconsideration']);
    },
  },
  {
    rule: 'Who handles; impartiality',
    quote: 'The Ombudsman Zorgverzekeringen (mediation) and the Geschillencommissie Zorgverzekeringen (named members, chaired by a professor of law). Both are presented as impartial and independent',
    setting: 'external.body.description; notes skgz-impartial',
    check: (reg) => {
      expect(note(reg, 'skgz-impartial').text.en).toMatch(/chaired by a professor of law\) are impartial and independent/);
      expect(reg.external.kind === 'fixed' && reg.external.body.description?.en).toMatch(/impartial and independent/);
    },
  },
  {
    rule: 'Who handles: not a representative',
    quote: 'SKGZ is not the complainant\'s representative [vraag-en-antwoord].',
    setting: 'notes skgz-impartial',
    check: (reg) => expect(note(reg, 'skgz-impartial').text.en).toMatch(/SKGZ is not the complainant's representative/),
  },
  {
    rule: 'Process (Ombudsman)',
    quote: 'Intake (competence check; SKGZ may ask for more information) → investigation of where the disagreement lies → the insurer is asked to look again and receives copies of everything → a solution is proposed.',
    setting: 'duties ombudsman-reconsideration (the insurer\'s part, no term); notes ombudsman-process',
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
    setting: 'notes committee-hearing (SKGZ\'s hearing; the insurer has no hearing of its own)',
    check: (reg) => {
      expect(note(reg, 'committee-hearing').text.en).toMatch(/if the complainant wishes, also by phone or video; the insurer is invited too/);
      expect(reg.investigation).toBeUndefined();
    },
  },
  {
    rule: 'Hearing: withdrawal',
    quote: 'Withdrawal is possible up to and including the hearing; after that only with the insurer\'s consent',
    setting: 'notes committee-withdrawal (a rule of the SKGZ case, not of the insurer\'s register)',
    check: (reg) => expect(note(reg, 'committee-withdrawal').text.en).toMatch(/up to and including the hearing; after that only with the insurer's consent/),
  },
  {
    rule: 'Outcome',
    quote: 'The Geschillencommissie gives a binding advice (a "(non-)binding advice" option is also mentioned [vraagbaak]) and sends a letter with the decision. Decisions are published on the SKGZ site without the complainant\'s name.',
    setting: 'notes binding-advice',
    check: (reg) => expect(note(reg, 'binding-advice').text.en).toMatch(/binding advice .*published on the SKGZ site without the complainant's name/),
  },
  {
    rule: 'Fees',
    quote: 'Ombudsman: free. Geschillencommissie: entreegeld €37, usually refunded if the committee rules in the complainant\'s favour.',
    setting: 'notes fees; external.body.description',
    check: (reg) => {
      expect(note(reg, 'fees').text.en).toMatch(/Ombudsman: free\. Disputes Committee: entry fee €37, usually refunded/);
      expect(reg.external.kind === 'fixed' && reg.external.body.description?.en).toMatch(/mediation, free.*entry fee €37/);
    },
  },
  {
    rule: 'Fees: own costs, unpaid fee',
    quote: 'The complainant\'s own costs (postage, travel, copies, witnesses/experts) remain theirs. The case is not handled if the entreegeld is not paid',
    setting: 'notes fees',
    check: (reg) => expect(note(reg, 'fees').text.en).toMatch(/own costs .* stay with the complainant; the case is not handled if the fee is not paid/),
  },
  {
    rule: 'Registration / reporting',
    quote: 'SKGZ publishes an annual report (jaarverslag 2014 seen) [docplayer].',
    setting: 'notes skgz-annual-report (SKGZ\'s report, not the insurer\'s): no reporting entry',
    check: (reg) => {
      expect(note(reg, 'skgz-annual-report').text.en).toBe('SKGZ publishes an annual report.');
      expect(reg.reporting).toEqual([]);
    },
  },
];

describeCorpusSheet({ sheet: '07-zorgverzekeraar-skgz', rules });
