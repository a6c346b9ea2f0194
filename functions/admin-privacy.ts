/**
 * The staff API's privacy operations (GDPR, shared/domain/privacy): legal holds, a subject's data
 * export and erasure on request, the audit log. Its own function: the only staff function that
 * may delete (an erasure removes a complaint's status link, idempotency key and outbox entries),
 * and the anonymisation code stays out of the admin API's bundle. Thin: authenticate, parse, one
 * use case, map the result.
 */
import middy from '@middy/core';
import { PRIVACY_OPERATIONS } from '../shared/http/privacy-operations.ts';
import { operationRouter, type RoutedEvent } from '../shared/http/router.ts';
import type { Actor } from '../shared/domain/workflow/visibility.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpResult } from '../shared/http/middleware.ts';
import { tenantContext, tenantTable } from '../shared/adapters/tenant-context.ts';
import { DynamoDbPrivacyStore } from '../shared/adapters/dynamodb-privacy.ts';
import { DynamoDbLetterStore } from '../shared/adapters/dynamodb-letters.ts';
import type { SearchKey } from '../shared/domain/complaint/search.ts';
import { summaryView } from '../shared/domain/complaint/summary-view.ts';
import { eraseSubject, exportSubject, listAuditLog, setLegalHold } from '../shared/domain/privacy/privacy.ts';
import { requestLog } from '../shared/observability/log.ts';
import { intakeSearchKey } from '../shared/adapters/search-key.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
const privacy = { ...context, privacy: new DynamoDbPrivacyStore(tenantTable()), letters: new DynamoDbLetterStore(tenantTable()), files: context.attachments };
// The tenant's search key: the keyed subject hash, and a representative's complaints (docs/security.md).
const subjectKey = intakeSearchKey(context.config);
async function withSubjectKey(): Promise<typeof privacy & { subjectKey?: SearchKey }> {
  const key = await subjectKey();
  return key ? { ...privacy, subjectKey: key } : privacy;
}

const dispatch = operationRouter(PRIVACY_OPERATIONS, {
  'place-legal-hold': (event, actor) => legalHold(event, actor, true),
  'lift-legal-hold': (event, actor) => legalHold(event, actor, false),
  // Personal data: never cached on the way.
  'export-subject': async (event, actor) =>
    jsonResponse(200, await exportSubject(await withSubjectKey(), event.queryStringParameters ?? {}, actor), { 'content-disposition': 'attachment; filename="gegevens.json"' }),
  'erase-subject': async (event, actor) => jsonResponse(200, await eraseSubject(await withSubjectKey(), event.jsonBody, actor)),
  'list-audit': async (event) => {
    const page = await listAuditLog(privacy, event.queryStringParameters);
    return jsonResponse(200, { items: page.items, cursor: page.cursor ?? null });
  },
});

async function legalHold(event: RoutedEvent, actor: Actor, hold: boolean): Promise<HttpResult> {
  const { complaint, event: recorded } = await setLegalHold(privacy, { reference: event.pathParameters?.reference ?? '', body: event.jsonBody, actor, hold });
  return jsonResponse(200, { complaint: summaryView(complaint, context.clock.now()), legalHold: complaint.legalHold ?? null, event: recorded }, { etag: `"${complaint.version}"` });
}

export const handler = middy<RoutedEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
