/**
 * The outbox drain runs from the register table's stream locally, as in AWS: DynamoDB Local's
 * stream, read by local/stream-consumer.ts with the event source mapping CDK deploys
 * (OUTBOX_STREAM_MAPPING): a complaint's letters go out without anyone calling drainOutboxes; the
 * drain gets Lambda's event, at most a batch of records, only new outbox items; a batch that keeps
 * failing is split, retried as often as the mapping says and then given to the on-failure
 * destination; a partial batch response resumes from the first record it names.
 *
 * The first test watches the local cloud's own consumer; the others start consumers of their own
 * on tables of their own (same design, same DynamoDB Local), with a function that records, fails
 * or answers as the test needs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TransactWriteItemsCommand, UpdateItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { OUTBOX_STREAM_MAPPING } from '../../shared/adapters/outbox-stream.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { startStreamConsumer, type LambdaStreamEvent, type StreamConsumer, type StreamMapping } from '../../local/stream-consumer.ts';
import { eventually, postComplaint, sentMail, startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';

let t: TestCloud;
let startedAt: number;
const consumers: StreamConsumer[] = [];

beforeAll(async () => {
  t = await startTestCloud();
  startedAt = Date.now();
}, 120_000);

afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  await t?.stop();
}, 60_000);

const RECORD_KEYS = ['awsRegion', 'dynamodb', 'eventID', 'eventName', 'eventSource', 'eventSourceARN', 'eventVersion'];
const STREAM_RECORD_KEYS = ['ApproximateCreationDateTime', 'Keys', 'NewImage', 'SequenceNumber', 'SizeBytes', 'StreamViewType'];

function expectLambdaShape(event: LambdaStreamEvent, streamArn: string) {
  expect(Object.keys(event)).toEqual(['Records']);
  expect(event.Records.length).toBeGreaterThan(0);
  expect(event.Records.length).toBeLessThanOrEqual(OUTBOX_STREAM_MAPPING.batchSize);
  for (const record of event.Records) {
    expect(Object.keys(record).sort()).toEqual(RECORD_KEYS);
    expect(Object.keys(record.dynamodb).sort()).toEqual(STREAM_RECORD_KEYS);
    expect(record).toMatchObject({
      eventSource: 'aws:dynamodb',
      awsRegion: LOCAL_REGION,
      eventSourceARN: streamArn,
      eventName: 'INSERT',
      eventVersion: expect.any(String),
      eventID: expect.any(String),
    });
    expect(record.dynamodb).toMatchObject({
      StreamViewType: 'NEW_IMAGE',
      SequenceNumber: expect.stringMatching(/^\d+$/),
      SizeBytes: expect.any(Number),
      Keys: { pk: { S: expect.any(String) }, sk: { S: expect.stringMatching(/^O#/) } },
    });
    // Epoch seconds, as Lambda passes it (the SDK's GetRecords gives a Date).
    expect(Number.isInteger(record.dynamodb.ApproximateCreationDateTime)).toBe(true);
    expect(Math.abs(record.dynamodb.ApproximateCreationDateTime * 1000 - Date.now())).toBeLessThan(10 * 60_000);
    expect(record.dynamodb.NewImage).toMatchObject({ pk: record.dynamodb.Keys.pk, sk: record.dynamodb.Keys.sk });
  }
  // In stream order.
  const sequence = event.Records.map((r) => BigInt(r.dynamodb.SequenceNumber));
  expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

describe("the local cloud drains the outbox from the table's stream", () => {
  test("a registered complaint's letters go out without drainOutboxes: the stream invokes the drain with Lambda's event", async () => {
    const response = await postComplaint(t.cloud.urls.api, 'demo', validComplaint({ complainant: { name: 'Stroom Test', email: 'stroom@example.com', language: 'nl' } }));
    expect(response.status).toBe(201);
    const reference = response.body.reference as string;
    const mails = await eventually("the acknowledgement and the coordinator's notice", async () => {
      const about = (await sentMail(t.cloud.urls.ses)).filter((m) => m.subject.includes(reference));
      return about.length >= 2 ? about : undefined;
    });
    // Before the drain's one-minute timer could have run: the stream did it.
    expect(Date.now() - startedAt).toBeLessThan(60_000);
    expect(mails.flatMap((m) => m.destination.to).sort()).toEqual(['klachten@demo.example', 'stroom@example.com']);

    const consumer = t.cloud.outboxStreams.get('demo')!;
    expect(consumer.streamArn).toMatch(/:table\/klachten-demo\/stream\//);
    // The invocation that sent them may still be recording them.
    await consumer.settle();
    const mine = consumer.invocations.filter((i) => i.event.Records.some((r) => r.dynamodb.Keys.pk?.S === `C#${reference}`));
    expect(mine.length).toBeGreaterThan(0);
    for (const invocation of consumer.invocations) {
      expectLambdaShape(invocation.event, consumer.streamArn);
      // The drain's answer is a partial batch response with nothing failed.
      expect(invocation.outcome).toEqual({ ok: true });
    }
    // The acknowledgement's entry, as the drain was told of it.
    const announced = mine.flatMap((i) => i.event.Records).map((r) => r.dynamodb.Keys.sk?.S);
    expect(announced).toContain('O#mail-acknowledgement-complainant-v1');
    expect(consumer.failures).toEqual([]);
  }, 60_000);
});

describe('the stream consumer applies the event source mapping CDK deploys', () => {
  let tables = 0;
  const freshTable = async () => {
    tables += 1;
    const name = `klachten-streamtest-${tables}`;
    await ensureRegisterTable(t.cloud.urls.dynamodb, name);
    return name;
  };
  const consume = async (tableName: string, invoke: (event: LambdaStreamEvent) => Promise<unknown>, mapping: StreamMapping = OUTBOX_STREAM_MAPPING) => {
    const consumer = await startStreamConsumer({
      endpoint: t.cloud.urls.dynamodb,
      credentials: LOCAL_CREDENTIALS,
      region: LOCAL_REGION,
      tableName,
      mapping,
      invoke,
      functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:streamtest',
      pollIntervalMs: 50,
      retryDelayMs: 20,
      log: () => {},
    });
    consumers.push(consumer);
    return consumer;
  };
  const outboxItem = (table: string, entryId: string): TransactWriteItem => ({
    Put: { TableName: table, Item: { pk: { S: 'C#KL-2026-000001' }, sk: { S: `O#${entryId}` }, state: { S: 'pending' } } },
  });
  const write = (items: TransactWriteItem[]) => t.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }));
  const sortKeys = (event: LambdaStreamEvent) => event.Records.map((r) => r.dynamodb.Keys.sk?.S);

  test("the event is Lambda's, in batches of the mapping's size; the filter passes only new outbox items", async () => {
    const table = await freshTable();
    const events: LambdaStreamEvent[] = [];
    const consumer = await consume(table, async (event) => {
      events.push(event);
      return { batchItemFailures: [] };
    });
    // Every record, for comparison: the same mapping without its filter.
    const everything: LambdaStreamEvent[] = [];
    await consume(
      table,
      async (event) => {
        everything.push(event);
        return {};
      },
      { ...OUTBOX_STREAM_MAPPING, filterPatterns: [] },
    );

    const entryIds = Array.from({ length: 25 }, (_, i) => `entry-${String(i).padStart(2, '0')}`);
    await write([
      ...entryIds.map((id) => outboxItem(table, id)),
      { Put: { TableName: table, Item: { pk: { S: 'C#KL-2026-000001' }, sk: { S: 'COMPLAINT' } } } },
      { Put: { TableName: table, Item: { pk: { S: 'C#KL-2026-000001' }, sk: { S: 'E#000001' } } } },
    ]);
    // The drain's own kind of write: an outbox item updated (a MODIFY).
    await t.dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'C#KL-2026-000001' }, sk: { S: 'O#entry-00' } },
        UpdateExpression: 'SET #state = :done',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':done': { S: 'done' } },
      }),
    );
    await Promise.all(consumers.slice(-2).map((c) => c.settle()));

    // All 25 were in the stream at once: full batches, then the rest.
    expect(events.map((e) => e.Records.length)).toEqual([10, 10, 5]);
    for (const event of events) expectLambdaShape(event, consumer.streamArn);
    expect(events.flatMap(sortKeys)).toEqual(entryIds.map((id) => `O#${id}`));
    // What the filter dropped was there: two other items and the update.
    const all = everything.flatMap((e) => e.Records);
    expect(all).toHaveLength(28);
    expect(all.filter((r) => r.eventName === 'MODIFY').map((r) => r.dynamodb.Keys.sk?.S)).toEqual(['O#entry-00']);
    expect(all.map((r) => r.dynamodb.Keys.sk?.S)).toEqual(expect.arrayContaining(['COMPLAINT', 'E#000001']));
    expect(consumer.failures).toEqual([]);
  }, 60_000);

  test('a batch that keeps failing is split, retried as often as the mapping says, then sent to the on-failure destination; the stream goes on', async () => {
    const table = await freshTable();
    const calls: Array<Array<string | undefined>> = [];
    const consumer = await consume(table, async (event) => {
      calls.push(sortKeys(event));
      if (sortKeys(event).includes('O#bad')) throw new Error('the drain failed');
      return { batchItemFailures: [] };
    });
    await write(['good-1', 'bad', 'good-2'].map((id) => outboxItem(table, id)));
    await consumer.settle();

    expect(OUTBOX_STREAM_MAPPING.bisectBatchOnError).toBe(true);
    expect(calls).toEqual([
      ['O#good-1', 'O#bad', 'O#good-2'], // failed: split in two, which uses no retry
      ['O#good-1', 'O#bad'], // failed: split again
      ['O#good-1'],
      // The record that fails on its own: once, and once per retry.
      ...Array.from({ length: 1 + OUTBOX_STREAM_MAPPING.retryAttempts }, () => ['O#bad']),
      ['O#good-2'],
    ]);
    const bad = consumer.invocations.find((i) => sortKeys(i.event)[0] === 'O#bad')!.event.Records[0]!;
    expect(consumer.failures).toEqual([
      {
        requestContext: {
          requestId: expect.any(String),
          functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:streamtest',
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: 1 + OUTBOX_STREAM_MAPPING.retryAttempts,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: expect.any(String),
        DDBStreamBatchInfo: {
          shardId: expect.stringMatching(/^shardId-/),
          startSequenceNumber: bad.dynamodb.SequenceNumber,
          endSequenceNumber: bad.dynamodb.SequenceNumber,
          approximateArrivalOfFirstRecord: expect.any(String),
          approximateArrivalOfLastRecord: expect.any(String),
          batchSize: 1,
          streamArn: consumer.streamArn,
        },
      },
    ]);

    await write([outboxItem(table, 'after')]);
    await consumer.settle();
    expect(calls.at(-1)).toEqual(['O#after']);
    expect(consumer.failures).toHaveLength(1);
  }, 60_000);

  test('a batching window (the mapping has none: every record goes at once) gathers records that come apart', async () => {
    expect(OUTBOX_STREAM_MAPPING.maxBatchingWindowSeconds).toBe(0);
    const table = await freshTable();
    const calls: Array<Array<string | undefined>> = [];
    const consumer = await consume(
      table,
      async (event) => {
        calls.push(sortKeys(event));
        return {};
      },
      { ...OUTBOX_STREAM_MAPPING, maxBatchingWindowSeconds: 3 },
    );
    for (const id of ['w1', 'w2', 'w3']) await write([outboxItem(table, id)]);
    await consumer.settle();
    expect(calls).toEqual([['O#w1', 'O#w2', 'O#w3']]);
  }, 60_000);

  test('a partial batch response: the batch is retried from the first record it names, and the records before it are done', async () => {
    const table = await freshTable();
    const calls: Array<Array<string | undefined>> = [];
    let answered = false;
    const consumer = await consume(table, async (event) => {
      calls.push(sortKeys(event));
      if (answered) return { batchItemFailures: [] };
      answered = true;
      // Named out of order: Lambda resumes from the earliest.
      return { batchItemFailures: [{ itemIdentifier: event.Records[3]!.dynamodb.SequenceNumber }, { itemIdentifier: event.Records[2]!.dynamodb.SequenceNumber }] };
    });
    await write(['a', 'b', 'c', 'd'].map((id) => outboxItem(table, id)));
    await consumer.settle();
    expect(calls).toEqual([
      ['O#a', 'O#b', 'O#c', 'O#d'],
      ['O#c', 'O#d'],
    ]);
    expect(consumer.invocations.map((i) => i.outcome)).toEqual([{ ok: false, failedFrom: expect.any(String) }, { ok: true }]);
    expect(consumer.failures).toEqual([]);
  }, 60_000);

  test('paused, it reads and invokes nothing; resumed, it delivers what was written meanwhile, in order', async () => {
    const table = await freshTable();
    const calls: Array<Array<string | undefined>> = [];
    let release: (() => void) | undefined;
    const consumer = await consume(table, async (event) => {
      calls.push(sortKeys(event));
      // The first invocation is held until the test has asked for the pause.
      if (calls.length === 1)
        await new Promise<void>((done) => {
          release = done;
        });
      return {};
    });
    await write([outboxItem(table, 'p1')]);
    await eventually('the first invocation', async () => release);
    // A pause waits for the invocation that is running.
    let paused = false;
    const pausing = consumer.pause().then(() => {
      paused = true;
    });
    await new Promise((done) => setTimeout(done, 200));
    expect(paused).toBe(false);
    release!();
    await pausing;
    await consumer.pause();
    await write(['p2', 'p3'].map((id) => outboxItem(table, id)));
    await new Promise((done) => setTimeout(done, 500));
    expect(calls).toEqual([['O#p1']]);
    consumer.resume();
    await consumer.settle();
    expect(calls).toEqual([['O#p1'], ['O#p2', 'O#p3']]);
    expect(consumer.failures).toEqual([]);
  }, 60_000);
});
