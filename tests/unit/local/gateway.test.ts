/**
 * The local gateway's controls (/_local: the clock, faults, demo users and their tokens) and its
 * Lambda Invoke API are for this machine's tools: a request a browser sends from a page of another
 * origin is refused (403) before it reaches them; tools (no Origin) and the gateway's own pages
 * (its own origin: the console's local sign-in) get through.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { foreignOrigin, startGateway } from '../../../local/gateway.ts';

let url: string;
let server: Server;
const reached: string[] = [];

beforeAll(async () => {
  ({ url, server } = await startGateway({
    port: 0,
    tenantIds: () => ['demo'],
    invoke: async (_tenant, functionId) => {
      reached.push(`invoke ${functionId}`);
      return { ok: true };
    },
    resolveFunction: (name) => (name === 'klachten-demo-deadline-check' ? { tenantId: 'demo', functionId: 'deadline-check' } : undefined),
    localEndpoints: async (path) => {
      reached.push(path);
      return { status: 200, body: { path } };
    },
  }));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const port = () => Number(new URL(url).port);

describe('cross-origin requests to the local controls', () => {
  test('refused from another origin, another site, or an opaque origin: 403, never reaching the endpoint', async () => {
    const refused: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: `http://127.0.0.1:${port() + 1}` }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of refused) {
      const before = reached.length;
      const response = await fetch(`${url}/_local/clock`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: '{"days":8}' });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(reached.length).toBe(before);
    }
  });

  test('the Invoke API refuses them too', async () => {
    const response = await fetch(`${url}/2015-03-31/functions/klachten-demo-deadline-check/invocations`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' });
    expect(response.status).toBe(403);
    expect(reached).not.toContain('invoke deadline-check');
    const tool = await fetch(`${url}/2015-03-31/functions/klachten-demo-deadline-check/invocations`, { method: 'POST', body: '{}' });
    expect(tool.status).toBe(200);
    expect(reached).toContain('invoke deadline-check');
  });

  test("tools (no Origin) and the gateway's own pages get through", async () => {
    expect((await fetch(`${url}/_local/users/demo`)).status).toBe(200);
    for (const origin of [url, `http://localhost:${port()}`]) {
      const response = await fetch(`${url}/_local/token`, { method: 'POST', headers: { origin, 'sec-fetch-site': 'same-origin' }, body: '{}' });
      expect(response.status, origin).toBe(200);
    }
    expect(reached).toEqual(expect.arrayContaining(['/_local/users/demo', '/_local/token']));
  });

  test('foreignOrigin, by itself', () => {
    expect(foreignOrigin({ headers: {} }, 3000)).toBe(false);
    expect(foreignOrigin({ headers: { origin: 'http://127.0.0.1:3000' } }, 3000)).toBe(false);
    expect(foreignOrigin({ headers: { origin: 'HTTP://LOCALHOST:3000' } }, 3000)).toBe(false);
    expect(foreignOrigin({ headers: { origin: 'http://127.0.0.1:3001' } }, 3000)).toBe(true);
    expect(foreignOrigin({ headers: { origin: 'http://127.0.0.1.evil.example:3000' } }, 3000)).toBe(true);
    expect(foreignOrigin({ headers: { 'sec-fetch-site': 'same-site' } }, 3000)).toBe(true);
  });
});
