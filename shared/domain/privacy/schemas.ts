/** Inputs of the privacy routes (zod/mini; the route table and OpenAPI read them, so this file stays small). */
import * as z from '../zod.ts';

const reasonText = z.string().check(z.trim(), z.minLength(3), z.maxLength(1000));
export const legalHoldSchema = z.strictObject({ reason: reasonText });
export const subjectQuerySchema = z.strictObject({ email: z.email().check(z.maxLength(254)) });
export const erasureSchema = z.strictObject({ email: z.email().check(z.maxLength(254)), reason: reasonText });
export const auditQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});
