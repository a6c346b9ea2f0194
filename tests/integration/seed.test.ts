/**
 * `npm run seed`'s logic against a local cloud of its own: 20 complaints of the current year for
 * occure, lived through the use cases on the production DynamoDB adapter, read back through the
 * admin API with their timelines; a second run continues the references.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import { localDateOf } from '../../shared/domain/calendar/index.ts';
import { seedTenant } from '../../tools/seed/run-seed.ts';
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
  const regulation = await loadRegulationFile('tenants/occure.yaml');
  const year = Number(localDateOf(now, regulation.organisation.timeZone).slice(0, 4));
  const seeding = { endpoint: t.cloud.urls.dynamodb, tableName: t.cloud.tableName('occure'), regulation, year, seed: 3, now };

  const first = await seedTenant({ ...seeding, count: 20 });
  expect(first).toMatchObject({ count: 20, added: false, firstReference: `KL-${year}-000001`, lastReference: `KL-${year}-000020` });

  const listed = await allComplaints(year);
  expect(listed.map((c) => c.reference).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `KL-${year}-${String(i + 1).padStart(6, '0')}`));
  const statuses = listed.reduce<Record<string, number>>((counts, c) => ({ ...counts, [c.status]: (counts[c.status] ?? 0) + 1 }), {});
  expect(statuses).toEqual(first.byStatus);

  for (const { reference } of listed.slice(0, 10)) {
    const file = await admin.complaint(reference);
    expect(file.status).toBe(200);
    const timeline = file.body.timeline as Array<{ seq: number; type: string; at: string }>;
    expect(timeline[0]!.type).toBe('registered');
    expect(timeline.map((e) => e.type)).toContain('acknowledged');
    expect(timeline.length).toBeGreaterThan(3);
    expect(timeline.every((e) => e.at <= now.toISOString())).toBe(true);
    expect(timeline.map((e) => e.at)).toEqual(timeline.map((e) => e.at).sort());
  }

  const second = await seedTenant({ ...seeding, count: 3 });
  expect(second).toMatchObject({ count: 3, added: true, firstReference: `KL-${year}-000021`, lastReference: `KL-${year}-000023` });
  expect((await allComplaints(year)).length).toBe(23);
}, 240_000);
