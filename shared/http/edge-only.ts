/**
 * Behind the edge (infra/constructs/edge.ts), only the edge. CloudFront reaches the API through its
 * regional custom domain, which answers anyone who finds the name; every request CloudFront sends
 * carries the edge's secret (`x-origin-verify`, EDGE_ORIGIN_SECRET). With that secret configured,
 * a request without it came around the WAF and its limits, and is refused (403). Without an edge
 * (no EDGE_ORIGIN_SECRET) nothing changes.
 */
import type middy from '@middy/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from '../domain/errors.ts';
import { errorResponse, headerValue, type HttpEvent, type HttpResult } from './middleware.ts';

/** The header CloudFront adds to every origin request (the same name as the edge construct's). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** Compares two secrets in constant time (of their hashes, so their lengths do not show). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

/** Whether the request carries the edge's secret. */
export function cameThroughEdge(event: HttpEvent, edgeSecret: string): boolean {
  const proof = headerValue(event, ORIGIN_VERIFY_HEADER);
  return proof !== undefined && sameSecret(proof, edgeSecret);
}

export function edgeOnly(edgeSecret: string | undefined = process.env.EDGE_ORIGIN_SECRET): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: (request) => {
      if (!edgeSecret || cameThroughEdge(request.event, edgeSecret)) return undefined;
      // Returned, not thrown: every HTTP function answers it, with or without the JSON error handler.
      return errorResponse(new ForbiddenError('this API is reached through its edge only'));
    },
  };
}
