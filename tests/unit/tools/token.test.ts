/** `npm run token`: prints only the token; clear errors on stderr. */
import { describe, expect, test } from 'vitest';
import { defaultUrl, runToken } from '../../../tools/token.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

const answering = (status: number, body: unknown, seen: Array<{ url: string; body: unknown }> = []) =>
  (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;

describe('npm run token', () => {
  test('prints only the token, asking the local cloud for the tenant and role', async () => {
    const { out, err, io: cli } = io();
    const seen: Array<{ url: string; body: unknown }> = [];
    const code = await runToken(['--tenant', 'occure', '--role', 'coordinator', '--url', 'http://127.0.0.1:4000/'], cli, answering(200, { token: 'h.p.s', expiresAt: 'x', user: {} }, seen));
    expect(code).toBe(0);
    expect(out).toEqual(['h.p.s']);
    expect(err).toEqual([]);
    expect(seen).toEqual([{ url: 'http://127.0.0.1:4000/_local/token', body: { tenant: 'occure', role: 'coordinator' } }]);
  });

  test('--user picks a demo user', async () => {
    const seen: Array<{ url: string; body: unknown }> = [];
    await runToken(['--tenant', 'demo', '--user', 'handler2@demo.example'], io().io, answering(200, { token: 't' }, seen), {});
    expect(seen[0]).toEqual({ url: 'http://127.0.0.1:3000/_local/token', body: { tenant: 'demo', user: 'handler2@demo.example' } });
  });

  test('the URL defaults to KLACHTEN_URL, else KLACHTEN_PORT, else 3000', () => {
    expect(defaultUrl({})).toBe('http://127.0.0.1:3000');
    expect(defaultUrl({ KLACHTEN_PORT: '3100' })).toBe('http://127.0.0.1:3100');
    expect(defaultUrl({ KLACHTEN_URL: 'http://localhost:9000', KLACHTEN_PORT: '3100' })).toBe('http://localhost:9000');
  });

  test('bad arguments: exit 2 with the usage', async () => {
    for (const argv of [[], ['--tenant', 'demo'], ['--role', 'handler'], ['--tenant', 'demo', '--role', 'handler', '--bogus']]) {
      const { out, err, io: cli } = io();
      expect(await runToken(argv, cli, answering(200, {}))).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('\n')).toContain('usage: npm run token');
    }
  });

  test('the local cloud is not running: exit 1, saying to start it', async () => {
    const { out, err, io: cli } = io();
    const refused = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as typeof fetch;
    expect(await runToken(['--tenant', 'demo', '--role', 'handler'], cli, refused, {})).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toBe('token: no local cloud answers at http://127.0.0.1:3000 (ECONNREFUSED). Start it with `npm start` in another terminal, or pass --url.');
  });

  test("the issuer's refusal is shown with its details: exit 1", async () => {
    const { out, err, io: cli } = io();
    expect(await runToken(['--tenant', 'nope', '--role', 'handler'], cli, answering(404, { message: 'unknown tenant "nope"', tenants: ['demo', 'occure'] }))).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toBe('token: 404 unknown tenant "nope"\n  tenants: demo, occure');
  });
});
