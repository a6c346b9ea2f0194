/** What the complainant can send through the private status link (the JSON routes, the page, the OpenAPI document). */
import * as z from '../zod.ts';
import { text } from './submission.ts';

export const statusActionSchemas = {
  objection: z.strictObject({ text: text(10_000) }),
  information: z.strictObject({ text: text(10_000) }),
  /**
   * The signed authorisation as a file sent before (`attachment`: its id, from POST .../attachments),
   * or, where the regulation allows it, typed: who signs it (`signedBy`) and its text (`statement`).
   */
  authorisation: z.strictObject({ signedBy: z.optional(text(200)), statement: z.optional(text(2_000)), attachment: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) }),
};
