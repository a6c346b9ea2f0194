/**
 * `npm run cost` (tools/cost.ts, tools/cost/*): the pricing arithmetic, the template counting,
 * the counting proxies' helpers and the arguments, on made-up templates and profiles (fast; the
 * real template and the docs table: cost-docs.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { parseCostArgs, profilePathFor, replaceDocBlocks } from '../../../tools/cost.ts';
import { emfLine } from '../../../shared/adapters/metrics.ts';
import { emfMetricNames } from '../../../tools/cost/emf.ts';
import { renderBasis, renderCostTables } from '../../../tools/cost/format.ts';
import { itemBytes } from '../../../tools/cost/item-size.ts';
import { amount, budgetNotes, estimate, metricHourShare, metricMonthUsd, monthlyUsage, staffFor } from '../../../tools/cost/model.ts';
import { costOf, PRICES } from '../../../tools/cost/prices.ts';
import { emptyUsage, PROFILE_PATH, type RequestProfile } from '../../../tools/cost/profile.ts';
import { askForCapacity, consumedUnits, dynamodbOperation } from '../../../tools/cost/proxy.ts';
import { countTemplate, invocationsPerMonth, type Template, type TemplateCounts } from '../../../tools/cost/template.ts';

const fn = (name: string, memory = 512) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { FunctionName: `klachten-t-${name}`, MemorySize: memory, Architectures: ['arm64'], LoggingConfig: { LogGroup: { Ref: `${name}Logs` } } },
});

const TEMPLATE: Template = {
  Resources: {
    KeyA: { Type: 'AWS::KMS::Key' },
    KeyB: { Type: 'AWS::KMS::Key' },
    Alarm1: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'Klachtenregister', MetricName: 'LettersFailed', Period: 300 } },
    Alarm2: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Period: 60 } },
    Alarm3: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Period: 10 } },
    Secret: { Type: 'AWS::SecretsManager::Secret' },
    Drain: fn('outbox-drain', 1024),
    'outbox-drainLogs': { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } },
    Sweeper: fn('deadline-sweeper'),
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, GlobalSecondaryIndexes: [{}, {}] } },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true }] } } },
    Logs: { Type: 'AWS::S3::Bucket' },
    Plan: { Type: 'AWS::GuardDuty::MalwareProtectionPlan' },
    Timer: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(5 minutes)', Targets: [{ Arn: { 'Fn::GetAtt': ['Drain', 'Arn'] } }] } },
    Sweep: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'cron(15 5 * * ? *)', Targets: [{ Arn: { 'Fn::GetAtt': ['Sweeper', 'Arn'] } }] } },
    Uploads: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: ['aws.s3'] } } },
    AccessLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': ['AccessLogs', 'Arn'] }, Format: 'x'.repeat(400) } } },
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Queue: { Type: 'AWS::SQS::Queue' },
  },
};

describe('counting the template', () => {
  test('keys, alarms (high resolution apart), secrets, functions and memory, tables, buckets, GuardDuty, timers, logs', () => {
    const counts = countTemplate('klachten-t', TEMPLATE, {
      stackName: 'klachten-t-edge',
      template: { Resources: { Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{}, {}, {}] } }, Cdn: { Type: 'AWS::CloudFront::Distribution' } } },
    });
    expect(counts).toMatchObject({
      kmsKeys: 2,
      alarms: 2,
      highResolutionAlarms: 1,
      secrets: 1,
      functions: [
        { id: 'deadline-sweeper', memoryMb: 512, arm64: true },
        { id: 'outbox-drain', memoryMb: 1024, arm64: true },
      ],
      functionLogRetentionDays: 365,
      accessLogRetentionDays: 90,
      accessLogFormatBytes: 400,
      tables: 1,
      onDemandTables: 1,
      pitrTables: 1,
      indexes: 2,
      buckets: 2,
      bucketKeyBuckets: 1,
      malwareProtectionPlans: 1,
      queues: 1,
      userPools: 1,
      alarmedCustomMetrics: ['LettersFailed'],
      edge: { stackName: 'klachten-t-edge', webAcls: 1, wafRules: 3, distributions: 1 },
    });
    expect(counts.scheduledRules.map((r) => [r.target, r.invocationsPerMonth])).toEqual([
      ['outbox-drain', 8640],
      ['deadline-sweeper', 30],
    ]);
  });

  test('schedule expressions as invocations in a 30-day month', () => {
    expect(invocationsPerMonth('rate(5 minutes)')).toBe(8640);
    expect(invocationsPerMonth('rate(1 hour)')).toBe(720);
    expect(invocationsPerMonth('rate(1 day)')).toBe(30);
    expect(invocationsPerMonth('cron(15 5 * * ? *)')).toBe(30);
    expect(invocationsPerMonth('cron(0,30 * * * ? *)')).toBe(30 * 2 * 24);
    expect(() => invocationsPerMonth('cron(0 5 1 * ? *)')).toThrow(/cannot count/);
  });
});

/** Two complaints; every figure chosen so the arithmetic is easy to follow. */
function profile(): RequestProfile {
  const procedure = emptyUsage();
  procedure.apiRequests = 20;
  procedure.apiResponseBytes = 2_000_000;
  procedure.invocations = { 'outbox-drain': { count: 10, ms: 20_000 }, 'deadline-sweeper': { count: 2, ms: 2_000 } };
  procedure.dynamodb = { writeUnits: 600, readUnits: 200, failedWrites: 0, calls: {} };
  procedure.scheduler = { created: 4, updated: 0, deleted: 2, read: 0, fired: 2 };
  procedure.ses = { messages: 10, recipients: 10 };
  procedure.s3 = { writeRequests: 2, readRequests: 4, uploads: 1, uploadBytes: 60 };
  procedure.logs = { lines: 20, bytes: 20_000 };
  const timer = emptyUsage();
  timer.invocations = { 'outbox-drain': { count: 1, ms: 100 } };
  timer.dynamodb.readUnits = 1;
  const sweep = emptyUsage();
  sweep.invocations = { 'deadline-sweeper': { count: 1, ms: 1000 } };
  return {
    measuredAt: '2026-12-07T00:00:00.000Z',
    tenant: 't',
    command: 'npm run cost -- --measure --tenant t',
    method: 'made up',
    procedure: { complaints: 2, description: 'two made-up complaints', steps: [] },
    storage: { tableBytes: 100_000, items: 10 },
    complaintProcedure: procedure,
    timerDrain: timer,
    dailySweep: sweep,
    customMetrics: ['ComplaintsRegistered', 'LettersFailed'],
  };
}

const counts = (): TemplateCounts => countTemplate('klachten-t', TEMPLATE);
const line = (n: number, key: string) => estimate(profile(), counts(), n).items.find((i) => i.key === key)!;

describe('the pricing arithmetic', () => {
  test('a price per unit, per thousand, per million', () => {
    expect(costOf('kmsKey', 3)).toBe(3);
    expect(costOf('sesMessages', 1_000)).toBeCloseTo(0.1, 10);
    expect(costOf('lambdaRequests', 2_000_000)).toBeCloseTo(0.4, 10);
    for (const p of Object.values(PRICES)) {
      expect(p.usd).toBeGreaterThan(0);
      expect(p.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
    }
  });

  test('per complaint times complaints a month, plus the fixed runs of the timers', () => {
    // 12,000 a year: 1,000 a month; the profile's two complaints halve every figure.
    const u = monthlyUsage(profile(), counts(), 12_000);
    expect(u.complaintsPerMonth).toBe(1_000);
    expect(u.apiRequests).toBe(10_000);
    // drain: 5 x 1,000 + 8,640 timer runs; sweeper: 1 x 1,000 + 30 sweeps
    expect(u.invocations).toBe(5_000 + 8_640 + 1_000 + 30);
    // drain 1 GB: 10 s x 1,000 + 0.1 s x 8,640; sweeper 0.5 GB: 1 s x 1,000 + 1 s x 30
    expect(u.gbSeconds).toBeCloseTo(10 * 1_000 + 0.1 * 8_640 + 0.5 * (1_000 + 30), 6);
    expect(u.writeUnits).toBe(300_000);
    expect(u.readUnits).toBe(100_000 + 8_640);
    expect(u.tableGb).toBeCloseTo((50_000 * 12_000) / 1e9, 12);
    expect(u.scheduleInvocations).toBe(1_000);
    expect(u.letters).toBe(5_000);
    expect(u.files).toBe(500);
    expect(u.storedFileGb).toBeCloseTo((500 * 12 * 1e6) / 1e9, 9);
    expect(u.customMetrics).toBe(2);
    // function logs kept a year (12 months), access log lines (400 bytes) kept 90 days (3 months)
    expect(u.storedLogGb).toBeCloseTo(((10_000 * 1_000) / 1e9) * 12 + ((10_000 * 400) / 1e9) * 3, 12);
  });

  test('each line priced from the usage', () => {
    expect(line(12_000, 'lambda').usd).toBeCloseTo(costOf('lambdaRequests', 14_670) + costOf('lambdaGbSecondArm', 10_000 + 864 + 515), 10);
    expect(line(12_000, 'api').usd).toBeCloseTo((10_000 * 1.2) / 1e6, 10);
    expect(line(12_000, 'dynamodbRequests').usd).toBeCloseTo((300_000 * 0.7625) / 1e6 + (108_640 * 0.1525) / 1e6, 10);
    expect(line(12_000, 'ses').usd).toBeCloseTo(0.5, 10);
    expect(line(12_000, 'kmsKeys').usd).toBe(2);
    // two standard alarms, one high resolution at three times the price
    expect(line(12_000, 'alarms').usd).toBeCloseTo(0.2 + 0.3, 10);
    expect(line(12_000, 'secrets').usd).toBeCloseTo(0.4, 10);
    expect(line(12_000, 'guardduty').usd).toBeCloseTo((500 * 0.215) / 1000 + 0.5 * 0.09, 10);
    const e = estimate(profile(), counts(), 12_000);
    expect(e.total).toBeCloseTo(
      e.items.reduce((n, i) => n + i.usd, 0),
      10,
    );
  });

  test('no complaints: only what the stack costs by itself', () => {
    const e = estimate(profile(), counts(), 0);
    expect(line(0, 'api').usd).toBe(0);
    expect(line(0, 'ses').usd).toBe(0);
    expect(e.total).toBeGreaterThan(2 + 0.4);
  });

  test('the edge: a web ACL and its rules, requests through WAF and CloudFront', () => {
    const withEdge = countTemplate('klachten-t', TEMPLATE, { stackName: 'e', template: { Resources: { Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{}, {}, {}, {}, {}, {}, {}] } } } } });
    const e = estimate(profile(), withEdge, 12_000, { edge: true });
    expect(e.edge!.items[0]!.usd).toBeCloseTo(5 + 7 + (10_000 * 0.6) / 1e6, 10);
    expect(e.edge!.items[1]!.usd).toBeCloseTo((10_000 * 0.012) / 10_000 + 1 * 0.085, 10);
    expect(() => estimate(profile(), counts(), 1, { edge: true })).toThrow(/edge stack/);
  });

  test('staff assumed: 3, 15 and 150 at 100, 10,000 and 1,000,000 complaints a year', () => {
    expect([100, 10_000, 1_000_000].map(staffFor)).toEqual([3, 15, 150]);
  });

  test('amounts read easily', () => {
    expect([0, 0.0042, 3, 8.33, 42, 8_640, 1_234_567, 27_000_000].map(amount)).toEqual(['0', '0.004', '3', '8.3', '42', '8,640', '1.2 M', '27 M']);
  });
});

/**
 * The profile with the metrics' writes counted: at 1,200 complaints a year (100 a month),
 * ComplaintsRegistered once per complaint (100 a month), LettersSent 100 times per complaint
 * (10,000), Bounces listed but never written; every timer drain writes OutboxBacklogAgeSeconds
 * (8,640 a month), every daily sweep DeadlinesMissed (30 a month).
 */
function measuredProfile(): RequestProfile {
  const p = profile();
  p.complaintProcedure.metricWrites = { ComplaintsRegistered: 2, LettersSent: 200, Bounces: 0 };
  p.timerDrain.metricWrites = { OutboxBacklogAgeSeconds: 1 };
  p.dailySweep.metricWrites = { DeadlinesMissed: 1 };
  p.customMetrics = ['Bounces', 'ComplaintsRegistered', 'DeadlinesMissed', 'LettersSent', 'OutboxBacklogAgeSeconds'];
  return p;
}

describe('custom metrics, prorated by the hours they are written in', () => {
  test('$0.30 for a metric written in every hour; the expected share of the 730 hours a Poisson stream of writes falls in', () => {
    expect(metricMonthUsd(10_000)).toBeCloseTo(0.3, 5);
    // 0.30 x (1 - e^(-100/730)) = $0.0384
    expect(metricMonthUsd(100)).toBeCloseTo(0.0384, 4);
    expect(metricMonthUsd(730)).toBeCloseTo(0.3 * (1 - Math.exp(-1)), 10);
    expect(metricMonthUsd(0)).toBe(0);
    expect(metricHourShare(833)).toBeCloseTo(0.68, 2);
    expect(metricHourShare(1e9)).toBe(1);
  });

  test("writes a month: per complaint times complaints a month, plus the fixed runs' writes", () => {
    const u = monthlyUsage(measuredProfile(), counts(), 1_200);
    const writes = Object.fromEntries(u.metrics.map((m) => [m.name, m.writesPerMonth]));
    expect(writes).toEqual({ Bounces: 0, ComplaintsRegistered: 100, DeadlinesMissed: 30, LettersSent: 10_000, OutboxBacklogAgeSeconds: 8_640 });
    expect(u.customMetrics).toBe(5);
    expect(u.failureOnlyMetrics).toEqual(['LettersFailed']);
    const item = estimate(measuredProfile(), counts(), 1_200).items.find((i) => i.key === 'metrics')!;
    expect(item.usd).toBeCloseTo(metricMonthUsd(100) + metricMonthUsd(10_000) + metricMonthUsd(8_640) + metricMonthUsd(30), 10);
    expect(item.usd).toBeCloseTo(0.0384 + 0.3 + 0.3 + 0.0121, 3);
    expect(item.usage).toBe(
      'Bounces not written; ComplaintsRegistered 100 writes in ~13% of hours; DeadlinesMissed 30 writes in ~4.0% of hours; LettersSent 10,000 writes in ~100% of hours; OutboxBacklogAgeSeconds 8,640 writes in ~100% of hours; 1 more only when something fails (LettersFailed), $0 while all is well',
    );
  });

  test('the usage says how often and in what share of the hours', () => {
    const item = estimate(measuredProfile(), counts(), 10_000).items.find((i) => i.key === 'metrics')!;
    expect(item.usage).toMatch(/ComplaintsRegistered 833 writes in ~68% of hours/);
  });

  test("no complaints: only the fixed runs' metrics cost", () => {
    const item = estimate(measuredProfile(), counts(), 0).items.find((i) => i.key === 'metrics')!;
    expect(item.usd).toBeCloseTo(metricMonthUsd(8_640) + metricMonthUsd(30), 10);
    expect(item.usage).toMatch(/^Bounces not written; ComplaintsRegistered not written; DeadlinesMissed 30 writes/);
  });

  test('a profile measured before the writes were counted: every written metric a full month, as before', () => {
    const u = monthlyUsage(profile(), counts(), 1_200);
    expect(u.metrics.map((m) => [m.name, m.writesPerMonth, m.hourShare])).toEqual([
      ['ComplaintsRegistered', undefined, 1],
      ['LettersFailed', undefined, 1],
    ]);
    for (const n of [0, 100, 10_000, 1_000_000]) expect(line(n, 'metrics').usd).toBeCloseTo(0.6, 10);
    expect(line(10_000, 'metrics').usage).toBe('2 metrics');
    const more = estimate(profile(), { ...counts(), alarmedCustomMetrics: ['FunctionErrors', 'LettersFailed'] }, 10_000).items.find((i) => i.key === 'metrics')!;
    expect(more.usage).toBe('2 metrics; 1 more only when something fails (FunctionErrors)');
    expect(renderBasis(profile(), counts())).not.toMatch(/metric writes/);
  });

  test("the basis names the writes per complaint and the fixed runs' writes", () => {
    const basis = renderBasis(measuredProfile(), counts());
    expect(basis).toMatch(/\| custom metric writes \(EMF lines; [^|]*\| Bounces 0, ComplaintsRegistered 1, LettersSent 100 \|/);
    expect(basis).toMatch(/one timer drain \([^)]*, metric writes OutboxBacklogAgeSeconds 1\)/);
    expect(basis).toMatch(/one daily sweep \([^)]*, metric writes DeadlinesMissed 1\)/);
  });

  test('the measurement: the metrics of an EMF line, each once; other lines none', () => {
    expect(emfMetricNames(emfLine('t', { ComplaintsRegistered: 1, LettersSent: 2 }, 0))).toEqual(['ComplaintsRegistered', 'LettersSent']);
    expect(emfMetricNames(JSON.stringify({ _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: 'A' }] }, { Metrics: [{ Name: 'A' }, { Name: 'B' }] }] } }))).toEqual(['A', 'B']);
    expect(emfMetricNames('{"level":"info","msg":"CloudWatchMetrics"}')).toEqual([]);
    expect(emfMetricNames('{"level":"info","msg":"done"}')).toEqual([]);
    expect(emfMetricNames('{"_aws":{"CloudWatchMetrics": [')).toEqual([]);
  });
});

describe('the budget', () => {
  test('fixed items above the budget get what it would take, and the total with every change', () => {
    const notes = budgetNotes({ ...counts(), kmsKeys: 3, alarms: 43, functions: Array.from({ length: 17 }, (_, i) => ({ id: `f${i}`, memoryMb: 512, arm64: true })) }, 6);
    expect(notes.kmsKeys?.savingUsd).toBe(2);
    expect(notes.alarms?.savingUsd).toBeCloseTo(3.2, 10);
    expect(notes.metrics?.savingUsd).toBeCloseTo(1.5, 10);
    expect(notes.secrets?.savingUsd).toBeCloseTo(0.4, 10);
    const table = renderCostTables(profile(), { ...counts(), kmsKeys: 6 }, [100, 10_000]);
    expect(table).toMatch(/above it\*\*/);
    expect(table).toMatch(/\| KMS keys \| \$6\.00 \| \$6\.00 \| \$1\.00 a key: one key per tenant/);
  });

  test('with the writes counted, a metric no alarm reads saves what its hours cost, and the total with every change follows', () => {
    // At 10,000 a year: ComplaintsRegistered 833 writes ($0.20), LettersSent 83,333 ($0.30),
    // Bounces none ($0, no note); OutboxBacklogAgeSeconds 8,640 ($0.30), DeadlinesMissed 30 ($0.012).
    const c = { ...counts(), kmsKeys: 6 };
    const u = monthlyUsage(measuredProfile(), c, 10_000);
    const notes = budgetNotes(c, u.customMetrics, u.writtenMetrics, u.metrics);
    const expected = metricMonthUsd(10_000 / 12) + metricMonthUsd(30) + metricMonthUsd((10_000 / 12) * 100) + metricMonthUsd(8_640);
    expect(notes.metrics?.savingUsd).toBeCloseTo(expected, 10);
    expect(notes.metrics?.note).toBe(
      `$0.30 a metric written in every hour, less in fewer: ComplaintsRegistered ($0.20), DeadlinesMissed ($0.01), LettersSent ($0.30), OutboxBacklogAgeSeconds ($0.30) are written but no alarm reads them; counting them from the logs (Logs Insights) instead saves $${expected.toFixed(2)}`,
    );
    const table = renderCostTables(measuredProfile(), c, [100, 10_000]);
    expect(table).toMatch(/above it\*\*/);
    expect(table).toMatch(/\| CloudWatch custom metrics \| \$[\d.]+ \| \$0\.82 \| \$0\.30 a metric written in every hour, less in fewer: /);
    const e = estimate(measuredProfile(), c, 10_000);
    const saving = Object.values(notes).reduce((n, x) => n + (x?.savingUsd ?? 0), 0);
    expect(table).toContain(`With every change in the last column: $${(e.total - saving).toFixed(2)}`);
    // Only metrics that cost less than half a cent unread (8.3 writes a month at 100 a year: $0.003): no note.
    const few = measuredProfile();
    few.complaintProcedure.metricWrites = { ComplaintsRegistered: 2 };
    few.timerDrain.metricWrites = {};
    few.dailySweep.metricWrites = {};
    const fewUsage = monthlyUsage(few, c, 100);
    expect(estimate(few, c, 100).items.find((i) => i.key === 'metrics')!.usd).toBeCloseTo(metricMonthUsd(100 / 12), 10);
    expect(budgetNotes(c, fewUsage.customMetrics, fewUsage.writtenMetrics, fewUsage.metrics).metrics).toBeUndefined();
    // Without the writes: a full $0.30 each, as before.
    expect(budgetNotes(c, 2, ['ComplaintsRegistered', 'LettersFailed'], monthlyUsage(profile(), c, 10_000).metrics).metrics?.savingUsd).toBeCloseTo(0.3, 10);
  });

  test('a tenant within the budget has no notes column', () => {
    const table = renderCostTables(profile(), { ...counts(), kmsKeys: 0, alarms: 0, highResolutionAlarms: 0, secrets: 0 }, [10_000]);
    expect(table).toMatch(/within it\./);
    expect(table).not.toMatch(/what it would take/);
  });
});

describe('counting at the proxies', () => {
  const headers = (op: string) => ({ 'x-amz-target': `DynamoDB_20120810.${op}` });

  test('DynamoDB: the operation, the capacity asked for, the units an answer reports', () => {
    expect(dynamodbOperation(headers('TransactWriteItems'))).toBe('TransactWriteItems');
    const asked = JSON.parse(askForCapacity(headers('PutItem'), Buffer.from('{"TableName":"t"}')).toString());
    expect(asked).toEqual({ TableName: 't', ReturnConsumedCapacity: 'TOTAL' });
    const indexes = Buffer.from('{"ReturnConsumedCapacity":"INDEXES"}');
    expect(askForCapacity(headers('Query'), indexes)).toBe(indexes);
    const other = Buffer.from('{"TableName":"t"}');
    expect(askForCapacity(headers('DescribeTable'), other)).toBe(other);
    expect(consumedUnits(Buffer.from('{"ConsumedCapacity":{"CapacityUnits":6}}'))).toBe(6);
    expect(consumedUnits(Buffer.from('{"ConsumedCapacity":[{"CapacityUnits":10},{"CapacityUnits":2}]}'))).toBe(12);
    expect(consumedUnits(Buffer.from(''))).toBe(0);
  });

  test("an item's size as DynamoDB counts it: names and values", () => {
    expect(itemBytes({ pk: { S: 'C#1' }, n: { N: '12345' }, ok: { BOOL: true } })).toBe(2 + 3 + 1 + 4 + 2 + 1);
    expect(itemBytes({ m: { M: { a: { S: 'xy' } } } })).toBe(1 + 3 + 1 + 1 + 2);
  });
});

describe('the command line', () => {
  test('defaults, one volume, the edge, prices, measure', () => {
    expect(parseCostArgs([])).toEqual({ ok: true, options: { tenant: 'demo', volumes: [100, 10_000, 1_000_000], edge: false, prices: false, measure: false, writeDocs: false } });
    expect(parseCostArgs(['--tenant', 'focus', '--complaints-per-year', '25,000', '--edge'])).toMatchObject({ ok: true, options: { tenant: 'focus', volumes: [25_000], edge: true } });
    expect(parseCostArgs(['--complaints-per-year=500', '--prices', '--measure'])).toMatchObject({ ok: true, options: { volumes: [500], prices: true, measure: true } });
    expect(parseCostArgs(['--write-docs'])).toMatchObject({ ok: true, options: { writeDocs: true } });
  });

  test('--write-docs replaces each block between its markers, and refuses a guide without one', () => {
    const guide = 'intro\n<!-- cost:begin (x) -->\nold\n<!-- cost:end -->\nmiddle\n<!-- cost-edge:begin -->\nold edge\n<!-- cost-edge:end -->\n';
    expect(replaceDocBlocks(guide, { cost: 'new\n', 'cost-edge': 'new edge' })).toBe(
      'intro\n<!-- cost:begin (x) -->\nnew\n<!-- cost:end -->\nmiddle\n<!-- cost-edge:begin -->\nnew edge\n<!-- cost-edge:end -->\n',
    );
    expect(() => replaceDocBlocks(guide, { 'cost-prices': 'x' })).toThrow(/no block cost-prices/);
  });

  test('refusals', () => {
    expect(parseCostArgs(['--complaints-per-year', 'many'])).toMatchObject({ ok: false, exitCode: 2 });
    expect(parseCostArgs(['--tenant'])).toMatchObject({ ok: false, exitCode: 2, message: expect.stringMatching(/--tenant needs a value/) });
    expect(parseCostArgs(['--bogus'])).toMatchObject({ ok: false, exitCode: 2 });
    expect(parseCostArgs(['--help'])).toMatchObject({ ok: false, exitCode: 0 });
  });

  test("the committed profile is the demo tenant's; another tenant has its own file", () => {
    expect(profilePathFor('demo')).toBe(PROFILE_PATH);
    expect(profilePathFor('focus')).toMatch(/bench\/requests-per-complaint\.focus\.json$/);
  });
});
