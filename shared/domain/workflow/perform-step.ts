/**
 * Use case: a staff member (or the complainant, through the status link) takes a step on a
 * complaint. Checked in order: the complaint exists and the actor may see it, the step is
 * possible in its status, the actor holds a role the regulation names for it (steps.ts
 * checkActor), the complaint's state meets the step's precondition, the input meets its rules;
 * then one event is appended with the version read, so a concurrent change makes this
 * one fail with 409 instead of being lost.
 */
import type { Regulation } from '../regulation/index.ts';
import { versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { ConflictError, fieldProblem, InvalidInputError } from '../errors.ts';
import type { MeasureStore } from '../measures/measures.ts';
import type { AttachmentReader, Clock, ComplaintStore, EventChange } from '../ports.ts';
import { complaintWrite, type EventPublication } from '../complaint/complaint-write.ts';
import { usableAttachment } from '../attachments/usable.ts';
import type { ComplaintRecord, OutboxEntry } from '../complaint/model.ts';
import { applyEvent, type ComplaintEvent } from '../complaint/events.ts';
import { outboxForEvent } from '../complaint/milestone-schedules.ts';
import { parseWith } from '../complaint/submission.ts';
import { allowedNow, checkActor, COMPLAINANT_ACTOR, STEPS, type Actor, type StepDefinition, type StepId } from './steps.ts';
import { visibleComplaint } from './visibility.ts';

// Who may see which complaint (visibility.ts), as every step checks it.
export { canSee, visibleComplaint, visibleWith } from './visibility.ts';

export interface PerformStepDeps extends EventPublication {
  register: Pick<ComplaintStore, 'get' | 'appendEvent'>;
  clock: Clock;
  regulations: RegulationVersions;
  /** To check that linked measures exist (the register implements it). */
  measures?: Pick<MeasureStore, 'getMeasure'>;
  /** To check that a file a step names (the authorisation's) is the complaint's and clean (the register implements it). */
  files?: Pick<AttachmentReader, 'attachment'>;
}

export interface PerformStepRequest {
  step: StepId;
  reference: string;
  body: unknown;
  actor: Actor;
  /** The version the caller last saw (If-Match); a newer one makes the step fail with 409. */
  expectedVersion?: number;
}

export async function performStep(deps: PerformStepDeps, request: PerformStepRequest): Promise<{ complaint: ComplaintRecord; event: ComplaintEvent }> {
  const definition = STEPS[request.step] as StepDefinition;
  const input = parseWith(definition.input, request.body ?? {});
  // With If-Match the caller claims a version: a newer one is a 409. Without it, a change that
  // got in between (a letter being recorded, say) only means: read again and decide again.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await attemptStep(deps, request, definition, input);
    } catch (error) {
      if (error instanceof ConflictError && error.retryable && request.expectedVersion === undefined && attempt < 3) continue;
      throw error;
    }
  }
}

async function attemptStep(deps: PerformStepDeps, request: PerformStepRequest, definition: StepDefinition, input: unknown) {
  const { applied, outbox } = await decideStep(deps, request, definition, input);
  await deps.register.appendEvent(complaintWrite(deps, applied, outbox));
  return { complaint: applied.next, event: applied.event };
}

/**
 * Everything a step checks and what it would record, without recording it: the event, the view
 * it produces, and the outbox entries (letters, schedules) it would queue. performStep appends
 * them; a preview (preview-step.ts) shows the letters they would send.
 */
export async function decideStep(
  deps: Omit<PerformStepDeps, 'register'> & { register: Pick<ComplaintStore, 'get'> },
  request: PerformStepRequest,
  definition: StepDefinition,
  input: unknown,
): Promise<{ regulation: Regulation; applied: EventChange; outbox: OutboxEntry[] }> {
  const complaint = await visibleComplaint(deps.register, request.reference, request.actor);
  if (request.expectedVersion !== undefined && request.expectedVersion !== complaint.version) {
    throw new ConflictError({ key: 'error.conflict.complaintChanged', params: { expected: request.expectedVersion, current: complaint.version } });
  }
  if (complaint.anonymisedAt) throw new ConflictError({ key: 'error.conflict.anonymised' });
  if (!allowedNow(definition, complaint.status)) {
    throw new ConflictError({ key: 'error.conflict.stepNotNow', params: { step: request.step, status: complaint.status } });
  }
  const regulation = versionOf(deps.regulations, complaint);
  if (request.actor !== COMPLAINANT_ACTOR) checkActor(regulation, complaint, request.actor, definition, request.step);

  const now = deps.clock.now();
  const context = { regulation, complaint, input, actor: request.actor, now };
  definition.precondition?.(context);
  definition.check?.(context);
  if (request.step === 'measures' && deps.measures) await checkMeasuresExist(deps.measures, (input as { measureIds: string[] }).measureIds);
  const attachment = (input as { attachment?: unknown }).attachment;
  if (typeof attachment === 'string') await usableAttachment(deps.files ?? { attachment: async () => undefined }, complaint.reference, attachment, 'staff');
  const applied = applyEvent(regulation, complaint, { ...definition.event(context), at: now, actor: request.actor.email });
  return { regulation, applied, outbox: outboxForEvent(regulation, applied, now) };
}

async function checkMeasuresExist(store: Pick<MeasureStore, 'getMeasure'>, ids: string[]): Promise<void> {
  const found = await Promise.all(ids.map((id) => store.getMeasure(id)));
  const missing = ids.filter((_, i) => !found[i]);
  if (missing.length) throw new InvalidInputError(missing.map((id) => fieldProblem('measureIds', 'unknown_value', { id }, 'error.field.noSuchMeasure')));
}
