/**
 * Complaint intake (functions/submit-complaint.ts): the public POST /complaints and staff intake.
 * OPERATIONS (api-spec.ts) lists them like every other; the intake function reads them from here,
 * so its bundle does not carry every other operation's schemas (the workflow steps' above all).
 */
import { complaintSubmissionSchema, staffIntakeSchema } from '../domain/complaint/submission.ts';
import { WRITE_ROLES } from '../auth/principal.ts';
import type { Operation } from './api-spec.ts';

export const INTAKE_OPERATIONS: readonly Operation[] = [
  { operationId: 'submit-complaint', method: 'POST', path: '/complaints', functionId: 'submit-complaint', access: 'public', body: complaintSubmissionSchema },
  { operationId: 'register-complaint', method: 'POST', path: '/admin/complaints', functionId: 'submit-complaint', access: 'admin', roles: WRITE_ROLES, body: staffIntakeSchema },
];
