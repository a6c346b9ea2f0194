/** Test keys and tokens: real RS256 signatures from node:crypto, and the forgeries to refuse. */
import { createHmac, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JsonWebKeySet } from '../../shared/auth/jwt.ts';

export const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool';
export const CLIENT_ID = 'test-admin-console-client';
/** 2026-05-04T10:00:00Z, as a NumericDate. */
export const NOW = Date.UTC(2026, 4, 4, 10, 0, 0) / 1000;

export interface TestKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JsonWebKey;
}

export function testKey(kid: string, modulusLength = 2048): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
  return { kid, privateKey, publicKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

export const jwks = (...keys: TestKey[]): JsonWebKeySet => ({ keys: keys.map((k) => k.jwk as JsonWebKeySet['keys'][number]) });

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Claims of a valid Cognito id token at NOW, with overrides (undefined removes a claim). */
export function idClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: '7c1f2a9e-0000-4000-8000-000000000001',
    iss: ISSUER,
    aud: CLIENT_ID,
    token_use: 'id',
    'cognito:groups': ['coordinator'],
    email: 'coordinator@demo.example',
    name: 'Carla Coördinator',
    auth_time: NOW - 10,
    iat: NOW - 10,
    exp: NOW + 3600,
    ...overrides,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return claims;
}

export function signToken(key: TestKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const input = `${encode({ kid: key.kid, alg: 'RS256', typ: 'JWT', ...header })}.${encode(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** alg 'none': no signature at all. */
export function unsignedToken(key: TestKey, claims: Record<string, unknown>): string {
  return `${encode({ kid: key.kid, alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

/** The classic confusion attack: HS256 with the issuer's public key (PEM) as the HMAC secret. */
export function hs256WithPublicKey(key: TestKey, claims: Record<string, unknown>): string {
  const input = `${encode({ kid: key.kid, alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const secret = key.publicKey.export({ format: 'pem', type: 'spki' });
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A validly signed token whose payload was swapped afterwards. */
export function tamperedToken(key: TestKey, claims: Record<string, unknown>, changed: Record<string, unknown>): string {
  const [header, , signature] = signToken(key, claims).split('.');
  return `${header}.${encode({ ...claims, ...changed })}.${signature}`;
}
