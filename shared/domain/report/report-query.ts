/** What a report request may ask (the admin API's query), and who may ask it. */
import * as z from '../zod.ts';
import type { StaffRole } from '../../auth/principal.ts';

/** A report period: a year, or from-to (both days included); checked further by reportPeriod. */
export const reportQuerySchema = z.strictObject({
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
  from: z.optional(z.iso.date({ error: 'must be a date as YYYY-MM-DD' })),
  to: z.optional(z.iso.date({ error: 'must be a date as YYYY-MM-DD' })),
  lang: z._default(z.enum(['nl', 'en']), 'nl'),
});

/** Who may read the yearly analysis: everyone with an overview, not a handler of their own files only. */
export const REPORT_ROLES: readonly StaffRole[] = ['coordinator', 'complaints-officer', 'director', 'auditor'];
