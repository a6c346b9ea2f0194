/**
 * The one zod the runtime uses: zod/mini (tree-shakeable, about a third of the classic API's
 * weight in every Lambda bundle) with English messages. Import it as a namespace
 * (`import * as z from '.../zod.ts'`) so the bundler keeps only what is used. The regulation
 * schema, used at synth and by the tools only, keeps the classic API.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
