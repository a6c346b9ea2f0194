/**
 * GET /static/{file} (public): the hosted pages' static files that do not fit in the pages'
 * own bundle, the admin console's script above all. No data, no permissions, no configuration.
 */
import middy from '@middy/core';
import { STATIC_FILES } from '../web/static.ts';
import { assetResponse } from '../web/html.ts';
import type { HttpEvent, HttpResult } from '../shared/http/middleware.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

async function serveStatic(event: HttpEvent): Promise<HttpResult> {
  const file = STATIC_FILES[event.pathParameters?.file ?? ''];
  if (!file) return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found' };
  return assetResponse(file, event.queryStringParameters?.v === file.hash);
}

export const handler = middy<HttpEvent, HttpResult>().use(requestLog()).use(edgeOnly()).handler(serveStatic);
