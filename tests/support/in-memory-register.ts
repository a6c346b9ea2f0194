/** A plain in-memory ComplaintRegister for domain tests (no module mocks, same contract). */
import { ConflictError } from '../../shared/domain/errors.ts';
import type { ComplaintRegister, DeliveryResult, EventChange, LetterAsSent } from '../../shared/domain/ports.ts';
import type { ComplaintRecord, NewComplaint, OutboxEntry } from '../../shared/domain/complaint/model.ts';
import { registrationEvent, type ComplaintEvent } from '../../shared/domain/complaint/events.ts';

interface StoredOutbox extends OutboxEntry {
  state: 'pending' | 'done';
  leaseUntil?: string;
  detail?: string;
  lastError?: string;
  /** What a delivered letter was (DeliveryResult.letter). */
  sent?: LetterAsSent;
}

export class InMemoryRegister implements ComplaintRegister {
  readonly complaints = new Map<string, ComplaintRecord>();
  readonly eventLog = new Map<string, ComplaintEvent[]>();
  readonly outbox = new Map<string, StoredOutbox>();
  readonly voided = new Map<string, string>();
  private readonly idempotency = new Map<string, { reference: string; requestHash: string }>();
  private readonly sequences = new Map<number, number>();

  async findByIdempotencyKey(key: string) {
    return this.idempotency.get(key);
  }

  async allocateSequence(year: number) {
    const next = (this.sequences.get(year) ?? 0) + 1;
    this.sequences.set(year, next);
    return next;
  }

  async register(complaint: NewComplaint, outbox: OutboxEntry[], idempotency?: { key: string; requestHash: string }) {
    if (this.complaints.has(complaint.reference) || (idempotency && this.idempotency.has(idempotency.key))) throw new ConflictError('exists');
    const record = { ...complaint, version: 1 };
    this.complaints.set(record.reference, record);
    this.eventLog.set(record.reference, [registrationEvent(record)]);
    for (const entry of outbox) this.outbox.set(`${entry.reference}/${entry.entryId}`, { ...entry, state: 'pending' });
    if (idempotency) this.idempotency.set(idempotency.key, { reference: record.reference, requestHash: idempotency.requestHash });
    return record;
  }

  async voidReference(reference: string, reason: string) {
    this.voided.set(reference, reason);
  }

  async get(reference: string) {
    const found = this.complaints.get(reference);
    return found ? structuredClone(found) : undefined;
  }

  async appendEvent(change: EventChange, outbox: OutboxEntry[] = []) {
    this.applyChange(change);
    for (const entry of outbox) this.outbox.set(`${entry.reference}/${entry.entryId}`, { ...entry, state: 'pending' });
  }

  async events(reference: string) {
    return this.eventLog.get(reference) ?? [];
  }

  async pendingOutbox(now: Date, limit: number) {
    return [...this.outbox.values()]
      .filter((e) => e.state === 'pending' && (e.leaseUntil ?? e.nextAttemptAt) <= now.toISOString())
      .slice(0, limit)
      .map(({ state: _s, leaseUntil: _l, detail: _d, lastError: _e, ...entry }) => entry);
  }

  async claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date) {
    const stored = this.outbox.get(`${entry.reference}/${entry.entryId}`);
    if (!stored || stored.state !== 'pending' || (stored.leaseUntil && stored.leaseUntil >= now.toISOString())) return false;
    stored.leaseUntil = leaseUntil.toISOString();
    return true;
  }

  async completeOutbox(entry: OutboxEntry, result: DeliveryResult, change?: EventChange, outbox: OutboxEntry[] = []) {
    const stored = this.outbox.get(`${entry.reference}/${entry.entryId}`);
    if (!stored || stored.state !== 'pending') throw new ConflictError('not pending');
    if (change) this.applyChange(change);
    for (const o of outbox) this.outbox.set(`${o.reference}/${o.entryId}`, { ...o, state: 'pending' });
    stored.state = 'done';
    stored.detail = result.detail;
    if (result.letter) stored.sent = result.letter;
    delete stored.leaseUntil;
  }

  async releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }) {
    const stored = this.outbox.get(`${entry.reference}/${entry.entryId}`)!;
    stored.attempts = failure.attempts;
    stored.nextAttemptAt = failure.retryAt.toISOString();
    stored.lastError = failure.error;
    delete stored.leaseUntil;
  }

  async outboxEntryState(reference: string, entryId: string) {
    const stored = this.outbox.get(`${reference}/${entryId}`);
    return stored ? { state: stored.state, nextAttemptAt: stored.nextAttemptAt } : undefined;
  }

  private applyChange(change: EventChange) {
    const current = this.complaints.get(change.next.reference);
    if (!current || current.version !== change.next.version - 1) throw new ConflictError('version moved', true);
    this.complaints.set(change.next.reference, structuredClone(change.next));
    this.eventLog.get(change.next.reference)!.push(change.event);
  }
}

export class FakeClock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}
