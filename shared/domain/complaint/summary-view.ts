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
    nextDeadline: next ? { milestone: next.milestoneId, due: next.due, kind: next.kind ?? 'hard' } : null,
    overdue: open.some((m) => Date.parse(m.dueAt) < now.getTime()),
    outcome: complaint.decision?.outcome ?? null,
    version: complaint.version,
  };
}

/** The CSV's columns, in the spreadsheet user's language. */
const CSV_HEADERS = {
  nl: ['Kenmerk', 'Status', 'Ontvangen', 'Kanaal', 'Wijze', 'Categorieën', 'Behandelaar', 'Eerstvolgende termijn', 'Uiterste datum', 'Soort termijn', 'Te laat', 'Uitkomst'],
  en: ['Reference', 'Status', 'Received', 'Channel', 'Mode', 'Categories', 'Handler', 'Next deadline', 'Due', 'Deadline kind', 'Overdue', 'Outcome'],
} as const;
const CSV_WORDS = {
  nl: { yes: 'ja', no: 'nee', hard: 'harde termijn', target: 'streeftermijn' },
  en: { yes: 'yes', no: 'no', hard: 'hard', target: 'target' },
} as const;

export interface CsvOptions {
  /** Headers and words: Dutch (default) or English. */
  lang?: 'nl' | 'en';
  /** The organisation's time zone: the receipt as its local date and time. */
  timeZone?: string;
}

/**
 * CSV as Dutch Excel opens it: UTF-8 with a byte-order mark, `;` between cells, headers in the
 * user's language, the receipt as a local `yyyy-mm-dd hh:mm`. No complainant names or addresses;
 * cells that a spreadsheet would run as a formula are defused.
 */
export function complaintsCsv(complaints: ComplaintRecord[], now: Date, options: CsvOptions = {}): string {
  const lang = options.lang ?? 'nl';
  const words = CSV_WORDS[lang];
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: options.timeZone ?? 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const rows = complaints.map((c) => {
    const s = summaryView(c, now);
    return [
      s.reference,
      s.status,
      local.format(new Date(s.receivedAt)),
      s.channel,
      s.mode,
      s.categories.join(', '),
      s.handler ?? '',
      s.nextDeadline?.milestone ?? '',
      s.nextDeadline?.due ?? '',
      s.nextDeadline ? words[s.nextDeadline.kind] : '',
      s.overdue ? words.yes : words.no,
      s.outcome ?? '',
    ];
  });
  return '\uFEFF' + [CSV_HEADERS[lang].map(csvCell).join(';'), ...rows.map((row) => row.map(csvCell).join(';'))].join('\r\n') + '\r\n';
}
