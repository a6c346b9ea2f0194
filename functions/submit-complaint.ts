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
import { registerComplaint, registerStaffIntake } from '../shared/domain/complaint/register-complaint.ts';
import { receiptView } from '../shared/domain/complaint/receipt-view.ts';
import { summaryView } from '../shared/domain/complaint/summary-view.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { intakeSearchKey } from '../shared/adapters/search-key.ts';
import { intakeMailGuards } from '../shared/adapters/intake-mail-guards.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';
import { apiKeyCaller } from '../shared/http/api-key-caller.ts';
import { INTAKE_OPERATIONS } from '../shared/http/intake-operations.ts';
import { idempotencyKeyOf } from '../shared/http/request.ts';
import { operationRouter } from '../shared/http/router.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';
import { requestLog } from '../shared/observability/log.ts';

const context = tenantContext();
// Read at cold start: every complaint is written with its search tokens (docs/search.md).
const searchKey = intakeSearchKey(context.config);
void searchKey().catch(() => undefined);
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
// Against mail relay: the address's domain must receive mail; hourly caps per recipient and tenant.
const mailGuards = intakeMailGuards(context);

const intake = operationRouter(INTAKE_OPERATIONS, {
  'submit-complaint': async (event) => {
    const apiKey = await apiKeyCaller(event, context, guard);
    const key = idempotencyKeyOf(event);
    // A system's Idempotency-Keys are its own: they never meet the form's or another key's.
    const idempotencyKey = key && apiKey ? `api:${apiKey.id}:${key}` : key;
    const { complaint, replayed, statusToken } = await registerComplaint(
      { ...context, ...mailGuards, searchKey: await searchKey() },
      {
        body: event.jsonBody,
        ...(idempotencyKey ? { idempotencyKey } : {}),
        ...(apiKey ? { apiKeyId: apiKey.id } : {}),
      },
    );
    return jsonResponse(replayed ? 200 : 201, receiptView(complaint, replayed, statusToken, context.statusBaseUrl), replayed ? { 'idempotent-replayed': 'true' } : {});
  },
  'register-complaint': async (event, actor) => {
    const key = idempotencyKeyOf(event);
    const result = await registerStaffIntake(
      { ...context, mailDomains: mailGuards.mailDomains, searchKey: await searchKey() },
      { body: event.jsonBody, staffEmail: actor.email, ...(key ? { idempotencyKey: key } : {}) },
    );
    return jsonResponse(result.replayed ? 200 : 201, { complaint: summaryView(result.complaint, context.clock.now()) });
  },
});

export const handler = middy<HttpEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(intake);
