/**
 * The daily sweep: a lost schedule is recreated, and a deadline whose schedule is lost still
 * escalates; the weekly digest goes out once per person per week.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteScheduleCommand, GetScheduleCommand, ResourceNotFoundException } from '@aws-sdk/client-scheduler';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { eventually, postComplaint, sentMail, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';

let t: TestCloud;

// Monday 1 June 2026, 10:00 in Amsterdam: the demo's handling deadline (6 weeks) is Mon 13 July.
beforeAll(async () => {
  t = await startTestCloud({ clockStart: new Date('2026-06-01T10:00:00+02:00') });
});

afterAll(async () => {
  await t?.stop();
});

async function milestone(reference: string, milestoneId: string) {
  const item = await t.dynamodb.send(new GetItemCommand({ TableName: 'klachten-demo', Key: { pk: { S: `C#${reference}` }, sk: { S: 'COMPLAINT' } }, ConsistentRead: true }));
  return unmarshall(item.Item!).milestones.find((m: { milestoneId: string }) => m.milestoneId === milestoneId);
}

const scheduleExists = async (name: string) => {
  try {
    await t.scheduler.send(new GetScheduleCommand({ Name: name, GroupName: 'klachten-demo' }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
};

test('a lost schedule is recreated by the sweep', async () => {
  const { body } = await postComplaint(t.cloud.urls.api, 'demo', validComplaint());
  const name = `${body.reference}.handling.check`;
  await eventually('the handling check', () => scheduleExists(name));
  await t.scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: 'klachten-demo' }));
  expect(await scheduleExists(name)).toBe(false);
  await t.cloud.sweep();
  expect(await scheduleExists(name)).toBe(true);
});

test('a deadline whose schedule is lost still escalates, at the next daily sweep', async () => {
  const { body } = await postComplaint(t.cloud.urls.api, 'demo', validComplaint({ description: 'Nooit iets gehoord.' }));
  const reference: string = body.reference;
  await t.cloud.drainOutboxes();
  const handling = await milestone(reference, 'handling');
  // Lost just before it was due, after the last sweep could repair it.
  await t.cloud.clock.advance(Date.parse(handling.dueAt) - t.cloud.clock.now().getTime() - 60_000);
  await t.scheduler.send(new DeleteScheduleCommand({ Name: `${reference}.handling.check`, GroupName: 'klachten-demo' }));
  await t.cloud.clock.advance(2 * 60_000);
  expect((await milestone(reference, 'handling')).status).toBe('open');

  // The next morning's sweep finds it past due and escalates it, once.
  await t.cloud.clock.advance(12 * 3_600_000);
  const escalated = await eventually('the escalation', async () => {
    const m = await milestone(reference, 'handling');
    return m.status === 'escalated' ? m : undefined;
  });
  expect(escalated.escalatedAt > handling.dueAt).toBe(true);
  const mails = (await sentMail(t.cloud.urls.ses)).filter((m) => m.subject === `Termijn verstreken: ${reference} – Schriftelijke uitspraak`);
  expect(mails.flatMap((m) => m.destination.to).sort()).toEqual(['directie@demo.example', 'klachten@demo.example']);
  await t.cloud.sweep();
  expect((await sentMail(t.cloud.urls.ses)).filter((m) => m.subject === `Termijn verstreken: ${reference} – Schriftelijke uitspraak`)).toHaveLength(2);
});

test('the weekly digest reaches the coordinator once per week', async () => {
  const digests = async () => (await sentMail(t.cloud.urls.ses)).filter((m) => m.subject.startsWith('Weekoverzicht klachttermijnen') && m.destination.to.includes('klachten@demo.example'));
  await t.cloud.sweep();
  const before = (await digests()).length;
  expect(before).toBeGreaterThanOrEqual(1);
  await t.cloud.sweep();
  expect(await digests()).toHaveLength(before);
  await t.cloud.clock.advance(7 * 24 * 3_600_000);
  await t.cloud.sweep();
  expect((await digests()).length).toBeGreaterThan(before);
});
