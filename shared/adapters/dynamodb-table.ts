/**
 * The tenant's register table as every DynamoDB store uses it: the client and the table's name,
 * SDK errors translated into domain errors, a transaction whose failed condition becomes a named
 * conflict, and the paged query loop. The stores (dynamodb-*.ts) hold one each, by composition;
 * the item layout is dynamodb-items.ts.
 */
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type QueryCommandInput,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, ServiceUnavailableError } from '../domain/errors.ts';

export const toItem = (value: object) => marshall(value, { removeUndefinedValues: true });

export type TableKey = { pk: string; sk: string };
/** A query of this table without its name and start key (the loop sets them). */
export type TableQuery = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

export class DynamoDbTable {
  constructor(
    readonly client: DynamoDBClient,
    readonly name: string,
  ) {}

  /** Translates SDK failures: failed conditions are conflicts, unreachable tables are 503s. */
  async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw translateDynamoDbError(error);
    }
  }

  async getItem(key: TableKey): Promise<Record<string, any> | undefined> {
    const result = await this.call(() => this.client.send(new GetItemCommand({ TableName: this.name, Key: toItem(key), ConsistentRead: true })));
    return result.Item ? unmarshall(result.Item) : undefined;
  }

  /** One page of a query, from `startKey`. */
  async queryPage(query: TableQuery, startKey?: Record<string, AttributeValue>): Promise<{ items: Array<Record<string, any>>; next?: Record<string, AttributeValue> }> {
    const page = await this.call(() => this.client.send(new QueryCommand({ ...query, TableName: this.name, ...(startKey ? { ExclusiveStartKey: startKey } : {}) })));
    return { items: (page.Items ?? []).map((item) => unmarshall(item)), ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
  }

  /** Every item a query finds, page after page (`enough` stops early: then `complete` is false). */
  async queryAll(query: TableQuery, enough?: (found: number) => boolean): Promise<{ items: Array<Record<string, any>>; complete: boolean }> {
    const items: Array<Record<string, any>> = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.queryPage(query, startKey);
      items.push(...page.items);
      startKey = page.next;
      if (startKey && enough?.(items.length)) return { items, complete: false };
    } while (startKey);
    return { items, complete: true };
  }

  /**
   * One transaction; a failed condition or a concurrent transaction becomes ConflictError(conflictMessage).
   * A transaction cancelled only because another touched one of its items at the same moment (the
   * report's rollup counters are shared by many complaints) is tried again, a few times, after a
   * short random pause: no condition failed, so nobody's change is overwritten.
   */
  async transact(items: TransactWriteItem[], conflictMessage: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (attempt < TRANSACTION_CONFLICT_ATTEMPTS && onlyConcurrentTransactions(error)) {
          await new Promise((resume) => setTimeout(resume, 10 + Math.random() * 40 * attempt));
          continue;
        }
        const translated = translateDynamoDbError(error);
        if (translated instanceof ConflictError) throw new ConflictError(conflictMessage, true);
        throw translated;
      }
    }
  }
}

const TRANSACTION_CONFLICT_ATTEMPTS = 5;

/** Cancelled for a concurrent transaction on one of its items, and for no failed condition. */
function onlyConcurrentTransactions(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return codes.includes('TransactionConflict') && codes.every((code) => code === 'TransactionConflict' || code === 'None');
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
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code) ||
    ['TimeoutError', 'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError', 'ServiceUnavailable'].includes(name) ||
    /ECONNREFUSED|socket hang up/.test(error.message)
  );
}
