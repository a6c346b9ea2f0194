/**
 * The API's operations, declared once: the route table (CDK and the local gateway), the admin
 * handler's dispatch and the OpenAPI document are all built from this list and the zod schemas
 * it names, so they cannot disagree.
 */
import type * as z from '../domain/zod.ts';
import type { StepId } from '../domain/workflow/steps.ts';
import type { StaffRole } from '../auth/principal.ts';
import { API_KEY_OPERATIONS, GET_COMPLAINT_OPERATION, STATUS_LINK_OPERATION, STEP_OPERATIONS } from './admin-operations.ts';
import { statusActionSchemas } from './status-schemas.ts';
import { COMPLAINT_DEADLINES_OPERATION, CONSOLE_PAGE_OPERATION, deadlinesQuerySchema, WEBHOOK_STATE_OPERATION } from './console-operations.ts';
import { PRIVACY_OPERATIONS } from './privacy-operations.ts';
import { INTAKE_OPERATIONS } from './intake-operations.ts';
import { complaintListQuerySchema, LIST_OPERATIONS, measureListQuerySchema } from './list-operations.ts';
import { LETTER_OPERATIONS } from './letter-operations.ts';
import { ATTACHMENT_OPERATIONS, STATUS_UPLOAD_OPERATION } from './attachment-operations.ts';
import { REPORT_ROLES, reportQuerySchema } from '../domain/report/report-query.ts';

export { complaintListQuerySchema, deadlinesQuerySchema, measureListQuerySchema, statusActionSchemas };

export type FunctionId =
  | 'submit-complaint'
  | 'deadline-check'
  | 'outbox-drain'
  | 'admin-api'
  | 'admin-privacy'
  | 'admin-console'
  | 'complaint-status'
  | 'api-docs'
  | 'deadline-sweeper'
  | 'web-pages'
  | 'web-static'
  | 'mail-events'
  | 'admin-reports'
  | 'admin-lists'
  | 'admin-letters'
  | 'admin-attachments'
  | 'attachment-check';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax: /complaints/{reference}. */
  path: string;
  functionId: FunctionId;
  access: 'public' | 'admin' | 'status-link';
  /**
   * Staff roles that may call it: required, and never empty, on an admin operation (STAFF_ROLES
   * for every staff role, said explicitly). operationGuards() refuses to start a function with
   * an admin operation without roles, and tests/unit/shared/http/auth-middleware.test.ts checks the table.
   */
  roles?: readonly StaffRole[];
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** Content type of the success response ('redirect': a 302 to a short-lived link). */
  produces?: 'application/json' | 'text/csv' | 'text/html' | 'text/calendar' | 'redirect';
  /** The workflow step it performs. */
  step?: StepId;
}

export const OPERATIONS: readonly Operation[] = [
  // Intake, public and by staff: functions/submit-complaint.ts, declared in intake-operations.ts.
  INTAKE_OPERATIONS[0]!,
  { operationId: 'openapi', method: 'GET', path: '/openapi.json', functionId: 'api-docs', access: 'public' },
  { operationId: 'status', method: 'GET', path: '/status/{token}', functionId: 'complaint-status', access: 'status-link' },
  { operationId: 'status-objection', method: 'POST', path: '/status/{token}/objection', functionId: 'complaint-status', access: 'status-link', body: statusActionSchemas.objection },
  { operationId: 'status-information', method: 'POST', path: '/status/{token}/information', functionId: 'complaint-status', access: 'status-link', body: statusActionSchemas.information },
  { operationId: 'status-authorisation', method: 'POST', path: '/status/{token}/authorisation', functionId: 'complaint-status', access: 'status-link', body: statusActionSchemas.authorisation },
  // A file for the complaint (evidence, the signed authorisation): declared here, then POSTed straight to storage (attachment-operations.ts).
  STATUS_UPLOAD_OPERATION,
  // The lists, the dashboard, the calendar feeds and the measures register: functions/admin-lists.ts, declared in list-operations.ts.
  ...LIST_OPERATIONS,
  INTAKE_OPERATIONS[1]!,
  GET_COMPLAINT_OPERATION,
  // The console's function (functions/admin-console.ts; declared in console-operations.ts), so the explanation texts stay out of the admin API's bundle.
  COMPLAINT_DEADLINES_OPERATION,
  ...STEP_OPERATIONS,
  // A new status link for the complainant, the old one dead (admin-operations.ts).
  STATUS_LINK_OPERATION,
  { operationId: 'yearly-report', method: 'GET', path: '/admin/reports/yearly', functionId: 'admin-reports', access: 'admin', roles: REPORT_ROLES, query: reportQuerySchema },
  {
    operationId: 'yearly-report-csv',
    method: 'GET',
    path: '/admin/reports/yearly.csv',
    functionId: 'admin-reports',
    access: 'admin',
    roles: REPORT_ROLES,
    query: reportQuerySchema,
    produces: 'text/csv',
  },
  {
    operationId: 'yearly-report-html',
    method: 'GET',
    path: '/admin/reports/yearly.html',
    functionId: 'admin-reports',
    access: 'admin',
    roles: REPORT_ROLES,
    query: reportQuerySchema,
    produces: 'text/html',
  },
  // The organisation's own systems: keys for POST /complaints with `x-api-key` (shown once; only a hash is kept).
  ...API_KEY_OPERATIONS,
  // The webhook's state for the console (functions/admin-console.ts): configured or not, deliveries waiting or failing.
  WEBHOOK_STATE_OPERATION,
  // The hosted pages (HTML; Dutch, `?lang=en` English): functions/web-pages.ts, the console functions/admin-console.ts. Forms post urlencoded, not JSON.
  { operationId: 'complaint-form', method: 'GET', path: '/klacht', functionId: 'web-pages', access: 'public', produces: 'text/html' },
  { operationId: 'complaint-form-submit', method: 'POST', path: '/klacht', functionId: 'web-pages', access: 'public', produces: 'text/html' },
  // The status link's page, with its JSON in one function (functions/complaint-status.ts).
  { operationId: 'status-page', method: 'GET', path: '/status/{token}/pagina', functionId: 'complaint-status', access: 'status-link', produces: 'text/html' },
  { operationId: 'status-page-action', method: 'POST', path: '/status/{token}/pagina', functionId: 'complaint-status', access: 'status-link', produces: 'text/html' },
  CONSOLE_PAGE_OPERATION,
  { operationId: 'web-static', method: 'GET', path: '/static/{file}', functionId: 'web-static', access: 'public' },
  { operationId: 'web-asset', method: 'GET', path: '/assets/{file}', functionId: 'web-pages', access: 'public' },
  // Privacy (GDPR): functions/admin-privacy.ts, declared in privacy-operations.ts.
  ...PRIVACY_OPERATIONS,
  // The letters of a complaint as sent, and a step's letters before it is taken: functions/admin-letters.ts, declared in letter-operations.ts.
  ...LETTER_OPERATIONS,
  // A complaint's files, uploaded and opened by staff: functions/admin-attachments.ts, declared in attachment-operations.ts.
  ...ATTACHMENT_OPERATIONS,
];
