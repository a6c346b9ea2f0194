/** OutboxStore in memory (contract: tests/contract/outbox.test.ts). */
import { ConflictError } from '../../../shared/domain/errors.ts';
import type { ComplaintWrite, DeliveryResult, OutboxStore } from '../../../shared/domain/ports.ts';
import type { OutboxEntry } from '../../../shared/domain/complaint/model.ts';
import type { PendingWebhook } from '../../../shared/domain/complaint/webhook-entries.ts';
import { MemoryTable, outboxKey } from './memory-table.ts';

/** Where a pending entry sorts: by when it is next due (its lease while held), as the outbox index does. */
const dueKey = (e: { leaseUntil?: string; nextAttemptAt: string; reference: string; entryId: string }) => `${e.leaseUntil ?? e.nextAttemptAt}#${e.reference}#${e.entryId}`;

export class InMemoryOutboxStore implements OutboxStore {
  constructor(readonly table = new MemoryTable()) {}

  async pendingOutbox(now: Date, limit: number) {
    const bound = now.toISOString();
    return [...this.table.outbox.values()]
      .filter((e) => e.state === 'pending' && (e.leaseUntil ?? e.nextAttemptAt) <= bound)
      .sort((a, b) => dueKey(a).localeCompare(dueKey(b)))
      .slice(0, limit)
      .map(({ state: _s, leaseUntil: _l, detail: _d, lastError: _e, sent: _x, deliveredAt: _a, ...entry }) => entry);
  }

  async pendingWebhooks(limit = 1000): Promise<{ items: PendingWebhook[]; complete: boolean }> {
    const pending = [...this.table.outbox.values()].filter((e) => e.state === 'pending' && e.action.kind === 'webhook').sort((a, b) => dueKey(a).localeCompare(dueKey(b)));
    const items = pending
      .slice(0, limit)
      .map((e) => ({ reference: e.reference, entryId: e.entryId, createdAt: e.createdAt, attempts: e.attempts, nextAttemptAt: e.nextAttemptAt, ...(e.lastError ? { lastError: e.lastError } : {}) }));
    return { items, complete: pending.length <= limit };
  }

  async claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date) {
    const stored = this.table.outbox.get(outboxKey(entry));
    if (stored?.state !== 'pending' || stored.nextAttemptAt !== entry.nextAttemptAt || (stored.leaseUntil && stored.leaseUntil >= now.toISOString())) return false;
    stored.leaseUntil = leaseUntil.toISOString();
    return true;
  }

  async completeOutbox(entry: OutboxEntry, result: DeliveryResult, write?: ComplaintWrite) {
    const stored = this.table.outbox.get(outboxKey(entry));
    if (stored?.state !== 'pending') throw new ConflictError('the complaint changed while its outbox entry was delivered', true);
    if (write) this.table.checkChange(write);
    if (write) this.table.applyChange(write);
    stored.state = 'done';
    stored.deliveredAt = result.deliveredAt.toISOString();
    stored.detail = result.detail;
    if (result.letter) stored.sent = result.letter;
    // The status token rides along only until its letter is out.
    if ('statusToken' in stored.action) {
      const { statusToken: _token, ...action } = stored.action as OutboxEntry['action'] & { statusToken?: string };
      stored.action = action as OutboxEntry['action'];
    }
    delete stored.leaseUntil;
  }

  async releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }) {
    const stored = this.table.outbox.get(outboxKey(entry));
    if (!stored) return;
    stored.attempts = failure.attempts;
    stored.nextAttemptAt = failure.retryAt.toISOString();
    stored.lastError = failure.error.slice(0, 1000);
    delete stored.leaseUntil;
  }

  async outboxEntryState(reference: string, entryId: string) {
    const stored = this.table.outbox.get(outboxKey({ reference, entryId }));
    return stored ? { state: stored.state, nextAttemptAt: stored.nextAttemptAt } : undefined;
  }
}
