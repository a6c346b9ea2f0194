import { describe, expect, test } from 'vitest';
import { explainReferenceGaps, UNREGISTERED_REASON, type ReferenceLedger } from '../../../../../shared/domain/complaint/reference-gaps.ts';
import { formatReference } from '../../../../../shared/domain/complaint/reference.ts';

/** A plain ledger: the counter, the registered numbers with their time, the voids. */
function ledger(allocated: number, registered: Array<[number, string]>, voids: Record<number, string> = {}) {
  const voided = new Map(Object.entries(voids).map(([n, reason]) => [formatReference(2026, Number(n)), reason]));
  let checked = 0;
  const fake: ReferenceLedger = {
    allocatedCount: async () => allocated,
    registeredSince: async (_year, after) => registered.filter(([n]) => n > after).map(([sequence, registeredAt]) => ({ sequence, registeredAt })),
    voidReason: async (reference) => voided.get(reference),
    voidReference: async (reference, reason) => {
      voided.set(reference, reason);
    },
    gapsCheckedUpTo: async () => checked,
    setGapsCheckedUpTo: async (_year, upTo) => {
      checked = upTo;
    },
  };
  return { fake, voided, checked: () => checked };
}

const clock = { now: () => new Date('2026-05-01T12:00:00Z') };
const old = '2026-05-01T11:50:00Z';
const fresh = '2026-05-01T11:59:50Z';

describe('explaining gaps in the reference sequence', () => {
  test('a number below a settled complaint with neither complaint nor void is voided with the reason', async () => {
    const { fake, voided, checked } = ledger(
      5,
      [
        [1, old],
        [3, old],
        [4, old],
      ],
      { 2: 'duplicate submission (same Idempotency-Key)' },
    );
    // 5 was allocated but nothing after it has settled: it may still be registering.
    const { voided: now } = await explainReferenceGaps({ register: fake, clock }, [2026]);
    expect(now).toEqual([]);
    expect(voided.get(formatReference(2026, 2))).toBe('duplicate submission (same Idempotency-Key)');
    expect(checked()).toBe(4);
  });

  test('an unexplained gap is voided once; a gap above the newest settled complaint waits', async () => {
    const { fake, voided, checked } = ledger(7, [
      [1, old],
      [3, old],
      [5, old],
      [7, fresh],
    ]);
    const { voided: first } = await explainReferenceGaps({ register: fake, clock }, [2026]);
    expect(first).toEqual([formatReference(2026, 2), formatReference(2026, 4)]);
    expect(voided.get(formatReference(2026, 4))).toBe(UNREGISTERED_REASON);
    expect(voided.has(formatReference(2026, 6))).toBe(false);
    expect(checked()).toBe(5);
    expect((await explainReferenceGaps({ register: fake, clock }, [2026])).voided).toEqual([]);
  });
});
