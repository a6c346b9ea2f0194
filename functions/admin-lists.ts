/**
 * The staff's lists (operations: shared/http/list-operations.ts; use cases: shared/domain/complaint/lists.ts
 * and measures.ts): complaints by filter or `q`, their CSV, the dashboard, calendar feeds (the feed
 * itself public, by its token), the measures register. Thin: route, parse, one use case, map.
 */
import middy from '@middy/core';
import { calendarQuerySchema, complaintListQueryOf, dashboardQuerySchema, LIST_OPERATIONS, measureListQuerySchema } from '../shared/http/list-operations.ts';
import { operationRouter, type RoutedEvent } from '../shared/http/router.ts';
import { apiBase, ifMatchVersion, queryOf } from '../shared/http/request.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpResult } from '../shared/http/middleware.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { readerContext } from '../shared/adapters/reader-context.ts';
import { DynamoDbListReader } from '../shared/adapters/dynamodb-lists.ts';
import { DynamoDbComplaintLists } from '../shared/adapters/dynamodb-listing.ts';
import { DynamoDbComplaintStore } from '../shared/adapters/dynamodb-complaints.ts';
import { DynamoDbMeasureStore } from '../shared/adapters/dynamodb-measures.ts';
import { searchKeyLoader } from '../shared/adapters/search-key.ts';
import { decodeCursor, encodeCursor } from '../shared/adapters/dynamodb-cursor.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { calendarFeedState, complaintList, dashboard, exportComplaints, feedCalendar, findCalendarFeed } from '../shared/domain/complaint/lists.ts';
import { createCalendarFeed } from '../shared/domain/complaint/calendar-feed.ts';
import { createMeasure, listMeasures, updateMeasure } from '../shared/domain/measures/measures.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = readerContext((table) => ({
  complaints: new DynamoDbComplaintStore(table),
  lists: new DynamoDbComplaintLists(table),
  feeds: new DynamoDbListReader(table),
  measures: new DynamoDbMeasureStore(table),
}));
const { feeds, complaints } = context.stores;
// Read at cold start: a search hashes its terms with the tenant's key (docs/search.md).
const searchKey = searchKeyLoader(context.config);
if (context.config.SEARCH_KEY || context.config.SEARCH_KEY_SECRET_ARN) void searchKey().catch(() => undefined);
const lists = { ...context.stores, regulations: context.regulations, searchKey, cursors: { encode: encodeCursor, decode: decodeCursor } };
const measures = { register: context.stores.measures, clock: context.clock, regulations: context.regulations, complaints };
// The feed's public route: failed guesses count as for status links (shared/http/abuse-limits.ts).
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
const now = () => context.clock.now();
const ICS = { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'content-disposition': 'inline; filename="termijnen.ics"' };
const FEED_NOTE = 'the address is shown only now: add it to your calendar as a subscription; only a hash is kept here. A new address replaces this one; DELETE ends it.';

const dispatch = operationRouter(LIST_OPERATIONS, {
  'list-complaints': async (event, actor) => jsonResponse(200, await complaintList(lists, actor, complaintListQueryOf(event.queryStringParameters), now())),
  'export-complaints': async (event, actor) => {
    const { filename, csv } = await exportComplaints(lists, actor, complaintListQueryOf(event.queryStringParameters), now());
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' }, body: csv };
  },
  dashboard: async (event, actor) => jsonResponse(200, await dashboard(lists, actor, queryOf(dashboardQuerySchema, event), now())),
  'calendar-feed-state': async (_, actor) => jsonResponse(200, await calendarFeedState(feeds, actor)),
  'create-calendar-feed': async (event, actor) => {
    const { token, createdAt } = await createCalendarFeed(feeds, actor, now());
    return jsonResponse(201, { url: `${apiBase(event, context.statusBaseUrl)}/calendar/${token}.ics`, createdAt, note: FEED_NOTE });
  },
  'revoke-calendar-feed': async (_, actor) => {
    await feeds.revokeCalendarFeed(actor.email, now());
    return { statusCode: 204 };
  },
  // An unknown or revoked token is a plain 404 and a failed guess.
  'calendar-feed': async (event) => {
    const { lang } = queryOf(calendarQuerySchema, event);
    guard.checkGuesses(event);
    const feed = await findCalendarFeed(lists, (event.pathParameters?.token ?? '').replace(/\.ics$/i, ''));
    if (!feed) {
      guard.recordMiss(event);
      throw new NotFoundError('not found');
    }
    guard.take('reads', event);
    return { statusCode: 200, headers: ICS, body: await feedCalendar(lists, feed, lang, now()) };
  },
  'list-measures': async (event, actor) => {
    const { limit, cursor } = queryOf(measureListQuerySchema, event);
    const page = await listMeasures(measures, actor, limit, cursor);
    return jsonResponse(200, { items: page.items, cursor: page.cursor ?? null });
  },
  'create-measure': async (event, actor) => jsonResponse(201, await createMeasure(measures, event.jsonBody, actor)),
  'update-measure': async (event, actor) => jsonResponse(200, await updateMeasure(measures, event.pathParameters!.id!, event.jsonBody, actor, ifMatchVersion(event, 'measure'))),
});

export const handler = middy<RoutedEvent, HttpResult>().use(requestLog()).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
