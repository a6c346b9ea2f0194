/**
 * Attachments: the complainant's upload through the status link (functions/complaint-status.ts),
 * staff's upload and download (functions/admin-attachments.ts). The complaint's file lists them
 * (get-complaint). OPERATIONS (api-spec.ts) lists these like every other; the two functions read
 * them from here.
 */
import { STAFF_ROLES, WRITE_ROLES } from '../auth/principal.ts';
import { staffUploadRequestSchema, uploadRequestSchema } from '../domain/attachments/requests.ts';
import type { Operation } from './api-spec.ts';

/** `{ name, contentType, size }` -> 201 `{ id, upload: { url, fields } }`: POST the fields and then the file to the url. */
export const STATUS_UPLOAD_OPERATION: Operation = {
  operationId: 'status-attachment',
  method: 'POST',
  path: '/status/{token}/attachments',
  functionId: 'complaint-status',
  access: 'status-link',
  body: uploadRequestSchema,
};

export const ATTACHMENT_OPERATIONS: readonly Operation[] = [
  // Staff add a file to a complaint (a hearing report, a letter that came by post): as the complainant, with a description.
  {
    operationId: 'upload-attachment',
    method: 'POST',
    path: '/admin/complaints/{reference}/attachments',
    functionId: 'admin-attachments',
    access: 'admin',
    roles: WRITE_ROLES,
    body: staffUploadRequestSchema,
  },
  // A redirect to a short-lived download link, for staff who may see the complaint, once the file is scanned clean.
  {
    operationId: 'download-attachment',
    method: 'GET',
    path: '/admin/complaints/{reference}/attachments/{id}',
    functionId: 'admin-attachments',
    access: 'admin',
    roles: STAFF_ROLES,
    produces: 'redirect',
  },
];
