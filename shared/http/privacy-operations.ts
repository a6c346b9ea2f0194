/**
 * The staff API's privacy operations (GDPR, shared/domain/privacy): legal holds, a subject's data
 * export and erasure, the audit log (functions/admin-privacy.ts). OPERATIONS (api-spec.ts) lists
 * them like every other; the privacy function reads them from here, so its bundle does not carry
 * every other operation's schemas (the workflow steps' above all).
 */
import { auditQuerySchema, erasureSchema, legalHoldSchema, subjectQuerySchema } from '../domain/privacy/schemas.ts';
import type { Operation } from './api-spec.ts';

export const PRIVACY_OPERATIONS: readonly Operation[] = [
  { operationId: 'place-legal-hold', method: 'POST', path: '/admin/complaints/{reference}/legal-hold', functionId: 'admin-privacy', access: 'admin', roles: ['coordinator'], body: legalHoldSchema },
  {
    operationId: 'lift-legal-hold',
    method: 'POST',
    path: '/admin/complaints/{reference}/legal-hold/lift',
    functionId: 'admin-privacy',
    access: 'admin',
    roles: ['coordinator'],
    body: legalHoldSchema,
  },
  { operationId: 'export-subject', method: 'GET', path: '/admin/subjects/export', functionId: 'admin-privacy', access: 'admin', roles: ['coordinator', 'auditor'], query: subjectQuerySchema },
  { operationId: 'erase-subject', method: 'POST', path: '/admin/subjects/erase', functionId: 'admin-privacy', access: 'admin', roles: ['coordinator'], body: erasureSchema },
  { operationId: 'list-audit', method: 'GET', path: '/admin/audit', functionId: 'admin-privacy', access: 'admin', roles: ['coordinator', 'auditor'], query: auditQuerySchema },
];
