/** The public complaint form's input, validated before anything is written. */
import * as z from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { InvalidInputError, type FieldProblem } from '../errors.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const complaintSubmissionSchema = z.strictObject({
  complainant: z.strictObject({
    name: text(200),
    // No line breaks or angle brackets: the address ends up in mail headers.
    email: z.email('must be a valid e-mail address').max(254, 'must be at most 254 characters'),
    phone: z.string().trim().regex(/^[+0-9 ()-]{6,20}$/, 'must be a phone number').optional(),
    language: z.enum(['nl', 'en'], { error: "must be 'nl' or 'en'" }).default('nl'),
  }),
  description: text(10_000),
  occurredOn: z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD').optional(),
  place: text(500).optional(),
  circumstances: text(5_000).optional(),
});

export type ComplaintSubmission = z.infer<typeof complaintSubmissionSchema>;

/** Parses unknown input, or throws InvalidInputError naming every bad field. */
export function parseSubmission(input: unknown): ComplaintSubmission {
  const result = complaintSubmissionSchema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(zodProblems(result.error));
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
