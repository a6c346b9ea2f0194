/**
 * With SES down, a complaint is still accepted; its acknowledgement waits in the outbox. When
 * the acknowledgement deadline passes unmet, the scheduled check escalates to the coordinator;
 * once SES is back, every letter is delivered exactly once.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { eventually, postComplaint, sentMail, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud();
});

afterAll(async () => {
  await t?.stop();
});

test('a missed acknowledgement escalates to the coordinator, and nothing is lost while SES is down', async () => {
  await t.cloud.stopSes();
  const response = await postComplaint(t.cloud.urls.api, 'demo', validComplaint({ complainant: { name: 'Jan Jansen', email: 'jan@example.com', language: 'en' } }));
  expect(response.status).toBe(201);
  const reference: string = response.body.reference;

  // Delivery fails while SES is away; the entry stays queued.
  await t.cloud.drainOutboxes();
  const stored = await t.dynamodb.send(
    new GetItemCommand({ TableName: 'klachten-demo', Key: { pk: { S: `C#${reference}` }, sk: { S: 'O#mail-acknowledgement-complainant-v1' } }, ConsistentRead: true }),
  );
  const entry = unmarshall(stored.Item!);
  expect(entry.state).toBe('pending');
  expect(entry.attempts).toBeGreaterThanOrEqual(1);
  expect(entry.lastError).toBeTruthy();

  // Past the acknowledgement's due day: the check fires and escalates.
  const registered = await t.dynamodb.send(new GetItemCommand({ TableName: 'klachten-demo', Key: { pk: { S: `C#${reference}` }, sk: { S: 'COMPLAINT' } }, ConsistentRead: true }));
  const ackDueAt = Date.parse(unmarshall(registered.Item!).milestones.find((m: { milestoneId: string }) => m.milestoneId === 'acknowledgement').dueAt);
  await t.cloud.clock.advance(ackDueAt - t.cloud.clock.now().getTime() + 3_600_000);
  const complaint = await eventually('the escalation to be recorded', async () => {
    const item = await t.dynamodb.send(new GetItemCommand({ TableName: 'klachten-demo', Key: { pk: { S: `C#${reference}` }, sk: { S: 'COMPLAINT' } }, ConsistentRead: true }));
    const view = unmarshall(item.Item!);
    return view.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'acknowledgement').status === 'escalated' ? view : undefined;
  });
  expect(complaint.status).toBe('registered');

  // SES returns: the acknowledgement, the coordinator notice and the escalation (to the director,
  // the regulation's escalation role, and the coordinator) go out, once each.
  await t.cloud.startSes();
  await t.cloud.clock.advance(30 * 60_000);
  const mails = await eventually('all four letters', async () => {
    const about = (await sentMail(t.cloud.urls.ses)).filter((m) => m.subject.includes(reference));
    return about.length >= 4 ? about : undefined;
  });
  await t.cloud.clock.advance(30 * 60_000);
  const finalMails = (await sentMail(t.cloud.urls.ses)).filter((m) => m.subject.includes(reference));
  expect(finalMails).toHaveLength(4);
  expect(mails.map((m) => m.subject).sort()).toEqual([
    `Acknowledgement of your complaint ${reference}`,
    `Nieuwe klacht ${reference}`,
    `Termijn verstreken: ${reference} – Ontvangstbevestiging`,
    `Termijn verstreken: ${reference} – Ontvangstbevestiging`,
  ]);
  const escalated = finalMails
    .filter((m) => m.subject.startsWith('Termijn verstreken'))
    .flatMap((m) => m.destination.to)
    .sort();
  expect(escalated).toEqual(['directie@demo.example', 'klachten@demo.example']);
  expect(finalMails.find((m) => m.subject.startsWith('Acknowledgement'))?.destination.to).toEqual(['jan@example.com']);

  // Running the check again changes nothing.
  await t.cloud.clock.advance(24 * 3_600_000);
  expect((await sentMail(t.cloud.urls.ses)).filter((m) => m.subject.includes(reference))).toHaveLength(4);
});
