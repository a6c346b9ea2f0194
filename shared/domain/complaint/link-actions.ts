/**
 * The complainant's side of the private status link (functions/complaint-status.ts, for the JSON
 * and the page alike): where the complaint stands in their language, and what they send, checked
 * against what its status allows now.
 */
import { ConflictError } from '../errors.ts';
import type { AttachmentReader, ComplaintStore } from '../ports.ts';
import type { Language } from './model.ts';
import { complaintFile } from './complaint-file.ts';
import { complainantView } from './complainant-view.ts';
import { complainantAction, type ComplainantAction, type ComplainantActionDeps } from './complainant-actions.ts';
import { parseWith } from './submission.ts';
import { statusActionSchemas } from './status-action-schemas.ts';

export type LinkAction = keyof typeof statusActionSchemas;

export interface LinkDeps extends Omit<ComplainantActionDeps, 'register' | 'files'> {
  register: Pick<ComplaintStore, 'get' | 'appendEvent' | 'events'>;
  attachments: Pick<AttachmentReader, 'attachments' | 'attachment'>;
}

/** The complaint as the complainant sees it now: the current record and its view. */
export async function linkStatus(deps: LinkDeps, reference: string, lang: Language) {
  const current = (await deps.register.get(reference))!;
  const { events, files } = await complaintFile(deps, current.reference);
  return { current, view: complainantView(deps.regulations, current, events, deps.clock.now(), lang, files) };
}

/** What the complainant asks (409 when the status does not allow it now), its fields checked, then recorded. */
export async function actByLink(deps: LinkDeps, reference: string, action: LinkAction, values: unknown, lang: Language): Promise<void> {
  const { view } = await linkStatus(deps, reference, lang);
  if (!view.actions.includes(action)) throw new ConflictError({ key: 'error.conflict.actionNotNow' });
  await complainantAction({ ...deps, files: deps.attachments }, reference, { kind: action, ...parseWith(statusActionSchemas[action], values) } as ComplainantAction);
}
