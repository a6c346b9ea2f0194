/**
 * Use case: the letters a step would send, before it is taken. Every check of the step runs as
 * when it is taken (the complaint is visible to the actor, the step possible in its status, the
 * actor's role, the step's own rules: a refusal is the same 409 or 422), then the event it would
 * record is applied to a copy, and each letter it would queue is composed as the outbox drain
 * composes it at delivery (letters/outbox-letter.ts). Nothing is written, sent or scheduled.
 */
import { NotFoundError } from '../errors.ts';
import type { ComplaintStore } from '../ports.ts';
import type { ComplaintEvent } from '../complaint/events.ts';
import type { ComplaintStatus } from '../complaint/model.ts';
import { parseWith } from '../complaint/submission.ts';
import { composeOutboxLetter } from '../letters/outbox-letter.ts';
import { decideStep, type PerformStepDeps } from './perform-step.ts';
import { STEPS, STEP_IDS, type Actor, type StepDefinition, type StepId } from './steps.ts';

export interface PreviewStepDeps extends Omit<PerformStepDeps, 'register'> {
  register: Pick<ComplaintStore, 'get' | 'events'>;
  statusBaseUrl?: string;
}

export interface PreviewLetter {
  /** The notice (or letter) id: acknowledgement, ruling, assignment, ... */
  letter: string;
  recipient: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** When it would go out (at once, unless the regulation defers it). */
  sendsAt: string;
}

export interface StepPreview {
  step: StepId;
  /** The event the step would record (not recorded). */
  event: ComplaintEvent;
  /** The status the complaint would have after it. */
  status: ComplaintStatus;
  letters: PreviewLetter[];
}

export function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

export async function previewStep(deps: PreviewStepDeps, request: { step: string; reference: string; body: unknown; actor: Actor }): Promise<StepPreview> {
  if (!isStepId(request.step)) throw new NotFoundError({ key: 'error.notFound.step', params: { step: request.step.slice(0, 64) } });
  const definition = STEPS[request.step] as StepDefinition;
  const input = parseWith(definition.input, request.body ?? {});
  const { regulation, applied, outbox } = await decideStep(deps, { step: request.step, reference: request.reference, body: request.body, actor: request.actor }, definition, input);
  // The letters read the complaint as the step leaves it, and its events with the new one.
  const events = async (reference: string) => [...(await deps.register.events(reference)).filter((e) => e.seq < applied.event.seq), applied.event];
  const letters: PreviewLetter[] = [];
  for (const entry of outbox) {
    if (entry.action.kind !== 'email') continue;
    const letter = await composeOutboxLetter({ events, ...(deps.statusBaseUrl ? { statusBaseUrl: deps.statusBaseUrl } : {}) }, regulation, applied.next, entry.action);
    const action = entry.action;
    letters.push({
      letter: action.letter === 'notice' ? action.notice.id : action.letter,
      recipient: 'recipient' in action ? String(action.recipient) : 'staff',
      to: action.to,
      ...letter,
      sendsAt: entry.nextAttemptAt,
    });
  }
  return { step: request.step, event: applied.event, status: applied.next.status, letters };
}
