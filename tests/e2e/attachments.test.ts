/**
 * Files in a real browser (Debian's Chromium through playwright-core), against a local cloud with
 * the S3 stand-in and the malware scan stand-in that this file starts and stops:
 *
 * - the "done when": on the status page a representative uploads the signed authorisation
 *   (a PDF) and sends it; staff see it on the complaint (the API), open it (the download link) and
 *   record the authorisation as received with it; the status page then says so;
 * - the complaint form with JavaScript sends the complaint and its files and opens the status page;
 *   a file of a type not allowed is refused before anything is sent;
 * - the pages with files stay accessible (axe: no serious or critical violation).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient } from '../support/admin-client.ts';
import { sampleFiles } from '../support/sample-files.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let t: TestCloud;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does`);
  mkdirSync('test-results', { recursive: true });
  [t, browser] = await Promise.all([startTestCloud(), chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })]);
  api = t.cloud.urls.api;
  context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

function screenshotOnFailure({ onTestFailed, task }: TestContext): void {
  onTestFailed(async () => {
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80);
    await page.screenshot({ path: `test-results/e2e-files-${name}.png`, fullPage: true }).catch(() => undefined);
  });
}

async function expectAccessible(what: string): Promise<void> {
  await page.evaluate(`${AXE_SOURCE}\n;0`);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`)) as Array<{ impact: string }>;
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), what).toEqual([]);
}

/** Files the complaint form on someone's behalf (the demo asks a signed authorisation), as a person does. */
async function fileOnBehalf(): Promise<{ reference: string; statusPage: string }> {
  await page.goto(`${api}/demo/klacht`);
  await page.fill('#f-name', 'Jan Jansen');
  await page.fill('#f-email', 'jan.jansen@example.com');
  await page.fill('#f-description', 'Ik dien deze klacht in voor mijn vader; zijn dossier is kwijtgeraakt.');
  await page.check('#f-onBehalf-yes');
  await page.fill('#f-repName', 'Piet Jansen');
  await page.fill('#f-repEmail', 'piet.jansen@example.com');
  await Promise.all([page.waitForURL(/\/demo\/klacht$/), page.click('button[type=submit]')]);
  await page.waitForSelector('[data-reference]');
  return { reference: (await page.textContent('[data-reference]'))!.trim(), statusPage: (await page.getAttribute('[data-status-link]', 'href'))! };
}

describe('the signed authorisation as a file, from the status page to staff', () => {
  test('a representative uploads the signed authorisation (PDF) and sends it; staff see it, open it and record it received', async (ctx) => {
    screenshotOnFailure(ctx);
    const { reference, statusPage } = await fileOnBehalf();
    await page.goto(statusPage);
    expect(await page.textContent('[data-status]')).toContain('machtiging');

    // The page's upload form posts straight to storage, which brings the browser back.
    const pdf = sampleFiles.pdf('Ik, Jan Jansen, machtig Piet Jansen om namens mij te klagen.');
    await page.fill('#file-name', 'Ondertekende machtiging');
    await page.setInputFiles('#file', { name: 'machtiging-getekend.pdf', mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([page.waitForURL(/uploaded=[a-f0-9]{20}/), page.click('[data-upload-form] button')]);
    await t.cloud.settleFiles();
    await page.goto(statusPage);
    expect(await page.textContent('.files')).toContain('Ondertekende machtiging.pdf');
    expect(await page.getAttribute('.files li', 'data-state')).toBe('clean');
    await expectAccessible('status page with a file');

    await page.check('input[name=attachment]');
    await Promise.all([page.waitForURL(/sent=authorisation/), page.click('#authorisation-title ~ form button')]);
    expect(await page.textContent('.notice')).toContain('Uw machtiging is ontvangen');

    // Staff: the file on the complaint, opened by its short-lived link, the authorisation recorded with it.
    const coordinator = await AdminClient.as(api, 'demo', { role: 'coordinator' });
    const file = (await coordinator.complaint(reference)).body;
    expect(file.attachments).toEqual([{ id: expect.any(String), name: 'Ondertekende machtiging.pdf', size: pdf.length, contentType: 'application/pdf', state: 'clean', uploadedBy: 'complainant', uploadedAt: expect.any(String) }]);
    const id = file.attachments[0].id as string;
    expect(file.timeline.at(-1)).toMatchObject({ type: 'authorisation-submitted', data: { attachment: id } });
    const redirect = await fetch(coordinator.url(`/complaints/${reference}/attachments/${id}`), { headers: { authorization: `Bearer ${coordinator.token}` }, redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const download = await fetch(redirect.headers.get('location')!);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Ondertekende machtiging.pdf"/);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const received = await coordinator.step(reference, 'authorisation', { attachment: id });
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    expect(received.body.complaint.status).toBe('acknowledged');

    await page.goto(statusPage);
    expect(await page.textContent('.timeline')).toContain('Machtiging ontvangen');
    expect(await page.isVisible('#authorisation-title')).toBe(false);
  });
});

describe('files on the complaint form, with JavaScript', () => {
  test('a type that is not allowed is refused before anything is sent', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(`${api}/demo/klacht`);
    expect(await page.isVisible('#f-files')).toBe(true);
    expect(await page.isVisible('[data-files-later]')).toBe(false);
    await page.setInputFiles('#f-files', { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    expect(await page.textContent('#f-files-error')).toBe('setup.exe: dit soort bestand wordt niet aangenomen; wel: PDF, JPEG, PNG, HEIC, DOCX, TXT');
    expect(await page.getAttribute('#f-files', 'aria-invalid')).toBe('true');
  });

  test('the complaint and its files are sent, and the status page lists the files', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(`${api}/demo/klacht`);
    await page.fill('#f-name', 'Sanne de Vries');
    await page.fill('#f-email', 'sanne.files@example.com');
    await page.fill('#f-description', 'De factuur klopt niet; de brief en een foto zitten erbij.');
    await page.setInputFiles('#f-files', [
      { name: 'brief.pdf', mimeType: 'application/pdf', buffer: sampleFiles.pdf('Brief van 3 maart') },
      { name: 'foto.png', mimeType: 'image/png', buffer: sampleFiles.png() },
    ]);
    await Promise.all([page.waitForURL(/\/status\/[A-Za-z0-9_-]{43}\/pagina/, { timeout: 30_000 }), page.click('button[type=submit]')]);
    await t.cloud.settleFiles();
    await page.reload();
    const files = await page.locator('.files li').allTextContents();
    expect(files.join('\n')).toContain('brief.pdf');
    expect(files.join('\n')).toContain('foto.png');
    await expectAccessible('status page after the form with files');
  });
});
