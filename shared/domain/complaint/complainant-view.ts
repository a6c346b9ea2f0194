import { versionNote, versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { label, texts } from '../../texts/index.ts';
import { eventLabel } from '../regulation/milestones.ts';
import { describePeriod } from '../calendar/index.ts';
import { definitionOf } from './events.ts';
import { localDateOf } from '../calendar/index.ts';
import type { ComplaintRecord, Language } from './model.ts';
import { isLive } from './model.ts';
import type { ComplaintEvent } from './events.ts';
import { objectionDeadline } from './objection-window.ts';
import { attachmentView, COMPLAINANT_UPLOADER, type AttachmentRecord } from '../attachments/files.ts';

/** Events the complainant sees on the status page, in plain words. */
const PUBLIC_EVENTS = new Set([
  'registered',
  'acknowledged',
  'authorisation-received',
  'authorisation-submitted',
  'assigned',
  'contacted',
  'hearing-held',
  'offer-made',
  'ruling-sent',
  'satisfaction-checked',
  'extension-notified',
  'not-taken-up',
  'withdrawn',
  'resolved',
  'objection-received',
  'objection-hearing-held',
  'objection-decided',
  'external-referral-given',
  'closed',
  'information-added',
  'extension-consent-recorded',
  'delay-notified',
  'progress-update-sent',
  'holding-response-sent',
  'stated-date-recorded',
]);

export function complainantView(
  regulations: RegulationVersions,
  complaint: ComplaintRecord,
  events: ComplaintEvent[],
  now: Date,
  lang: Language = complaint.complainant.language,
  files: readonly AttachmentRecord[] = [],
) {
  const regulation = versionOf(regulations, complaint);
  const open = complaint.milestones.filter(isLive).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const objectionUntil = objectionDeadline(regulation, complaint);
  const today = localDateOf(now, regulation.organisation.timeZone);
  const actions: string[] = ['information'];
  if ((complaint.status === 'ruled' || complaint.status === 'closed') && complaint.happened['ruling-sent'] && objectionUntil && today <= objectionUntil) actions.push('objection');
  if (complaint.representative?.authorisation === 'required') actions.push('authorisation');
  return {
    reference: complaint.reference,
    organisation: regulation.organisation.name,
    /** The version of the regulation the complaint is handled under. */
    regulation: versionNote(regulations, regulation, now),
    status: complaint.status,
    /** The state in plain words (complainantStatus.<status> in shared/texts). */
    statusText: texts(lang).complainantStatus[complaint.status],
    receivedAt: complaint.receivedAt,
    nextDate: open[0] ? { what: open[0].label[lang], due: open[0].due, kind: open[0].kind ?? 'hard' } : null,
    // Every date still open: a latest date ("uiterlijk") or a target ("wij streven naar"); a recurring duty says its rhythm.
    dates: open.map((m) => {
      const definition = definitionOf(regulation, m);
      return {
        what: m.label[lang],
        due: m.due,
        kind: m.kind ?? 'hard',
        ...(m.extensions?.length ? { extended: true } : {}),
        ...(definition?.recurring ? { every: describePeriod(definition.recurring.every, lang), occurrence: m.occurrence ?? 1 } : {}),
      };
    }),
    consents: complaint.milestones.flatMap((m) => (m.consents ?? []).map((c) => ({ what: m.label[lang], by: c.by, on: c.on, form: c.form }))),
    decision:
      complaint.decision && ['ruled', 'objection', 'objection-decided', 'closed', 'not-admissible', 'resolved-informally', 'referred-externally'].includes(complaint.status)
        ? { outcome: label(lang, 'outcome', complaint.decision.outcome), reasoning: complaint.decision.reasoning ?? null }
        : null,
    objectionUntil: complaint.status === 'ruled' ? (objectionUntil ?? null) : null,
    timeline: events.filter((e) => PUBLIC_EVENTS.has(e.type) || regulation.events.some((own) => own.id === e.type)).map((e) => ({ at: e.at, text: eventLabel(regulation, e.type, lang) })),
    actions,
    /** What the authorisation may be, while one is asked: a signed document (a file) and, where the regulation allows it, a typed statement. */
    ...(actions.includes('authorisation') ? { authorisationAccepts: [...(regulation.representation?.acceptedAuthorisation ?? ['signed-document', 'typed-statement'])] } : {}),
    /** The files the complainant sent (staff's own files are not shown here), with their state. */
    files: files.filter((f) => f.uploadedBy === COMPLAINANT_UPLOADER).map(attachmentView),
  };
}
