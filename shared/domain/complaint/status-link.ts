/**
 * The complainant's private status link over its life (docs/api.md, "The status link"):
 *
 * - made at registration (register-complaint.ts): 32 random bytes, base64url; the register keeps
 *   only its SHA-256, the token itself rides on the acknowledgement's outbox entry until the letter
 *   is out (the outbox store's completeOutbox strips it);
 * - reissued by a coordinator (reissueStatusLink): the old link stops working at once (it answers
 *   410, "replaced"), a new one goes to the complainant through the outbox, and the event
 *   `status-link-reissued` records who did it and why;
 * - expired the regulation's `statusLink.expiresAfter` (default 12 months) after the complaint
 *   became final, to the end of that local day (410, "expired"); reopened, it works again.
 *
 * `liveComplaint` is the one check behind every status route, the JSON and the page alike.
 */
import { createHash, randomBytes } from 'node:crypto';
import { dueDate, endOfLocalDay, localDateOf } from '../calendar/index.ts';
import type { Regulation } from '../regulation/index.ts';
import { calendarOf } from '../regulation/milestones.ts';
import { formatLongDate } from '../regulation/long-date.ts';
import { versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { ConflictError, GoneError, RuleViolationError } from '../errors.ts';
import type { Clock, ComplaintStore, StatusLinkLookup, StatusLinkStore } from '../ports.ts';
import { complaintWrite, type EventPublication } from './complaint-write.ts';
import * as z from '../zod.ts';
import { FINAL_STATUSES, type ComplaintRecord } from './model.ts';
import { applyEvent, type ComplaintEvent } from './events.ts';
import { scheduleEntries } from './milestone-schedules.ts';
import { noticeEntries } from '../letters/notices.ts';
import { parseWith, text } from './submission.ts';
import { visibleComplaint, type Actor } from '../workflow/visibility.ts';

/** The event a reissue records (a record event: it anchors nothing, see events.ts RECORD_EVENTS). */
export const STATUS_LINK_REISSUED = 'status-link-reissued';

/** A new link's token: 256 random bits, URL-safe (43 characters). */
export function newStatusToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the register keeps of a token, and looks it up by. */
export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * When the link stops working: the end of the local day `statusLink.expiresAfter` after the
 * complaint became final (calendar arithmetic, no end-day rule). None while it is not final.
 */
export function statusLinkExpiry(regulation: Regulation, complaint: Pick<ComplaintRecord, 'status' | 'finalAt'>): string | undefined {
  if (!FINAL_STATUSES.includes(complaint.status) || !complaint.finalAt) return undefined;
  const timeZone = regulation.organisation.timeZone;
  const last = dueDate(localDateOf(new Date(complaint.finalAt), timeZone), regulation.statusLink.expiresAfter, calendarOf(regulation), { endDayRule: false });
  return endOfLocalDay(last, timeZone).toISOString();
}

/** The link's last day, written out in either language. */
function lastDay(regulation: Regulation, expiry: string): { nl: string; en: string } {
  const day = localDateOf(new Date(expiry), regulation.organisation.timeZone);
  return { nl: formatLongDate(day, 'nl'), en: formatLongDate(day, 'en') };
}

// The store's side (token pointers by hash) is ports/status-links.ts.
export type { StatusLinkLookup, StatusLinkStore } from '../ports/status-links.ts';

/**
 * The complaint behind a link that still works, or why it does not: replaced by a newer link, or
 * expired (GoneError, 410). An unknown token is the caller's 404 (it never gets here).
 */
export function liveComplaint(regulations: RegulationVersions, link: StatusLinkLookup, now: Date): ComplaintRecord {
  if (!('complaint' in link)) throw new GoneError({ key: 'error.gone.statusLinkReplaced' });
  const regulation = versionOf(regulations, link.complaint);
  const expiry = statusLinkExpiry(regulation, link.complaint);
  if (expiry && now.getTime() > Date.parse(expiry)) {
    throw new GoneError({ key: 'error.gone.statusLinkExpired', params: { date: lastDay(regulation, expiry) } });
  }
  return link.complaint;
}

/** A token as newStatusToken makes them: 43 base64url characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Use case, the one lookup of a presented status-link token (the JSON routes and the page): by its
 * SHA-256 (the token is never stored, no secret is compared here). A malformed, too long or
 * unknown token is undefined alike (the caller's plain 404: no oracle).
 */
export async function lookupStatusLink(deps: { statusLinks: Pick<StatusLinkStore, 'findStatusLink'> }, token: string | undefined): Promise<StatusLinkLookup | undefined> {
  return token && TOKEN_PATTERN.test(token) ? deps.statusLinks.findStatusLink(hashStatusToken(token)) : undefined;
}

export interface ReissueStatusLinkDeps extends EventPublication {
  register: Pick<ComplaintStore, 'get'>;
  statusLinks: Pick<StatusLinkStore, 'replaceStatusLink'>;
  clock: Clock;
  regulations: RegulationVersions;
}

export const reissueStatusLinkSchema = z.strictObject({
  /** Why (the complainant lost the mail, the link was forwarded): kept with the event. */
  reason: z.optional(text(500)),
});

/**
 * A new status link for the complainant (a coordinator's operation): the old one answers 410
 * from now on, the new one is mailed to the complainant's address through the outbox. Refused
 * for an anonymised complaint (409), one without an e-mail address, or one whose link has expired
 * (422: the regulation's period after the end has passed).
 */
export async function reissueStatusLink(deps: ReissueStatusLinkDeps, request: { reference: string; body: unknown; actor: Actor }): Promise<{ complaint: ComplaintRecord; event: ComplaintEvent }> {
  const { reason } = parseWith(reissueStatusLinkSchema, request.body ?? {});
  const complaint = await visibleComplaint(deps.register, request.reference, request.actor);
  if (complaint.anonymisedAt) throw new ConflictError({ key: 'error.conflict.anonymised' });
  if (!complaint.complainant.email) throw new RuleViolationError({ key: 'error.rule.statusLinkNoAddress' });
  const regulation = versionOf(deps.regulations, complaint);
  const now = deps.clock.now();
  const expiry = statusLinkExpiry(regulation, complaint);
  if (expiry && now.getTime() > Date.parse(expiry)) {
    throw new RuleViolationError({ key: 'error.rule.statusLinkExpired', params: { date: lastDay(regulation, expiry) } });
  }
  const token = newStatusToken();
  const applied = applyEvent(regulation, complaint, { type: STATUS_LINK_REISSUED, at: now, actor: request.actor.email, ...(reason ? { reason } : {}) });
  const newHash = hashStatusToken(token);
  applied.next.statusTokenHash = newHash;
  // The letter with the new link (the token rides on its entry until it is sent), and any schedules the event moved (none, normally).
  const outbox = [...scheduleEntries(complaint.reference, applied, regulation.organisation.timeZone, now), ...noticeEntries(regulation, applied.next, applied.event, now, token)];
  await deps.statusLinks.replaceStatusLink(complaintWrite(deps, applied, outbox), { newHash, ...(complaint.statusTokenHash ? { oldHash: complaint.statusTokenHash } : {}) });
  return { complaint: applied.next, event: applied.event };
}
