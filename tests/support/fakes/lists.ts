/**
 * ComplaintLists in memory (contract: tests/contract/lists.test.ts): the complaints in the order
 * the DynamoDB store reads its index partitions (shared/adapters/dynamodb-listing.ts), the same
 * filters, paged with an opaque cursor that a forged one cannot pass.
 */
import { InvalidInputError } from '../../../shared/domain/errors.ts';
import type { ComplaintLists, ComplaintQuery } from '../../../shared/domain/ports.ts';
import { COMPLAINT_STATUSES, FINAL_STATUSES, isLive, type ComplaintRecord } from '../../../shared/domain/complaint/model.ts';
import type { ListReader } from '../../../shared/domain/complaint/lists.ts';
import type { OpenComplaintFact } from '../../../shared/domain/complaint/dashboard.ts';
import { MemoryTable } from './memory-table.ts';
import { InMemoryCalendarFeedStore } from './calendar-feeds.ts';

/** As in dynamodb-listing.ts: the due-date index is read year by year this far either side of now; the rest come by status. */
const DUE_YEARS_AROUND = 5;
const OPEN_STATUSES: readonly string[] = COMPLAINT_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));

/** One index partition: which complaints it holds, its sort key, its direction. */
interface Segment {
  holds: (complaint: ComplaintRecord) => boolean;
  key: (complaint: ComplaintRecord) => string;
  forward: boolean;
  /** A partition of the due-date index (one year's). */
  due?: true;
}

const nextDue = (c: ComplaintRecord) =>
  c.milestones
    .filter(isLive)
    .map((m) => m.dueAt)
    .sort()[0];
/** The due-date index's keys (absent without an open deadline). */
const duePartition = (c: ComplaintRecord) => {
  const due = nextDue(c);
  return due ? `DUE#${due.slice(0, 4)}` : undefined;
};
const dueKey = (c: ComplaintRecord) => {
  const due = nextDue(c);
  return due ? `${due}#${c.reference}` : undefined;
};
/** The status and handler indexes sort by receipt. */
const receiptKey = (c: ComplaintRecord) => `${c.receivedAt}#${c.reference}`;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isOpen = (c: ComplaintRecord) => !(FINAL_STATUSES as readonly string[]).includes(c.status);

export class InMemoryComplaintLists implements ComplaintLists {
  constructor(readonly table = new MemoryTable()) {}

  async list(query: ComplaintQuery): Promise<{ items: ComplaintRecord[]; cursor?: string }> {
    const filters: Array<(c: ComplaintRecord) => boolean> = [];
    let segments: Segment[];
    let filtered: 'handler' | 'status' | 'year' | undefined;
    const handler = query.handlerEmail?.toLowerCase();
    if (query.sortByDue || (query.overdueAt && !query.handlerEmail)) {
      const now = query.sortByDue?.now ?? query.overdueAt!;
      segments = dueSegments(now, query.status ? [query.status] : OPEN_STATUSES, query.overdueAt);
      // The status partitions of a due-date listing hold open complaints alone; its due-date partitions may hold final ones.
      if (!query.status) segments = segments.map((s) => (s.due ? { ...s, holds: (c: ComplaintRecord) => s.holds(c) && isOpen(c) } : s));
    } else if (handler) {
      filtered = 'handler';
      segments = [{ holds: (c) => c.handler?.email.toLowerCase() === handler, key: receiptKey, forward: false }];
      if (query.overdueAt) {
        const before = query.overdueAt.toISOString();
        filters.push((c) => (dueKey(c) ?? '~') < before);
      }
    } else if (query.dueBefore) {
      const before = query.dueBefore.toISOString();
      const year = query.dueBefore.getUTCFullYear();
      segments = [];
      for (let y = Math.min(year, new Date().getUTCFullYear()) - 2; y <= year; y += 1) {
        segments.push({ holds: (c) => duePartition(c) === `DUE#${y}` && dueKey(c)! < before, key: (c) => dueKey(c)!, forward: true, due: true });
      }
    } else if (query.status) {
      filtered = 'status';
      segments = [{ holds: (c) => c.status === query.status, key: receiptKey, forward: false }];
    } else {
      filtered = 'year';
      const year = query.year ?? new Date().getUTCFullYear();
      segments = [{ holds: (c) => c.year === year, key: (c) => c.reference, forward: true }];
    }
    if (query.status && filtered !== 'status') filters.push((c) => c.status === query.status);
    if (query.year && filtered !== 'year') filters.push((c) => c.year === query.year);
    if (query.category) filters.push((c) => c.categories.includes(query.category!));
    if (handler && filtered !== 'handler') filters.push((c) => c.handler?.email.toLowerCase() === handler);
    return readSegments(this.table, segments, filters, query.limit, query.cursor, query.keep);
  }
}

/**
 * ListReader in memory (contract: tests/contract/lists.test.ts): the open complaints soonest next
 * deadline first, then those without one (as DynamoDbListReader reads them); what the dashboard
 * counts of them; the references search tokens lead to; and the calendar feeds.
 */
export class InMemoryListReader extends InMemoryCalendarFeedStore implements ListReader {
  async openComplaints(query: { now: Date; handlerEmail?: string; limit: number; cursor?: string }): Promise<{ items: ComplaintRecord[]; cursor?: string }> {
    return readSegments(this.table, openSegments(query.now), handlerFilter(query.handlerEmail), query.limit, query.cursor);
  }

  async openComplaintFacts(now: Date, handlerEmail: string | undefined, cap = 20_000): Promise<{ facts: OpenComplaintFact[]; complete: boolean }> {
    const all = [...this.table.complaints.values()];
    const filters = handlerFilter(handlerEmail);
    const facts: OpenComplaintFact[] = [];
    for (const segment of openSegments(now)) {
      const sorted = all.filter((c) => segment.holds(c) && filters.every((f) => f(c))).sort((a, b) => byCodeUnits(segment.key(a), segment.key(b)));
      for (const c of sorted) {
        const due = nextDue(c);
        facts.push({ reference: c.reference, handler: c.handler?.email ? c.handler.email.toLowerCase() : null, ...(due ? { nextDueAt: due } : {}) });
        if (facts.length >= cap) return { facts, complete: false };
      }
    }
    return { facts, complete: true };
  }

  /** The references every token leads to, newest first. */
  async searchReferences(tokens: readonly string[]): Promise<{ references: string[]; complete: boolean }> {
    const unique = [...new Set(tokens)];
    if (!unique.length) return { references: [], complete: true };
    const references = [...this.table.searchTokens.entries()].filter(([, kept]) => unique.every((t) => kept.includes(t))).map(([reference]) => reference);
    return { references: references.sort(byCodeUnits).reverse(), complete: true };
  }
}

/** Every open complaint: by next deadline across the years, then by status those outside the years or without one. */
const openSegments = (now: Date): Segment[] => dueSegments(now, OPEN_STATUSES, undefined, true).map((s) => (s.due ? { ...s, holds: (c: ComplaintRecord) => s.holds(c) && isOpen(c) } : s));
const handlerFilter = (email: string | undefined): Array<(c: ComplaintRecord) => boolean> => (email ? [(c) => c.handler?.email.toLowerCase() === email.toLowerCase()] : []);

/** The segments' complaints in order, from the cursor, until `limit` are kept. */
function readSegments(table: MemoryTable, segments: Segment[], filters: Array<(c: ComplaintRecord) => boolean>, limit: number, cursor: string | undefined, keep?: (c: ComplaintRecord) => boolean) {
  const start = decodeCursor(cursor);
  const all = [...table.complaints.values()];
  const items: ComplaintRecord[] = [];
  for (let p = start?.p ?? 0; p < segments.length; p += 1) {
    const segment = segments[p]!;
    const sorted = all.filter(segment.holds).sort((a, b) => byCodeUnits(segment.key(a), segment.key(b)) * (segment.forward ? 1 : -1));
    const after = p === start?.p ? start.k : undefined;
    for (const complaint of sorted) {
      const k = segment.key(complaint);
      if (after !== undefined && (segment.forward ? k <= after : k >= after)) continue;
      if (!filters.every((f) => f(complaint)) || (keep && !keep(complaint))) continue;
      if (items.length === limit) return { items, cursor: encodeCursor({ p, k: segment.key(items.at(-1)!) }) };
      items.push(table.copy(complaint));
    }
    if (items.length === limit) {
      // Whatever follows (this segment's rest, the next ones) is the next page's.
      const rest = segments.slice(p + 1).some((s) => all.some((c) => s.holds(c)));
      return { items, ...(rest ? { cursor: encodeCursor({ p: p + 1 }) } : {}) };
    }
  }
  return { items };
}

/** The partitions of a due-date listing, as dueSegments (dynamodb-listing.ts) reads them. */
function dueSegments(now: Date, statuses: readonly string[], dueBefore: Date | undefined, withoutDeadline = false): Segment[] {
  const year = now.getUTCFullYear();
  const first = `DUE#${year - DUE_YEARS_AROUND}`;
  const last = `DUE#${year + DUE_YEARS_AROUND}`;
  const before = dueBefore?.toISOString();
  const inRange = (c: ComplaintRecord) => before === undefined || (dueKey(c) ?? '~') < before;
  const byStatus = (holds: (c: ComplaintRecord) => boolean): Segment[] => statuses.map((status) => ({ holds: (c) => c.status === status && holds(c), key: receiptKey, forward: true }));
  const segments: Segment[] = [...byStatus((c) => (duePartition(c) ?? '~') < first && inRange(c))];
  for (let y = year - DUE_YEARS_AROUND; y <= year + DUE_YEARS_AROUND; y += 1) {
    if (dueBefore && y > dueBefore.getUTCFullYear()) break;
    segments.push({ holds: (c) => duePartition(c) === `DUE#${y}` && inRange(c), key: (c) => dueKey(c)!, forward: true, due: true });
  }
  if (!dueBefore) segments.push(...byStatus((c) => (withoutDeadline && duePartition(c) === undefined) || (duePartition(c) ?? '') > last));
  return segments;
}

const encodeCursor = (value: { p: number; k?: string }) => Buffer.from(JSON.stringify({ p: value.p, ...(value.k !== undefined ? { k: value.k } : {}) })).toString('base64url');

/** Only what encodeCursor wrote; anything else is refused as the DynamoDB store refuses it. */
function decodeCursor(cursor: string | undefined): { p: number; k?: string } | undefined {
  if (!cursor) return undefined;
  let value: any;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const valid =
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Number.isInteger(value.p) &&
    value.p >= 0 &&
    value.p < 1000 &&
    (value.k === undefined || typeof value.k === 'string') &&
    Object.keys(value).every((name) => name === 'p' || name === 'k');
  if (!valid) throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
  return value;
}
