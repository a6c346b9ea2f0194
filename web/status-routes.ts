/**
 * The status page's routes (functions/complaint-status.ts), usable without JavaScript:
 *
 *   GET  /status/{token}/pagina   where the complaint stands, its open actions as forms, an upload form
 *   POST /status/{token}/pagina   an action from the page (urlencoded): recorded, then back to the
 *                                 page (post/redirect/get), or the page again with why not
 */
import type { AbuseGuard } from '../shared/http/abuse-limits.ts';
import type { LinkComplaint } from '../shared/http/status-link.ts';
import { headerValue, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { ConflictError, errorText, fieldProblem, InvalidInputError, problemText, RuleViolationError } from '../shared/domain/errors.ts';
import { actByLink, linkStatus, type LinkDeps } from '../shared/domain/complaint/link-actions.ts';
import { pageUploadForm } from '../shared/domain/attachments/use-cases.ts';
import type { FileStore } from '../shared/domain/ports.ts';
import { versionOf } from '../shared/domain/regulation/versions.ts';
import { htmlResponse, parseForm } from './html.ts';
import { basePath, formBody, type PageRoute, type Render } from './page-shell.ts';
import { ACTION_FIELDS, isStatusAction, statusPage, type StatusAction } from './status-page.ts';
import { fill, langOf, pageTexts, type Lang } from './texts.ts';

export interface StatusPageDeps {
  link: LinkDeps;
  complaintOf: LinkComplaint;
  guard: AbuseGuard;
  render: Render;
  /** The attachments bucket, when the tenant takes files: uploads are presigned and posted straight to it. */
  store?: FileStore | undefined;
  uploadOrigin?: string | undefined;
}

export function statusPageRoutes(deps: StatusPageDeps): Record<string, PageRoute> {
  const { link, complaintOf, guard, render, store } = deps;
  /** Uploads post straight to the bucket: the page's forms may post there. */
  const pageOptions = deps.uploadOrigin ? { formAction: [deps.uploadOrigin] } : {};

  /** Where the page is, in what language, and the page itself around the view (with `extra`: a sent action, a failed one). */
  async function pageOf(event: HttpEvent, reference: string, lang: Lang, status: number, extra: Partial<Parameters<typeof statusPage>[0]>): Promise<HttpResult> {
    const base = basePath(event, 3);
    const selfPath = `${base}/status/${event.pathParameters?.token}/pagina`;
    const { current, view } = await linkStatus(link, reference, lang);
    const upload = await uploadFormFor(event, reference, selfPath, lang);
    const content = statusPage({ regulation: versionOf(link.regulations, current), view, lang, selfPath, ...extra, ...(upload ? { upload } : {}) });
    return htmlResponse(status, render(lang, base, content, { switchHref: `${selfPath}?lang=${lang === 'nl' ? 'en' : 'nl'}` }), pageOptions);
  }

  /** The page's upload form: a presigned POST for one new file, back to this page afterwards (absolute: storage redirects there). */
  async function uploadFormFor(event: HttpEvent, reference: string, selfPath: string, lang: string) {
    if (!store) return undefined;
    const host = event.requestContext.domainName || headerValue(event, 'host');
    const proto = headerValue(event, 'x-forwarded-proto') ?? (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host ?? '') ? 'http' : 'https');
    const returnTo = `${proto}://${host}${selfPath}${lang === 'en' ? '?lang=en' : ''}`;
    return (await pageUploadForm({ store }, { reference, returnTo })).upload;
  }

  async function showPage(event: HttpEvent): Promise<HttpResult> {
    guard.take('reads', event);
    const complaint = await complaintOf(event);
    const { sent, uploaded } = event.queryStringParameters ?? {};
    return pageOf(event, complaint.reference, langOf(event.queryStringParameters, complaint.complainant.language), 200, {
      ...(sent && isStatusAction(sent) ? { sent } : {}),
      ...(uploaded && /^[a-f0-9]{20}$/.test(uploaded) ? { uploaded } : {}),
    });
  }

  async function pageAction(event: HttpEvent): Promise<HttpResult> {
    guard.take('posts', event);
    const complaint = await complaintOf(event);
    const lang = langOf(event.queryStringParameters, complaint.complainant.language);
    const form = parseForm(formBody(event));
    const action = form.get('action');
    if (!isStatusAction(action)) throw new InvalidInputError([fieldProblem('action', 'invalid_value', { values: ['information', 'authorisation', 'objection'] })]);
    // Fields left empty are not sent (the authorisation's are each optional; a required one is then "required").
    const values = Object.fromEntries(ACTION_FIELDS[action].map((f) => [f.name, form.get(f.name)]).filter(([, value]) => value !== ''));
    const again = (status: number, failed: { fields: Record<string, string>; message?: string }) => pageOf(event, complaint.reference, lang, status, { failed: { action, values, ...failed } });
    try {
      await actByLink(link, complaint.reference, action as StatusAction, values, lang);
    } catch (error) {
      if (error instanceof InvalidInputError) return again(400, { fields: Object.fromEntries(error.problems.map((p) => [p.field, problemText(p, lang)])) });
      if (error instanceof ConflictError || error instanceof RuleViolationError) {
        return again(error instanceof ConflictError ? 409 : 422, { fields: {}, message: fill(pageTexts(lang).actionRefused, { reason: errorText(error, lang) }, lang) });
      }
      throw error;
    }
    // Post/redirect/get: a reload does not send it twice.
    const query = new URLSearchParams({ ...(lang === 'en' ? { lang } : {}), sent: action });
    const selfPath = `${basePath(event, 3)}/status/${event.pathParameters?.token}/pagina`;
    return { statusCode: 303, headers: { location: `${selfPath}?${query}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
  }

  return { 'GET /status/{token}/pagina': showPage, 'POST /status/{token}/pagina': pageAction };
}
