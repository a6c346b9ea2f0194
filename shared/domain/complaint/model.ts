/** The complaint as the register stores it: a current view derived from its events. */
import type { IsoDate } from '../calendar/index.ts';
import type { LetterContent } from '../regulation/vocabulary.ts';

export type Language = 'nl' | 'en';

/** Where a complaint stands; derived from its events (see events.ts). */
export const COMPLAINT_STATUSES = [
  'registered',
  'acknowledged',
  'awaiting-authorisation',
  'assigned',
  'investigating',
  'offer-made',
  'ruled',
  'objection',
  'objection-decided',
  'referred-externally',
  'closed',
  'not-admissible',
  'withdrawn',
  'resolved-informally',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Statuses in which nothing more happens except archiving. */
export const FINAL_STATUSES: readonly ComplaintStatus[] = ['closed', 'not-admissible', 'withdrawn', 'resolved-informally', 'referred-externally'];

export interface StaffRef {
  /** The staff member's e-mail: what assignments, conflict checks and handler views match on. */
  email: string;
  name: string;
  function?: string;
}

export interface InvolvedStaff extends StaffRef {
  /** 'subject': the complaint is about them; 'service-provider': they delivered the service. */
  involvement: 'subject' | 'service-provider';
}

export interface Representative {
  name: string;
  email?: string;
  /** Which kind of representative (representation.kinds: a representative, a surviving relative, a parent). */
  kind?: string;
  /** 'required': the signed authorisation (machtiging) has not arrived yet. */
  authorisation: 'required' | 'received' | 'not-required';
}

export interface Decision {
  outcome: string;
  reasoning?: string;
  remedies?: string[];
  improvements?: string;
  /** By when the measures the decision names will be carried out. */
  measuresBy?: string;
  /** Where an advisory body advised (resolution.advice): whether the decision follows it, and why not. */
  advice?: { followed: boolean; deviation?: string };
  decidedAt: string;
  decidedBy: string;
}

export interface Complainant {
  name: string;
  email: string;
  /** Set when mail to the address bounced permanently or was marked as spam: letters need another way. */
  emailProblem?: { kind: 'bounce' | 'complaint'; at: string; messageId: string };
  phone?: string;
  language: Language;
}

export interface MilestoneState {
  /** The milestone's id; for an occurrence of a recurring milestone '<id>.<n>' (see series). */
  milestoneId: string;
  /** For an occurrence of a recurring milestone: the regulation milestone's id. */
  series?: string;
  /** For an occurrence of a recurring milestone: its number, 1, 2, ... */
  occurrence?: number;
  label: Record<Language, string>;
  /** 'hard' (a breach when missed) or 'target' (an aim); absent on records from before targets: hard. */
  kind?: 'hard' | 'target';
  /** What the period counts from (an event, stated:<id>, missed:<id>) and that local day. */
  anchor?: string;
  anchorOn?: IsoDate;
  /** The period counted (a variant's, when one applies). */
  period?: { unit: string; amount: number };
  /** The day the complaint came in, when the clock waited (for an authorisation) and counts from anchorOn instead. */
  pausedFrom?: IsoDate;
  due: IsoDate;
  /** End of the due day in the tenant's time zone, ISO instant. */
  dueAt: string;
  /** Working day on which the responsible person is reminded (09:00 local), if the regulation asks. */
  reminderOn?: IsoDate;
  /** The due date the last reminder was sent for (a moved deadline is reminded again). */
  remindedFor?: IsoDate;
  responsibleRole: string;
  escalationRole?: string;
  citation: string;
  /** 'escalated': a hard term passed unmet (a breach); 'missed': a target passed unmet. */
  status: 'open' | 'met' | 'escalated' | 'missed' | 'cancelled';
  metAt?: string;
  escalatedAt?: string;
  missedAt?: string;
  /** Extensions granted so far, in order (a period added to the previous end, or a new date). */
  extensions?: Array<{ unit: string; amount: number } | { until: IsoDate }>;
  /** Consents to a further extension recorded for this milestone; usedAt: the extension it allowed. */
  consents?: Array<{ by: string; on: IsoDate; form: 'written' | 'oral'; at: string; usedAt?: string }>;
}

/** Is the milestone still to be met (open, or missed but not yet met)? */
export function isLive(milestone: Pick<MilestoneState, 'status'>): boolean {
  return milestone.status === 'open' || milestone.status === 'escalated' || milestone.status === 'missed';
}

export interface NewComplaint {
  reference: string;
  year: number;
  tenantId: string;
  regulationVersion: string;
  receivedAt: string;
  /** The channel id from the regulation (or 'web-form' for the hosted form). */
  channel: string;
  mode: 'written' | 'oral';
  /** Who registered it: 'complainant' for the public form, a staff e-mail for staff intake. */
  registeredBy: string;
  complainant: Complainant;
  /** Who complains, as the regulation distinguishes them (scope.complainants: a client, a group, anonymous). */
  complainantKind?: string;
  representative?: Representative;
  categories: string[];
  /** Who the hearings so far heard (hearing-held): the complainant, the person complained about, or both. */
  heard?: Array<'complainant' | 'subject'>;
  /** Moved here from the register of another tenant (npm run migrate): that tenant and the reference it had there. */
  migratedFrom?: { tenant: string; reference: string };
  /** Routes of the regulation that applied to the complaint (routing:), in the order they did. */
  routes?: string[];
  involved: InvolvedStaff[];
  handler?: StaffRef;
  decision?: Decision;
  objection?: { receivedAt: string; text: string; decision?: Decision };
  externalReferral?: { body: string; at: string };
  satisfaction?: { satisfied: boolean; comment?: string; at: string };
  signOffs: Array<{ role: string; by: string; at: string }>;
  measureIds: string[];
  /** Events that have happened, first time each: what milestone anchors and conditions read. */
  happened: Record<string, string>;
  /** SHA-256 of the private status link's token (the token itself is never stored). */
  statusTokenHash?: string;
  description: string;
  occurredOn?: IsoDate;
  /** Dates stated about the complaint (stated-date id -> day), besides occurredOn; each can be corrected later. */
  statedDates?: Record<string, IsoDate>;
  place?: string;
  circumstances?: string;
  status: ComplaintStatus;
  milestones: MilestoneState[];
  /** When the complaint last reached a final status (the retention clock's fallback start). */
  finalAt?: string;
  /** End of the retention period: after it the personal data is anonymised (shared/domain/privacy). */
  retainUntil?: string;
  /** A pending dispute: neither retention nor an erasure request anonymises it (GDPR art. 17(3)(e)). */
  legalHold?: { reason: string; by: string; at: string };
  /** When the personal data was removed; only the figures the yearly report reads remain. */
  anonymisedAt?: string;
}

export interface ComplaintRecord extends NewComplaint {
  /** Optimistic-concurrency version: incremented on every recorded event. */
  version: number;
}

/** Create (or move) a one-time schedule, or delete one: both idempotent on the Scheduler. */
export type ScheduleChange = { kind: 'schedule'; name: string; at: string; timeZone: string; input: Record<string, unknown> } | { kind: 'unschedule'; name: string };

export type OutboxAction =
  | {
      kind: 'email';
      /** A notice of the regulation (or the product's default for its event). */
      letter: 'notice';
      notice: NoticeSpec;
      recipient: 'complainant' | 'staff';
      to: string;
      /** The event that caused it. */
      eventSeq: number;
      eventType?: string;
      meets?: string[];
      /** Only on the acknowledgement, only until it is sent: the private status link's token. */
      statusToken?: string;
    }
  | { kind: 'email'; letter: 'deadline-escalation' | 'deadline-reminder' | 'target-missed'; to: string; milestoneId: string; meets?: string[] }
  /** To the coordinator: a letter could not be delivered (bounce) or was marked as spam. */
  | { kind: 'email'; letter: 'delivery-problem'; to: string; recipient: string; problem: 'bounce' | 'complaint' | 'failed'; meets?: string[] }
  /** An event's schedule changes, in one entry: each is idempotent, so the entry is retried as a whole. */
  | { kind: 'schedules'; changes: ScheduleChange[] }
  /** One schedule change per entry: how entries were queued before they were grouped (still delivered). */
  | ScheduleChange
  /** The event, for the tenant's own system (queued with it when webhooks are on: complaint-write.ts). */
  | { kind: 'webhook'; event: ComplaintEvent }
  /** Every file of the complaint deleted from storage (queued with its anonymisation: retention, erasure). */
  | { kind: 'erase-files' };

export interface OutboxEntry {
  reference: string;
  entryId: string;
  createdAt: string;
  action: OutboxAction;
  attempts: number;
  /** When the next delivery attempt may start (after a failure, with backoff). */
  nextAttemptAt: string;
}

// The types the complaint's events, letters and ports share: here, so that none of those modules imports another for a type.

export interface ComplaintEventInput {
  type: string;
  at: Date;
  /** Who: a staff e-mail, 'complainant' or 'system'. */
  actor: string;
  /** Why, in the actor's words. */
  reason?: string;
  /** The regulation article the step served. */
  rule?: string;
  data?: Record<string, unknown>;
  /** Milestone ids this event fulfils. */
  meets?: string[];
  /** Milestone ids this event escalates. */
  escalates?: string[];
  /** Routes of the regulation (routing:) that this event made apply; their roles are notified. */
  routed?: string[];
}

/** A recorded event: the input as stored, numbered in the complaint's history. */
export interface ComplaintEvent extends Omit<ComplaintEventInput, 'at'> {
  reference: string;
  /** Position in the complaint's history; equals the complaint's version after applying it. */
  seq: number;
  at: string;
}

export interface NoticeSpec {
  /** The regulation notice id, or the product default's id. */
  id: string;
  /** Whose words these are: 'regulation' notices cite their article. */
  source: 'regulation' | 'product';
  contents: LetterContent[];
  /** The article the letter fulfils. */
  citation?: string;
  /** The event sending it records (when it is not the trigger itself). */
  records?: string;
}
