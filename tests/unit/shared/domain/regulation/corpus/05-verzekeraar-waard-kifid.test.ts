// Corpus sheet 05: Waard Verzekeringen (two internal stages) + Kifid, rule by rule
// -> tests/fixtures/regulations/05-verzekeraar-waard-kifid.yaml (the newer page, "service-contact"), which
// holds both versions of Waard's page, the older first (version kunnen-wij-u-helpen): the sheet read
// both and says both are real variants, so the rules only the older page states are checked on that version.
// Dates are worked out by hand on the Algemene termijnenwet calendar (shared/reference/dutch-deadlines.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  type ComplaintFacts,
  type Regulation,
  milestoneApplies,
  milestonesFor,
  openingMilestones,
  parseRegulation,
  scheduleMilestone,
  windowDates,
  windowStateOn,
  windowsFor,
} from '../../../../../../shared/domain/regulation/index.ts';
import { InvalidInputError } from '../../../../../../shared/domain/errors.ts';
import { nextTiers, tiersOf } from '../../../../../../shared/domain/regulation/external-tiers.ts';
import { ids, milestone, notice, role, note, windowOf } from '../../../../../support/clause-table.ts';
import { staff, workflow, letterText } from '../../../../../support/workflow-harness.ts';
import { FIXTURES_DIR, type SheetRule, describeCorpusSheet } from '../../../../../support/corpus-table.ts';
import { versionInForce } from '../../../../../../shared/domain/regulation/versions.ts';

const SHEET = '05-verzekeraar-waard-kifid';
const OLDER = 'kunnen-wij-u-helpen';
const RECEIVED = '2026-04-24T10:00:00+02:00'; // Friday 24 April 2026; Mon 27 April is Koningsdag, Tue 5 May Bevrijdingsdag

type Raw = any;
/** The file's YAML documents: its versions, oldest first. */
function raw(): Raw[] {
  return parseAllDocuments(readFileSync(resolve(FIXTURES_DIR, `${SHEET}.yaml`), 'utf8')).map((d) => d.toJS() as Raw);
}
/** The older version (the file's first document), read and checked as tenant:check does. */
function older(): Regulation {
  const result = parseRegulation(raw()[0], { expectedId: SHEET });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.regulation;
}
function dueOn(reg: Regulation, id: string, anchorAt: string): string {
  return scheduleMilestone(reg, milestone(reg, id), new Date(anchorAt)).due;
}
function tier(reg: Regulation, id: string) {
  const found = tiersOf(reg).find((t) => t.id === id);
  if (!found) throw new Error(`no tier ${id} in ${reg.id}`);
  return found;
}
/** A letter as plain text: the amounts' non-breaking spaces as spaces. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** The error a step was refused with; undefined when it was allowed (the row expecting a refusal then fails). */
const refusalOf = (step: Promise<unknown>) =>
  step.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
/** A letter's text; empty when it was not sent (the row expecting it then fails). */
const sentOrEmpty = (letter: Promise<string>) => letter.catch(() => '');

/**
 * Through the workflow (the newer version), complaints filed by letter on Fri 24 Apr 2026, each handled by the
 * department concerned:
 * - consumer, business (a small business), forum (a consumer whose case is already before a court: recorded
 *   before-other-forum), large (an interest of at least EUR 25,000) and small: answered (unfounded) Tue 12 May 2026;
 * - Kifid decided large and small bindingly on Tue 15 Sep 2026 (the date stated on Wed 16 Sep): the appeal named
 *   for large; refused for small (below the amount);
 * - late: answered only on Mon 1 Mar 2027.
 * The letters as the outbox composes them.
 */
const run = { consumer: '', business: '', forum: '', large: '', appeal: '', lateAnswer: '', belowAmount: undefined as Error | undefined };
beforeAll(async () => {
  const flow = await workflow('tests/fixtures/regulations/05-verzekeraar-waard-kifid.yaml', RECEIVED);
  const department = staff('schade@waardverzekeringen.example', 'complaints-officer');
  const body = (extra: Record<string, unknown> = {}) => ({
    description: 'Mijn schade is te laag vergoed.',
    channel: 'letter',
    involved: [{ email: department.email, name: 'Afdeling Schade', involvement: 'service-provider' }],
    ...extra,
  });
  const consumer = await flow.intake(body());
  const business = await flow.intake(body({ complainantKind: 'small-business' }));
  const forum = await flow.intake(body());
  const large = await flow.intake(body({ categories: ['interest-25000-or-more'] }));
  const small = await flow.intake(body());
  const late = await flow.intake(body());
  await flow.step(forum, 'record', { event: 'before-other-forum', note: 'De klant heeft de zaak aan de kantonrechter voorgelegd.' }, flow.coordinator);

  flow.at('2026-05-12T15:00:00+02:00');
  const answer = (reference: string) => flow.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'De schade is volgens de polisvoorwaarden vergoed.' }, department);
  for (const reference of [consumer, business, forum, large, small]) await answer(reference);
  const reaction = async (reference: string) => plain(await sentOrEmpty(letterText(flow, reference, 'reaction')));
  run.consumer = await reaction(consumer);
  run.business = await reaction(business);
  run.forum = await reaction(forum);
  run.large = await reaction(large);

  flow.at('2026-09-16T10:00:00+02:00');
  for (const reference of [large, small]) await flow.step(reference, 'stated-date', { id: 'binding-decision-on', date: '2026-09-15' }, flow.coordinator);
  run.belowAmount = await refusalOf(flow.step(small, 'external-referral', { tier: 'commissie-van-beroep' }, flow.coordinator));
  await flow.step(large, 'external-referral', { tier: 'commissie-van-beroep' }, flow.coordinator);
  run.appeal = plain(await sentOrEmpty(letterText(flow, large, 'external-referral')));

  flow.at('2027-03-01T10:00:00+01:00');
  await answer(late);
  run.lateAnswer = await reaction(late);
});

const rules: SheetRule[] = [
  {
    rule: 'Organisation type',
    quote: 'non-life insurer under the Wft. Waard says its procedure follows the Kifid "richtlijnen interne klachtenprocedure" and the Besluit Gedragstoezicht financiële ondernemingen Wft.',
    setting: 'organisation Waard Verzekeringen; external Kifid (source Wft)',
    check: (reg) => {
      expect(reg.organisation.name).toBe('Waard Verzekeringen');
      expect(reg.external.citation?.source).toBe('Wft');
    },
  },
  {
    rule: 'Organisation type: two versions',
    quote: 'Two versions of Waard\'s page were read: an older one ("kunnen-wij-u-helpen") and a newer one ("service-contact"). Differences are noted.',
    setting:
      'two regulation versions in one file: service-contact supersedes kunnen-wij-u-helpen; effectiveFrom only orders them (placeholder dates); a complaint lives under the one in force when it was received',
    check: (reg) => {
      const old = older();
      expect([old.version, reg.version]).toEqual(['kunnen-wij-u-helpen', 'service-contact']);
      expect(reg.supersedes).toBe(OLDER);
      expect(old.version).toBe(OLDER);
      expect(versionInForce({ id: SHEET, versions: [old, reg] }, new Date('2024-06-01T12:00:00+02:00')).version).toBe(OLDER);
      expect(versionInForce({ id: SHEET, versions: [old, reg] }, new Date(RECEIVED)).version).toBe('service-contact');
      expect(reg.source.note).toMatch(/only\s+order them/);
    },
  },
  {
    rule: 'Shape',
    quote: 'a two-stage internal procedure (department → management)',
    setting: 'stage 1: the department (resolution, reaction milestones); stage 2: objection { kind: objection, to: management, decidedBy: management }',
    check: (reg) => {
      expect(reg.resolution?.decidedBy).toBe('department');
      expect(reg.objection).toMatchObject({ kind: 'objection', to: 'management', decidedBy: 'management' });
      expect(older().objection).toMatchObject({ to: 'management' });
    },
  },
  {
    rule: 'Shape: target and ceiling per stage',
    quote: 'Each stage has a target of working days and a hard ceiling of 6 weeks.',
    setting: 'read: the table gives stage 1 its target (10 working days) and both stages a 6-week ceiling; a working-day target for stage 2 has no amount in the sheet, so none is encoded',
    check: (reg) => {
      expect(reg.milestones.map((m) => [m.id, m.kind, m.anchor])).toEqual([
        ['reaction-target', 'target', 'received'],
        ['reaction', 'hard', 'received'],
        ['stage-2-reaction', 'hard', 'objection-received'],
      ]);
      expect(reg.source.note).toMatch(/stage 2 \(bezwaar to the management\) has its own 6 weeks/);
    },
  },
  {
    rule: 'Shape: Kifid',
    quote: 'Kifid offers mediation, then binding or non-binding advice, then an appeal above an amount threshold for a fee.',
    setting:
      'external { kind: tiers }: kifid (consumers), kifid-small-business, commissie-van-beroep (minimumAmount EUR 25,000, fee EUR 500), civil-court; ' +
      'the same tiers in both versions; Kifid\'s mediation and binding or non-binding advice in its description (one decision kind cannot say "either")',
    check: (reg) => {
      expect(reg.external.kind).toBe('tiers');
      expect(tiersOf(reg).map((t) => t.id)).toEqual(['kifid', 'kifid-small-business', 'commissie-van-beroep', 'civil-court']);
      expect(older().external).toEqual(reg.external);
      expect(tier(reg, 'kifid').body.description?.en).toMatch(/^Independent complaints institute: mediation first, then binding or non-binding advice/);
      expect(tier(reg, 'kifid').decision).toBeUndefined();
      expect(tier(reg, 'commissie-van-beroep')).toMatchObject({ minimumAmount: { amount: 25000 }, fee: { amount: { amount: 500 } } });
    },
  },
  {
    rule: 'Who may complain',
    quote: 'The customer. Per Kifid, access is for consumers (plus small businesses and self-employed under a separate chapter)',
    setting:
      'scope.complainants consumer, small-business; tiers kifid { when: consumer, free } and kifid-small-business { when: small-business, fee not stated }: ' +
      "a small business's letter names Kifid without saying it is free",
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['consumer', 'small-business']);
      expect(tier(reg, 'kifid').when).toMatchObject({ complainants: ['consumer'] });
      expect(tier(reg, 'kifid-small-business')).toMatchObject({ when: { complainants: ['small-business'] }, window: 'kifid' });
      expect(tier(reg, 'kifid-small-business').fee).toBeUndefined();
      const facts = (complainant: string): ComplaintFacts => ({ happened: { received: RECEIVED, 'ruling-sent': '2026-05-12T15:00:00+02:00' }, complainant });
      expect(nextTiers(reg, facts('small-business'), 'answer').map((t) => t.tier.id)).toEqual(['kifid-small-business', 'civil-court']);
      // Through the workflow: both letters name Kifid and its closing date; only the consumer's says it is free.
      expect(run.business).toContain('Bent u niet tevreden, dan kunt u zich wenden tot Kifid (Klachteninstituut Financiële Dienstverlening) (https://www.kifid.nl).');
      expect(run.business).toContain('Dat kan tot en met maandag 26 april 2027');
      expect(run.business).not.toContain('geen kosten');
      expect(run.consumer).toContain('Daar zijn geen kosten aan verbonden.');
    },
  },
  {
    rule: 'Definition',
    quote: 'Definition: any expression of dissatisfaction about Waard or a partner it works with. Normal exchange of arguments and small slips (e.g. a typo) are not complaints.',
    setting: 'scope.definition (both versions)',
    check: (reg) => {
      for (const version of [reg, older()])
        expect(version.scope.definition.en).toMatch(/^Any expression of dissatisfaction about Waard or a partner it works with.*small slips \(such as a typo\) are not complaints\.$/);
    },
  },
  {
    rule: 'Definition: newer',
    quote: 'The newer text adds "dissatisfaction that cannot be resolved quickly".',
    setting: 'newer: scope.definition adds it; informalResolution { by: addressed-staff, registerOnlyWhenUnresolved: true }; older: no informal resolution',
    check: (reg) => {
      expect(reg.scope.definition.en).toMatch(/that cannot be resolved quickly/);
      expect(reg.informalResolution).toMatchObject({ by: 'addressed-staff', registerOnlyWhenUnresolved: true });
      expect(older().informalResolution).toBeUndefined();
      expect(older().scope.definition.en).not.toMatch(/resolved quickly/);
    },
  },
  {
    rule: 'Who may complain: representation',
    quote: 'Representation: not stated by Waard.',
    setting: 'no representation section in either version',
    check: (reg) => {
      expect(reg.representation).toBeUndefined();
      expect(older().representation).toBeUndefined();
    },
  },
  {
    rule: 'Channels and content',
    quote: 'Letter, e-mail or complaint form.',
    setting: 'intake.channels letter, email, form (all written)',
    check: (reg) => {
      for (const version of [reg, older()])
        expect(version.intake.channels.map((c) => [c.id, c.kind, c.mode])).toEqual([
          ['letter', 'letter', 'written'],
          ['email', 'email', 'written'],
          ['form', 'web-form', 'written'],
        ]);
    },
  },
  {
    rule: 'Channels and content: contents',
    quote: 'Include policy number, name, address and a clear description. The newer text also asks for the desired solution.',
    setting: 'notes complaint-content; intake.registrationForm klachtenformulier',
    check: (reg) => {
      expect(note(reg, 'complaint-content').text.en).toMatch(/the newer text also asks for the desired solution/);
      expect(reg.intake.registrationForm).toBe('klachtenformulier');
    },
  },
  {
    rule: 'Deadlines: acknowledgement (older)',
    quote: 'Acknowledgement | receipt | 2 working days | stated | older',
    setting: 'older: milestones acknowledgement, 2 working days from received, met by acknowledged; newer: none',
    check: (reg) => {
      const old = older();
      expect(milestone(old, 'acknowledgement')).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'working-days', amount: 2 }, metBy: ['acknowledged'] });
      // Fri 24 Apr 2026: Mon 27 Apr (Koningsdag) skipped -> Tue 28 (1), Wed 29 (2).
      expect(dueOn(old, 'acknowledgement', RECEIVED)).toBe('2026-04-29');
      expect(reg.milestones.filter((m) => m.metBy.includes('acknowledged'))).toEqual([]);
    },
  },
  {
    rule: 'Deadlines: substantive reaction, target',
    quote: 'Substantive reaction | receipt | 10 working days | target ("verwachte termijn") | both',
    setting: 'milestones reaction-target: kind target, 10 working days from received, met by ruling-sent (both versions)',
    check: (reg) => {
      for (const version of [reg, older()]) {
        expect(milestone(version, 'reaction-target')).toMatchObject({ kind: 'target', anchor: 'received', period: { unit: 'working-days', amount: 10 }, metBy: ['ruling-sent'] });
        // 28, 29, 30 Apr, 1, 4 May (5 May Bevrijdingsdag skipped), 6, 7, 8, 11, 12 May.
        expect(dueOn(version, 'reaction-target', RECEIVED)).toBe('2026-05-12');
        // Mon 11 May: 12, 13, (14 Ascension, 15 bridge day), 18, 19, 20, 21, 22, 26 (25 Whit Monday), 27, 28 May.
        expect(dueOn(version, 'reaction-target', '2026-05-11T10:00:00+02:00')).toBe('2026-05-28');
      }
    },
  },
  {
    rule: 'Deadlines: delay notice (older)',
    quote: 'Delay notice | — | within 5 working days (older stage-1 text); "timely" with causes of delay (older stage-2) | notice, with expected date or reasons | older',
    setting:
      'older: milestones delay-notice, 5 working days from delay-known (anchor not given: read as the moment the delay becomes known), met by delay-notified, not in stage 2; duties stage-2-delay-notice ("timely": no date); notices delay-notice (delay-reason)',
    check: (reg) => {
      const old = older();
      const m = milestone(old, 'delay-notice');
      expect(m).toMatchObject({ anchor: 'delay-known', period: { unit: 'working-days', amount: 5 }, metBy: ['delay-notified'], unless: { event: 'objection-received' } });
      // Delay known Mon 11 May 2026: 12, 13, (14 Ascension, 15 bridge day), 18, 19, 20 May.
      const facts: ComplaintFacts = { happened: { received: RECEIVED, 'delay-known': '2026-05-11T09:00:00+02:00' } };
      expect(milestonesFor(old, facts).find((s) => s.milestoneId === 'delay-notice')?.due).toBe('2026-05-20');
      expect(milestoneApplies(old, m, { happened: { ...facts.happened, 'objection-received': '2026-06-01T09:00:00+02:00' } })).toBe(false);
      expect(old.duties.find((d) => d.id === 'stage-2-delay-notice')).toMatchObject({ role: 'management', trigger: 'delay-known', records: 'delay-notified' });
      expect(notice(old, 'delay-notice').contents).toEqual(['delay-reason']);
      expect(reg.milestones.find((x) => x.metBy.includes('delay-notified'))).toBeUndefined();
    },
  },
  {
    rule: 'Deadlines: substantive reaction, ceiling',
    quote: 'Substantive reaction, ceiling | acknowledgement (older) / filing (newer) | 6 weeks | hard ("uiterlijk" / "nooit langer") | both',
    setting: 'milestones reaction: hard, 6 weeks; newer anchored on received, older on acknowledged; same metBy as the target',
    check: (reg) => {
      expect(milestone(reg, 'reaction')).toMatchObject({ kind: 'hard', anchor: 'received', period: { unit: 'weeks', amount: 6 }, metBy: ['ruling-sent'] });
      expect(milestone(older(), 'reaction')).toMatchObject({ kind: 'hard', anchor: 'acknowledged', period: { unit: 'weeks', amount: 6 }, metBy: ['ruling-sent'] });
      // Newer: Fri 24 Apr + 6 weeks = Fri 5 Jun 2026.
      expect(openingMilestones(reg, new Date(RECEIVED)).map((m) => [m.milestoneId, m.kind, m.due])).toEqual([
        ['reaction-target', 'target', '2026-05-12'],
        ['reaction', 'hard', '2026-06-05'],
      ]);
    },
  },
  {
    rule: 'Deadlines: the anchor differs between the versions',
    quote: 'Note the anchor difference for the 6-week ceiling (acknowledgement vs filing) between the two versions. Both are real variants.',
    setting: 'older: the ceiling opens only when acknowledged (Tue 28 Apr + 6 weeks = Tue 9 Jun); newer: from the filing (5 Jun)',
    check: (reg) => {
      const old = older();
      expect(openingMilestones(old, new Date(RECEIVED)).map((m) => m.milestoneId)).toEqual(['acknowledgement', 'reaction-target']);
      const acknowledged: ComplaintFacts = { happened: { received: RECEIVED, acknowledged: '2026-04-28T11:00:00+02:00' } };
      expect(milestonesFor(old, acknowledged).find((m) => m.milestoneId === 'reaction')?.due).toBe('2026-06-09');
      expect(milestonesFor(reg, acknowledged).find((m) => m.milestoneId === 'reaction')?.due).toBe('2026-06-05');
    },
  },
  {
    rule: 'Deadlines: stage 2',
    quote: 'Stage 2 (management) reaction | filing of bezwaar | 6 weeks | hard | newer',
    setting: 'newer: milestones stage-2-reaction, hard, 6 weeks from objection-received, met by objection-decided, management; older: no such term',
    check: (reg) => {
      expect(milestone(reg, 'stage-2-reaction')).toMatchObject({
        kind: 'hard',
        anchor: 'objection-received',
        period: { unit: 'weeks', amount: 6 },
        metBy: ['objection-decided'],
        responsibleRole: 'management',
      });
      expect(dueOn(reg, 'stage-2-reaction', '2026-06-01T10:00:00+02:00')).toBe('2026-07-13');
      expect(older().milestones.find((m) => m.anchor === 'objection-received')).toBeUndefined();
    },
  },
  {
    rule: 'Deadlines: to Kifid, alternative A',
    quote: "To Kifid | Waard's substantive reaction | 3 months | hard, alternative A | Waard stap 3",
    setting: 'windows kifid (external-complaint): closes { latest: [ruling-sent + 3 months, received + 1 year] }',
    check: (reg) => {
      const w = windowOf(reg, 'kifid');
      expect(w).toMatchObject({ for: 'external-complaint', body: 'Kifid' });
      // Answer late, Mon 1 Mar 2027: 3 months (Tue 1 Jun 2027) ends after the year (Mon 26 Apr 2027).
      const late = windowDates(reg, w, { happened: { received: RECEIVED, 'ruling-sent': '2027-03-01T10:00:00+01:00' } });
      expect(late).toMatchObject({ closes: '2027-06-01', closesProvisional: false });
      expect(windowStateOn(late, '2027-06-01')).toBe('open');
      expect(windowStateOn(late, '2027-06-02')).toBe('closed');
      // Through the workflow: the answer of Mon 1 Mar 2027 names Kifid until Tue 1 Jun 2027 (3 months after it).
      expect(run.lateAnswer).toContain('dan kunt u zich wenden tot Kifid (Klachteninstituut Financiële Dienstverlening) (https://www.kifid.nl).');
      expect(run.lateAnswer).toContain('Dat kan tot en met dinsdag 1 juni 2027 (Deadlines [Waard stap 3; kifid.nl]).');
    },
  },
  {
    rule: 'Deadlines: to Kifid, alternative B',
    quote: 'To Kifid | official filing with Waard | 1 year | hard, alternative B | Waard stap 3',
    setting: 'windows kifid: the year after the filing ends later than 3 months after an answer in time (whichever is later)',
    check: (reg) => {
      const w = windowOf(reg, 'kifid');
      // Answer Tue 12 May 2026: 3 months = Wed 12 Aug 2026; a year after the filing = Sat 24 Apr 2027 -> Mon 26 Apr 2027.
      const answered = windowDates(reg, w, { happened: { received: RECEIVED, 'ruling-sent': '2026-05-12T15:00:00+02:00' } });
      expect(answered).toMatchObject({ opens: '2026-05-12', closes: '2027-04-26', closesProvisional: false });
      expect(windowStateOn(answered, '2026-08-13')).toBe('open');
      expect(windowStateOn(answered, '2027-04-27')).toBe('closed');
      // No answer yet: the closing may still move later (an answer still to come), so it stays open.
      const waiting = windowDates(reg, w, { happened: { received: RECEIVED } });
      expect(waiting).toMatchObject({ closes: '2027-04-26', closesProvisional: true });
      expect(older().windows.find((x) => x.id === 'kifid')?.closes).toEqual(w.closes);
      // Through the workflow: the answer of Tue 12 May 2026 names Kifid until Mon 26 Apr 2027 (Sat 24 Apr 2027, a
      // year after the filing, moved past the weekend), not until Wed 12 Aug 2026.
      expect(tier(reg, 'kifid').window).toBe('kifid');
      expect(run.consumer).toContain('Dat kan tot en met maandag 26 april 2027 (Deadlines [Waard stap 3; kifid.nl]).');
      expect(run.consumer).not.toContain('12 augustus 2026');
    },
  },
  {
    rule: 'Deadlines: Kifid access without a final answer',
    quote: 'Kifid access without final answer | filing with provider | 8 weeks elapsed | precondition | kifid.nl FAQ/sneltest',
    setting: 'windows kifid opens { earliest: [ruling-sent, received + 8 weeks (no end-day rule)] }: read as open from the day 8 weeks after the filing',
    check: (reg) => {
      const w = windowOf(reg, 'kifid');
      const waiting = windowDates(reg, w, { happened: { received: RECEIVED } });
      expect(waiting.opens).toBe('2026-06-19'); // Fri 24 Apr + 8 weeks = Fri 19 Jun 2026
      expect(windowStateOn(waiting, '2026-06-18')).toBe('not-yet');
      expect(windowStateOn(waiting, '2026-06-19')).toBe('open');
      // The 6-week ceiling comes first: without an answer, Kifid opens two weeks after it was missed.
      expect(dueOn(reg, 'reaction', RECEIVED)).toBe('2026-06-05');
      // So the missed ceiling does not open Kifid directly (no directlyWhen: the format has no condition "8 weeks
      // have passed"); the tier says it in words.
      expect(tier(reg, 'kifid').opens.directlyWhen).toBeUndefined();
      expect(tier(reg, 'kifid').opens.specialCircumstances?.en).toBe("also without Waard's final answer, once 8 weeks have passed since you filed the complaint with Waard");
      expect(nextTiers(reg, { happened: { received: RECEIVED }, missed: { reaction: '2026-06-05T21:59:59.999Z' } }, 'missed-term')).toEqual([]);
    },
  },
  {
    rule: 'Deadlines: appeal to the Commissie van Beroep',
    quote: 'Appeal to Kifid Commissie van Beroep | date on Geschillencommissie decision | 6 weeks | hard | kifid.nl/in-beroep',
    setting: 'statedDates binding-decision-on; windows kifid-appeal (appeal): 6 weeks from that date (for an interest of at least €25,000, below)',
    check: (reg) => {
      const w = windowOf(reg, 'kifid-appeal');
      expect(w).toMatchObject({ for: 'appeal', anchor: 'stated:binding-decision-on', period: { unit: 'weeks', amount: 6 } });
      const dates = windowDates(reg, w, { happened: { received: RECEIVED }, stated: { 'binding-decision-on': '2026-09-15' } });
      expect(dates).toMatchObject({ opens: '2026-09-15', closes: '2026-10-27' });
      expect(windowStateOn(dates, '2026-10-28')).toBe('closed');
      // No binding decision stated: no appeal window.
      expect(windowDates(reg, w, { happened: { received: RECEIVED } }).closes).toBeUndefined();
      // Through the workflow: binding decision dated Tue 15 Sep 2026 + 6 weeks = Tue 27 Oct 2026, in the appeal's letter.
      expect(tier(reg, 'commissie-van-beroep').window).toBe('kifid-appeal');
      expect(run.appeal).toContain(
        'Ook kunt u zich wenden tot Commissie van Beroep van Kifid (https://www.kifid.nl/in-beroep-gaan-bij-kifid/). Beroep tegen een bindende uitspraak van de Geschillencommissie van Kifid. Dat kan tot en met dinsdag 27 oktober 2026 (Deadlines [kifid.nl/in-beroep]).',
      );
    },
  },
  {
    rule: 'Who handles',
    quote: 'Stage 1: the department involved. Stage 2: management reviews whether the right steps were taken and looks for other solutions [newer].',
    setting: 'roles department (per-complaint), management; investigation.by department; objection to management',
    check: (reg) => {
      expect(role(reg, 'department').assignment).toBe('per-complaint');
      expect(reg.investigation?.by).toBe('department');
      expect(notice(reg, 'stage-2-reaction')).toMatchObject({ from: 'management', records: 'objection-decided' });
    },
  },
  {
    rule: 'Who handles: comparable insurer',
    quote:
      'Comparable insurer (Unigarant): a specialist who does not know the case history handles it; a second review goes to a handler not involved the first time. This shows a pattern "independent second reviewer".',
    setting: "not Waard's rule: no roleRules; notes second-reviewer-pattern",
    check: (reg) => {
      expect(reg.roleRules).toEqual([]);
      expect(note(reg, 'second-reviewer-pattern').text.en).toMatch(/not established for Waard/);
    },
  },
  {
    rule: 'Hearing',
    quote: 'Internal: none prescribed. Kifid: written handling or a hearing, where mediation is tried first [consumentenbond.nl].',
    setting: 'investigation.hearBothSides false, no investigation.hearing (the answer does not wait for one); objection.hearing none; notes kifid-hearing',
    check: (reg) => {
      expect(reg.investigation?.hearBothSides).toBe(false);
      expect(reg.investigation?.hearing).toBeUndefined();
      expect(older().investigation?.hearing).toBeUndefined();
      // Through the workflow: answered without any hearing.
      expect(run.consumer).toContain('Uitkomst: ongegrond');
      expect(reg.objection?.hearing).toBe('none');
      expect(note(reg, 'kifid-hearing').text.en).toMatch(/mediation first/);
    },
  },
  {
    rule: 'Outcome',
    quote: 'A substantive written reaction. Contents are not prescribed on the page read.',
    setting: 'notices reaction { written, records ruling-sent, contents [outcome] }; resolution.delivery in-writing (both versions)',
    check: (reg) => {
      expect(notice(reg, 'reaction')).toMatchObject({ written: true, records: 'ruling-sent', contents: ['outcome'] });
      expect(reg.resolution?.delivery).toBe('in-writing');
      expect(older().resolution?.delivery).toBe('in-writing');
    },
  },
  {
    rule: 'External bodies: Kifid',
    quote: 'Free for consumers at the Geschillencommissie.',
    setting: "tiers kifid { body Kifid, when: consumers, after: answer, window kifid, fee EUR 0 }: the consumer's answer names Kifid, how to reach it, its closing date and that it is free",
    check: (reg) => {
      expect(tier(reg, 'kifid')).toMatchObject({
        body: { name: 'Kifid (Klachteninstituut Financiële Dienstverlening)', website: 'https://www.kifid.nl' },
        opens: { after: 'answer' },
        window: 'kifid',
        fee: { amount: { amount: 0, currency: 'EUR' } },
      });
      expect(run.consumer).toContain(
        'Bent u niet tevreden, dan kunt u zich wenden tot Kifid (Klachteninstituut Financiële Dienstverlening) (https://www.kifid.nl). ' +
          'Onafhankelijk klachteninstituut: eerst bemiddeling, dan een bindend of niet-bindend advies, naar de keuze van partijen en de aansluiting van Waard. ' +
          'Dat kan ook zonder eindantwoord van Waard, zodra 8 weken zijn verstreken sinds u de klacht bij Waard indiende. ' +
          'Dat kan tot en met maandag 26 april 2027 (Deadlines [Waard stap 3; kifid.nl]). Daar zijn geen kosten aan verbonden. (External bodies)',
      );
    },
  },
  {
    rule: 'External bodies: Kifid, no double forum',
    quote: 'It does not handle complaints already put before a court or another dispute body.',
    setting: 'events before-other-forum (coordinator); tiers kifid and kifid-small-business when { not: { event: before-other-forum } }: once recorded, the answer names only the civil court',
    check: (reg) => {
      expect(reg.events.find((e) => e.id === 'before-other-forum')?.recordedBy).toEqual(['coordinator']);
      for (const id of ['kifid', 'kifid-small-business']) expect(tier(reg, id).when).toMatchObject({ not: { event: 'before-other-forum' } });
      expect(older().events.map((e) => e.id)).toEqual(reg.events.map((e) => e.id));
      // Through the workflow: the answer to the complaint already before a court offers no Kifid.
      expect(run.forum).not.toContain('Kifid (Klachteninstituut');
      expect(run.forum).toContain('Bent u niet tevreden, dan kunt u zich wenden tot de burgerlijke rechter.');
    },
  },
  {
    rule: 'External bodies: Kifid, late complaint',
    quote: "A late complaint can still be handled if the provider's conduct shows it wants a substantive judgement [sneltest].",
    setting: 'notes kifid-late-complaint',
    check: (reg) => expect(note(reg, 'kifid-late-complaint').text.en).toMatch(/late complaint/),
  },
  {
    rule: 'External bodies: Kifid, late filing accepted by Waard',
    quote: "A late complaint can still be handled if the provider's conduct shows it wants a substantive judgement",
    setting: 'events late-filing-accepted (coordinator); windows kifid heldOpenBy [late-filing-accepted] (both versions)',
    check: (reg) => {
      expect(reg.events.find((e) => e.id === 'late-filing-accepted')?.recordedBy).toEqual(['coordinator']);
      const w = windowOf(reg, 'kifid');
      expect(w.heldOpenBy).toEqual(['late-filing-accepted']);
      expect(windowOf(older(), 'kifid').heldOpenBy).toEqual(['late-filing-accepted']);
      const answered = { received: RECEIVED, 'ruling-sent': '2026-05-12T15:00:00+02:00' };
      // Closed after Mon 26 Apr 2027, unless Waard wants the late complaint judged.
      expect(windowStateOn(windowDates(reg, w, { happened: answered }), '2027-06-01')).toBe('closed');
      const accepted = windowDates(reg, w, { happened: { ...answered, 'late-filing-accepted': '2027-06-01T10:00:00+02:00' } });
      expect(accepted.heldOpen).toBe(true);
      expect(windowStateOn(accepted, '2027-06-01')).toBe('open');
      // The tier then says no time limit applies.
      const tiers = nextTiers(reg, { happened: { ...answered, 'late-filing-accepted': '2027-06-01T10:00:00+02:00' }, complainant: 'consumer' }, 'answer');
      expect(tiers.map((t) => [t.tier.id, t.window?.heldOpen])).toEqual([
        ['kifid', true],
        ['civil-court', undefined],
      ]);
    },
  },
  {
    rule: 'External bodies: Kifid outcome',
    quote: "Outcome: binding or non-binding advice, depending on the parties' choice and the provider's affiliation",
    setting: 'tier kifid: no decision kind (binding or advisory is chosen per case), said in its description; notes kifid-advice',
    check: (reg) => {
      expect(note(reg, 'kifid-advice').text.en).toMatch(/binding or non-binding advice/);
      expect(tier(reg, 'kifid').decision).toBeUndefined();
      expect(run.consumer).not.toMatch(/De uitspraak is (bindend|een advies)/);
      expect(run.consumer).toContain('dan een bindend of niet-bindend advies, naar de keuze van partijen en de aansluiting van Waard.');
    },
  },
  {
    rule: 'External bodies: Commissie van Beroep, only against a binding decision',
    quote: 'Commissie van Beroep: only against a binding Geschillencommissie decision',
    setting:
      'statedDates binding-decision-on; tier commissie-van-beroep when { stated: [binding-decision-on], categories: [...] } (read: after: any-time with that condition, as the runtime ' +
      'has no event that ends the tier before it): not named before the binding decision is stated',
    check: (reg) => {
      expect(reg.statedDates.find((d) => d.id === 'binding-decision-on')?.label.en).toBe("date on the binding decision of Kifid's Geschillencommissie");
      expect(tier(reg, 'commissie-van-beroep')).toMatchObject({ when: { stated: ['binding-decision-on'] }, opens: { after: 'any-time' } });
      const happened = { received: RECEIVED, 'ruling-sent': '2026-05-12T15:00:00+02:00' };
      const categories = ['interest-25000-or-more'];
      const complainant = 'consumer';
      expect(nextTiers(reg, { happened, categories, complainant }, 'answer').map((t) => t.tier.id)).toEqual(['kifid', 'civil-court']);
      expect(nextTiers(reg, { happened, categories, complainant, stated: { 'binding-decision-on': '2026-09-15' } }, 'answer').map((t) => t.tier.id)).toEqual([
        'kifid',
        'commissie-van-beroep',
        'civil-court',
      ]);
      // Through the workflow: the answer (before Kifid decided) does not name the appeal, even above the amount.
      expect(run.large).not.toContain('Commissie van Beroep');
    },
  },
  {
    rule: 'External bodies: Commissie van Beroep, €25,000 threshold',
    quote: 'only if the financial interest is ≥ €25,000 (the claim cannot be raised to reach this)',
    setting:
      'category interest-25000-or-more (staff classify: the amount is not checked); tier commissie-van-beroep { when: that category, minimumAmount EUR 25,000 (printed) }; ' +
      'windows kifid-appeal appliesWhen the category: below it the appeal is refused',
    check: (reg) => {
      expect(windowOf(reg, 'kifid-appeal').appliesWhen).toEqual({ categories: ['interest-25000-or-more'] });
      expect(tier(reg, 'commissie-van-beroep')).toMatchObject({ when: { categories: ['interest-25000-or-more'] }, minimumAmount: { amount: 25000, currency: 'EUR' } });
      const decided = (categories: string[]): ComplaintFacts => ({
        happened: { received: RECEIVED, 'ruling-sent': '2026-05-12T15:00:00+02:00' },
        stated: { 'binding-decision-on': '2026-09-15' },
        categories,
      });
      expect(windowsFor(reg, decided(['interest-25000-or-more'])).map((d) => [d.id, d.closes])).toEqual([
        ['kifid', '2027-04-26'],
        ['kifid-appeal', '2026-10-27'],
      ]);
      expect(windowsFor(reg, decided([])).map((d) => d.id)).toEqual(['kifid']);
      expect(windowOf(older(), 'kifid-appeal').appliesWhen).toEqual({ categories: ['interest-25000-or-more'] });
      // Through the workflow: below the amount the appeal cannot be named ...
      expect(run.belowAmount).toBeInstanceOf(InvalidInputError);
      expect((run.belowAmount as InvalidInputError).problems).toEqual([
        { field: 'tier', code: 'invalid_value', key: 'error.field.tierNotOpen', params: { tiers: ['kifid', 'civil-court'] }, message: 'must be a tier open to this complaint now: kifid, civil-court' },
      ]);
      // ... above it the letter names it with its threshold.
      expect(run.appeal).toContain('Dat kan alleen bij een belang van ten minste € 25.000.');
    },
  },
  {
    rule: 'External bodies: Commissie van Beroep, fee and its own terms',
    quote: 'consumer contribution €500, within 6 weeks. Then an acknowledgement and a letter within 2 weeks. The commission aims to decide within 6 months (target)',
    setting:
      "tier commissie-van-beroep fee { EUR 500, no refund stated, note: the consumer's contribution }, window kifid-appeal (6 weeks); the appeal body's own terms are Kifid's, " +
      "not Waard's duties: notes appeal-terms (no milestone)",
    check: (reg) => {
      expect(tier(reg, 'commissie-van-beroep').fee).toMatchObject({ amount: { amount: 500, currency: 'EUR' }, refund: 'none' });
      expect(note(reg, 'appeal-terms').text.en).toMatch(/within 2 weeks, and aims to decide within 6 months: Kifid's terms, not Waard's/);
      expect(reg.milestones.map((m) => m.id)).toEqual(['reaction-target', 'reaction', 'stage-2-reaction']);
      expect(run.appeal).toContain('De kosten zijn € 500. Dit is de eigen bijdrage van een consument.');
    },
  },
  {
    rule: 'External bodies: civil court',
    quote: 'Civil court as an alternative to Kifid [Waard stap 3].',
    setting: 'tier civil-court (after: answer, for everyone): the answer names it after Kifid',
    check: (reg) => {
      expect(tier(reg, 'civil-court')).toMatchObject({ body: { name: 'de burgerlijke rechter' }, opens: { after: 'answer' } });
      expect(tier(reg, 'civil-court').when).toBeUndefined();
      expect(run.consumer).toContain('Ook kunt u zich wenden tot de burgerlijke rechter. De rechter is een alternatief voor Kifid. (External bodies [Waard stap 3])');
      expect(run.consumer.indexOf('Kifid (Klachteninstituut')).toBeLessThan(run.consumer.indexOf('de burgerlijke rechter'));
    },
  },
  {
    rule: 'External bodies: Tuchtraad',
    quote: 'Tuchtraad Verzekeraars: disciplinary complaints are filed via Kifid, which forwards them [movir.nl].',
    setting: 'notes tuchtraad',
    check: (reg) => expect(note(reg, 'tuchtraad').text.en).toMatch(/filed via Kifid, which forwards them/),
  },
  {
    rule: 'Registration / reporting',
    quote: 'Not stated by Waard (inferred: a complaint register is kept under the Wft conduct rules; Unigarant says it registers all complaints).',
    setting: 'read: a register is kept; reporting register (continuous, coordinator)',
    check: (reg) => expect(reg.reporting).toEqual([expect.objectContaining({ id: 'register', cadence: 'continuous', by: 'coordinator' })]),
  },
  {
    rule: '(not in the sheet)',
    quote: 'Sources read',
    setting: 'tenant settings: Atw calendar (working days), reminders 5 working days before the hard terms, retention 24 months',
    check: (reg) => {
      expect(reg.calendar).toMatchObject({ holidays: 'nl-atw', liberationDay: 'every-year', decreeBridgeDays: true });
      expect(scheduleMilestone(reg, milestone(reg, 'reaction'), new Date(RECEIVED)).reminderOn).toBe('2026-05-29');
      expect(reg.retention).toMatchObject({ keep: { unit: 'months', amount: 24 } });
    },
  },
];

describeCorpusSheet({ sheet: SHEET, rules });
