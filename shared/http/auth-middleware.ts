/**
 * Staff authentication for admin handlers: `requireStaff()` reads `Authorization: Bearer <jwt>`,
 * verifies it (shared/auth/jwt.ts) against the tenant's issuer and app client, and sets
 * `event.principal`; or it answers 401 (no, invalid or expired token) or 403 (no allowed role).
 *
 * The same code runs locally (tokens from the dev issuer) and in AWS (Cognito tokens), where the
 * HTTP API's JWT authorizer has checked the token already: the function verifies it again
 * (defence in depth), so a route that lost its authorizer is still closed, and local and AWS
 * share the path.
 *
 *   export const handler = middy<StaffEvent, HttpResult>()
 *     .use(requireStaff({ roles: ['coordinator', 'complaints-officer'] }))
 *     .use(jsonBodyParser())
 *     .use(httpErrorHandler())
 *     .handler(async (event) => { event.principal.subject ... });
 */
import type middy from '@middy/core';
import { loadAuthConfig } from '../adapters/config.ts';
import { systemClock } from '../adapters/clock.ts';
import { createJwtVerifier, type JwtVerifier } from '../auth/jwt.ts';
import { hasRole, principalFromClaims, STAFF_ROLES, type Principal, type StaffRole } from '../auth/principal.ts';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import type { Actor } from '../domain/workflow/steps.ts';
import type { Operation } from './api-spec.ts';
import { log } from '../observability/log.ts';
import { headerValue, type HttpEvent, type HttpResult } from './middleware.ts';

/** An admin handler's event: requireStaff() has set `principal`. */
export type StaffEvent = HttpEvent & { principal: Principal };

export interface StaffAuth {
  verifier: JwtVerifier;
  /** The tenant the verifier's issuer belongs to (Principal.tenantId). */
  tenantId: string;
}

export interface RequireStaffOptions {
  /**
   * The roles that may call the route (any one suffices): required and never empty, so a route
   * whose roles were forgotten fails closed at startup instead of opening to all staff.
   * STAFF_ROLES (shared/auth/principal.ts) says "every staff role" explicitly; WRITE_ROLES for a
   * route that changes something.
   */
  roles: readonly StaffRole[];
  /**
   * The verifier and tenant (tests inject them).
   * @default built once per cold start from JWT_ISSUER, JWT_AUDIENCE, JWKS_URL and TENANT_ID
   */
  auth?: StaffAuth;
}

let configured: StaffAuth | undefined;

/**
 * The verifier from the function's configuration, built once. Throws (a logged 500: fail closed)
 * when JWT_ISSUER or JWT_AUDIENCE is missing.
 */
export function configuredStaffAuth(env: NodeJS.ProcessEnv = process.env): StaffAuth {
  if (!configured) {
    const config = loadAuthConfig(env);
    configured = {
      tenantId: config.tenantId,
      verifier: createJwtVerifier({
        issuer: config.issuer,
        audience: config.audience,
        ...(config.jwksUrl ? { jwksUrl: config.jwksUrl } : {}),
        // The local cloud's clock can run ahead (time travel); so does its dev issuer's.
        clock: systemClock,
      }),
    };
  }
  return configured;
}

export function requireStaff(options: RequireStaffOptions): middy.MiddlewareObj<StaffEvent, HttpResult> {
  // Fail closed, at startup: no roles is a wiring mistake, never "all staff".
  if (!options?.roles?.length) throw new Error('requireStaff: no roles given; name the roles that may call the route (STAFF_ROLES for every staff role)');
  const allowed = knownRoles(options.roles);
  // The signing keys load during the cold start, not after it on the first request. Without the
  // configuration there is nothing to load; the first request then fails closed (configuredStaffAuth).
  if (!options.auth && process.env.JWT_ISSUER && process.env.JWT_AUDIENCE) prefetchSigningKeys();
  return { before: (request) => checkStaff(request.event, allowed, options.auth) };
}

function prefetchSigningKeys(): void {
  try {
    configuredStaffAuth().verifier.prefetch?.();
  } catch {
    // A configuration that does not load fails every request, each with its logged 500: not here, at import.
  }
}

/** The roles without repeats; an unknown one is a programming error, caught at startup. */
function knownRoles(roles: readonly StaffRole[]): readonly StaffRole[] {
  const allowed: readonly StaffRole[] = [...new Set(roles)];
  const unknown = allowed.filter((role) => !(STAFF_ROLES as readonly string[]).includes(role));
  if (unknown.length) throw new Error(`requireStaff: unknown role(s) ${unknown.join(', ')} (staff roles: ${STAFF_ROLES.join(', ')})`);
  return allowed;
}

/** What requireStaff() checks, as a plain function: the caller's token and roles; sets `event.principal`. */
async function checkStaff(event: HttpEvent & { principal?: Principal }, allowed: readonly StaffRole[], given?: StaffAuth): Promise<void> {
  delete event.principal;
  const auth = given ?? configuredStaffAuth();
  const token = bearerToken(event);
  let principal: Principal;
  try {
    principal = principalFromClaims(await auth.verifier.verify(token), auth.tenantId);
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      // Why, for the operator; never the token, never personal data.
      log.warn('token refused', { reason: error.reason, route: event.routeKey });
    }
    throw error;
  }
  if (!hasRole(principal, ...allowed)) {
    throw new ForbiddenError(allowed.length === STAFF_ROLES.length ? `this needs a staff role (${allowed.join(', ')})` : `this needs one of the roles: ${allowed.join(', ')}`, allowed);
  }
  event.principal = principal;
}

/**
 * For a handler that serves several admin operations: one requireStaff() guard per operation
 * (its own roles, from api-spec.ts), and the caller as the workflow's Actor. Throws 401/403 as
 * requireStaff() does; public operations are not guarded here.
 *
 *   const authenticate = operationGuards(operations.values());
 *   const actor = await authenticate(op, event);
 */
export function operationGuards(operations: Iterable<Operation>): (op: Operation, event: HttpEvent & { principal?: Principal }) => Promise<Actor> {
  const guards = new Map(
    [...operations]
      .filter((op) => op.access === 'admin')
      .map((op) => {
        // Checked when the function starts (module scope): an admin operation without roles stops it, with its name.
        if (!op.roles?.length) throw new Error(`operationGuards: admin operation ${op.operationId} names no roles (api-spec.ts); refusing to start`);
        return [op.operationId, knownRoles(op.roles)] as const;
      }),
  );
  return async (op, event) => {
    const roles = guards.get(op.operationId);
    if (!roles) throw new Error(`operationGuards: ${op.operationId} is not an admin operation of this handler`);
    await checkStaff(event, roles);
    const principal = principalOf(event);
    return { email: (principal.email ?? principal.subject).toLowerCase(), roles: principal.roles };
  };
}

/** The Bearer token of the Authorization header, or a 401 asking for one. */
function bearerToken(event: HttpEvent): string {
  const header = headerValue(event, 'authorization');
  const match = header ? /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header) : null;
  if (!match) throw new UnauthenticatedError('authentication required', header ? 'not a Bearer authorization header' : 'no authorization header');
  return match[1]!;
}

/** The principal requireStaff() set; throws if the handler runs without it (a wiring mistake). */
export function principalOf(event: HttpEvent & { principal?: Principal }): Principal {
  if (!event.principal) throw new Error('principalOf: no principal on the event; is requireStaff() in the middleware chain?');
  return event.principal;
}
