/**
 * The one zod the runtime uses: zod/mini (tree-shakeable, about a third of the classic API's
 * weight in every Lambda bundle). Import it as a namespace (`import * as z from '.../zod.ts'`) so
 * the bundler keeps only what is used. The regulation schema, used at synth and by the tools
 * only, keeps the classic API.
 *
 * Messages for the checks a schema gives no message of its own, in the product's words
 * ("must be at most 64 characters"): smaller than zod's English locale, and the field's name is
 * added by whoever reports the problem (submission.ts zodProblems).
 */
import { config } from 'zod/mini';

type Issue = { code?: string; expected?: unknown; values?: readonly unknown[]; origin?: string; maximum?: unknown; minimum?: unknown; inclusive?: boolean; format?: string; keys?: string[] };

const UNITS: Record<string, string> = { string: ' characters', array: ' items', set: ' items', map: ' entries', file: ' bytes' };

function message(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be of type ${String(issue.expected)}`;
    case 'invalid_value':
      return `must be one of: ${(issue.values ?? []).map(String).join(', ')}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${UNITS[issue.origin ?? ''] ?? ''}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${UNITS[issue.origin ?? ''] ?? ''}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? 'has the wrong format'
        : `must be a valid ${issue.format === 'datetime' ? 'ISO date-time' : issue.format === 'date' ? 'date (YYYY-MM-DD)' : String(issue.format)}`;
    case 'unrecognized_keys':
      return `unknown field(s): ${(issue.keys ?? []).join(', ')}`;
    default:
      return 'is not valid';
  }
}

config({ localeError: (issue) => message(issue as Issue) });

export * from 'zod/mini';
