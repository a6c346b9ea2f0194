/**
 * Observability on its own: the alarm topic (encrypted with the tenant's key, TLS only, CloudWatch
 * allowed to use the key for this topic only), one errors alarm over every function's log lines
 * (a metric filter per log group) and one on the account's Lambda throttles, the dead-letter queue, the API's 5xx, the outbox's
 * failed letters and backlog (the functions' own metrics), registrations per hour, and the SES
 * bounce and complaint rates, every alarm to
 * the topic on ALARM and OK; bad props refused.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, test } from 'vitest';
import { Observability, type ObservabilityProps } from '../../infra/constructs/observability.ts';
import { withoutCdkValidation } from '../support/cdk-validation.ts';

withoutCdkValidation();

type Json = Record<string, any>;

/** An Observability in `stack` with a key of its own (in a tenant's stack: TenantKey's). */
const observabilityIn = (stack: Stack, props: Omit<ObservabilityProps, 'encryptionKey'>) => new Observability(stack, 'O', { ...props, encryptionKey: new kms.Key(stack, 'Key') });
const functionIn = (stack: Stack, id: string) =>
  new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = async () => ({});'),
    logGroup: new logs.LogGroup(stack, `${id}-logs`),
  });

let template: Template;
let alarms: Json[];
let topicId: string;

beforeAll(() => {
  const stack = new Stack(new App(), 'test');
  const observability = new Observability(stack, 'Observability', { tenantId: 'demo', alarmEmail: 'ops@demo.example', encryptionKey: new kms.Key(stack, 'TenantKey') });
  observability.monitorFunctions([
    { id: 'submit-complaint', fn: functionIn(stack, 'Submit') },
    { id: 'outbox-drain', fn: functionIn(stack, 'Drain') },
  ]);
  observability.monitorDeadLetterQueue('schedule-dlq', new sqs.Queue(stack, 'Dlq'), 'A deadline check could not be delivered');
  observability.monitorApi(new apigw.HttpApi(stack, 'Api'));
  observability.monitorOutbox();
  observability.monitorIntake();
  observability.monitorSesReputation();
  expect([...observability.alarms.keys()]).toEqual([
    'function-errors',
    'lambda-throttles',
    'schedule-dlq-depth',
    'api-5xx',
    'letters-failed',
    'outbox-backlog-age',
    'registrations-per-hour',
    'ses-bounce-rate',
    'ses-complaint-rate',
  ]);
  template = Template.fromStack(stack);
  alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Json[];
  topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;
});

const alarmNamed = (name: string): Json => {
  const found = alarms.find((alarm) => alarm.Properties.AlarmName === name);
  if (!found) throw new Error(`no alarm ${name}`);
  return found.Properties;
};

describe('Observability: the alarm topic', () => {
  test('klachten-<tenant>-alarms, encrypted with the key it is given (makes none), which CloudWatch may use for this topic only, TLS only, the operator subscribed', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0]!;
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'klachten-demo-alarms', KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchPublishesAlarms',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'kms:EncryptionContext:aws:sns:topicArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':klachten-demo-alarms']],
                },
              },
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@demo.example', TopicArn: { Ref: topicId } });
  });
});

describe('Observability: alarms', () => {
  test("every function's error lines: a metric filter on each function's log group into one metric of the tenant, written only on a match", () => {
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter')) as Json[];
    const logGroups = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    expect(filters).toHaveLength(2);
    expect(filters.map((f) => f.Properties.LogGroupName.Ref).sort()).toEqual(logGroups.sort());
    for (const filter of filters) {
      expect(filter.Properties.MetricTransformations).toEqual([{ MetricNamespace: 'Klachtenregister/demo', MetricName: 'FunctionErrors', MetricValue: '1' }]);
      // The functions' own lines (level "error"), the runtime's ("ERROR", "FATAL"), Lambda's records of a failed or timed-out invocation.
      for (const clause of ['$.level = "error"', '$.level = "ERROR"', '$.level = "FATAL"', '$.record.status = "error"', '$.record.status = "failure"', '$.record.status = "timeout"']) {
        expect(filter.Properties.FilterPattern).toContain(clause);
      }
      // No "level" of info or warn, no EMF line (it has no level): only these.
      expect(filter.Properties.FilterPattern).not.toMatch(/info|warn/i);
    }
  });

  test("function-errors: any error line of any of the tenant's functions in five minutes; the description names them", () => {
    const alarm = alarmNamed('klachten-demo-function-errors');
    expect(alarm).toEqual(
      expect.objectContaining({
        Namespace: 'Klachtenregister/demo',
        MetricName: 'FunctionErrors',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      }),
    );
    expect(alarm.Dimensions).toBeUndefined();
    expect(alarm.Metrics).toBeUndefined();
    expect(alarm.AlarmDescription).toMatch(/2 functions: submit-complaint, outbox-drain/);
  });

  test("lambda-throttles: the account's Throttles (no FunctionName), said so in its description", () => {
    const alarm = alarmNamed('klachten-demo-lambda-throttles');
    expect(alarm).toEqual(expect.objectContaining({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum', Period: 300, Threshold: 1, TreatMissingData: 'notBreaching' }));
    expect(alarm.Dimensions).toBeUndefined();
    expect(alarm.AlarmDescription).toMatch(/every function of the account/);
  });

  test('no alarm per function: two functions or twenty, two alarms', () => {
    const stack = new Stack(new App(), 't');
    const observability = observabilityIn(stack, { tenantId: 'demo' });
    observability.monitorFunctions(Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, fn: functionIn(stack, `F${i}`) })));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    t.resourceCountIs('AWS::Logs::MetricFilter', 20);
    expect(() => observability.monitorFunctions([{ id: 'x', fn: functionIn(stack, 'X') }])).toThrow(/defined twice/);
    expect(() => observabilityIn(new Stack(new App(), 'u'), { tenantId: 'demo' }).monitorFunctions([])).toThrow(/at least one function/);
  });

  test('the dead-letter queue: one message is an alarm', () => {
    expect(alarmNamed('klachten-demo-schedule-dlq-depth')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test("the API's 5xx answers", () => {
    expect(alarmNamed('klachten-demo-api-5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum', Threshold: 1 });
  });

  test("a letter that failed: any, on the tenant's own metric; it stays raised 30 minutes after the last (retries come up to 15 minutes apart)", () => {
    expect(alarmNamed('klachten-demo-letters-failed')).toEqual(
      expect.objectContaining({
        Namespace: 'Klachtenregister',
        MetricName: 'LettersFailed',
        Dimensions: [{ Name: 'Tenant', Value: 'demo' }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 6,
        DatapointsToAlarm: 1,
        // Written only when a letter was tried: no data is no failure.
        TreatMissingData: 'notBreaching',
      }),
    );
  });

  test('the outbox backlog: the oldest entry due has waited 15 minutes (the default), over the same window', () => {
    expect(alarmNamed('klachten-demo-outbox-backlog-age')).toEqual(
      expect.objectContaining({
        Namespace: 'Klachtenregister',
        MetricName: 'OutboxBacklogAgeSeconds',
        Dimensions: [{ Name: 'Tenant', Value: 'demo' }],
        Statistic: 'Maximum',
        Period: 300,
        Threshold: 900,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 6,
        DatapointsToAlarm: 1,
        TreatMissingData: 'notBreaching',
      }),
    );
  });

  test("the SES bounce rate (the account's): 5% warns; without a new value the alarm keeps its state", () => {
    const alarm = alarmNamed('klachten-demo-ses-bounce-rate');
    expect(alarm).toEqual(
      expect.objectContaining({
        Namespace: 'AWS/SES',
        MetricName: 'Reputation.BounceRate',
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: 0.05,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'ignore',
      }),
    );
    expect(alarm.Dimensions).toBeUndefined();
    expect(alarm.AlarmDescription).toMatch(/account/);
  });

  test("the SES complaint rate (spam reports, the account's): 0.1% warns; without a new value the alarm keeps its state", () => {
    const alarm = alarmNamed('klachten-demo-ses-complaint-rate');
    expect(alarm).toEqual(
      expect.objectContaining({
        Namespace: 'AWS/SES',
        MetricName: 'Reputation.ComplaintRate',
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: 0.001,
        TreatMissingData: 'ignore',
      }),
    );
    expect(alarm.Dimensions).toBeUndefined();
  });

  test("registrations per hour: the tenant's ComplaintsRegistered summed over an hour, 100 or more", () => {
    expect(alarmNamed('klachten-demo-registrations-per-hour')).toEqual(
      expect.objectContaining({
        Namespace: 'Klachtenregister',
        MetricName: 'ComplaintsRegistered',
        Dimensions: [{ Name: 'Tenant', Value: 'demo' }],
        Statistic: 'Sum',
        Period: 3600,
        Threshold: 100,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      }),
    );
  });

  test('the thresholds are props', () => {
    const stack = new Stack(new App(), 't');
    const observability = observabilityIn(stack, {
      tenantId: 'focus',
      outboxBacklogThreshold: Duration.hours(1),
      bounceRateThreshold: 0.03,
      complaintRateThreshold: 0.002,
      registrationsPerHourThreshold: 40,
      period: Duration.minutes(1),
    });
    observability.monitorOutbox();
    observability.monitorIntake();
    observability.monitorSesReputation();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'klachten-focus-outbox-backlog-age',
      Threshold: 3600,
      Period: 60,
      EvaluationPeriods: 30,
      DatapointsToAlarm: 1,
      Dimensions: [{ Name: 'Tenant', Value: 'focus' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'klachten-focus-ses-bounce-rate', Threshold: 0.03 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'klachten-focus-ses-complaint-rate', Threshold: 0.002 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'klachten-focus-registrations-per-hour', Threshold: 40, Period: 3600 });
  });

  test('every alarm goes to the topic when it fires and when it clears, and says where the runbook is', () => {
    expect(alarms).toHaveLength(9);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.AlarmDescription).toMatch(/docs\/deploy\.md/);
    }
  });
});

describe('Observability: props', () => {
  test('refuses an alarm address that is not one, a period that is not whole minutes, a backlog threshold under a minute, a bounce rate that is not a fraction, and the same alarm twice', () => {
    expect(() => observabilityIn(new Stack(new App(), 't'), { tenantId: 'demo', alarmEmail: 'ops' })).toThrow(/alarmEmail "ops"/);
    expect(() => observabilityIn(new Stack(new App(), 't'), { tenantId: 'demo', period: Duration.seconds(90) })).toThrow(/whole number of minutes/);
    expect(() => observabilityIn(new Stack(new App(), 't'), { tenantId: 'demo', outboxBacklogThreshold: Duration.seconds(30) })).toThrow(/outboxBacklogThreshold/);
    for (const bounceRateThreshold of [5, 0, -0.1, Number.NaN]) {
      expect(() => observabilityIn(new Stack(new App(), 't'), { tenantId: 'demo', bounceRateThreshold })).toThrow(/bounceRateThreshold is a fraction/);
      expect(() => observabilityIn(new Stack(new App(), 't'), { tenantId: 'demo', complaintRateThreshold: bounceRateThreshold })).toThrow(/complaintRateThreshold is a fraction/);
    }
    for (const registrationsPerHourThreshold of [0, 2.5, -1]) {
      expect(() => observabilityIn(new Stack(new App(), 't'), { tenantId: 'demo', registrationsPerHourThreshold })).toThrow(/registrationsPerHourThreshold/);
    }
    const stack = new Stack(new App(), 't');
    const observability = observabilityIn(stack, { tenantId: 'demo' });
    const queue = new sqs.Queue(stack, 'Q');
    observability.monitorDeadLetterQueue('dlq', queue, 'x');
    expect(() => observability.monitorDeadLetterQueue('dlq', queue, 'x')).toThrow(/defined twice/);
  });

  test('no subscription without an address', () => {
    const stack = new Stack(new App(), 't');
    observabilityIn(stack, { tenantId: 'demo' });
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
