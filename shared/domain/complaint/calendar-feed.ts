/**
 * Deadlines in the calendar: a staff member's private, revocable feed (iCalendar, RFC 5545) of
 * the open deadlines of their complaints (a handler's own; a tenant-wide role's: every open
 * complaint's), one all-day event per deadline on its last day, saying the complaint's
 * reference, the milestone and whether it is a hard or a target date. No complainant's name or
 * text: calendar apps keep their copies elsewhere.
 *
 * The feed's URL holds a 256-bit token, shown once when it is made; only its SHA-256 is kept. A
 * new one replaces the old (which stops working at once); revoking ends it. The feed keeps the
 * roles its owner had when they made it: make a new one after a change of roles.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StaffRole } from '../../auth/principal.ts';
import type { ComplaintRecord, Language } from './model.ts';
import { isLive } from './model.ts';
import { kindOf } from './dashboard.ts';

export interface CalendarFeed {
  /** Whose feed it is (lower case). */
  email: string;
  /** Their staff roles when they made it. */
  roles: string[];
  createdAt: string;
}

export interface CalendarFeedStore {
  /** Keeps a new feed under its token's hash; the owner's previous feed (if any) is revoked in the same write. */
  putCalendarFeed(hash: string, feed: CalendarFeed): Promise<void>;
  /** Revokes the owner's current feed; false when they have none. */
  revokeCalendarFeed(email: string, at: Date): Promise<boolean>;
  /** The live (not revoked) feed with this token hash. */
  calendarFeed(hash: string): Promise<CalendarFeed | undefined>;
  /** Whether the owner has a live feed, and since when. */
  calendarFeedOf(email: string): Promise<{ createdAt: string } | undefined>;
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A feed token is 43 base64url characters (32 random bytes); anything else is not one. */
export function isFeedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Makes (or replaces) the staff member's feed; the token is returned once and never kept. */
export async function createCalendarFeed(store: CalendarFeedStore, owner: { email: string; roles: readonly StaffRole[] }, now: Date): Promise<{ token: string; createdAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = now.toISOString();
  await store.putCalendarFeed(feedTokenHash(token), { email: owner.email.toLowerCase(), roles: [...owner.roles], createdAt });
  return { token, createdAt };
}

/** A handler alone sees only their own complaints; every other staff role sees all. */
export function feedScope(feed: Pick<CalendarFeed, 'email' | 'roles'>): { handlerEmail?: string } {
  return feed.roles.length > 0 && feed.roles.every((role) => role === 'handler') ? { handlerEmail: feed.email } : {};
}

export interface CalendarOptions {
  /** Organisation name: the calendar's name. */
  organisation: string;
  lang: Language;
  now: Date;
  /** Where the console shows a complaint (its reference is appended), for the events' links. */
  consoleUrl?: string;
}

const WORDS = {
  nl: { calendar: 'Klachttermijnen', hard: 'harde termijn', target: 'streeftermijn', overdue: 'verstreken', complaint: 'Klacht' },
  en: { calendar: 'Complaint deadlines', hard: 'hard deadline', target: 'target date', overdue: 'passed', complaint: 'Complaint' },
} as const;

/** The feed: one all-day event per open deadline of `complaints`, on its last day. */
export function deadlinesCalendar(complaints: readonly ComplaintRecord[], options: CalendarOptions): string {
  const words = WORDS[options.lang];
  const stamp = icsInstant(options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//klachtenregister//deadlines//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`${words.calendar} ${options.organisation}`)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  const events = complaints
    .flatMap((complaint) => complaint.milestones.filter(isLive).map((milestone) => ({ complaint, milestone })))
    .sort((a, b) => a.milestone.due.localeCompare(b.milestone.due) || a.complaint.reference.localeCompare(b.complaint.reference));
  for (const { complaint, milestone } of events) {
    const kind = kindOf(milestone);
    const label = milestone.label[options.lang] ?? milestone.label.nl ?? milestone.milestoneId;
    const passed = Date.parse(milestone.dueAt) < options.now.getTime();
    const summary = `${complaint.reference}: ${label} (${words[kind]}${passed ? `, ${words.overdue}` : ''})`;
    const description = [
      `${words.complaint} ${complaint.reference}`,
      `${label}: ${milestone.due} (${words[kind]})`,
      milestone.citation,
      ...(options.consoleUrl ? [`${options.consoleUrl}${complaint.reference}`] : []),
    ]
      .filter(Boolean)
      .join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(`${complaint.reference}.${milestone.milestoneId}`)}@klachtenregister`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${milestone.due.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${nextDay(milestone.due).replace(/-/g, '')}`,
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(description)}`,
      `CATEGORIES:${kind === 'hard' ? 'HARD' : 'TARGET'}`,
      'TRANSP:TRANSPARENT',
      ...(options.consoleUrl ? [`URL:${options.consoleUrl}${complaint.reference}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** RFC 5545 TEXT: backslash, semicolon, comma and newline escaped. */
export function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (CRLF and a space), never inside a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function icsInstant(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function nextDay(isoDate: string): string {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
