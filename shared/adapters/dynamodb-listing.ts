/**
 * ComplaintLists on the register table (the layout is dynamodb-items.ts): complaints by status,
 * handler, year or next deadline, filtered, paged with an opaque cursor. The lists function
 * (dynamodb-lists.ts) reads its dashboard and calendar feeds through the same segments.
 */
import { COMPLAINT_STATUSES, FINAL_STATUSES, type ComplaintRecord } from '../domain/complaint/model.ts';
import type { ComplaintLists, ComplaintQuery } from '../domain/ports.ts';
import { DUE_INDEX, HANDLER_INDEX, STATUS_INDEX, YEAR_INDEX, type IndexDesign } from './table-design.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';
import { toComplaint } from './dynamodb-items.ts';
import { decodeCursor, encodeCursor } from './dynamodb-cursor.ts';

export type { ComplaintQuery } from '../domain/ports.ts';

/** One index partition to read, in order, with what narrows it. */
export interface Segment {
  index: IndexDesign;
  partition: string;
  /** A condition on the index's sort key. */
  range?: { expression: string; values: Record<string, unknown> };
  /** A filter of this segment alone (on top of the query's common filters). */
  filter?: { expression: string; values: Record<string, unknown> };
  forward: boolean;
}

/** Common filters of every segment of a query (DynamoDB FilterExpression). */
export interface SegmentFilters {
  expressions: string[];
  values: Record<string, unknown>;
  names: Record<string, string>;
}

/** How many years either side of now the due-date index is read year by year; the rest is found by status. */
export const DUE_YEARS_AROUND = 5;

/** Statuses of complaints still being handled: their status partitions hold exactly the open complaints. */
export const OPEN_STATUSES: readonly string[] = COMPLAINT_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));
/** Drops final complaints from a due-date partition (a final complaint can keep an unmet deadline). */
export const OPEN_FILTER = `NOT (#status IN (${FINAL_STATUSES.map((_, i) => `:final${i}`).join(', ')}))`;
export const OPEN_FILTER_VALUES: Record<string, string> = Object.fromEntries(FINAL_STATUSES.map((status, i) => [`:final${i}`, status]));

/**
 * The index partitions that hold every complaint with an open deadline, soonest first: the
 * due-date index year by year around `now` (DUE#<year>), then, by status, the open complaints
 * whose next deadline lies outside those years or that have none (`withoutDeadline`), so that
 * no open complaint is left out whatever its dates.
 */
export function dueSegments(now: Date, statuses: readonly string[], options: { withoutDeadline: boolean; dueBefore?: Date }): Segment[] {
  const year = now.getUTCFullYear();
  const first = `DUE#${year - DUE_YEARS_AROUND}`;
  const last = `DUE#${year + DUE_YEARS_AROUND}`;
  const range = options.dueBefore ? { expression: `${DUE_INDEX.sortKey} < :before`, values: { ':before': options.dueBefore.toISOString() } } : undefined;
  const byStatus = (filter: Segment['filter']): Segment[] => statuses.map((status) => ({ index: STATUS_INDEX, partition: `STATUS#${status}`, filter, forward: true }));
  const before = options.dueBefore ? ` AND ${DUE_INDEX.sortKey} < :before` : '';
  const beforeValues = options.dueBefore ? { ':before': options.dueBefore.toISOString() } : {};
  const segments: Segment[] = [
    // Deadlines older than the years read one by one (a register's oldest open complaints).
    ...byStatus({ expression: `${DUE_INDEX.partitionKey} < :first${before}`, values: { ':first': first, ...beforeValues } }),
  ];
  for (let y = year - DUE_YEARS_AROUND; y <= year + DUE_YEARS_AROUND; y += 1) {
    if (options.dueBefore && y > options.dueBefore.getUTCFullYear()) break;
    segments.push({ index: DUE_INDEX, partition: `DUE#${y}`, ...(range ? { range } : {}), forward: true });
  }
  if (!options.dueBefore) {
    segments.push(
      ...byStatus(
        options.withoutDeadline
          ? { expression: `attribute_not_exists(${DUE_INDEX.partitionKey}) OR ${DUE_INDEX.partitionKey} > :last`, values: { ':last': last } }
          : { expression: `${DUE_INDEX.partitionKey} > :last`, values: { ':last': last } },
      ),
    );
  }
  return segments;
}

export class DynamoDbComplaintLists implements ComplaintLists {
  constructor(private readonly table: DynamoDbTable) {}

  /**
   * Complaints by the most selective filter given (handler, overdue, status, year: each an
   * index), the other filters applied to that query. Pages with an opaque cursor.
   */
  async list(query: ComplaintQuery): Promise<{ items: ComplaintRecord[]; cursor?: string }> {
    const filters: SegmentFilters = { expressions: [], values: {}, names: {} };
    const addFilter = (expression: string, name: string, value: unknown) => {
      filters.expressions.push(expression);
      filters.values[name] = value;
    };
    let segments: Segment[];
    let filtered: 'handler' | 'status' | 'year' | undefined;
    if (query.sortByDue || (query.overdueAt && !query.handlerEmail)) {
      // Soonest first across the years; the open complaints past the years read one by one come by status.
      const now = query.sortByDue?.now ?? query.overdueAt!;
      const statuses = query.status ? [query.status] : OPEN_STATUSES;
      segments = dueSegments(now, statuses, { withoutDeadline: false, ...(query.overdueAt ? { dueBefore: query.overdueAt } : {}) });
    } else if (query.handlerEmail) {
      filtered = 'handler';
      segments = [{ index: HANDLER_INDEX, partition: `HANDLER#${query.handlerEmail.toLowerCase()}`, forward: false }];
      if (query.overdueAt) addFilter(`${DUE_INDEX.sortKey} < :before`, ':before', query.overdueAt.toISOString());
    } else if (query.dueBefore) {
      const before = query.dueBefore;
      const year = before.getUTCFullYear();
      // Open deadlines are at most a couple of years old in a live register.
      segments = [];
      for (let y = Math.min(year, new Date().getUTCFullYear()) - 2; y <= year; y += 1) {
        segments.push({ index: DUE_INDEX, partition: `DUE#${y}`, range: { expression: `${DUE_INDEX.sortKey} < :before`, values: { ':before': before.toISOString() } }, forward: true });
      }
    } else if (query.status) {
      filtered = 'status';
      segments = [{ index: STATUS_INDEX, partition: `STATUS#${query.status}`, forward: false }];
    } else {
      filtered = 'year';
      segments = [{ index: YEAR_INDEX, partition: `YEAR#${query.year ?? new Date().getUTCFullYear()}`, forward: true }];
    }
    const onStatusIndex = (s: Segment) => s.index === STATUS_INDEX;
    if (query.status && filtered !== 'status') {
      addFilter('#status = :status', ':status', query.status);
      filters.names['#status'] = 'status';
    }
    if (query.year && filtered !== 'year') {
      addFilter('#year = :year', ':year', query.year);
      filters.names['#year'] = 'year';
    }
    if (query.category) addFilter('contains(categories, :category)', ':category', query.category);
    if (query.handlerEmail && filtered !== 'handler') addFilter(`${HANDLER_INDEX.partitionKey} = :handler`, ':handler', `HANDLER#${query.handlerEmail.toLowerCase()}`);
    // The status partitions of a due-date listing are already open ones; its due-date partitions may hold final complaints with a deadline left.
    if ((query.sortByDue || query.overdueAt) && !query.status && filtered === undefined) {
      segments = segments.map((s) => (onStatusIndex(s) ? s : { ...s, filter: { expression: OPEN_FILTER, values: OPEN_FILTER_VALUES } }));
      filters.names['#status'] = 'status';
    }
    return this.readSegments(segments, filters, query.limit, query.cursor, query.keep);
  }

  /**
   * Reads `segments` in order, each filtered, until `limit` items are kept or the segments end;
   * the cursor says where the next page starts. A filtered page can come back short (it stops
   * after `maxReads` queries): follow the cursor.
   */
  async readSegments(
    segments: Segment[],
    filters: SegmentFilters,
    limit: number,
    cursor: string | undefined,
    keep?: (complaint: ComplaintRecord) => boolean,
    maxReads = 40,
  ): Promise<{ items: ComplaintRecord[]; cursor?: string }> {
    const position = decodeCursor(cursor);
    const items: ComplaintRecord[] = [];
    let segment = position?.p ?? 0;
    let startKey = position?.k;
    for (let reads = 0; segment < segments.length && items.length < limit && reads < maxReads; reads += 1) {
      const current = segments[segment]!;
      const expressions = [...filters.expressions, ...(current.filter ? [`(${current.filter.expression})`] : [])];
      const values = { ...filters.values, ...(current.filter?.values ?? {}) };
      const names = Object.fromEntries(Object.entries(filters.names).filter(([name]) => expressions.some((e) => e.includes(name))));
      const page = await this.table.queryPage(
        {
          IndexName: current.index.name,
          KeyConditionExpression: `${current.index.partitionKey} = :partition${current.range ? ` AND ${current.range.expression}` : ''}`,
          ...(expressions.length ? { FilterExpression: expressions.join(' AND ') } : {}),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: toItem({ ':partition': current.partition, ...(current.range?.values ?? {}), ...values }),
          ScanIndexForward: current.forward,
          Limit: limit - items.length,
        },
        startKey,
      );
      for (const item of page.items) {
        const complaint = toComplaint(item);
        if (!keep || keep(complaint)) items.push(complaint);
      }
      startKey = page.next;
      if (!startKey) segment += 1;
    }
    const more = segment < segments.length;
    return { items, ...(more ? { cursor: encodeCursor({ p: segment, k: startKey }) } : {}) };
  }
}
