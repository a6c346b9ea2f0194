/**
 * What the complainant does through the private status link: add information, send the
 * authorisation, and object within the window. Each is an event on the file (actor
 * 'complainant'), with the letters and schedules it causes.
 */
import { versionOf, type RegulationVersions } from '../regulation/versions.ts';
import type { Regulation } from '../regulation/schema.ts';
import { ConflictError, fieldProblem, InvalidInputError, RuleViolationError } from '../errors.ts';
import type { AttachmentReader, Clock, ComplaintStore } from '../ports.ts';
import { complaintWrite, type EventPublication } from './complaint-write.ts';
import { usableAttachment } from '../attachments/usable.ts';
import type { ComplaintRecord } from './model.ts';
import { applyEvent } from './events.ts';
import { outboxForEvent } from './milestone-schedules.ts';
import { checkObjection } from './objection-window.ts';
import { citationRef } from '../regulation/citation.ts';

export interface ComplainantActionDeps extends EventPublication {
  register: Pick<ComplaintStore, 'get' | 'appendEvent'>;
  clock: Clock;
  regulations: RegulationVersions;
  /** The complaint's attachments: an authorisation may be a file sent before. */
  files?: Pick<AttachmentReader, 'attachment'>;
}

export type ComplainantAction = { kind: 'information'; text: string } | { kind: 'authorisation'; signedBy?: string; statement?: string; attachment?: string } | { kind: 'objection'; text: string };

/**
 * What an authorisation carries: a file the complainant sent (a signed document is always
 * enough), or a typed statement with who signs it, only where the regulation accepts one
 * (representation.acceptedAuthorisation).
 */
async function authorisationData(
  deps: ComplainantActionDeps,
  regulation: Regulation,
  reference: string,
  action: Extract<ComplainantAction, { kind: 'authorisation' }>,
): Promise<Record<string, unknown>> {
  if (action.attachment !== undefined) {
    if (!deps.files) throw new InvalidInputError([fieldProblem('attachment', 'unknown_value', { value: action.attachment.slice(0, 40) }, 'error.field.noSuchAttachment')]);
    const file = await usableAttachment(deps.files, reference, action.attachment, 'complainant');
    return { attachment: file.id, ...(action.signedBy ? { signedBy: action.signedBy } : {}) };
  }
  const representation = regulation.representation;
  if (action.statement !== undefined) {
    if (representation && !(representation.acceptedAuthorisation ?? ['typed-statement']).includes('typed-statement')) {
      throw new RuleViolationError({ key: 'error.rule.signedDocumentRequired' }, citationRef(representation.citation));
    }
    if (!action.signedBy) throw new InvalidInputError([fieldProblem('signedBy', 'required')]);
    return { signedBy: action.signedBy, statement: action.statement };
  }
  throw new InvalidInputError([fieldProblem('attachment', 'required', undefined, 'error.field.authorisationDocumentOrStatement')]);
}

export async function complainantAction(deps: ComplainantActionDeps, reference: string, action: ComplainantAction): Promise<ComplaintRecord> {
  // Staff may be working on the file at the same moment: read again and apply to the newer view.
  for (let attempt = 0; ; attempt += 1) {
    const complaint = await deps.register.get(reference);
    if (!complaint) throw new ConflictError({ key: 'error.conflict.complaintGone' });
    const now = deps.clock.now();
    const { kind, ...data } = action;
    const regulation = versionOf(deps.regulations, complaint);
    if (kind === 'objection') {
      if (complaint.status !== 'ruled' && complaint.status !== 'closed') throw new ConflictError({ key: 'error.conflict.objectionAfterRuling' });
      checkObjection(regulation, complaint, now, now);
    }
    const type = kind === 'objection' ? 'objection-received' : kind === 'information' ? 'information-added' : 'authorisation-submitted';
    const eventData = action.kind === 'authorisation' ? await authorisationData(deps, regulation, reference, action) : data;
    const applied = applyEvent(regulation, complaint, {
      type,
      at: now,
      actor: 'complainant',
      data: kind === 'objection' ? { text: action.text, receivedAt: now.toISOString() } : eventData,
      ...(kind === 'objection' && regulation.objection ? { rule: citationRef(regulation.objection.citation) } : {}),
    });
    try {
      await deps.register.appendEvent(complaintWrite(deps, applied, outboxForEvent(regulation, applied, now)));
      return applied.next;
    } catch (error) {
      if (error instanceof ConflictError && error.retryable && attempt < 3) continue;
      throw error;
    }
  }
}
