/** PrivacyStore in memory (contract: tests/contract/privacy.test.ts). */
import { ConflictError, InvalidInputError } from '../../../shared/domain/errors.ts';
import type { AuditEntry, ComplaintWrite, PrivacyStore } from '../../../shared/domain/ports.ts';
import type { ComplaintEvent } from '../../../shared/domain/complaint/events.ts';
import { MemoryTable } from './memory-table.ts';

const auditKey = (entry: Pick<AuditEntry, 'at' | 'id'>) => `${entry.at}#${entry.id}`;

export class InMemoryPrivacyStore implements PrivacyStore {
  constructor(readonly table = new MemoryTable()) {}

  async dueForRetention(now: Date, limit: number) {
    const bound = `${now.toISOString()}~`;
    return [...this.table.complaints.values()]
      .filter((c) => c.retainUntil && !c.legalHold && !c.anonymisedAt && `${c.retainUntil}#${c.reference}` < bound)
      .sort((a, b) => `${a.retainUntil}#${a.reference}`.localeCompare(`${b.retainUntil}#${b.reference}`))
      .slice(0, limit)
      .map((c) => c.reference);
  }

  async findBySubject(subjectHash: string) {
    return [...this.table.subjects.entries()]
      .filter(([, hash]) => hash === subjectHash)
      .map(([reference]) => reference)
      .sort();
  }

  async findBySearchToken(token: string) {
    return [...this.table.searchTokens.entries()]
      .filter(([, tokens]) => tokens.includes(token))
      .map(([reference]) => reference)
      .sort();
  }

  async anonymise(write: ComplaintWrite, scrubbed: ComplaintEvent[]) {
    const { table } = this;
    const reference = write.next.reference;
    table.checkChange({ ...write, outbox: [] });
    // The scrubbed events replace theirs; they no longer lead to the subject.
    const events = table.eventLog.get(reference)!;
    for (const event of scrubbed) events[events.findIndex((e) => e.seq === event.seq)] = event;
    table.subjects.delete(reference);
    table.searchTokens.delete(reference);
    table.outbox.deleteReference(reference);
    // The files' records and counts go with the outbox (the objects by the outbox).
    for (const map of [table.attachments, table.fileUsage]) for (const key of [...map.keys()]) if (key.startsWith(`${reference}/`)) map.delete(key);
    const current = table.complaints.get(reference);
    if (current?.statusTokenHash) table.tokens.delete(current.statusTokenHash);
    for (const [key, pointer] of table.idempotency) if (pointer.reference === reference) table.idempotency.delete(key);
    table.applyChange(write);
  }

  async appendAudit(entry: AuditEntry) {
    if (this.table.audit.has(auditKey(entry))) throw new ConflictError('condition failed');
    this.table.audit.set(auditKey(entry), structuredClone(entry));
  }

  async replaceAudit(entry: AuditEntry) {
    if (!this.table.audit.has(auditKey(entry))) throw new ConflictError('condition failed');
    this.table.audit.set(auditKey(entry), structuredClone(entry));
  }

  /** Newest first, paged by the last key read (an opaque cursor to callers). */
  async listAudit(limit: number, cursor?: string) {
    const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
    if (cursor !== undefined && !this.table.audit.has(after!)) throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
    const keys = [...this.table.audit.keys()]
      .sort()
      .reverse()
      .filter((key) => after === undefined || key < after);
    const page = keys.slice(0, limit);
    return { items: page.map((key) => structuredClone(this.table.audit.get(key)!)), ...(keys.length > limit ? { cursor: Buffer.from(page.at(-1)!).toString('base64url') } : {}) };
  }
}
