/**
 * A complaint's letters:
 *
 *   GET  /admin/complaints/{reference}/letters          every letter of the complaint (queued or
 *                                                      sent): what, to whom, when, its subject
 *   GET  /admin/complaints/{reference}/letters/{id}     one letter as it was sent: subject, text, HTML
 *   POST /admin/complaints/{reference}/{step}/preview   the letters the step would send with this
 *                                                      body, composed as they will be; changes nothing
 *
 * Staff roles as the complaint's file (a handler: only their own complaints; others are "not
 * found"). Its own function, on the register's reading side alone: the step rules and the letter
 * templates stay out of the admin API's bundle, and it can write nothing. Thin: authenticate,
 * parse, one use case, map the result.
 */
import middy from '@middy/core';
import type { Principal } from '../shared/auth/principal.ts';
import { LETTER_OPERATIONS } from '../shared/http/letter-operations.ts';
import { routeKey } from '../shared/http/route-key.ts';
import { operationGuards } from '../shared/http/auth-middleware.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpEvent, type HttpResult } from '../shared/http/middleware.ts';
import { readerContext } from '../shared/adapters/reader-context.ts';
import { DynamoDbReader } from '../shared/adapters/dynamodb-reader.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { visibleComplaint } from '../shared/domain/workflow/visibility.ts';
import { previewStep } from '../shared/domain/workflow/preview-step.ts';
import { letterLine, letterAsSent } from '../shared/domain/letters/kept-letters.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = readerContext((client, table) => new DynamoDbReader(client, table));
const operations = new Map(LETTER_OPERATIONS.map((op) => [routeKey(op), op]));
const authenticate = operationGuards(operations.values());
// Letters hold personal data: never cached on the way.
type AdminEvent = HttpEvent & { principal?: Principal };

async function dispatch(event: AdminEvent): Promise<HttpResult> {
  const op = operations.get(event.routeKey);
  if (!op) throw new NotFoundError(`no route ${event.routeKey}`);
  const actor = await authenticate(op, event);
  const reference = event.pathParameters?.reference ?? '';

  switch (op.operationId) {
    case 'list-letters': {
      const complaint = await visibleComplaint(context.register, reference, actor);
      const letters = await context.register.storedLetters(complaint.reference);
      return jsonResponse(200, { reference: complaint.reference, items: letters.map(letterLine) });
    }
    case 'get-letter': {
      const complaint = await visibleComplaint(context.register, reference, actor);
      const id = event.pathParameters?.id ?? '';
      const letter = /^[\w.:-]{1,200}$/.test(id) ? await context.register.storedLetter(complaint.reference, id) : undefined;
      if (!letter) throw new NotFoundError('no letter with that id on this complaint');
      return jsonResponse(200, letterAsSent(letter));
    }
    case 'preview-step':
      return jsonResponse(200, await previewStep(context, { step: event.pathParameters?.step ?? '', reference, body: event.jsonBody ?? {}, actor }));
    default:
      throw new NotFoundError(`no route ${event.routeKey}`);
  }
}

export const handler = middy<AdminEvent, HttpResult>().use(requestLog()).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
