/**
 * The complaint form, its error state and the confirmation page: server-rendered HTML that works
 * without JavaScript (web/assets/form-js.ts only adds conveniences). What it asks follows the
 * tenant's regulation: category schemes, filing on someone's behalf with the authorisation it
 * requires, the languages the organisation writes in, its procedure and the dates a complaint
 * sent today can expect.
 */
import { randomBytes } from 'node:crypto';
import type { Regulation } from '../shared/domain/regulation/schema.ts';
import { openingMilestones, roleLabel } from '../shared/domain/regulation/milestones.ts';
import { describePeriod } from '../shared/domain/calendar/index.ts';
import { problemText, type FieldProblem } from '../shared/domain/errors.ts';
import type { ComplaintRecord } from '../shared/domain/complaint/model.ts';
import { attrIf, html, type Html } from './html.ts';
import { dateTime, longDate, procedureHtml } from './format.ts';
import { fill, pageTexts, type Lang, type PageTexts as Texts } from './texts.ts';
import { FIELD_LIMITS } from './schema-limits.ts';
import { FILE_LIMITS, FILE_TYPE_LABELS, FILE_TYPES, megabytes } from '../shared/domain/attachments/files.ts';
import { text } from '../shared/texts/index.ts';

/** What the form holds, as posted (strings, untrimmed). */
export interface FormValues {
  name: string;
  email: string;
  phone: string;
  language: string;
  description: string;
  occurredOn: string;
  place: string;
  circumstances: string;
  categories: string[];
  /** Dates the regulation asks the complainant for (statedDates), by id. */
  stated: Record<string, string>;
  onBehalf: 'yes' | 'no';
  repName: string;
  repEmail: string;
  /** The form's own idempotency key: a double click or a resent form registers one complaint. */
  submission: string;
}

/** The honeypot: people never see it; a bot that fills it is answered as if it succeeded. */
export const HONEYPOT_FIELD = 'website';
const SUBMISSION_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function emptyValues(regulation: Regulation, lang: Lang): FormValues {
  const languages = regulation.organisation.languages;
  return {
    name: '',
    email: '',
    phone: '',
    language: languages.includes(lang) ? lang : (languages[0] ?? 'nl'),
    description: '',
    occurredOn: '',
    place: '',
    circumstances: '',
    categories: [],
    stated: {},
    onBehalf: 'no',
    repName: '',
    repEmail: '',
    submission: randomBytes(18).toString('base64url'),
  };
}

export function valuesFromForm(regulation: Regulation, form: { get(name: string): string; all(name: string): string[] }): FormValues {
  const singleSchemes = regulation.categorySchemes.filter((s) => !s.multiple);
  return {
    name: form.get('name'),
    email: form.get('email'),
    phone: form.get('phone'),
    language: form.get('language'),
    description: form.get('description'),
    occurredOn: form.get('occurredOn'),
    place: form.get('place'),
    circumstances: form.get('circumstances'),
    categories: [...form.all('categories'), ...singleSchemes.map((s) => form.get(`category-${s.id}`))].filter(Boolean),
    stated: Object.fromEntries(askedDates(regulation).map((d) => [d.id, form.get(`stated-${d.id}`)])),
    onBehalf: form.get('onBehalf') === 'yes' ? 'yes' : 'no',
    repName: form.get('repName'),
    repEmail: form.get('repEmail'),
    submission: form.get('submission'),
  };
}

/** The idempotency key for registerComplaint, when the form carried a well-formed one. */
export function idempotencyKeyOf(values: FormValues): string | undefined {
  return SUBMISSION_PATTERN.test(values.submission) ? `form:${values.submission}` : undefined;
}

/** The form as the JSON body POST /complaints takes: the same schema validates both. */
export function submissionBody(values: FormValues, regulation: Regulation): Record<string, unknown> {
  const optional = (value: string) => (value.trim() === '' ? undefined : value);
  const onlyLanguage = regulation.organisation.languages.length === 1 ? regulation.organisation.languages[0] : undefined;
  return {
    complainant: {
      name: values.name,
      email: values.email.trim(),
      ...(optional(values.phone) ? { phone: values.phone } : {}),
      language: onlyLanguage ?? (values.language || 'nl'),
    },
    description: values.description,
    ...(optional(values.occurredOn) ? { occurredOn: values.occurredOn.trim() } : {}),
    ...(optional(values.place) ? { place: values.place } : {}),
    ...(optional(values.circumstances) ? { circumstances: values.circumstances } : {}),
    categories: values.categories,
    ...(Object.values(values.stated).some((v) => v.trim() !== '')
      ? {
          statedDates: Object.fromEntries(
            Object.entries(values.stated)
              .filter(([, v]) => v.trim() !== '')
              .map(([id, v]) => [id, v.trim()]),
          ),
        }
      : {}),
    ...(values.onBehalf === 'yes' && regulation.representation?.onBehalfAllowed !== false
      ? { representative: { name: values.repName, ...(optional(values.repEmail) ? { email: values.repEmail.trim() } : {}) } }
      : {}),
  };
}

/** The dates the regulation asks the complainant to state (when they learned of it, ...). */
function askedDates(regulation: Regulation) {
  return regulation.statedDates.filter((d) => d.statedBy.includes('complainant'));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Which form control a schema problem belongs to. */
export function fieldIdOf(path: string, regulation: Regulation): string | undefined {
  const map: Record<string, string> = {
    'complainant.name': 'name',
    'complainant.email': 'email',
    'complainant.phone': 'phone',
    'complainant.language': 'language',
    description: 'description',
    occurredOn: 'occurredOn',
    place: 'place',
    circumstances: 'circumstances',
    representative: 'repName',
    'representative.name': 'repName',
    'representative.email': 'repEmail',
  };
  if (map[path]) return map[path];
  if (path.startsWith('statedDates.')) return `stated-${path.slice('statedDates.'.length)}`;
  if (path === 'categories' || path.startsWith('categories.')) return regulation.categorySchemes[0] ? `cat-${regulation.categorySchemes[0].id}` : undefined;
  return undefined;
}

export interface FieldError {
  id: string;
  message: string;
}

/** Problems from InvalidInputError, tied to their fields (one message per field), in page order. */
export function fieldErrors(problems: FieldProblem[], regulation: Regulation, lang: Lang): { fields: FieldError[]; general: string[] } {
  const fields = new Map<string, string>();
  const general: string[] = [];
  for (const problem of problems) {
    const id = fieldIdOf(problem.field, regulation);
    if (!id) general.push(problemText(problem, lang));
    else if (!fields.has(id)) fields.set(id, problemText(problem, lang));
  }
  const order = [
    'name',
    'email',
    'phone',
    'language',
    'description',
    'occurredOn',
    ...askedDates(regulation).map((d) => `stated-${d.id}`),
    'place',
    'circumstances',
    ...regulation.categorySchemes.map((s) => `cat-${s.id}`),
    'repName',
    'repEmail',
  ];
  return { fields: order.filter((id) => fields.has(id)).map((id) => ({ id, message: fields.get(id)! })), general };
}

/** Short names of the fields, for error messages ("Naam: is verplicht"). */
function labels(t: Texts, regulation: Regulation, lang: Lang): Record<string, string> {
  return {
    name: t.name,
    email: t.email,
    phone: t.phone,
    repName: t.repName,
    repEmail: t.repEmail,
    ...t.short,
    ...Object.fromEntries(regulation.categorySchemes.map((s) => [`cat-${s.id}`, s.label[lang]])),
    ...Object.fromEntries(askedDates(regulation).map((d) => [`stated-${d.id}`, d.label[lang]])),
  };
}

interface FieldOptions {
  id: string;
  label: string;
  /** Short name in the error message; default the label. */
  short?: string;
  value: string;
  required?: boolean;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'date';
  textarea?: boolean;
  maxlength?: number | undefined;
  autocomplete?: string;
  error?: string;
  t: Texts;
  name?: string;
}

function field(o: FieldOptions): Html {
  const described = [o.hint ? `f-${o.id}-hint` : '', o.error ? `f-${o.id}-error` : ''].filter(Boolean).join(' ');
  const common = html`id="f-${o.id}" name="${o.name ?? o.id}"${attrIf(o.required, 'required')}${attrIf(o.maxlength, 'maxlength', String(o.maxlength ?? ''))}${attrIf(o.autocomplete, 'autocomplete', o.autocomplete ?? '')}${attrIf(described, 'aria-describedby', described)}${attrIf(o.error, 'aria-invalid', 'true')}`;
  return html`<div class="field">
<label for="f-${o.id}">${o.label} <span class="muted">${o.required ? o.t.required : o.t.optional}</span></label>
${o.hint ? html`<span class="hint" id="f-${o.id}-hint">${o.hint}</span>` : ''}
${o.error ? html`<span class="error" id="f-${o.id}-error">${o.short ?? o.label}: ${o.error}</span>` : ''}
${o.textarea ? html`<textarea ${common} rows="8">${o.value}</textarea>` : html`<input type="${o.type ?? 'text'}" ${common} value="${o.value}">`}
</div>`;
}

export interface FormPageInput {
  regulation: Regulation;
  lang: Lang;
  /** Path prefix of the tenant's pages ('' in AWS, '/demo' locally). */
  base: string;
  now: Date;
  /**
   * The regulation's procedure in plain text, in `lang`: rendered when the regulation is compiled
   * (renderProcedureSummary, written beside the regulation JSON), so its renderer stays out of the bundle.
   */
  procedure: string;
  values: FormValues;
  errors?: { fields: FieldError[]; general: string[] };
}

/** The form page's main content (the shell is added by the caller). */
export function formPage(input: FormPageInput): { title: string; body: Html } {
  const { regulation, lang, base, now, values } = input;
  const t = pageTexts(lang);
  const org = regulation.organisation.name;
  const formTitle = fill(t.formTitle, { org }, lang);
  const errors = input.errors ?? { fields: [], general: [] };
  const errorOf = (id: string) => errors.fields.find((e) => e.id === id)?.message;
  const names = labels(t, regulation, lang);
  const hasErrors = errors.fields.length > 0 || errors.general.length > 0;
  const title = hasErrors ? fill(t.errorPageTitle, { title: formTitle }, lang) : formTitle;

  const opening = openingMilestones(regulation, now, { lang });
  const representation = regulation.representation;
  const onBehalfAllowed = representation?.onBehalfAllowed !== false;
  const languages = regulation.organisation.languages;
  const retention = regulation.retention ? describePeriod(regulation.retention.keep, lang) : undefined;
  const action = `${base}/klacht${lang === 'en' ? '?lang=en' : ''}`;

  const summary = hasErrors
    ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${t.errorTitle}</h2>
<ul>${errors.general.map((m) => html`<li>${m}</li>`)}${errors.fields.map((e) => html`<li><a href="#${firstControlOf(e.id, regulation)}">${names[e.id]}: ${e.message}</a></li>`)}</ul>
</div>`
    : '';

  const categorySchemes = regulation.categorySchemes.map((scheme) => {
    const id = `cat-${scheme.id}`;
    const error = errorOf(id);
    const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const options = scheme.categories.map((c, i) => {
      const checked = values.categories.includes(c.id);
      const inputId = `f-${id}-${i}`;
      return scheme.multiple
        ? html`<div class="choice"><input type="checkbox" id="${inputId}" name="categories" value="${c.id}"${attrIf(checked, 'checked')}><label for="${inputId}">${c.code ? `${c.code}. ` : ''}${c.label[lang]}</label></div>`
        : html`<div class="choice"><input type="radio" id="${inputId}" name="category-${scheme.id}" value="${c.id}"${attrIf(checked, 'checked')}><label for="${inputId}">${c.code ? `${c.code}. ` : ''}${c.label[lang]}</label></div>`;
    });
    const none = scheme.multiple
      ? ''
      : html`<div class="choice"><input type="radio" id="f-${id}-none" name="category-${scheme.id}" value=""${attrIf(!scheme.categories.some((c) => values.categories.includes(c.id)), 'checked')}><label for="f-${id}-none">${t.noChoice}</label></div>`;
    return html`<fieldset id="${id}" aria-describedby="${described}">
<legend>${scheme.label[lang]} <span class="muted">${t.optional}</span></legend>
<span class="hint" id="${id}-hint">${fill(t.categoriesHint, { who: roleLabel(regulation, scheme.classifiedBy, lang).toLowerCase() }, lang)}</span>
${error ? html`<span class="error" id="${id}-error">${scheme.label[lang]}: ${error}</span>` : ''}
${options}${none}
</fieldset>`;
  });

  const languageField =
    languages.length > 1
      ? html`<fieldset id="f-language"${attrIf(errorOf('language'), 'aria-describedby', 'f-language-error')}>
<legend>${t.language}</legend>
${errorOf('language') ? html`<span class="error" id="f-language-error">${t.short.language}: ${errorOf('language')}</span>` : ''}
${languages.map((l) => html`<div class="choice"><input type="radio" id="f-language-${l}" name="language" value="${l}"${attrIf(values.language === l, 'checked')}><label for="f-language-${l}">${l === 'nl' ? t.langNl : t.langEn}</label></div>`)}
</fieldset>`
      : html`<input type="hidden" name="language" value="${languages[0] ?? 'nl'}">`;

  const representativeSection = onBehalfAllowed
    ? html`<fieldset>
<legend>${t.onBehalf}</legend>
<p class="hint" id="onbehalf-hint">${representation?.authorisationRequired ? `${fill(t.authorisation, { article: representation.citation.article }, lang)}${representation.pausesClock ? ` ${t.authorisationPauses}` : ''}` : t.authorisationFree}</p>
<div class="choice"><input type="radio" id="f-onBehalf-no" name="onBehalf" value="no" aria-describedby="onbehalf-hint"${attrIf(values.onBehalf !== 'yes', 'checked')}><label for="f-onBehalf-no">${t.onBehalfNo}</label></div>
<div class="choice"><input type="radio" id="f-onBehalf-yes" name="onBehalf" value="yes" aria-describedby="onbehalf-hint"${attrIf(values.onBehalf === 'yes', 'checked')}><label for="f-onBehalf-yes">${t.onBehalfYes}</label></div>
<div id="representative" data-show-when="onBehalf=yes">
<h3>${t.representative}</h3>
<p class="hint">${t.representativeHint}</p>
${field({ id: 'repName', label: t.repName, value: values.repName, maxlength: FIELD_LIMITS.repName, autocomplete: 'name', error: errorOf('repName'), t })}
${field({ id: 'repEmail', label: t.repEmail, value: values.repEmail, type: 'email', maxlength: FIELD_LIMITS.repEmail, autocomplete: 'email', error: errorOf('repEmail'), t })}
</div>
</fieldset>`
    : '';

  const body = html`<h1>${formTitle}</h1>
${summary}
<p class="lead">${t.formIntro}</p>
<section class="box" aria-labelledby="expect-title">
<h2 id="expect-title">${t.expectTitle}</h2>
${
  opening.length
    ? html`<ul class="dates">${opening.map((m) => html`<li><strong>${m.label}</strong>: ${t.dueBy} <time datetime="${m.due}">${longDate(m.due, lang)}</time></li>`)}</ul>`
    : html`<p>${t.expectNone}</p>`
}
</section>
<details>
<summary>${t.procedureTitle}</summary>
${procedureHtml(input.procedure)}
</details>
<form method="post" action="${action}" novalidate accept-charset="utf-8" data-enhance="complaint-form" data-chars="${t.chars}">
<input type="hidden" name="submission" value="${values.submission}">
<fieldset>
<legend>${values.onBehalf === 'yes' ? t.aboutPerson : t.aboutYou}</legend>
${field({ id: 'name', label: t.name, value: values.name, required: true, maxlength: FIELD_LIMITS.name, autocomplete: 'name', error: errorOf('name'), t })}
${field({ id: 'email', label: t.email, value: values.email, type: 'email', required: true, hint: t.emailHint, maxlength: FIELD_LIMITS.email, autocomplete: 'email', error: errorOf('email'), t })}
${field({ id: 'phone', label: t.phone, value: values.phone, type: 'tel', hint: t.phoneHint, maxlength: FIELD_LIMITS.phone, autocomplete: 'tel', error: errorOf('phone'), t })}
${languageField}
</fieldset>
<fieldset>
<legend>${t.complaint}</legend>
${field({ id: 'description', label: t.description, short: t.short.description, value: values.description, required: true, textarea: true, hint: t.descriptionHint, maxlength: FIELD_LIMITS.description, error: errorOf('description'), t })}
${field({ id: 'occurredOn', label: t.occurredOn, short: t.short.occurredOn, value: values.occurredOn, type: 'date', hint: t.dateHint, error: errorOf('occurredOn'), t })}
${askedDates(regulation).map((d) => field({ id: `stated-${d.id}`, label: capitalise(d.label[lang]), value: values.stated[d.id] ?? '', type: 'date', hint: t.dateHint, error: errorOf(`stated-${d.id}`), t }))}
${field({ id: 'place', label: t.place, short: t.short.place, value: values.place, maxlength: FIELD_LIMITS.place, error: errorOf('place'), t })}
${field({ id: 'circumstances', label: t.circumstances, short: t.short.circumstances, value: values.circumstances, textarea: true, hint: t.circumstancesHint, maxlength: FIELD_LIMITS.circumstances, error: errorOf('circumstances'), t })}
</fieldset>
${categorySchemes}
${representativeSection}
${filesField(lang)}
<div class="hp" aria-hidden="true"><label for="f-${HONEYPOT_FIELD}">${t.honeypot}</label><input type="text" id="f-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>
<section aria-labelledby="privacy-title">
<h2 id="privacy-title">${t.privacyTitle}</h2>
<p>${fill(t.privacy, { org }, lang)}${regulation.confidentiality?.required ? ` ${t.confidential}` : ''}${retention ? ` ${fill(t.retention, { keep: retention }, lang)}` : ''}</p>
</section>
<button type="submit" data-sending="${t.sending}">${t.submit}</button>
</form>`;
  return { title, body };
}

/**
 * Files on the form: the field is there for the script (web/assets/form-js.ts), which sends the
 * complaint, then each file through the status link's upload route straight to storage, then opens
 * the status page. Without JavaScript a form cannot send files here (it posts urlencoded), so the
 * field stays hidden and the note says where files go: the status page, whose link the confirmation
 * gives at once, has an upload form that needs no script. The file input has no name: it never
 * travels with the form itself.
 */
function filesField(lang: Lang): Html {
  const t = pageTexts(lang);
  const limits = { types: FILE_TYPE_LABELS, max: megabytes(FILE_LIMITS.maxFileBytes), files: FILE_LIMITS.maxFiles };
  const types = Object.fromEntries(FILE_TYPES.flatMap((type) => type.extensions.map((extension) => [extension, type.contentType])));
  return html`<div class="field" id="files-field" hidden data-files
 data-max-bytes="${FILE_LIMITS.maxFileBytes}" data-max-files="${FILE_LIMITS.maxFiles}" data-types="${JSON.stringify(types)}"
 data-too-large="${text(lang, 'error.field.fileTooLarge', { max: limits.max })}" data-wrong-type="${text(lang, 'error.field.fileType', { types: limits.types })}"
 data-too-many="${text(lang, 'error.conflict.tooManyFiles', { max: limits.files })}" data-uploading="${t.filesUploading}" data-failed="${t.filesFailed}" data-to-status="${t.toStatusPage}">
<label for="f-files">${t.filesOnForm} <span class="muted">${t.optional}</span></label>
<span class="hint" id="f-files-hint">${fill(t.filesOnFormHint, limits, lang)}</span>
<span class="error" id="f-files-error" hidden></span>
<input type="file" id="f-files" multiple accept="${FILE_TYPES.flatMap((type) => [type.contentType, ...type.extensions.map((e) => `.${e}`)]).join(',')}" aria-describedby="f-files-hint">
</div>
<p class="hint" data-files-later>${t.filesLater}</p>`;
}

/** The id of the control an error summary link moves focus to. */
function firstControlOf(id: string, regulation: Regulation): string {
  if (id.startsWith('cat-')) return `f-${id}-0`;
  if (id === 'language') return `f-language-${regulation.organisation.languages[0] ?? 'nl'}`;
  return `f-${id}`;
}

export interface ConfirmationInput {
  regulation: Regulation;
  lang: Lang;
  complaint?: ComplaintRecord;
  /** Absolute or root-relative URL of the status page; absent on a replay. */
  statusPageUrl?: string;
  replayed?: boolean;
}

export function confirmationPage(input: ConfirmationInput): { title: string; body: Html } {
  const { regulation, lang, complaint } = input;
  const t = pageTexts(lang);
  const timeZone = regulation.organisation.timeZone;
  const open = complaint?.milestones.filter((m) => m.status === 'open') ?? [];
  const body = html`<h1>${t.thanksTitle}</h1>
<div class="notice" role="status"><p>${fill(t.thanks, { org: regulation.organisation.name }, lang)}</p></div>
${
  complaint
    ? html`<dl>
<dt>${t.reference}</dt><dd><span class="reference" data-reference>${complaint.reference}</span></dd>
<dt>${t.receivedAt}</dt><dd>${dateTime(complaint.receivedAt, lang, timeZone)}</dd>
</dl>`
    : ''
}
${open.length ? html`<h2>${t.youCanExpect}</h2><ul class="dates">${open.map((m) => html`<li><strong>${m.label[lang]}</strong>: ${t.dueBy} <time datetime="${m.due}">${longDate(m.due, lang)}</time></li>`)}</ul>` : ''}
${
  input.statusPageUrl
    ? html`<section class="box" aria-labelledby="status-link-title">
<h2 id="status-link-title">${t.statusLinkTitle}</h2>
<p>${t.statusLinkText}</p>
<p><a class="link-box" href="${input.statusPageUrl}" data-status-link>${input.statusPageUrl}</a></p>
<p>${t.filesAddOnStatus}</p>
</section>`
    : html`<p>${input.replayed ? t.replayed : t.confirmationMail}</p>`
}
${input.statusPageUrl ? html`<p>${t.confirmationMail}</p>` : ''}`;
  return { title: t.thanksTitle, body };
}
