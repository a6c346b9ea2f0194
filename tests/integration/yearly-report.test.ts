/**
 * The yearly report through the admin API on the local cloud: complaints worked through the
 * real workflow over HTTP, then read back as JSON, CSV and printable HTML from the year index;
 * then from the monthly rollups, built by the backfill and kept by a change's transaction items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbTable } from '../../shared/adapters/dynamodb-table.ts';
import { DynamoDbReportSource } from '../../shared/adapters/dynamodb-report-source.ts';
import { forgetRollups, rollupWriteItems } from '../../shared/adapters/dynamodb-report-rollups.ts';
import { reportLineItem } from '../../shared/adapters/dynamodb-items.ts';
import { loadTenantFile } from '../../shared/adapters/regulation-file.ts';
import { buildYearlyReport } from '../../shared/domain/report/yearly-report.ts';
import { rollupChange } from '../../shared/domain/report/rollup.ts';
import type { ReportComplaint } from '../../shared/domain/report/figures.ts';
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
  await eventually(
    'all three acknowledged',
    async () => {
      const files = await Promise.all(filed.map((f) => coordinator.complaint(f.reference)));
      return files.every((f) => f.body.status === 'acknowledged');
    },
    30_000,
  );
  const [ruled, withdrawn] = filed;
  expect((await coordinator.step(ruled!.reference, 'assign', { handler: { email: handler.email, name: 'Hans', function: 'Teamleider' } })).status).toBe(200);
  const ruling = await handler.step(ruled!.reference, 'ruling', { outcome: 'unfounded', reasoning: 'De afspraak is wel bevestigd.' });
  expect(ruling.status, JSON.stringify(ruling.body)).toBe(200);
  const withdrawal = await coordinator.step(withdrawn!.reference, 'withdraw', {});
  expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(200);
  const measure = await coordinator.send('POST', '/measures', {
    kind: 'corrective',
    what: 'Afspraken altijd per e-mail bevestigen',
    owner: { email: 'kwaliteit@demo.example', name: 'Kwaliteit' },
    dueDate: '2026-04-30',
    complaintRefs: [ruled!.reference],
  });
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

describe('the yearly report from monthly rollups', () => {
  it("the backfill builds them from the lines: the same report; a change's transaction items keep them equal to the lines", async () => {
    const regulations = await loadTenantFile(`tenants/${TENANT}.yaml`);
    const tableName = t.cloud.tableName(TENANT);
    const source = new DynamoDbReportSource(t.dynamodb, tableName);
    // A register made by the local cloud keeps complete rollups from its first complaint on; the
    // same report as folding every line.
    const fromStart = (await coordinator.get('/reports/yearly?year=2026')).body;
    expect((await source.rollupsOfYears([2025, 2026]))?.months.get('2026-03')).toMatchObject({ n: 3 });
    // A register from before rollups (its state forgotten): the lines are folded until the backfill.
    await forgetRollups(new DynamoDbTable(t.dynamodb, tableName));
    expect(await source.rollupsOfYears([2025, 2026])).toBeUndefined();
    const folded = (await coordinator.get('/reports/yearly?year=2026')).body;
    expect({ ...fromStart, generatedAt: undefined }).toEqual({ ...folded, generatedAt: undefined });

    const built = await source.backfillRollups(regulations, { fromYear: 2025, toYear: 2026 });
    expect(built).toMatchObject({ complaints: 3 });
    expect(await source.backfillRollups(regulations, { fromYear: 2025, toYear: 2026 })).toEqual(built);
    const rollups = await source.rollupsOfYears([2025, 2026]);
    expect(rollups?.months.get('2026-03')).toMatchObject({ n: 3, open: 1 });
    // The open complaint's ruling deadline, counted by its instant: pending or late as of the report.
    expect(Object.keys(rollups!.months.get('2026-03')!).filter((k) => k.startsWith('u:')).length).toBeGreaterThan(0);
    const rolled = (await coordinator.get('/reports/yearly?year=2026')).body;
    expect({ ...rolled, generatedAt: undefined }).toEqual({ ...folded, generatedAt: undefined });

    // The write path's transaction: the new report line and the rollup items of the change, together.
    const lines: ReportComplaint[] = [];
    for await (const page of source.complaintsOfYears([2026])) lines.push(...page);
    const open = lines.find((line) => !line.decision && line.status !== 'withdrawn')!;
    const decided: ReportComplaint = {
      ...open,
      status: 'closed',
      decision: { outcome: 'founded' },
      happened: { ...open.happened, 'ruling-sent': '2026-03-05T10:00:00.000Z' },
      milestones: open.milestones.map((m) => (m.status === 'met' ? m : { ...m, status: 'met' as const, metAt: '2026-03-05T10:00:00.000Z' })),
    };
    await t.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: tableName, Item: reportLineItem(decided.reference, 2026, decided) } }, ...rollupWriteItems(tableName, rollupChange(regulations, open, decided))],
      }),
    );
    const afterChange = (await coordinator.get('/reports/yearly?year=2026')).body;
    expect(afterChange.current.byOutcome.find((r: { id: string }) => r.id === 'founded')?.count).toBe(1);
    expect(afterChange.current.open).toBe(0);
    const linesOnly = { ...source, complaintsOfYears: (years: number[]) => source.complaintsOfYears(years), allMeasures: () => source.allMeasures(), rollupsOfYears: undefined };
    const refolded = await buildYearlyReport({ source: linesOnly, regulations, clock: { now: () => new Date(afterChange.generatedAt) } }, { year: 2026 });
    expect(afterChange).toEqual(JSON.parse(JSON.stringify(refolded)));
    expect(Object.keys((await source.rollupsOfYears([2026]))!.months.get('2026-03')!).filter((k) => k.startsWith('u:'))).toEqual([]);
  });

  it("once built, the workflow's own transactions keep them: a new complaint, its steps and an erasure, and the report from rollups still equals the lines folded", async () => {
    const regulations = await loadTenantFile(`tenants/${TENANT}.yaml`);
    const source = new DynamoDbReportSource(t.dynamodb, t.cloud.tableName(TENANT));
    expect(await source.rollupsOfYears([2025, 2026])).toBeDefined();
    const api = t.cloud.urls.api;
    const filed = await submitComplaint(api, TENANT, { complainant: { name: 'Pieter Bakker', email: 'pieter@example.com' }, description: 'Rollup na de bouw' });
    const other = await submitComplaint(api, TENANT, { complainant: { name: 'Eva Smit', email: 'eva@example.com' }, description: 'Wordt gewist' });
    await t.cloud.drainOutboxes();
    await eventually('both acknowledged', async () => (await Promise.all([filed, other].map((f) => coordinator.complaint(f.reference)))).every((f) => f.body.status === 'acknowledged'), 30_000);
    expect((await coordinator.step(filed.reference, 'assign', { handler: { email: handler.email, name: 'Hans', function: 'Teamleider' } })).status).toBe(200);
    const ruling = await handler.step(filed.reference, 'ruling', { outcome: 'unfounded', reasoning: 'De afspraak is bevestigd.' });
    expect(ruling.status, JSON.stringify(ruling.body)).toBe(200);
    expect((await coordinator.step(other.reference, 'withdraw', {})).status).toBe(200);
    const erased = await coordinator.send('POST', '/subjects/erase', { email: 'eva@example.com', reason: 'Verzoek van betrokkene' });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    await t.cloud.drainOutboxes();

    const rolled = (await coordinator.get('/reports/yearly?year=2026')).body;
    const linesOnly = { ...source, complaintsOfYears: (years: number[]) => source.complaintsOfYears(years), allMeasures: () => source.allMeasures(), rollupsOfYears: undefined };
    const folded = await buildYearlyReport({ source: linesOnly, regulations, clock: { now: () => new Date(rolled.generatedAt) } }, { year: 2026 });
    expect(rolled).toEqual(JSON.parse(JSON.stringify(folded)));
  });
});
