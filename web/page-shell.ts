/**
 * What every hosted page shares, for the functions that serve them (functions/web-pages.ts: the
 * form and the status page; functions/admin-console.ts: the console): the page around the
 * content with the organisation's name and the stylesheet, the tenant's path prefix, the short
 * message pages, and the API's one error mapping (errorResponse) rendered as those pages (only
 * 4xx texts reach the visitor; anything else is a logged 500 without request data).
 */
import { fieldProblem, InvalidInputError, NotFoundError, problemText, type FieldProblem } from '../shared/domain/errors.ts';
import { errorResponse, headerValue, HttpError, MAX_BODY_BYTES, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { text, type TextKey, type TextParams } from '../shared/texts/index.ts';
import { SITE_CSS } from './assets/site-css.ts';
import { asset, html, htmlResponse, page, type Asset, type Html } from './html.ts';
import { fill, langOf, pageTexts, type Lang } from './texts.ts';

/** The stylesheet every page links (web-pages serves it at /assets/site.css). */
export const SITE_CSS_ASSET: Asset = asset(SITE_CSS, 'text/css; charset=utf-8');

export interface RenderOptions {
  /** Scripts served beside the stylesheet (/assets/<name>), by name. */
  scripts?: Readonly<Record<string, Asset>>;
  /** The other language's URL of this page. */
  switchHref?: string;
  /** Extra markup in <head>. */
  head?: Html;
}

/** A page's document: its title and content inside the shell. */
export type Render = (lang: Lang, base: string, content: { title: string; body: Html }, options?: RenderOptions) => string;

/** The page shell with the organisation's name in its header. */
export function pageRenderer(organisation: string): Render {
  return (lang, base, content, options = {}) => {
    const t = pageTexts(lang);
    const scripts = Object.entries(options.scripts ?? {});
    return page(
      {
        lang,
        title: content.title,
        base,
        organisation,
        body: content.body,
        css: SITE_CSS_ASSET,
        ...(scripts.length ? { scripts: scripts.map(([, a]) => a) } : {}),
        ...(options.switchHref ? { switchHref: options.switchHref, switchLabel: t.switchTo } : {}),
        ...(options.head ? { head: options.head } : {}),
        skipLink: t.skip,
      },
      { css: 'site.css', ...(scripts.length ? { scripts: scripts.map(([name]) => name) } : {}) },
    );
  };
}

/** The path prefix in front of the route's own path: '/demo' on the local gateway, '' in AWS. */
export function basePath(event: HttpEvent, segments: number): string {
  const parts = (event.rawPath ?? '/').split('/');
  return parts.slice(0, Math.max(1, parts.length - segments)).join('/');
}

/** The language switch of a page whose Dutch version has no query. */
export function switchHref(path: string, lang: Lang): string {
  return lang === 'nl' ? `${path}?lang=en` : path;
}

/** A short page for 404, 413, 429 and 500. */
export function messagePage(lang: Lang, title: string, text: string, back?: string): { title: string; body: Html } {
  return { title, body: html`<h1>${title}</h1><p>${text}</p>${back ? html`<p><a href="${back}">${pageTexts(lang).backToForm}</a></p>` : ''}` };
}

/** A form body over MAX_BODY_BYTES: 413, answered with its page. */
export class PayloadTooLarge extends HttpError {
  constructor() {
    super(413, 'payload_too_large', `the body must be at most ${MAX_BODY_BYTES} bytes`);
  }
}

/** The urlencoded body a page's form posts: at most MAX_BODY_BYTES, and nothing else but a form. */
export function formBody(event: HttpEvent): string {
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLarge();
  const type = headerValue(event, 'content-type') ?? '';
  if (raw && !/^application\/x-www-form-urlencoded\b/i.test(type)) throw new InvalidInputError([fieldProblem('(body)', 'invalid_format', undefined, 'error.field.formContentType')]);
  return raw;
}

export type PageRoute = (event: HttpEvent) => HttpResult | Promise<HttpResult>;

/**
 * A handler for HTML routes: the route for the event's route key, and every error it throws
 * answered as a page: the API's one error mapping (errorResponse: its status, headers and logging)
 * rendered in the visitor's language.
 */
export function htmlPages(routes: Readonly<Record<string, PageRoute>>, render: Render): (event: HttpEvent) => Promise<HttpResult> {
  return async (event) => {
    try {
      const route = routes[event.routeKey];
      if (!route) throw new NotFoundError(`no route ${event.routeKey}`);
      return await route(event);
    } catch (error) {
      return errorPage(event, errorResponse(error), render);
    }
  };
}

/** What errorResponse answers, as JSON: the code, the English message, the error's own text key and values, the problems. */
interface MappedError {
  error: string;
  key?: TextKey;
  params?: TextParams;
  problems?: FieldProblem[];
}

/** A mapped error as a page: 429 (Retry-After), 413, 404, 410 (why, in the visitor's language), 400 (the problems), else the status with a short page. */
function errorPage(event: HttpEvent, mapped: HttpResult, render: Render): HttpResult {
  const lang = langOf(event.queryStringParameters);
  const t = pageTexts(lang);
  const segments = (event.routeKey ?? '').split(' ')[1]?.split('/').length ?? 2;
  const base = basePath(event, Math.max(1, segments - 1));
  const back = `${base}/klacht${lang === 'en' ? '?lang=en' : ''}`;
  const status = mapped.statusCode ?? 500;
  const body = JSON.parse(String(mapped.body ?? '{}')) as MappedError;
  const retryAfter = mapped.headers?.['retry-after'];
  const headers = retryAfter !== undefined ? { headers: { 'retry-after': String(retryAfter) } } : {};
  const said = (): string => text(lang, body.key ?? (`error.code.${body.error}` as TextKey), body.params);
  switch (status) {
    case 429:
      return htmlResponse(429, render(lang, base, messagePage(lang, t.tooMany, fill(t.tooManyText, { seconds: Number(retryAfter ?? 60) }, lang))), headers);
    case 413:
      return htmlResponse(413, render(lang, base, messagePage(lang, t.tooLarge, fill(t.tooLargeText, { kb: MAX_BODY_BYTES / 1024 }, lang), back)));
    case 404:
      return htmlResponse(404, render(lang, base, messagePage(lang, t.notFound, t.notFoundText)));
    // A status link replaced by a newer one, or expired after the complaint ended: which, in the visitor's language.
    case 410:
      return htmlResponse(410, render(lang, base, messagePage(lang, t.linkGone, said()), { switchHref: `?lang=${lang === 'nl' ? 'en' : 'nl'}` }));
    case 400:
      return htmlResponse(400, render(lang, base, messagePage(lang, t.serverError, (body.problems ?? []).map((p) => problemText(p, lang)).join('; ') || said(), back)));
    default:
      // Only 4xx texts reach the visitor; errorResponse logged anything else (without request data).
      return htmlResponse(status, render(lang, base, messagePage(lang, t.serverError, status < 500 ? said() : t.serverErrorText, back)), headers);
  }
}
