/**
 * Use case: the target of every deadline schedule. Re-reads the complaint.
 * - 'remind' (09:00 on a working day before the due date): an open milestone gets one reminder
 *   to the person responsible, per due date.
 * - 'check' (end of the due day): a met milestone needs nothing; a missed one is escalated once
 *   (an event plus notices to the escalation role and the responsible role).
 * Running either twice changes nothing the second time.
 */
import * as z from '../zod.ts';
import type { Regulation } from '../regulation/schema.ts';
import { versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { roleContact } from '../regulation/milestones.ts';
import { ConflictError, InvalidInputError } from '../errors.ts';
import type { Clock, ComplaintStore, Metrics } from '../ports.ts';
import { complaintWrite, type EventPublication } from './complaint-write.ts';
import type { ComplaintRecord, MilestoneState, OutboxEntry } from './model.ts';
import { zodProblems } from './submission.ts';
import { applyEvent } from './events.ts';
import { outboxForEvent } from './milestone-schedules.ts';
import { queuedEntry } from './queue.ts';

export const deadlineCheckInputSchema = z.object({
  reference: z.string().check(z.minLength(1)),
  milestoneId: z.string().check(z.minLength(1)),
  kind: z.enum(['check', 'remind']),
});

export type DeadlineCheckOutcome =
  | 'unknown-complaint'
  | 'unknown-milestone'
  | 'met'
  | 'cancelled'
  | 'already-escalated'
  | 'not-yet-due'
  | 'escalated'
  | 'target-missed'
  | 'reminded'
  | 'already-reminded';

export interface CheckDeadlineDeps extends EventPublication {
  register: Pick<ComplaintStore, 'get' | 'appendEvent'>;
  clock: Clock;
  regulations: RegulationVersions;
  /** Counts each deadline (hard term or target) escalated as missed. */
  metrics?: Pick<Metrics, 'count'>;
}

export async function checkDeadline(deps: CheckDeadlineDeps, rawInput: unknown): Promise<DeadlineCheckOutcome> {
  const parsed = deadlineCheckInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new InvalidInputError(zodProblems(parsed.error, rawInput));
  const { reference, milestoneId, kind } = parsed.data;

  // A concurrent event (for example the acknowledgement being recorded) moves the version on:
  // read again and decide again rather than fail the schedule.
  for (let attempt = 0; ; attempt += 1) {
    const complaint = await deps.register.get(reference);
    if (!complaint) return 'unknown-complaint';
    const milestone = complaint.milestones.find((m) => m.milestoneId === milestoneId);
    if (!milestone) return 'unknown-milestone';
    if (milestone.status === 'met') return 'met';
    if (milestone.status === 'cancelled') return 'cancelled';
    try {
      return kind === 'remind' ? await remind(deps, complaint, milestone) : await escalate(deps, complaint, milestone);
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
  }
}

async function remind(deps: CheckDeadlineDeps, complaint: ComplaintRecord, milestone: MilestoneState): Promise<DeadlineCheckOutcome> {
  if (milestone.remindedFor === milestone.due) return 'already-reminded';
  const regulation = versionOf(deps.regulations, complaint);
  const now = deps.clock.now();
  if (milestone.status !== 'open' || now.getTime() >= Date.parse(milestone.dueAt)) return 'not-yet-due';
  const applied = applyEvent(regulation, complaint, {
    type: 'reminder-queued',
    at: now,
    actor: 'system',
    rule: milestone.citation,
    data: { milestoneId: milestone.milestoneId, due: milestone.due },
  });
  const target = applied.next.milestones.find((m) => m.milestoneId === milestone.milestoneId)!;
  target.remindedFor = milestone.due;
  const outbox = staffLetters(regulation, complaint, milestone, 'deadline-reminder', [milestone.responsibleRole], now, applied.event.seq);
  await deps.register.appendEvent(complaintWrite(deps, applied, [...outbox, ...outboxForEvent(regulation, applied, now)]));
  return 'reminded';
}

async function escalate(deps: CheckDeadlineDeps, complaint: ComplaintRecord, milestone: MilestoneState): Promise<DeadlineCheckOutcome> {
  if (milestone.status === 'escalated' || milestone.status === 'missed') return 'already-escalated';
  const regulation = versionOf(deps.regulations, complaint);
  const now = deps.clock.now();
  if (now.getTime() < Date.parse(milestone.dueAt)) return 'not-yet-due';
  const target = milestone.kind === 'target';
  // A missed target is recorded and told to the responsible role; it is escalated only when the
  // regulation names an escalation role for it. A missed hard term is a breach, escalated always.
  const role = milestone.escalationRole ?? milestone.responsibleRole;
  const applied = applyEvent(regulation, complaint, {
    type: target ? 'target-missed' : 'deadline-missed',
    at: now,
    actor: 'system',
    rule: milestone.citation,
    data: { milestoneId: milestone.milestoneId, due: milestone.due, kind: target ? 'target' : 'hard', escalatedTo: target && !milestone.escalationRole ? null : role, rule: milestone.citation },
    escalates: [milestone.milestoneId],
  });
  const roles = target ? [milestone.responsibleRole, milestone.escalationRole] : [milestone.escalationRole, milestone.responsibleRole, 'coordinator'];
  const outbox = staffLetters(
    regulation,
    complaint,
    milestone,
    target ? 'target-missed' : 'deadline-escalation',
    roles.filter((r): r is string => Boolean(r)),
    now,
    applied.event.seq,
  );
  await deps.register.appendEvent(complaintWrite(deps, applied, [...outbox, ...outboxForEvent(regulation, applied, now)]));
  deps.metrics?.count('DeadlinesMissed');
  return target ? 'target-missed' : 'escalated';
}

/**
 * One letter per distinct address among the roles. A role held per complaint (the handler) is
 * the person recorded on the complaint; a role without an address falls back to the coordinator.
 */
function staffLetters(
  regulation: Regulation,
  complaint: ComplaintRecord,
  milestone: MilestoneState,
  letter: 'deadline-reminder' | 'deadline-escalation' | 'target-missed',
  roles: string[],
  now: Date,
  seq: number,
): OutboxEntry[] {
  const addresses = new Set<string>();
  for (const role of roles) {
    const perComplaint = regulation.roles.find((r) => r.id === role)?.assignment === 'per-complaint';
    const email = perComplaint ? complaint.handler?.email : roleContact(regulation, role)?.email;
    const fallback = roleContact(regulation, 'coordinator')?.email;
    if (email ?? fallback) addresses.add((email ?? fallback)!);
  }
  return [...addresses].map((to, i) =>
    queuedEntry(complaint.reference, `mail-${letter}-${milestone.milestoneId}-${i + 1}-v${seq}`, { kind: 'email', letter, to, milestoneId: milestone.milestoneId }, now),
  );
}
