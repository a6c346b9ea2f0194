/**
 * npm run migrate's work on DynamoDB Local: a register kept under the old tenant occure-2019 moves
 * into occure's table, where its complaints keep the 2019 rules, their status links and their
 * trails; a reference occure already used is renumbered.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DynamoDbComplaintRegister } from '../../shared/adapters/dynamodb-register.ts';
import { loadTenantFile } from '../../shared/adapters/regulation-file.ts';
import { registerComplaint } from '../../shared/domain/complaint/register-complaint.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';
import { ensureRegisterTable } from '../../local/dynamodb-local.ts';
import { migrateRegister } from '../../tools/migrate.ts';
import { DynamoDbReportSource } from '../../shared/adapters/dynamodb-report-source.ts';
import { buildYearlyReport } from '../../shared/domain/report/yearly-report.ts';
import type { Io } from '../../tools/tenant-check.ts';
import { AdminClient, call, submitComplaint } from '../support/admin-client.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const RECEIVED = new Date('2024-12-10T10:00:00+01:00');
let t: TestCloud;
const old: Array<{ reference: string; token: string }> = [];

beforeAll(async () => {
  t = await startTestCloud({ tenants: ['occure'], clockStart: RECEIVED });
  // The register as it was kept under the old tenant: its own table, its own references.
  await ensureRegisterTable(t.cloud.urls.dynamodb, 'klachten-occure-2019');
  const [v2019] = (await loadTenantFile('tenants/occure.yaml')).versions;
  const deps = { register: new DynamoDbComplaintRegister(t.dynamodb, 'klachten-occure-2019'), clock: { now: () => RECEIVED }, regulations: singleVersion({ ...v2019!, id: 'occure-2019' }) };
  for (const name of ['Eva', 'Fenna']) {
    const result = await registerComplaint(deps, { body: { complainant: { name, email: `${name.toLowerCase()}@example.com` }, description: 'De begeleiding liep vertraging op.' } });
    old.push({ reference: result.complaint.reference, token: result.statusToken! });
  }
  // occure has a complaint of its own in 2024 already: KL-2024-000001 is taken there.
  await submitComplaint(t.cloud.urls.api, 'occure', { complainant: { name: 'Daan', email: 'daan@example.com' }, description: 'Nieuwe klacht.' });
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

function capture(): Io & { out: (l: string) => void; lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

test('without --apply it says what it would do and writes nothing', async () => {
  const io = capture();
  const plan = await migrateRegister(t.dynamodb, { from: 'occure-2019', to: 'occure', apply: false, fromTable: 'klachten-occure-2019', toTable: 'klachten-occure' }, io);
  expect(old.map((o) => o.reference)).toEqual(['KL-2024-000001', 'KL-2024-000002']);
  expect(io.lines).toContain('  KL-2024-000001 is taken in occure: it becomes KL-2024-000003');
  expect(io.lines.at(-1)).toBe('Nothing written: run again with --apply to move them.');
  expect(plan.complaints).toBe(2);
  const staff = await AdminClient.as(t.cloud.urls.api, 'occure', { role: 'coordinator' });
  expect((await staff.complaint('KL-2024-000002')).status).toBe(404);
});

test('with --apply the complaints live in occure under the 2019 rules, renumbered where taken, their links still working', async () => {
  const io = capture();
  const plan = await migrateRegister(t.dynamodb, { from: 'occure-2019', to: 'occure', apply: true, fromTable: 'klachten-occure-2019', toTable: 'klachten-occure' }, io);
  expect(plan.problems).toEqual([]);
  expect(io.errors).toEqual([]);
  const staff = await AdminClient.as(t.cloud.urls.api, 'occure', { role: 'coordinator' });
  const moved = await staff.complaint('KL-2024-000003');
  expect(moved.status).toBe(200);
  expect(moved.body).toMatchObject({ reference: 'KL-2024-000003', tenantId: 'occure', regulationVersion: '2019-01-01', regulation: { version: '2019-01-01' } });
  expect(moved.body.milestones.map((m: { milestoneId: string; due: string }) => [m.milestoneId, m.due])).toEqual([['written-answer', '2024-12-31']]);
  expect(moved.body.timeline[0]).toMatchObject({ reference: 'KL-2024-000003', type: 'registered' });
  expect((await staff.complaint('KL-2024-000002')).body).toMatchObject({ regulationVersion: '2019-01-01', complainant: { name: 'Fenna' } });
  // occure's own complaint is untouched.
  expect((await staff.complaint('KL-2024-000001')).body.complainant.name).toBe('Daan');
  // The complainant's private link, now under occure's address.
  const status = await call(`${t.cloud.urls.api}/occure/status/${old[0]!.token}`);
  expect(status.status).toBe(200);
  expect(status.body).toMatchObject({ reference: 'KL-2024-000003', regulation: { version: '2019-01-01' } });
  // The next complaint continues after every number either register used.
  const next = await submitComplaint(t.cloud.urls.api, 'occure', { complainant: { name: 'Gijs', email: 'gijs@example.com' }, description: 'Nog een klacht.' });
  expect(next.reference).toBe('KL-2024-000004');
  // A second run writes nothing twice.
  const again = capture();
  await migrateRegister(t.dynamodb, { from: 'occure-2019', to: 'occure', apply: true, fromTable: 'klachten-occure-2019', toTable: 'klachten-occure' }, again);
  expect((await staff.complaint('KL-2024-000003')).body).toMatchObject({ complainant: { name: 'Eva' }, migratedFrom: { tenant: 'occure-2019', reference: 'KL-2024-000001' } });
  expect((await staff.complaint('KL-2024-000005')).status).toBe(404);
});

test("the moved complaints count in occure's yearly report, from its rollups as from its lines", async () => {
  const regulations = await loadTenantFile('tenants/occure.yaml');
  const source = new DynamoDbReportSource(t.dynamodb, 'klachten-occure');
  expect(await source.rollupsOfYears([2024])).toBeDefined();
  const clock = { now: () => new Date('2025-01-15T12:00:00Z') };
  const fromRollups = await buildYearlyReport({ source, regulations, clock }, { year: 2024 });
  const linesOnly = { complaintsOfYears: (years: number[]) => source.complaintsOfYears(years), allMeasures: () => source.allMeasures() };
  const fromLines = await buildYearlyReport({ source: linesOnly, regulations, clock }, { year: 2024 });
  expect(fromRollups.current.complaints).toBe(4);
  expect(fromRollups).toEqual(fromLines);
});
