/**
 * The local cloud's fault controls, which the soak run (`npm run soak`) uses: DynamoDB Local,
 * the SES stand-in and the Scheduler emulator can each be stopped and started again on the same
 * port with their state; while they are away intake answers 503 (database) or 201 (mail,
 * schedules, delivered later by the outbox), and nothing is registered twice.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { postComplaint, sentMail, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';

let t: TestCloud;
const table = () => t.cloud.tableName('demo');

beforeAll(async () => {
  t = await startTestCloud();
}, 120_000);

afterAll(async () => {
  await t?.stop();
}, 60_000);

const complaintItem = (reference: string) => t.dynamodb.send(new GetItemCommand({ TableName: table(), Key: { pk: { S: `C#${reference}` }, sk: { S: 'COMPLAINT' } }, ConsistentRead: true }));

const byEmail = (email: string) => validComplaint({ complainant: { name: 'Fout Drill', email, language: 'nl' } });

describe('fault controls of the local cloud', () => {
  test('DynamoDB Local stopped: intake answers 503 with Retry-After; restarted on the same data, the retry with the same key registers one complaint', async () => {
    const before = await postComplaint(t.cloud.urls.api, 'demo', byEmail('before@example.com'), { 'Idempotency-Key': 'fault-before-0001' });
    expect(before.status).toBe(201);

    await t.cloud.stopDynamoDb();
    const during = await postComplaint(t.cloud.urls.api, 'demo', byEmail('during@example.com'), { 'Idempotency-Key': 'fault-during-0001' });
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBeTruthy();
    expect(during.body.error).toBe('service_unavailable');

    await t.cloud.startDynamoDb();
    // What was written before the stop is still there.
    expect((await complaintItem(before.body.reference)).Item).toBeDefined();
    const retried = await postComplaint(t.cloud.urls.api, 'demo', byEmail('during@example.com'), { 'Idempotency-Key': 'fault-during-0001' });
    expect(retried.status).toBe(201);
    const again = await postComplaint(t.cloud.urls.api, 'demo', byEmail('during@example.com'), { 'Idempotency-Key': 'fault-during-0001' });
    expect(again.status).toBe(200);
    expect(again.body.reference).toBe(retried.body.reference);

    const complaints = await t.dynamodb.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :year',
        ExpressionAttributeValues: { ':year': { S: `YEAR#${retried.body.reference.slice(3, 7)}` } },
      }),
    );
    const mine = (complaints.Items ?? []).filter((item) => item.complainant?.M?.email?.S === 'during@example.com');
    expect(mine).toHaveLength(1);
  }, 120_000);

  test('SES stopped: intake still answers 201; restarted, the outbox delivers the acknowledgement once, and earlier mail is kept', async () => {
    const first = await postComplaint(t.cloud.urls.api, 'demo', byEmail('ses-before@example.com'), { 'Idempotency-Key': 'fault-ses-0001' });
    expect(first.status).toBe(201);
    await t.cloud.drainOutboxes();
    const mailTo = async (email: string) => (await sentMail(t.cloud.urls.ses)).filter((m) => m.destination.to.includes(email));
    expect(await mailTo('ses-before@example.com')).toHaveLength(1);

    await t.cloud.stopSes();
    const during = await postComplaint(t.cloud.urls.api, 'demo', byEmail('ses-during@example.com'), { 'Idempotency-Key': 'fault-ses-0002' });
    expect(during.status).toBe(201);
    await t.cloud.drainOutboxes();
    const entry = await t.dynamodb.send(
      new GetItemCommand({ TableName: table(), Key: { pk: { S: `C#${during.body.reference}` }, sk: { S: 'O#mail-acknowledgement-complainant-v1' } }, ConsistentRead: true }),
    );
    expect(entry.Item?.state?.S ?? 'pending').toBe('pending');

    await t.cloud.startSes();
    expect(await mailTo('ses-before@example.com')).toHaveLength(1);
    // The failed attempt waits out its backoff (seconds); drain until it has gone out.
    for (let i = 0; i < 60 && (await mailTo('ses-during@example.com')).length === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      await t.cloud.drainOutboxes();
    }
    const delivered = await mailTo('ses-during@example.com');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.subject).toContain(during.body.reference);
  }, 120_000);

  test('Scheduler emulator stopped: intake answers 201; restarted on the same port with its schedules, the outbox creates the missing ones', async () => {
    const first = await postComplaint(t.cloud.urls.api, 'demo', byEmail('sch-before@example.com'), { 'Idempotency-Key': 'fault-sch-0001' });
    await t.cloud.drainOutboxes();
    const names = async (reference: string) => ((await t.scheduler.send(new ListSchedulesCommand({ GroupName: 'klachten-demo', NamePrefix: `${reference}.` }))).Schedules ?? []).map((s) => s.Name);
    const before = await names(first.body.reference);
    expect(before.length).toBeGreaterThan(0);

    await t.cloud.stopScheduler();
    const during = await postComplaint(t.cloud.urls.api, 'demo', byEmail('sch-during@example.com'), { 'Idempotency-Key': 'fault-sch-0002' });
    expect(during.status).toBe(201);
    await t.cloud.drainOutboxes();

    await t.cloud.startScheduler();
    expect(await names(first.body.reference)).toEqual(before);
    let created: Array<string | undefined> = [];
    for (let i = 0; i < 60; i += 1) {
      created = await names(during.body.reference);
      if (created.some((n) => n?.endsWith('.check'))) break;
      await new Promise((r) => setTimeout(r, 500));
      await t.cloud.drainOutboxes();
    }
    expect(created).toContain(`${during.body.reference}.handling.check`);
  }, 120_000);
});
