/**
 * How the hourly mail caps are laid out in the register table (shared/adapters/dynamodb-mail-caps.ts):
 * one item an hour holds the tenant's count and each address's, so a registration is counted by one
 * conditional update; a cap above SHARD_SIZE spreads the hour over shards, an address always in the
 * same one, each with its share of the tenant's cap. (Taking, refusing and giving back against
 * DynamoDB Local: tests/integration/mail-relay.test.ts.)
 */
import { describe, expect, test } from 'vitest';
import { groupsOf, MAX_SHARDS, SHARD_SIZE, shardsFor } from '../../../../shared/adapters/dynamodb-mail-caps.ts';

const recipient = (n: number, cap = 5) => ({ key: `recipient:hash-of-address-${n}`, cap });

describe("the mail caps' items", () => {
  test("up to SHARD_SIZE an hour: one item holds the tenant's count and the address's, under their own caps", () => {
    expect(shardsFor(500)).toBe(1);
    expect(shardsFor(SHARD_SIZE)).toBe(1);
    const groups = groupsOf([recipient(1), { key: 'tenant', cap: 500 }]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.shard).toBe(0);
    expect(groups[0]!.counters.map((c) => [c.attribute === 'n' ? 'n' : c.attribute.slice(0, 1), c.cap])).toEqual([
      ['r', 5],
      ['n', 500],
    ]);
    // An address's attribute: 72 bits of a hash, never the key (or the address) itself.
    expect(groups[0]!.counters[0]!.attribute).toMatch(/^r[A-Za-z0-9_-]{12}$/);
    expect(JSON.stringify(groups)).not.toMatch(/"attribute":"r?recipient/);
  });

  test('a larger cap spreads the hour over shards, each with its share; an address is always in the same shard', () => {
    expect(shardsFor(SHARD_SIZE + 1)).toBe(2);
    expect(shardsFor(999_999_999)).toBe(MAX_SHARDS);
    const tenant = { key: 'tenant', cap: 10_000 };
    const shardOf = (n: number) => groupsOf([recipient(n), tenant])[0]!;
    const seen = new Set<number>();
    for (let n = 0; n < 200; n += 1) {
      const group = shardOf(n);
      expect(group).toEqual(shardOf(n));
      expect(group.counters.find((c) => c.attribute === 'n')!.cap).toBe(1_000);
      seen.add(group.shard);
    }
    expect(seen.size).toBe(10);
  });

  test('two addresses in different shards are two items, the tenant counted once, beside the first', () => {
    const tenant = { key: 'tenant', cap: 64_000 };
    let n = 1;
    while (groupsOf([recipient(0), tenant])[0]!.shard === groupsOf([recipient(n), tenant])[0]!.shard) n += 1;
    const groups = groupsOf([recipient(0), recipient(n), tenant]);
    expect(groups).toHaveLength(2);
    expect(groups.flatMap((g) => g.counters).filter((c) => c.attribute === 'n')).toHaveLength(1);
    expect(groups[0]!.counters.map((c) => c.attribute).at(-1)).toBe('n');
  });
});
