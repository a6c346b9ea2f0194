/**
 * Domain errors. Each maps to one HTTP status in shared/http/errors.ts; only these
 * messages ever reach a caller. Anything else is an internal error (logged, 500, no details).
 */
export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `complainant.email`. */
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

/** The input is malformed: wrong type, missing, too long. */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid_input';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** The thing asked for does not exist (or the caller may not know it exists). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The request conflicts with the current state (stale version, reused key). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
  /** True when the conflict came from a concurrent write (a version guard), not from the request itself. */
  constructor(message: string, readonly retryable = false) {
    super(message);
  }
}

/** The request is well-formed but the tenant's regulation forbids it. */
export class RuleViolationError extends DomainError {
  readonly code = 'rule_violation';
  constructor(message: string, readonly citation?: string) {
    super(message);
  }
}

/** A dependency (database, mail, scheduler) is unreachable: the caller may retry. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'service_unavailable';
}

/**
 * The caller is not authenticated: no token, or a token that does not verify. The message is
 * one of a few fixed phrases ("authentication required", "token expired", "token invalid");
 * `reason` says why for the log and never reaches the caller.
 */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
  constructor(message: 'authentication required' | 'token expired' | 'token invalid', readonly reason: string = message) {
    super(message);
  }
}

/** The caller is authenticated but may not do this; `allowedRoles` names the roles that may. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  constructor(message: string, readonly allowedRoles: readonly string[] = []) {
    super(message);
  }
}
