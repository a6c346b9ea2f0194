/**
 * Script payloads and unicode edge cases that are valid input: stored verbatim, escaped wherever
 * they are shown (the letters' HTML, the status page, the form page with its errors), and never
 * a way into a mail header (each letter has exactly its one recipient). Header injection in
 * e-mail and name fields is refused with the field named, and nothing is written or sent.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { escapeHtml } from '../../web/html.ts';
import { STATIC_FILES } from '../../web/static.ts';
import { eventually, postComplaint, sentMail, startTestCloud, validComplaint, type StoredMail, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient } from '../support/admin-client.ts';
import { fingerprint, HEADER_INJECTIONS, rawRequest, SCRIPT_PAYLOADS, snapshot } from './support.ts';

const TENANT = 'demo';
let t: TestCloud;
let api: string;
let coordinator: AdminClient;

beforeAll(async () => {
  t = await startTestCloud({ tenants: [TENANT] });
  api = t.cloud.urls.api;
  coordinator = await AdminClient.as(api, TENANT, { role: 'coordinator' });
});

afterAll(async () => {
  await t?.stop();
});

/** Text a person may really send: printable, with the awkward characters people and attackers use. */
const VALID_UNICODE = ['\u202Egnp.exe', 'a\u200B\u200Db', '😀👩‍👩‍👧‍👦', 'e\u0301\u0302\u0303', 'Z' + '\u0336'.repeat(200), '𝕳𝖊𝖑𝖑𝖔', 'عربى', 'שלום'];

let counter = 0;

async function mailTo(address: string, subject?: RegExp): Promise<StoredMail> {
  return eventually(`mail to ${address}`, async () => {
    await t.cloud.drainOutboxes();
    return (await sentMail(t.cloud.urls.ses)).find((m) => m.destination.to.includes(address) && (!subject || subject.test(m.subject)));
  });
}

/** No payload appears as markup: every one is either absent or there only in its escaped form. */
function expectEscaped(htmlText: string, payloads: string[], where: string): void {
  for (const payload of payloads) expect(htmlText, `${where}: raw ${payload}`).not.toContain(payload);
  expect(htmlText, where).not.toMatch(/<script>alert|<img src=x|<svg onload|<iframe srcdoc|<a href="javascript:|<style>\*/i);
}

describe('script payloads in accepted input', () => {
  test('are stored verbatim; the acknowledgement of a public complaint repeats none of it, the one of a complaint staff took in escapes it; each letter goes to exactly one recipient', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SCRIPT_PAYLOADS), fc.constantFrom(...VALID_UNICODE), fc.constantFrom(...SCRIPT_PAYLOADS), async (payload, unicode, other) => {
        const email = `fuzz${++counter}@example.com`;
        const description = `Mijn klacht ${payload} ${unicode}`;
        const body = validComplaint({ complainant: { name: `Sanne ${[...unicode].slice(0, 60).join('')}`, email, language: 'nl' }, description, place: other, circumstances: `${payload}${other}` });
        const created = await postComplaint(api, TENANT, body);
        expect(created.status, JSON.stringify(created.body)).toBe(201);

        const file = await coordinator.complaint(created.body.reference);
        expect(file.body.description ?? file.body.complaint?.description).toBe(description);

        // The first letter to an address not yet proven carries none of the sender's text (docs/api.md, limits on mail).
        const letter = await mailTo(email);
        expect(letter.destination.to).toEqual([email]);
        expectEscaped(letter.body.html ?? '', [payload, other], 'acknowledgement HTML');
        expect(letter.body.html).not.toContain(escapeHtml(payload));
        expect(letter.body.text).not.toContain(payload);

        // Taken in by staff (by phone), the acknowledgement repeats the complaint: escaped in HTML, verbatim in text.
        const byPhone = `phone${counter}@example.com`;
        const taken = await coordinator.send('POST', '/complaints', {
          channel: 'phone',
          receivedAt: t.cloud.clock.now().toISOString(),
          complainant: { name: 'Sanne de Vries', email: byPhone, language: 'nl' },
          description,
        });
        expect(taken.status, JSON.stringify(taken.body)).toBe(201);
        const repeated = await mailTo(byPhone);
        expect(repeated.destination.to).toEqual([byPhone]);
        expectEscaped(repeated.body.html ?? '', [payload], 'staff intake acknowledgement HTML');
        expect(repeated.body.html).toContain(escapeHtml(payload));
        expect(repeated.body.text).toContain(payload);
      }),
      // Every payload at once first, then a few random combinations (each run waits for its letter).
      { seed: 9121, numRuns: 4, examples: [[SCRIPT_PAYLOADS.join(' '), VALID_UNICODE[0]!, SCRIPT_PAYLOADS.join('')]] },
    );
  });

  test('in a ruling are escaped on the status page and in the ruling letter', async () => {
    const payloads = SCRIPT_PAYLOADS.join(' ');
    const email = `ruling${++counter}@example.com`;
    const created = await postComplaint(api, TENANT, validComplaint({ complainant: { name: 'Sanne de Vries', email, language: 'nl' } }));
    expect(created.status).toBe(201);
    const reference = created.body.reference as string;
    const assigned = await coordinator.step(reference, 'assign', { handler: { email: 'handler1@demo.example', name: 'Hans Behandelaar', function: 'adviseur' } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBeLessThan(300);
    const handler = await AdminClient.as(api, TENANT, { user: 'handler1@demo.example' });
    const ruled = await handler.step(reference, 'ruling', { outcome: 'unfounded', reasoning: `Onze reden: ${payloads}` });
    expect(ruled.status, JSON.stringify(ruled.body)).toBeLessThan(300);

    const page = await fetch(`${created.body.statusPage}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expectEscaped(pageHtml, SCRIPT_PAYLOADS, 'status page');
    expect(pageHtml).toContain(escapeHtml(SCRIPT_PAYLOADS[0]!));

    const json = (await (await fetch(created.body.statusUrl)).json()) as { decision?: { reasoning?: string } };
    expect(json.decision?.reasoning).toBe(`Onze reden: ${payloads}`);

    const letter = await mailTo(email, /uitspraak|beslissing|ruling/i);
    expect(letter.destination.to).toEqual([email]);
    expectEscaped(letter.body.html ?? '', SCRIPT_PAYLOADS, 'ruling letter HTML');
  });

  test('sent back on the form with its errors are escaped in the fields they return to', async () => {
    const form = new URLSearchParams({
      name: 'Sanne',
      email: 'not an address',
      description: SCRIPT_PAYLOADS.join(' '),
      place: '"><script>alert(1)</script>',
      circumstances: '</textarea><script>alert(1)</script>',
      occurredOn: '"><svg onload=alert(1)>',
    });
    const response = await rawRequest(api, 'POST', `/${TENANT}/klacht`, { 'content-type': 'application/x-www-form-urlencoded' }, form.toString());
    expect(response.status).toBe(400);
    expectEscaped(response.text, SCRIPT_PAYLOADS, 'form page');
    expect(response.text).toContain('aria-invalid');
  });

  test('the console builds every element with the DOM: its script never parses data as HTML', () => {
    const script = STATIC_FILES['console.js']!.body;
    expect(script.length).toBeGreaterThan(1000);
    expect(script).not.toMatch(/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/);
  });
});

describe('header injection in e-mail and name fields', () => {
  let settled: Awaited<ReturnType<typeof fingerprint>> | undefined;
  const cases: Array<{ field: string; body: Record<string, any> }> = [
    ...HEADER_INJECTIONS.filter((v) => v.includes('@')).map((value) => ({ field: 'complainant.email', body: validComplaint({ complainant: { name: 'Sanne', email: value } }) })),
    ...['Sanne\r\nBcc: x@y.nl', 'Sanne\nTo: x@y.nl', 'Sanne <x@y.nl>', 'Sanne\u0000'].map((value) => ({
      field: 'complainant.name',
      body: validComplaint({ complainant: { name: value, email: 'sanne@example.com' } }),
    })),
    { field: 'representative.email', body: validComplaint({ representative: { name: 'Rob', email: 'rob@example.com\r\nBcc: x@y.nl' } }) },
    { field: 'representative.name', body: validComplaint({ representative: { name: 'Rob\r\nBcc: x@y.nl', email: 'rob@example.com' } }) },
  ];

  test.each(cases.map((c) => [`${c.field} ${JSON.stringify(c.body.representative ?? c.body.complainant).slice(0, 80)}`, c] as const))(
    '%s is refused naming the field; nothing is written or sent',
    async (_, { field, body }) => {
      settled ??= await fingerprint(t, TENANT);
      const response = await postComplaint(api, TENANT, body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      const fields = (response.body.problems as Array<{ field: string }>).map((p) => p.field);
      expect(fields).toContain(field);
      expect(await snapshot(t, TENANT)).toEqual(settled);
    },
  );
});
