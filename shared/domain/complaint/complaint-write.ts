/**
 * What one change of a complaint stores, built here rather than in the store: the report line of
 * its next view, what the change adds to the report's monthly rollups (its line's figures before
 * and after), and (when the tenant has a webhook) the event's webhook delivery queued with it.
 * Every use case that writes a complaint hands the store one of these.
 */
import type { ComplaintWrite, EventChange, Registration } from '../ports.ts';
import type { ComplaintRecord, OutboxEntry } from './model.ts';
import { registrationEvent } from './events.ts';
import { webhookEntryFor } from './webhook-entries.ts';
import { reportLineOf } from '../report/figures.ts';
import { rollupChange } from '../report/rollup.ts';
import type { RegulationVersions } from '../regulation/versions.ts';
import { subjectHash } from '../privacy/subject.ts';

/** The tenant's regulation (the rollups count by its categories and time zone), and whether its own system hears of every event (a webhook is configured). */
export interface EventPublication {
  regulations: RegulationVersions;
  publishEvents?: boolean;
}

/**
 * A change with its report line, its rollup change and outbox entries, the event's webhook
 * delivery first when events are published. `previous`: the view the event was applied to (none
 * for a registration).
 */
export function complaintWrite(publication: EventPublication, change: EventChange & { previous?: ComplaintRecord }, outbox: OutboxEntry[] = []): ComplaintWrite {
  const reportLine = reportLineOf(change.next);
  return {
    next: change.next,
    event: change.event,
    reportLine,
    rollup: rollupChange(publication.regulations, change.previous ? reportLineOf(change.previous) : undefined, reportLine),
    outbox: publication.publishEvents ? [webhookEntryFor(change.event, outbox), ...outbox] : outbox,
  };
}

/**
 * A new complaint as stored: its view at version 1 with the registration event. `subject` is the
 * keyed hash intake computed; without one (a tool run without the tenant's key) the unkeyed hash.
 */
export function registrationWrite(
  publication: EventPublication,
  record: ComplaintRecord,
  outbox: OutboxEntry[],
  options: { idempotency?: { key: string; requestHash: string }; searchTokens?: readonly string[]; subject?: string } = {},
): Registration {
  const email = record.complainant.email;
  return {
    ...complaintWrite(publication, { next: record, event: registrationEvent(record) }, outbox),
    ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    searchTokens: options.searchTokens ?? [],
    ...(email ? { subject: options.subject ?? subjectHash(email) } : {}),
  };
}
