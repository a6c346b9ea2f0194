/**
 * Complaint intake, every way a complaint comes in (one use case, register-complaint.ts):
 *
 *   POST /complaints         public: the web form, or an organisation's own system with an
 *                            `x-api-key` header (registered by `api:<key id>`; an unknown or
 *                            revoked key is a plain 401 that says nothing more)
 *   POST /admin/complaints   staff intake: a complaint received by phone, letter, e-mail or in
 *                            person (a staff token, the roles api-spec.ts names)
 */
import middy from '@middy/core';
import * as z from '../shared/domain/zod.ts';
import { registerComplaint, registerStaffIntake } from '../shared/domain/complaint/register-complaint.ts';
import { InvalidInputError } from '../shared/domain/errors.ts';
import { authenticateApiKey } from '../shared/domain/api-keys/api-keys.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { headerValue, HttpError, httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { operationGuards } from '../shared/http/auth-middleware.ts';
import { INTAKE_OPERATIONS } from '../shared/http/intake-operations.ts';
import { routeKey } from '../shared/http/route-key.ts';
import { summaryView } from '../shared/domain/complaint/summary-view.ts';
import { intakeSearchKey } from '../shared/adapters/search-key.ts';
import { requestLog } from '../shared/observability/log.ts';
import { intakeMailGuards } from '../shared/adapters/intake-mail-guards.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
// Read at cold start: every complaint is written with its search tokens (docs/search.md).
const searchKey = intakeSearchKey(context.config);
void searchKey().catch(() => undefined);
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
// Against mail relay: the address's domain must receive mail; hourly caps per recipient and tenant.
const mailGuards = intakeMailGuards(context);

const operations = new Map(INTAKE_OPERATIONS.map((op) => [routeKey(op), op]));
const authenticate = operationGuards(operations.values());

const idempotencyKeySchema = z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.:-]{8,128}$/)));

/** The Idempotency-Key header, checked: a retry with it registers nothing twice. */
function idempotencyKeyOf(event: HttpEvent): string | undefined {
  const key = idempotencyKeySchema.safeParse(headerValue(event, 'idempotency-key'));
  if (!key.success) {
    throw new InvalidInputError([{ field: 'Idempotency-Key (header)', message: 'must be 8-128 characters of letters, digits, _ . : -' }]);
  }
  return key.data;
}

async function intake(event: HttpEvent): Promise<HttpResult> {
  const op = operations.get(event.routeKey);
  if (op?.access !== 'admin') return submitComplaint(event);
  const actor = await authenticate(op, event);
  const key = idempotencyKeyOf(event);
  const result = await registerStaffIntake({ ...context, mailDomains: mailGuards.mailDomains, searchKey: await searchKey() }, { body: event.jsonBody, staffEmail: actor.email, ...(key ? { idempotencyKey: key } : {}) });
  return jsonResponse(result.replayed ? 200 : 201, { complaint: summaryView(result.complaint, context.clock.now()) });
}

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
  const key = idempotencyKeyOf(event);
  // A system's Idempotency-Keys are its own: they never meet the form's or another key's.
  const idempotencyKey = key && apiKey ? `api:${apiKey.id}:${key}` : key;
  const { complaint, replayed, statusToken } = await registerComplaint({ ...context, ...mailGuards, searchKey: await searchKey() }, {
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

export const handler = middy<HttpEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(intake);
