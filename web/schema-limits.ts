/**
 * Size limits for the form's fields, read from the submission schema itself (so `maxlength` on
 * the page cannot drift from what registration accepts). Works for zod's classic and mini
 * schemas alike: both keep their checks in `_zod.def`.
 */
import { complaintSubmissionSchema, complainantSchema, representativeSchema } from '../shared/domain/complaint/submission.ts';

interface ZodInternals {
  _zod?: { def?: { innerType?: unknown; shape?: Record<string, unknown>; checks?: Array<{ _zod?: { def?: { check?: string; maximum?: number } } }> } };
}

/** The smallest max_length check on a schema (through optional/default wrappers), if any. */
export function maxLengthOf(schema: unknown): number | undefined {
  let current = schema as ZodInternals | undefined;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    const maxima = (current._zod?.def?.checks ?? [])
      .map((check) => check._zod?.def)
      .filter((def) => def?.check === 'max_length' && typeof def.maximum === 'number')
      .map((def) => def!.maximum!);
    if (maxima.length) return Math.min(...maxima);
    current = current._zod?.def?.innerType as ZodInternals | undefined;
  }
  return undefined;
}

function shapeOf(schema: unknown): Record<string, unknown> {
  let current = schema as ZodInternals | undefined;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (current._zod?.def?.shape) return current._zod.def.shape;
    current = current._zod?.def?.innerType as ZodInternals | undefined;
  }
  return {};
}

const submission = shapeOf(complaintSubmissionSchema);
const complainant = shapeOf(complainantSchema);
const representative = shapeOf(representativeSchema);

/** maxlength per form field; undefined where the schema sets none. */
export const FIELD_LIMITS = {
  name: maxLengthOf(complainant.name),
  email: maxLengthOf(complainant.email),
  phone: 20,
  description: maxLengthOf(submission.description),
  place: maxLengthOf(submission.place),
  circumstances: maxLengthOf(submission.circumstances),
  repName: maxLengthOf(representative.name),
  repEmail: maxLengthOf(representative.email),
} as const;
