/**
 * Webhook outbox entries: one per complaint event when the tenant has a webhook (complaintWrite
 * in complaint-write.ts queues them with the event). Their ids sort in event order, and the drain
 * delivers them in that order.
 */
import type { ComplaintEvent } from './events.ts';
import type { OutboxEntry } from './model.ts';
import type { OutboxStore, PendingWebhook } from '../ports/outbox.ts';
import { queuedEntry } from './queue.ts';

/** The outbox entry id of an event's webhook delivery. */
export function webhookEntryId(seq: number): string {
  return `webhook-${String(seq).padStart(6, '0')}`;
}

/**
 * The webhook entry of an event: due with the earliest of the event and the entries it comes with
 * (a staff intake's registration event is dated when it was received).
 */
export function webhookEntryFor(event: ComplaintEvent, outbox: readonly OutboxEntry[]): OutboxEntry {
  const due = [event.at, ...outbox.map((o) => o.createdAt)].sort()[0]!;
  return queuedEntry(event.reference, webhookEntryId(event.seq), { kind: 'webhook', event }, due);
}

export type { PendingWebhook } from '../ports/outbox.ts';

/** The webhook as staff see it (GET /admin/webhook): configured or not, and how its deliveries stand. */
export interface WebhookState {
  configured: boolean;
  /** Where the events go: the receiver's origin (scheme, host, port), never its path or query. */
  receiver: string | null;
  /** Deliveries waiting (being retried, or queued behind one that is). */
  pending: number;
  /** Of those, the ones that failed at least once. */
  failing: number;
  /** When the oldest waiting delivery was queued. */
  oldestPendingSince: string | null;
  /** The next try of a failing delivery. */
  nextAttemptAt: string | null;
  /** Why the delivery that failed most often failed, as it was recorded (the event's reference and seq, the receiver's answer). */
  lastError: string | null;
  /** False when there were more waiting deliveries than were read. */
  complete: boolean;
}

/** Sums up the waiting deliveries of a tenant's webhook (url: its WEBHOOK_URL, if any). */
export function webhookState(url: string | undefined, pending: readonly PendingWebhook[], complete = true): WebhookState {
  let receiver: string | null = null;
  if (url) {
    try {
      receiver = new URL(url).origin;
    } catch {
      receiver = null;
    }
  }
  const failing = pending.filter((p) => p.attempts > 0).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  const oldest = [...pending].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  const lastFailed = [...failing].sort((a, b) => b.attempts - a.attempts || b.createdAt.localeCompare(a.createdAt)).find((p) => p.lastError);
  return {
    configured: Boolean(url),
    receiver,
    pending: pending.length,
    failing: failing.length,
    oldestPendingSince: oldest?.createdAt ?? null,
    nextAttemptAt: failing[0]?.nextAttemptAt ?? null,
    lastError: lastFailed?.lastError ?? null,
    complete,
  };
}

/** Use case: the webhook's state for the console; nothing waits for a tenant without one (no read). */
export async function readWebhookState(deps: { register: Pick<OutboxStore, 'pendingWebhooks'> }, url: string | undefined): Promise<WebhookState> {
  const pending = url ? await deps.register.pendingWebhooks() : { items: [], complete: true };
  return webhookState(url, pending.items, pending.complete);
}
