/**
 * The dashboard and the list's filters, pure: how urgent a complaint is (overdue, due within the
 * week, later, no open deadline), the figures (open, overdue, due this week, per handler), and the
 * conditions the indexes cannot express (deadline kind; every filter, for search results).
 */
import type { ComplaintRecord, ComplaintStatus, MilestoneState } from './model.ts';
import { isLive } from './model.ts';
import { summaryView } from './summary-view.ts';

/** "Due this week": the next deadline ends within seven days from now. */
export const WEEK_MS = 7 * 24 * 3600 * 1000;

export type Urgency = 'overdue' | 'this-week' | 'later' | 'none';

export function nextLiveDeadline(complaint: Pick<ComplaintRecord, 'milestones'>): MilestoneState | undefined {
  return complaint.milestones.filter(isLive).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

export function urgencyOfDue(dueAt: string | undefined, now: Date): Urgency {
  if (!dueAt) return 'none';
  const due = Date.parse(dueAt);
  if (due < now.getTime()) return 'overdue';
  return due < now.getTime() + WEEK_MS ? 'this-week' : 'later';
}

export function urgencyOf(complaint: Pick<ComplaintRecord, 'milestones'>, now: Date): Urgency {
  return urgencyOfDue(nextLiveDeadline(complaint)?.dueAt, now);
}

/** A line of the dashboard: the list's line and how urgent it is. */
export function dashboardLine(complaint: ComplaintRecord, now: Date) {
  return { ...summaryView(complaint, now), urgency: urgencyOf(complaint, now) };
}

/** What the dashboard counts of one open complaint. */
export interface OpenComplaintFact {
  reference: string;
  /** The handler's e-mail (lower case), or null while unassigned. */
  handler: string | null;
  /** End of its next open deadline (ISO instant), when it has one. */
  nextDueAt?: string;
}

export interface UrgencyCounts {
  open: number;
  overdue: number;
  dueThisWeek: number;
  withoutDeadline: number;
}

export interface DashboardCounts extends UrgencyCounts {
  /** Per handler (null: not yet assigned), most open first. */
  byHandler: Array<{ handler: string | null } & UrgencyCounts>;
  /** False when there were more open complaints than were counted. */
  complete: boolean;
}

export function countOpen(facts: readonly OpenComplaintFact[], now: Date, complete = true): DashboardCounts {
  const empty = (): UrgencyCounts => ({ open: 0, overdue: 0, dueThisWeek: 0, withoutDeadline: 0 });
  const total = empty();
  const byHandler = new Map<string | null, UrgencyCounts>();
  const seen = new Set<string>();
  for (const fact of facts) {
    if (seen.has(fact.reference)) continue;
    seen.add(fact.reference);
    const own = byHandler.get(fact.handler) ?? empty();
    byHandler.set(fact.handler, own);
    const urgency = urgencyOfDue(fact.nextDueAt, now);
    for (const counts of [total, own]) {
      counts.open += 1;
      if (urgency === 'overdue') counts.overdue += 1;
      else if (urgency === 'this-week') counts.dueThisWeek += 1;
      else if (urgency === 'none') counts.withoutDeadline += 1;
    }
  }
  return {
    ...total,
    byHandler: [...byHandler].map(([handler, counts]) => ({ handler, ...counts })).sort((a, b) => b.open - a.open || String(a.handler ?? '').localeCompare(String(b.handler ?? ''))),
    complete,
  };
}

/** The list's filters, as the query names them. */
export interface ComplaintFilters {
  status?: ComplaintStatus;
  category?: string;
  /** A handler's e-mail. */
  handler?: string;
  year?: number;
  overdue?: boolean;
  /** Only complaints with an open deadline of this kind (overdue, with `overdue`). */
  deadline?: 'hard' | 'target';
}

/** A deadline's kind; records from before target deadlines have none: hard. */
export const kindOf = (milestone: Pick<MilestoneState, 'kind'>): 'hard' | 'target' => milestone.kind ?? 'hard';

/** Whether the complaint has an open deadline of `kind` (one that passed before `now` with `overdue`). */
export function hasDeadline(complaint: Pick<ComplaintRecord, 'milestones'>, kind: 'hard' | 'target' | undefined, overdueAt?: Date): boolean {
  return complaint.milestones.some((m) => isLive(m) && (kind === undefined || kindOf(m) === kind) && (!overdueAt || Date.parse(m.dueAt) < overdueAt.getTime()));
}

/** Every filter, on a complaint in hand (search results: they come by token, not by index). */
export function matchesFilters(complaint: ComplaintRecord, filters: ComplaintFilters, now: Date): boolean {
  if (filters.status && complaint.status !== filters.status) return false;
  if (filters.category && !complaint.categories.includes(filters.category)) return false;
  if (filters.handler && complaint.handler?.email.toLowerCase() !== filters.handler.toLowerCase()) return false;
  if (filters.year && complaint.year !== filters.year) return false;
  if (filters.overdue !== undefined && hasDeadline(complaint, undefined, now) !== filters.overdue) return false;
  if (filters.deadline && !hasDeadline(complaint, filters.deadline, filters.overdue ? now : undefined)) return false;
  return true;
}

/** Soonest next deadline first; complaints without one last (newest first among them). */
export function byNextDue(a: ComplaintRecord, b: ComplaintRecord): number {
  const da = nextLiveDeadline(a)?.dueAt;
  const db = nextLiveDeadline(b)?.dueAt;
  if (da && db) return da.localeCompare(db) || a.reference.localeCompare(b.reference);
  if (da || db) return da ? -1 : 1;
  return b.reference.localeCompare(a.reference);
}
