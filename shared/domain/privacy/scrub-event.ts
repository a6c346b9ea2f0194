/** The audit trail after anonymisation: each event without who, why or quoted words (pure). */
import type { ComplaintEvent } from '../complaint/events.ts';
import { neutralActor } from './anonymise.ts';

/** Event data that names no one and quotes nothing: ids, periods, roles, flags. */
const NEUTRAL_DATA_KEYS = new Set(['channel', 'mode', 'milestoneId', 'period', 'role', 'categories', 'measureIds', 'satisfied', 'letter', 'body', 'kind', 'sentAt', 'heldOn', 'outcome']);

/** An event as the audit trail keeps it after anonymisation: what happened when, under which rule; not who or why. */
export function scrubEvent(event: ComplaintEvent): ComplaintEvent {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.data ?? {})) {
    if (NEUTRAL_DATA_KEYS.has(key) && (typeof value !== 'string' || value.length <= 64)) data[key] = value;
  }
  // A recipient is kept as a kind ('complainant', 'staff'), never as an address.
  const recipient = event.data?.recipient;
  if (recipient === 'complainant' || recipient === 'staff') data.recipient = recipient;
  const decision = event.data?.decision as { outcome?: unknown } | undefined;
  if (decision && typeof decision.outcome === 'string') data.outcome = decision.outcome;
  return {
    reference: event.reference,
    seq: event.seq,
    type: event.type,
    at: event.at,
    actor: neutralActor(event.actor),
    ...(event.rule ? { rule: event.rule } : {}),
    ...(Object.keys(data).length ? { data } : {}),
    ...(event.meets?.length ? { meets: [...event.meets] } : {}),
    ...(event.escalates?.length ? { escalates: [...event.escalates] } : {}),
  };
}
