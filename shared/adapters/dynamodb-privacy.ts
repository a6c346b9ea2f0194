/**
 * The register's privacy operations (PrivacyRegister) on the same table: the retention pass's
 * index, a subject's complaints by e-mail hash, the letters of a complaint (as sent), anonymisation
 * (which deletes the letters with their outbox items, and the complaint's search tokens) and the
 * audit log. A subclass of its own so that only the functions that need it (admin API, sweeper)
 * carry it in their bundles.
 *
 *   pk       sk              what
 *   AUDIT    <at>#<id>       the privacy audit log (exports, erasures, retention, holds)
 */
import { QueryCommand, PutItemCommand, type AttributeValue, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { InvalidInputError } from '../domain/errors.ts';
import type { AuditEntry, EventChange, PrivacyRegister, SentLetter } from '../domain/ports.ts';
import type { OutboxEntry } from '../domain/complaint/model.ts';
import type { ComplaintEvent } from '../domain/complaint/events.ts';
import { PRIVACY_INDEX } from './table-design.ts';
import { decodeCursor, DynamoDbComplaintRegister, encodeCursor, eventKey, RETENTION_PARTITION, SEARCH_PARTITION_PREFIX, SEARCH_SORT_KEY, toItem } from './dynamodb-register.ts';

const AUDIT_PARTITION = 'AUDIT';
/** DynamoDB's limit of items in one transaction. */
const TRANSACTION_ITEMS = 100;

export class DynamoDbPrivacyRegister extends DynamoDbComplaintRegister implements PrivacyRegister {
  async dueForRetention(now: Date, limit: number): Promise<string[]> {
    const page = await this.call(() => this.client.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: PRIVACY_INDEX.name,
      KeyConditionExpression: `${PRIVACY_INDEX.partitionKey} = :retention AND ${PRIVACY_INDEX.sortKey} < :bound`,
      ExpressionAttributeValues: toItem({ ':retention': RETENTION_PARTITION, ':bound': `${now.toISOString()}~` }),
      Limit: limit,
    })));
    return (page.Items ?? []).map((item) => String(unmarshall(item).reference));
  }

  async findBySubject(hash: string): Promise<string[]> {
    const references: string[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: PRIVACY_INDEX.name,
        KeyConditionExpression: `${PRIVACY_INDEX.partitionKey} = :subject`,
        ExpressionAttributeValues: toItem({ ':subject': `SUBJECT#${hash}` }),
        ExclusiveStartKey: startKey,
      })));
      references.push(...(page.Items ?? []).map((item) => String(unmarshall(item).reference)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return references;
  }

  async letters(reference: string): Promise<SentLetter[]> {
    return this.storedLetters(reference);
  }

  async anonymise(change: EventChange, scrubbed: ComplaintEvent[], outbox: OutboxEntry[] = []): Promise<void> {
    const reference = change.next.reference;
    const stored = await this.partition(reference);
    const current = stored.find((item) => item.sk === 'COMPLAINT');
    const idemKey = stored.find((item) => item.sk === eventKey(reference, 1).sk)?.idemKey;
    // Events first (idempotent rewrites without their index keys): if the view's write then loses a
    // race, the next attempt scrubs again, and the view never claims an anonymisation that did not happen.
    const eventPuts: TransactWriteItem[] = scrubbed.map((event) => ({ Put: { TableName: this.tableName, Item: toItem({ ...eventKey(reference, event.seq), ...event }) } }));
    // The search tokens were listed beside the complaint: both go, so its complainant is no longer found.
    const search = stored.find((item) => item.sk === SEARCH_SORT_KEY);
    const tokens: string[] = Array.isArray(search?.tokens) ? search.tokens.map(String) : [];
    const deletes: TransactWriteItem[] = [
      // Outbox entries (with the letters as sent), and the files' records and counts (the objects go by the outbox).
      ...stored.filter((item) => /^(O#|F#|FILES#)/.test(String(item.sk))).map((item) => ({ Delete: { TableName: this.tableName, Key: toItem({ pk: item.pk, sk: item.sk }) } })),
      ...tokens.map((token) => ({ Delete: { TableName: this.tableName, Key: toItem({ pk: `${SEARCH_PARTITION_PREFIX}${token}`, sk: reference }) } })),
      ...(search ? [{ Delete: { TableName: this.tableName, Key: toItem({ pk: search.pk, sk: search.sk }) } }] : []),
      ...(current?.statusTokenHash ? [{ Delete: { TableName: this.tableName, Key: toItem({ pk: `TOKEN#${current.statusTokenHash}`, sk: 'TOKEN' }) } }] : []),
      ...(typeof idemKey === 'string' ? [{ Delete: { TableName: this.tableName, Key: toItem({ pk: `IDEM#${idemKey}`, sk: 'IDEM' }) } }] : []),
    ];
    const last = [this.putChange(change), this.putEvent(change.event), ...this.webhookFor(change.event, outbox), ...outbox.map((entry) => this.putOutbox(entry))];
    // The view's transaction takes what fits of the deletes; the rest go before it.
    const room = Math.max(0, TRANSACTION_ITEMS - last.length);
    const split = Math.max(0, deletes.length - room);
    const early = [...eventPuts, ...deletes.slice(0, split)];
    for (let i = 0; i < early.length; i += TRANSACTION_ITEMS) await this.transact(early.slice(i, i + TRANSACTION_ITEMS), 'the complaint changed while it was anonymised');
    await this.transact([...last, ...deletes.slice(split)], 'the complaint was changed by someone else; reload and try again');
  }

  async findBySearchToken(token: string): Promise<string[]> {
    const references: string[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :token',
        ExpressionAttributeValues: toItem({ ':token': `${SEARCH_PARTITION_PREFIX}${token}` }),
        ExclusiveStartKey: startKey,
      })));
      references.push(...(page.Items ?? []).map((item) => String(unmarshall(item).sk)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return references;
  }

  async replaceAudit(entry: AuditEntry): Promise<void> {
    await this.call(() => this.client.send(new PutItemCommand({
      TableName: this.tableName,
      Item: toItem({ pk: AUDIT_PARTITION, sk: `${entry.at}#${entry.id}`, ...entry }),
      ConditionExpression: 'attribute_exists(pk)',
    })));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.call(() => this.client.send(new PutItemCommand({
      TableName: this.tableName,
      Item: toItem({ pk: AUDIT_PARTITION, sk: `${entry.at}#${entry.id}`, ...entry }),
      ConditionExpression: 'attribute_not_exists(pk)',
    })));
  }

  async listAudit(limit: number, cursor?: string): Promise<{ items: AuditEntry[]; cursor?: string }> {
    const position = decodeCursor(cursor);
    const key = position?.k;
    if (key !== undefined && !(key && typeof key === 'object' && Object.keys(key).length === 2 && key.pk?.S === AUDIT_PARTITION && typeof key.sk?.S === 'string')) {
      throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
    }
    const page = await this.call(() => this.client.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :audit',
      ExpressionAttributeValues: toItem({ ':audit': AUDIT_PARTITION }),
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: position?.k,
    })));
    const items = (page.Items ?? []).map((item) => {
      const { pk: _pk, sk: _sk, ...entry } = unmarshall(item);
      return entry as AuditEntry;
    });
    return { items, ...(page.LastEvaluatedKey ? { cursor: encodeCursor({ k: page.LastEvaluatedKey }) } : {}) };
  }

  /** Every item of a complaint's partition: the view, its events, its outbox entries. */
  protected async partition(reference: string): Promise<Array<Record<string, any>>> {
    const items: Array<Record<string, any>> = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.call(() => this.client.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: toItem({ ':pk': `C#${reference}` }),
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      })));
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

/** The same table and client as `register`, with the privacy operations. */
export function withPrivacy(register: DynamoDbComplaintRegister): DynamoDbPrivacyRegister {
  return new DynamoDbPrivacyRegister(register.client, register.tableName, register.options);
}
