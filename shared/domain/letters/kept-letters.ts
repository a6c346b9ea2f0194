/** A complaint's letters as staff see them: a line per letter, and one letter as it was sent. */
import type { SentLetter } from '../ports.ts';

/** One letter in the list: what, to whom, its state and subject (not its text). */
export function letterLine(letter: SentLetter) {
  return {
    id: letter.entryId,
    letter: letter.letter,
    recipient: letter.recipient,
    to: letter.to,
    state: letter.state,
    createdAt: letter.createdAt,
    deliveredAt: letter.deliveredAt ?? null,
    subject: letter.sent?.subject ?? null,
    /** False for a letter not yet sent, or sent before letters were kept. */
    kept: Boolean(letter.sent),
    ...(letter.eventType ? { eventType: letter.eventType } : {}),
    ...(letter.milestoneId ? { milestoneId: letter.milestoneId } : {}),
  };
}

/** One letter, with what was sent (null where it was not kept). */
export function letterAsSent(letter: SentLetter) {
  return {
    ...letterLine(letter),
    sent: letter.sent ?? null,
    ...(letter.notice ? { notice: { id: letter.notice.id, contents: letter.notice.contents, ...(letter.notice.citation ? { citation: letter.notice.citation } : {}) } } : {}),
  };
}
