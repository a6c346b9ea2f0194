/** The ReferenceStore contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import { inMemory, onDynamoDbLocal, sampleRegistration, type MakeStores } from './support.ts';

function describeReferenceStoreContract(name: string, makeStores: MakeStores) {
  describe(`ReferenceStore: ${name}`, () => {
    test('each year counts on its own and never hands out a number twice', async () => {
      const { references } = await makeStores();
      expect(await references.allocatedCount(2026)).toBe(0);
      expect(await Promise.all([references.allocateSequence(2026), references.allocateSequence(2026), references.allocateSequence(2026)]).then((n) => n.sort())).toEqual([1, 2, 3]);
      expect(await references.allocateSequence(2027)).toBe(1);
      expect(await references.allocatedCount(2026)).toBe(3);
    });

    test('a voided reference keeps its reason; one that has a complaint is not voided', async () => {
      const { references, complaints } = await makeStores();
      const registration = await sampleRegistration({ sequence: 2 });
      await complaints.register(registration);
      await references.voidReference('KL-2026-000001', 'registration failed');
      await references.voidReference(registration.next.reference, 'registration failed');
      expect(await references.voidReason('KL-2026-000001')).toBe('registration failed');
      expect(await references.voidReason(registration.next.reference)).toBeUndefined();
    });

    test('what was registered after a number, with when; and how far the gap check got', async () => {
      const { references, complaints } = await makeStores();
      for (const sequence of [1, 3, 4]) await complaints.register(await sampleRegistration({ sequence, at: new Date(`2026-03-0${sequence}T10:00:00.000Z`) }));
      const since = await references.registeredSince(2026, 1);
      expect(since.map((r) => r.sequence)).toEqual([3, 4]);
      expect(since[0]!.registeredAt).toBe('2026-03-03T10:00:00.000Z');
      expect(await references.registeredSince(2025, 0)).toEqual([]);
      expect(await references.gapsCheckedUpTo(2026)).toBe(0);
      await references.setGapsCheckedUpTo(2026, 3);
      expect(await references.gapsCheckedUpTo(2026)).toBe(3);
    });
  });
}

describeReferenceStoreContract('in memory', inMemory);
describeReferenceStoreContract('DynamoDB Local', onDynamoDbLocal());
