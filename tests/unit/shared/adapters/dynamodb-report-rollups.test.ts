/** The rollups' transaction items: what the write path adds to a complaint's transaction. */
import { describe, expect, it } from 'vitest';
import { rollupKey, rollupWriteItems } from '../../../../shared/adapters/dynamodb-report-rollups.ts';
import type { RollupChange } from '../../../../shared/domain/report/rollup.ts';

describe('rollupWriteItems', () => {
  it('one ADD per slot with every non-zero delta', () => {
    const change: RollupChange = {
      deltas: [
        { slot: { year: 2026, month: 3, shard: 5 }, counters: { 'o:open': -1, 'o:founded': 1, open: -1, 'h:12': 1, 'mt:3:ruling': 1, zero: 0 } },
        { slot: { year: 2026, month: 4, shard: 5 }, counters: { 'u:2026-04-01T21:59:59Z|ruling': -1 } },
      ],
    };
    const [update, other, more] = rollupWriteItems('klachten-demo', change);
    expect(more).toBeUndefined();
    expect(rollupKey({ year: 2026, month: 3, shard: 5 })).toEqual({ pk: 'ROLLUP#2026', sk: 'M03#S05' });
    expect(update!.Update).toMatchObject({ TableName: 'klachten-demo', Key: { pk: { S: 'ROLLUP#2026' }, sk: { S: 'M03#S05' } } });
    expect(update!.Update!.UpdateExpression).toBe('ADD #c0 :c0, #c1 :c1, #c2 :c2, #c3 :c3, #c4 :c4');
    expect(Object.values(update!.Update!.ExpressionAttributeNames!)).toEqual(['c:o:open', 'c:o:founded', 'c:open', 'c:h:12', 'c:mt:3:ruling']);
    expect(Object.values(update!.Update!.ExpressionAttributeValues!)).toEqual([{ N: '-1' }, { N: '1' }, { N: '-1' }, { N: '1' }, { N: '1' }]);
    expect(other!.Update).toMatchObject({ Key: { sk: { S: 'M04#S05' } }, UpdateExpression: 'ADD #c0 :c0', ExpressionAttributeNames: { '#c0': 'c:u:2026-04-01T21:59:59Z|ruling' } });
  });

  it('nothing for a change that changes no figure', () => {
    expect(rollupWriteItems('t', { deltas: [] })).toEqual([]);
  });
});
