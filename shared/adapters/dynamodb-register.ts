/**
 * ComplaintRegister on one DynamoDB table per tenant (single-table design):
 *
 *   pk                 sk              what
 *   C#<reference>      COMPLAINT       the current view (version-guarded)
 *   C#<reference>      E#<seq>         immutable events, seq = version after the event
 *   C#<reference>      O#<entryId>     outbox entries; pending ones carry gsi1 keys
 *   C#<reference>      VOID            a reference allocated but never used, with the reason
 *   SEQ#<year>         SEQ             the reference counter
 *   GAPS#<year>        GAPS            how far the reference gap check has got (reference-gaps.ts)
 *   IDEM#<key>         IDEM            idempotency key -> reference
 *   TOKEN#<hash>       TOKEN           status-link token hash -> reference (replacedAt, with a TTL: a reissued link's old one)
 *   MEASURE#<id>       MEASURE         the measures register
 *   APIKEY#<hash>      APIKEY          an API key (SHA-256 of the key; the key itself is never stored)
 *   APIKEYID#<id>      APIKEYID        API key id -> hash (revocation by id)
 *   AUDIT              <at>#<id>       the privacy audit log (exports, erasures, retention, holds)
 *   C#<reference>      SEARCH          the complaint's search tokens (so anonymisation can delete them without the key)
 *   SEARCH#<token>     <reference>     one search token -> a complaint (docs/search.md: keyed hashes, never a name)
 *   CALFEED#<hash>     CALFEED         a staff member's calendar feed (SHA-256 of its token) -> whose, which roles
 *   CALFEEDUSER#<email> CALFEEDUSER    a staff member -> the hash of their current feed token (rotation, revocation)
 *
 * Delivered letters keep what was sent (`sent`: subject, text, HTML, to, when, message id) on their
 * outbox item, so the file shows each letter as it went out and an erasure deletes it with the item.
 *
 * Reading (a complaint, its events and letters) is dynamodb-reader.ts, the lists dynamodb-listing.ts: this class extends both.
 *
 * Indexes (table-design.ts): gsi1 pending outbox by due time; gsi2 complaints by status (and
 * measures, and active API keys); gsi3 by handler; gsi4 by year; gsi5 by next open deadline; gsi6
 * privacy: the complaint item while its retention runs, the registration event by the complainant's
 * e-mail hash (it never changes, so it is written once, with the event); dynamodb-privacy.ts reads it. The complaint item
 * carries its index keys, recomputed on every write. SDK errors become domain errors here.
 *
 * With `publishEvents` (the tenant has a webhook), every event written also queues an outbox
 * entry `{ kind: 'webhook', event }` in the same transaction, so the tenant's own system hears
 * of every event without the domain knowing it.
 */
import {
  BatchWriteItemCommand,
  type AttributeValue,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ConflictError } from '../domain/errors.ts';
import { DUE_INDEX, HANDLER_INDEX, PRIVACY_INDEX, STATUS_INDEX, YEAR_INDEX } from './table-design.ts';
import type { Measure, MeasureStore } from '../domain/measures/measures.ts';
import type { ApiKey, ApiKeyStore } from '../domain/api-keys/api-keys.ts';
import { webhookEntryId, type PendingWebhook } from '../domain/complaint/webhook-entries.ts';
import type { ComplaintRegister, DeliveryResult, EventChange } from '../domain/ports.ts';
import { subjectHash } from '../domain/privacy/subject.ts';
import type { ComplaintRecord, NewComplaint, OutboxEntry } from '../domain/complaint/model.ts';
import type { StatusLinkLookup, StatusLinkStore } from '../domain/complaint/status-link.ts';
import { isLive } from '../domain/complaint/model.ts';
import { registrationEvent, type ComplaintEvent } from '../domain/complaint/events.ts';
import { reportLineOf } from '../domain/report/figures.ts';
import { complaintKey, decodeCursor, encodeCursor, eventKey, stripKeys, toComplaint, toItem } from './dynamodb-reader.ts';
import { DynamoDbListing } from './dynamodb-listing.ts';

// Existing importers read these from here.
export { decodeCursor, encodeCursor, eventKey, toItem, translateDynamoDbError, type DynamoDbRegisterOptions } from './dynamodb-reader.ts';
export type { ComplaintQuery } from './dynamodb-listing.ts';

const IDEMPOTENCY_TTL_SECONDS = 30 * 24 * 3600;
/** How long a replaced status link still says so (410) before its pointer expires (then 404). */
export const REPLACED_LINK_TTL_SECONDS = 90 * 24 * 3600;
const OUTBOX_INDEX = 'gsi1';
const OUTBOX_PARTITION = 'OUTBOX';

const outboxKey = (entry: Pick<OutboxEntry, 'reference' | 'entryId'>) => ({ pk: `C#${entry.reference}`, sk: `O#${entry.entryId}` });
const outboxSortKey = (dueAt: string, entry: Pick<OutboxEntry, 'reference' | 'entryId'>) => `${dueAt}#${entry.reference}#${entry.entryId}`;

const apiKeyKey = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });
const apiKeyIdKey = (id: string) => ({ pk: `APIKEYID#${id}`, sk: 'APIKEYID' });
const API_KEYS_PARTITION = 'APIKEYS';


// The items as stored: the adapter's own writes and importRecords build them here, so their keys agree.
const complaintItem = (record: ComplaintRecord) => toItem({ ...complaintKey(record.reference), ...record, ...complaintIndexKeys(record) });
const eventItem = (event: ComplaintEvent) => toItem({ ...eventKey(event.reference, event.seq), ...event });
const registrationEventItem = (record: ComplaintRecord, idempotencyKey?: string, subject?: string) => toItem({
  ...eventKey(record.reference, 1),
  ...registrationEvent(record),
  // The subject's complaints are found by this index (export, erasure); the key is erased with them.
  // Keyed (privacy/subject.ts) when intake has the tenant's key; the unkeyed hash otherwise (a tool run without it).
  ...(record.complainant.email ? { [PRIVACY_INDEX.partitionKey]: `SUBJECT#${subject ?? subjectHash(record.complainant.email)}`, [PRIVACY_INDEX.sortKey]: record.reference } : {}),
  ...(idempotencyKey ? { idemKey: idempotencyKey } : {}),
});
/** A complaint's report line: beside it in its partition, in the year index under REPORT#<year>. */
export const REPORT_LINE_SORT_KEY = 'REPORT';
const reportLineItem = (record: ComplaintRecord) => toItem({
  pk: `C#${record.reference}`,
  sk: REPORT_LINE_SORT_KEY,
  [YEAR_INDEX.partitionKey]: `REPORT#${record.year}`,
  [YEAR_INDEX.sortKey]: record.reference,
  line: JSON.stringify(reportLineOf(record)),
});
const measureItem = (measure: Measure) => toItem({ pk: `MEASURE#${measure.id}`, sk: 'MEASURE', ...measure, [STATUS_INDEX.partitionKey]: 'MEASURES', [STATUS_INDEX.sortKey]: `${measure.createdAt}#${measure.id}` });

/** Sort key of the item in a complaint's partition that lists its search tokens. */
export const SEARCH_SORT_KEY = 'SEARCH';
export const SEARCH_PARTITION_PREFIX = 'SEARCH#';

/** A complaint's search items: one per token (token -> reference), and the list of them beside the complaint. */
function searchItems(tableName: string, reference: string, tokens: readonly string[]): TransactWriteItem[] {
  const unique = [...new Set(tokens)];
  if (!unique.length) return [];
  return [
    ...unique.map((token) => ({ Put: { TableName: tableName, Item: toItem({ pk: `${SEARCH_PARTITION_PREFIX}${token}`, sk: reference, reference }) } })),
    { Put: { TableName: tableName, Item: toItem({ pk: `C#${reference}`, sk: SEARCH_SORT_KEY, tokens: unique }) } },
  ];
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
  const nextDue = record.milestones.filter(isLive).map((m) => m.dueAt).sort()[0];
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

export const RETENTION_PARTITION = 'RETENTION';




export class DynamoDbComplaintRegister extends DynamoDbListing implements ComplaintRegister, MeasureStore, ApiKeyStore, StatusLinkStore {

  async findByIdempotencyKey(key: string) {
    const item = await this.getItem({ pk: `IDEM#${key}`, sk: 'IDEM' });
    return item ? { reference: String(item.reference), requestHash: String(item.requestHash) } : undefined;
  }

  async allocateSequence(year: number): Promise<number> {
    const result = await this.call(() => this.client.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: toItem({ pk: `SEQ#${year}`, sk: 'SEQ' }),
      UpdateExpression: 'ADD #seq :one',
      ExpressionAttributeNames: { '#seq': 'seq' },
      ExpressionAttributeValues: toItem({ ':one': 1 }),
      ReturnValues: 'UPDATED_NEW',
    })));
    return Number(unmarshall(result.Attributes ?? {}).seq);
  }

  async register(complaint: NewComplaint, outbox: OutboxEntry[], idempotency?: { key: string; requestHash: string }, searchTokens: readonly string[] = [], subject?: string): Promise<ComplaintRecord> {
    const record: ComplaintRecord = { ...complaint, version: 1 };
    const items: TransactWriteItem[] = [
      { Put: { TableName: this.tableName, Item: complaintItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: registrationEventItem(record, idempotency?.key, subject) } },
      ...this.webhookFor(registrationEvent(record), outbox),
      ...(record.statusTokenHash
        ? [{ Put: { TableName: this.tableName, Item: toItem({ pk: `TOKEN#${record.statusTokenHash}`, sk: 'TOKEN', reference: record.reference }), ConditionExpression: 'attribute_not_exists(pk)' } }]
        : []),
      ...outbox.map((entry) => this.putOutbox(entry)),
      ...searchItems(this.tableName, record.reference, searchTokens),
    ];
    if (idempotency) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: toItem({
            pk: `IDEM#${idempotency.key}`,
            sk: 'IDEM',
            reference: record.reference,
            requestHash: idempotency.requestHash,
            expiresAt: Math.floor(Date.parse(record.receivedAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    await this.transact(items, 'the complaint or its Idempotency-Key was registered concurrently');
    return record;
  }

  async voidReference(reference: string, reason: string): Promise<void> {
    // Only while the reference has no complaint: a registration whose answer was lost (the
    // database went away after committing) did use its reference.
    try {
      await this.call(() => this.client.send(new TransactWriteItemsCommand({
        TransactItems: [
          { ConditionCheck: { TableName: this.tableName, Key: toItem(complaintKey(reference)), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: this.tableName, Item: toItem({ pk: `C#${reference}`, sk: 'VOID', reference, reason, at: new Date().toISOString() }) } },
        ],
      })));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  async voidReason(reference: string): Promise<string | undefined> {
    const item = await this.getItem({ pk: `C#${reference}`, sk: 'VOID' });
    return item ? String(item.reason) : undefined;
  }

  async allocatedCount(year: number): Promise<number> {
    const item = await this.getItem({ pk: `SEQ#${year}`, sk: 'SEQ' });
    return Number(item?.seq ?? 0);
  }

  /** The year's complaints after a sequence number, by the year index (only the two fields). */
  async registeredSince(year: number, after: number): Promise<Array<{ sequence: number; registeredAt: string }>> {
    const found: Array<{ sequence: number; registeredAt: string }> = [];
    let startKey: Record<string, any> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: YEAR_INDEX.name,
        KeyConditionExpression: `${YEAR_INDEX.partitionKey} = :year AND ${YEAR_INDEX.sortKey} > :after`,
        ExpressionAttributeValues: toItem({ ':year': `YEAR#${year}`, ':after': `KL-${year}-${String(after).padStart(6, '0')}` }),
        ProjectionExpression: '#reference, happened.registered',
        ExpressionAttributeNames: { '#reference': 'reference' },
        ExclusiveStartKey: startKey,
      })));
      for (const item of (page.Items ?? []).map((i) => unmarshall(i))) {
        found.push({ sequence: Number(String(item.reference).split('-')[2]), registeredAt: String(item.happened?.registered ?? '') });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  }

  /**
   * The most recently registered complaints (up to `limit`, over the last few years of the year
   * index, newest reference first): receipt and version only. tenant:check reads them before a
   * new regulation version goes live.
   */
  async latestReceipts(limit: number, now = new Date()): Promise<Array<{ reference: string; receivedAt: string; regulationVersion?: string }>> {
    const found: Array<{ reference: string; receivedAt: string; regulationVersion?: string }> = [];
    for (let year = now.getUTCFullYear() + 1; year >= now.getUTCFullYear() - 5 && found.length < limit; year -= 1) {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: YEAR_INDEX.name,
        KeyConditionExpression: `${YEAR_INDEX.partitionKey} = :year`,
        ExpressionAttributeValues: toItem({ ':year': `YEAR#${year}` }),
        ProjectionExpression: '#reference, receivedAt, regulationVersion',
        ExpressionAttributeNames: { '#reference': 'reference' },
        ScanIndexForward: false,
        Limit: limit - found.length,
      })));
      for (const item of (page.Items ?? []).map((i) => unmarshall(i))) {
        found.push({ reference: String(item.reference), receivedAt: String(item.receivedAt), ...(item.regulationVersion ? { regulationVersion: String(item.regulationVersion) } : {}) });
      }
    }
    return found;
  }

  async gapsCheckedUpTo(year: number): Promise<number> {
    return Number((await this.getItem({ pk: `GAPS#${year}`, sk: 'GAPS' }))?.checkedUpTo ?? 0);
  }

  async setGapsCheckedUpTo(year: number, upTo: number): Promise<void> {
    await this.call(() => this.client.send(new PutItemCommand({ TableName: this.tableName, Item: toItem({ pk: `GAPS#${year}`, sk: 'GAPS', checkedUpTo: upTo }) })));
  }


  /** What a status-link token (by its hash) leads to: its complaint, or the fact that a reissue replaced it. */
  async findStatusLink(tokenHash: string): Promise<StatusLinkLookup | undefined> {
    const pointer = await this.getItem({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' });
    if (!pointer) return undefined;
    if (pointer.replacedAt) return { replacedAt: String(pointer.replacedAt) };
    const complaint = await this.get(String(pointer.reference));
    return complaint ? { complaint } : undefined;
  }

  /**
   * A reissued status link (status-link.ts), in one transaction guarded by the complaint's
   * version: the event with its outbox entries (the letter with the new token), the new token's
   * pointer, and the old one overwritten as replaced: it answers 410 for REPLACED_LINK_TTL_SECONDS,
   * then the table's TTL removes it (and it answers 404, as any unknown link). Nothing is deleted
   * here: the staff API holds no delete permission.
   */
  async replaceStatusLink(change: EventChange, outbox: OutboxEntry[], link: { oldHash?: string; newHash: string }): Promise<void> {
    const { reference, at } = change.event;
    await this.transact([
      this.putChange(change),
      this.putEvent(change.event),
      ...this.webhookFor(change.event, outbox),
      ...outbox.map((entry) => this.putOutbox(entry)),
      { Put: { TableName: this.tableName, Item: toItem({ pk: `TOKEN#${link.newHash}`, sk: 'TOKEN', reference }), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...(link.oldHash
        ? [{ Put: { TableName: this.tableName, Item: toItem({ pk: `TOKEN#${link.oldHash}`, sk: 'TOKEN', reference, replacedAt: at, expiresAt: Math.floor(Date.parse(at) / 1000) + REPLACED_LINK_TTL_SECONDS }) } }]
        : []),
    ], 'the complaint was changed by someone else; reload and try again');
  }


  /**
   * Takes the right to send one digest (week + recipient): true when nobody sent it and nobody
   * is sending it now. A failed send releases it (releaseDigest) so the next sweep tries again.
   */
  async claimDigest(week: string, recipient: string, now: Date, leaseUntil: Date): Promise<boolean> {
    try {
      await this.call(() => this.client.send(new PutItemCommand({
        TableName: this.tableName,
        Item: toItem({ pk: `DIGEST#${week}`, sk: recipient.toLowerCase(), state: 'sending', leaseUntil: leaseUntil.toISOString() }),
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: toItem({ ':sending': 'sending', ':now': now.toISOString() }),
      })));
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async completeDigest(week: string, recipient: string, detail: string): Promise<void> {
    await this.call(() => this.client.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: toItem({ pk: `DIGEST#${week}`, sk: recipient.toLowerCase() }),
      UpdateExpression: 'SET #state = :sent, detail = :detail REMOVE leaseUntil',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: toItem({ ':sent': 'sent', ':detail': detail }),
    })));
  }

  async releaseDigest(week: string, recipient: string): Promise<void> {
    await this.call(() => this.client.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: toItem({ pk: `DIGEST#${week}`, sk: recipient.toLowerCase() }),
      UpdateExpression: 'SET leaseUntil = :past',
      ExpressionAttributeValues: toItem({ ':past': new Date(0).toISOString() }),
    })));
  }

  async putMeasure(measure: Measure): Promise<void> {
    await this.call(() => this.client.send(new PutItemCommand({
      TableName: this.tableName,
      Item: measureItem(measure),
      ...(measure.version === 1
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: toItem({ ':previous': measure.version - 1 }) }),
    }))).catch((error: unknown) => {
      if (error instanceof ConflictError) throw new ConflictError('the measure was changed by someone else; reload and try again');
      throw error;
    });
  }

  async getMeasure(id: string): Promise<Measure | undefined> {
    const item = await this.getItem({ pk: `MEASURE#${id}`, sk: 'MEASURE' });
    return item ? (stripKeys(item) as unknown as Measure) : undefined;
  }

  async listMeasures(limit: number, cursor?: string): Promise<{ items: Measure[]; cursor?: string }> {
    const position = decodeCursor(cursor);
    const page = await this.call(() => this.client.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: STATUS_INDEX.name,
      KeyConditionExpression: `${STATUS_INDEX.partitionKey} = :measures`,
      ExpressionAttributeValues: toItem({ ':measures': 'MEASURES' }),
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: position?.k,
    })));
    const items = (page.Items ?? []).map((item) => stripKeys(unmarshall(item)) as unknown as Measure);
    return { items, ...(page.LastEvaluatedKey ? { cursor: encodeCursor({ k: page.LastEvaluatedKey }) } : {}) };
  }

  async appendEvent(change: EventChange, outbox: OutboxEntry[] = []): Promise<void> {
    await this.transact([this.putChange(change), this.putEvent(change.event), ...this.webhookFor(change.event, outbox), ...outbox.map((entry) => this.putOutbox(entry))], 'the complaint was changed by someone else; reload and try again');
  }


  async pendingOutbox(now: Date, limit: number): Promise<OutboxEntry[]> {
    const page = await this.call(() => this.client.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: OUTBOX_INDEX,
      // '~' sorts after '#': every key whose time prefix is <= now.
      KeyConditionExpression: 'gsi1pk = :outbox AND gsi1sk < :bound',
      ExpressionAttributeValues: toItem({ ':outbox': OUTBOX_PARTITION, ':bound': `${now.toISOString()}~` }),
      Limit: limit,
    })));
    return (page.Items ?? []).map((item) => toOutboxEntry(unmarshall(item)));
  }

  /**
   * The webhook deliveries still waiting (pending outbox entries of kind webhook, due or not), up
   * to `limit`: for the webhook's state in the console. Reads the pending-outbox index only.
   */
  async pendingWebhooks(limit = 1000): Promise<{ items: PendingWebhook[]; complete: boolean }> {
    const items: PendingWebhook[] = [];
    let start: Record<string, any> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: OUTBOX_INDEX,
        KeyConditionExpression: 'gsi1pk = :outbox',
        FilterExpression: '#action.#kind = :webhook',
        ProjectionExpression: '#reference, entryId, createdAt, attempts, nextAttemptAt, lastError',
        ExpressionAttributeNames: { '#action': 'action', '#kind': 'kind', '#reference': 'reference' },
        ExpressionAttributeValues: toItem({ ':outbox': OUTBOX_PARTITION, ':webhook': 'webhook' }),
        ...(start ? { ExclusiveStartKey: start } : {}),
      })));
      for (const raw of page.Items ?? []) {
        const item = unmarshall(raw);
        items.push({
          reference: String(item.reference),
          entryId: String(item.entryId),
          createdAt: String(item.createdAt),
          attempts: Number(item.attempts ?? 0),
          nextAttemptAt: String(item.nextAttemptAt),
          ...(item.lastError ? { lastError: String(item.lastError) } : {}),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start && items.length < limit);
    return { items: items.slice(0, limit), complete: !start && items.length <= limit };
  }

  async claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date): Promise<boolean> {
    const lease = leaseUntil.toISOString();
    try {
      await this.call(() => this.client.send(new UpdateItemCommand({
        TableName: this.tableName,
        Key: toItem(outboxKey(entry)),
        UpdateExpression: 'SET leaseUntil = :lease, gsi1sk = :sortKey',
        ConditionExpression: '#state = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: toItem({
          ':lease': lease,
          ':sortKey': outboxSortKey(lease, entry),
          ':pending': 'pending',
          ':now': now.toISOString(),
        }),
      })));
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async completeOutbox(entry: OutboxEntry, result: DeliveryResult, change?: EventChange, outbox: OutboxEntry[] = []): Promise<void> {
    const done: TransactWriteItem = {
      Update: {
        TableName: this.tableName,
        Key: toItem(outboxKey(entry)),
        // The status token rides along only until its letter is out; a letter keeps what was sent (without it).
        UpdateExpression: `SET #state = :done, deliveredAt = :at, detail = :detail${result.letter ? ', sent = :sent' : ''} REMOVE gsi1pk, gsi1sk, leaseUntil, #action.statusToken`,
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state', '#action': 'action' },
        ExpressionAttributeValues: toItem({ ':done': 'done', ':pending': 'pending', ':at': result.deliveredAt.toISOString(), ':detail': result.detail, ...(result.letter ? { ':sent': result.letter } : {}) }),
      },
    };
    const items = change ? [done, this.putChange(change), this.putEvent(change.event), ...this.webhookFor(change.event, outbox), ...outbox.map((o) => this.putOutbox(o))] : [done];
    await this.transact(items, 'the complaint changed while its outbox entry was delivered');
  }

  async releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }): Promise<void> {
    const retryAt = failure.retryAt.toISOString();
    await this.call(() => this.client.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: toItem(outboxKey(entry)),
      UpdateExpression: 'SET attempts = :attempts, nextAttemptAt = :retryAt, gsi1sk = :sortKey, lastError = :error REMOVE leaseUntil',
      ExpressionAttributeValues: toItem({ ':attempts': failure.attempts, ':retryAt': retryAt, ':sortKey': outboxSortKey(retryAt, entry), ':error': failure.error.slice(0, 1000) }),
    })));
  }

  async outboxEntryState(reference: string, entryId: string): Promise<{ state: 'pending' | 'done'; nextAttemptAt: string } | undefined> {
    const item = await this.getItem(outboxKey({ reference, entryId }));
    return item ? { state: item.state === 'done' ? 'done' : 'pending', nextAttemptAt: String(item.nextAttemptAt) } : undefined;
  }

  async createApiKey(key: ApiKey, keyHash: string): Promise<void> {
    await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: toItem({ ...apiKeyKey(keyHash), ...key, [STATUS_INDEX.partitionKey]: API_KEYS_PARTITION, [STATUS_INDEX.sortKey]: `${key.createdAt}#${key.id}` }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: toItem({ ...apiKeyIdKey(key.id), keyHash }), ConditionExpression: 'attribute_not_exists(pk)' } },
    ], 'an API key with this id exists; try again');
  }

  async listApiKeys(): Promise<ApiKey[]> {
    const keys: ApiKey[] = [];
    let startKey: Record<string, any> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: STATUS_INDEX.name,
        KeyConditionExpression: `${STATUS_INDEX.partitionKey} = :keys`,
        ExpressionAttributeValues: toItem({ ':keys': API_KEYS_PARTITION }),
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      })));
      keys.push(...(page.Items ?? []).map((item) => toApiKey(unmarshall(item))));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return keys;
  }

  async revokeApiKey(id: string, revokedAt: Date, revokedBy: string): Promise<boolean> {
    const pointer = await this.getItem(apiKeyIdKey(id));
    if (!pointer) return false;
    try {
      await this.call(() => this.client.send(new UpdateItemCommand({
        TableName: this.tableName,
        Key: toItem(apiKeyKey(String(pointer.keyHash))),
        // Kept for the record (who made it, who revoked it); out of the list of active keys.
        UpdateExpression: `SET revokedAt = :at, revokedBy = :by REMOVE ${STATUS_INDEX.partitionKey}, ${STATUS_INDEX.sortKey}`,
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: toItem({ ':at': revokedAt.toISOString(), ':by': revokedBy }),
      })));
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async useApiKey(keyHash: string, at: Date): Promise<ApiKey | undefined> {
    // One round trip: finds the active key and records its use, or fails its condition.
    try {
      const result = await this.call(() => this.client.send(new UpdateItemCommand({
        TableName: this.tableName,
        Key: toItem(apiKeyKey(keyHash)),
        UpdateExpression: 'SET lastUsedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: toItem({ ':at': at.toISOString() }),
        ReturnValues: 'ALL_NEW',
      })));
      return toApiKey(unmarshall(result.Attributes ?? {}));
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  /**
   * Writes finished histories as they are stored (complaint views with their index keys, events,
   * measures) with BatchWriteItem, without conditions: for loading generated data (the report
   * benchmark), never for live changes. Raises each year's reference counter to at least `sequences`.
   */
  async importRecords(records: { complaints?: ComplaintRecord[]; events?: ComplaintEvent[]; measures?: Measure[]; sequences?: Record<number, number> }): Promise<void> {
    const items = [
      ...(records.complaints ?? []).flatMap((complaint) => [complaintItem(complaint), reportLineItem(complaint)]),
      ...(records.events ?? []).map((event) => (event.seq === 1 ? undefined : eventItem(event))).filter((item) => item !== undefined),
      ...(records.measures ?? []).map(measureItem),
    ];
    // A registration event carries the complainant's privacy index key: built from its complaint.
    const byReference = new Map((records.complaints ?? []).map((c) => [c.reference, c]));
    for (const event of records.events ?? []) {
      if (event.seq !== 1) continue;
      const complaint = byReference.get(event.reference);
      items.push(complaint ? registrationEventItem(complaint) : eventItem(event));
    }
    for (let i = 0; i < items.length; i += 25) {
      let batch: Array<{ PutRequest: { Item: Record<string, AttributeValue> } }> = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      // DynamoDB may leave some items unprocessed under load: send those again, with a pause.
      for (let attempt = 0; batch.length; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const result = await this.call(() => this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: batch } })));
        batch = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof batch;
      }
    }
    for (const [year, last] of Object.entries(records.sequences ?? {})) {
      await this.call(() => this.client.send(new UpdateItemCommand({
        TableName: this.tableName,
        Key: toItem({ pk: `SEQ#${year}`, sk: 'SEQ' }),
        UpdateExpression: 'SET #seq = :last',
        ConditionExpression: 'attribute_not_exists(#seq) OR #seq < :last',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: toItem({ ':last': last }),
      }))).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
    }
  }

  /** Reads one outbox entry with its delivery state (for tests and repair tools). */
  async outboxEntry(reference: string, entryId: string): Promise<Record<string, unknown> | undefined> {
    return this.getItem(outboxKey({ reference, entryId }));
  }

  /**
   * The webhook entry for an event, when webhooks are on: due with the earliest of the event and
   * the entries it comes with (a staff intake's registration event is dated when it was received).
   */
  protected webhookFor(event: ComplaintEvent, outbox: OutboxEntry[]): TransactWriteItem[] {
    if (!this.options.publishEvents) return [];
    const due = [event.at, ...outbox.map((o) => o.createdAt)].sort()[0]!;
    return [this.putOutbox({ reference: event.reference, entryId: webhookEntryId(event.seq), createdAt: due, action: { kind: 'webhook', event }, attempts: 0, nextAttemptAt: due })];
  }

  protected putOutbox(entry: OutboxEntry): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: toItem({ ...outboxKey(entry), ...entry, state: 'pending', gsi1pk: OUTBOX_PARTITION, gsi1sk: outboxSortKey(entry.nextAttemptAt, entry) }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  protected putChange(change: EventChange): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: complaintItem(change.next),
        ConditionExpression: 'version = :previous',
        ExpressionAttributeValues: toItem({ ':previous': change.next.version - 1 }),
      },
    };
  }

  protected putEvent(event: ComplaintEvent): TransactWriteItem {
    return { Put: { TableName: this.tableName, Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } };
  }


  protected async transact(items: TransactWriteItem[], conflictMessage: string): Promise<void> {
    try {
      await this.call(() => this.client.send(new TransactWriteItemsCommand({ TransactItems: [...items, ...this.reportLinesFor(items)] })));
    } catch (error) {
      if (error instanceof ConflictError) throw new ConflictError(conflictMessage, true);
      throw error;
    }
  }

  /**
   * Every complaint view a transaction writes takes its report line along, in the same
   * transaction (after the caller's items, so cancellation reasons keep their positions).
   */
  private reportLinesFor(items: TransactWriteItem[]): TransactWriteItem[] {
    return items
      .filter((item) => item.Put?.Item?.sk?.S === 'COMPLAINT')
      .map((item) => ({ Put: { TableName: this.tableName, Item: reportLineItem(unmarshall(item.Put!.Item!) as ComplaintRecord) } }));
  }

}



function toApiKey(item: Record<string, any>): ApiKey {
  return {
    id: String(item.id),
    label: String(item.label),
    createdAt: String(item.createdAt),
    createdBy: String(item.createdBy),
    ...(item.lastUsedAt ? { lastUsedAt: String(item.lastUsedAt) } : {}),
    ...(item.revokedAt ? { revokedAt: String(item.revokedAt), revokedBy: String(item.revokedBy) } : {}),
  };
}

function toOutboxEntry(item: Record<string, any>): OutboxEntry {
  return {
    reference: item.reference,
    entryId: item.entryId,
    createdAt: item.createdAt,
    action: item.action,
    attempts: Number(item.attempts ?? 0),
    nextAttemptAt: item.nextAttemptAt,
  };
}

/**
 * The outbox entries a batch of the table's stream announces (the outbox drain's trigger, see
 * outbox-stream.ts), each with the sequence number of its record: a partial batch response names
 * records by it. A record that is not a newly written outbox item announces nothing.
 */
export function announcedOutboxEntries(event: DynamoDBStreamEvent): Array<{ sequenceNumber: string; entry?: OutboxEntry }> {
  return event.Records.map((record) => {
    const sequenceNumber = String(record.dynamodb?.SequenceNumber ?? '');
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image || !image.sk?.S?.startsWith('O#')) return { sequenceNumber };
    // The stream's attribute values are the table's, in the Lambda event's JSON form.
    return { sequenceNumber, entry: toOutboxEntry(unmarshall(image as Record<string, AttributeValue>)) };
  });
}
