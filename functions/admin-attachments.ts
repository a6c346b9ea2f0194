/**
 * The staff side of a complaint's files:
 *
 *   POST /admin/complaints/{reference}/attachments       declare a file { name, contentType, size,
 *                                                         description? } -> 201 { id, upload }
 *   GET  /admin/complaints/{reference}/attachments/{id}  302 to a short-lived download link (5
 *                                                         minutes, Content-Disposition: attachment),
 *                                                         only for a file scanned clean; audit-logged.
 *                                                         With `Accept: application/json`: 200 { url }
 *                                                         (a script cannot read a redirect's Location)
 *
 * The complaint's file (GET /admin/complaints/{reference}, functions/admin-api.ts) lists the
 * files; this function alone signs links to the bucket, so the S3 code stays out of the others.
 */
import middy from '@middy/core';
import type { Principal } from '../shared/auth/principal.ts';
import { ATTACHMENT_OPERATIONS } from '../shared/http/attachment-operations.ts';
import { routeKey } from '../shared/http/route-key.ts';
import { operationGuards } from '../shared/http/auth-middleware.ts';
import { headerValue, httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { DOWNLOAD_LINK_SECONDS } from '../shared/domain/attachments/files.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { fileStoreOf } from '../shared/adapters/file-store.ts';
import { withPrivacy } from '../shared/adapters/dynamodb-privacy.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { visibleComplaint } from '../shared/domain/workflow/visibility.ts';
import { downloadAttachment, requestUpload } from '../shared/domain/attachments/use-cases.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
const store = fileStoreOf(context.config);
const audit = withPrivacy(context.register);
const operations = new Map(ATTACHMENT_OPERATIONS.map((op) => [routeKey(op), op]));
const authenticate = operationGuards(operations.values());

type AdminEvent = HttpEvent & { principal?: Principal };

async function dispatch(event: AdminEvent): Promise<HttpResult> {
  const op = operations.get(event.routeKey);
  if (!op) throw new NotFoundError(`no route ${event.routeKey}`);
  const actor = await authenticate(op, event);
  const reference = event.pathParameters?.reference ?? '';
  switch (op.operationId) {
    case 'upload-attachment': {
      const complaint = await visibleComplaint(context.register, reference, actor);
      const upload = await requestUpload({ files: context.register, store }, { reference: complaint.reference, uploadedBy: actor.email, body: event.jsonBody });
      return jsonResponse(201, upload);
    }
    case 'download-attachment': {
      const url = await downloadAttachment({ register: context.register, files: context.register, store, audit, clock: context.clock }, { reference, id: event.pathParameters?.id ?? '', actor });
      if (/application\/json/.test(headerValue(event, 'accept') ?? '')) {
        return jsonResponse(200, { url, expiresInSeconds: DOWNLOAD_LINK_SECONDS }, { 'referrer-policy': 'no-referrer' });
      }
      return {
        statusCode: 302,
        headers: { location: url, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' },
        body: '',
      };
    }
    default:
      throw new NotFoundError(`no route ${event.routeKey}`);
  }
}

export const handler = middy<AdminEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
