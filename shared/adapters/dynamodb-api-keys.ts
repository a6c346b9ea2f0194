/**
 * ApiKeyStore on the register table: APIKEY#<hash> (the key's SHA-256; the key is never stored),
 * APIKEYID#<id> -> hash for revocation by id, active keys listed by the status index (APIKEYS).
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError } from '../domain/errors.ts';
import type { ApiKey, ApiKeyStore } from '../domain/api-keys/api-keys.ts';
import { STATUS_INDEX } from './table-design.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';

const apiKeyKey = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });
const apiKeyIdKey = (id: string) => ({ pk: `APIKEYID#${id}`, sk: 'APIKEYID' });
const API_KEYS_PARTITION = 'APIKEYS';

export class DynamoDbApiKeyStore implements ApiKeyStore {
  constructor(private readonly table: DynamoDbTable) {}

  async createApiKey(key: ApiKey, keyHash: string): Promise<void> {
    await this.table.transact(
      [
        {
          Put: {
            TableName: this.table.name,
            Item: toItem({ ...apiKeyKey(keyHash), ...key, [STATUS_INDEX.partitionKey]: API_KEYS_PARTITION, [STATUS_INDEX.sortKey]: `${key.createdAt}#${key.id}` }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: this.table.name, Item: toItem({ ...apiKeyIdKey(key.id), keyHash }), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
      'an API key with this id exists; try again',
    );
  }

  async listApiKeys(): Promise<ApiKey[]> {
    const { items } = await this.table.queryAll({
      IndexName: STATUS_INDEX.name,
      KeyConditionExpression: `${STATUS_INDEX.partitionKey} = :keys`,
      ExpressionAttributeValues: toItem({ ':keys': API_KEYS_PARTITION }),
      ScanIndexForward: false,
    });
    return items.map(toApiKey);
  }

  async revokeApiKey(id: string, revokedAt: Date, revokedBy: string): Promise<boolean> {
    const pointer = await this.table.getItem(apiKeyIdKey(id));
    if (!pointer) return false;
    try {
      await this.table.call(() =>
        this.table.client.send(
          new UpdateItemCommand({
            TableName: this.table.name,
            Key: toItem(apiKeyKey(String(pointer.keyHash))),
            // Kept for the record (who made it, who revoked it); out of the list of active keys.
            UpdateExpression: `SET revokedAt = :at, revokedBy = :by REMOVE ${STATUS_INDEX.partitionKey}, ${STATUS_INDEX.sortKey}`,
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: toItem({ ':at': revokedAt.toISOString(), ':by': revokedBy }),
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async useApiKey(keyHash: string, at: Date): Promise<ApiKey | undefined> {
    // One round trip: finds the active key and records its use, or fails its condition.
    try {
      const result = await this.table.call(() =>
        this.table.client.send(
          new UpdateItemCommand({
            TableName: this.table.name,
            Key: toItem(apiKeyKey(keyHash)),
            UpdateExpression: 'SET lastUsedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: toItem({ ':at': at.toISOString() }),
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return toApiKey(unmarshall(result.Attributes ?? {}));
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
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
