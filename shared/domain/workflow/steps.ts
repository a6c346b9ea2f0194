/**
 * The steps staff take on a complaint, each checked against the tenant's regulation: who may
 * take it (roles from the regulation, per complaint for the assigned handler), in which states,
 * and the rules it must keep (conflict of interest, authorisation, objection window, maximum
 * extension, outcome contents, sign-off). A step becomes one event; the event changes the view.
 * Refusals cite the rule.
 */
import * as z from '../zod.ts';
import { email, personName, text } from '../complaint/submission.ts';
import { addMonths, dueDate, fromDayNumber, localDateOf, toDayNumber, WorkingCalendar, type Period } from '../calendar/index.ts';
import type { Condition, Milestone, Regulation } from '../regulation/index.ts';
import { ConflictError, fieldProblem, InvalidInputError, RuleViolationError } from '../errors.ts';
import { both } from '../../texts/index.ts';
import type { ComplaintEventInput } from '../ports.ts';
import { FINAL_STATUSES, isLive, type ComplaintRecord, type ComplaintStatus, type MilestoneState } from '../complaint/model.ts';
import { allowedWithoutConsent, definitionOf, factsOf } from '../complaint/events.ts';
import { conditionHolds } from '../regulation/milestones.ts';
import { citationRef, ruleRef } from '../regulation/citation.ts';
import { nextTiers } from '../regulation/external-tiers.ts';
import { checkObjection } from '../complaint/objection-window.ts';
import { COMPLAINANT_ACTOR, type Actor } from './visibility.ts';
import { assignedRole, holdsRole, staffGroupFor } from './roles.ts';

// Who takes a step (visibility.ts, with who may see which complaint).
export { COMPLAINANT_ACTOR, type Actor };

const staffRef = z.strictObject({ email, name: personName, function: z.optional(text(200)) });
const reason = z.optional(text(2_000));
const decisionFields = {
  reasoning: z.optional(text(10_000)),
  remedies: z._default(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(20)), []),
  improvements: z.optional(text(5_000)),
  /** By when the measures the decision names will be carried out (Wkkgz art. 17, Wet kinderopvang). */
  measuresBy: z.optional(z.iso.date({ error: 'must be a date as YYYY-MM-DD' })),
};
const periodInput = z.strictObject({ unit: z.enum(['working-days', 'calendar-days', 'weeks', 'months', 'years']), amount: z.int().check(z.minimum(1), z.maximum(366)) });

interface StepContext<I> {
  regulation: Regulation;
  complaint: ComplaintRecord;
  input: I;
  actor: Actor;
  now: Date;
}

export interface StepDefinition<S extends z.ZodMiniType = z.ZodMiniType> {
  id: string;
  input: S;
  /** Statuses in which the step may be taken; 'open': any but a final one; 'any': always. */
  allowedIn: readonly ComplaintStatus[] | 'open' | 'any';
  /** The regulation roles that may take it (any one), with the rule that says so. */
  actors(regulation: Regulation): { roles: string[]; rule?: string };
  /**
   * Rules of the complaint's state beyond its status, whatever the input (an authorisation still
   * outstanding, the hearing not held): throws citing the rule. The steps offered (availableSteps)
   * leave out a step whose precondition fails, so the console offers what the API would accept.
   */
  precondition?(context: Omit<StepContext<unknown>, 'input'>): void;
  /** Rules about the input (after the precondition); throws RuleViolationError citing the rule. */
  check?(context: StepContext<z.infer<S>>): void;
  /** Beyond the status: is the step possible for this complaint now (for the list of steps offered; check enforces it)? */
  availableWhen?(regulation: Regulation, complaint: ComplaintRecord): boolean;
  event(context: StepContext<z.infer<S>>): Omit<ComplaintEventInput, 'at' | 'actor'>;
}

function step<S extends z.ZodMiniType>(definition: StepDefinition<S>): StepDefinition<S> {
  return definition;
}

// --- who may act --------------------------------------------------------------------------------

// staffGroupFor, assignedRole, holdsRole: roles.ts (the measures register uses them without the steps).
export { holdsRole, staffGroupFor };

const coordinatorAnd = (...roles: Array<string | undefined>) => ({ roles: ['coordinator', ...roles.filter((r): r is string => Boolean(r))] });

function investigators(regulation: Regulation) {
  const rule = ruleRef(regulation.investigation?.citation);
  return { ...coordinatorAnd(regulation.investigation?.by, assignedRole(regulation)), ...(rule ? { rule } : {}) };
}

function deciders(regulation: Regulation) {
  const decidedBy = regulation.resolution?.decidedBy ?? regulation.investigation?.by ?? 'coordinator';
  const rule = ruleRef((regulation.resolution ?? regulation.investigation)?.citation);
  return { roles: [decidedBy], ...(rule ? { rule } : {}) };
}

/** While the complaint is still open, a referral goes only to a tier open to it directly. */
const DIRECT_REFERRAL_STATUSES: readonly ComplaintStatus[] = ['registered', 'acknowledged', 'assigned', 'investigating', 'awaiting-authorisation'];

// --- the steps ----------------------------------------------------------------------------------

export const STEPS = {
  acknowledge: step({
    id: 'acknowledge',
    input: z.strictObject({ reason }),
    allowedIn: ['registered'],
    actors: () => coordinatorAnd(),
    event: ({ input }) => ({ type: 'acknowledged', ...(input.reason ? { reason: input.reason } : {}) }),
  }),

  authorisation: step({
    id: 'authorisation',
    /** `attachment`: the file that is the signed authorisation (sent by the complainant or uploaded by staff, scanned clean). */
    input: z.strictObject({ reason, attachment: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) }),
    allowedIn: 'open',
    actors: () => coordinatorAnd(),
    precondition: ({ complaint, regulation }) => {
      if (complaint.representative?.authorisation !== 'required') {
        throw new RuleViolationError({ key: 'error.rule.noAuthorisationOutstanding' }, ruleRef(regulation.representation?.citation));
      }
    },
    event: ({ input, regulation }) => ({
      type: 'authorisation-received',
      rule: ruleRef(regulation.representation?.citation),
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.attachment ? { data: { attachment: input.attachment } } : {}),
    }),
  }),

  'authorisation-request': step({
    id: 'authorisation-request',
    input: z.strictObject({ reason }),
    allowedIn: 'open',
    actors: () => coordinatorAnd(),
    precondition: ({ complaint, regulation }) => {
      const representation = regulation.representation;
      if (representation?.authorisation !== 'on-request') {
        throw new RuleViolationError({ key: 'error.rule.noAuthorisationRequest' }, ruleRef(representation?.citation));
      }
      if (!complaint.representative) throw new RuleViolationError({ key: 'error.rule.notOnBehalf' }, citationRef(representation.citation));
      if (complaint.representative.authorisation !== 'not-required')
        throw new ConflictError({ key: complaint.representative.authorisation === 'required' ? 'error.conflict.authorisationAskedAlready' : 'error.conflict.authorisationReceivedAlready' });
    },
    event: ({ input, regulation }) => ({ type: 'authorisation-requested', rule: ruleRef(regulation.representation?.citation), ...(input.reason ? { reason: input.reason } : {}) }),
  }),

  classify: step({
    id: 'classify',
    input: z.strictObject({
      categories: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(20)),
      /** Who complains (a kind of scope.complainants: a client, a group, anonymous), where the regulation distinguishes them. */
      complainant: z.optional(z.string().check(z.maxLength(64))),
    }),
    allowedIn: 'open',
    actors: (regulation) => coordinatorAnd(...regulation.categorySchemes.map((s) => s.classifiedBy)),
    check: ({ regulation, input }) => {
      if (input.complainant !== undefined && !regulation.scope.complainants.some((c) => c.id === input.complainant)) {
        throw new InvalidInputError([fieldProblem('complainant', 'invalid_value', { values: regulation.scope.complainants.map((c) => c.id) })]);
      }
      const known = new Set(regulation.categorySchemes.flatMap((s) => s.categories.map((c) => c.id)));
      const unknown = input.categories.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
      if (unknown.length) throw new InvalidInputError(unknown.map(({ id, i }) => fieldProblem(`categories.${i}`, 'unknown_value', { value: id }, 'error.field.unknownCategoryId')));
      for (const scheme of regulation.categorySchemes) {
        const inScheme = input.categories.filter((id) => scheme.categories.some((c) => c.id === id));
        if (!scheme.multiple && inScheme.length > 1) throw new RuleViolationError({ key: 'error.rule.oneCategory', params: { scheme: scheme.id } }, citationRef(scheme.citation));
        if (scheme.required && inScheme.length === 0) throw new RuleViolationError({ key: 'error.rule.categoryRequired', params: { scheme: scheme.id } }, citationRef(scheme.citation));
      }
    },
    event: ({ input, regulation }) => ({
      type: 'classified',
      data: { categories: input.categories, ...(input.complainant ? { complainant: input.complainant } : {}) },
      rule: ruleRef(regulation.categorySchemes[0]?.citation),
    }),
  }),

  involvement: step({
    id: 'involvement',
    input: z.strictObject({ person: z.extend(staffRef, { involvement: z.enum(['subject', 'service-provider']) }) }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    event: ({ input }) => ({ type: 'involvement-recorded', data: { person: input.person } }),
  }),

  assign: step({
    id: 'assign',
    input: z.strictObject({ handler: staffRef, reason }),
    allowedIn: ['registered', 'acknowledged', 'awaiting-authorisation', 'assigned', 'investigating'],
    actors: (regulation) => {
      const rule = regulation.roleRules.find((r) => r.rule === 'assigns');
      return { roles: [rule?.role ?? 'coordinator'], ...(rule ? { rule: citationRef(rule.citation) } : {}) };
    },
    precondition: ({ regulation, complaint }) => {
      if (complaint.representative?.authorisation === 'required' && regulation.representation?.authorisationRequired) {
        throw new RuleViolationError({ key: 'error.rule.authorisationFirst' }, citationRef(regulation.representation.citation));
      }
    },
    check: ({ regulation, complaint, input }) => {
      const involved = complaint.involved.find((p) => p.email.toLowerCase() === input.handler.email.toLowerCase());
      const target = assignedRole(regulation) ?? 'handler';
      const conflict = regulation.roleRules.find((r) => r.rule === 'never-involved' && (r.role === target || r.role === 'handler'));
      if (involved && (conflict?.rule !== 'never-involved' || conflict.excludes.includes(involved.involvement))) {
        throw new RuleViolationError(
          { key: involved.involvement === 'subject' ? 'error.rule.handlerIsSubject' : 'error.rule.handlerIsProvider', params: { name: input.handler.name } },
          ruleRef(conflict?.citation),
        );
      }
      const assigns = regulation.roleRules.find((r) => r.rule === 'assigns');
      if (assigns?.rule === 'assigns' && assigns.records.includes('function') && !input.handler.function) {
        throw new InvalidInputError([fieldProblem('handler.function', 'required', { rule: citationRef(assigns.citation) }, 'error.field.handlerFunctionRequired')]);
      }
    },
    event: ({ input, regulation }) => ({
      type: 'assigned',
      data: { handler: input.handler },
      rule: ruleRef(regulation.roleRules.find((r) => r.rule === 'assigns')?.citation),
      ...(input.reason ? { reason: input.reason } : {}),
    }),
  }),

  contact: step({
    id: 'contact',
    input: z.strictObject({ via: z.enum(['phone', 'in-person', 'written', 'email']), summary: text(5_000) }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    event: ({ input, regulation }) => ({ type: 'contacted', data: { via: input.via, summary: input.summary }, rule: ruleRef(regulation.investigation?.citation) }),
  }),

  'subject-statement': step({
    id: 'subject-statement',
    input: z.strictObject({ staffEmail: email, statement: text(10_000), agreedToRecord: z.boolean() }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    check: ({ regulation, input }) => {
      if (regulation.investigation?.subjectStatement?.agreedBySubject && !input.agreedToRecord) {
        throw new RuleViolationError({ key: 'error.rule.recordAgreement' }, citationRef(regulation.investigation.citation));
      }
    },
    event: ({ input, regulation }) => ({ type: 'subject-heard', data: { ...input }, rule: ruleRef(regulation.investigation?.citation) }),
  }),

  hearing: step({
    id: 'hearing',
    input: z.strictObject({
      heldOn: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }),
      summary: text(10_000),
      /** The report (verslag) of the hearing, for the file. */
      report: z.optional(text(50_000)),
      /** Who was heard: the complainant, the person complained about, or both together. */
      heard: z._default(z.enum(['complainant', 'subject', 'both']), 'complainant'),
    }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    check: ({ regulation, input }) => {
      const hearing = regulation.investigation?.hearing;
      if (hearing?.report && !input.report) throw new InvalidInputError([fieldProblem('report', 'required', { rule: citationRef(hearing.citation) }, 'error.field.hearingReportRequired')]);
    },
    event: ({ input, regulation }) => ({ type: 'hearing-held', data: { ...input }, rule: ruleRef(regulation.investigation?.hearing?.citation) ?? ruleRef(regulation.investigation?.citation) }),
  }),

  'hearing-dispensed': step({
    id: 'hearing-dispensed',
    input: z.strictObject({ exception: z.enum(['waived', 'clearly-unfounded', 'no-reply']), reason: text(2_000) }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    precondition: ({ regulation }) => {
      const hearing = regulation.investigation?.hearing;
      if (!hearing || hearing.required === 'on-request') throw new RuleViolationError({ key: 'error.rule.noHearingToDispense' }, hearing ? citationRef(hearing.citation) : undefined);
    },
    check: ({ regulation, input }) => {
      const hearing = regulation.investigation!.hearing!;
      if (!hearing.exceptions.includes(input.exception)) {
        throw new RuleViolationError(
          hearing.exceptions.length ? { key: 'error.rule.hearingExceptions', params: { exceptions: hearing.exceptions } } : { key: 'error.rule.hearingNeverLeftOut' },
          citationRef(hearing.citation),
        );
      }
    },
    event: ({ input, regulation }) => ({ type: 'hearing-dispensed', data: { exception: input.exception }, reason: input.reason, rule: ruleRef(regulation.investigation?.hearing?.citation) }),
  }),

  offer: step({
    id: 'offer',
    input: z.strictObject({ description: text(5_000), remedies: decisionFields.remedies }),
    allowedIn: ['acknowledged', 'assigned', 'investigating', 'registered'],
    actors: (regulation) => deciders(regulation),
    check: ({ regulation, input }) => checkRemedies(regulation, input.remedies),
    event: ({ input, regulation }) => ({
      type: 'offer-made',
      data: { decision: { outcome: 'offer', reasoning: input.description, remedies: input.remedies } },
      rule: ruleRef(regulation.resolution?.offer?.citation) ?? ruleRef(regulation.resolution?.citation),
    }),
  }),

  ruling: step({
    id: 'ruling',
    input: z.strictObject({
      outcome: z.enum(['founded', 'partly-founded', 'unfounded']),
      ...decisionFields,
      /** Where a committee advised: does the decision follow the advice, and if not, why not. */
      advice: z.optional(z.strictObject({ followed: z.boolean(), deviation: z.optional(text(10_000)) })),
    }),
    allowedIn: ['acknowledged', 'assigned', 'investigating', 'offer-made', 'registered'],
    actors: (regulation) => deciders(regulation),
    // Heard (or an exception recorded), and the advisory body's advice in, before any ruling.
    precondition: ({ regulation, complaint }) => {
      checkHearing(regulation, complaint);
      const advice = regulation.resolution?.advice;
      if (advice?.recordedAs && !complaint.happened[advice.recordedAs])
        throw new RuleViolationError({ key: 'error.rule.adviceFirst', params: { role: advice.by, event: advice.recordedAs } }, citationRef(advice.citation));
    },
    check: ({ regulation, input }) => {
      const advice = regulation.resolution?.advice;
      if (advice) {
        if (!input.advice) throw new InvalidInputError([fieldProblem('advice', 'required', { role: advice.by, rule: citationRef(advice.citation) }, 'error.field.adviceRequired')]);
        if (!input.advice.followed && !input.advice.deviation)
          throw new InvalidInputError([fieldProblem('advice.deviation', 'required', { rule: citationRef(advice.citation) }, 'error.field.adviceDeviationRequired')]);
      }
      const outcome = regulation.outcomes.find((o) => o.id === input.outcome);
      if (!outcome) {
        throw new RuleViolationError({ key: 'error.rule.unknownOutcome', params: { outcome: input.outcome, outcomes: regulation.outcomes.map((o) => o.id) } });
      }
      const missing = outcome.requires.filter(
        (item) =>
          (item === 'reasons' && !input.reasoning) ||
          (item === 'improvements' && !input.improvements) ||
          (item === 'remedy-offer' && input.remedies.length === 0) ||
          (item === 'measures-term' && !input.measuresBy),
      );
      if (missing.length) {
        throw new RuleViolationError({ key: 'error.rule.rulingMustGive', params: { outcome: both(`outcome.${input.outcome}`), items: missing } }, citationRef(outcome.citation));
      }
      checkRemedies(regulation, input.remedies);
    },
    event: ({ input, regulation }) => ({
      type: 'ruling-sent',
      data: {
        decision: {
          outcome: input.outcome,
          ...(input.reasoning ? { reasoning: input.reasoning } : {}),
          remedies: input.remedies,
          ...(input.improvements ? { improvements: input.improvements } : {}),
          ...(input.measuresBy ? { measuresBy: input.measuresBy } : {}),
          ...(input.advice ? { advice: input.advice } : {}),
        },
      },
      rule: ruleRef(regulation.outcomes.find((o) => o.id === input.outcome)?.citation),
    }),
  }),

  reaction: step({
    id: 'reaction',
    input: z.strictObject({ satisfied: z.boolean(), comment: z.optional(text(5_000)) }),
    allowedIn: ['offer-made', 'ruled', 'resolved-informally', 'objection-decided'],
    actors: (regulation) => coordinatorAnd(regulation.satisfactionCheck?.by, assignedRole(regulation)),
    event: ({ input, regulation }) => ({ type: 'satisfaction-checked', data: { ...input }, rule: ruleRef(regulation.satisfactionCheck?.citation) }),
  }),

  measures: step({
    id: 'measures',
    input: z.strictObject({ measureIds: z.array(z.string().check(z.regex(/^M-[A-Za-z0-9-]+$/, 'must be a measure id'))).check(z.minLength(1), z.maxLength(50)) }),
    allowedIn: 'any',
    actors: (regulation) => coordinatorAnd(regulation.measures?.decidedBy, assignedRole(regulation)),
    event: ({ input, regulation }) => ({ type: 'measures-recorded', data: { measureIds: input.measureIds }, rule: ruleRef(regulation.measures?.citation) }),
  }),

  actions: step({
    id: 'actions',
    input: z.strictObject({ actions: text(10_000), result: text(5_000) }),
    allowedIn: 'any',
    actors: (regulation) => investigators(regulation),
    event: ({ input, regulation }) => ({
      type: 'actions-recorded',
      data: { ...input },
      rule: ruleRef(regulation.notices.find((n) => n.records === 'actions-recorded')?.citation) ?? ruleRef(regulation.investigation?.citation),
    }),
  }),

  'sign-off': step({
    id: 'sign-off',
    input: z.strictObject({ role: z.string().check(z.maxLength(64)) }),
    allowedIn: ['offer-made', 'ruled', 'resolved-informally', 'objection-decided'],
    actors: (regulation) => {
      const by = regulation.signOff?.by ?? [];
      const roles = by.includes('complainant') ? [...by.filter((r) => r !== 'complainant'), ...investigators(regulation).roles] : by;
      return { roles: [...new Set(roles)], ...(regulation.signOff ? { rule: citationRef(regulation.signOff.citation) } : {}) };
    },
    precondition: ({ regulation }) => {
      if (!regulation.signOff) throw new RuleViolationError({ key: 'error.rule.noSignOff' });
    },
    check: ({ regulation, complaint, input, actor }) => {
      if (!regulation.signOff) throw new RuleViolationError({ key: 'error.rule.noSignOff' });
      if (!regulation.signOff.by.includes(input.role))
        throw new RuleViolationError({ key: 'error.rule.signOffBy', params: { roles: regulation.signOff.by } }, citationRef(regulation.signOff.citation));
      // The complainant's signature is recorded by whoever handles the complaint.
      const recorder =
        input.role === 'complainant' ? investigators(regulation).roles.some((role) => holdsRole(regulation, complaint, actor, role)) : holdsRole(regulation, complaint, actor, input.role);
      if (!recorder) throw new RuleViolationError({ key: 'error.rule.notYourRole', params: { role: input.role } }, citationRef(regulation.signOff.citation));
      if (complaint.signOffs.some((s) => s.role === input.role)) throw new ConflictError({ key: 'error.conflict.signedOffAlready', params: { role: input.role } });
    },
    event: ({ input, regulation }) => ({ type: 'signed-off', data: { role: input.role }, rule: ruleRef(regulation.signOff?.citation) }),
  }),

  close: step({
    id: 'close',
    input: z.strictObject({ finalReport: z.optional(text(10_000)) }),
    allowedIn: ['offer-made', 'ruled', 'resolved-informally', 'objection-decided', 'not-admissible'],
    actors: () => coordinatorAnd(),
    precondition: ({ regulation, complaint }) => {
      const signOff = regulation.signOff;
      // Resolved informally means: to the complainant's satisfaction.
      const satisfactory = complaint.satisfaction?.satisfied || complaint.status === 'resolved-informally';
      const needed = signOff && (signOff.when === 'always' || (signOff.when === 'resolved-satisfactorily' && satisfactory));
      const missing = needed ? signOff.by.filter((role) => !complaint.signOffs.some((s) => s.role === role)) : [];
      if (signOff && missing.length) throw new RuleViolationError({ key: 'error.rule.signOffFirst', params: { roles: missing } }, citationRef(signOff.citation));
    },
    event: ({ input }) => ({ type: 'closed', ...(input.finalReport ? { data: { finalReport: input.finalReport } } : {}) }),
  }),

  'not-admissible': step({
    id: 'not-admissible',
    input: z.strictObject({ ground: z.optional(z.string().check(z.maxLength(64))), explanation: z.optional(text(5_000)) }),
    allowedIn: ['registered', 'acknowledged', 'awaiting-authorisation', 'assigned', 'investigating'],
    actors: (regulation) => coordinatorAnd(regulation.admissibility?.decidedBy),
    check: ({ regulation, complaint, input }) => {
      const grounds = regulation.admissibility?.grounds ?? [];
      // Without listed grounds the reason is given in words.
      if (!grounds.length) {
        if (!input.explanation) throw new InvalidInputError([fieldProblem('explanation', 'required', undefined, 'error.field.explanationRequired')]);
        return;
      }
      const ground = grounds.find((g) => g.id === input.ground);
      if (!ground) throw new InvalidInputError([fieldProblem('ground', 'invalid_value', { values: grounds.map((g) => g.id) })]);
      // A ground with conditions applies only while they hold; a judgement call is the decider's to make.
      if (!ground.judgement && !groundHolds(regulation, complaint, ground)) {
        throw new RuleViolationError(
          { key: 'error.rule.groundDoesNotApply', params: { ground: { nl: ground.label.nl, en: ground.label.en }, condition: conditionText(ground.when) } },
          citationRef(ground.citation),
        );
      }
    },
    event: ({ input, regulation }) => {
      const ground = regulation.admissibility?.grounds.find((g) => g.id === input.ground);
      const rule = ruleRef(ground?.citation) ?? ruleRef(regulation.milestones.find((m) => m.metBy.includes('not-taken-up-notified'))?.citation);
      return {
        type: 'not-taken-up',
        data: {
          decision: {
            outcome: 'not-admissible',
            ...(ground ? { ground: ground.id } : {}),
            ...(ground?.referral ? { referral: ground.referral.label } : {}),
            ...(input.explanation ? { reasoning: input.explanation } : {}),
          },
          ...(ground?.referral?.to ? { referredTo: ground.referral.to } : {}),
        },
        ...(rule ? { rule } : {}),
      };
    },
  }),

  withdraw: step({
    id: 'withdraw',
    input: z.strictObject({ reason, consent: z.optional(z.boolean()) }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    precondition: ({ regulation, complaint }) => {
      const withdrawal = regulation.withdrawal;
      if (withdrawal?.allowed === 'until-hearing' && complaint.happened['hearing-held'] && withdrawal.afterwards === 'never') {
        throw new RuleViolationError({ key: 'error.rule.noWithdrawalAfterHearing' }, citationRef(withdrawal.citation));
      }
    },
    check: ({ regulation, complaint, input }) => {
      const withdrawal = regulation.withdrawal;
      if (withdrawal?.allowed !== 'until-hearing' || !complaint.happened['hearing-held']) return;
      if (!input.consent) throw new RuleViolationError({ key: 'error.rule.withdrawalNeedsConsent' }, citationRef(withdrawal.citation));
    },
    event: ({ input, regulation }) => ({
      type: 'withdrawn',
      data: { decision: { outcome: 'withdrawn' } },
      rule: ruleRef(regulation.withdrawal?.citation) ?? ruleRef(regulation.outcomes.find((o) => o.id === 'withdrawn')?.citation),
      ...(input.consent ? { data: { decision: { outcome: 'withdrawn' }, consent: true } } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    }),
  }),

  'resolve-informally': step({
    id: 'resolve-informally',
    input: z.strictObject({ description: text(5_000) }),
    allowedIn: ['registered', 'acknowledged', 'assigned', 'investigating', 'offer-made'],
    actors: (regulation) => investigators(regulation),
    event: ({ input, regulation }) => ({
      type: 'resolved',
      data: { decision: { outcome: 'resolved-informally', reasoning: input.description } },
      rule: ruleRef(regulation.informalResolution?.citation),
    }),
  }),

  objection: step({
    id: 'objection',
    input: z.strictObject({ text: text(10_000), receivedAt: z.optional(z.iso.datetime({ offset: true })) }),
    // Closing the file does not take the complainant's window away.
    allowedIn: ['ruled', 'closed'],
    actors: (regulation) => coordinatorAnd(regulation.objection?.to),
    check: ({ regulation, complaint, input, now }) => checkObjection(regulation, complaint, input.receivedAt ? new Date(input.receivedAt) : now, now),
    event: ({ input, regulation, now }) => ({
      type: 'objection-received',
      data: { text: input.text, receivedAt: input.receivedAt ?? now.toISOString() },
      rule: ruleRef(regulation.objection?.citation),
    }),
  }),

  'objection-hearing': step({
    id: 'objection-hearing',
    input: z.strictObject({ heldOn: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }), summary: text(10_000) }),
    allowedIn: ['objection'],
    actors: (regulation) => ({ roles: [regulation.objection?.decidedBy ?? 'coordinator'], rule: ruleRef(regulation.objection?.citation) }),
    event: ({ input, regulation }) => ({ type: 'objection-hearing-held', data: { ...input }, rule: ruleRef(regulation.objection?.citation) }),
  }),

  'objection-decision': step({
    id: 'objection-decision',
    input: z.strictObject({ outcome: z.enum(['founded', 'partly-founded', 'unfounded']), reasoning: text(10_000), remedies: decisionFields.remedies }),
    allowedIn: ['objection'],
    actors: (regulation) => ({ roles: [regulation.objection?.decidedBy ?? 'coordinator'], rule: ruleRef(regulation.objection?.citation) }),
    precondition: ({ regulation, complaint }) => {
      if (regulation.objection?.hearing === 'invited' && !complaint.happened['objection-hearing-held']) {
        throw new RuleViolationError({ key: 'error.rule.objectionHearingFirst' }, citationRef(regulation.objection.citation));
      }
    },
    event: ({ input, regulation }) => ({ type: 'objection-decided', data: { decision: { ...input } }, rule: ruleRef(regulation.objection?.citation) }),
  }),

  'external-referral': step({
    id: 'external-referral',
    input: z.strictObject({ body: z.optional(text(300)), tier: z.optional(z.string().check(z.maxLength(64))) }),
    // After the answer; while the complaint is still open only to a tier open directly (the internal term was missed).
    allowedIn: ['ruled', 'objection-decided', 'offer-made', 'resolved-informally', 'not-admissible', ...DIRECT_REFERRAL_STATUSES],
    availableWhen: (regulation, complaint) => !DIRECT_REFERRAL_STATUSES.includes(complaint.status) || directTiers(regulation, complaint).length > 0,
    actors: (regulation) => {
      const external = regulation.external;
      const chooser = external.kind === 'chosen-per-complaint' && external.chosenBy !== 'complainant' ? external.chosenBy : undefined;
      return { ...coordinatorAnd(regulation.objection?.decidedBy, chooser), ...(external.citation ? { rule: citationRef(external.citation) } : {}) };
    },
    precondition: ({ regulation }) => {
      if (regulation.external.kind === 'none') throw new RuleViolationError({ key: 'error.rule.noExternalBody' }, ruleRef(regulation.external.citation));
    },
    check: ({ regulation, complaint, input, now }) => {
      if (DIRECT_REFERRAL_STATUSES.includes(complaint.status) && !directTiers(regulation, complaint).length) {
        throw new ConflictError({ key: 'error.conflict.noDirectReferral', params: { status: complaint.status } });
      }
      const tier = referralTier(regulation, complaint, input.tier);
      if (tier.afterObjection && !complaint.happened['objection-decided']) {
        throw new RuleViolationError({ key: 'error.rule.tierAfterObjection', params: { body: tier.tier.body.name } }, citationRef(tier.tier.citation));
      }
      if (tier.tier.chosen && !input.body) throw new InvalidInputError([fieldProblem('body', 'required', undefined, 'error.field.externalBodyRequired')]);
      // Its filing window must still be open, unless something holds it open (the time limit waived).
      const window = tier.window;
      if (window && !window.heldOpen && window.closes !== undefined && !window.closesProvisional && localDateOf(now, regulation.organisation.timeZone) > window.closes) {
        throw new RuleViolationError(
          { key: 'error.rule.tierWindowClosed', params: { body: (tier.tier.chosen ? input.body : tier.tier.body.name) ?? '', date: window.closes } },
          citationRef(window.citation),
        );
      }
    },
    event: ({ input, regulation, complaint }) => {
      const { tier } = referralTier(regulation, complaint, input.tier);
      return {
        type: 'external-referral-given',
        data: { body: tier.chosen ? input.body : tier.body.name, ...(regulation.external.kind === 'tiers' ? { tier: tier.id } : {}) },
        rule: citationRef(tier.citation),
      };
    },
  }),

  extension: step({
    id: 'extension',
    input: z.strictObject({
      milestoneId: z.string().check(z.maxLength(64)),
      period: z.optional(periodInput),
      until: z.optional(z.iso.date({ error: 'must be a date as YYYY-MM-DD' })),
      reason: text(2_000),
    }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    check: ({ regulation, complaint, input, now }) => checkExtension(regulation, complaint, input, now),
    event: ({ input, regulation, complaint }) => {
      const milestone = complaint.milestones.find((m) => m.milestoneId === input.milestoneId);
      const definition = milestone && definitionOf(regulation, milestone);
      // Beyond the policy's own allowance the extension uses up the consent that allows it.
      const consent = milestone && definition && (milestone.extensions?.length ?? 0) >= allowedWithoutConsent(definition) ? usableConsent(definition, milestone) : undefined;
      return {
        type: 'extension-notified',
        data: { milestoneId: input.milestoneId, ...(input.period ? { period: input.period } : {}), ...(input.until ? { until: input.until } : {}), ...(consent ? { consent: consent.at } : {}) },
        reason: input.reason,
        rule: ruleRef(definition?.extension?.citation) ?? ruleRef(definition?.citation),
      };
    },
  }),

  'extension-consent': step({
    id: 'extension-consent',
    input: z.strictObject({
      milestoneId: z.string().check(z.maxLength(64)),
      by: personName,
      givenOn: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }),
      form: z.enum(['written', 'oral']),
      note: z.optional(text(2_000)),
    }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    check: ({ regulation, complaint, input, now }) => {
      const milestone = liveMilestone(complaint, input.milestoneId);
      const definition = definitionOf(regulation, milestone);
      if (!definition?.extension?.further) {
        throw new RuleViolationError({ key: 'error.rule.noConsentExtension', params: { deadline: milestone.label } }, ruleRef(definition?.extension?.citation) ?? ruleRef(definition?.citation));
      }
      if (input.givenOn > localDateOf(now, regulation.organisation.timeZone)) throw new InvalidInputError([fieldProblem('givenOn', 'in_future')]);
    },
    event: ({ input, regulation, complaint }) => {
      const definition = definitionOf(regulation, liveMilestone(complaint, input.milestoneId));
      return {
        type: 'extension-consent-recorded',
        data: { milestoneId: input.milestoneId, by: input.by, givenOn: input.givenOn, form: input.form },
        ...(input.note ? { reason: input.note } : {}),
        rule: ruleRef(definition?.extension?.further?.citation) ?? ruleRef(definition?.extension?.citation) ?? ruleRef(definition?.citation),
      };
    },
  }),

  'delay-known': step({
    id: 'delay-known',
    input: z.strictObject({ reason: text(2_000), expectedOn: z.optional(z.iso.date({ error: 'must be a date as YYYY-MM-DD' })) }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    event: ({ input, regulation }) => ({ type: 'delay-known', reason: input.reason, ...(input.expectedOn ? { data: { expectedOn: input.expectedOn } } : {}), rule: ruleOf(regulation, 'delay-known') }),
  }),

  'delay-notice': step({
    id: 'delay-notice',
    input: z.strictObject({ reason: text(2_000), expectedOn: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }) }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    check: ({ regulation, input, now }) => notBefore(input.expectedOn, now, regulation, 'expectedOn'),
    event: ({ input, regulation }) => ({ type: 'delay-notified', reason: input.reason, data: { expectedOn: input.expectedOn }, rule: ruleOf(regulation, 'delay-notified') }),
  }),

  'progress-update': step({
    id: 'progress-update',
    input: z.strictObject({ text: text(5_000) }),
    allowedIn: 'open',
    actors: (regulation) => investigators(regulation),
    event: ({ input, regulation }) => ({ type: 'progress-update-sent', data: { text: input.text }, rule: ruleOf(regulation, 'progress-update-sent') }),
  }),

  'holding-response': step({
    id: 'holding-response',
    input: z.strictObject({ reason: text(5_000), expectedOn: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }) }),
    allowedIn: 'open',
    actors: (regulation) => deciders(regulation),
    check: ({ regulation, input, now }) => notBefore(input.expectedOn, now, regulation, 'expectedOn'),
    event: ({ input, regulation }) => ({ type: 'holding-response-sent', reason: input.reason, data: { expectedOn: input.expectedOn }, rule: ruleOf(regulation, 'holding-response-sent') }),
  }),

  'stated-date': step({
    id: 'stated-date',
    input: z.strictObject({ id: z.string().check(z.maxLength(64)), date: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }), note: z.optional(text(2_000)) }),
    allowedIn: 'any',
    actors: (regulation) => investigators(regulation),
    check: ({ regulation, input, now }) => {
      const declared = regulation.statedDates.find((d) => d.id === input.id);
      if (!declared && input.id !== 'occurred-on') {
        throw new InvalidInputError([fieldProblem('id', 'invalid_value', { values: ['occurred-on', ...regulation.statedDates.map((d) => d.id)] })]);
      }
      if (declared && !declared.statedBy.includes('staff')) throw new RuleViolationError({ key: 'error.rule.dateStatedByComplainant', params: { label: declared.label } }, ruleRef(declared.citation));
      if (input.date > localDateOf(now, regulation.organisation.timeZone)) throw new InvalidInputError([fieldProblem('date', 'in_future')]);
    },
    event: ({ input, regulation }) => ({
      type: 'stated-date-recorded',
      data: { id: input.id, date: input.date },
      ...(input.note ? { reason: input.note } : {}),
      rule: ruleRef(regulation.statedDates.find((d) => d.id === input.id)?.citation),
    }),
  }),

  record: step({
    id: 'record',
    input: z.strictObject({ event: z.string().check(z.maxLength(64)), note: z.optional(text(2_000)) }),
    // What happens outside the procedure (the course completed, a fee paid) can be recorded after closing too.
    allowedIn: 'any',
    actors: (regulation) => {
      const recorders = [...new Set(regulation.events.flatMap((e) => e.recordedBy))];
      return recorders.length ? coordinatorAnd(...recorders) : investigators(regulation);
    },
    check: ({ regulation, complaint, input, actor }) => {
      const declared = regulation.events.find((e) => e.id === input.event);
      if (!declared) {
        throw new InvalidInputError([
          regulation.events.length
            ? fieldProblem('event', 'invalid_value', { values: regulation.events.map((e) => e.id) })
            : fieldProblem('event', 'invalid_value', undefined, 'error.field.noOwnEvents'),
        ]);
      }
      if (declared.recordedBy.length && !['coordinator', ...declared.recordedBy].some((role) => holdsRole(regulation, complaint, actor, role))) {
        throw new RuleViolationError({ key: 'error.rule.eventRecordedBy', params: { event: declared.label, roles: declared.recordedBy } }, citationRef(declared.citation));
      }
      if (complaint.happened[input.event]) throw new ConflictError({ key: 'error.conflict.recordedAlready', params: { event: declared.label } });
    },
    event: ({ input, regulation }) => ({ type: input.event, ...(input.note ? { reason: input.note } : {}), rule: ruleRef(regulation.events.find((e) => e.id === input.event)?.citation) }),
  }),

  note: step({
    id: 'note',
    input: z.strictObject({ text: text(10_000) }),
    allowedIn: 'any',
    actors: (regulation) => investigators(regulation),
    event: ({ input }) => ({ type: 'note-added', data: { text: input.text } }),
  }),
} as const;

export type StepId = keyof typeof STEPS;
export const STEP_IDS = Object.keys(STEPS) as StepId[];

/** Does an admissibility ground's condition hold for the complaint now? */
export function groundHolds(regulation: Regulation, complaint: ComplaintRecord, ground: Regulation['admissibility']['grounds'][number]): boolean {
  return ground.when !== undefined && conditionHolds(regulation, ground.when, factsOf(regulation, complaint));
}

/** A condition in the file's own words (ids), for a refusal. */
function conditionText(condition: Condition | undefined): string {
  if (!condition) return 'nothing';
  return Object.entries(condition)
    .map(([key, value]) =>
      key === 'not'
        ? `not (${conditionText(value as Condition)})`
        : key === 'anyOf'
          ? `any of (${(value as Condition[]).map((alternative) => conditionText(alternative)).join(' | ')})`
          : `${key}: ${Array.isArray(value) ? value.join(' or ') : String(value)}`,
    )
    .join('; ');
}

export interface ProposedGround {
  id: string;
  label: Regulation['admissibility']['grounds'][number]['label'];
  /** The rule as people read it ("Awb art. 9:8 lid 1 b"). */
  rule: string;
  judgement: boolean;
  referral?: { label: { nl: string; en: string }; url?: string; immediate: boolean; to?: string };
}

/**
 * The grounds whose conditions hold for the complaint now (a category excluded, a complainant kind,
 * a limitation window passed, already before another body): what the file proposes to decide on.
 */
export function proposedGrounds(regulation: Regulation, complaint: ComplaintRecord): ProposedGround[] {
  if (FINAL_STATUSES.includes(complaint.status)) return [];
  return regulation.admissibility.grounds
    .filter((ground) => groundHolds(regulation, complaint, ground))
    .map((ground) => ({ id: ground.id, label: ground.label, rule: citationRef(ground.citation), judgement: ground.judgement, ...(ground.referral ? { referral: ground.referral } : {}) }));
}

/** A ruling needs the hearing the regulation requires, or a recorded reason to leave it out. */
function checkHearing(regulation: Regulation, complaint: ComplaintRecord): void {
  const hearing = regulation.investigation?.hearing;
  if (!hearing || hearing.required === 'on-request') return;
  if (complaint.happened['hearing-dispensed']) return;
  // Who a hearing heard (a file from before `heard` was kept: the complainant).
  const heard = complaint.heard ?? (complaint.happened['hearing-held'] ? ['complainant'] : []);
  if (!heard.includes('complainant')) {
    throw new RuleViolationError(
      hearing.exceptions.length ? { key: 'error.rule.hearFirstOrException', params: { exceptions: hearing.exceptions } } : { key: 'error.rule.hearFirst' },
      citationRef(hearing.citation),
    );
  }
  if (hearing.required === 'both' && !complaint.happened['subject-heard'] && !heard.includes('subject')) {
    throw new RuleViolationError({ key: 'error.rule.hearBothFirst' }, citationRef(hearing.citation));
  }
}

/** The tiers open to the complaint directly now (their `opens.directlyWhen` holds: the internal term was missed). */
function directTiers(regulation: Regulation, complaint: ComplaintRecord) {
  const facts = factsOf(regulation, complaint);
  return nextTiers(regulation, facts, 'missed-term').filter(({ tier }) => tier.opens.directlyWhen !== undefined && conditionHolds(regulation, tier.opens.directlyWhen, facts));
}

/** The tier a referral names: the one given, or the first that is open now. */
function referralTier(regulation: Regulation, complaint: ComplaintRecord, tierId: string | undefined) {
  const ended = complaint.happened['objection-decided'] ? 'objection' : 'answer';
  const open = DIRECT_REFERRAL_STATUSES.includes(complaint.status) ? directTiers(regulation, complaint) : nextTiers(regulation, factsOf(regulation, complaint), ended);
  if (tierId === undefined) {
    const first = open[0];
    if (!first) throw new RuleViolationError({ key: 'error.rule.noTierOpen' }, ruleRef(regulation.external.citation));
    return first;
  }
  const chosen = open.find((t) => t.tier.id === tierId);
  if (!chosen)
    throw new InvalidInputError([
      open.length
        ? fieldProblem('tier', 'invalid_value', { tiers: open.map((t) => t.tier.id) }, 'error.field.tierNotOpen')
        : fieldProblem('tier', 'invalid_value', undefined, 'error.field.tierNoneOpen'),
    ]);
  return chosen;
}

function checkRemedies(regulation: Regulation, remedies: string[]): void {
  const known = regulation.resolution?.remedies.map((r) => r.id) ?? [];
  const unknown = remedies.filter((r) => !known.includes(r));
  if (unknown.length)
    throw new InvalidInputError([
      fieldProblem(
        'remedies',
        'unknown_value',
        known.length ? { remedies: unknown.map((r) => `"${r}"`), known } : { remedies: unknown.map((r) => `"${r}"`) },
        known.length ? 'error.field.unknownRemedy' : 'error.field.unknownRemedyNoneKnown',
      ),
    ]);
}

/** The article of the first milestone met by (or anchored on) an event, for the steps that record it. */
function ruleOf(regulation: Regulation, event: string): string | undefined {
  return ruleRef(regulation.milestones.find((m) => m.metBy.includes(event) || m.anchor === event)?.citation);
}

function notBefore(day: string, now: Date, regulation: Regulation, field: string): void {
  if (day < localDateOf(now, regulation.organisation.timeZone)) throw new InvalidInputError([fieldProblem(field, 'in_past')]);
}

function liveMilestone(complaint: ComplaintRecord, milestoneId: string): MilestoneState {
  const milestone = complaint.milestones.find((m) => m.milestoneId === milestoneId);
  if (!milestone || !isLive(milestone)) {
    const open = complaint.milestones.filter(isLive).map((m) => m.milestoneId);
    throw new InvalidInputError([
      open.length
        ? fieldProblem('milestoneId', 'invalid_value', { deadlines: open }, 'error.field.milestoneNotOpen')
        : fieldProblem('milestoneId', 'invalid_value', undefined, 'error.field.milestoneNoneOpen'),
    ]);
  }
  return milestone;
}

/**
 * An extension keeps to the milestone's policy: how many (then only with a recorded consent), how
 * long each and all together, before the term ends (unless the policy allows later), and before
 * the notice lead.
 */
function checkExtension(regulation: Regulation, complaint: ComplaintRecord, input: { milestoneId: string; period?: Period; until?: string }, now: Date): void {
  if ((input.period === undefined) === (input.until === undefined)) {
    throw new InvalidInputError([fieldProblem(input.period ? 'until' : 'period', 'invalid_combination', undefined, 'error.field.periodOrUntil')]);
  }
  const milestone = liveMilestone(complaint, input.milestoneId);
  const definition = definitionOf(regulation, milestone);
  const policy = definition?.extension;
  const article = ruleRef(policy?.citation) ?? ruleRef(definition?.citation);
  if (!definition || !policy) throw new RuleViolationError({ key: 'error.rule.notExtendable', params: { deadline: milestone.label } }, ruleRef(definition?.citation));
  const calendar = WorkingCalendar.dutch(regulation.calendar);
  const today = localDateOf(now, regulation.organisation.timeZone);

  if (!policy.afterDue && now.getTime() > Date.parse(milestone.dueAt)) {
    throw new RuleViolationError({ key: 'error.rule.extensionTooLate', params: { deadline: milestone.label, due: milestone.due } }, article);
  }
  if (policy.notice.lead) {
    const lastNotice = countBack(milestone.due, policy.notice.lead, calendar);
    if (today > lastNotice) {
      throw new RuleViolationError(
        { key: 'error.rule.extensionNoticeLate', params: { last: lastNotice, amount: policy.notice.lead.amount, unit: policy.notice.lead.unit, due: milestone.due } },
        ruleRef(policy.notice.citation) ?? article,
      );
    }
  }

  const given = milestone.extensions?.length ?? 0;
  const ownAllowance = allowedWithoutConsent(definition);
  let upTo = policy.upTo;
  if (given >= ownAllowance) {
    const further = policy.further;
    if (!further) {
      throw new RuleViolationError(
        given === 1
          ? { key: 'error.rule.extendedOnce', params: { deadline: milestone.label } }
          : policy.times === 1
            ? { key: 'error.rule.extendedTimesOne', params: { deadline: milestone.label, given } }
            : { key: 'error.rule.extendedTimes', params: { deadline: milestone.label, given, times: policy.times } },
        article,
      );
    }
    const furtherGiven = given - ownAllowance;
    if (further.times !== 'unlimited' && furtherGiven >= further.times) {
      throw new RuleViolationError({ key: 'error.rule.noMoreFurther', params: { times: further.times } }, ruleRef(further.citation) ?? article);
    }
    if (!usableConsent(definition, milestone)) {
      throw new RuleViolationError({ key: further.consent === 'written' ? 'error.rule.furtherNeedsWrittenConsent' : 'error.rule.furtherNeedsConsent' }, ruleRef(further.citation) ?? article);
    }
    upTo = further.upTo;
  }

  const wanted = input.until ?? dueDate(milestone.due, input.period!, calendar, { endDayRule: definition.endDayRule });
  if (wanted <= milestone.due) throw new InvalidInputError([fieldProblem('until', 'out_of_range', { due: milestone.due }, 'error.field.afterCurrentDue')]);
  if (upTo !== 'open') {
    const maximum = dueDate(milestone.due, upTo, calendar, { endDayRule: definition.endDayRule });
    if (wanted > maximum) throw new RuleViolationError({ key: 'error.rule.extensionAtMostEach', params: { maximum, amount: upTo.amount, unit: upTo.unit } }, article);
  }
  if (policy.total && milestone.anchorOn && milestone.period) {
    const original = dueDate(milestone.anchorOn, milestone.period as Period, calendar, { endDayRule: definition.endDayRule });
    const maximum = dueDate(original, policy.total, calendar, { endDayRule: definition.endDayRule });
    if (wanted > maximum) throw new RuleViolationError({ key: 'error.rule.extensionAtMostTotal', params: { maximum, amount: policy.total.amount, unit: policy.total.unit } }, article);
  }
}

/** A recorded consent that allows a further extension: written where the policy asks for written. */
function usableConsent(definition: Milestone, milestone: MilestoneState) {
  const required = definition.extension?.further?.consent;
  return (milestone.consents ?? []).find((c) => !c.usedAt && (required === 'any' || c.form === 'written'));
}

/** A day a period before another: working days counted back; weeks, days, months and years by the calendar. */
function countBack(day: string, period: Period, calendar: WorkingCalendar): string {
  const n = toDayNumber(day);
  switch (period.unit) {
    case 'working-days':
      return calendar.subtractWorkingDays(day, period.amount);
    case 'calendar-days':
      return fromDayNumber(n - period.amount);
    case 'weeks':
      return fromDayNumber(n - 7 * period.amount);
    case 'months':
      return fromDayNumber(addMonths(n, -period.amount));
    case 'years':
      return fromDayNumber(addMonths(n, -12 * period.amount));
    default:
      return day;
  }
}

/**
 * The roles that may take a step on this complaint: the step's own, and a role a route made the
 * complaint's handler (handled-by) wherever the coordinator may act.
 */
export function stepRoles(definition: Pick<StepDefinition, 'actors'>, regulation: Regulation, complaint: Pick<ComplaintRecord, 'routes'>, stepId?: string): { roles: string[]; rule?: string } {
  const own = definition.actors(regulation);
  if (!complaint.routes?.length || stepId === 'sign-off' || !own.roles.includes('coordinator')) return own;
  const routed = complaint.routes
    .map((id) => regulation.routing.find((r) => r.id === id))
    .filter((r) => r?.effect === 'handled-by')
    .map((r) => r!.to);
  return { ...own, roles: [...new Set([...own.roles, ...routed])] };
}

/** Is the step possible in the complaint's current status? */
export function allowedNow(definition: Pick<StepDefinition, 'allowedIn'>, status: ComplaintStatus): boolean {
  if (definition.allowedIn === 'any') return true;
  if (definition.allowedIn === 'open') return !FINAL_STATUSES.includes(status);
  return definition.allowedIn.includes(status);
}

/**
 * May this actor take the step on this complaint (a role the step names, held for this complaint,
 * and not kept out of it by being involved)? Throws citing the rule; the steps offered use it too.
 */
export function checkActor(regulation: Regulation, complaint: ComplaintRecord, actor: Actor, definition: StepDefinition, step: string): void {
  const { roles, rule } = stepRoles(definition, regulation, complaint, step);
  const held = roles.filter((role) => holdsRole(regulation, complaint, actor, role));
  if (held.length === 0) {
    // Cite the step's rule, or else the article that defines the first role that may take it.
    const cited = rule ?? roles.map((r) => ruleRef(regulation.roles.find((d) => d.id === r)?.citation)).find(Boolean);
    throw new RuleViolationError({ key: 'error.rule.stepForRoles', params: { step, roles: [...new Set(roles)] } }, cited);
  }
  const me = actor.email.toLowerCase();
  const involvement = complaint.involved.find((p) => p.email.toLowerCase() === me)?.involvement;
  if (!involvement) return;
  // Someone involved in the complaint may not act on it in a role the regulation keeps them out of.
  for (const role of held) {
    const exclusion = regulation.roleRules.find(
      (r) =>
        r.rule === 'never-involved' && (r.role === role || (role === 'handler' && r.role === (regulation.roleRules.find((a) => a.rule === 'assigns') as { assigns?: string } | undefined)?.assigns)),
    );
    if (exclusion?.rule === 'never-involved' && exclusion.excludes.includes(involvement)) {
      const key =
        involvement === 'subject'
          ? role === 'coordinator'
            ? 'error.rule.youAreSubjectCoordinator'
            : 'error.rule.youAreSubjectHandler'
          : role === 'coordinator'
            ? 'error.rule.youAreProviderCoordinator'
            : 'error.rule.youAreProviderHandler';
      throw new RuleViolationError({ key }, citationRef(exclusion.citation));
    }
  }
  // A coordinator who is involved steps aside for the substitute, where the regulation has one.
  if (held.every((role) => role === 'coordinator')) {
    const substitute = regulation.roleRules.find((r) => r.rule === 'substitute-when-involved' && r.role === 'coordinator');
    if (substitute) throw new RuleViolationError({ key: 'error.rule.youAreInvolved' }, citationRef(substitute.citation));
  }
}

/**
 * The steps an actor may take on a complaint right now (the console offers exactly these): the
 * status allows it, the actor may take it (role, not involved), and the complaint's state meets
 * its precondition. What remains is the input's to get right.
 */
export function availableSteps(regulation: Regulation, complaint: ComplaintRecord, actor: Actor, now: Date): StepId[] {
  if (complaint.anonymisedAt) return [];
  return STEP_IDS.filter((id) => {
    const definition = STEPS[id] as StepDefinition;
    if (!allowedNow(definition, complaint.status) || !(definition.availableWhen?.(regulation, complaint) ?? true)) return false;
    try {
      checkActor(regulation, complaint, actor, definition, id);
      definition.precondition?.({ regulation, complaint, actor, now });
      return true;
    } catch (error) {
      if (error instanceof RuleViolationError || error instanceof ConflictError) return false;
      throw error;
    }
  });
}
