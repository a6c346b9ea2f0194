/**
 * The letter an e-mail outbox entry sends, composed from the complaint as it stands when it is
 * delivered: the one composition the outbox drain sends (deliver-outbox.ts) and a step's preview
 * shows (workflow/preview-step.ts), so a preview reads as the letter will.
 */
import type { Regulation } from '../regulation/index.ts';
import { STATUS_TOKEN_REDACTED, type LetterAsSent } from '../ports.ts';
import type { ComplaintRecord, OutboxEntry } from '../complaint/model.ts';
import type { ComplaintEvent } from '../complaint/events.ts';
import { deadlineEscalation, deadlineReminder, deliveryProblem, targetMissed } from './letters.ts';
import { composeNotice } from './compose.ts';
import type { Letter } from './render.ts';

export type EmailAction = Extract<OutboxEntry['action'], { kind: 'email' }>;

export interface OutboxLetterDeps {
  /** The complaint's events (read only for letters that quote their event). */
  events(reference: string): Promise<ComplaintEvent[]>;
  /** Base of the private status link the acknowledgement gives (the token is appended). */
  statusBaseUrl?: string;
}

/** Letter contents that quote their event (so the letter reads it when it is rendered). */
const EVENT_CONTENTS: ReadonlySet<string> = new Set(['extension-reason', 'delay-reason', 'holding-response', 'progress-update', 'consent']);

export async function composeOutboxLetter(deps: OutboxLetterDeps, regulation: Regulation, complaint: ComplaintRecord, action: EmailAction): Promise<Letter> {
  if (action.letter === 'notice') {
    // The complainant gets the readable status page (the JSON status is for their own software).
    const statusLink = action.statusToken && deps.statusBaseUrl ? `${deps.statusBaseUrl}/${action.statusToken}/pagina` : undefined;
    // Only letters that carry what the event said (a reason, an expected date, the update) read it.
    const event = action.notice.contents.some((c) => EVENT_CONTENTS.has(c)) ? (await deps.events(complaint.reference)).find((e) => e.seq === action.eventSeq) : undefined;
    return composeNotice({
      regulation,
      complaint,
      notice: action.notice,
      recipient: action.recipient,
      ...(event ? { event } : {}),
      ...(action.eventType ? { eventType: action.eventType } : {}),
      ...(statusLink ? { statusLink } : {}),
    });
  }
  if (action.letter === 'delivery-problem') return deliveryProblem(complaint, regulation, action.recipient, action.problem);
  const milestone = complaint.milestones.find((m) => m.milestoneId === action.milestoneId);
  if (!milestone) throw new Error(`milestone ${action.milestoneId} not found on ${complaint.reference}`);
  if (action.letter === 'target-missed') return targetMissed(complaint, milestone, regulation);
  return action.letter === 'deadline-reminder' ? deadlineReminder(complaint, milestone, regulation) : deadlineEscalation(complaint, milestone, regulation);
}

/**
 * The copy of a sent letter the register keeps: as it went out, except the complainant's private
 * status token (the link to act as them), which is never stored.
 */
export function keptLetter(letter: LetterAsSent, statusToken?: string): LetterAsSent {
  if (!statusToken) return letter;
  const redact = (text: string) => text.split(statusToken).join(STATUS_TOKEN_REDACTED);
  return { ...letter, subject: redact(letter.subject), text: redact(letter.text), html: redact(letter.html) };
}
