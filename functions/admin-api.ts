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
import type { Principal } from '../shared/auth/principal.ts';
import { ADMIN_API_OPERATIONS } from '../shared/http/admin-operations.ts';
import { routeKey } from '../shared/http/route-key.ts';
import { operationGuards } from '../shared/http/auth-middleware.ts';
import { headerValue, httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { InvalidInputError, NotFoundError } from '../shared/domain/errors.ts';
import { performStep, visibleComplaint } from '../shared/domain/workflow/perform-step.ts';
import { staffView } from '../shared/domain/complaint/views.ts';
import { summaryView } from '../shared/domain/complaint/summary-view.ts';
import { createApiKey, revokeApiKey } from '../shared/domain/api-keys/api-keys.ts';
import { reissueStatusLink } from '../shared/domain/complaint/status-link.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = tenantContext();
// Its operations as OPERATIONS lists them, from the module that declares them (not the whole table).
const operations = new Map(ADMIN_API_OPERATIONS.map((op) => [routeKey(op), op]));
const authenticate = operationGuards(operations.values());

type AdminEvent = HttpEvent & { principal?: Principal };

function expectedVersion(event: HttpEvent): number | undefined {
  const header = headerValue(event, 'if-match');
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 1) throw new InvalidInputError([{ field: 'If-Match (header)', message: 'must be a complaint version' }]);
  return version;
}

async function dispatch(event: AdminEvent): Promise<HttpResult> {
  const op = operations.get(event.routeKey);
  if (!op) throw new NotFoundError(`no route ${event.routeKey}`);
  const actor = await authenticate(op, event);
  const now = context.clock.now();
  const reference = event.pathParameters?.reference;

  if (op.step) {
    const { complaint, event: recorded } = await performStep({ ...context, measures: context.register, files: context.register }, {
      step: op.step,
      reference: reference!,
      body: event.jsonBody ?? {},
      actor,
      ...(expectedVersion(event) !== undefined ? { expectedVersion: expectedVersion(event)! } : {}),
    });
    return jsonResponse(200, { complaint: summaryView(complaint, now), event: recorded }, { etag: `"${complaint.version}"` });
  }

  switch (op.operationId) {
    case 'get-complaint': {
      const complaint = await visibleComplaint(context.register, reference!, actor);
      const [events, files] = await Promise.all([context.register.events(complaint.reference), context.register.attachments(complaint.reference)]);
      return jsonResponse(200, staffView(context.regulations, complaint, events, actor, now, files), { etag: `"${complaint.version}"` });
    }
    case 'create-api-key': {
      const created = await createApiKey(context, event.jsonBody, actor.email);
      return jsonResponse(201, { ...created, note: 'the key is shown only now: store it in your system; only a hash is kept here' });
    }
    case 'reissue-status-link': {
      // The old link dies now; the new one goes to the complainant by mail (never in this answer).
      const { complaint, event: recorded } = await reissueStatusLink(context, { reference: reference!, body: event.jsonBody ?? {}, actor });
      return jsonResponse(201, { complaint: summaryView(complaint, now), event: recorded });
    }
    case 'list-api-keys':
      return jsonResponse(200, { items: await context.register.listApiKeys() });
    case 'revoke-api-key':
      await revokeApiKey(context, event.pathParameters!.id!, actor.email);
      return { statusCode: 204 };
    default:
      throw new NotFoundError(`no route ${event.routeKey}`);
  }
}

export const handler = middy<AdminEvent, HttpResult>().use(requestLog(context.metrics)).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
