/**
 * The intake is no mail relay (issue 19), on a local cloud started with low mail caps
 * (KLACHTEN_MAIL_CAPS, which the local cloud passes to the functions as MAIL_CAPS): the
 * mail-domain check through the production DNS adapter against the local DNS stand-in
 * (local/dns-local.ts: `.invalid` does not exist, `nullmx.*` has a null MX, `aonly.*` only an
 * address), the hourly caps per recipient address and per tenant in the register table (429 with
 * Retry-After, the reason in the page's language, nothing written, no letter), and the
 * acknowledgement without the complainant's own words.
 *
 * demo is used for the JSON route, occure for the form; each has its own caps.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { postComplaint, sentMail, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';
import { fingerprint, rawRequest } from '../fuzz/support.ts';

let t: TestCloud;
let api: string;
const previous = process.env.KLACHTEN_MAIL_CAPS;

beforeAll(async () => {
  process.env.KLACHTEN_MAIL_CAPS = 'recipient=2,tenant=4';
  // Early in an hour, so the counts do not start afresh halfway through.
  t = await startTestCloud({ tenants: ['demo', 'occure'], clockStart: new Date('2026-06-03T10:05:00+02:00') });
  api = t.cloud.urls.api;
});

afterAll(async () => {
  if (previous === undefined) delete process.env.KLACHTEN_MAIL_CAPS;
  else process.env.KLACHTEN_MAIL_CAPS = previous;
  await t?.stop();
});

const complaintTo = (email: string) => validComplaint({ complainant: { name: 'Sanne de Vries', email, language: 'nl' }, description: 'Kijk op https://winactie.example voor uw prijs.' });

describe('POST /complaints (demo)', () => {
  test('an address whose domain cannot receive mail is a 400 naming it; one with only an address record is taken', async () => {
    for (const email of ['iemand@nergens.invalid', 'iemand@nullmx.example.com', 'iemand@nomail.example.com']) {
      const refused = await postComplaint(api, 'demo', complaintTo(email));
      expect(refused.status, email).toBe(400);
      expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'complainant.email', key: 'error.field.mailDomain', params: { domain: email.split('@')[1] } })]);
    }
    expect((await postComplaint(api, 'demo', complaintTo('iemand@aonly.example.com'))).status).toBe(201);
  });

  test('two complaints to one address in an hour are taken; the third gets 429 with Retry-After, writes nothing and mails nothing', async () => {
    for (let i = 0; i < 2; i++) expect((await postComplaint(api, 'demo', complaintTo('relay@example.com'))).status).toBe(201);
    const before = await fingerprint(t, 'demo');
    const refused = await rawRequest(api, 'POST', '/demo/complaints', { 'content-type': 'application/json' }, JSON.stringify(complaintTo('Relay@Example.com')));
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'too_many_requests', key: 'error.limit.recipientPerHour', params: { minutes: Math.ceil(seconds / 60) } });
    expect(await fingerprint(t, 'demo')).toEqual(before);
  });

  test("the tenant's cap: the fifth complaint of the hour, to any address, is refused", async () => {
    expect((await postComplaint(api, 'demo', complaintTo('jan@example.com'))).status).toBe(201);
    const refused = await postComplaint(api, 'demo', complaintTo('piet@example.com'));
    expect(refused.status).toBe(429);
    expect(refused.body.key).toBe('error.limit.tenantPerHour');
  });

  test('the counters are one item of the register table per hour, by a hash of the address, kept no longer than a day after their hour', async () => {
    const scan = await t.dynamodb.send(new ScanCommand({ TableName: t.cloud.tableName('demo'), ConsistentRead: true }));
    const counters = (scan.Items ?? []).map((item) => unmarshall(item)).filter((item) => String(item.pk).startsWith('MAILCAP#'));
    // The hour's one item (a cap of 4 needs no shards): the tenant's count, and one per address.
    expect(counters).toHaveLength(1);
    expect(counters[0]).toMatchObject({ n: 4 });
    const perAddress = Object.entries(counters[0]!)
      .filter(([name]) => /^r[A-Za-z0-9_-]{12}$/.test(name))
      .map(([, count]) => count);
    expect(perAddress.sort()).toEqual([1, 1, 2]);
    expect(JSON.stringify(counters)).not.toMatch(/relay|example/i);
    for (const c of counters) expect(c.expiresAt).toBeLessThanOrEqual(Date.parse('2026-06-04T10:00:00Z') / 1000);
  });

  test("the acknowledgement carries the reference and the link, not the complainant's words", async () => {
    await t.cloud.drainOutboxes();
    const mails = (await sentMail(t.cloud.urls.ses)).filter((m) => m.destination.to.includes('relay@example.com'));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.body.text).toMatch(/KL-2026-\d{6}/);
      expect(mail.body.text).toContain('/demo/status/');
      expect(mail.body.text).not.toContain('winactie');
      expect(mail.body.text).not.toContain('Vestiging Utrecht');
      expect(mail.body.text).not.toContain('Sanne');
    }
  });
});

describe('the hosted form (occure)', () => {
  const form = (email: string) => new URLSearchParams({ name: 'Sanne de Vries', email, description: 'Mijn afspraak werd twee keer verzet.' }).toString();
  const post = (email: string, query = '') => rawRequest(api, 'POST', `/occure/klacht${query}`, { 'content-type': 'application/x-www-form-urlencoded' }, form(email));

  test('a domain that cannot receive mail: the form again, the address marked, in Dutch or English', async () => {
    const dutch = await post('iemand@nullmx.example.com');
    expect(dutch.status).toBe(400);
    expect(dutch.text).toContain('het domein nullmx.example.com kan geen e-mail ontvangen; controleer het adres');
    const english = await post('iemand@nergens.invalid', '?lang=en');
    expect(english.status).toBe(400);
    expect(english.text).toContain('the domain nergens.invalid cannot receive e-mail; check the address');
  });

  test("over the cap per address: the form again with a 429, Retry-After and the reason in the page's language", async () => {
    for (let i = 0; i < 2; i++) expect((await post('vorm@example.com')).status).toBe(200);
    const dutch = await post('vorm@example.com');
    expect(dutch.status).toBe(429);
    expect(dutch.headers['retry-after']).toMatch(/^\d+$/);
    expect(dutch.text).toMatch(/er zijn het afgelopen uur al te veel klachten met dit e-mailadres ingediend; probeer het over \d+ minuten opnieuw/);
    // What was typed is still there.
    expect(dutch.text).toContain('Mijn afspraak werd twee keer verzet.');
    const english = await post('vorm@example.com', '?lang=en');
    expect(english.status).toBe(429);
    expect(english.text).toMatch(/too many complaints with this e-mail address in the last hour; try again in \d+ minutes/);
  });
});
