/**
 * The public routes' abuse limits on a local cloud started with low ones (KLACHTEN_RATE_LIMITS,
 * which the local cloud passes to the functions as RATE_LIMITS): request size (413 naming the
 * limit), posts per client (429 with Retry-After, Dutch or English), and status-link guessing
 * (one 404 for every kind of wrong token, no oracle; 429 once the misses are used up).
 *
 * Each tenant runs its own function instances with their own buckets: demo is used for the JSON
 * routes and the status page's guesses, occure for the form and the status reads.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postComplaint, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient } from '../support/admin-client.ts';
import { fingerprint, ONE_MB, rawRequest } from '../fuzz/support.ts';

const LIMITS = 'posts=3/3600,reads=6/3600,misses=4/3600';
let t: TestCloud;
let api: string;
const previous = process.env.KLACHTEN_RATE_LIMITS;

beforeAll(async () => {
  process.env.KLACHTEN_RATE_LIMITS = LIMITS;
  t = await startTestCloud({ tenants: ['demo', 'occure'] });
  api = t.cloud.urls.api;
});

afterAll(async () => {
  if (previous === undefined) delete process.env.KLACHTEN_RATE_LIMITS;
  else process.env.KLACHTEN_RATE_LIMITS = previous;
  await t?.stop();
});

const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe('POST /complaints (JSON intake)', () => {
  const statusUrls: string[] = [];

  test('a body over 64 KB is refused with 413 naming the limit, and costs no post', async () => {
    const big = JSON.stringify(validComplaint({ description: 'x'.repeat(ONE_MB) }));
    const response = await rawRequest(api, 'POST', '/demo/complaints', { 'content-type': 'application/json' }, big);
    expect(response.status).toBe(413);
    expect(json(response.text)).toEqual({ error: 'payload_too_large', message: 'the body must be at most 65536 bytes' });
  });

  test('three posts from one address are taken, the fourth gets 429 with Retry-After and writes nothing', async () => {
    for (let i = 0; i < 3; i++) {
      const created = await postComplaint(api, 'demo', validComplaint());
      expect(created.status).toBe(201);
      statusUrls.push(created.body.statusUrl);
    }
    const before = await fingerprint(t, 'demo');
    const refused = await rawRequest(api, 'POST', '/demo/complaints', { 'content-type': 'application/json' }, JSON.stringify(validComplaint()));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(json(refused.text)).toEqual({
      error: 'too_many_requests',
      params: { seconds: Number(refused.headers['retry-after']) },
      message: `te veel verzoeken vanaf uw adres; probeer het over ${refused.headers['retry-after']} seconden opnieuw`,
    });
    const english = await rawRequest(api, 'POST', '/demo/complaints', { 'content-type': 'application/json', 'accept-language': 'en' }, JSON.stringify(validComplaint()));
    expect(english.status).toBe(429);
    expect(json(english.text).message).toMatch(/^too many requests from your address; try again in \d+ seconds$/);
    expect(await fingerprint(t, 'demo')).toEqual(before);
  });

  test("an organisation's own system with a valid API key is not limited per address", async () => {
    const coordinator = await AdminClient.as(api, 'demo', { role: 'coordinator' });
    const key = (await coordinator.send('POST', '/api-keys', { label: 'CRM' })).body.key as string;
    for (let i = 0; i < 4; i++) expect((await postComplaint(api, 'demo', validComplaint(), { 'x-api-key': key })).status).toBe(201);
  });

  test('invalid API keys count as failed guesses: 401 until they are used up, then 429', async () => {
    const wrong = ['kr_demo_' + 'A'.repeat(43), 'nonsense', 'kr_occure_' + 'B'.repeat(43), 'x'.repeat(5000)];
    for (const key of wrong) expect((await postComplaint(api, 'demo', validComplaint(), { 'x-api-key': key })).status).toBe(401);
    const limited = await postComplaint(api, 'demo', validComplaint(), { 'x-api-key': 'kr_demo_' + 'C'.repeat(43) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  describe('the status link, as JSON and as its page (one function, one budget of failed guesses per client)', () => {
    test('every wrong token gets the same 404 in each form; after the misses, even a valid one gets 429 in both (no lookup)', async () => {
      const valid = statusUrls[0]!.split('/').pop()!;
      expect((await rawRequest(api, 'GET', `/demo/status/${valid}/pagina`, {})).status).toBe(200);
      const answers = await Promise.all(['A'.repeat(43), '..%2f..%2fadmin%2fcomplaints'].map((token) => rawRequest(api, 'GET', `/demo/status/${token}`, {})));
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expect(answer.text).toBe(answers[0]!.text);
        expect(answer.headers['content-type']).toBe(answers[0]!.headers['content-type']);
      }
      expect(json(answers[0]!.text)).toEqual({ error: 'not_found', message: 'this link is not valid' });
      const pages = [];
      for (const token of ['abc', 'a'.repeat(2000)]) pages.push(await rawRequest(api, 'GET', `/demo/status/${token}/pagina`, {}));
      for (const page of pages) {
        expect(page.status).toBe(404);
        expect(page.text).toBe(pages[0]!.text);
      }

      const limited = await rawRequest(api, 'GET', `/demo/status/${valid}`, {});
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      const action = await rawRequest(api, 'POST', `/demo/status/${valid}/information`, { 'content-type': 'application/json' }, JSON.stringify({ text: 'Nog iets.' }));
      expect(action.status).toBe(429);
      const page = await rawRequest(api, 'GET', `/demo/status/${valid}/pagina`, {});
      expect(page.status).toBe(429);
      expect(page.headers['retry-after']).toMatch(/^\d+$/);
      expect(page.text).toContain('Te veel verzoeken');
    });
  });
});

describe('the hosted form and status reads (occure)', () => {
  const form = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ name: 'Sanne de Vries', email: 'sanne@example.com', description: 'Mijn afspraak werd twee keer verzet.', ...extra }).toString();

  test('a form over 64 KB gets 413 naming the limit; posts beyond the limit get a 429 page with Retry-After', async () => {
    const big = await rawRequest(api, 'POST', '/occure/klacht', { 'content-type': 'application/x-www-form-urlencoded' }, form({ description: 'x'.repeat(ONE_MB) }));
    expect(big.status).toBe(413);
    expect(big.text).toContain('64 kB');
    const before = await fingerprint(t, 'occure');
    // The 413 above was the first of three posts; a honeypot post registers nothing but counts too.
    expect((await rawRequest(api, 'POST', '/occure/klacht', { 'content-type': 'application/x-www-form-urlencoded' }, form({ website: 'http://spam.example' }))).status).toBe(200);
    expect((await rawRequest(api, 'POST', '/occure/klacht?lang=en', { 'content-type': 'application/x-www-form-urlencoded' }, form({ website: 'x' }))).status).toBe(200);
    const limited = await rawRequest(api, 'POST', '/occure/klacht?lang=en', { 'content-type': 'application/x-www-form-urlencoded' }, form());
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.text).toContain('Too many requests');
    expect(await fingerprint(t, 'occure')).toEqual(before);
  });

  test('status reads: six per address, then 429', async () => {
    const created = await postComplaint(api, 'occure', validComplaint());
    expect(created.status).toBe(201);
    const token = String(created.body.statusUrl).split('/').pop()!;
    for (let i = 0; i < 6; i++) expect((await rawRequest(api, 'GET', `/occure/status/${token}`, {})).status).toBe(200);
    const limited = await rawRequest(api, 'GET', `/occure/status/${token}?lang=en`, {});
    expect(limited.status).toBe(429);
    expect(json(limited.text).error).toBe('too_many_requests');
  });
});
