/**
 * The ports the domain needs from the outside world. Adapters in shared/adapters implement
 * them against AWS SDK clients; domain tests use plain in-memory fakes.
 */
import type { ComplaintRecord, NewComplaint, OutboxEntry } from './complaint/model.ts';
import type { ComplaintEvent } from './complaint/events.ts';

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
   * Writes the complaint, its first event and its outbox entries atomically.
   * Throws ConflictError when the idempotency key was taken concurrently.
   */
  register(complaint: NewComplaint, outbox: OutboxEntry[], idempotency?: { key: string; requestHash: string }): Promise<ComplaintRecord>;
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
  completeOutbox(entry: OutboxEntry, result: { deliveredAt: Date; detail: string }, change?: EventChange, outbox?: OutboxEntry[]): Promise<void>;
  releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }): Promise<void>;
  /** Whether an outbox entry is still pending or done (and when it is next due); undefined when there is none. */
  outboxEntryState(reference: string, entryId: string): Promise<{ state: 'pending' | 'done'; nextAttemptAt: string } | undefined>;
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
