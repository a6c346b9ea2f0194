/**
 * A whole Occure procedure through the admin console alone, in a real browser (Debian's Chromium,
 * playwright-core) against a local cloud this file starts: once in Dutch and once in English.
 *
 *   staff intake -> the acknowledgement (by the system) -> classify -> the person complained about
 *   recorded -> assigning them refused, another handler assigned -> contact by phone -> hearing ->
 *   ruling (letters previewed, then sent) -> objection to the board -> the board's hearing ->
 *   the board's decision -> closed
 *
 * Occure's regulation (tenants/occure.yaml, the version in force) decides who does what: the
 * complaints officer (staff group coordinator) investigates and rules, the board (director)
 * hears and decides the objection; the board's decision waits for its hearing, the objection for
 * the ruling, closing for an answer. Its current text names the web form and e-mail as the ways
 * in (no phone), so the staff intake is a mail typed in, and the phone is the contact step's.
 *
 * At each stage: the status in the language's words (never the id), exactly the steps the API
 * offers this user (the one just taken gone where it is done, the next one there), the timeline
 * and the letters (previewed, opened as sent); the person complained about never handles it (not
 * assignable); axe-core (no violation of any impact) on every view the procedure visits; no
 * script error. A letter recorded by the system after the file was drawn does not stop the next
 * step. At the end the complaint is closed, gone from the dashboard, found as closed, the skip
 * link keeps the view, and the language switch shows the same file in the other language.
 *
 * What does not depend on the language is checked in the Dutch run only: the person complained
 * about cannot see the complaint, the assigned handler is offered no step, and a change by
 * someone else meanwhile keeps the half-filled step for another try.
 *
 * The outbox is drained by the test (no stream consumer), so when letters go out is the test's.
 *
 * The DOM hooks are the ones docs/console.md lists. A failing test leaves a screenshot in
 * test-results/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../tools/report/chromium.ts';
import { texts } from '../../shared/texts/index.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient } from '../support/admin-client.ts';
import { expectAccessible, ready, screenshotOnFailure, settleAll, signInHere, signOut } from '../support/browser.ts';

// Functions run in the page (waitForFunction); the project compiles without the DOM library.
declare const document: any;

const TENANT = 'occure';
const USERS = {
  officer: { email: 'coordinator@occure.example', name: 'Carla Coördinator' },
  handler: { email: 'handler1@occure.example', name: 'Hans Behandelaar' },
  subject: { email: 'handler2@occure.example', name: 'Hanneke Behandelaar' },
  board: { email: 'director@occure.example', name: 'Dirk Directeur' },
} as const;

type Lang = 'nl' | 'en';
type Status = 'registered' | 'acknowledged' | 'assigned' | 'investigating' | 'ruled' | 'objection' | 'objection-decided' | 'closed';

/** The words the console must show, written out here (a wrong catalogue entry fails this test). */
const WORDS: Record<Lang, { status: Record<Status, string>; channels: string[]; category: string; partlyFounded: string; switchTo: string }> = {
  nl: {
    status: {
      registered: 'geregistreerd',
      acknowledged: 'ontvangst bevestigd',
      assigned: 'toegewezen',
      investigating: 'in onderzoek',
      ruled: 'uitspraak gedaan',
      objection: 'bezwaar in behandeling',
      'objection-decided': 'beslist op bezwaar',
      closed: 'afgesloten',
    },
    channels: ['webformulier', 'e-mail', 'e-mail aan de FG (privacyklachten)'],
    category: 'dienstverlening',
    partlyFounded: 'deels gegrond',
    switchTo: 'English',
  },
  en: {
    status: {
      registered: 'registered',
      acknowledged: 'acknowledged',
      assigned: 'assigned',
      investigating: 'being investigated',
      ruled: 'decided',
      objection: 'objection being handled',
      'objection-decided': 'objection decided',
      closed: 'closed',
    },
    channels: ['web form', 'e-mail', 'e-mail to the DPO (privacy complaints)'],
    category: 'service',
    partlyFounded: 'partly founded',
    switchTo: 'Nederlands',
  },
};

/** What the complainant says and staff write, per language. */
const CASE: Record<
  Lang,
  {
    name: string;
    email: string;
    description: string;
    contact: string;
    hearing: string;
    reasoning: string;
    improvements: string;
    objection: string;
    objectionHearing: string;
    objectionReasoning: string;
    finalReport: string;
  }
> = {
  nl: {
    name: 'Sanne de Vries',
    email: 'sanne@example.com',
    description: 'Ik ben drie keer niet teruggebeld over mijn re-integratieplan, terwijl dat wel was toegezegd.',
    contact: 'Klaagster gebeld voor een toelichting: de terugbelverzoeken staan in het systeem.',
    hearing: 'Klaagster en de adviseur samen gehoord; de terugbelverzoeken zijn blijven liggen.',
    reasoning: 'Twee van de drie terugbelverzoeken zijn niet opgepakt.',
    improvements: 'Terugbelverzoeken krijgen een vaste behandelaar en een termijn van één werkdag.',
    objection: 'Ik ben het niet eens met de uitspraak: alle drie de verzoeken zijn blijven liggen.',
    objectionHearing: 'Klaagster heeft haar bezwaar mondeling toegelicht bij de directie.',
    objectionReasoning: 'De directie handhaaft de uitspraak: het derde verzoek is wel beantwoord.',
    finalReport: 'Eindverslag aan klaagster gestuurd; de verbeteractie staat in het register.',
  },
  en: {
    name: 'Sam Smith',
    email: 'sam@example.com',
    description: 'I was not called back three times about my return-to-work plan, although this had been promised.',
    contact: 'Called the complainant for an explanation: the call-back requests are in the system.',
    hearing: 'Heard the complainant and the adviser together; the call-back requests were left lying.',
    reasoning: 'Two of the three call-back requests were not picked up.',
    improvements: 'Call-back requests get a fixed handler and a term of one working day.',
    objection: 'I do not agree with the decision: all three requests were left lying.',
    objectionHearing: 'The complainant explained the objection in person to the board.',
    objectionReasoning: 'The board upholds the decision: the third request was answered.',
    finalReport: 'Final report sent to the complainant; the improvement action is in the register.',
  },
};

let t: TestCloud | undefined;
let browser: Browser | undefined;
let api: string;
const clients: Partial<Record<keyof typeof USERS, AdminClient>> = {};

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  // Both started, whatever fails: afterAll stops what did start.
  await settleAll([
    // The outbox drained by the test (drainOutboxes), not on the table's stream: letters go out when it says.
    startTestCloud({ tenants: [TENANT], outboxStream: false }).then((cloud) => {
      t = cloud;
    }),
    launchChromium().then((b) => {
      browser = b;
    }),
  ]);
  api = t!.cloud.urls.api;
  for (const [who, user] of Object.entries(USERS)) clients[who as keyof typeof USERS] = await AdminClient.as(api, TENANT, { user: user.email });
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await t?.stop();
  }
});

/** Today in Amsterdam, as a date field takes it. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** One run of the procedure in one language, in its own browser context (its own session). */
async function runProcedure(lang: Lang, keep: (page: Page) => void): Promise<void> {
  const words = WORDS[lang];
  const said = CASE[lang];
  const cat = texts(lang);
  /** The checks that do not depend on the language run once, in Dutch. */
  const detours = lang === 'nl';
  const other = texts(lang === 'nl' ? 'en' : 'nl');
  const eventWords: Record<string, string> = { ...cat.event, ...cat.console.event };
  const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  const context: BrowserContext = await browser!.newContext({ locale: lang === 'nl' ? 'nl-NL' : 'en-GB', timezoneId: 'Europe/Amsterdam' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  keep(page);
  const scriptErrors: string[] = [];
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  let reference = '';

  const status = () => page.textContent('[data-fact=status]');
  const offered = async () => ((await page.getAttribute('[data-steps]', 'data-steps')) ?? '').split(' ').filter(Boolean);
  /** The steps shown are exactly the ones the API offers this user now. */
  const expectStepsAsApi = async (who: keyof typeof USERS) => {
    const file = await clients[who]!.complaint(reference);
    expect(await page.$$eval('details[data-step]', (d) => d.map((x) => x.getAttribute('data-step')))).toEqual(file.body.availableSteps);
    expect(await offered()).toEqual(file.body.availableSteps);
  };
  /** The outbox drained (letters sent and recorded) and the file drawn afresh, until `until` holds. */
  const reloadUntil = async (what: string, until: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await t!.cloud.drainOutboxes();
      await page.reload();
      await ready(page, 'complaints');
      if (await until()) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await page.waitForTimeout(250);
    }
  };
  /** A letter in the file's list, by its subject (in the complainant's language, which is the run's). */
  const letterRow = (letter: keyof typeof cat.letter.subject) => `[data-letters] tr[data-letter-id]:has(th:text-is("${cat.letter.subject[letter]} ${reference}"))`;
  /** Opens a step, fills it in, takes it; resolves when the file is drawn again with "Recorded: <step>". */
  const takeStep = async (id: keyof typeof cat.step, fillIn: () => Promise<void>) => {
    if ((await page.getAttribute(`details[data-step="${id}"]`, 'open')) === null) await page.click(`details[data-step="${id}"] > summary`);
    await fillIn();
    await page.click(`form[data-step="${id}"] [data-action=submit]`);
    const done = fill(cat.console.stepDone, { step: cat.step[id] });
    await page.waitForFunction((text) => document.querySelector('#app[data-state=ready] [data-notice=ok]')?.textContent === text, done);
  };
  const openFileFromDashboard = async () => {
    await ready(page, 'dashboard');
    await page.click(`tr[data-reference="${reference}"] a[href="#/klacht/${reference}"]`);
    await ready(page, 'complaints');
    expect(await page.textContent('#page-title')).toBe(reference);
  };
  const signInAs = async (who: keyof typeof USERS) => {
    if (await page.locator('[data-action=sign-out]').count()) await signOut(page);
    await signInHere(page, USERS[who].email);
    expect(await page.getAttribute('[data-user]', 'data-user')).toBe(USERS[who].email);
  };

  // --- signing in: in this language (English through the page's language switch) -----------------
  await page.goto(`${api}/${TENANT}/console`);
  await ready(page, 'sign-in');
  if (lang === 'en') {
    expect(await page.textContent('header a.lang')).toBe('English');
    await page.click('header a.lang');
    await page.waitForURL(/\/console\?lang=en$/);
    await ready(page, 'sign-in');
  }
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await page.textContent('#page-title')).toBe(cat.console.signIn);
  await expectAccessible(page, `${lang}: sign-in`);
  await signInHere(page, USERS.officer.email);
  await ready(page, 'dashboard');
  expect(await page.textContent('#page-title')).toBe(cat.console.dashboard);
  await expectAccessible(page, `${lang}: dashboard`);

  // --- staff intake: a mail to klachten@ typed in ----------------------------------------------------
  await page.click('[data-nav=intake]');
  await ready(page, 'intake');
  expect(await page.textContent('#page-title')).toBe(cat.console.newIntake);
  // Exactly the channels Occure's regulation names, in words; no phone among them.
  expect(await page.$$eval('#intake-channel option', (o) => o.filter((x) => x.getAttribute('value')).map((x) => x.textContent))).toEqual(words.channels);
  expect(await page.$$eval('#intake-channel option', (o) => o.map((x) => x.getAttribute('value')))).not.toContain('phone');
  await expectAccessible(page, `${lang}: intake`);
  await page.selectOption('#intake-channel', 'email');
  await page.fill('#intake-complainant-name', said.name);
  await page.fill('#intake-complainant-email', said.email);
  await page.fill('#intake-complainant-phone', '06 12345678');
  await page.selectOption('#intake-complainant-language', lang);
  await page.fill('#intake-description', said.description);
  await page.click('form[data-form=intake] [data-action=submit]');
  await page.waitForURL(/#\/klacht\/KL-\d{4}-\d{6}$/);
  await ready(page, 'complaints');
  reference = (await page.textContent('#page-title'))!;
  expect(reference).toMatch(/^KL-\d{4}-\d{6}$/);
  await page.waitForFunction((text) => document.getElementById('live').textContent === text, fill(cat.console.intakeDone, { reference }));
  expect(await page.textContent('[data-fact=complainant]')).toBe(`${said.name} <${said.email}> · 06 12345678`);
  expect([words.status.registered, words.status.acknowledged]).toContain(await status());

  // The acknowledgement goes out by itself (the outbox): then the status says so, and the step is gone.
  await reloadUntil('the acknowledgement', async () => (await status()) === words.status.acknowledged);
  expect(await offered()).not.toContain('acknowledge');
  await expectStepsAsApi('officer');
  // Not yet: an objection (only against a ruling), the board's steps, closing (only after an answer).
  for (const notYet of ['objection', 'objection-hearing', 'objection-decision', 'close']) expect(await offered()).not.toContain(notYet);
  expect(await page.textContent('[data-timeline] li[data-event=acknowledged]')).toContain(eventWords.acknowledged);
  expect(await page.textContent('[data-timeline] li[data-event=registered]')).toContain(`${eventWords.registered} — ${cat.console.by} ${USERS.officer.email}`);
  await page.waitForSelector(`${letterRow('acknowledgement')}[data-letter-state=done]`);
  // Its dates: the written decision due, the acknowledgement met.
  await page.waitForSelector('[data-deadlines] tr[data-milestone=ruling][data-kind=hard] td[data-why] details[data-reason]');
  await page.waitForSelector('[data-past-deadlines] tr[data-milestone=acknowledgement][data-state=met]');
  await expectAccessible(page, `${lang}: file, acknowledged`);

  // --- classify ------------------------------------------------------------------------------------
  await takeStep('classify', async () => {
    await page.check('form[data-step=classify] input[name=categories][value=service]');
    await page.selectOption('#step-classify-complainant', 'customer');
  });
  expect(await page.textContent('[data-fact=categories]')).toBe(words.category);
  expect(await page.textContent('[data-timeline] li[data-event=classified]')).toContain(eventWords.classified);
  await expectStepsAsApi('officer');
  await expectAccessible(page, `${lang}: file, classified`);

  // --- the person complained about -----------------------------------------------------------------
  await takeStep('involvement', async () => {
    await page.fill('#step-involvement-person-email', USERS.subject.email);
    await page.fill('#step-involvement-person-name', USERS.subject.name);
    await page.fill('#step-involvement-person-function', 'adviseur');
    await page.selectOption('#step-involvement-person-involvement', 'subject');
  });
  expect(await page.textContent('[data-fact=involved]')).toBe(`${USERS.subject.name} (${cat.console.option.involvement.subject})`);
  expect(await page.textContent('[data-timeline] li[data-event=involvement-recorded]')).toContain(eventWords['involvement-recorded']);

  // --- assign: never to the person complained about ------------------------------------------------
  await page.click('details[data-step=assign] > summary');
  await page.fill('#step-assign-handler-email', USERS.subject.email);
  await page.fill('#step-assign-handler-name', USERS.subject.name);
  await page.click('form[data-step=assign] [data-action=submit]');
  await page.waitForSelector('form[data-step=assign] [data-error-summary]');
  expect(await page.textContent('form[data-step=assign] [data-error-summary] li')).toBe(fill(cat.error.rule.handlerIsSubject, { name: USERS.subject.name }));
  expect(await page.evaluate('document.activeElement.hasAttribute("data-error-summary")')).toBe(true);
  expect(await page.textContent('[data-fact=handler]')).toBe(cat.console.unassigned);
  expect(await status()).toBe(words.status.acknowledged);
  await expectAccessible(page, `${lang}: assign refused`);
  await takeStep('assign', async () => {
    await page.fill('#step-assign-handler-email', USERS.handler.email);
    await page.fill('#step-assign-handler-name', USERS.handler.name);
    await page.fill('#step-assign-handler-function', 'teamleider');
  });
  expect(await status()).toBe(words.status.assigned);
  expect(await page.textContent('[data-fact=handler]')).toBe(`${USERS.handler.name} <${USERS.handler.email}>, teamleider`);
  expect(await page.textContent('[data-timeline] li[data-event=assigned]')).toContain(eventWords.assigned);
  await expectStepsAsApi('officer');
  await expectAccessible(page, `${lang}: file, assigned`);

  // (Once, in the Dutch run: what does not depend on the language.) The person complained about
  // cannot see it at all; the handler sees it but takes no step: Occure's regulation gives the
  // investigation and the ruling to the complaints officer.
  if (detours) {
    await signInAs('subject');
    await ready(page, 'dashboard');
    expect(await page.textContent('#page-title')).toBe(cat.console.dashboardOwn);
    expect(await page.locator(`tr[data-reference="${reference}"]`).count()).toBe(0);
    await page.goto(`${api}/${TENANT}/console#/klacht/${reference}`);
    await ready(page, 'complaints');
    // Not "forbidden": to them the complaint does not exist.
    expect(await page.textContent('#app [data-notice=warn]')).toBe(fill(cat.error.notFound.complaint, { reference }));
    expect(await page.locator('[data-steps], [data-file]').count()).toBe(0);
    await expectAccessible(page, `${lang}: the person complained about: not found`);
    await signInAs('handler');
    await ready(page, 'dashboard');
    expect(await page.textContent('#page-title')).toBe(cat.console.dashboardOwn);
    expect(await page.textContent(`tr[data-reference="${reference}"]`)).toContain(words.status.assigned);
    await expectAccessible(page, `${lang}: handler's dashboard`);
    await openFileFromDashboard();
    expect(await page.textContent('[data-no-steps]')).toBe(cat.console.noSteps);
    await expectStepsAsApi('handler');
    await expectAccessible(page, `${lang}: handler's file, no steps`);
    await signInAs('officer');
    await openFileFromDashboard();
  }

  // --- the complaints officer investigates: contact by phone, the hearing ---------------------------
  await takeStep('contact', async () => {
    await page.selectOption('#step-contact-via', 'phone');
    await page.fill('#step-contact-summary', said.contact);
  });
  expect(await status()).toBe(words.status.investigating);
  expect(await page.textContent('[data-timeline] li[data-event=contacted]')).toContain(eventWords.contacted);
  await expectAccessible(page, `${lang}: file, contacted`);
  await takeStep('hearing', async () => {
    await page.fill('#step-hearing-heldOn', today());
    await page.fill('#step-hearing-summary', said.hearing);
    await page.selectOption('#step-hearing-heard', 'both');
  });
  expect(await status()).toBe(words.status.investigating);
  expect(await page.textContent('[data-timeline] li[data-event=hearing-held]')).toContain(eventWords['hearing-held']);
  await expectStepsAsApi('officer');
  await expectAccessible(page, `${lang}: file, heard`);

  // --- the ruling: its letter previewed, then sent ---------------------------------------------------
  await page.click('details[data-step=ruling] > summary');
  await page.selectOption('#step-ruling-outcome', 'partly-founded');
  await page.fill('#step-ruling-reasoning', said.reasoning);
  await page.fill('#step-ruling-improvements', said.improvements);
  await page.check('form[data-step=ruling] input[name=remedies][value=improvement-action]');
  await page.click('form[data-step=ruling] [data-action=preview]');
  await page.waitForSelector('[data-preview=ruling] [data-preview-status]');
  expect(await page.textContent('[data-preview=ruling] [data-preview-status]')).toBe(fill(cat.console.previewStatus, { status: words.status.ruled }));
  expect(await page.textContent('[data-preview=ruling] article[data-preview-letter=ruling] h4')).toBe(`${cat.letter.subject.ruling} ${reference}`);
  expect(await page.textContent('[data-preview=ruling] article[data-preview-letter=ruling] pre')).toContain(said.improvements);
  expect(await status()).toBe(words.status.investigating);
  await expectAccessible(page, `${lang}: ruling previewed`);
  await takeStep('ruling', async () => undefined);
  expect(await status()).toBe(words.status.ruled);
  expect(await page.textContent('[data-fact=decision]')).toBe(`${words.partlyFounded}: ${said.reasoning}`);
  // The ruling is given once; now the objection may be recorded, and the file may be closed.
  expect(await offered()).not.toContain('ruling');
  expect(await offered()).toEqual(expect.arrayContaining(['objection', 'close']));
  await expectStepsAsApi('officer');
  expect(await page.textContent('[data-timeline] li[data-event=ruling-sent]')).toContain(eventWords['ruling-sent']);
  await page.waitForSelector('[data-windows] tr[data-window=objection]');
  // The letter as sent: the complainant's language, the reasons and the improvements.
  await reloadUntil('the ruling letter', async () => {
    await page.waitForSelector('[data-letters] table');
    return (await page.locator(`${letterRow('ruling')}[data-letter-state=done]`).count()) === 1;
  });
  await page.click(`${letterRow('ruling')} [data-action=open-letter]`);
  await page.waitForSelector('[data-letter-view] article[data-letter]');
  expect(await page.textContent('[data-letter-view] h3')).toBe(`${cat.letter.subject.ruling} ${reference}`);
  const ruling = (await page.textContent('[data-letter-view] pre'))!;
  expect(ruling).toContain(said.reasoning);
  expect(ruling).toContain(said.improvements);
  expect(await page.evaluate('document.activeElement.getAttribute("data-letter")')).toBeTruthy();
  await expectAccessible(page, `${lang}: ruling letter opened`);

  // --- the objection, to the board: recorded, heard, then decided ------------------------------------
  await signInAs('board');
  await expectAccessible(page, `${lang}: board's dashboard`);
  await openFileFromDashboard();
  await expectStepsAsApi('board');
  expect(await offered()).toContain('objection');
  await takeStep('objection', async () => {
    await page.fill('#step-objection-text', said.objection);
  });
  expect(await status()).toBe(words.status.objection);
  expect(await page.textContent('[data-timeline] li[data-event=objection-received]')).toContain(eventWords['objection-received']);
  // The board hears the objection before it decides on it.
  expect(await offered()).not.toContain('objection');
  expect(await offered()).toContain('objection-hearing');
  expect(await offered()).not.toContain('objection-decision');
  await expectStepsAsApi('board');
  await expectAccessible(page, `${lang}: file, objection`);
  // The invitation to the hearing goes out and is recorded after this file was drawn: a change by
  // the system, not by someone else, so the next step is taken (no "changed meanwhile").
  const lettersDrawn = await page.locator('[data-timeline] li[data-event=letter-sent]').count();
  await t!.cloud.drainOutboxes();
  const recorded = ((await clients.board!.complaint(reference)).body.timeline as Array<{ type: string }>).filter((e) => e.type === 'letter-sent').length;
  expect(recorded).toBeGreaterThan(lettersDrawn);
  await takeStep('objection-hearing', async () => {
    await page.fill('#step-objection-hearing-heldOn', today());
    await page.fill('#step-objection-hearing-summary', said.objectionHearing);
  });
  expect(await page.locator('#app [data-notice=warn]').count()).toBe(0);
  expect(await status()).toBe(words.status.objection);
  expect(await offered()).toContain('objection-decision');
  expect(await page.textContent('[data-timeline] li[data-event=objection-hearing-held]')).toContain(eventWords['objection-hearing-held']);
  await expectStepsAsApi('board');
  await expectAccessible(page, `${lang}: file, objection heard`);
  await takeStep('objection-decision', async () => {
    await page.selectOption('#step-objection-decision-outcome', 'unfounded');
    await page.fill('#step-objection-decision-reasoning', said.objectionReasoning);
  });
  expect(await status()).toBe(words.status['objection-decided']);
  expect(await offered()).not.toContain('objection-decision');
  expect(await page.textContent('[data-timeline] li[data-event=objection-decided]')).toContain(`${eventWords['objection-decided']} — ${cat.console.by} ${USERS.board.email}`);
  await expectStepsAsApi('board');
  await expectAccessible(page, `${lang}: file, objection decided`);

  // --- closing, by the complaints officer ----------------------------------------------------------
  await signInAs('officer');
  await openFileFromDashboard();
  expect(await offered()).toContain('close');
  // (Once, in the Dutch run.) Someone else changes the file meanwhile (a note, in another tab): the
  // step is not taken on what this page showed; the file is drawn again with the form as it was.
  if (detours) {
    await page.click('details[data-step=close] > summary');
    await page.fill('#step-close-finalReport', said.finalReport);
    expect((await clients.officer!.step(reference, 'note', { text: 'Klaagster belde nog even.' })).status).toBe(200);
    await page.click('form[data-step=close] [data-action=submit]');
    await page.waitForSelector('#app[data-state=ready] [data-notice=warn]');
    expect(await page.textContent('#app [data-notice=warn]')).toBe(cat.console.conflict);
    expect(await status()).toBe(words.status['objection-decided']);
    expect(await page.inputValue('#step-close-finalReport')).toBe(said.finalReport);
    expect(await page.getAttribute('details[data-step=close]', 'open')).toBe('');
    expect(await page.textContent('[data-timeline] li[data-event=note-added]')).toContain(eventWords['note-added']);
    await expectAccessible(page, `${lang}: changed meanwhile`);
  }
  await takeStep('close', async () => {
    if (!detours) await page.fill('#step-close-finalReport', said.finalReport);
  });
  expect(await status()).toBe(words.status.closed);
  expect(await offered()).not.toContain('close');
  await expectStepsAsApi('officer');
  // The whole trail, newest first.
  const trail = await page.$$eval('[data-timeline] li[data-event]', (items) => items.map((li) => li.getAttribute('data-event')).filter((type) => type !== 'letter-sent'));
  const steps = [
    'closed',
    ...(detours ? ['note-added'] : []),
    'objection-decided',
    'objection-hearing-held',
    'objection-received',
    'ruling-sent',
    'hearing-held',
    'contacted',
    'assigned',
    'involvement-recorded',
    'classified',
  ];
  expect(trail.slice(0, steps.length)).toEqual(steps);
  // What the system did at registration (the outbox decides their order).
  expect(trail.slice(steps.length).sort()).toEqual(['acknowledged', 'coordinator-notified', 'registered']);
  expect(await page.textContent('[data-timeline] li[data-event=closed]')).toContain(`${eventWords.closed} — ${cat.console.by} ${USERS.officer.email}`);
  // Every letter to the complainant went out, in the complainant's language.
  await reloadUntil('the letters to the complainant', async () => {
    await page.waitForSelector('[data-letters] table');
    for (const letter of ['acknowledgement', 'ruling', 'objection-hearing-invitation', 'objection-decision', 'final-report'] as const) {
      if ((await page.locator(`${letterRow(letter)}[data-letter-state=done]`).count()) !== 1) return false;
    }
    return true;
  });
  expect(await status()).toBe(words.status.closed);
  await expectAccessible(page, `${lang}: file, closed`);

  // The skip link goes to the content and stays on the file (it is no route).
  await page.focus('a.skip');
  await page.keyboard.press('Enter');
  expect(await page.evaluate('document.activeElement.id')).toBe('main');
  expect(new URL(page.url()).hash).toBe(`#/klacht/${reference}`);
  expect(await page.getAttribute('#app', 'data-view')).toBe('complaints');

  // Closed: off the dashboard; found, with its status in words.
  await page.click('[data-nav=dashboard]');
  await ready(page, 'dashboard');
  expect(await page.locator(`tr[data-reference="${reference}"]`).count()).toBe(0);
  await page.click('[data-nav=complaints]');
  await ready(page, 'complaints');
  await page.fill('#f-q', reference);
  await page.click('form[data-form=find] [data-action=find]');
  await page.waitForSelector(`#app[data-state=ready] [data-results] tr[data-reference="${reference}"][data-status=closed]`);
  expect(await page.textContent(`[data-results] tr[data-reference="${reference}"] td`)).toBe(words.status.closed);
  await expectAccessible(page, `${lang}: found, closed`);

  // The language switch keeps the view: the same file, in the other language, still signed in.
  await page.click(`[data-results] tr[data-reference="${reference}"] a`);
  await ready(page, 'complaints');
  expect(await page.textContent('header a.lang')).toBe(words.switchTo);
  await page.click('header a.lang');
  await page.waitForURL(new RegExp(`/console${lang === 'nl' ? '\\?lang=en' : ''}#/klacht/${reference}$`));
  await ready(page, 'complaints');
  expect(await page.getAttribute('html', 'lang')).toBe(lang === 'nl' ? 'en' : 'nl');
  expect(await page.textContent('#page-title')).toBe(reference);
  expect(await status()).toBe(WORDS[lang === 'nl' ? 'en' : 'nl'].status.closed);
  expect(await page.textContent('#timeline-title')).toBe(other.console.timeline);
  await expectAccessible(page, `${lang}: file, closed, in the other language`);

  expect(scriptErrors).toEqual([]);
  await context.close();
}

describe('a whole Occure procedure through the console', () => {
  let page: Page | undefined;
  test('in Dutch: intake, classify, assign, hearing, ruling, objection, closing', async (ctx) => {
    screenshotOnFailure(ctx, () => page, 'console-procedure');
    await runProcedure('nl', (p) => {
      page = p;
    });
  }, 150_000);
  test('in English: the same procedure, every word in English', async (ctx) => {
    screenshotOnFailure(ctx, () => page, 'console-procedure');
    await runProcedure('en', (p) => {
      page = p;
    });
  }, 150_000);
});
