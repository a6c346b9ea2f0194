/**
 * Events are the record an auditor trusts: immutable, numbered per complaint. The current
 * view is derived by applying them in order; this is the only place that derivation lives.
 */
import type { ComplaintEventInput } from '../ports.ts';
import type { ComplaintRecord } from './model.ts';

export interface ComplaintEvent {
  reference: string;
  /** Position in the complaint's history; equals the complaint's version after applying it. */
  seq: number;
  type: string;
  at: string;
  actor: string;
  data?: Record<string, unknown>;
  meets?: string[];
  escalates?: string[];
}

export function applyEvent(complaint: ComplaintRecord, input: ComplaintEventInput): { next: ComplaintRecord; event: ComplaintEvent } {
  const at = input.at.toISOString();
  const event: ComplaintEvent = {
    reference: complaint.reference,
    seq: complaint.version + 1,
    type: input.type,
    at,
    actor: input.actor,
    ...(input.data ? { data: input.data } : {}),
    ...(input.meets?.length ? { meets: input.meets } : {}),
    ...(input.escalates?.length ? { escalates: input.escalates } : {}),
  };
  const milestones = complaint.milestones.map((m) => {
    if (input.meets?.includes(m.milestoneId) && m.status !== 'met') return { ...m, status: 'met' as const, metAt: at };
    if (input.escalates?.includes(m.milestoneId) && m.status === 'open') return { ...m, status: 'escalated' as const, escalatedAt: at };
    return m;
  });
  const status = input.type === 'acknowledged' && complaint.status === 'registered' ? 'acknowledged' : complaint.status;
  return { next: { ...complaint, milestones, status, version: event.seq }, event };
}

/** The first event of every complaint. */
export function registrationEvent(complaint: ComplaintRecord): ComplaintEvent {
  return { reference: complaint.reference, seq: 1, type: 'registered', at: complaint.receivedAt, actor: 'complainant', data: { channel: complaint.channel } };
}
