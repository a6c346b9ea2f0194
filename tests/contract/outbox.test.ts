/** The OutboxStore contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.ts';
import { webhookEntryId } from '../../shared/domain/complaint/webhook-entries.ts';
import { inMemory, onDynamoDbLocal, sampleChange, sampleEntry, sampleRegistration, type MakeStores, type Stores } from './support.ts';

const T = (iso: string) => new Date(iso);

/** A registered complaint with three reminders queued: due at 09:00, 10:00 and (later) 12:00 on 3 March. */
async function withEntries(stores: Stores) {
  const registration = await sampleRegistration();
  await stores.complaints.register(registration);
  const reference = registration.next.reference;
  const entries = [sampleEntry(reference, 'r-b', '2026-03-03T10:00:00.000Z'), sampleEntry(reference, 'r-a', '2026-03-03T09:00:00.000Z'), sampleEntry(reference, 'r-c', '2026-03-03T12:00:00.000Z')];
  const write = await sampleChange(registration.next, { outbox: entries });
  await stores.complaints.appendEvent(write);
  return { reference, entries, complaint: write.next, registration };
}

function describeOutboxStoreContract(name: string, makeStores: MakeStores) {
  describe(`OutboxStore: ${name}`, () => {
    test('pending entries that are due, soonest first, up to the limit', async () => {
      const stores = await makeStores();
      const { reference } = await withEntries(stores);
      const due = (await stores.outbox.pendingOutbox(T('2026-03-03T11:00:00.000Z'), 10)).filter((e) => e.reference === reference && e.entryId.startsWith('r-'));
      expect(due.map((e) => e.entryId)).toEqual(['r-a', 'r-b']);
      expect(due[0]).toEqual(sampleEntry(reference, 'r-a', '2026-03-03T09:00:00.000Z'));
      expect(await stores.outbox.pendingOutbox(T('2026-03-03T11:00:00.000Z'), 1)).toHaveLength(1);
    });

    test('a claim holds an entry until its lease ends', async () => {
      const stores = await makeStores();
      const { entries } = await withEntries(stores);
      const entry = entries[1]!;
      const now = T('2026-03-03T11:00:00.000Z');
      expect(await stores.outbox.claimOutbox(entry, now, T('2026-03-03T11:05:00.000Z'))).toBe(true);
      expect(await stores.outbox.claimOutbox(entry, T('2026-03-03T11:01:00.000Z'), T('2026-03-03T11:06:00.000Z'))).toBe(false);
      expect((await stores.outbox.pendingOutbox(T('2026-03-03T11:01:00.000Z'), 10)).map((e) => e.entryId)).not.toContain(entry.entryId);
      expect(await stores.outbox.claimOutbox(entry, T('2026-03-03T11:06:00.000Z'), T('2026-03-03T11:11:00.000Z'))).toBe(true);
    });

    test('completed: done and no longer pending; completing it again is a conflict, as is claiming it', async () => {
      const stores = await makeStores();
      const { reference, entries } = await withEntries(stores);
      const entry = entries[1]!;
      await stores.outbox.completeOutbox(entry, { deliveredAt: T('2026-03-03T11:00:00.000Z'), detail: 'sent' });
      expect(await stores.outbox.outboxEntryState(reference, entry.entryId)).toEqual({ state: 'done', nextAttemptAt: entry.nextAttemptAt });
      expect((await stores.outbox.pendingOutbox(T('2026-03-04T00:00:00.000Z'), 10)).map((e) => e.entryId)).not.toContain(entry.entryId);
      await expect(stores.outbox.completeOutbox(entry, { deliveredAt: T('2026-03-03T11:00:00.000Z'), detail: 'sent' })).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.outbox.claimOutbox(entry, T('2026-03-04T00:00:00.000Z'), T('2026-03-04T00:05:00.000Z'))).toBe(false);
    });

    test('completed with a write: the event is recorded with it; a stale write leaves the entry pending', async () => {
      const stores = await makeStores();
      const { reference, entries, complaint, registration } = await withEntries(stores);
      const stale = await sampleChange(registration.next);
      await expect(stores.outbox.completeOutbox(entries[0]!, { deliveredAt: T('2026-03-03T11:00:00.000Z'), detail: 'sent' }, stale)).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.outbox.outboxEntryState(reference, entries[0]!.entryId)).toMatchObject({ state: 'pending' });
      const write = await sampleChange(complaint, { outbox: [sampleEntry(reference, 'r-d', '2026-03-05T09:00:00.000Z')] });
      await stores.outbox.completeOutbox(entries[0]!, { deliveredAt: T('2026-03-03T11:00:00.000Z'), detail: 'sent' }, write);
      expect(await stores.outbox.outboxEntryState(reference, entries[0]!.entryId)).toMatchObject({ state: 'done' });
      expect(await stores.complaints.get(reference)).toEqual(write.next);
      expect(await stores.outbox.outboxEntryState(reference, 'r-d')).toEqual({ state: 'pending', nextAttemptAt: '2026-03-05T09:00:00.000Z' });
    });

    test('released: its attempts and next try recorded, not due before it', async () => {
      const stores = await makeStores();
      const { reference, entries } = await withEntries(stores);
      const entry = entries[1]!;
      await stores.outbox.claimOutbox(entry, T('2026-03-03T11:00:00.000Z'), T('2026-03-03T11:05:00.000Z'));
      await stores.outbox.releaseOutbox(entry, { attempts: 1, retryAt: T('2026-03-03T13:00:00.000Z'), error: 'SES said no' });
      expect(await stores.outbox.outboxEntryState(reference, entry.entryId)).toEqual({ state: 'pending', nextAttemptAt: '2026-03-03T13:00:00.000Z' });
      expect((await stores.outbox.pendingOutbox(T('2026-03-03T12:30:00.000Z'), 10)).map((e) => e.entryId)).not.toContain(entry.entryId);
      const due = (await stores.outbox.pendingOutbox(T('2026-03-03T13:00:00.000Z'), 10)).find((e) => e.entryId === entry.entryId);
      expect(due).toMatchObject({ attempts: 1, nextAttemptAt: '2026-03-03T13:00:00.000Z' });
      // The entry as read before the release (an older attempt, as a stream record announced it) is not taken; as read now it is.
      expect(await stores.outbox.claimOutbox(entry, T('2026-03-03T13:01:00.000Z'), T('2026-03-03T13:06:00.000Z'))).toBe(false);
      expect(await stores.outbox.claimOutbox(due!, T('2026-03-03T13:01:00.000Z'), T('2026-03-03T13:06:00.000Z'))).toBe(true);
    });

    test('webhook deliveries waiting are listed, with why they failed', async () => {
      const stores = await makeStores();
      const registration = await sampleRegistration({ publishEvents: true });
      await stores.complaints.register(registration);
      const reference = registration.next.reference;
      const entry = (await stores.outbox.pendingOutbox(T('2026-03-02T10:00:00+01:00'), 50)).find((e) => e.entryId === webhookEntryId(1))!;
      expect(entry.action).toEqual({ kind: 'webhook', event: registration.event });
      await stores.outbox.releaseOutbox(entry, { attempts: 1, retryAt: T('2026-03-02T10:05:00+01:00'), error: 'answered 500' });
      const pending = await stores.outbox.pendingWebhooks();
      expect(pending).toEqual({
        complete: true,
        items: [{ reference, entryId: webhookEntryId(1), createdAt: entry.createdAt, attempts: 1, nextAttemptAt: '2026-03-02T09:05:00.000Z', lastError: 'answered 500' }],
      });
      expect(await stores.outbox.outboxEntryState(reference, 'no-such-entry')).toBeUndefined();
    });
  });
}

describeOutboxStoreContract('in memory', inMemory);
describeOutboxStoreContract('DynamoDB Local', onDynamoDbLocal());
