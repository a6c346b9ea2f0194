/**
 * The admin console's script: a small app without a framework over the admin API, in parts, each
 * a self-contained function serialised into the one script the page loads (browserParts in
 * browser-script.ts; no build step: the Lambda bundler minifies the parts with the rest):
 *
 *   console/core.ts        words, formatting, DOM helpers, the session (refresh, sign-out, drafts
 *                          kept across an expired session), the API client, layout and router
 *   console/forms.ts       forms generated from the API's JSON Schemas (/openapi.json), errors
 *   console/complaints.ts  the dashboard, finding complaints, a complaint's file and its steps
 *   console/work.ts        staff intake, measures, the yearly report, the calendar feed
 *   console/admin.ts       API keys and the webhook, a complainant's data, the audit log
 *
 * Every element is built with the DOM (never innerHTML with data). The page's shell and its
 * configuration (the regulation's labels, the console's texts, sign-in) are web/console-page.ts.
 * The DOM hooks the browser tests rely on are listed in docs/console.md.
 */
import { browserParts } from './browser-script.ts';
import { consoleCore } from './console/core.ts';
import { consoleForms } from './console/forms.ts';
import { consoleComplaints } from './console/complaints.ts';
import { consoleWork } from './console/work.ts';
import { consoleAdmin } from './console/admin.ts';

/** The parts in order: the core first (the router takes the first route as the fallback: the dashboard). */
export const CONSOLE_PARTS = [consoleCore, consoleForms, consoleComplaints, consoleWork, consoleAdmin] as const;

/** The console's script, as served at /static/console.js (locally /_web/console.js). */
export const CONSOLE_JS = browserParts(CONSOLE_PARTS);
