/**
 * MailCaps on the tenant's register table: one item per hour (UTC) holds every count of that hour,
 *
 *   pk                       sk        what
 *   MAILCAP#<hour>           MAILCAP   `n`: complaints the intake accepted this hour; `r<id>`: those to one address
 *   MAILCAP#<hour>#<shard>   MAILCAP   the same, for one shard, when the tenant's cap is above SHARD_SIZE
 *
 * with `expiresAt` (the table's TTL: gone a day after its hour). `<id>` is 72 bits of a SHA-256 of
 * the counter's key (itself a hash of the address: never the address), enough to tell an hour's
 * addresses apart and short enough to keep the item small (about 20 bytes an address).
 *
 * A registration is counted by ONE conditional UpdateItem that adds one to the tenant's count and
 * to its address's, each below its cap (the refusal says which was full). Two counters in one item
 * cost one write where two items cost two, and a single-item update is serialised by DynamoDB, so
 * concurrent registrations never cancel each other (as two counters in one transaction would).
 * The item is written at most `cap` times an hour (500 by default): far below what one item takes.
 *
 * A cap above SHARD_SIZE (a tenant that expects thousands an hour, or the local cloud's unlimited
 * caps) spreads the hour over up to MAX_SHARDS items, an address always in the same one, each
 * taking its share of the tenant's cap: then the tenant's cap holds per shard (the total may be
 * refused a little before the cap when the addresses fall unevenly), and no item grows past
 * SHARD_SIZE addresses. The addresses of one call that fall in different shards are counted one
 * shard after the other, giving back what was counted when a later one is full.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CapCounter, MailCaps } from '../domain/ports.ts';
import { toItem, translateDynamoDbError } from './dynamodb-reader.ts';

const KEEP_SECONDS = 24 * 3600;
/** Counts (so addresses) one item holds at most before the hour is spread over shards. */
export const SHARD_SIZE = 1000;
export const MAX_SHARDS = 64;
const TENANT = 'tenant';

/** The counters of one item, and the cap each has there. */
interface Group {
  shard: number;
  counters: Array<{ counter: CapCounter; attribute: string; cap: number }>;
}

export class DynamoDbMailCaps implements MailCaps {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async take(hour: string, counters: readonly CapCounter[]): Promise<{ full?: CapCounter }> {
    const expiresAt = Math.floor(Date.parse(`${hour}:00:00.000Z`) / 1000) + 3600 + KEEP_SECONDS;
    const taken: Group[] = [];
    for (const group of groupsOf(counters)) {
      try {
        const full = await this.takeGroup(hour, group, expiresAt);
        if (full) {
          await this.giveBackGroups(hour, taken);
          return { full };
        }
        taken.push(group);
      } catch (error) {
        await this.giveBackGroups(hour, taken);
        throw translateDynamoDbError(error);
      }
    }
    return {};
  }

  async giveBack(hour: string, counters: readonly CapCounter[]): Promise<void> {
    await this.giveBackGroups(hour, groupsOf(counters));
  }

  /** One UpdateItem for the group's counters; the counter that was full when it is refused. */
  private async takeGroup(hour: string, group: Group, expiresAt: number): Promise<CapCounter | undefined> {
    const { names, values } = expressionParts(group);
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toItem(keyOf(hour, group.shard)),
          UpdateExpression: `ADD ${group.counters.map((_, i) => `#c${i} :one`).join(', ')} SET expiresAt = :expires`,
          ConditionExpression: group.counters.map((_, i) => `(attribute_not_exists(#c${i}) OR #c${i} < :cap${i})`).join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toItem({ ...values, ':one': 1, ':expires': expiresAt }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const counts = error.Item ?? (await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: toItem(keyOf(hour, group.shard)), ConsistentRead: true }))).Item ?? {};
      const full = group.counters.find((c) => Number(counts[c.attribute]?.N ?? 0) >= c.cap);
      // None full any more (a count was given back meanwhile): refused all the same, by the first.
      return (full ?? group.counters[0]!).counter;
    }
  }

  private async giveBackGroups(hour: string, groups: readonly Group[]): Promise<void> {
    await Promise.all(
      groups.map((group) => {
        const { names } = expressionParts(group);
        return this.client
          .send(
            new UpdateItemCommand({
              TableName: this.tableName,
              Key: toItem(keyOf(hour, group.shard)),
              UpdateExpression: `ADD ${group.counters.map((_, i) => `#c${i} :minus`).join(', ')}`,
              ConditionExpression: group.counters.map((_, i) => `#c${i} > :zero`).join(' AND '),
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: toItem({ ':minus': -1, ':zero': 0 }),
            }),
          )
          .catch(() => undefined);
      }),
    );
  }
}

/** How many items an hour is spread over, for the tenant's cap. */
export function shardsFor(tenantCap: number): number {
  return tenantCap <= SHARD_SIZE ? 1 : Math.min(MAX_SHARDS, Math.ceil(tenantCap / SHARD_SIZE));
}

/**
 * The items a call counts in: each address in its own shard, with the tenant's count (its share of
 * the cap) beside the first of them; the tenant alone (no address) in a shard of its own choosing.
 */
export function groupsOf(counters: readonly CapCounter[]): Group[] {
  const tenant = counters.find((c) => c.key === TENANT);
  const shards = shardsFor(tenant?.cap ?? 0);
  const groups = new Map<number, Group>();
  for (const counter of counters) {
    if (counter.key === TENANT) continue;
    const id = idOf(counter.key);
    const shard = shards === 1 ? 0 : id.readUInt32BE(0) % shards;
    const group = groups.get(shard) ?? { shard, counters: [] };
    group.counters.push({ counter, attribute: `r${id.toString('base64url')}`, cap: counter.cap });
    groups.set(shard, group);
  }
  if (tenant) {
    const first = [...groups.values()][0] ?? { shard: shards === 1 ? 0 : Math.floor(Math.random() * shards), counters: [] };
    first.counters.push({ counter: tenant, attribute: 'n', cap: Math.ceil(tenant.cap / shards) });
    groups.set(first.shard, first);
  }
  return [...groups.values()];
}

/** 72 bits of the key's SHA-256: an address's count within its hour. */
function idOf(key: string): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, 9);
}

function expressionParts(group: Group): { names: Record<string, string>; values: Record<string, number> } {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  group.counters.forEach((c, i) => {
    names[`#c${i}`] = c.attribute;
    values[`:cap${i}`] = c.cap;
  });
  return { names, values };
}

function keyOf(hour: string, shard: number): { pk: string; sk: string } {
  return { pk: shard === 0 ? `MAILCAP#${hour}` : `MAILCAP#${hour}#${shard}`, sk: 'MAILCAP' };
}
