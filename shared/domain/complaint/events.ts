/**
 * Events are the record an auditor trusts: immutable, numbered per complaint. The current view
 * is derived by applying them in order; this is the only place that derivation lives. Applying
 * an event also opens the milestones its regulation anchors on it, meets the ones it fulfils,
 * moves extended ones and cancels the ones that can no longer be met.
 */
import { type Extension, instantAt, localDateOf, type Period } from '../calendar/index.ts';
import type { Milestone, Regulation } from '../regulation/index.ts';
import {
  type ComplaintFacts,
  type ScheduledMilestone,
  isMetBy,
  milestoneApplies,
  milestonesFor,
  nextOccurrence,
  periodFor,
  anchorOf,
  conditionHolds,
  scheduleFromDay,
} from '../regulation/milestones.ts';
import { occurrenceKey } from '../regulation/schedule-names.ts';
import {
  FINAL_STATUSES,
  isLive,
  type ComplaintEvent,
  type ComplaintEventInput,
  type ComplaintRecord,
  type ComplaintStatus,
  type Decision,
  type InvolvedStaff,
  type MilestoneState,
  type NewComplaint,
  type StaffRef,
} from './model.ts';
import { retentionEnd } from '../privacy/retention.ts';

export type { ComplaintEvent } from './model.ts';

export interface AppliedEvent {
  /** The view the event was applied to (its report line's figures leave the rollups). */
  previous: ComplaintRecord;
  next: ComplaintRecord;
  event: ComplaintEvent;
  /** Milestones that opened or moved: their schedules must be (re)created. */
  scheduled: MilestoneState[];
  /** Milestones met or cancelled: their schedules can go. */
  unscheduled: MilestoneState[];
}

/** Events after which the complaint's handling is over: what is still open is cancelled. */
const ENDING_EVENTS: Record<string, readonly string[]> = {
  // event -> the milestones' metBy events that may still be met afterwards
  withdrawn: [],
  // Closing sends the final report, which meets a report milestone (OK Ondernemen art. 6); an
  // objection stays possible within its window.
  closed: ['report-sent', 'objection-decided'],
  'not-taken-up': ['not-taken-up-notified', 'acknowledged'],
  resolved: ['report-sent', 'satisfaction-checked', 'actions-recorded', 'measures-recorded', 'signed-off'],
  'ruling-sent': ['report-sent', 'satisfaction-checked', 'actions-recorded', 'measures-recorded', 'signed-off', 'objection-decided', 'external-referral-given'],
  'external-referral-given': [],
};

/**
 * Events about the record rather than the procedure: they anchor no milestone and stay out of
 * `happened`, so the figures read from it are the same before and after them.
 */
export const RECORD_EVENTS: ReadonlySet<string> = new Set(['anonymised', 'legal-hold-placed', 'legal-hold-lifted', 'subject-data-exported', 'status-link-reissued']);

/**
 * Folds of record events whose code only some functions need, registered by the module that
 * records them (privacy/anonymise.ts: 'anonymised'), so the other bundles do not carry it.
 */
export const RECORD_FOLDS: Partial<Record<string, (record: ComplaintRecord, at: string) => ComplaintRecord>> = {};

const STATUS_AFTER: Partial<Record<string, ComplaintStatus>> = {
  assigned: 'assigned',
  contacted: 'investigating',
  'subject-heard': 'investigating',
  'hearing-held': 'investigating',
  'offer-made': 'offer-made',
  'ruling-sent': 'ruled',
  'not-taken-up': 'not-admissible',
  withdrawn: 'withdrawn',
  'objection-received': 'objection',
  'objection-decided': 'objection-decided',
  'external-referral-given': 'referred-externally',
  closed: 'closed',
};

export function applyEvent(regulation: Regulation, complaint: ComplaintRecord, input: ComplaintEventInput): AppliedEvent {
  const at = input.at.toISOString();
  const data = input.data ?? {};
  const event: ComplaintEvent = {
    reference: complaint.reference,
    seq: complaint.version + 1,
    type: input.type,
    at,
    actor: input.actor,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.rule ? { rule: input.rule } : {}),
    ...(input.data ? { data: input.data } : {}),
    ...(input.meets?.length ? { meets: input.meets } : {}),
    ...(input.escalates?.length ? { escalates: input.escalates } : {}),
  };

  let next: ComplaintRecord = structuredClone(complaint);
  next.version = event.seq;
  next.happened = { ...complaint.happened };
  // A hearing counts from the day it was held, not the day it was recorded.
  const heldOn = typeof data.heldOn === 'string' ? instantAt(data.heldOn, '12:00', regulation.organisation.timeZone).toISOString() : undefined;
  if (!RECORD_EVENTS.has(input.type)) next.happened[input.type] ??= heldOn ?? at;
  foldFields(next, input.type, data, at, input.actor);
  const recordFold = RECORD_FOLDS[input.type];
  if (recordFold) next = recordFold(next, at);
  else if (input.type === 'anonymised') throw new Error('an anonymised event needs shared/domain/privacy/anonymise.ts loaded');
  foldRetention(regulation, complaint, next, at);
  const routed = applyRoutes(regulation, next);
  if (routed.length) event.routed = routed;

  const { scheduled, unscheduled } = updateMilestones(regulation, next, event);
  return { previous: complaint, next, event, scheduled, unscheduled };
}

function foldFields(next: ComplaintRecord, type: string, data: Record<string, unknown>, at: string, actor: string): void {
  const status = STATUS_AFTER[type];
  if (status) next.status = status;
  switch (type) {
    case 'acknowledged':
      if (next.status === 'registered') next.status = next.representative?.authorisation === 'required' ? 'awaiting-authorisation' : 'acknowledged';
      break;
    case 'authorisation-requested':
      if (next.representative) next.representative.authorisation = 'required';
      break;
    case 'authorisation-received':
      if (next.representative) next.representative.authorisation = 'received';
      if (next.status === 'awaiting-authorisation') next.status = 'acknowledged';
      break;
    case 'assigned':
      next.handler = data.handler as StaffRef;
      break;
    case 'classified':
      next.categories = [...(data.categories as string[])];
      if (typeof data.complainant === 'string') next.complainantKind = data.complainant;
      break;
    case 'hearing-held': {
      // A hearing of the complainant, of the person complained about, or of both together.
      const heard = data.heard === 'both' ? (['complainant', 'subject'] as const) : data.heard === 'subject' ? (['subject'] as const) : (['complainant'] as const);
      next.heard = [...new Set([...(next.heard ?? []), ...heard])];
      break;
    }
    case 'involvement-recorded':
      next.involved = [...next.involved.filter((p) => p.email !== (data.person as InvolvedStaff).email), data.person as InvolvedStaff];
      break;
    case 'offer-made':
    case 'ruling-sent':
    case 'not-taken-up':
    case 'resolved':
      // A letter that records the event (a summary resolution recording ruling-sent) carries no decision: the one taken stands.
      if (data.decision !== undefined || !next.decision) next.decision = { ...(data.decision as Omit<Decision, 'decidedAt' | 'decidedBy'>), decidedAt: at, decidedBy: actor };
      if (type === 'resolved') next.status = next.decision.outcome === 'resolved-informally' ? 'resolved-informally' : 'ruled';
      break;
    case 'satisfaction-checked':
      next.satisfaction = { satisfied: Boolean(data.satisfied), ...(data.comment ? { comment: String(data.comment) } : {}), at };
      break;
    case 'signed-off':
      next.signOffs = [...next.signOffs, { role: String(data.role), by: actor, at }];
      break;
    case 'measures-recorded':
      next.measureIds = [...new Set([...next.measureIds, ...(data.measureIds as string[])])];
      break;
    case 'objection-received':
      next.objection = { receivedAt: String(data.receivedAt ?? at), text: String(data.text ?? '') };
      break;
    case 'objection-decided':
      if (next.objection) next.objection.decision = { ...(data.decision as Omit<Decision, 'decidedAt' | 'decidedBy'>), decidedAt: at, decidedBy: actor };
      break;
    case 'mail-undeliverable':
      if (String(data.recipient).toLowerCase() === next.complainant.email.toLowerCase()) {
        next.complainant = { ...next.complainant, emailProblem: { kind: data.kind as 'bounce' | 'complaint', at, messageId: String(data.messageId) } };
      }
      break;
    case 'stated-date-recorded':
      if (data.id === 'occurred-on') next.occurredOn = String(data.date);
      else next.statedDates = { ...next.statedDates, [String(data.id)]: String(data.date) };
      break;
    case 'external-referral-given':
      next.externalReferral = { body: String(data.body), at };
      break;
    case 'legal-hold-placed':
      next.legalHold = { reason: String(data.reason ?? ''), by: actor, at };
      break;
    case 'legal-hold-lifted':
      delete next.legalHold;
      break;
    default:
      break;
  }
}

/**
 * Routes whose condition now holds for the first time (a privacy complaint, a damage claim):
 * recorded on the complaint, and the milestones they name pass to the route's role. Returns the
 * route ids that newly applied (their roles are notified, letters/notices.ts).
 */
export function applyRoutes(regulation: Regulation, complaint: ComplaintRecord | NewComplaint): string[] {
  if (!regulation.routing.length) return [];
  const facts = factsOf(regulation, complaint as ComplaintRecord);
  const before = new Set(complaint.routes ?? []);
  const added = regulation.routing.filter((r) => !before.has(r.id) && conditionHolds(regulation, r.when, facts)).map((r) => r.id);
  if (!added.length) return [];
  complaint.routes = [...before, ...added];
  for (const milestone of complaint.milestones) {
    const role = routedRole(regulation, complaint, milestone.series ?? milestone.milestoneId);
    if (role && isLive(milestone)) milestone.responsibleRole = role;
  }
  return added;
}

/** The role a route made responsible for a milestone of this complaint, if one did (the last route wins). */
export function routedRole(regulation: Regulation, complaint: Pick<NewComplaint, 'routes'>, milestoneId: string): string | undefined {
  const routes = (complaint.routes ?? []).map((id) => regulation.routing.find((r) => r.id === id)).filter((r) => r?.responsibleFor.includes(milestoneId));
  return routes.at(-1)?.to;
}

/** The retention clock: set while the complaint is final, gone when it is reopened. */
function foldRetention(regulation: Regulation, before: ComplaintRecord, next: ComplaintRecord, at: string): void {
  const final = FINAL_STATUSES.includes(next.status);
  if (!final) {
    delete next.finalAt;
    delete next.retainUntil;
    return;
  }
  // A record final before finalAt existed counts from its `after` event, where it has one.
  if (!FINAL_STATUSES.includes(before.status)) next.finalAt = at;
  else next.finalAt ??= before.happened[regulation.retention.after] ?? at;
  const until = retentionEnd(regulation, next);
  if (until) next.retainUntil = until;
}

/** The regulation milestone a stored deadline belongs to (an occurrence belongs to its series). */
export function definitionOf(regulation: Regulation, milestone: Pick<MilestoneState, 'milestoneId' | 'series'>): Milestone | undefined {
  const id = milestone.series ?? milestone.milestoneId;
  return regulation.milestones.find((m) => m.id === id);
}

/** What the complaint's dates are counted from: its events, stated dates, missed milestones, classification. */
export function factsOf(regulation: Regulation, complaint: ComplaintRecord): ComplaintFacts {
  const missed: Record<string, string> = {};
  const metOnTime: string[] = [];
  for (const m of complaint.milestones) {
    if (m.series) continue;
    if (m.escalatedAt || m.missedAt || (m.metAt && m.metAt > m.dueAt)) missed[m.milestoneId] = m.dueAt;
    else if (m.status === 'met' && m.metAt) metOnTime.push(m.milestoneId);
  }
  const stated: Record<string, string> = { ...(complaint.occurredOn ? { 'occurred-on': complaint.occurredOn } : {}), ...complaint.statedDates };
  const paused = regulation.representation?.pausesClock && complaint.representative && complaint.happened['authorisation-received'];
  return {
    happened: complaint.happened,
    stated,
    missed,
    metOnTime,
    categories: complaint.categories,
    channel: complaint.channel,
    // Until staff say otherwise, a complainant is of the regulation's first kind (its usual complainant).
    ...((complaint.complainantKind ?? regulation.scope.complainants[0]?.id) ? { complainant: complaint.complainantKind ?? regulation.scope.complainants[0]!.id } : {}),
    representative: Boolean(complaint.representative),
    ...(paused ? { clockStartsAt: complaint.happened['authorisation-received'] } : {}),
  };
}

/**
 * Keeps the complaint's deadlines in step with what just happened: meets what the event fulfils,
 * marks what was missed, moves extended ones and those whose counting changed (a variant now
 * applies, a stated date was corrected), cancels what no longer applies or can no longer be met,
 * continues recurring series, and opens what the event made applicable.
 */
function updateMilestones(regulation: Regulation, next: ComplaintRecord, event: ComplaintEvent): Pick<AppliedEvent, 'scheduled' | 'unscheduled'> {
  const scheduled: MilestoneState[] = [];
  const unscheduled: MilestoneState[] = [];
  const at = event.at;
  const data = event.data ?? {};
  const meets = new Set(event.meets ?? []);

  for (const milestone of next.milestones) {
    if (!isLive(milestone)) continue;
    const definition = definitionOf(regulation, milestone);
    if (meets.has(milestone.milestoneId) || (definition && isMetBy(definition, event.type))) {
      milestone.status = 'met';
      milestone.metAt = at;
      unscheduled.push(milestone);
    } else if (milestone.status === 'open' && event.escalates?.includes(milestone.milestoneId)) {
      // A missed target is recorded without a breach; a missed hard term is one.
      if (milestone.kind === 'target') {
        milestone.status = 'missed';
        milestone.missedAt = at;
      } else {
        milestone.status = 'escalated';
        milestone.escalatedAt = at;
      }
    }
  }

  if (event.type === 'extension-notified') {
    const extension = data.until !== undefined ? { until: String(data.until) } : (data.period as Period);
    const moved = extendMilestone(regulation, next, String(data.milestoneId), extension, typeof data.consent === 'string' ? { at: data.consent, usedAt: at } : undefined);
    if (moved) scheduled.push(moved);
  }
  if (event.type === 'extension-consent-recorded') {
    const milestone = next.milestones.find((m) => m.milestoneId === String(data.milestoneId));
    if (milestone) {
      milestone.consents = [...(milestone.consents ?? []), { by: String(data.by), on: String(data.givenOn), form: data.form === 'written' ? 'written' : 'oral', at }];
    }
  }

  const facts = factsOf(regulation, next);

  // The end of the procedure (or of a series) cancels what can no longer be met.
  const stillPossible = ENDING_EVENTS[event.type];
  for (const milestone of next.milestones) {
    if (!isLive(milestone)) continue;
    const definition = definitionOf(regulation, milestone);
    const ended = stillPossible && definition && !definition.metBy.some((e) => stillPossible.includes(e));
    const seriesEnded = milestone.series && definition?.recurring?.until.includes(event.type);
    const noLongerApplies = definition && !milestone.series && !milestoneApplies(regulation, definition, facts);
    if (ended || seriesEnded || noLongerApplies) {
      milestone.status = 'cancelled';
      unscheduled.push(milestone);
    }
  }

  // Deadlines whose counting changed move: a variant now applies, a stated anchor was corrected.
  for (const milestone of next.milestones) {
    if (milestone.status !== 'open' || milestone.series) continue;
    const definition = definitionOf(regulation, milestone);
    if (!definition) continue;
    const anchor = anchorOf(regulation, definition, facts);
    if (!anchor) continue;
    const { period } = periodFor(regulation, definition, facts);
    if (anchor.on === milestone.anchorOn && sameJson(period, milestone.period)) continue;
    if (milestone.anchorOn === undefined || milestone.period === undefined) continue; // records from before: counted as they were
    const moved = scheduleFromDay(regulation, definition, anchor.on, { period, ...(milestone.extensions?.length ? { extensions: milestone.extensions as Extension[] } : {}) });
    Object.assign(milestone, { anchorOn: anchor.on, period, due: moved.due, dueAt: moved.dueAt.toISOString() });
    setReminder(milestone, moved.reminderOn);
    scheduled.push(milestone);
  }

  // Recurring series: once no occurrence is open, the next one follows (unless the series ended).
  for (const definition of regulation.milestones.filter((m) => m.recurring)) {
    const occurrences = next.milestones.filter((m) => m.series === definition.id);
    const last = occurrences.at(-1);
    if (!last || last.status === 'open' || last.status === 'cancelled') continue;
    if (definition.recurring!.until.some((e) => next.happened[e]) || FINAL_STATUSES.includes(next.status)) continue;
    const timeZone = regulation.organisation.timeZone;
    const metOn = last.metAt ? localDateOf(new Date(last.metAt), timeZone) : undefined;
    const following = nextOccurrence(regulation, definition, last.anchorOn ?? last.due, { occurrence: last.occurrence ?? occurrences.length, due: last.due, ...(metOn ? { metOn } : {}) });
    if (!following) continue;
    const state = toState(following, { anchorOn: last.anchorOn ?? following.anchorDate });
    next.milestones.push(state);
    scheduled.push(state);
  }

  for (const opened of openNewMilestones(regulation, next, facts)) {
    next.milestones.push(opened);
    scheduled.push(opened);
  }
  return { scheduled, unscheduled };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function setReminder(milestone: MilestoneState, reminderOn: string | undefined): void {
  if (reminderOn) milestone.reminderOn = reminderOn;
  else delete milestone.reminderOn;
}

/** A stored deadline from a computed one. An occurrence is keyed '<id>.<n>'; its series anchor is kept. */
function toState(m: ScheduledMilestone, extra: { anchorOn?: string; pausedFrom?: string } = {}): MilestoneState {
  const recurring = m.occurrence !== undefined;
  return {
    milestoneId: recurring ? occurrenceKey(m.milestoneId, m.occurrence!) : m.milestoneId,
    ...(recurring ? { series: m.milestoneId, occurrence: m.occurrence! } : {}),
    label: { nl: m.labels.nl, en: m.labels.en },
    kind: m.kind,
    anchor: m.anchor,
    anchorOn: extra.anchorOn ?? m.anchorDate,
    period: m.period,
    ...(extra.pausedFrom ? { pausedFrom: extra.pausedFrom } : {}),
    due: m.due,
    dueAt: m.dueAt.toISOString(),
    ...(m.reminderOn ? { reminderOn: m.reminderOn } : {}),
    responsibleRole: m.responsibleRole,
    ...(m.escalationRole ? { escalationRole: m.escalationRole } : {}),
    citation: m.citation.article,
    status: 'open',
  };
}

/**
 * Milestones whose anchor has now happened and whose conditions hold, not yet on the complaint.
 * While a required authorisation is missing and the regulation pauses the clock, the periods
 * counted from receipt wait: they count from the authorisation's arrival instead.
 */
export function openNewMilestones(regulation: Regulation, complaint: ComplaintRecord, facts = factsOf(regulation, complaint)): MilestoneState[] {
  const paused = clockPaused(regulation, complaint);
  const present = new Set(complaint.milestones.map((m) => m.series ?? m.milestoneId));
  const pausedFrom = facts.clockStartsAt ? localDateOf(new Date(complaint.happened.received!), regulation.organisation.timeZone) : undefined;
  return milestonesFor(regulation, facts)
    .filter((m) => !present.has(m.milestoneId))
    .filter((m) => !m.metBy.some((e) => complaint.happened[e]) || m.occurrence !== undefined)
    .filter((m) => !(paused && m.anchor === 'received' && !m.metBy.includes('acknowledged')))
    .filter((m) => !(m.occurrence !== undefined && FINAL_STATUSES.includes(complaint.status)))
    .map((m) => ({ ...m, responsibleRole: routedRole(regulation, complaint, m.milestoneId) ?? m.responsibleRole }))
    .map((m) => toState(m, m.anchor === 'received' && pausedFrom && !m.metBy.includes('acknowledged') ? { pausedFrom } : {}));
}

/** A required authorisation has not arrived and the regulation lets the deadlines wait for it. */
export function clockPaused(regulation: Regulation, complaint: Pick<ComplaintRecord, 'representative'>): boolean {
  return Boolean(regulation.representation?.pausesClock && complaint.representative?.authorisation === 'required');
}

function extendMilestone(regulation: Regulation, complaint: ComplaintRecord, milestoneId: string, extension: Extension, consentUsed?: { at: string; usedAt: string }): MilestoneState | undefined {
  const milestone = complaint.milestones.find((m) => m.milestoneId === milestoneId);
  const definition = milestone && definitionOf(regulation, milestone);
  if (!milestone || !definition) return undefined;
  const extensions = [...(milestone.extensions ?? []), extension] as Extension[];
  const anchorOn = milestone.anchorOn ?? legacyAnchorDay(regulation, complaint, definition);
  if (!anchorOn) return undefined;
  const period = (milestone.period as Period | undefined) ?? definition.period;
  const moved = scheduleFromDay(regulation, definition, anchorOn, { period, extensions });
  milestone.extensions = extensions;
  // An extension beyond the policy's own allowance used up the consent that allowed it.
  if (consentUsed) milestone.consents = (milestone.consents ?? []).map((c) => (c.at === consentUsed.at ? { ...c, usedAt: consentUsed.usedAt } : c));
  milestone.due = moved.due;
  milestone.dueAt = moved.dueAt.toISOString();
  setReminder(milestone, moved.reminderOn);
  if (milestone.status === 'escalated' || milestone.status === 'missed') milestone.status = 'open';
  return milestone;
}

/** How many extensions the policy allows without the complainant's consent. */
export function allowedWithoutConsent(definition: Milestone): number {
  const times = definition.extension?.times;
  return times === undefined ? 0 : times === 'unlimited' ? Number.POSITIVE_INFINITY : times;
}

/** The anchor day of a deadline stored before anchorOn was kept: from the complaint's events. */
function legacyAnchorDay(regulation: Regulation, complaint: ComplaintRecord, definition: Milestone): string | undefined {
  return anchorOf(regulation, definition, factsOf(regulation, complaint))?.on;
}

/** The first event of every complaint. */
export function registrationEvent(complaint: ComplaintRecord): ComplaintEvent {
  return {
    reference: complaint.reference,
    seq: 1,
    type: 'registered',
    at: complaint.receivedAt,
    actor: complaint.registeredBy,
    data: { channel: complaint.channel, mode: complaint.mode },
    ...(complaint.routes?.length ? { routed: complaint.routes } : {}),
  };
}
