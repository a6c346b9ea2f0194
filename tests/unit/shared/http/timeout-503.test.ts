import { describe, expect, test } from 'vitest';
import { errorResponse } from '../../../../shared/http/middleware.ts';

describe('a request that ran out of time', () => {
  test('is a 503 with Retry-After, not a 500: the caller may retry with the same key', () => {
    // What middy throws when the function's time is nearly up.
    const timeout = Object.assign(new Error('[AbortError]: The operation was aborted.'), { name: 'TimeoutError' });
    const response = errorResponse(timeout);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('2');
    expect(JSON.parse(String(response.body))).toMatchObject({ error: 'service_unavailable' });
  });

  test('any other unexpected error stays a bare 500', () => {
    expect(errorResponse(new TypeError('x is undefined')).statusCode).toBe(500);
  });
});
