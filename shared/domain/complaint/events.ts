/**
 * Events are the record an auditor trusts: immutable, numbered per complaint. The current view
 * is derived by applying them in order; this is the only place that derivation lives. Applying
 * an event also opens the milestones its regulation anchors on it, meets the ones it fulfils,
 * moves extended ones and cancels the ones that can no longer be met.
 */
import { instantAt, type Period } from '../calendar/index.ts';
import type { Regulation } from '../regulation/index.ts';
import { applicableMilestones, scheduleMilestone } from '../regulation/milestones.ts';
import type { EventName } from '../regulation/vocabulary.ts';
import type { ComplaintEventInput } from '../ports.ts';
import { FINAL_STATUSES, type ComplaintRecord, type ComplaintStatus, type Decision, type InvolvedStaff, type MilestoneState, type StaffRef } from './model.ts';
import { retentionEnd } from '../privacy/retention.ts';

/** A recorded event: the input as stored, numbered in the complaint's history. */
export interface ComplaintEvent extends Omit<ComplaintEventInput, 'at'> {
  reference: string;
  /** Position in the complaint's history; equals the complaint's version after applying it. */
  seq: number;
  at: string;
}

export interface AppliedEvent {
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
export const RECORD_EVENTS: ReadonlySet<string> = new Set(['anonymised', 'legal-hold-placed', 'legal-hold-lifted', 'subject-data-exported']);

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

  const scheduled: MilestoneState[] = [];
  const unscheduled: MilestoneState[] = [];
  const meets = new Set(input.meets ?? []);
  for (const milestone of next.milestones) {
    const live = milestone.status === 'open' || milestone.status === 'escalated';
    if (live && (meets.has(milestone.milestoneId) || regulationMilestone(regulation, milestone.milestoneId)?.metBy === input.type)) {
      milestone.status = 'met';
      milestone.metAt = at;
      unscheduled.push(milestone);
    } else if (milestone.status === 'open' && input.escalates?.includes(milestone.milestoneId)) {
      milestone.status = 'escalated';
      milestone.escalatedAt = at;
    }
  }

  if (input.type === 'extension-notified') {
    const moved = extendMilestone(regulation, next, String(data.milestoneId), data.period as Period);
    if (moved) scheduled.push(moved);
  }

  const stillPossible = ENDING_EVENTS[input.type];
  if (stillPossible) {
    for (const milestone of next.milestones) {
      const metBy = regulationMilestone(regulation, milestone.milestoneId)?.metBy;
      if ((milestone.status === 'open' || milestone.status === 'escalated') && metBy && !stillPossible.includes(metBy)) {
        milestone.status = 'cancelled';
        unscheduled.push(milestone);
      }
    }
  }

  for (const opened of openNewMilestones(regulation, next)) {
    next.milestones.push(opened);
    scheduled.push(opened);
  }
  return { next, event, scheduled, unscheduled };
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
      break;
    case 'involvement-recorded':
      next.involved = [...next.involved.filter((p) => p.email !== (data.person as InvolvedStaff).email), data.person as InvolvedStaff];
      break;
    case 'offer-made':
    case 'ruling-sent':
    case 'not-taken-up':
    case 'resolved':
      next.decision = { ...(data.decision as Omit<Decision, 'decidedAt' | 'decidedBy'>), decidedAt: at, decidedBy: actor };
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

function regulationMilestone(regulation: Regulation, milestoneId: string) {
  return regulation.milestones.find((m) => m.id === milestoneId);
}

/**
 * Milestones whose anchor has now happened and whose condition holds, not yet on the complaint.
 * While a required authorisation is missing and the regulation pauses the clock, the periods
 * counted from receipt wait: they count from the authorisation's arrival instead.
 */
export function openNewMilestones(regulation: Regulation, complaint: ComplaintRecord): MilestoneState[] {
  const happened: Partial<Record<EventName, Date>> = {};
  for (const [name, at] of Object.entries(complaint.happened)) happened[name as EventName] = new Date(at);
  const paused = clockPaused(regulation, complaint);
  if (regulation.representation?.pausesClock && complaint.happened['authorisation-received'] && complaint.representative) {
    happened.received = new Date(complaint.happened['authorisation-received']);
  }
  const present = new Set(complaint.milestones.map((m) => m.milestoneId));
  const context = {
    categories: complaint.categories,
    channel: complaint.channel,
    representative: Boolean(complaint.representative),
  };
  return applicableMilestones(regulation, happened, context)
    .filter((m) => !present.has(m.milestoneId))
    .filter((m) => !complaint.happened[m.metBy])
    .filter((m) => !(paused && m.anchor === 'received' && m.metBy !== 'acknowledged'))
    .map((m) => ({
      milestoneId: m.milestoneId,
      label: { nl: m.labels.nl, en: m.labels.en },
      due: m.due,
      dueAt: m.dueAt.toISOString(),
      ...(m.reminderOn ? { reminderOn: m.reminderOn } : {}),
      responsibleRole: m.responsibleRole,
      ...(m.escalationRole ? { escalationRole: m.escalationRole } : {}),
      citation: m.citation.article,
      status: 'open' as const,
    }));
}

/** A required authorisation has not arrived and the regulation lets the deadlines wait for it. */
export function clockPaused(regulation: Regulation, complaint: Pick<ComplaintRecord, 'representative'>): boolean {
  return Boolean(regulation.representation?.pausesClock && complaint.representative?.authorisation === 'required');
}

function extendMilestone(regulation: Regulation, complaint: ComplaintRecord, milestoneId: string, period: Period): MilestoneState | undefined {
  const milestone = complaint.milestones.find((m) => m.milestoneId === milestoneId);
  const definition = regulationMilestone(regulation, milestoneId);
  if (!milestone || !definition) return undefined;
  const extensions = [...(milestone.extensions ?? []), period];
  const anchorAt = anchorInstant(regulation, complaint, definition.anchor);
  if (!anchorAt) return undefined;
  const moved = scheduleMilestone(regulation, definition, new Date(anchorAt), { extensions: extensions as Period[] });
  milestone.extensions = extensions;
  milestone.due = moved.due;
  milestone.dueAt = moved.dueAt.toISOString();
  if (moved.reminderOn) milestone.reminderOn = moved.reminderOn;
  else delete milestone.reminderOn;
  if (milestone.status === 'escalated') milestone.status = 'open';
  return milestone;
}

/**
 * When a milestone's anchor happened for this complaint: receipt counts from the authorisation's
 * arrival when the regulation pauses the clock for it.
 */
export function anchorInstant(regulation: Regulation, complaint: Pick<ComplaintRecord, 'happened'>, anchor: string): string | undefined {
  if (anchor === 'received' && regulation.representation?.pausesClock && complaint.happened['authorisation-received']) {
    return complaint.happened['authorisation-received'];
  }
  return complaint.happened[anchor];
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
  };
}
