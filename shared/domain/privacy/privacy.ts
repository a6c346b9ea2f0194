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
import type { AttachmentReader, AuditEntry, Clock, ComplaintStore, LetterReader, PrivacyStore, SentLetter } from '../ports.ts';
import { complaintWrite, type EventPublication } from '../complaint/complaint-write.ts';
import { FINAL_STATUSES, type ComplaintRecord } from '../complaint/model.ts';
import { attachmentView, type AttachmentView } from '../attachments/files.ts';
import { applyEvent, type ComplaintEvent } from '../complaint/events.ts';
import { outboxForEvent } from '../complaint/milestone-schedules.ts';
import { parseWith } from '../complaint/submission.ts';
import { visibleComplaint } from '../workflow/visibility.ts';
import type { Actor } from '../workflow/visibility.ts';
import { ANONYMISED } from './anonymise.ts';
import { keyedSubjectHash, sameSubject, subjectHash } from './subject.ts';
import { normaliseEmail, type SearchKey } from '../complaint/search.ts';
import type { Measure, MeasureStore } from '../measures/measures.ts';
import { scrubEvent } from './scrub-event.ts';
import { retentionRule } from './retention.ts';
import { auditQuerySchema, erasureSchema, legalHoldSchema, subjectQuerySchema } from './schemas.ts';
import { queuedEntry } from '../complaint/queue.ts';

export interface PrivacyDeps extends EventPublication {
  register: Pick<ComplaintStore, 'get' | 'events' | 'appendEvent'>;
  privacy: PrivacyStore;
  /** A complaint's letters, for the subject's export. */
  letters: Pick<LetterReader, 'storedLetters'>;
  /** A complaint's files, for the subject's export. */
  files?: Pick<AttachmentReader, 'attachments'>;
  /** The measures register: an erasure redacts the person's name from the measures' free text. */
  measures?: MeasureStore;
  clock: Clock;
  regulations: RegulationVersions;
  /**
   * The tenant's search key (docs/search.md): the keyed subject hash, and a representative's
   * complaints found by their address's search token. Without it only the unkeyed index is read.
   */
  subjectKey?: SearchKey;
}

/** The role a person had in a complaint. */
export type SubjectRole = 'complainant' | 'representative';

/**
 * A person's complaints, each with the role they had: complainant (the subject index, keyed and,
 * for complaints registered before it, unkeyed) or representative (their address's search token).
 * Each is confirmed against the complaint itself; anonymised ones are left out.
 */
async function subjectComplaints(deps: PrivacyDeps, email: string): Promise<Array<{ complaint: ComplaintRecord; role: SubjectRole }>> {
  const references = new Set<string>();
  for (const hash of [...(deps.subjectKey ? [keyedSubjectHash(deps.subjectKey, email)] : []), subjectHash(email)]) {
    for (const reference of await deps.privacy.findBySubject(hash)) references.add(reference);
  }
  if (deps.subjectKey) {
    for (const reference of await deps.privacy.findBySearchToken(deps.subjectKey(`email:${normaliseEmail(email)}`))) references.add(reference);
  }
  const found: Array<{ complaint: ComplaintRecord; role: SubjectRole }> = [];
  for (const reference of [...references].sort()) {
    const complaint = await deps.register.get(reference);
    if (!complaint || complaint.anonymisedAt) continue;
    const role: SubjectRole | undefined = sameSubject(complaint.complainant.email, email) ? 'complainant' : sameSubject(complaint.representative?.email, email) ? 'representative' : undefined;
    if (role) found.push({ complaint, role });
  }
  return found;
}

/** How the audit log names the subject: keyed when the key is there. */
const auditSubject = (deps: PrivacyDeps, email: string) => (deps.subjectKey ? keyedSubjectHash(deps.subjectKey, email) : subjectHash(email));

const PARTICLES = new Set(['van', 'der', 'den', 'ter', 'ten', 'het', 'von', 'des', 'del', 'uit']);

/** The words that name the people of a complaint (names, their words of three letters or more, addresses): what free text must lose. */
export function personalTermsOf(complaint: Pick<ComplaintRecord, 'complainant' | 'representative'>): string[] {
  const names = [complaint.complainant.name, complaint.representative?.name].filter((n): n is string => Boolean(n) && n !== ANONYMISED);
  // A name's own words (capitalised, three letters or more), not its particles ("van", "der", "Van").
  const words = names.flatMap((name) => name.split(/[\s,]+/)).filter((w) => /^\p{Lu}/u.test(w) && w.replace(/[^\p{L}]/gu, '').length >= 3 && !PARTICLES.has(w.toLowerCase()));
  const emails = [complaint.complainant.email, complaint.representative?.email].filter((e): e is string => Boolean(e?.trim()));
  return [...new Set([...names, ...emails, ...words].map((t) => t.trim()).filter((t) => t.length >= 3))];
}

/** Every whole-word occurrence of the terms, in any case, replaced by ANONYMISED. */
export function redactText(text: string, terms: readonly string[]): string {
  let out = text;
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), ANONYMISED);
  }
  return out;
}

/**
 * After complaints were anonymised: their people's names and addresses go from the free text
 * that outlives them, the audit log's reasons about those complaints (holds, erasure requests,
 * what was skipped and why) and the measures linked to them (what, result). Reads the audit log
 * and the measures register through (both small; erasures are rare, retention daily).
 */
export async function redactFreeText(deps: PrivacyDeps, anonymised: ReadonlyArray<{ reference: string; terms: readonly string[] }>): Promise<void> {
  const termsOf = new Map(anonymised.filter((a) => a.terms.length).map((a) => [a.reference, a.terms]));
  if (!termsOf.size) return;
  const termsFor = (references: readonly string[]) => [...new Set(references.flatMap((r) => termsOf.get(r) ?? []))];
  {
    let cursor: string | undefined;
    do {
      const page = await deps.privacy.listAudit(200, cursor);
      for (const entry of page.items) {
        const terms = termsFor([...entry.references, ...(entry.skipped ?? []).map((s) => s.reference)]);
        if (!terms.length) continue;
        const next: AuditEntry = {
          ...entry,
          ...(entry.reason !== undefined ? { reason: redactText(entry.reason, terms) } : {}),
          ...(entry.skipped ? { skipped: entry.skipped.map((s) => ({ ...s, why: redactText(s.why, terms) })) } : {}),
        };
        if (JSON.stringify(next) !== JSON.stringify(entry)) await deps.privacy.replaceAudit(next);
      }
      cursor = page.cursor;
    } while (cursor);
  }
  const measures = deps.measures;
  if (measures) {
    const at = deps.clock.now().toISOString();
    let cursor: string | undefined;
    do {
      const page = await measures.listMeasures(200, cursor);
      for (const measure of page.items) {
        const terms = termsFor(measure.complaintRefs);
        if (!terms.length) continue;
        const what = redactText(measure.what, terms);
        const result = measure.result === undefined ? undefined : redactText(measure.result, terms);
        const fields = [...(what !== measure.what ? ['what'] : []), ...(result !== measure.result ? ['result'] : [])];
        if (!fields.length) continue;
        const next: Measure = {
          ...measure,
          what,
          ...(result !== undefined ? { result } : {}),
          updatedAt: at,
          updatedBy: 'system',
          history: [...(measure.history ?? []), { at, by: 'system', action: 'updated' as const, fields }],
          version: measure.version + 1,
        };
        await retrying(() => measures.putMeasure(next)).catch(() => undefined);
      }
      cursor = page.cursor;
    } while (cursor);
  }
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
    if (current.legalHold)
      return { reference, outcome: 'held' as const, why: `under a legal hold since ${current.legalHold.at.slice(0, 10)}: ${current.legalHold.reason}`, since: current.legalHold.at };
    if (!FINAL_STATUSES.includes(current.status))
      return { reference, outcome: 'open' as const, why: `still being handled (${current.status}): record its withdrawal or close it first`, status: current.status };
    const now = deps.clock.now();
    const regulation = versionOf(deps.regulations, current);
    const rule = retentionRule(regulation);
    const applied = applyEvent(regulation, current, { type: 'anonymised', at: now, actor, data: { basis }, ...(rule ? { rule } : {}) });
    const scrubbed = (await deps.register.events(reference)).filter((e) => e.seq <= current.version).map(scrubEvent);
    // The files go with the rest: their records in this transaction, the objects in storage by the outbox (retried until done).
    const eraseFiles = queuedEntry(reference, `erase-files-${String(applied.event.seq).padStart(6, '0')}`, { kind: 'erase-files' }, now);
    await deps.privacy.anonymise(complaintWrite(deps, applied, [...outboxForEvent(regulation, applied, now), eraseFiles]), scrubbed);
    return { reference, outcome: 'anonymised' as const };
  });
}

/** The daily pass: anonymises every complaint whose retention ended, up to `max` per run. */
export async function applyRetention(deps: PrivacyDeps, max = 500): Promise<{ anonymised: number; skipped: number }> {
  const now = deps.clock.now();
  const done: string[] = [];
  const redact: Array<{ reference: string; terms: string[] }> = [];
  const skipped = new Set<string>();
  while (done.length + skipped.size < max) {
    const due = (await deps.privacy.dueForRetention(now, 25)).filter((reference) => !skipped.has(reference));
    if (!due.length) break;
    for (const reference of due) {
      const complaint = await deps.register.get(reference);
      const result = complaint ? await anonymiseComplaint(deps, complaint, 'retention', 'system') : undefined;
      if (result?.outcome === 'anonymised') {
        done.push(reference);
        redact.push({ reference, terms: personalTermsOf(complaint!) });
      } else skipped.add(reference);
    }
  }
  if (done.length) await deps.privacy.appendAudit({ id: auditId(), at: now.toISOString(), actor: 'system', action: 'retention-anonymised', references: done });
  await redactFreeText(deps, redact);
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
    await deps.register.appendEvent(complaintWrite(deps, applied, outboxForEvent(regulation, applied, now)));
    return { complaint: applied.next, event: applied.event };
  });
  await deps.privacy.appendAudit({
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
    /** The subject's role in it: they filed it, or represented the complainant. */
    role: SubjectRole;
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
  const hash = auditSubject(deps, email);
  const now = deps.clock.now();
  const complaints: SubjectExport['complaints'] = [];
  for (const { complaint, role } of await subjectComplaints(deps, email)) {
    const reference = complaint.reference;
    const events = await deps.register.events(reference);
    const letters = await deps.letters.storedLetters(reference);
    const files = (await deps.files?.attachments(reference)) ?? [];
    const attachments = files.map((f) => ({ ...attachmentView(f), download: `/admin/complaints/${reference}/attachments/${f.id}` }));
    const { statusTokenHash: _hash, ...file } = complaint;
    complaints.push({ role, complaint: file, events, letters, attachments });
  }
  await Promise.all(complaints.map(({ complaint }) => recordOnComplaint(deps, complaint.reference, 'subject-data-exported', actor.email, { request: 'access' })));
  await deps.privacy.appendAudit({ id: auditId(), at: now.toISOString(), actor: actor.email, action: 'subject-export', subjectHash: hash, references: complaints.map((c) => c.complaint.reference) });
  return { subject: { email }, exportedAt: now.toISOString(), organisation: versionInForce(deps.regulations, now).organisation.name, complaints };
}

/** Erasure on request (GDPR art. 17): anonymises the subject's final complaints; says which were not and why. */
export async function eraseSubject(deps: PrivacyDeps, body: unknown, actor: Actor): Promise<{ erased: string[]; notErased: NotErased[] }> {
  const { email, reason } = parseWith(erasureSchema, body ?? {});
  const hash = auditSubject(deps, email);
  const erased: string[] = [];
  const notErased: NotErased[] = [];
  const redact: Array<{ reference: string; terms: string[] }> = [];
  // Every complaint the person is in: as complainant, and as representative (the file cannot be
  // split: its letters and events name both; a final one is anonymised whole, docs/privacy.md).
  for (const { complaint } of await subjectComplaints(deps, email)) {
    const reference = complaint.reference;
    const result = await anonymiseComplaint(deps, complaint, 'erasure-request', actor.email);
    if (result.outcome === 'anonymised') {
      erased.push(reference);
      redact.push({ reference, terms: personalTermsOf(complaint) });
    } else if (result.outcome === 'held') notErased.push({ reference, why: result.why, outcome: 'held', since: result.since });
    else if (result.outcome === 'open') notErased.push({ reference, why: result.why, outcome: 'open', status: result.status });
  }
  const entry: AuditEntry = {
    id: auditId(),
    at: deps.clock.now().toISOString(),
    actor: actor.email,
    action: 'subject-erasure',
    subjectHash: hash,
    references: erased,
    // The request's own words may name the person too.
    reason: redactText(reason, [...new Set([email, ...redact.flatMap((r) => r.terms)])]),
    // Why each was skipped, without quoting a hold's reason (free text) into the log.
    ...(notErased.length
      ? { skipped: notErased.map((n) => ({ reference: n.reference, why: n.outcome === 'held' ? `under a legal hold since ${n.since.slice(0, 10)}` : `still being handled (${n.status})` })) }
      : {}),
  };
  await deps.privacy.appendAudit(entry);
  await redactFreeText(deps, redact);
  return { erased, notErased };
}

async function recordOnComplaint(deps: PrivacyDeps, reference: string, type: string, actor: string, data: Record<string, unknown>): Promise<void> {
  await retrying(async () => {
    const complaint = await deps.register.get(reference);
    if (!complaint) return;
    const now = deps.clock.now();
    const regulation = versionOf(deps.regulations, complaint);
    const applied = applyEvent(regulation, complaint, { type, at: now, actor, data });
    await deps.register.appendEvent(complaintWrite(deps, applied, outboxForEvent(regulation, applied, now)));
  });
}

/** The audit log, newest first, a page at a time (`query`: limit and cursor, as the API takes them). */
export async function listAuditLog(deps: Pick<PrivacyDeps, 'privacy'>, query: unknown): Promise<{ items: AuditEntry[]; cursor?: string }> {
  const { limit, cursor } = parseWith(auditQuerySchema, query ?? {});
  return deps.privacy.listAudit(limit, cursor);
}
