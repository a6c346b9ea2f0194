/**
 * A complaint in a line: the lists, the CSV export and the privacy responses. Kept apart from the
 * staff file (views.ts), whose open steps need the workflow's rules, so what only lists complaints
 * does not carry them.
 */
import type { ComplaintRecord } from './model.ts';
import { isLive } from './model.ts';
import { csvCell } from '../csv.ts';

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
