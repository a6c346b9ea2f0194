/**
 * The hosted pages (HTML, server-rendered, usable without JavaScript):
 *
 *   GET  /klacht                   the complaint form (Dutch; ?lang=en English)
 *   POST /klacht                   the form, urlencoded: registerComplaint (the same use case as
 *                                  POST /complaints) -> the confirmation page, or the form again
 *                                  with its errors tied to their fields (web/form-routes.ts)
 *   GET  /assets/{file}            the stylesheet (also the console's and the status page's) and the form's script
 *
 * The status page behind the private link is functions/complaint-status.ts (with its JSON), the
 * admin console's page functions/admin-console.ts; all build their pages, and render the one error
 * mapping as pages, with web/page-shell.ts. Thin: the composition root and the routes.
 */
import middy from '@middy/core';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { readProcedureTexts } from '../shared/adapters/procedure-file.ts';
import { intakeSearchKey } from '../shared/adapters/search-key.ts';
import { uploadOriginOf } from '../shared/adapters/upload-origin.ts';
import { intakeMailGuards } from '../shared/adapters/intake-mail-guards.ts';
import { registerComplaint } from '../shared/domain/complaint/register-complaint.ts';
import { newestVersion } from '../shared/domain/regulation/versions.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import type { HttpEvent, HttpResult } from '../shared/http/middleware.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { asset, assetResponse, type Asset } from '../web/html.ts';
import { htmlPages, pageRenderer, SITE_CSS_ASSET } from '../web/page-shell.ts';
import { FORM_JS } from '../web/assets/form-js.ts';
import { formRoutes } from '../web/form-routes.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
// The procedure as the form shows it, rendered when the regulation was compiled (beside REGULATION_FILE).
const procedure = readProcedureTexts(context.config.REGULATION_FILE);
// Against mail relay, as POST /complaints: the address's domain must receive mail; hourly caps.
const mailGuards = intakeMailGuards(context);
// Read at cold start: every complaint is written with its search tokens (docs/search.md).
const searchKey = intakeSearchKey(context.config);
void searchKey().catch(() => undefined);
const render = pageRenderer(newestVersion(context.regulations).organisation.name);
const ASSETS: Record<string, Asset> = { 'site.css': SITE_CSS_ASSET, 'form.js': asset(FORM_JS, 'text/javascript; charset=utf-8') };

const pages = htmlPages(
  {
    ...formRoutes({
      regulations: context.regulations,
      clock: context.clock,
      register: async (request) => registerComplaint({ ...context, ...mailGuards, searchKey: await searchKey() }, request),
      procedure: (version, lang) => procedure.get(version)?.[lang] ?? '',
      // Per client address, as the JSON routes (shared/http/abuse-limits.ts).
      guard: new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS)),
      render,
      scripts: { 'form.js': ASSETS['form.js']! },
      statusBaseUrl: context.statusBaseUrl,
      uploadOrigin: uploadOriginOf(context.config),
    }),
    'GET /assets/{file}': (event) => {
      const found = ASSETS[event.pathParameters?.file ?? ''];
      if (!found) throw new NotFoundError('no such asset');
      return assetResponse(found, event.queryStringParameters?.v === found.hash);
    },
  },
  render,
);

export const handler = middy<HttpEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).handler(pages);
