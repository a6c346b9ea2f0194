/**
 * The dev issuer inside a running local cloud: tokens from POST /_local/token (and from
 * `npm run token`'s code) verify with the production verifier against the issuer's JWKS over
 * HTTP, per tenant; another tenant's token does not.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devClientId, devIssuerUrl } from '../../local/dev-issuer.ts';
import { createJwtVerifier, type JwtVerifier } from '../../shared/auth/jwt.ts';
import { principalFromClaims } from '../../shared/auth/principal.ts';
import { runToken } from '../../tools/token.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

let local: TestCloud;
let api: string;

beforeAll(async () => {
  local = await startTestCloud({ tenants: ['demo', 'occure'] });
  api = local.cloud.urls.api;
});
afterAll(async () => {
  await local?.stop();
});

/** The verifier a tenant's function builds from JWT_ISSUER and JWT_AUDIENCE (JWKS fetched over HTTP). */
const verifierFor = (tenant: string): JwtVerifier => createJwtVerifier({ issuer: devIssuerUrl(api, tenant), audience: devClientId(tenant), clock: local.cloud.clock });

async function token(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(`${api}/_local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('dev issuer in the local cloud', () => {
  test('a role token verifies with the production verifier and the issuer JWKS, and maps to the principal', async () => {
    const issued = await token({ tenant: 'occure', role: 'coordinator' });
    expect(issued.status).toBe(200);
    expect(issued.body.user).toMatchObject({ email: 'coordinator@occure.example', groups: ['coordinator'] });
    expect(Date.parse(issued.body.expiresAt) - local.cloud.clock.now().getTime()).toBeGreaterThan(59 * 60_000);
    const claims = await verifierFor('occure').verify(issued.body.token);
    expect(claims).toMatchObject({ iss: `${api}/_local/issuer/occure`, aud: 'local-occure-admin-console', token_use: 'id' });
    expect(principalFromClaims(claims, 'occure')).toEqual({
      subject: issued.body.user.sub,
      email: 'coordinator@occure.example',
      name: 'Carla Coördinator',
      roles: ['coordinator'],
      tenantId: 'occure',
    });
  });

  test("a token for another tenant fails this tenant's verifier", async () => {
    const demoToken = (await token({ tenant: 'demo', role: 'director' })).body.token as string;
    await expect(verifierFor('demo').verify(demoToken)).resolves.toBeTruthy();
    await expect(verifierFor('occure').verify(demoToken)).rejects.toThrow('token invalid');
  });

  test('every role has a user; a user can be named', async () => {
    for (const role of ['coordinator', 'handler', 'complaints-officer', 'director', 'auditor']) {
      const claims = await verifierFor('demo').verify((await token({ tenant: 'demo', role })).body.token);
      expect(claims['cognito:groups'], role).toEqual([role]);
    }
    const second = await token({ tenant: 'demo', user: 'handler2@demo.example' });
    expect((await verifierFor('demo').verify(second.body.token)).email).toBe('handler2@demo.example');
  });

  test('GET /_local/users lists the demo users; the issuer publishes its JWKS and discovery document', async () => {
    const users = (await (await fetch(`${api}/_local/users/occure`)).json()) as { users: Array<{ email: string }> };
    expect(users.users.map((u) => u.email)).toContain('handler2@occure.example');
    const jwks = (await (await fetch(`${api}/_local/issuer/demo/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const discovery = (await (await fetch(`${api}/_local/issuer/demo/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(devIssuerUrl(api, 'demo'));
  });

  test('bad requests are refused clearly', async () => {
    expect(await token({ tenant: 'nope', role: 'handler' })).toMatchObject({ status: 404, body: { tenants: ['demo', 'occure'] } });
    expect(await token({ tenant: 'demo', role: 'boss' })).toMatchObject({ status: 400 });
  });

  test('npm run token prints a token that verifies', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runToken(['--tenant', 'demo', '--role', 'auditor', '--url', api], { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toHaveLength(1);
    expect((await verifierFor('demo').verify(out[0]!))['cognito:groups']).toEqual(['auditor']);
  });

  test('the local clock endpoint still works, and tokens follow it: moving it two hours expires a token', async () => {
    const issued = (await token({ tenant: 'demo', role: 'handler' })).body.token as string;
    await expect(verifierFor('demo').verify(issued)).resolves.toBeTruthy();
    const moved = await fetch(`${api}/_local/clock`, { method: 'POST', body: JSON.stringify({ hours: 2 }) });
    expect(moved.status).toBe(200);
    await expect(verifierFor('demo').verify(issued)).rejects.toThrow('token expired');
    // A fresh token is issued at the moved time and verifies.
    await expect(verifierFor('demo').verify((await token({ tenant: 'demo', role: 'handler' })).body.token)).resolves.toBeTruthy();
  });
});
