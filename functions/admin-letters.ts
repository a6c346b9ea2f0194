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
import { LETTER_OPERATIONS } from '../shared/http/letter-operations.ts';
import { operationRouter, type RoutedEvent } from '../shared/http/router.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpResult } from '../shared/http/middleware.ts';
import { readerContext } from '../shared/adapters/reader-context.ts';
import { DynamoDbComplaintStore } from '../shared/adapters/dynamodb-complaints.ts';
import { DynamoDbLetterStore } from '../shared/adapters/dynamodb-letters.ts';
import { NotFoundError } from '../shared/domain/errors.ts';
import { complaintLetter, complaintLetters } from '../shared/domain/complaint/complaint-file.ts';
import { previewStep } from '../shared/domain/workflow/preview-step.ts';
import { letterLine, letterAsSent } from '../shared/domain/letters/kept-letters.ts';
import { requestLog } from '../shared/observability/log.ts';
import { edgeOnly } from '../shared/http/edge-only.ts';

const context = readerContext((table) => ({ register: new DynamoDbComplaintStore(table), letters: new DynamoDbLetterStore(table) }));
const deps = { ...context, ...context.stores };
// Letters hold personal data: never cached on the way (jsonResponse: no-store).
const dispatch = operationRouter(LETTER_OPERATIONS, {
  'list-letters': async (event, actor) => {
    const { reference, letters } = await complaintLetters(deps, event.pathParameters?.reference ?? '', actor);
    return jsonResponse(200, { reference, items: letters.map(letterLine) });
  },
  'get-letter': async (event, actor) => {
    const letter = await complaintLetter(deps, event.pathParameters?.reference ?? '', event.pathParameters?.id ?? '', actor);
    if (!letter) throw new NotFoundError('no letter with that id on this complaint');
    return jsonResponse(200, letterAsSent(letter));
  },
  'preview-step': async (event, actor) =>
    jsonResponse(200, await previewStep(deps, { step: event.pathParameters?.step ?? '', reference: event.pathParameters?.reference ?? '', body: event.jsonBody ?? {}, actor })),
});

export const handler = middy<RoutedEvent, HttpResult>().use(requestLog()).use(edgeOnly()).use(jsonBodyParser()).use(httpErrorHandler()).handler(dispatch);
