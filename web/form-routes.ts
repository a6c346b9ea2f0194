/**
 * The complaint form's routes (functions/web-pages.ts), usable without JavaScript:
 *
 *   GET  /klacht   the form of the regulation in force today (Dutch; ?lang=en English)
 *   POST /klacht   the form, urlencoded: registerComplaint (the same use case as POST /complaints)
 *                  -> the confirmation page, or the form again with its errors tied to their fields
 */
import type { AbuseGuard } from '../shared/http/abuse-limits.ts';
import { headerValue, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { errorText, InvalidInputError, LimitReachedError, RuleViolationError } from '../shared/domain/errors.ts';
import type { RegistrationResult } from '../shared/domain/complaint/register-complaint.ts';
import { versionInForce, type RegulationVersions } from '../shared/domain/regulation/versions.ts';
import type { Clock } from '../shared/domain/ports.ts';
import { log } from '../shared/observability/log.ts';
import { htmlResponse, parseForm, type Asset } from './html.ts';
import { basePath, formBody, switchHref, type PageRoute, type Render } from './page-shell.ts';
import { confirmationPage, emptyValues, fieldErrors, formPage, HONEYPOT_FIELD, idempotencyKeyOf, submissionBody, valuesFromForm } from './form-page.ts';
import { fill, langOf, pageTexts, type Lang } from './texts.ts';

export interface FormRouteDeps {
  regulations: RegulationVersions;
  clock: Clock;
  /** The use case behind the form: registerComplaint with the function's dependencies. */
  register: (request: { body: Record<string, unknown>; idempotencyKey?: string }) => Promise<RegistrationResult>;
  /** The procedure as the form shows it, per regulation version and language. */
  procedure: (version: string, lang: Lang) => string;
  guard: AbuseGuard;
  render: Render;
  /** The form's script (served beside the stylesheet). */
  scripts: Readonly<Record<string, Asset>>;
  /** The status links' base, when the stack configures one (else this request's path). */
  statusBaseUrl?: string | undefined;
  /** The form's script posts files straight to the attachments bucket: the page may connect there. */
  uploadOrigin?: string | undefined;
}

export function formRoutes(deps: FormRouteDeps): Record<string, PageRoute> {
  const { render, scripts } = deps;
  const formOptions = deps.uploadOrigin ? { connect: [deps.uploadOrigin] } : {};
  const formDocument = (event: HttpEvent, lang: Lang, input: Omit<Parameters<typeof formPage>[0], 'lang' | 'base' | 'now' | 'procedure'>) => {
    const base = basePath(event, 1);
    const content = formPage({ ...input, lang, base, now: deps.clock.now(), procedure: deps.procedure(input.regulation.version, lang) });
    return render(lang, base, content, { scripts, switchHref: switchHref(`${base}/klacht`, lang) });
  };

  function showForm(event: HttpEvent): HttpResult {
    const lang = langOf(event.queryStringParameters);
    // The form of the version in force today: a complaint sent now is handled under it.
    const regulation = versionInForce(deps.regulations, deps.clock.now());
    return htmlResponse(200, formDocument(event, lang, { regulation, values: emptyValues(regulation, lang) }), formOptions);
  }

  async function submitForm(event: HttpEvent): Promise<HttpResult> {
    const lang = langOf(event.queryStringParameters);
    const base = basePath(event, 1);
    const regulation = versionInForce(deps.regulations, deps.clock.now());
    deps.guard.take('posts', event);
    const form = parseForm(formBody(event));
    const values = valuesFromForm(regulation, form);
    const again = (status: number, errors: { fields: Array<{ id: string; message: string }>; general: string[] }) =>
      htmlResponse(status, formDocument(event, lang, { regulation, values, errors }), formOptions);
    if (form.get(HONEYPOT_FIELD).trim() !== '') {
      // A bot: answer as if it worked, register nothing. No personal data in the log.
      log.info('honeypot filled: form submission dropped');
      return htmlResponse(200, render(lang, base, confirmationPage({ regulation, lang })));
    }
    try {
      const key = idempotencyKeyOf(values);
      const result = await deps.register({ body: submissionBody(values, regulation), ...(key ? { idempotencyKey: key } : {}) });
      const statusPageUrl = result.statusToken ? `${deps.statusBaseUrl || `${base}/status`}/${result.statusToken}/pagina` : undefined;
      const withLang = statusPageUrl && lang === 'en' ? `${statusPageUrl}?lang=en` : statusPageUrl;
      // The form's script sends files after the complaint (through the status link): it asks for the links as JSON.
      if (withLang && /application\/json/.test(headerValue(event, 'accept') ?? '') && !result.replayed) {
        return jsonResponse(201, { reference: result.complaint.reference, statusPage: withLang, statusUrl: withLang.replace(/\/pagina(\?.*)?$/, '') }, { 'referrer-policy': 'no-referrer' });
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
        return again(422, {
          fields: [],
          general: [error.key === 'error.rule.idempotencyKeyReused' ? t.alreadySent : fill(t.notAllowed, { reason: error.citation ? `${reason} (${error.citation})` : reason }, lang)],
        });
      }
      throw error;
    }
  }

  return { 'GET /klacht': showForm, 'POST /klacht': submitForm };
}
