/**
 * The staff API: a complaint's file, one route per workflow step, API keys, a new status link
 * for the complainant. Staff intake is the intake function's (functions/submit-complaint.ts); the
 * lists, their search and CSV, the dashboard, the calendar feeds and the measures register
 * functions/admin-lists.ts; the letters and
 * their preview functions/admin-letters.ts; the privacy operations functions/admin-privacy.ts;
 * the console and the reasons for a complaint's dates functions/admin-console.ts. Thin:
 * authenticate, parse, one use case, map the result.
 */
import middy from '@middy/core';
import { ADMIN_API_OPERATIONS } from '../shared/http/admin-operations.ts';
import { operationRouter, type RoutedEvent } from '../shared/http/router.ts';
import { ifMatchVersion } from '../shared/http/request.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpResult } from '../shared/http/middleware.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { performStep, visibleWith } from '../shared/domain/workflow/perform-step.ts';
import { staffView } from '../shared/domain/complaint/views.ts';
import { summaryView } from '../shared/domain/complaint/summary-view.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../shared/domain/api-keys/api-keys.ts';
import { complaintFile } from '../shared/domain/complaint/complaint-file.ts';
import { reissueStatusLink } from '../shared/domain/complaint/status-link.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
const apiKeys = { register: context.apiKeys, clock: context.clock, tenantId: context.tenantId };
const reference = (event: RoutedEvent) => event.pathParameters?.reference ?? '';

const dispatch = operationRouter(ADMIN_API_OPERATIONS, {
  // Every workflow step, one route each in the table (shared/domain/workflow/steps.ts).
  '(step)': async (event, actor, op) => {
    const expectedVersion = ifMatchVersion(event, 'complaint');
    const { complaint, event: recorded } = await performStep(
      { ...context, files: context.attachments },
      { step: op.step!, reference: reference(event), body: event.jsonBody ?? {}, actor, ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
    );
    return jsonResponse(200, { complaint: summaryView(complaint, context.clock.now()), event: recorded }, { etag: `"${complaint.version}"` });
  },
  'get-complaint': async (event, actor) => {
    const [complaint, { events, files }] = await visibleWith(context.register, reference(event), actor, (ref) => complaintFile(context, ref));
    return jsonResponse(200, staffView(context.regulations, complaint, events, actor, context.clock.now(), files), { etag: `"${complaint.version}"` });
  },
  'create-api-key': async (event, actor) =>
    jsonResponse(201, { ...(await createApiKey(apiKeys, event.jsonBody, actor.email)), note: 'the key is shown only now: store it in your system; only a hash is kept here' }),
  // The old link dies now; the new one goes to the complainant by mail (never in this answer).
  'reissue-status-link': async (event, actor) => {
    const { complaint, event: recorded } = await reissueStatusLink(context, { reference: reference(event), body: event.jsonBody ?? {}, actor });
    return jsonResponse(201, { complaint: summaryView(complaint, context.clock.now()), event: recorded });
  },
  'list-api-keys': async () => jsonResponse(200, { items: await listApiKeys(apiKeys) }),
  'revoke-api-key': async (event, actor) => {
    await revokeApiKey(apiKeys, event.pathParameters!.id!, actor.email);
    return { statusCode: 204 };
  },
});

export const handler = middy<RoutedEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
