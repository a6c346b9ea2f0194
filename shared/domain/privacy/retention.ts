/**
 * How long a complaint's personal data is kept (the regulation's `retention`), pure.
 *
 * The clock starts when the complaint is final AND the regulation's `after` event has happened,
 * at the later of the two. A complaint that ends without that event (withdrawn, not taken up,
 * resolved informally, referred externally, when `after` is `closed`) counts from the moment it
 * became final. A complaint that is reopened (an objection after closing) is no longer final: its
 * clock stops and starts again when it is final again.
 */
import { dueDate, endOfLocalDay, localDateOf } from '../calendar/index.ts';
import { calendarOf } from '../regulation/milestones.ts';
import type { Regulation } from '../regulation/index.ts';
import { FINAL_STATUSES, type ComplaintRecord } from '../complaint/model.ts';

type RetentionFacts = Pick<ComplaintRecord, 'status' | 'happened' | 'finalAt'>;

/** The instant the retention period runs from, or undefined while the complaint is not final. */
export function retentionStart(regulation: Regulation, complaint: RetentionFacts): string | undefined {
  if (!FINAL_STATUSES.includes(complaint.status)) return undefined;
  const after = regulation.retention.after;
  const candidates = [complaint.happened[after], complaint.finalAt].filter((at): at is string => typeof at === 'string');
  return candidates.sort().at(-1);
}

/**
 * The end of the retention period: the end of the local day `keep` after the start (calendar
 * arithmetic; no end-day rule, this is not a deadline anybody has to meet).
 */
export function retentionEnd(regulation: Regulation, complaint: RetentionFacts): string | undefined {
  const start = retentionStart(regulation, complaint);
  if (!start) return undefined;
  const timeZone = regulation.organisation.timeZone;
  const last = dueDate(localDateOf(new Date(start), timeZone), regulation.retention.keep, calendarOf(regulation), { endDayRule: false });
  const kept = endOfLocalDay(last, timeZone).toISOString();
  // "Or when the student completes the course, whichever is first": that event (once the file is final) ends it earlier.
  const earlier = regulation.retention.orOnceAnyOf
    .map((e) => complaint.happened[e])
    .filter((at): at is string => typeof at === 'string')
    .map((at) => new Date(Math.max(Date.parse(at), Date.parse(complaint.finalAt ?? at))).toISOString())
    .sort()[0];
  return earlier && earlier < kept ? earlier : kept;
}

/** The regulation article retention serves (for the audit trail). */
export function retentionRule(regulation: Regulation): string | undefined {
  return regulation.retention.citation?.article;
}
