/**
 * MailCaps on the tenant's register table: one counter item per hour and counter,
 *
 *   pk                              sk        what
 *   MAILCAP#<hour>#tenant           MAILCAP   complaints the intake accepted this hour (UTC hour)
 *   MAILCAP#<hour>#recipient:<hash> MAILCAP   ... to one address (SHA-256 of it, never the address)
 *
 * each with `n` and `expiresAt` (the table's TTL: gone a day after its hour). Counted by
 * conditional `ADD` updates, one counter after the other (recipient first, the tenant last),
 * rather than one transaction: concurrent transactions on the same tenant counter would cancel
 * each other (TransactionConflict), while single updates of one item are serialised by DynamoDB.
 * When a later counter is full, the ones already counted are given back. Each counter is its own
 * partition, so no hour's counters share one.
 */
import { ConditionalCheckFailedException, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CapCounter, MailCaps } from '../domain/ports.ts';
import { toItem, translateDynamoDbError } from './dynamodb-reader.ts';

const KEEP_SECONDS = 24 * 3600;

export class DynamoDbMailCaps implements MailCaps {
  constructor(private readonly client: DynamoDBClient, private readonly tableName: string) {}

  async take(hour: string, counters: readonly CapCounter[]): Promise<{ full?: CapCounter }> {
    const taken: CapCounter[] = [];
    const expiresAt = Math.floor(Date.parse(`${hour}:00:00.000Z`) / 1000) + 3600 + KEEP_SECONDS;
    for (const counter of counters) {
      try {
        await this.client.send(new UpdateItemCommand({
          TableName: this.tableName,
          Key: toItem(keyOf(hour, counter)),
          UpdateExpression: 'ADD #n :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :cap',
          ExpressionAttributeNames: { '#n': 'n' },
          ExpressionAttributeValues: toItem({ ':one': 1, ':cap': counter.cap, ':expires': expiresAt }),
        }));
        taken.push(counter);
      } catch (error) {
        await this.giveBack(hour, taken);
        if (error instanceof ConditionalCheckFailedException) return { full: counter };
        throw translateDynamoDbError(error);
      }
    }
    return {};
  }

  async giveBack(hour: string, counters: readonly CapCounter[]): Promise<void> {
    await Promise.all(counters.map((counter) => this.client.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: toItem(keyOf(hour, counter)),
      UpdateExpression: 'ADD #n :minus',
      ConditionExpression: 'attribute_exists(#n) AND #n > :zero',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: toItem({ ':minus': -1, ':zero': 0 }),
    })).catch(() => undefined)));
  }
}

function keyOf(hour: string, counter: CapCounter): { pk: string; sk: string } {
  return { pk: `MAILCAP#${hour}#${counter.key}`, sk: 'MAILCAP' };
}
