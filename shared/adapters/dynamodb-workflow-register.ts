/**
 * The register as every function's use cases see it (TenantContext.register): the complaints
 * with their events, the outbox, and the references, each call handed to the store that owns
 * it. Only these three stores: a function that needs another port builds that store
 * (tenantTable()), so its bundle carries no more than it uses.
 */
import type { ComplaintRegister, ReferenceStore } from '../domain/ports.ts';
import type { DynamoDbTable } from './dynamodb-table.ts';
import { DynamoDbComplaintStore } from './dynamodb-complaints.ts';
import { DynamoDbOutboxStore } from './dynamodb-outbox.ts';
import { DynamoDbReferenceStore } from './dynamodb-references.ts';

export type WorkflowRegister = ComplaintRegister & ReferenceStore & Pick<DynamoDbOutboxStore, 'outboxEntry'>;

export function workflowRegister(table: DynamoDbTable): WorkflowRegister {
  const complaints = new DynamoDbComplaintStore(table);
  const outbox = new DynamoDbOutboxStore(table);
  const references = new DynamoDbReferenceStore(table);
  return {
    get: (reference) => complaints.get(reference),
    events: (reference) => complaints.events(reference),
    findByIdempotencyKey: (key) => complaints.findByIdempotencyKey(key),
    register: (registration) => complaints.register(registration),
    appendEvent: (write) => complaints.appendEvent(write),
    pendingOutbox: (now, limit) => outbox.pendingOutbox(now, limit),
    claimOutbox: (entry, now, leaseUntil) => outbox.claimOutbox(entry, now, leaseUntil),
    completeOutbox: (entry, result, write) => outbox.completeOutbox(entry, result, write),
    releaseOutbox: (entry, failure) => outbox.releaseOutbox(entry, failure),
    outboxEntryState: (reference, entryId) => outbox.outboxEntryState(reference, entryId),
    pendingWebhooks: (limit) => outbox.pendingWebhooks(limit),
    outboxEntry: (reference, entryId) => outbox.outboxEntry(reference, entryId),
    allocateSequence: (year) => references.allocateSequence(year),
    allocatedCount: (year) => references.allocatedCount(year),
    voidReference: (reference, reason) => references.voidReference(reference, reason),
    voidReason: (reference) => references.voidReason(reference),
    registeredSince: (year, after) => references.registeredSince(year, after),
    gapsCheckedUpTo: (year) => references.gapsCheckedUpTo(year),
    setGapsCheckedUpTo: (year, upTo) => references.setGapsCheckedUpTo(year, upTo),
  };
}
