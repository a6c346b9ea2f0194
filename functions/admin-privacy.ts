/**
 * The staff API's privacy operations (GDPR, shared/domain/privacy): legal holds, a subject's data
 * export and erasure on request, the audit log. Its own function: the only staff function that
 * may delete (an erasure removes a complaint's status link, idempotency key and outbox entries),
 * and the anonymisation code stays out of the admin API's bundle. Thin: authenticate, parse, one
 * use case, map the result.
 */
import middy from '@middy/core';
import type { Principal } from '../shared/auth/principal.ts';
import { PRIVACY_OPERATIONS } from '../shared/http/privacy-operations.ts';
import { routeKey } from '../shared/http/route-key.ts';
import { operationGuards } from '../shared/http/auth-middleware.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { withPrivacy } from '../shared/adapters/dynamodb-privacy.ts';
import type { SearchKey } from '../shared/domain/complaint/search.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { parseWith } from '../shared/domain/complaint/submission.ts';
import { summaryView } from '../shared/domain/complaint/summary-view.ts';
import { eraseSubject, exportSubject, setLegalHold } from '../shared/domain/privacy/privacy.ts';
import { auditQuerySchema } from '../shared/domain/privacy/schemas.ts';
import { requestLog } from '../shared/observability/log.ts';
import { intakeSearchKey } from '../shared/adapters/search-key.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
const privacy = { ...context, register: withPrivacy(context.register) };
// The tenant's search key: the keyed subject hash, and a representative's complaints (docs/security.md).
const subjectKey = intakeSearchKey(context.config);
const operations = new Map(PRIVACY_OPERATIONS.map((op) => [routeKey(op), op]));
const authenticate = operationGuards(operations.values());

type AdminEvent = HttpEvent & { principal?: Principal };

async function withSubjectKey(): Promise<typeof privacy & { subjectKey?: SearchKey }> {
  const key = await subjectKey();
  return key ? { ...privacy, subjectKey: key } : privacy;
}

async function dispatch(event: AdminEvent): Promise<HttpResult> {
  const op = operations.get(event.routeKey);
  if (!op) throw new NotFoundError(`no route ${event.routeKey}`);
  const actor = await authenticate(op, event);
  const now = context.clock.now();
  const reference = event.pathParameters?.reference;

  switch (op.operationId) {
    case 'place-legal-hold':
    case 'lift-legal-hold': {
      const { complaint, event: recorded } = await setLegalHold(privacy, { reference: reference!, body: event.jsonBody, actor, hold: op.operationId === 'place-legal-hold' });
      return jsonResponse(200, { complaint: summaryView(complaint, now), legalHold: complaint.legalHold ?? null, event: recorded }, { etag: `"${complaint.version}"` });
    }
    case 'export-subject':
      // Personal data: never cached on the way.
      return jsonResponse(200, await exportSubject(await withSubjectKey(), event.queryStringParameters ?? {}, actor), { 'content-disposition': 'attachment; filename="gegevens.json"' });
    case 'erase-subject':
      return jsonResponse(200, await eraseSubject(await withSubjectKey(), event.jsonBody, actor));
    case 'list-audit': {
      const query = parseWith(auditQuerySchema, event.queryStringParameters ?? {});
      const page = await privacy.register.listAudit(query.limit, query.cursor);
      return jsonResponse(200, { items: page.items, cursor: page.cursor ?? null });
    }
    default:
      throw new NotFoundError(`no route ${event.routeKey}`);
  }
}

export const handler = middy<AdminEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
