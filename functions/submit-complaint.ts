/**
 * POST /complaints (public): register a complaint from the web form, or from an organisation's
 * own system with an `x-api-key` header (registered by `api:<key id>`; an unknown or revoked key
 * is a plain 401 that says nothing more).
 */
import middy from '@middy/core';
import * as z from '../shared/domain/zod.ts';
import { registerComplaint } from '../shared/domain/complaint/register-complaint.ts';
import { InvalidInputError } from '../shared/domain/errors.ts';
import { authenticateApiKey } from '../shared/domain/api-keys/api-keys.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { headerValue, HttpError, httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';

const context = tenantContext();
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));

const idempotencyKeySchema = z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.:-]{8,128}$/)));

async function submitComplaint(event: HttpEvent): Promise<HttpResult> {
  const presented = headerValue(event, 'x-api-key');
  if (presented !== undefined) guard.checkGuesses(event);
  const apiKey = presented === undefined ? undefined : await authenticateApiKey(context, presented.trim());
  if (presented !== undefined && !apiKey) {
    guard.recordMiss(event);
    throw new HttpError(401, 'unauthenticated', 'the API key is not valid');
  }
  // An organisation's own system (a valid key) is not limited per address: it may sit behind
  // one address for all its users. Everyone else is.
  if (!apiKey) guard.take('posts', event);
  const key = idempotencyKeySchema.safeParse(headerValue(event, 'idempotency-key'));
  if (!key.success) {
    throw new InvalidInputError([{ field: 'Idempotency-Key (header)', message: 'must be 8-128 characters of letters, digits, _ . : -' }]);
  }
  // A system's Idempotency-Keys are its own: they never meet the form's or another key's.
  const idempotencyKey = key.data && apiKey ? `api:${apiKey.id}:${key.data}` : key.data;
  const { complaint, replayed, statusToken } = await registerComplaint(context, {
    body: event.jsonBody,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(apiKey ? { apiKeyId: apiKey.id } : {}),
  });
  return jsonResponse(replayed ? 200 : 201, {
    reference: complaint.reference,
    // Given once; a replay says where it went instead (only its hash is stored).
    ...(statusToken && context.statusBaseUrl ? { statusUrl: `${context.statusBaseUrl}/${statusToken}`, statusPage: `${context.statusBaseUrl}/${statusToken}/pagina` } : {}),
    ...(replayed ? { statusUrl: null, statusPage: null, note: 'the private status link was sent with the acknowledgement' } : {}),
    receivedAt: complaint.receivedAt,
    status: complaint.status,
    deadlines: complaint.milestones.map((m) => ({ milestone: m.milestoneId, label: m.label[complaint.complainant.language], due: m.due, rule: m.citation })),
  }, replayed ? { 'idempotent-replayed': 'true' } : {});
}

export const handler = middy<HttpEvent, HttpResult>().use(jsonBodyParser()).use(httpErrorHandler()).handler(submitComplaint);
