/** What the complainant can send through the private status link. */
import * as z from '../domain/zod.ts';
import { text } from '../domain/complaint/submission.ts';


export const statusActionSchemas = {
  objection: z.strictObject({ text: text(10_000) }),
  information: z.strictObject({ text: text(10_000) }),
  authorisation: z.strictObject({ signedBy: text(200), statement: text(2_000) }),
};
