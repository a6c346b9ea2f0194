/**
 * The OpenAPI 3.1 document, generated from the operations and their zod schemas (api-spec.ts).
 * Synth writes it once as openapi.json beside every bundle (infra/constructs/tenant-functions.ts),
 * so a function serves it without converting every schema at its cold start; the source (tsx,
 * the tests) builds it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from '../domain/zod.ts';
import { OPERATION_SUMMARIES } from './operation-summaries.ts';
import { OPERATIONS, type Operation } from './api-spec.ts';
import { PROBLEM_CODES } from '../domain/errors.ts';

/** The error body (shared/http/middleware.ts errorResponse; texts per key and code: docs/texts.md). */
const params = { type: 'object', description: 'values for the placeholders of the text: strings, numbers, lists, or { nl, en } pairs', additionalProperties: true };
const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: {
      type: 'string',
      description: 'machine-readable code: invalid_input, unauthenticated, forbidden, not_found, conflict, rule_violation, ...; its text is error.code.<error> in the text catalogue',
    },
    message: { type: 'string', description: 'in English' },
    key: { type: 'string', description: "the error's own text in the catalogue (error.rule.*, error.conflict.*, error.notFound.*)" },
    params,
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: {
          field: { type: 'string' },
          code: { type: 'string', enum: [...PROBLEM_CODES], description: 'its text is error.problem.<code>' },
          key: { type: 'string', description: 'more specific words (error.field.*)' },
          params,
          message: { type: 'string', description: 'in English' },
        },
      },
    },
    rule: { type: 'string', description: 'the article of the regulation that forbids the step' },
  },
};

function jsonSchema(schema: z.ZodMiniType): Record<string, unknown> {
  // 'input': what a caller sends (defaults make fields optional).
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(op: Operation): unknown[] {
  const pathParams = [...op.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const queryParams = op.query ? Object.entries((jsonSchema(op.query).properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
  const headers = op.step ? [{ name: 'If-Match', in: 'header', required: false, description: 'the complaint version you last saw; a newer one gives 409', schema: { type: 'string' } }] : [];
  const idempotency =
    op.method === 'POST' && (op.operationId === 'submit-complaint' || op.operationId === 'register-complaint')
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'retries with the same key return the same complaint', schema: { type: 'string', minLength: 8, maxLength: 128 } }]
      : [];
  const apiKey =
    op.operationId === 'submit-complaint'
      ? [
          {
            name: 'x-api-key',
            in: 'header',
            required: false,
            description: "an organisation's own system: its API key (POST /admin/api-keys); it may then name a `channel`",
            schema: { type: 'string' },
          },
        ]
      : [];
  return [...pathParams, ...queryParams, ...headers, ...idempotency, ...apiKey];
}

const GUARDED = new Set(['submit-complaint', 'complaint-status', 'web-pages']);
/** The declarations of a file: 201 with its id and a presigned POST. */
const UPLOADS = new Set(['status-attachment', 'upload-attachment']);
const uploadSchema = {
  type: 'object',
  required: ['id', 'upload'],
  properties: {
    id: { type: 'string', pattern: '^[a-f0-9]{20}$' },
    upload: { type: 'object', required: ['url', 'fields'], properties: { url: { type: 'string', format: 'uri' }, fields: { type: 'object', additionalProperties: { type: 'string' } } } },
  },
};
/** Public reads whose secret is in the path: failed guesses are limited per address. */
const GUESSED = new Set(['calendar-feed']);
const SUCCESS_TEXT = { 'text/csv': 'CSV (UTF-8 with BOM, `;` between cells)', 'text/html': 'HTML page', 'text/calendar': 'iCalendar (RFC 5545)' } as const;

function responses(op: Operation): Record<string, unknown> {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const success =
    op.produces === 'text/csv' || op.produces === 'text/html' || op.produces === 'text/calendar'
      ? { description: SUCCESS_TEXT[op.produces], content: { [op.produces]: { schema: { type: 'string' } } } }
      : op.produces === 'redirect'
        ? {
            description: 'With `Accept: application/json` (for scripts, which cannot read a redirect): the short-lived link',
            content: {
              'application/json': { schema: { type: 'object', required: ['url', 'expiresInSeconds'], properties: { url: { type: 'string', format: 'uri' }, expiresInSeconds: { type: 'integer' } } } },
            },
          }
        : op.method === 'DELETE'
          ? { description: 'Done (no content)' }
          : UPLOADS.has(op.operationId)
            ? { description: 'Declared: POST `upload.fields` and then the file (field `file`) to `upload.url`', content: { 'application/json': { schema: uploadSchema } } }
            : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } };
  const status = op.method === 'DELETE' ? '204' : op.method === 'POST' && !op.step ? '201' : '200';
  const result: Record<string, unknown> = { [status]: success, '400': error('invalid input: every bad field named') };
  if (op.produces === 'redirect')
    result['302'] = {
      description: 'Found: `Location` is a short-lived link that downloads the file (Content-Disposition: attachment)',
      headers: { Location: { schema: { type: 'string', format: 'uri' } } },
    };
  if (op.operationId === 'submit-complaint') result['401'] = error('an x-api-key that is not valid (unknown or revoked)');
  if (op.access === 'admin') Object.assign(result, { '401': error('no, invalid or expired token'), '403': error('role not allowed') });
  if (op.path.includes('{')) result['404'] = error('not found');
  // The status link's lifecycle (docs/api.md): replaced by a newer link, or past its time after the complaint ended.
  if (op.access === 'status-link') result['410'] = error('this link no longer works: replaced by a newer one (sent by e-mail), or expired a set time after the complaint ended (`error.gone.*`)');
  if (op.operationId === 'reissue-status-link') Object.assign(result, { '409': error('the complaint was anonymised'), '422': error('the complaint has no e-mail address, or its link has expired') });
  // The abuse limits of the public routes (shared/http/abuse-limits.ts; docs/api.md, "Limits").
  if (op.method !== 'GET' && op.method !== 'DELETE') result['413'] = error('the body is over 64 KB (65536 bytes)');
  if ((GUARDED.has(op.functionId) && (op.method !== 'GET' || op.access === 'status-link')) || GUESSED.has(op.operationId)) {
    result['429'] = error('too many requests (or failed status-link guesses) from this address; wait the Retry-After seconds');
  }
  if (op.step) Object.assign(result, { '409': error('the complaint changed, or the step is not possible in its status'), '422': error('the regulation forbids the step (the rule is cited)') });
  if (UPLOADS.has(op.operationId)) result['409'] = error('the complaint has its maximum of files (or of bytes) from this side');
  if (op.operationId === 'download-attachment') result['409'] = error('the file is not clean (yet): being checked, refused, infected, or not scanned');
  if (op.operationId === 'status-authorisation') result['422'] = error('the regulation asks a signed authorisation: a typed one is refused (the rule is cited)');
  return result;
}

/** The file beside each bundle that holds buildOpenApiDocument()'s result. */
export const OPENAPI_FILE_IN_BUNDLE = 'openapi.json';

/** The document: as synth wrote it beside the bundle, else built now. */
export function openApiDocument(serverUrl?: string): Record<string, unknown> {
  const file = join(dirname(fileURLToPath(import.meta.url)), OPENAPI_FILE_IN_BUNDLE);
  if (!existsSync(file)) return buildOpenApiDocument(serverUrl);
  const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return serverUrl ? { ...document, servers: [{ url: serverUrl }] } : document;
}

/** The document from the operations and their schemas (synth writes it; the source serves it). */
export function buildOpenApiDocument(serverUrl?: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: OPERATION_SUMMARIES[op.operationId] ?? op.operationId,
      tags: [op.access === 'admin' ? 'staff' : op.access === 'status-link' ? 'complainant' : 'public'],
      ...(op.access === 'admin' ? { security: [{ staffToken: [] }], 'x-roles': op.roles } : {}),
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      responses: responses(op),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'klachtenregister API', version: '1.0.0', description: "Complaint intake, the complainant's status link, and the staff API that runs the tenant's complaint procedure." },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token (locally: `npm run token`)' } },
      schemas: { Error: errorSchema },
    },
  };
}
