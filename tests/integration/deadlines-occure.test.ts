/**
 * Issue 5, "Done when", for the current Occure regulation (tenants/occure.yaml), against one
 * local cloud whose clock starts on Friday 24 April 2026, 10:00 Amsterdam time:
 * - the acknowledgement goes out at once and its 5-working-day milestone falls on Mon 4 May
 *   (Koningsdag, Mon 27 April, is not counted);
 * - the ruling (1 month: Sun 24 May -> Whit Monday 25 May -> Tue 26 May) is reminded at 09:00 on a
 *   working morning before it is due, once, to the coordinator;
 * - missed, it escalates once to the board and the coordinator, recorded as deadline-missed (§ 2.3);
 * - Occure allows no extension (422 citing § 2.3); demo's handling extension moves both schedules
 *   and tells the complainant;
 * - an SES outage followed by recovery delivers each letter exactly once.
 * Each step moves the shared clock forward only, so the tests run in order.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { postComplaint, sentMail, startTestCloud, eventually, validComplaint, type TestCloud } from '../support/local-cloud.ts';
import { advanceTo, atWallClock, deliveries, getSchedule, isWorkingDay, mailsAbout, scheduleNames, staff, workingDaysBefore } from '../support/deadline-drill.ts';

const OCCURE = 'klachten-occure';
const DEMO = 'klachten-demo';
const HOUR = 3_600_000;

let t: TestCloud;
/** Plain text of letters as the reader sees them, printed at the end. */
const letters: { acknowledgement?: string; ruling?: string } = {};

beforeAll(async () => {
  t = await startTestCloud({ tenants: ['occure', 'demo'], clockStart: new Date('2026-04-24T10:00:00+02:00') });
});

afterAll(async () => {
  await t?.stop();
});

let reference: string; // the complaint received on Friday 24 April 2026

test('a complaint received Fri 24 Apr 2026 is acknowledged at once; its acknowledgement milestone falls on Mon 4 May (Koningsdag skipped)', async () => {
  const response = await postComplaint(t.cloud.urls.api, 'occure', validComplaint());
  expect(response.status).toBe(201);
  reference = response.body.reference;
  expect(new Date(response.body.receivedAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' })).toBe('2026-04-24');
  const deadlines = Object.fromEntries((response.body.deadlines as Array<{ milestone: string; due: string; rule: string }>).map((d) => [d.milestone, d]));
  expect(deadlines.acknowledgement).toMatchObject({ due: '2026-05-04', rule: '§ 2.1' });
  expect(deadlines.ruling).toMatchObject({ due: '2026-05-26', rule: '§ 2.3' });

  await t.cloud.drainOutboxes();
  const acknowledgements = (await mailsAbout(t.cloud, reference)).filter((m) => m.subject === `Ontvangstbevestiging van uw klacht ${reference}`);
  expect(acknowledgements).toHaveLength(1);
  expect(acknowledgements[0]!.destination.to).toEqual(['sanne@example.com']);
  letters.acknowledgement = acknowledgements[0]!.body.text;
  expect(letters.acknowledgement).toContain(reference);
  expect(letters.acknowledgement).toContain('Schriftelijke uitspraak: dinsdag 26 mei 2026 (§ 2.3)');

  const file = (await (await staff(t.cloud, 'occure')).complaint(reference)).body;
  const acknowledgement = file.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'acknowledgement');
  expect(acknowledgement).toMatchObject({ due: '2026-05-04', status: 'met', citation: '§ 2.1' });
  // At once: met within a minute of receipt, on the day of receipt.
  expect(Date.parse(acknowledgement.metAt) - Date.parse(file.receivedAt)).toBeLessThan(60_000);
  expect(file.timeline.map((e: { type: string }) => e.type)).toContain('acknowledged');
  expect(file.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'ruling')).toMatchObject({ due: '2026-05-26', status: 'open' });

  // A met milestone needs no schedules: both of the acknowledgement's are removed.
  await eventually("the met acknowledgement's schedules to be removed", async () => {
    await t.cloud.drainOutboxes();
    return (await scheduleNames(t.scheduler, OCCURE, `${reference}.acknowledgement.`)).length === 0;
  });
});

test('the ruling (due Tue 26 May, after Whit Monday) is reminded once at 09:00 on a working morning before due', async () => {
  const check = await getSchedule(t.scheduler, OCCURE, `${reference}.ruling.check`);
  expect(check?.ScheduleExpression).toBe('at(2026-05-26T23:59:59)');
  expect(check?.ScheduleExpressionTimezone).toBe('Europe/Amsterdam');

  const remind = await getSchedule(t.scheduler, OCCURE, `${reference}.ruling.remind`);
  expect(remind).toBeDefined();
  expect(remind!.ScheduleExpressionTimezone).toBe('Europe/Amsterdam');
  expect(remind!.ActionAfterCompletion).toBe('DELETE');
  expect(JSON.parse(remind!.Target?.Input ?? '{}')).toEqual({ reference, milestoneId: 'ruling', kind: 'remind' });
  const { date, time } = atWallClock(remind!.ScheduleExpression);
  expect(time).toBe('09:00:00');
  expect(isWorkingDay(date)).toBe(true);
  expect(date < '2026-05-26').toBe(true);
  // Five working days back from Tue 26 May (Whit Monday 25 May not counted): Mon 18 May.
  expect(date).toBe(workingDaysBefore('2026-05-26', 5));
  expect(date).toBe('2026-05-18');

  const firesAt = Date.parse(`${date}T09:00:00+02:00`); // summer time in May
  const before = (await sentMail(t.cloud.urls.ses)).length;
  await advanceTo(t.cloud, new Date(firesAt - 5 * 60_000)); // 08:55
  await t.cloud.drainOutboxes();
  expect((await sentMail(t.cloud.urls.ses)).length).toBe(before);
  expect(await getSchedule(t.scheduler, OCCURE, `${reference}.ruling.remind`)).toBeDefined();

  await advanceTo(t.cloud, new Date(firesAt + 60_000));
  await eventually('the reminder', async () => (await mailsAbout(t.cloud, reference)).some((m) => m.subject.startsWith('Herinnering')));
  await t.cloud.clock.advance(10 * 60_000);
  const reminders = (await mailsAbout(t.cloud, reference)).filter((m) => m.subject.startsWith('Herinnering'));
  expect(reminders).toHaveLength(1);
  expect(reminders[0]!.destination.to).toEqual(['klachten@occure.example']); // the coordinator, the ruling's responsible role
  expect(reminders[0]!.subject).toContain('Schriftelijke uitspraak');
  expect(reminders[0]!.body.text).toContain('§ 2.3');
  expect((await sentMail(t.cloud.urls.ses)).length).toBe(before + 1);
  expect(await getSchedule(t.scheduler, OCCURE, `${reference}.ruling.remind`)).toBeUndefined();
});

test('a missed ruling escalates once to the board and the coordinator, recorded as deadline-missed under § 2.3', async () => {
  // Still nothing at the very end of the due day.
  await advanceTo(t.cloud, '2026-05-26T23:50:00+02:00');
  expect((await mailsAbout(t.cloud, reference)).filter((m) => m.subject.startsWith('Termijn verstreken'))).toEqual([]);

  await advanceTo(t.cloud, '2026-05-27T00:30:00+02:00');
  const escalations = await eventually('both escalation mails', async () => {
    const found = (await mailsAbout(t.cloud, reference)).filter((m) => m.subject.startsWith('Termijn verstreken'));
    return found.length >= 2 ? found : undefined;
  });
  expect(deliveries(escalations)).toEqual([
    `Termijn verstreken: ${reference} – Schriftelijke uitspraak -> directie@occure.example`,
    `Termijn verstreken: ${reference} – Schriftelijke uitspraak -> klachten@occure.example`,
  ]);
  expect(escalations[0]!.body.text).toContain('§ 2.3');

  const file = (await (await staff(t.cloud, 'occure')).complaint(reference)).body;
  expect(file.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'ruling')).toMatchObject({ status: 'escalated', due: '2026-05-26' });
  const missed = file.timeline.filter((e: { type: string }) => e.type === 'deadline-missed');
  expect(missed).toHaveLength(1);
  expect(missed[0]).toMatchObject({ rule: '§ 2.3', actor: 'system', data: { milestoneId: 'ruling', due: '2026-05-26', escalatedTo: 'board' } });
  expect(await scheduleNames(t.scheduler, OCCURE, `${reference}.`)).toEqual([]);

  // Idempotent: three more days send nothing and record nothing.
  const mailCount = (await mailsAbout(t.cloud, reference)).length;
  await t.cloud.clock.advance(3 * 24 * HOUR);
  await t.cloud.drainOutboxes();
  expect((await mailsAbout(t.cloud, reference)).length).toBe(mailCount);
  const later = (await (await staff(t.cloud, 'occure')).complaint(reference)).body;
  expect(later.timeline.filter((e: { type: string }) => e.type === 'deadline-missed')).toHaveLength(1);
});

test("an extension: refused for Occure's ruling (422, § 2.3); demo's handling extension moves both schedules and tells the complainant", async () => {
  // Monday 1 June 2026, 10:00: both complaints are received on a working day.
  await advanceTo(t.cloud, '2026-06-01T10:00:00+02:00');

  const occure = await postComplaint(t.cloud.urls.api, 'occure', validComplaint({ complainant: { name: 'Karin Smit', email: 'karin@example.com', language: 'nl' } }));
  expect(occure.status).toBe(201);
  const occureRef: string = occure.body.reference;
  await t.cloud.drainOutboxes();
  const occureCheckBefore = await getSchedule(t.scheduler, OCCURE, `${occureRef}.ruling.check`);
  expect(occureCheckBefore?.ScheduleExpression).toBe('at(2026-07-01T23:59:59)');
  const refused = await (await staff(t.cloud, 'occure')).step(occureRef, 'extension', {
    milestoneId: 'ruling',
    period: { unit: 'weeks', amount: 2 },
    reason: 'Wij wachten op informatie van een deskundige.',
  });
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ error: 'rule_violation', rule: '§ 2.3' });
  await t.cloud.drainOutboxes();
  expect((await getSchedule(t.scheduler, OCCURE, `${occureRef}.ruling.check`))?.ScheduleExpression).toBe('at(2026-07-01T23:59:59)');

  const demo = await postComplaint(t.cloud.urls.api, 'demo', validComplaint({ complainant: { name: 'Jan Jansen', email: 'jan@example.com', language: 'nl' } }));
  expect(demo.status).toBe(201);
  const demoRef: string = demo.body.reference;
  await t.cloud.drainOutboxes();
  // 6 weeks from Mon 1 June: Mon 13 July; reminder 5 working days before: Mon 6 July.
  expect((await getSchedule(t.scheduler, DEMO, `${demoRef}.handling.check`))?.ScheduleExpression).toBe('at(2026-07-13T23:59:59)');
  expect((await getSchedule(t.scheduler, DEMO, `${demoRef}.handling.remind`))?.ScheduleExpression).toBe(`at(${workingDaysBefore('2026-07-13', 5)}T09:00:00)`);

  const extended = await (await staff(t.cloud, 'demo')).step(demoRef, 'extension', {
    milestoneId: 'handling',
    period: { unit: 'weeks', amount: 2 },
    reason: 'Wij wachten op informatie van een externe deskundige.',
  });
  expect(extended.status).toBe(200);
  expect(extended.body.event).toMatchObject({ type: 'extension-notified', rule: 'art. 5 lid 2' });

  // Two weeks on: Mon 27 July; its reminder 5 working days before: Mon 20 July, 09:00.
  const moved = await eventually('the check schedule to move', async () => {
    await t.cloud.drainOutboxes();
    const check = await getSchedule(t.scheduler, DEMO, `${demoRef}.handling.check`);
    return check?.ScheduleExpression === 'at(2026-07-27T23:59:59)' ? check : undefined;
  });
  expect(moved.ActionAfterCompletion).toBe('DELETE');
  const remind = await getSchedule(t.scheduler, DEMO, `${demoRef}.handling.remind`);
  expect(remind?.ScheduleExpression).toBe(`at(${workingDaysBefore('2026-07-27', 5)}T09:00:00)`);
  expect(remind?.ScheduleExpression).toBe('at(2026-07-20T09:00:00)');
  const file = (await (await staff(t.cloud, 'demo')).complaint(demoRef)).body;
  expect(file.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'handling')).toMatchObject({ due: '2026-07-27', reminderOn: '2026-07-20', status: 'open' });

  const notices = await eventually('the extension letter', async () => {
    const found = (await mailsAbout(t.cloud, demoRef)).filter((m) => m.subject === `Verlenging van de termijn voor uw klacht ${demoRef}`);
    return found.length ? found : undefined;
  });
  await t.cloud.drainOutboxes();
  expect((await mailsAbout(t.cloud, demoRef)).filter((m) => m.subject === `Verlenging van de termijn voor uw klacht ${demoRef}`)).toHaveLength(1);
  expect(notices[0]!.destination.to).toEqual(['jan@example.com']);
  expect(notices[0]!.body.text).toContain('verlengd tot maandag 27 juli 2026 (art. 5 lid 2)');
  expect(notices[0]!.body.text).toContain('Wij wachten op informatie van een externe deskundige.');
});

test('an SES outage followed by recovery delivers each letter exactly once', async () => {
  await t.cloud.stopSes();
  const response = await postComplaint(t.cloud.urls.api, 'occure', validComplaint({ complainant: { name: 'Piet Klaassen', email: 'piet@example.com', language: 'nl' } }));
  expect(response.status).toBe(201);
  const outageRef: string = response.body.reference;
  await t.cloud.drainOutboxes();
  const ruled = await (await staff(t.cloud, 'occure')).step(outageRef, 'ruling', {
    outcome: 'partly-founded',
    reasoning: 'De afspraak is twee keer verzet; de eerste keer is u dat wel gemeld, de tweede keer niet.',
    improvements: 'Een verzette afspraak wordt voortaan altijd per e-mail bevestigd.',
    remedies: ['improvement-action'],
  });
  expect(ruled.status).toBe(200);
  await t.cloud.drainOutboxes();
  // Nothing was lost and nothing went out: every letter waits in the outbox after a failed attempt.
  const waiting = await outboxMail(outageRef);
  expect(waiting.map((e) => e.entryId).sort()).toEqual(
    expect.arrayContaining(['O#mail-acknowledgement-complainant-v1', 'O#mail-coordinator-notice-coordinator-v1', expect.stringMatching(/^O#mail-ruling-complainant-v\d+$/)]),
  );
  for (const entry of waiting) {
    expect(entry.state, entry.entryId).toBe('pending');
    expect(entry.attempts, entry.entryId).toBeGreaterThanOrEqual(1);
    expect(entry.lastError, entry.entryId).toBeTruthy();
  }

  await t.cloud.startSes();
  await t.cloud.clock.advance(5 * 60_000);
  const expected = [
    `Nieuwe klacht ${outageRef} -> klachten@occure.example`,
    `Ontvangstbevestiging van uw klacht ${outageRef} -> piet@example.com`,
    `Uitspraak op uw klacht ${outageRef} -> piet@example.com`,
  ].sort();
  await eventually('every letter after the outage', async () => {
    await t.cloud.drainOutboxes();
    return (await mailsAbout(t.cloud, outageRef)).length >= expected.length;
  });
  expect(deliveries(await mailsAbout(t.cloud, outageRef))).toEqual(expected);

  await t.cloud.clock.advance(30 * 60_000);
  await t.cloud.clock.advance(2 * HOUR);
  const final = await mailsAbout(t.cloud, outageRef);
  expect(deliveries(final)).toEqual(expected);
  letters.ruling = final.find((m) => m.subject.startsWith('Uitspraak'))!.body.text;
});

/** The complaint's mail entries in the outbox, as the register keeps them. */
async function outboxMail(ref: string): Promise<Array<{ entryId: string; state: string; attempts: number; lastError?: string }>> {
  const page = await t.dynamodb.send(
    new QueryCommand({
      TableName: OCCURE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :mail)',
      ExpressionAttributeValues: { ':pk': { S: `C#${ref}` }, ':mail': { S: 'O#mail-' } },
      ConsistentRead: true,
    }),
  );
  return (page.Items ?? []).map((item) => {
    const entry = unmarshall(item);
    return { entryId: String(entry.sk), state: String(entry.state), attempts: Number(entry.attempts), lastError: entry.lastError };
  });
}

test('print one acknowledgement and one ruling letter as the reader sees them', () => {
  expect(letters.acknowledgement).toBeTruthy();
  expect(letters.ruling).toBeTruthy();
  console.log(`----- acknowledgement (Occure) -----\n${letters.acknowledgement}\n----- end -----`);
  console.log(`----- ruling (Occure) -----\n${letters.ruling}\n----- end -----`);
});
