/**
 * Use case: register a complaint received through the public form.
 *
 * One transaction writes the complaint, its first event, its open milestones and the outbox
 * (acknowledgement, coordinator notice, one deadline-check schedule per milestone), so a
 * registered complaint never loses its letters or deadlines when SES or Scheduler is down:
 * the outbox drainer delivers them later.
 */
import { createHash } from 'node:crypto';
import type { Regulation } from '../regulation/index.ts';
import { openingMilestones, roleContact } from '../regulation/index.ts';
import { localDateOf } from '../calendar/index.ts';
import { ConflictError, RuleViolationError } from '../errors.ts';
import type { Clock, ComplaintRegister, RegisterResult } from '../ports.ts';
import type { MilestoneState, NewComplaint, OutboxEntry } from './model.ts';
import { formatReference } from './reference.ts';
import { parseSubmission } from './submission.ts';
import { deadlineCheckSchedule } from './deadline-schedules.ts';

export interface RegisterComplaintDeps {
  register: ComplaintRegister;
  clock: Clock;
  regulation: Regulation;
}

export interface RegisterComplaintRequest {
  body: unknown;
  idempotencyKey?: string;
}

export async function registerComplaint(deps: RegisterComplaintDeps, request: RegisterComplaintRequest): Promise<RegisterResult> {
  const submission = parseSubmission(request.body);
  const idempotency = request.idempotencyKey
    ? { key: request.idempotencyKey, requestHash: hashRequest(submission) }
    : undefined;

  if (idempotency) {
    const replay = await replayOf(deps.register, idempotency);
    if (replay) return replay;
  }

  const { regulation, clock } = deps;
  const receivedAt = clock.now();
  const timeZone = regulation.organisation.timeZone;
  const year = Number(localDateOf(receivedAt, timeZone).slice(0, 4));
  const reference = formatReference(year, await deps.register.allocateSequence(year));

  const milestones: MilestoneState[] = openingMilestones(regulation, receivedAt).map((m) => ({
    milestoneId: m.milestoneId,
    label: milestoneLabel(regulation, m.milestoneId),
    due: m.due,
    dueAt: m.dueAt.toISOString(),
    responsibleRole: m.responsibleRole,
    ...(m.escalationRole ? { escalationRole: m.escalationRole } : {}),
    citation: m.citation.article,
    status: 'open',
  }));

  const complaint: NewComplaint = {
    reference,
    year,
    tenantId: regulation.id,
    regulationVersion: regulation.version,
    receivedAt: receivedAt.toISOString(),
    channel: 'web-form',
    complainant: submission.complainant,
    description: submission.description,
    ...(submission.occurredOn ? { occurredOn: submission.occurredOn } : {}),
    ...(submission.place ? { place: submission.place } : {}),
    ...(submission.circumstances ? { circumstances: submission.circumstances } : {}),
    status: 'registered',
    milestones,
  };

  const outbox = registrationOutbox(complaint, regulation, receivedAt);
  try {
    const record = await deps.register.register(complaint, outbox, idempotency);
    return { complaint: record, replayed: false };
  } catch (error) {
    // The sequence number is spent either way; record why it has no complaint.
    await deps.register.voidReference(reference, error instanceof ConflictError ? 'duplicate submission (same Idempotency-Key)' : 'registration failed').catch(() => undefined);
    if (error instanceof ConflictError && idempotency) {
      const replay = await replayOf(deps.register, idempotency);
      if (replay) return replay;
    }
    throw error;
  }
}

async function replayOf(register: ComplaintRegister, idempotency: { key: string; requestHash: string }): Promise<RegisterResult | undefined> {
  const earlier = await register.findByIdempotencyKey(idempotency.key);
  if (!earlier) return undefined;
  if (earlier.requestHash !== idempotency.requestHash) {
    throw new RuleViolationError('Idempotency-Key was already used for a different complaint; use a new key for a new complaint');
  }
  const complaint = await register.get(earlier.reference);
  if (!complaint) throw new ConflictError('the complaint for this Idempotency-Key is still being registered; retry shortly');
  return { complaint, replayed: true };
}

function registrationOutbox(complaint: NewComplaint, regulation: Regulation, now: Date): OutboxEntry[] {
  const createdAt = now.toISOString();
  const entry = (entryId: string, action: OutboxEntry['action']): OutboxEntry => ({ reference: complaint.reference, entryId, createdAt, action, attempts: 0, nextAttemptAt: createdAt });
  const acknowledgementMilestones = complaint.milestones.filter((m) => isAcknowledgement(regulation, m.milestoneId)).map((m) => m.milestoneId);
  const entries: OutboxEntry[] = [
    entry('mail-acknowledgement', { kind: 'email', letter: 'acknowledgement', to: complaint.complainant.email, meets: acknowledgementMilestones }),
  ];
  const coordinator = roleContact(regulation, 'coordinator');
  if (coordinator) entries.push(entry('mail-coordinator-notice', { kind: 'email', letter: 'coordinator-notice', to: coordinator.email }));
  for (const milestone of complaint.milestones) {
    const schedule = deadlineCheckSchedule(complaint.reference, milestone, regulation.organisation.timeZone);
    entries.push(entry(`schedule-${milestone.milestoneId}-check`, { kind: 'schedule', name: schedule.name, at: schedule.at.toISOString(), timeZone: schedule.timeZone, input: schedule.input }));
  }
  return entries;
}

function milestoneLabel(regulation: Regulation, milestoneId: string): Record<'nl' | 'en', string> {
  const definition = regulation.milestones.find((m) => m.id === milestoneId);
  return { nl: definition?.label.nl ?? milestoneId, en: definition?.label.en ?? milestoneId };
}

export function isAcknowledgement(regulation: Regulation, milestoneId: string): boolean {
  return regulation.milestones.some((m) => m.id === milestoneId && m.metBy === 'acknowledged');
}

/** Hash of the normalised submission: the same key with another body is refused, not replayed. */
function hashRequest(submission: unknown): string {
  return createHash('sha256').update(JSON.stringify(submission)).digest('base64url');
}

