/**
 * Use case: the target of every deadline schedule. Re-reads the complaint: a met milestone
 * needs nothing; a missed one is escalated once (an event plus a queued notice), so running
 * the check twice changes nothing the second time.
 */
import * as z from 'zod';
import type { Regulation } from '../regulation/index.ts';
import { roleContact } from '../regulation/milestones.ts';
import { ConflictError, InvalidInputError } from '../errors.ts';
import type { Clock, ComplaintRegister } from '../ports.ts';
import type { OutboxEntry } from './model.ts';
import { zodProblems } from './submission.ts';
import { applyEvent } from './events.ts';
import { scheduleEntries } from './milestone-schedules.ts';

export const deadlineCheckInputSchema = z.object({
  reference: z.string().min(1),
  milestoneId: z.string().min(1),
  kind: z.literal('check'),
});

export type DeadlineCheckOutcome = 'unknown-complaint' | 'unknown-milestone' | 'met' | 'already-escalated' | 'not-yet-due' | 'escalated';

export interface CheckDeadlineDeps {
  register: ComplaintRegister;
  clock: Clock;
  regulation: Regulation;
}

export async function checkDeadline(deps: CheckDeadlineDeps, rawInput: unknown): Promise<DeadlineCheckOutcome> {
  const parsed = deadlineCheckInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new InvalidInputError(zodProblems(parsed.error));
  const { reference, milestoneId } = parsed.data;

  // A concurrent event (for example the acknowledgement being recorded) moves the version on:
  // read again and decide again rather than fail the schedule.
  for (let attempt = 0; ; attempt += 1) {
    const complaint = await deps.register.get(reference);
    if (!complaint) return 'unknown-complaint';
    const milestone = complaint.milestones.find((m) => m.milestoneId === milestoneId);
    if (!milestone) return 'unknown-milestone';
    if (milestone.status === 'met') return 'met';
    if (milestone.status === 'escalated') return 'already-escalated';
    const now = deps.clock.now();
    if (now.getTime() < new Date(milestone.dueAt).getTime()) return 'not-yet-due';

    // The escalation role is told, and the responsible role (the coordinator for an
    // acknowledgement) always hears that its deadline was missed.
    const roles = [...new Set([milestone.escalationRole, milestone.responsibleRole, 'coordinator'].filter((r): r is string => Boolean(r)))];
    const recipients = [...new Set(roles.map((r) => roleContact(deps.regulation, r)?.email).filter((e): e is string => Boolean(e)))];
    const outbox: OutboxEntry[] = recipients.map((to, i) => ({
      reference,
      entryId: `mail-escalation-${milestoneId}-${i + 1}`,
      createdAt: now.toISOString(),
      nextAttemptAt: now.toISOString(),
      attempts: 0,
      action: { kind: 'email', letter: 'deadline-escalation', to, milestoneId },
    }));
    const role = milestone.escalationRole ?? milestone.responsibleRole;
    try {
      const applied = applyEvent(deps.regulation, complaint, {
        type: 'deadline-missed',
        at: now,
        actor: 'system',
        data: { milestoneId, due: milestone.due, escalatedTo: role, rule: milestone.citation },
        escalates: [milestoneId],
      });
      await deps.register.appendEvent(applied, [...outbox, ...scheduleEntries(reference, applied, deps.regulation.organisation.timeZone, now)]);
      return 'escalated';
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
  }
}

