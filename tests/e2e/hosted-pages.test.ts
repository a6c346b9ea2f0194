/**
 * The hosted pages in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download), against a local cloud this file starts. One complaint goes the way people take it:
 * filed in Dutch through the form, followed on the status page, found in the console by the
 * coordinator, assigned, ruled on by the handler, and seen changed on the status page. Every
 * page passes axe-core with no serious or critical violation; the form also works with
 * JavaScript off. A failing test leaves a screenshot in test-results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../tools/report/chromium.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { sampleFiles } from '../support/sample-files.ts';
import { expectAccessible as expectAccessibleAt, screenshotOnFailure as keepScreenshotOnFailure, SERIOUS_OR_WORSE, settleAll } from '../support/browser.ts';

const FORM_BUDGET_BYTES = 60 * 1024;

let t: TestCloud;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: string;
const state: { reference?: string; statusUrl?: string } = {};

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  // Playwright gives the browser a fresh temporary --user-data-dir of its own.
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
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const screenshotOnFailure = (ctx: TestContext, which: () => Page = () => page): void => keepScreenshotOnFailure(ctx, which, 'e2e');
const expectAccessible = (on: Page, what: string): Promise<void> => expectAccessibleAt(on, what, SERIOUS_OR_WORSE);

describe('a complaint through the hosted pages, in Chromium', () => {
  test('the accessibility check works: it finds an unlabelled field', async () => {
    const probe = await context.newPage();
    try {
      await probe.setContent('<!doctype html><html lang="nl"><title>probe</title><main><input type="text"></main></html>');
      await expect(expectAccessible(probe, 'probe')).rejects.toThrow(/label/);
    } finally {
      await probe.close();
    }
  });

  test('the form page is Dutch, shows the procedure and the dates to expect, stays within 60 KB and is accessible', async (ctx) => {
    screenshotOnFailure(ctx);
    const started = Date.now();
    const response = await page.goto(`${api}/demo/klacht`, { waitUntil: 'load' });
    const loadMs = Date.now() - started;
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect.poll(() => page.textContent('h1')).toContain('Klacht indienen bij Voorbeeld Dienstverlening BV');
    expect(await page.locator('#expect-title + ul.dates li').count()).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('details')).toContain('Wie behandelt uw klacht');

    // Page weight: the document and everything it loads (HTML, CSS, JS), as transferred.
    const entries = (await page.evaluate(
      `[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({ name: e.name, transfer: e.transferSize, body: e.encodedBodySize }))`,
    )) as Array<{ name: string; transfer: number; body: number }>;
    const timing = (await page.evaluate(
      `(() => { const n = performance.getEntriesByType('navigation')[0]; return { ttfb: Math.round(n.responseStart), domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) }; })()`,
    )) as Record<string, number>;
    const transferred = entries.reduce((sum, e) => sum + e.transfer, 0);
    const bodies = entries.reduce((sum, e) => sum + e.body, 0);
    console.info(
      `form page: ${entries.length} requests (${entries.map((e) => new URL(e.name).pathname).join(', ')}), ${bodies} bytes of HTML+CSS+JS (${transferred} transferred with headers); ttfb ${timing.ttfb} ms, DOMContentLoaded ${timing.domContentLoaded} ms, load ${timing.load} ms (goto ${loadMs} ms)`,
    );
    expect(entries.map((e) => new URL(e.name).pathname)).toEqual(expect.arrayContaining(['/demo/klacht', '/demo/assets/site.css', '/demo/assets/form.js']));
    expect(transferred).toBeLessThanOrEqual(FORM_BUDGET_BYTES);
    // Warm: the function is loaded and the stylesheet and script are cached.
    const warmStarted = Date.now();
    await page.reload({ waitUntil: 'load' });
    const warm = (await page.evaluate(
      `(() => { const n = performance.getEntriesByType('navigation')[0]; return { ttfb: Math.round(n.responseStart), load: Math.round(n.loadEventEnd) }; })()`,
    )) as Record<string, number>;
    console.info(`form page warm: ttfb ${warm.ttfb} ms, load ${warm.load} ms (reload ${Date.now() - warmStarted} ms)`);

    // The script's enhancement: the representative's fields show only when filing for someone else.
    expect(await page.isHidden('#representative')).toBe(true);
    await page.check('#f-onBehalf-yes');
    expect(await page.isVisible('#representative')).toBe(true);
    await page.check('#f-onBehalf-no');
    await expectAccessible(page, 'form');
  });

  test('sent incomplete, the form comes back with an error summary linked to each field', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.fill('#f-email', 'sanne-at-example');
    await Promise.all([page.waitForURL(/\/demo\/klacht$/), page.click('button[type=submit]')]);
    await page.waitForSelector('.error-summary');
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.textContent('.error-summary')).toContain('E-mailadres: moet een geldig e-mailadres zijn');
    expect(await page.getAttribute('#f-name', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-name', 'aria-describedby')).toContain('f-name-error');
    expect(await page.textContent('#f-name-error')).toContain('is verplicht');
    expect(await page.inputValue('#f-email')).toBe('sanne-at-example');
    // The summary has focus, and its links move focus to the field.
    expect(await page.evaluate('document.activeElement.className')).toBe('error-summary');
    await page.click('.error-summary a[href="#f-description"]');
    expect(await page.evaluate('document.activeElement.id')).toBe('f-description');
    await expectAccessible(page, 'form with errors');
  });

  test('filled in in Dutch, it is registered: the confirmation gives the reference and the private status link', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.fill('#f-name', 'Sanne de Vries');
    await page.fill('#f-email', 'sanne@example.com');
    await page.fill('#f-description', 'Mijn afspraak werd twee keer verzet zonder bericht.');
    await page.fill('#f-occurredOn', '2026-04-20');
    await page.fill('#f-place', 'Vestiging Utrecht');
    await Promise.all([page.waitForURL(/\/demo\/klacht$/), page.click('button[type=submit]')]);
    await page.waitForSelector('[data-reference]');
    state.reference = (await page.textContent('[data-reference]'))!.trim();
    state.statusUrl = (await page.getAttribute('[data-status-link]', 'href'))!;
    expect(state.reference).toMatch(/^KL-\d{4}-\d{6}$/);
    expect(state.statusUrl).toMatch(/\/demo\/status\/[A-Za-z0-9_-]{43}\/pagina$/);
    expect(await page.textContent('h1')).toBe('Uw klacht is ontvangen');
    await expectAccessible(page, 'confirmation');
  });

  test('the status page says where it stands and takes added information', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(state.statusUrl!);
    expect(await page.textContent('h1')).toContain(state.reference!);
    expect(await page.textContent('[data-status]')).toMatch(/ontvangen|bevestigd/);
    expect(await page.textContent('.timeline')).toContain('Klacht geregistreerd');
    await page.fill('#information-text', 'De tweede afspraak was op 22 april.');
    await Promise.all([page.waitForURL(/sent=information/), page.click('#information-title ~ form button')]);
    expect(await page.textContent('.notice')).toContain('Uw informatie is toegevoegd');
    expect(await page.textContent('.timeline')).toContain('U heeft informatie toegevoegd');
    await expectAccessible(page, 'status page');
  });

  test('in the console the coordinator finds it on the dashboard and in the list, and assigns it', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(`${api}/demo/console`);
    await page.waitForSelector('#app[data-state=ready] input[name=user]');
    await expectAccessible(page, 'console sign-in');
    await page.check('input[name=user][value="coordinator@demo.example"]');
    await page.click('#app button[type=submit]');
    await page.waitForSelector(`tr[data-reference="${state.reference}"]`);
    expect(await page.textContent('#page-title')).toBe('Overzicht');
    // Statuses in Dutch, never their ids.
    const row = await page.textContent(`tr[data-reference="${state.reference}"]`);
    expect(row).toMatch(/geregistreerd|ontvangst bevestigd/);
    expect(row).not.toMatch(/registered|acknowledged/);
    await expectAccessible(page, 'console dashboard');

    await page.click('nav.tabs a[href="#/klachten"]');
    await page.waitForSelector(`#app[data-state=ready] tr[data-reference="${state.reference}"]`);
    await expectAccessible(page, 'console list');
    await page.click(`a[href="#/klacht/${state.reference}"]`);
    await page.waitForSelector('#app[data-state=ready] details[data-step=assign]');
    expect(await page.textContent('#page-title')).toBe(state.reference);
    expect(await page.textContent('#app')).toContain('Sanne de Vries');
    // The channel and mode in words: the web form's channel (id "form") and "schriftelijk".
    expect(await page.textContent('#app dl')).toContain('webformulier · schriftelijk');
    // Each open deadline's reason, from GET .../deadlines (the admin-console function).
    await page.waitForSelector('tr[data-milestone] td[data-why] details');
    expect(await page.textContent('tr[data-milestone] td[data-why] summary')).toBe('Waarom deze datum');
    expect(await page.locator('tr[data-milestone] td[data-why] li').count()).toBeGreaterThan(1);
    await expectAccessible(page, 'console complaint');

    await page.click('details[data-step=assign] summary');
    await page.fill('#step-assign-handler-email', 'handler1@demo.example');
    await page.fill('#step-assign-handler-name', 'Hans Behandelaar');
    await page.fill('#step-assign-handler-function', 'adviseur');
    await page.click('details[data-step=assign] button[type=submit]');
    await page.waitForSelector('#app[data-state=ready] .notice');
    expect(await page.textContent('.notice')).toContain('Vastgelegd: Toewijzen');
    expect(await page.textContent('#app dl')).toContain('Hans Behandelaar');
    // The coordinator may not rule: the regulation has the handler decide.
    expect(await page.locator('details[data-step=ruling]').count()).toBe(0);

    await page.click('nav.tabs a[href="#/maatregelen"]');
    await page.waitForSelector('#app[data-state=ready] form');
    await expectAccessible(page, 'console measures');
    await page.click('nav.tabs a[href="#/invoeren"]');
    await page.waitForSelector('#app[data-state=ready] #intake-channel');
    await expectAccessible(page, 'console intake');
  });

  test('the handler rules on it; a ruling without the reasons the regulation requires is refused with its article', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.click('nav.tabs button');
    await page.waitForSelector('#app[data-state=ready] input[name=user]');
    await page.check('input[name=user][value="handler1@demo.example"]');
    await page.click('#app button[type=submit]');
    await page.waitForSelector(`tr[data-reference="${state.reference}"]`);
    // The reasons for the dates come from their own route: when it fails, the file shows without them.
    await page.route('**/deadlines?*', (route) => route.abort());
    const failed = page.waitForEvent('requestfailed', (request) => request.url().includes('/deadlines?'));
    await page.click(`a[href="#/klacht/${state.reference}"]`);
    await failed;
    await page.waitForSelector('#app[data-state=ready] details[data-step=ruling]');
    await page.waitForSelector('tr[data-milestone] td[data-why]');
    expect(await page.locator('tr[data-milestone] td[data-why] details').count()).toBe(0);
    await page.unroute('**/deadlines?*');

    await page.click('details[data-step=ruling] summary');
    await page.selectOption('#step-ruling-outcome', 'partly-founded');
    await page.click('details[data-step=ruling] button[type=submit]');
    await page.waitForSelector('details[data-step=ruling] .error-summary');
    // The API's refusal in Dutch, from its key and values, with the article: never its English message.
    const refusal = await page.textContent('details[data-step=ruling] .error-summary');
    expect(refusal).toContain('Dat lukte niet');
    expect(refusal).toContain('een uitspraak "deels gegrond" moet bevatten: toelichting, verbeteringen (art. 7 lid 1)');
    expect(refusal).not.toContain('ruling must give');
    await expectAccessible(page, 'console step refused');

    await page.fill('#step-ruling-reasoning', 'De afspraak is inderdaad twee keer zonder bericht verzet.');
    await page.fill('#step-ruling-improvements', 'Wijzigingen van afspraken gaan voortaan altijd met een bericht.');
    await page.check('#step-ruling-remedies-0');
    await page.click('details[data-step=ruling] button[type=submit]');
    await page.waitForSelector('#app[data-state=ready] .notice');
    expect(await page.textContent('.notice')).toContain('Vastgelegd: Uitspraak doen');
    expect(await page.textContent('#app dl')).toContain('uitspraak gedaan');
    expect(await page.textContent('#app dl')).toContain('deels gegrond');
  });

  test('the status page shows the decision and offers the objection', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(state.statusUrl!);
    expect(await page.textContent('[data-status]')).toBe('Er is een uitspraak op uw klacht.');
    expect(await page.textContent('[data-outcome]')).toBe('deels gegrond');
    expect(await page.textContent('#timeline-title + ol')).toContain('Schriftelijke uitspraak verstuurd');
    expect(await page.isVisible('#objection-text')).toBe(true);
    await expectAccessible(page, 'status page after the ruling');
  });

  test("without JavaScript the form still files a complaint on someone's behalf, and the status page takes the authorisation", async (ctx) => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
    const bare = await noJs.newPage();
    screenshotOnFailure(ctx, () => bare);
    try {
      await bare.goto(`${api}/demo/klacht`);
      expect(await bare.isVisible('#representative')).toBe(true);
      await bare.fill('#f-name', 'Jan Jansen');
      await bare.fill('#f-email', 'jan@example.com');
      await bare.fill('#f-description', 'Ik dien deze klacht in voor mijn vader; zijn dossier is kwijtgeraakt.');
      await bare.check('#f-onBehalf-yes');
      await bare.fill('#f-repName', 'Piet Jansen');
      await bare.fill('#f-repEmail', 'piet@example.com');
      await Promise.all([bare.waitForURL(/\/demo\/klacht$/), bare.click('button[type=submit]')]);
      const reference = (await bare.textContent('[data-reference]'))!.trim();
      expect(reference).toMatch(/^KL-\d{4}-\d{6}$/);
      expect(reference).not.toBe(state.reference);

      // The demo's regulation asks a signed authorisation: no typed one; the file first, sent without script.
      const statusPage = (await bare.getAttribute('[data-status-link]', 'href'))!;
      await bare.goto(statusPage);
      expect(await bare.isVisible('#authorisation-signedBy')).toBe(false);
      expect(await bare.textContent('#authorisation-title ~ p.hint')).toContain('Stuur de ondertekende machtiging eerst als bestand');
      await bare.fill('#file-name', 'machtiging');
      await bare.setInputFiles('#file', { name: 'machtiging.pdf', mimeType: 'application/pdf', buffer: sampleFiles.pdf() });
      await Promise.all([bare.waitForURL(/uploaded=[a-f0-9]{20}/), bare.click('[data-upload-form] button')]);
      expect(await bare.textContent('[data-uploaded]')).toContain('Uw bestand is verstuurd');
      await t.cloud.settleFiles();
      await bare.goto(statusPage);
      expect(await bare.textContent('.files')).toContain('machtiging.pdf');
      await Promise.all([bare.waitForURL(/sent=authorisation/), bare.click('#authorisation-title ~ form button')]);
      expect(await bare.textContent('.notice')).toContain('Uw machtiging is ontvangen');
    } finally {
      await noJs.close();
    }
  });

  test('the embeddable snippet on another site posts to the hosted endpoint and lands on the confirmation', async (ctx) => {
    screenshotOnFailure(ctx);
    const snippet = readFileSync('web/embed-snippet.html', 'utf8').replace('https://klachten.example.nl/klacht', `${api}/demo/klacht`);
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="nl"><title>Website van de organisatie</title><main><h1>Klachten</h1>${snippet}</main></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      // Another origin (another port), as the organisation's own website would be.
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/klachten`);
      await expectAccessible(page, 'embedded snippet');
      await page.fill('#klacht-name', 'Karin Smit');
      await page.fill('#klacht-email', 'karin@example.com');
      await page.fill('#klacht-description', 'De factuur klopt niet.');
      await Promise.all([page.waitForURL(`${api}/demo/klacht`), page.click('.klacht-form button')]);
      expect((await page.textContent('[data-reference]'))!.trim()).toMatch(/^KL-\d{4}-\d{6}$/);
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  });

  test('English with ?lang=en; a filled honeypot is answered as a success and registers nothing', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(`${api}/demo/klacht?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Make a complaint to Voorbeeld Dienstverlening BV');
    await expectAccessible(page, 'form in English');

    const { token } = (await (await fetch(`${api}/_local/token`, { method: 'POST', body: JSON.stringify({ tenant: 'demo', role: 'coordinator' }) })).json()) as { token: string };
    const count = async () => ((await (await fetch(`${api}/demo/admin/complaints`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] }).items.length;
    const before = await count();
    const answer = await fetch(`${api}/demo/klacht`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Bot', email: 'bot@example.com', description: 'spam', website: 'http://spam.example' }),
    });
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).toContain('Uw klacht is ontvangen');
    expect(text).not.toContain('data-reference');
    expect(await count()).toBe(before);
  });
});
