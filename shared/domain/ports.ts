/**
 * The ports the domain needs from the outside world. Adapters in shared/adapters implement
 * them against AWS SDK clients; domain tests use plain in-memory fakes.
 */
import type { ComplaintRecord, NewComplaint, OutboxEntry } from './complaint/model.ts';
import type { ComplaintEvent } from './complaint/events.ts';
import type { NoticeSpec } from './letters/notices.ts';
import type { AttachmentRecord, FileUsage, FileLimits, ScanStatus, UploadSide } from './attachments/files.ts';

export interface Clock {
  now(): Date;
}

export interface RegisterResult {
  complaint: ComplaintRecord;
  /** True when an earlier request with the same idempotency key already registered it. */
  replayed: boolean;
}

export interface ComplaintRegister {
  /** Finds the complaint an idempotency key already registered, if any. */
  findByIdempotencyKey(key: string): Promise<{ reference: string; requestHash: string } | undefined>;
  /** Allocates the next sequence number for a year: never returns the same number twice. */
  allocateSequence(year: number): Promise<number>;
  /**
   * Writes the complaint, its first event and its outbox entries atomically, with its search
   * tokens (search.ts: keyed hashes of its complainant's name words and address, never the words).
   * Throws ConflictError when the idempotency key was taken concurrently.
   */
  register(complaint: NewComplaint, outbox: OutboxEntry[], idempotency?: { key: string; requestHash: string }, searchTokens?: readonly string[], subject?: string): Promise<ComplaintRecord>;
  /** Records that a reference number was allocated but not used, and why (audit of gaps). */
  voidReference(reference: string, reason: string): Promise<void>;
  get(reference: string): Promise<ComplaintRecord | undefined>;
  /**
   * Stores an event with the view it produced and queues its outbox entries in one transaction,
   * guarded by the version before it (ConflictError when another change got there first).
   */
  appendEvent(change: EventChange, outbox?: OutboxEntry[]): Promise<void>;
  events(reference: string): Promise<ComplaintEvent[]>;
  /** Outbox entries not yet delivered whose next attempt is due, oldest first. */
  pendingOutbox(now: Date, limit: number): Promise<OutboxEntry[]>;
  /** Takes an entry for delivery; false when another worker holds it or it is done. */
  claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Marks an entry delivered; with a change, records its event (and queues what it causes) in the same transaction. */
  completeOutbox(entry: OutboxEntry, result: DeliveryResult, change?: EventChange, outbox?: OutboxEntry[]): Promise<void>;
  releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }): Promise<void>;
  /** Whether an outbox entry is still pending or done (and when it is next due); undefined when there is none. */
  outboxEntryState(reference: string, entryId: string): Promise<{ state: 'pending' | 'done'; nextAttemptAt: string } | undefined>;
}

/** A delivered outbox entry: when, a short detail, and for a letter what was sent (kept with the entry). */
export interface DeliveryResult {
  deliveredAt: Date;
  detail: string;
  letter?: LetterAsSent;
}

/** A complaint's next view and the event that produced it (see applyEvent). */
export interface EventChange {
  next: ComplaintRecord;
  event: ComplaintEvent;
}

export type { ComplaintRecord };

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

/** One line of the tenant's privacy audit log: who did what to whose data, never the data itself. */
export interface AuditEntry {
  id: string;
  at: string;
  /** A staff e-mail, or 'system' (retention). */
  actor: string;
  action: 'subject-export' | 'subject-erasure' | 'retention-anonymised' | 'legal-hold-placed' | 'legal-hold-lifted' | 'attachment-download';
  /**
   * The subject's keyed hash (HMAC under the tenant's key, shared/domain/privacy/subject.ts; never
   * the address). Entries written before it carry the unkeyed SHA-256 (docs/security.md).
   */
  subjectHash?: string;
  references: string[];
  /** Why, in the actor's words (erasure requests, holds). */
  reason?: string;
  /** What was not done and why (held or still open complaints). */
  skipped?: Array<{ reference: string; why: string }>;
  /** The attachment a download opened (its id; never its name or content). */
  attachment?: string;
}

/** What a letter the register sent was: the outbox entry that delivered it. */
export interface SentLetter {
  entryId: string;
  letter: string;
  recipient: string;
  to: string;
  eventSeq?: number;
  eventType?: string;
  createdAt: string;
  deliveredAt?: string;
  /** The deadline a reminder, escalation or missed-target letter was about. */
  milestoneId?: string;
  state: 'pending' | 'done';
  /** Which notice it was: its contents and the rule it follows from. */
  notice?: NoticeSpec;
  /** What was sent, kept with the delivered entry (absent for letters delivered before letters were kept). */
  sent?: LetterAsSent;
}

/**
 * A letter as it went out: subject, text and HTML as composed at delivery, the address, when and
 * the provider's message id. A private status link's token is never kept: it stands as
 * STATUS_TOKEN_REDACTED in the kept copy.
 */
export interface LetterAsSent {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
  messageId: string;
}

/** What stands in a kept letter where the complainant's private status token was. */
export const STATUS_TOKEN_REDACTED = '[persoonlijke-link]';

/** The register's side of the GDPR duties: retention, subject access, erasure, the audit log. */
export interface PrivacyRegister {
  /** Complaints whose retention period ended before `now` and that are not held (an index, never a scan). */
  dueForRetention(now: Date, limit: number): Promise<string[]>;
  /** References of the complaints whose complainant has this subject hash (an index, never a scan). */
  findBySubject(subjectHash: string): Promise<string[]>;
  /** The letters queued for a complaint, delivered or not. */
  letters(reference: string): Promise<SentLetter[]>;
  /**
   * Replaces a complaint's events by their scrubbed form, then in one transaction guarded by the
   * version before `change`: writes the anonymised view and its event, deletes the status link,
   * the idempotency key and every outbox entry (queuing `outbox` instead).
   */
  anonymise(change: EventChange, scrubbed: ComplaintEvent[], outbox?: OutboxEntry[]): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** The audit log, newest first. */
  listAudit(limit: number, cursor?: string): Promise<{ items: AuditEntry[]; cursor?: string }>;
  /** References of the complaints that carry this search token (a representative's address, docs/search.md). */
  findBySearchToken?(token: string): Promise<string[]>;
  /** Rewrites an audit entry in place (its words redacted on erasure; the same id and time). */
  replaceAudit?(entry: AuditEntry): Promise<void>;
}

// --- attachments ------------------------------------------------------------------------------

/** The register's side of a complaint's attachments: what arrived, its check and its scan. */
export interface AttachmentReader {
  /** A complaint's attachments that arrived (refused ones included), oldest first. */
  attachments(reference: string): Promise<AttachmentRecord[]>;
  attachment(reference: string, id: string): Promise<AttachmentRecord | undefined>;
  /** What one side has uploaded to the complaint so far (files that count against its limits). */
  fileUsage(reference: string, side: UploadSide): Promise<FileUsage>;
}

export interface AttachmentRecorder extends AttachmentReader {
  /**
   * Records a file that passed the check, counted against its side's limits in the same
   * transaction: 'duplicate' when it was recorded already, 'over-limit' (with which) when it does
   * not fit, 'complaint-gone' when the complaint does not exist or was anonymised.
   */
  recordArrival(record: AttachmentRecord, side: UploadSide, limits: FileLimits): Promise<'recorded' | 'duplicate' | 'complaint-gone' | 'too-many-files' | 'too-much-in-total'>;
  /** Records a refused file (it is not counted and its object is deleted). */
  recordRefusal(record: AttachmentRecord): Promise<void>;
  /** Records the scan's verdict for a file (before or after its arrival was recorded). */
  recordScan(reference: string, id: string, scan: { status: ScanStatus; at: string; etag?: string }): Promise<void>;
}

/** A presigned upload form: where to POST and the fields to send before the file. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

export interface UploadFormRequest {
  key: string;
  /** The exact size declared (content-length-range [size, size]), or the largest allowed. */
  size: { exactly: number } | { atMost: number };
  /** The exact Content-Type declared, or none (then any, and the content decides). */
  contentType?: string;
  /** x-amz-meta-* values the policy pins. */
  metadata: Record<string, string>;
  /** x-amz-meta-* fields the uploader fills in (any value). */
  openMetadata?: string[];
  /** Where the storage sends the browser after a form upload (no-JavaScript pages). */
  redirect?: string;
  expiresSeconds: number;
}

/** What the check reads of a stored file. */
export interface StoredFile {
  size: number;
  etag: string;
  contentType?: string;
  metadata: Record<string, string>;
  head: Uint8Array;
  tail: Uint8Array;
}

/** The tenant's file storage (S3 in AWS; s3rver locally): presigned forms and links, reads for the check, deletes. */
export interface FileStore {
  uploadForm(request: UploadFormRequest): Promise<UploadForm>;
  /** A short-lived link that downloads the file as an attachment with this name and type. */
  downloadUrl(key: string, options: { fileName: string; contentType: string; expiresSeconds: number }): Promise<string>;
  /** Size, ETag, declared type, metadata and the first and last bytes; undefined when it is gone. */
  inspect(key: string, headBytes: number, tailBytes: number): Promise<StoredFile | undefined>;
  remove(key: string): Promise<void>;
  /** Deletes every object under the prefix; returns how many. */
  removeAll(prefix: string): Promise<number>;
}
