/** LetterReader in memory (contract: tests/contract/letters.test.ts): a complaint's e-mail outbox entries, delivered or not. */
import type { LetterReader, SentLetter } from '../../../shared/domain/ports.ts';
import { MemoryTable, outboxKey, type StoredOutbox } from './memory-table.ts';

export class InMemoryLetterStore implements LetterReader {
  constructor(readonly table = new MemoryTable()) {}

  /** Oldest first (by creation, then entry id). */
  async storedLetters(reference: string): Promise<SentLetter[]> {
    return [...this.table.outbox.values()]
      .filter((entry) => entry.reference === reference && entry.action.kind === 'email')
      .map(toSentLetter)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  }

  async storedLetter(reference: string, entryId: string): Promise<SentLetter | undefined> {
    const entry = this.table.outbox.get(outboxKey({ reference, entryId }));
    return entry?.action.kind === 'email' ? toSentLetter(entry) : undefined;
  }
}

/** The same mapping as the DynamoDB store's (shared/adapters/dynamodb-letters.ts), from a stored entry. */
function toSentLetter(entry: StoredOutbox): SentLetter {
  const action = structuredClone(entry.action) as Record<string, any>;
  return {
    entryId: String(entry.entryId),
    letter: String(action.letter === 'notice' ? (action.notice?.id ?? 'notice') : action.letter),
    recipient: String(action.recipient ?? 'staff'),
    to: String(action.to),
    ...(typeof action.eventSeq === 'number' ? { eventSeq: action.eventSeq } : {}),
    ...(action.eventType ? { eventType: String(action.eventType) } : {}),
    ...(action.milestoneId ? { milestoneId: String(action.milestoneId) } : {}),
    createdAt: String(entry.createdAt),
    ...(entry.deliveredAt ? { deliveredAt: entry.deliveredAt } : {}),
    state: entry.state,
    ...(action.notice ? { notice: action.notice } : {}),
    ...(entry.sent ? { sent: structuredClone(entry.sent) } : {}),
  };
}
