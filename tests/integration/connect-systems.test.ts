/**
 * An organisation's own systems, over HTTP against the local cloud: API keys made by a
 * coordinator register complaints on POST /<tenant>/complaints; and every event of a complaint
 * reaches the organisation's webhook receiver (a tiny server on 127.0.0.1) signed, once per
 * event id, in order, after a failed first attempt too.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from '../../shared/adapters/webhook-publisher.ts';
import { eventually, postComplaint, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';

const SECRET = 'whsec-integration-0123456789abcdefghij';
const TABLE = 'klachten-demo';

interface Delivery {
  eventId: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let t: TestCloud;
let api: string;
let receiver: Server;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  // The organisation's receiver: fails the first attempt at every complaint's first event.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const eventId = String(req.headers[EVENT_ID_HEADER]);
      const status = eventId.endsWith('/1') && !deliveries.some((d) => d.eventId === eventId) ? 500 : 204;
      deliveries.push({ eventId, status, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/klachten/events`;
  t = await startTestCloud({ webhook: { url, secret: SECRET } });
  api = t.cloud.urls.api;
});

afterAll(async () => {
  await t?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function token(role: string): Promise<string> {
  const response = await fetch(`${api}/_local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'demo', role }) });
  return ((await response.json()) as { token: string }).token;
}

async function admin(method: string, path: string, role: string, body?: unknown) {
  const response = await fetch(`${api}/demo/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(role)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

async function complaintItem(reference: string) {
  const result = await t.dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `C#${reference}` }, sk: { S: 'COMPLAINT' } }, ConsistentRead: true }));
  return result.Item ? unmarshall(result.Item) : undefined;
}

async function eventSeqs(reference: string): Promise<number[]> {
  const result = await t.dynamodb.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': { S: `C#${reference}` }, ':e': { S: 'E#' } },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => Number(unmarshall(item).seq));
}

const of = (reference: string) => deliveries.filter((d) => d.eventId.startsWith(`${reference}/`));
const accepted = (reference: string) => of(reference).filter((d) => d.status === 204);

describe('API keys', () => {
  let key: string;
  let keyId: string;
  let reference: string;

  test('a coordinator creates one: shown once, prefixed with the tenant', async () => {
    const created = await admin('POST', '/api-keys', 'coordinator', { label: 'Website' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^[a-f0-9]{12}$/), label: 'Website', createdBy: 'coordinator@demo.example' });
    expect(created.body!.key).toMatch(/^kr_demo_[A-Za-z0-9_-]{43}$/);
    key = created.body!.key;
    keyId = created.body!.id;
  });

  test('an auditor cannot create keys (403), but sees the list; a handler sees neither', async () => {
    expect((await admin('POST', '/api-keys', 'auditor', { label: 'Mine' })).status).toBe(403);
    expect((await admin('GET', '/api-keys', 'auditor')).status).toBe(200);
    expect((await admin('GET', '/api-keys', 'handler')).status).toBe(403);
    expect((await admin('POST', '/api-keys', 'complaints-officer', { label: 'Mine' })).status).toBe(403);
    expect((await fetch(`${api}/demo/admin/api-keys`)).status).toBe(401);
  });

  test('a complaint registered with the key is registered by api:<key id>, on the web-form channel', async () => {
    const response = await postComplaint(api, 'demo', validComplaint(), { 'x-api-key': key });
    expect(response.status).toBe(201);
    reference = response.body.reference;
    expect(await complaintItem(reference)).toMatchObject({ registeredBy: `api:${keyId}`, channel: 'form', mode: 'written' });
  });

  test('the list shows id, label, created and last used, never the key', async () => {
    const list = await admin('GET', '/api-keys', 'coordinator');
    expect(list.status).toBe(200);
    const listed = list.body!.items.find((k: { id: string }) => k.id === keyId);
    expect(listed).toMatchObject({ id: keyId, label: 'Website', createdAt: expect.any(String), lastUsedAt: expect.any(String) });
    expect(list.text).not.toContain(key);
    expect(list.text).not.toContain(key.slice(8));
  });

  test('with the key, an Idempotency-Key replays as usual, and a channel of the regulation may be named', async () => {
    const first = await postComplaint(api, 'demo', validComplaint({ description: 'Via het CRM.' }), { 'x-api-key': key, 'Idempotency-Key': 'crm-case-000123' });
    const again = await postComplaint(api, 'demo', validComplaint({ description: 'Via het CRM.' }), { 'x-api-key': key, 'Idempotency-Key': 'crm-case-000123' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.reference).toBe(first.body.reference);

    const byPhone = await postComplaint(api, 'demo', validComplaint({ channel: 'phone' }), { 'x-api-key': key });
    expect(byPhone.status).toBe(201);
    expect(await complaintItem(byPhone.body.reference)).toMatchObject({ channel: 'phone', mode: 'oral', registeredBy: `api:${keyId}` });
    expect((await postComplaint(api, 'demo', validComplaint({ channel: 'pigeon' }), { 'x-api-key': key })).body.problems).toEqual([
      { field: 'channel', code: 'invalid_value', params: { values: ['form', 'email', 'letter', 'phone'] }, message: 'must be one of: form, email, letter, phone' },
    ]);
    // The public form names no channel.
    expect((await postComplaint(api, 'demo', validComplaint({ channel: 'phone' }))).status).toBe(400);
  });

  test('an unknown or malformed key is a plain 401 and registers nothing', async () => {
    const unknown = await postComplaint(api, 'demo', validComplaint(), { 'x-api-key': `kr_demo_${'x'.repeat(43)}` });
    const malformed = await postComplaint(api, 'demo', validComplaint(), { 'x-api-key': 'nonsense' });
    const otherTenant = await postComplaint(api, 'demo', validComplaint(), { 'x-api-key': key.replace('kr_demo_', 'kr_focus_') });
    for (const refused of [unknown, malformed, otherTenant]) {
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ error: 'unauthenticated', message: 'the API key is not valid' });
    }
  });

  test('a revoked key is refused exactly like an unknown one', async () => {
    const revoked = await admin('DELETE', `/api-keys/${keyId}`, 'coordinator');
    expect(revoked.status).toBe(204);
    const refused = await postComplaint(api, 'demo', validComplaint(), { 'x-api-key': key });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: 'unauthenticated', message: 'the API key is not valid' });
    expect((await admin('GET', '/api-keys', 'coordinator')).body!.items.map((k: { id: string }) => k.id)).not.toContain(keyId);
    expect((await admin('DELETE', `/api-keys/${keyId}`, 'coordinator')).status).toBe(404);
    expect((await admin('DELETE', '/api-keys/abcdefabcdef', 'auditor')).status).toBe(403);
  });

  test('every event of the complaint reaches the receiver once per event id, signed, in order, after a failed first attempt', async () => {
    // The first attempt at the registration event fails (500); the acknowledgement's event waits behind it.
    await eventually('the failed first attempt', async () => of(reference).some((d) => d.status === 500));
    // The console's view of it (GET /admin/webhook): configured, a delivery failing and retried, the receiver's answer.
    const failing = await eventually('the failure recorded', async () => {
      const state = (await admin('GET', '/webhook', 'coordinator')).body!;
      return state.failing > 0 ? state : undefined;
    });
    expect(failing).toMatchObject({ configured: true, receiver: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), lastError: expect.stringContaining('answered 500'), complete: true });
    expect(failing.pending).toBeGreaterThanOrEqual(failing.failing);
    expect(JSON.stringify(failing)).not.toContain('/klachten/events');
    expect((await admin('GET', '/webhook', 'handler')).status).toBe(403);
    await t.cloud.clock.advance(5_000);
    // Retries after a failure wait for the drain's timer (a new outbox item on the stream only
    // delivers what is due then): the test runs it.
    await eventually('every event delivered', async () => {
      await t.cloud.drainOutboxes();
      const seqs = await eventSeqs(reference);
      return seqs.length >= 3 && accepted(reference).length === seqs.length;
    });
    await eventually('nothing waiting', async () => {
      await t.cloud.drainOutboxes();
      return (await admin('GET', '/webhook', 'auditor')).body!.pending === 0;
    });

    const seqs = await eventSeqs(reference);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));

    const attempts = of(reference);
    expect(attempts.filter((d) => d.status === 500).map((d) => d.eventId)).toEqual([`${reference}/1`]);
    // Exactly once per event id, in seq order, and nothing of a later event before an earlier one was taken.
    expect(accepted(reference).map((d) => d.eventId)).toEqual(seqs.map((seq) => `${reference}/${seq}`));
    expect(attempts.map((d) => d.eventId)).toEqual([`${reference}/1`, ...seqs.map((seq) => `${reference}/${seq}`)]);

    for (const delivery of attempts) {
      expect(verifyWebhookSignature(SECRET, String(delivery.headers[SIGNATURE_HEADER]), delivery.body), delivery.eventId).toBe(true);
      expect(delivery.headers['content-type']).toMatch(/^application\/json/);
      const payload = JSON.parse(delivery.body) as { tenant: string; event: { reference: string; seq: number; type: string; actor: string } };
      expect(payload.tenant).toBe('demo');
      expect(`${payload.event.reference}/${payload.event.seq}`).toBe(delivery.eventId);
    }
    expect(JSON.parse(accepted(reference)[0]!.body).event).toMatchObject({ seq: 1, type: 'registered', actor: `api:${keyId}` });
  });

  test('an event appended later (the complainant adds information) is delivered too, next in line', async () => {
    const other = await postComplaint(api, 'demo', validComplaint({ description: 'Via de statuslink.' }));
    expect(other.status).toBe(201);
    const otherRef = other.body.reference as string;
    await eventually('its first event failed once', async () => of(otherRef).some((d) => d.status === 500));
    await t.cloud.clock.advance(5_000);
    await eventually('its registration delivered', async () => {
      await t.cloud.drainOutboxes();
      return accepted(otherRef).length > 0;
    });

    const token = String(other.body.statusUrl).split('/').pop();
    const added = await fetch(`${api}/demo/status/${token}/information`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Ik heb nog een foto.' }) });
    expect(added.status).toBe(201);
    // Its webhook waits for the ones before it, which waited out the first event's failure (the timer's work).
    await eventually('the information event delivered', async () => {
      await t.cloud.drainOutboxes();
      const seqs = await eventSeqs(otherRef);
      return accepted(otherRef).length === seqs.length && accepted(otherRef).some((d) => JSON.parse(d.body).event.type === 'information-added');
    });
    const seqs = await eventSeqs(otherRef);
    expect(accepted(otherRef).map((d) => d.eventId)).toEqual(seqs.map((seq) => `${otherRef}/${seq}`));
    const information = accepted(otherRef)
      .map((d) => JSON.parse(d.body).event)
      .find((e: { type: string }) => e.type === 'information-added');
    expect(information).toMatchObject({ actor: 'complainant', data: { text: 'Ik heb nog een foto.' } });
  });
});
