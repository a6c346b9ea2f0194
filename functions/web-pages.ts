/**
 * The hosted pages (HTML, server-rendered, usable without JavaScript):
 *
 *   GET  /klacht                   the complaint form (Dutch; ?lang=en English)
 *   POST /klacht                   the form, urlencoded: registerComplaint (the same use case as
 *                                  POST /complaints) -> the confirmation page, or the form again
 *                                  with its errors tied to their fields
 *   GET  /status/{token}/pagina    the complainant's status page behind the private link
 *   POST /status/{token}/pagina    an action from it (information, authorisation, objection)
 *   GET  /assets/{file}            the stylesheet (also the console's) and the form's script
 *
 * The admin console's page is functions/admin-console.ts; both build their pages and error pages
 * with web/page-shell.ts.
 * Thin, like the JSON handlers: parse the form, one use case, render the result.
 */
import middy from '@middy/core';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { readProcedureTexts } from '../shared/adapters/procedure-file.ts';
import { registerComplaint, hashStatusToken } from '../shared/domain/complaint/register-complaint.ts';
import { complainantView } from '../shared/domain/complaint/complainant-view.ts';
import { complainantAction } from '../shared/domain/complaint/complainant-actions.ts';
import { parseWith } from '../shared/domain/complaint/submission.ts';
import type { ComplaintRecord } from '../shared/domain/complaint/model.ts';
import { newestVersion, versionInForce, versionOf } from '../shared/domain/regulation/versions.ts';
import { ConflictError, InvalidInputError, NotFoundError, RuleViolationError } from '../shared/domain/errors.ts';
import { statusActionSchemas } from '../shared/http/status-schemas.ts';
import { headerValue, MAX_BODY_BYTES, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { asset, assetResponse, htmlResponse, parseForm, type Asset } from '../web/html.ts';
import { basePath, htmlPages, messagePage, PayloadTooLarge, pageRenderer, SITE_CSS_ASSET, switchHref } from '../web/page-shell.ts';
import { FORM_JS } from '../web/assets/form-js.ts';
import { confirmationPage, emptyValues, fieldErrors, formPage, HONEYPOT_FIELD, idempotencyKeyOf, submissionBody, valuesFromForm } from '../web/form-page.ts';
import { ACTION_FIELDS, isStatusAction, statusPage, type StatusAction } from '../web/status-page.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { fieldMessage, langOf, TEXTS, type Lang } from '../web/texts.ts';

const context = tenantContext();
// The procedure as the form shows it, rendered when the regulation was compiled (beside REGULATION_FILE).
const procedure = readProcedureTexts(context.config.REGULATION_FILE);
// Per client address, as the JSON routes (shared/http/abuse-limits.ts): posts, status reads, failed guesses.
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
const render = pageRenderer(newestVersion(context.regulations).organisation.name);

const ASSETS: Record<string, Asset> = {
  'site.css': SITE_CSS_ASSET,
  'form.js': asset(FORM_JS, 'text/javascript; charset=utf-8'),
};
const FORM_SCRIPT = { 'form.js': ASSETS['form.js']! };
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function procedureOf(version: string, lang: Lang): string {
  return procedure.get(version)?.[lang] ?? '';
}

function formBody(event: HttpEvent): string {
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLarge();
  const type = headerValue(event, 'content-type') ?? '';
  if (raw && !/^application\/x-www-form-urlencoded\b/i.test(type)) throw new InvalidInputError([{ field: '(body)', message: 'send the form as application/x-www-form-urlencoded' }]);
  return raw;
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
  return htmlResponse(200, render(lang, base, content, { scripts: FORM_SCRIPT, switchHref: switchHref(`${base}/klacht`, lang) }));
}

async function submitForm(event: HttpEvent): Promise<HttpResult> {
  const lang = langOf(event.queryStringParameters);
  const base = basePath(event, 1);
  const regulation = versionInForce(context.regulations, context.clock.now());
  checkRate(event);
  const form = parseForm(formBody(event));
  const values = valuesFromForm(regulation, form);
  const again = (status: number, errors: { fields: Array<{ id: string; message: string }>; general: string[] }) =>
    htmlResponse(status, render(lang, base, formPage({ regulation, lang, base, now: context.clock.now(), procedure: procedureOf(regulation.version, lang), values, errors }), { scripts: FORM_SCRIPT, switchHref: switchHref(`${base}/klacht`, lang) }));

  if (form.get(HONEYPOT_FIELD).trim() !== '') {
    // A bot: answer as if it worked, register nothing. No personal data in the log.
    console.info(JSON.stringify({ level: 'info', message: 'honeypot filled: form submission dropped' }));
    return htmlResponse(200, render(lang, base, confirmationPage({ regulation, lang })));
  }
  try {
    const key = idempotencyKeyOf(values);
    const result = await registerComplaint(context, { body: submissionBody(values, regulation), ...(key ? { idempotencyKey: key } : {}) });
    const statusPageUrl = result.statusToken
      ? context.statusBaseUrl ? `${context.statusBaseUrl}/${result.statusToken}/pagina` : `${base}/status/${result.statusToken}/pagina`
      : undefined;
    const withLang = statusPageUrl && lang === 'en' ? `${statusPageUrl}?lang=en` : statusPageUrl;
    return htmlResponse(200, render(lang, base, confirmationPage({ regulation, lang, complaint: result.complaint, ...(withLang ? { statusPageUrl: withLang } : {}), replayed: result.replayed })));
  } catch (error) {
    if (error instanceof InvalidInputError) return again(400, fieldErrors(error.problems, regulation, lang));
    if (error instanceof RuleViolationError) {
      const reused = /Idempotency-Key/.test(error.message);
      return again(422, { fields: [], general: [reused ? TEXTS[lang].alreadySent : TEXTS[lang].notAllowed(error.citation ? `${error.message} (${error.citation})` : error.message)] });
    }
    throw error;
  }
}

// --- the status page -------------------------------------------------------------------------------

async function complaintOf(event: HttpEvent): Promise<ComplaintRecord> {
  // As the JSON status routes look it up (functions/complaint-status.ts): by the token's hash
  // only, the same 404 for a malformed and an unknown token, and failed guesses limited.
  guard.checkGuesses(event);
  const token = event.pathParameters?.token;
  const complaint = token && TOKEN_PATTERN.test(token) ? await context.register.findByStatusToken(hashStatusToken(token)) : undefined;
  if (!complaint) {
    guard.recordMiss(event);
    throw new NotFoundError('this link is not valid');
  }
  return complaint;
}

async function viewOf(reference: string, lang: Lang) {
  const current = (await context.register.get(reference))!;
  const events = await context.register.events(current.reference);
  return { complaint: current, view: complainantView(context.regulations, current, events, context.clock.now(), lang) };
}

async function showStatus(event: HttpEvent): Promise<HttpResult> {
  guard.take('reads', event);
  const token = event.pathParameters?.token;
  const complaint = await complaintOf(event);
  const lang = langOf(event.queryStringParameters, complaint.complainant.language);
  const base = basePath(event, 3);
  const selfPath = `${base}/status/${token}/pagina`;
  const sent = event.queryStringParameters?.sent;
  const { complaint: current, view } = await viewOf(complaint.reference, lang);
  const content = statusPage({ regulation: versionOf(context.regulations, current), view, lang, selfPath, ...(sent && isStatusAction(sent) ? { sent } : {}) });
  return htmlResponse(200, render(lang, base, content, { switchHref: lang === 'nl' ? `${selfPath}?lang=en` : `${selfPath}?lang=nl` }));
}

async function statusAction(event: HttpEvent): Promise<HttpResult> {
  checkRate(event);
  const token = event.pathParameters?.token;
  const complaint = await complaintOf(event);
  const lang = langOf(event.queryStringParameters, complaint.complainant.language);
  const base = basePath(event, 3);
  const selfPath = `${base}/status/${token}/pagina`;
  const form = parseForm(formBody(event));
  const action = form.get('action');
  const { view } = await viewOf(complaint.reference, lang);
  if (!isStatusAction(action)) throw new InvalidInputError([{ field: 'action', message: 'must be information, authorisation or objection' }]);
  const values = Object.fromEntries(ACTION_FIELDS[action].map((f) => [f.name, form.get(f.name)]));
  const again = async (status: number, failed: { fields: Record<string, string>; message?: string }) => {
    const { complaint: current, view: fresh } = await viewOf(complaint.reference, lang);
    const content = statusPage({ regulation: versionOf(context.regulations, current), view: fresh, lang, selfPath, failed: { action, values, ...failed } });
    return htmlResponse(status, render(lang, base, content, { switchHref: `${selfPath}?lang=${lang === 'nl' ? 'en' : 'nl'}` }));
  };
  try {
    if (!view.actions.includes(action)) throw new ConflictError(lang === 'nl' ? 'deze actie is nu niet mogelijk' : 'this action is not possible now');
    await complainantAction(context, complaint.reference, toAction(action, values));
  } catch (error) {
    if (error instanceof InvalidInputError) {
      return again(400, { fields: Object.fromEntries(error.problems.map((p) => [p.field, fieldMessage(p.message, lang)])) });
    }
    if (error instanceof ConflictError || error instanceof RuleViolationError) {
      return again(error instanceof ConflictError ? 409 : 422, { fields: {}, message: TEXTS[lang].actionRefused(error.message) });
    }
    throw error;
  }
  // Post/redirect/get: a reload does not send it twice.
  const query = new URLSearchParams({ ...(lang === 'en' ? { lang } : {}), sent: action });
  return { statusCode: 303, headers: { location: `${selfPath}?${query}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
}

function toAction(action: StatusAction, values: Record<string, string>) {
  switch (action) {
    case 'information':
      return { kind: 'information' as const, ...parseWith(statusActionSchemas.information, values) };
    case 'authorisation':
      return { kind: 'authorisation' as const, ...parseWith(statusActionSchemas.authorisation, values) };
    case 'objection':
      return { kind: 'objection' as const, ...parseWith(statusActionSchemas.objection, values) };
  }
}

// --- the assets ----------------------------------------------------------------------------------

function serveAsset(event: HttpEvent): HttpResult {
  const found = ASSETS[event.pathParameters?.file ?? ''];
  if (!found) return htmlResponse(404, render('nl', basePath(event, 2), messagePage('nl', TEXTS.nl.notFound, TEXTS.nl.notFoundText)));
  return assetResponse(found, event.queryStringParameters?.v === found.hash);
}

// --- dispatch --------------------------------------------------------------------------------------

const webPages = htmlPages({
  'GET /klacht': showForm,
  'POST /klacht': submitForm,
  'GET /status/{token}/pagina': showStatus,
  'POST /status/{token}/pagina': statusAction,
  'GET /assets/{file}': serveAsset,
}, render);

export const handler = middy<HttpEvent, HttpResult>().handler(webPages);
