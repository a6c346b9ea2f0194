/**
 * One organisation, two regulation versions, through the local cloud (issue 15, "Done when"):
 * Occure's 2019 text is in force until 31 December 2024, the current one from 1 January 2025
 * (tenants/occure.yaml holds both). A complaint received at 23:30 on New Year's Eve lives under
 * the 2019 rules for its whole life, also for the complaint about its handling lodged in 2025; one
 * received an hour later, after midnight in Amsterdam, under the current rules. The file, the
 * status page and the yearly report say which version applies.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AdminClient, call, submitComplaint } from '../support/admin-client.ts';
import { eventually, startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const TENANT = 'occure';
let t: TestCloud;
let api: string;
const complaint = (name: string) => ({ complainant: { name, email: `${name.toLowerCase()}@example.com` }, description: 'Mijn verzuimbegeleiding liep vertraging op.' });
let before: { reference: string; statusUrl: string };
let after: { reference: string; statusUrl: string };

/** A fresh token for the clock as it is now (the dev issuer's tokens expire as the clock travels). */
const coordinator = () => AdminClient.as(api, TENANT, { role: 'coordinator' });

beforeAll(async () => {
  // Tuesday 31 December 2024, 23:30 in Amsterdam (22:30 UTC).
  t = await startTestCloud({ tenants: [TENANT], clockStart: new Date('2024-12-31T23:30:00+01:00') });
  api = t.cloud.urls.api;
  before = await submitComplaint(api, TENANT, complaint('Eva'));
  // An hour later it is Wednesday 1 January 2025 in Amsterdam, still 31 December in UTC.
  await t.cloud.clock.advance(60 * 60_000);
  after = await submitComplaint(api, TENANT, complaint('Daan'));
  await t.cloud.drainOutboxes();
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('received either side of midnight', () => {
  test('31 December 2024, 23:30: the 2019 rules (a written answer within 21 days), as the file says', async () => {
    const { body } = await (await coordinator()).complaint(before.reference);
    expect(body.regulationVersion).toBe('2019-01-01');
    expect(body.regulation).toEqual({ version: '2019-01-01', effectiveFrom: '2019-01-01', title: 'Klachtenreglement Occure', superseded: true });
    // 21 days after Tuesday 31 December 2024: Tuesday 21 January 2025.
    expect(body.milestones.map((m: { milestoneId: string; due: string }) => [m.milestoneId, m.due])).toEqual([['written-answer', '2025-01-21']]);
  });

  test('1 January 2025, 00:30: the current rules (acknowledgement in five working days, a ruling within a month)', async () => {
    const { body } = await (await coordinator()).complaint(after.reference);
    expect(body.regulationVersion).toBe('2025-01-01');
    expect(body.regulation).toMatchObject({ version: '2025-01-01', effectiveFrom: '2025-01-01', superseded: false });
    // Five working days after New Year's Day (a holiday): Thursday 2 ... Wednesday 8 January; a month: Saturday 1 February -> Monday 3.
    expect(body.milestones.map((m: { milestoneId: string; due: string }) => [m.milestoneId, m.due])).toEqual([
      ['acknowledgement', '2025-01-08'],
      ['ruling', '2025-02-03'],
    ]);
  });

  test('the status page says which version applies, as JSON and on the page', async () => {
    const status = await call(before.statusUrl);
    expect(status.body.regulation).toMatchObject({ version: '2019-01-01', superseded: true });
    const page = await call(`${before.statusUrl}/pagina`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-regulation-version="2019-01-01"');
    expect(page.body).toContain('Behandeld volgens Klachtenreglement Occure, versie 2019-01-01 (geldig vanaf dinsdag 1 januari 2019), de regeling die gold toen wij uw klacht ontvingen.');
    const current = await call(`${after.statusUrl}/pagina?lang=en`);
    expect(current.body).toContain('Handled under Klachtenregeling Occure, version 2025-01-01 (in force from Wednesday, 1 January 2025).');
  });
});

describe('a complaint from before the change keeps its rules after it', () => {
  test('ruled in January 2025, its complaint about the handling is handled under 2019: the director names the external party within 15 working days', async () => {
    await t.cloud.clock.advance(9 * 24 * 3600_000); // Friday 10 January 2025, 00:30
    const staff = await coordinator();
    const ruled = await staff.step(before.reference, 'ruling', { outcome: 'unfounded', reasoning: 'De begeleiding liep volgens afspraak.' });
    expect(ruled.status, JSON.stringify(ruled.body)).toBe(200);
    const objected = await staff.step(before.reference, 'objection', { text: 'Mijn klacht is niet goed afgehandeld.' });
    expect(objected.status, JSON.stringify(objected.body)).toBe(200);
    // The 2019 text's rule, not the current one's (an objection to the board, decided a month after the hearing).
    expect(objected.body.event.rule).toBe('Procedurebeschrijving ¶4');
    const { body } = await staff.complaint(before.reference);
    // 15 working days after Friday 10 January 2025: Monday 13 ... Friday 31 January.
    expect(body.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'external-party-named')).toMatchObject({ status: 'open', due: '2025-01-31' });
    expect(body.milestones.some((m: { milestoneId: string }) => m.milestoneId === 'objection-decision')).toBe(false);
    // The regulation's own external party for it is named by the director: the 2019 choice, not Stichting Dokh.
    const decided = await staff.step(before.reference, 'objection-decision', { outcome: 'unfounded', reasoning: 'De afhandeling was zorgvuldig.' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const referred = await staff.step(before.reference, 'external-referral', { body: 'Stichting Klachtenregeling Arbodiensten' });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    expect(referred.body.complaint.status).toBe('referred-externally');
  });

  test('the current complaint gets the current rules meanwhile: acknowledged by the system, its ruling due on 3 February', async () => {
    const staff = await coordinator();
    await eventually('acknowledged', async () => (await staff.complaint(after.reference)).body.status === 'acknowledged');
    const { body } = await staff.complaint(after.reference);
    expect(body.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'ruling')).toMatchObject({ status: 'open', due: '2025-02-03' });
  });
});

test('the yearly report covers the organisation across versions: December 2024 to January 2025 shows both', async () => {
  const report = await AdminClient.as(api, TENANT, { role: 'coordinator' }).then((c) => c.get('/reports/yearly?from=2024-12-01&to=2025-01-31'));
  expect(report.status).toBe(200);
  expect(report.body.current.complaints).toBe(2);
  expect(report.body.current.byVersion.map((r: { id: string; count: number }) => [r.id, r.count])).toEqual([
    ['2019-01-01', 1],
    ['2025-01-01', 1],
  ]);
  // Each complaint's deadlines under its own version: the 2019 written answer and the current acknowledgement side by side.
  const milestones = report.body.current.deadlines.map((d: { milestoneId: string }) => d.milestoneId);
  expect(milestones).toEqual(expect.arrayContaining(['written-answer', 'acknowledgement', 'ruling', 'external-party-named']));
  const html = await AdminClient.as(api, TENANT, { role: 'coordinator' }).then((c) => c.get('/reports/yearly.html?from=2024-12-01&to=2025-01-31'));
  expect(html.body).toContain('Klachten per versie van de regeling');
});
