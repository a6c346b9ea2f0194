/**
 * The admin console's page: a static shell plus web/assets/console-js.ts, which signs in and
 * talks to the admin API with the staff token. The shell carries the configuration the script
 * needs: where the API is, how to sign in, the server's clock, and the parts of the regulation
 * the step forms offer (remedies, grounds, channels, categories, deadlines, roles).
 *
 * Sign-in is the seam between local and AWS:
 * - locally (JWT_ISSUER is the dev issuer's `/_local/issuer/<tenant>`): pick a demo user from
 *   `/_local/users/<tenant>`, get a token and a refresh token from `POST /_local/token`, renew it
 *   with `POST /_local/token {refreshToken}`, sign out with `POST /_local/revoke`;
 * - in AWS: Cognito's hosted sign-in (authorization code + PKCE) when CONSOLE_AUTH_DOMAIN is set
 *   to the user pool's hosted-UI domain (https://<prefix>.auth.<region>.amazoncognito.com); the
 *   app client is JWT_AUDIENCE, and its callback and logout URLs must include `<api>/console`.
 *   The token endpoint's refresh token (a working day) renews the id token; sign-out revokes it
 *   (/oauth2/revoke) and ends the hosted UI's session (/logout).
 * - neither: the console says sign-in is not configured.
 */
import type { Regulation } from '../shared/domain/regulation/schema.ts';
import { EVENT_NAMES, OUTCOME_IDS } from '../shared/domain/regulation/vocabulary.ts';
import { texts, type Catalogue } from '../shared/texts/index.ts';
import { statedDateLabel } from '../shared/domain/regulation/milestones.ts';
import { STAFF_ROLES, WRITE_ROLES } from '../shared/auth/principal.ts';
import { COMPLAINT_STATUSES } from '../shared/domain/complaint/model.ts';
import { createHash } from 'node:crypto';
import { REPORT_CSS } from '../shared/domain/report/report-css.ts';
import { FILE_LIMITS, FILE_TYPE_LABELS, FILE_TYPES } from '../shared/domain/attachments/files.ts';
import { html, raw, type Html } from './html.ts';
import type { Lang } from './texts.ts';

export type ConsoleAuth = { kind: 'local'; usersUrl: string; tokenUrl: string; revokeUrl: string } | { kind: 'cognito'; domain: string; clientId: string } | { kind: 'none' };

/** How the console signs in, from the function's environment. */
export function consoleAuth(env: { TENANT_ID: string; JWT_ISSUER?: string | undefined; JWT_AUDIENCE?: string | undefined; CONSOLE_AUTH_DOMAIN?: string | undefined }): ConsoleAuth {
  if (env.CONSOLE_AUTH_DOMAIN) {
    const url = new URL(env.CONSOLE_AUTH_DOMAIN);
    if (url.protocol !== 'https:') throw new Error("CONSOLE_AUTH_DOMAIN must be an https:// URL (the user pool's hosted-UI domain)");
    if (!env.JWT_AUDIENCE) throw new Error("CONSOLE_AUTH_DOMAIN needs JWT_AUDIENCE (the console's app client id)");
    return { kind: 'cognito', domain: url.origin, clientId: env.JWT_AUDIENCE };
  }
  if (env.JWT_ISSUER && /\/_local\/issuer\/[^/]+$/.test(env.JWT_ISSUER)) {
    // Root-relative: the console and the dev issuer are served by the same local gateway.
    return { kind: 'local', usersUrl: `/_local/users/${encodeURIComponent(env.TENANT_ID)}`, tokenUrl: '/_local/token', revokeUrl: '/_local/revoke' };
  }
  return { kind: 'none' };
}

export interface ConsoleConfig {
  tenant: string;
  lang: Lang;
  /** Path prefix of the tenant's API ('' in AWS, '/demo' locally). */
  apiBase: string;
  /** The system clock when the page was served (locally it can run ahead of the machine's). */
  now: string;
  timeZone: string;
  organisation: string;
  auth: ConsoleAuth;
  statuses: readonly string[];
  roles: readonly string[];
  /** The roles that may write (add a file, take a step). */
  writeRoles: readonly string[];
  /** Event types in words, for the timeline. */
  events: Record<string, string>;
  /** Every outcome in words (the regulation's own words first), for a decision shown in the file. */
  outcomeLabels: Record<string, string>;
  /**
   * The console's words from the text catalogue (shared/texts), in its language: its own
   * (`console`), the steps, the statuses, the error texts (translated from an error's key or
   * code), the period units and modes.
   */
  texts: Pick<Catalogue, 'console' | 'step' | 'status' | 'error' | 'mode' | 'attachment'>;
  /** What staff may upload: extension -> content type, the per-file limit, the types in words. */
  files: { types: Record<string, string>; maxFileBytes: number; maxFiles: number; maxTotalBytes: number; typeLabels: string };
  regulation: {
    outcomes: Array<{ id: string; label: string }>;
    remedies: Array<{ id: string; label: string }>;
    grounds: Array<{ id: string; label: string }>;
    complainantKinds: Array<{ id: string; label: string }>;
    tiers: Array<{ id: string; label: string }>;
    hearingExceptions: string[];
    /** The kinds of representative the regulation distinguishes (a parent, a surviving relative), if any. */
    representativeKinds: Array<{ id: string; label: string }>;
    adviceBy?: string;
    channels: Array<{ id: string; label: string; mode: string }>;
    categories: Array<{ scheme: string; label: string; multiple: boolean; categories: Array<{ id: string; label: string }> }>;
    milestones: Array<{ id: string; label: string; extendable: boolean; kind: string }>;
    statedDates: Array<{ id: string; label: string }>;
    ownEvents: Array<{ id: string; label: string }>;
    signOffBy: string[];
    roleLabels: Record<string, string>;
    languages: string[];
    externalChosen: boolean;
    measures: { corrective: boolean; preventive: boolean };
  };
}

export function consoleConfig(regulation: Regulation, options: { tenant: string; lang: Lang; apiBase: string; now: Date; auth: ConsoleAuth }): ConsoleConfig {
  const lang = options.lang;
  const words = texts(lang);
  const ownOutcome = (id: string) => regulation.outcomes.find((o) => o.id === id)?.label?.[lang];
  return {
    tenant: options.tenant,
    lang,
    apiBase: options.apiBase,
    now: options.now.toISOString(),
    timeZone: regulation.organisation.timeZone,
    organisation: regulation.organisation.name,
    auth: options.auth,
    statuses: COMPLAINT_STATUSES,
    roles: STAFF_ROLES,
    writeRoles: WRITE_ROLES,
    events: { ...Object.fromEntries(EVENT_NAMES.map((id) => [id, words.event[id]])), ...Object.fromEntries(regulation.events.map((e) => [e.id, e.label[lang]])), ...words.console.event },
    outcomeLabels: Object.fromEntries([...OUTCOME_IDS, 'offer' as const].map((id) => [id, ownOutcome(id) ?? words.outcome[id]])),
    texts: { console: words.console, step: words.step, status: words.status, error: words.error, mode: words.mode, attachment: words.attachment },
    files: {
      types: Object.fromEntries(FILE_TYPES.flatMap((t) => t.extensions.map((ext) => [ext, t.contentType]))),
      maxFileBytes: FILE_LIMITS.maxFileBytes,
      maxFiles: FILE_LIMITS.maxFiles,
      maxTotalBytes: FILE_LIMITS.maxTotalBytes,
      typeLabels: FILE_TYPE_LABELS,
    },
    regulation: {
      outcomes: regulation.outcomes.filter((o) => o.id === 'founded' || o.id === 'partly-founded' || o.id === 'unfounded').map((o) => ({ id: o.id, label: o.label?.[lang] ?? words.outcome[o.id] })),
      remedies: (regulation.resolution?.remedies ?? []).map((r) => ({ id: r.id, label: r.label[lang] })),
      grounds: regulation.admissibility.grounds.map((g) => ({ id: g.id, label: g.label[lang] })),
      complainantKinds: regulation.scope.complainants.length > 1 ? regulation.scope.complainants.map((c) => ({ id: c.id, label: c.label[lang] })) : [],
      tiers: regulation.external.kind === 'tiers' ? regulation.external.tiers.map((t) => ({ id: t.id, label: t.body.name })) : [],
      hearingExceptions: regulation.investigation?.hearing?.exceptions ?? [],
      representativeKinds: (regulation.representation?.kinds ?? []).map((k) => ({ id: k.id, label: k.label[lang] })),
      ...(regulation.resolution?.advice ? { adviceBy: roleLabelOf(regulation, regulation.resolution.advice.by, lang) } : {}),
      channels: regulation.intake.channels.map((c) => ({ id: c.id, label: c.label?.[lang] ?? words.channel[c.kind], mode: c.mode })),
      categories: regulation.categorySchemes.map((s) => ({ scheme: s.id, label: s.label[lang], multiple: s.multiple, categories: s.categories.map((c) => ({ id: c.id, label: c.label[lang] })) })),
      milestones: regulation.milestones.map((m) => ({ id: m.id, label: m.label[lang], extendable: Boolean(m.extension), kind: m.kind })),
      statedDates: [
        { id: 'occurred-on', label: statedDateLabel(regulation, 'occurred-on', lang) },
        ...regulation.statedDates.filter((d) => d.statedBy.includes('staff')).map((d) => ({ id: d.id, label: d.label[lang] })),
      ],
      ownEvents: regulation.events.map((e) => ({ id: e.id, label: e.label[lang] })),
      signOffBy: regulation.signOff?.by ?? [],
      roleLabels: { complainant: words.role.complainant, ...Object.fromEntries(regulation.roles.map((r) => [r.id, r.label[lang]])) },
      languages: regulation.organisation.languages,
      externalChosen: regulation.external.kind === 'chosen-per-complaint',
      measures: { corrective: regulation.measures?.corrective ?? true, preventive: regulation.measures?.preventive ?? true },
    },
  };
}

function roleLabelOf(regulation: Regulation, id: string, lang: Lang): string {
  return regulation.roles.find((r) => r.id === id)?.label[lang] ?? id;
}

/**
 * What the console page's policy allows beyond its own files: the yearly report shown in a frame
 * (a blob: document made from the report's HTML, which inherits this page's policy), and that
 * report's one stylesheet by its hash (shared/domain/report/report-css.ts).
 */
export const CONSOLE_PAGE_POLICY = {
  styles: [`'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`],
  frames: ['blob:'],
} as const;

/** JSON inside <script type="application/json">: never able to close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * Where the console's script is (CONSOLE_SCRIPT_URL): a path on this host (`/_web/console.js`,
 * which the local gateway serves) or an https URL (wherever the stack hosts web/static.ts);
 * `origin` is what the page's CSP must allow besides itself.
 */
export function consoleScriptUrl(value: string | undefined): { src: string; origin?: string } | undefined {
  if (!value) return undefined;
  if (value.startsWith('/') && !value.startsWith('//')) return { src: value };
  const url = new URL(value);
  if (url.protocol !== 'https:') throw new Error('CONSOLE_SCRIPT_URL must be a path on this host or an https:// URL');
  return { src: url.href, origin: url.origin };
}

export function consoleHead(config: ConsoleConfig, scriptSrc?: string): Html {
  return html`<script type="application/json" id="console-config">${raw(jsonForScript(config))}</script>
${scriptSrc ? html`<script src="${scriptSrc}" defer></script>` : ''}`;
}

export function consoleBody(lang: Lang, scriptConfigured = true): { title: string; body: Html } {
  const words = texts(lang).console;
  const title = words.title;
  return {
    title,
    body: html`<h1 id="page-title">${title}</h1>
<noscript><p class="warn">${words.noscript}</p></noscript>
<div id="app" data-state="loading"><p>${scriptConfigured ? words.loading : words.notInstalled}</p></div>
<div id="live" class="hp" role="status" aria-live="polite"></div>`,
  };
}
