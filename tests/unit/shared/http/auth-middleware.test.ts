/** requireStaff() on a dummy middy handler: 401 without a good token, 403 without a role, 200 with. */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createJwtVerifier } from '../../../../shared/auth/jwt.ts';
import { STAFF_ROLES, WRITE_ROLES, type StaffRole } from '../../../../shared/auth/principal.ts';
import { configuredStaffAuth, operationGuards, principalOf, requireStaff, type StaffAuth, type StaffEvent } from '../../../../shared/http/auth-middleware.ts';
import { OPERATIONS } from '../../../../shared/http/api-spec.ts';
import { httpErrorHandler, jsonBodyParser, jsonResponse, type HttpResult } from '../../../../shared/http/middleware.ts';
import { setLogSink } from '../../../../shared/observability/log.ts';
import { CLIENT_ID, idClaims, ISSUER, jwks, NOW, signToken, testKey, type TestKey } from '../../../support/token-factory.ts';

let key: TestKey;
let auth: StaffAuth;
/** The log lines of a test, by level. */
let logged: Array<{ level: string; line: string }>;
let restoreLog: ReturnType<typeof setLogSink>;
const linesAt = (level: string) => logged.filter((l) => l.level === level).map((l) => l.line);

beforeAll(() => {
  key = testKey('key-1');
  auth = {
    tenantId: 'demo',
    verifier: createJwtVerifier({ issuer: ISSUER, audience: CLIENT_ID, fetchJwks: async () => jwks(key), clock: { now: () => new Date(NOW * 1000) } }),
  };
});
beforeEach(() => {
  logged = [];
  restoreLog = setLogSink((level, line) => logged.push({ level, line }));
});
afterEach(() => {
  vi.restoreAllMocks();
  setLogSink(restoreLog);
});

const calls: StaffEvent[] = [];

function handlerFor(options: { roles?: StaffRole[]; auth?: StaffAuth | null } = {}) {
  const staffAuth = options.auth === null ? undefined : (options.auth ?? auth);
  return middy<StaffEvent, HttpResult>()
    .use(requireStaff({ roles: options.roles ?? STAFF_ROLES, ...(staffAuth ? { auth: staffAuth } : {}) }))
    .use(jsonBodyParser())
    .use(httpErrorHandler())
    .handler(async (event) => {
      calls.push(event);
      return jsonResponse(200, { principal: principalOf(event), body: event.jsonBody ?? null });
    });
}

function event(headers: Record<string, string> = {}, body?: string): StaffEvent {
  return {
    version: '2.0',
    routeKey: 'POST /complaints/{reference}/assign',
    rawPath: '/complaints/KL-2026-000001/assign',
    rawQueryString: '',
    headers,
    requestContext: { http: { method: 'POST', path: '/complaints/KL-2026-000001/assign' } } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
    ...(body !== undefined ? { body } : {}),
  } as StaffEvent;
}

const context = { functionName: 'test', getRemainingTimeInMillis: () => 10_000 } as Context;

async function call(handler: ReturnType<typeof handlerFor>, headers: Record<string, string> = {}, body?: string) {
  calls.length = 0;
  const result = (await handler(event(headers, body), context)) as HttpResult;
  return { status: result.statusCode, headers: (result.headers ?? {}) as Record<string, string>, body: JSON.parse(String(result.body)) as Record<string, any> };
}

const bearer = (claims: Record<string, unknown>) => ({ authorization: `Bearer ${signToken(key, claims)}` });

describe('401: no valid token', () => {
  test('no Authorization header: 401 with a bare Bearer challenge; the handler never runs', async () => {
    const response = await call(handlerFor());
    expect(response).toMatchObject({ status: 401, body: { error: 'unauthenticated', message: 'authentication required' } });
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(calls).toHaveLength(0);
  });

  test('another scheme, or an empty Bearer: 401', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Token abc']) {
      const response = await call(handlerFor(), { authorization });
      expect(response.status, authorization).toBe(401);
      expect(response.body.message).toBe('authentication required');
    }
  });

  test('a token that does not verify: 401 "token invalid", invalid_token challenge, reason logged without the token', async () => {
    const forged = signToken(testKey('key-1'), idClaims());
    const response = await call(handlerFor(), { authorization: `Bearer ${forged}` });
    expect(response).toMatchObject({ status: 401, body: { error: 'unauthenticated', message: 'token invalid' } });
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="token invalid"');
    expect(calls).toHaveLength(0);
    const warned = linesAt('warn').join('\n');
    expect(warned).toContain('bad signature');
    expect(warned).not.toContain(forged.split('.')[2]);
  });

  test('an expired token: 401 "token expired"', async () => {
    const response = await call(handlerFor(), bearer(idClaims({ exp: NOW - 3600 })));
    expect(response).toMatchObject({ status: 401, body: { message: 'token expired' } });
    expect(response.headers['www-authenticate']).toContain('token expired');
  });

  test("another tenant's token (another issuer and client): 401", async () => {
    const response = await call(handlerFor(), bearer(idClaims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other', aud: 'other-client' })));
    expect(response.status).toBe(401);
  });

  test('authentication comes before the body: no token and a bad body is still a 401, not a 415', async () => {
    const response = await call(handlerFor(), { 'content-type': 'text/plain' }, 'hello');
    expect(response.status).toBe(401);
  });
});

describe('403: authenticated, not allowed', () => {
  test('a role that may not: 403 naming the roles that may', async () => {
    const response = await call(handlerFor({ roles: ['coordinator', 'complaints-officer'] }), bearer(idClaims({ 'cognito:groups': ['handler'] })));
    expect(response).toMatchObject({
      status: 403,
      body: { error: 'forbidden', message: 'this needs one of the roles: coordinator, complaints-officer', allowedRoles: ['coordinator', 'complaints-officer'] },
    });
    expect(calls).toHaveLength(0);
  });

  test('an auditor on a write route (WRITE_ROLES): 403', async () => {
    const response = await call(handlerFor({ roles: [...WRITE_ROLES] }), bearer(idClaims({ 'cognito:groups': ['auditor'] })));
    expect(response.status).toBe(403);
    expect(response.body.allowedRoles).not.toContain('auditor');
  });

  test('a valid token without any staff group: 403 on any admin route', async () => {
    const response = await call(handlerFor(), bearer(idClaims({ 'cognito:groups': undefined })));
    expect(response).toMatchObject({ status: 403, body: { message: expect.stringContaining('needs a staff role') } });
  });
});

describe('200: the principal reaches the handler', () => {
  test('an allowed role: the handler gets event.principal, with the tenant', async () => {
    const response = await call(handlerFor({ roles: ['coordinator'] }), { Authorization: `bearer ${signToken(key, idClaims())}`, 'content-type': 'application/json' }, '{"handler":"h1"}');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      principal: { subject: idClaims().sub, email: 'coordinator@demo.example', name: 'Carla Coördinator', roles: ['coordinator'], tenantId: 'demo' },
      body: { handler: 'h1' },
    });
  });

  test('by default every staff role may (an auditor may read)', async () => {
    for (const role of ['coordinator', 'handler', 'complaints-officer', 'director', 'auditor']) {
      expect((await call(handlerFor(), bearer(idClaims({ 'cognito:groups': [role] })))).status, role).toBe(200);
    }
  });

  test('a principal on the incoming event is never trusted', async () => {
    const handler = handlerFor();
    const planted = { subject: 'mallory', roles: ['director'], tenantId: 'demo' };
    const unauthenticated = (await handler({ ...event(), principal: planted } as StaffEvent, context)) as HttpResult;
    expect(unauthenticated.statusCode).toBe(401);
    const asHandler = (await handler({ ...event(bearer(idClaims({ 'cognito:groups': ['handler'] }))), principal: planted } as StaffEvent, context)) as HttpResult;
    expect(JSON.parse(String(asHandler.body)).principal).toMatchObject({ subject: idClaims().sub, roles: ['handler'] });
  });
});

describe('configuration', () => {
  test('no roles fail closed when the handler is defined: never "all staff" by default', () => {
    expect(() => requireStaff({ roles: [] })).toThrow(/no roles given/);
    expect(() => requireStaff({} as never)).toThrow(/no roles given/);
    expect(() => operationGuards([{ operationId: 'forgotten', method: 'GET', path: '/admin/forgotten', functionId: 'admin-api', access: 'admin' }])).toThrow(/forgotten names no roles/);
    expect(() => operationGuards([{ operationId: 'emptied', method: 'GET', path: '/admin/emptied', functionId: 'admin-api', access: 'admin', roles: [] }])).toThrow(/emptied names no roles/);
  });

  test('every admin operation in the table names its roles, and every function starts with its guards', () => {
    const admin = OPERATIONS.filter((op) => op.access === 'admin');
    expect(admin.length).toBeGreaterThan(20);
    for (const op of admin) expect(op.roles?.length, op.operationId).toBeGreaterThan(0);
    expect(() => operationGuards(OPERATIONS)).not.toThrow();
  });

  test('unknown roles are a programming error, caught when the handler is defined', () => {
    expect(() => requireStaff({ roles: ['boss' as StaffRole] })).toThrow(/unknown role\(s\) boss/);
  });

  test('without JWT_ISSUER/JWT_AUDIENCE every request is refused with a logged 500 (fail closed)', async () => {
    vi.stubEnv('TENANT_ID', 'demo');
    vi.stubEnv('JWT_ISSUER', undefined);
    vi.stubEnv('JWT_AUDIENCE', undefined);
    try {
      const response = await call(handlerFor({ auth: null }), bearer(idClaims()));
      expect(response.status).toBe(500);
      expect(calls).toHaveLength(0);
      expect(linesAt('error')[0]).toMatch(/Staff authentication is not configured.*JWT_ISSUER: is not set/s);
      expect(() => configuredStaffAuth({ TENANT_ID: 'demo', JWT_ISSUER: ISSUER })).toThrow(/JWT_AUDIENCE: is not set/);
      expect(() => configuredStaffAuth({ TENANT_ID: 'demo', JWT_ISSUER: 'not a url', JWT_AUDIENCE: CLIENT_ID })).toThrow(/JWT_ISSUER/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('with the variables set, the verifier is built once from them', () => {
    const env = { TENANT_ID: 'demo', JWT_ISSUER: ISSUER, JWT_AUDIENCE: CLIENT_ID, JWKS_URL: 'https://keys.example/jwks.json' };
    const first = configuredStaffAuth(env);
    expect(first.tenantId).toBe('demo');
    expect(configuredStaffAuth(env)).toBe(first);
  });
});
