/**
 * The local stream consumer's pure parts: Lambda's event filter patterns (the subset a DynamoDB
 * mapping uses), the partial batch response as Lambda reads it, and the mapping read back from a
 * synthesised AWS::Lambda::EventSourceMapping.
 */
import { describe, expect, test } from 'vitest';
import { OUTBOX_STREAM_MAPPING } from '../../../shared/adapters/outbox-stream.ts';
import { mappingFromTemplate, matchesPattern, partialBatchFailure, startStreamConsumer, type LambdaStreamRecord } from '../../../local/stream-consumer.ts';

const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', sk: string, sequence = '100'): LambdaStreamRecord => ({
  eventID: 'e1',
  eventName,
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'eu-west-1',
  dynamodb: {
    ApproximateCreationDateTime: 1_780_000_000,
    Keys: { pk: { S: 'C#KL-2026-000001' }, sk: { S: sk } },
    NewImage: { pk: { S: 'C#KL-2026-000001' }, sk: { S: sk } },
    SequenceNumber: sequence,
    SizeBytes: 40,
    StreamViewType: 'NEW_IMAGE',
  },
  eventSourceARN: 'arn:aws:dynamodb:ddblocal:000000000000:table/klachten-demo/stream/x',
});

describe('filter patterns', () => {
  const [outbox] = OUTBOX_STREAM_MAPPING.filterPatterns;

  test('the outbox pattern passes new outbox items only', () => {
    expect(matchesPattern(outbox!, record('INSERT', 'O#mail-acknowledgement-complainant-v1'))).toBe(true);
    expect(matchesPattern(outbox!, record('MODIFY', 'O#mail-acknowledgement-complainant-v1'))).toBe(false);
    expect(matchesPattern(outbox!, record('REMOVE', 'O#x'))).toBe(false);
    expect(matchesPattern(outbox!, record('INSERT', 'COMPLAINT'))).toBe(false);
    expect(matchesPattern(outbox!, record('INSERT', 'E#000001'))).toBe(false);
    const { Keys: _keys, ...withoutKeys } = record('INSERT', 'O#x').dynamodb;
    expect(matchesPattern(outbox!, { ...record('INSERT', 'O#x'), dynamodb: withoutKeys })).toBe(false);
  });

  test('values and operators: any of a list, prefix, suffix, exists, anything-but, numeric, equals-ignore-case', () => {
    const r = record('INSERT', 'O#abc');
    expect(matchesPattern({ eventName: ['MODIFY', 'INSERT'] }, r)).toBe(true);
    expect(matchesPattern({ dynamodb: { Keys: { sk: { S: [{ suffix: 'bc' }] } } } }, r)).toBe(true);
    expect(matchesPattern({ dynamodb: { OldImage: [{ exists: false }] } }, r)).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: [{ exists: true }] } }, r)).toBe(true);
    expect(matchesPattern({ dynamodb: { OldImage: [{ exists: true }] } }, r)).toBe(false);
    expect(matchesPattern({ eventName: [{ 'anything-but': ['REMOVE'] }] }, r)).toBe(true);
    expect(matchesPattern({ eventName: [{ 'anything-but': { prefix: 'IN' } }] }, r)).toBe(false);
    expect(matchesPattern({ dynamodb: { SizeBytes: [{ numeric: ['>', 10, '<=', 40] }] } }, r)).toBe(true);
    expect(matchesPattern({ dynamodb: { SizeBytes: [{ numeric: ['>', 40] }] } }, r)).toBe(false);
    expect(matchesPattern({ eventName: [{ 'equals-ignore-case': 'insert' }] }, r)).toBe(true);
    // Every field must match.
    expect(matchesPattern({ eventName: ['INSERT'], awsRegion: ['us-east-1'] }, r)).toBe(false);
  });

  test('an operator it does not evaluate is refused at the start, not guessed at', async () => {
    await expect(
      startStreamConsumer({
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
        region: 'eu-west-1',
        tableName: 'x',
        mapping: { ...OUTBOX_STREAM_MAPPING, filterPatterns: [{ eventName: [{ wildcard: 'IN*' }] }] },
        invoke: async () => ({}),
      }),
    ).rejects.toThrow(/operator "wildcard"/);
  });
});

describe('the partial batch response, as Lambda reads it', () => {
  const batch = [record('INSERT', 'O#a', '1'), record('INSERT', 'O#b', '2'), record('INSERT', 'O#c', '3')];

  test('success: no answer, an empty one, an empty or null list', () => {
    for (const answer of [undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }, { delivered: 3 }]) {
      expect(partialBatchFailure(answer, batch)).toBeUndefined();
    }
  });

  test('the first failed record is where the retry starts, whatever the order named', () => {
    expect(partialBatchFailure({ batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] }, batch)).toBe(1);
  });

  test('the whole batch failed: an identifier missing, empty, of the wrong name or not in the batch', () => {
    for (const failures of [[{ itemIdentifier: '' }], [{ itemIdentifier: null }], [{ id: '2' }], [{ itemIdentifier: '9' }], 'x']) {
      expect(partialBatchFailure({ batchItemFailures: failures }, batch)).toBe('invalid');
    }
  });
});

describe('mappingFromTemplate', () => {
  test("the CloudFormation properties, with Lambda's defaults where they are left out", () => {
    expect(
      mappingFromTemplate({
        StartingPosition: 'LATEST',
        BatchSize: 10,
        MaximumRetryAttempts: 2,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:1:q' } },
      }),
    ).toEqual({
      startingPosition: 'LATEST',
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      retryAttempts: 2,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      filterPatterns: ['{"eventName":["INSERT"]}'],
      onFailureDestination: 'arn:aws:sqs:eu-west-1:1:q',
    });
    expect(mappingFromTemplate({ StartingPosition: 'TRIM_HORIZON' })).toEqual({
      startingPosition: 'TRIM_HORIZON',
      batchSize: 100,
      maxBatchingWindowSeconds: 0,
      retryAttempts: -1,
      bisectBatchOnError: false,
      reportBatchItemFailures: false,
      filterPatterns: [],
    });
  });
});
