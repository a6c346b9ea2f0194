/**
 * Personal data as the GDPR expects, on the local cloud over HTTP: retention anonymises a closed
 * complaint once its period has passed (and the year's report figures stay the same), a legal
 * hold stops it until lifted, a subject's data is exported and erased on request, both land in
 * the audit log, an anonymised complaint's status link is dead. Meanwhile everything the local
 * cloud prints (gateway, tenant worker threads, functions) is captured: no name, address, phone
 * number or complaint text may appear in it, also not while SES is down and errors are logged.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EICAR, sampleFiles } from '../support/sample-files.ts';
import { AdminClient, call, submitComplaint } from '../support/admin-client.ts';
import { eventually, startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { DynamoDbReportSource } from '../../shared/adapters/dynamodb-report-source.ts';
import { loadTenantFile } from '../../shared/adapters/regulation-file.ts';
import { buildYearlyReport } from '../../shared/domain/report/yearly-report.ts';

const TENANT = 'demo';
const DAY = 24 * 3600 * 1000;
let t: TestCloud;
let api: string;
let coordinator: AdminClient;
let auditor: AdminClient;
let handler: AdminClient;
let director: AdminClient;

// What must never reach a log line: each complainant's name, address, phone and text.
const people = {
  retained: { name: 'Wilhelmina Retentiehuis', email: 'wilhelmina.retentie@example.org', phone: '+31 6 11112222', description: 'Retentieklacht-tekst over de balie in Zwolle' },
  held: { name: 'Gerrit Geschilmaker', email: 'gerrit.geschil@example.org', phone: '+31 6 33334444', description: 'Geschilklacht-tekst over een factuur' },
  subject: { name: 'Ottoline Inzageverzoek', email: 'Ottoline.Inzage@Example.org', phone: '+31 6 55556666', description: 'Inzageklacht-tekst over een dossier' },
  objector: { name: 'Bartholomeus Bezwaarde', email: 'bart.bezwaar@example.org', phone: '+31 6 77778888', description: 'Bezwaarklacht-tekst over een wachttijd' },
  offline: { name: 'Cornelia Storingsgeval', email: 'cornelia.storing@example.org', phone: '+31 6 99990000', description: 'Storingsklacht-tekst tijdens de SES-uitval' },
};
const forbidden = Object.values(people).flatMap((p) => [p.name, p.email, p.email.toLowerCase(), p.phone, p.description]);

const captured: string[] = [];
const restore: Array<() => void> = [];
function capture(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = write;
    });
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      captured.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original(...args);
    };
    restore.push(() => {
      console[level] = original;
    });
  }
}

const submit = (who: (typeof people)[keyof typeof people]) =>
  submitComplaint(api, TENANT, { complainant: { name: who.name, email: who.email, phone: who.phone }, description: who.description, place: 'Zwolle' });

async function acknowledged(reference: string) {
  await t.cloud.drainOutboxes();
  await eventually(`${reference} acknowledged`, async () => (await coordinator.complaint(reference)).body.status !== 'registered', 30_000);
}

async function assignAndRule(reference: string) {
  expect((await coordinator.step(reference, 'assign', { handler: { email: handler.email, name: 'Hans Behandelaar', function: 'adviseur' } })).status).toBe(200);
  const ruling = await handler.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'De afspraak is wel bevestigd.' });
  expect(ruling.status, JSON.stringify(ruling.body)).toBe(200);
}

async function close(reference: string) {
  const closed = await coordinator.step(reference, 'close', { finalReport: 'Eindverslag verstuurd.' });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  expect(closed.body.complaint.status).toBe('closed');
}

const report = async () => {
  const register = new DynamoDbReportSource(t.dynamodb, t.cloud.tableName(TENANT));
  const { current, previous, themes } = await buildYearlyReport(
    { source: register, regulations: await loadTenantFile(`tenants/${TENANT}.yaml`), clock: { now: () => t.cloud.clock.now() } },
    { year: 2026 },
  );
  return { current, previous, themes };
};

/** Tokens expire on the local clock: after time travel, sign in again. */
async function signIn() {
  [coordinator, auditor, handler, director] = await Promise.all([
    AdminClient.as(api, TENANT, { role: 'coordinator' }),
    AdminClient.as(api, TENANT, { role: 'auditor' }),
    AdminClient.as(api, TENANT, { user: `handler1@${TENANT}.example` }),
    AdminClient.as(api, TENANT, { role: 'director' }),
  ]);
}

async function travel(ms: number) {
  await t.cloud.clock.advance(ms);
  await t.cloud.sweep();
  await signIn();
}

beforeAll(async () => {
  capture();
  t = await startTestCloud({ tenants: [TENANT], clockStart: new Date('2026-03-02T10:00:00+01:00') });
  api = t.cloud.urls.api;
  await signIn();
}, 120_000);

afterAll(async () => {
  await t?.stop();
  for (const undo of restore.reverse()) undo();
});

describe('retention and legal holds', () => {
  let retained: { reference: string; statusUrl: string };
  let held: { reference: string; statusUrl: string };
  let before: Awaited<ReturnType<typeof report>>;

  test("a closed complaint is anonymised once its retention has passed, and the year's report figures stay the same", async () => {
    retained = await submit(people.retained);
    held = await submit(people.held);
    for (const c of [retained, held]) {
      await acknowledged(c.reference);
      await assignAndRule(c.reference);
      await close(c.reference);
    }
    const file = (await coordinator.complaint(retained.reference)).body;
    // Demo: 24 months after closing, to the end of that day.
    expect(file.retainUntil).toBe('2028-03-02T22:59:59.000Z');
    expect(file.availableSteps).not.toHaveLength(0);

    const hold = await coordinator.send('POST', `/complaints/${held.reference}/legal-hold`, { reason: 'Procedure bij de geschillencommissie loopt' });
    expect(hold.status, JSON.stringify(hold.body)).toBe(200);
    expect(hold.body.legalHold).toMatchObject({ reason: 'Procedure bij de geschillencommissie loopt', by: coordinator.email });
    expect((await coordinator.send('POST', `/complaints/${held.reference}/legal-hold`, { reason: 'nog een keer' })).status).toBe(409);
    expect((await handler.send('POST', `/complaints/${held.reference}/legal-hold/lift`, { reason: 'mag niet' })).status).toBe(403);
    expect((await coordinator.complaint(held.reference)).body.legalHold.reason).toBe('Procedure bij de geschillencommissie loopt');

    await t.cloud.drainOutboxes();
    expect((await call(retained.statusUrl)).status).toBe(200);
    expect((await handler.get('/complaints')).body.items.map((c: any) => c.reference)).toContain(retained.reference);
    before = await report();
    expect(before.current.complaints).toBe(2);

    // A day before the end nothing happens; after it the daily sweep anonymises.
    await travel(Date.parse('2028-03-02T12:00:00Z') - t.cloud.clock.now().getTime());
    expect((await coordinator.complaint(retained.reference)).body.anonymisedAt).toBeUndefined();
    await travel(DAY);

    const anonymised = await coordinator.complaint(retained.reference);
    expect(anonymised.status).toBe(200);
    const serialised = JSON.stringify(anonymised.body);
    for (const value of [people.retained.name, people.retained.email, people.retained.phone, people.retained.description, 'Zwolle', 'De afspraak is wel bevestigd', 'Hans Behandelaar', 'Eindverslag'])
      expect(serialised, value).not.toContain(value);
    expect(anonymised.body).toMatchObject({ status: 'closed', complainant: { name: 'geanonimiseerd', email: '' }, decision: { outcome: 'unfounded' } });
    expect(anonymised.body.availableSteps).toEqual([]);
    const last = anonymised.body.timeline.at(-1);
    expect(last).toMatchObject({ type: 'anonymised', actor: 'system', data: { basis: 'retention' } });
    // The status link is dead, the handler no longer finds it, no step can be taken.
    expect((await call(retained.statusUrl)).status).toBe(404);
    expect((await handler.get('/complaints')).body.items.map((c: any) => c.reference)).not.toContain(retained.reference);
    expect((await coordinator.step(retained.reference, 'note', { text: 'nog iets' })).status).toBe(409);

    // The held one keeps its data.
    const stillHeld = await coordinator.complaint(held.reference);
    expect(stillHeld.body.anonymisedAt).toBeUndefined();
    expect(stillHeld.body.complainant.name).toBe(people.held.name);
    // Its status link has expired all the same (a year after its final status, the regulation's
    // default): a hold keeps the record, not the complainant's access.
    expect((await call(held.statusUrl)).status).toBe(410);

    const after = await report();
    expect(after).toEqual(before);
  }, 180_000);

  test('lifting the hold lets retention proceed; holds and retention are in the audit log', async () => {
    const lift = await coordinator.send('POST', `/complaints/${held.reference}/legal-hold/lift`, { reason: 'Geschil afgerond' });
    expect(lift.status, JSON.stringify(lift.body)).toBe(200);
    expect(lift.body.legalHold).toBeNull();
    await travel(DAY);
    const file = (await coordinator.complaint(held.reference)).body;
    expect(file.anonymisedAt).toBeDefined();
    expect(JSON.stringify(file)).not.toContain(people.held.email);
    expect((await call(held.statusUrl)).status).toBe(404);
    expect(await report()).toEqual(before);

    const audit = await auditor.get('/audit');
    expect(audit.status).toBe(200);
    const actions = audit.body.items.map((e: any) => [e.action, e.references]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['retention-anonymised', [retained.reference]],
        ['retention-anonymised', [held.reference]],
        ['legal-hold-placed', [held.reference]],
        ['legal-hold-lifted', [held.reference]],
      ]),
    );
    expect((await handler.get('/audit')).status).toBe(403);
  }, 120_000);
});

describe("a subject's data: export and erasure on request", () => {
  test('export returns every complaint about the complainant with its events and letters; erasure anonymises the closed ones, not the open one', async () => {
    const closed = await submit(people.subject);
    // The same person, the address typed differently.
    const open = await submitComplaint(api, TENANT, { complainant: { name: people.subject.name, email: people.subject.email.toLowerCase() }, description: 'Tweede klacht van dezelfde persoon' });
    const other = await submit(people.objector);
    for (const c of [closed, open, other]) await acknowledged(c.reference);
    await assignAndRule(closed.reference);
    await close(closed.reference);
    await t.cloud.drainOutboxes();

    const exported = await auditor.get(`/subjects/export?email=${encodeURIComponent(people.subject.email)}`);
    expect(exported.status, JSON.stringify(exported.body)).toBe(200);
    expect(exported.headers.get('cache-control')).toBe('no-store');
    const byReference = new Map(exported.body.complaints.map((c: any) => [c.complaint.reference, c]));
    expect([...byReference.keys()].sort()).toEqual([closed.reference, open.reference].sort());
    const first: any = byReference.get(closed.reference);
    expect(first.complaint.complainant.name).toBe(people.subject.name);
    expect(first.complaint.statusTokenHash).toBeUndefined();
    expect(first.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['registered', 'acknowledged', 'ruling-sent', 'closed']));
    const toComplainant = first.letters.filter((l: any) => l.recipient === 'complainant');
    expect(toComplainant.length).toBeGreaterThan(0);
    expect(toComplainant[0]).toMatchObject({ to: people.subject.email, state: 'done' });
    expect(toComplainant.map((l: any) => l.letter)).toContain('acknowledgement');
    expect(toComplainant[0].notice.contents.length).toBeGreaterThan(0);

    const erasure = await coordinator.send('POST', '/subjects/erase', { email: people.subject.email, reason: 'Verzoek van betrokkene per brief' });
    expect(erasure.status, JSON.stringify(erasure.body)).toBe(200);
    expect(erasure.body.erased).toEqual([closed.reference]);
    // Why not, in English and as a code with its value (the console words it): still being handled, in its status.
    expect(erasure.body.notErased).toEqual([{ reference: open.reference, why: expect.stringContaining('still being handled'), outcome: 'open', status: expect.any(String) }]);
    expect((await auditor.send('POST', '/subjects/erase', { email: people.subject.email, reason: 'mag niet' })).status).toBe(403);

    const erasedFile = (await coordinator.complaint(closed.reference)).body;
    expect(erasedFile.anonymisedAt).toBeDefined();
    expect(erasedFile.timeline.at(-1)).toMatchObject({ type: 'anonymised', actor: coordinator.email, data: { basis: 'erasure-request' } });
    expect(JSON.stringify(erasedFile)).not.toContain(people.subject.name);
    expect((await call(closed.statusUrl)).status).toBe(404);
    // The open one is still whole and records that it was exported.
    const openFile = (await coordinator.complaint(open.reference)).body;
    expect(openFile.complainant.name).toBe(people.subject.name);
    expect(openFile.timeline.map((e: any) => e.type)).toContain('subject-data-exported');
    expect((await call(open.statusUrl)).status).toBe(200);

    const again = await coordinator.get(`/subjects/export?email=${encodeURIComponent(people.subject.email)}`);
    expect(again.body.complaints.map((c: any) => c.complaint.reference)).toEqual([open.reference]);

    const audit = (await coordinator.get('/audit?limit=10')).body.items;
    const exportLine = audit.find((e: any) => e.action === 'subject-export' && e.actor === auditor.email);
    const erasureLine = audit.find((e: any) => e.action === 'subject-erasure');
    // Keyed (HMAC under the tenant's key, base64url), not the unkeyed SHA-256 of the address.
    expect(exportLine).toMatchObject({ subjectHash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), references: expect.arrayContaining([closed.reference, open.reference]) });
    expect(exportLine.subjectHash).not.toBe(createHash('sha256').update(people.subject.email.toLowerCase()).digest('hex'));
    expect(erasureLine).toMatchObject({
      actor: coordinator.email,
      subjectHash: exportLine.subjectHash,
      references: [closed.reference],
      skipped: [{ reference: open.reference, why: expect.any(String) }],
    });
    expect(JSON.stringify(audit).toLowerCase()).not.toContain(people.subject.email.toLowerCase());
  }, 180_000);

  test('erasure covers every role a person had: a complaint they filed for someone else goes too, and their name leaves the audit log and the measures', async () => {
    const rep = { name: 'Reinoud Vertegenwoordiger', email: 'Reinoud.Namens@example.org' };
    const filed = await submitComplaint(api, TENANT, {
      complainant: { name: 'Klara Namensklager', email: 'klara.namens@example.org' },
      representative: { name: rep.name, email: rep.email },
      description: 'Klacht ingediend door een vertegenwoordiger',
    });
    await acknowledged(filed.reference);
    const authorised = await coordinator.step(filed.reference, 'authorisation', {});
    expect(authorised.status, JSON.stringify(authorised.body)).toBe(200);
    await assignAndRule(filed.reference);
    await close(filed.reference);
    const measure = await coordinator.send('POST', '/measures', {
      kind: 'preventive',
      what: `Terugbellen van ${rep.name} en anderen voortaan binnen een dag.`,
      owner: { email: director.email, name: 'Dirk Directeur' },
      dueDate: '2026-12-01',
      complaintRefs: [filed.reference],
    });
    expect(measure.status, JSON.stringify(measure.body)).toBe(201);
    for (const path of ['legal-hold', 'legal-hold/lift']) {
      const hold = await coordinator.send('POST', `/complaints/${filed.reference}/${path}`, { reason: `Geschil met ${rep.name} over de machtiging` });
      expect(hold.status, JSON.stringify(hold.body)).toBe(200);
    }

    const exported = await auditor.get(`/subjects/export?email=${encodeURIComponent(rep.email.toLowerCase())}`);
    expect(exported.status, JSON.stringify(exported.body)).toBe(200);
    expect(exported.body.complaints.map((c: any) => [c.complaint.reference, c.role])).toEqual([[filed.reference, 'representative']]);

    const erasure = await coordinator.send('POST', '/subjects/erase', { email: rep.email, reason: `Verzoek van ${rep.name} per brief` });
    expect(erasure.status, JSON.stringify(erasure.body)).toBe(200);
    expect(erasure.body).toEqual({ erased: [filed.reference], notErased: [] });
    const file = (await coordinator.complaint(filed.reference)).body;
    expect(file.anonymisedAt).toBeDefined();
    expect(JSON.stringify(file)).not.toContain('Vertegenwoordiger');

    const audit = JSON.stringify((await coordinator.get('/audit?limit=50')).body.items);
    expect(audit).toContain(filed.reference);
    expect(audit).not.toContain('Vertegenwoordiger');
    expect(audit.toLowerCase()).not.toContain(rep.email.toLowerCase());
    const measures = (await coordinator.get('/measures?limit=200')).body.items as any[];
    const redacted = measures.find((m) => m.id === measure.body.id);
    expect(redacted.what).toBe('Terugbellen van geanonimiseerd en anderen voortaan binnen een dag.');
    expect(redacted.history.at(-1)).toMatchObject({ by: 'system', action: 'updated', fields: ['what'] });
  }, 180_000);

  test('bad input is a 400 naming the field, never a 500', async () => {
    const missing = await coordinator.get('/subjects/export');
    expect(missing.status).toBe(400);
    expect(missing.body.problems.map((p: any) => p.field)).toContain('email');
    expect((await coordinator.get('/subjects/export?email=not-an-address')).status).toBe(400);
    const erase = await coordinator.send('POST', '/subjects/erase', { email: 'a@example.org' });
    expect(erase.status).toBe(400);
    expect(erase.body.problems.map((p: any) => p.field)).toContain('reason');
    expect((await coordinator.send('POST', '/complaints/KL-2026-999999/legal-hold', { reason: 'bestaat niet' })).status).toBe(404);
    expect((await coordinator.get('/audit?cursor=bm9wZQ')).status).toBe(400);
    expect((await coordinator.get(`/audit?cursor=${Buffer.from(JSON.stringify({ k: { pk: { S: 'AUDIT' }, sk: { N: '1' } } })).toString('base64url')}`)).status).toBe(400);
  }, 60_000);
});

describe('logs', () => {
  test('a full procedure, with SES down for a while, logs no name, address, phone or complaint text', async () => {
    const objecting = await submit(people.objector);
    await acknowledged(objecting.reference);
    await assignAndRule(objecting.reference);
    const objection = await call(`${objecting.statusUrl}/objection`, { method: 'POST', body: { text: `Ik, ${people.objector.name}, maak bezwaar.` } });
    expect(objection.status, JSON.stringify(objection.body)).toBe(201);
    for (const [who, step, body] of [
      [director, 'objection-hearing', { heldOn: t.cloud.clock.now().toISOString().slice(0, 10), summary: 'Bezwaar toegelicht.' }],
      [director, 'objection-decision', { outcome: 'unfounded', reasoning: 'Het bezwaar is ongegrond.' }],
      [coordinator, 'external-referral', {}],
    ] as const) {
      const response = await who.step(objecting.reference, step, body);
      expect(response.status, `${step}: ${JSON.stringify(response.body)}`).toBe(200);
    }

    // SES away: the letters fail and are retried; the sweep's digests fail and are logged.
    await t.cloud.stopSes();
    const offline = await submit(people.offline);
    await t.cloud.drainOutboxes();
    await travel(DAY);
    await t.cloud.startSes();
    await travel(3600 * 1000);
    await acknowledged(offline.reference);

    // Files: nothing of a file's name or content in the logs, also not of a refused or infected one.
    const secret = { name: 'Geheimbestand-Bartholomeus', content: 'Inhoudsmarkering-7731-bezwaar' };
    const files = [
      { name: `${secret.name}.pdf`, contentType: 'application/pdf', content: sampleFiles.pdf(secret.content) },
      { name: `${secret.name}-foto.png`, contentType: 'image/png', content: Buffer.from(`${secret.content} is geen PNG`) },
      { name: `${secret.name}-virus.txt`, contentType: 'text/plain', content: Buffer.from(`${EICAR}\n${secret.content}\n`, 'latin1') },
    ];
    for (const file of files) {
      const declared = await call(`${objecting.statusUrl}/attachments`, { method: 'POST', body: { name: file.name, contentType: file.contentType, size: file.content.length } });
      expect(declared.status).toBe(201);
      const form = new FormData();
      for (const [name, value] of Object.entries(declared.body.upload.fields as Record<string, string>)) form.append(name, value);
      form.append('file', new Blob([file.content]), file.name);
      expect((await fetch(declared.body.upload.url, { method: 'POST', body: form })).status).toBe(201);
    }
    await t.cloud.settleFiles();
    const states = (await call(objecting.statusUrl)).body.files.map((f: { state: string }) => f.state);
    expect(states.sort()).toEqual(['clean', 'infected', 'refused']);

    const output = captured.join('\n');
    // The capture works: the functions' own log lines (from the worker threads) are in it, failures too.
    expect(output).toContain('"message":"file checked"');
    expect(output).toContain('"message":"scan result"');
    for (const value of [secret.name, secret.content, objecting.reference]) expect(output, `the logs mention ${value}`).not.toContain(value);
    expect(output).toContain('"message":"outbox drained"');
    expect(output).toMatch(/"failed":[1-9]/);
    expect(output).toContain('[local] sweep demo');
    for (const value of forbidden) expect(output, `the logs mention ${value}`).not.toContain(value);
  }, 180_000);
});
