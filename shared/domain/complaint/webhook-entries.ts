/**
 * Webhook outbox entries: one per complaint event when the tenant has a webhook (the register
 * adapter queues them). Their ids sort in event order, and the drain delivers them in that order.
 */

/** The outbox entry id of an event's webhook delivery. */
export function webhookEntryId(seq: number): string {
  return `webhook-${String(seq).padStart(6, '0')}`;
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
