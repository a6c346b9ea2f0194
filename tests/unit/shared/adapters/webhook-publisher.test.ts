/**
 * The webhook adapter against a real HTTP server on 127.0.0.1 (2xx, 500, redirect, timeout,
 * nobody listening), and the outbox delivering webhook entries through it: a failure is retried
 * with the outbox's backoff, and a complaint's events go out in order.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, EVENT_ID_HEADER, HttpWebhookPublisher, SIGNATURE_HEADER, verifyWebhookSignature, WebhookDeliveryError } from '../../../../shared/adapters/webhook-publisher.ts';
import { loadRegulationFile } from '../../../../shared/adapters/regulation-file.ts';
import { backoffMs, deliverEntry, deliverOutbox } from '../../../../shared/domain/complaint/deliver-outbox.ts';
import { webhookEntryId } from '../../../../shared/domain/complaint/webhook-entries.ts';
import type { ComplaintEvent } from '../../../../shared/domain/complaint/events.ts';
import type { OutboxEntry } from '../../../../shared/domain/complaint/model.ts';
import type { Regulation } from '../../../../shared/domain/regulation/index.ts';
import { FakeClock, InMemoryRegister } from '../../../support/in-memory-register.ts';
import { singleVersion } from '../../../../shared/domain/regulation/versions.ts';

const SECRET = 'whsec-unit-0123456789abcdefghijklmnopqrs';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers each request with the next planned reply: a status code, or 'hang' (never answers). */
let plan: Array<number | 'hang'> = [];
let received: Received[] = [];
let server: Server;
let url: string;
const hanging = new Set<() => void>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = plan.shift() ?? 204;
      if (reply === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      if (reply >= 300 && reply < 400) res.setHeader('location', 'http://127.0.0.1:1/elsewhere');
      res.writeHead(reply).end(reply === 200 ? '{"ok":true}' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/klachten`;
});

afterAll(async () => {
  for (const end of hanging) end();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  plan = [];
  received = [];
});

const event = (seq: number, reference = 'KL-2026-000001'): ComplaintEvent => ({
  reference,
  seq,
  type: seq === 1 ? 'registered' : 'acknowledged',
  at: `2026-04-24T08:00:0${seq}.000Z`,
  actor: seq === 1 ? 'complainant' : 'system',
});

const publisher = (options: { timeoutMs?: number; target?: string } = {}) =>
  new HttpWebhookPublisher({ url: options.target ?? url, secret: SECRET, tenantId: 'demo', ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });

describe('HttpWebhookPublisher', () => {
  test('2xx: POSTs {tenant, event} as JSON, signed, with the event id; returns the status', async () => {
    plan = [200];
    await expect(publisher().publish(event(1))).resolves.toBe('webhook 200');
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(JSON.parse(request!.body)).toEqual({ tenant: 'demo', event: event(1) });
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    expect(request!.headers[EVENT_ID_HEADER]).toBe('KL-2026-000001/1');
    const signature = String(request!.headers[SIGNATURE_HEADER]);
    expect(signature).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    // Signed over the exact bytes sent, at the machine's real time.
    expect(verifyWebhookSignature(SECRET, signature, request!.body)).toBe(true);
    expect(Math.abs(Number(/t=(\d+)/.exec(signature)![1]) - Date.now() / 1000)).toBeLessThan(5);
  });

  test("the secret from a loader (the drain's, read from Secrets Manager): signed with what it gives; when it fails, nothing is sent", async () => {
    plan = [200];
    const loaded = new HttpWebhookPublisher({ url, secret: async () => SECRET, tenantId: 'demo' });
    await expect(loaded.publish(event(1))).resolves.toBe('webhook 200');
    expect(verifyWebhookSignature(SECRET, String(received[0]!.headers[SIGNATURE_HEADER]), received[0]!.body)).toBe(true);
    const failing = new HttpWebhookPublisher({
      url,
      secret: async () => {
        throw new Error('the webhook secret could not be read from Secrets Manager');
      },
      tenantId: 'demo',
    });
    const failure = failing.publish(event(2));
    await expect(failure).rejects.toBeInstanceOf(WebhookDeliveryError);
    await expect(failure).rejects.toThrow('KL-2026-000001/2: not sent, the webhook secret could not be read');
    expect(received).toHaveLength(1);
  });

  test('any 2xx is success', async () => {
    plan = [202, 204];
    await expect(publisher().publish(event(1))).resolves.toBe('webhook 202');
    await expect(publisher().publish(event(2))).resolves.toBe('webhook 204');
  });

  test('500 is a failure that names the status', async () => {
    plan = [500];
    const failure = publisher().publish(event(1));
    await expect(failure).rejects.toBeInstanceOf(WebhookDeliveryError);
    await expect(failure).rejects.toThrow('KL-2026-000001/1: the receiver answered 500');
  });

  test('a redirect is not followed: a failure', async () => {
    plan = [302];
    await expect(publisher().publish(event(1))).rejects.toThrow('answered 302');
    expect(received).toHaveLength(1);
  });

  test('no answer within the timeout is a failure (default 10 s)', async () => {
    expect(DEFAULT_WEBHOOK_TIMEOUT_MS).toBe(10_000);
    plan = ['hang'];
    const started = Date.now();
    await expect(publisher({ timeoutMs: 300 }).publish(event(1))).rejects.toThrow('no answer within 0.3 s');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('nobody listening is a failure that says why', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(publisher({ target: `http://127.0.0.1:${port}/` }).publish(event(1))).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('the outbox delivers webhook entries', () => {
  let regulation: Regulation;
  let register: InMemoryRegister;
  let clock: FakeClock;
  const unused = {
    send: async () => {
      throw new Error('no mail here');
    },
  };
  const noSchedules = { ensure: async () => undefined, remove: async () => undefined };
  const deps = (webhooks = publisher()) => ({ register, clock, regulations: singleVersion(regulation), mailer: unused, scheduler: noSchedules, webhooks });

  beforeAll(async () => {
    regulation = await loadRegulationFile('tenants/demo.yaml');
  });

  beforeEach(() => {
    register = new InMemoryRegister();
    clock = new FakeClock(new Date('2026-04-24T08:00:10.000Z'));
  });

  const queue = (e: ComplaintEvent): OutboxEntry => {
    const entry: OutboxEntry = { reference: e.reference, entryId: webhookEntryId(e.seq), createdAt: e.at, action: { kind: 'webhook', event: e }, attempts: 0, nextAttemptAt: e.at };
    register.outbox.set(`${entry.reference}/${entry.entryId}`, { ...entry, state: 'pending' });
    return entry;
  };
  const stored = (seq: number, reference = 'KL-2026-000001') => register.outbox.get(`${reference}/${webhookEntryId(seq)}`)!;

  test("delivered: done, with the receiver's status; no event of its own", async () => {
    plan = [204];
    expect(await deliverEntry(deps(), queue(event(1)))).toBe('delivered');
    expect(stored(1)).toMatchObject({ state: 'done', detail: 'webhook 204' });
    expect(register.eventLog.size).toBe(0);
  });

  test('500 -> released with the outbox backoff; the retry after it delivers the same event id', async () => {
    plan = [500, 204];
    const entry = queue(event(1));
    expect(await deliverEntry(deps(), entry)).toBe('failed');
    expect(stored(1)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(clock.now().getTime() + backoffMs(1)).toISOString() });
    expect(stored(1).lastError).toContain('answered 500');

    // Not due before the backoff has passed.
    expect(await deliverOutbox(deps())).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    clock.advance(backoffMs(1));
    expect(await deliverOutbox(deps())).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(stored(1)).toMatchObject({ state: 'done', detail: 'webhook 204' });
    expect(received.map((r) => r.headers[EVENT_ID_HEADER])).toEqual(['KL-2026-000001/1', 'KL-2026-000001/1']);
  });

  test('a timeout is retried like any failure', async () => {
    plan = ['hang', 204];
    const entry = queue(event(1));
    expect(await deliverEntry(deps(publisher({ timeoutMs: 200 })), entry)).toBe('failed');
    expect(stored(1).lastError).toContain('no answer within');
    clock.advance(backoffMs(1));
    expect(await deliverOutbox(deps())).toMatchObject({ delivered: 1 });
  });

  test('in order per complaint: an event waits while the one before it is pending, without spending an attempt', async () => {
    plan = [500, 204, 204, 204];
    queue(event(1));
    queue(event(2));
    queue(event(1, 'KL-2026-000002'));
    // 1 fails; 2 waits for it; the other complaint is not held up.
    expect(await deliverOutbox(deps())).toEqual({ delivered: 1, failed: 1, skipped: 1 });
    expect(stored(2)).toMatchObject({ state: 'pending', attempts: 0, lastError: `waiting for ${webhookEntryId(1)}` });
    expect(Date.parse(stored(2).nextAttemptAt)).toBeGreaterThanOrEqual(Date.parse(stored(1).nextAttemptAt));
    expect(stored(1, 'KL-2026-000002').state).toBe('done');

    clock.advance(backoffMs(1));
    await deliverOutbox(deps());
    expect(stored(1).state).toBe('done');
    expect(stored(2).state).toBe('done');
    const order = received.filter((r) => String(r.headers[EVENT_ID_HEADER]).startsWith('KL-2026-000001/')).map((r) => r.headers[EVENT_ID_HEADER]);
    expect(order).toEqual(['KL-2026-000001/1', 'KL-2026-000001/1', 'KL-2026-000001/2']);
  });

  test('an event whose predecessor had no webhook (switched on later) goes straight out', async () => {
    plan = [204];
    expect(await deliverEntry(deps(), queue(event(5)))).toBe('delivered');
  });

  test('queued while a webhook was configured, none now: closed without sending', async () => {
    const { webhooks: _none, ...withoutWebhook } = deps();
    expect(await deliverEntry(withoutWebhook, queue(event(1)))).toBe('delivered');
    expect(stored(1)).toMatchObject({ state: 'done', detail: 'webhook not configured; not sent' });
    expect(received).toHaveLength(0);
  });
});
