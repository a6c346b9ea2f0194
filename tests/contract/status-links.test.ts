/** The StatusLinkStore and DigestStore contracts, held by the in-memory fakes and the DynamoDB stores alike. */
import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.ts';
import { inMemory, onDynamoDbLocal, sampleChange, sampleRegistration, type MakeStores } from './support.ts';

function describeStatusLinkContract(name: string, makeStores: MakeStores) {
  describe(`StatusLinkStore: ${name}`, () => {
    test("a registration's link leads to its complaint; a reissue replaces it in one write with the event", async () => {
      const { complaints, statusLinks } = await makeStores();
      const registration = await sampleRegistration();
      await complaints.register(registration);
      const oldHash = registration.next.statusTokenHash!;
      expect(await statusLinks.findStatusLink(oldHash)).toEqual({ complaint: registration.next });
      expect(await statusLinks.findStatusLink('no-such-hash')).toBeUndefined();

      const write = await sampleChange(registration.next);
      await statusLinks.replaceStatusLink(write, { oldHash, newHash: 'new-hash' });
      expect(await statusLinks.findStatusLink(oldHash)).toEqual({ replacedAt: write.event.at });
      expect(await statusLinks.findStatusLink('new-hash')).toEqual({ complaint: write.next });
      expect(await complaints.events(registration.next.reference)).toHaveLength(2);

      // A stale write changes nothing, not even the pointers.
      await expect(statusLinks.replaceStatusLink(write, { oldHash: 'new-hash', newHash: 'newer-hash' })).rejects.toBeInstanceOf(ConflictError);
      expect(await statusLinks.findStatusLink('newer-hash')).toBeUndefined();
      expect(await statusLinks.findStatusLink('new-hash')).toEqual({ complaint: write.next });
    });
  });

  describe(`DigestStore: ${name}`, () => {
    test('one digest per week and person: claimed once; a released claim can be taken again; a sent one cannot', async () => {
      const { digests } = await makeStores();
      const now = new Date('2026-03-02T07:00:00.000Z');
      const lease = new Date('2026-03-02T07:05:00.000Z');
      expect(await digests.claimDigest('2026-W10', 'Coordinator@demo.example', now, lease)).toBe(true);
      expect(await digests.claimDigest('2026-W10', 'coordinator@demo.example', now, lease)).toBe(false);
      expect(await digests.claimDigest('2026-W10', 'handler@demo.example', now, lease)).toBe(true);
      await digests.releaseDigest('2026-W10', 'coordinator@demo.example');
      expect(await digests.claimDigest('2026-W10', 'coordinator@demo.example', now, lease)).toBe(true);
      await digests.completeDigest('2026-W10', 'coordinator@demo.example', 'message-1');
      expect(await digests.claimDigest('2026-W10', 'coordinator@demo.example', new Date('2026-03-03T07:00:00.000Z'), new Date('2026-03-03T07:05:00.000Z'))).toBe(false);
      // A claim whose lease ran out (the sender died) can be taken over.
      expect(await digests.claimDigest('2026-W10', 'handler@demo.example', new Date('2026-03-02T07:06:00.000Z'), new Date('2026-03-02T07:11:00.000Z'))).toBe(true);
    });
  });
}

describeStatusLinkContract('in memory', inMemory);
describeStatusLinkContract('DynamoDB Local', onDynamoDbLocal());
