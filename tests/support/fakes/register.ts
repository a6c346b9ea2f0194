/**
 * The register as the workflow's use cases see it, in memory: the fakes of the complaint, outbox,
 * reference and measure ports over one MemoryTable, as DynamoDbComplaintRegister composes the
 * stores over one table. Domain tests, the seed tool and the report benchmark use it; its maps
 * are open for tests to look into.
 */
import type { ComplaintRegister, ComplaintWrite, DeliveryResult, ReferenceStore, Registration } from '../../../shared/domain/ports.ts';
import type { ComplaintRecord, OutboxEntry } from '../../../shared/domain/complaint/model.ts';
import type { ComplaintEvent } from '../../../shared/domain/complaint/events.ts';
import type { Measure, MeasureStore } from '../../../shared/domain/measures/measures.ts';
import { MemoryTable, type MemoryTableOptions } from './memory-table.ts';
import { InMemoryComplaintStore } from './complaints.ts';
import { InMemoryOutboxStore } from './outbox.ts';
import { InMemoryReferenceStore } from './references.ts';
import { InMemoryMeasureStore } from './measures.ts';

export class InMemoryRegister implements ComplaintRegister, ReferenceStore, MeasureStore {
  readonly table: MemoryTable;
  readonly complaints: MemoryTable['complaints'];
  readonly eventLog: MemoryTable['eventLog'];
  readonly outbox: MemoryTable['outbox'];
  readonly voided: MemoryTable['voided'];
  private readonly complaintStore: InMemoryComplaintStore;
  private readonly outboxStore: InMemoryOutboxStore;
  private readonly references: InMemoryReferenceStore;
  private readonly measureStore: InMemoryMeasureStore;

  constructor(options: MemoryTableOptions | MemoryTable = {}) {
    this.table = options instanceof MemoryTable ? options : new MemoryTable(options);
    ({ complaints: this.complaints, eventLog: this.eventLog, outbox: this.outbox, voided: this.voided } = this.table);
    this.complaintStore = new InMemoryComplaintStore(this.table);
    this.outboxStore = new InMemoryOutboxStore(this.table);
    this.references = new InMemoryReferenceStore(this.table);
    this.measureStore = new InMemoryMeasureStore(this.table);
  }

  get(reference: string) {
    return this.complaintStore.get(reference);
  }
  events(reference: string) {
    return this.complaintStore.events(reference);
  }
  findByIdempotencyKey(key: string) {
    return this.complaintStore.findByIdempotencyKey(key);
  }
  register(registration: Registration) {
    return this.complaintStore.register(registration);
  }
  appendEvent(write: ComplaintWrite) {
    return this.complaintStore.appendEvent(write);
  }

  pendingOutbox(now: Date, limit: number) {
    return this.outboxStore.pendingOutbox(now, limit);
  }
  pendingWebhooks(limit?: number) {
    return this.outboxStore.pendingWebhooks(limit);
  }
  claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date) {
    return this.outboxStore.claimOutbox(entry, now, leaseUntil);
  }
  completeOutbox(entry: OutboxEntry, result: DeliveryResult, write?: ComplaintWrite) {
    return this.outboxStore.completeOutbox(entry, result, write);
  }
  releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }) {
    return this.outboxStore.releaseOutbox(entry, failure);
  }
  outboxEntryState(reference: string, entryId: string) {
    return this.outboxStore.outboxEntryState(reference, entryId);
  }

  allocateSequence(year: number) {
    return this.references.allocateSequence(year);
  }
  allocatedCount(year: number) {
    return this.references.allocatedCount(year);
  }
  voidReference(reference: string, reason: string) {
    return this.references.voidReference(reference, reason);
  }
  voidReason(reference: string) {
    return this.references.voidReason(reference);
  }
  registeredSince(year: number, after: number) {
    return this.references.registeredSince(year, after);
  }
  gapsCheckedUpTo(year: number) {
    return this.references.gapsCheckedUpTo(year);
  }
  setGapsCheckedUpTo(year: number, upTo: number) {
    return this.references.setGapsCheckedUpTo(year, upTo);
  }

  putMeasure(measure: Measure) {
    return this.measureStore.putMeasure(measure);
  }
  getMeasure(id: string) {
    return this.measureStore.getMeasure(id);
  }
  listMeasures(limit: number, cursor?: string) {
    return this.measureStore.listMeasures(limit, cursor);
  }

  // --- for generating histories (the seed tool, the report benchmark) ---------------------------

  /** Starts a year's counter after `last` (continue a table's references). */
  continueSequence(year: number, last: number): void {
    this.table.sequences.set(year, last);
  }

  lastSequence(year: number): number {
    return this.table.sequences.get(year) ?? 0;
  }

  /** Removes a finished complaint with its events and outbox, and returns them (what an export writes): memory stays flat. */
  take(reference: string): { complaint: ComplaintRecord; events: ComplaintEvent[] } | undefined {
    const complaint = this.table.complaints.get(reference);
    if (!complaint) return undefined;
    const events = this.table.eventLog.get(reference) ?? [];
    this.table.complaints.delete(reference);
    this.table.eventLog.delete(reference);
    this.table.reportLines.delete(reference);
    this.table.outbox.deleteReference(reference);
    return { complaint, events };
  }

  /** Removes and returns every measure (they are linked by id from the complaints). */
  takeMeasures(): Measure[] {
    const all = [...this.table.measures.values()];
    this.table.measures.clear();
    return all;
  }
}
