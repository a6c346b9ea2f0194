/**
 * HTML for the hosted pages, server-rendered: a tagged template that escapes every value it is
 * given (only `raw(...)` and nested `html` results pass through), the page shell, and the
 * response headers every page gets. No framework: the pages are plain documents.
 */
import { createHash } from 'node:crypto';
import type { HttpResult } from '../shared/http/middleware.ts';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Trusted markup, passed through unescaped. */
export const raw = (value: string): Html => new Html(value);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false || value === true) return '';
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\``: values are escaped; arrays are joined; undefined/null/booleans render nothing. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** An attribute only when the condition holds: `${attrIf(invalid, 'aria-invalid', 'true')}`. */
export function attrIf(condition: unknown, name: string, value = ''): Html {
  return condition ? raw(value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`) : raw('');
}

/** A static asset: its content, type and a short content hash for cache-busting URLs. */
export interface Asset {
  body: string;
  contentType: string;
  hash: string;
}

export function asset(body: string, contentType: string): Asset {
  return { body, contentType, hash: createHash('sha256').update(body).digest('base64url').slice(0, 10) };
}

export interface PageOptions {
  lang: 'nl' | 'en';
  title: string;
  /** The path prefix the tenant's pages live under ('' in AWS, '/demo' locally). */
  base: string;
  /** Organisation name for the header. */
  organisation: string;
  body: Html;
  css: Asset;
  scripts?: Asset[];
  /** Language switch: the other language's URL of this page. */
  switchHref?: string;
  skipLink: string;
  switchLabel?: string;
  /** Extra markup in <head> (console configuration). */
  head?: Html;
}

export function assetUrl(base: string, name: string, a: Asset): string {
  return `${base}/assets/${name}?v=${a.hash}`;
}

export function page(options: PageOptions, assetNames: { css: string; scripts?: string[] }): string {
  const scripts = (options.scripts ?? []).map((s, i) => html`<script src="${assetUrl(options.base, assetNames.scripts![i]!, s)}" defer></script>`);
  return `<!doctype html>\n${
    html`<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl(options.base, assetNames.css, options.css)}">
${options.head}${scripts}
</head>
<body>
<a class="skip" href="#main">${options.skipLink}</a>
<header class="top"><div class="wrap"><span class="org">${options.organisation}</span>${options.switchHref ? html` <a class="lang" href="${options.switchHref}" lang="${options.lang === 'nl' ? 'en' : 'nl'}">${options.switchLabel}</a>` : ''}</div></header>
<main id="main" class="wrap" tabindex="-1">
${options.body}
</main>
</body>
</html>`.value
  }\n`;
}

/**
 * Every page: no framing, no sniffing, no referrer (the status page's URL holds its secret),
 * scripts and styles only from this API. `connect` adds origins the console may call; `styles`
 * sources of styles (a stylesheet's 'sha256-...'); `frames` what the page may show in a frame (the
 * console's report: blob:); `formAction` where a form may post besides this API (the attachments
 * bucket: uploads go straight to it).
 */
export function htmlResponse(
  statusCode: number,
  body: string,
  options: { cache?: 'no-store' | 'short'; connect?: string[]; scripts?: string[]; styles?: string[]; frames?: string[]; formAction?: string[]; headers?: Record<string, string> } = {},
): HttpResult {
  const csp = [
    "default-src 'none'",
    `style-src 'self'${options.styles?.length ? ` ${options.styles.join(' ')}` : ''}`,
    `script-src 'self'${options.scripts?.length ? ` ${options.scripts.join(' ')}` : ''}`,
    "img-src 'self' data:",
    `connect-src 'self'${options.connect?.length ? ` ${options.connect.join(' ')}` : ''}`,
    ...(options.frames?.length ? [`frame-src ${options.frames.join(' ')}`] : []),
    // The form may be embedded as a snippet elsewhere (a form posting here), never this page in a frame.
    `form-action 'self'${options.formAction?.length ? ` ${options.formAction.join(' ')}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': options.cache === 'short' ? 'private, max-age=0, must-revalidate' : 'no-store',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      ...options.headers,
    },
    body,
  };
}

export function assetResponse(a: Asset, versioned: boolean): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': a.contentType,
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      // A versioned URL (?v=<hash>) never changes: cache it for a year.
      'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      etag: `"${a.hash}"`,
    },
    body: a.body,
  };
}

/** Parses an application/x-www-form-urlencoded body into single values and repeated ones. */
export function parseForm(body: string): { get(name: string): string; all(name: string): string[]; has(name: string): boolean } {
  const params = new URLSearchParams(body);
  return {
    get: (name) => (params.get(name) ?? '').replace(/\r\n/g, '\n'),
    all: (name) => params.getAll(name),
    has: (name) => params.has(name),
  };
}
