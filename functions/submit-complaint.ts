/** POST /complaints (public): register a complaint from the web form or an organisation's site. */
import middy from '@middy/core';
import * as z from 'zod';
import { registerComplaint } from '../shared/domain/complaint/register-complaint.ts';
import { InvalidInputError } from '../shared/domain/errors.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { headerValue, httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';

const context = tenantContext();

const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/).optional();

async function submitComplaint(event: HttpEvent): Promise<HttpResult> {
  const key = idempotencyKeySchema.safeParse(headerValue(event, 'idempotency-key'));
  if (!key.success) {
    throw new InvalidInputError([{ field: 'Idempotency-Key (header)', message: 'must be 8-128 characters of letters, digits, _ . : -' }]);
  }
  const { complaint, replayed, statusToken } = await registerComplaint(context, { body: event.jsonBody, ...(key.data ? { idempotencyKey: key.data } : {}) });
  return jsonResponse(replayed ? 200 : 201, {
    reference: complaint.reference,
    // Given once; a replay says where it went instead (only its hash is stored).
    ...(statusToken && context.statusBaseUrl ? { statusUrl: `${context.statusBaseUrl}/${statusToken}` } : {}),
    ...(replayed ? { statusUrl: null, note: 'the private status link was sent with the acknowledgement' } : {}),
    receivedAt: complaint.receivedAt,
    status: complaint.status,
    deadlines: complaint.milestones.map((m) => ({ milestone: m.milestoneId, label: m.label[complaint.complainant.language], due: m.due, rule: m.citation })),
  }, replayed ? { 'idempotent-replayed': 'true' } : {});
}

export const handler = middy<HttpEvent, HttpResult>().use(jsonBodyParser()).use(httpErrorHandler()).handler(submitComplaint);
