/** ComplaintStore in memory (contract: tests/contract/complaints.test.ts). */
import { ConflictError } from '../../../shared/domain/errors.ts';
import type { ComplaintStore, ComplaintWrite, Registration } from '../../../shared/domain/ports.ts';
import { MemoryTable } from './memory-table.ts';

export class InMemoryComplaintStore implements ComplaintStore {
  constructor(readonly table = new MemoryTable()) {}

  async get(reference: string) {
    const found = this.table.complaints.get(reference);
    return found ? this.table.copy(found) : undefined;
  }

  async events(reference: string) {
    return [...(this.table.eventLog.get(reference) ?? [])];
  }

  async findByIdempotencyKey(key: string) {
    return this.table.idempotency.get(key);
  }

  async register(registration: Registration) {
    const { table } = this;
    const record = registration.next;
    const { idempotency } = registration;
    const hash = record.statusTokenHash;
    if (table.complaints.has(record.reference) || (idempotency && table.idempotency.has(idempotency.key)) || (hash && table.tokens.has(hash))) {
      throw new ConflictError('the complaint or its Idempotency-Key was registered concurrently', true);
    }
    table.queue(registration.outbox);
    table.complaints.set(record.reference, table.copy(record));
    table.reportLines.set(record.reference, registration.reportLine);
    table.eventLog.set(record.reference, [registration.event]);
    if (hash) table.tokens.set(hash, { reference: record.reference });
    if (registration.subject) table.subjects.set(record.reference, registration.subject);
    if (registration.searchTokens.length) table.searchTokens.set(record.reference, [...new Set(registration.searchTokens)]);
    if (idempotency) table.idempotency.set(idempotency.key, { reference: record.reference, requestHash: idempotency.requestHash });
  }

  async appendEvent(write: ComplaintWrite) {
    this.table.checkChange(write);
    this.table.applyChange(write);
  }
}
