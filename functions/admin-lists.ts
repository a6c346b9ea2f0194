/**
 * The staff's lists (operations: shared/http/list-operations.ts; use cases: complaint/lists.ts and
 * measures/measures.ts): complaints by filter or `q`, their CSV, the dashboard, calendar feeds (the
 * feed itself public, by its token), the measures register. Thin: route, parse, one use case, map.
 */
import middy from '@middy/core';
import { calendarQuerySchema, complaintListQueryOf, dashboardQuerySchema, LIST_OPERATIONS, measureListQuerySchema } from '../shared/http/list-operations.ts';
import { operationRouter, type RoutedEvent } from '../shared/http/router.ts';
import { ifMatchVersion, queryOf } from '../shared/http/request.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpResult } from '../shared/http/middleware.ts';
import { calendarDocument, csvDownload, feedCreated, feedTokenOf } from '../shared/http/list-responses.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';
import { listsContext } from '../shared/adapters/lists-context.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { calendarFeedState, complaintList, dashboard, exportComplaints, feedCalendar, findCalendarFeed } from '../shared/domain/complaint/lists.ts';
import { createCalendarFeed } from '../shared/domain/complaint/calendar-feed.ts';
import { createMeasure, listMeasures, updateMeasure } from '../shared/domain/measures/measures.ts';
import { requestLog } from '../shared/observability/log.ts';

const context = listsContext();
const { lists, measures } = context;
const feeds = context.stores.feeds;
// The feed's public route: failed guesses count as for status links (shared/http/abuse-limits.ts).
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
const now = () => context.clock.now();

const dispatch = operationRouter(LIST_OPERATIONS, {
  'list-complaints': async (event, actor) => jsonResponse(200, await complaintList(lists, actor, complaintListQueryOf(event.queryStringParameters), now())),
  'export-complaints': async (event, actor) => csvDownload(await exportComplaints(lists, actor, complaintListQueryOf(event.queryStringParameters), now())),
  dashboard: async (event, actor) => jsonResponse(200, await dashboard(lists, actor, queryOf(dashboardQuerySchema, event), now())),
  'calendar-feed-state': async (_, actor) => jsonResponse(200, await calendarFeedState(feeds, actor)),
  'create-calendar-feed': async (event, actor) => feedCreated(event, context.statusBaseUrl, await createCalendarFeed(feeds, actor, now())),
  'revoke-calendar-feed': async (_, actor) => {
    await feeds.revokeCalendarFeed(actor.email, now());
    return { statusCode: 204 };
  },
  'calendar-feed': async (event) => {
    const { lang } = queryOf(calendarQuerySchema, event);
    // An unknown or revoked token is a plain 404 and a failed guess.
    const feed = await guard.lookUp(event, () => findCalendarFeed(lists, feedTokenOf(event)));
    if (!feed) throw new NotFoundError('not found');
    guard.take('reads', event);
    return calendarDocument(await feedCalendar(lists, feed, lang, now()));
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
