/**
 * ReferenceStore on the register table: the yearly counter (SEQ#<year>), voided references
 * (C#<reference> VOID), the gap check's progress (GAPS#<year>), and what the year index says was
 * registered.
 */
import { PutItemCommand, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError } from '../domain/errors.ts';
import type { ReferenceStore } from '../domain/ports.ts';
import { YEAR_INDEX } from './table-design.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';
import { complaintKey } from './dynamodb-items.ts';

export class DynamoDbReferenceStore implements ReferenceStore {
  constructor(private readonly table: DynamoDbTable) {}

  async allocateSequence(year: number): Promise<number> {
    const result = await this.table.call(() =>
      this.table.client.send(
        new UpdateItemCommand({
          TableName: this.table.name,
          Key: toItem({ pk: `SEQ#${year}`, sk: 'SEQ' }),
          UpdateExpression: 'ADD #seq :one',
          ExpressionAttributeNames: { '#seq': 'seq' },
          ExpressionAttributeValues: toItem({ ':one': 1 }),
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return Number(unmarshall(result.Attributes ?? {}).seq);
  }

  async allocatedCount(year: number): Promise<number> {
    const item = await this.table.getItem({ pk: `SEQ#${year}`, sk: 'SEQ' });
    return Number(item?.seq ?? 0);
  }

  async voidReference(reference: string, reason: string): Promise<void> {
    // Only while the reference has no complaint: a registration whose answer was lost (the
    // database went away after committing) did use its reference.
    try {
      await this.table.call(() =>
        this.table.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { ConditionCheck: { TableName: this.table.name, Key: toItem(complaintKey(reference)), ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: this.table.name, Item: toItem({ pk: `C#${reference}`, sk: 'VOID', reference, reason, at: new Date().toISOString() }) } },
            ],
          }),
        ),
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  async voidReason(reference: string): Promise<string | undefined> {
    const item = await this.table.getItem({ pk: `C#${reference}`, sk: 'VOID' });
    return item ? String(item.reason) : undefined;
  }

  /** The year's complaints after a sequence number, by the year index (only the two fields). */
  async registeredSince(year: number, after: number): Promise<Array<{ sequence: number; registeredAt: string }>> {
    const { items } = await this.table.queryAll({
      IndexName: YEAR_INDEX.name,
      KeyConditionExpression: `${YEAR_INDEX.partitionKey} = :year AND ${YEAR_INDEX.sortKey} > :after`,
      ExpressionAttributeValues: toItem({ ':year': `YEAR#${year}`, ':after': `KL-${year}-${String(after).padStart(6, '0')}` }),
      ProjectionExpression: '#reference, happened.registered',
      ExpressionAttributeNames: { '#reference': 'reference' },
    });
    return items.map((item) => ({ sequence: Number(String(item.reference).split('-')[2]), registeredAt: String(item.happened?.registered ?? '') }));
  }

  async gapsCheckedUpTo(year: number): Promise<number> {
    return Number((await this.table.getItem({ pk: `GAPS#${year}`, sk: 'GAPS' }))?.checkedUpTo ?? 0);
  }

  async setGapsCheckedUpTo(year: number, upTo: number): Promise<void> {
    await this.table.call(() => this.table.client.send(new PutItemCommand({ TableName: this.table.name, Item: toItem({ pk: `GAPS#${year}`, sk: 'GAPS', checkedUpTo: upTo }) })));
  }

  /**
   * The most recently registered complaints (up to `limit`, over the last few years of the year
   * index, newest reference first): receipt and version only. tenant:check reads them before a
   * new regulation version goes live.
   */
  async latestReceipts(limit: number, now = new Date()): Promise<Array<{ reference: string; receivedAt: string; regulationVersion?: string }>> {
    const found: Array<{ reference: string; receivedAt: string; regulationVersion?: string }> = [];
    for (let year = now.getUTCFullYear() + 1; year >= now.getUTCFullYear() - 5 && found.length < limit; year -= 1) {
      const page = await this.table.call(() =>
        this.table.client.send(
          new QueryCommand({
            TableName: this.table.name,
            IndexName: YEAR_INDEX.name,
            KeyConditionExpression: `${YEAR_INDEX.partitionKey} = :year`,
            ExpressionAttributeValues: toItem({ ':year': `YEAR#${year}` }),
            ProjectionExpression: '#reference, receivedAt, regulationVersion',
            ExpressionAttributeNames: { '#reference': 'reference' },
            ScanIndexForward: false,
            Limit: limit - found.length,
          }),
        ),
      );
      for (const item of (page.Items ?? []).map((i) => unmarshall(i))) {
        found.push({ reference: String(item.reference), receivedAt: String(item.receivedAt), ...(item.regulationVersion ? { regulationVersion: String(item.regulationVersion) } : {}) });
      }
    }
    return found;
  }
}
