/**
 * The lists (functions/admin-lists.ts): the complaint list with its filters and search, its CSV,
 * the dashboard, and the staff's calendar feeds. OPERATIONS (api-spec.ts) lists them like every
 * other; the lists function reads them from here, so its bundle does not carry every other
 * operation's schemas (the workflow steps' above all).
 */
import * as z from '../domain/zod.ts';
import { COMPLAINT_STATUSES } from '../domain/complaint/model.ts';
import { STAFF_ROLES, WRITE_ROLES } from '../auth/principal.ts';
import type { Operation } from './api-spec.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { parseWith } from '../domain/complaint/submission.ts';
import { parseSearch } from '../domain/complaint/search.ts';
import { measureUpdateSchema, newMeasureSchema } from '../domain/measures/measures.ts';

const limit = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50);
const cursor = z.optional(z.string().check(z.maxLength(2000)));

export const complaintListQuerySchema = z.strictObject({
  /** A reference (KL-2026-000012, or 2026-12), a complainant's or representative's name (words, or their beginnings) or e-mail address. */
  q: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  status: z.optional(z.enum(COMPLAINT_STATUSES)),
  category: z.optional(z.string().check(z.maxLength(64))),
  handler: z.optional(z.email()),
  overdue: z.optional(z.enum(['true', 'false'])),
  /** Only complaints with an open deadline of this kind (hard: a breach when missed; target: an aim). */
  deadline: z.optional(z.enum(['hard', 'target'])),
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
  /** received: newest first (the default); due: soonest next deadline first, across the years. */
  sort: z.optional(z.enum(['received', 'due'])),
  /** The CSV's headers and words (default Dutch). */
  lang: z.optional(z.enum(['nl', 'en'])),
  limit,
  cursor,
});
export type ComplaintListQuery = z.infer<typeof complaintListQuerySchema>;

/** The list's query: a search (`q`) must name a reference, a name or an e-mail address. */
export function complaintListQueryOf(query: Record<string, string | undefined> | undefined): ComplaintListQuery {
  const parsed = parseWith(complaintListQuerySchema, query ?? {});
  const search = parsed.q === undefined ? undefined : parseSearch(parsed.q);
  if (search && !search.reference && !search.terms.length) throw new InvalidInputError([{ field: 'q', message: 'give a reference, a name or an e-mail address' }]);
  return parsed;
}

export const dashboardQuerySchema = z.strictObject({
  /** Only this handler's complaints (a handler sees only their own anyway). */
  handler: z.optional(z.email()),
  limit,
  cursor,
});

export const calendarQuerySchema = z.strictObject({
  lang: z.optional(z.enum(['nl', 'en'])),
});

export const measureListQuerySchema = z.strictObject({
  limit,
  cursor,
});

/**
 * The measures register: here rather than in the admin API, whose bundle is at its budget. Who
 * may record and change a measure, and which a handler sees, is the domain's (measures.ts).
 */
export const MEASURE_OPERATIONS: readonly Operation[] = [
  { operationId: 'list-measures', method: 'GET', path: '/admin/measures', functionId: 'admin-lists', access: 'admin', roles: STAFF_ROLES, query: measureListQuerySchema },
  { operationId: 'create-measure', method: 'POST', path: '/admin/measures', functionId: 'admin-lists', access: 'admin', roles: WRITE_ROLES, body: newMeasureSchema },
  { operationId: 'update-measure', method: 'PATCH', path: '/admin/measures/{id}', functionId: 'admin-lists', access: 'admin', roles: WRITE_ROLES, body: measureUpdateSchema },
];

export const LIST_OPERATIONS: readonly Operation[] = [
  { operationId: 'list-complaints', method: 'GET', path: '/admin/complaints', functionId: 'admin-lists', access: 'admin', roles: STAFF_ROLES, query: complaintListQuerySchema },
  {
    operationId: 'export-complaints',
    method: 'GET',
    path: '/admin/export/complaints.csv',
    functionId: 'admin-lists',
    access: 'admin',
    roles: STAFF_ROLES,
    query: complaintListQuerySchema,
    produces: 'text/csv',
  },
  { operationId: 'dashboard', method: 'GET', path: '/admin/dashboard', functionId: 'admin-lists', access: 'admin', roles: STAFF_ROLES, query: dashboardQuerySchema },
  // A staff member's own calendar feed of deadlines: its state, made (or replaced) and shown once, revoked.
  // For those who handle deadlines: the auditor reads and never writes.
  { operationId: 'calendar-feed-state', method: 'GET', path: '/admin/calendar-feed', functionId: 'admin-lists', access: 'admin', roles: STAFF_ROLES },
  { operationId: 'create-calendar-feed', method: 'POST', path: '/admin/calendar-feed', functionId: 'admin-lists', access: 'admin', roles: WRITE_ROLES },
  { operationId: 'revoke-calendar-feed', method: 'DELETE', path: '/admin/calendar-feed', functionId: 'admin-lists', access: 'admin', roles: WRITE_ROLES },
  // The feed itself, for calendar apps: authorised by the unguessable token in its path (only its hash is kept).
  { operationId: 'calendar-feed', method: 'GET', path: '/calendar/{token}', functionId: 'admin-lists', access: 'public', query: calendarQuerySchema, produces: 'text/calendar' },
  ...MEASURE_OPERATIONS,
];
