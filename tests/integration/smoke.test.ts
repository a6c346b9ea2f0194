/**
 * `npm run smoke` against a local cloud: every check passes and nothing of the test complaint
 * remains (erased, its status link dead, no schedules), also for a tenant whose only first deadline
 * is met by the acknowledgement; a tenant the cloud does not run and a stopped Scheduler emulator
 * fail with a reason that says so.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient, call } from '../support/admin-client.ts';
import { CHECKS, runSmoke, type SmokeReport, type SmokeTarget } from '../../tools/smoke/checks.ts';
import { devIssuerToken } from '../../tools/smoke/settings.ts';
import { runSmokeCommand } from '../../tools/smoke.ts';

let t: TestCloud;
let coordinator: AdminClient;

beforeAll(async () => {
  t = await startTestCloud({ tenants: ['demo', 'ok-ondernemen'] });
  coordinator = await AdminClient.as(t.cloud.urls.api, 'demo', { role: 'coordinator' });
});
afterAll(async () => {
  await t?.stop();
});

const target = (tenant = 'demo'): SmokeTarget => ({
  tenant,
  api: `${t.cloud.urls.api}/${tenant}`,
  scheduler: { client: t.scheduler, group: `klachten-${tenant}`, where: `the Scheduler emulator at ${t.cloud.urls.scheduler}` },
  staffToken: () => devIssuerToken(t.cloud.urls.api, tenant),
});
const fast = { pollMs: 100, scheduleTimeoutMs: 15_000, cleanupTimeoutMs: 15_000 };

const outcome = (report: SmokeReport) => Object.fromEntries(report.checks.map((c) => [c.check, c.ok ? 'ok' : c.detail]));
const schedulesOf = async (reference: string) => ((await t.scheduler.send(new ListSchedulesCommand({ NamePrefix: `${reference}.` }))).Schedules ?? []).map((s) => s.Name);

/** Nothing of the smoke test's complaint remains: no personal data, no status link, no schedules, nothing the subject's export finds. */
async function expectNothingLeft(report: SmokeReport, statusUrls: string[] = [], staff = coordinator) {
  const reference = report.reference!;
  const file = await staff.complaint(reference);
  expect(file.status).toBe(200);
  expect(file.body.anonymisedAt).toEqual(expect.any(String));
  expect(file.body.status).toBe('withdrawn');
  const text = JSON.stringify(file.body);
  expect(text).not.toContain('ROOKTEST');
  expect(text).not.toContain('Rooktest');
  expect(text.toLowerCase()).not.toContain('simulator.amazonses.com');
  const exported = await staff.get(`/subjects/export?email=${encodeURIComponent(report.email)}`);
  expect(exported.status).toBe(200);
  expect(exported.body.complaints).toEqual([]);
  for (const url of statusUrls) expect((await call(url)).status).toBe(404);
  await t.cloud.drainOutboxes();
  expect(await schedulesOf(reference)).toEqual([]);
  // The erasure is in the audit log, saying it was the smoke test.
  const audit = await staff.get('/audit?limit=20');
  expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'subject-erasure', references: [reference], reason: expect.stringContaining('npm run smoke') }));
}

describe('the smoke checks against a running local cloud', () => {
  test('every check passes, and the test complaint is erased afterwards', async () => {
    const seen: string[] = [];
    const report = await runSmoke(target(), { ...fast, onCheck: (c) => seen.push(c.check) });
    expect(outcome(report)).toEqual(Object.fromEntries(CHECKS.map((c) => [c, 'ok'])));
    expect(seen).toEqual([...CHECKS]);
    expect(report).toMatchObject({ ok: true, erased: true, reference: expect.stringMatching(/^KL-\d{4}-\d{6}$/), email: expect.stringMatching(/^success\+smoke-.+@simulator\.amazonses\.com$/) });
    const detail = Object.fromEntries(report.checks.map((c) => [c.check, c.detail]));
    expect(detail.schedule).toMatch(new RegExp(`^${report.reference}\\.[a-z0-9-]+\\.check in group klachten-demo \\(the Scheduler emulator at http://127\\.0\\.0\\.1:\\d+\\), at\\(`));
    expect(detail['clean-up']).toBe(`${report.reference} withdrawn, its schedules gone, erased, status link 404, file anonymised`);
    // The status link is never printed with its token.
    expect(report.checks.map((c) => c.detail).join('\n')).not.toMatch(/\/status\/(?!<token>)/);
    await expectNothingLeft(report);
  });

  test('a tenant whose only first deadline is met by the acknowledgement: nothing left to schedule, said so; all pass', async () => {
    const report = await runSmoke(target('ok-ondernemen'), fast);
    expect(outcome(report)).toEqual(Object.fromEntries(CHECKS.map((c) => [c, 'ok'])));
    const schedule = report.checks.find((c) => c.check === 'schedule')!.detail;
    expect(schedule).toMatch(
      new RegExp(
        `^no deadline of ${report.reference} is open any more \\(acknowledgement met\\), so none is scheduled; the Scheduler emulator at http://127\\.0\\.0\\.1:\\d+ answered for group klachten-ok-ondernemen$`,
      ),
    );
    await expectNothingLeft(report, [], await AdminClient.as(t.cloud.urls.api, 'ok-ondernemen', { role: 'coordinator' }));
  });

  test('the command: one ✓ line per check, exit code 0, nothing left', async () => {
    const out: string[] = [];
    const code = await runSmokeCommand(
      ['--tenant', 'demo', '--url', t.cloud.urls.api, '--scheduler-url', t.cloud.urls.scheduler, '--timeout', '15'],
      { out: (l) => out.push(l), err: (l) => out.push(l) },
      {},
      { pollMs: 100 },
    );
    expect(code, out.join('\n')).toBe(0);
    expect(out).toHaveLength(CHECKS.length + 2);
    expect(out.slice(1, -1).every((line) => line.startsWith('✓ '))).toBe(true);
    const reference = /the test complaint (KL-\d{4}-\d{6}) is erased$/.exec(out.at(-1)!)?.[1];
    expect(reference).toBeDefined();
    expect((await coordinator.complaint(reference!)).body.anonymisedAt).toEqual(expect.any(String));
  });

  test('a tenant this cloud does not run: the form page says so, and no complaint is sent', async () => {
    const before = (await coordinator.get('/complaints?limit=200')).body.items.length;
    const report = await runSmoke(target('focus'), fast);
    const result = outcome(report);
    expect(result['form page']).toMatch(/^404 Not Found from http:\/\/127\.0\.0\.1:\d+\/focus\/klacht: this local cloud does not run tenant "focus" \(it runs demo, ok-ondernemen\)$/);
    expect(result['staff token']).toMatch(/dev issuer refused a coordinator's token for tenant focus/);
    for (const check of ['complaint', 'schedule', 'status link', 'staff read', 'clean-up'] as const) {
      expect(result[check]).toBe("not run: without a coordinator's token the test complaint could not be erased, so none was sent");
    }
    expect(report).toMatchObject({ ok: false, erased: false });
    expect(report.reference).toBeUndefined();
    expect((await coordinator.get('/complaints?limit=200')).body.items.length).toBe(before);
  });

  test('a stopped Scheduler emulator: the schedule check fails with the reason; the complaint is still withdrawn and erased', async () => {
    await t.cloud.stopScheduler();
    let report: SmokeReport;
    try {
      report = await runSmoke(target(), { ...fast, scheduleTimeoutMs: 2_000, cleanupTimeoutMs: 2_000 });
    } finally {
      await t.cloud.startScheduler();
    }
    const result = outcome(report);
    expect(result.schedule).toMatch(
      new RegExp(`^GetSchedule ${report.reference}\\.[a-z0-9-]+\\.check failed at the Scheduler emulator at http://127\\.0\\.0\\.1:\\d+: not reachable \\(ECONNREFUSED\\): is it running\\?$`),
    );
    for (const check of ['form page', 'staff token', 'complaint', 'status link', 'staff read'] as const) expect(result[check]).toBe('ok');
    // The personal data goes all the same; what could not be confirmed is said.
    expect(report.erased).toBe(true);
    expect(result['clean-up']).toMatch(
      new RegExp(`^${report.reference} withdrawn, erased, status link 404, file anonymised; could not confirm its schedules are gone: GetSchedule .* not reachable \\(ECONNREFUSED\\)`),
    );
    expect(report.ok).toBe(false);
    // With the Scheduler back, the outbox creates nothing for the erased complaint.
    await expectNothingLeft(report);
  });
});
