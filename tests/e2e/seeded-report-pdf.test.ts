/**
 * The yearly report of a seeded year, end to end: demo histories lived through the use cases
 * into the local cloud's register (npm run seed's logic), the printable report fetched from the
 * admin API the way staff fetch it, printed to PDF by Chromium and opened with pdf.js: the page
 * shows the year's figures and its charts. Page 1 is kept as test-results/seeded-report-page1.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadTenantFile } from '../../shared/adapters/regulation-file.ts';
import { seedTenant, type SeedSummary } from '../../tools/seed/run-seed.ts';
import { launchChromium } from '../../tools/report/chromium.ts';
import { reportPdf } from '../../tools/report/pdf.ts';
import { renderPdfPage } from '../../tools/report/pdf-render.ts';
import { AdminClient } from '../support/admin-client.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const TENANT = 'occure';
/** The bars of this period (svg .now in the report's CSS). */
const BAR = { rgb: [0x1f, 0x3a, 0x5f] as [number, number, number], tolerance: 20 };
// Late enough that every 2025 history has run its course: one received in December is ruled in January and closed after.
const NOW = new Date('2026-03-02T12:00:00+01:00');

let t: TestCloud;
let browser: Browser;
let coordinator: AdminClient;
let seeded: SeedSummary;

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  [t, browser] = await Promise.all([startTestCloud({ tenants: [TENANT], clockStart: NOW }), launchChromium()]);
  coordinator = await AdminClient.as(t.cloud.urls.api, TENANT, { role: 'coordinator' });
  const regulations = await loadTenantFile(`tenants/${TENANT}.yaml`);
  const seeding = { endpoint: t.cloud.urls.dynamodb, tableName: t.cloud.tableName(TENANT), regulations, now: NOW };
  await seedTenant({ ...seeding, year: 2024, count: 10, seed: 2 });
  seeded = await seedTenant({ ...seeding, year: 2025, count: 30, seed: 1 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

test('the report of a seeded year counts what was seeded', async () => {
  const { status, body } = await coordinator.get('/reports/yearly?year=2025');
  expect(status).toBe(200);
  // A complaint registered in early January 2025 may have been received on 31 December 2024: count by reference year.
  const received2025 = body.current.complaints as number;
  expect(received2025).toBeGreaterThanOrEqual(28);
  expect(received2025).toBeLessThanOrEqual(31);
  expect(body.previous.complaints).toBeGreaterThanOrEqual(9);
  const outcomes = (body.current.byOutcome as Array<{ count: number }>).reduce((sum, r) => sum + r.count, 0);
  expect(outcomes).toBe(received2025);
  expect(body.current.open).toBe(0);
  expect(seeded.open).toBe(0);
  const acknowledgement = body.current.deadlines.find((d: { milestoneId: string }) => d.milestoneId === 'acknowledgement');
  expect(acknowledgement.onTime + acknowledgement.late + acknowledgement.pending + acknowledgement.cancelled).toBe(received2025);
});

test('its PDF opens and shows the year, the key figures and the charts', async () => {
  const html = await coordinator.get('/reports/yearly.html?year=2025');
  expect(html.status).toBe(200);
  const pdf = await reportPdf(html.body, { browser });
  const page = await renderPdfPage(browser, new Uint8Array(pdf), 1);
  try {
    expect(page.pageCount).toBeGreaterThanOrEqual(2);
    const text = page.text.replace(/\s+/g, ' ');
    for (const expected of ['Klachtenjaarverslag 2025', 'Occure', '2025 vergeleken met 2024', 'Kerncijfers', 'Klachten per categorie']) expect(text).toContain(expected);
    // The charts are drawn: bars in this period's colour on the page.
    expect(await page.countPixels(BAR)).toBeGreaterThan(2000);
    writeFileSync('test-results/seeded-report-page1.png', await page.png());
  } finally {
    await page.close();
  }
});
