/**
 * The status link's lifecycle on the local cloud, over HTTP, through the production adapters on
 * DynamoDB Local (docs/api.md, "The status link"): a coordinator reissues it (the old link answers
 * 410 as JSON and as a page, the new one arrives by mail and works, the event is on the file, the
 * token is not kept in the outbox once the letter is out); the JSON actions refuse and accept
 * exactly what the page does; a link expires the regulation's period after the complaint ended
 * (410 with a clear code, a friendly page in Dutch and in English), and is then not reissued.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AdminClient, call, submitComplaint } from '../support/admin-client.ts';
import { eventually, sentMail, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbComplaintRegister, toItem } from '../../shared/adapters/dynamodb-register.ts';
import { loadTenantFile } from '../../shared/adapters/regulation-file.ts';
import { deliverEntry, MAX_ATTEMPTS } from '../../shared/domain/complaint/deliver-outbox.ts';
import type { OutboxEntry } from '../../shared/domain/complaint/model.ts';
import { STATUS_TOKEN_REDACTED } from '../../shared/domain/ports.ts';

const TENANT = 'demo';
const DAY = 24 * 3600 * 1000;
let t: TestCloud;
let api: string;
let coordinator: AdminClient;
let handler: AdminClient;

async function signIn() {
  [coordinator, handler] = await Promise.all([AdminClient.as(api, TENANT, { role: 'coordinator' }), AdminClient.as(api, TENANT, { user: `handler1@${TENANT}.example` })]);
}

async function acknowledged(reference: string) {
  await t.cloud.drainOutboxes();
  await eventually(`${reference} acknowledged`, async () => (await coordinator.complaint(reference)).body.status !== 'registered', 30_000);
}

/** A page's form post, as a browser sends it. */
const postForm = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

const register = () => new DynamoDbComplaintRegister(t.dynamodb, t.cloud.tableName(TENANT));

beforeAll(async () => {
  t = await startTestCloud({ tenants: [TENANT], clockStart: new Date('2026-03-02T10:00:00+01:00') });
  api = t.cloud.urls.api;
  await signIn();
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('reissued by a coordinator', () => {
  test('the old link answers 410 (JSON and page), the new one comes by mail and works, the event is on the file, the token leaves the outbox with the letter', async () => {
    const filed = await submitComplaint(api, TENANT, validComplaint({ complainant: { name: 'Lotte Linkverloren', email: 'lotte.link@example.org', language: 'nl' } }));
    await acknowledged(filed.reference);
    expect((await call(filed.statusUrl)).status).toBe(200);
    // The acknowledgement's entry no longer holds the token it carried.
    const acknowledgement = await register().outboxEntry(filed.reference, 'mail-acknowledgement-complainant-v1');
    expect(acknowledgement).toMatchObject({ state: 'done' });
    expect((acknowledgement!.action as Record<string, unknown>).statusToken).toBeUndefined();

    // The coordinator's alone: a handler is refused, and the link still works.
    const refused = await handler.send('POST', `/complaints/${filed.reference}/status-link`, {});
    expect(refused.status).toBe(403);
    expect((await call(filed.statusUrl)).status).toBe(200);

    const reissued = await coordinator.send('POST', `/complaints/${filed.reference}/status-link`, { reason: 'De klager vond de e-mail niet meer.' });
    expect(reissued.status, JSON.stringify(reissued.body)).toBe(201);
    expect(reissued.body.event).toMatchObject({ type: 'status-link-reissued', actor: coordinator.email, reason: 'De klager vond de e-mail niet meer.' });

    // The old link: gone, with the reason, as JSON and as a page (Dutch, or English on request).
    const old = await call(filed.statusUrl);
    expect(old.status).toBe(410);
    expect(old.body).toMatchObject({ error: 'gone', key: 'error.gone.statusLinkReplaced' });
    const oldPage = await call(`${filed.statusUrl}/pagina`);
    expect(oldPage.status).toBe(410);
    expect(oldPage.body).toContain('Deze link is vervangen door een nieuwe');
    expect((await call(`${filed.statusUrl}/pagina?lang=en`)).body).toContain('This link has been replaced by a newer one');
    expect((await call(`${filed.statusUrl}/information`, { method: 'POST', body: { text: 'Nog iets.' } })).status).toBe(410);

    // The new link, from the letter.
    await t.cloud.drainOutboxes();
    const letter = await eventually('the letter with the new link', async () => (await sentMail(t.cloud.urls.ses)).find((m) => m.subject === `Nieuwe link om uw klacht te volgen ${filed.reference}`));
    expect(letter.destination.to).toEqual(['lotte.link@example.org']);
    expect(letter.body.text).toContain('De vorige link werkt niet meer.');
    const token = /\/status\/([A-Za-z0-9_-]{43})\/pagina/.exec(letter.body.text ?? '')?.[1];
    expect(token).toBeDefined();
    // The new link is for the complainant's mailbox only, never in the staff answer.
    expect(JSON.stringify(reissued.body)).not.toContain(token!);
    const fresh = `${api}/${TENANT}/status/${token}`;
    const view = await call(fresh);
    expect(view.status).toBe(200);
    expect(view.body.reference).toBe(filed.reference);
    expect((await call(`${fresh}/pagina`)).status).toBe(200);

    // On the file; the letter's entry kept what was sent, without the token.
    const file = await coordinator.complaint(filed.reference);
    const event = (file.body.timeline as Array<{ seq: number; type: string }>).find((e) => e.type === 'status-link-reissued')!;
    expect(event).toBeDefined();
    const entry = await register().outboxEntry(filed.reference, `mail-status-link-complainant-v${event.seq}`);
    expect(entry).toMatchObject({ state: 'done' });
    expect((entry!.action as Record<string, unknown>).statusToken).toBeUndefined();
    expect(JSON.stringify(entry)).not.toContain(token!);
    expect((entry!.sent as { text: string }).text).toContain(STATUS_TOKEN_REDACTED);
  });
});

describe('the token in the outbox', () => {
  test('is removed from the entry when the outbox gives its letter up, as when it is sent', async () => {
    const filed = await submitComplaint(api, TENANT, validComplaint({ complainant: { name: 'Gijs Gaveup', email: 'gijs.gaveup@example.org', language: 'nl' } }));
    await acknowledged(filed.reference);
    const token = 'T'.repeat(43);
    const entry: OutboxEntry = {
      reference: filed.reference,
      entryId: 'mail-status-link-complainant-v99',
      createdAt: t.cloud.clock.now().toISOString(),
      // Not due: the drain on the stream leaves it alone; this test delivers it.
      nextAttemptAt: '2099-01-01T00:00:00.000Z',
      attempts: MAX_ATTEMPTS - 1,
      action: {
        kind: 'email',
        letter: 'notice',
        notice: { id: 'status-link', source: 'product', contents: [] },
        recipient: 'complainant',
        to: 'gijs.gaveup@example.org',
        eventSeq: 1,
        eventType: 'status-link-reissued',
        statusToken: token,
      },
    };
    await t.dynamodb.send(new PutItemCommand({ TableName: t.cloud.tableName(TENANT), Item: toItem({ pk: `C#${entry.reference}`, sk: `O#${entry.entryId}`, ...entry, state: 'pending' }) }));
    const outcome = await deliverEntry(
      {
        register: register(),
        mailer: {
          send: async () => {
            throw new Error('MessageRejected: the address is not accepted');
          },
        },
        scheduler: { ensure: async () => undefined, remove: async () => undefined },
        clock: { now: () => t.cloud.clock.now() },
        regulations: await loadTenantFile(`tenants/${TENANT}.yaml`),
        statusBaseUrl: `${api}/${TENANT}/status`,
      },
      entry,
    );
    expect(outcome).toBe('failed');
    const stored = await register().outboxEntry(entry.reference, entry.entryId);
    expect(stored).toMatchObject({ state: 'done' });
    expect(String(stored!.detail)).toMatch(/^given up after/);
    expect((stored!.action as Record<string, unknown>).statusToken).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});

describe('the JSON actions check exactly what the page checks', () => {
  test('an action the status does not allow is refused by both (409, the same reason); one it allows is taken by both', async () => {
    const filed = await submitComplaint(api, TENANT, validComplaint({ complainant: { name: 'Pieter Paginaproef', email: 'pieter.pagina@example.org', language: 'nl' } }));
    await acknowledged(filed.reference);
    const page = `${filed.statusUrl}/pagina`;
    for (const [action, body] of [
      ['objection', { text: 'Ik maak bezwaar.' }],
      ['authorisation', { signedBy: 'Pieter', statement: 'Ik machtig mijn zus.' }],
    ] as const) {
      const json = await call(`${filed.statusUrl}/${action}`, { method: 'POST', body });
      expect(json.status, `${action}: ${JSON.stringify(json.body)}`).toBe(409);
      expect(json.body.key).toBe('error.conflict.actionNotNow');
      const form = await postForm(page, { action, ...body });
      expect(form.status, action).toBe(409);
    }
    // Refused: nothing recorded.
    const refused = (await coordinator.complaint(filed.reference)).body.timeline as Array<{ type: string }>;
    expect(refused.map((e) => e.type)).not.toContain('objection-received');
    expect(refused.map((e) => e.type)).not.toContain('authorisation-received');
    const json = await call(`${filed.statusUrl}/information`, { method: 'POST', body: { text: 'Het ging om de afspraak van 20 april.' } });
    expect(json.status).toBe(201);
    const form = await postForm(page, { action: 'information', text: 'En om die van 22 april.' });
    expect(form.status).toBe(303);
    const trail = (await coordinator.complaint(filed.reference)).body.timeline as Array<{ type: string }>;
    expect(trail.filter((e) => e.type === 'information-added')).toHaveLength(2);
  });
});

describe('expired after the complaint ended', () => {
  test('12 months (the default) after the withdrawal: 410 with the date, as JSON and as a page in both languages; not reissued', async () => {
    const filed = await submitComplaint(api, TENANT, validComplaint({ complainant: { name: 'Eva Eindig', email: 'eva.eindig@example.org', language: 'en' } }));
    await acknowledged(filed.reference);
    const withdrawn = await coordinator.step(filed.reference, 'withdraw', { reason: 'Opgelost met de vestiging.' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.complaint.status).toBe('withdrawn');

    // Still working after it ended, until the period has passed.
    await t.cloud.clock.advance(360 * DAY);
    await signIn();
    expect((await call(filed.statusUrl)).status).toBe(200);
    await t.cloud.clock.advance(10 * DAY);
    await signIn();

    const json = await call(filed.statusUrl);
    expect(json.status).toBe(410);
    expect(json.body).toMatchObject({ error: 'gone', key: 'error.gone.statusLinkExpired' });
    expect(json.body.message).toMatch(/^This link worked until \w+, \d{1,2} \w+ 2027/);
    expect(json.body.params.date).toEqual({ nl: expect.stringMatching(/2027$/), en: expect.stringMatching(/2027$/) });
    expect((await call(`${filed.statusUrl}/information`, { method: 'POST', body: { text: 'Nog een vraag.' } })).status).toBe(410);
    const upload = await call(`${filed.statusUrl}/attachments`, { method: 'POST', body: { name: 'bewijs.pdf', contentType: 'application/pdf', size: 1000 } });
    expect(upload.status).toBe(410);

    const dutch = await call(`${filed.statusUrl}/pagina`);
    expect(dutch.status).toBe(410);
    expect(dutch.headers.get('content-type')).toContain('text/html');
    expect(dutch.body).toContain('Deze link werkt niet meer');
    expect(dutch.body).toContain('Deze link werkte tot en met');
    const english = await call(`${filed.statusUrl}/pagina?lang=en`);
    expect(english.status).toBe(410);
    expect(english.body).toContain('This link no longer works');
    expect(english.body).toContain('your complaint was concluded some time ago');
    expect((await postForm(`${filed.statusUrl}/pagina`, { action: 'information', text: 'Nog iets.' })).status).toBe(410);

    const reissue = await coordinator.send('POST', `/complaints/${filed.reference}/status-link`, {});
    expect(reissue.status, JSON.stringify(reissue.body)).toBe(422);
    expect(reissue.body.key).toBe('error.rule.statusLinkExpired');
  }, 120_000);
});
