import { expect, test } from 'vitest';
import { handler } from '../../../functions/web-static.ts';
import { STATIC_FILES } from '../../../web/static.ts';

const get = (file: string, v?: string) =>
  handler({ pathParameters: { file }, ...(v ? { queryStringParameters: { v } } : {}) } as never, {} as never) as Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

test('serves the console script, cached for a year when versioned', async () => {
  const script = STATIC_FILES['console.js']!;
  const plain = await get('console.js');
  expect(plain.statusCode).toBe(200);
  expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(plain.body).toBe(script.body);
  expect(plain.headers['cache-control']).toBe('public, max-age=300');
  expect((await get('console.js', script.hash)).headers['cache-control']).toContain('immutable');
});

test('anything else is a 404', async () => {
  expect((await get('../tenants/demo.yaml')).statusCode).toBe(404);
  expect((await get('site.css')).statusCode).toBe(404);
});
