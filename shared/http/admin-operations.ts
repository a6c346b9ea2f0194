/**
 * The staff API's own operations (functions/admin-api.ts): a complaint's file, one route per
 * workflow step, the measures register, API keys. OPERATIONS (api-spec.ts) lists them with every
 * other; the admin API reads them from here, so its bundle does not carry the other functions'
 * operations and schemas.
 */
import * as z from '../domain/zod.ts';
import { measureUpdateSchema, newMeasureSchema } from '../domain/measures/measures.ts';
import { newApiKeySchema } from '../domain/api-keys/api-keys.ts';
import { STEPS, STEP_IDS } from '../domain/workflow/steps.ts';
import { STAFF_ROLES, WRITE_ROLES } from '../auth/principal.ts';
import type { Operation } from './api-spec.ts';

export const measureListQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const STEP_OPERATIONS: readonly Operation[] = STEP_IDS.map((id) => ({
  operationId: `step-${id}`,
  method: 'POST',
  path: `/admin/complaints/{reference}/${id}`,
  functionId: 'admin-api',
  access: 'admin',
  roles: WRITE_ROLES,
  body: STEPS[id].input,
  step: id,
}));

export const GET_COMPLAINT_OPERATION: Operation = { operationId: 'get-complaint', method: 'GET', path: '/admin/complaints/{reference}', functionId: 'admin-api', access: 'admin', roles: STAFF_ROLES };

export const MEASURE_OPERATIONS: readonly Operation[] = [
  { operationId: 'list-measures', method: 'GET', path: '/admin/measures', functionId: 'admin-api', access: 'admin', roles: STAFF_ROLES, query: measureListQuerySchema },
  { operationId: 'create-measure', method: 'POST', path: '/admin/measures', functionId: 'admin-api', access: 'admin', roles: WRITE_ROLES, body: newMeasureSchema },
  { operationId: 'update-measure', method: 'PATCH', path: '/admin/measures/{id}', functionId: 'admin-api', access: 'admin', roles: WRITE_ROLES, body: measureUpdateSchema },
];

/** The organisation's own systems: keys for POST /complaints with `x-api-key` (shown once; only a hash is kept). */
export const API_KEY_OPERATIONS: readonly Operation[] = [
  { operationId: 'create-api-key', method: 'POST', path: '/admin/api-keys', functionId: 'admin-api', access: 'admin', roles: ['coordinator'], body: newApiKeySchema },
  { operationId: 'list-api-keys', method: 'GET', path: '/admin/api-keys', functionId: 'admin-api', access: 'admin', roles: ['coordinator', 'auditor'] },
  { operationId: 'revoke-api-key', method: 'DELETE', path: '/admin/api-keys/{id}', functionId: 'admin-api', access: 'admin', roles: ['coordinator'] },
];

export const ADMIN_API_OPERATIONS: readonly Operation[] = [GET_COMPLAINT_OPERATION, ...STEP_OPERATIONS, ...MEASURE_OPERATIONS, ...API_KEY_OPERATIONS];
