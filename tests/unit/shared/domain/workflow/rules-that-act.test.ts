/**
 * Issue 14, "Rules that act", on plain fakes (InMemoryRegister, FakeClock) through the workflow
 * harness: admissibility grounds proposed and checked, routes that notify and take over
 * milestones, authorisation modes, hearings with exceptions, what a decision must contain, statute
 * citations, and the external tiers in the letters with the dates their windows close.
 *
 * Most rows run on tests/fixtures/regulations/thuiszorg-het-anker.yaml (a fictional home-care
 * provider that has each shape once); routing on Occure (tenants/occure.yaml). Where a test needs
 * another setting of the same rule (authorisation for some kinds only, withdrawal never after the
 * hearing), it parses the fixture with that one section changed, through the same validator.
 *
 * The dates are counted by hand: Monday 2 March 2026 is the day of receipt; Good Friday (3 April)
 * and Easter Monday (6 April 2026) are not working days.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseRegulation, type Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { citationRef, formatRule } from '../../../../../shared/domain/regulation/citation.ts';
import { staffView } from '../../../../../shared/domain/complaint/views.ts';
import { consoleConfig } from '../../../../../web/console-page.ts';
import { checkDeadline } from '../../../../../shared/domain/complaint/check-deadline.ts';
import { deliverOutbox } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import { reportLineOf } from '../../../../../shared/domain/report/figures.ts';
import { buildYearlyReport } from '../../../../../shared/domain/report/yearly-report.ts';
import { ConflictError, InvalidInputError } from '../../../../../shared/domain/errors.ts';
import type { Mailer, OneTimeSchedule, OutgoingMail } from '../../../../../shared/domain/ports.ts';
import { expectRuleViolation, handlerRef, letterText, rejection, workflow, type Workflow } from '../../../../support/workflow-harness.ts';

const ANKER = 'tests/fixtures/regulations/thuiszorg-het-anker.yaml' as const;

/** The fixture with one part changed, validated as a file would be. */
function ankerWith(change: (raw: Record<string, any>) => void): Regulation {
  const raw = parse(readFileSync(ANKER, 'utf8')) as Record<string, any>;
  change(raw);
  const parsed = parseRegulation(raw, { expectedId: 'thuiszorg-het-anker' });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.regulation;
}

/** The file as GET /admin/complaints/{reference} returns it. */
async function file(w: Workflow, reference: string) {
  return staffView(w.regulations, await w.get(reference), await w.register.events(reference), w.coordinator, w.clock.now());
}

async function proposed(w: Workflow, reference: string): Promise<Array<[string, string]>> {
  return (await file(w, reference)).proposedGrounds.map((g) => [g.id, g.rule]);
}

interface Queued {
  /** The notice id, or the staff letter's kind (deadline-reminder, ...). */
  id: string;
  to: string;
  recipient?: 'complainant' | 'staff';
  eventType?: string;
  citation?: string;
}

/** The letters queued for a complaint. */
function queued(w: Workflow, reference: string): Queued[] {
  return [...w.register.outbox.values()].flatMap((e): Queued[] => {
    if (e.reference !== reference || e.action.kind !== 'email') return [];
    const action = e.action;
    if (action.letter !== 'notice') return [{ id: action.letter, to: action.to }];
    return [
      {
        id: action.notice.id,
        to: action.to,
        recipient: action.recipient,
        ...(action.eventType ? { eventType: action.eventType } : {}),
        ...(action.notice.citation ? { citation: action.notice.citation } : {}),
      },
    ];
  });
}

/** Delivers the outbox as the drainer does, through a mailer that keeps what it sends. */
async function drain(w: Workflow): Promise<OutgoingMail[]> {
  const mailer: Mailer & { sent: OutgoingMail[] } = {
    sent: [],
    async send(mail) {
      this.sent.push(mail);
      return `m-${this.sent.length}`;
    },
  };
  const scheduler = { async ensure(_s: OneTimeSchedule) {}, async remove(_n: string) {} };
  await deliverOutbox({ register: w.register, clock: w.clock, regulations: w.regulations, mailer, scheduler }, 200);
  return mailer.sent;
}

/** A schedule of the complaint firing at `at` (the deadline check at the end of the due day, or the reminder). */
async function fire(w: Workflow, reference: string, milestoneId: string, kind: 'check' | 'remind', at: string) {
  w.at(at);
  return checkDeadline({ register: w.register, clock: w.clock, regulations: w.regulations }, { reference, milestoneId, kind });
}

const OCCURRED = { occurredOn: '2026-02-20' };

/** Heard (with the report the fixture asks for) and advised by the committee: ready for the board's decision. */
async function heardAndAdvised(w: Workflow, reference: string): Promise<void> {
  await w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Klaagster gehoord.', report: 'Verslag: de afspraak is twee keer verzet.' }, w.coordinator);
  await w.step(reference, 'record', { event: 'committee-advice', note: 'De commissie adviseert: gegrond.' }, w.coordinator);
}

const founded = { outcome: 'founded', reasoning: 'De afspraak is twee keer zonder bericht verzet.', measuresBy: '2026-05-29', advice: { followed: true } };

// --- a. grounds that act ---------------------------------------------------------------------------

describe('grounds that act: proposed when their condition holds, refused when it does not', () => {
  test('classified into the excluded category: the file proposes the ground with its article and its immediate referral; another category proposes nothing', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    expect(await proposed(w, reference)).toEqual([]);
    await w.step(reference, 'classify', { categories: ['care'] }, w.coordinator);
    expect(await proposed(w, reference)).toEqual([]);

    await w.step(reference, 'classify', { categories: ['invoices'] }, w.coordinator);
    const grounds = (await file(w, reference)).proposedGrounds;
    expect(grounds).toEqual([
      {
        id: 'invoices',
        label: { nl: 'Klacht over een factuur of de eigen bijdrage', en: 'Complaint about an invoice or the personal contribution' },
        rule: 'art. 3 lid 3',
        judgement: false,
        referral: { label: { nl: 'de financiële administratie van Thuiszorg Het Anker', en: 'the finance department of Thuiszorg Het Anker' }, immediate: true, to: 'finance' },
      },
    ]);
  });

  test('a stated date that puts the complaint outside the limitation window proposes the ground; the end-day rule keeps the last day open', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    // 28 Feb 2025 + 1 year = Sat 28 Feb 2026, moved by the end-day rule to Mon 2 March 2026: the day of receipt, in time.
    await w.step(reference, 'stated-date', { id: 'occurred-on', date: '2025-02-28' }, w.coordinator);
    expect(await proposed(w, reference)).toEqual([]);
    await expectRuleViolation(w.step(reference, 'not-admissible', { ground: 'too-late' }, w.coordinator), 'art. 3 lid 2', /does not apply to this complaint \(it needs receivedOutside: limitation\)/);

    // 27 Feb 2025 + 1 year = Fri 27 Feb 2026: received on 2 March, after the window closed.
    await w.step(reference, 'stated-date', { id: 'occurred-on', date: '2025-02-27', note: 'Gecorrigeerd na telefoongesprek.' }, w.coordinator);
    expect(await proposed(w, reference)).toEqual([['too-late', 'art. 3 lid 2']]);
    await expect(w.step(reference, 'not-admissible', { ground: 'too-late' }, w.coordinator)).resolves.toMatchObject({
      complaint: { status: 'not-admissible', decision: { outcome: 'not-admissible', ground: 'too-late' } },
      event: { type: 'not-taken-up', rule: 'art. 3 lid 2' },
    });
    // A decided complaint proposes nothing more.
    expect(await proposed(w, reference)).toEqual([]);
  });

  test('a complaint filed with a date long ago is proposed the limitation ground from its receipt', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit({ occurredOn: '2024-11-15' });
    expect(await proposed(w, reference)).toEqual([['too-late', 'art. 3 lid 2']]);
  });

  test("the wrong ground is refused with that ground's article; a judgement call is accepted whether or not its condition holds", async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'classify', { categories: ['care'] }, w.coordinator);
    await expectRuleViolation(
      w.step(reference, 'not-admissible', { ground: 'invoices' }, w.coordinator),
      'art. 3 lid 3',
      /"Complaint about an invoice or the personal contribution" does not apply .*categories: invoices/,
    );
    await expectRuleViolation(w.step(reference, 'not-admissible', { ground: 'anonymous' }, w.coordinator), 'art. 3 lid 1', /complainants: anonymous/);
    const unknown = await rejection(w.step(reference, 'not-admissible', { ground: 'out-of-scope' }, w.coordinator));
    expect(unknown).toBeInstanceOf(InvalidInputError);

    // "Kennelijk onvoldoende onderbouwd" is proposed only without a date of the conduct, but it is the decider's call.
    expect((await file(w, reference)).proposedGrounds.map((g) => g.id)).not.toContain('unsubstantiated');
    expect(w.regulation.admissibility.grounds.find((g) => g.id === 'unsubstantiated')).toMatchObject({ judgement: true });
    await expect(w.step(reference, 'not-admissible', { ground: 'unsubstantiated', explanation: 'Geen enkel feit genoemd.' }, w.coordinator)).resolves.toMatchObject({
      complaint: { status: 'not-admissible', decision: { ground: 'unsubstantiated' } },
    });
  });

  test('a judgement call is proposed, marked as such, while its condition holds', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit();
    expect((await file(w, reference)).proposedGrounds).toEqual([expect.objectContaining({ id: 'unsubstantiated', rule: 'art. 3 lid 5', judgement: true })]);
  });

  test('the console offers what staff choose from: the complainant kinds, the hearing exceptions, the tiers, the advising body', async () => {
    const w = await workflow(ANKER);
    const config = consoleConfig(w.regulation, { tenant: w.tenant, lang: 'nl', apiBase: '/api', now: w.clock.now(), auth: { kind: 'none' } }).regulation;
    expect(config.grounds.map((g) => g.id)).toEqual(['invoices', 'too-late', 'anonymous', 'group', 'before-court', 'no-authorisation', 'unsubstantiated']);
    expect(config.complainantKinds).toEqual([
      { id: 'client', label: 'cliënt' },
      { id: 'group', label: 'groep cliënten' },
      { id: 'anonymous', label: 'anonieme klager' },
    ]);
    expect(config.hearingExceptions).toEqual(['waived', 'clearly-unfounded']);
    expect(config.tiers).toEqual([
      { id: 'complaints-desk', label: 'Klachtenloket Thuiszorg (fictief)' },
      { id: 'disputes-committee', label: 'Geschillencommissie Thuiszorg (fictief)' },
      { id: 'civil-court', label: 'de burgerlijke rechter' },
    ]);
    expect(config.adviceBy).toBe('Klachtencommissie');
  });

  test('the immediate referral inside the organisation: finance gets the internal referral at its own address, the complainant the refusal naming where to go', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'classify', { categories: ['invoices'] }, w.coordinator);
    const { event } = await w.step(reference, 'not-admissible', { ground: 'invoices' }, w.coordinator);
    expect(event.data).toMatchObject({ referredTo: 'finance', decision: { outcome: 'not-admissible', ground: 'invoices', referral: { nl: 'de financiële administratie van Thuiszorg Het Anker' } } });

    const letters = queued(w, reference).filter((l) => l.eventType === 'not-taken-up');
    expect(letters.map((l) => [l.id, l.to]).sort()).toEqual([
      ['internal-referral', 'financien@anker.example'],
      ['not-taken-up', 'sanne@example.com'],
    ]);
    const refusal = await letterText(w, reference, 'not-taken-up');
    expect(refusal).toContain('Wij nemen uw klacht niet in behandeling: Klacht over een factuur of de eigen bijdrage (art. 3 lid 3).');
    expect(refusal).toContain('U kunt terecht bij: de financiële administratie van Thuiszorg Het Anker');
    expect(refusal).toContain('Deze brief volgt uit art. 3 lid 3 van de klachtenregeling.');
    const internal = await letterText(w, reference, 'internal-referral');
    expect(internal).toContain('Beste collega,');
    expect(internal).toContain(reference);
    expect(internal).toContain('Klacht over een factuur of de eigen bijdrage (art. 3 lid 3)');
    // The staff member gets a staff letter, not the complainant's wording.
    expect(internal).toContain('De klacht wordt niet in behandeling genomen: Klacht over een factuur of de eigen bijdrage (art. 3 lid 3).');
    expect(internal).not.toContain('uw klacht');

    const sent = await drain(w);
    expect(sent.filter((m) => m.to === 'financien@anker.example').map((m) => m.subject)).toEqual([`Klacht naar u doorverwezen ${reference}`]);
  });

  test("a referral without a role (Occure, the UWV expert opinion) sends no internal letter; the complainant's letter names the referral", async () => {
    const w = await workflow('occure');
    const reference = await w.submit();
    await w.step(reference, 'classify', { categories: ['return-to-work-advice'] }, w.coordinator);
    expect((await file(w, reference)).proposedGrounds).toEqual([
      expect.objectContaining({ id: 'return-to-work-advice', rule: 'Uitzonderingen 1', referral: expect.objectContaining({ immediate: true }) }),
    ]);
    await w.step(reference, 'not-admissible', { ground: 'return-to-work-advice' }, w.coordinator);
    const letters = queued(w, reference).filter((l) => l.eventType === 'not-taken-up');
    expect(letters.map((l) => l.id)).toEqual(['referral']);
    expect(await letterText(w, reference, 'referral')).toContain('U kunt terecht bij: de procedure deskundigenoordeel van het UWV');
  });

  test("complainant kinds: a group complaint (at intake) and an anonymous one (by classification) are proposed their own grounds; the other kind's ground is refused", async () => {
    const w = await workflow(ANKER);
    const group = await w.submit({ ...OCCURRED, complainantKind: 'group' });
    expect(await proposed(w, group)).toEqual([['group', 'art. 3 lid 1']]);
    await expectRuleViolation(w.step(group, 'not-admissible', { ground: 'anonymous' }, w.coordinator), 'art. 3 lid 1', /The complainant is anonymous/);
    await expect(w.step(group, 'not-admissible', { ground: 'group' }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'not-admissible' } });

    // Without a kind a complaint is of the first kind (a client): no kind's ground applies.
    const client = await w.submit(OCCURRED);
    expect(await proposed(w, client)).toEqual([]);
    await expectRuleViolation(w.step(client, 'not-admissible', { ground: 'anonymous' }, w.coordinator), 'art. 3 lid 1');
    await w.step(client, 'classify', { categories: ['care'], complainant: 'anonymous' }, w.coordinator);
    expect(await proposed(w, client)).toEqual([['anonymous', 'art. 3 lid 1']]);
    await expect(w.step(client, 'not-admissible', { ground: 'anonymous' }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'not-admissible', complainantKind: 'anonymous' } });

    expect(await rejection(w.submit({ complainantKind: 'company' }))).toBeInstanceOf(InvalidInputError);
    expect(await rejection(w.step(client, 'classify', { categories: ['care'], complainant: 'company' }, w.coordinator))).toBeInstanceOf(Error);
  });

  test('single forum: "already before a court" is a regulation event; once recorded its ground is proposed and accepted', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await expectRuleViolation(w.step(reference, 'not-admissible', { ground: 'before-court' }, w.coordinator), 'art. 3 lid 4', /needs event: before-court/);
    await w.step(reference, 'record', { event: 'before-court', note: 'Zaak loopt bij de kantonrechter.' }, w.coordinator);
    expect(await w.eventTypes(reference)).toContain('before-court');
    expect(await proposed(w, reference)).toEqual([['before-court', 'art. 3 lid 4']]);
    await expect(w.step(reference, 'not-admissible', { ground: 'before-court' }, w.coordinator)).resolves.toMatchObject({ event: { rule: 'art. 3 lid 4' } });
  });
});

// --- b. routing ------------------------------------------------------------------------------------

describe('routing that acts', () => {
  test('Occure: a complaint classified privacy records the route, and the data protection officer gets it at the address the regulation gives, once', async () => {
    const w = await workflow('occure');
    const reference = await w.submit();
    expect((await w.get(reference)).routes ?? []).toEqual([]);
    const { event, complaint } = await w.step(reference, 'classify', { categories: ['privacy'] }, w.coordinator);
    expect(complaint.routes).toEqual(['privacy']);
    expect(event.routed).toEqual(['privacy']);
    const routing = queued(w, reference).filter((l) => l.id === 'routing');
    expect(routing.map((l) => [l.to, l.recipient, l.citation])).toEqual([['privacy@occure.example', 'staff', '§ 2.1']]);
    const text = await letterText(w, reference, 'routing');
    expect(text).toContain(reference);
    expect(text).toContain('Mijn afspraak werd twee keer verzet.');
    expect(text).toContain('Deze brief volgt uit § 2.1 van de klachtenregeling.');

    // Classified again (privacy and service): the route applied already, nobody is told twice.
    await w.step(reference, 'classify', { categories: ['privacy', 'service'] }, w.coordinator);
    expect(queued(w, reference).filter((l) => l.id === 'routing')).toHaveLength(1);
    const sent = await drain(w);
    expect(sent.filter((m) => m.to === 'privacy@occure.example').map((m) => m.subject)).toEqual([`Klacht voor u ${reference}`]);
  });

  test("Occure: a financial-damage complaint is handled by the board, who may then take the coordinator's steps on it (and only on it)", async () => {
    const w = await workflow('occure');
    const damage = await w.submit();
    const other = await w.submit();
    await expectRuleViolation(w.step(damage, 'acknowledge', {}, w.director), '§ 2.2', /"acknowledge" is for: coordinator$/);
    await w.step(damage, 'classify', { categories: ['financial-damage'] }, w.coordinator);
    expect((await w.get(damage)).routes).toEqual(['financial-damage']);
    expect(
      queued(w, damage)
        .filter((l) => l.id === 'routing')
        .map((l) => l.to),
    ).toEqual(['directie@occure.example']);

    await expect(w.step(damage, 'acknowledge', {}, w.director)).resolves.toMatchObject({ event: { type: 'acknowledged', actor: w.director.email } });
    await expect(w.step(damage, 'assign', { handler: handlerRef(w.handler1) }, w.director)).resolves.toMatchObject({ complaint: { handler: { email: w.handler1.email } } });
    const asDirector = staffView(w.regulations, await w.get(damage), [], w.director, w.clock.now());
    expect(asDirector.availableSteps).toContain('not-admissible');
    expect(staffView(w.regulations, await w.get(other), [], w.director, w.clock.now()).availableSteps).not.toContain('not-admissible');
    await expectRuleViolation(w.step(other, 'acknowledge', {}, w.director), '§ 2.2', /is for: coordinator$/);

    // The privacy route only lets the complainant go to the DPO directly: the DPO gets no coordinator steps.
    const privacy = await w.submit();
    await w.step(privacy, 'classify', { categories: ['privacy'] }, w.coordinator);
    await expectRuleViolation(w.step(privacy, 'acknowledge', {}, w.officer), '§ 2.2', /is for: coordinator$/);
  });

  test("a route's milestones pass to its role: the reminder and the escalation of the handling term go to the medication safety lead; the others stay", async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'classify', { categories: ['medication'] }, w.coordinator);
    const complaint = await w.get(reference);
    expect(complaint.routes).toEqual(['medication']);
    expect(complaint.milestones.map((m) => [m.milestoneId, m.responsibleRole, m.due, m.reminderOn ?? null])).toEqual([
      ['acknowledgement', 'coordinator', '2026-03-09', null],
      // 6 weeks after Mon 2 March; reminder 5 working days before Mon 13 April, skipping Easter Monday and Good Friday.
      ['handling', 'medication-lead', '2026-04-13', '2026-04-02'],
    ]);
    expect(
      queued(w, reference)
        .filter((l) => l.id === 'routing')
        .map((l) => l.to),
    ).toEqual(['medicatie@anker.example']);

    // handled-by: the lead (a complaints-officer login) takes the coordinator's steps on this complaint.
    await expect(w.step(reference, 'acknowledge', {}, w.officer)).resolves.toMatchObject({ event: { type: 'acknowledged' } });

    expect(await fire(w, reference, 'handling', 'remind', '2026-04-02T09:00:30+02:00')).toBe('reminded');
    expect(
      queued(w, reference)
        .filter((l) => l.id === 'deadline-reminder')
        .map((l) => l.to),
    ).toEqual(['medicatie@anker.example']);
    expect(await fire(w, reference, 'handling', 'check', '2026-04-14T00:00:05+02:00')).toBe('escalated');
    expect(
      queued(w, reference)
        .filter((l) => l.id === 'deadline-escalation')
        .map((l) => l.to)
        .sort(),
    ).toEqual(['bestuur@anker.example', 'klachten@anker.example', 'medicatie@anker.example']);
  });

  test('a complaint filed in the routed category is routed from its registration, its milestones opened for the role', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit({ ...OCCURRED, categories: ['medication'] });
    const complaint = await w.get(reference);
    expect(complaint.routes).toEqual(['medication']);
    expect(complaint.milestones.find((m) => m.milestoneId === 'handling')?.responsibleRole).toBe('medication-lead');
    expect((await w.register.events(reference))[0]).toMatchObject({ type: 'registered', routed: ['medication'] });
    expect(
      queued(w, reference)
        .filter((l) => l.id === 'routing')
        .map((l) => l.to),
    ).toEqual(['medicatie@anker.example']);
  });

  test('the yearly report counts complaints per route', async () => {
    const w = await workflow('occure');
    for (const categories of [['privacy'], ['privacy', 'service'], ['financial-damage'], ['service']]) {
      const reference = await w.submit();
      await w.step(reference, 'classify', { categories }, w.coordinator);
    }
    w.at('2026-12-31T12:00:00+01:00');
    const report = await buildYearlyReport(
      {
        regulations: w.regulations,
        clock: w.clock,
        source: {
          async *complaintsOfYears() {
            yield [...w.register.complaints.values()].map(reportLineOf);
          },
          async allMeasures() {
            return [];
          },
        },
      },
      { year: 2026 },
    );
    expect(report.current.complaints).toBe(4);
    expect(report.current.byRoute.map((r) => [r.id, r.count, r.label.nl])).toEqual([
      ['privacy', 2, 'Privacyklachten mogen direct naar de FG (§ 2.1)'],
      ['financial-damage', 1, 'Claims voor financiële schade behandelt de directie (Uitzonderingen 2)'],
    ]);
    expect(report.previous.byRoute).toEqual([]);
  });
});

// --- c. authorisation modes ------------------------------------------------------------------------

describe('authorisation modes', () => {
  const representative = (kind?: string) => ({ name: 'Peter de Vries', email: 'peter@example.com', ...(kind ? { kind } : {}) });

  test('not needed: a representative files, nothing is outstanding, staff cannot ask for one', async () => {
    const w = await workflow(
      ankerWith((raw) => {
        raw.representation.authorisation = 'not-needed';
      }),
    );
    const reference = await w.intake({ channel: 'email', ...OCCURRED, representative: representative('representative') });
    expect((await w.get(reference)).representative).toMatchObject({ kind: 'representative', authorisation: 'not-required' });
    await expectRuleViolation(w.step(reference, 'authorisation-request', {}, w.coordinator), 'art. 4 lid 1', /does not let staff ask/);
    await expect(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toBeTruthy();
  });

  test('always (Occure): the assignment waits for the signed authorisation', async () => {
    const w = await workflow('occure');
    const reference = await w.intake({ channel: 'email', representative: representative() });
    await w.step(reference, 'acknowledge', {}, w.coordinator);
    expect(await w.get(reference)).toMatchObject({ status: 'awaiting-authorisation', representative: { authorisation: 'required' } });
    await expectRuleViolation(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator), '§ 2.1', /authorisation must arrive first/);
    await w.step(reference, 'authorisation', { reason: 'Machtiging per post ontvangen.' }, w.coordinator);
    await expect(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toMatchObject({ complaint: { representative: { authorisation: 'received' } } });
  });

  test('on request: the request is a step, the complainant gets a term (two weeks) and is asked in writing; the authorisation in time meets it', async () => {
    const w = await workflow(ANKER);
    const reference = await w.intake({ channel: 'email', ...OCCURRED, representative: representative('representative') });
    expect((await w.get(reference)).representative?.authorisation).toBe('not-required');
    // Only for a complaint filed on someone's behalf.
    const own = await w.submit(OCCURRED);
    await expectRuleViolation(w.step(own, 'authorisation-request', {}, w.coordinator), 'art. 4 lid 1', /not filed on someone else's behalf/);

    const { complaint } = await w.step(reference, 'authorisation-request', { reason: 'Onduidelijk of klaagster instemt.' }, w.coordinator);
    expect(complaint.representative?.authorisation).toBe('required');
    expect(complaint.milestones.find((m) => m.milestoneId === 'authorisation-term')).toMatchObject({ status: 'open', due: '2026-03-16', responsibleRole: 'coordinator' });
    expect(await rejection(w.step(reference, 'authorisation-request', {}, w.coordinator))).toBeInstanceOf(ConflictError);
    // The person who filed is asked for it, with the date and what follows when it does not come.
    const request = queued(w, reference).filter((l) => l.eventType === 'authorisation-requested' && l.recipient === 'complainant');
    expect(request.map((l) => l.to)).toEqual(['sanne@example.com']);
    const text = await letterText(w, reference, request[0]!.id);
    expect(text).toContain('Stuur ons een machtiging');
    expect(text).toContain('maandag 16 maart 2026');
    expect(text).toContain('Komt de machtiging niet binnen twee weken, dan wordt de klacht niet behandeld.');

    w.at('2026-03-10T10:00:00+01:00');
    await w.step(reference, 'authorisation', {}, w.coordinator);
    expect((await w.get(reference)).milestones.find((m) => m.milestoneId === 'authorisation-term')?.status).toBe('met');
    expect(await fire(w, reference, 'authorisation-term', 'check', '2026-03-17T00:00:05+01:00')).toBe('met');
    expect((await file(w, reference)).proposedGrounds.map((g) => g.id)).not.toContain('no-authorisation');
  });

  test("on request: when the authorisation does not come in its term, the regulation's ground is proposed and may be used (not before)", async () => {
    const w = await workflow(ANKER);
    const reference = await w.intake({ channel: 'email', ...OCCURRED, representative: representative('representative') });
    await w.step(reference, 'authorisation-request', {}, w.coordinator);
    await expectRuleViolation(w.step(reference, 'not-admissible', { ground: 'no-authorisation' }, w.coordinator), 'art. 4 lid 3', /missed: authorisation-term/);
    expect(await fire(w, reference, 'authorisation-term', 'check', '2026-03-17T00:00:05+01:00')).toBe('escalated');
    expect(await proposed(w, reference)).toEqual([['no-authorisation', 'art. 4 lid 3']]);
    await expect(w.step(reference, 'not-admissible', { ground: 'no-authorisation' }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'not-admissible' } });
  });

  test('for some kinds: a representative needs one (the assignment waits), a parent or a surviving relative does not', async () => {
    const w = await workflow(
      ankerWith((raw) => {
        raw.representation.authorisation = 'for-kinds';
      }),
    );
    const byRepresentative = await w.intake({ channel: 'email', ...OCCURRED, representative: representative('representative') });
    expect((await w.get(byRepresentative)).representative?.authorisation).toBe('required');
    await w.step(byRepresentative, 'acknowledge', {}, w.coordinator);
    expect((await w.get(byRepresentative)).status).toBe('awaiting-authorisation');
    await expectRuleViolation(w.step(byRepresentative, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator), 'art. 4 lid 1', /authorisation must arrive first/);
    await w.step(byRepresentative, 'authorisation', {}, w.coordinator);
    await expect(w.step(byRepresentative, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toBeTruthy();

    for (const kind of ['parent', 'surviving-relative']) {
      const reference = await w.intake({ channel: 'email', ...OCCURRED, representative: representative(kind) });
      expect((await w.get(reference)).representative).toMatchObject({ kind, authorisation: 'not-required' });
      await w.step(reference, 'acknowledge', {}, w.coordinator);
      await expect(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'assigned' } });
    }
    expect(await rejection(w.intake({ channel: 'email', representative: representative('neighbour') }))).toBeInstanceOf(InvalidInputError);
  });
});

// --- d. hearing ------------------------------------------------------------------------------------

describe('hearing rules with exceptions', () => {
  test("no ruling without the hearing (refused with the hearing's article); the hearing needs its report, which stays in the file", async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'record', { event: 'committee-advice' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'ruling', founded, w.director), 'art. 6 lid 2', /must be heard first .*waived, clearly-unfounded/);

    const noReport = await rejection(w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Gehoord.' }, w.coordinator));
    expect(noReport).toBeInstanceOf(InvalidInputError);
    expect((noReport as InvalidInputError).problems).toEqual([expect.objectContaining({ field: 'report', message: expect.stringContaining('art. 6 lid 2') })]);
    await w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Gehoord.', report: 'Verslag van het gesprek.' }, w.coordinator);
    expect((await file(w, reference)).timeline.find((e) => e.type === 'hearing-held')?.data).toMatchObject({ report: 'Verslag van het gesprek.' });
    await expect(w.step(reference, 'ruling', founded, w.director)).resolves.toMatchObject({ complaint: { status: 'ruled' } });
  });

  test('hearing only the person complained about is not hearing the complainant', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'record', { event: 'committee-advice' }, w.coordinator);
    await w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Medewerker gehoord.', report: 'Verslag.', heard: 'subject' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'ruling', founded, w.director), 'art. 6 lid 2');
    await w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Klaagster gehoord.', report: 'Verslag.' }, w.coordinator);
    await expect(w.step(reference, 'ruling', founded, w.director)).resolves.toBeTruthy();
  });

  test('an exception the regulation lists, recorded with its reason, lets the ruling go ahead; one it does not list is refused', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'record', { event: 'committee-advice' }, w.coordinator);
    await expectRuleViolation(
      w.step(reference, 'hearing-dispensed', { exception: 'no-reply', reason: 'Geen reactie op twee uitnodigingen.' }, w.coordinator),
      'art. 6 lid 2',
      /only when: waived, clearly-unfounded/,
    );
    expect(await rejection(w.step(reference, 'hearing-dispensed', { exception: 'waived' }, w.coordinator))).toBeInstanceOf(InvalidInputError);
    const { event } = await w.step(reference, 'hearing-dispensed', { exception: 'waived', reason: 'Klaagster ziet af van een gesprek (e-mail van 3 maart).' }, w.coordinator);
    expect(event).toMatchObject({ type: 'hearing-dispensed', data: { exception: 'waived' }, reason: 'Klaagster ziet af van een gesprek (e-mail van 3 maart).', rule: 'art. 6 lid 2' });
    await expect(w.step(reference, 'ruling', founded, w.director)).resolves.toMatchObject({ complaint: { status: 'ruled' } });
  });

  test('both sides (the fixture with required: both): a joint hearing of both counts; hearing the complainant alone does not', async () => {
    const w = await workflow(
      ankerWith((raw) => {
        raw.investigation.hearing.required = 'both';
      }),
    );
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'record', { event: 'committee-advice' }, w.coordinator);
    await w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Klaagster gehoord.', report: 'Verslag.' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'ruling', founded, w.director), 'art. 6 lid 2', /both sides/);
    await w.step(reference, 'hearing', { heldOn: '2026-03-03', summary: 'Samen gehoord.', report: 'Verslag.', heard: 'both' }, w.coordinator);
    await expect(w.step(reference, 'ruling', founded, w.director)).resolves.toBeTruthy();
  });
});

// --- e. outcome contents ---------------------------------------------------------------------------

describe('what a decision must contain', () => {
  test('measures with a realisation date: a founded ruling without it is refused (Wkkgz art. 17 lid 2); the letter prints the date', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await heardAndAdvised(w, reference);
    const { measuresBy: _none, ...withoutDate } = founded;
    await expectRuleViolation(w.step(reference, 'ruling', withoutDate, w.director), 'Wkkgz art. 17 lid 2', /must give: measures-term/);
    const { complaint } = await w.step(reference, 'ruling', founded, w.director);
    expect(complaint.decision).toMatchObject({ outcome: 'founded', measuresBy: '2026-05-29' });
    const letter = await letterText(w, reference, 'ruling');
    expect(letter).toContain('De maatregelen worden uiterlijk vrijdag 29 mei 2026 gerealiseerd.');
  });

  test('an unfounded ruling needs no date for measures', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await heardAndAdvised(w, reference);
    await expect(w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Niet gebleken.', advice: { followed: true } }, w.director)).resolves.toMatchObject({ complaint: { status: 'ruled' } });
    expect(await letterText(w, reference, 'ruling')).not.toContain('De maatregelen worden');
  });

  test('advice: the decision says whether it follows the advice, a deviation gives its reasons, and the letter says so and encloses the advice', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Gehoord.', report: 'Verslag.' }, w.coordinator);
    // The advice comes first, then the board's term of four weeks runs.
    await expectRuleViolation(w.step(reference, 'ruling', founded, w.director), 'art. 7 lid 1', /advice of the committee must be recorded first/);
    await w.step(reference, 'record', { event: 'committee-advice' }, w.coordinator);
    expect((await w.get(reference)).milestones.find((m) => m.milestoneId === 'decision-after-advice')).toMatchObject({ due: '2026-03-30', responsibleRole: 'board', status: 'open' });

    const { advice: _a, ...noAdvice } = founded;
    const missing = await rejection(w.step(reference, 'ruling', noAdvice, w.director));
    expect((missing as InvalidInputError).problems).toEqual([expect.objectContaining({ field: 'advice' })]);
    const unreasoned = await rejection(w.step(reference, 'ruling', { ...founded, advice: { followed: false } }, w.director));
    expect((unreasoned as InvalidInputError).problems).toEqual([expect.objectContaining({ field: 'advice.deviation', message: expect.stringContaining('art. 7 lid 1') })]);

    const deviation = 'De commissie adviseerde ongegrond, maar het dossier toont twee verzette afspraken.';
    const { complaint } = await w.step(reference, 'ruling', { ...founded, advice: { followed: false, deviation } }, w.director);
    expect(complaint.decision?.advice).toEqual({ followed: false, deviation });
    expect(complaint.milestones.find((m) => m.milestoneId === 'decision-after-advice')?.status).toBe('met');
    const letter = await letterText(w, reference, 'ruling');
    expect(letter).toContain('klachtencommissie');
    expect(letter).toContain(deviation);
    expect(letter).toMatch(/Bijlagen:\n- Advies van de klachtencommissie/);
  });

  test('advice followed: the letter says the decision follows the advice', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await heardAndAdvised(w, reference);
    await w.step(reference, 'ruling', founded, w.director);
    const letter = await letterText(w, reference, 'ruling');
    expect(letter).toContain('Deze beslissing volgt het advies van de klachtencommissie.');
    expect(letter).toMatch(/Bijlagen:\n- Advies van de klachtencommissie/);
  });

  test('the outcome discussed in a meeting on request is confirmed in writing, with the outcome and the date of the measures', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await heardAndAdvised(w, reference);
    await w.step(reference, 'ruling', founded, w.director);
    await w.step(reference, 'record', { event: 'outcome-discussed', note: 'Besproken op 16 maart.' }, w.coordinator);
    const letter = await letterText(w, reference, 'outcome-confirmation');
    expect(letter).toContain('Uitkomst: gegrond');
    expect(letter).toContain('vrijdag 29 mei 2026');
    expect(letter).toContain('Deze brief volgt uit art. 8 lid 2 van de klachtenregeling.');
  });

  test('the complainant signs off too: recorded by whoever handles the complaint, and the file closes only with both signatures', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await heardAndAdvised(w, reference);
    await w.step(reference, 'ruling', founded, w.director);
    await w.step(reference, 'reaction', { satisfied: true }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'close', {}, w.coordinator), 'art. 10', /signed off by: board, complainant/);
    await expectRuleViolation(w.step(reference, 'sign-off', { role: 'complainant' }, w.director), 'art. 10', /do not hold the role "complainant"/);
    await w.step(reference, 'sign-off', { role: 'complainant' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'close', {}, w.coordinator), 'art. 10', /signed off by: board$/);
    await w.step(reference, 'sign-off', { role: 'board' }, w.director);
    await expect(w.step(reference, 'close', {}, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'closed' } });
  });

  test('withdrawal until the hearing, afterwards only with consent', async () => {
    const w = await workflow(ANKER);
    const early = await w.submit(OCCURRED);
    await expect(w.step(early, 'withdraw', { reason: 'Opgelost.' }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'withdrawn' } });

    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Gehoord.', report: 'Verslag.' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'withdraw', { reason: 'Toch niet.' }, w.coordinator), 'art. 9 lid 1', /needs the organisation's consent/);
    const { event } = await w.step(reference, 'withdraw', { reason: 'Toch niet.', consent: true }, w.coordinator);
    expect(event).toMatchObject({ type: 'withdrawn', data: { consent: true, decision: { outcome: 'withdrawn' } }, rule: 'art. 9 lid 1' });
  });

  test('withdrawal "never" after the hearing: refused even with consent', async () => {
    const w = await workflow(
      ankerWith((raw) => {
        raw.withdrawal.afterwards = 'never';
      }),
    );
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'hearing', { heldOn: '2026-03-02', summary: 'Gehoord.', report: 'Verslag.' }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'withdraw', { consent: true }, w.coordinator), 'art. 9 lid 1', /can no longer be withdrawn/);
  });
});

// --- f. citations ----------------------------------------------------------------------------------

describe('citations that name their source', () => {
  test("a statute's rule is cited as the statute; the regulation's own by its article", async () => {
    expect(citationRef({ article: 'art. 9:12', source: 'Awb' })).toBe('Awb art. 9:12');
    expect(citationRef({ article: 'art. 17 lid 2', source: 'Wkkgz' })).toBe('Wkkgz art. 17 lid 2');
    expect(citationRef({ article: 'Outcome letter', source: 'Wkkgz art. 17 lid 2' })).toBe('Wkkgz art. 17 lid 2');
    expect(citationRef({ article: 'art. 5 lid 2' })).toBe('art. 5 lid 2');
    const w = await workflow(ANKER);
    expect(formatRule(w.regulation, 'art. 17 lid 2')).toEqual({ text: 'Wkkgz art. 17 lid 2', statute: true });
    expect(formatRule(w.regulation, 'art. 18 lid 1')).toEqual({ text: 'Wkkgz art. 18 lid 1', statute: true });
    expect(formatRule(w.regulation, 'art. 8 lid 1')).toEqual({ text: 'art. 8 lid 1', statute: false });
  });

  test('letters end with the statute ("Deze brief volgt uit Wkkgz art. 17 lid 2."), or with the article "van de klachtenregeling"; in English too', async () => {
    const w = await workflow(ANKER);
    const foundedRef = await w.submit(OCCURRED);
    await heardAndAdvised(w, foundedRef);
    await w.step(foundedRef, 'ruling', founded, w.director);
    const statute = await letterText(w, foundedRef, 'ruling');
    expect(statute).toMatch(/Deze brief volgt uit Wkkgz art\. 17 lid 2\.$/);
    expect(statute).not.toContain('van de klachtenregeling');
    // The tier from the statute is cited as the statute inside the letter as well.
    expect(statute).toContain('(Wkkgz art. 18 lid 1)');

    const unfoundedRef = await w.submit({ ...OCCURRED, complainant: { name: 'Sam Jones', email: 'sam@example.com', language: 'en' } });
    await heardAndAdvised(w, unfoundedRef);
    await w.step(unfoundedRef, 'ruling', { outcome: 'unfounded', reasoning: 'Not shown.', advice: { followed: true } }, w.director);
    expect(await letterText(w, unfoundedRef, 'ruling')).toMatch(/This letter follows from art\. 8 lid 1 of the complaints procedure\.$/);
    const englishFounded = await w.submit({ ...OCCURRED, complainant: { name: 'Sam Jones', email: 'sam@example.com', language: 'en' } });
    await heardAndAdvised(w, englishFounded);
    await w.step(englishFounded, 'ruling', founded, w.director);
    expect(await letterText(w, englishFounded, 'ruling')).toMatch(/This letter follows from Wkkgz art\. 17 lid 2\.$/);
  });

  test('refusals cite the statute too: a ground from a statute, in the refusal and in the proposal', async () => {
    const w = await workflow(
      ankerWith((raw) => {
        raw.admissibility.grounds.find((g: { id: string }) => g.id === 'too-late').citation = { article: 'art. 9:8 lid 1 onder b', source: 'Awb' };
      }),
    );
    const reference = await w.submit(OCCURRED);
    await expectRuleViolation(w.step(reference, 'not-admissible', { ground: 'too-late' }, w.coordinator), 'Awb art. 9:8 lid 1 onder b');
    const old = await w.submit({ occurredOn: '2024-11-15' });
    expect(await proposed(w, old)).toEqual([['too-late', 'Awb art. 9:8 lid 1 onder b']]);
  });
});

// --- g. external tiers in the letters --------------------------------------------------------------

describe('external tiers in the letters', () => {
  async function ruledOn(at: string, lang: 'nl' | 'en' = 'nl'): Promise<{ w: Workflow; reference: string; letter: string }> {
    const w = await workflow(ANKER);
    const reference = await w.submit({ ...OCCURRED, complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', language: lang } });
    await heardAndAdvised(w, reference);
    w.at(at);
    await w.step(reference, 'ruling', founded, w.director);
    // Amounts are written with a no-break space after the currency sign.
    return { w, reference, letter: (await letterText(w, reference, 'ruling')).replace(/\u00a0/g, ' ') };
  }

  test('the ruling letter names the tiers open after the answer, in order, how to reach them and the date the filing window closes', async () => {
    // Ruling Sat 11 April 2026: + 3 months = Sat 11 July, moved to Mon 13 July (end-day rule); later than receipt + 4 months (Thu 2 July).
    const { letter } = await ruledOn('2026-04-11T10:00:00+02:00');
    const desk = letter.indexOf('Bent u niet tevreden, dan kunt u zich wenden tot Klachtenloket Thuiszorg (fictief) (https://www.klachtenloket-thuiszorg.example).');
    const committee = letter.indexOf('Ook kunt u zich wenden tot Geschillencommissie Thuiszorg (fictief) (https://www.geschillen-thuiszorg.example, info@geschillen-thuiszorg.example).');
    expect(desk).toBeGreaterThan(0);
    expect(committee).toBeGreaterThan(desk);
    expect(letter).toContain('Dat kan tot en met maandag 13 juli 2026 (art. 11 lid 2).');
    expect(letter).not.toContain('of later');
    expect(letter).toContain('De kosten zijn € 52,50, die u terugkrijgt als u in het gelijk wordt gesteld.');
    expect(letter).toContain('Er kan ten hoogste € 25.000 worden toegekend.');
    expect(letter).toContain('Daar zijn geen kosten aan verbonden.');
    // The court comes after the committee: not offered yet.
    expect(letter).not.toContain('burgerlijke rechter');
  });

  test('"whichever is later": a ruling early in the term leaves the window open until four months after the complaint', async () => {
    // Ruling Fri 27 March 2026: + 3 months = Sat 27 June -> Mon 29 June; receipt + 4 months = Thu 2 July 2026, later.
    const { letter } = await ruledOn('2026-03-27T10:00:00+01:00');
    expect(letter).toContain('Dat kan tot en met donderdag 2 juli 2026 (art. 11 lid 2).');
  });

  test('in English, with the date as English letters write it', async () => {
    const { letter } = await ruledOn('2026-04-11T10:00:00+02:00', 'en');
    expect(letter).toContain('If you are not satisfied, you can turn to Klachtenloket Thuiszorg (fictief)');
    expect(letter).toContain('You can do so until Monday 13 July 2026 inclusive (art. 11 lid 2).');
  });

  test('the referral step names the first open tier by default; a tier after the previous one, or an unknown one, is refused', async () => {
    const { w, reference } = await ruledOn('2026-04-11T10:00:00+02:00');
    expect(((await rejection(w.step(reference, 'external-referral', { tier: 'civil-court' }, w.coordinator))) as InvalidInputError).problems).toEqual([
      expect.objectContaining({
        field: 'tier',
        code: 'invalid_value',
        params: { tiers: ['complaints-desk', 'disputes-committee'] },
        message: 'must be a tier open to this complaint now: complaints-desk, disputes-committee',
      }),
    ]);
    const { event } = await w.step(reference, 'external-referral', { tier: 'disputes-committee' }, w.coordinator);
    // The event keeps the rule as people read it: the tier comes from the Wkkgz.
    expect(event).toMatchObject({ type: 'external-referral-given', data: { body: 'Geschillencommissie Thuiszorg (fictief)', tier: 'disputes-committee' }, rule: 'Wkkgz art. 18 lid 1' });
    const letter = await letterText(w, reference, 'external-referral');
    expect(letter).toContain('Geschillencommissie Thuiszorg (fictief)');
  });

  test('a missed handling term opens the disputes committee directly: the complainant is told where to go now and until when (provisional while no decision came)', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    // The acknowledgement (due Mon 9 March) missed: escalated, but no tier opens for it.
    expect(await fire(w, reference, 'acknowledgement', 'check', '2026-03-10T00:00:05+01:00')).toBe('escalated');
    expect(queued(w, reference).map((l) => l.id)).not.toContain('missed-term');

    expect(await fire(w, reference, 'handling', 'check', '2026-04-14T00:00:05+02:00')).toBe('escalated');
    const missed = queued(w, reference).filter((l) => l.id === 'missed-term');
    expect(missed.map((l) => [l.to, l.eventType])).toEqual([['sanne@example.com', 'deadline-missed']]);
    const letter = await letterText(w, reference, 'missed-term');
    expect(letter).toContain('De termijn waarbinnen wij op uw klacht moesten reageren is verstreken. U kunt daarom rechtstreeks terecht bij Geschillencommissie Thuiszorg (fictief)');
    expect(letter).toContain('Dat kan tot en met donderdag 2 juli 2026 (of later, als dat uit de regeling volgt) (art. 11 lid 2).');
    expect(letter).not.toContain('Klachtenloket');
    expect(letter).toContain('Deze brief volgt uit art. 5 lid 3 van de klachtenregeling.');

    const sent = await drain(w);
    expect(sent.filter((m) => m.to === 'sanne@example.com' && m.subject.startsWith('De termijn voor uw klacht is verstreken'))).toHaveLength(1);
  });

  test("the complainant is told once: a later missed term (the board's term after the advice) does not repeat the letter", async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    expect(await fire(w, reference, 'handling', 'check', '2026-04-14T00:00:05+02:00')).toBe('escalated');
    w.at('2026-04-15T10:00:00+02:00');
    await w.step(reference, 'record', { event: 'committee-advice' }, w.coordinator);
    // Four weeks after Wed 15 April: Wed 13 May 2026.
    expect((await w.get(reference)).milestones.find((m) => m.milestoneId === 'decision-after-advice')?.due).toBe('2026-05-13');
    expect(await fire(w, reference, 'decision-after-advice', 'check', '2026-05-14T00:00:05+02:00')).toBe('escalated');
    expect(
      queued(w, reference)
        .filter((l) => l.id === 'missed-term')
        .map((l) => l.citation),
    ).toEqual(['art. 5 lid 3']);
  });
});

// --- h. a tier in full -----------------------------------------------------------------------------

/** A complaint under `reg`, heard, advised and ruled founded at `at`, in `lang`. */
async function ruledUnder(reg: Regulation, at: string, lang: 'nl' | 'en' = 'nl'): Promise<{ w: Workflow; reference: string; letter: string }> {
  const w = await workflow(reg);
  const reference = await w.submit({ ...OCCURRED, complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', language: lang } });
  await heardAndAdvised(w, reference);
  w.at(at);
  await w.step(reference, 'ruling', founded, w.director);
  return { w, reference, letter: (await letterText(w, reference, 'ruling')).replace(/\u00a0/g, ' ') };
}

/** The paragraph of a letter that names `body`. */
const paragraphOn = (letter: string, body: string) => letter.split('\n\n').find((p) => p.includes(body)) ?? '';

describe('a tier in full: when it may be used directly, whose agreement it takes, its window kept', () => {
  test("the special circumstances the file names are printed in the tier's paragraph, in its words", async () => {
    const reg = ankerWith((raw) => {
      raw.external.tiers[1].opens.specialCircumstances = { nl: 'ook als de zorg acuut tekortschiet', en: 'also when the care falls short acutely' };
    });
    const nl = await ruledUnder(reg, '2026-04-11T10:00:00+02:00');
    expect(paragraphOn(nl.letter, 'Geschillencommissie Thuiszorg')).toContain(
      '(https://www.geschillen-thuiszorg.example, info@geschillen-thuiszorg.example). Dat kan ook als de zorg acuut tekortschiet. Dat kan tot en met maandag 13 juli 2026',
    );
    const en = await ruledUnder(reg, '2026-04-11T10:00:00+02:00', 'en');
    expect(paragraphOn(en.letter, 'Geschillencommissie Thuiszorg')).toContain('You can go there also when the care falls short acutely. You can do so until Monday 13 July 2026');
    // A tier without them says nothing of the kind.
    expect(paragraphOn(nl.letter, 'Klachtenloket Thuiszorg')).not.toContain('Dat kan ook');
  });

  test('whose agreement a tier takes at that time is said before the fallback: both parties, or only the complainant', async () => {
    const fallback = { nl: 'Stemmen wij niet in, dan kunt u naar de rechter.', en: 'If we do not agree, you can go to court.' };
    const both = ankerWith((raw) => {
      raw.external.tiers[1].consent = { required: 'both-parties', fallback };
    });
    const nl = await ruledUnder(both, '2026-04-11T10:00:00+02:00');
    expect(paragraphOn(nl.letter, 'Geschillencommissie Thuiszorg')).toContain(
      'De uitspraak is bindend. Er kan ten hoogste € 25.000 worden toegekend. Beide partijen moeten er op dat moment mee instemmen. Stemmen wij niet in, dan kunt u naar de rechter. (Wkkgz art. 18 lid 1)',
    );
    const en = await ruledUnder(both, '2026-04-11T10:00:00+02:00', 'en');
    expect(paragraphOn(en.letter, 'Geschillencommissie Thuiszorg')).toContain('Both parties must agree to it at that time. If we do not agree, you can go to court. (Wkkgz art. 18 lid 1)');

    const complainantOnly = ankerWith((raw) => {
      raw.external.tiers[1].consent = { required: 'organisation-bound-by-complainant' };
    });
    const bound = await ruledUnder(complainantOnly, '2026-04-11T10:00:00+02:00');
    expect(paragraphOn(bound.letter, 'Geschillencommissie Thuiszorg')).toContain('Er kan ten hoogste € 25.000 worden toegekend. Daarvoor hoeft alleen u in te stemmen. (Wkkgz art. 18 lid 1)');
  });

  test("a referral after the filing window closed is refused with the window's article; on its last day it is given; a tier without a window stays open", async () => {
    const w = await workflow(ANKER);
    const [onTime, late] = [await w.submit(OCCURRED), await w.submit(OCCURRED)];
    for (const reference of [onTime, late]) await heardAndAdvised(w, reference);
    // Ruled Sat 11 April 2026: the window to the committee closes Mon 13 July 2026.
    w.at('2026-04-11T10:00:00+02:00');
    for (const reference of [onTime, late]) await w.step(reference, 'ruling', founded, w.director);
    w.at('2026-07-13T16:00:00+02:00');
    await expect(w.step(onTime, 'external-referral', { tier: 'disputes-committee' }, w.coordinator)).resolves.toMatchObject({ event: { data: { tier: 'disputes-committee' } } });
    w.at('2026-07-14T09:00:00+02:00');
    await expectRuleViolation(
      w.step(late, 'external-referral', { tier: 'disputes-committee' }, w.coordinator),
      'art. 11 lid 2',
      /^the window to go to Geschillencommissie Thuiszorg \(fictief\) closed on 2026-07-13$/,
    );
    expect(await w.eventTypes(late)).not.toContain('external-referral-given');
    await expect(w.step(late, 'external-referral', { tier: 'complaints-desk' }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'referred-externally' } });
  });

  test('a window held open (the time limit waived) takes a referral after its date, and the letter says no time limit applies', async () => {
    const reg = ankerWith((raw) => {
      raw.events.push({ id: 'time-limit-waived', label: { nl: 'termijn buiten toepassing gelaten', en: 'time limit waived' }, citation: { article: 'art. 11 lid 4' } });
      raw.windows.find((x: { id: string }) => x.id === 'disputes-filing').heldOpenBy = ['time-limit-waived'];
    });
    const { w, reference } = await ruledUnder(reg, '2026-04-11T10:00:00+02:00');
    w.at('2026-08-03T10:00:00+02:00');
    await expectRuleViolation(w.step(reference, 'external-referral', { tier: 'disputes-committee' }, w.coordinator), 'art. 11 lid 2', /closed on 2026-07-13/);
    await w.step(reference, 'record', { event: 'time-limit-waived' }, w.coordinator);
    await expect(w.step(reference, 'external-referral', { tier: 'disputes-committee' }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'referred-externally' } });
    expect(paragraphOn(await letterText(w, reference, 'external-referral'), 'Geschillencommissie Thuiszorg')).toContain('Daarvoor geldt geen termijn.');
  });

  test('a direct referral while the complaint is open: possible (and offered) once the missed term opens the committee directly, to that tier only', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
    // Before the term is missed: not offered, and refused as a step the complaint's state does not allow.
    expect((await file(w, reference)).availableSteps).not.toContain('external-referral');
    const early = await rejection(w.step(reference, 'external-referral', { tier: 'disputes-committee' }, w.coordinator));
    expect(early).toBeInstanceOf(ConflictError);
    expect(early.message).toBe('"external-referral" is not possible while the complaint is assigned: no external stage is open to it directly');

    expect(await fire(w, reference, 'handling', 'check', '2026-04-14T00:00:05+02:00')).toBe('escalated');
    expect((await w.get(reference)).status).toBe('assigned');
    expect((await file(w, reference)).availableSteps).toContain('external-referral');
    // The complaints desk waits for an answer; only the committee is open directly.
    expect(((await rejection(w.step(reference, 'external-referral', { tier: 'complaints-desk' }, w.coordinator))) as InvalidInputError).problems).toEqual([
      expect.objectContaining({ field: 'tier', message: 'must be a tier open to this complaint now: disputes-committee' }),
    ]);
    w.at('2026-04-15T10:00:00+02:00');
    const { event, complaint } = await w.step(reference, 'external-referral', {}, w.coordinator);
    expect(event).toMatchObject({ type: 'external-referral-given', data: { body: 'Geschillencommissie Thuiszorg (fictief)', tier: 'disputes-committee' }, rule: 'Wkkgz art. 18 lid 1' });
    expect(complaint.status).toBe('referred-externally');
    // The letter names the committee as open directly, with its (provisional) last day; not the desk, which needs an answer.
    const letter = await letterText(w, reference, 'external-referral');
    expect(letter).toContain('U kunt zich rechtstreeks wenden tot Geschillencommissie Thuiszorg (fictief) (https://www.geschillen-thuiszorg.example, info@geschillen-thuiszorg.example).');
    expect(letter).toContain('Dat kan tot en met donderdag 2 juli 2026 (of later, als dat uit de regeling volgt) (art. 11 lid 2).');
    expect(letter).not.toContain('Klachtenloket');
  });
});

// --- i. letters in order and in context ------------------------------------------------------------

describe('letters that say what the file says, in order and in context', () => {
  test("the refusal letter prints the referral's address the ground gives, and the reason first, then the referral, then the tiers", async () => {
    const w = await workflow(
      ankerWith((raw) => {
        raw.admissibility.grounds.find((g: { id: string }) => g.id === 'invoices').referral.url = 'https://www.anker.example/facturen';
      }),
    );
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'classify', { categories: ['invoices'] }, w.coordinator);
    await w.step(reference, 'not-admissible', { ground: 'invoices' }, w.coordinator);
    const letter = await letterText(w, reference, 'not-taken-up');
    expect(letter).toContain('U kunt terecht bij: de financiële administratie van Thuiszorg Het Anker (https://www.anker.example/facturen)');
    const reason = letter.indexOf('Wij nemen uw klacht niet in behandeling');
    const referral = letter.indexOf('U kunt terecht bij');
    const desk = letter.indexOf('Klachtenloket Thuiszorg');
    expect(reason).toBeGreaterThan(0);
    expect(reason).toBeLessThan(referral);
    expect(referral).toBeLessThan(desk);

    const english = await w.submit({ ...OCCURRED, complainant: { name: 'Sam Jones', email: 'sam@example.com', language: 'en' } });
    await w.step(english, 'classify', { categories: ['invoices'] }, w.coordinator);
    await w.step(english, 'not-admissible', { ground: 'invoices' }, w.coordinator);
    expect(await letterText(w, english, 'not-taken-up')).toContain('You can go to: the finance department of Thuiszorg Het Anker (https://www.anker.example/facturen)');
  });

  test('the hearing invitation on the complaint invites to explain the complaint; with an objection it speaks of the objection', async () => {
    const invitation = { id: 'hearing-invitation', to: ['complainant'], from: 'coordinator', trigger: 'assigned', contents: ['hearing-invitation'], citation: { article: 'art. 6 lid 2' } };
    const w = await workflow(
      ankerWith((raw) => {
        raw.notices.push(invitation);
      }),
    );
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
    const letter = await letterText(w, reference, 'hearing-invitation');
    expect(letter).toContain('Wij nodigen u uit om uw klacht mondeling toe te lichten; wij nemen contact met u op voor een afspraak. (art. 6 lid 2)');
    expect(letter).not.toMatch(/bezwaar/);
    const english = await w.submit({ ...OCCURRED, complainant: { name: 'Sam Jones', email: 'sam@example.com', language: 'en' } });
    await w.step(english, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
    expect(await letterText(w, english, 'hearing-invitation')).toContain('We invite you to explain your complaint in person; we will contact you to make an appointment.');

    // A hearing only on request: the complainant is told they may ask for one.
    const onRequest = await workflow(
      ankerWith((raw) => {
        raw.notices.push(invitation);
        raw.investigation.hearing.required = 'on-request';
      }),
    );
    const asked = await onRequest.submit(OCCURRED);
    await onRequest.step(asked, 'assign', { handler: handlerRef(onRequest.handler1) }, onRequest.coordinator);
    expect(await letterText(onRequest, asked, 'hearing-invitation')).toContain('Wilt u uw klacht mondeling toelichten, laat het ons dan weten; wij maken dan een afspraak met u.');

    // The demo's objection receipt: the invitation is to explain the objection.
    const demo = await workflow('demo');
    const objected = await demo.submit();
    await demo.step(objected, 'acknowledge', {}, demo.coordinator);
    await demo.step(objected, 'assign', { handler: handlerRef(demo.handler1) }, demo.coordinator);
    await demo.step(objected, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout gevonden.' }, demo.handler1);
    await demo.step(objected, 'objection', { text: 'Ik ben het er niet mee eens.' }, demo.coordinator);
    expect(await letterText(demo, objected, 'objection-receipt')).toContain('Wij hebben uw bezwaar ontvangen.');
  });

  test('a letter is read with the event that caused it: the delay notice gives the reason and the expected date', async () => {
    const w = await workflow(ANKER);
    const reference = await w.submit(OCCURRED);
    await w.step(reference, 'delay-notice', { reason: 'Wij wachten op het dossier van de huisarts.', expectedOn: '2026-04-24' }, w.coordinator);
    const letter = await letterText(w, reference, 'delay-notice');
    expect(letter).toContain('De behandeling van uw klacht loopt vertraging op.\nReden: Wij wachten op het dossier van de huisarts.\nWij verwachten u uiterlijk vrijdag 24 april 2026 te antwoorden.');
  });
});

// --- j. refusals and lookups that cite a statute as the statute --------------------------------------

describe("refusals cite the statute a rule comes from; the regulation's own articles stay its own", () => {
  /** Thuiszorg Het Anker with a handler assigned by the coordinator, and its role rules and representation taken from the Awb. */
  const awb = () =>
    ankerWith((raw) => {
      raw.roles.find((r: { id: string }) => r.id === 'coordinator').citation = { article: 'art. 9:4 lid 1', source: 'Awb' };
      raw.roles.push({ id: 'handler', label: { nl: 'Klachtbehandelaar', en: 'Complaint handler' }, assignment: 'per-complaint', citation: { article: 'art. 6 lid 1' } });
      raw.roleRules = [
        { rule: 'assigns', role: 'coordinator', assigns: 'handler', records: ['name', 'function'], citation: { article: 'art. 9:5', source: 'Awb' } },
        { rule: 'never-involved', role: 'handler', excludes: ['subject'], citation: { article: 'art. 9:7 lid 1', source: 'Awb' } },
      ];
      raw.representation.citation = { article: 'art. 9:3', source: 'Awb' };
    });

  test('role refusals ("is for: ..."), assignment and representation refusals', async () => {
    const w = await workflow(awb());
    const reference = await w.submit(OCCURRED);
    // The step's own rule (the assigns rule), or the article of the role that may take it.
    await expectRuleViolation(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.director), 'Awb art. 9:5', /"assign" is for: coordinator$/);
    await expectRuleViolation(w.step(reference, 'acknowledge', {}, w.director), 'Awb art. 9:4 lid 1', /"acknowledge" is for: coordinator$/);
    const missingFunction = await rejection(w.step(reference, 'assign', { handler: { email: w.handler1.email, name: 'Hans Behandelaar' } }, w.coordinator));
    expect((missingFunction as InvalidInputError).problems).toEqual([expect.objectContaining({ field: 'handler.function', message: expect.stringContaining('(Awb art. 9:5)') })]);
    await w.step(reference, 'involvement', { person: { email: w.handler1.email, name: 'Hans Behandelaar', involvement: 'subject' } }, w.coordinator);
    await expectRuleViolation(w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator), 'Awb art. 9:7 lid 1', /may not handle it/);
    // Representation: nothing outstanding, and not filed on someone's behalf.
    await expectRuleViolation(w.step(reference, 'authorisation', {}, w.coordinator), 'Awb art. 9:3', /no authorisation is outstanding/);
    await expectRuleViolation(w.step(reference, 'authorisation-request', {}, w.coordinator), 'Awb art. 9:3', /not filed on someone else's behalf/);
  });

  test("an article the regulation cites as its own is not mistaken for a statute's article of the same text", async () => {
    // The founded outcome from the Wkkgz under "art. 8 lid 1"; the unfounded one from the regulation's own art. 8 lid 1.
    const reg = ankerWith((raw) => {
      raw.outcomes.find((o: { id: string }) => o.id === 'founded').citation = { article: 'art. 8 lid 1', source: 'Wkkgz' };
    });
    expect(formatRule(reg, 'art. 8 lid 1')).toEqual({ text: 'art. 8 lid 1', statute: false });
    expect(formatRule(reg, 'Wkkgz art. 8 lid 1')).toEqual({ text: 'Wkkgz art. 8 lid 1', statute: true });
    expect(formatRule(reg, { article: 'art. 8 lid 1', source: 'Wkkgz' })).toEqual({ text: 'Wkkgz art. 8 lid 1', statute: true });
    expect(formatRule(reg, { article: 'art. 8 lid 1' })).toEqual({ text: 'art. 8 lid 1', statute: false });
    // An article only a statute's citation has is still the statute's.
    expect(formatRule(reg, 'art. 18 lid 1')).toEqual({ text: 'Wkkgz art. 18 lid 1', statute: true });

    const unfounded = await workflow(reg);
    const reference = await unfounded.submit(OCCURRED);
    await heardAndAdvised(unfounded, reference);
    await unfounded.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Niet gebleken.', advice: { followed: true } }, unfounded.director);
    expect(await letterText(unfounded, reference, 'ruling')).toMatch(/Deze brief volgt uit art\. 8 lid 1 van de klachtenregeling\.$/);
    const { letter } = await ruledUnder(reg, '2026-04-11T10:00:00+02:00');
    expect(letter).toMatch(/Deze brief volgt uit Wkkgz art\. 8 lid 1\.$/);
  });
});

// --- k. conditions with "any of" ---------------------------------------------------------------------

describe('conditions with "any of"', () => {
  const either = () =>
    ankerWith((raw) => {
      raw.admissibility.grounds.find((g: { id: string }) => g.id === 'invoices').when = { anyOf: [{ categories: ['invoices'] }, { complainants: ['group'] }] };
    });

  test('a ground holds when any alternative holds: proposed for either, refused for neither (the refusal names both)', async () => {
    const w = await workflow(either());
    const invoice = await w.submit({ ...OCCURRED, categories: ['invoices'] });
    expect(await proposed(w, invoice)).toEqual([['invoices', 'art. 3 lid 3']]);
    const group = await w.submit({ ...OCCURRED, complainantKind: 'group' });
    expect(await proposed(w, group)).toEqual([
      ['invoices', 'art. 3 lid 3'],
      ['group', 'art. 3 lid 1'],
    ]);
    const care = await w.submit({ ...OCCURRED, categories: ['care'] });
    expect(await proposed(w, care)).toEqual([]);
    await expectRuleViolation(w.step(care, 'not-admissible', { ground: 'invoices' }, w.coordinator), 'art. 3 lid 3', /\(it needs any of \(categories: invoices \| complainants: group\)\)$/);
    await expect(w.step(group, 'not-admissible', { ground: 'invoices' }, w.coordinator)).resolves.toMatchObject({ complaint: { status: 'not-admissible' } });
  });
});
