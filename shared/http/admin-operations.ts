/**
 * The staff API's own operations (functions/admin-api.ts): a complaint's file, one route per
 * workflow step, API keys, a new status link (the measures register is the lists function's, list-operations.ts). OPERATIONS (api-spec.ts) lists them with every
 * other; the admin API reads them from here, so its bundle does not carry the other functions'
 * operations and schemas.
 */
import { newApiKeySchema } from '../domain/api-keys/api-keys.ts';
import { reissueStatusLinkSchema } from '../domain/complaint/status-link.ts';
import { STEPS, STEP_IDS } from '../domain/workflow/steps.ts';
import { STAFF_ROLES, WRITE_ROLES } from '../auth/principal.ts';
import type { Operation } from './api-spec.ts';

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

/** The organisation's own systems: keys for POST /complaints with `x-api-key` (shown once; only a hash is kept). */
export const API_KEY_OPERATIONS: readonly Operation[] = [
  { operationId: 'create-api-key', method: 'POST', path: '/admin/api-keys', functionId: 'admin-api', access: 'admin', roles: ['coordinator'], body: newApiKeySchema },
  { operationId: 'list-api-keys', method: 'GET', path: '/admin/api-keys', functionId: 'admin-api', access: 'admin', roles: ['coordinator', 'auditor'] },
  { operationId: 'revoke-api-key', method: 'DELETE', path: '/admin/api-keys/{id}', functionId: 'admin-api', access: 'admin', roles: ['coordinator'] },
];

/**
 * A new private status link for the complainant (shared/domain/complaint/status-link.ts): the old
 * one stops working, the new one is mailed, an event is recorded. The coordinator's alone.
 */
export const STATUS_LINK_OPERATION: Operation = {
  operationId: 'reissue-status-link',
  method: 'POST',
  path: '/admin/complaints/{reference}/status-link',
  functionId: 'admin-api',
  access: 'admin',
  roles: ['coordinator'],
  body: reissueStatusLinkSchema,
};

export const ADMIN_API_OPERATIONS: readonly Operation[] = [GET_COMPLAINT_OPERATION, ...STEP_OPERATIONS, ...API_KEY_OPERATIONS, STATUS_LINK_OPERATION];
