/**
 * Domain errors. Each maps to one HTTP status in shared/http/middleware.ts (errorResponse); only
 * these messages ever reach a caller. Anything else is an internal error (logged, 500, no details).
 *
 * Every error a caller can act on is translatable from its codes: an error's `key` (and `params`)
 * names its text in the catalogue (shared/texts, area `error`), a field problem's `code` (and
 * `params`, sometimes a `key` with more specific words) names its. The English `message` stays,
 * written from the same catalogue, for API clients that show it as it is.
 */
import { format, lookup, text, type TextKey, type TextLanguage, type TextParams } from '../texts/index.ts';

/** What a field problem is, whatever its words: the pages and the console translate from it. */
export const PROBLEM_CODES = [
  'required',
  'too_long',
  'too_short',
  'too_many',
  'too_few',
  'too_large',
  'too_small',
  'invalid_type',
  'invalid_email',
  'invalid_date',
  'invalid_date_time',
  'invalid_phone',
  'invalid_characters',
  'invalid_format',
  'invalid_value',
  'unknown_field',
  'unknown_value',
  'in_future',
  'in_past',
  'out_of_range',
  'invalid_combination',
  'invalid_json',
  'invalid',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A key of an error's text in the catalogue ('error.rule.authorisationFirst'). */
export type ErrorKey = Extract<TextKey, `error.${string}`>;

/** An error's text: its key in the catalogue and the values of its placeholders. */
export interface ErrorText {
  key: ErrorKey;
  params?: TextParams;
}

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `complainant.email`. */
  field: string;
  /** What is wrong, as a code (PROBLEM_CODES); its text is `error.problem.<code>`. */
  code: ProblemCode;
  /** Values for the text's placeholders (max, min, values, ...). */
  params?: TextParams;
  /** More specific words than the code's, when the problem has them (`error.field.*`). */
  key?: ErrorKey;
  /** In English, for clients that show it as it is. */
  message: string;
}

/** A problem as thrown: without a code it is `invalid`. */
export type FieldProblemInput = Omit<FieldProblem, 'code'> & { code?: ProblemCode };

/** The English text of an error key, its placeholders filled. */
export function englishText(key: ErrorKey, params?: TextParams): string {
  const template = lookup('en', key);
  if (template === undefined) throw new Error(`no error text "${key}"`);
  return format(template, params, 'en');
}

/** A field problem: its code, values and (where it has them) own words; the English message from the catalogue. */
export function fieldProblem(field: string, code: ProblemCode, params?: TextParams, key?: ErrorKey): FieldProblem {
  return {
    field,
    code,
    ...(params ? { params } : {}),
    ...(key ? { key } : {}),
    message: englishText(key ?? (`error.problem.${code}` as ErrorKey), params),
  };
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** The text of this error in the catalogue, when it has its own (`error.rule.*`, `error.conflict.*`, ...). */
  readonly key?: ErrorKey;
  readonly params?: TextParams;
  constructor(message?: string | ErrorText) {
    super(typeof message === 'object' ? englishText(message.key, message.params) : message);
    if (typeof message === 'object') {
      this.key = message.key;
      if (message.params) this.params = message.params;
    }
  }
  override get name(): string {
    return this.constructor.name;
  }
}

/** The input is malformed: wrong type, missing, too long. */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid_input';
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblemInput[]) {
    const complete = problems.map((p): FieldProblem => ({ ...p, code: p.code ?? 'invalid' }));
    super(complete.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.problems = complete;
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
  constructor(
    message: string | ErrorText,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** The request is well-formed but the tenant's regulation forbids it. */
export class RuleViolationError extends DomainError {
  readonly code = 'rule_violation';
  constructor(
    message: string | ErrorText,
    readonly citation?: string,
  ) {
    super(message);
  }
}

/**
 * A limit that protects others was reached (the hourly mail caps: letters per recipient address,
 * per tenant): nothing was done, and the caller may try again after `retryAfterSeconds` (429).
 */
export class LimitReachedError extends DomainError {
  readonly code = 'too_many_requests';
  constructor(
    message: ErrorText,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** What was asked for existed but is there no longer, for good: a status link replaced by a newer one, or expired (410). */
export class GoneError extends DomainError {
  readonly code = 'gone';
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
  constructor(
    message: 'authentication required' | 'token expired' | 'token invalid',
    readonly reason: string = message,
  ) {
    super(message);
  }
}

/** The caller is authenticated but may not do this; `allowedRoles` names the roles that may. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  constructor(
    message: string,
    readonly allowedRoles: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * A field problem in a language: its own words (`key`), else its code's. A problem with no code
 * of its own (`invalid`) keeps its English message in English: that is all that is known of it.
 */
export function problemText(problem: Pick<FieldProblem, 'code' | 'key' | 'params'> & { message?: string }, lang: TextLanguage): string {
  if (!problem.key && problem.code === 'invalid' && lang === 'en' && problem.message) return problem.message;
  return text(lang, problem.key ?? (`error.problem.${problem.code}` as ErrorKey), problem.params);
}

/** An error in a language: its own words (`key`), else its code's (`error.code.<code>`). */
export function errorText(error: DomainError, lang: TextLanguage): string {
  return error.key ? text(lang, error.key, error.params) : text(lang, `error.code.${error.code}` as ErrorKey);
}
