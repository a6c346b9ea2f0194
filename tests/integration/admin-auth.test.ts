/**
 * The staff API's access control over HTTP, against the local cloud: every admin operation in
 * OPERATIONS x every staff role (403 where the operation's roles exclude it, otherwise through)
 * and x every bad token (none, expired, forged, signed with another key, another tenant's: 401).
 * A handler never sees another handler's complaint. Concurrent updates with one If-Match: one
 * wins, one gets 409, nothing is lost. /openapi.json is a structurally valid OpenAPI 3.1
 * document listing every route.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { OPERATION_SUMMARIES } from '../../shared/http/operation-summaries.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATIONS, type Operation } from '../../shared/http/api-spec.ts';
import { ROUTES } from '../../shared/http/routes.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/auth/principal.ts';
import { AdminClient, call, issueToken, submitComplaint, type ApiResponse } from '../support/admin-client.ts';
import { eventually, startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { sampleFiles } from '../support/sample-files.ts';

const TENANT = 'demo';
const ADMIN_OPERATIONS = OPERATIONS.filter((op) => op.access === 'admin');
/** A body every admin schema refuses (they are strict): past authentication it is a 400, and nothing is written. */
const PROBE = { authMatrixProbe: true };

let t: TestCloud;
let api: string;
/** One token per staff role (the tenant's first user with it; the handler is handler1). */
const roleTokens = new Map<StaffRole, string>();
let coordinator: AdminClient;
let handler1: AdminClient;
let handler2: AdminClient;
/** Assigned to handler1: the complaint the matrix uses. */
let mine: string;
/** Assigned to handler2. */
let theirs: string;
let measureId: string;
let letterId: string;
/** A clean file of `mine` (a download follows the redirect to the file). */
let attachmentId: string;
/** Issued before the clock moves two hours on (at the end): then expired. */
let oldToken: string;

beforeAll(async () => {
  t = await startTestCloud({ tenants: [TENANT, 'occure'] });
  api = t.cloud.urls.api;
  await Promise.all(STAFF_ROLES.map(async (role) => roleTokens.set(role, (await issueToken(api, { tenant: TENANT, role })).token)));
  oldToken = roleTokens.get('coordinator')!;
  [coordinator, handler1, handler2] = await Promise.all([
    AdminClient.as(api, TENANT, { role: 'coordinator' }),
    AdminClient.as(api, TENANT, { user: `handler1@${TENANT}.example` }),
    AdminClient.as(api, TENANT, { user: `handler2@${TENANT}.example` }),
  ]);
  expect(handler1.token).not.toBe(handler2.token);
  const [a, b] = await Promise.all([1, 2].map((n) => submitComplaint(api, TENANT, { complainant: { name: `Klager ${n}`, email: `klager${n}@example.com` }, description: `Klacht ${n}` })));
  mine = a!.reference;
  theirs = b!.reference;
  const pdf = sampleFiles.pdf();
  const declared = await call(`${a!.statusUrl}/attachments`, { method: 'POST', body: { name: 'bewijs.pdf', contentType: 'application/pdf', size: pdf.length } });
  const form = new FormData();
  for (const [name, value] of Object.entries(declared.body.upload.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([pdf]), 'bewijs.pdf');
  expect((await fetch(declared.body.upload.url, { method: 'POST', body: form })).status).toBe(201);
  await t.cloud.settleFiles();
  attachmentId = declared.body.id;
  await t.cloud.drainOutboxes();
  // Wait until the system has recorded both letters, so no system event races the tests below.
  await eventually(
    'both complaints acknowledged and their notices recorded',
    async () => {
      const files = await Promise.all([mine, theirs].map((ref) => coordinator.complaint(ref)));
      return files.every((f) => f.body.status === 'acknowledged' && f.body.timeline.length >= 3);
    },
    30_000,
  );
  for (const [reference, who] of [
    [mine, handler1],
    [theirs, handler2],
  ] as const) {
    const assigned = await coordinator.step(reference, 'assign', { handler: { email: who.email, name: 'Behandelaar', function: 'Consulent' } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  }
  const measure = await coordinator.send('POST', '/measures', {
    kind: 'preventive',
    what: 'Afspraken bevestigen',
    owner: { email: 'director@demo.example', name: 'Dirk' },
    dueDate: '2027-03-01',
    complaintRefs: [mine],
  });
  expect(measure.status, JSON.stringify(measure.body)).toBe(201);
  measureId = measure.body.id;
  letterId = (await coordinator.get(`/complaints/${mine}/letters`)).body.items[0].id;
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

/** Queries an operation cannot do without (the rest take none, or have defaults). */
// An address without complaints: an export records itself on every complaint it returns.
const REQUIRED_QUERY: Record<string, string> = { 'export-subject': '?email=niemand@example.com' };

/** The operation's request, built generically: real ids for path parameters, the probe body where it takes one. */
function send(op: Operation, token: string | undefined, tenant = TENANT): Promise<ApiResponse> {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'reference') return mine;
    if (op.path.startsWith('/admin/measures/')) return measureId;
    if (op.path.includes('/letters/')) return letterId;
    if (op.path.includes('/attachments/')) return attachmentId;
    // A step every writing role may take (a preview validates the step's own body).
    if (name === 'step') return 'note';
    return 'a1b2c3d4e5f6'; // an id of the right shape that does not exist
  });
  return call(`${api}/${tenant}${path}${REQUIRED_QUERY[op.operationId] ?? ''}`, { method: op.method, ...(token !== undefined ? { token } : {}), ...(op.body ? { body: PROBE } : {}) });
}

describe('the operations declare who may call them', () => {
  test('every admin operation names its roles; the auditor reads and never writes', () => {
    expect(ADMIN_OPERATIONS.length).toBeGreaterThan(20);
    for (const op of ADMIN_OPERATIONS) {
      expect(op.roles?.length, op.operationId).toBeGreaterThan(0);
      if (op.method !== 'GET') expect(op.roles, `${op.operationId} writes`).not.toContain('auditor');
    }
  });
});

describe('every admin operation x every staff role', () => {
  test.each(ADMIN_OPERATIONS.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (_route, op) => {
    const responses = await Promise.all(STAFF_ROLES.map(async (role) => [role, await send(op, roleTokens.get(role))] as const));
    for (const [role, response] of responses) {
      const what = `${op.operationId} as ${role}: ${response.status} ${JSON.stringify(response.body)}`;
      if (!op.roles!.includes(role)) {
        expect(response.status, what).toBe(403);
        expect(response.body, what).toMatchObject({ error: 'forbidden', allowedRoles: [...op.roles!] });
        continue;
      }
      expect(response.status, what).not.toBe(401);
      expect(response.status, what).not.toBe(403);
      expect(response.status, what).toBeLessThan(500);
      // Reads go through; writes got past authentication to the (strict) input check.
      if (op.method === 'GET') expect(response.status, what).toBe(200);
      else if (op.body) expect(response.status, what).toBe(400);
    }
  });

  test('the probes wrote nothing: the complaint is as it was', async () => {
    const file = await coordinator.complaint(mine);
    expect(file.body.timeline.map((e: { type: string }) => e.type).filter((type: string) => !['letter-sent', 'coordinator-notified'].includes(type))).toEqual([
      'registered',
      'acknowledged',
      'assigned',
    ]);
  });
});

describe("a handler never sees another handler's complaint", () => {
  const references = (response: ApiResponse) => (response.body.items as Array<{ reference: string }>).map((i) => i.reference);

  test('the list holds only their own complaints, whatever the filter says', async () => {
    expect(references(await handler1.get('/complaints'))).toEqual([mine]);
    expect(references(await handler2.get('/complaints'))).toEqual([theirs]);
    expect(references(await handler2.get(`/complaints?handler=${encodeURIComponent(handler1.email)}`))).not.toContain(mine);
    expect(references(await handler2.get('/complaints?status=assigned'))).toEqual([theirs]);
    expect(references(await coordinator.get('/complaints')).sort()).toEqual([mine, theirs].sort());
  });

  test('the CSV export holds only their own complaints', async () => {
    const csv = await handler2.get('/export/complaints.csv');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain(theirs);
    expect(csv.body).not.toContain(mine);
  });

  test('the detail is a 404 that says nothing more', async () => {
    const other = await handler2.complaint(mine);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toMatch(/handler1|assigned|Klager/);
    expect((await handler1.complaint(mine)).status).toBe(200);
  });

  test('the reasons for its dates are a 404 too; its own handler gets every deadline explained', async () => {
    const other = await handler2.get(`/complaints/${encodeURIComponent(mine)}/deadlines`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toMatch(/handler1|acknowledgement|Klager/);
    const own = await handler1.get(`/complaints/${encodeURIComponent(mine)}/deadlines?lang=en`);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const file = (await handler1.complaint(mine)).body;
    expect(own.body.reference).toBe(mine);
    expect(own.body.deadlines.map((d: { milestoneId: string }) => d.milestoneId)).toEqual(file.milestones.map((m: { milestoneId: string }) => m.milestoneId));
    for (const d of own.body.deadlines) expect(d.explanation.length, d.milestoneId).toBeGreaterThan(0);
    expect(own.body.deadlines[0].label).toBe(file.milestones[0].label.en);
    expect((await handler1.get(`/complaints/${encodeURIComponent(mine)}/deadlines?lang=fr`)).status).toBe(400);
  });

  test('a step on it is a 404, and leaves no trace', async () => {
    const before = (await coordinator.complaint(mine)).body.version;
    expect((await handler2.step(mine, 'note', { text: 'Even kijken' })).status).toBe(404);
    expect((await handler2.step(mine, 'contact', { via: 'phone', summary: 'Gebeld' })).status).toBe(404);
    expect((await coordinator.complaint(mine)).body.version).toBe(before);
    expect((await handler1.step(mine, 'note', { text: 'Mijn eigen dossier' })).status).toBe(200);
  });
});

describe('concurrent updates of one complaint', () => {
  const notes = async (reference: string) => (await coordinator.complaint(reference)).body.timeline as Array<{ type: string; seq: number; data?: { text?: string } }>;

  test("the same If-Match twice at once: one 200, one 409; the winner's event is in the trail and the loser can retry", async () => {
    const current = await coordinator.complaint(theirs);
    const etag = current.headers.get('etag')!;
    expect(etag).toBe(`"${current.body.version}"`);
    const [a, b] = await Promise.all(['A', 'B'].map((text) => coordinator.step(theirs, 'note', { text: `Gelijktijdig ${text}` }, { 'if-match': etag })));
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a!.status === 200 ? [a!, b!] : [b!, a!];
    expect(loser.body).toMatchObject({ error: 'conflict' });
    let trail = await notes(theirs);
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));
    expect(trail.filter((e) => e.type === 'note-added').map((e) => e.data?.text)).toEqual([winner.body.event.data.text]);
    expect(trail.at(-1)?.seq).toBe(current.body.version + 1);

    // The loser reloads and sends again: both are kept.
    const retried = await coordinator.step(theirs, 'note', { text: loser === a ? 'Gelijktijdig A' : 'Gelijktijdig B' }, { 'if-match': winner.headers.get('etag')! });
    expect(retried.status).toBe(200);
    trail = await notes(theirs);
    expect(
      trail
        .filter((e) => e.type === 'note-added')
        .map((e) => e.data?.text)
        .sort(),
    ).toEqual(['Gelijktijdig A', 'Gelijktijdig B']);
  });

  test('a stale If-Match is a 409; a malformed one a 400', async () => {
    expect((await coordinator.step(theirs, 'note', { text: 'Oud' }, { 'if-match': '"1"' })).status).toBe(409);
    expect((await coordinator.step(theirs, 'note', { text: 'Raar' }, { 'if-match': 'W/"abc"' })).status).toBe(400);
  });

  test('without If-Match, concurrent steps are both kept', async () => {
    const before = (await notes(mine)).length;
    const results = await Promise.all(['C', 'D', 'E'].map((text) => coordinator.step(mine, 'note', { text: `Zonder If-Match ${text}` })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const trail = await notes(mine);
    expect(trail).toHaveLength(before + 3);
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));
  });
});

describe('/openapi.json', () => {
  let doc: Record<string, any>;

  beforeAll(async () => {
    const response = await call(`${api}/${TENANT}/openapi.json`);
    expect(response.status).toBe(200);
    doc = response.body;
  });

  /** Every object in the document, with its JSON pointer. */
  function* walk(value: unknown, pointer = '#'): Generator<[string, Record<string, any>]> {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) yield* walk(v, `${pointer}/${i}`);
    } else if (value && typeof value === 'object') {
      yield [pointer, value as Record<string, any>];
      for (const [k, v] of Object.entries(value)) yield* walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  }

  const resolve = (ref: string): unknown =>
    ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((node, part) => (node === undefined ? undefined : node[part]), doc);

  test('is an OpenAPI 3.1.0 document with info, paths and components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/'))).toBe(true);
    expect(doc.components.securitySchemes.staffToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  test('lists every route, with its method, and nothing else', () => {
    const listed = Object.entries(doc.paths)
      .flatMap(([path, item]) =>
        Object.keys(item as object)
          .filter((k) => k !== 'parameters')
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(listed).toEqual(OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
    expect(listed).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const op of OPERATIONS) {
      expect(OPERATION_SUMMARIES[op.operationId], `a summary for ${op.operationId}`).toMatch(/^[A-Z].{10,}/);
      expect(doc.paths[op.path][op.method.toLowerCase()], op.operationId).toMatchObject({ operationId: op.operationId, summary: OPERATION_SUMMARIES[op.operationId] });
    }
    const ids = OPERATIONS.map((op) => doc.paths[op.path][op.method.toLowerCase()].operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('declares every path parameter, required, and only those', () => {
    for (const op of OPERATIONS) {
      const operation = doc.paths[op.path][op.method.toLowerCase()];
      const templated = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'path');
      expect(declared.map((p: { name: string }) => p.name).sort(), op.operationId).toEqual(templated);
      expect(
        declared.every((p: { required: boolean; schema: unknown }) => p.required === true && p.schema),
        op.operationId,
      ).toBe(true);
      for (const parameter of operation.parameters ?? []) {
        expect(['path', 'query', 'header', 'cookie'], `${op.operationId} ${parameter.name}`).toContain(parameter.in);
        expect(parameter.schema ?? parameter.content, `${op.operationId} ${parameter.name}`).toBeTruthy();
      }
      const unique = new Set((operation.parameters ?? []).map((p: { in: string; name: string }) => `${p.in}:${p.name.toLowerCase()}`));
      expect(unique.size, op.operationId).toBe((operation.parameters ?? []).length);
    }
  });

  test('gives a request body schema for every operation that takes one', () => {
    for (const op of OPERATIONS) {
      const operation = doc.paths[op.path][op.method.toLowerCase()];
      if (!op.body) {
        expect(operation.requestBody, op.operationId).toBeUndefined();
        continue;
      }
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      expect(schema, op.operationId).toMatchObject({ type: 'object', properties: expect.any(Object) });
      for (const required of schema.required ?? []) expect(Object.keys(schema.properties), `${op.operationId} requires ${required}`).toContain(required);
    }
  });

  test('every operation has responses with descriptions, a success among them; staff operations say who and how', () => {
    for (const op of OPERATIONS) {
      const operation = doc.paths[op.path][op.method.toLowerCase()];
      const codes = Object.keys(operation.responses);
      expect(
        codes.every((c) => /^[1-5](\d\d|XX)$|^default$/.test(c)),
        op.operationId,
      ).toBe(true);
      expect(
        codes.some((c) => c.startsWith('2')),
        op.operationId,
      ).toBe(true);
      for (const response of Object.values(operation.responses) as Array<{ description: unknown }>) expect(typeof response.description).toBe('string');
      if (op.access === 'admin') {
        expect(operation.security, op.operationId).toEqual([{ staffToken: [] }]);
        expect(operation['x-roles'], op.operationId).toEqual(op.roles);
        expect(codes, op.operationId).toEqual(expect.arrayContaining(['401', '403']));
      }
      for (const requirement of operation.security ?? []) for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes[scheme], scheme).toBeDefined();
    }
  });

  test('every $ref resolves inside the document; schema types are JSON Schema types', () => {
    const types = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
    let refs = 0;
    for (const [pointer, node] of walk(doc)) {
      if (typeof node.$ref === 'string') {
        refs += 1;
        expect(node.$ref, pointer).toMatch(/^#\//);
        expect(resolve(node.$ref), `${pointer}: ${node.$ref}`).toBeDefined();
      }
      if (pointer.includes('/schema') && node.type !== undefined) {
        for (const type of [node.type].flat()) expect(types.has(type), `${pointer}: type ${type}`).toBe(true);
      }
    }
    expect(refs).toBeGreaterThan(0);
  });
});

describe('bad tokens: 401 on every admin operation', () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const parts = (token: string) => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    return { header, payload, signature, claims: JSON.parse(Buffer.from(payload, 'base64url').toString()), kid: JSON.parse(Buffer.from(header, 'base64url').toString()).kid as string };
  };
  const badTokens = new Map<string, string | undefined>();

  beforeAll(async () => {
    // Two hours on: every token issued so far is expired (1 h, with a minute's leeway).
    await t.cloud.clock.advance(2 * 3600_000);
    const fresh = (await issueToken(api, { tenant: TENANT, role: 'auditor' })).token;
    const { header, payload, signature, claims, kid } = parts(fresh);
    const flipped = Buffer.from(signature, 'base64url');
    flipped[100] = flipped[100]! ^ 0x01;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signWithOtherKey = (h: object) => {
      const input = `${b64(h)}.${payload}`;
      return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
    };
    badTokens.set('no token', undefined);
    badTokens.set('expired (issued two hours ago)', oldToken);
    badTokens.set('signature byte flipped', `${header}.${payload}.${flipped.toString('base64url')}`);
    badTokens.set('payload changed (auditor -> coordinator), signature kept', `${header}.${b64({ ...claims, 'cognito:groups': ['coordinator'] })}.${signature}`);
    badTokens.set('signed with another key, same kid', signWithOtherKey({ kid, alg: 'RS256', typ: 'JWT' }));
    badTokens.set('signed with another key, its own kid', signWithOtherKey({ kid: createHash('sha256').update('other').digest('base64url'), alg: 'RS256', typ: 'JWT' }));
    badTokens.set('alg none', `${b64({ alg: 'none', typ: 'JWT', kid })}.${payload}.`);
    badTokens.set("another tenant's token (occure coordinator)", (await issueToken(api, { tenant: 'occure', role: 'coordinator' })).token);
    // The fresh token itself is good: only the forgeries fail.
    expect((await call(`${api}/${TENANT}/admin/complaints`, { token: fresh })).status).toBe(200);
  });

  test.each(ADMIN_OPERATIONS.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (_route, op) => {
    const responses = await Promise.all([...badTokens].map(async ([kind, token]) => [kind, await send(op, token)] as const));
    for (const [kind, response] of responses) {
      const what = `${op.operationId} with ${kind}: ${response.status} ${JSON.stringify(response.body)}`;
      expect(response.status, what).toBe(401);
      expect(response.body?.error, what).toBe('unauthenticated');
      expect(response.headers.get('www-authenticate'), what).toBe(
        kind === 'no token'
          ? 'Bearer'
          : kind.startsWith('expired')
            ? 'Bearer error="invalid_token", error_description="token expired"'
            : 'Bearer error="invalid_token", error_description="token invalid"',
      );
    }
  });

  test("the occure coordinator's token works on occure itself (it is the tenant that refuses it)", async () => {
    const token = badTokens.get("another tenant's token (occure coordinator)")!;
    expect((await call(`${api}/occure/admin/complaints`, { token })).status).toBe(200);
  });
});
