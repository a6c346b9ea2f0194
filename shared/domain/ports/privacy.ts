/** The register's side of the GDPR duties: retention, subject access, erasure, the audit log. */
import type { ComplaintEvent } from '../complaint/events.ts';
import type { ComplaintWrite } from './complaints.ts';

/** One line of the tenant's privacy audit log: who did what to whose data, never the data itself. */
export interface AuditEntry {
  id: string;
  at: string;
  /** A staff e-mail, or 'system' (retention). */
  actor: string;
  action: 'subject-export' | 'subject-erasure' | 'retention-anonymised' | 'legal-hold-placed' | 'legal-hold-lifted' | 'attachment-download';
  /**
   * The subject's keyed hash (HMAC under the tenant's key, shared/domain/privacy/subject.ts; never
   * the address). Entries written before it carry the unkeyed SHA-256 (docs/security.md).
   */
  subjectHash?: string;
  references: string[];
  /** Why, in the actor's words (erasure requests, holds). */
  reason?: string;
  /** What was not done and why (held or still open complaints). */
  skipped?: Array<{ reference: string; why: string }>;
  /** The attachment a download opened (its id; never its name or content). */
  attachment?: string;
}

/** Appends to the audit log (every function that opens personal data for someone). */
export interface AuditLog {
  appendAudit(entry: AuditEntry): Promise<void>;
}

export interface PrivacyStore extends AuditLog {
  /** Complaints whose retention period ended before `now` and that are not held (an index, never a scan). */
  dueForRetention(now: Date, limit: number): Promise<string[]>;
  /** References of the complaints whose complainant has this subject hash (an index, never a scan). */
  findBySubject(subjectHash: string): Promise<string[]>;
  /** References of the complaints that carry this search token (a representative's address, docs/search.md). */
  findBySearchToken(token: string): Promise<string[]>;
  /**
   * Replaces a complaint's events by their scrubbed form, then in one transaction guarded by the
   * version before the write: stores the anonymised view and its event, deletes the status link,
   * the idempotency key, the search tokens and every outbox entry (queuing the write's instead).
   */
  anonymise(write: ComplaintWrite, scrubbed: ComplaintEvent[]): Promise<void>;
  /** The audit log, newest first. */
  listAudit(limit: number, cursor?: string): Promise<{ items: AuditEntry[]; cursor?: string }>;
  /** Rewrites an audit entry in place (its words redacted on erasure; the same id and time). */
  replaceAudit(entry: AuditEntry): Promise<void>;
}
