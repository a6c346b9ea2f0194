/**
 * HTTP middleware for API Gateway (HTTP API, payload v2) handlers: JSON bodies in, JSON out,
 * domain errors mapped to status codes in this one place. Only 4xx messages reach a caller;
 * anything else is logged and answered with a bare 500/503.
 *
 * An error body: `{ error, message, key?, params?, rule?, problems?, allowedRoles? }`. `error` is
 * the code (its text is `error.code.<error>` in shared/texts), `message` English; `key` and
 * `params` name the error's own text (`error.rule.*`, `error.conflict.*`, ...); each problem is
 * `{ field, code, params?, key?, message }` (text `key`, else `error.problem.<code>`).
 */
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { TextParams } from '../texts/index.ts';
import {
  ConflictError,
  DomainError,
  fieldProblem,
  ForbiddenError,
  GoneError,
  InvalidInputError,
  LimitReachedError,
  NotFoundError,
  RuleViolationError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '../domain/errors.ts';
import { log } from '../observability/log.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export type HttpEvent = APIGatewayProxyEventV2 & { jsonBody?: unknown };
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** HTTPS only, for a year, on every response of the API and its pages (docs/security.md). */
export const HSTS = { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } as const;

/**
 * A JSON response: never stored by a browser or a cache on the way (`no-store`; staff answers and
 * status views carry personal data) unless the caller says otherwise (the OpenAPI document), and
 * HTTPS only (HSTS).
 */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...HSTS, ...headers }, body: JSON.stringify(body) };
}

/** Parses a JSON body into `event.jsonBody`; rejects wrong content types, bad JSON and oversized bodies. */
export function jsonBodyParser(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: async (request) => {
      const event = request.event;
      if (!event.body) {
        event.jsonBody = undefined;
        return;
      }
      const contentType = headerValue(event, 'content-type') ?? '';
      if (!/^application\/json\b/i.test(contentType)) {
        throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
      }
      const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
        throw new HttpError(413, 'payload_too_large', `the body must be at most ${MAX_BODY_BYTES} bytes`);
      }
      try {
        event.jsonBody = JSON.parse(raw);
      } catch {
        throw new InvalidInputError([fieldProblem('(body)', 'invalid_json')]);
      }
    },
  };
}

export class HttpError extends Error {
  /** `params`: values for the placeholders of the code's text (`error.code.<code>` in shared/texts). */
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly params?: TextParams,
  ) {
    super(message);
  }
}

const STATUS_BY_ERROR: Array<[abstract new (...args: never[]) => DomainError, number]> = [
  [InvalidInputError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [GoneError, 410],
  [ConflictError, 409],
  [RuleViolationError, 422],
  [LimitReachedError, 429],
  [ServiceUnavailableError, 503],
];

export function httpErrorHandler(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: async (request) => {
      request.response = errorResponse(request.error);
    },
  };
}

export function errorResponse(error: unknown): HttpResult {
  if (error instanceof HttpError) return jsonResponse(error.statusCode, { error: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) }, error.headers);
  if (error instanceof DomainError) {
    const status = STATUS_BY_ERROR.find(([type]) => error instanceof type)?.[1] ?? 400;
    // The English message, and what a client translates it from: the error's key and values.
    const body: Record<string, unknown> = { error: error.code, message: error.message };
    if (error.key) body.key = error.key;
    if (error.params) body.params = error.params;
    if (error instanceof InvalidInputError) body.problems = error.problems;
    if (error instanceof RuleViolationError && error.citation) body.rule = error.citation;
    if (error instanceof ForbiddenError && error.allowedRoles.length) body.allowedRoles = error.allowedRoles;
    if (error instanceof LimitReachedError) return jsonResponse(status, body, { 'retry-after': String(error.retryAfterSeconds) });
    return jsonResponse(status, body, status === 503 ? { 'retry-after': '2' } : error instanceof UnauthenticatedError ? { 'www-authenticate': wwwAuthenticate(error) } : {});
  }
  // Out of time (middy stops the handler before the function's limit; an SDK call timed out):
  // nothing is known to be wrong with the request, so the caller may retry (with its key).
  if (error instanceof Error && error.name === 'TimeoutError') {
    log.warn('timed out', { errorMessage: error.message });
    return jsonResponse(503, { error: 'service_unavailable', message: 'the request took too long; please retry shortly' }, { 'retry-after': '2' });
  }
  // Log the failure without request data (which can hold personal data).
  log.error('unhandled error', { errorName: error instanceof Error ? error.name : typeof error, errorMessage: error instanceof Error ? error.message : undefined });
  return jsonResponse(500, { error: 'internal_error', message: 'something went wrong on our side; please try again later' });
}

/** RFC 6750: a bare challenge when no token came, `invalid_token` when one did and failed. */
function wwwAuthenticate(error: UnauthenticatedError): string {
  return error.message === 'authentication required' ? 'Bearer' : `Bearer error="invalid_token", error_description="${error.message}"`;
}

export function headerValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
