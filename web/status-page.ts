/**
 * The complainant's status page behind the private link: the complainant view
 * (shared/domain/complaint/complainant-view.ts) in plain words, and an HTML form for each action
 * open now, posting to the same use case as the JSON routes.
 */
import type { Regulation } from '../shared/domain/regulation/schema.ts';
import type { complainantView } from '../shared/domain/complaint/complainant-view.ts';
import { attrIf, html, type Html } from './html.ts';
import { dateTime, longDate, paragraphs } from './format.ts';
import { fill, pageTexts, type Lang } from './texts.ts';
import { lookup, texts } from '../shared/texts/index.ts';
import { maxLengthOf } from './schema-limits.ts';
import { statusActionSchemas } from '../shared/http/status-schemas.ts';
import { FILE_LIMITS, FILE_TYPE_LABELS, FILE_TYPES, megabytes, type AttachmentView } from '../shared/domain/attachments/files.ts';
import type { UploadForm } from '../shared/domain/ports.ts';

export type ComplainantView = ReturnType<typeof complainantView>;
export const STATUS_ACTIONS = ['information', 'authorisation', 'objection'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export function isStatusAction(value: string): value is StatusAction {
  return (STATUS_ACTIONS as readonly string[]).includes(value);
}

/** Form fields per action: the schema's field names, with the control ids the page uses. */
export const ACTION_FIELDS: Record<StatusAction, Array<{ name: string; id: string }>> = {
  information: [{ name: 'text', id: 'information-text' }],
  authorisation: [
    { name: 'attachment', id: 'authorisation-attachment' },
    { name: 'signedBy', id: 'authorisation-signedBy' },
    { name: 'statement', id: 'authorisation-statement' },
  ],
  objection: [{ name: 'text', id: 'objection-text' }],
};

function limit(action: StatusAction, name: string): number | undefined {
  const shape = (statusActionSchemas[action] as unknown as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def?.shape ?? {};
  return maxLengthOf(shape[name]);
}

export interface StatusPageInput {
  regulation: Regulation;
  view: ComplainantView;
  lang: Lang;
  /** This page's own path (forms post here), without query. */
  selfPath: string;
  /** Set after a successful action (?sent=...). */
  sent?: StatusAction;
  /** Errors of one action's form: per field, or one message for the form. */
  failed?: { action: StatusAction; fields: Record<string, string>; message?: string; values: Record<string, string> };
  /** The page's own upload form (a presigned POST straight to storage; no JavaScript needed). */
  upload?: UploadForm;
  /** Set when storage sent the browser back after an upload (?uploaded=<id>). */
  uploaded?: string;
}

/** The words for a file's size ("1,2 MB", "800 kB"). */
function sizeText(bytes: number, lang: Lang): string {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} kB`;
}

/** A file in a line: name, size, when, and its state (with the reason of a refusal). */
function fileLine(file: AttachmentView, lang: Lang, timeZone: string): string {
  const t = pageTexts(lang);
  const state = texts(lang).attachment.state[file.state];
  const why = file.reason
    ? fill(
        t.fileRefusedWhy,
        {
          state,
          reason: fill(
            texts(lang).attachment.refused[file.reason],
            { max: megabytes(FILE_LIMITS.maxFileBytes), types: FILE_TYPE_LABELS, files: FILE_LIMITS.maxFiles, total: megabytes(FILE_LIMITS.maxTotalBytes) },
            lang,
          ),
        },
        lang,
      )
    : state;
  return fill(t.fileLine, { name: file.name, size: sizeText(file.size, lang), when: dateTime(file.uploadedAt, lang, timeZone), state: why }, lang);
}

/** What the file input offers to choose (the browser's filter; the check decides). */
const ACCEPT = FILE_TYPES.flatMap((type) => [type.contentType, ...type.extensions.map((e) => `.${e}`)]).join(',');

export function statusPage(input: StatusPageInput): { title: string; body: Html } {
  const { view, lang, regulation, failed } = input;
  const t = pageTexts(lang);
  const timeZone = regulation.organisation.timeZone;
  const statusTitle = fill(t.statusTitle, { ref: view.reference }, lang);
  const action = `${input.selfPath}${lang === 'en' ? '?lang=en' : ''}`;
  const hasErrors = Boolean(failed && (failed.message || Object.keys(failed.fields).length));
  const title = hasErrors ? fill(t.errorPageTitle, { title: statusTitle }, lang) : statusTitle;

  const textField = (act: StatusAction, name: string, label: string, opts: { textarea?: boolean; hint?: string; optional?: boolean } = {}) => {
    const id = ACTION_FIELDS[act].find((f) => f.name === name)!.id;
    const error = failed?.action === act ? failed.fields[name] : undefined;
    const value = failed?.action === act ? (failed.values[name] ?? '') : '';
    const max = limit(act, name);
    const described = [opts.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const attrs = html`id="${id}" name="${name}"${attrIf(!opts.optional, 'required')}${attrIf(max, 'maxlength', String(max ?? ''))}${attrIf(described, 'aria-describedby', described)}${attrIf(error, 'aria-invalid', 'true')}`;
    return html`<div class="field"><label for="${id}">${label} <span class="muted">${opts.optional ? t.optional : t.required}</span></label>
${opts.hint ? html`<span class="hint" id="${id}-hint">${opts.hint}</span>` : ''}
${error ? html`<span class="error" id="${id}-error">${label}: ${error}</span>` : ''}
${opts.textarea ? html`<textarea ${attrs} rows="6">${value}</textarea>` : html`<input type="text" ${attrs} value="${value}">`}</div>`;
  };

  const formFor = (act: StatusAction, heading: string, intro: Html | string, fields: Html, submit: string) => {
    const message = failed?.action === act ? failed.message : undefined;
    const fieldErrors = failed?.action === act ? Object.entries(failed.fields) : [];
    const errorSummary =
      message || fieldErrors.length
        ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="${act}-errors">
<h3 id="${act}-errors">${t.errorTitle}</h3>
<ul>${message ? html`<li>${message}</li>` : ''}${fieldErrors.map(([name, m]) => html`<li><a href="#${ACTION_FIELDS[act].find((f) => f.name === name)?.id ?? ''}">${m}</a></li>`)}</ul></div>`
        : '';
    return html`<section aria-labelledby="${act}-title">
<h3 id="${act}-title">${heading}</h3>
${errorSummary}
${intro ? html`<p>${intro}</p>` : ''}
<form method="post" action="${action}" novalidate accept-charset="utf-8">
<input type="hidden" name="action" value="${act}">
${fields}
<button type="submit">${submit}</button>
</form>
</section>`;
  };

  const forms: Html[] = [];
  if (view.actions.includes('authorisation')) {
    const typed = (view.authorisationAccepts ?? []).includes('typed-statement');
    const usable = view.files.filter((f) => f.state === 'clean' || f.state === 'pending');
    const fileError = failed?.action === 'authorisation' ? failed.fields.attachment : undefined;
    const chosen = failed?.action === 'authorisation' ? failed.values.attachment : undefined;
    const choice = usable.length
      ? html`<fieldset id="authorisation-attachment"${attrIf(fileError, 'aria-describedby', 'authorisation-attachment-error')}>
<legend>${t.authDocument}</legend>
${fileError ? html`<span class="error" id="authorisation-attachment-error">${t.authDocument}: ${fileError}</span>` : ''}
${usable.map((f, i) => html`<div class="choice"><input type="radio" id="authorisation-attachment-${i}" name="attachment" value="${f.id}"${attrIf(chosen ? chosen === f.id : i === usable.length - 1 && !typed, 'checked')}><label for="authorisation-attachment-${i}">${fileLine(f, lang, timeZone)}</label></div>`)}
</fieldset>`
      : html`<p class="hint">${t.authDocumentNone}</p>`;
    const statement = typed
      ? html`<h4>${t.authOrStatement}</h4><p class="hint">${t.authOrStatementHint}</p>${textField('authorisation', 'signedBy', t.signedBy, { optional: true })}${textField('authorisation', 'statement', t.statement, { textarea: true, hint: t.statementHint, optional: true })}`
      : '';
    if (usable.length || typed) forms.push(formFor('authorisation', t.sendAuth, `${t.sendAuthIntro} ${t.authDocumentHint}`, html`${choice}${statement}`, t.sendAuthSubmit));
    else forms.push(html`<section aria-labelledby="authorisation-title"><h3 id="authorisation-title">${t.sendAuth}</h3><p>${t.sendAuthIntro}</p>${choice}</section>`);
  }
  if (view.actions.includes('objection')) {
    forms.push(
      formFor(
        'objection',
        t.object,
        view.objectionUntil ? fill(t.objectionUntil, { date: longDate(view.objectionUntil, lang) }, lang) : '',
        textField('objection', 'text', t.objectLabel, { textarea: true }),
        t.objectSubmit,
      ),
    );
  }
  if (view.actions.includes('information')) {
    forms.push(formFor('information', t.addInfo, '', textField('information', 'text', t.addInfoLabel, { textarea: true }), t.addInfoSubmit));
  }

  const body = html`<h1>${statusTitle}</h1>
<p class="muted">${fill(t.statusAt, { org: view.organisation }, lang)} · ${t.receivedAt} ${dateTime(view.receivedAt, lang, timeZone)}</p>
<p class="muted" data-regulation-version="${view.regulation.version}">${fill(view.regulation.superseded ? t.handledUnderSuperseded : t.handledUnder, { title: view.regulation.title, version: view.regulation.version, from: longDate(view.regulation.effectiveFrom, lang) }, lang)}</p>
${input.sent ? html`<div class="notice" role="status"><p>${t.sent[input.sent]}</p></div>` : ''}
${input.uploaded ? html`<div class="notice" role="status" data-uploaded="${input.uploaded}"><p>${t.fileUploaded}</p></div>` : ''}
<section class="box" aria-labelledby="where-title">
<h2 id="where-title">${t.where}</h2>
<p class="lead" data-status="${view.status}">${view.statusText}</p>
<h3>${t.next}</h3>
${view.dates.length ? html`<ul class="dates">${view.dates.map((d) => html`<li data-kind="${d.kind}"><strong>${d.what}</strong>: ${d.every ? `${fill(t.every, { period: d.every }, lang)} ` : ''}${d.kind === 'target' ? t.aimFor : t.dueBy} <time datetime="${d.due}">${longDate(d.due, lang)}</time>${d.kind === 'target' ? html` <span class="muted">(${t.targetNote})</span>` : ''}${d.extended ? html` <span class="muted">(${t.extended})</span>` : ''}</li>`)}</ul>` : html`<p>${t.nextNone}</p>`}
${view.consents.length ? html`<h3>${t.consentsTitle}</h3>${view.consents.map((c) => html`<p data-consent>${fill(t.consentLine, { what: c.what, by: c.by, on: longDate(c.on, lang), how: texts(lang).consentForm[c.form] }, lang)}</p>`)}` : ''}
</section>
${
  view.decision
    ? html`<section aria-labelledby="decision-title">
<h2 id="decision-title">${t.decision}</h2>
<dl><dt>${t.outcome}</dt><dd data-outcome>${view.decision.outcome}</dd></dl>
${view.decision.reasoning ? html`<h3>${t.reasons}</h3>${paragraphs(view.decision.reasoning)}` : ''}
${view.objectionUntil ? html`<p>${fill(t.objectionUntil, { date: longDate(view.objectionUntil, lang) }, lang)}</p>` : ''}
</section>`
    : ''
}
<section aria-labelledby="timeline-title">
<h2 id="timeline-title">${t.timeline}</h2>
<ol class="timeline">${[...view.timeline].reverse().map((item) => html`<li><time datetime="${item.at}">${dateTime(item.at, lang, timeZone)}</time>${capitalise(lookup(lang, `page.event.${item.text}`) ?? item.text)}</li>`)}</ol>
</section>
${forms.length ? html`<section aria-labelledby="actions-title"><h2 id="actions-title">${t.actions}</h2>${forms}</section>` : ''}
${filesSection(input)}`;
  return { title, body };
}

/**
 * The complainant's files and the form to send one. The form posts straight to storage (the
 * presigned POST's fields, then the file), which sends the browser back to this page: it works
 * without JavaScript. Storage itself refuses a file over the size limit; the check after upload
 * refuses the rest (type, content), and the list here says so.
 */
function filesSection(input: StatusPageInput): Html | string {
  const { view, lang, regulation } = input;
  const t = pageTexts(lang);
  const upload = input.upload;
  if (!upload && !view.files.length) return '';
  const intro = fill(t.filesIntro, { types: FILE_TYPE_LABELS, max: megabytes(FILE_LIMITS.maxFileBytes), files: FILE_LIMITS.maxFiles, total: megabytes(FILE_LIMITS.maxTotalBytes) }, lang);
  const list = view.files.length
    ? html`<ul class="files">${view.files.map((f) => html`<li data-file="${f.id}" data-state="${f.state}">${fileLine(f, lang, regulation.organisation.timeZone)}</li>`)}</ul>`
    : html`<p>${t.filesNone}</p>`;
  const form = upload
    ? html`<form method="post" action="${upload.url}" enctype="multipart/form-data" data-upload-form>
${Object.entries(upload.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<div class="field"><label for="file-name">${t.fileName} <span class="muted">${t.optional}</span></label>
<span class="hint" id="file-name-hint">${t.fileNameHint}</span>
<input type="text" id="file-name" name="x-amz-meta-name" maxlength="120" aria-describedby="file-name-hint"></div>
<div class="field"><label for="file">${t.fileChoose} <span class="muted">${t.required}</span></label>
<span class="hint" id="file-hint">${intro}</span>
<input type="file" id="file" name="file" required accept="${ACCEPT}" aria-describedby="file-hint file-note"></div>
<p class="hint" id="file-note">${t.fileLimitNote}</p>
<button type="submit">${t.fileSubmit}</button>
</form>`
    : '';
  return html`<section aria-labelledby="files-title">
<h2 id="files-title">${t.filesTitle}</h2>
${upload ? '' : html`<p>${intro}</p>`}
${list}
${form}
</section>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
