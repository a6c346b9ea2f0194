/**
 * Queuing what the register must do outside itself (a letter, a schedule, a webhook, erasing
 * files): every outbox entry is made here, due at once, with no attempts yet, so the drain sees
 * one shape whoever queued it.
 */
import type { Regulation } from '../regulation/schema.ts';
import { roleContact } from '../regulation/milestones.ts';
import type { OutboxAction, OutboxEntry } from './model.ts';

export function queuedEntry(reference: string, entryId: string, action: OutboxAction, now: Date | string): OutboxEntry {
  const due = typeof now === 'string' ? now : now.toISOString();
  return { reference, entryId, createdAt: due, nextAttemptAt: due, attempts: 0, action };
}

/**
 * The coordinator's notice that a letter to `recipient` did not arrive (a bounce, a spam report,
 * or delivery given up): none when the regulation names no coordinator's address.
 */
export function deliveryProblemAlert(regulation: Regulation, reference: string, eventSeq: number, recipient: string, problem: 'bounce' | 'complaint' | 'failed', now: Date): OutboxEntry[] {
  const coordinator = roleContact(regulation, 'coordinator');
  if (!coordinator) return [];
  return [queuedEntry(reference, `mail-delivery-problem-v${eventSeq}`, { kind: 'email', letter: 'delivery-problem', to: coordinator.email, recipient, problem }, now)];
}
