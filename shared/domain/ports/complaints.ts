/**
 * The complaints and their events: the current view of each complaint, its immutable events, and
 * the one write that changes both (with what the change queues and the report line it leaves).
 */
import type { ComplaintRecord, OutboxEntry } from '../complaint/model.ts';
import type { ComplaintEvent } from '../complaint/events.ts';
import type { ReportComplaint } from '../report/figures.ts';
import type { RollupChange } from '../report/rollup.ts';

/** A complaint's next view and the event that produced it (see applyEvent). */
export interface EventChange {
  next: ComplaintRecord;
  event: ComplaintEvent;
}

/**
 * One change of a complaint as it is stored, whole (complaint/complaint-write.ts builds it): the
 * view with its report line, the event, and every outbox entry it queues (a webhook's among them).
 */
export interface ComplaintWrite extends EventChange {
  /** The complaint's line for the yearly report, as of `next`. */
  reportLine: ReportComplaint;
  /** What the change adds to the report's monthly rollups (report/rollup.ts), in the same transaction. */
  rollup: RollupChange;
  outbox: OutboxEntry[];
}

/** A new complaint as stored: its first view and event (seq 1), and what belongs to it alone. */
export interface Registration extends ComplaintWrite {
  idempotency?: { key: string; requestHash: string };
  /** Keyed hashes of the complainant's name words and address (search.ts), never the words. */
  searchTokens: readonly string[];
  /** The complainant's subject hash (privacy/subject.ts): their complaints are found by it. */
  subject?: string;
}

export interface ComplaintStore {
  get(reference: string): Promise<ComplaintRecord | undefined>;
  /** A complaint's events, oldest first. */
  events(reference: string): Promise<ComplaintEvent[]>;
  /** Finds the complaint an idempotency key already registered, if any. */
  findByIdempotencyKey(key: string): Promise<{ reference: string; requestHash: string } | undefined>;
  /**
   * Writes the complaint, its first event, its outbox entries, its status link, idempotency key and
   * search tokens atomically. Throws ConflictError when the reference or the key was taken.
   */
  register(registration: Registration): Promise<void>;
  /**
   * Stores an event with the view it produced and queues its outbox entries in one transaction,
   * guarded by the version before it (ConflictError when another change got there first).
   */
  appendEvent(write: ComplaintWrite): Promise<void>;
}
