/** The PrivacyStore contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.ts';
import type { AuditEntry } from '../../shared/domain/ports.ts';
import { scrubEvent } from '../../shared/domain/privacy/scrub-event.ts';
import { inMemory, onDynamoDbLocal, sampleChange, sampleEntry, sampleRegistration, type MakeStores } from './support.ts';

const audit = (id: string, at: string): AuditEntry => ({ id, at, actor: 'system', action: 'retention-anonymised', references: ['KL-2026-000001'] });

function describePrivacyStoreContract(name: string, makeStores: MakeStores) {
  describe(`PrivacyStore: ${name}`, () => {
    test("a subject's complaints by their hash and search token; anonymised, nothing leads to them any more", async () => {
      const { complaints, outbox, statusLinks, privacy } = await makeStores();
      const registration = await sampleRegistration({ idempotencyKey: 'key-12345678', searchTokens: ['tok-a', 'tok-b'] });
      await complaints.register(registration);
      await complaints.register(await sampleRegistration({ sequence: 2, email: 'other@example.com' }));
      const reference = registration.next.reference;
      expect(await privacy.findBySubject(registration.subject!)).toEqual([reference]);
      expect(await privacy.findBySearchToken('tok-b')).toEqual([reference]);
      const write = await sampleChange(registration.next, { outbox: [sampleEntry(reference, 'erase', '2026-03-03T09:00:00.000Z')] });
      const scrubbed = (await complaints.events(reference)).map(scrubEvent);
      await privacy.anonymise(write, scrubbed);
      expect(await complaints.get(reference)).toEqual(write.next);
      expect(await complaints.events(reference)).toEqual([...scrubbed, write.event]);
      expect(await privacy.findBySubject(registration.subject!)).toEqual([]);
      expect(await privacy.findBySearchToken('tok-b')).toEqual([]);
      expect(await statusLinks.findStatusLink(registration.next.statusTokenHash!)).toBeUndefined();
      expect(await complaints.findByIdempotencyKey('key-12345678')).toBeUndefined();
      // The registration's letters went with it; the write's own entries are queued.
      for (const entry of registration.outbox) expect(await outbox.outboxEntryState(reference, entry.entryId)).toBeUndefined();
      expect(await outbox.outboxEntryState(reference, 'erase')).toMatchObject({ state: 'pending' });
      await expect(privacy.anonymise(write, scrubbed)).rejects.toBeInstanceOf(ConflictError);
    });

    test('due for retention: ended and not held, soonest first', async () => {
      const { complaints, privacy } = await makeStores();
      for (const [sequence, retainUntil, held] of [
        [1, '2026-06-01T00:00:00.000Z', false],
        [2, '2026-05-01T00:00:00.000Z', false],
        [3, '2026-04-01T00:00:00.000Z', true],
        [4, '2027-01-01T00:00:00.000Z', false],
      ] as const) {
        const registration = await sampleRegistration({ sequence });
        await complaints.register(registration);
        const write = await sampleChange(registration.next);
        await complaints.appendEvent({
          ...write,
          next: { ...write.next, retainUntil, ...(held ? { legalHold: { at: '2026-03-03T00:00:00.000Z', by: 'director@demo.example', reason: 'rechtszaak' } } : {}) } as typeof write.next,
        });
      }
      expect(await privacy.dueForRetention(new Date('2026-07-01T00:00:00.000Z'), 10)).toEqual(['KL-2026-000002', 'KL-2026-000001']);
      expect(await privacy.dueForRetention(new Date('2026-07-01T00:00:00.000Z'), 1)).toEqual(['KL-2026-000002']);
    });

    test('the audit log: newest first, page by page; an entry is written once and rewritten in place', async () => {
      const { privacy } = await makeStores();
      for (const day of [1, 2, 3]) await privacy.appendAudit(audit(`a${day}`, `2026-03-0${day}T10:00:00.000Z`));
      await expect(privacy.appendAudit(audit('a1', '2026-03-01T10:00:00.000Z'))).rejects.toBeInstanceOf(ConflictError);
      await privacy.replaceAudit({ ...audit('a2', '2026-03-02T10:00:00.000Z'), reason: '[verwijderd]' });
      await expect(privacy.replaceAudit(audit('a9', '2026-03-09T10:00:00.000Z'))).rejects.toBeInstanceOf(ConflictError);
      const seen: AuditEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await privacy.listAudit(2, cursor);
        seen.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      expect(seen.map((e) => e.id)).toEqual(['a3', 'a2', 'a1']);
      expect(seen[1]!.reason).toBe('[verwijderd]');
    });
  });
}

describePrivacyStoreContract('in memory', inMemory);
describePrivacyStoreContract('DynamoDB Local', onDynamoDbLocal());
