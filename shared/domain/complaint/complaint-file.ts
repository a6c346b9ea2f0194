/** Use cases: what a complaint's file shows beside its view: its events, its files, its letters. */
import type { AttachmentReader, ComplaintStore, LetterReader, SentLetter } from '../ports.ts';
import { visibleComplaint, visibleWith, type Actor } from '../workflow/visibility.ts';
import type { ComplaintEvent } from './events.ts';
import type { AttachmentRecord } from '../attachments/files.ts';

/** Its events and its files (staff and complainant alike). */
export async function complaintFile(
  deps: { register: Pick<ComplaintStore, 'events'>; attachments: Pick<AttachmentReader, 'attachments'> },
  reference: string,
): Promise<{ events: ComplaintEvent[]; files: AttachmentRecord[] }> {
  const [events, files] = await Promise.all([deps.register.events(reference), deps.attachments.attachments(reference)]);
  return { events, files };
}

/** Use case: the letters of a complaint the actor may see, oldest first. */
export async function complaintLetters(
  deps: { register: Pick<ComplaintStore, 'get'>; letters: Pick<LetterReader, 'storedLetters'> },
  reference: string,
  actor: Actor,
): Promise<{ reference: string; letters: SentLetter[] }> {
  const [complaint, letters] = await visibleWith(deps.register, reference, actor, (ref) => deps.letters.storedLetters(ref));
  return { reference: complaint.reference, letters };
}

/** Use case: one letter of a complaint the actor may see, by its outbox entry id (undefined when there is none). */
export async function complaintLetter(
  deps: { register: Pick<ComplaintStore, 'get'>; letters: Pick<LetterReader, 'storedLetter'> },
  reference: string,
  id: string,
  actor: Actor,
): Promise<SentLetter | undefined> {
  if (!/^[\w.:-]{1,200}$/.test(id)) {
    await visibleComplaint(deps.register, reference, actor);
    return undefined;
  }
  const [, letter] = await visibleWith(deps.register, reference, actor, (ref) => deps.letters.storedLetter(ref, id));
  return letter;
}
