/**
 * PrivacyStore on the register table: the retention pass's index, a subject's complaints by
 * e-mail hash, anonymisation (which deletes the letters with their outbox items, and the
 * complaint's search tokens) and the audit log. A module of its own so that only the functions
 * that need it (privacy API, sweeper) carry it in their bundles.
 *
 *   pk       sk              what
 *   AUDIT    <at>#<id>       the privacy audit log (exports, erasures, retention, holds)
 */
import { PutItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { InvalidInputError } from '../domain/errors.ts';
import type { AuditEntry, ComplaintWrite, PrivacyStore } from '../domain/ports.ts';
import type { ComplaintEvent } from '../domain/complaint/events.ts';
import { PRIVACY_INDEX } from './table-design.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';
import { changeItems, eventItem, eventKey, reportWrites, RETENTION_PARTITION, SEARCH_PARTITION_PREFIX, SEARCH_SORT_KEY } from './dynamodb-items.ts';
import { decodeCursor, encodeCursor } from './dynamodb-cursor.ts';

const AUDIT_PARTITION = 'AUDIT';
/** DynamoDB's limit of items in one transaction. */
const TRANSACTION_ITEMS = 100;

export class DynamoDbPrivacyStore implements PrivacyStore {
  constructor(private readonly table: DynamoDbTable) {}

  async dueForRetention(now: Date, limit: number): Promise<string[]> {
    const page = await this.table.queryPage({
      IndexName: PRIVACY_INDEX.name,
      KeyConditionExpression: `${PRIVACY_INDEX.partitionKey} = :retention AND ${PRIVACY_INDEX.sortKey} < :bound`,
      ExpressionAttributeValues: toItem({ ':retention': RETENTION_PARTITION, ':bound': `${now.toISOString()}~` }),
      Limit: limit,
    });
    return page.items.map((item) => String(item.reference));
  }

  async findBySubject(hash: string): Promise<string[]> {
    const { items } = await this.table.queryAll({
      IndexName: PRIVACY_INDEX.name,
      KeyConditionExpression: `${PRIVACY_INDEX.partitionKey} = :subject`,
      ExpressionAttributeValues: toItem({ ':subject': `SUBJECT#${hash}` }),
    });
    return items.map((item) => String(item.reference));
  }

  async anonymise(write: ComplaintWrite, scrubbed: ComplaintEvent[]): Promise<void> {
    const reference = write.next.reference;
    const table = this.table.name;
    const stored = await this.partition(reference);
    const current = stored.find((item) => item.sk === 'COMPLAINT');
    const idemKey = stored.find((item) => item.sk === eventKey(reference, 1).sk)?.idemKey;
    // Events first (idempotent rewrites without their index keys): if the view's write then loses a
    // race, the next attempt scrubs again, and the view never claims an anonymisation that did not happen.
    const eventPuts: TransactWriteItem[] = scrubbed.map((event) => ({ Put: { TableName: table, Item: eventItem(event) } }));
    // The search tokens were listed beside the complaint: both go, so its complainant is no longer found.
    const search = stored.find((item) => item.sk === SEARCH_SORT_KEY);
    const tokens: string[] = Array.isArray(search?.tokens) ? search.tokens.map(String) : [];
    const deletes: TransactWriteItem[] = [
      // Outbox entries (with the letters as sent), and the files' records and counts (the objects go by the outbox).
      ...stored.filter((item) => /^(O#|F#|FILES#)/.test(String(item.sk))).map((item) => ({ Delete: { TableName: table, Key: toItem({ pk: item.pk, sk: item.sk }) } })),
      ...tokens.map((token) => ({ Delete: { TableName: table, Key: toItem({ pk: `${SEARCH_PARTITION_PREFIX}${token}`, sk: reference }) } })),
      ...(search ? [{ Delete: { TableName: table, Key: toItem({ pk: search.pk, sk: search.sk }) } }] : []),
      ...(current?.statusTokenHash ? [{ Delete: { TableName: table, Key: toItem({ pk: `TOKEN#${current.statusTokenHash}`, sk: 'TOKEN' }) } }] : []),
      ...(typeof idemKey === 'string' ? [{ Delete: { TableName: table, Key: toItem({ pk: `IDEM#${idemKey}`, sk: 'IDEM' }) } }] : []),
    ];
    const last = changeItems(table, write);
    const report = reportWrites(table, write);
    // The view's transaction takes what fits of the deletes (beside its report line and rollups); the rest go before it.
    const room = Math.max(0, TRANSACTION_ITEMS - last.length - report.length);
    const split = Math.max(0, deletes.length - room);
    const early = [...eventPuts, ...deletes.slice(0, split)];
    for (let i = 0; i < early.length; i += TRANSACTION_ITEMS) await this.table.transact(early.slice(i, i + TRANSACTION_ITEMS), 'the complaint changed while it was anonymised');
    await this.table.transact([...last, ...deletes.slice(split), ...report], 'the complaint was changed by someone else; reload and try again');
  }

  async findBySearchToken(token: string): Promise<string[]> {
    const { items } = await this.table.queryAll({
      KeyConditionExpression: 'pk = :token',
      ExpressionAttributeValues: toItem({ ':token': `${SEARCH_PARTITION_PREFIX}${token}` }),
    });
    return items.map((item) => String(item.sk));
  }

  async replaceAudit(entry: AuditEntry): Promise<void> {
    await this.table.call(() =>
      this.table.client.send(
        new PutItemCommand({
          TableName: this.table.name,
          Item: toItem({ pk: AUDIT_PARTITION, sk: `${entry.at}#${entry.id}`, ...entry }),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.table.call(() =>
      this.table.client.send(
        new PutItemCommand({
          TableName: this.table.name,
          Item: toItem({ pk: AUDIT_PARTITION, sk: `${entry.at}#${entry.id}`, ...entry }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async listAudit(limit: number, cursor?: string): Promise<{ items: AuditEntry[]; cursor?: string }> {
    const position = decodeCursor(cursor);
    const key = position?.k;
    if (key !== undefined && !(key && typeof key === 'object' && Object.keys(key).length === 2 && key.pk?.S === AUDIT_PARTITION && typeof key.sk?.S === 'string')) {
      throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
    }
    const page = await this.table.queryPage(
      {
        KeyConditionExpression: 'pk = :audit',
        ExpressionAttributeValues: toItem({ ':audit': AUDIT_PARTITION }),
        ScanIndexForward: false,
        Limit: limit,
      },
      position?.k,
    );
    const items = page.items.map((item) => {
      const { pk: _pk, sk: _sk, ...entry } = item;
      return entry as AuditEntry;
    });
    return { items, ...(page.next ? { cursor: encodeCursor({ k: page.next }) } : {}) };
  }

  /** Every item of a complaint's partition: the view, its events, its outbox entries. */
  private async partition(reference: string): Promise<Array<Record<string, any>>> {
    const { items } = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: toItem({ ':pk': `C#${reference}` }),
      ConsistentRead: true,
    });
    return items;
  }
}
