/**
 * The ports the domain needs from the outside world, one module per concern in ports/ (the
 * register's stores) and here the small ones (clock, mail, schedules, metrics, webhooks).
 * Adapters in shared/adapters implement them against AWS SDK clients; tests and the seed tool use
 * the in-memory fakes of tests/support/fakes/, held to the same contract (tests/contract/).
 */
import type { ComplaintEvent } from './complaint/model.ts';
import type { ComplaintStore } from './ports/complaints.ts';
import type { OutboxStore } from './ports/outbox.ts';
import type { ReferenceStore } from './ports/references.ts';

export type { ComplaintStore, ComplaintWrite, EventChange, Registration } from './ports/complaints.ts';
export type { DeliveryResult, OutboxStore } from './ports/outbox.ts';
export type { ReferenceLedger, ReferenceStore } from './ports/references.ts';
export { STATUS_TOKEN_REDACTED, type LetterAsSent, type LetterReader, type SentLetter } from './ports/letters.ts';
export type { AuditEntry, AuditLog, PrivacyStore } from './ports/privacy.ts';
export type { ComplaintLists, ComplaintQuery } from './ports/lists.ts';
export type { DigestStore, StatusLinkLookup, StatusLinkStore } from './ports/status-links.ts';
export type { AttachmentReader, AttachmentRecorder, FileStore, StoredFile, UploadForm, UploadFormRequest } from './ports/attachments.ts';
export type { ComplaintRecord } from './complaint/model.ts';

export interface Clock {
  now(): Date;
}

/**
 * The register as the workflow's use cases see it (a fake or DynamoDbComplaintRegister): the
 * complaints with their events, the outbox, and the reference counter.
 */
export type { ComplaintEventInput } from './complaint/model.ts';

export type ComplaintRegister = ComplaintStore & OutboxStore & Pick<ReferenceStore, 'allocateSequence' | 'voidReference'>;

export interface OutgoingMail {
  /** The complaint the letter belongs to: SES tags the message with it, so a bounce finds its way back. */
  reference?: string;
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Sends one message; returns the provider's message id. */
  send(mail: OutgoingMail): Promise<string>;
}

/**
 * One hourly counter of the mail caps: the tenant's letters this hour, or one recipient's (by a
 * hash of the address, never the address).
 */
export interface CapCounter {
  /** `tenant`, or `recipient:<hash>`. */
  key: string;
  /** How many the hour may count at most. */
  cap: number;
}

/**
 * The hourly mail caps' counters (complaint intake mails an acknowledgement to an address anyone
 * may type): durable and shared by every function instance, so a cap holds however many
 * instances take requests. Counts reset with the hour (the clock's UTC hour).
 */
export interface MailCaps {
  /**
   * Counts one against every counter of `hour` when each is below its cap, or none when one is
   * not: then the first counter that is full.
   */
  take(hour: string, counters: readonly CapCounter[]): Promise<{ full?: CapCounter }>;
  /** Takes a count back (what was counted did not happen after all). Best effort. */
  giveBack(hour: string, counters: readonly CapCounter[]): Promise<void>;
}

/**
 * Whether a mail domain can receive mail (its MX records, else its address records, RFC 5321
 * 5.1; a null MX, RFC 7505, says it cannot). `unknown` when it could not be found out in time (a
 * resolver that failed or was slow): intake then takes the address, rather than refusing
 * complaints whenever DNS has a bad minute.
 */
export interface MailDomains {
  receivesMail(domain: string): Promise<'yes' | 'no' | 'unknown'>;
}

/** What the operator counts: each a CloudWatch metric in AWS (shared/adapters/metrics.ts). */
export type CountMetric = 'ComplaintsRegistered' | 'LettersSent' | 'LettersFailed' | 'DeadlinesMissed' | 'Bounces';

/**
 * The business figures the operator watches, recorded by the use cases where they happen and
 * written once per invocation. Numbers only: never a reference, a name or an address.
 */
export interface Metrics {
  /** Adds `n` (default 1) to a count. */
  count(name: CountMetric, n?: number): void;
  /** How long the oldest outbox entry a drain found waiting has waited; of several in one invocation the largest counts. */
  observe(name: 'OutboxBacklogAgeSeconds', seconds: number): void;
}

export interface OneTimeSchedule {
  name: string;
  /** When it fires, as an instant; adapters render it in the tenant's time zone. */
  at: Date;
  timeZone: string;
  input: Record<string, unknown>;
}

export interface DeadlineScheduler {
  /** Creates the schedule, or moves an existing one with the same name to the new time. */
  ensure(schedule: OneTimeSchedule): Promise<void>;
  /** Deletes it; succeeds quietly when it is already gone. */
  remove(name: string): Promise<void>;
  /** Whether a schedule of that name exists (the sweeper repairs lost ones). */
  exists(name: string): Promise<boolean>;
}

/**
 * Delivers one complaint event to the tenant's own system (signed webhook). Throws when the
 * receiver did not take it (no answer, timeout, non-2xx): the outbox retries with backoff.
 */
export interface WebhookPublisher {
  /** Returns a short delivery detail for the outbox (e.g. the receiver's status code). */
  publish(event: ComplaintEvent): Promise<string>;
}
