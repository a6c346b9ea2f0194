/** GET /openapi.json (public): the API described from the same operations and schemas it runs on. */
import middy from '@middy/core';
import { openApiDocument } from '../shared/http/openapi.ts';
import { httpErrorHandler, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

let document: Record<string, unknown> | undefined;

async function apiDocs(event: HttpEvent): Promise<HttpResult> {
  // Built once per container: the document only changes with a deployment.
  document ??= openApiDocument();
  const server = event.requestContext.stage && event.requestContext.stage !== '$default' ? `/${event.requestContext.stage}` : '/';
  return jsonResponse(200, { ...document, servers: [{ url: server }] }, { 'cache-control': 'max-age=300' });
}

export const handler = middy<HttpEvent, HttpResult>().use(requestLog()).use(edgeOnly()).use(httpErrorHandler()).handler(apiDocs);
