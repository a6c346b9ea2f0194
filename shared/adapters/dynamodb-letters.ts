/**
 * LetterReader on the register table: a complaint's letters are its e-mail outbox items
 * (C#<reference> O#<entryId>), delivered or not, with what was sent where it was kept.
 */
import type { LetterReader, SentLetter } from '../domain/ports.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';

export class DynamoDbLetterStore implements LetterReader {
  constructor(private readonly table: DynamoDbTable) {}

  async storedLetters(reference: string): Promise<SentLetter[]> {
    const { items } = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :o)',
      ExpressionAttributeValues: toItem({ ':pk': `C#${reference}`, ':o': 'O#' }),
      ConsistentRead: true,
    });
    return items
      .filter((item) => item.action?.kind === 'email')
      .map(toSentLetter)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.entryId.localeCompare(b.entryId));
  }

  async storedLetter(reference: string, entryId: string): Promise<SentLetter | undefined> {
    const item = await this.table.getItem({ pk: `C#${reference}`, sk: `O#${entryId}` });
    return item?.action?.kind === 'email' ? toSentLetter(item) : undefined;
  }
}

/** An e-mail outbox item as a letter: what it is, to whom, its state, and (once delivered) what was sent. */
export function toSentLetter(item: Record<string, any>): SentLetter {
  const action = item.action;
  return {
    entryId: String(item.entryId),
    letter: String(action.letter === 'notice' ? (action.notice?.id ?? 'notice') : action.letter),
    recipient: String(action.recipient ?? 'staff'),
    to: String(action.to),
    ...(typeof action.eventSeq === 'number' ? { eventSeq: action.eventSeq } : {}),
    ...(action.eventType ? { eventType: String(action.eventType) } : {}),
    ...(action.milestoneId ? { milestoneId: String(action.milestoneId) } : {}),
    createdAt: String(item.createdAt),
    ...(item.deliveredAt ? { deliveredAt: String(item.deliveredAt) } : {}),
    state: item.state === 'done' ? ('done' as const) : ('pending' as const),
    ...(action.notice ? { notice: action.notice } : {}),
    ...(item.sent ? { sent: item.sent } : {}),
  };
}
