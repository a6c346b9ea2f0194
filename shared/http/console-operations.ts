/**
 * The admin console's operations (functions/admin-console.ts): its page, the reasons for a
 * complaint's dates, the webhook's state. OPERATIONS (api-spec.ts) lists
 * them like every other, so CDK, the local gateway and the OpenAPI document build them from the
 * one table; the console's function reads them from here, so its bundle does not carry every
 * other operation's schemas (the workflow steps' above all).
 */
import * as z from '../domain/zod.ts';
import { STAFF_ROLES } from '../auth/principal.ts';
import type { Operation } from './api-spec.ts';

/** The reasons for a complaint's dates, in one of the two languages (default: the organisation's first). */
export const deadlinesQuerySchema = z.strictObject({
  lang: z.optional(z.enum(['nl', 'en'])),
});

export const CONSOLE_PAGE_OPERATION: Operation = {
  operationId: 'admin-console',
  method: 'GET',
  path: '/console',
  functionId: 'admin-console',
  access: 'public',
  produces: 'text/html',
};

/** Staff roles as the complaint's file (get-complaint): a handler, only for their own complaints. */
export const COMPLAINT_DEADLINES_OPERATION: Operation = {
  operationId: 'complaint-deadlines',
  method: 'GET',
  path: '/admin/complaints/{reference}/deadlines',
  functionId: 'admin-console',
  access: 'admin',
  roles: STAFF_ROLES,
  query: deadlinesQuerySchema,
};

/**
 * The tenant's webhook (a deployment setting, docs/deploy.md) as the console shows it: configured
 * or not, where to (the receiver's origin), and its deliveries still waiting or failing.
 */
export const WEBHOOK_STATE_OPERATION: Operation = {
  operationId: 'webhook-state',
  method: 'GET',
  path: '/admin/webhook',
  functionId: 'admin-console',
  access: 'admin',
  roles: ['coordinator', 'auditor'],
};

export const CONSOLE_OPERATIONS: readonly Operation[] = [CONSOLE_PAGE_OPERATION, COMPLAINT_DEADLINES_OPERATION, WEBHOOK_STATE_OPERATION];
