/**
 * The local stand-in for Cognito: a token issuer with demo users per tenant. Its tokens have the
 * shape of Cognito id tokens (RS256, `kid`, `iss`, `aud` = the tenant's app client id,
 * `token_use: 'id'`, `cognito:groups`, `email`, `name`), and the functions verify them with the
 * same code (shared/auth/jwt.ts) that verifies Cognito's in AWS.
 *
 *   issuer  <gateway>/_local/issuer/<tenant>                 one per tenant, like a user pool
 *   JWKS    <issuer>/.well-known/jwks.json
 *   POST    /_local/token   {"tenant":"occure","role":"coordinator"} | {"tenant":"occure","user":"handler2@occure.example"}
 *           -> { token, expiresAt, refreshToken, refreshExpiresAt, user }
 *   POST    /_local/token   {"refreshToken":"..."} -> a new token for the same user, until the refresh
 *           token expires (a working day, as the Cognito app client's) or is revoked
 *   POST    /_local/revoke  {"refreshToken":"..."} -> signed out: the refresh token no longer works
 *   GET     /_local/users?tenant=occure   (or /_local/users/occure; /_local/users lists every tenant)
 *
 * One RSA key pair per data folder (`<dataDir>/issuer/key.json`, made on first start), so tokens
 * survive a restart of `npm start`. Local only: never deploy this.
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, randomUUID, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Jwk, JsonWebKeySet } from '../shared/auth/jwt.ts';
import { isStaffRole, STAFF_ROLES, type StaffRole } from '../shared/auth/principal.ts';

/** Lifetime of a dev token: Cognito's default id-token validity. */
export const DEV_TOKEN_TTL_SECONDS = 60 * 60;
/** Lifetime of a refresh token: a working day, as the user pool's app client (infra/constructs/auth.ts). */
export const DEV_REFRESH_TTL_SECONDS = 12 * 60 * 60;

export interface DemoUser {
  /** Stable per tenant and e-mail address (survives restarts): what assignments refer to. */
  sub: string;
  email: string;
  name: string;
  groups: StaffRole[];
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
  /** Exchanged for a new token (POST /_local/token {refreshToken}) until refreshExpiresAt or sign-out. */
  refreshToken: string;
  refreshExpiresAt: string;
  user: DemoUser;
}

export interface DevIssuer {
  issuerUrl(tenantId: string): string;
  jwksUrl(tenantId: string): string;
  clientId(tenantId: string): string;
  /** JWT_ISSUER, JWT_AUDIENCE and JWKS_URL for a tenant's functions. */
  environment(tenantId: string): Record<'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWKS_URL', string>;
  users(tenantId: string): DemoUser[];
  /** A token for the tenant's first user with `role`, or for the user with e-mail `user`. */
  issue(request: { tenant: string; role?: string; user?: string }): IssuedToken;
  /** A new token for the user a refresh token was issued to (the same refresh token stays valid). */
  refresh(refreshToken: string): IssuedToken;
  /** Signs out: the refresh token stops working. */
  revoke(refreshToken: string): void;
  jwks(): JsonWebKeySet;
  /** The /_local/ endpoints above, for the gateway's `localEndpoints`; undefined for other paths. */
  endpoint(path: string, method: string, body: string, query?: URLSearchParams): Promise<{ status: number; body: unknown } | undefined>;
}

export interface DevIssuerOptions {
  /** The data folder; the key pair is kept in `<dataDir>/issuer/key.json`. */
  dataDir: string;
  /** The local gateway's base URL, e.g. http://127.0.0.1:3000. */
  gatewayUrl: string;
  tenantIds: readonly string[];
  /** The local cloud's clock (it can run ahead of the machine's; tokens follow it). */
  now?: () => Date;
}

/** Thrown by issue() for a bad request; `status` is the HTTP status the endpoint answers with. */
export class DevIssuerError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function devIssuerUrl(gatewayUrl: string, tenantId: string): string {
  return `${gatewayUrl.replace(/\/+$/, '')}/_local/issuer/${tenantId}`;
}

/** The tenant's local app client id (Cognito's are opaque ids; this one says what it is). */
export function devClientId(tenantId: string): string {
  return `local-${tenantId}-admin-console`;
}

/** The demo users of a tenant: one per role, two handlers. */
export function demoUsers(tenantId: string): DemoUser[] {
  const user = (local: string, name: string, role: StaffRole): DemoUser => {
    const email = `${local}@${tenantId}.example`;
    return { sub: stableUuid(`${tenantId}:${email}`), email, name, groups: [role] };
  };
  return [
    user('coordinator', 'Carla Coördinator', 'coordinator'),
    user('handler1', 'Hans Behandelaar', 'handler'),
    user('handler2', 'Hanneke Behandelaar', 'handler'),
    user('officer', 'Olga Klachtenfunctionaris', 'complaints-officer'),
    user('director', 'Dirk Directeur', 'director'),
    user('auditor', 'Anna Auditor', 'auditor'),
  ];
}

interface StoredKey {
  kid: string;
  privateKey: JsonWebKey;
  createdAt: string;
}

/** The data folder's key pair: read it, or make and keep one (readable by the owner only). */
function loadOrCreateKey(dataDir: string): { kid: string; privateKey: KeyObject; publicJwk: Jwk } {
  const dir = join(dataDir, 'issuer');
  const file = join(dir, 'key.json');
  let stored: StoredKey;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
  } else {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    stored = { kid: thumbprint(jwk), privateKey: jwk, createdAt: new Date().toISOString() };
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  const privateKey = createPrivateKey({ key: stored.privateKey, format: 'jwk' });
  const { n, e } = stored.privateKey;
  return { kid: stored.kid, privateKey, publicJwk: { kty: 'RSA', kid: stored.kid, use: 'sig', alg: 'RS256', n, e } };
}

/** RFC 7638 thumbprint of an RSA key: a kid that names the key. */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
    .digest('base64url');
}

/** A UUID-shaped id derived from `seed` (a name-based UUID, v5 layout over SHA-256). */
function stableUuid(seed: string): string {
  const bytes = createHash('sha256').update(`klachtenregister-dev-issuer:${seed}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function createDevIssuer(options: DevIssuerOptions): DevIssuer {
  const key = loadOrCreateKey(options.dataDir);
  const now = options.now ?? (() => new Date());
  const tenants = new Set(options.tenantIds);

  // Refresh tokens of this run (a restart of npm start signs everyone out, as a new device would).
  const refreshTokens = new Map<string, { tenantId: string; email: string; expiresAt: number }>();

  const knownTenant = (tenantId: unknown): string => {
    if (typeof tenantId !== 'string' || !tenants.has(tenantId)) {
      throw new DevIssuerError(404, `unknown tenant ${JSON.stringify(tenantId)}`, { tenants: [...tenants] });
    }
    return tenantId;
  };

  const issuer: DevIssuer = {
    issuerUrl: (tenantId) => devIssuerUrl(options.gatewayUrl, tenantId),
    jwksUrl: (tenantId) => `${devIssuerUrl(options.gatewayUrl, tenantId)}/.well-known/jwks.json`,
    clientId: devClientId,
    environment: (tenantId) => ({ JWT_ISSUER: issuer.issuerUrl(tenantId), JWT_AUDIENCE: devClientId(tenantId), JWKS_URL: issuer.jwksUrl(tenantId) }),
    users: (tenantId) => demoUsers(knownTenant(tenantId)),
    jwks: () => ({ keys: [key.publicJwk] }),

    issue(request) {
      const tenantId = knownTenant(request.tenant);
      const users = demoUsers(tenantId);
      let user: DemoUser | undefined;
      if (request.user !== undefined) {
        user = users.find((u) => u.email === String(request.user).toLowerCase());
        if (!user) throw new DevIssuerError(404, `no demo user ${JSON.stringify(request.user)} in tenant ${tenantId}`, { users: users.map((u) => u.email) });
        if (request.role !== undefined && !user.groups.includes(request.role as StaffRole)) {
          throw new DevIssuerError(400, `${user.email} is not in group ${JSON.stringify(request.role)} (groups: ${user.groups.join(', ')})`);
        }
      } else if (request.role !== undefined) {
        if (!isStaffRole(request.role)) throw new DevIssuerError(400, `unknown role ${JSON.stringify(request.role)}`, { roles: STAFF_ROLES });
        user = users.find((u) => u.groups.includes(request.role as StaffRole))!;
      } else {
        throw new DevIssuerError(400, 'give "role" or "user"', { roles: STAFF_ROLES, users: users.map((u) => u.email) });
      }

      const refreshToken = randomBytes(32).toString('base64url');
      const refreshExpiresAt = now().getTime() + DEV_REFRESH_TTL_SECONDS * 1000;
      refreshTokens.set(refreshToken, { tenantId, email: user.email, expiresAt: refreshExpiresAt });
      return { ...token(tenantId, user), refreshToken, refreshExpiresAt: new Date(refreshExpiresAt).toISOString() };
    },

    refresh(refreshToken) {
      const held = refreshTokens.get(refreshToken);
      if (!held || held.expiresAt <= now().getTime()) {
        refreshTokens.delete(refreshToken);
        throw new DevIssuerError(401, 'the refresh token is not valid (expired, revoked or unknown): sign in again');
      }
      const user = demoUsers(held.tenantId).find((u) => u.email === held.email)!;
      return { ...token(held.tenantId, user), refreshToken, refreshExpiresAt: new Date(held.expiresAt).toISOString() };
    },

    revoke(refreshToken) {
      refreshTokens.delete(refreshToken);
    },

    async endpoint(path, method, body, query) {
      try {
        return route(path, method, body, query);
      } catch (error) {
        if (error instanceof DevIssuerError) return { status: error.status, body: { message: error.message, ...error.details } };
        throw error;
      }
    },
  };

  /** An id token for a user, valid for DEV_TOKEN_TTL_SECONDS from the local clock. */
  function token(tenantId: string, user: DemoUser): { token: string; expiresAt: string; user: DemoUser } {
    const issuedAt = Math.floor(now().getTime() / 1000);
    const exp = issuedAt + DEV_TOKEN_TTL_SECONDS;
    const header = { kid: key.kid, alg: 'RS256', typ: 'JWT' };
    const payload = {
      sub: user.sub,
      'cognito:groups': user.groups,
      email_verified: true,
      iss: issuer.issuerUrl(tenantId),
      'cognito:username': user.email,
      origin_jti: randomUUID(),
      aud: devClientId(tenantId),
      event_id: randomUUID(),
      token_use: 'id',
      auth_time: issuedAt,
      name: user.name,
      exp,
      iat: issuedAt,
      jti: randomUUID(),
      email: user.email,
    };
    const signingInput = `${base64url(header)}.${base64url(payload)}`;
    const signature = sign('RSA-SHA256', Buffer.from(signingInput), key.privateKey).toString('base64url');
    return { token: `${signingInput}.${signature}`, expiresAt: new Date(exp * 1000).toISOString(), user };
  }

  function route(path: string, method: string, body: string, query: URLSearchParams | undefined): { status: number; body: unknown } | undefined {
    const issuerPath = /^\/_local\/issuer\/([^/]+)(\/.*)?$/.exec(path);
    if (issuerPath) {
      const tenantId = knownTenant(decodeURIComponent(issuerPath[1]!));
      if (method !== 'GET') return { status: 405, body: { message: 'use GET' } };
      if (issuerPath[2] === '/.well-known/jwks.json') return { status: 200, body: issuer.jwks() };
      if (issuerPath[2] === '/.well-known/openid-configuration') {
        return {
          status: 200,
          body: { issuer: issuer.issuerUrl(tenantId), jwks_uri: issuer.jwksUrl(tenantId), id_token_signing_alg_values_supported: ['RS256'], token_endpoint: `${options.gatewayUrl}/_local/token` },
        };
      }
      return { status: 404, body: { message: 'Not Found' } };
    }
    if (path === '/_local/token') {
      if (method !== 'POST') return { status: 405, body: { message: 'use POST {"tenant": "...", "role": "..."}' } };
      let request: { tenant?: unknown; role?: unknown; user?: unknown; refreshToken?: unknown };
      try {
        request = body ? JSON.parse(body) : {};
      } catch {
        return { status: 400, body: { message: 'body must be JSON such as {"tenant": "demo", "role": "coordinator"}' } };
      }
      if (request === null || typeof request !== 'object') return { status: 400, body: { message: 'body must be a JSON object' } };
      if (request.refreshToken !== undefined) return { status: 200, body: issuer.refresh(String(request.refreshToken)) };
      return {
        status: 200,
        body: issuer.issue({
          tenant: request.tenant as string,
          ...(request.role !== undefined ? { role: String(request.role) } : {}),
          ...(request.user !== undefined ? { user: String(request.user) } : {}),
        }),
      };
    }
    if (path === '/_local/revoke') {
      if (method !== 'POST') return { status: 405, body: { message: 'use POST {"refreshToken": "..."}' } };
      let request: { refreshToken?: unknown };
      try {
        request = body ? JSON.parse(body) : {};
      } catch {
        return { status: 400, body: { message: 'body must be JSON such as {"refreshToken": "..."}' } };
      }
      if (typeof request?.refreshToken !== 'string') return { status: 400, body: { message: 'give "refreshToken"' } };
      issuer.revoke(request.refreshToken);
      return { status: 200, body: { revoked: true } };
    }
    const usersPath = /^\/_local\/users(?:\/([^/]+))?$/.exec(path);
    if (usersPath) {
      if (method !== 'GET') return { status: 405, body: { message: 'use GET' } };
      const tenantId = usersPath[1] ? decodeURIComponent(usersPath[1]) : (query?.get('tenant') ?? undefined);
      if (tenantId !== undefined) return { status: 200, body: { tenant: knownTenant(tenantId), users: demoUsers(tenantId) } };
      return { status: 200, body: { tenants: [...tenants].map((id) => ({ tenant: id, users: demoUsers(id) })) } };
    }
    return undefined;
  }

  return issuer;
}
