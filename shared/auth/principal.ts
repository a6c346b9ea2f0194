/**
 * Who is calling an admin route, from a verified token. Pure: no AWS, no crypto.
 *
 * Staff roles are the tenant user pool's groups (one Cognito group per role, named exactly as
 * the role); other groups in the token are ignored. An auditor reads everything and changes
 * nothing.
 */
export const STAFF_ROLES = ['coordinator', 'handler', 'complaints-officer', 'director', 'auditor'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that may change a complaint (every role but auditor). */
export const WRITE_ROLES: readonly StaffRole[] = STAFF_ROLES.filter((role) => role !== 'auditor');

export interface Principal {
  /** The user's stable id (`sub`): what assignments and audit events refer to. */
  subject: string;
  email?: string;
  name?: string;
  /** Staff roles from `cognito:groups`, in STAFF_ROLES order, without duplicates. */
  roles: StaffRole[];
  /** The tenant whose issuer verified the token. */
  tenantId: string;
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** The claims principalFromClaims reads (a VerifiedClaims satisfies it). */
export interface IdentityClaims {
  sub: string;
  email?: unknown;
  name?: unknown;
  'cognito:groups'?: unknown;
  [claim: string]: unknown;
}

export function principalFromClaims(claims: IdentityClaims, tenantId: string): Principal {
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  const roles = STAFF_ROLES.filter((role) => groups.includes(role));
  return {
    subject: claims.sub,
    ...(typeof claims.email === 'string' && claims.email ? { email: claims.email } : {}),
    ...(typeof claims.name === 'string' && claims.name ? { name: claims.name } : {}),
    roles,
    tenantId,
  };
}

/** True when the principal has at least one of `roles`. */
export function hasRole(principal: Pick<Principal, 'roles'>, ...roles: StaffRole[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

/** True when the principal may change anything: any staff role but auditor. */
export function canWrite(principal: Pick<Principal, 'roles'>): boolean {
  return hasRole(principal, ...WRITE_ROLES);
}
