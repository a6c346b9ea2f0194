// Corpus sheet 01: a woningcorporatie under the Aedes model klachtenreglement (2023) with a regional
// klachtencommissie, rule by rule -> tests/fixtures/regulations/01-woningcorporatie-aedes-klachtencommissie.yaml.
// The terms that differ per commission are variants selected by the category of the scheme `commission`.
// Dates are worked out by hand on the Algemene termijnenwet calendar (shared/reference/dutch-deadlines.md).
import { expect } from 'vitest';
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
} from '../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, role, note, windowOf, ground } from '../seeds/clause-table.ts';
import { type SheetRule, describeCorpusSheet } from './corpus-table.ts';

const SHEET = '01-woningcorporatie-aedes-klachtencommissie';
const RECEIVED = '2026-03-16T10:00:00+01:00'; // Monday 16 March 2026: the complaint reaches the corporatie
const CONDUCT = '2025-06-02'; // the conduct complained of (stated occurred-on)

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

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'The regime is national: Woningwet art. 55b(3) lets the minister designate a complaints regulation, and the minister designated the Aedes "Voorbeeld Reglement Klachtencommissie, versie 1 februari 2023" (Staatscourant 2023, 6160).',
    setting: 'scope.citation source Woningwet art. 55b lid 3; version aedes-2023, effectiveFrom and source.dated 2023-02-01 (the model\'s date)',
    check: (reg) => {
      expect(reg.scope.citation.source).toBe('Woningwet art. 55b lid 3');
      expect([reg.version, reg.effectiveFrom, reg.source.dated]).toEqual(['aedes-2023', '2023-02-01', '2023-02-01']);
    },
  },
  {
    rule: 'Organisation type: details may differ',
    quote: 'Corporaties may differ on details but must keep the model\'s minimum conditions (Aedes).',
    setting: 'notes model-minimum',
    check: (reg) => expect(note(reg, 'model-minimum').text.en).toMatch(/must keep its minimum conditions/),
  },
  {
    rule: 'Organisation type: regional commissions',
    quote: 'It is operated by regional commissions. This sheet uses three of them as instances: Klachtencommissie Friesland (PKWF), the Regionale Geschillencommissie (geschillenbehandelen.nl) and Klachtencommissie Arnhem.',
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
    quote: 'First a complaint to the corporatie itself. Then an independent commission that hears both sides and gives a non-binding advice to the board. The board decides within a fixed period and must give reasons if it deviates.',
    setting: 'the answer is ruling-sent; objection { kind: complaint-about-handling, to: committee, decidedBy: board, hearing: invited }; board decision = objection-decided',
    check: (reg) => {
      expect(notice(reg, 'answer')).toMatchObject({ from: 'coordinator', records: 'ruling-sent', written: true });
      expect(reg.objection).toMatchObject({ kind: 'complaint-about-handling', to: 'committee', decidedBy: 'board', inWriting: true, hearing: 'invited' });
      expect(notice(reg, 'board-decision')).toMatchObject({ from: 'board', records: 'objection-decided' });
    },
  },
  {
    rule: 'Who may complain',
    quote: 'Tenants. Under the model the corporatie chooses whether the commission also handles complaints from prospective tenants (kandidaat-huurders), from the huurdersorganisatie and from bewonerscommissies',
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
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisationRequired: false, pausesClock: false });
      expect(dueIn(reg, 'internal-answer', { ...at(undefined, {}), representative: true })).toBe('2026-04-28');
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
    quote: 'The commission is open once the corporatie has answered in writing, or after a waiting period that differs per commission: at least 3 weeks [ARN], 6 weeks [RKCW, NIJ], 4 weeks without a stated reason for delay [regiogeschillencommissie.nl].',
    setting: 'milestones internal-answer (target, met by ruling-sent): 6 weeks, arn 3 weeks, regio 4 weeks (FRL, RGC, QW state none: 6 weeks); windows commission opens { earliest: [ruling-sent, missed:internal-answer] }',
    check: (reg) => {
      const m = milestone(reg, 'internal-answer');
      expect(m).toMatchObject({ kind: 'target', anchor: 'received', metBy: ['ruling-sent'] });
      // Mon 16 Mar 2026: 6 weeks = Mon 27 Apr (Koningsdag) -> Tue 28 Apr; 3 weeks = Mon 6 Apr (Easter Monday) -> Tue 7 Apr; 4 weeks = Mon 13 Apr.
      expect(['rkcw', 'nij', 'frl', 'rgc', 'qw', 'arn', 'regio'].map((c) => dueIn(reg, 'internal-answer', at(c, {})))).toEqual([
        '2026-04-28', '2026-04-28', '2026-04-28', '2026-04-28', '2026-04-28', '2026-04-07', '2026-04-13',
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
      expect(reg.intake.channels.map((c) => [c.id, c.mode])).toEqual([['letter', 'written'], ['email', 'written'], ['form', 'written']]);
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
    quote: 'Filing window (variant, regiogeschillencommissie.nl): within 3 months after the date of the manager\'s/director\'s decision; if no answer came within 4 weeks, the complainant may go to the commission, but then within 6 weeks (anchor of the 6 weeks not stated; inferred: from the end of the 4 weeks).',
    setting: 'windows commission variants for regio: { regio, missed internal-answer } -> 6 weeks from missed:internal-answer (the end of the 4 weeks, as inferred; kept even if an answer comes later); { regio } -> 3 months from ruling-sent',
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
    },
  },
  {
    rule: 'Precondition: free; withdrawal',
    quote: 'Free of charge for the complainant [RGC, ARN]. The complainant may withdraw at any moment [RGC].',
    setting: 'outcomes withdrawn; notes free-and-withdrawal',
    check: (reg) => {
      expect(reg.outcomes.find((o) => o.id === 'withdrawn')).toBeDefined();
      expect(note(reg, 'free-and-withdrawal').text.en).toMatch(/free of charge .* withdraw at any moment/);
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
    },
  },
  {
    rule: 'Exclusions: model text (inferred)',
    quote: '(Inferred: the wording looks like model text reused by several commissions; NIJ also states "not older than one year".)',
    setting: 'read: the exclusions apply for every commission (no ground is conditioned on the commission; regio\'s own filing window closes its commission instead of the year); notes limitation-model-text',
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
    quote: 'Example composition: chair, a permanent member and a member from the tenants\' organisation [klachtencommissiewoningcorporaties.nl]. The secretariat may sit at the corporatie; members have no ties to it [openbaarbelang.nl].',
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
      expect(milestone(reg, 'commission-admissibility')).toMatchObject({ kind: 'hard', anchor: 'objection-received', period: { unit: 'weeks', amount: 2 }, metBy: ['admissibility-notified'], responsibleRole: 'committee' });
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
      expect(milestone(reg, 'board-decision')).toMatchObject({ kind: 'hard', anchor: 'advice-received', period: { unit: 'months', amount: 1 }, metBy: ['objection-decided'], responsibleRole: 'board', unless: { categories: ['arn', 'qw'] } });
      expect(milestone(reg, 'board-decision-after-issue')).toMatchObject({ kind: 'hard', anchor: 'advice-issued', period: { unit: 'months', amount: 1 }, metBy: ['objection-decided'], appliesWhen: { categories: ['arn', 'qw'] } });
      const advice = { 'advice-issued': '2026-06-23T16:00:00+02:00', 'advice-received': '2026-06-26T09:00:00+02:00' };
      // FRL: received Fri 26 Jun + 1 month = Sun 26 Jul -> Mon 27 Jul. ARN: issued Tue 23 Jun + 1 month = Thu 23 Jul.
      expect(dueIn(reg, 'board-decision', at('frl', advice))).toBe('2026-07-27');
      expect(dueIn(reg, 'board-decision-after-issue', at('frl', advice))).toBeUndefined();
      expect(dueIn(reg, 'board-decision-after-issue', at('arn', advice))).toBe('2026-07-23');
      expect(milestoneApplies(reg, milestone(reg, 'board-decision'), at('arn', advice))).toBe(false);
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
    setting: 'investigation.hearBothSides; objection.hearing invited; notices hearing-invitation to the complainant and the corporatie (coordinator)',
    check: (reg) => {
      expect(reg.investigation?.hearBothSides).toBe(true);
      expect(notice(reg, 'hearing-invitation')).toMatchObject({ from: 'committee', to: ['complainant', 'coordinator'], trigger: 'objection-received', contents: ['hearing-invitation'] });
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
    setting: 'resolution.decidedBy board (mayConsult committee); notices board-decision { written, to complainant and committee, reasons }',
    check: (reg) => {
      expect(reg.resolution).toMatchObject({ decidedBy: 'board', mayConsult: ['committee'] });
      expect(notice(reg, 'board-decision')).toMatchObject({ to: ['complainant', 'committee'], written: true });
      expect(notice(reg, 'board-decision').contents).toContain('reasons');
    },
  },
  {
    rule: 'Outcome letter: advice and decision to the complainant',
    quote: 'The complainant receives both the advice and the board\'s decision [FRL].',
    setting: 'notices advice (to complainant and board) and board-decision (to complainant, with the advice enclosed)',
    check: (reg) => {
      expect(notice(reg, 'advice')).toMatchObject({ from: 'committee', to: ['complainant', 'board'], contents: ['outcome', 'reasons', 'improvements'] });
      expect(notice(reg, 'board-decision').to).toContain('complainant');
      expect(notice(reg, 'board-decision').enclosures).toEqual([{ label: { nl: 'het advies van de klachtencommissie', en: "the commission's advice" } }]);
    },
  },
  {
    rule: 'Outcome letter: Huurcommissie',
    quote: 'Since the 2023 model the decision must tell the tenant that they may go to the Huurcommissie [AED].',
    setting: 'notices board-decision contents external-body; outcomes require external-body',
    check: (reg) => {
      expect(notice(reg, 'board-decision').contents).toContain('external-body');
      for (const id of ['founded', 'partly-founded', 'unfounded']) expect(reg.outcomes.find((o) => o.id === id)?.requires).toContain('external-body');
    },
  },
  {
    rule: 'External bodies: Huurcommissie',
    quote: 'Huurcommissie: after the internal route, including when the tenant disagrees with how the complaint was handled [AED, ARN].',
    setting: 'external { kind: fixed, after: objection, body: Huurcommissie }',
    check: (reg) => expect(reg.external).toMatchObject({ kind: 'fixed', after: 'objection', body: { name: 'Huurcommissie', website: 'https://www.huurcommissie.nl' } }),
  },
  {
    rule: 'External bodies: Commissie Governancecode',
    quote: 'Commissie Governancecode Woningcorporaties: complaints about how the commission itself works [ARN, FRL].',
    setting: 'category commission-conduct; admissibility.grounds about-the-commission with an immediate referral',
    check: (reg) => {
      const g = ground(reg, 'about-the-commission');
      expect(g.referral?.label.nl).toBe('de Commissie Governancecode Woningcorporaties');
      expect(conditionHolds(reg, g.when, { ...at('arn', {}), categories: ['arn', 'commission-conduct'] })).toBe(true);
    },
  },
  {
    rule: 'External bodies: civil court',
    quote: 'Civil court: always available [FRL].',
    setting: 'notes civil-court',
    check: (reg) => expect(note(reg, 'civil-court').text.en).toBe('The civil court is always available.'),
  },
  {
    rule: 'External bodies: fees and windows',
    quote: 'No fees are mentioned. No filing windows for these bodies were read (unknown).',
    setting: 'no external-complaint window; notes external-fees-windows',
    check: (reg) => {
      expect(reg.windows.map((w) => w.for)).toEqual(['objection']);
      expect(note(reg, 'external-fees-windows')).toBeDefined();
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
    quote: 'Annual reporting by commissions was announced as a ministerial intention [fintool.nl]. Corporaties report complaints in their annual report (example: woonpartners-mh.nl). Inferred: treat the annual report as expected.',
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
