/** The letters the register sent: outbox entries of kind email, delivered or not, with what was sent. */
import type { NoticeSpec } from '../letters/notices.ts';

/** What a letter the register sent was: the outbox entry that delivered it. */
export interface SentLetter {
  entryId: string;
  letter: string;
  recipient: string;
  to: string;
  eventSeq?: number;
  eventType?: string;
  createdAt: string;
  deliveredAt?: string;
  /** The deadline a reminder, escalation or missed-target letter was about. */
  milestoneId?: string;
  state: 'pending' | 'done';
  /** Which notice it was: its contents and the rule it follows from. */
  notice?: NoticeSpec;
  /** What was sent, kept with the delivered entry (absent for letters delivered before letters were kept). */
  sent?: LetterAsSent;
}

/**
 * A letter as it went out: subject, text and HTML as composed at delivery, the address, when and
 * the provider's message id. A private status link's token is never kept: it stands as
 * STATUS_TOKEN_REDACTED in the kept copy.
 */
export interface LetterAsSent {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
  messageId: string;
}

/** What stands in a kept letter where the complainant's private status token was. */
export const STATUS_TOKEN_REDACTED = '[persoonlijke-link]';

export interface LetterReader {
  /** A complaint's letters, oldest first. */
  storedLetters(reference: string): Promise<SentLetter[]>;
  /** One letter of a complaint by its outbox entry id. */
  storedLetter(reference: string, entryId: string): Promise<SentLetter | undefined>;
}
