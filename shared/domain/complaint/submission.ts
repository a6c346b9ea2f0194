/** The inputs that register a complaint, validated before anything is written. */
import * as z from '../zod.ts';
import { isIsoDate } from '../calendar/index.ts';
import { InvalidInputError, type FieldProblem } from '../errors.ts';

export const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(max, `must be at most ${max} characters`));
// No line breaks, control characters (NUL) or angle brackets in addresses and names: they end up in mail headers.
export const email = z.email('must be a valid e-mail address').check(z.maxLength(254, 'must be at most 254 characters'));
export const personName = z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(200, 'must be at most 200 characters'), z.regex(/^[^\p{Cc}<>]*$/u, 'must not contain line breaks, control characters or angle brackets'));

export const complainantSchema = z.strictObject({
  name: personName,
  email,
  phone: z.optional(z.string().check(z.trim(), z.regex(/^[+0-9 ()-]{6,20}$/, 'must be a phone number'))),
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
  occurredOn: z.optional(z.string().check(z.refine(isIsoDate, 'must be a date as YYYY-MM-DD'))),
  place: z.optional(text(500)),
  circumstances: z.optional(text(5_000)),
  categories: z._default(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(20)), []),
  /** Who complains, where the regulation distinguishes kinds of complainant (scope.complainants). */
  complainantKind: z.optional(z.string().check(z.maxLength(64))),
  representative: z.optional(representativeSchema),
  /** Dates the regulation asks for (when the complainant learned of it, ...), by the regulation's stated-date ids. */
  statedDates: z.optional(z.record(
    z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a date id of the regulation'), z.maxLength(64)),
    z.string().check(z.refine(isIsoDate, 'must be a date as YYYY-MM-DD')),
  )),
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
  channel: z.optional(z.string().check(z.minLength(1, 'is required'), z.maxLength(64))),
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
  channel: z.string().check(z.minLength(1, 'is required'), z.maxLength(64)),
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
  throw new InvalidInputError(zodProblems(result.error));
}

export function parseSubmission(input: unknown): ComplaintSubmission {
  return parseWith(complaintSubmissionSchema, input);
}

export function zodProblems(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: describeIssue(issue),
  }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return 'is required';
  if (issue.code === 'invalid_type') return `must be of type ${issue.expected}`;
  return issue.message;
}
