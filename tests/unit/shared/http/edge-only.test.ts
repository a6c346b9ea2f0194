import middy from '@middy/core';
import { describe, expect, test } from 'vitest';
import { edgeOnly } from '../../../../shared/http/edge-only.ts';
import { clientAddress } from '../../../../shared/http/abuse-limits.ts';
import type { HttpEvent, HttpResult } from '../../../../shared/http/middleware.ts';

const SECRET = 'edge-secret-of-this-stack';

function event(headers: Record<string, string> = {}): HttpEvent {
  return { headers, requestContext: { http: { sourceIp: '203.0.113.9', method: 'GET', path: '/demo/klacht' } } } as unknown as HttpEvent;
}

function handlerWith(secret: string | undefined) {
  let reached = 0;
  const handler = middy<HttpEvent, HttpResult>()
    .use(edgeOnly(secret))
    .handler(async () => {
      reached += 1;
      return { statusCode: 200, body: 'ok' };
    });
  return { run: (e: HttpEvent) => handler(e, {} as never), reached: () => reached };
}

describe('behind the edge, only the edge', () => {
  test('with the edge configured, a request without its secret is refused with 403 and never reaches the handler', async () => {
    const h = handlerWith(SECRET);
    const refused = await h.run(event());
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(String(refused.body))).toMatchObject({ error: 'forbidden' });
    const wrong = await h.run(event({ 'x-origin-verify': 'guessed' }));
    expect(wrong.statusCode).toBe(403);
    expect(h.reached()).toBe(0);
  });

  test("the edge's own requests pass, and only then is the viewer's address believed", async () => {
    const h = handlerWith(SECRET);
    const passed = await h.run(event({ 'x-origin-verify': SECRET, 'cloudfront-viewer-address': '198.51.100.7:46532' }));
    expect(passed.statusCode).toBe(200);
    expect(h.reached()).toBe(1);
    expect(clientAddress(event({ 'x-origin-verify': SECRET, 'cloudfront-viewer-address': '198.51.100.7:46532' }), SECRET)).toBe('198.51.100.7');
    expect(clientAddress(event({ 'cloudfront-viewer-address': '198.51.100.7:46532' }), SECRET)).toBe('203.0.113.9');
  });

  test('without an edge nothing changes', async () => {
    const h = handlerWith(undefined);
    expect((await h.run(event())).statusCode).toBe(200);
    expect(h.reached()).toBe(1);
  });
});
