/**
 * Hostile input against every operation in the route table (shared/http/api-spec.ts OPERATIONS),
 * over HTTP on a real local cloud: wrong types, the schemas' field names with hostile values,
 * oversized and malformed bodies, unicode edge cases, script payloads, header injection, path
 * traversal in path parameters; as anonymous callers, with guessed status links, and as each
 * staff role. Properties: never a 5xx; a 4xx names its problem; a rejected request changes
 * nothing in the register and sends no mail.
 *
 * Bounded and reproducible: a fixed seed and a few runs per operation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { OPERATIONS, type Operation } from '../../shared/http/api-spec.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/auth/principal.ts';
import { startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient, issueToken, submitComplaint } from '../support/admin-client.ts';
import { sampleFiles } from '../support/sample-files.ts';
import {
  fillPath,
  fingerprint,
  snapshot,
  hostileForm,
  hostileObject,
  hostileValue,
  malformedBody,
  namesProblem,
  pathParameters,
  pathValue,
  rawRequest,
  skeletonOf,
  type BodyVariant,
  type RawResponse,
} from './support.ts';

const TENANT = 'demo';
// Bounded for `npm test`; FUZZ_RUNS=200 FUZZ_SEED=<n> for a longer hunt.
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
// Counterexamples can hold a megabyte: report them short.
fc.configureGlobal({ seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true, reporter: shortReport });

const FORM_FIELDS = ['name', 'email', 'phone', 'language', 'description', 'occurredOn', 'place', 'circumstances', 'categories', 'onBehalf', 'repName', 'repEmail', 'website', 'submission'];
const STATUS_FORM_FIELDS = ['action', 'text', 'signedBy', 'statement', 'attachment'];

let t: TestCloud;
let api: string;
const tokens = new Map<StaffRole, string>();
const valid: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestCloud({ tenants: [TENANT] });
  api = t.cloud.urls.api;
  for (const role of STAFF_ROLES) tokens.set(role, (await issueToken(api, { tenant: TENANT, role })).token);
  const complaint = await submitComplaint(api, TENANT, validComplaint());
  valid.reference = complaint.reference;
  valid.token = complaint.statusUrl.split('/').pop()!;
  // A complaint of its own for the status link's reissue: taken, it would make valid.token answer 410 for the status routes.
  valid.reissueReference = (await submitComplaint(api, TENANT, validComplaint({ complainant: { name: 'Fenna Fuzz', email: 'fenna.fuzz@example.com', language: 'nl' } }))).reference;
  const coordinator = await AdminClient.as(api, TENANT, { role: 'coordinator' });
  const key = await coordinator.send('POST', '/api-keys', { label: 'fuzz' });
  valid.apiKeyId = key.body.id;
  const measure = await coordinator.send('POST', '/measures', { kind: 'corrective', what: 'Afspraken bevestigen', owner: { email: 'coordinator@demo.example', name: 'Carla' }, dueDate: '2027-01-31' });
  valid.measureId = measure.body.id;
  // A letter of the complaint (the acknowledgement, once the outbox has run).
  await t.cloud.drainOutboxes();
  valid.letterId = (await coordinator.get(`/complaints/${valid.reference}/letters`)).body.items[0]?.id;
  // A file of the complaint, uploaded and scanned clean (the download route can get past its lookup).
  const pdf = sampleFiles.pdf();
  const declared = await fetch(`${api}/${TENANT}/status/${valid.token}/attachments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bewijs.pdf', contentType: 'application/pdf', size: pdf.length }),
  });
  const { id, upload } = (await declared.json()) as { id: string; upload: { url: string; fields: Record<string, string> } };
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([pdf]), 'bewijs.pdf');
  expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBe(201);
  await t.cloud.settleFiles();
  valid.attachmentId = id;
  expect([valid.reference, valid.token, valid.reissueReference, valid.apiKeyId, valid.measureId, valid.letterId, valid.attachmentId].every(Boolean)).toBe(true);
});

afterAll(async () => {
  await t?.stop();
});

function shortReport(details: fc.RunDetails<unknown>): void {
  if (!details.failed) return;
  const example = JSON.stringify(details.counterexample, (_, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}...(${v.length} chars)` : v));
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`property failed (seed ${details.seed}, path ${details.counterexamplePath}): ${cause.slice(0, 1500)}\ncounterexample: ${example?.slice(0, 3000)}`);
}

/** The markup of SCRIPT_PAYLOADS as it would appear unescaped. */
const INJECTED_MARKUP = /<script>alert|<img src=x onerror|<svg onload|<iframe srcdoc|<a href="javascript:|<style>\*/i;

interface HostileRequest {
  params: Record<string, string>;
  auth: string | undefined;
  query: string;
  body: BodyVariant | undefined;
}

/** The real value of a path parameter, so a request can also get past the lookup. */
function validParam(operation: Operation, name: string): string | undefined {
  if (name === 'id')
    return operation.path.includes('api-keys')
      ? valid.apiKeyId
      : operation.path.includes('/letters/')
        ? valid.letterId
        : operation.path.includes('/attachments/')
          ? valid.attachmentId
          : valid.measureId;
  // A step that any staff role but the auditor may preview on a fresh complaint.
  if (name === 'step') return 'note';
  if (name === 'file') return operation.path.startsWith('/static') ? 'console.js' : 'site.css';
  if (name === 'reference' && operation.operationId === 'reissue-status-link') return valid.reissueReference;
  return valid[name];
}

function requestFor(operation: Operation): fc.Arbitrary<HostileRequest> {
  const params = fc.record(Object.fromEntries(pathParameters(operation).map((name) => [name, pathValue(validParam(operation, name))])));
  const roles = operation.roles?.length ? [...operation.roles, ...STAFF_ROLES] : [...STAFF_ROLES];
  const auth: fc.Arbitrary<string | undefined> =
    operation.access === 'admin'
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...roles).map((role) => `Bearer ${tokens.get(role)}`) },
          { weight: 1, arbitrary: fc.constantFrom(undefined, 'Bearer', 'Bearer x.y.z', 'Basic YTpi', `Bearer ${'a'.repeat(9000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.') },
        )
      : fc.constant(undefined);
  const query = operation.query
    ? hostileObject(skeletonOf(operation.query)).map((value) => queryString(value))
    : fc.oneof(fc.constant(''), fc.constantFrom('lang=en', 'lang=%3Cscript%3E', 'lang=en&lang=nl', 'sent=%22%3E%3Cscript%3E', 'v=..%2f'));
  const body: fc.Arbitrary<BodyVariant | undefined> =
    operation.method === 'GET'
      ? fc.constant(undefined)
      : operation.body
        ? fc.oneof(
            { weight: 4, arbitrary: hostileObject(skeletonOf(operation.body)).map((value): BodyVariant => ({ kind: 'json', value })) },
            { weight: 1, arbitrary: hostileValue.map((value): BodyVariant => ({ kind: 'json', value })) },
            { weight: 2, arbitrary: malformedBody },
          )
        : operation.produces === 'text/html'
          ? fc.oneof({ weight: 3, arbitrary: hostileForm(operation.path.startsWith('/status') ? STATUS_FORM_FIELDS : FORM_FIELDS) }, { weight: 1, arbitrary: malformedBody })
          : fc.oneof(fc.constant(undefined), malformedBody);
  return fc.record({ params, auth, query, body });
}

function queryString(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `q=${encodeURIComponent(JSON.stringify(value) ?? '')}`;
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v.replace(/[\uD800-\uDFFF]/g, '?') : (JSON.stringify(v) ?? ''))}`)
    .join('&')
    .slice(0, 12_000);
}

async function send(operation: Operation, request: HostileRequest): Promise<RawResponse> {
  const path = `/${TENANT}${fillPath(operation, request.params)}${request.query ? `?${request.query}` : ''}`;
  const headers: Record<string, string> = {};
  if (request.auth !== undefined) headers.authorization = request.auth;
  let body: Buffer | string | undefined;
  if (request.body?.kind === 'json') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body.value) ?? 'null';
  } else if (request.body?.kind === 'raw') {
    if (request.body.contentType) headers['content-type'] = request.body.contentType;
    body = request.body.body;
  }
  return rawRequest(api, operation.method, path, headers, body);
}

describe('every operation in the route table, with hostile input', () => {
  const covered = new Set<string>();
  let settled: Awaited<ReturnType<typeof fingerprint>> | undefined;

  test.each(OPERATIONS.map((o) => [`${o.method} ${o.path} (${o.access})`, o] as const))('%s: no 5xx, 4xx names its problem, a refusal writes nothing', async (_, operation) => {
    const writes = operation.method !== 'GET';
    await fc.assert(
      fc.asyncProperty(requestFor(operation), async (request) => {
        // The settled state is looked up again only after a request that was taken.
        const before = writes ? (settled ??= await fingerprint(t, TENANT)) : undefined;
        const response = await send(operation, request);
        const context = `${operation.method} ${operation.path} -> ${response.status} ${response.text.slice(0, 300)}`;
        expect(response.status, context).toBeGreaterThanOrEqual(200);
        expect(response.status, context).toBeLessThan(500);
        // Whatever was echoed into a page (form values, query, path) is escaped.
        if (String(response.headers['content-type'] ?? '').includes('text/html')) expect(response.text, context).not.toMatch(INJECTED_MARKUP);
        if (response.status >= 400) {
          expect(namesProblem(response), context).toBe(true);
          if (before) expect(await snapshot(t, TENANT), `${context}: a refused request changed the register or sent mail`).toEqual(before);
        } else if (writes) {
          settled = undefined;
        }
      }),
    );
    covered.add(operation.operationId);
  });

  test('covered every operation of the route table', () => {
    expect([...covered].sort()).toEqual(OPERATIONS.map((o) => o.operationId).sort());
  });
});
