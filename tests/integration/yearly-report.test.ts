/**
 * The yearly report through the admin API on the local cloud: complaints worked through the
 * real workflow over HTTP, then read back as JSON, CSV and printable HTML from the year index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, submitComplaint } from '../support/admin-client.ts';
import { eventually, startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const TENANT = 'demo';
let t: TestCloud;
let coordinator: AdminClient;
let auditor: AdminClient;
let handler: AdminClient;

beforeAll(async () => {
  t = await startTestCloud({ tenants: [TENANT], clockStart: new Date('2026-03-02T10:00:00+01:00') });
  const api = t.cloud.urls.api;
  [coordinator, auditor, handler] = await Promise.all([
    AdminClient.as(api, TENANT, { role: 'coordinator' }),
    AdminClient.as(api, TENANT, { role: 'auditor' }),
    AdminClient.as(api, TENANT, { user: `handler1@${TENANT}.example` }),
  ]);
  const filed: Array<{ reference: string }> = [];
  for (const n of [1, 2, 3]) {
    filed.push(await submitComplaint(api, TENANT, { complainant: { name: `Marieke Jansen ${n}`, email: `marieke${n}@example.com` }, description: `Geheime klachttekst ${n}` }));
  }
  await t.cloud.drainOutboxes();
  await eventually('all three acknowledged', async () => {
    const files = await Promise.all(filed.map((f) => coordinator.complaint(f.reference)));
    return files.every((f) => f.body.status === 'acknowledged');
  }, 30_000);
  const [ruled, withdrawn] = filed;
  expect((await coordinator.step(ruled!.reference, 'assign', { handler: { email: handler.email, name: 'Hans', function: 'Teamleider' } })).status).toBe(200);
  const ruling = await handler.step(ruled!.reference, 'ruling', { outcome: 'unfounded', reasoning: 'De afspraak is wel bevestigd.' });
  expect(ruling.status, JSON.stringify(ruling.body)).toBe(200);
  const withdrawal = await coordinator.step(withdrawn!.reference, 'withdraw', {});
  expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(200);
  const measure = await coordinator.send('POST', '/measures', { kind: 'corrective', what: 'Afspraken altijd per e-mail bevestigen', owner: { email: 'kwaliteit@demo.example', name: 'Kwaliteit' }, dueDate: '2026-04-30', complaintRefs: [ruled!.reference] });
  expect(measure.status, JSON.stringify(measure.body)).toBe(201);
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('GET /admin/reports/yearly', () => {
  it('counts the year as the workflow left it, beside an empty year before', async () => {
    const response = await coordinator.get('/reports/yearly?year=2026');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const { current, previous, tenant } = response.body;
    expect(tenant.id).toBe(TENANT);
    expect(current.complaints).toBe(3);
    expect(current.open).toBe(1);
    expect(Object.fromEntries(current.byOutcome.map((r: any) => [r.id, r.count]))).toEqual({ unfounded: 1, withdrawn: 1, open: 1 });
    expect(current.founded).toEqual({ founded: 0, partlyFounded: 0, unfounded: 1, rate: 0 });
    const ack = current.deadlines.find((d: any) => d.milestoneId === 'acknowledgement');
    expect(ack).toMatchObject({ onTime: 3, late: 0, onTimeRate: 1 });
    expect(current.measures.corrective).toMatchObject({ total: 1, open: 1 });
    expect(previous.complaints).toBe(0);
    expect(previous.handlingDays).toEqual({ count: 0, median: null, p90: null });
  });

  it('without a period: this year so far', async () => {
    const response = await coordinator.get('/reports/yearly');
    expect(response.status).toBe(200);
    expect(response.body.current.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(response.body.current.complaints).toBe(3);
  });

  it('keeps personal data out', async () => {
    const text = JSON.stringify((await auditor.get('/reports/yearly?year=2026')).body);
    expect(text).not.toMatch(/Marieke|marieke|Geheime|afspraak is wel/);
  });

  it('serves CSV and printable HTML in Dutch and English', async () => {
    const csv = await coordinator.get('/reports/yearly.csv?year=2026&lang=en');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body).toContain('complaints,received,,,3,0');
    const html = await coordinator.get('/reports/yearly.html?year=2026');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.body).toMatch(/<html[^>]*lang="nl"/);
    expect(html.body).toContain('<svg');
    const english = await coordinator.get('/reports/yearly.html?from=2026-01-01&to=2026-06-30&lang=en');
    expect(english.status).toBe(200);
    expect(english.body).toMatch(/<html[^>]*lang="en"/);
  });

  it('refuses a bad period with the field named, and a handler', async () => {
    const halfPeriod = await coordinator.get('/reports/yearly?from=2026-01-01');
    expect(halfPeriod.status).toBe(400);
    expect(JSON.stringify(halfPeriod.body)).toMatch(/"to"/);
    const badYear = await coordinator.get('/reports/yearly?year=twintig');
    expect(badYear.status).toBe(400);
    expect(JSON.stringify(badYear.body)).toMatch(/year/);
    const backwards = await coordinator.get('/reports/yearly?from=2026-05-01&to=2026-04-01');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toMatch(/"to"|to\b/);
    expect((await handler.get('/reports/yearly?year=2026')).status).toBe(403);
  });
});
