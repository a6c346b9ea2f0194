/**
 * What the lists function reads and keeps (functions/admin-lists.ts), on the register's table:
 *
 *   - the open complaints by their next deadline across the years (the dashboard, the calendar
 *     feeds): the due-date index year by year, then by status the open complaints whose deadline
 *     lies outside those years or that have none, so none is left out (dueSegments);
 *   - the figures of the dashboard from the same partitions (a few attributes per complaint);
 *   - the complaints a search's tokens lead to (SEARCH#<token> -> references; docs/search.md);
 *   - the staff's calendar feeds (only the SHA-256 of a feed's token is kept):
 *
 *     pk                    sk            what
 *     CALFEED#<hash>        CALFEED       whose feed it is, their roles when they made it, revokedAt
 *     CALFEEDUSER#<email>   CALFEEDUSER   the hash of their current feed (rotation, revocation)
 *
 * No Scan and no Delete: a revoked feed is marked so, and kept for the record.
 */
import { TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../domain/errors.ts';
import type { ComplaintRecord } from '../domain/complaint/model.ts';
import type { CalendarFeed, CalendarFeedStore } from '../domain/complaint/calendar-feed.ts';
import type { OpenComplaintFact } from '../domain/complaint/dashboard.ts';
import { DUE_INDEX, HANDLER_INDEX } from './table-design.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';
import { DynamoDbComplaintLists, dueSegments, OPEN_FILTER, OPEN_FILTER_VALUES, OPEN_STATUSES, type Segment, type SegmentFilters } from './dynamodb-listing.ts';

const feedKey = (hash: string) => ({ pk: `CALFEED#${hash}`, sk: 'CALFEED' });
const feedOwnerKey = (email: string) => ({ pk: `CALFEEDUSER#${email.toLowerCase()}`, sk: 'CALFEEDUSER' });

export class DynamoDbListReader implements CalendarFeedStore {
  private readonly lists: DynamoDbComplaintLists;

  constructor(private readonly table: DynamoDbTable) {
    this.lists = new DynamoDbComplaintLists(table);
  }

  /** Open complaints, soonest next deadline first (overdue first), then those without one; a handler's alone when `handlerEmail` is given. */
  async openComplaints(query: { now: Date; handlerEmail?: string; limit: number; cursor?: string }): Promise<{ items: ComplaintRecord[]; cursor?: string }> {
    const { segments, filters } = this.openPlan(query.now, query.handlerEmail);
    return this.lists.readSegments(segments, filters, query.limit, query.cursor);
  }

  /**
   * What the dashboard counts, for every open complaint (a handler's alone when `handlerEmail`
   * is given): its handler and next deadline. Stops after `cap` complaints (complete: false).
   */
  async openComplaintFacts(now: Date, handlerEmail: string | undefined, cap = 20_000): Promise<{ facts: OpenComplaintFact[]; complete: boolean }> {
    const { segments, filters } = this.openPlan(now, handlerEmail);
    const facts: OpenComplaintFact[] = [];
    for (const segment of segments) {
      const expressions = [...filters.expressions, ...(segment.filter ? [`(${segment.filter.expression})`] : [])];
      const names: Record<string, string> = {
        '#reference': 'reference',
        '#handler': 'handler',
        ...Object.fromEntries(Object.entries(filters.names).filter(([name]) => expressions.some((e) => e.includes(name)))),
      };
      const { items, complete } = await this.table.queryAll(
        {
          IndexName: segment.index.name,
          KeyConditionExpression: `${segment.index.partitionKey} = :partition`,
          ...(expressions.length ? { FilterExpression: expressions.join(' AND ') } : {}),
          ProjectionExpression: `#reference, #handler.email, ${DUE_INDEX.sortKey}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toItem({ ':partition': segment.partition, ...filters.values, ...(segment.filter?.values ?? {}) }),
        },
        (found) => facts.length + found >= cap,
      );
      for (const item of items) {
        const due = typeof item[DUE_INDEX.sortKey] === 'string' ? String(item[DUE_INDEX.sortKey]).split('#')[0] : undefined;
        facts.push({ reference: String(item.reference), handler: item.handler?.email ? String(item.handler.email).toLowerCase() : null, ...(due ? { nextDueAt: due } : {}) });
        if (facts.length >= cap) return { facts, complete: false };
      }
      if (!complete) return { facts, complete: false };
    }
    return { facts, complete: true };
  }

  /**
   * The references every one of `tokens` leads to (SEARCH#<token>), newest first; at most `cap`
   * per token read (then `complete` is false).
   */
  async searchReferences(tokens: readonly string[], cap = 1000): Promise<{ references: string[]; complete: boolean }> {
    let found: Set<string> | undefined;
    let complete = true;
    for (const token of [...new Set(tokens)]) {
      const page = await this.table.queryAll(
        {
          KeyConditionExpression: 'pk = :token',
          ExpressionAttributeValues: toItem({ ':token': `SEARCH#${token}` }),
          ProjectionExpression: 'sk',
          ScanIndexForward: false,
        },
        (read) => read >= cap,
      );
      const these = new Set(page.items.map((item) => String(item.sk)));
      if (!page.complete) complete = false;
      found = found ? new Set([...found].filter((reference) => these.has(reference))) : these;
      if (!found.size) break;
    }
    return { references: [...(found ?? [])].sort().reverse(), complete };
  }

  async calendarFeed(hash: string): Promise<CalendarFeed | undefined> {
    const item = await this.table.getItem(feedKey(hash));
    if (!item || item.revokedAt) return undefined;
    return { email: String(item.email), roles: Array.isArray(item.roles) ? item.roles.map(String) : [], createdAt: String(item.createdAt) };
  }

  async calendarFeedOf(email: string): Promise<{ createdAt: string } | undefined> {
    const pointer = await this.table.getItem(feedOwnerKey(email));
    return pointer?.hash ? { createdAt: String(pointer.createdAt) } : undefined;
  }

  async putCalendarFeed(hash: string, feed: CalendarFeed): Promise<void> {
    const pointer = await this.table.getItem(feedOwnerKey(feed.email));
    const previous = typeof pointer?.hash === 'string' ? pointer.hash : undefined;
    const items: TransactWriteItem[] = [
      { Put: { TableName: this.table.name, Item: toItem({ ...feedKey(hash), ...feed, email: feed.email.toLowerCase() }), ConditionExpression: 'attribute_not_exists(pk)' } },
      // Guarded by what was read: two rotations at once cannot both win.
      {
        Put: {
          TableName: this.table.name,
          Item: toItem({ ...feedOwnerKey(feed.email), hash, createdAt: feed.createdAt }),
          ...(pointer ? { ConditionExpression: 'createdAt = :seen', ExpressionAttributeValues: toItem({ ':seen': pointer.createdAt }) } : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      // The feed it replaces stops working now.
      ...(previous
        ? [{ Update: { TableName: this.table.name, Key: toItem(feedKey(previous)), UpdateExpression: 'SET revokedAt = :at', ExpressionAttributeValues: toItem({ ':at': feed.createdAt }) } }]
        : []),
    ];
    try {
      await this.table.call(() => this.table.client.send(new TransactWriteItemsCommand({ TransactItems: items })));
    } catch (error) {
      if (error instanceof ConflictError) throw new ConflictError('your calendar feed was changed at the same moment; try again', true);
      throw error;
    }
  }

  async revokeCalendarFeed(email: string, at: Date): Promise<boolean> {
    const pointer = await this.table.getItem(feedOwnerKey(email));
    if (typeof pointer?.hash !== 'string') return false;
    try {
      await this.table.call(() =>
        this.table.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Update: { TableName: this.table.name, Key: toItem(feedKey(pointer.hash)), UpdateExpression: 'SET revokedAt = :at', ExpressionAttributeValues: toItem({ ':at': at.toISOString() }) } },
              {
                Update: {
                  TableName: this.table.name,
                  Key: toItem(feedOwnerKey(email)),
                  UpdateExpression: 'REMOVE #hash SET revokedAt = :at',
                  ConditionExpression: '#hash = :hash',
                  ExpressionAttributeNames: { '#hash': 'hash' },
                  ExpressionAttributeValues: toItem({ ':at': at.toISOString(), ':hash': pointer.hash }),
                },
              },
            ],
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  /** The partitions and filters of the open complaints (see dueSegments), a handler's alone when given. */
  private openPlan(now: Date, handlerEmail?: string): { segments: Segment[]; filters: SegmentFilters } {
    const segments = dueSegments(now, OPEN_STATUSES, { withoutDeadline: true }).map(
      (s): Segment => (s.index === DUE_INDEX ? { ...s, filter: { expression: OPEN_FILTER, values: OPEN_FILTER_VALUES } } : s),
    );
    const filters: SegmentFilters = { expressions: [], values: {}, names: { '#status': 'status' } };
    if (handlerEmail) {
      filters.expressions.push(`${HANDLER_INDEX.partitionKey} = :handler`);
      filters.values[':handler'] = `HANDLER#${handlerEmail.toLowerCase()}`;
    }
    return { segments, filters };
  }
}
