/** Small readers of a request, shared by the handlers: its query parsed by a schema, `If-Match`, where the API is reached. */
import * as z from '../domain/zod.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { parseWith } from '../domain/complaint/submission.ts';
import { headerValue, type HttpEvent } from './middleware.ts';

/** The query string, parsed by the operation's schema (400 with the problems otherwise). */
export function queryOf<T extends z.ZodMiniType>(schema: T, event: Pick<HttpEvent, 'queryStringParameters'>): z.infer<T> {
  return parseWith(schema, event.queryStringParameters ?? {});
}

/** The version `If-Match` names (optional): a complaint's or a measure's. */
export function ifMatchVersion(event: HttpEvent, of: 'complaint' | 'measure'): number | undefined {
  const header = headerValue(event, 'if-match');
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 1) throw new InvalidInputError([{ field: 'If-Match (header)', code: 'invalid', message: `must be a ${of} version` }]);
  return version;
}

/** Where this API is reached: the status links' base less its /status (what the stack configures), else this request's host. */
export function apiBase(event: HttpEvent, statusBaseUrl: string | undefined): string {
  if (statusBaseUrl?.endsWith('/status')) return statusBaseUrl.slice(0, -'/status'.length);
  const host = event.requestContext?.domainName ?? event.headers?.host ?? 'localhost';
  const path = (event.rawPath ?? '').split('/').slice(0, -2).join('/');
  return `https://${host}${path}`;
}

const idempotencyKeySchema = /* @__PURE__ */ z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.:-]{8,128}$/)));

/** The Idempotency-Key header, checked: a retry with it registers nothing twice. */
export function idempotencyKeyOf(event: HttpEvent): string | undefined {
  const key = idempotencyKeySchema.safeParse(headerValue(event, 'idempotency-key'));
  if (!key.success) throw new InvalidInputError([{ field: 'Idempotency-Key (header)', message: 'must be 8-128 characters of letters, digits, _ . : -' }]);
  return key.data;
}
