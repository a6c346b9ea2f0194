/**
 * What an uploader declares (POST .../attachments): `{ name, contentType, size }`; staff may add a
 * description. Apart from files.ts: a schema is built when its module loads, so the functions that
 * only show files (the staff API) do not carry it.
 */
import * as z from '../zod.ts';

export const uploadRequestSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200), z.regex(/^[^\p{Cc}]*$/u)),
  contentType: z.string().check(z.minLength(1), z.maxLength(200)),
  size: z.number().check(z.int(), z.minimum(1)),
});
export const staffUploadRequestSchema = z.extend(uploadRequestSchema, {
  description: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200), z.regex(/^[^\p{Cc}]*$/u))),
});
export type UploadRequest = z.infer<typeof staffUploadRequestSchema>;
