/**
 * The complainant's private status link, as JSON and as the readable page:
 *
 *   GET  /status/{token}                  where the complaint stands, the actions open (JSON)
 *   POST /status/{token}/<action>         add information, send the authorisation, object (JSON)
 *   POST /status/{token}/attachments      declare a file -> 201 { id, upload: { url, fields } }: a
 *                                         presigned POST straight to the attachments bucket
 *   GET  /status/{token}/pagina           the same as a page (HTML, usable without JavaScript)
 *   POST /status/{token}/pagina           an action from the page (urlencoded), then back to it
 *
 * One lookup of the token for both forms (shared/http/status-link.ts: unknown 404, replaced or
 * expired 410), one check of what the complainant may do now (link-actions.ts); the page's
 * routes are web/status-routes.ts.
 */
import middy from '@middy/core';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { linkComplaint } from '../shared/http/status-link.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { fileStoreOf } from '../shared/adapters/file-store.ts';
import { uploadOriginOf } from '../shared/adapters/upload-origin.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { actByLink, linkStatus, type LinkAction } from '../shared/domain/complaint/link-actions.ts';
import type { Language } from '../shared/domain/complaint/model.ts';
import { newestVersion } from '../shared/domain/regulation/versions.ts';
import { requestUpload } from '../shared/domain/attachments/use-cases.ts';
import { COMPLAINANT_UPLOADER } from '../shared/domain/attachments/files.ts';
import { htmlPages, pageRenderer } from '../web/page-shell.ts';
import { statusPageRoutes } from '../web/status-routes.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
// Per client address (shared/http/abuse-limits.ts): posts, status reads, failed guesses of a link.
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
const complaintOf = linkComplaint(context, guard);
// The attachments bucket: uploads are presigned here and posted straight to it (its origin is in the page's CSP).
const store = context.config.ATTACHMENTS_BUCKET ? fileStoreOf(context.config) : undefined;
const render = pageRenderer(newestVersion(context.regulations).organisation.name);
// The JSON routes as api-spec.ts declares them (kept out of this bundle: it pulls in every schema).
const ACTIONS: Record<string, LinkAction> = { 'POST /status/{token}/objection': 'objection', 'POST /status/{token}/information': 'information', 'POST /status/{token}/authorisation': 'authorisation' };

async function statusJson(event: HttpEvent): Promise<HttpResult> {
  if (event.routeKey === 'POST /status/{token}/attachments') {
    guard.take('posts', event);
    const complaint = await complaintOf(event);
    if (!store) throw new NotFoundError('this complaint takes no files');
    const upload = await requestUpload({ files: context.attachments, store }, { reference: complaint.reference, uploadedBy: COMPLAINANT_UPLOADER, body: event.jsonBody });
    return jsonResponse(201, upload, { 'referrer-policy': 'no-referrer' });
  }
  const action = ACTIONS[event.routeKey];
  guard.take(action ? 'posts' : 'reads', event);
  const complaint = await complaintOf(event);
  const asked = event.queryStringParameters?.lang;
  const lang: Language = asked === 'en' || asked === 'nl' ? asked : complaint.complainant.language;
  if (action) await actByLink(context, complaint.reference, action, event.jsonBody, lang);
  return jsonResponse(action ? 201 : 200, (await linkStatus(context, complaint.reference, lang)).view, { 'referrer-policy': 'no-referrer' });
}

const json = middy<HttpEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(statusJson);
// The page's form posts are urlencoded (no JSON body parser); its errors are the same mapping, as pages (htmlPages).
const pages = htmlPages(statusPageRoutes({ link: context, complaintOf, guard, render, store, uploadOrigin: uploadOriginOf(context.config) }), render);
const page = middy<HttpEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).handler(pages);

export const handler = (event: HttpEvent, lambdaContext: unknown): Promise<HttpResult> => (event.routeKey.endsWith('/pagina') ? page : json)(event, lambdaContext as never);
