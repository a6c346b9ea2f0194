/**
 * The complainant's private status link: where the complaint stands and the actions open to
 * them (add information, send the authorisation, object within the window). The token is
 * looked up by its hash; an unknown token is a plain 404 that says nothing more.
 */
import middy from '@middy/core';
import { statusActionSchemas } from '../shared/http/status-schemas.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { hashStatusToken } from '../shared/domain/complaint/register-complaint.ts';
import { complainantView } from '../shared/domain/complaint/complainant-view.ts';
import { complainantAction } from '../shared/domain/complaint/complainant-actions.ts';
import type { ComplaintRecord } from '../shared/domain/complaint/model.ts';
import { parseWith } from '../shared/domain/complaint/submission.ts';
import { AbuseGuard, parseAbuseLimits } from '../shared/http/abuse-limits.ts';

const context = tenantContext();
const guard = new AbuseGuard(parseAbuseLimits(context.config.RATE_LIMITS));
// Route keys as api-spec.ts declares them (kept out of this bundle: it pulls in every schema).
const operations = new Map([
  ['GET /status/{token}', 'status'],
  ['POST /status/{token}/objection', 'status-objection'],
  ['POST /status/{token}/information', 'status-information'],
  ['POST /status/{token}/authorisation', 'status-authorisation'],
]);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The complaint behind the link. A malformed, too long or unknown token gets the same 404 (no
 * oracle); the lookup is by the token's SHA-256, so no secret is compared in this code. Each
 * miss counts against the client's failed guesses: once they are used up it gets 429 before any
 * lookup.
 */
async function complaintOf(event: HttpEvent): Promise<ComplaintRecord> {
  guard.checkGuesses(event);
  const token = event.pathParameters?.token;
  const complaint = token && TOKEN_PATTERN.test(token) ? await context.register.findByStatusToken(hashStatusToken(token)) : undefined;
  if (!complaint) {
    guard.recordMiss(event);
    throw new NotFoundError('this link is not valid');
  }
  return complaint;
}

async function status(event: HttpEvent): Promise<HttpResult> {
  const operation = operations.get(event.routeKey);
  guard.take(operation === 'status' ? 'reads' : 'posts', event);
  const complaint = await complaintOf(event);
  const lang = event.queryStringParameters?.lang === 'en' ? 'en' : event.queryStringParameters?.lang === 'nl' ? 'nl' : undefined;
  switch (operation) {
    case 'status-objection':
      await complainantAction(context, complaint.reference, { kind: 'objection', ...parseWith(statusActionSchemas.objection, event.jsonBody) });
      break;
    case 'status-information':
      await complainantAction(context, complaint.reference, { kind: 'information', ...parseWith(statusActionSchemas.information, event.jsonBody) });
      break;
    case 'status-authorisation':
      await complainantAction(context, complaint.reference, { kind: 'authorisation', ...parseWith(statusActionSchemas.authorisation, event.jsonBody) });
      break;
    default:
      break;
  }
  const current = (await context.register.get(complaint.reference))!;
  const events = await context.register.events(current.reference);
  const view = complainantView(context.regulations, current, events, context.clock.now(), lang ?? current.complainant.language);
  return jsonResponse(operation === 'status' ? 200 : 201, view, { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
}

export const handler = middy<HttpEvent, HttpResult>().use(jsonBodyParser()).use(httpErrorHandler()).handler(status);
