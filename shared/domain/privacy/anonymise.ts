/**
 * Anonymisation, pure: what is left of a complaint once its personal data must go (retention, or
 * an erasure request). Built field by field from what the yearly report and the audit trail need,
 * so a field added to the model later is dropped until someone decides to keep it.
 *
 * Kept: reference, year, tenant, regulation version, receipt, channel, mode, categories, status,
 * milestones, the events' times (`happened`), the outcome and remedies of the decisions, the
 * external referral, whether the complainant was satisfied, sign-offs (role and time), measures,
 * version, whether a representative filed it, whether staff or the complainant registered it.
 * Gone: every name, address, phone number, free text, the handler, who decided, the status link.
 * The events are scrubbed by scrub-event.ts (kept apart: every function applies events, few scrub them).
 */
import type { ComplaintRecord, Decision, InvolvedStaff } from '../complaint/model.ts';
import { RECORD_FOLDS } from '../complaint/events.ts';

/** What stands where a name or a text was. */
export const ANONYMISED = 'geanonimiseerd';

/** Who acted, without saying who: the system, the complainant, an API key, or staff. */
export function neutralActor(actor: string): string {
  if (actor === 'system' || actor === 'complainant' || /^api:[\w-]+$/.test(actor)) return actor;
  return 'staff';
}

function keptDecision(decision: Decision): Decision {
  const ground = (decision as Decision & { ground?: unknown }).ground;
  return {
    outcome: decision.outcome,
    decidedAt: decision.decidedAt,
    decidedBy: neutralActor(decision.decidedBy),
    ...(decision.remedies ? { remedies: [...decision.remedies] } : {}),
    // The ground is a regulation id (not-admissible), not a text.
    ...(typeof ground === 'string' ? { ground } : {}),
  } as Decision;
}

export function anonymiseRecord(record: ComplaintRecord, at: string): ComplaintRecord {
  const anonymised: ComplaintRecord = {
    reference: record.reference,
    year: record.year,
    tenantId: record.tenantId,
    regulationVersion: record.regulationVersion,
    receivedAt: record.receivedAt,
    channel: record.channel,
    mode: record.mode,
    registeredBy: neutralActor(record.registeredBy),
    complainant: { name: ANONYMISED, email: '', language: record.complainant.language },
    categories: [...record.categories],
    // Kept as placeholders: how many people were involved and how is part of the analysis.
    involved: record.involved.map((person): InvolvedStaff => ({ email: '', name: ANONYMISED, involvement: person.involvement })),
    signOffs: record.signOffs.map((s) => ({ role: s.role, by: neutralActor(s.by), at: s.at })),
    measureIds: [...record.measureIds],
    happened: { ...record.happened },
    description: ANONYMISED,
    status: record.status,
    milestones: structuredClone(record.milestones),
    version: record.version,
    anonymisedAt: at,
  };
  // Whether a representative filed it decides which milestones apply: the flag stays, the person goes.
  if (record.representative) anonymised.representative = { name: ANONYMISED, authorisation: record.representative.authorisation };
  if (record.decision) anonymised.decision = keptDecision(record.decision);
  if (record.objection) {
    anonymised.objection = { receivedAt: record.objection.receivedAt, text: '', ...(record.objection.decision ? { decision: keptDecision(record.objection.decision) } : {}) };
  }
  if (record.externalReferral) anonymised.externalReferral = { body: record.externalReferral.body, at: record.externalReferral.at };
  if (record.satisfaction) anonymised.satisfaction = { satisfied: record.satisfaction.satisfied, at: record.satisfaction.at };
  if (record.finalAt) anonymised.finalAt = record.finalAt;
  if (record.retainUntil) anonymised.retainUntil = record.retainUntil;
  return anonymised;
}

// applyEvent folds an 'anonymised' event with this (only the functions that anonymise load it).
RECORD_FOLDS.anonymised = anonymiseRecord;
