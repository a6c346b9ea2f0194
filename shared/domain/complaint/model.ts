/** The complaint as the register stores it: a current view derived from its events. */
import type { IsoDate } from '../calendar/index.ts';

export type Language = 'nl' | 'en';

export type ComplaintStatus = 'registered' | 'acknowledged';

export interface Complainant {
  name: string;
  email: string;
  phone?: string;
  language: Language;
}

export interface MilestoneState {
  milestoneId: string;
  label: Record<Language, string>;
  due: IsoDate;
  /** End of the due day in the tenant's time zone, ISO instant. */
  dueAt: string;
  responsibleRole: string;
  escalationRole?: string;
  citation: string;
  status: 'open' | 'met' | 'escalated';
  metAt?: string;
  escalatedAt?: string;
}

export interface NewComplaint {
  reference: string;
  year: number;
  tenantId: string;
  regulationVersion: string;
  receivedAt: string;
  channel: 'web-form';
  complainant: Complainant;
  description: string;
  occurredOn?: IsoDate;
  place?: string;
  circumstances?: string;
  status: ComplaintStatus;
  milestones: MilestoneState[];
}

export interface ComplaintRecord extends NewComplaint {
  /** Optimistic-concurrency version: incremented on every recorded event. */
  version: number;
}

export type OutboxAction =
  | { kind: 'email'; letter: 'acknowledgement' | 'coordinator-notice' | 'deadline-escalation'; to: string; meets?: string[]; milestoneId?: string }
  | { kind: 'schedule'; name: string; at: string; timeZone: string; input: Record<string, unknown> };

export interface OutboxEntry {
  reference: string;
  entryId: string;
  createdAt: string;
  action: OutboxAction;
  attempts: number;
  /** When the next delivery attempt may start (after a failure, with backoff). */
  nextAttemptAt: string;
}
