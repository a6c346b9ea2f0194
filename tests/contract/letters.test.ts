/** The LetterReader contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import type { OutboxEntry } from '../../shared/domain/complaint/model.ts';
import { inMemory, onDynamoDbLocal, sampleChange, sampleEntry, sampleRegistration, type MakeStores } from './support.ts';

const schedule = (reference: string, entryId: string, at: string): OutboxEntry => ({
  reference,
  entryId,
  createdAt: at,
  attempts: 0,
  nextAttemptAt: at,
  action: { kind: 'schedule', name: `check-${entryId}`, at: at.slice(0, 19), timeZone: 'Europe/Amsterdam', input: {} },
});

function describeLetterReaderContract(name: string, makeStores: MakeStores) {
  describe(`LetterReader: ${name}`, () => {
    test("a complaint's e-mail entries, oldest first, pending or delivered with what was sent; nothing else of the outbox", async () => {
      const { complaints, outbox, letters } = await makeStores();
      const registration = await sampleRegistration();
      await complaints.register(registration);
      const reference = registration.next.reference;
      const notices = registration.outbox.filter((e) => e.action.kind === 'email');
      expect(notices.length).toBeGreaterThan(0);

      // Two reminders made at the same moment (by entry id), one earlier than both, and a schedule (not a letter).
      const later = sampleEntry(reference, 'r-b', '2026-03-05T09:00:00.000Z');
      const same = sampleEntry(reference, 'r-a', '2026-03-05T09:00:00.000Z');
      const earlier = sampleEntry(reference, 'r-c', '2026-03-04T09:00:00.000Z');
      await complaints.appendEvent(await sampleChange(registration.next, { outbox: [later, same, earlier, schedule(reference, 's-1', '2026-03-04T08:00:00.000Z')] }));
      // Another complaint's letters are not this one's.
      const other = await sampleRegistration({ sequence: 2, email: 'other@example.com' });
      await complaints.register(other);

      const sent = { to: 'coordinator@demo.example', subject: 'Herinnering', text: 'tekst', html: '<p>tekst</p>', sentAt: '2026-03-05T09:00:02.000Z', messageId: 'msg-1' };
      await outbox.completeOutbox(same, { deliveredAt: new Date('2026-03-05T09:00:03.000Z'), detail: 'msg-1', letter: sent });

      const all = await letters.storedLetters(reference);
      expect(all.map((l) => l.entryId)).toEqual([...[...notices].sort((a, b) => (a.createdAt + a.entryId < b.createdAt + b.entryId ? -1 : 1)).map((e) => e.entryId), 'r-c', 'r-a', 'r-b']);
      const reminder = { letter: 'deadline-reminder', recipient: 'staff', to: 'coordinator@demo.example', milestoneId: 'handling' };
      expect(all.at(-1)).toEqual({ entryId: 'r-b', ...reminder, createdAt: later.createdAt, state: 'pending' });
      expect(all.at(-2)).toEqual({ entryId: 'r-a', ...reminder, createdAt: same.createdAt, state: 'done', deliveredAt: '2026-03-05T09:00:03.000Z', sent });
      for (const notice of notices) {
        const action = notice.action as Extract<OutboxEntry['action'], { letter: 'notice' }>;
        const letter = all.find((l) => l.entryId === notice.entryId)!;
        expect(letter).toMatchObject({
          letter: action.notice.id,
          recipient: action.recipient,
          to: action.to,
          eventSeq: action.eventSeq,
          createdAt: notice.createdAt,
          state: 'pending',
          notice: action.notice,
        });
        expect(letter).not.toHaveProperty('deliveredAt');
        expect(await letters.storedLetter(reference, notice.entryId)).toEqual(letter);
      }
      expect(await letters.storedLetter(reference, 'r-a')).toEqual(all.at(-2));
      expect(await letters.storedLetter(reference, 's-1')).toBeUndefined();
      expect(await letters.storedLetter(reference, 'nothing')).toBeUndefined();
      expect(await letters.storedLetter(other.next.reference, 'r-a')).toBeUndefined();
      expect(await letters.storedLetters('KL-2026-000099')).toEqual([]);
    });

    test('a delivered acknowledgement keeps no status token', async () => {
      const { complaints, outbox, letters } = await makeStores();
      const registration = await sampleRegistration();
      await complaints.register(registration);
      const acknowledgement = registration.outbox.find((e) => e.action.kind === 'email' && 'statusToken' in e.action && e.action.statusToken);
      expect(acknowledgement).toBeDefined();
      const token = (acknowledgement!.action as { statusToken: string }).statusToken;
      await outbox.completeOutbox(acknowledgement!, { deliveredAt: new Date('2026-03-02T09:00:05.000Z'), detail: 'msg-2' });
      const letter = await letters.storedLetter(registration.next.reference, acknowledgement!.entryId);
      expect(letter).toMatchObject({ state: 'done', deliveredAt: '2026-03-02T09:00:05.000Z' });
      expect(JSON.stringify(await letters.storedLetters(registration.next.reference))).not.toContain(token);
    });
  });
}

describeLetterReaderContract('in memory', inMemory);
describeLetterReaderContract('DynamoDB Local', onDynamoDbLocal());
