/**
 * Webhook outbox entries: one per complaint event when the tenant has a webhook (the register
 * adapter queues them). Their ids sort in event order, and the drain delivers them in that order.
 */

/** The outbox entry id of an event's webhook delivery. */
export function webhookEntryId(seq: number): string {
  return `webhook-${String(seq).padStart(6, '0')}`;
}
