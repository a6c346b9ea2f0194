/**
 * Use case: SES reports that a letter bounced permanently or that the recipient marked it as spam
 * (through the configuration set's event topic). The complaint it belongs to (its `reference`
 * tag) records it, the complainant's address is marked when it was theirs, and the coordinator is
 * told so the letter can go another way. A report seen before changes nothing.
 */
import { versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { ConflictError } from '../errors.ts';
import type { Clock, ComplaintStore, Metrics } from '../ports.ts';
import { complaintWrite, type EventPublication } from './complaint-write.ts';
import { applyEvent } from './events.ts';
import { outboxForEvent } from './milestone-schedules.ts';
import { deliveryProblemAlert } from './queue.ts';

export interface MailEventDeps extends EventPublication {
  register: Pick<ComplaintStore, 'get' | 'events' | 'appendEvent'>;
  clock: Clock;
  regulations: RegulationVersions;
  /** Counts each bounce or spam report recorded (Bounces). */
  metrics?: Pick<Metrics, 'count'>;
}

/** The fields of an SES event notification this use case reads. */
export interface SesMailEvent {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string; tags?: Record<string, string[]>; destination?: string[] };
  bounce?: { bounceType?: string; bouncedRecipients?: Array<{ emailAddress?: string }> };
  complaint?: { complainedRecipients?: Array<{ emailAddress?: string }> };
}

export type MailEventOutcome = 'recorded' | 'ignored' | 'already-recorded' | 'unknown-complaint';

export async function recordMailEvent(deps: MailEventDeps, notification: SesMailEvent): Promise<MailEventOutcome> {
  const type = notification.eventType ?? notification.notificationType;
  const kind = type === 'Bounce' && notification.bounce?.bounceType === 'Permanent' ? 'bounce' : type === 'Complaint' ? 'complaint' : undefined;
  const reference = notification.mail?.tags?.reference?.[0];
  const messageId = notification.mail?.messageId;
  // Transient bounces are retried by SES itself; mail without our tag is not a letter of ours.
  if (!kind || !reference || !messageId) return 'ignored';
  const recipients =
    (kind === 'bounce' ? notification.bounce?.bouncedRecipients : notification.complaint?.complainedRecipients)?.map((r) => r.emailAddress).filter((e): e is string => Boolean(e)) ??
    notification.mail?.destination ??
    [];

  for (let attempt = 0; ; attempt += 1) {
    const complaint = await deps.register.get(reference);
    if (!complaint) return 'unknown-complaint';
    // A late bounce must not bring an address back into an anonymised record.
    if (complaint.anonymisedAt) return 'ignored';
    const seen = (await deps.register.events(reference)).some((e) => e.type === 'mail-undeliverable' && e.data?.messageId === messageId);
    if (seen) return 'already-recorded';
    const now = deps.clock.now();
    const recipient = recipients[0] ?? '';
    const regulation = versionOf(deps.regulations, complaint);
    const applied = applyEvent(regulation, complaint, { type: 'mail-undeliverable', at: now, actor: 'system', data: { kind, recipient, recipients, messageId } });
    const alert = deliveryProblemAlert(regulation, reference, applied.event.seq, recipient, kind, now);
    try {
      await deps.register.appendEvent(complaintWrite(deps, applied, [...alert, ...outboxForEvent(regulation, applied, now)]));
      deps.metrics?.count('Bounces');
      return 'recorded';
    } catch (error) {
      if (error instanceof ConflictError && error.retryable && attempt < 3) continue;
      throw error;
    }
  }
}
