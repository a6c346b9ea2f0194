/**
 * Whether a file may serve as an authorisation (the complainant's action, staff's step), and a
 * file's state in words: apart from the use cases so that the functions that only check a file
 * (the status link, the staff API) do not carry the upload and download code.
 */
import { fieldProblem, InvalidInputError } from '../errors.ts';
import type { AttachmentReader } from '../ports.ts';
import { text, type TextKey } from '../../texts/index.ts';
import { ATTACHMENT_ID_PATTERN, COMPLAINANT_UPLOADER, stateOf, type AttachmentRecord, type FileState } from './files.ts';

/** A file's state in both languages, for an error's placeholder. */
export function stateWords(state: FileState) {
  const key = `attachment.state.${state}` as TextKey;
  return { nl: text('nl', key), en: text('en', key) };
}

/**
 * An attachment named in an authorisation (the complainant's action, or staff's step): it must be
 * this complaint's, from the right side, and not refused or infected; staff need it scanned clean.
 */
export async function usableAttachment(files: Pick<AttachmentReader, 'attachment'>, reference: string, id: string, by: 'complainant' | 'staff'): Promise<AttachmentRecord> {
  const record = ATTACHMENT_ID_PATTERN.test(id) ? await files.attachment(reference, id) : undefined;
  if (!record || (by === 'complainant' && record.uploadedBy !== COMPLAINANT_UPLOADER)) {
    throw new InvalidInputError([fieldProblem('attachment', 'unknown_value', { value: id.slice(0, 40) }, 'error.field.noSuchAttachment')]);
  }
  const state = stateOf(record);
  const usable = by === 'staff' ? state === 'clean' : state === 'clean' || state === 'pending';
  if (!usable) throw new InvalidInputError([fieldProblem('attachment', 'invalid_value', { state: stateWords(state) }, 'error.field.attachmentNotUsable')]);
  return record;
}
