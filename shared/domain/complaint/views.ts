/**
 * What each audience sees of a complaint: staff get the whole file with its timeline and the
 * steps open to them; lists get a summary; the complainant's status page gets the state in
 * plain words, without internal notes or staff details.
 */
import type { Regulation } from '../regulation/index.ts';
import { EVENTS, OUTCOMES } from '../regulation/vocabulary.ts';
import { dueDate, localDateOf, WorkingCalendar } from '../calendar/index.ts';
import type { ComplaintRecord, ComplaintStatus, Language } from './model.ts';
import type { ComplaintEvent } from './events.ts';
import { availableSteps, type Actor } from '../workflow/steps.ts';

export function staffView(regulation: Regulation, complaint: ComplaintRecord, events: ComplaintEvent[], actor: Actor, now: Date) {
  const { statusTokenHash: _hash, happened: _happened, ...file } = complaint;
  return {
    ...file,
    openDeadlines: complaint.milestones
      .filter((m) => m.status === 'open' || m.status === 'escalated')
      .map((m) => ({ ...m, overdue: Date.parse(m.dueAt) < now.getTime() })),
    timeline: events,
    availableSteps: availableSteps(regulation, complaint, actor),
  };
}

export function summaryView(complaint: ComplaintRecord, now: Date) {
  const open = complaint.milestones.filter((m) => m.status === 'open' || m.status === 'escalated').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const next = open[0];
  return {
    reference: complaint.reference,
    status: complaint.status,
    receivedAt: complaint.receivedAt,
    channel: complaint.channel,
    mode: complaint.mode,
    categories: complaint.categories,
    handler: complaint.handler?.email ?? null,
    nextDeadline: next ? { milestone: next.milestoneId, due: next.due } : null,
    overdue: open.some((m) => Date.parse(m.dueAt) < now.getTime()),
    outcome: complaint.decision?.outcome ?? null,
    version: complaint.version,
  };
}

const CSV_COLUMNS = ['reference', 'status', 'receivedAt', 'channel', 'mode', 'categories', 'handler', 'nextDeadline', 'nextDue', 'overdue', 'outcome'] as const;

/** CSV for spreadsheets: no complainant names or addresses; cells that a spreadsheet would run as a formula are defused. */
export function complaintsCsv(complaints: ComplaintRecord[], now: Date): string {
  const rows = complaints.map((c) => {
    const s = summaryView(c, now);
    return [s.reference, s.status, s.receivedAt, s.channel, s.mode, s.categories.join(';'), s.handler ?? '', s.nextDeadline?.milestone ?? '', s.nextDeadline?.due ?? '', String(s.overdue), s.outcome ?? ''];
  });
  return [CSV_COLUMNS.join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Events the complainant sees on the status page, in plain words. */
const PUBLIC_EVENTS = new Set([
  'registered', 'acknowledged', 'authorisation-received', 'authorisation-submitted', 'assigned', 'contacted', 'hearing-held', 'offer-made',
  'ruling-sent', 'satisfaction-checked', 'extension-notified', 'not-taken-up', 'withdrawn', 'resolved', 'objection-received',
  'objection-hearing-held', 'objection-decided', 'external-referral-given', 'closed', 'information-added',
]);

const STATUS_TEXT: Record<ComplaintStatus, Record<Language, string>> = {
  registered: { nl: 'Uw klacht is ontvangen en geregistreerd.', en: 'Your complaint has been received and registered.' },
  acknowledged: { nl: 'De ontvangst van uw klacht is bevestigd.', en: 'Receipt of your complaint has been acknowledged.' },
  'awaiting-authorisation': { nl: 'We wachten op de ondertekende machtiging.', en: 'We are waiting for the signed authorisation.' },
  assigned: { nl: 'Uw klacht is in behandeling genomen.', en: 'Your complaint is being handled.' },
  investigating: { nl: 'Uw klacht wordt onderzocht.', en: 'Your complaint is being investigated.' },
  'offer-made': { nl: 'U heeft een voorstel ontvangen.', en: 'You have received an offer.' },
  ruled: { nl: 'Er is een uitspraak op uw klacht.', en: 'A decision has been made on your complaint.' },
  objection: { nl: 'Uw bezwaar is ontvangen en wordt behandeld.', en: 'Your objection has been received and is being handled.' },
  'objection-decided': { nl: 'Er is beslist op uw bezwaar.', en: 'A decision has been made on your objection.' },
  'referred-externally': { nl: 'U bent verwezen naar de externe klachteninstantie.', en: 'You have been referred to the external complaints body.' },
  closed: { nl: 'Uw klacht is afgehandeld en gesloten.', en: 'Your complaint has been dealt with and closed.' },
  'not-admissible': { nl: 'Uw klacht wordt niet in behandeling genomen.', en: 'Your complaint will not be taken up.' },
  withdrawn: { nl: 'Uw klacht is ingetrokken.', en: 'Your complaint has been withdrawn.' },
  'resolved-informally': { nl: 'Uw klacht is in overleg opgelost.', en: 'Your complaint has been resolved by agreement.' },
};

export function complainantView(regulation: Regulation, complaint: ComplaintRecord, events: ComplaintEvent[], now: Date, lang: Language = complaint.complainant.language) {
  const open = complaint.milestones.filter((m) => m.status === 'open' || m.status === 'escalated').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const objectionUntil = objectionDeadline(regulation, complaint);
  const today = localDateOf(now, regulation.organisation.timeZone);
  const actions: string[] = ['information'];
  if ((complaint.status === 'ruled' || complaint.status === 'closed') && complaint.happened['ruling-sent'] && objectionUntil && today <= objectionUntil) actions.push('objection');
  if (complaint.representative?.authorisation === 'required') actions.push('authorisation');
  return {
    reference: complaint.reference,
    organisation: regulation.organisation.name,
    status: complaint.status,
    statusText: STATUS_TEXT[complaint.status][lang],
    receivedAt: complaint.receivedAt,
    nextDate: open[0] ? { what: open[0].label[lang], due: open[0].due } : null,
    decision: complaint.decision && ['ruled', 'objection', 'objection-decided', 'closed', 'not-admissible', 'resolved-informally', 'referred-externally'].includes(complaint.status)
      ? { outcome: complaint.decision.outcome === 'offer' ? (lang === 'nl' ? 'voorstel' : 'offer') : OUTCOMES[complaint.decision.outcome as keyof typeof OUTCOMES]?.[lang] ?? complaint.decision.outcome, reasoning: complaint.decision.reasoning ?? null }
      : null,
    objectionUntil: complaint.status === 'ruled' ? objectionUntil ?? null : null,
    timeline: events.filter((e) => PUBLIC_EVENTS.has(e.type)).map((e) => ({ at: e.at, text: EVENTS[e.type as keyof typeof EVENTS]?.[lang] ?? e.type })),
    actions,
  };
}

/** The last day to object, when the regulation has an objection window that has started. */
export function objectionDeadline(regulation: Regulation, complaint: ComplaintRecord): string | undefined {
  const window = regulation.windows.find((w) => w.for === 'objection');
  const anchorAt = window ? complaint.happened[window.anchor] : undefined;
  if (!window || !anchorAt || !regulation.objection) return undefined;
  const timeZone = regulation.organisation.timeZone;
  return dueDate(localDateOf(new Date(anchorAt), timeZone), window.period, WorkingCalendar.dutch(regulation.calendar), { endDayRule: window.endDayRule });
}
