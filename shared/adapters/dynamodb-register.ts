/**
 * ComplaintRegister on one DynamoDB table per tenant (single-table design):
 *
 *   pk                 sk              what
 *   C#<reference>      COMPLAINT       the current view (version-guarded)
 *   C#<reference>      E#<seq>         immutable events, seq = version after the event
 *   C#<reference>      O#<entryId>     outbox entries; pending ones carry gsi1 keys
 *   C#<reference>      VOID            a reference allocated but never used, with the reason
 *   SEQ#<year>         SEQ             the reference counter
 *   IDEM#<key>         IDEM            idempotency key -> reference
 *
 * GSI1 (gsi1pk = 'OUTBOX', gsi1sk = <next attempt>#<reference>#<entryId>) lists pending
 * outbox entries by when they are due. SDK errors become domain errors here.
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, ServiceUnavailableError } from '../domain/errors.ts';
import type { ComplaintRegister, EventChange } from '../domain/ports.ts';
import type { ComplaintRecord, NewComplaint, OutboxEntry } from '../domain/complaint/model.ts';
import { registrationEvent, type ComplaintEvent } from '../domain/complaint/events.ts';

const IDEMPOTENCY_TTL_SECONDS = 30 * 24 * 3600;
const OUTBOX_INDEX = 'gsi1';
const OUTBOX_PARTITION = 'OUTBOX';

const complaintKey = (reference: string) => ({ pk: `C#${reference}`, sk: 'COMPLAINT' });
const eventKey = (reference: string, seq: number) => ({ pk: `C#${reference}`, sk: `E#${String(seq).padStart(6, '0')}` });
const outboxKey = (entry: Pick<OutboxEntry, 'reference' | 'entryId'>) => ({ pk: `C#${entry.reference}`, sk: `O#${entry.entryId}` });
const outboxSortKey = (dueAt: string, entry: Pick<OutboxEntry, 'reference' | 'entryId'>) => `${dueAt}#${entry.reference}#${entry.entryId}`;

const toItem = (value: object) => marshall(value, { removeUndefinedValues: true });

export class DynamoDbComplaintRegister implements ComplaintRegister {
  constructor(private readonly client: DynamoDBClient, private readonly tableName: string) {}

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

  async register(complaint: NewComplaint, outbox: OutboxEntry[], idempotency?: { key: string; requestHash: string }): Promise<ComplaintRecord> {
    const record: ComplaintRecord = { ...complaint, version: 1 };
    const items: TransactWriteItem[] = [
      { Put: { TableName: this.tableName, Item: toItem({ ...complaintKey(record.reference), ...record }), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: toItem({ ...eventKey(record.reference, 1), ...registrationEvent(record) }) } },
      ...outbox.map((entry) => this.putOutbox(entry)),
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
    await this.call(() => this.client.send(new PutItemCommand({
      TableName: this.tableName,
      Item: toItem({ pk: `C#${reference}`, sk: 'VOID', reference, reason, at: new Date().toISOString() }),
    })));
  }

  async get(reference: string): Promise<ComplaintRecord | undefined> {
    const item = await this.getItem(complaintKey(reference));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...record } = item;
    return record as unknown as ComplaintRecord;
  }

  async appendEvent(change: EventChange, outbox: OutboxEntry[] = []): Promise<void> {
    await this.transact([this.putChange(change), this.putEvent(change.event), ...outbox.map((entry) => this.putOutbox(entry))], 'the complaint was changed by someone else; reload and try again');
  }

  async events(reference: string): Promise<ComplaintEvent[]> {
    const events: ComplaintEvent[] = [];
    let startKey: Record<string, any> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: toItem({ ':pk': `C#${reference}`, ':e': 'E#' }),
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      })));
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, ...event } = unmarshall(item);
        events.push(event as ComplaintEvent);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
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

  async completeOutbox(entry: OutboxEntry, result: { deliveredAt: Date; detail: string }, change?: EventChange, outbox: OutboxEntry[] = []): Promise<void> {
    const done: TransactWriteItem = {
      Update: {
        TableName: this.tableName,
        Key: toItem(outboxKey(entry)),
        // The status token rides along only until its letter is out.
        UpdateExpression: 'SET #state = :done, deliveredAt = :at, detail = :detail REMOVE gsi1pk, gsi1sk, leaseUntil, #action.statusToken',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state', '#action': 'action' },
        ExpressionAttributeValues: toItem({ ':done': 'done', ':pending': 'pending', ':at': result.deliveredAt.toISOString(), ':detail': result.detail }),
      },
    };
    const items = change ? [done, this.putChange(change), this.putEvent(change.event), ...outbox.map((o) => this.putOutbox(o))] : [done];
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

  /** Reads one outbox entry with its delivery state (for tests and repair tools). */
  async outboxEntry(reference: string, entryId: string): Promise<Record<string, unknown> | undefined> {
    return this.getItem(outboxKey({ reference, entryId }));
  }

  private putOutbox(entry: OutboxEntry): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: toItem({ ...outboxKey(entry), ...entry, state: 'pending', gsi1pk: OUTBOX_PARTITION, gsi1sk: outboxSortKey(entry.nextAttemptAt, entry) }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  private putChange(change: EventChange): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: toItem({ ...complaintKey(change.next.reference), ...change.next }),
        ConditionExpression: 'version = :previous',
        ExpressionAttributeValues: toItem({ ':previous': change.next.version - 1 }),
      },
    };
  }

  private putEvent(event: ComplaintEvent): TransactWriteItem {
    return { Put: { TableName: this.tableName, Item: toItem({ ...eventKey(event.reference, event.seq), ...event }), ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  private async getItem(key: { pk: string; sk: string }): Promise<Record<string, any> | undefined> {
    const result = await this.call(() => this.client.send(new GetItemCommand({ TableName: this.tableName, Key: toItem(key), ConsistentRead: true })));
    return result.Item ? unmarshall(result.Item) : undefined;
  }

  private async transact(items: TransactWriteItem[], conflictMessage: string): Promise<void> {
    try {
      await this.call(() => this.client.send(new TransactWriteItemsCommand({ TransactItems: items })));
    } catch (error) {
      if (error instanceof ConflictError) throw new ConflictError(conflictMessage);
      throw error;
    }
  }

  /** Translates SDK failures: failed conditions are conflicts, unreachable tables are 503s. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw translateDynamoDbError(error);
    }
  }
}

export function translateDynamoDbError(error: unknown): unknown {
  if (error instanceof ConditionalCheckFailedException) return new ConflictError('condition failed');
  if (error instanceof TransactionCanceledException) {
    const reasons = error.CancellationReasons ?? [];
    if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return new ConflictError('condition failed');
    if (reasons.some((r) => r.Code === 'TransactionConflict')) return new ConflictError('concurrent transaction');
    return new ServiceUnavailableError('the register is busy; retry shortly');
  }
  if (isUnreachable(error)) return new ServiceUnavailableError('the register is unavailable; retry shortly');
  return error;
}

function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code ?? '';
  const name = error.name;
  return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)
    || ['TimeoutError', 'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError', 'ServiceUnavailable'].includes(name)
    || /ECONNREFUSED|socket hang up/.test(error.message);
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
