/**
 * The staff's daily tools on a local cloud whose clock stands in January (issue 16): the
 * dashboard that never loses a complaint (last year's open and overdue ones are there, overdue
 * first, paged without losing one; a handler sees their own), search by reference, name or
 * e-mail without a name in any index in clear, the filters and due-date order across years, the
 * CSV for Dutch Excel, the letters of a complaint as sent and a step's preview (composed as the
 * drain sends them, changing nothing), the calendar feeds of deadlines (private, revocable, a
 * wrong token a plain 404 counted as a failed guess), and an erasure taking letters and search
 * tokens with it.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AdminClient, call, submitComplaint } from '../support/admin-client.ts';
import { eventually, sentMail, startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const TENANT = 'demo';
// Monday 11 January 2027: last year's complaints are still being handled.
const NOW = '2027-01-11T10:00:00+01:00';
// Generous limits, but few failed guesses: the calendar's wrong tokens use them up at the end.
const LIMITS = 'posts=1000000/0.001,reads=1000000/0.001,misses=6/3600';
const previousLimits = process.env.KLACHTEN_RATE_LIMITS;

let t: TestCloud;
let api: string;
let coordinator: AdminClient;
let handler: AdminClient;
let auditor: AdminClient;
/** Last year: overdue (A), due this week (B), later and assigned to the handler (C); this year (D). */
const ref: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };

const refs = (body: any): string[] => (body.items as Array<{ reference: string }>).map((i) => i.reference);
const URGENCY_RANK = { overdue: 0, 'this-week': 1, later: 2, none: 3 } as const;

async function intake(receivedAt: string, name: string, email: string): Promise<string> {
  const created = await coordinator.send('POST', '/complaints', { channel: 'phone', receivedAt, complainant: { name, email }, description: 'Telefonisch gemelde klacht over de dienstverlening.' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.complaint.reference;
}

/** Lets the outbox and the due schedules run until the register stands still. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await t.cloud.fireDueSchedules();
    await t.cloud.drainOutboxes();
  }
}

async function items(table: string): Promise<Array<Record<string, any>>> {
  const all: Array<Record<string, any>> = [];
  let startKey: Record<string, any> | undefined;
  do {
    const page = await t.dynamodb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey, ConsistentRead: true }));
    all.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return all;
}

beforeAll(async () => {
  process.env.KLACHTEN_RATE_LIMITS = LIMITS;
  t = await startTestCloud({ tenants: [TENANT], clockStart: new Date(NOW) });
  if (previousLimits === undefined) delete process.env.KLACHTEN_RATE_LIMITS;
  else process.env.KLACHTEN_RATE_LIMITS = previousLimits;
  api = t.cloud.urls.api;
  [coordinator, handler, auditor] = await Promise.all([
    AdminClient.as(api, TENANT, { role: 'coordinator' }),
    AdminClient.as(api, TENANT, { user: `handler1@${TENANT}.example` }),
    AdminClient.as(api, TENANT, { role: 'auditor' }),
  ]);
  ref.A = await intake('2026-11-02T10:00:00+01:00', 'Fatima Çelik', 'Fatima.Celik@example.org');
  ref.B = await intake('2026-12-02T10:00:00+01:00', 'Jan Jansen', 'jan.jansen@example.org');
  ref.C = await intake('2026-12-21T10:00:00+01:00', 'Piet de Vries', 'piet.devries@example.org');
  ref.D = (await submitComplaint(api, TENANT, { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'Mijn afspraak werd twee keer verzet zonder bericht.' })).reference;
  await settle();
  const assigned = await coordinator.step(ref.C, 'assign', { handler: { email: handler.email, name: 'Hans Behandelaar', function: 'adviseur' } });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  await settle();
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('the dashboard in January', () => {
  test("last year's open complaints are there, overdue first, then due this week, then the rest; the list without a year would miss them", async () => {
    const dashboard = await coordinator.get('/dashboard');
    expect(dashboard.status, JSON.stringify(dashboard.body)).toBe(200);
    const lines = dashboard.body.items as Array<{ reference: string; urgency: keyof typeof URGENCY_RANK; nextDeadline: { due: string } | null }>;
    expect(refs(dashboard.body).sort()).toEqual(Object.values(ref).sort());
    expect(lines[0]).toMatchObject({ reference: ref.A, urgency: 'overdue' });
    expect(lines.find((l) => l.reference === ref.B)!.urgency).toBe('this-week');
    expect(lines.find((l) => l.reference === ref.C)!.urgency).toBe('later');
    const ranks = lines.map((l) => URGENCY_RANK[l.urgency]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const dues = lines.filter((l) => l.nextDeadline).map((l) => l.nextDeadline!.due);
    expect(dues).toEqual([...dues].sort());
    // The figures: four open, A overdue, B due this week; per handler, the handler's one.
    expect(dashboard.body.counts).toMatchObject({ open: 4, overdue: 1, dueThisWeek: 1, withoutDeadline: 0, complete: true });
    expect(dashboard.body.counts.byHandler).toContainEqual({ handler: handler.email, open: 1, overdue: 0, dueThisWeek: 0, withoutDeadline: 0 });
    expect(dashboard.body.counts.byHandler).toContainEqual({ handler: null, open: 3, overdue: 1, dueThisWeek: 1, withoutDeadline: 0 });
    // What the console asked before: this year's complaints only (the year of the register's clock).
    expect(refs((await coordinator.get('/complaints?limit=200')).body)).toEqual([ref.D]);
  });

  test('paged one by one, the cursors give every open complaint once, in the same order; the figures come with the first page', async () => {
    const whole = refs((await coordinator.get('/dashboard')).body);
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response: any = await coordinator.get(`/dashboard?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status).toBe(200);
      expect(Boolean(response.body.counts)).toBe(cursor === null);
      paged.push(...refs(response.body));
      cursor = response.body.cursor;
      if (!cursor) break;
    }
    expect(paged).toEqual(whole);
    expect((await coordinator.get('/dashboard?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  test("a handler sees their own complaints and figures; a coordinator can ask for one handler's", async () => {
    const own = await handler.get('/dashboard');
    expect(refs(own.body)).toEqual([ref.C]);
    expect(own.body.counts).toMatchObject({ open: 1, byHandler: [{ handler: handler.email, open: 1 }] });
    expect(refs((await handler.get(`/dashboard?handler=${encodeURIComponent(coordinator.email)}`)).body)).toEqual([ref.C]);
    expect(refs((await coordinator.get(`/dashboard?handler=${encodeURIComponent(handler.email)}`)).body)).toEqual([ref.C]);
  });
});

describe('find anything', () => {
  const search = async (client: AdminClient, q: string, more = '') => {
    const response = await client.get(`/complaints?q=${encodeURIComponent(q)}${more}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return refs(response.body);
  };

  test('by name (whole words or their beginnings, with or without diacritics), by e-mail in any case, by reference', async () => {
    expect(await search(coordinator, 'celik')).toEqual([ref.A]);
    expect(await search(coordinator, 'Çel')).toEqual([ref.A]);
    expect(await search(coordinator, 'FATIMA.CELIK@EXAMPLE.ORG')).toEqual([ref.A]);
    expect((await search(coordinator, 'vries')).sort()).toEqual([ref.C, ref.D].sort());
    expect(await search(coordinator, 'piet vries')).toEqual([ref.C]);
    expect(await search(coordinator, ref.B)).toEqual([ref.B]);
    expect(await search(coordinator, ref.B.replace(/^KL-(\d{4})-0*/, '$1-'))).toEqual([ref.B]);
    expect(await search(coordinator, 'nobody')).toEqual([]);
    expect((await coordinator.get('/complaints?q=%21%21%21')).status).toBe(400);
  });

  test('with the filters and by due date; a handler finds only their own', async () => {
    expect(await search(coordinator, 'vries', '&sort=due')).toEqual([ref.C, ref.D]);
    expect(await search(coordinator, 'vries', '&year=2027')).toEqual([ref.D]);
    expect(await search(coordinator, 'vries', `&handler=${encodeURIComponent(handler.email)}`)).toEqual([ref.C]);
    expect(await search(handler, 'vries')).toEqual([ref.C]);
    expect(await search(handler, 'celik')).toEqual([]);
  });

  test('the register holds no name or address in an index: only keyed tokens leading to references (read by key, never a Scan)', async () => {
    const all = await items(t.cloud.tableName(TENANT));
    const tokens = all.filter((i) => String(i.pk).startsWith('SEARCH#'));
    expect(tokens.length).toBeGreaterThan(10);
    for (const item of tokens) {
      expect(Object.keys(item).sort()).toEqual(['pk', 'reference', 'sk']);
      expect(item.pk).toMatch(/^SEARCH#[A-Za-z0-9_-]{43}$/);
    }
    expect(JSON.stringify(tokens)).not.toMatch(/celik|fatima|jansen|vries|sanne|example\.(org|com)/i);
  });
});

describe('the list: filters and order across the years, and its CSV', () => {
  test("sort=due: soonest next deadline first, last year's included; overdue; deadline kind", async () => {
    const byDue = await coordinator.get('/complaints?sort=due');
    expect(refs(byDue.body)).toEqual([ref.A, ref.B, ref.C, ref.D]);
    expect(refs((await coordinator.get('/complaints?overdue=true')).body)).toEqual([ref.A]);
    expect(refs((await coordinator.get('/complaints?overdue=false&sort=due')).body)).toEqual([ref.B, ref.C, ref.D]);
    expect(refs((await coordinator.get('/complaints?deadline=hard&sort=due')).body)).toEqual([ref.A, ref.B, ref.C, ref.D]);
    expect(refs((await coordinator.get('/complaints?deadline=target')).body)).toEqual([]);
    expect(refs((await coordinator.get('/complaints?year=2026&sort=due&limit=2')).body)).toEqual([ref.A, ref.B]);
  });

  test("CSV for Dutch Excel: a byte-order mark, `;`, Dutch headers (English with lang=en), the handler's own only", async () => {
    const raw = await fetch(coordinator.url('/export/complaints.csv?sort=due'), { headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Kenmerk;Status;Ontvangen;Kanaal;Wijze;Categorieën;Behandelaar;Eerstvolgende termijn;Uiterste datum;Soort termijn;Te laat;Uitkomst$/);
    expect(lines.slice(1, 5).map((l) => l.split(';')[0])).toEqual([ref.A, ref.B, ref.C, ref.D]);
    expect(lines[1]).toMatch(/;ja;$/);
    const english = await coordinator.get('/export/complaints.csv?lang=en&year=2026');
    expect(String(english.body)).toMatch(/^\uFEFF?Reference;Status;Received;/);
    const own = await handler.get('/export/complaints.csv?sort=due');
    expect(String(own.body)).toContain(ref.C);
    expect(String(own.body)).not.toContain(ref.A);
  });
});

describe("letters as sent, and a step's preview", () => {
  test('the acknowledgement is listed and opens as it was sent, without the private status token', async () => {
    const list = await coordinator.get(`/complaints/${ref.D}/letters`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const acknowledgement = (list.body.items as any[]).find((l) => l.to === 'sanne@example.com' && l.state === 'done');
    expect(acknowledgement).toMatchObject({ recipient: 'complainant', kept: true, subject: expect.stringContaining(ref.D) });
    const letter = await coordinator.get(`/complaints/${ref.D}/letters/${encodeURIComponent(acknowledgement.id)}`);
    expect(letter.status).toBe(200);
    const mail = (await sentMail(t.cloud.urls.ses)).find((m) => m.destination.to.includes('sanne@example.com') && m.subject === acknowledgement.subject)!;
    const token = /status\/([A-Za-z0-9_-]{43})\/pagina/.exec(mail.body.text!)![1]!;
    expect(letter.body.sent).toMatchObject({ to: 'sanne@example.com', subject: mail.subject, messageId: expect.any(String) });
    expect(letter.body.sent.text.trim()).toBe(mail.body.text!.split(token).join('[persoonlijke-link]').trim());
    expect(JSON.stringify(letter.body)).not.toContain(token);
    expect((await coordinator.get(`/complaints/${ref.D}/letters/no-such-letter`)).status).toBe(404);
    expect((await handler.get(`/complaints/${ref.D}/letters`)).status).toBe(404);
    expect((await auditor.get(`/complaints/${ref.D}/letters`)).status).toBe(200);
  });

  test('a preview shows the letters a step will send, changes nothing, and the step then sends exactly those', async () => {
    const body = { handler: { email: `handler2@${TENANT}.example`, name: 'Henk Tweede', function: 'adviseur' } };
    const before = (await coordinator.complaint(ref.D)).body;
    const mailsBefore = (await sentMail(t.cloud.urls.ses)).length;
    const preview = await coordinator.send('POST', `/complaints/${ref.D}/assign/preview`, body);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ step: 'assign', status: 'assigned', event: { type: 'assigned' } });
    expect(preview.body.letters.length).toBeGreaterThan(0);
    await settle();
    expect((await coordinator.complaint(ref.D)).body.version).toBe(before.version);
    expect((await sentMail(t.cloud.urls.ses)).length).toBe(mailsBefore);
    expect((await auditor.send('POST', `/complaints/${ref.D}/assign/preview`, body)).status).toBe(403);
    expect((await coordinator.send('POST', `/complaints/${ref.D}/no-such-step/preview`, {})).status).toBe(404);
    expect((await coordinator.send('POST', `/complaints/${ref.D}/assign/preview`, { handler: 'x' })).status).toBe(400);

    expect((await coordinator.step(ref.D, 'assign', body)).status).toBe(200);
    await settle();
    const sent = (await sentMail(t.cloud.urls.ses)).slice(mailsBefore);
    for (const letter of preview.body.letters) {
      const mail = sent.find((m) => m.destination.to.includes(letter.to) && m.subject === letter.subject);
      expect(mail, `${letter.letter} to ${letter.to}`).toBeDefined();
      expect(mail!.body.text!.trim()).toBe(letter.text.trim());
    }
    expect(sent).toHaveLength(preview.body.letters.length);
  });
});

describe('erasure takes the letters and the search tokens along', () => {
  test('the subject export holds the letters as sent; after erasure neither they nor the name can be found', async () => {
    const erased = await submitComplaint(api, TENANT, { complainant: { name: 'Erik Wisman', email: 'erik.wisman@example.org' }, description: 'Een klacht die later gewist wordt.' });
    await settle();
    await eventually('acknowledged', async () => (await coordinator.complaint(erased.reference)).body.status !== 'registered', 30_000);
    expect((await coordinator.step(erased.reference, 'assign', { handler: { email: handler.email, name: 'Hans Behandelaar', function: 'adviseur' } })).status).toBe(200);
    expect((await handler.step(erased.reference, 'ruling', { outcome: 'unfounded', reasoning: 'De afspraak is wel bevestigd.' })).status).toBe(200);
    expect((await coordinator.step(erased.reference, 'close', { finalReport: 'Eindverslag verstuurd.' })).status).toBe(200);
    await settle();
    expect(refs((await coordinator.get('/complaints?q=wisman')).body)).toEqual([erased.reference]);

    const exported = await coordinator.get('/subjects/export?email=erik.wisman%40example.org');
    expect(exported.status).toBe(200);
    const letters = exported.body.complaints[0].letters as any[];
    expect(letters.some((l) => l.sent?.text?.includes(erased.reference) && l.to === 'erik.wisman@example.org')).toBe(true);

    const erasure = await coordinator.send('POST', '/subjects/erase', { email: 'erik.wisman@example.org', reason: 'Verzoek van betrokkene per brief' });
    expect(erasure.status, JSON.stringify(erasure.body)).toBe(200);
    expect(erasure.body.erased).toEqual([erased.reference]);
    await settle();
    expect(refs((await coordinator.get('/complaints?q=wisman')).body)).toEqual([]);
    expect(refs((await coordinator.get('/complaints?q=erik.wisman@example.org')).body)).toEqual([]);
    const remaining = (await coordinator.get(`/complaints/${erased.reference}/letters`)).body.items as any[];
    expect(remaining.filter((l) => l.to === 'erik.wisman@example.org')).toEqual([]);
    const left = (await items(t.cloud.tableName(TENANT))).filter((i) => i.sk === erased.reference || (i.pk === `C#${erased.reference}` && (i.sk === 'SEARCH' || i.sent)));
    expect(left.filter((i) => JSON.stringify(i).includes('wisman'))).toEqual([]);
    expect(left.filter((i) => String(i.pk).startsWith('SEARCH#') || i.sk === 'SEARCH')).toEqual([]);
  });
});

describe('deadlines in the calendar', () => {
  let coordinatorFeed = '';
  let handlerFeed = '';
  const feed = (url: string, query = '') => call(`${url}${query}`);

  test("a handler's feed holds their complaints' open deadlines; a coordinator's every open complaint's, last year's too", async () => {
    const made = await handler.send('POST', '/calendar-feed');
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    handlerFeed = made.body.url;
    expect(handlerFeed).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const own = await feed(handlerFeed);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(String(own.body)).toContain(`SUMMARY:${ref.C}: `);
    expect(String(own.body)).not.toContain(ref.A);

    coordinatorFeed = (await coordinator.send('POST', '/calendar-feed')).body.url;
    // Unfolded (RFC 5545 folds lines over 75 octets).
    const all = String((await feed(coordinatorFeed)).body).replace(/\r\n /g, '');
    for (const reference of [ref.A, ref.B, ref.C, ref.D]) expect(all).toContain(`SUMMARY:${reference}: `);
    expect(all).toMatch(/SUMMARY:[^\r]*\(harde termijn\\, verstreken\)/);
    expect(all).not.toMatch(/Çelik|Celik|Jansen|Vries/i);
    expect(String((await feed(coordinatorFeed, '?lang=en')).body)).toContain('(hard deadline');
    expect((await coordinator.get('/calendar-feed')).body).toMatchObject({ active: true, createdAt: expect.any(String) });
  });

  test('a new feed replaces the old one, revoking ends it: then a plain 404, as for a token never made', async () => {
    const replaced = (await coordinator.send('POST', '/calendar-feed')).body.url;
    expect((await feed(coordinatorFeed)).status).toBe(404);
    expect((await feed(replaced)).status).toBe(200);
    expect((await coordinator.send('DELETE', '/calendar-feed')).status).toBe(204);
    const revoked = await feed(replaced);
    expect(revoked.status).toBe(404);
    expect(revoked.body).toMatchObject({ error: 'not_found' });
    expect((await coordinator.get('/calendar-feed')).body).toEqual({ active: false, createdAt: null });
    expect((await feed(`${api}/${TENANT}/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await handler.send('DELETE', '/calendar-feed')).status).toBe(204);
    expect((await feed(handlerFeed)).status).toBe(404);
  });

  test('wrong tokens count as failed guesses: once they are used up, the address gets 429 even for a good one', async () => {
    const good = (await handler.send('POST', '/calendar-feed')).body.url;
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const guess = await feed(`${api}/${TENANT}/calendar/guess-${i}.ics`);
      if (guess.status === 429) refused = guess;
      else expect(guess.status).toBe(404);
    }
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await feed(good)).status).toBe(429);
  });
});
