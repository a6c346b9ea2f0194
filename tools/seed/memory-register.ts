/**
 * An in-memory ComplaintRegister and MeasureStore for generating histories without a database
 * (the report benchmark's 100,000 complaints). Same contract as the DynamoDB adapter: version-
 * guarded events, outbox claims and completions. Finished complaints are taken out with take(),
 * so memory stays flat however many are generated.
 *
 * Views are stored and handed out without copies (copying was a third of the time): the use
 * cases never change a view they read, applyEvent makes the next one as a new object.
 */
import { ConflictError } from '../../shared/domain/errors.ts';
import type { ComplaintRegister, EventChange } from '../../shared/domain/ports.ts';
import type { ComplaintRecord, NewComplaint, OutboxEntry } from '../../shared/domain/complaint/model.ts';
import { registrationEvent, type ComplaintEvent } from '../../shared/domain/complaint/events.ts';
import type { Measure, MeasureStore } from '../../shared/domain/measures/measures.ts';

interface StoredOutbox extends OutboxEntry {
  state: 'pending' | 'done';
  leaseUntil?: string;
}

export class MemoryRegister implements ComplaintRegister, MeasureStore {
  private readonly complaints = new Map<string, ComplaintRecord>();
  private readonly eventLog = new Map<string, ComplaintEvent[]>();
  private readonly outbox = new Map<string, Map<string, StoredOutbox>>();
  private readonly measures = new Map<string, Measure>();
  private readonly sequences = new Map<number, number>();

  /** Start a year's counter after `last` (continue a table's references). */
  continueSequence(year: number, last: number): void {
    this.sequences.set(year, last);
  }

  lastSequence(year: number): number {
    return this.sequences.get(year) ?? 0;
  }

  /** Removes a complaint with its events and outbox, and returns them (what an export writes). */
  take(reference: string): { complaint: ComplaintRecord; events: ComplaintEvent[] } | undefined {
    const complaint = this.complaints.get(reference);
    if (!complaint) return undefined;
    const events = this.eventLog.get(reference) ?? [];
    this.complaints.delete(reference);
    this.eventLog.delete(reference);
    this.outbox.delete(reference);
    return { complaint, events };
  }

  /** Removes and returns every measure (they are linked by id from the complaints). */
  takeMeasures(): Measure[] {
    const all = [...this.measures.values()];
    this.measures.clear();
    return all;
  }

  async findByIdempotencyKey() {
    return undefined;
  }

  async allocateSequence(year: number) {
    const next = (this.sequences.get(year) ?? 0) + 1;
    this.sequences.set(year, next);
    return next;
  }

  async register(complaint: NewComplaint, outbox: OutboxEntry[]) {
    if (this.complaints.has(complaint.reference)) throw new ConflictError('exists');
    const record = { ...complaint, version: 1 };
    this.complaints.set(record.reference, record);
    this.eventLog.set(record.reference, [registrationEvent(record)]);
    this.queue(outbox);
    return record;
  }

  async voidReference() {}

  async get(reference: string) {
    return this.complaints.get(reference);
  }

  async appendEvent(change: EventChange, outbox: OutboxEntry[] = []) {
    this.applyChange(change);
    this.queue(outbox);
  }

  async events(reference: string) {
    return [...(this.eventLog.get(reference) ?? [])];
  }

  async pendingOutbox(now: Date, limit: number) {
    const due: OutboxEntry[] = [];
    for (const entries of this.outbox.values()) {
      for (const { state, leaseUntil, ...entry } of entries.values()) {
        if (state === 'pending' && (leaseUntil ?? entry.nextAttemptAt) <= now.toISOString()) due.push(entry);
        if (due.length >= limit) return due;
      }
    }
    return due;
  }

  async claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date) {
    const stored = this.stored(entry);
    if (!stored || stored.state !== 'pending' || (stored.leaseUntil && stored.leaseUntil >= now.toISOString())) return false;
    stored.leaseUntil = leaseUntil.toISOString();
    return true;
  }

  async completeOutbox(entry: OutboxEntry, _result: { deliveredAt: Date; detail: string }, change?: EventChange, outbox: OutboxEntry[] = []) {
    const stored = this.stored(entry);
    if (!stored || stored.state !== 'pending') throw new ConflictError('not pending');
    if (change) this.applyChange(change);
    this.queue(outbox);
    stored.state = 'done';
    delete stored.leaseUntil;
  }

  async releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date }) {
    const stored = this.stored(entry);
    if (!stored) return;
    stored.attempts = failure.attempts;
    stored.nextAttemptAt = failure.retryAt.toISOString();
    delete stored.leaseUntil;
  }

  async outboxEntryState(reference: string, entryId: string) {
    const stored = this.outbox.get(reference)?.get(entryId);
    return stored ? { state: stored.state, nextAttemptAt: stored.nextAttemptAt } : undefined;
  }

  async putMeasure(measure: Measure) {
    const current = this.measures.get(measure.id);
    if ((current?.version ?? 0) !== measure.version - 1) throw new ConflictError('the measure was changed by someone else; reload and try again');
    this.measures.set(measure.id, structuredClone(measure));
  }

  async getMeasure(id: string) {
    const found = this.measures.get(id);
    return found ? structuredClone(found) : undefined;
  }

  async listMeasures(limit: number) {
    return { items: [...this.measures.values()].slice(0, limit) };
  }

  private stored(entry: Pick<OutboxEntry, 'reference' | 'entryId'>) {
    return this.outbox.get(entry.reference)?.get(entry.entryId);
  }

  private queue(entries: OutboxEntry[]) {
    for (const entry of entries) {
      let forComplaint = this.outbox.get(entry.reference);
      if (!forComplaint) this.outbox.set(entry.reference, (forComplaint = new Map()));
      if (forComplaint.has(entry.entryId)) throw new ConflictError(`outbox entry ${entry.entryId} exists`);
      forComplaint.set(entry.entryId, { ...entry, state: 'pending' });
    }
  }

  private applyChange(change: EventChange) {
    const current = this.complaints.get(change.next.reference);
    if (!current || current.version !== change.next.version - 1) throw new ConflictError('version moved', true);
    this.complaints.set(change.next.reference, change.next);
    this.eventLog.get(change.next.reference)!.push(change.event);
  }
}
