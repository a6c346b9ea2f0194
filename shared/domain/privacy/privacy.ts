/**
 * Use cases for the GDPR duties: the retention pass, legal holds, a subject's data export and
 * erasure on request, each written to the tenant's audit log (actor, action, subject hash and
 * references; never the address itself).
 *
 * Only final complaints are anonymised: one still being handled has deadlines and letters the
 * regulation owes; record its withdrawal (or close it) first. A held complaint is never
 * anonymised (GDPR art. 17(3)(e): needed for a legal claim) until the hold is lifted.
 */
import { randomBytes } from 'node:crypto';
import { versionInForce, versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { ConflictError, RuleViolationError } from '../errors.ts';
import type { AttachmentReader, AuditEntry, Clock, ComplaintRegister, PrivacyRegister, SentLetter } from '../ports.ts';
import { FINAL_STATUSES, type ComplaintRecord, type OutboxEntry } from '../complaint/model.ts';
import { attachmentView, type AttachmentView } from '../attachments/files.ts';
import { applyEvent, type ComplaintEvent } from '../complaint/events.ts';
import { outboxForEvent } from '../complaint/milestone-schedules.ts';
import { parseWith } from '../complaint/submission.ts';
import { visibleComplaint } from '../workflow/visibility.ts';
import type { Actor } from '../workflow/visibility.ts';
import './anonymise.ts';
import { subjectHash } from './subject.ts';
import { scrubEvent } from './scrub-event.ts';
import { retentionRule } from './retention.ts';
import { erasureSchema, legalHoldSchema, subjectQuerySchema } from './schemas.ts';

export interface PrivacyDeps {
  register: ComplaintRegister & PrivacyRegister & Partial<Pick<AttachmentReader, 'attachments'>>;
  clock: Clock;
  regulations: RegulationVersions;
}

export type AnonymiseOutcome =
  | { reference: string; outcome: 'anonymised' | 'already-anonymised' }
  | { reference: string; outcome: 'held'; why: string; since: string }
  | { reference: string; outcome: 'open'; why: string; status: ComplaintRecord['status'] };

/** A complaint an erasure request left alone, and why: `why` in English, `outcome` with `since` or `status` to put it in other words. */
export type NotErased = { reference: string; why: string } & ({ outcome: 'held'; since: string } | { outcome: 'open'; status: ComplaintRecord['status'] });

/** Retries a read-decide-write when a concurrent change got in between (a letter being recorded). */
async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof ConflictError && error.retryable && tries < 4) continue;
      throw error;
    }
  }
}

const auditId = () => randomBytes(6).toString('hex');

/** Anonymises one complaint, unless it is held or still being handled (then says why). */
export async function anonymiseComplaint(deps: PrivacyDeps, complaint: ComplaintRecord, basis: 'retention' | 'erasure-request', actor: string): Promise<AnonymiseOutcome> {
  const reference = complaint.reference;
  return retrying(async () => {
    const current = (await deps.register.get(reference)) ?? complaint;
    if (current.anonymisedAt) return { reference, outcome: 'already-anonymised' as const };
    if (current.legalHold) return { reference, outcome: 'held' as const, why: `under a legal hold since ${current.legalHold.at.slice(0, 10)}: ${current.legalHold.reason}`, since: current.legalHold.at };
    if (!FINAL_STATUSES.includes(current.status)) return { reference, outcome: 'open' as const, why: `still being handled (${current.status}): record its withdrawal or close it first`, status: current.status };
    const now = deps.clock.now();
    const regulation = versionOf(deps.regulations, current);
    const rule = retentionRule(regulation);
    const applied = applyEvent(regulation, current, { type: 'anonymised', at: now, actor, data: { basis }, ...(rule ? { rule } : {}) });
    const scrubbed = (await deps.register.events(reference)).filter((e) => e.seq <= current.version).map(scrubEvent);
    // The files go with the rest: their records in this transaction, the objects in storage by the outbox (retried until done).
    const eraseFiles: OutboxEntry = { reference, entryId: `erase-files-${String(applied.event.seq).padStart(6, '0')}`, createdAt: now.toISOString(), action: { kind: 'erase-files' }, attempts: 0, nextAttemptAt: now.toISOString() };
    await deps.register.anonymise(applied, scrubbed, [...outboxForEvent(regulation, applied, now), eraseFiles]);
    return { reference, outcome: 'anonymised' as const };
  });
}

/** The daily pass: anonymises every complaint whose retention ended, up to `max` per run. */
export async function applyRetention(deps: PrivacyDeps, max = 500): Promise<{ anonymised: number; skipped: number }> {
  const now = deps.clock.now();
  const done: string[] = [];
  const skipped = new Set<string>();
  while (done.length + skipped.size < max) {
    const due = (await deps.register.dueForRetention(now, 25)).filter((reference) => !skipped.has(reference));
    if (!due.length) break;
    for (const reference of due) {
      const complaint = await deps.register.get(reference);
      const result = complaint ? await anonymiseComplaint(deps, complaint, 'retention', 'system') : undefined;
      if (result?.outcome === 'anonymised') done.push(reference);
      else skipped.add(reference);
    }
  }
  if (done.length) await deps.register.appendAudit({ id: auditId(), at: now.toISOString(), actor: 'system', action: 'retention-anonymised', references: done });
  return { anonymised: done.length, skipped: skipped.size };
}

/** Places (or lifts) a legal hold: an event on the complaint and a line in the audit log. */
export async function setLegalHold(deps: PrivacyDeps, request: { reference: string; body: unknown; actor: Actor; hold: boolean }): Promise<{ complaint: ComplaintRecord; event: ComplaintEvent }> {
  const { reason } = parseWith(legalHoldSchema, request.body ?? {});
  const result = await retrying(async () => {
    const complaint = await visibleComplaint(deps.register, request.reference, request.actor);
    // The complaint's own version says whether it can be held.
    const regulation = versionOf(deps.regulations, complaint);
    const rule = retentionRule(regulation);
    if (request.hold && regulation.retention.legalHold === false) {
      throw new RuleViolationError({ key: 'error.rule.noLegalHold' }, rule);
    }
    if (complaint.anonymisedAt) throw new ConflictError({ key: 'error.conflict.anonymisedNothingToHold' });
    if (request.hold && complaint.legalHold) throw new ConflictError({ key: 'error.conflict.legalHoldAlready', params: { since: complaint.legalHold.at } });
    if (!request.hold && !complaint.legalHold) throw new ConflictError({ key: 'error.conflict.noLegalHold' });
    const now = deps.clock.now();
    const applied = applyEvent(regulation, complaint, {
      type: request.hold ? 'legal-hold-placed' : 'legal-hold-lifted',
      at: now,
      actor: request.actor.email,
      data: { reason },
      ...(rule ? { rule } : {}),
    });
    await deps.register.appendEvent(applied, outboxForEvent(regulation, applied, now));
    return { complaint: applied.next, event: applied.event };
  });
  await deps.register.appendAudit({
    id: auditId(),
    at: result.event.at,
    actor: request.actor.email,
    action: request.hold ? 'legal-hold-placed' : 'legal-hold-lifted',
    references: [request.reference],
    reason,
  });
  return result;
}

export interface SubjectExport {
  subject: { email: string };
  exportedAt: string;
  organisation: string;
  complaints: Array<{
    complaint: Omit<ComplaintRecord, 'statusTokenHash'>;
    events: ComplaintEvent[];
    /** Each letter: to whom, when, for which event, which contents it carried (the notice), and what was sent. */
    letters: SentLetter[];
    /** Each file: what it is and its state, with `download`, the staff route that opens it (a short-lived link, audit-logged). */
    attachments: Array<AttachmentView & { download: string }>;
  }>;
}

/**
 * Everything the register holds about one complainant (GDPR art. 15 and 20): each complaint,
 * its events and its letters (to whom, when, which notice with which contents, and the subject,
 * text and HTML as they were sent, kept since letters are kept; older letters without them).
 * Recorded as an event on each complaint and in the audit log.
 */
export async function exportSubject(deps: PrivacyDeps, query: unknown, actor: Actor): Promise<SubjectExport> {
  const { email } = parseWith(subjectQuerySchema, query ?? {});
  const hash = subjectHash(email);
  const references = await deps.register.findBySubject(hash);
  const now = deps.clock.now();
  const complaints: SubjectExport['complaints'] = [];
  for (const reference of references.sort()) {
    const complaint = await deps.register.get(reference);
    // The index is keyed on the registration: confirm it is still this subject's and not anonymised.
    if (!complaint || complaint.anonymisedAt || subjectHash(complaint.complainant.email) !== hash) continue;
    const events = await deps.register.events(reference);
    const letters = await deps.register.letters(reference);
    const files = (await deps.register.attachments?.(reference)) ?? [];
    const attachments = files.map((f) => ({ ...attachmentView(f), download: `/admin/complaints/${reference}/attachments/${f.id}` }));
    const { statusTokenHash: _hash, ...file } = complaint;
    complaints.push({ complaint: file, events, letters, attachments });
  }
  await Promise.all(complaints.map(({ complaint }) => recordOnComplaint(deps, complaint.reference, 'subject-data-exported', actor.email, { request: 'access' })));
  await deps.register.appendAudit({ id: auditId(), at: now.toISOString(), actor: actor.email, action: 'subject-export', subjectHash: hash, references: complaints.map((c) => c.complaint.reference) });
  return { subject: { email }, exportedAt: now.toISOString(), organisation: versionInForce(deps.regulations, now).organisation.name, complaints };
}

/** Erasure on request (GDPR art. 17): anonymises the subject's final complaints; says which were not and why. */
export async function eraseSubject(deps: PrivacyDeps, body: unknown, actor: Actor): Promise<{ erased: string[]; notErased: NotErased[] }> {
  const { email, reason } = parseWith(erasureSchema, body ?? {});
  const hash = subjectHash(email);
  const erased: string[] = [];
  const notErased: NotErased[] = [];
  for (const reference of (await deps.register.findBySubject(hash)).sort()) {
    const complaint = await deps.register.get(reference);
    if (!complaint || complaint.anonymisedAt || subjectHash(complaint.complainant.email) !== hash) continue;
    const result = await anonymiseComplaint(deps, complaint, 'erasure-request', actor.email);
    if (result.outcome === 'anonymised') erased.push(reference);
    else if (result.outcome === 'held') notErased.push({ reference, why: result.why, outcome: 'held', since: result.since });
    else if (result.outcome === 'open') notErased.push({ reference, why: result.why, outcome: 'open', status: result.status });
  }
  const entry: AuditEntry = {
    id: auditId(),
    at: deps.clock.now().toISOString(),
    actor: actor.email,
    action: 'subject-erasure',
    subjectHash: hash,
    references: erased,
    reason,
    ...(notErased.length ? { skipped: notErased } : {}),
  };
  await deps.register.appendAudit(entry);
  return { erased, notErased };
}

async function recordOnComplaint(deps: PrivacyDeps, reference: string, type: string, actor: string, data: Record<string, unknown>): Promise<void> {
  await retrying(async () => {
    const complaint = await deps.register.get(reference);
    if (!complaint) return;
    const now = deps.clock.now();
    const regulation = versionOf(deps.regulations, complaint);
    const applied = applyEvent(regulation, complaint, { type, at: now, actor, data });
    await deps.register.appendEvent(applied, outboxForEvent(regulation, applied, now));
  });
}
