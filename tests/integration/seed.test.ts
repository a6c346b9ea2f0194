/**
 * `npm run seed`'s logic against a local cloud of its own: 12 complaints of the current year for
 * occure, lived through the use cases on the production DynamoDB adapter, read back through the
 * admin API with their timelines; a second run continues the references. And the report
 * benchmark's loader: histories generated in memory, written with the adapter's item builders,
 * found by the adapter's own index queries.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadTenantFile } from '../../shared/adapters/regulation-file.ts';
import { localDateOf } from '../../shared/domain/calendar/index.ts';
import { seedTenant } from '../../tools/seed/run-seed.ts';
import { loadReportData } from '../../bench/report-data.ts';
import { DynamoDbComplaintRegister } from '../../shared/adapters/dynamodb-register.ts';
import { ensureRegisterTable } from '../../local/dynamodb-local.ts';
import { AdminClient } from '../support/admin-client.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

let t: TestCloud;
let admin: AdminClient;
const now = new Date();

beforeAll(async () => {
  t = await startTestCloud({ tenants: ['occure'] });
  admin = await AdminClient.as(t.cloud.urls.api, 'occure', { role: 'coordinator' });
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

async function allComplaints(year: number) {
  const items: Array<Record<string, any>> = [];
  let cursor: string | undefined;
  do {
    const page = await admin.get(`/complaints?year=${year}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.cursor ?? undefined;
  } while (cursor);
  return items;
}

test('seeds complaints with their histories into the register, and a second run adds the next references', async () => {
  const regulations = await loadTenantFile('tenants/occure.yaml');
  const year = Number(localDateOf(now, regulations.versions[0]!.organisation.timeZone).slice(0, 4));
  const seeding = { endpoint: t.cloud.urls.dynamodb, tableName: t.cloud.tableName('occure'), regulations, year, seed: 3, now };

  const first = await seedTenant({ ...seeding, count: 12 });
  expect(first).toMatchObject({ count: 12, added: false, firstReference: `KL-${year}-000001`, lastReference: `KL-${year}-000012` });

  const listed = await allComplaints(year);
  expect(listed.map((c) => c.reference).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `KL-${year}-${String(i + 1).padStart(6, '0')}`));
  const statuses: Record<string, number> = {};
  for (const c of listed) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
  expect(statuses).toEqual(first.byStatus);

  for (const { reference } of listed.slice(0, 6)) {
    const file = await admin.complaint(reference);
    expect(file.status).toBe(200);
    const timeline = file.body.timeline as Array<{ seq: number; type: string; at: string }>;
    expect(timeline[0]!.type).toBe('registered');
    expect(timeline.map((e) => e.type)).toContain('acknowledged');
    expect(timeline.length).toBeGreaterThan(3);
    expect(timeline.every((e) => e.at <= now.toISOString())).toBe(true);
    expect(timeline.map((e) => e.at)).toEqual(timeline.map((e) => e.at).sort());
  }

  const second = await seedTenant({ ...seeding, count: 2 });
  expect(second).toMatchObject({ count: 2, added: true, firstReference: `KL-${year}-000013`, lastReference: `KL-${year}-000014` });
  expect((await allComplaints(year)).length).toBe(14);
}, 240_000);

test('the benchmark loader writes histories the adapter finds by its indexes, events included', async () => {
  const tableName = 'klachten-bench-load';
  await ensureRegisterTable(t.cloud.urls.dynamodb, tableName);
  const loaded = await loadReportData({ endpoint: t.cloud.urls.dynamodb, tableName, tenant: 'demo', year: 2025, count: 40, seed: 5, now });
  expect(loaded).toMatchObject({ complaints: 40, firstReference: 'KL-2025-000001', lastReference: 'KL-2025-000040' });
  expect(loaded.events).toBeGreaterThan(40 * 4);

  const register = new DynamoDbComplaintRegister(t.dynamodb, tableName);
  const year = await register.list({ year: 2025, limit: 100 });
  expect(year.items.map((c) => c.reference)).toEqual(Array.from({ length: 40 }, (_, i) => `KL-2025-${String(i + 1).padStart(6, '0')}`));
  const closed = await register.list({ status: 'closed', limit: 100 });
  expect(closed.items.length).toBe(year.items.filter((c) => c.status === 'closed').length);
  expect(closed.items.length).toBeGreaterThan(20);
  const withHandler = year.items.find((c) => c.handler)!;
  expect((await register.list({ handlerEmail: withHandler.handler!.email, limit: 100 })).items.map((c) => c.reference)).toContain(withHandler.reference);
  const first = year.items[0]!;
  expect((await register.events(first.reference)).map((e) => e.seq)).toEqual(Array.from({ length: first.version }, (_, i) => i + 1));
  // The counter continues after the loaded references.
  expect(await register.allocateSequence(2025)).toBe(41);
}, 120_000);
