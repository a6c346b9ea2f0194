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
import { ATTACHMENT_OPERATIONS } from '../shared/http/attachment-operations.ts';
import { operationRouter, type RoutedEvent } from '../shared/http/router.ts';
import { headerValue, httpErrorHandler, jsonBodyParser, jsonResponse, type HttpResult } from '../shared/http/middleware.ts';
import { DOWNLOAD_LINK_SECONDS } from '../shared/domain/attachments/files.ts';
import { tenantContext, tenantTable } from '../shared/adapters/tenant-context.ts';
import { fileStoreOf } from '../shared/adapters/file-store.ts';
import { DynamoDbPrivacyStore } from '../shared/adapters/dynamodb-privacy.ts';
import { visibleComplaint } from '../shared/domain/workflow/visibility.ts';
import { downloadAttachment, requestUpload } from '../shared/domain/attachments/use-cases.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
const store = fileStoreOf(context.config);
const audit = new DynamoDbPrivacyStore(tenantTable());
const dispatch = operationRouter(ATTACHMENT_OPERATIONS, {
  'upload-attachment': async (event, actor) => {
    const complaint = await visibleComplaint(context.register, event.pathParameters?.reference ?? '', actor);
    return jsonResponse(201, await requestUpload({ files: context.attachments, store }, { reference: complaint.reference, uploadedBy: actor.email, body: event.jsonBody }));
  },
  'download-attachment': async (event, actor) => {
    const url = await downloadAttachment(
      { register: context.register, files: context.attachments, store, audit, clock: context.clock },
      { reference: event.pathParameters?.reference ?? '', id: event.pathParameters?.id ?? '', actor },
    );
    if (/application\/json/.test(headerValue(event, 'accept') ?? '')) {
      return jsonResponse(200, { url, expiresInSeconds: DOWNLOAD_LINK_SECONDS }, { 'referrer-policy': 'no-referrer' });
    }
    return { statusCode: 302, headers: { location: url, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' }, body: '' };
  },
});

export const handler = middy<RoutedEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
