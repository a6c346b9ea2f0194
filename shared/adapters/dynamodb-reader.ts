/**
 * The register's reading side on its DynamoDB table (the layout is described in
 * dynamodb-register.ts): a complaint, its events, its letters. The lists by index are
 * dynamodb-listing.ts (which extends this class), every write DynamoDbComplaintRegister (which
 * extends that); a function that only reads a complaint's file (the letters and their preview)
 * builds this class alone and keeps the rest out of its bundle. SDK errors become domain errors here.
 */
import { DynamoDBClient, GetItemCommand, QueryCommand, ConditionalCheckFailedException, TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, InvalidInputError, ServiceUnavailableError } from '../domain/errors.ts';
import type { ComplaintRecord } from '../domain/complaint/model.ts';
import type { ComplaintEvent } from '../domain/complaint/events.ts';
import type { AttachmentReader, SentLetter } from '../domain/ports.ts';
import type { AttachmentRecord, FileUsage, UploadSide } from '../domain/attachments/files.ts';
import { PRIVACY_INDEX, TABLE_KEYS } from './table-design.ts';

export const toItem = (value: object) => marshall(value, { removeUndefinedValues: true });
export const complaintKey = (reference: string) => ({ pk: `C#${reference}`, sk: 'COMPLAINT' });
export const eventKey = (reference: string, seq: number) => ({ pk: `C#${reference}`, sk: `E#${String(seq).padStart(6, '0')}` });
/** A complaint's attachment (its record: what arrived, its check and scan), and one side's usage of its limits. */
export const attachmentItemKey = (reference: string, id: string) => ({ pk: `C#${reference}`, sk: `F#${id}` });
export const fileUsageKey = (reference: string, side: UploadSide) => ({ pk: `C#${reference}`, sk: `FILES#${side}` });

/** Storage detail on the registration event's item: its subject index keys and the idempotency key to erase with it. */
export const EVENT_STORAGE_ATTRIBUTES = new Set(['pk', 'sk', PRIVACY_INDEX.partitionKey, PRIVACY_INDEX.sortKey, 'idemKey']);

export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export function decodeCursor(cursor: string | undefined): { p?: number; k?: Record<string, any> } | undefined {
  if (!cursor) return undefined;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  // A forged cursor must be refused here: DynamoDB answers a malformed start key with a
  // ValidationException (a 500). Only what encodeCursor writes: a partition number and a key of
  // the table's string key attributes, pk and sk among them.
  if (!isCursor(position)) throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
  return position;
}

const CURSOR_KEY_NAMES = new Set(['pk', 'sk', ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);

function isCursor(value: unknown): value is { p?: number; k?: Record<string, any> } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { p, k, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) return false;
  if (p !== undefined && !(Number.isInteger(p) && (p as number) >= 0 && (p as number) < 1000)) return false;
  if (k === undefined) return true;
  if (!k || typeof k !== 'object' || Array.isArray(k)) return false;
  const entries = Object.entries(k as Record<string, unknown>);
  return 'pk' in k && 'sk' in k && entries.every(([name, attribute]) => {
    if (!CURSOR_KEY_NAMES.has(name) || !attribute || typeof attribute !== 'object') return false;
    const [type, ...more] = Object.keys(attribute);
    const inner = (attribute as Record<string, unknown>)[type!];
    // Every key attribute of the table and its indexes is a string (table-design.ts).
    return more.length === 0 && type === 'S' && typeof inner === 'string' && inner.length > 0 && inner.length <= 1024;
  });
}

export interface DynamoDbRegisterOptions {
  /** Queue a webhook outbox entry with every event (set when the tenant has a webhook). */
  publishEvents?: boolean;
}

export class DynamoDbReader implements AttachmentReader {
  constructor(readonly client: DynamoDBClient, readonly tableName: string, readonly options: DynamoDbRegisterOptions = {}) {}

  async get(reference: string): Promise<ComplaintRecord | undefined> {
    const item = await this.getItem(complaintKey(reference));
    return item ? toComplaint(item) : undefined;
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
        const stored = unmarshall(item);
        events.push(Object.fromEntries(Object.entries(stored).filter(([key]) => !EVENT_STORAGE_ATTRIBUTES.has(key))) as ComplaintEvent);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  }

  /** The letters of a complaint (its e-mail outbox entries, delivered or not), oldest first, with what was sent where it was kept. */
  async storedLetters(reference: string): Promise<SentLetter[]> {
    const letters: SentLetter[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :o)',
        ExpressionAttributeValues: toItem({ ':pk': `C#${reference}`, ':o': 'O#' }),
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      })));
      for (const item of (page.Items ?? []).map((i) => unmarshall(i))) {
        if (item.action?.kind === 'email') letters.push(toSentLetter(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return letters.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.entryId.localeCompare(b.entryId));
  }

  /** One letter of a complaint by its outbox entry id. */
  async storedLetter(reference: string, entryId: string): Promise<SentLetter | undefined> {
    const item = await this.getItem({ pk: `C#${reference}`, sk: `O#${entryId}` });
    return item?.action?.kind === 'email' ? toSentLetter(item) : undefined;
  }

  async attachments(reference: string): Promise<AttachmentRecord[]> {
    const found: AttachmentRecord[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
        ExpressionAttributeValues: toItem({ ':pk': `C#${reference}`, ':f': 'F#' }),
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      })));
      for (const item of (page.Items ?? []).map((i) => unmarshall(i))) {
        // A scan's verdict can come before the file's check: such an item is not an attachment yet.
        if (typeof item.name === 'string') found.push(toAttachment(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found.sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.id.localeCompare(b.id));
  }

  async attachment(reference: string, id: string): Promise<AttachmentRecord | undefined> {
    const item = await this.getItem(attachmentItemKey(reference, id));
    return item && typeof item.name === 'string' ? toAttachment(item) : undefined;
  }

  async fileUsage(reference: string, side: UploadSide): Promise<FileUsage> {
    const item = await this.getItem(fileUsageKey(reference, side));
    return { files: Number(item?.files ?? 0), bytes: Number(item?.bytes ?? 0) };
  }

  protected async getItem(key: { pk: string; sk: string }): Promise<Record<string, any> | undefined> {
    const result = await this.call(() => this.client.send(new GetItemCommand({ TableName: this.tableName, Key: toItem(key), ConsistentRead: true })));
    return result.Item ? unmarshall(result.Item) : undefined;
  }

  /** Translates SDK failures: failed conditions are conflicts, unreachable tables are 503s. */
  protected async call<T>(operation: () => Promise<T>): Promise<T> {
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

/** Key attributes are storage detail: the domain never sees them. */
const INDEX_ATTRIBUTES = new Set([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);

export function stripKeys(item: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !INDEX_ATTRIBUTES.has(key)));
}

export function toComplaint(item: Record<string, any>): ComplaintRecord {
  return stripKeys(item) as unknown as ComplaintRecord;
}

/** An e-mail outbox item as a letter: what it is, to whom, its state, and (once delivered) what was sent. */
export function toSentLetter(item: Record<string, any>): SentLetter {
  const action = item.action;
  return {
    entryId: String(item.entryId),
    letter: String(action.letter === 'notice' ? action.notice?.id ?? 'notice' : action.letter),
    recipient: String(action.recipient ?? 'staff'),
    to: String(action.to),
    ...(typeof action.eventSeq === 'number' ? { eventSeq: action.eventSeq } : {}),
    ...(action.eventType ? { eventType: String(action.eventType) } : {}),
    ...(action.milestoneId ? { milestoneId: String(action.milestoneId) } : {}),
    createdAt: String(item.createdAt),
    ...(item.deliveredAt ? { deliveredAt: String(item.deliveredAt) } : {}),
    state: item.state === 'done' ? 'done' as const : 'pending' as const,
    ...(action.notice ? { notice: action.notice } : {}),
    ...(item.sent ? { sent: item.sent } : {}),
  };
}

export function toAttachment(item: Record<string, any>): AttachmentRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as AttachmentRecord;
}
