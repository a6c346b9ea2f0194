/**
 * StatusLinkStore and DigestStore on the register table: TOKEN#<hash> -> reference (a reissued
 * link's old pointer marked replacedAt, with a TTL), and DIGEST#<week> <recipient> send markers.
 */
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../domain/errors.ts';
import type { ComplaintWrite, DigestStore, StatusLinkLookup, StatusLinkStore } from '../domain/ports.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';
import { changeItems, complaintKey, REPLACED_LINK_TTL_SECONDS, reportWrites, toComplaint } from './dynamodb-items.ts';

export class DynamoDbStatusLinkStore implements StatusLinkStore {
  constructor(private readonly table: DynamoDbTable) {}

  async findStatusLink(tokenHash: string): Promise<StatusLinkLookup | undefined> {
    const pointer = await this.table.getItem({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' });
    if (!pointer) return undefined;
    if (pointer.replacedAt) return { replacedAt: String(pointer.replacedAt) };
    const complaint = await this.table.getItem(complaintKey(String(pointer.reference)));
    return complaint ? { complaint: toComplaint(complaint) } : undefined;
  }

  /**
   * The old pointer is overwritten as replaced: it answers 410 for REPLACED_LINK_TTL_SECONDS, then
   * the table's TTL removes it (and it answers 404, as any unknown link). Nothing is deleted here:
   * the staff API holds no delete permission.
   */
  async replaceStatusLink(write: ComplaintWrite, link: { oldHash?: string; newHash: string }): Promise<void> {
    const { reference, at } = write.event;
    const table = this.table.name;
    await this.table.transact(
      [
        ...changeItems(table, write),
        { Put: { TableName: table, Item: toItem({ pk: `TOKEN#${link.newHash}`, sk: 'TOKEN', reference }), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(link.oldHash
          ? [
              {
                Put: {
                  TableName: table,
                  Item: toItem({ pk: `TOKEN#${link.oldHash}`, sk: 'TOKEN', reference, replacedAt: at, expiresAt: Math.floor(Date.parse(at) / 1000) + REPLACED_LINK_TTL_SECONDS }),
                },
              },
            ]
          : []),
        ...reportWrites(table, write),
      ],
      'the complaint was changed by someone else; reload and try again',
    );
  }
}

export class DynamoDbDigestStore implements DigestStore {
  constructor(private readonly table: DynamoDbTable) {}

  async claimDigest(week: string, recipient: string, now: Date, leaseUntil: Date): Promise<boolean> {
    try {
      await this.table.call(() =>
        this.table.client.send(
          new PutItemCommand({
            TableName: this.table.name,
            Item: toItem({ pk: `DIGEST#${week}`, sk: recipient.toLowerCase(), state: 'sending', leaseUntil: leaseUntil.toISOString() }),
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: toItem({ ':sending': 'sending', ':now': now.toISOString() }),
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async completeDigest(week: string, recipient: string, detail: string): Promise<void> {
    await this.table.call(() =>
      this.table.client.send(
        new UpdateItemCommand({
          TableName: this.table.name,
          Key: toItem({ pk: `DIGEST#${week}`, sk: recipient.toLowerCase() }),
          UpdateExpression: 'SET #state = :sent, detail = :detail REMOVE leaseUntil',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: toItem({ ':sent': 'sent', ':detail': detail }),
        }),
      ),
    );
  }

  async releaseDigest(week: string, recipient: string): Promise<void> {
    await this.table.call(() =>
      this.table.client.send(
        new UpdateItemCommand({
          TableName: this.table.name,
          Key: toItem({ pk: `DIGEST#${week}`, sk: recipient.toLowerCase() }),
          UpdateExpression: 'SET leaseUntil = :past',
          ExpressionAttributeValues: toItem({ ':past': new Date(0).toISOString() }),
        }),
      ),
    );
  }
}
