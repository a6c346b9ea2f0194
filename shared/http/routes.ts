/**
 * The one route table: the CDK HttpApi and the local gateway both build their routes from it,
 * so the deployed and local paths cannot drift apart. Routes come from the operations in
 * api-spec.ts; functions are listed here.
 */
import { OPERATIONS, type FunctionId, type HttpMethod } from './api-spec.ts';

export type { FunctionId };

export interface FunctionDefinition {
  id: FunctionId;
  /** Entry module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
}

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: /complaints/{reference}. */
  path: string;
  functionId: FunctionId;
  /** 'admin' routes need a staff token (JWT authorizer); the others are public. */
  access: 'public' | 'admin';
}

export const FUNCTIONS: readonly FunctionDefinition[] = [
  { id: 'submit-complaint', entry: 'functions/submit-complaint.ts', description: 'Complaint intake: the public form and API, and staff intake' },
  { id: 'deadline-check', entry: 'functions/deadline-check.ts', description: 'Target of every deadline schedule' },
  { id: 'outbox-drain', entry: 'functions/outbox-drain.ts', description: 'Delivers queued letters and schedules' },
  { id: 'admin-api', entry: 'functions/admin-api.ts', description: "Staff API: a complaint's file, workflow steps, API keys" },
  { id: 'admin-lists', entry: 'functions/admin-lists.ts', description: 'Staff API: lists, search, CSV export, the dashboard, calendar feeds of deadlines, the measures register' },
  { id: 'admin-letters', entry: 'functions/admin-letters.ts', description: "Staff API: a complaint's letters as sent, and the letters a step would send" },
  { id: 'admin-privacy', entry: 'functions/admin-privacy.ts', description: "Staff API: legal holds, a subject's data export and erasure, the privacy audit log" },
  { id: 'admin-console', entry: 'functions/admin-console.ts', description: "The admin console page, the reasons for a complaint's dates, the webhook's state" },
  { id: 'complaint-status', entry: 'functions/complaint-status.ts', description: "The complainant's private status link: JSON and its page" },
  { id: 'api-docs', entry: 'functions/api-docs.ts', description: 'The OpenAPI document' },
  { id: 'web-static', entry: 'functions/web-static.ts', description: 'Static files of the hosted pages (the console script)' },
  { id: 'mail-events', entry: 'functions/mail-events.ts', description: 'SES bounces and complaints: recorded on the complaint, the coordinator told' },
  { id: 'deadline-sweeper', entry: 'functions/deadline-sweeper.ts', description: 'Daily safety net: missed deadlines, lost schedules, weekly digests' },
  { id: 'admin-reports', entry: 'functions/admin-reports.ts', description: 'Staff API: the yearly complaint analysis as JSON, CSV and printable HTML' },
  { id: 'web-pages', entry: 'functions/web-pages.ts', description: "The hosted complaint form and the pages' assets" },
  { id: 'admin-attachments', entry: 'functions/admin-attachments.ts', description: "Staff API: a complaint's files, uploaded (presigned POST) and opened (short-lived link)" },
  { id: 'attachment-check', entry: 'functions/attachment-check.ts', description: "Checks every uploaded file (size, type by its bytes, limits) and records the malware scan's verdict" },
];

export const ROUTES: readonly RouteDefinition[] = OPERATIONS.map((op) => ({
  method: op.method,
  path: op.path,
  functionId: op.functionId,
  access: op.access === 'admin' ? 'admin' : 'public',
}));

/** The route key API Gateway puts in `requestContext.routeKey`, e.g. `POST /complaints`. */
export { routeKey } from './route-key.ts';
