/**
 * The API's operations, declared once: the route table (CDK and the local gateway), the admin
 * handler's dispatch and the OpenAPI document are all built from this list and the zod schemas
 * it names, so they cannot disagree.
 */
import * as z from '../domain/zod.ts';
import { COMPLAINT_STATUSES } from '../domain/complaint/model.ts';
import { measureUpdateSchema, newMeasureSchema } from '../domain/measures/measures.ts';
import { newApiKeySchema } from '../domain/api-keys/api-keys.ts';
import { STEPS, STEP_IDS, type StepId } from '../domain/workflow/steps.ts';
import { STAFF_ROLES, WRITE_ROLES, type StaffRole } from '../auth/principal.ts';
import { statusActionSchemas } from './status-schemas.ts';
import { COMPLAINT_DEADLINES_OPERATION, CONSOLE_PAGE_OPERATION, deadlinesQuerySchema } from './console-operations.ts';
import { PRIVACY_OPERATIONS } from './privacy-operations.ts';
import { INTAKE_OPERATIONS } from './intake-operations.ts';
import { REPORT_ROLES, reportQuerySchema } from '../domain/report/report-query.ts';

export { deadlinesQuerySchema, statusActionSchemas };

export type FunctionId = 'submit-complaint' | 'deadline-check' | 'outbox-drain' | 'admin-api' | 'admin-privacy' | 'admin-console' | 'complaint-status' | 'api-docs' | 'deadline-sweeper' | 'web-pages' | 'web-static' | 'mail-events' | 'admin-reports';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax: /complaints/{reference}. */
  path: string;
  functionId: FunctionId;
  access: 'public' | 'admin' | 'status-link';
  /** Staff roles that may call it (admin operations). */
  roles?: readonly StaffRole[];
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** Content type of the success response. */
  produces?: 'application/json' | 'text/csv' | 'text/html';
  /** The workflow step it performs. */
  step?: StepId;
}

export const complaintListQuerySchema = z.strictObject({
  status: z.optional(z.enum(COMPLAINT_STATUSES)),
  category: z.optional(z.string().check(z.maxLength(64))),
  handler: z.optional(z.email()),
  overdue: z.optional(z.enum(['true', 'false'])),
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const measureListQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

const stepOperations: Operation[] = STEP_IDS.map((id) => ({
  operationId: `step-${id}`,
  method: 'POST',
  path: `/admin/complaints/{reference}/${id}`,
  functionId: 'admin-api',
  access: 'admin',
  roles: WRITE_ROLES,
  body: STEPS[id].input,
  step: id,
}));

export const OPERATIONS: readonly Operation[] = [
  // Intake, public and by staff: functions/submit-complaint.ts, declared in intake-operations.ts.
  INTAKE_OPERATIONS[0]!,
  { operationId: 'openapi', method: 'GET', path: '/openapi.json', functionId: 'api-docs', access: 'public' },
  { operationId: 'status', method: 'GET', path: '/status/{token}', functionId: 'complaint-status', access: 'status-link' },
  { operationId: 'status-objection', method: 'POST', path: '/status/{token}/objection', functionId: 'complaint-status', access: 'status-link', body: statusActionSchemas.objection },
  { operationId: 'status-information', method: 'POST', path: '/status/{token}/information', functionId: 'complaint-status', access: 'status-link', body: statusActionSchemas.information },
  { operationId: 'status-authorisation', method: 'POST', path: '/status/{token}/authorisation', functionId: 'complaint-status', access: 'status-link', body: statusActionSchemas.authorisation },
  { operationId: 'list-complaints', method: 'GET', path: '/admin/complaints', functionId: 'admin-api', access: 'admin', roles: STAFF_ROLES, query: complaintListQuerySchema },
  INTAKE_OPERATIONS[1]!,
  { operationId: 'export-complaints', method: 'GET', path: '/admin/export/complaints.csv', functionId: 'admin-api', access: 'admin', roles: STAFF_ROLES, query: complaintListQuerySchema, produces: 'text/csv' },
  { operationId: 'get-complaint', method: 'GET', path: '/admin/complaints/{reference}', functionId: 'admin-api', access: 'admin', roles: STAFF_ROLES },
  // The console's function (functions/admin-console.ts; declared in console-operations.ts), so the explanation texts stay out of the admin API's bundle.
  COMPLAINT_DEADLINES_OPERATION,
  ...stepOperations,
  { operationId: 'list-measures', method: 'GET', path: '/admin/measures', functionId: 'admin-api', access: 'admin', roles: STAFF_ROLES, query: measureListQuerySchema },
  { operationId: 'create-measure', method: 'POST', path: '/admin/measures', functionId: 'admin-api', access: 'admin', roles: WRITE_ROLES, body: newMeasureSchema },
  { operationId: 'update-measure', method: 'PATCH', path: '/admin/measures/{id}', functionId: 'admin-api', access: 'admin', roles: WRITE_ROLES, body: measureUpdateSchema },
  { operationId: 'yearly-report', method: 'GET', path: '/admin/reports/yearly', functionId: 'admin-reports', access: 'admin', roles: REPORT_ROLES, query: reportQuerySchema },
  { operationId: 'yearly-report-csv', method: 'GET', path: '/admin/reports/yearly.csv', functionId: 'admin-reports', access: 'admin', roles: REPORT_ROLES, query: reportQuerySchema, produces: 'text/csv' },
  { operationId: 'yearly-report-html', method: 'GET', path: '/admin/reports/yearly.html', functionId: 'admin-reports', access: 'admin', roles: REPORT_ROLES, query: reportQuerySchema, produces: 'text/html' },
  // The organisation's own systems: keys for POST /complaints with `x-api-key` (shown once; only a hash is kept).
  { operationId: 'create-api-key', method: 'POST', path: '/admin/api-keys', functionId: 'admin-api', access: 'admin', roles: ['coordinator'], body: newApiKeySchema },
  { operationId: 'list-api-keys', method: 'GET', path: '/admin/api-keys', functionId: 'admin-api', access: 'admin', roles: ['coordinator', 'auditor'] },
  // The hosted pages (HTML; Dutch, `?lang=en` English): functions/web-pages.ts, the console functions/admin-console.ts. Forms post urlencoded, not JSON.
  { operationId: 'complaint-form', method: 'GET', path: '/klacht', functionId: 'web-pages', access: 'public', produces: 'text/html' },
  { operationId: 'complaint-form-submit', method: 'POST', path: '/klacht', functionId: 'web-pages', access: 'public', produces: 'text/html' },
  // The status link's page, with its JSON in one function (functions/complaint-status.ts).
  { operationId: 'status-page', method: 'GET', path: '/status/{token}/pagina', functionId: 'complaint-status', access: 'status-link', produces: 'text/html' },
  { operationId: 'status-page-action', method: 'POST', path: '/status/{token}/pagina', functionId: 'complaint-status', access: 'status-link', produces: 'text/html' },
  CONSOLE_PAGE_OPERATION,
  { operationId: 'web-static', method: 'GET', path: '/static/{file}', functionId: 'web-static', access: 'public' },
  { operationId: 'web-asset', method: 'GET', path: '/assets/{file}', functionId: 'web-pages', access: 'public' },
  { operationId: 'revoke-api-key', method: 'DELETE', path: '/admin/api-keys/{id}', functionId: 'admin-api', access: 'admin', roles: ['coordinator'] },
  // Privacy (GDPR): functions/admin-privacy.ts, declared in privacy-operations.ts.
  ...PRIVACY_OPERATIONS,
];
