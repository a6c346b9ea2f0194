/**
 * The admin console:
 *
 *   GET /console                                  the console's page (a static shell and its
 *                                                 script, web/console-page.ts), public: it holds no data
 *   GET /admin/complaints/{reference}/deadlines   every deadline of a complaint and its known
 *                                                 windows, with the reason for each date (staff)
 *   GET /admin/webhook                            the tenant's webhook: configured or not, and its
 *                                                 deliveries waiting or failing (coordinator, auditor)
 *
 * Its own function so the explanation texts stay out of the admin API's bundle and the console's
 * page out of the hosted pages'. Thin: route, authenticate, one use case, map the result; the page
 * is web/console-route.ts.
 */
import middy from '@middy/core';
import { CONSOLE_OPERATIONS, deadlinesQuerySchema } from '../shared/http/console-operations.ts';
import { operationRouter, type RoutedEvent } from '../shared/http/router.ts';
import { queryOf } from '../shared/http/request.ts';
import { httpErrorHandler, jsonResponse, type HttpResult } from '../shared/http/middleware.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { visibleComplaint } from '../shared/domain/workflow/visibility.ts';
import { complaintDeadlines } from '../shared/domain/complaint/deadlines-view.ts';
import { readWebhookState } from '../shared/domain/complaint/webhook-entries.ts';
import { htmlPages, pageRenderer } from '../web/page-shell.ts';
import { consoleAuth, consoleScriptUrl } from '../web/console-page.ts';
import { consoleRoute } from '../web/console-route.ts';
import { uploadOriginOf } from '../shared/adapters/upload-origin.ts';
import { newestVersion, versionOf } from '../shared/domain/regulation/versions.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
const render = pageRenderer(newestVersion(context.regulations).organisation.name);
const showConsole = consoleRoute({
  ...context,
  render,
  auth: consoleAuth({ TENANT_ID: context.tenantId, JWT_ISSUER: context.config.JWT_ISSUER, JWT_AUDIENCE: context.config.JWT_AUDIENCE, CONSOLE_AUTH_DOMAIN: process.env.CONSOLE_AUTH_DOMAIN }),
  // The console's script is a static file hosted beside the API (web/static.ts), not in this bundle.
  script: consoleScriptUrl(process.env.CONSOLE_SCRIPT_URL),
  uploadOrigin: uploadOriginOf(context.config),
});

// The HTML route, rendered from the one error mapping (htmlPages); the JSON routes have it as JSON (httpErrorHandler).
const dispatch = operationRouter(CONSOLE_OPERATIONS, {
  'admin-console': htmlPages({ 'GET /console': showConsole }, render),
  'complaint-deadlines': async (event, actor) => {
    const { lang: asked } = queryOf(deadlinesQuerySchema, event);
    // A handler sees only their own complaints: another's is "not found".
    const complaint = await visibleComplaint(context.register, event.pathParameters?.reference ?? '', actor);
    const regulation = versionOf(context.regulations, complaint);
    const lang = asked ?? regulation.organisation.languages[0] ?? 'nl';
    return jsonResponse(200, complaintDeadlines(regulation, complaint, lang), { etag: `"${complaint.version}"` });
  },
  'webhook-state': async () => jsonResponse(200, await readWebhookState(context, context.config.WEBHOOK_URL)),
});

export const handler = middy<RoutedEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(httpErrorHandler()).handler(dispatch);
