/**
 * The staff's lists as use cases (functions/admin-lists.ts routes to them): the complaint list
 * by its filters or found by a search, its CSV, the dashboard, and a calendar feed's deadlines.
 * A handler sees only the complaints assigned to them, in every list and in their feed.
 */
import type { ComplaintLists } from '../ports/lists.ts';
import type { ComplaintStore } from '../ports.ts';
import { localDateOf } from '../calendar/local-date.ts';
import { newestVersion, type RegulationVersions } from '../regulation/versions.ts';
import { canSee, type Actor } from '../workflow/visibility.ts';
import type { ComplaintRecord } from './model.ts';
import { byNextDue, countOpen, dashboardLine, matchesFilters, type ComplaintFilters, type OpenComplaintFact } from './dashboard.ts';
import { parseSearch, type SearchKey } from './search.ts';
import { complaintsCsv, summaryView } from './summary-view.ts';
import { deadlinesCalendar, feedScope, feedTokenHash, isFeedToken, type CalendarFeed, type CalendarFeedStore } from './calendar-feed.ts';

/** The reading side the lists use beyond the indexes: open complaints, the search tokens, the feeds. */
export interface ListReader extends CalendarFeedStore {
  openComplaints(query: { now: Date; handlerEmail?: string; limit: number; cursor?: string }): Promise<{ items: ComplaintRecord[]; cursor?: string }>;
  openComplaintFacts(now: Date, handlerEmail: string | undefined): Promise<{ facts: OpenComplaintFact[]; complete: boolean }>;
  searchReferences(tokens: readonly string[]): Promise<{ references: string[]; complete: boolean }>;
}

export interface ListDeps {
  complaints: Pick<ComplaintStore, 'get'>;
  lists: ComplaintLists;
  feeds: ListReader;
  regulations: RegulationVersions;
  /** The tenant's search key (read once, at cold start). */
  searchKey: () => Promise<SearchKey>;
  /** The lists' opaque cursors (a search's: how many of its matches came before, `{ p }`); a forged one is refused. */
  cursors: { encode(position: { p: number }): string; decode(cursor: string | undefined): { p?: number } | undefined };
}

/** The list's query, as the route parses it (shared/http/list-operations.ts). */
export interface ListQuery {
  q?: string;
  status?: ComplaintFilters['status'];
  category?: string;
  handler?: string;
  overdue?: 'true' | 'false';
  deadline?: 'hard' | 'target';
  year?: number;
  sort?: 'received' | 'due';
  lang?: 'nl' | 'en';
}

export interface ListPage {
  items: ComplaintRecord[];
  cursor?: string;
  complete?: boolean;
}

const EXPORT_LIMIT = 10_000;
/** A search loads at most this many complaints (its tokens' intersection, newest first). */
const SEARCH_LIMIT = 500;
/** A calendar holds at most this many complaints' deadlines. */
const CALENDAR_LIMIT = 5_000;

/** A handler alone sees only the complaints assigned to them. */
const ownOnly = (actor: Actor) => actor.roles.every((role) => role === 'handler');

/** One page of the list: by index (with the filters), or the complaints a search finds. */
export async function listComplaints(deps: ListDeps, actor: Actor, query: ListQuery, page: { limit: number; cursor?: string | undefined }, now: Date): Promise<ListPage> {
  const { limit, cursor } = page;
  const handlerEmail = ownOnly(actor) ? actor.email : query.handler;
  const filters: ComplaintFilters = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(handlerEmail ? { handler: handlerEmail } : {}),
    ...(query.year ? { year: query.year } : {}),
    ...(query.overdue ? { overdue: query.overdue === 'true' } : {}),
    ...(query.deadline ? { deadline: query.deadline } : {}),
  };
  if (query.q) return searchPage(deps, actor, query, filters, limit, cursor, now);
  // What the indexes cannot say (a deadline's kind, "not overdue") is checked on each complaint read.
  const rest: ComplaintFilters = { ...(query.deadline ? { deadline: query.deadline } : {}), ...(query.overdue ? { overdue: query.overdue === 'true' } : {}) };
  // Without a year, the list is this year's (by the register's clock, in the organisation's time zone), newest first.
  const year = query.year ?? Number(localDateOf(now, newestVersion(deps.regulations).organisation.timeZone).slice(0, 4));
  const byIndexOtherThanYear = Boolean(query.status || handlerEmail || query.overdue === 'true' || query.sort === 'due');
  const result = await deps.lists.list({
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

/** A page of the list as staff read it: each complaint's summary, the cursor (null at the end), and `complete: false` when a search was capped. */
export async function complaintList(deps: ListDeps, actor: Actor, query: ListQuery & { limit: number; cursor?: string | undefined }, now: Date) {
  const page = await listComplaints(deps, actor, query, query, now);
  return { items: page.items.map((c) => summaryView(c, now)), cursor: page.cursor ?? null, ...(page.complete === false ? { complete: false } : {}) };
}

/** The list as CSV for Dutch Excel: every page (up to EXPORT_LIMIT complaints) from the query's cursor on. */
export async function exportComplaints(deps: ListDeps, actor: Actor, query: ListQuery & { cursor?: string | undefined }, now: Date): Promise<{ filename: string; csv: string }> {
  const rows: ComplaintRecord[] = [];
  let cursor = query.cursor;
  do {
    const page = await listComplaints(deps, actor, query, { limit: 200, cursor }, now);
    rows.push(...page.items);
    cursor = page.cursor;
  } while (cursor && rows.length < EXPORT_LIMIT);
  const timeZone = newestVersion(deps.regulations).organisation.timeZone;
  return { filename: `${query.lang === 'en' ? 'complaints' : 'klachten'}.csv`, csv: complaintsCsv(rows, now, { lang: query.lang ?? 'nl', timeZone }) };
}

/**
 * The complaints a search finds: its terms hashed with the tenant's key (every one must match),
 * or the reference it names; then the filters, the order asked for, and a page of them.
 */
async function searchPage(deps: ListDeps, actor: Actor, query: ListQuery, filters: ComplaintFilters, limit: number, cursor: string | undefined, now: Date): Promise<ListPage> {
  // A `q` with neither a reference nor a term is refused with the query (shared/http/list-operations.ts searchQueryOf).
  const search = parseSearch(query.q ?? '');
  let references: string[] = search.reference ? [search.reference] : [];
  let complete = true;
  if (search.terms.length) {
    const key = await deps.searchKey();
    const found = await deps.feeds.searchReferences(search.terms.map(key));
    references = search.reference ? found.references.filter((r) => r === search.reference) : found.references;
    complete = found.complete && references.length <= SEARCH_LIMIT;
  }
  const loaded: ComplaintRecord[] = [];
  const wanted = references.slice(0, SEARCH_LIMIT);
  for (let i = 0; i < wanted.length; i += 10) {
    loaded.push(...(await Promise.all(wanted.slice(i, i + 10).map((reference) => deps.complaints.get(reference)))).filter((c): c is ComplaintRecord => Boolean(c)));
  }
  const matches = loaded.filter((c) => canSee(c, actor) && matchesFilters(c, filters, now));
  if (query.sort === 'due') matches.sort(byNextDue);
  const offset = deps.cursors.decode(cursor)?.p ?? 0;
  const next = offset + limit;
  return { items: matches.slice(offset, next), ...(next < matches.length ? { cursor: deps.cursors.encode({ p: next }) } : {}), ...(complete ? {} : { complete: false }) };
}

/** The dashboard: every open complaint, overdue first, across the years; the figures with the first page. */
export async function dashboard(deps: Pick<ListDeps, 'feeds'>, actor: Actor, query: { handler?: string | undefined; limit: number; cursor?: string | undefined }, now: Date) {
  const handlerEmail = ownOnly(actor) ? actor.email : query.handler;
  const page = await deps.feeds.openComplaints({ now, limit: query.limit, ...(handlerEmail ? { handlerEmail } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
  // The figures once, with the first page: they read every open complaint (a few attributes each).
  const figures = query.cursor ? undefined : await deps.feeds.openComplaintFacts(now, handlerEmail);
  return {
    asOf: now.toISOString(),
    items: page.items.filter((c) => canSee(c, actor)).map((c) => dashboardLine(c, now)),
    cursor: page.cursor ?? null,
    ...(figures ? { counts: countOpen(figures.facts, now, figures.complete) } : {}),
  };
}

/** Whether the caller has a live calendar feed, and since when. */
export async function calendarFeedState(feeds: Pick<CalendarFeedStore, 'calendarFeedOf'>, actor: Actor): Promise<{ active: boolean; createdAt: string | null }> {
  const feed = await feeds.calendarFeedOf(actor.email);
  return { active: Boolean(feed), createdAt: feed?.createdAt ?? null };
}

/** The live feed a presented token names (looked up by its hash), or undefined: unknown, malformed or revoked. */
export async function findCalendarFeed(deps: Pick<ListDeps, 'feeds'>, token: string): Promise<CalendarFeed | undefined> {
  return isFeedToken(token) ? deps.feeds.calendarFeed(feedTokenHash(token)) : undefined;
}

/** A feed's calendar (.ics): its owner's open deadlines (a handler's: their own complaints'). */
export async function feedCalendar(deps: Pick<ListDeps, 'feeds' | 'regulations'>, feed: CalendarFeed, lang: 'nl' | 'en' | undefined, now: Date): Promise<string> {
  const { handlerEmail } = feedScope(feed);
  const complaints: ComplaintRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.feeds.openComplaints({ now, limit: 200, ...(handlerEmail ? { handlerEmail } : {}), ...(cursor ? { cursor } : {}) });
    complaints.push(...page.items);
    cursor = page.cursor;
  } while (cursor && complaints.length < CALENDAR_LIMIT);
  const organisation = newestVersion(deps.regulations).organisation;
  return deadlinesCalendar(complaints, { organisation: organisation.name, lang: lang ?? organisation.languages[0] ?? 'nl', now });
}
