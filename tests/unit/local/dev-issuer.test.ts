/** The local dev issuer without a local cloud: its key, its users, its endpoints, its tokens. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createJwtVerifier, type JsonWebKeySet } from '../../../shared/auth/jwt.ts';
import { STAFF_ROLES } from '../../../shared/auth/principal.ts';
import { createDevIssuer, demoUsers, DEV_TOKEN_TTL_SECONDS, devClientId, devIssuerUrl } from '../../../local/dev-issuer.ts';

const GATEWAY = 'http://127.0.0.1:3000';
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'klachten-issuer-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const issuerFor = (now = () => new Date('2026-05-04T10:00:00Z')) => createDevIssuer({ dataDir, gatewayUrl: GATEWAY, tenantIds: ['demo', 'occure'], now });

function verifierFor(tenant: string, keys: JsonWebKeySet, now = new Date('2026-05-04T10:00:00Z')) {
  return createJwtVerifier({ issuer: devIssuerUrl(GATEWAY, tenant), audience: devClientId(tenant), fetchJwks: async () => keys, clock: { now: () => now } });
}

describe('the key pair', () => {
  test('is made on first start in <dataDir>/issuer/key.json, owner-readable only, and reused after a restart', () => {
    const first = issuerFor();
    const file = join(dataDir, 'issuer', 'key.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    const token = first.issue({ tenant: 'demo', role: 'coordinator' }).token;
    const second = issuerFor();
    expect(second.jwks()).toEqual(first.jwks());
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid).toBe(first.jwks().keys[0]!.kid);
    expect(JSON.parse(readFileSync(file, 'utf8')).kid).toBe(first.jwks().keys[0]!.kid);
  });

  test('the JWKS holds only the public part', () => {
    const [jwk] = issuerFor().jwks().keys;
    expect(Object.keys(jwk!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });
});

describe('demo users', () => {
  test('one per role and two handlers, per tenant, with ids stable across tenants and restarts', () => {
    const users = demoUsers('occure');
    expect(users.map((u) => [u.email, u.groups])).toEqual([
      ['coordinator@occure.example', ['coordinator']],
      ['handler1@occure.example', ['handler']],
      ['handler2@occure.example', ['handler']],
      ['officer@occure.example', ['complaints-officer']],
      ['director@occure.example', ['director']],
      ['auditor@occure.example', ['auditor']],
    ]);
    expect(new Set(users.map((u) => u.sub)).size).toBe(users.length);
    expect(demoUsers('occure')).toEqual(users);
    expect(demoUsers('demo')[0]!.sub).not.toBe(users[0]!.sub);
    for (const user of users) expect(user.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const role of STAFF_ROLES)
      expect(
        users.some((u) => u.groups.includes(role)),
        role,
      ).toBe(true);
  });
});

describe('tokens', () => {
  test('a role token is a Cognito-shaped id token that the production verifier accepts', async () => {
    const issuer = issuerFor();
    const { token, expiresAt, user } = issuer.issue({ tenant: 'occure', role: 'handler' });
    expect(user.email).toBe('handler1@occure.example');
    expect(expiresAt).toBe(new Date(Date.parse('2026-05-04T10:00:00Z') + DEV_TOKEN_TTL_SECONDS * 1000).toISOString());
    const claims = await verifierFor('occure', issuer.jwks()).verify(token);
    expect(claims).toMatchObject({
      iss: `${GATEWAY}/_local/issuer/occure`,
      aud: 'local-occure-admin-console',
      token_use: 'id',
      sub: user.sub,
      email: 'handler1@occure.example',
      name: 'Hans Behandelaar',
      'cognito:groups': ['handler'],
    });
  });

  test("a token for one tenant fails another tenant's verifier", async () => {
    const issuer = issuerFor();
    const { token } = issuer.issue({ tenant: 'demo', role: 'director' });
    await expect(verifierFor('occure', issuer.jwks()).verify(token)).rejects.toThrow('token invalid');
  });

  test('tokens follow the local clock: issued at its time, expired an hour later', async () => {
    let now = new Date('2027-01-05T09:00:00Z');
    const issuer = issuerFor(() => now);
    const { token } = issuer.issue({ tenant: 'demo', user: 'AUDITOR@demo.example' });
    await expect(verifierFor('demo', issuer.jwks(), now).verify(token)).resolves.toMatchObject({ 'cognito:groups': ['auditor'] });
    now = new Date(now.getTime() + 2 * 3600_000);
    await expect(verifierFor('demo', issuer.jwks(), now).verify(token)).rejects.toThrow('token expired');
  });

  test('a sign-in lasts a working day: the refresh token gives new tokens for 12 hours of the local clock, then not', async () => {
    let now = new Date('2027-01-05T08:00:00Z');
    const issuer = issuerFor(() => now);
    const signedIn = issuer.issue({ tenant: 'demo', role: 'coordinator' });
    expect(signedIn.refreshExpiresAt).toBe('2027-01-05T20:00:00.000Z');
    now = new Date('2027-01-05T17:30:00Z');
    const renewed = issuer.refresh(signedIn.refreshToken);
    expect(renewed).toMatchObject({ user: { email: signedIn.user.email }, expiresAt: '2027-01-05T18:30:00.000Z', refreshToken: signedIn.refreshToken });
    await expect(verifierFor('demo', issuer.jwks(), now).verify(renewed.token)).resolves.toMatchObject({ email: signedIn.user.email });
    now = new Date('2027-01-05T20:00:01Z');
    expect(() => issuer.refresh(signedIn.refreshToken)).toThrow(/sign in again/);
  });

  test('signing out revokes the refresh token; an unknown one is refused the same way', async () => {
    const issuer = issuerFor();
    const signedIn = issuer.issue({ tenant: 'demo', role: 'handler' });
    const refresh = (refreshToken: string) => issuer.endpoint('/_local/token', 'POST', JSON.stringify({ refreshToken }));
    expect(await refresh(signedIn.refreshToken)).toMatchObject({ status: 200, body: { token: expect.any(String), user: { email: signedIn.user.email } } });
    expect(await issuer.endpoint('/_local/revoke', 'POST', JSON.stringify({ refreshToken: signedIn.refreshToken }))).toEqual({ status: 200, body: { revoked: true } });
    expect(await refresh(signedIn.refreshToken)).toMatchObject({ status: 401, body: { message: expect.stringMatching(/sign in again/) } });
    expect(await refresh('made-up')).toMatchObject({ status: 401 });
    expect(await issuer.endpoint('/_local/revoke', 'GET', '')).toMatchObject({ status: 405 });
    expect(await issuer.endpoint('/_local/revoke', 'POST', '{}')).toMatchObject({ status: 400 });
  });

  test('the environment a tenant function gets', () => {
    expect(issuerFor().environment('demo')).toEqual({
      JWT_ISSUER: 'http://127.0.0.1:3000/_local/issuer/demo',
      JWT_AUDIENCE: 'local-demo-admin-console',
      JWKS_URL: 'http://127.0.0.1:3000/_local/issuer/demo/.well-known/jwks.json',
    });
  });
});

describe('endpoints', () => {
  test('POST /_local/token by role or by user', async () => {
    const issuer = issuerFor();
    const byRole = await issuer.endpoint('/_local/token', 'POST', '{"tenant":"demo","role":"complaints-officer"}');
    expect(byRole).toMatchObject({
      status: 200,
      body: {
        token: expect.any(String),
        expiresAt: expect.any(String),
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        refreshExpiresAt: expect.any(String),
        user: { email: 'officer@demo.example' },
      },
    });
    const byUser = await issuer.endpoint('/_local/token', 'POST', '{"tenant":"demo","user":"handler2@demo.example"}');
    expect(byUser).toMatchObject({ status: 200, body: { user: { email: 'handler2@demo.example', groups: ['handler'] } } });
  });

  test('POST /_local/token refuses clearly: unknown tenant, role or user, a user not in the role, no role or user, bad JSON, GET', async () => {
    const issuer = issuerFor();
    const post = (body: string) => issuer.endpoint('/_local/token', 'POST', body);
    expect(await post('{"tenant":"nope","role":"handler"}')).toMatchObject({ status: 404, body: { message: 'unknown tenant "nope"', tenants: ['demo', 'occure'] } });
    expect(await post('{"tenant":"demo","role":"boss"}')).toMatchObject({ status: 400, body: { roles: [...STAFF_ROLES] } });
    expect(await post('{"tenant":"demo","user":"ceo@demo.example"}')).toMatchObject({ status: 404, body: { users: expect.arrayContaining(['handler1@demo.example']) } });
    expect(await post('{"tenant":"demo","user":"auditor@demo.example","role":"director"}')).toMatchObject({ status: 400 });
    expect(await post('{"tenant":"demo"}')).toMatchObject({ status: 400, body: { message: 'give "role" or "user"' } });
    expect(await post('{not json')).toMatchObject({ status: 400 });
    expect(await post('null')).toMatchObject({ status: 400 });
    expect(await issuer.endpoint('/_local/token', 'GET', '')).toMatchObject({ status: 405 });
  });

  test('GET /_local/users: per tenant (path or ?tenant=) or all', async () => {
    const issuer = issuerFor();
    expect(await issuer.endpoint('/_local/users/occure', 'GET', '')).toMatchObject({ status: 200, body: { tenant: 'occure', users: demoUsers('occure') } });
    expect(await issuer.endpoint('/_local/users', 'GET', '', new URLSearchParams('tenant=demo'))).toMatchObject({ status: 200, body: { tenant: 'demo' } });
    const all = await issuer.endpoint('/_local/users', 'GET', '');
    expect((all!.body as { tenants: Array<{ tenant: string }> }).tenants.map((t) => t.tenant)).toEqual(['demo', 'occure']);
    expect(await issuer.endpoint('/_local/users/nope', 'GET', '')).toMatchObject({ status: 404 });
  });

  test("the issuer documents: JWKS and openid-configuration per tenant; other paths are not the issuer's", async () => {
    const issuer = issuerFor();
    expect(await issuer.endpoint('/_local/issuer/demo/.well-known/jwks.json', 'GET', '')).toEqual({ status: 200, body: issuer.jwks() });
    expect(await issuer.endpoint('/_local/issuer/demo/.well-known/openid-configuration', 'GET', '')).toMatchObject({
      status: 200,
      body: { issuer: `${GATEWAY}/_local/issuer/demo`, jwks_uri: `${GATEWAY}/_local/issuer/demo/.well-known/jwks.json` },
    });
    expect(await issuer.endpoint('/_local/issuer/nope/.well-known/jwks.json', 'GET', '')).toMatchObject({ status: 404 });
    expect(await issuer.endpoint('/_local/clock', 'GET', '')).toBeUndefined();
  });
});
