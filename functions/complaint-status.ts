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
 * One function behind the link: one lookup of the token (by its hash; an unknown token is a plain
 * 404 that says nothing more; a replaced or expired one a 410 that says which), one check of what
 * the complainant may do now, for both forms.
 */
import middy from '@middy/core';
import { statusActionSchemas } from '../shared/http/status-schemas.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { ConflictError, errorText, fieldProblem, InvalidInputError, NotFoundError, problemText, RuleViolationError } from '../shared/domain/errors.ts';
import { hashStatusToken, liveComplaint } from '../shared/domain/complaint/status-link.ts';
import { complainantView } from '../shared/domain/complaint/complainant-view.ts';
import { complainantAction, type ComplainantAction } from '../shared/domain/complaint/complainant-actions.ts';
import type { ComplaintRecord, Language } from '../shared/domain/complaint/model.ts';
import { parseWith } from '../shared/domain/complaint/submission.ts';
import { newestVersion, versionOf } from '../shared/domain/regulation/versions.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { htmlResponse, parseForm } from '../web/html.ts';
import { basePath, formBody, htmlPages, pageRenderer } from '../web/page-shell.ts';
import { ACTION_FIELDS, isStatusAction, statusPage, type StatusAction } from '../web/status-page.ts';
import { fill, langOf, pageTexts } from '../web/texts.ts';
import { fileStoreOf } from '../shared/adapters/file-store.ts';
import { uploadOriginOf } from '../shared/adapters/upload-origin.ts';
import { pageUploadForm, requestUpload } from '../shared/domain/attachments/use-cases.ts';
import { COMPLAINANT_UPLOADER } from '../shared/domain/attachments/files.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
// Per client address (shared/http/abuse-limits.ts): posts, status reads, failed guesses of a link.
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
const render = pageRenderer(newestVersion(context.regulations).organisation.name);
// The attachments bucket: uploads are presigned here and posted straight to it (its origin is in the page's CSP).
const store = context.config.ATTACHMENTS_BUCKET ? fileStoreOf(context.config) : undefined;
const uploadOrigin = uploadOriginOf(context.config);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
// The JSON routes as api-spec.ts declares them (kept out of this bundle: it pulls in every schema).
const ACTIONS: Record<string, StatusAction> = {
  'POST /status/{token}/objection': 'objection',
  'POST /status/{token}/information': 'information',
  'POST /status/{token}/authorisation': 'authorisation',
};

/**
 * The complaint behind the link. A malformed, too long or unknown token gets the same 404 (no
 * oracle); the lookup is by the token's SHA-256, so no secret is compared in this code. Each
 * miss counts against the client's failed guesses: once they are used up it gets 429 before any
 * lookup. A real link that no longer works (replaced by a reissue, or expired a set time after
 * the complaint ended) is a 410 saying which (status-link.ts), for the JSON and the page alike.
 */
async function complaintOf(event: HttpEvent): Promise<ComplaintRecord> {
  guard.checkGuesses(event);
  const token = event.pathParameters?.token;
  const link = token && TOKEN_PATTERN.test(token) ? await context.register.findStatusLink(hashStatusToken(token)) : undefined;
  if (!link) {
    guard.recordMiss(event);
    throw new NotFoundError('this link is not valid');
  }
  return liveComplaint(context.regulations, link, context.clock.now());
}

async function viewOf(reference: string, lang: Language) {
  const current = (await context.register.get(reference))!;
  const [events, files] = await Promise.all([context.register.events(current.reference), context.register.attachments(current.reference)]);
  return { current, view: complainantView(context.regulations, current, events, context.clock.now(), lang, files) };
}

/** What the complainant asks, checked against what the status allows now: the same for the page and the JSON. */
async function act(complaint: ComplaintRecord, action: StatusAction, values: unknown, lang: Language): Promise<void> {
  const { view } = await viewOf(complaint.reference, lang);
  if (!view.actions.includes(action)) throw new ConflictError({ key: 'error.conflict.actionNotNow' });
  await complainantAction({ ...context, files: context.register }, complaint.reference, { kind: action, ...parseWith(statusActionSchemas[action], values) } as ComplainantAction);
}

// --- JSON ------------------------------------------------------------------------------------------

/** A file for the complaint: the declaration checked (type, size, the complaint's limits), a presigned POST back. */
async function uploadJson(event: HttpEvent): Promise<HttpResult> {
  guard.take('posts', event);
  const complaint = await complaintOf(event);
  if (!store) throw new NotFoundError('this complaint takes no files');
  const upload = await requestUpload({ files: context.register, store }, { reference: complaint.reference, uploadedBy: COMPLAINANT_UPLOADER, body: event.jsonBody });
  return jsonResponse(201, upload, { 'referrer-policy': 'no-referrer' });
}

async function statusJson(event: HttpEvent): Promise<HttpResult> {
  if (event.routeKey === 'POST /status/{token}/attachments') return uploadJson(event);
  const action = ACTIONS[event.routeKey];
  guard.take(action ? 'posts' : 'reads', event);
  const complaint = await complaintOf(event);
  const asked = event.queryStringParameters?.lang;
  const lang: Language = asked === 'en' || asked === 'nl' ? asked : complaint.complainant.language;
  if (action) await act(complaint, action, event.jsonBody, lang);
  const { view } = await viewOf(complaint.reference, lang);
  return jsonResponse(action ? 201 : 200, view, { 'referrer-policy': 'no-referrer' });
}

const json = middy<HttpEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(statusJson);

// --- the page --------------------------------------------------------------------------------------

async function showPage(event: HttpEvent): Promise<HttpResult> {
  guard.take('reads', event);
  const token = event.pathParameters?.token;
  const complaint = await complaintOf(event);
  const lang = langOf(event.queryStringParameters, complaint.complainant.language);
  const base = basePath(event, 3);
  const selfPath = `${base}/status/${token}/pagina`;
  const sent = event.queryStringParameters?.sent;
  const uploaded = event.queryStringParameters?.uploaded;
  const { current, view } = await viewOf(complaint.reference, lang);
  const upload = await uploadFormFor(event, complaint.reference, selfPath, lang);
  const content = statusPage({
    regulation: versionOf(context.regulations, current), view, lang, selfPath,
    ...(sent && isStatusAction(sent) ? { sent } : {}),
    ...(upload ? { upload } : {}),
    ...(uploaded && /^[a-f0-9]{20}$/.test(uploaded) ? { uploaded } : {}),
  });
  return htmlResponse(200, render(lang, base, content, { switchHref: lang === 'nl' ? `${selfPath}?lang=en` : `${selfPath}?lang=nl` }), pageOptions);
}

/** Uploads post straight to the bucket: the page's forms may post there. */
const pageOptions = uploadOrigin ? { formAction: [uploadOrigin] } : {};

/**
 * The page's upload form: a presigned POST for one new file, back to this page afterwards (an
 * absolute URL: storage redirects there), in the page's language.
 */
async function uploadFormFor(event: HttpEvent, reference: string, selfPath: string, lang: string) {
  if (!store) return undefined;
  const host = event.requestContext.domainName || headerOf(event, 'host');
  const proto = headerOf(event, 'x-forwarded-proto') ?? (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host ?? '') ? 'http' : 'https');
  const returnTo = `${proto}://${host}${selfPath}${lang === 'en' ? '?lang=en' : ''}`;
  return (await pageUploadForm({ store }, { reference, returnTo })).upload;
}

function headerOf(event: HttpEvent, name: string): string | undefined {
  return Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}

async function pageAction(event: HttpEvent): Promise<HttpResult> {
  guard.take('posts', event);
  const token = event.pathParameters?.token;
  const complaint = await complaintOf(event);
  const lang = langOf(event.queryStringParameters, complaint.complainant.language);
  const base = basePath(event, 3);
  const selfPath = `${base}/status/${token}/pagina`;
  const form = parseForm(formBody(event));
  const action = form.get('action');
  if (!isStatusAction(action)) throw new InvalidInputError([fieldProblem('action', 'invalid_value', { values: ['information', 'authorisation', 'objection'] })]);
  // Fields left empty are not sent (the authorisation's are each optional; a required one is then "required").
  const values = Object.fromEntries(ACTION_FIELDS[action].map((f) => [f.name, form.get(f.name)]).filter(([, value]) => value !== ''));
  const again = async (status: number, failed: { fields: Record<string, string>; message?: string }) => {
    const { current, view } = await viewOf(complaint.reference, lang);
    const upload = await uploadFormFor(event, complaint.reference, selfPath, lang);
    const content = statusPage({ regulation: versionOf(context.regulations, current), view, lang, selfPath, failed: { action, values, ...failed }, ...(upload ? { upload } : {}) });
    return htmlResponse(status, render(lang, base, content, { switchHref: `${selfPath}?lang=${lang === 'nl' ? 'en' : 'nl'}` }), pageOptions);
  };
  try {
    await act(complaint, action, values, lang);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      return again(400, { fields: Object.fromEntries(error.problems.map((p) => [p.field, problemText(p, lang)])) });
    }
    if (error instanceof ConflictError || error instanceof RuleViolationError) {
      return again(error instanceof ConflictError ? 409 : 422, { fields: {}, message: fill(pageTexts(lang).actionRefused, { reason: errorText(error, lang) }, lang) });
    }
    throw error;
  }
  // Post/redirect/get: a reload does not send it twice.
  const query = new URLSearchParams({ ...(lang === 'en' ? { lang } : {}), sent: action });
  return { statusCode: 303, headers: { location: `${selfPath}?${query}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
}

const page = middy<HttpEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).handler(htmlPages({ 'GET /status/{token}/pagina': showPage, 'POST /status/{token}/pagina': pageAction }, render));

export const handler = (event: HttpEvent, lambdaContext: unknown): Promise<HttpResult> =>
  (event.routeKey.endsWith('/pagina') ? page : json)(event, lambdaContext as never);
