/** The ComplaintStore contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.ts';
import { inMemory, onDynamoDbLocal, sampleChange, sampleEntry, sampleRegistration, type MakeStores } from './support.ts';

function describeComplaintStoreContract(name: string, makeStores: MakeStores) {
  describe(`ComplaintStore: ${name}`, () => {
    test('a registration is read back: the view, its first event, its idempotency key', async () => {
      const { complaints } = await makeStores();
      const registration = await sampleRegistration({ idempotencyKey: 'key-12345678' });
      await complaints.register(registration);
      const reference = registration.next.reference;
      expect(await complaints.get(reference)).toEqual(registration.next);
      expect(await complaints.events(reference)).toEqual([registration.event]);
      expect(await complaints.findByIdempotencyKey('key-12345678')).toEqual({ reference, requestHash: registration.idempotency!.requestHash });
      expect(await complaints.findByIdempotencyKey('key-other')).toBeUndefined();
    });

    test('unknown references have no view and no events', async () => {
      const { complaints } = await makeStores();
      expect(await complaints.get('KL-2026-999999')).toBeUndefined();
      expect(await complaints.events('KL-2026-999999')).toEqual([]);
    });

    test('a reference or an idempotency key taken already: ConflictError, and nothing of the second is stored', async () => {
      const { complaints } = await makeStores();
      const first = await sampleRegistration({ idempotencyKey: 'key-12345678' });
      await complaints.register(first);
      await expect(complaints.register(await sampleRegistration({ sequence: 1 }))).rejects.toBeInstanceOf(ConflictError);
      const second = await sampleRegistration({ sequence: 2, idempotencyKey: 'key-12345678' });
      await expect(complaints.register(second)).rejects.toBeInstanceOf(ConflictError);
      expect(await complaints.get(second.next.reference)).toBeUndefined();
      expect(await complaints.events(second.next.reference)).toEqual([]);
    });

    test('a change stores the next view, its event and its outbox entries together', async () => {
      const { complaints, outbox } = await makeStores();
      const registration = await sampleRegistration();
      await complaints.register(registration);
      const reference = registration.next.reference;
      const write = await sampleChange(registration.next, { outbox: [sampleEntry(reference, 'reminder-1', '2026-03-03T09:00:00.000Z')] });
      await complaints.appendEvent(write);
      expect(await complaints.get(reference)).toEqual(write.next);
      expect((await complaints.events(reference)).map((e) => e.seq)).toEqual([1, 2]);
      expect(await outbox.outboxEntryState(reference, 'reminder-1')).toEqual({ state: 'pending', nextAttemptAt: '2026-03-03T09:00:00.000Z' });
    });

    test('a change from a stale version, or queuing an entry that exists: ConflictError, and nothing changes', async () => {
      const { complaints, outbox } = await makeStores();
      const registration = await sampleRegistration();
      await complaints.register(registration);
      const reference = registration.next.reference;
      const write = await sampleChange(registration.next, { outbox: [sampleEntry(reference, 'reminder-1', '2026-03-03T09:00:00.000Z')] });
      await complaints.appendEvent(write);
      const stale = await sampleChange(registration.next, { outbox: [sampleEntry(reference, 'reminder-2', '2026-03-03T09:00:00.000Z')] });
      await expect(complaints.appendEvent(stale)).rejects.toBeInstanceOf(ConflictError);
      const again = await sampleChange(write.next, { outbox: [sampleEntry(reference, 'reminder-1', '2026-03-04T09:00:00.000Z')] });
      await expect(complaints.appendEvent(again)).rejects.toBeInstanceOf(ConflictError);
      expect(await complaints.get(reference)).toEqual(write.next);
      expect(await complaints.events(reference)).toHaveLength(2);
      expect(await outbox.outboxEntryState(reference, 'reminder-2')).toBeUndefined();
    });

    test('a change of a complaint that does not exist: ConflictError', async () => {
      const { complaints } = await makeStores();
      const registration = await sampleRegistration();
      await expect(complaints.appendEvent(await sampleChange(registration.next))).rejects.toBeInstanceOf(ConflictError);
    });
  });
}

describeComplaintStoreContract('in memory', inMemory);
describeComplaintStoreContract('DynamoDB Local', onDynamoDbLocal());
