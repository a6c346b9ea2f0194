/**
 * The admin console in a real browser (Debian's Chromium, driven by playwright-core) against a
 * local cloud this file starts with two tenants: demo and occure. Focused on what the console
 * itself does (the whole procedure through the console is another file's):
 *
 * - sign-in and the dashboard (overdue first, then this week, later, without a deadline; counts
 *   per handler; a handler sees their own), in Dutch;
 * - finding a complaint by name and by reference, the filters in the hash, the CSV of the same query;
 * - a step's form generated from its JSON Schema in /openapi.json, its letters previewed, submitted;
 * - the forbidden step not offered: an Occure complaint filed on someone's behalf whose
 *   authorisation is outstanding has no "Toewijzen" until the authorisation is recorded;
 * - axe-core on every console view (no serious or critical finding), and the English console;
 * - a session that lasts: a 401 renews the token once; an expired session asks to sign in again
 *   and puts back the half-filled form; signing out revokes the refresh token.
 *
 * The DOM hooks used here are the ones docs/console.md lists. A failing test leaves a screenshot
 * in test-results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../tools/report/chromium.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient, submitComplaint } from '../support/admin-client.ts';
import { expectAccessible as expectAccessibleAt, ready, screenshotOnFailure as keepScreenshotOnFailure, SERIOUS_OR_WORSE, settleAll, signInHere, signOut } from '../support/browser.ts';

let t: TestCloud;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: string;
const refs: { sanne?: string; karel?: string; occure?: string } = {};

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  // Both start at once; neither is left running when the other fails (afterAll stops what started).
  await settleAll([
    startTestCloud({ tenants: ['demo', 'occure'] }).then((cloud) => {
      t = cloud;
    }),
    launchChromium().then((started) => {
      browser = started;
    }),
  ]);
  api = t.cloud.urls.api;
  context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();

  // Two demo complaints: one assigned to handler1, one not yet assigned.
  refs.sanne = (
    await submitComplaint(api, 'demo', { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'Mijn afspraak werd twee keer verzet zonder bericht.' })
  ).reference;
  refs.karel = (await submitComplaint(api, 'demo', { complainant: { name: 'Karel Appel', email: 'karel@example.com' }, description: 'De factuur klopt niet.' })).reference;
  const coordinator = await AdminClient.as(api, 'demo', { role: 'coordinator' });
  const assigned = await coordinator.step(refs.karel, 'assign', { handler: { email: 'handler1@demo.example', name: 'Hans Behandelaar', function: 'adviseur' } });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  // Occure: filed on someone's behalf; its authorisation (§ 2.1) is outstanding.
  refs.occure = (
    await submitComplaint(api, 'occure', {
      complainant: { name: 'Jan Jansen', email: 'jan@example.com' },
      description: 'Ik dien deze klacht in voor mijn vader; zijn dossier is kwijtgeraakt.',
      representative: { name: 'Piet Jansen', email: 'piet@example.com' },
    })
  ).reference;
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const screenshotOnFailure = (ctx: TestContext, which: () => Page = () => page): void => keepScreenshotOnFailure(ctx, which, 'console');
const expectAccessible = (on: Page, what: string): Promise<void> => expectAccessibleAt(on, what, SERIOUS_OR_WORSE);

async function signIn(on: Page, tenant: string, email: string, lang = ''): Promise<void> {
  await on.goto(`${api}/${tenant}/console${lang}`);
  await signInHere(on, email);
}

describe('the admin console in Chromium', () => {
  test('sign-in, and the dashboard: urgent first, counts per handler, in Dutch; a handler sees their own', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(`${api}/demo/console`);
    await ready(page, 'sign-in');
    await expectAccessible(page, 'sign-in');
    await signIn(page, 'demo', 'coordinator@demo.example');
    await ready(page, 'dashboard');
    expect(await page.textContent('#page-title')).toBe('Overzicht');
    // Every open complaint, in its section by urgency (none is overdue or due this week yet).
    expect(await page.$$eval('[data-section]', (s) => s.map((x) => x.getAttribute('data-section')))).toEqual(['overdue', 'this-week', 'later', 'none']);
    expect(await page.locator(`[data-section=later] tr[data-reference="${refs.sanne}"]`).count()).toBe(1);
    expect(await page.locator(`[data-section=later] tr[data-reference="${refs.karel}"]`).count()).toBe(1);
    expect(await page.textContent('[data-counts]')).toBe('open klachten: 2; te laat: 0; deze week: 0; zonder termijn: 0');
    // Statuses, channels and modes in Dutch, never their ids.
    const row = (await page.textContent(`tr[data-reference="${refs.karel}"]`))!;
    expect(row).toContain('toegewezen');
    expect(row).toContain('webformulier · schriftelijk');
    expect(row).not.toMatch(/assigned|web-form|written/);
    // Per handler: one assigned to handler1, one unassigned; a row links to that handler's dashboard.
    expect(await page.textContent('[data-per-handler] tr[data-handler="handler1@demo.example"]')).toContain('1');
    expect(await page.textContent('[data-per-handler] tr[data-handler=""]')).toContain('niet toegewezen');
    await page.click('[data-per-handler] tr[data-handler="handler1@demo.example"] a');
    await page.waitForSelector('[data-filter-handler="handler1@demo.example"]');
    expect(await page.locator('tr[data-reference]').count()).toBe(1);
    await expectAccessible(page, 'dashboard');

    await signOut(page);
    await signIn(page, 'demo', 'handler1@demo.example');
    await ready(page, 'dashboard');
    expect(await page.textContent('#page-title')).toBe('Mijn klachten');
    expect(await page.locator('tr[data-reference]').count()).toBe(1);
    expect(await page.locator(`tr[data-reference="${refs.karel}"]`).count()).toBe(1);
    expect(await page.textContent('[data-counts]')).toContain('open klachten: 1');
    // A handler's menu: never the administration, nor the yearly report (a handler sees only their own).
    expect(await page.locator('[data-nav=connect], [data-nav=privacy], [data-nav=audit], [data-nav=report]').count()).toBe(0);
    await signOut(page);
  });

  test('find: by name and by reference, filters in the address, sorted by due date; the CSV of the same query', async (ctx) => {
    screenshotOnFailure(ctx);
    await signIn(page, 'demo', 'coordinator@demo.example');
    await page.click('[data-nav=complaints]');
    await ready(page, 'complaints');
    await page.fill('#f-q', 'de vries');
    await page.selectOption('#f-sort', 'due');
    await page.click('form[data-form=find] button[type=submit]');
    await page.waitForFunction(`location.hash.includes('q=de+vries')`);
    await ready(page, 'complaints');
    expect(page.url()).toContain('sort=due');
    expect(await page.$$eval('tr[data-reference]', (r) => r.map((x) => x.getAttribute('data-reference')))).toEqual([refs.sanne]);
    expect(await page.inputValue('#f-q')).toBe('de vries');
    expect(await page.textContent('[data-count]')).toBe('1 klachten getoond');
    await expectAccessible(page, 'complaints found');

    // The CSV link carries the same query (and the language); downloaded, it is Dutch Excel's CSV.
    const href = (await page.getAttribute('a[data-csv]', 'href'))!;
    expect(href).toContain('/demo/admin/export/complaints.csv?');
    expect(new URL(href, api).searchParams.get('q')).toBe('de vries');
    expect(new URL(href, api).searchParams.get('sort')).toBe('due');
    expect(new URL(href, api).searchParams.get('lang')).toBe('nl');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-csv]')]);
    expect(download.suggestedFilename()).toBe('klachten.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toContain('Kenmerk;Status;Ontvangen');
    expect(csv).toContain(refs.sanne!);
    expect(csv).not.toContain(refs.karel!);

    // By reference (its short form), and a status filter from the address.
    await page.goto(`${api}/demo/console#/klachten?q=${encodeURIComponent(refs.karel!.replace(/^KL-(\d{4})-0*/, '$1-'))}`);
    await page.waitForSelector(`#app[data-state=ready] tr[data-reference="${refs.karel}"]`);
    expect(await page.locator('tr[data-reference]').count()).toBe(1);
    await page.goto(`${api}/demo/console#/klachten?status=assigned`);
    await page.waitForSelector(`#app[data-state=ready] tr[data-reference="${refs.karel}"]`);
    expect(await page.inputValue('#f-status')).toBe('assigned');
    expect(await page.locator(`tr[data-reference="${refs.sanne}"]`).count()).toBe(0);
    await expectAccessible(page, 'complaints filtered');
  });

  test("a step's form is generated from its schema in /openapi.json; its letters are previewed, then it is taken", async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(`${api}/demo/console#/klacht/${refs.sanne}`);
    await ready(page, 'complaints');
    expect(await page.textContent('#page-title')).toBe(refs.sanne);
    const file = (await (await AdminClient.as(api, 'demo', { role: 'coordinator' })).complaint(refs.sanne!)).body;
    // Exactly the steps the API offers now.
    expect(await page.$$eval('details[data-step]', (d) => d.map((x) => x.getAttribute('data-step')))).toEqual(file.availableSteps);

    // The assign form: the schema's properties (nested: handler.*), its required ones marked, its limits kept.
    const openapi = (await (await fetch(`${api}/demo/openapi.json`)).json()) as any;
    const schema = openapi.paths['/admin/complaints/{reference}/assign'].post.requestBody.content['application/json'].schema;
    const fields = await page.$$eval('form[data-step=assign] [data-field]', (f) => f.map((x) => x.getAttribute('data-field')));
    expect(fields).toEqual(['handler', ...Object.keys(schema.properties.handler.properties).map((k) => `handler.${k}`), 'reason']);
    expect(await page.textContent('label[for=step-assign-handler-email]')).toBe('E-mail behandelaar (verplicht)');
    expect(await page.textContent('label[for=step-assign-handler-function]')).toBe('Functie behandelaar');
    expect(await page.getAttribute('#step-assign-handler-email', 'type')).toBe('email');
    expect(await page.getAttribute('#step-assign-handler-name', 'maxlength')).toBe(String(schema.properties.handler.properties.name.maxLength));
    expect(await page.evaluate(`document.getElementById('step-assign-reason').tagName`)).toBe('TEXTAREA');
    // An enum in Dutch, the schema's default chosen; a date is a date field.
    expect(await page.$$eval('#step-hearing-heard option', (o) => o.map((x) => x.textContent))).toEqual(['(geen)', 'de klager', 'de medewerker over wie geklaagd wordt', 'beiden samen']);
    expect(await page.inputValue('#step-hearing-heard')).toBe('complainant');
    expect(await page.getAttribute('#step-hearing-heldOn', 'type')).toBe('date');
    // The choices the schema leaves open come from the regulation: the deadlines to extend are this complaint's open ones the regulation lets be extended.
    const milestones = (JSON.parse((await page.textContent('#console-config'))!) as { regulation: { milestones: Array<{ id: string; extendable: boolean }> } }).regulation.milestones;
    const extendable = file.openDeadlines.filter((m: any) => milestones.find((x) => x.id === m.milestoneId || x.id === m.series)?.extendable);
    expect(extendable.length).toBeGreaterThan(0);
    expect(await page.$$eval('#step-extension-milestoneId option', (o) => o.map((x) => x.getAttribute('value')))).toEqual(['', ...extendable.map((m: any) => m.milestoneId)]);
    // The console carries no hand-copied list of the steps' fields.
    const script = await (await fetch(`${api}/_web/console.js`)).text();
    expect(script).not.toContain('STEP_FIELDS');

    // Sent incomplete: the API's problems at their fields, in Dutch, with a summary linking to each.
    await page.click('details[data-step=assign] summary');
    await page.fill('#step-assign-handler-email', 'handler2@demo.example');
    await page.click('form[data-step=assign] button[type=submit]');
    await page.waitForSelector('form[data-step=assign] [data-error-summary]');
    expect(await page.textContent('form[data-step=assign] [data-error-summary]')).toContain('Naam behandelaar: is verplicht');
    expect(await page.getAttribute('#step-assign-handler-name', 'aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.getAttribute("data-error-summary")')).toBe('');
    await page.click('form[data-step=assign] [data-error-summary] a[data-error-for="handler.name"]');
    expect(await page.evaluate('document.activeElement.id')).toBe('step-assign-handler-name');
    await expectAccessible(page, 'step refused');

    // The letters the step would send, before it is sent.
    await page.fill('#step-assign-handler-name', 'Hanneke Behandelaar');
    // The demo regulation records the handler's function (art. 4 lid 1): the preview runs every check of the step.
    await page.click('form[data-step=assign] [data-action=preview]');
    await page.waitForSelector('[data-preview=assign]:empty', { state: 'attached' });
    await page.waitForSelector('form[data-step=assign] [data-error-summary] a[data-error-for="handler.function"]');
    await page.fill('#step-assign-handler-function', 'adviseur');
    await page.click('form[data-step=assign] [data-action=preview]');
    await page.waitForSelector('[data-preview=assign] [data-preview-status]');
    expect(await page.textContent('[data-preview=assign] [data-preview-status]')).toBe('Na deze stap is de status: toegewezen.');
    expect(await page.locator('[data-preview=assign] [data-preview-letter]').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-preview=assign] [data-preview-letter] h4')).toContain(refs.sanne!);
    expect((await (await AdminClient.as(api, 'demo', { role: 'coordinator' })).complaint(refs.sanne!)).body.status).toBe(file.status);
    await expectAccessible(page, 'step preview');

    await page.click('form[data-step=assign] button[type=submit]');
    await page.waitForSelector('#app[data-state=ready] [data-notice=ok]');
    expect(await page.textContent('[data-notice=ok]')).toBe('Vastgelegd: Toewijzen');
    expect(await page.textContent('[data-fact=handler]')).toContain('Hanneke Behandelaar');
    expect(await page.textContent('[data-fact=status]')).toBe('toegewezen');
    // Every date explains itself; the letters sent open as sent.
    await page.waitForSelector('tr[data-milestone][data-kind] td[data-why] details');
    await page.waitForSelector('[data-letters] tr[data-letter-id]');
    await page.click('[data-letters] tr[data-letter-id] [data-action=open-letter]');
    await page.waitForSelector('[data-letter-view] article[data-letter]');
    expect(await page.textContent('[data-letter-view] h3')).toContain(refs.sanne!);
    await expectAccessible(page, 'complaint file');
  });

  test('the forbidden step is not offered: Occure, filed on someone\'s behalf, authorisation outstanding: no "Toewijzen"', async (ctx) => {
    screenshotOnFailure(ctx);
    await signOut(page);
    await signIn(page, 'occure', 'coordinator@occure.example');
    await page.goto(`${api}/occure/console#/klacht/${refs.occure}`);
    await ready(page, 'complaints');
    expect(await page.textContent('[data-fact=status]')).toBe('wacht op machtiging');
    expect(await page.textContent('[data-fact=authorisation]')).toBe('nog niet ontvangen');
    const steps = await page.$$eval('details[data-step]', (d) => d.map((x) => x.getAttribute('data-step')));
    expect(steps).not.toContain('assign');
    expect(await page.textContent('[data-steps]')).not.toContain('Toewijzen');
    expect(steps).toContain('authorisation');
    await expectAccessible(page, 'occure file, authorisation outstanding');

    // Once the authorisation is recorded, "Toewijzen" is offered.
    await page.click('details[data-step=authorisation] summary');
    await page.click('form[data-step=authorisation] button[type=submit]');
    await page.waitForSelector('#app[data-state=ready] [data-notice=ok]');
    expect(await page.textContent('[data-fact=authorisation]')).toBe('ontvangen');
    expect(await page.locator('details[data-step=assign]').count()).toBe(1);
  });

  test('every other console view passes axe: intake, measures, yearly report, calendar, connections, privacy, audit', async (ctx) => {
    screenshotOnFailure(ctx);
    await signOut(page);
    await signIn(page, 'demo', 'coordinator@demo.example');
    await page.click('[data-nav=intake]');
    await ready(page, 'intake');
    expect(await page.$$eval('#intake-channel option', (o) => o.map((x) => x.textContent))).toContain('telefoon');
    await expectAccessible(page, 'intake');

    await page.click('[data-nav=measures]');
    await ready(page, 'measures');
    await page.selectOption('#measure-new-kind', 'corrective');
    await page.fill('#measure-new-what', 'Afspraken niet meer verzetten zonder bericht.');
    await page.fill('#measure-new-owner-email', 'teamleider@demo.example');
    await page.fill('#measure-new-owner-name', 'Tineke Teamleider');
    await page.fill('#measure-new-dueDate', '2027-03-01');
    await page.fill('#measure-new-complaintRefs', refs.sanne!);
    await page.click('form[data-form=measure-new] button[type=submit]');
    await page.waitForSelector('#app[data-state=ready] tr[data-measure]');
    expect(await page.textContent('[data-notice=ok]')).toMatch(/^Maatregel M-[A-F0-9]+ is vastgelegd\.$/);
    await expectAccessible(page, 'measures');

    await page.click('[data-nav=report]');
    await ready(page, 'report');
    await page.waitForSelector('iframe.report');
    const report = page.frames().find((f) => f !== page.mainFrame())!;
    await report.waitForLoadState();
    expect(await report.textContent('h1')).toMatch(/^Klachtenjaarverslag \d{4}$/);
    // The report's own stylesheet applies (allowed by hash in the console's policy).
    expect(parseFloat((await report.evaluate('getComputedStyle(document.querySelector("h1")).fontSize')) as string)).toBeCloseTo((20 * 4) / 3, 1);
    await expectAccessible(page, 'yearly report');

    await page.click('[data-nav=calendar]');
    await ready(page, 'calendar');
    await page.click('[data-action=create-calendar]');
    await page.waitForSelector('#app[data-state=ready] [data-shown-once] input[data-secret]');
    const feed = await page.inputValue('[data-shown-once] input[data-secret]');
    expect(feed).toMatch(/\/demo\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    expect((await fetch(feed.replace(/^https:\/\/[^/]+/, api))).status).toBe(200);
    expect(await page.getAttribute('[data-calendar-state]', 'data-calendar-state')).toBe('active');
    await expectAccessible(page, 'calendar');

    await page.click('[data-nav=connect]');
    await ready(page, 'connect');
    expect(await page.getAttribute('[data-section=webhook]', 'data-webhook')).toBe('none');
    await page.fill('#api-key-new-label', 'Website');
    await page.click('form[data-form=api-key-new] button[type=submit]');
    await page.waitForSelector('#app[data-state=ready] [data-shown-once] input[data-secret]');
    expect(await page.inputValue('[data-shown-once] input[data-secret]')).toMatch(/^kr_demo_/);
    expect(await page.locator('tr[data-api-key]').count()).toBe(1);
    await expectAccessible(page, 'connections');

    await page.click('[data-nav=privacy]');
    await ready(page, 'privacy');
    await expectAccessible(page, 'privacy');
    await page.click('[data-nav=audit]');
    await ready(page, 'audit');
    await expectAccessible(page, 'audit');
  });

  test('in English the console speaks English', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(`${api}/demo/console?lang=en#/klacht/${refs.sanne}`);
    await ready(page, 'complaints');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('[data-fact=status]')).toBe('assigned');
    expect(await page.textContent('summary:has-text("Record contact")')).toBe('Record contact');
    expect(await page.textContent('label[for=step-contact-summary]')).toBe('Summary (required)');
    await expectAccessible(page, 'file in English');
  });

  test('a session lasts a working day: a 401 renews the token; once expired, sign in again and the half-filled form is back; sign-out revokes', async (ctx) => {
    screenshotOnFailure(ctx);
    await page.goto(`${api}/demo/console#/klacht/${refs.sanne}`);
    await ready(page, 'complaints');
    const before = JSON.parse((await page.evaluate(`sessionStorage.getItem('klachten.demo.session')`)) as string);
    expect(before.refreshToken).toBeTruthy();

    // An hour and a bit later (the local clock): the id token has expired; the console renews it on the 401.
    await t.cloud.clock.advance(61 * 60_000);
    await page.click('[data-nav=complaints]');
    await ready(page, 'complaints');
    await page.waitForSelector('tr[data-reference]');
    const renewed = JSON.parse((await page.evaluate(`sessionStorage.getItem('klachten.demo.session')`)) as string);
    expect(renewed.token).not.toBe(before.token);

    // A half-filled note, then the working day is over: the refresh token has expired too.
    await page.goto(`${api}/demo/console#/klacht/${refs.sanne}`);
    await ready(page, 'complaints');
    await page.click('details[data-step=note] summary');
    await page.fill('#step-note-text', 'Klager belde: de afspraak is alsnog gemaakt.');
    await t.cloud.clock.advance(13 * 3600_000);
    await page.click('form[data-step=note] button[type=submit]');
    await page.waitForSelector('#app[data-state=ready][data-view=sign-in]');
    expect(await page.textContent('[data-notice=warn]')).toBe('Uw sessie is verlopen; meld u opnieuw aan.');
    // Signing in again comes back to the file with the note as it was (not yet sent).
    await page.click('#app form[data-form=sign-in] button[type=submit]');
    await ready(page, 'complaints');
    expect(await page.inputValue('#step-note-text')).toBe('Klager belde: de afspraak is alsnog gemaakt.');
    expect(await page.getAttribute('details[data-step=note]', 'open')).toBe('');
    expect(await page.textContent('#app')).toContain('Wat u had ingevuld voordat uw sessie verliep, staat er weer.');
    await page.click('form[data-step=note] button[type=submit]');
    await page.waitForSelector('#app[data-state=ready] [data-notice=ok]');
    expect(await page.textContent('[data-timeline]')).toContain('notitie toegevoegd');

    // Signing out revokes the refresh token.
    const session = JSON.parse((await page.evaluate(`sessionStorage.getItem('klachten.demo.session')`)) as string);
    await signOut(page);
    expect(await page.evaluate(`sessionStorage.getItem('klachten.demo.session')`)).toBeNull();
    const refreshed = await fetch(`${api}/_local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: session.refreshToken }) });
    expect(refreshed.status).toBe(401);
  });

  test('weeks later the dashboard puts the overdue complaints first, then those due this week', async (ctx) => {
    screenshotOnFailure(ctx);
    // Past the demo's six weeks for both complaints; a new one then comes due within the week 36 days on.
    await t.cloud.clock.advance(45 * 24 * 3600_000);
    const fresh = (await submitComplaint(api, 'demo', { complainant: { name: 'Wim Wit', email: 'wim@example.com' }, description: 'Mijn pakket kwam niet.' })).reference;
    await t.cloud.clock.advance(36 * 24 * 3600_000);
    await signIn(page, 'demo', 'coordinator@demo.example');
    await ready(page, 'dashboard');
    const sections = await page.$$eval('[data-section]', (all) =>
      all.map((s) => ({ section: s.getAttribute('data-section'), refs: [...s.querySelectorAll('tr[data-reference]')].map((r) => r.getAttribute('data-reference')) })),
    );
    expect(sections.map((s) => s.section)).toEqual(['overdue', 'this-week', 'later', 'none']);
    expect(sections[0]!.refs.sort()).toEqual([refs.sanne, refs.karel].sort());
    expect(sections[1]!.refs).toEqual([fresh]);
    expect(await page.locator('[data-section=overdue] tr[data-reference] [data-tag=overdue]').count()).toBe(2);
    expect(await page.textContent('[data-counts]')).toBe('open klachten: 3; te laat: 2; deze week: 1; zonder termijn: 0');
    await expectAccessible(page, 'dashboard with overdue complaints');
  });
});
