/**
 * The state the in-memory fakes share, as the DynamoDB stores share one table: a write through
 * one port (a complaint's change queues outbox entries, a registration its status link) is seen
 * through the others. One MemoryTable per test (or per seed run); one fake per port over it.
 *
 * The fakes live in tests/support/fakes/ and are held to the same contract suites as the
 * DynamoDB stores (tests/contract/). The seed tool and the benchmarks import them from here too:
 * they are development tooling run from the repository, never bundled into a function.
 */
import { ConflictError } from '../../../shared/domain/errors.ts';
import type { AuditEntry, ComplaintWrite, LetterAsSent } from '../../../shared/domain/ports.ts';
import type { ComplaintRecord, OutboxEntry } from '../../../shared/domain/complaint/model.ts';
import type { ComplaintEvent } from '../../../shared/domain/complaint/events.ts';
import type { ReportComplaint } from '../../../shared/domain/report/figures.ts';
import type { Measure } from '../../../shared/domain/measures/measures.ts';
import type { ApiKey } from '../../../shared/domain/api-keys/api-keys.ts';
import type { AttachmentRecord, FileUsage } from '../../../shared/domain/attachments/files.ts';
import type { CalendarFeed } from '../../../shared/domain/complaint/calendar-feed.ts';

export interface StoredOutbox extends OutboxEntry {
  state: 'pending' | 'done';
  leaseUntil?: string;
  detail?: string;
  lastError?: string;
  /** What a delivered letter was (DeliveryResult.letter). */
  sent?: LetterAsSent;
  /** When it was delivered (DeliveryResult.deliveredAt). */
  deliveredAt?: string;
}

/** Outbox entries by `reference/entryId`, with an index by complaint so one complaint's go at once. */
export class OutboxMap extends Map<string, StoredOutbox> {
  private readonly byReference = new Map<string, Set<string>>();

  override set(key: string, value: StoredOutbox): this {
    super.set(key, value);
    // Map's constructor calls set before the index exists.
    if (this.byReference) {
      let keys = this.byReference.get(value.reference);
      if (!keys) this.byReference.set(value.reference, (keys = new Set()));
      keys.add(key);
    }
    return this;
  }

  /** Removes a complaint's entries. */
  deleteReference(reference: string): void {
    for (const key of this.byReference.get(reference) ?? []) super.delete(key);
    this.byReference.delete(reference);
  }
}

export interface MemoryTableOptions {
  /**
   * Hand out copies of stored views (default), as a database does. The seed tool turns it off
   * for speed: its use cases never change a view they read (applyEvent makes a new one).
   */
  copies?: boolean;
}

export class MemoryTable {
  readonly complaints = new Map<string, ComplaintRecord>();
  readonly eventLog = new Map<string, ComplaintEvent[]>();
  readonly outbox = new OutboxMap();
  readonly reportLines = new Map<string, ReportComplaint>();
  readonly voided = new Map<string, string>();
  readonly idempotency = new Map<string, { reference: string; requestHash: string }>();
  readonly sequences = new Map<number, number>();
  readonly gapsChecked = new Map<number, number>();
  readonly tokens = new Map<string, { reference: string; replacedAt?: string }>();
  readonly digests = new Map<string, { state: 'sending' | 'sent'; leaseUntil?: string; detail?: string }>();
  readonly measures = new Map<string, Measure>();
  readonly apiKeys = new Map<string, { key: ApiKey; hash: string }>();
  /** A complaint's subject hash (its registration's), and its search tokens: what the privacy index finds it by. */
  readonly subjects = new Map<string, string>();
  readonly searchTokens = new Map<string, readonly string[]>();
  readonly audit = new Map<string, AuditEntry>();
  /** Attachment items by `reference/id` (a scan recorded before the check leaves one without a name), and each side's usage by `reference/side`. */
  readonly attachments = new Map<string, Partial<AttachmentRecord>>();
  readonly fileUsage = new Map<string, FileUsage>();
  /** Calendar feeds by token hash (a revoked one kept, marked), and each owner's current one by lower-case e-mail. */
  readonly calendarFeeds = new Map<string, CalendarFeed & { revokedAt?: string }>();
  readonly calendarFeedOwners = new Map<string, { hash?: string; createdAt: string; revokedAt?: string }>();
  /** The hourly mail caps' counts by `hour/counter key`. */
  readonly mailCaps = new Map<string, number>();
  readonly copies: boolean;

  constructor(options: MemoryTableOptions = {}) {
    this.copies = options.copies ?? true;
  }

  copy<T>(value: T): T {
    return this.copies ? structuredClone(value) : value;
  }

  /** Queues entries as a transaction does: an entry id taken already is a conflict. */
  queue(entries: readonly OutboxEntry[]): void {
    for (const entry of entries) {
      if (this.outbox.has(outboxKey(entry))) throw new ConflictError(`outbox entry ${entry.entryId} exists`, true);
    }
    for (const entry of entries) this.outbox.set(outboxKey(entry), { ...entry, state: 'pending' });
  }

  /** Checks a write against the version before it (nothing is stored when it fails). */
  checkChange(write: ComplaintWrite): void {
    const current = this.complaints.get(write.next.reference);
    if (!current || current.version !== write.next.version - 1) throw new ConflictError('the complaint was changed by someone else; reload and try again', true);
    for (const entry of write.outbox) {
      if (this.outbox.has(outboxKey(entry))) throw new ConflictError(`outbox entry ${entry.entryId} exists`, true);
    }
  }

  /** Stores a checked write: the view, its report line, the event, the outbox entries. */
  applyChange(write: ComplaintWrite): void {
    this.complaints.set(write.next.reference, this.copy(write.next));
    this.reportLines.set(write.next.reference, write.reportLine);
    this.eventLog.get(write.next.reference)!.push(write.event);
    this.queue(write.outbox);
  }
}

export const outboxKey = (entry: Pick<OutboxEntry, 'reference' | 'entryId'>) => `${entry.reference}/${entry.entryId}`;
