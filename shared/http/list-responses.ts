/**
 * The staff lists' answers that are not plain JSON: the CSV export as a download, and the
 * calendar feed (its address shown once at creation, the feed itself as iCalendar).
 */
import type { HttpEvent, HttpResult } from './middleware.ts';
import { jsonResponse } from './middleware.ts';
import { apiBase } from './request.ts';

const ICS_HEADERS = { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'content-disposition': 'inline; filename="termijnen.ics"' };
const FEED_NOTE = 'the address is shown only now: add it to your calendar as a subscription; only a hash is kept here. A new address replaces this one; DELETE ends it.';

export function csvDownload(file: { filename: string; csv: string }): HttpResult {
  return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' }, body: file.csv };
}

/** 201 with the feed's address: the token is in it, and only its hash is stored. */
export function feedCreated(event: HttpEvent, statusBaseUrl: string | undefined, feed: { token: string; createdAt: string }): HttpResult {
  return jsonResponse(201, { url: `${apiBase(event, statusBaseUrl)}/calendar/${feed.token}.ics`, createdAt: feed.createdAt, note: FEED_NOTE });
}

/** The token in `/calendar/{token}.ics`. */
export function feedTokenOf(event: HttpEvent): string {
  return (event.pathParameters?.token ?? '').replace(/\.ics$/i, '');
}

export function calendarDocument(ics: string): HttpResult {
  return { statusCode: 200, headers: ICS_HEADERS, body: ics };
}
