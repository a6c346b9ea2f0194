/**
 * What each audience sees of a complaint: staff get the whole file with its timeline and the
 * steps open to them; lists get a summary; the complainant's status page gets the state in
 * plain words, without internal notes or staff details.
 */
import { versionNote, versionOf, type RegulationVersions } from '../regulation/versions.ts';
import type { ComplaintRecord } from './model.ts';
import { isLive } from './model.ts';
import type { ComplaintEvent } from './events.ts';
import { availableSteps, proposedGrounds, type Actor } from '../workflow/steps.ts';

export function staffView(regulations: RegulationVersions, complaint: ComplaintRecord, events: ComplaintEvent[], actor: Actor, now: Date) {
  const { statusTokenHash: _hash, happened: _happened, ...file } = complaint;
  // The complaint is handled under the version it was received under, whatever is in force now.
  const regulation = versionOf(regulations, complaint);
  return {
    ...file,
    regulation: versionNote(regulations, regulation, now),
    openDeadlines: complaint.milestones
      .filter(isLive)
      .map((m) => ({ ...m, overdue: Date.parse(m.dueAt) < now.getTime() })),
    // Events recorded after the view was read belong to a later version.
    timeline: events.filter((e) => e.seq <= complaint.version),
    availableSteps: availableSteps(regulation, complaint, actor),
    // Proposed when classification or a stated date makes a ground apply; the decision stays staff's.
    proposedGrounds: proposedGrounds(regulation, complaint),
  };
}

export function summaryView(complaint: ComplaintRecord, now: Date) {
  const open = complaint.milestones.filter(isLive).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
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

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

