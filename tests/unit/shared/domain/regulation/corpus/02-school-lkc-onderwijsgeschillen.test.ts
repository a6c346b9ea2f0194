// Corpus sheet 02: a school board affiliated with the Landelijke Klachtencommissie Onderwijs (LKC), rule by rule
// -> tests/fixtures/regulations/02-school-lkc-onderwijsgeschillen.yaml.
// Dates are worked out by hand on the Algemene termijnenwet calendar (shared/reference/dutch-deadlines.md).
import { beforeAll, expect } from 'vitest';
import { InvalidInputError, RuleViolationError } from '../../../../../../shared/domain/errors.ts';
import { nextTiers } from '../../../../../../shared/domain/regulation/external-tiers.ts';
import {
  type ComplaintFacts,
  type Regulation,
  conditionHolds,
  milestonesFor,
  openingMilestones,
  scheduleMilestone,
  windowDates,
  windowStateOn,
} from '../../../../../../shared/domain/regulation/index.ts';
import { ids, milestone, notice, role, note, windowOf, ground } from '../../../../../support/clause-table.ts';
import { complainant, rejection, workflow, letterText } from '../../../../../support/workflow-harness.ts';
import { type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';

const SHEET = '02-school-lkc-onderwijsgeschillen';
const RECEIVED = '2026-03-16T10:00:00+01:00'; // Monday 16 March 2026: the complaint reaches the LKC

function event(reg: Regulation, id: string): Regulation['events'][number] {
  const found = reg.events.find((e) => e.id === id);
  if (!found) throw new Error(`no event ${id} in ${reg.id}`);
  return found;
}
/** A complaint received by the LKC on `received`, about conduct on `occurredOn`. */
function filed(received: string, occurredOn: string, extra: Partial<ComplaintFacts> = {}): ComplaintFacts {
  return { happened: { received }, stated: { 'occurred-on': occurredOn }, ...extra };
}

const FIXTURE = 'tests/fixtures/regulations/02-school-lkc-onderwijsgeschillen.yaml';

/** The paragraph of a letter that sends the complainant to this body. */
function tierParagraph(letter: string, body: string): string | undefined {
  return letter.split('\n\n').find((p) => p.includes(`zich wenden tot ${body}`));
}

/**
 * Through the workflow (the LKC receives the complaints Mon 16 Mar 2026, by letter):
 * - a parent's complaint: the board's reaction is refused until the hearing, then until the reaction of the
 *   person complained about (verweerschrift), then until the advice is recorded (received Thu 2 Apr 2026), and
 *   a deviation without reasons; given Mon 20 Apr 2026, deviating with reasons;
 * - a pupil's complaint the chair finds kennelijk ongegrond: the hearing is left out (not because nobody came);
 * - not taken up (Wed 15 Apr 2026): a parent's removal case for the Geschillencommissie Passend Onderwijs (decision
 *   of Mon 13 Apr 2026 stated), and a pupil's toelaatbaarheidsverklaring for the Landelijke Bezwaaradviescommissie.
 */
const run = {
  beforeHearing: undefined as Error | undefined,
  beforeStatement: undefined as Error | undefined,
  withoutAdvice: undefined as Error | undefined,
  adviceNotRecorded: undefined as Error | undefined,
  deviationWithoutReasons: undefined as Error | undefined,
  boardDue: undefined as string | undefined,
  boardStatus: undefined as string | undefined,
  decision: undefined as Record<string, unknown> | undefined,
  reaction: '',
  waived: undefined as Error | undefined,
  summary: '',
  removal: '',
  tlv: '',
};
beforeAll(async () => {
  const flow = await workflow(FIXTURE, RECEIVED);
  const body = { complainant, description: 'De mentor gaf ons kind geen extra begeleiding.', channel: 'letter' };
  const parent = await flow.intake({ ...body, complainantKind: 'parent' });
  const ruling = { outcome: 'partly-founded', reasoning: 'Het bestuur deelt het oordeel van de commissie voor een deel.' } as const;
  run.beforeHearing = await rejection(flow.step(parent, 'ruling', ruling, flow.director));
  // The hoorzitting: the complainant came, the teacher did not (attendance is not compulsory).
  flow.at('2026-03-26T14:00:00+01:00');
  await flow.step(parent, 'hearing', { heldOn: '2026-03-26', summary: 'Ouder gehoord; de leraar was niet aanwezig.', heard: 'complainant' }, flow.officer);
  run.beforeStatement = await rejection(flow.step(parent, 'ruling', ruling, flow.director));
  await flow.step(parent, 'subject-statement', { staffEmail: 'mentor@schoolbestuur-voorbeeld.example', statement: 'Verweerschrift van de mentor.', agreedToRecord: true }, flow.officer);
  // Whatever the decision says, not before the advice is in (the state is checked before the input).
  run.adviceNotRecorded = await rejection(flow.step(parent, 'ruling', { ...ruling, advice: { followed: true } }, flow.director));
  flow.at('2026-04-02T11:00:00+02:00');
  await flow.step(parent, 'record', { event: 'advice-received' }, flow.coordinator);
  run.withoutAdvice = await rejection(flow.step(parent, 'ruling', ruling, flow.director));
  run.boardDue = (await flow.get(parent)).milestones.find((m) => m.milestoneId === 'board-reaction')?.due;
  run.deviationWithoutReasons = await rejection(flow.step(parent, 'ruling', { ...ruling, advice: { followed: false } }, flow.director));
  flow.at('2026-04-15T10:00:00+02:00');
  const removal = await flow.intake({ ...body, complainantKind: 'parent', categories: ['passend-onderwijs'], statedDates: { 'removal-decision-on': '2026-04-13' } });
  await flow.step(removal, 'not-admissible', { ground: 'passend-onderwijs' }, flow.coordinator);
  run.removal = await letterText(flow, removal, 'not-taken-up');
  const tlv = await flow.intake({ ...body, categories: ['toelaatbaarheidsverklaring'] });
  await flow.step(tlv, 'not-admissible', { ground: 'toelaatbaarheidsverklaring' }, flow.coordinator);
  run.tlv = await letterText(flow, tlv, 'not-taken-up');
  flow.at('2026-04-20T11:00:00+02:00');
  await flow.step(parent, 'ruling', { ...ruling, advice: { followed: false, deviation: 'De aanbevolen maatregel is al genomen.' } }, flow.director);
  const after = await flow.get(parent);
  run.boardStatus = after.milestones.find((m) => m.milestoneId === 'board-reaction')?.status;
  run.decision = after.decision as Record<string, unknown> | undefined;
  run.reaction = await letterText(flow, parent, 'board-reaction');
  // A pupil's complaint, kennelijk ongegrond: not attending is no reason to leave the hearing out; the chair's summary decision is.
  const pupil = await flow.intake(body);
  run.waived = await rejection(flow.step(pupil, 'hearing-dispensed', { exception: 'waived', reason: 'De klager kwam niet.' }, flow.coordinator));
  await flow.step(pupil, 'hearing-dispensed', { exception: 'clearly-unfounded', reason: 'De voorzitter verklaart de klacht kennelijk ongegrond.' }, flow.coordinator);
  await flow.step(pupil, 'record', { event: 'advice-received' }, flow.coordinator);
  await flow.step(pupil, 'ruling', { outcome: 'unfounded', reasoning: 'Kennelijk ongegrond.', advice: { followed: true } }, flow.director);
  run.summary = await letterText(flow, pupil, 'board-reaction');
});

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'school board (bevoegd gezag) in primary, secondary or special education. MBO, HBO and samenwerkingsverbanden can also affiliate.',
    setting: 'roles board (Bevoegd gezag); notes affiliation',
    check: (reg) => {
      expect(role(reg, 'board').label.nl).toBe('Bevoegd gezag');
      expect(note(reg, 'affiliation').text.en).toMatch(/MBO, HBO and samenwerkingsverbanden can also affiliate/);
    },
  },
  {
    rule: 'Organisation type: statutory basis',
    quote: 'Statutory basis: Wet op het primair onderwijs art. 14 (WVO art. 24b, WEC art. 23 are equivalents).',
    setting: "citations with source WPO art. 14 (the board's reaction, its roles); notes affiliation names WVO 24b and WEC 23",
    check: (reg) => {
      expect(milestone(reg, 'board-reaction').citation.source).toBe('WPO art. 14');
      expect(note(reg, 'affiliation').citation.source).toBe('WPO art. 14; WVO art. 24b; WEC art. 23');
    },
  },
  {
    rule: 'Organisation type: klachtencommissie',
    quote: 'Every board needs a klachtenregeling and a klachtencommissie, either its own or one it joins; the LKC is a national one',
    setting: 'roles committee = the LKC (external, independent); it receives the complaint (intake.receivedBy committee)',
    check: (reg) => {
      expect(role(reg, 'committee')).toMatchObject({ external: true, independent: true, label: { nl: 'Landelijke Klachtencommissie Onderwijs (LKC)' } });
      expect(reg.intake.receivedBy).toBe('committee');
    },
  },
  {
    rule: 'Who may complain',
    quote:
      'Klager under the LKC reglement: (former) pupils or students; parents, guardians or carers of a minor (former) pupil; staff; management; the board; others functionally involved with the school',
    setting: 'scope.complainants pupil, parent, staff, management, board, involved (and former-employee, for the exclusion below)',
    check: (reg) => expect(ids(reg.scope.complainants)).toEqual(['pupil', 'parent', 'staff', 'management', 'board', 'involved', 'former-employee']),
  },
  {
    rule: 'Who may complain: former employees',
    quote: 'Former employees fall outside "klager" unless the quality of education is at stake [uitspraak 105986].',
    setting: 'admissibility.grounds former-employee when { complainants: [former-employee], not: { categories: [quality-of-education] } }',
    check: (reg) => {
      const when = ground(reg, 'former-employee').when;
      const facts = (complainant: string, categories: string[]): ComplaintFacts => ({ happened: { received: RECEIVED }, complainant, categories });
      expect(conditionHolds(reg, when, facts('former-employee', []))).toBe(true);
      expect(conditionHolds(reg, when, facts('former-employee', ['quality-of-education']))).toBe(false);
      expect(conditionHolds(reg, when, facts('staff', []))).toBe(false);
    },
  },
  {
    rule: 'Who may complain: about whom',
    quote: 'About whom: director or rector, board, teachers, support staff, volunteers, interns, lunch supervisors, anyone working for the school',
    setting: 'scope.subjects; roles staff-concerned',
    check: (reg) => {
      expect(reg.scope.subjects?.en).toBe('Director or rector, board, teachers, support staff, volunteers, interns, lunch supervisors, anyone working for the school.');
      expect(role(reg, 'staff-concerned').assignment).toBe('per-complaint');
    },
  },
  {
    rule: 'Who may complain: support',
    quote: 'Support: schools have a contactpersoon and a vertrouwenspersoon who may mediate or forward to the committee (from model regulations; not part of the LKC itself)',
    setting: 'roles contact-person, confidential-adviser; roleRules may-be-assisted-by; channel via-confidential-adviser; informalResolution may consult them; notes support',
    check: (reg) => {
      expect(role(reg, 'confidential-adviser').independent).toBe(true);
      expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'may-be-assisted-by', role: 'committee', assistants: ['confidential-adviser', 'contact-person'] }));
      expect(reg.intake.channels.find((c) => c.id === 'via-confidential-adviser')?.mode).toBe('written');
      expect(reg.informalResolution?.mayConsult).toEqual(['contact-person', 'confidential-adviser']);
      expect(note(reg, 'support').text.en).toMatch(/not part of the LKC/);
    },
  },
  {
    rule: 'Who may complain: representation',
    quote: 'Representation: not read (unknown).',
    setting: 'no representation section; notes representation-unknown',
    check: (reg) => {
      expect(reg.representation).toBeUndefined();
      expect(note(reg, 'representation-unknown')).toBeDefined();
    },
  },
  {
    rule: 'Exclusions: Geschillencommissie Passend Onderwijs',
    quote:
      'Geschillencommissie Passend Onderwijs: admission of pupils with extra support needs, the ontwikkelingsperspectief, and removal of a pupil if the request is filed within 6 weeks after the decision',
    setting:
      'category passend-onderwijs; admissibility.grounds passend-onderwijs with an immediate referral; external tier passend-onderwijs ' +
      '{ when: categories [passend-onderwijs], opens after any-time (instead of the LKC, not after it), window passend-onderwijs-removal }',
    check: (reg) => {
      const g = ground(reg, 'passend-onderwijs');
      expect(g.referral).toMatchObject({ immediate: true, label: { nl: 'de Geschillencommissie Passend Onderwijs' } });
      expect(conditionHolds(reg, g.when, { happened: { received: RECEIVED }, categories: ['passend-onderwijs'] })).toBe(true);
      expect(conditionHolds(reg, g.when, { happened: { received: RECEIVED }, categories: ['quality-of-education'] })).toBe(false);
      const tier = reg.external.kind === 'tiers' ? reg.external.tiers.find((t) => t.id === 'passend-onderwijs') : undefined;
      expect(tier).toMatchObject({
        body: { name: 'Geschillencommissie Passend Onderwijs', website: 'https://www.onderwijsgeschillen.nl' },
        when: { categories: ['passend-onderwijs'] },
        opens: { after: 'any-time' },
        window: 'passend-onderwijs-removal',
      });
      // Through the workflow: the refusal names the committee and, for the removal decided Mon 13 Apr 2026, the last day
      // to go there: + 6 weeks = Mon 25 May 2026, Whit Monday, so Tue 26 May 2026.
      expect(tierParagraph(run.removal, 'Geschillencommissie Passend Onderwijs')).toBe(
        'Bent u niet tevreden, dan kunt u zich wenden tot Geschillencommissie Passend Onderwijs (https://www.onderwijsgeschillen.nl). ' +
          'Voor de toelating van leerlingen die extra ondersteuning nodig hebben, het ontwikkelingsperspectief en verwijdering. ' +
          'Dat kan tot en met dinsdag 26 mei 2026 (Deadlines [onderwijsgeschillen.nl procedure]). (Exclusions, forum and limitation)',
      );
      expect(run.tlv).not.toContain('Geschillencommissie Passend Onderwijs');
    },
  },
  {
    rule: 'Exclusions: Landelijke Bezwaaradviescommissie',
    quote: 'Landelijke Bezwaaradviescommissie: toelaatbaarheidsverklaringen.',
    setting:
      'category toelaatbaarheidsverklaring; admissibility.grounds toelaatbaarheidsverklaring with an immediate referral; external tier bezwaaradviescommissie (when that category, any time; no window read)',
    check: (reg) => {
      const g = ground(reg, 'toelaatbaarheidsverklaring');
      expect(g.referral?.label.nl).toBe('de Landelijke Bezwaaradviescommissie');
      expect(conditionHolds(reg, g.when, { happened: { received: RECEIVED }, categories: ['toelaatbaarheidsverklaring'] })).toBe(true);
      const tier = reg.external.kind === 'tiers' ? reg.external.tiers.find((t) => t.id === 'bezwaaradviescommissie') : undefined;
      expect(tier).toMatchObject({ body: { name: 'Landelijke Bezwaaradviescommissie' }, when: { categories: ['toelaatbaarheidsverklaring'] }, opens: { after: 'any-time' } });
      expect(tier?.window).toBeUndefined();
      // Which body for which matter: by category, whatever stage the complaint is in.
      const open = (categories: string[]) => nextTiers(reg, { happened: { received: RECEIVED }, categories }, 'answer').map((t) => t.tier.id);
      expect(open(['toelaatbaarheidsverklaring'])).toEqual(['bezwaaradviescommissie']);
      expect(open(['passend-onderwijs'])).toEqual(['passend-onderwijs']);
      expect(open(['quality-of-education'])).toEqual([]);
      // Through the workflow: a pupil's refused complaint names this committee only (no date: no window was read).
      expect(tierParagraph(run.tlv, 'Landelijke Bezwaaradviescommissie')).toBe(
        'Bent u niet tevreden, dan kunt u zich wenden tot Landelijke Bezwaaradviescommissie (https://www.onderwijsgeschillen.nl). Voor toelaatbaarheidsverklaringen. (Exclusions, forum and limitation)',
      );
      expect(run.tlv.split('\n\n').filter((p) => p.includes('zich wenden tot'))).toHaveLength(1);
    },
  },
  {
    rule: 'Limitation: one year',
    quote: 'Limitation: 1 year after the conduct or decision ("Een klager moet zijn klacht binnen een jaar na de betreffende gedraging of beslissing indienen." — uitspraak 107457).',
    setting: 'windows one-year (for: complaint, 1 year from stated:occurred-on); admissibility.grounds limitation when { receivedOutside: one-year, not: exceptions }',
    check: (reg) => {
      const when = ground(reg, 'limitation').when;
      // Conduct Tue 10 Mar 2025: a year later is Tue 10 Mar 2026.
      expect(windowDates(reg, windowOf(reg, 'one-year'), filed(RECEIVED, '2025-03-10'))).toMatchObject({ opens: '2025-03-10', closes: '2026-03-10' });
      expect(conditionHolds(reg, when, filed('2026-03-10T10:00:00+01:00', '2025-03-10'))).toBe(false);
      expect(conditionHolds(reg, when, filed('2026-03-11T10:00:00+01:00', '2025-03-10'))).toBe(true);
      // Conduct Sat 14 Mar 2025: the year ends on Sat 14 Mar 2026, so it runs to Mon 16 Mar.
      expect(conditionHolds(reg, when, filed(RECEIVED, '2025-03-14'))).toBe(false);
      expect(conditionHolds(reg, when, filed('2026-03-17T10:00:00+01:00', '2025-03-14'))).toBe(true);
      // Date of the conduct not known: the limitation cannot be tested.
      expect(conditionHolds(reg, when, { happened: { received: RECEIVED } })).toBe(false);
    },
  },
  {
    rule: 'Limitation: late awareness',
    quote: 'the complainant only learned of it later; the complaint must then come within a reasonable term after awareness [108484];',
    setting: 'category late-awareness (chair) lifts the ground; statedDates learned-on; the reasonable term is an open norm without a date (notes reasonable-term)',
    check: (reg) => {
      const when = ground(reg, 'limitation').when;
      const late = filed('2026-06-01T10:00:00+02:00', '2025-03-10', { categories: ['late-awareness'], stated: { 'occurred-on': '2025-03-10', 'learned-on': '2026-05-04' } });
      expect(conditionHolds(reg, when, late)).toBe(false);
      expect(conditionHolds(reg, when, { ...late, categories: [] })).toBe(true);
      expect(reg.statedDates.find((d) => d.id === 'learned-on')?.statedBy).toEqual(['complainant', 'staff']);
      expect(note(reg, 'reasonable-term').text.en).toMatch(/an open norm without a date/);
    },
  },
  {
    rule: 'Limitation: unable to complain',
    quote: 'the complainant was physically or mentally unable to complain [107457];',
    setting: 'category unable-to-complain (chair) lifts the ground',
    check: (reg) => {
      expect(conditionHolds(reg, ground(reg, 'limitation').when, filed('2026-06-01T10:00:00+02:00', '2025-03-10', { categories: ['unable-to-complain'] }))).toBe(false);
    },
  },
  {
    rule: 'Limitation: slow internal handling',
    quote: 'a slow or abandoned internal handling by the board can make the delay excusable, but the complainant must make this plausible [105697].',
    setting: 'category excusable-delay, assigned by the chair once made plausible, lifts the ground; notes plausibility',
    check: (reg) => {
      expect(conditionHolds(reg, ground(reg, 'limitation').when, filed('2026-06-01T10:00:00+02:00', '2025-03-10', { categories: ['excusable-delay'] }))).toBe(false);
      expect(reg.categorySchemes.find((s) => s.id === 'limitation-exception')?.classifiedBy).toBe('lkc-chair');
      expect(note(reg, 'plausibility').text.en).toMatch(/must make it plausible/);
    },
  },
  {
    rule: 'Exclusions: no double complaint',
    quote: 'The same matter cannot be complained about twice [108484].',
    setting: 'admissibility.grounds same-matter-twice (picked by the chair)',
    check: (reg) => {
      expect(ground(reg, 'same-matter-twice').when).toBeUndefined();
      expect(reg.admissibility.decidedBy).toBe('lkc-chair');
    },
  },
  {
    rule: 'Exclusions: single independent committee',
    quote:
      "Only one independent committee may judge. If the board's own independent internal committee (at least 3 members, chair outside the board) has already given an opinion, the LKC declares the complaint inadmissible. The LKC is not an appeal body",
    setting: 'admissibility.grounds already-judged (picked by the chair); outcome not-admissible',
    check: (reg) => {
      expect(ground(reg, 'already-judged').label.en).toMatch(/independent internal committee of the board has already given an opinion/);
      expect(reg.outcomes.find((o) => o.id === 'not-admissible')?.requires).toContain('not-taken-up-reason');
    },
  },
  {
    rule: 'Exclusions: internal handling first',
    quote: 'Internal handling by the board itself may precede the LKC.',
    setting: 'informalResolution { by: board, registerOnlyWhenUnresolved: true }: a complaint is registered when it reaches the LKC',
    check: (reg) => {
      expect(reg.informalResolution).toMatchObject({ by: 'board', registerOnlyWhenUnresolved: true });
      expect(reg.source.note).toMatch(/registered when it reaches the LKC/);
    },
  },
  {
    rule: 'Who handles',
    quote: 'A committee of three (a chair and two members) drawn from the LKC [onderwijsgeschillen FAQ; reglement].',
    setting: 'roles committee (holder: a chair and two members); investigation.by committee',
    check: (reg) => {
      expect(role(reg, 'committee').holder?.en).toBe('a chair and two members drawn from the LKC');
      expect(reg.investigation?.by).toBe('committee');
    },
  },
  {
    rule: 'Who handles: summary strike-out and objection',
    quote:
      'The chair may declare a complaint kennelijk niet-ontvankelijk or kennelijk ongegrond. The complainant may object ("bezwaar") against that; another chair decides the objection [105986, 106158].',
    setting: 'roles lkc-chair, other-lkc-chair; events summary-decision, summary-objection-received, summary-objection-decided (no period given); notices summary-decision; no objection stage',
    check: (reg) => {
      expect(event(reg, 'summary-decision').recordedBy).toEqual(['lkc-chair']);
      expect(event(reg, 'summary-objection-received').recordedBy).toEqual(['committee']);
      expect(event(reg, 'summary-objection-decided').recordedBy).toEqual(['other-lkc-chair']);
      expect(notice(reg, 'summary-decision')).toMatchObject({ from: 'lkc-chair', contents: ['not-taken-up-reason', 'objection-procedure'] });
      expect(reg.objection).toBeUndefined();
      expect(reg.milestones.filter((m) => m.anchor.startsWith('summary-'))).toEqual([]);
    },
  },
  {
    rule: 'Who handles: summary decision without a hearing',
    quote: 'The chair may declare a complaint kennelijk niet-ontvankelijk or kennelijk ongegrond.',
    setting:
      'read: a summary "kennelijk ongegrond" is decided without the hoorzitting: investigation.hearing.exceptions [clearly-unfounded] (recorded with hearing-dispensed); "kennelijk niet-ontvankelijk" is the not-admissible step',
    check: (reg) => {
      expect(reg.investigation?.hearing?.exceptions).toEqual(['clearly-unfounded']);
      // Through the workflow: dispensed as kennelijk ongegrond, the board's reaction goes out without a hearing.
      expect(run.summary).toContain('Uitkomst: ongegrond');
      expect(reg.outcomes.find((o) => o.id === 'not-admissible')?.citation.text).toBe('kennelijk niet-ontvankelijk');
    },
  },
  {
    rule: 'Deadlines: file complaint',
    quote: 'File complaint | conduct/decision | 1 year | hard, with excusability exceptions | 107457, 106158',
    setting: 'windows one-year: for complaint, anchor stated:occurred-on, 1 year (end-day rule on)',
    check: (reg) => {
      const w = windowOf(reg, 'one-year');
      expect(w).toMatchObject({ for: 'complaint', anchor: 'stated:occurred-on', period: { unit: 'years', amount: 1 }, endDayRule: true });
      const dates = windowDates(reg, w, filed(RECEIVED, '2025-03-14'));
      expect(dates.closes).toBe('2026-03-16');
      expect(windowStateOn(dates, '2026-03-16')).toBe('open');
      expect(windowStateOn(dates, '2026-03-17')).toBe('closed');
    },
  },
  {
    rule: 'Deadlines: file after late awareness',
    quote: 'File after late awareness | awareness | "reasonable term" | open norm | 108484',
    setting: 'an open norm: no window or date; the learned-on date is stated and the chair judges (notes reasonable-term)',
    check: (reg) => {
      expect(reg.windows.map((w) => w.anchor)).not.toContain('stated:learned-on');
      expect(note(reg, 'reasonable-term').citation.text).toBe('File after late awareness | awareness | "reasonable term" | open norm');
    },
  },
  {
    rule: "Deadlines: board's reaction to the advice",
    quote: 'Board\'s reaction to advice | receipt of advice | 4 weeks | statutory; overrun of 1 day held "niet klachtwaardig" when no interest harmed | 108484',
    setting:
      "events advice-received; milestones board-reaction: hard, 4 weeks from advice-received, met by ruling-sent (the board's reaction); the tolerated overrun: notes overrun-tolerated (the term stays hard)",
    check: (reg) => {
      expect(milestone(reg, 'board-reaction')).toMatchObject({ kind: 'hard', anchor: 'advice-received', period: { unit: 'weeks', amount: 4 }, metBy: ['ruling-sent'], responsibleRole: 'board' });
      const facts: ComplaintFacts = { happened: { received: RECEIVED, 'advice-received': '2026-04-02T11:00:00+02:00' } };
      expect(milestonesFor(reg, facts).find((m) => m.milestoneId === 'board-reaction')?.due).toBe('2026-04-30');
      // Fri 4 Dec 2026 + 4 weeks = Fri 1 Jan 2027 (Nieuwjaarsdag), then the weekend: Mon 4 Jan 2027.
      expect(scheduleMilestone(reg, milestone(reg, 'board-reaction'), new Date('2026-12-04T11:00:00+01:00')).due).toBe('2027-01-04');
      expect(milestonesFor(reg, { happened: { received: RECEIVED } }).map((m) => m.milestoneId)).not.toContain('board-reaction');
      expect(note(reg, 'overrun-tolerated').text.en).toMatch(/the term stays a hard term/);
      // Through the workflow: the advice recorded as received Thu 2 Apr 2026 opens the board's term, Thu 30 Apr 2026; the reaction meets it.
      expect(run.boardDue).toBe('2026-04-30');
      expect(run.boardStatus).toBe('met');
    },
  },
  {
    rule: 'Deadlines: passend-onderwijs removal request',
    quote: 'Passend-onderwijs removal request | removal decision | 6 weeks | hard (other committee) | procedure page',
    setting: 'statedDates removal-decision-on; windows passend-onderwijs-removal (external-complaint, body GPO): 6 weeks',
    check: (reg) => {
      const w = windowOf(reg, 'passend-onderwijs-removal');
      expect(w).toMatchObject({ for: 'external-complaint', anchor: 'stated:removal-decision-on', period: { unit: 'weeks', amount: 6 }, body: 'Geschillencommissie Passend Onderwijs' });
      // Mon 13 Apr 2026 + 6 weeks = Mon 25 May, Whit Monday: Tue 26 May.
      const dates = windowDates(reg, w, { happened: { received: RECEIVED }, stated: { 'removal-decision-on': '2026-04-13' } });
      expect(dates).toMatchObject({ opens: '2026-04-13', closes: '2026-05-26' });
      expect(windowStateOn(dates, '2026-05-27')).toBe('closed');
      // It is the tier's filing window: the letters print its closing day (see the Passend Onderwijs rule).
      expect(reg.external.kind === 'tiers' && reg.external.tiers.find((t) => t.window === 'passend-onderwijs-removal')?.id).toBe('passend-onderwijs');
    },
  },
  {
    rule: "Deadlines: the committee's own turnaround",
    quote: "The committee's own turnaround (ack, verweer, advice after hearing) was not found in the pages read (unknown).",
    setting: 'no milestone for the defence or the advice; notes committee-turnaround-unknown',
    check: (reg) => {
      expect(reg.milestones.map((m) => m.id)).toEqual(['committee-acknowledgement', 'board-reaction']);
      expect(note(reg, 'committee-turnaround-unknown')).toBeDefined();
    },
  },
  {
    rule: 'Deadlines: "must react within four weeks" (unverified)',
    quote: 'A third-party page says a school committee "must react within four weeks" [passendonderwijsenouders.nl; unverified, inferred to mean something like an acknowledgement].',
    setting: 'read: an acknowledgement, kept as a target (unverified): milestones committee-acknowledgement, kind target, 4 weeks from received, met by acknowledged',
    check: (reg) => {
      expect(milestone(reg, 'committee-acknowledgement')).toMatchObject({
        kind: 'target',
        anchor: 'received',
        period: { unit: 'weeks', amount: 4 },
        metBy: ['acknowledged'],
        responsibleRole: 'committee',
      });
      expect(openingMilestones(reg, new Date(RECEIVED)).map((m) => [m.milestoneId, m.kind, m.due])).toEqual([['committee-acknowledgement', 'target', '2026-04-13']]);
      expect(notice(reg, 'acknowledgement').records).toBe('acknowledged');
    },
  },
  {
    rule: 'Hearing',
    quote:
      'Hoorzitting before the three-member committee. Members have read the file. Attendance is not compulsory but is desired, because it is the only moment to answer the verweerschrift orally [FAQ].',
    setting:
      'investigation.hearing { required: both (the complainant; the person complained about, whose verweerschrift is their statement), exceptions [clearly-unfounded] }: ' +
      "the board's reaction (ruling) is refused until the hearing and the statement are recorded; staying away does not waive it (the hearing records who came); " +
      'notices hearing-invitation; notes hearing-attendance',
    check: (reg) => {
      expect(reg.investigation?.hearBothSides).toBe(true);
      expect(reg.investigation?.hearing).toMatchObject({ required: 'both', exceptions: ['clearly-unfounded'], report: false, citation: { article: 'Hearing' } });
      expect(notice(reg, 'hearing-invitation')).toMatchObject({ to: ['complainant', 'staff-concerned'], contents: ['hearing-invitation'] });
      expect(note(reg, 'hearing-attendance').text.en).toMatch(/not compulsory but desired/);
      // Through the workflow: refused without the hearing, then without the verweer of the person complained about, citing the rule.
      expect(run.beforeHearing).toBeInstanceOf(RuleViolationError);
      expect(run.beforeHearing).toMatchObject({ citation: 'Hearing', message: expect.stringMatching(/must be heard first .*clearly-unfounded/) });
      expect(run.beforeStatement).toBeInstanceOf(RuleViolationError);
      expect(run.beforeStatement).toMatchObject({ citation: 'Hearing', message: expect.stringMatching(/both sides must be heard first/) });
      // Not attending is not a waiver the rule knows.
      expect(run.waived).toBeInstanceOf(RuleViolationError);
      expect(run.waived).toMatchObject({ citation: 'Hearing', message: expect.stringMatching(/only when: clearly-unfounded/) });
    },
  },
  {
    rule: 'Outcome: non-binding advice',
    quote: 'A non-binding advice: an opinion on whether the complaint is well-founded, plus any recommendations to the board [reglement def. "advies"; FAQ].',
    setting: 'events advice-issued (committee); notices advice (outcome, reasons, improvements = recommendations); notes non-binding-advice; resolution.decidedBy board',
    check: (reg) => {
      expect(event(reg, 'advice-issued').recordedBy).toEqual(['committee']);
      expect(notice(reg, 'advice')).toMatchObject({ from: 'committee', to: ['complainant', 'board', 'staff-concerned'], contents: ['outcome', 'reasons', 'improvements'] });
      expect(reg.resolution).toMatchObject({ decidedBy: 'board', mayConsult: ['committee'] });
      expect(note(reg, 'non-binding-advice').text.en).toMatch(/non-binding/);
    },
  },
  {
    rule: "Outcome: the board's reaction",
    quote:
      'The board then states in writing, with reasons, whether it shares the opinion and which measures it will take (WPO art. 14; recipients = complainant, accused, committee, school director, from memory → inferred).',
    setting:
      'resolution.advice { by: committee, recordedAs: advice-received } (WPO art. 14), delivery in-writing: the ruling says whether it follows the advice, a deviation gives reasons; ' +
      'notices board-reaction { written, records ruling-sent, to complainant, staff-concerned, committee, school-director; outcome, reasons, measures }; recipients inferred (notes)',
    check: (reg) => {
      expect(reg.resolution).toMatchObject({ decidedBy: 'board', delivery: 'in-writing', advice: { by: 'committee', recordedAs: 'advice-received', citation: { source: 'WPO art. 14' } } });
      expect(notice(reg, 'board-reaction')).toMatchObject({
        from: 'board',
        written: true,
        records: 'ruling-sent',
        to: ['complainant', 'staff-concerned', 'committee', 'school-director'],
        contents: ['outcome', 'reasons', 'measures'],
      });
      expect(note(reg, 'reaction-recipients-inferred').text.en).toMatch(/inferred from memory/);
      // Through the workflow: whether it shares the opinion must be said; the advice must be there first; a deviation needs reasons.
      expect(run.withoutAdvice).toBeInstanceOf(InvalidInputError);
      expect(run.withoutAdvice).toMatchObject({ problems: [{ field: 'advice', message: expect.stringMatching(/follows the advice of the committee \(WPO art\. 14\)/) }] });
      expect(run.adviceNotRecorded).toBeInstanceOf(RuleViolationError);
      expect(run.adviceNotRecorded).toMatchObject({ citation: 'WPO art. 14', message: expect.stringMatching(/advice of the committee must be recorded first \("advice-received"\)/) });
      expect(run.deviationWithoutReasons).toBeInstanceOf(InvalidInputError);
      expect(run.deviationWithoutReasons).toMatchObject({ problems: [{ field: 'advice.deviation' }] });
      expect(run.decision).toMatchObject({ outcome: 'partly-founded', advice: { followed: false, deviation: 'De aanbevolen maatregel is al genomen.' } });
      // The reaction in writing, with its reasons, citing the statute.
      expect(run.reaction).toContain('Uitkomst: deels gegrond');
      expect(run.reaction).toContain('Toelichting:\nHet bestuur deelt het oordeel van de commissie voor een deel.');
      expect(run.reaction).toContain('Deze brief volgt uit WPO art. 14.');
    },
  },
  {
    rule: 'Objection / external',
    quote: 'No appeal against the advice (non-binding). Parents may also involve the Inspectie (not read; inferred).',
    setting:
      'no objection stage and no tier after the answer for the advice itself; external tier inspectie { when: complainants [parent], after answer } ' +
      '(read: "not read; inferred", kept as a tier for parents); the tiers\' citation says there is no appeal',
    check: (reg) => {
      expect(reg.objection).toBeUndefined();
      expect(reg.windows.filter((w) => w.for === 'objection' || w.for === 'appeal')).toEqual([]);
      expect(reg.external.kind === 'tiers' && reg.external.tiers.map((t) => [t.id, t.opens.after, t.when])).toEqual([
        ['passend-onderwijs', 'any-time', { categories: ['passend-onderwijs'] }],
        ['bezwaaradviescommissie', 'any-time', { categories: ['toelaatbaarheidsverklaring'] }],
        ['inspectie', 'answer', { complainants: ['parent'] }],
      ]);
      expect(reg.external.citation?.text).toBe('No appeal against the advice (non-binding).');
      // Through the workflow: a parent's reaction letter names the Inspectie; a pupil's names no body at all.
      expect(tierParagraph(run.reaction, 'Inspectie van het Onderwijs')).toBe('Bent u niet tevreden, dan kunt u zich wenden tot Inspectie van het Onderwijs. (Objection / external)');
      expect(run.summary).not.toContain('zich wenden tot');
      expect(tierParagraph(run.removal, 'Inspectie van het Onderwijs')).toBeDefined();
      expect(run.tlv).not.toContain('Inspectie');
    },
  },
  {
    rule: 'Objection / external: fees',
    quote: 'Fees: not read (inferred free for complainants).',
    setting: 'notes fees',
    check: (reg) => expect(note(reg, 'fees').text.en).toMatch(/inferred free for complainants/),
  },
  {
    rule: 'Registration / reporting',
    quote: 'The LKC publishes an annual report (jaarverslag 2016 seen) and anonymised decisions',
    setting: 'reporting lkc-annual-report (yearly, committee)',
    check: (reg) => expect(reg.reporting).toEqual([expect.objectContaining({ id: 'lkc-annual-report', cadence: 'yearly', by: 'committee' })]),
  },
  {
    rule: '(not in the sheet)',
    quote: 'Sources read',
    setting: "tenant settings: channels letter and e-mail to the LKC, Atw calendar, reminder 5 working days before the board's term, retention 24 months",
    check: (reg) => {
      expect(reg.intake.channels.map((c) => c.id)).toEqual(['letter', 'email', 'via-confidential-adviser']);
      expect(reg.calendar).toMatchObject({ holidays: 'nl-atw' });
      // Due Thu 30 Apr 2026: 5 working days back, skipping Mon 27 Apr (Koningsdag): Wed 22 Apr.
      expect(scheduleMilestone(reg, milestone(reg, 'board-reaction'), new Date('2026-04-02T11:00:00+02:00')).reminderOn).toBe('2026-04-22');
      expect(reg.retention.keep).toEqual({ unit: 'months', amount: 24 });
    },
  },
];

describeCorpusSheet({ sheet: SHEET, rules });
