/**
 * One complaint through every layer on the local cloud: HTTP -> DynamoDB Local -> Scheduler
 * emulator -> SES stand-in -> the schedule firing the deadline check. Real stand-ins, the
 * production adapters, no mocks.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { eventually, postComplaint, sentMail, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';

let t: TestCloud;
const table = 'klachten-demo';

beforeAll(async () => {
  t = await startTestCloud();
});

afterAll(async () => {
  await t?.stop();
});

async function complaintItem(reference: string) {
  const result = await t.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `C#${reference}` }, sk: { S: 'COMPLAINT' } }, ConsistentRead: true }));
  return result.Item ? unmarshall(result.Item) : undefined;
}

async function eventTypes(reference: string): Promise<string[]> {
  const result = await t.dynamodb.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': { S: `C#${reference}` }, ':e': { S: 'E#' } },
    }),
  );
  return (result.Items ?? []).map((item) => String(unmarshall(item).type));
}

const mailsAbout = async (reference: string) => (await sentMail(t.cloud.urls.ses)).filter((m) => m.subject.includes(reference));

describe('a complaint through every layer', () => {
  let reference: string;

  test('POST /demo/complaints registers it with a reference and its deadlines', async () => {
    const response = await postComplaint(t.cloud.urls.api, 'demo', validComplaint());
    expect(response.status).toBe(201);
    reference = response.body.reference;
    expect(reference).toMatch(/^KL-\d{4}-\d{6}$/);
    expect(response.body.deadlines.map((d: { milestone: string }) => d.milestone)).toContain('acknowledgement');

    const item = await complaintItem(reference);
    expect(item?.complainant.email).toBe('sanne@example.com');
    expect(item?.receivedAt).toBe(response.body.receivedAt);
    expect(item?.regulationVersion).toBeTruthy();
  });

  test('the outbox creates a deadline-check schedule per open milestone in the emulator', async () => {
    await t.cloud.drainOutboxes();
    const name = `${reference}.handling.check`;
    const schedule = await t.scheduler.send(new GetScheduleCommand({ Name: name, GroupName: 'klachten-demo' }));
    expect(schedule.ScheduleExpression).toMatch(/^at\(\d{4}-\d{2}-\d{2}T23:59:59\)$/);
    expect(schedule.ScheduleExpressionTimezone).toBe('Europe/Amsterdam');
    expect(schedule.ActionAfterCompletion).toBe('DELETE');
    expect(JSON.parse(schedule.Target?.Input ?? '{}')).toEqual({ reference, milestoneId: 'handling', kind: 'check' });

    // The acknowledgement's check was created too, and removed once the letter met it.
    // The registration's schedule changes are one outbox entry, delivered whole.
    const created = await t.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `C#${reference}` }, sk: { S: 'O#schedules-v1' } }, ConsistentRead: true }));
    const group = unmarshall(created.Item!);
    expect(group.state).toBe('done');
    expect(group.action.changes.map((c: { name: string }) => c.name)).toContain(`${reference}.acknowledgement.check`);
    await eventually("the met acknowledgement's check to be removed", async () => {
      await t.cloud.drainOutboxes();
      const listed = await t.scheduler.send(new ListSchedulesCommand({ GroupName: 'klachten-demo', NamePrefix: `${reference}.acknowledgement` }));
      return listed.Schedules?.length === 0;
    });
  });

  test('SES delivers the acknowledgement with the reference and the dates, and the milestone is met', async () => {
    const acknowledgement = await eventually('the acknowledgement', async () => (await mailsAbout(reference)).find((m) => m.destination.to.includes('sanne@example.com')));
    expect(acknowledgement.subject).toBe(`Ontvangstbevestiging van uw klacht ${reference}`);
    expect(acknowledgement.body.text).toContain(reference);
    const item = await complaintItem(reference);
    const handling = item?.milestones.find((m: { milestoneId: string }) => m.milestoneId !== 'acknowledgement');
    expect(acknowledgement.body.text).toMatch(/U hoort van ons uiterlijk/);
    expect(acknowledgement.body.html).toContain(reference);
    expect(handling).toBeDefined();

    const coordinatorNotice = (await mailsAbout(reference)).find((m) => m.subject === `Nieuwe klacht ${reference}`);
    expect(coordinatorNotice?.destination.to).toEqual(['klachten@demo.example']);

    const acknowledged = await eventually('the acknowledgement to be recorded', async () => {
      const current = await complaintItem(reference);
      return current?.status === 'acknowledged' ? current : undefined;
    });
    expect(acknowledged.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'acknowledgement').status).toBe('met');
    expect(await eventTypes(reference)).toEqual(expect.arrayContaining(['registered', 'acknowledged']));
  });

  test('when the schedule fires after the due day, a met acknowledgement needs nothing', async () => {
    const item = await complaintItem(reference);
    const ackDueAt = Date.parse(item!.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'acknowledgement').dueAt);
    await t.cloud.clock.advance(ackDueAt - t.cloud.clock.now().getTime() + 60_000);
    // ActionAfterCompletion DELETE: the fired schedule is gone.
    const remaining = await t.scheduler.send(new ListSchedulesCommand({ GroupName: 'klachten-demo', NamePrefix: `${reference}.acknowledgement` }));
    expect(remaining.Schedules).toEqual([]);
    expect((await mailsAbout(reference)).filter((m) => m.subject.startsWith('Termijn verstreken'))).toEqual([]);
    expect(await eventTypes(reference)).not.toContain('deadline-missed');
  });
});

describe('bad input', () => {
  test('400 names every bad field and writes nothing', async () => {
    const before = await t.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `SEQ#${new Date().getUTCFullYear()}` }, sk: { S: 'SEQ' } } }));
    const response = await postComplaint(t.cloud.urls.api, 'demo', { complainant: { name: '', email: 'not-an-address' }, description: 42, extra: true });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_input');
    const fields = response.body.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['complainant.name', 'complainant.email', 'description', '(body)']));
    const after = await t.dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `SEQ#${new Date().getUTCFullYear()}` }, sk: { S: 'SEQ' } } }));
    expect(after.Item?.seq).toEqual(before.Item?.seq);
  });

  test('malformed JSON, a wrong content type and an oversized body are 4xx, never 500', async () => {
    const malformed = await postComplaint(t.cloud.urls.api, 'demo', '{"complainant":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.problems[0]).toEqual({ field: '(body)', code: 'invalid_json', message: 'is not valid JSON' });

    const wrongType = await fetch(`${t.cloud.urls.api}/demo/complaints`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hallo' });
    expect(wrongType.status).toBe(415);

    const oversized = await postComplaint(t.cloud.urls.api, 'demo', validComplaint({ description: 'x'.repeat(70_000) }));
    expect(oversized.status).toBe(413);

    const badKey = await postComplaint(t.cloud.urls.api, 'demo', validComplaint(), { 'Idempotency-Key': 'short' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.problems[0].field).toBe('Idempotency-Key (header)');
  });

  test('an unknown tenant or route is 404', async () => {
    expect((await postComplaint(t.cloud.urls.api, 'nobody', validComplaint())).status).toBe(404);
    expect((await fetch(`${t.cloud.urls.api}/demo/nothing-here`)).status).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  test('a retried submission returns the same reference and creates nothing twice', async () => {
    const key = `retry-${Date.now()}`;
    const body = validComplaint({ description: 'Dubbel verstuurd door een haperende verbinding.' });
    const first = await postComplaint(t.cloud.urls.api, 'demo', body, { 'Idempotency-Key': key });
    const second = await postComplaint(t.cloud.urls.api, 'demo', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.reference).toBe(first.body.reference);

    await t.cloud.drainOutboxes();
    const acknowledgements = (await mailsAbout(first.body.reference)).filter((m) => m.subject.startsWith('Ontvangstbevestiging'));
    expect(acknowledgements).toHaveLength(1);
  });

  test('the same key with a different complaint is refused', async () => {
    const key = `reuse-${Date.now()}`;
    await postComplaint(t.cloud.urls.api, 'demo', validComplaint(), { 'Idempotency-Key': key });
    const other = await postComplaint(t.cloud.urls.api, 'demo', validComplaint({ description: 'Iets heel anders.' }), { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
  });

  test('concurrent retries with one key register one complaint', async () => {
    const key = `burst-${Date.now()}`;
    const body = validComplaint({ description: 'Tien keer tegelijk verstuurd.' });
    const responses = await Promise.all(Array.from({ length: 10 }, () => postComplaint(t.cloud.urls.api, 'demo', body, { 'Idempotency-Key': key })));
    const references = new Set(responses.filter((r) => r.status < 300).map((r) => r.body.reference));
    expect(responses.every((r) => r.status === 200 || r.status === 201 || r.status === 409)).toBe(true);
    expect(references.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
  });
});

describe('references under concurrency', () => {
  test('25 simultaneous complaints get 25 distinct, consecutive references', async () => {
    const responses = await Promise.all(Array.from({ length: 25 }, (_, i) => postComplaint(t.cloud.urls.api, 'demo', validComplaint({ description: `Gelijktijdige klacht ${i}` }))));
    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(201));
    const sequences = responses.map((r) => Number(String(r.body.reference).slice(-6))).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(25);
    expect(sequences[24]! - sequences[0]!).toBe(24);
  });
});
