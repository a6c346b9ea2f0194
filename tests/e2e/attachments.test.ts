/**
 * Files in a real browser (Debian's Chromium through playwright-core), against a local cloud with
 * the S3 stand-in and the malware scan stand-in that this file starts and stops:
 *
 * - the "done when": on the status page a representative uploads the signed authorisation
 *   (a PDF) and sends it; staff see it on the complaint (the API), open it (the download link) and
 *   record the authorisation as received with it; the status page then says so;
 * - the complaint form with JavaScript sends the complaint and its files and opens the status page;
 *   a file of a type not allowed is refused before anything is sent;
 * - the same in the admin console: staff see the complainant's file, open it (a download, never
 *   inline), record the authorisation with that file preselected, and add a file of their own
 *   (a hearing report; an infected one is listed and cannot be opened; a type not allowed is
 *   refused before anything is sent);
 * - the pages with files stay accessible (axe: no serious or critical violation).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../tools/report/chromium.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient } from '../support/admin-client.ts';
import { sampleFiles } from '../support/sample-files.ts';
import { expectAccessible as expectAccessibleAt, screenshotOnFailure as keepScreenshotOnFailure, SERIOUS_OR_WORSE, settleAll } from '../support/browser.ts';

let t: TestCloud;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: string;

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  // Both start at once; neither is left running when the other fails (afterAll stops what started).
  await settleAll([
    startTestCloud().then((cloud) => {
      t = cloud;
    }),
    launchChromium().then((started) => {
      browser = started;
    }),
  ]);
  api = t.cloud.urls.api;
  context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const screenshotOnFailure = (ctx: TestContext): void => keepScreenshotOnFailure(ctx, () => page, 'e2e-files');
const expectAccessibleOn = (on: Page, what: string): Promise<void> => expectAccessibleAt(on, what, SERIOUS_OR_WORSE);
const expectAccessible = (what: string): Promise<void> => expectAccessibleOn(page, what);

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
  // The acknowledgement (asking for the authorisation) goes out from the stream; wait for it here.
  await t.cloud.drainOutboxes();
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
    expect(file.attachments).toEqual([
      { id: expect.any(String), name: 'Ondertekende machtiging.pdf', size: pdf.length, contentType: 'application/pdf', state: 'clean', uploadedBy: 'complainant', uploadedAt: expect.any(String) },
    ]);
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

describe('files in the admin console', () => {
  test('staff see the signed authorisation, open it, record it with the file preselected, and add files of their own', async (ctx) => {
    screenshotOnFailure(ctx);
    const { reference, statusPage } = await fileOnBehalf();
    await page.goto(statusPage);
    const pdf = sampleFiles.pdf('Ik, Jan Jansen, machtig Piet Jansen.');
    await page.fill('#file-name', 'machtiging');
    await page.setInputFiles('#file', { name: 'machtiging.pdf', mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([page.waitForURL(/uploaded=[a-f0-9]{20}/), page.click('[data-upload-form] button')]);
    await t.cloud.settleFiles();
    await page.goto(statusPage);
    await page.check('input[name=attachment]');
    await Promise.all([page.waitForURL(/sent=authorisation/), page.click('#authorisation-title ~ form button')]);

    // The console, in a context of its own (downloads accepted), signed in as the coordinator.
    const staff = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
    try {
      staff.setDefaultTimeout(15_000);
      const con = await staff.newPage();
      ctx.onTestFailed(async () => {
        await con.screenshot({ path: 'test-results/e2e-files-console.png', fullPage: true }).catch(() => undefined);
      });
      await con.goto(`${api}/demo/console`);
      await con.check('input[name=user][value="coordinator@demo.example"]');
      await con.click('#app form[data-form=sign-in] button[type=submit]');
      await con.waitForSelector('#app[data-state=ready]:not([data-view=sign-in])');
      await con.goto(`${api}/demo/console#/klacht/${reference}`);
      await con.waitForSelector(`[data-file="${reference}"]`);

      // The file with who sent it and its state in words; it opens as a download with its own bytes.
      const row = con.locator('[data-files] tr[data-file-state=clean]');
      expect(await row.count()).toBe(1);
      const line = (await row.textContent())!;
      expect(line).toContain('machtiging.pdf');
      expect(line).toContain('de klager');
      expect(line).toContain('gecontroleerd');
      const [download] = await Promise.all([con.waitForEvent('download'), con.click('[data-files] [data-action=open-file]')]);
      expect(download.suggestedFilename()).toBe('machtiging.pdf');
      const saved = await download.path();
      expect(readFileSync(saved).equals(pdf)).toBe(true);
      expect(con.url()).toContain('/demo/console#/klacht/');

      // The authorisation step offers the clean file, the complainant's preselected.
      const id = (await row.getAttribute('data-file-id'))!;
      await con.click('details[data-step=authorisation] > summary');
      expect(await con.inputValue('#step-authorisation-attachment')).toBe(id);
      expect(await con.textContent('label[for=step-authorisation-attachment]')).toContain('Het ondertekende bestand');
      await con.click('form[data-step=authorisation] [data-action=submit]');
      await con.waitForSelector('[data-notice]');
      expect(await con.textContent('[data-fact=authorisation]')).toBe('ontvangen');
      expect(await con.locator('details[data-step=authorisation]').count()).toBe(0);
      expect(await con.locator('[data-timeline] li[data-event=authorisation-received]').count()).toBe(1);
      await expectAccessibleOn(con, 'the complaint with its files');

      // A type not allowed: refused at the field, nothing sent.
      await con.setInputFiles('#file-upload-file', { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
      await con.click('[data-action=upload-file]');
      expect(await con.textContent('#file-upload-file-error')).toContain('dit soort bestand wordt niet aangenomen');
      expect(await con.getAttribute('#file-upload-file', 'aria-invalid')).toBe('true');

      // Staff's own file: declared, posted straight to storage, listed once checked.
      await con.setInputFiles('#file-upload-file', { name: 'hoorverslag.txt', mimeType: 'text/plain', buffer: sampleFiles.txt() });
      await con.fill('#file-upload-description', 'Verslag van het hoorgesprek');
      await con.click('[data-action=upload-file]');
      await con.waitForSelector('[data-files="2"]', { timeout: 30_000 });
      expect(await con.textContent('[data-notice]')).toContain('hoorverslag.txt is toegevoegd: gecontroleerd');
      const own = con.locator('[data-files] tr', { hasText: 'hoorverslag.txt' });
      expect(await own.getAttribute('data-file-state')).toBe('clean');
      expect(await own.textContent()).toContain('Verslag van het hoorgesprek');
      expect(await own.textContent()).toContain('coordinator@demo.example');

      // An infected file is listed as such and has nothing to open.
      await con.setInputFiles('#file-upload-file', { name: 'besmet.txt', mimeType: 'text/plain', buffer: sampleFiles.eicar() });
      await con.click('[data-action=upload-file]');
      await con.waitForSelector('[data-files="3"]', { timeout: 30_000 });
      const infected = con.locator('[data-files] tr[data-file-state=infected]');
      expect(await infected.textContent()).toContain('besmet.txt');
      expect(await infected.locator('[data-action=open-file]').count()).toBe(0);
      expect(await con.getAttribute('[data-notice]', 'role')).toBe('alert');
    } finally {
      await staff.close();
    }
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
