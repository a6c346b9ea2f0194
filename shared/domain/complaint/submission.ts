/** The inputs that register a complaint, validated before anything is written. */
import * as z from '../zod.ts';
import { isIsoDate } from '../calendar/index.ts';
import { InvalidInputError, PROBLEM_CODES, type FieldProblem, type ProblemCode } from '../errors.ts';
import { texts } from '../../texts/index.ts';

/** The schemas' own messages: the English texts of their problem codes (zodProblems maps them back). */
const says = texts('en').error.problem;

export const text = (max: number) => z.string().check(z.trim(), z.minLength(1, says.required), z.maxLength(max, `must be at most ${max} characters`));
// No line breaks, control characters (NUL) or angle brackets in addresses and names: they end up in mail headers.
export const email = z.email(says.invalid_email).check(z.maxLength(254, 'must be at most 254 characters'));
export const personName = z.string().check(z.trim(), z.minLength(1, says.required), z.maxLength(200, 'must be at most 200 characters'), z.regex(/^[^\p{Cc}<>]*$/u, says.invalid_characters));

export const complainantSchema = z.strictObject({
  name: personName,
  email,
  phone: z.optional(z.string().check(z.trim(), z.regex(/^[+0-9 ()-]{6,20}$/, says.invalid_phone))),
  language: z._default(z.enum(['nl', 'en'], { error: "must be 'nl' or 'en'" }), 'nl'),
});

/** Filing for someone else: the representative's details; the authorisation follows. */
export const representativeSchema = z.strictObject({
  name: personName,
  email: z.optional(email),
  /** Which kind of representative, where the regulation distinguishes them (representation.kinds). */
  kind: z.optional(z.string().check(z.maxLength(64))),
});

const complaintFields = {
  complainant: complainantSchema,
  description: text(10_000),
  occurredOn: z.optional(z.string().check(z.refine(isIsoDate, says.invalid_date))),
  place: z.optional(text(500)),
  circumstances: z.optional(text(5_000)),
  categories: z._default(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(20)), []),
  /** Who complains, where the regulation distinguishes kinds of complainant (scope.complainants). */
  complainantKind: z.optional(z.string().check(z.maxLength(64))),
  representative: z.optional(representativeSchema),
  /** Dates the regulation asks for (when the complainant learned of it, ...), by the regulation's stated-date ids. */
  statedDates: z.optional(
    z.record(z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a date id of the regulation'), z.maxLength(64)), z.string().check(z.refine(isIsoDate, says.invalid_date))),
  ),
};

/** The public form (and an organisation's own site posting to it). */
export const complaintSubmissionSchema = z.strictObject(complaintFields);
export type ComplaintSubmission = z.infer<typeof complaintSubmissionSchema>;

/**
 * The same, from an organisation's own system with an API key: it may say which of the
 * regulation's channels the complaint came in on (default: the web-form channel).
 */
export const systemSubmissionSchema = z.strictObject({
  ...complaintFields,
  channel: z.optional(z.string().check(z.minLength(1, says.required), z.maxLength(64))),
});

const involvedSchema = z.strictObject({
  email,
  name: personName,
  function: z.optional(text(200)),
  involvement: z.enum(['subject', 'service-provider'], { error: "must be 'subject' or 'service-provider'" }),
});

/** Staff intake of a complaint received by phone, letter, e-mail or in person. */
export const staffIntakeSchema = z.strictObject({
  ...complaintFields,
  /** A channel id from the tenant's regulation. */
  channel: z.string().check(z.minLength(1, says.required), z.maxLength(64)),
  mode: z.optional(z.enum(['written', 'oral'])),
  /** When it was received; default now. Never in the future. */
  receivedAt: z.optional(z.iso.datetime({ offset: true, error: 'must be an ISO date-time with offset' })),
  representative: z.optional(z.extend(representativeSchema, { authorisationReceived: z._default(z.boolean(), false) })),
  involved: z._default(z.array(involvedSchema).check(z.maxLength(20)), []),
});
export type StaffIntake = z.infer<typeof staffIntakeSchema>;

/** Parses unknown input, or throws InvalidInputError naming every bad field. */
export function parseWith<T extends z.ZodMiniType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(zodProblems(result.error, input));
}

export function parseSubmission(input: unknown): ComplaintSubmission {
  return parseWith(complaintSubmissionSchema, input);
}

/**
 * Zod's issues as field problems: a code and values from the issue, the message as the schema
 * words it. With the input, a field that is missing altogether is `required`.
 */
export function zodProblems(error: z.core.$ZodError, input?: unknown): FieldProblem[] {
  return error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && input !== undefined && valueAt(input, issue.path) === undefined;
    const { code, params } = missing ? { code: 'required' as const, params: undefined } : problemOf(issue);
    return {
      field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
      code,
      ...(params ? { params } : {}),
      message: missing ? says.required : describeIssue(issue),
    };
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/** A schema's own message that is the English text of a code (says.*) names that code. */
const CODE_OF_MESSAGE = new Map<string, ProblemCode>(PROBLEM_CODES.map((code) => [says[code], code]));

function problemOf(issue: z.core.$ZodIssue): { code: ProblemCode; params?: Record<string, string | number | string[]> } {
  const own = CODE_OF_MESSAGE.get(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: { fields: issue.keys } };
    case 'invalid_type':
      return { code: 'invalid_type', params: { expected: String(issue.expected) } };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { code: 'required' } : { code: 'too_short', params: { min } };
      return { code: issue.origin === 'array' || issue.origin === 'set' ? 'too_few' : 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return { code: issue.origin === 'string' ? 'too_long' : issue.origin === 'array' || issue.origin === 'set' ? 'too_many' : 'too_large', params: { max } };
    }
    case 'invalid_format':
      if (own) return { code: own };
      if (issue.format === 'email') return { code: 'invalid_email' };
      if (issue.format === 'date') return { code: 'invalid_date' };
      if (issue.format === 'datetime') return { code: 'invalid_date_time' };
      return { code: 'invalid_format' };
    case 'invalid_value':
      return { code: 'invalid_value', params: { values: issue.values.map(String) } };
    default:
      return { code: own ?? 'invalid' };
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return `must be of type ${issue.expected}`;
  return issue.message;
}
