/**
 * The register's items on its one DynamoDB table per tenant (single-table design), built in one
 * place so every store and importRecords agree on them:
 *
 *   pk                 sk              what
 *   C#<reference>      COMPLAINT       the current view (version-guarded)
 *   C#<reference>      E#<seq>         immutable events, seq = version after the event
 *   C#<reference>      O#<entryId>     outbox entries; pending ones carry gsi1 keys
 *   C#<reference>      REPORT          the complaint's report line (in the year index under REPORT#<year>)
 *   C#<reference>      VOID            a reference allocated but never used, with the reason
 *   C#<reference>      SEARCH          the complaint's search tokens (so anonymisation can delete them without the key)
 *   C#<reference>      F#<id>, FILES#<side>  attachments and a side's usage (dynamodb-attachments.ts)
 *   SEQ#<year>         SEQ             the reference counter
 *   GAPS#<year>        GAPS            how far the reference gap check has got (reference-gaps.ts)
 *   IDEM#<key>         IDEM            idempotency key -> reference
 *   TOKEN#<hash>       TOKEN           status-link token hash -> reference (replacedAt, with a TTL: a reissued link's old one)
 *   DIGEST#<week>      <recipient>     a weekly digest's send marker
 *   MEASURE#<id>       MEASURE         the measures register
 *   APIKEY#<hash>      APIKEY          an API key (SHA-256 of the key; the key itself is never stored)
 *   APIKEYID#<id>      APIKEYID        API key id -> hash (revocation by id)
 *   AUDIT              <at>#<id>       the privacy audit log (dynamodb-privacy.ts)
 *   SEARCH#<token>     <reference>     one search token -> a complaint (docs/search.md: keyed hashes, never a name)
 *   CALFEED#<hash>, CALFEEDUSER#<email>  the staff's calendar feeds (dynamodb-lists.ts)
 *   MAILCAP#<hour>#<counter>             the hourly mail caps (dynamodb-mail-caps.ts)
 *
 * Indexes (table-design.ts): gsi1 pending outbox by due time; gsi2 complaints by status (and
 * measures, and active API keys); gsi3 by handler; gsi4 by year (and report lines); gsi5 by next
 * open deadline; gsi6 privacy: the complaint item while its retention runs, the registration event
 * by the complainant's subject hash (it never changes, so it is written once, with the event). The
 * complaint item carries its index keys, recomputed on every write.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { ComplaintWrite, Registration } from '../domain/ports.ts';
import { isLive, type ComplaintRecord, type OutboxEntry } from '../domain/complaint/model.ts';
import type { ComplaintEvent } from '../domain/complaint/events.ts';
import type { ReportComplaint } from '../domain/report/figures.ts';
import type { Measure } from '../domain/measures/measures.ts';
import { DUE_INDEX, HANDLER_INDEX, OUTBOX_INDEX, PRIVACY_INDEX, STATUS_INDEX, TABLE_KEYS, YEAR_INDEX } from './table-design.ts';
import { toItem } from './dynamodb-table.ts';
import { rollupWriteItems } from './dynamodb-report-rollups.ts';

export const complaintKey = (reference: string) => ({ pk: `C#${reference}`, sk: 'COMPLAINT' });
export const eventKey = (reference: string, seq: number) => ({ pk: `C#${reference}`, sk: `E#${String(seq).padStart(6, '0')}` });
export const outboxKey = (entry: Pick<OutboxEntry, 'reference' | 'entryId'>) => ({ pk: `C#${entry.reference}`, sk: `O#${entry.entryId}` });
export const outboxSortKey = (dueAt: string, entry: Pick<OutboxEntry, 'reference' | 'entryId'>) => `${dueAt}#${entry.reference}#${entry.entryId}`;
export const OUTBOX_PARTITION = 'OUTBOX';
export const RETENTION_PARTITION = 'RETENTION';
/** A complaint's report line: beside it in its partition, in the year index under REPORT#<year>. */
export const REPORT_LINE_SORT_KEY = 'REPORT';
/** Sort key of the item in a complaint's partition that lists its search tokens. */
export const SEARCH_SORT_KEY = 'SEARCH';
export const SEARCH_PARTITION_PREFIX = 'SEARCH#';
export const IDEMPOTENCY_TTL_SECONDS = 30 * 24 * 3600;
/** How long a replaced status link still says so (410) before its pointer expires (then 404). */
export const REPLACED_LINK_TTL_SECONDS = 90 * 24 * 3600;

/** Storage detail on the registration event's item: its subject index keys and the idempotency key to erase with it. */
export const EVENT_STORAGE_ATTRIBUTES = new Set(['pk', 'sk', PRIVACY_INDEX.partitionKey, PRIVACY_INDEX.sortKey, 'idemKey']);
/** Key attributes are storage detail: the domain never sees them. */
const INDEX_ATTRIBUTES = new Set([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);

export function stripKeys(item: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !INDEX_ATTRIBUTES.has(key)));
}

export function toComplaint(item: Record<string, any>): ComplaintRecord {
  return stripKeys(item) as unknown as ComplaintRecord;
}

export function toEvent(item: Record<string, any>): ComplaintEvent {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !EVENT_STORAGE_ATTRIBUTES.has(key))) as ComplaintEvent;
}

export function toOutboxEntry(item: Record<string, any>): OutboxEntry {
  return {
    reference: item.reference,
    entryId: item.entryId,
    createdAt: item.createdAt,
    action: item.action,
    attempts: Number(item.attempts ?? 0),
    nextAttemptAt: item.nextAttemptAt,
  };
}

/** The index keys a complaint item carries (sparse: an index without its keys skips the item). */
export function complaintIndexKeys(record: ComplaintRecord): Record<string, string> {
  const order = `${record.receivedAt}#${record.reference}`;
  const keys: Record<string, string> = {
    [STATUS_INDEX.partitionKey]: `STATUS#${record.status}`,
    [STATUS_INDEX.sortKey]: order,
    [YEAR_INDEX.partitionKey]: `YEAR#${record.year}`,
    [YEAR_INDEX.sortKey]: record.reference,
  };
  if (record.handler) {
    keys[HANDLER_INDEX.partitionKey] = `HANDLER#${record.handler.email.toLowerCase()}`;
    keys[HANDLER_INDEX.sortKey] = order;
  }
  // Escalated deadlines are still unmet: they stay findable as overdue (lists, digests, sweeps).
  const nextDue = record.milestones
    .filter(isLive)
    .map((m) => m.dueAt)
    .sort()[0];
  if (nextDue) {
    keys[DUE_INDEX.partitionKey] = `DUE#${nextDue.slice(0, 4)}`;
    keys[DUE_INDEX.sortKey] = `${nextDue}#${record.reference}`;
  }
  // Findable by the retention pass while its period runs; a hold or anonymisation takes it out.
  if (record.retainUntil && !record.legalHold && !record.anonymisedAt) {
    keys[PRIVACY_INDEX.partitionKey] = RETENTION_PARTITION;
    keys[PRIVACY_INDEX.sortKey] = `${record.retainUntil}#${record.reference}`;
  }
  return keys;
}

export const complaintItem = (record: ComplaintRecord) => toItem({ ...complaintKey(record.reference), ...record, ...complaintIndexKeys(record) });
export const eventItem = (event: ComplaintEvent) => toItem({ ...eventKey(event.reference, event.seq), ...event });
/** The registration event, findable by its complainant's subject hash (export, erasure); the idempotency key is erased with it. */
export const registrationEventItem = (event: ComplaintEvent, subject?: string, idempotencyKey?: string) =>
  toItem({
    ...eventKey(event.reference, 1),
    ...event,
    ...(subject ? { [PRIVACY_INDEX.partitionKey]: `SUBJECT#${subject}`, [PRIVACY_INDEX.sortKey]: event.reference } : {}),
    ...(idempotencyKey ? { idemKey: idempotencyKey } : {}),
  });
export const reportLineItem = (reference: string, year: number, line: ReportComplaint) =>
  toItem({
    pk: `C#${reference}`,
    sk: REPORT_LINE_SORT_KEY,
    [YEAR_INDEX.partitionKey]: `REPORT#${year}`,
    [YEAR_INDEX.sortKey]: reference,
    line: JSON.stringify(line),
  });
export const measureItem = (measure: Measure) =>
  toItem({ pk: `MEASURE#${measure.id}`, sk: 'MEASURE', ...measure, [STATUS_INDEX.partitionKey]: 'MEASURES', [STATUS_INDEX.sortKey]: `${measure.createdAt}#${measure.id}` });
export const outboxItem = (entry: OutboxEntry) =>
  toItem({ ...outboxKey(entry), ...entry, state: 'pending', [OUTBOX_INDEX.partitionKey]: OUTBOX_PARTITION, [OUTBOX_INDEX.sortKey]: outboxSortKey(entry.nextAttemptAt, entry) });

/** A complaint's search items: one per token (token -> reference), and the list of them beside the complaint. */
export function searchItems(table: string, reference: string, tokens: readonly string[]): TransactWriteItem[] {
  const unique = [...new Set(tokens)];
  if (!unique.length) return [];
  return [
    ...unique.map((token) => ({ Put: { TableName: table, Item: toItem({ pk: `${SEARCH_PARTITION_PREFIX}${token}`, sk: reference, reference }) } })),
    { Put: { TableName: table, Item: toItem({ pk: `C#${reference}`, sk: SEARCH_SORT_KEY, tokens: unique }) } },
  ];
}

/**
 * A complaint write's transaction items: the view (guarded by the version before it), the event,
 * the outbox entries; its report line and rollups come last (`reportWrites`), after any items the caller
 * adds, so cancellation reasons keep their positions.
 */
export function changeItems(table: string, write: ComplaintWrite): TransactWriteItem[] {
  return [
    { Put: { TableName: table, Item: complaintItem(write.next), ConditionExpression: 'version = :previous', ExpressionAttributeValues: toItem({ ':previous': write.next.version - 1 }) } },
    { Put: { TableName: table, Item: eventItem(write.event), ConditionExpression: 'attribute_not_exists(pk)' } },
    ...write.outbox.map((entry) => putOutbox(table, entry)),
  ];
}

/** The change's report line and its monthly rollup updates (dynamodb-report-rollups.ts): the figures move with the complaint, in its transaction. */
export function reportWrites(table: string, write: ComplaintWrite): TransactWriteItem[] {
  return [{ Put: { TableName: table, Item: reportLineItem(write.next.reference, write.next.year, write.reportLine) } }, ...rollupWriteItems(table, write.rollup)];
}

export function putOutbox(table: string, entry: OutboxEntry): TransactWriteItem {
  return { Put: { TableName: table, Item: outboxItem(entry), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** A registration's transaction items (its report line and rollups last, as with every write). */
export function registrationItems(table: string, registration: Registration): TransactWriteItem[] {
  const record = registration.next;
  const { idempotency } = registration;
  return [
    { Put: { TableName: table, Item: complaintItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table, Item: registrationEventItem(registration.event, registration.subject, idempotency?.key) } },
    ...(record.statusTokenHash
      ? [{ Put: { TableName: table, Item: toItem({ pk: `TOKEN#${record.statusTokenHash}`, sk: 'TOKEN', reference: record.reference }), ConditionExpression: 'attribute_not_exists(pk)' } }]
      : []),
    ...registration.outbox.map((entry) => putOutbox(table, entry)),
    ...searchItems(table, record.reference, registration.searchTokens),
    ...(idempotency
      ? [
          {
            Put: {
              TableName: table,
              Item: toItem({
                pk: `IDEM#${idempotency.key}`,
                sk: 'IDEM',
                reference: record.reference,
                requestHash: idempotency.requestHash,
                expiresAt: Math.floor(Date.parse(record.receivedAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
              }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
    ...reportWrites(table, registration),
  ];
}
