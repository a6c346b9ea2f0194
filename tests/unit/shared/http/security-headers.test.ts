/**
 * Issue 19, item 5: every JSON answer of the API (staff answers above all) is `no-store` unless it
 * says otherwise, and every answer, JSON or page, asks for HTTPS only (HSTS).
 */
import { describe, expect, test } from 'vitest';
import { errorResponse, jsonResponse } from '../../../../shared/http/middleware.ts';
import { ForbiddenError, NotFoundError } from '../../../../shared/domain/errors.ts';
import { assetResponse, htmlResponse } from '../../../../web/html.ts';

const HSTS = 'max-age=31536000; includeSubDomains';

describe('security headers', () => {
  test('JSON: no-store and HSTS by default; an answer that may be cached says so itself', () => {
    expect(jsonResponse(200, { items: [] }).headers).toMatchObject({ 'cache-control': 'no-store', 'strict-transport-security': HSTS });
    expect(jsonResponse(200, {}, { 'cache-control': 'max-age=300' }).headers).toMatchObject({ 'cache-control': 'max-age=300', 'strict-transport-security': HSTS });
  });

  test('errors too (a 403 or a 404 of an admin route, a 500)', () => {
    for (const error of [new ForbiddenError('no', ['coordinator']), new NotFoundError('gone'), new Error('boom')]) {
      expect(errorResponse(error).headers).toMatchObject({ 'cache-control': 'no-store', 'strict-transport-security': HSTS });
    }
  });

  test('pages and their assets', () => {
    expect(htmlResponse(200, '<p>hallo</p>').headers).toMatchObject({ 'cache-control': 'no-store', 'strict-transport-security': HSTS });
    expect(htmlResponse(200, '<p>hallo</p>', { cache: 'short' }).headers).toMatchObject({ 'strict-transport-security': HSTS });
    expect(assetResponse({ body: 'x', contentType: 'text/css', hash: 'abc' } as never, true).headers).toMatchObject({ 'strict-transport-security': HSTS });
  });
});
