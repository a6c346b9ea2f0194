/** What the complainant can send through the private status link. */
import * as z from 'zod';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const statusActionSchemas = {
  objection: z.strictObject({ text: text(10_000) }),
  information: z.strictObject({ text: text(10_000) }),
  authorisation: z.strictObject({ signedBy: text(200), statement: text(2_000) }),
};
