/**
 * The lists, for staff:
 *
 *   GET    /admin/complaints               complaints by filter (status, category, handler, year,
 *                                          overdue, deadline kind), newest first or by next due
 *                                          date across the years (sort=due), or found by `q`: a
 *                                          reference, a name or an e-mail address (docs/search.md)
 *   GET    /admin/export/complaints.csv    the same as CSV for Dutch Excel (BOM, `;`, lang=nl|en)
 *   GET    /admin/dashboard                every open complaint, overdue first, then due this week,
 *                                          then the rest, then those without a deadline, across
 *                                          the years; the figures (open, overdue, due this week,
 *                                          per handler) on the first page
 *   GET    /admin/calendar-feed            whether the caller has a calendar feed
 *   POST   /admin/calendar-feed            makes (or replaces) it: its URL, shown once
 *   DELETE /admin/calendar-feed            revokes it
 *
 * and the feed itself, public and authorised by its token: GET /calendar/{token} (.ics), the
 * open deadlines of the owner's complaints as all-day events. A handler sees only the complaints
 * assigned to them, in every list and in their feed.
 *
 * Its own function, without the workflow's step rules, on the register's reading side plus the
 * feeds (shared/adapters/dynamodb-lists.ts). Thin: authenticate, parse, one use case, map the result.
 */
import middy from '@middy/core';
import type { Principal } from '../shared/auth/principal.ts';
import { calendarQuerySchema, complaintListQuerySchema, dashboardQuerySchema, LIST_OPERATIONS, measureListQuerySchema, type ComplaintListQuery } from '../shared/http/list-operations.ts';
import { routeKey } from '../shared/http/route-key.ts';
import { operationGuards } from '../shared/http/auth-middleware.ts';
import { headerValue, httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { DynamoDbComplaintRegister } from '../shared/adapters/dynamodb-register.ts';
import { createMeasure, listMeasures, updateMeasure } from '../shared/domain/measures/measures.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { readerContext } from '../shared/adapters/reader-context.ts';
import { DynamoDbListReader } from '../shared/adapters/dynamodb-lists.ts';
import { decodeCursor, encodeCursor } from '../shared/adapters/dynamodb-reader.ts';
import { searchKeyLoader } from '../shared/adapters/search-key.ts';
import { InvalidInputError, NotFoundError } from '../shared/domain/errors.ts';
import { parseWith } from '../shared/domain/complaint/submission.ts';
import { canSee, type Actor } from '../shared/domain/workflow/visibility.ts';
import { complaintsCsv, summaryView } from '../shared/domain/complaint/summary-view.ts';
import { byNextDue, countOpen, dashboardLine, matchesFilters, type ComplaintFilters } from '../shared/domain/complaint/dashboard.ts';
import { parseSearch } from '../shared/domain/complaint/search.ts';
import { createCalendarFeed, deadlinesCalendar, feedScope, feedTokenHash, isFeedToken } from '../shared/domain/complaint/calendar-feed.ts';
import { newestVersion } from '../shared/domain/regulation/versions.ts';
import { localDateOf } from '../shared/domain/calendar/local-date.ts';
import type { ComplaintRecord } from '../shared/domain/complaint/model.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = readerContext((client, table) => new DynamoDbListReader(client, table));
const register = context.register;
// Read at cold start: a search hashes its terms with the tenant's key (docs/search.md).
const searchKey = searchKeyLoader(context.config);
if (context.config.SEARCH_KEY || context.config.SEARCH_KEY_SECRET_ARN) void searchKey().catch(() => undefined);
// The feed's public route: failed guesses count as for status links (shared/http/abuse-limits.ts).
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
const operations = new Map(LIST_OPERATIONS.map((op) => [routeKey(op), op]));
// The measures register (writes measures; who may see and change one depends on the complaints it links to).
const measures = { register: new DynamoDbComplaintRegister(register.client, register.tableName), clock: context.clock, regulations: context.regulations, complaints: register };
const authenticate = operationGuards(operations.values());
const EXPORT_LIMIT = 10_000;
/** A search loads at most this many complaints (its tokens' intersection, newest first). */
const SEARCH_LIMIT = 500;
/** A calendar holds at most this many complaints' deadlines. */
const CALENDAR_LIMIT = 5_000;

type AdminEvent = HttpEvent & { principal?: Principal };

/** A handler alone sees only the complaints assigned to them. */
const ownOnly = (actor: Actor) => actor.roles.every((role) => role === 'handler');

async function dispatch(event: AdminEvent): Promise<HttpResult> {
  const op = operations.get(event.routeKey);
  if (!op) throw new NotFoundError(`no route ${event.routeKey}`);
  if (op.access !== 'admin') return calendar(event);
  const actor = await authenticate(op, event);
  const now = context.clock.now();

  switch (op.operationId) {
    case 'list-complaints': {
      const query = parseWith(complaintListQuerySchema, event.queryStringParameters ?? {});
      const page = await listPage(actor, query, query.limit, query.cursor, now);
      return jsonResponse(200, { items: page.items.map((c) => summaryView(c, now)), cursor: page.cursor ?? null, ...(page.complete === false ? { complete: false } : {}) });
    }
    case 'export-complaints': {
      const query = parseWith(complaintListQuerySchema, event.queryStringParameters ?? {});
      const rows: ComplaintRecord[] = [];
      let cursor = query.cursor;
      do {
        const page = await listPage(actor, query, 200, cursor, now);
        rows.push(...page.items);
        cursor = page.cursor;
      } while (cursor && rows.length < EXPORT_LIMIT);
      const timeZone = newestVersion(context.regulations).organisation.timeZone;
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${query.lang === 'en' ? 'complaints' : 'klachten'}.csv"`, 'cache-control': 'no-store' },
        body: complaintsCsv(rows, now, { lang: query.lang ?? 'nl', timeZone }),
      };
    }
    case 'dashboard': {
      const query = parseWith(dashboardQuerySchema, event.queryStringParameters ?? {});
      const handlerEmail = ownOnly(actor) ? actor.email : query.handler;
      const page = await register.openComplaints({ now, limit: query.limit, ...(handlerEmail ? { handlerEmail } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
      // The figures once, with the first page: they read every open complaint (a few attributes each).
      const figures = query.cursor ? undefined : await register.openComplaintFacts(now, handlerEmail);
      return jsonResponse(200, {
        asOf: now.toISOString(),
        items: page.items.filter((c) => canSee(c, actor)).map((c) => dashboardLine(c, now)),
        cursor: page.cursor ?? null,
        ...(figures ? { counts: countOpen(figures.facts, now, figures.complete) } : {}),
      });
    }
    case 'calendar-feed-state': {
      const feed = await register.calendarFeedOf(actor.email);
      return jsonResponse(200, { active: Boolean(feed), createdAt: feed?.createdAt ?? null });
    }
    case 'create-calendar-feed': {
      const { token, createdAt } = await createCalendarFeed(register, actor, now);
      return jsonResponse(201, {
        url: `${apiBase(event)}/calendar/${token}.ics`,
        createdAt,
        note: 'the address is shown only now: add it to your calendar as a subscription; only a hash is kept here. A new address replaces this one; DELETE ends it.',
      });
    }
    case 'revoke-calendar-feed':
      await register.revokeCalendarFeed(actor.email, now);
      return { statusCode: 204 };
    case 'list-measures': {
      const query = parseWith(measureListQuerySchema, event.queryStringParameters ?? {});
      // A handler: the measures of the complaints they handle, and their own.
      const page = await listMeasures(measures, actor, query.limit, query.cursor);
      return jsonResponse(200, { items: page.items, cursor: page.cursor ?? null });
    }
    case 'create-measure':
      return jsonResponse(201, await createMeasure(measures, event.jsonBody, actor));
    case 'update-measure':
      return jsonResponse(200, await updateMeasure(measures, event.pathParameters!.id!, event.jsonBody, actor, measureVersion(event)));
    default:
      throw new NotFoundError(`no route ${event.routeKey}`);
  }
}

/** The measure's version from `If-Match` (optional). */
function measureVersion(event: HttpEvent): number | undefined {
  const header = headerValue(event, 'if-match');
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 1) throw new InvalidInputError([{ field: 'If-Match (header)', message: 'must be a measure version' }]);
  return version;
}

/** One page of the list: by index (with the filters), or the complaints a search finds. */
async function listPage(actor: Actor, query: ComplaintListQuery, limit: number, cursor: string | undefined, now: Date): Promise<{ items: ComplaintRecord[]; cursor?: string; complete?: boolean }> {
  const handlerEmail = ownOnly(actor) ? actor.email : query.handler;
  const filters: ComplaintFilters = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(handlerEmail ? { handler: handlerEmail } : {}),
    ...(query.year ? { year: query.year } : {}),
    ...(query.overdue ? { overdue: query.overdue === 'true' } : {}),
    ...(query.deadline ? { deadline: query.deadline } : {}),
  };
  if (query.q) return searchPage(actor, query, filters, limit, cursor, now);
  // What the indexes cannot say (a deadline's kind, "not overdue") is checked on each complaint read.
  const rest: ComplaintFilters = { ...(query.deadline ? { deadline: query.deadline } : {}), ...(query.overdue ? { overdue: query.overdue === 'true' } : {}) };
  // Without a year, the list is this year's (by the register's clock, in the organisation's time zone), newest first.
  const year = query.year ?? Number(localDateOf(now, newestVersion(context.regulations).organisation.timeZone).slice(0, 4));
  const byIndexOtherThanYear = Boolean(query.status || handlerEmail || query.overdue === 'true' || query.sort === 'due');
  const result = await register.list({
    ...(query.status ? { status: query.status } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(handlerEmail ? { handlerEmail } : {}),
    ...(query.year || !byIndexOtherThanYear ? { year } : {}),
    ...(query.overdue === 'true' ? { overdueAt: now } : {}),
    ...(query.sort === 'due' ? { sortByDue: { now } } : {}),
    ...(Object.keys(rest).length ? { keep: (c: ComplaintRecord) => matchesFilters(c, rest, now) } : {}),
    limit,
    ...(cursor ? { cursor } : {}),
  });
  return { items: result.items.filter((c) => canSee(c, actor)), ...(result.cursor ? { cursor: result.cursor } : {}) };
}

/**
 * The complaints a search finds: its terms hashed with the tenant's key (every one must match),
 * or the reference it names; then the filters, the order asked for, and a page of them.
 */
async function searchPage(actor: Actor, query: ComplaintListQuery, filters: ComplaintFilters, limit: number, cursor: string | undefined, now: Date): Promise<{ items: ComplaintRecord[]; cursor?: string; complete?: boolean }> {
  const search = parseSearch(query.q ?? '');
  if (!search.reference && !search.terms.length) throw new InvalidInputError([{ field: 'q', message: 'give a reference, a name or an e-mail address' }]);
  let references: string[] = search.reference ? [search.reference] : [];
  let complete = true;
  if (search.terms.length) {
    const key = await searchKey();
    const found = await register.searchReferences(search.terms.map(key));
    references = search.reference ? found.references.filter((r) => r === search.reference) : found.references;
    complete = found.complete && references.length <= SEARCH_LIMIT;
  }
  const loaded: ComplaintRecord[] = [];
  const wanted = references.slice(0, SEARCH_LIMIT);
  for (let i = 0; i < wanted.length; i += 10) {
    loaded.push(...(await Promise.all(wanted.slice(i, i + 10).map((reference) => register.get(reference)))).filter((c): c is ComplaintRecord => Boolean(c)));
  }
  const matches = loaded.filter((c) => canSee(c, actor) && matchesFilters(c, filters, now));
  if (query.sort === 'due') matches.sort(byNextDue);
  const offset = decodeCursor(cursor)?.p ?? 0;
  const next = offset + limit;
  return { items: matches.slice(offset, next), ...(next < matches.length ? { cursor: encodeCursor({ p: next }) } : {}), ...(complete ? {} : { complete: false }) };
}

/** GET /calendar/{token}: the owner's open deadlines; an unknown or revoked token is a plain 404 and a failed guess. */
async function calendar(event: HttpEvent): Promise<HttpResult> {
  const query = parseWith(calendarQuerySchema, event.queryStringParameters ?? {});
  guard.checkGuesses(event);
  const token = (event.pathParameters?.token ?? '').replace(/\.ics$/i, '');
  const feed = isFeedToken(token) ? await register.calendarFeed(feedTokenHash(token)) : undefined;
  if (!feed) {
    guard.recordMiss(event);
    throw new NotFoundError('not found');
  }
  guard.take('reads', event);
  const now = context.clock.now();
  const { handlerEmail } = feedScope(feed);
  const complaints: ComplaintRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await register.openComplaints({ now, limit: 200, ...(handlerEmail ? { handlerEmail } : {}), ...(cursor ? { cursor } : {}) });
    complaints.push(...page.items);
    cursor = page.cursor;
  } while (cursor && complaints.length < CALENDAR_LIMIT);
  const organisation = newestVersion(context.regulations).organisation;
  const lang = query.lang ?? organisation.languages[0] ?? 'nl';
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'content-disposition': 'inline; filename="termijnen.ics"' },
    body: deadlinesCalendar(complaints, { organisation: organisation.name, lang, now }),
  };
}

/** Where this API is reached: the status links' base less its /status (what the stack configures), else this request's host. */
function apiBase(event: HttpEvent): string {
  if (context.statusBaseUrl?.endsWith('/status')) return context.statusBaseUrl.slice(0, -'/status'.length);
  const host = event.requestContext?.domainName ?? event.headers?.host ?? 'localhost';
  const path = (event.rawPath ?? '').split('/').slice(0, -2).join('/');
  return `https://${host}${path}`;
}

export const handler = middy<AdminEvent, HttpResult>().use(requestLog()).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
