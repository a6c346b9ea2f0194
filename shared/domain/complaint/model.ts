/** The complaint as the register stores it: a current view derived from its events. */
import type { IsoDate } from '../calendar/index.ts';
import type { NoticeSpec } from '../letters/notices.ts';
import type { ComplaintEvent } from './events.ts';

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
  /** 'required': the signed authorisation (machtiging) has not arrived yet. */
  authorisation: 'required' | 'received' | 'not-required';
}

export interface Decision {
  outcome: string;
  reasoning?: string;
  remedies?: string[];
  improvements?: string;
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
  milestoneId: string;
  label: Record<Language, string>;
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
  status: 'open' | 'met' | 'escalated' | 'cancelled';
  metAt?: string;
  escalatedAt?: string;
  /** Extensions granted so far, in order (each added to the previous end). */
  extensions?: Array<{ unit: string; amount: number }>;
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
  representative?: Representative;
  categories: string[];
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
  | { kind: 'email'; letter: 'deadline-escalation' | 'deadline-reminder'; to: string; milestoneId: string; meets?: string[] }
  /** To the coordinator: a letter could not be delivered (bounce) or was marked as spam. */
  | { kind: 'email'; letter: 'delivery-problem'; to: string; recipient: string; problem: 'bounce' | 'complaint'; meets?: string[] }
  | { kind: 'schedule'; name: string; at: string; timeZone: string; input: Record<string, unknown> }
  | { kind: 'unschedule'; name: string }
  /** The event, for the tenant's own system (queued by the register when webhooks are on). */
  | { kind: 'webhook'; event: ComplaintEvent };

export interface OutboxEntry {
  reference: string;
  entryId: string;
  createdAt: string;
  action: OutboxAction;
  attempts: number;
  /** When the next delivery attempt may start (after a failure, with backoff). */
  nextAttemptAt: string;
}
