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
 * page out of the hosted pages'. Thin: authenticate, parse, one use case, map the result; the page
 * is built with web/page-shell.ts, as the form and the status page are.
 */
import middy from '@middy/core';
import type { Principal } from '../shared/auth/principal.ts';
import { CONSOLE_OPERATIONS, deadlinesQuerySchema } from '../shared/http/console-operations.ts';
import { routeKey } from '../shared/http/route-key.ts';
import { operationGuards } from '../shared/http/auth-middleware.ts';
import { httpErrorHandler, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { parseWith } from '../shared/domain/complaint/submission.ts';
import { visibleComplaint } from '../shared/domain/workflow/visibility.ts';
import { complaintDeadlines } from '../shared/domain/complaint/deadlines-view.ts';
import { webhookState } from '../shared/domain/complaint/webhook-entries.ts';
import { htmlResponse } from '../web/html.ts';
import { basePath, htmlPages, pageRenderer, switchHref } from '../web/page-shell.ts';
import { CONSOLE_PAGE_POLICY, consoleAuth, consoleBody, consoleConfig, consoleHead, consoleScriptUrl } from '../web/console-page.ts';
import { langOf } from '../web/texts.ts';
import { uploadOriginOf } from '../shared/adapters/upload-origin.ts';
import { newestVersion, versionInForce, versionOf } from '../shared/domain/regulation/versions.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
// Its operations as OPERATIONS lists them, from the module that declares them (not the whole table: every schema).
const operations = new Map(CONSOLE_OPERATIONS.map((op) => [routeKey(op), op]));
const authenticate = operationGuards(operations.values());
const auth = consoleAuth({ TENANT_ID: context.tenantId, JWT_ISSUER: context.config.JWT_ISSUER, JWT_AUDIENCE: context.config.JWT_AUDIENCE, CONSOLE_AUTH_DOMAIN: process.env.CONSOLE_AUTH_DOMAIN });
// The console's script is a static file hosted beside the API (web/static.ts), not in this bundle.
const consoleScript = consoleScriptUrl(process.env.CONSOLE_SCRIPT_URL);
// Staff's uploads go from the page straight to the attachments bucket: the page may connect to it.
const uploadOrigin = uploadOriginOf(context.config);
const connect = [...(auth.kind === 'cognito' ? [auth.domain] : []), ...(uploadOrigin ? [uploadOrigin] : [])];
const render = pageRenderer(newestVersion(context.regulations).organisation.name);

type AdminEvent = HttpEvent & { principal?: Principal };

function showConsole(event: HttpEvent): HttpResult {
  const lang = langOf(event.queryStringParameters);
  const base = basePath(event, 1);
  const config = consoleConfig(versionInForce(context.regulations, context.clock.now()), { tenant: context.tenantId, lang, apiBase: base, now: context.clock.now(), auth });
  const body = render(lang, base, consoleBody(lang, Boolean(consoleScript)), { head: consoleHead(config, consoleScript?.src), switchHref: switchHref(`${base}/console`, lang) });
  return htmlResponse(200, body.replace('<body>', '<body class="console">'), {
    styles: [...CONSOLE_PAGE_POLICY.styles],
    frames: [...CONSOLE_PAGE_POLICY.frames],
    ...(connect.length ? { connect } : {}),
    ...(consoleScript?.origin ? { scripts: [consoleScript.origin] } : {}),
  });
}

// The HTML route, with the hosted pages' one error mapping; the JSON route has the API's (httpErrorHandler).
const pages = htmlPages({ 'GET /console': showConsole }, render);

async function dispatch(event: AdminEvent): Promise<HttpResult> {
  const op = operations.get(event.routeKey);
  if (!op) throw new NotFoundError(`no route ${event.routeKey}`);
  if (op.access !== 'admin') return pages(event);
  const actor = await authenticate(op, event);

  switch (op.operationId) {
    case 'complaint-deadlines': {
      const query = parseWith(deadlinesQuerySchema, event.queryStringParameters ?? {});
      // A handler sees only their own complaints: another's is "not found".
      const complaint = await visibleComplaint(context.register, event.pathParameters?.reference ?? '', actor);
      const regulation = versionOf(context.regulations, complaint);
      const lang = query.lang ?? regulation.organisation.languages[0] ?? 'nl';
      return jsonResponse(200, complaintDeadlines(regulation, complaint, lang), { etag: `"${complaint.version}"` });
    }
    case 'webhook-state': {
      // Nothing waits for a tenant without a webhook: no read.
      const pending = context.config.WEBHOOK_URL ? await context.register.pendingWebhooks() : { items: [], complete: true };
      return jsonResponse(200, webhookState(context.config.WEBHOOK_URL, pending.items, pending.complete));
    }
    default:
      throw new NotFoundError(`no route ${event.routeKey}`);
  }
}

export const handler = middy<AdminEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(httpErrorHandler()).handler(dispatch);
