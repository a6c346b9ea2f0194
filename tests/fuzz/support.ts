/**
 * Hostile-input helpers for the fuzz tests: raw HTTP (no URL normalisation, so "../" reaches the
 * gateway as sent), arbitraries built from the operations' zod schemas, and a fingerprint of the
 * register table and the SES stand-in to prove a rejected request wrote nothing.
 */
import { request } from 'node:http';
import { createHash } from 'node:crypto';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import type { Operation } from '../../shared/http/api-spec.ts';
import { sentMail, type TestCloud } from '../support/local-cloud.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request as sent: the path is not normalised or re-encoded. */
export function rawRequest(api: string, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<RawResponse> {
  const url = new URL(api);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// --- hostile values --------------------------------------------------------------------------------

export const SCRIPT_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '</textarea><script>alert(1)</script>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '{{constructor.constructor("alert(1)")()}}',
  '<style>*{display:none}</style>',
];

export const HEADER_INJECTIONS = ['a@b.nl\r\nBcc: x@y.nl', 'a@b.nl\nBcc: x@y.nl', 'a@b.nl%0d%0aBcc:x@y.nl', 'Sanne\r\nBcc: x@y.nl', 'a@b.nl, x@y.nl', '"x@y.nl" <a@b.nl>', 'a@b.nl\u0000x@y.nl'];

export const UNICODE_EDGES = [
  '\uD800', // a lone high surrogate
  'x\uDC00y', // a lone low surrogate
  '\u202Egnp.exe', // right-to-left override
  'a\u200B\u200C\u200D\uFEFFb', // zero-width characters
  'nul\u0000byte',
  '\u0001\u0007\u001B[31m',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0302\u0303\u0304\u0305',
  'Z' + '\u0336\u0337\u0338'.repeat(300), // one very long grapheme cluster
  '\uFFFF\uFFFE',
  '𝕳𝖊𝖑𝖑𝖔',
  'ﷺ',
  ' \t\n ',
  '',
];

export const TRAVERSALS = [
  '..',
  '../',
  '..%2f',
  '%2e%2e%2f',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%252e%252e%252f',
  '..\\..\\windows',
  '%00',
  '%E0%A4%A', // a malformed escape
  '%ff',
  'a'.repeat(5000),
  'KL-2026-000001%2F..',
  '.%2e/.%2e/',
];

/** Cursors that decode (base64url JSON) but were never given out. */
export const FORGED_CURSORS = [
  '{"k":{"pk":"x"}}',
  '{"k":{"pk":{"S":"x"},"sk":{"N":"1"}}}',
  '{"p":99,"k":{"pk":{"S":"COMPLAINT#x"},"sk":{"S":"COMPLAINT"},"gsi4pk":{"S":"' + 'y'.repeat(3000) + '"}}}',
  '{"p":-1}',
  '{"p":"0","k":[]}',
  'null',
  '[]',
  '{"k":{"pk":{"B":"AA=="}}}',
  '{"k":{"pk":{"S":"x"},"sk":{"S":"y"}}}',
  '{"p":1,"k":{"pk":{"S":"COMPLAINT#KL-2026-000001"},"sk":{"S":"COMPLAINT"}}}',
  '{"p":0,"k":{"pk":{"S":"x"},"sk":{"S":"y"},"gsi4pk":{"N":"1"},"gsi4sk":{"S":"z"}}}',
].map((json) => Buffer.from(json).toString('base64url'));

export const BAD_JSON = ['{', '{"a":', 'nul', '[1,]', '{"a":1}{"b":2}', '\u0000', "{'a':1}", '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '['.repeat(5000)];

const hostileString = fc.oneof(
  fc.constantFrom(...SCRIPT_PAYLOADS, ...HEADER_INJECTIONS, ...UNICODE_EDGES, ...TRAVERSALS),
  fc.constantFrom(...FORGED_CURSORS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('x'.repeat(10_001), 'é'.repeat(3000), '\uD83D'.repeat(2000)),
);

/** A value of any wrong type (or a hostile string). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, [], {}, [null], { $gt: '' }, '2026-02-30', '9999-12-31T99:99:99Z'),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The field skeleton of a zod (mini or classic v4) schema: an object of its keys, nested. */
export type Skeleton = { [key: string]: Skeleton } | 'leaf';

export function skeletonOf(schema: unknown, depth = 0): Skeleton {
  const def = (schema as { _zod?: { def?: any } } | undefined)?._zod?.def;
  if (!def || depth > 6) return 'leaf';
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([key, value]) => [key, skeletonOf(value, depth + 1)]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return skeletonOf(def.innerType, depth + 1);
    case 'pipe':
      return skeletonOf(def.in, depth + 1);
    case 'union': {
      // The union of the options' keys: hostile values for any of them.
      const merged: Record<string, Skeleton> = {};
      for (const option of def.options as unknown[]) {
        const sk = skeletonOf(option, depth + 1);
        if (sk !== 'leaf') Object.assign(merged, sk);
      }
      return Object.keys(merged).length ? merged : 'leaf';
    }
    default:
      return 'leaf';
  }
}

/** An object with the schema's field names (a random subset, nested) and hostile values. */
export function hostileObject(skeleton: Skeleton): fc.Arbitrary<unknown> {
  if (skeleton === 'leaf') return hostileValue;
  const keys = Object.keys(skeleton);
  if (keys.length === 0) return fc.oneof(hostileValue, fc.dictionary(fc.string({ maxLength: 10 }), hostileValue, { maxKeys: 3 }));
  const entries = Object.fromEntries(keys.map((key) => [key, fc.oneof({ weight: 1, arbitrary: hostileValue }, { weight: 2, arbitrary: hostileObject(skeleton[key]!) })]));
  return fc.oneof(
    { weight: 4, arbitrary: fc.record(entries, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.record({ ...entries, ['extra\u0000field']: hostileValue }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: hostileValue },
  );
}

export type BodyVariant = { kind: 'json'; value: unknown } | { kind: 'raw'; contentType?: string; body: Buffer | string; label: string };

export const ONE_MB = 1024 * 1024;

/** Bodies that are wrong in shape rather than content. */
export const malformedBody: fc.Arbitrary<BodyVariant> = fc.oneof(
  fc.constantFrom(...BAD_JSON).map((body): BodyVariant => ({ kind: 'raw', contentType: 'application/json', body, label: 'bad JSON' })),
  fc.constantFrom<BodyVariant>(
    { kind: 'raw', contentType: 'application/json', body: `{"description":"${'x'.repeat(ONE_MB)}"}`, label: '1 MB JSON' },
    { kind: 'raw', contentType: 'application/x-www-form-urlencoded', body: `description=${'x'.repeat(ONE_MB)}`, label: '1 MB form' },
    { kind: 'raw', contentType: 'text/plain', body: '{"a":1}', label: 'text/plain' },
    { kind: 'raw', body: '{"a":1}', label: 'no content type' },
    { kind: 'raw', contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', label: 'multipart' },
    { kind: 'raw', contentType: 'application/json', body: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3, 0x28]), label: 'invalid UTF-8' },
    { kind: 'raw', contentType: 'application/x-www-form-urlencoded', body: 'a=%E0%A4%A&b=%&c=%%%&name=%00', label: 'bad form escapes' },
    { kind: 'raw', contentType: 'application/x-www-form-urlencoded', body: Array.from({ length: 3000 }, (_, i) => `categories=${i}`).join('&'), label: 'many form fields' },
  ),
);

/** A urlencoded form with the given field names and hostile values (for the HTML routes). */
export function hostileForm(fields: string[]): fc.Arbitrary<BodyVariant> {
  const value = fc.oneof(hostileString, fc.constantFrom('information', 'authorisation', 'objection', 'yes', 'nl', 'en', '2026-04-20'));
  return fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: fields.length }).map((form) => ({
    kind: 'raw' as const,
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(form as Record<string, string>).toString(),
    label: 'hostile form',
  }));
}

/** Path parameter values to try: hostile, or the real one `valid` when given. */
export function pathValue(valid: string | undefined): fc.Arbitrary<string> {
  const hostile = fc.oneof(
    fc.constantFrom(...TRAVERSALS),
    hostileString.map((s) => encodeURIComponent(toWellFormed(s)).slice(0, 6000)),
  );
  return valid === undefined ? hostile : fc.oneof({ weight: 2, arbitrary: fc.constant(encodeURIComponent(valid)) }, { weight: 3, arbitrary: hostile });
}

function toWellFormed(s: string): string {
  // encodeURIComponent throws on lone surrogates; send those as their raw UTF-8 replacement escape instead.
  return s.replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => {
    const code = c.charCodeAt(0);
    const pairOk = code <= 0xdbff ? /[\uDC00-\uDFFF]/.test(all[i + 1] ?? '') : /[\uD800-\uDBFF]/.test(all[i - 1] ?? '');
    return pairOk ? c : '\uFFFD';
  });
}

/** The operation's path with its parameters filled in. */
export function fillPath(operation: Operation, values: Record<string, string>): string {
  return operation.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => values[name] ?? 'x');
}

export function pathParameters(operation: Operation): string[] {
  return [...operation.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!);
}

// --- what a request left behind ----------------------------------------------------------------------

/** A hash of every item in the tenant's table and the number of mails the SES stand-in holds. */
export async function fingerprint(test: TestCloud, tenant: string): Promise<{ items: number; hash: string; mails: number }> {
  // Delivering an outbox entry can queue the next (a letter records an event that has its own
  // letters): drain until two looks agree, so only the request under test can change the table.
  let previous = await snapshot(test, tenant);
  for (let i = 0; i < 10; i++) {
    const next = await snapshot(test, tenant);
    if (next.hash === previous.hash && next.mails === previous.mails) return next;
    previous = next;
  }
  return previous;
}

/** One look (after one drain): enough after a refused request, when the table was settled before it. */
export async function snapshot(test: TestCloud, tenant: string): Promise<{ items: number; hash: string; mails: number }> {
  await test.cloud.drainOutboxes();
  const hash = createHash('sha256');
  let items = 0;
  let startKey: Record<string, any> | undefined;
  const rows: string[] = [];
  do {
    const page = await (test.dynamodb as DynamoDBClient).send(new ScanCommand({ TableName: test.cloud.tableName(tenant), ExclusiveStartKey: startKey, ConsistentRead: true }));
    for (const item of page.Items ?? [])
      rows.push(
        JSON.stringify(
          Object.keys(item)
            .sort()
            .map((k) => [k, item[k]]),
        ),
      );
    items += page.Items?.length ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  for (const row of rows.sort()) hash.update(row);
  const mails = (await sentMail(test.cloud.urls.ses)).length;
  return { items, hash: hash.digest('hex'), mails };
}

/** A 4xx answer that names its problem: JSON with an error code and a message or problems, or an HTML page with a heading. */
export function namesProblem(response: RawResponse): boolean {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('json')) {
    try {
      const body = JSON.parse(response.text) as Record<string, unknown>;
      const problems = body.problems as Array<{ field?: unknown; message?: unknown }> | undefined;
      if (problems !== undefined && !(Array.isArray(problems) && problems.length > 0 && problems.every((p) => typeof p.field === 'string' && typeof p.message === 'string'))) return false;
      return typeof body.message === 'string' && body.message.length > 0;
    } catch {
      return false;
    }
  }
  if (type.includes('text/html')) return /<h1[^>]*>[^<]+/.test(response.text);
  // The static files' plain "Not found"; and Node's own refusal of a request line or headers
  // over its 16 KB limit (before any handler), where the status code is the whole answer.
  if (type.includes('text/plain')) return response.text.trim().length > 0;
  return response.status === 431 || response.status === 414;
}
