/**
 * The MailCaps contract (shared/domain/ports.ts), held by the in-memory fake and the DynamoDB
 * store alike: a count per hour and counter, taken for all counters or none, refused by the first
 * that is full, given back best effort.
 */
import { describe, expect, test } from 'vitest';
import type { CapCounter } from '../../shared/domain/ports.ts';
import { inMemory, onDynamoDbLocal, type MakeStores } from './support.ts';

const HOUR = '2026-03-02T10';
const tenant = (cap: number): CapCounter => ({ key: 'tenant', cap });
const recipient = (hash: string, cap: number): CapCounter => ({ key: `recipient:${hash}`, cap });

function describeMailCapsContract(name: string, makeStores: MakeStores) {
  describe(`MailCaps: ${name}`, () => {
    test('counts up to each cap; the refusal names the counter that is full and counts nothing', async () => {
      const { mailCaps } = await makeStores();
      const a = recipient('aaa', 2);
      const b = recipient('bbb', 2);
      expect(await mailCaps.take(HOUR, [a, tenant(3)])).toEqual({});
      expect(await mailCaps.take(HOUR, [a, tenant(3)])).toEqual({});
      // a is full: refused by a, and the tenant's count is not taken.
      expect(await mailCaps.take(HOUR, [a, tenant(3)])).toEqual({ full: a });
      expect(await mailCaps.take(HOUR, [b, tenant(3)])).toEqual({});
      // Now the tenant is full too: of the two full ones, the first given.
      expect(await mailCaps.take(HOUR, [b, tenant(3)])).toEqual({ full: tenant(3) });
      expect(await mailCaps.take(HOUR, [a, tenant(3)])).toEqual({ full: a });
      expect(await mailCaps.take(HOUR, [tenant(3)])).toEqual({ full: tenant(3) });
      // A higher cap makes room: the counts are what was taken.
      expect(await mailCaps.take(HOUR, [b, tenant(4)])).toEqual({});
      expect(await mailCaps.take(HOUR, [b, tenant(5)])).toEqual({ full: b });
    });

    test('several recipients at once: all counted, or none', async () => {
      const { mailCaps } = await makeStores();
      const a = recipient('aaa', 1);
      const b = recipient('bbb', 1);
      const c = recipient('ccc', 1);
      expect(await mailCaps.take(HOUR, [b, tenant(10)])).toEqual({});
      expect(await mailCaps.take(HOUR, [a, b, tenant(10)])).toEqual({ full: b });
      // Neither a nor the tenant was counted by the refusal.
      expect(await mailCaps.take(HOUR, [a, c, tenant(10)])).toEqual({});
      expect(await mailCaps.take(HOUR, [a, tenant(10)])).toEqual({ full: a });
      expect(await mailCaps.take(HOUR, [tenant(2)])).toEqual({ full: tenant(2) });
    });

    test('each hour counts anew', async () => {
      const { mailCaps } = await makeStores();
      const a = recipient('aaa', 1);
      expect(await mailCaps.take(HOUR, [a, tenant(1)])).toEqual({});
      expect(await mailCaps.take(HOUR, [a, tenant(1)])).toEqual({ full: a });
      expect(await mailCaps.take('2026-03-02T11', [a, tenant(1)])).toEqual({});
    });

    test('a count given back can be taken again; giving back what was never taken makes no room', async () => {
      const { mailCaps } = await makeStores();
      const a = recipient('aaa', 1);
      await mailCaps.giveBack(HOUR, [a, tenant(2)]);
      expect(await mailCaps.take(HOUR, [a, tenant(2)])).toEqual({});
      expect(await mailCaps.take(HOUR, [a, tenant(2)])).toEqual({ full: a });
      await mailCaps.giveBack(HOUR, [a, tenant(2)]);
      expect(await mailCaps.take(HOUR, [a, tenant(2)])).toEqual({});
      await mailCaps.giveBack(HOUR, [a, tenant(2)]);
      await mailCaps.giveBack(HOUR, [a, tenant(2)]);
      expect(await mailCaps.take(HOUR, [a, tenant(2)])).toEqual({});
      expect(await mailCaps.take(HOUR, [recipient('bbb', 5), tenant(2)])).toEqual({});
      expect(await mailCaps.take(HOUR, [recipient('ccc', 5), tenant(2)])).toEqual({ full: tenant(2) });
    });
  });
}

describeMailCapsContract('in memory', inMemory);
describeMailCapsContract('DynamoDB Local', onDynamoDbLocal());
