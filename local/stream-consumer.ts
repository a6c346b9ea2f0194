/**
 * What Lambda's event source mapping does with a DynamoDB stream, done locally against DynamoDB
 * Local: read the table's stream (DescribeStream, GetShardIterator, GetRecords; a closed shard is
 * read to its end and then its children), keep the records a filter pattern matches, and invoke
 * the function with the event Lambda passes (`{ Records: [{ eventID, eventName, eventVersion,
 * eventSource, awsRegion, dynamodb, eventSourceARN }] }`), applying the mapping's batch size,
 * batching window, retries, bisection on error, partial batch response (`batchItemFailures`:
 * resume from the first failed sequence number) and on-failure destination (here a list in
 * memory and a log line, with the record Lambda would send to the queue).
 *
 * The settings are a parameter: the local cloud passes OUTBOX_STREAM_MAPPING, the values CDK
 * deploys (shared/adapters/outbox-stream.ts); `mappingFromTemplate` reads them from a synthesised
 * AWS::Lambda::EventSourceMapping. One batch at a time per stream, in order (as Lambda with a
 * parallelization factor of 1). What Lambda does that is not done here: MaximumRecordAgeInSeconds,
 * tumbling windows, the 6 MB payload limit, and a checkpoint that outlives the process (a new
 * consumer starts at its starting position, as a new mapping does).
 */
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record as SdkStreamRecord, type Shard } from '@aws-sdk/client-dynamodb-streams';

/** An event source mapping's settings (CDK's DynamoEventSourceProps, in plain values). */
export interface StreamMapping {
  readonly startingPosition: 'LATEST' | 'TRIM_HORIZON';
  /** The most records one invocation gets (Lambda's default for DynamoDB: 100). */
  readonly batchSize: number;
  /** How long records are gathered before an invocation (default 0: as soon as there are any). */
  readonly maxBatchingWindowSeconds?: number;
  /** Retries of a failed batch before it goes to the on-failure destination; -1 without end. */
  readonly retryAttempts: number;
  /** A batch whose invocation fails is split in two, each half tried on its own (a split uses no retry). */
  readonly bisectBatchOnError: boolean;
  /** The function's answer `{ batchItemFailures: [{ itemIdentifier }] }` is read (else any answer is a success). */
  readonly reportBatchItemFailures: boolean;
  /** Lambda event filter patterns, as objects or JSON text: a record is passed on when it matches one. None: every record. */
  readonly filterPatterns?: readonly (Record<string, unknown> | string)[];
  /** Where given-up batches go (an SQS or SNS ARN): named in the log line; the records are kept in `failures`. */
  readonly onFailureDestination?: string;
}

/** An attribute value in the Lambda event's JSON: `{ S: "..." }`, `{ N: "1" }`, `{ M: {...} }`, binary as base64. */
export type JsonAttributeValue = Record<string, any>;

/** A stream record as Lambda passes it to the function. */
export interface LambdaStreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Record<string, JsonAttributeValue>;
    NewImage?: Record<string, JsonAttributeValue>;
    OldImage?: Record<string, JsonAttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  eventSourceARN: string;
  userIdentity?: unknown;
}

export interface LambdaStreamEvent {
  Records: LambdaStreamRecord[];
}

/** What Lambda sends to the on-failure destination for a batch it gave up on. */
export interface StreamFailureRecord {
  requestContext: { requestId: string; functionArn: string; condition: 'RetryAttemptsExhausted'; approximateInvokeCount: number };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** One invocation and what came of it. */
export interface StreamInvocation {
  event: LambdaStreamEvent;
  /** ok; failed (the function threw, or its answer was not a valid partial batch response); partial (from a sequence number on). */
  outcome: { ok: true } | { ok: false; error: string } | { ok: false; failedFrom: string };
}

export interface StreamConsumerOptions {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The region the records name (awsRegion), as the table's in AWS. */
  region: string;
  /** The table whose latest stream is read; or `streamArn`. */
  tableName?: string;
  streamArn?: string;
  mapping: StreamMapping;
  /** Runs the function with the event; its answer is the function's response, a rejection its error. */
  invoke(event: LambdaStreamEvent): Promise<unknown>;
  /** The function's ARN, for the failure records. */
  functionArn?: string;
  /** How often an idle stream is read. @default 250 (Lambda reads a shard four times a second) */
  pollIntervalMs?: number;
  /** Wait before a failed batch is retried. @default 500 */
  retryDelayMs?: number;
  /** Told of each failure record as it goes to the destination. */
  onFailure?(record: StreamFailureRecord): void;
  /** @default console.error */
  log?(line: string): void;
}

export interface StreamConsumer {
  readonly streamArn: string;
  /** What went to the on-failure destination, oldest first (the queue's stand-in). */
  readonly failures: readonly StreamFailureRecord[];
  /** The latest invocations (at most 200), oldest first. */
  readonly invocations: readonly StreamInvocation[];
  /** Resolves once everything in the stream when it was called has been through the function (or dropped, or given up). */
  settle(timeoutMs?: number): Promise<void>;
  /**
   * Holds the consumer: no reads and no invocations until resume(), as a mapping that is disabled
   * for a while (the records wait in the stream, and are delivered after). Resolves once the
   * invocation running when it was called has finished. For the bench, which times intake and
   * the drain one after the other on DynamoDB Local's single writer (bench/intake.ts).
   */
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<void>;
}

const KEPT_INVOCATIONS = 200;

/** The mapping's settings from a synthesised AWS::Lambda::EventSourceMapping's properties, with Lambda's defaults. */
export function mappingFromTemplate(properties: Record<string, any>): StreamMapping {
  const destination = properties.DestinationConfig?.OnFailure?.Destination;
  const startingPosition = properties.StartingPosition;
  if (startingPosition !== 'LATEST' && startingPosition !== 'TRIM_HORIZON') throw new Error(`stream mapping: starting position ${String(startingPosition)} is not LATEST or TRIM_HORIZON`);
  return {
    startingPosition,
    batchSize: properties.BatchSize ?? 100,
    maxBatchingWindowSeconds: properties.MaximumBatchingWindowInSeconds ?? 0,
    retryAttempts: properties.MaximumRetryAttempts ?? -1,
    bisectBatchOnError: properties.BisectBatchOnFunctionError ?? false,
    reportBatchItemFailures: (properties.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
    filterPatterns: (properties.FilterCriteria?.Filters ?? []).map((filter: { Pattern: string }) => filter.Pattern),
    ...(destination === undefined ? {} : { onFailureDestination: typeof destination === 'string' ? destination : JSON.stringify(destination) }),
  };
}

export async function startStreamConsumer(options: StreamConsumerOptions): Promise<StreamConsumer> {
  const { mapping } = options;
  if (!(Number.isInteger(mapping.batchSize) && mapping.batchSize >= 1 && mapping.batchSize <= 10_000)) throw new Error('stream mapping: batchSize must be 1 to 10000');
  if (!(Number.isInteger(mapping.retryAttempts) && mapping.retryAttempts >= -1)) throw new Error('stream mapping: retryAttempts must be -1 or more');
  const patterns = (mapping.filterPatterns ?? []).map((p) => (typeof p === 'string' ? (JSON.parse(p) as Record<string, unknown>) : p));
  for (const pattern of patterns) checkPattern(pattern);
  const log = options.log ?? ((line: string) => console.error(line));
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const windowMs = (mapping.maxBatchingWindowSeconds ?? 0) * 1000;
  const functionArn = options.functionArn ?? 'arn:aws:lambda:local:000000000000:function:local';
  const clientConfig = { endpoint: options.endpoint, region: options.region, credentials: options.credentials, maxAttempts: 1 };
  const streams = new DynamoDBStreamsClient(clientConfig);

  const resolveStreamArn = async (): Promise<string> => {
    if (options.streamArn) return options.streamArn;
    if (!options.tableName) throw new Error('stream consumer: give a tableName or a streamArn');
    const client = new DynamoDBClient(clientConfig);
    try {
      const arn = (await client.send(new DescribeTableCommand({ TableName: options.tableName }))).Table?.LatestStreamArn;
      if (!arn) throw new Error(`stream consumer: table ${options.tableName} has no stream`);
      return arn;
    } finally {
      client.destroy();
    }
  };

  interface ShardState {
    id: string;
    parentId?: string;
    iterator?: string;
    /** The last record read from it (buffered or done). */
    lastRead?: string;
    /**
     * Until a record is read: from the shard's beginning (TRIM_HORIZON), or else from its end as
     * it was at the start (LATEST).
     */
    fromStart: boolean;
    /** Read to its end (a closed shard whose last iterator came back empty). */
    finished: boolean;
  }
  let streamArn = await resolveStreamArn();
  const shards = new Map<string, ShardState>();
  const buffer: Array<{ shardId: string; record: LambdaStreamRecord }> = [];
  let bufferedSince = 0;
  const failures: StreamFailureRecord[] = [];
  const invocations: StreamInvocation[] = [];

  const describeShards = async (): Promise<Shard[]> => {
    const found: Shard[] = [];
    let start: string | undefined;
    do {
      const page = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
      found.push(...(page.StreamDescription?.Shards ?? []));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return found;
  };
  /**
   * New shards join: at the start at the mapping's starting position, later (children of a shard
   * read to its end) from their beginning. LATEST is what is written from now on: a shard that
   * holds records gets its LATEST iterator before the caller writes anything; an empty one is read
   * from its beginning, which is the same thing. (An iterator DynamoDB Local gives for an empty
   * shard goes stale when another table of the same database is written first, so it is not kept.)
   */
  const refreshShards = async (initial: boolean) => {
    for (const shard of await describeShards()) {
      if (!shard.ShardId || shards.has(shard.ShardId)) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      const latest = initial && mapping.startingPosition === 'LATEST';
      const state: ShardState = {
        id: shard.ShardId,
        ...(shard.ParentShardId ? { parentId: shard.ParentShardId } : {}),
        fromStart: !latest,
        // LATEST on a closed shard: nothing more will come.
        finished: latest && closed,
      };
      if (latest && !closed) {
        const oldest = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
        const holds = await streams.send(new GetRecordsCommand({ ShardIterator: oldest, Limit: 1 })).then(
          (page) => (page.Records ?? []).length > 0,
          // A beginning said to be trimmed: there are records (see read).
          (error: Error) => {
            if (error.name === 'TrimmedDataAccessException') return true;
            throw error;
          },
        );
        if (holds) await acquire(state);
        else state.fromStart = true;
      }
      shards.set(shard.ShardId, state);
    }
  };
  await refreshShards(true);

  async function acquire(shard: ShardState): Promise<void> {
    const position = shard.lastRead
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: shard.lastRead }
      : { ShardIteratorType: shard.fromStart ? ('TRIM_HORIZON' as const) : ('LATEST' as const) };
    shard.iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.id, ...position }))).ShardIterator;
  }

  /** A parent is read to its end before its children (records of one item stay in order). */
  const readable = () => [...shards.values()].filter((s) => !s.finished && !(s.parentId && shards.get(s.parentId) && !shards.get(s.parentId)!.finished));

  /** Reads one page of a shard into the buffer; whether it held records. */
  const read = async (shard: ShardState): Promise<boolean> => {
    // From the beginning of a shard that has shown no record yet: a fresh iterator each time (see refreshShards).
    const fromItsStart = shard.fromStart && !shard.lastRead;
    if (!shard.iterator || fromItsStart) await acquire(shard);
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
    } catch (error) {
      // DynamoDB Local, while a shard's first record is being written, may say its beginning was
      // trimmed: nothing was read yet, so the next round simply tries again.
      if (fromItsStart && (error as Error).name === 'TrimmedDataAccessException') return false;
      throw error;
    }
    const records = page.Records ?? [];
    for (const raw of records) {
      const record = toLambdaRecord(raw, options.region, streamArn);
      shard.lastRead = record.dynamodb.SequenceNumber;
      // A record no pattern matches is dropped, as Lambda drops it: it counts as processed.
      if (patterns.length > 0 && !patterns.some((pattern) => matchesPattern(pattern, record))) continue;
      if (buffer.length === 0) bufferedSince = Date.now();
      buffer.push({ shardId: shard.id, record });
    }
    shard.iterator = page.NextShardIterator;
    if (!shard.iterator) {
      // Closed and read to its end: its children (if any yet) come next.
      shard.finished = true;
      await refreshShards(false);
    }
    return records.length > 0;
  };

  const keep = (invocation: StreamInvocation) => {
    invocations.push(invocation);
    if (invocations.length > KEPT_INVOCATIONS) invocations.splice(0, invocations.length - KEPT_INVOCATIONS);
  };

  /** One invocation: from which record on the batch failed (undefined: it succeeded), and whether the function threw. */
  const invokeOnce = async (records: LambdaStreamRecord[]): Promise<{ failedFrom?: number; functionError?: string }> => {
    const event: LambdaStreamEvent = { Records: records };
    let response: unknown;
    try {
      response = await options.invoke(event);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      keep({ event, outcome: { ok: false, error: message } });
      return { failedFrom: 0, functionError: message };
    }
    if (!mapping.reportBatchItemFailures) {
      keep({ event, outcome: { ok: true } });
      return {};
    }
    const failed = partialBatchFailure(response, records);
    if (failed === 'invalid') {
      log(`[local] stream: ${functionArn} answered an invalid partial batch response; the whole batch failed`);
      keep({ event, outcome: { ok: false, error: 'invalid batchItemFailures' } });
      return { failedFrom: 0 };
    }
    if (failed === undefined) {
      keep({ event, outcome: { ok: true } });
      return {};
    }
    keep({ event, outcome: { ok: false, failedFrom: records[failed]!.dynamodb.SequenceNumber } });
    return { failedFrom: failed };
  };

  /** A batch through the function: retried, split and given up as the mapping says. */
  const runBatch = async (shardId: string, batch: LambdaStreamRecord[]) => {
    const queue: Array<{ records: LambdaStreamRecord[]; retries: number }> = [{ records: batch, retries: 0 }];
    while (queue.length > 0) {
      const { records, retries } = queue.shift()!;
      const { failedFrom, functionError } = await invokeOnce(records);
      if (failedFrom === undefined) continue;
      const rest = records.slice(failedFrom);
      if (functionError !== undefined && mapping.bisectBatchOnError && rest.length > 1) {
        const half = Math.ceil(rest.length / 2);
        queue.unshift({ records: rest.slice(0, half), retries }, { records: rest.slice(half), retries });
        continue;
      }
      if (mapping.retryAttempts < 0 || retries < mapping.retryAttempts) {
        if (stopping) return;
        await sleep(retryDelayMs);
        if (stopping) return;
        queue.unshift({ records: rest, retries: retries + 1 });
        continue;
      }
      const failure = failureRecord(rest, { shardId, streamArn, functionArn, invokeCount: retries + 1, ...(functionError !== undefined ? { functionError } : {}) });
      failures.push(failure);
      log(
        `[local] stream: gave up a batch of ${rest.length} record(s) after ${retries} retries (${failure.DDBStreamBatchInfo.startSequenceNumber}..${failure.DDBStreamBatchInfo.endSequenceNumber}); sent to the on-failure destination ${mapping.onFailureDestination ?? '(none configured: dropped)'}`,
      );
      options.onFailure?.(failure);
    }
  };

  /** Hands what the buffer holds to the function in batches; waits for the window unless a batch is full. */
  const flush = async () => {
    while (!paused && buffer.length > 0 && (buffer.length >= mapping.batchSize || Date.now() - bufferedSince >= windowMs)) {
      // A batch holds records of one shard.
      const shardId = buffer[0]!.shardId;
      const otherShard = buffer.findIndex((b) => b.shardId !== shardId);
      const batch = buffer.splice(0, Math.min(mapping.batchSize, otherShard === -1 ? buffer.length : otherShard)).map((b) => b.record);
      bufferedSince = Date.now();
      await runBatch(shardId, batch);
      if (stopping || paused) return;
    }
  };

  let stopping = false;
  let paused = false;
  let resumed: Promise<void> = Promise.resolve();
  let release: (() => void) | undefined;
  const pausers: Array<() => void> = [];
  /** The loop is held (paused, between rounds). */
  let holding = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  let round = 0;
  let reading: ShardState | undefined;
  const settlers: Array<{ after: number; resolve: () => void; reject: (error: Error) => void }> = [];
  let failing: string | undefined;
  let lastRefresh = Date.now();

  const loop = async () => {
    while (!stopping) {
      if (paused) {
        holding = true;
        for (const pauser of pausers.splice(0)) pauser();
        await resumed;
        holding = false;
        continue;
      }
      round += 1;
      const thisRound = round;
      let busy = false;
      try {
        // Now and then look for shards (DynamoDB rolls them over).
        if (Date.now() - lastRefresh > 10_000) {
          lastRefresh = Date.now();
          await refreshShards(false);
        }
        for (const shard of readable()) {
          if (stopping) break;
          reading = shard;
          if (await read(shard)) busy = true;
        }
        reading = undefined;
        await flush();
        if (failing) log(`[local] stream: reading ${streamArn} again`);
        failing = undefined;
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const shard = reading;
        reading = undefined;
        const where = shard ? ` at ${shard.id}${shard.lastRead ? ` after ${shard.lastRead}` : shard.fromStart ? ' from its start' : ' from its end'}` : '';
        if (failing !== message) log(`[local] stream: reading ${streamArn} failed${where} (${message}); trying again`);
        failing = message;
        await recover(error, shard);
        if (!stopping) await sleep(Math.max(pollIntervalMs, 1000));
        continue;
      }
      if (!busy && buffer.length === 0) {
        for (const settler of settlers.filter((s) => s.after < thisRound)) {
          settlers.splice(settlers.indexOf(settler), 1);
          settler.resolve();
        }
      }
      if (!busy && !stopping && !paused) await sleep(buffer.length > 0 ? Math.min(pollIntervalMs, Math.max(1, windowMs - (Date.now() - bufferedSince))) : pollIntervalMs);
    }
  };

  /**
   * After a failed read: fresh iterators, from the last record read. A stream that is gone is
   * looked up again (the table was made again: everything in the new one is new to this
   * consumer); a shard the stream no longer lists is done; a position trimmed away starts over
   * at the shard's oldest record.
   */
  const recover = async (error: unknown, failed: ShardState | undefined) => {
    for (const shard of shards.values()) delete shard.iterator;
    const name = (error as Error).name;
    if (name !== 'ResourceNotFoundException' && name !== 'TrimmedDataAccessException') return;
    try {
      if (!options.streamArn) {
        const latest = await resolveStreamArn();
        if (latest !== streamArn) {
          streamArn = latest;
          shards.clear();
          await refreshShards(false);
          return;
        }
      }
      const listed = new Set((await describeShards()).map((s) => s.ShardId));
      for (const shard of shards.values()) {
        if (!listed.has(shard.id)) shard.finished = true;
      }
      if (failed && name === 'TrimmedDataAccessException') {
        delete failed.lastRead;
        failed.fromStart = true;
      }
      await refreshShards(false);
    } catch {
      // Still unreachable: the next round tries again.
    }
  };

  const running = loop();
  return {
    get streamArn() {
      return streamArn;
    },
    failures,
    invocations,
    settle: (timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const settler = {
          after: round,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject: (error: Error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          settlers.splice(settlers.indexOf(settler), 1);
          reject(new Error(`the stream ${streamArn} did not settle within ${timeoutMs} ms${failing ? ` (${failing})` : ''}`));
        }, timeoutMs);
        settlers.push(settler);
      }),
    pause: () =>
      new Promise<void>((resolve) => {
        if (holding || stopping) return resolve();
        pausers.push(resolve);
        if (paused) return;
        paused = true;
        resumed = new Promise<void>((done) => {
          release = done;
        });
        wake?.();
      }),
    resume: () => {
      if (!paused) return;
      paused = false;
      release?.();
    },
    stop: async () => {
      stopping = true;
      paused = false;
      release?.();
      wake?.();
      await running;
      streams.destroy();
      for (const settler of settlers.splice(0)) settler.reject(new Error('the stream consumer stopped'));
    },
  };
}

/** A record from GetRecords as Lambda passes it: JSON attribute values, the time in epoch seconds, the stream's ARN. */
function toLambdaRecord(raw: SdkStreamRecord, region: string, streamArn: string): LambdaStreamRecord {
  const data = raw.dynamodb ?? {};
  const created = data.ApproximateCreationDateTime;
  return {
    eventID: raw.eventID ?? randomUUID(),
    eventName: raw.eventName ?? 'INSERT',
    eventVersion: raw.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : Math.floor(Date.now() / 1000),
      Keys: jsonValues(data.Keys ?? {}) as Record<string, JsonAttributeValue>,
      ...(data.NewImage ? { NewImage: jsonValues(data.NewImage) as Record<string, JsonAttributeValue> } : {}),
      ...(data.OldImage ? { OldImage: jsonValues(data.OldImage) as Record<string, JsonAttributeValue> } : {}),
      SequenceNumber: data.SequenceNumber ?? '',
      SizeBytes: data.SizeBytes ?? 0,
      StreamViewType: data.StreamViewType ?? 'NEW_IMAGE',
    },
    eventSourceARN: streamArn,
    ...(raw.userIdentity ? { userIdentity: raw.userIdentity } : {}),
  };
}

/** Attribute values as JSON carries them: binary as base64. */
function jsonValues(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonValues);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== '$unknown')
        .map(([k, v]) => [k, jsonValues(v)]),
    );
  return value;
}

/**
 * The index of the first record a partial batch response names (Lambda resumes there), undefined
 * for a success (no answer, an empty one, an empty or null list), 'invalid' when Lambda would
 * count the whole batch failed (an identifier that is missing, empty, or not in the batch).
 */
export function partialBatchFailure(response: unknown, records: readonly LambdaStreamRecord[]): number | undefined | 'invalid' {
  if (response === null || response === undefined || typeof response !== 'object') return undefined;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return undefined;
  if (!Array.isArray(failures)) return 'invalid';
  if (failures.length === 0) return undefined;
  let first: number | undefined;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return 'invalid';
    const index = records.findIndex((r) => r.dynamodb.SequenceNumber === id);
    if (index < 0) return 'invalid';
    first = first === undefined ? index : Math.min(first, index);
  }
  return first;
}

function failureRecord(records: LambdaStreamRecord[], batch: { shardId: string; streamArn: string; functionArn: string; invokeCount: number; functionError?: string }): StreamFailureRecord {
  const arrival = (record: LambdaStreamRecord) => new Date(record.dynamodb.ApproximateCreationDateTime * 1000).toISOString();
  return {
    requestContext: { requestId: randomUUID(), functionArn: batch.functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: batch.invokeCount },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(batch.functionError !== undefined ? { functionError: 'Unhandled' } : {}) },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: records[0]!.dynamodb.SequenceNumber,
      endSequenceNumber: records.at(-1)!.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(records[0]!),
      approximateArrivalOfLastRecord: arrival(records.at(-1)!),
      batchSize: records.length,
      streamArn: batch.streamArn,
    },
  };
}

// Lambda event filtering: the subset of the pattern language a DynamoDB mapping uses.
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html

const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'exists', 'anything-but', 'numeric']);

/** Refuses a pattern with an operator this consumer does not evaluate (better than passing or dropping records silently). */
function checkPattern(pattern: unknown, path = ''): void {
  if (Array.isArray(pattern)) {
    for (const rule of pattern) {
      if (rule && typeof rule === 'object') {
        for (const operator of Object.keys(rule)) if (!OPERATORS.has(operator)) throw new Error(`stream filter: operator "${operator}" at ${path || 'the top'} is not supported locally`);
      }
    }
    return;
  }
  if (!pattern || typeof pattern !== 'object') throw new Error(`stream filter: ${path || 'the pattern'} must be an object or a list of values`);
  for (const [key, value] of Object.entries(pattern)) checkPattern(value, path ? `${path}.${key}` : key);
}

/** Whether a record matches a filter pattern: every field of the pattern matches (a list: any of its rules). */
export function matchesPattern(pattern: Record<string, unknown>, value: unknown): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    const present = value !== null && typeof value === 'object' && !Array.isArray(value) && key in value;
    const field = present ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(rule)) return rule.some((r) => matchesRule(r, present, field));
    if (rule && typeof rule === 'object') return present && matchesPattern(rule as Record<string, unknown>, field);
    return false;
  });
}

function matchesRule(rule: unknown, present: boolean, field: unknown): boolean {
  if (rule && typeof rule === 'object') {
    const [[operator, operand]] = Object.entries(rule) as [[string, unknown]];
    if (operator === 'exists') return operand ? present : !present;
    if (!present) return false;
    const values = Array.isArray(field) ? field : [field];
    return values.some((v) => matchesOperator(operator, operand, v));
  }
  if (!present) return false;
  const values = Array.isArray(field) ? field : [field];
  return values.some((v) => v === rule);
}

function matchesOperator(operator: string, operand: unknown, value: unknown): boolean {
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(String(operand));
    case 'suffix':
      return typeof value === 'string' && value.endsWith(String(operand));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(operand).toLowerCase();
    case 'anything-but': {
      if (operand && typeof operand === 'object' && !Array.isArray(operand)) {
        const [[inner, innerOperand]] = Object.entries(operand) as [[string, unknown]];
        return !matchesOperator(inner, innerOperand, value);
      }
      return !(Array.isArray(operand) ? operand : [operand]).includes(value);
    }
    case 'numeric': {
      if (typeof value !== 'number') return false;
      const terms = operand as Array<string | number>;
      for (let i = 0; i < terms.length; i += 2) {
        const [op, bound] = [terms[i], Number(terms[i + 1])];
        const ok = op === '=' ? value === bound : op === '<' ? value < bound : op === '<=' ? value <= bound : op === '>' ? value > bound : op === '>=' ? value >= bound : false;
        if (!ok) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
