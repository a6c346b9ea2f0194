/** The inputs that register a complaint, validated before anything is written. */
import * as z from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { InvalidInputError, type FieldProblem } from '../errors.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
// No line breaks or angle brackets in addresses and names: they end up in mail headers.
const email = z.email('must be a valid e-mail address').max(254, 'must be at most 254 characters');
const personName = text(200).regex(/^[^\r\n<>]*$/, 'must not contain line breaks or angle brackets');

export const complainantSchema = z.strictObject({
  name: personName,
  email,
  phone: z.string().trim().regex(/^[+0-9 ()-]{6,20}$/, 'must be a phone number').optional(),
  language: z.enum(['nl', 'en'], { error: "must be 'nl' or 'en'" }).default('nl'),
});

/** Filing for someone else: the representative's details; the authorisation follows. */
export const representativeSchema = z.strictObject({
  name: personName,
  email: email.optional(),
});

const complaintFields = {
  complainant: complainantSchema,
  description: text(10_000),
  occurredOn: z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD').optional(),
  place: text(500).optional(),
  circumstances: text(5_000).optional(),
  categories: z.array(z.string().max(64)).max(20).default([]),
  representative: representativeSchema.optional(),
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
  channel: z.string().min(1, 'is required').max(64).optional(),
});

const involvedSchema = z.strictObject({
  email,
  name: personName,
  function: text(200).optional(),
  involvement: z.enum(['subject', 'service-provider'], { error: "must be 'subject' or 'service-provider'" }),
});

/** Staff intake of a complaint received by phone, letter, e-mail or in person. */
export const staffIntakeSchema = z.strictObject({
  ...complaintFields,
  /** A channel id from the tenant's regulation. */
  channel: z.string().min(1, 'is required').max(64),
  mode: z.enum(['written', 'oral']).optional(),
  /** When it was received; default now. Never in the future. */
  receivedAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time with offset' }).optional(),
  representative: representativeSchema.extend({ authorisationReceived: z.boolean().default(false) }).optional(),
  involved: z.array(involvedSchema).max(20).default([]),
});
export type StaffIntake = z.infer<typeof staffIntakeSchema>;

/** Parses unknown input, or throws InvalidInputError naming every bad field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(zodProblems(result.error));
}

export function parseSubmission(input: unknown): ComplaintSubmission {
  return parseWith(complaintSubmissionSchema, input);
}

export function zodProblems(error: z.ZodError): FieldProblem[] {
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
