/**
 * A small RS256 JWT verifier on node:crypto, for Cognito user-pool tokens (and the local dev
 * issuer, which issues the same shape). It checks, in order: the token's form, the header
 * (alg RS256 only: never 'none', never HS*), the signature against the issuer's JWKS (key by
 * `kid`; an unknown kid refetches the JWKS, at most every 30 s, for key rotation; keys older than
 * an hour are fetched again, so a removed key stops working), then the claims: `iss`
 * exactly, `token_use` 'id' or 'access', the audience (`aud` of an id token, `client_id` of an
 * access token), `exp` and `nbf` with a leeway.
 *
 * Every failure is an UnauthenticatedError saying only "token expired" or "token invalid"; the
 * precise reason is on the error (`reason`) for the log, never in the answer.
 */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createPublicKey, verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';
import { ServiceUnavailableError, UnauthenticatedError } from '../domain/errors.ts';
import { log } from '../observability/log.ts';

export interface Jwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
  [name: string]: unknown;
}

export interface JsonWebKeySet {
  keys: Jwk[];
}

export type TokenUse = 'id' | 'access';

/** The claims of a token that verified. Cognito's names, as they are in the token. */
export interface VerifiedClaims {
  sub: string;
  iss: string;
  token_use: TokenUse;
  exp: number;
  iat?: number;
  nbf?: number;
  /** Id tokens: the app client id. */
  aud?: string | string[];
  /** Access tokens: the app client id. */
  client_id?: string;
  email?: string;
  name?: string;
  'cognito:groups'?: string[];
  'cognito:username'?: string;
  username?: string;
  [claim: string]: unknown;
}

export interface JwtVerifierOptions {
  /** The exact `iss`: `https://cognito-idp.<region>.amazonaws.com/<pool id>`, or the dev issuer's URL. */
  issuer: string;
  /** The app client id(s): matched against `aud` (id token) or `client_id` (access token). */
  audience: string | readonly string[];
  /**
   * Where the signing keys are.
   * @default `${issuer}/.well-known/jwks.json` (where Cognito publishes them)
   */
  jwksUrl?: string;
  /**
   * Fetches the JWKS (tests inject one).
   * @default fetch() with a 5 s timeout
   */
  fetchJwks?: (url: string) => Promise<JsonWebKeySet>;
  /**
   * The time tokens are checked against.
   * @default the machine clock
   */
  clock?: { now(): Date };
  /**
   * Tolerated clock skew for exp and nbf, in seconds.
   * @default 60
   */
  leewaySeconds?: number;
  /**
   * Which tokens are accepted.
   * @default ['id', 'access']
   */
  tokenUses?: readonly TokenUse[];
  /**
   * The least time between two refetches caused by an unknown kid, in ms, so tokens with made-up
   * kids cannot make every request fetch the JWKS.
   * @default 30_000
   */
  unknownKidRefetchIntervalMs?: number;
  /**
   * The longest the keys are used before they are fetched again, in ms, so a key the issuer
   * removed (a compromised one, rotated out) stops verifying tokens within this time, however
   * long the instance lives. A failed refetch then fails closed (503), as the first fetch does.
   * @default 3_600_000 (an hour)
   */
  jwksMaxAgeMs?: number;
}

export interface JwtVerifier {
  verify(token: string): Promise<VerifiedClaims>;
  /** Starts loading the signing keys now (at cold start, beside the rest of it); a failure is logged and not kept: the first verify tries again. */
  prefetch?(): void;
}

const JWKS_FETCH_TIMEOUT_MS = 5_000;
/** Larger than any real id token with groups; refuses junk before any parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const invalid = (reason: string) => new UnauthenticatedError('token invalid', reason);

export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const issuer = options.issuer;
  const audiences = new Set(typeof options.audience === 'string' ? [options.audience] : options.audience);
  if (!issuer) throw new Error('createJwtVerifier: issuer is required');
  if (audiences.size === 0 || [...audiences].some((a) => !a)) throw new Error('createJwtVerifier: audience is required');
  const jwksUrl = options.jwksUrl ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
  const fetchJwks = options.fetchJwks ?? defaultFetchJwks;
  const clock = options.clock ?? { now: () => new Date() };
  const leeway = options.leewaySeconds ?? 60;
  const tokenUses = new Set<string>(options.tokenUses ?? ['id', 'access']);
  const refetchInterval = options.unknownKidRefetchIntervalMs ?? 30_000;
  const maxAge = options.jwksMaxAgeMs ?? 3_600_000;

  let keys: Map<string, KeyObject> | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<Map<string, KeyObject>> | undefined;
  let lastUnknownKidRefetch = Number.NEGATIVE_INFINITY;

  /** One fetch at a time; a failed fetch is not cached. */
  function loadKeys(): Promise<Map<string, KeyObject>> {
    const started = clock.now().getTime();
    loading ??= fetchJwks(jwksUrl)
      .then((jwks) => {
        keys = keysOf(jwks);
        loadedAt = started;
        return keys;
      })
      .catch((error: unknown) => {
        // The detail is for the log; the caller gets a 503 to retry.
        log.error('JWKS not loaded', { jwksUrl, errorMessage: (error as Error).message });
        throw new ServiceUnavailableError('the token signing keys could not be loaded; please try again');
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  async function keyFor(kid: string): Promise<KeyObject> {
    const fetchedNow = !keys || clock.now().getTime() - loadedAt >= maxAge;
    const known = (fetchedNow ? await loadKeys() : keys!).get(kid);
    if (known) return known;
    // A new kid after a key rotation: refetch once (unless just fetched), but not for every made-up kid.
    const now = clock.now().getTime();
    if (!fetchedNow && now - lastUnknownKidRefetch >= refetchInterval) {
      lastUnknownKidRefetch = now;
      const refetched = (await loadKeys()).get(kid);
      if (refetched) return refetched;
    }
    throw invalid(`no signing key with kid ${JSON.stringify(kid.slice(0, 64))}`);
  }

  return {
    prefetch() {
      if (!keys) loadKeys().catch(() => undefined);
    },
    async verify(token: string): Promise<VerifiedClaims> {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw invalid('not a token');
      const parts = token.split('.');
      // The signature may be empty here (alg 'none'): the alg check below names that case.
      if (parts.length !== 3 || !BASE64URL.test(parts[0]!) || !BASE64URL.test(parts[1]!) || !(parts[2] === '' || BASE64URL.test(parts[2]!))) {
        throw invalid('not a compact JWS (three base64url parts)');
      }
      const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];

      const header = decodeJson(encodedHeader, 'header');
      // Only RS256: 'none', HS256 (with the public key as the secret), ES*, PS* are all refused here.
      if (header.alg !== 'RS256') throw invalid(`alg ${JSON.stringify(header.alg)} is not RS256`);
      if (typeof header.kid !== 'string' || header.kid.length === 0) throw invalid('no kid in the header');
      if (header.crit !== undefined) throw invalid('critical header parameters are not supported');

      const key = await keyFor(header.kid);
      const signature = Buffer.from(encodedSignature, 'base64url');
      const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii');
      if (!verifySignature('RSA-SHA256', signed, key, signature)) throw invalid('bad signature');

      const claims = decodeJson(encodedPayload, 'payload');
      return checkClaims(claims);
    },
  };

  function checkClaims(claims: Record<string, unknown>): VerifiedClaims {
    if (claims.iss !== issuer) throw invalid('wrong issuer');
    if (typeof claims.token_use !== 'string' || !tokenUses.has(claims.token_use)) throw invalid(`token_use ${JSON.stringify(claims.token_use)} is not accepted`);
    if (claims.token_use === 'id') {
      const aud = claims.aud;
      const ok = typeof aud === 'string' ? audiences.has(aud) : Array.isArray(aud) && aud.some((a) => typeof a === 'string' && audiences.has(a));
      if (!ok) throw invalid('wrong audience');
    } else if (typeof claims.client_id !== 'string' || !audiences.has(claims.client_id)) {
      throw invalid('wrong client_id');
    }
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw invalid('no sub');
    if (!isNumericDate(claims.exp)) throw invalid('no exp');
    for (const name of ['nbf', 'iat'] as const) {
      if (claims[name] !== undefined && !isNumericDate(claims[name])) throw invalid(`${name} is not a NumericDate`);
    }
    if (claims['cognito:groups'] !== undefined && !(Array.isArray(claims['cognito:groups']) && claims['cognito:groups'].every((g) => typeof g === 'string'))) {
      throw invalid('cognito:groups is not a list of names');
    }
    const now = clock.now().getTime() / 1000;
    if (now > (claims.exp as number) + leeway) throw new UnauthenticatedError('token expired', 'exp is past');
    if (claims.nbf !== undefined && now + leeway < (claims.nbf as number)) throw invalid('nbf is in the future');
    if (claims.iat !== undefined && now + leeway < (claims.iat as number)) throw invalid('iat is in the future');
    return claims as VerifiedClaims;
  }
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw invalid(`the ${what} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(`the ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The usable RSA signing keys of a JWKS, by kid. Keys for other uses or algorithms, or under 2048 bits, are skipped. */
function keysOf(jwks: JsonWebKeySet): Map<string, KeyObject> {
  if (!jwks || !Array.isArray(jwks.keys)) throw new Error('the JWKS has no "keys" list');
  const keys = new Map<string, KeyObject>();
  for (const jwk of jwks.keys) {
    if (jwk?.kty !== 'RSA' || typeof jwk.kid !== 'string') continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') continue;
    try {
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' });
      if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) continue;
      keys.set(jwk.kid, key);
    } catch {
      // A malformed key is skipped: tokens signed with it fail as "unknown kid".
    }
  }
  return keys;
}

/**
 * GET the JWKS with node:http(s), not fetch(): the first fetch() of a process loads undici, which
 * costs an admin function's first request more than everything else it does; node:https is
 * already loaded by the AWS SDK's HTTP handler.
 */
function defaultFetchJwks(url: string): Promise<JsonWebKeySet> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const request = get(url, { headers: { accept: 'application/json' }, timeout: JWKS_FETCH_TIMEOUT_MS }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`GET ${url}: ${response.statusCode}`));
        return;
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 1_000_000) request.destroy(new Error(`GET ${url}: the JWKS is larger than 1 MB`));
      });
      response.on('end', () => {
        try {
          resolve(JSON.parse(body) as JsonWebKeySet);
        } catch (error) {
          reject(new Error(`GET ${url}: not JSON (${(error as Error).message})`));
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url}: no answer within ${JWKS_FETCH_TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
}
