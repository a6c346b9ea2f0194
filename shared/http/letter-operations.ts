/**
 * A complaint's letters (functions/admin-letters.ts): each as it was sent, and the letters a step
 * would send, before it is taken. OPERATIONS (api-spec.ts) lists them like every other; the
 * letters function reads them from here.
 */
import * as z from '../domain/zod.ts';
import { STAFF_ROLES, WRITE_ROLES } from '../auth/principal.ts';
import type { Operation } from './api-spec.ts';

/**
 * A step's preview takes that step's own body, as POST /admin/complaints/{reference}/<step>
 * declares it (and validates it with that step's schema): here, any object.
 */
const anyStepBody = z.looseObject({});

/** Staff roles as the complaint's file (get-complaint): a handler, only for their own complaints. */
export const LETTER_OPERATIONS: readonly Operation[] = [
  { operationId: 'list-letters', method: 'GET', path: '/admin/complaints/{reference}/letters', functionId: 'admin-letters', access: 'admin', roles: STAFF_ROLES },
  { operationId: 'get-letter', method: 'GET', path: '/admin/complaints/{reference}/letters/{id}', functionId: 'admin-letters', access: 'admin', roles: STAFF_ROLES },
  { operationId: 'preview-step', method: 'POST', path: '/admin/complaints/{reference}/{step}/preview', functionId: 'admin-letters', access: 'admin', roles: WRITE_ROLES, body: anyStepBody },
];
