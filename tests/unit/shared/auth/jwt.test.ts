/** The RS256 verifier: what it accepts, and every forgery and mistake it must refuse. */
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { createJwtVerifier, type JsonWebKeySet, type JwtVerifierOptions } from '../../../../shared/auth/jwt.ts';
import { ServiceUnavailableError, UnauthenticatedError } from '../../../../shared/domain/errors.ts';
import { setLogSink } from '../../../../shared/observability/log.ts';
import { CLIENT_ID, hs256WithPublicKey, idClaims, ISSUER, jwks, NOW, signToken, tamperedToken, testKey, unsignedToken, type TestKey } from '../../../support/token-factory.ts';

let key: TestKey;
let other: TestKey;

beforeAll(() => {
  key = testKey('key-1');
  other = testKey('key-2');
});

function verifier(overrides: Partial<JwtVerifierOptions> = {}, keySet: () => JsonWebKeySet = () => jwks(key)) {
  const fetchJwks = vi.fn(async (_url: string) => keySet());
  const clock = { now: () => new Date(NOW * 1000) };
  return { verifier: createJwtVerifier({ issuer: ISSUER, audience: CLIENT_ID, fetchJwks, clock, ...overrides }), fetchJwks, clock };
}

async function refusal(promise: Promise<unknown>): Promise<UnauthenticatedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  return error as UnauthenticatedError;
}

describe('a valid token', () => {
  test('an id token verifies and its claims come back', async () => {
    const { verifier: v, fetchJwks } = verifier();
    const claims = await v.verify(signToken(key, idClaims()));
    expect(claims).toMatchObject({ sub: idClaims().sub, iss: ISSUER, aud: CLIENT_ID, token_use: 'id', 'cognito:groups': ['coordinator'], email: 'coordinator@demo.example' });
    expect(fetchJwks).toHaveBeenCalledWith(`${ISSUER}/.well-known/jwks.json`);
  });

  test('an access token is checked on client_id instead of aud', async () => {
    const { verifier: v } = verifier();
    const access = idClaims({ token_use: 'access', aud: undefined, client_id: CLIENT_ID, scope: 'openid email' });
    await expect(v.verify(signToken(key, access))).resolves.toMatchObject({ token_use: 'access', client_id: CLIENT_ID });
    expect((await refusal(v.verify(signToken(key, { ...access, client_id: 'another-client' })))).reason).toBe('wrong client_id');
    // An access token with the right aud but no client_id is not accepted as one.
    await refusal(v.verify(signToken(key, idClaims({ token_use: 'access' }))));
  });

  test('aud may be a list holding the client id; several audiences may be allowed', async () => {
    await expect(verifier().verifier.verify(signToken(key, idClaims({ aud: ['x', CLIENT_ID] })))).resolves.toBeTruthy();
    await expect(verifier({ audience: ['old-client', CLIENT_ID] }).verifier.verify(signToken(key, idClaims()))).resolves.toBeTruthy();
  });

  test('the JWKS is fetched once and cached; a custom jwksUrl is used', async () => {
    const { verifier: v, fetchJwks } = verifier({ jwksUrl: 'https://keys.example/jwks.json' });
    for (let i = 0; i < 3; i++) await v.verify(signToken(key, idClaims()));
    expect(fetchJwks).toHaveBeenCalledTimes(1);
    expect(fetchJwks).toHaveBeenCalledWith('https://keys.example/jwks.json');
  });
});

describe('prefetch at cold start', () => {
  test('the keys load before the first token comes, and that token uses them: one fetch in all', async () => {
    const { verifier: v, fetchJwks } = verifier();
    v.prefetch!();
    expect(fetchJwks).toHaveBeenCalledTimes(1);
    await v.verify(signToken(key, idClaims()));
    expect(fetchJwks).toHaveBeenCalledTimes(1);
  });

  test('a prefetch that fails is not kept: the first token fetches again and verifies', async () => {
    let calls = 0;
    const fetchJwks = vi.fn(async () => {
      calls += 1;
      if (calls === 1) throw new Error('issuer not up yet');
      return jwks(key);
    });
    const { verifier: v } = verifier({ fetchJwks });
    v.prefetch!();
    await vi.waitFor(() => expect(fetchJwks).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(v.verify(signToken(key, idClaims()))).resolves.toBeTruthy();
    expect(fetchJwks).toHaveBeenCalledTimes(2);
  });
});

describe('time', () => {
  test('expired beyond the 60 s leeway: "token expired"; within it: accepted', async () => {
    const { verifier: v } = verifier();
    const expired = await refusal(v.verify(signToken(key, idClaims({ exp: NOW - 61 }))));
    expect(expired.message).toBe('token expired');
    await expect(v.verify(signToken(key, idClaims({ exp: NOW - 59 })))).resolves.toBeTruthy();
  });

  test('not yet valid (nbf) beyond the leeway is refused; within it accepted', async () => {
    const { verifier: v } = verifier();
    const early = await refusal(v.verify(signToken(key, idClaims({ nbf: NOW + 61 }))));
    expect(early.message).toBe('token invalid');
    expect(early.reason).toMatch(/nbf/);
    await expect(v.verify(signToken(key, idClaims({ nbf: NOW + 59 })))).resolves.toBeTruthy();
  });

  test('issued in the future, or without exp, is refused', async () => {
    const { verifier: v } = verifier();
    expect((await refusal(v.verify(signToken(key, idClaims({ iat: NOW + 600 }))))).reason).toMatch(/iat/);
    expect((await refusal(v.verify(signToken(key, idClaims({ exp: undefined }))))).reason).toBe('no exp');
    expect((await refusal(v.verify(signToken(key, idClaims({ exp: String(NOW + 60) }))))).reason).toBe('no exp');
  });

  test('the verifier follows its clock (the local cloud can run ahead)', async () => {
    let now = NOW;
    const { verifier: v } = verifier({ clock: { now: () => new Date(now * 1000) } });
    const token = signToken(key, idClaims());
    await expect(v.verify(token)).resolves.toBeTruthy();
    now += 2 * 3600;
    expect((await refusal(v.verify(token))).message).toBe('token expired');
  });
});

describe('who issued it, and for whom', () => {
  test('a wrong issuer is refused, even one that differs only by a trailing slash', async () => {
    const { verifier: v } = verifier();
    for (const iss of ['https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OtherPool', `${ISSUER}/`, undefined]) {
      const error = await refusal(v.verify(signToken(key, idClaims({ iss }))));
      expect(error.message).toBe('token invalid');
      expect(error.reason).toBe('wrong issuer');
    }
  });

  test('a wrong or missing audience is refused', async () => {
    const { verifier: v } = verifier();
    for (const aud of ['another-client', ['a', 'b'], undefined, 42]) {
      expect((await refusal(v.verify(signToken(key, idClaims({ aud }))))).reason).toBe('wrong audience');
    }
  });

  test('token_use must be id or access; no sub is refused', async () => {
    const { verifier: v } = verifier();
    for (const tokenUse of ['refresh', undefined, 'ID']) await refusal(v.verify(signToken(key, idClaims({ token_use: tokenUse }))));
    await refusal(verifier({ tokenUses: ['access'] }).verifier.verify(signToken(key, idClaims())));
    expect((await refusal(v.verify(signToken(key, idClaims({ sub: '' }))))).reason).toBe('no sub');
  });

  test('cognito:groups must be a list of names', async () => {
    const { verifier: v } = verifier();
    await refusal(v.verify(signToken(key, idClaims({ 'cognito:groups': 'coordinator' }))));
    await refusal(v.verify(signToken(key, idClaims({ 'cognito:groups': [1] }))));
  });
});

describe('forgeries', () => {
  test("alg 'none' is refused without looking for a key", async () => {
    const { verifier: v, fetchJwks } = verifier();
    const error = await refusal(v.verify(unsignedToken(key, idClaims())));
    expect(error.reason).toMatch(/alg "none"/);
    expect(fetchJwks).not.toHaveBeenCalled();
  });

  test('HS256 signed with the public key as the secret is refused', async () => {
    const { verifier: v } = verifier();
    expect((await refusal(v.verify(hs256WithPublicKey(key, idClaims())))).reason).toMatch(/alg "HS256"/);
  });

  test('other algorithms (RS512, PS256, ES256) and a missing alg are refused', async () => {
    const { verifier: v } = verifier();
    for (const alg of ['RS512', 'PS256', 'ES256', undefined]) await refusal(v.verify(signToken(key, idClaims(), { alg })));
  });

  test('a tampered payload fails the signature (more groups, another subject)', async () => {
    const { verifier: v } = verifier();
    expect((await refusal(v.verify(tamperedToken(key, idClaims(), { 'cognito:groups': ['director'] })))).reason).toBe('bad signature');
    expect((await refusal(v.verify(tamperedToken(key, idClaims(), { sub: 'someone-else' })))).reason).toBe('bad signature');
  });

  test('a token signed by another key under a known kid fails the signature', async () => {
    const { verifier: v } = verifier();
    const impostor = { ...other, kid: key.kid };
    expect((await refusal(v.verify(signToken(impostor, idClaims())))).reason).toBe('bad signature');
  });

  test('malformed tokens are refused as "token invalid"', async () => {
    const { verifier: v } = verifier();
    const good = signToken(key, idClaims());
    for (const token of ['', 'abc', 'a.b', `${good}.x`, good.replace(/\.[^.]+$/, '.'), `${good.slice(0, 10)}+${good.slice(11)}`, 'e30.e30.e30', `W10.${good.split('.')[1]}.x`, 'x'.repeat(20_000)]) {
      expect((await refusal(v.verify(token))).message).toBe('token invalid');
    }
    await refusal(v.verify(signToken(key, idClaims(), { kid: undefined })));
    await refusal(v.verify(signToken(key, idClaims(), { crit: ['exp'] })));
  });

  test('the caller-facing message never says why beyond expired/invalid', async () => {
    const { verifier: v } = verifier();
    const messages = new Set<string>();
    for (const token of [
      unsignedToken(key, idClaims()),
      signToken(key, idClaims({ iss: 'https://evil.example' })),
      tamperedToken(key, idClaims(), { sub: 'x' }),
      signToken(key, idClaims({ aud: 'x' })),
    ]) {
      messages.add((await refusal(v.verify(token))).message);
    }
    expect([...messages]).toEqual(['token invalid']);
  });
});

describe('keys', () => {
  test('an unknown kid refetches the JWKS once: a rotated key verifies', async () => {
    let current = jwks(key);
    const { verifier: v, fetchJwks } = verifier({}, () => current);
    await v.verify(signToken(key, idClaims()));
    current = jwks(key, other); // Cognito publishes the new key
    await expect(v.verify(signToken(other, idClaims()))).resolves.toBeTruthy();
    expect(fetchJwks).toHaveBeenCalledTimes(2);
    await v.verify(signToken(other, idClaims()));
    expect(fetchJwks).toHaveBeenCalledTimes(2);
  });

  test('made-up kids do not make every request fetch the JWKS', async () => {
    let now = NOW;
    const { verifier: v, fetchJwks } = verifier({ clock: { now: () => new Date(now * 1000) } });
    await v.verify(signToken(key, idClaims()));
    for (let i = 0; i < 5; i++) expect((await refusal(v.verify(signToken({ ...other, kid: `made-up-${i}` }, idClaims())))).reason).toMatch(/no signing key/);
    expect(fetchJwks).toHaveBeenCalledTimes(2);
    now += 31;
    await refusal(v.verify(signToken({ ...other, kid: 'made-up-later' }, idClaims())));
    expect(fetchJwks).toHaveBeenCalledTimes(3);
  });

  test('the keys have a maximum age: a key the issuer removed stops verifying once they are fetched again', async () => {
    let now = NOW;
    let current = jwks(key);
    const { verifier: v, fetchJwks } = verifier({ clock: { now: () => new Date(now * 1000) }, jwksMaxAgeMs: 60_000 }, () => current);
    await v.verify(signToken(key, idClaims()));
    current = jwks(other); // the old key is withdrawn (compromised, rotated out)
    now += 30;
    await expect(v.verify(signToken(key, idClaims()))).resolves.toBeTruthy();
    expect(fetchJwks).toHaveBeenCalledTimes(1);
    now += 31;
    expect((await refusal(v.verify(signToken(key, idClaims())))).reason).toMatch(/no signing key/);
    await expect(v.verify(signToken(other, idClaims()))).resolves.toBeTruthy();
    expect(fetchJwks).toHaveBeenCalledTimes(2);
  });

  test('concurrent first requests share one JWKS fetch', async () => {
    const { verifier: v, fetchJwks } = verifier();
    await Promise.all(Array.from({ length: 5 }, () => v.verify(signToken(key, idClaims()))));
    expect(fetchJwks).toHaveBeenCalledTimes(1);
  });

  test('keys for encryption, other algorithms or under 2048 bits are not used', async () => {
    const weak = testKey('weak', 1024);
    const keySet = { keys: [{ ...key.jwk, use: 'enc' }, { ...other.jwk, alg: 'RS512' }, weak.jwk] } as JsonWebKeySet;
    const { verifier: v } = verifier({}, () => keySet);
    for (const k of [key, other, weak]) expect((await refusal(v.verify(signToken(k, idClaims())))).reason).toMatch(/no signing key/);
  });

  test('an unreachable JWKS is a 503 (retry), not a 401, and is not cached', async () => {
    let fail = true;
    const fetchJwks = vi.fn(async () => {
      if (fail) throw new Error('ECONNREFUSED');
      return jwks(key);
    });
    const errors = vi.fn();
    const restoreLog = setLogSink(errors);
    const v = createJwtVerifier({ issuer: ISSUER, audience: CLIENT_ID, fetchJwks, clock: { now: () => new Date(NOW * 1000) } });
    await expect(v.verify(signToken(key, idClaims()))).rejects.toBeInstanceOf(ServiceUnavailableError);
    fail = false;
    await expect(v.verify(signToken(key, idClaims()))).resolves.toBeTruthy();
    setLogSink(restoreLog);
    expect(errors).toHaveBeenCalledWith('error', expect.stringContaining('"message":"JWKS not loaded"'));
  });

  test('the default fetch reads <issuer>/.well-known/jwks.json over HTTP', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/pool/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks(key)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address() as { port: number };
      const issuer = `http://127.0.0.1:${address.port}/pool`;
      const v = createJwtVerifier({ issuer, audience: CLIENT_ID, clock: { now: () => new Date(NOW * 1000) } });
      await expect(v.verify(signToken(key, idClaims({ iss: issuer })))).resolves.toMatchObject({ iss: issuer });
    } finally {
      server.close();
    }
  });

  test('refuses to be built without issuer or audience', () => {
    expect(() => createJwtVerifier({ issuer: '', audience: CLIENT_ID })).toThrow(/issuer/);
    expect(() => createJwtVerifier({ issuer: ISSUER, audience: [] })).toThrow(/audience/);
    expect(() => createJwtVerifier({ issuer: ISSUER, audience: '' })).toThrow(/audience/);
  });
});
