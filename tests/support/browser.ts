/**
 * The browser side of the e2e tests, in one place: the system Chromium (tools/report/chromium.ts,
 * as the report tools launch it), axe-core over a page, a screenshot when a test fails, and for the
 * admin console waiting for a view and signing in and out as a dev-issuer user (the hooks
 * docs/console.md lists).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestContext } from 'vitest';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The impacts the hosted pages and most console views must not have; the procedure test fails on any. */
export const SERIOUS_OR_WORSE = ['serious', 'critical'] as const;
export const ANY_IMPACT = ['minor', 'moderate', 'serious', 'critical'] as const;

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * axe-core on the page as it is now (its frames too). `impacts`: the impacts that fail the test
 * (default: every one, minor included).
 */
export async function expectAccessible(on: Page, what: string, impacts: readonly string[] = ANY_IMPACT): Promise<void> {
  const started = Date.now();
  // Loaded once per document (the console changes views without loading a page).
  for (const frame of on.frames()) if (!(await frame.evaluate('typeof axe !== "undefined"'))) await frame.evaluate(`${AXE_SOURCE}\n;0`);
  const violations = (await on.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  )) as AxeViolation[];
  if (process.env.E2E_AXE_VERBOSE) console.info(`axe ${what} (${Date.now() - started} ms): ${JSON.stringify(violations)}`);
  const failing = violations.filter((v) => impacts.includes(v.impact));
  expect(failing, `axe on ${what}: ${JSON.stringify(failing, null, 2)}`).toEqual([]);
}

/** The view is drawn (`#app[data-state=ready][data-view]`), with the page's one h1. */
export async function ready(on: Page, view: string): Promise<void> {
  await on.waitForSelector(`#app[data-state=ready][data-view="${view}"]`);
  expect(await on.locator('h1').count()).toBe(1);
}

/** Signs in on the sign-in view shown now as a dev-issuer user; resolves once another view is drawn. */
export async function signInHere(on: Page, email: string): Promise<void> {
  await on.waitForSelector('#app[data-state=ready][data-view=sign-in] input[name=user]');
  await on.check(`input[name=user][value="${email}"]`);
  await on.click('#app form[data-form=sign-in] button[type=submit]');
  await on.waitForSelector('#app[data-state=ready]:not([data-view=sign-in])');
}

export async function signOut(on: Page): Promise<void> {
  await on.click('[data-action=sign-out]');
  await on.waitForSelector('#app[data-state=ready][data-view=sign-in]');
}

/** A screenshot of the page in test-results/ when the test fails. */
export function screenshotOnFailure({ onTestFailed, task }: TestContext, which: () => Page | undefined, prefix: string): void {
  onTestFailed(async () => {
    const name = task.name
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 80);
    await which()
      ?.screenshot({ path: `test-results/${prefix}-${name}.png`, fullPage: true })
      .catch(() => undefined);
  });
}

/**
 * Waits until every promise has settled, then throws the first failure: a start that fails does
 * not leave another one still starting behind it (a Chromium or a DynamoDB Local the test's
 * afterAll would not know of). Assign what started inside the promises.
 */
export async function settleAll(starts: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
