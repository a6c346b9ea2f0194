/** The outbox: what a change queued (letters, schedules, webhook deliveries) until it is delivered. */
import type { OutboxEntry } from '../complaint/model.ts';
import type { LetterAsSent } from './letters.ts';
import type { ComplaintWrite } from './complaints.ts';

/** A delivered outbox entry: when, a short detail, and for a letter what was sent (kept with the entry). */
export interface DeliveryResult {
  deliveredAt: Date;
  detail: string;
  letter?: LetterAsSent;
}

/** A webhook delivery still waiting in the outbox: when it was queued, how often it failed, why. */
export interface PendingWebhook {
  reference: string;
  entryId: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
}

export interface OutboxStore {
  /** Outbox entries not yet delivered whose next attempt is due, oldest first. */
  pendingOutbox(now: Date, limit: number): Promise<OutboxEntry[]>;
  /** Takes an entry for delivery, as it was read: false when another worker holds it, it is done, or it has moved on since (released to a later attempt). */
  claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Marks an entry delivered; with a write, records its event (and queues what it causes) in the same transaction. */
  completeOutbox(entry: OutboxEntry, result: DeliveryResult, write?: ComplaintWrite): Promise<void>;
  releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }): Promise<void>;
  /** Whether an outbox entry is still pending or done (and when it is next due); undefined when there is none. */
  outboxEntryState(reference: string, entryId: string): Promise<{ state: 'pending' | 'done'; nextAttemptAt: string } | undefined>;
  /** The webhook deliveries still waiting, due or not, up to `limit` (the console's webhook state). */
  pendingWebhooks(limit?: number): Promise<{ items: PendingWebhook[]; complete: boolean }>;
}
