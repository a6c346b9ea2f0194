/**
 * The hosted pages (HTML, server-rendered, usable without JavaScript):
 *
 *   GET  /klacht                   the complaint form (Dutch; ?lang=en English)
 *   POST /klacht                   the form, urlencoded: registerComplaint (the same use case as
 *                                  POST /complaints) -> the confirmation page, or the form again
 *                                  with its errors tied to their fields
 *   GET  /assets/{file}            the stylesheet (also the console's and the status page's) and the form's script
 *
 * The status page behind the private link is functions/complaint-status.ts (with its JSON), the
 * admin console's page functions/admin-console.ts; all build their pages and error pages with
 * web/page-shell.ts.
 * Thin, like the JSON handlers: parse the form, one use case, render the result.
 */
import middy from '@middy/core';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { readProcedureTexts } from '../shared/adapters/procedure-file.ts';
import { registerComplaint } from '../shared/domain/complaint/register-complaint.ts';
import { newestVersion, versionInForce } from '../shared/domain/regulation/versions.ts';
import { errorText, InvalidInputError, LimitReachedError, RuleViolationError } from '../shared/domain/errors.ts';
import type { HttpEvent, HttpResult } from '../shared/http/middleware.ts';
import { asset, assetResponse, htmlResponse, parseForm, type Asset } from '../web/html.ts';
import { basePath, formBody, htmlPages, messagePage, pageRenderer, SITE_CSS_ASSET, switchHref } from '../web/page-shell.ts';
import { FORM_JS } from '../web/assets/form-js.ts';
import { confirmationPage, emptyValues, fieldErrors, formPage, HONEYPOT_FIELD, idempotencyKeyOf, submissionBody, valuesFromForm } from '../web/form-page.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { fill, langOf, pageTexts, type Lang } from '../web/texts.ts';
import { intakeSearchKey } from '../shared/adapters/search-key.ts';
import { headerValue, jsonResponse } from '../shared/http/middleware.ts';
import { uploadOriginOf } from '../shared/adapters/upload-origin.ts';
import { log, requestLog } from '../shared/observability/log.ts';
import { intakeMailGuards } from '../shared/adapters/intake-mail-guards.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
// The procedure as the form shows it, rendered when the regulation was compiled (beside REGULATION_FILE).
const procedure = readProcedureTexts(context.config.REGULATION_FILE);
// Per client address, as the JSON routes (shared/http/abuse-limits.ts): posts, status reads, failed guesses.
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
// Against mail relay, as POST /complaints: the address's domain must receive mail; hourly caps.
const mailGuards = intakeMailGuards(context);
const render = pageRenderer(newestVersion(context.regulations).organisation.name);
// Read at cold start: every complaint is written with its search tokens (docs/search.md).
const searchKey = intakeSearchKey(context.config);
void searchKey().catch(() => undefined);

const ASSETS: Record<string, Asset> = {
  'site.css': SITE_CSS_ASSET,
  'form.js': asset(FORM_JS, 'text/javascript; charset=utf-8'),
};
const FORM_SCRIPT = { 'form.js': ASSETS['form.js']! };
// The form's script posts files straight to the attachments bucket: the page may connect there.
const uploadOrigin = uploadOriginOf(context.config);
const formOptions = uploadOrigin ? { connect: [uploadOrigin] } : {};

function procedureOf(version: string, lang: Lang): string {
  return procedure.get(version)?.[lang] ?? '';
}

function checkRate(event: HttpEvent): void {
  guard.take('posts', event);
}

// --- the form ------------------------------------------------------------------------------------

function showForm(event: HttpEvent): HttpResult {
  const lang = langOf(event.queryStringParameters);
  const base = basePath(event, 1);
  const now = context.clock.now();
  // The form of the version in force today: a complaint sent now is handled under it.
  const regulation = versionInForce(context.regulations, now);
  const content = formPage({ regulation, lang, base, now, procedure: procedureOf(regulation.version, lang), values: emptyValues(regulation, lang) });
  return htmlResponse(200, render(lang, base, content, { scripts: FORM_SCRIPT, switchHref: switchHref(`${base}/klacht`, lang) }), formOptions);
}

async function submitForm(event: HttpEvent): Promise<HttpResult> {
  const lang = langOf(event.queryStringParameters);
  const base = basePath(event, 1);
  const regulation = versionInForce(context.regulations, context.clock.now());
  checkRate(event);
  const form = parseForm(formBody(event));
  const values = valuesFromForm(regulation, form);
  const again = (status: number, errors: { fields: Array<{ id: string; message: string }>; general: string[] }) =>
    htmlResponse(status, render(lang, base, formPage({ regulation, lang, base, now: context.clock.now(), procedure: procedureOf(regulation.version, lang), values, errors }), { scripts: FORM_SCRIPT, switchHref: switchHref(`${base}/klacht`, lang) }), formOptions);

  if (form.get(HONEYPOT_FIELD).trim() !== '') {
    // A bot: answer as if it worked, register nothing. No personal data in the log.
    log.info('honeypot filled: form submission dropped');
    return htmlResponse(200, render(lang, base, confirmationPage({ regulation, lang })));
  }
  try {
    const key = idempotencyKeyOf(values);
    const result = await registerComplaint({ ...context, ...mailGuards, searchKey: await searchKey() }, { body: submissionBody(values, regulation), ...(key ? { idempotencyKey: key } : {}) });
    const statusPageUrl = result.statusToken
      ? context.statusBaseUrl ? `${context.statusBaseUrl}/${result.statusToken}/pagina` : `${base}/status/${result.statusToken}/pagina`
      : undefined;
    const withLang = statusPageUrl && lang === 'en' ? `${statusPageUrl}?lang=en` : statusPageUrl;
    // The form's script sends files after the complaint (through the status link): it asks for the links as JSON.
    if (withLang && /application\/json/.test(headerValue(event, 'accept') ?? '') && !result.replayed) {
      const statusUrl = withLang.replace(/\/pagina(\?.*)?$/, '');
      return jsonResponse(201, { reference: result.complaint.reference, statusPage: withLang, statusUrl }, { 'referrer-policy': 'no-referrer' });
    }
    return htmlResponse(200, render(lang, base, confirmationPage({ regulation, lang, complaint: result.complaint, ...(withLang ? { statusPageUrl: withLang } : {}), replayed: result.replayed })));
  } catch (error) {
    if (error instanceof InvalidInputError) return again(400, fieldErrors(error.problems, regulation, lang));
    // A mail cap: the form again with what was typed, the reason in the page's language, and when to retry.
    if (error instanceof LimitReachedError) {
      const page = again(429, { fields: [], general: [errorText(error, lang)] });
      return { ...page, headers: { ...page.headers, 'retry-after': String(error.retryAfterSeconds) } };
    }
    if (error instanceof RuleViolationError) {
      const t = pageTexts(lang);
      const reason = errorText(error, lang);
      return again(422, { fields: [], general: [error.key === 'error.rule.idempotencyKeyReused' ? t.alreadySent : fill(t.notAllowed, { reason: error.citation ? `${reason} (${error.citation})` : reason }, lang)] });
    }
    throw error;
  }
}

// --- the assets ----------------------------------------------------------------------------------

function serveAsset(event: HttpEvent): HttpResult {
  const found = ASSETS[event.pathParameters?.file ?? ''];
  if (!found) return htmlResponse(404, render('nl', basePath(event, 2), messagePage('nl', pageTexts('nl').notFound, pageTexts('nl').notFoundText)));
  return assetResponse(found, event.queryStringParameters?.v === found.hash);
}

// --- dispatch --------------------------------------------------------------------------------------

const webPages = htmlPages({
  'GET /klacht': showForm,
  'POST /klacht': submitForm,
  'GET /assets/{file}': serveAsset,
}, render);

export const handler = middy<HttpEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).handler(webPages);
