/**
 * Observability: who hears when the tenant's system goes wrong, and what they hear about.
 *
 * - An SNS topic for alarms (`klachten-<tenant>-alarms`), encrypted with the tenant's key
 *   (TenantKey; CloudWatch may use it for this topic only), TLS only, with an optional e-mail
 *   subscription (the operator of this tenant). Alarm messages carry alarm names and metric
 *   values, never personal data.
 * - Alarms, each to the topic on ALARM and OK:
 *   `monitorFunctions`: `function-errors`, any line of level error in any of the tenant's function
 *   log groups (a metric filter per log group into one metric, FunctionErrors, in the namespace
 *   `Klachtenregister/<tenant>`); and `lambda-throttles`, the account's Lambda Throttles (AWS/Lambda
 *   without a FunctionName: every function in the account and region). Two alarms instead of an
 *   errors and a throttles alarm per function: CloudWatch charges $0.10 a month per metric an alarm
 *   evaluates, so 34 per-function alarms cost $3.40 and a metric-math alarm over 10 functions'
 *   Errors costs $1.00, as much as 10 alarms (docs/deploy.md, "Alarms": the trade);
 *   `monitorDeadLetterQueue`: a message in the queue (a deadline check that failed every retry);
 *   `monitorApi`: 5xx answers of the HTTP API (an integration failing before the function runs);
 *   `monitorOutbox`: a letter that failed, an outbox entry waiting too long (the business metrics
 *   the functions write, shared/adapters/metrics.ts);
 *   `monitorIntake`: complaints registered in an hour over a threshold (a flood of registrations,
 *   each of which mails an acknowledgement);
 *   `monitorSesReputation`: the account's SES bounce and complaint (spam report) rates.
 * Log retention is set where each log group is made (TenantFunctions, Api); the functions log one
 * JSON line per entry with the request id and the tenant (shared/observability/log.ts), without
 * personal data. docs/deploy.md ("Alarms") says per alarm what it means, where to look, what to do.
 */
import { CfnOutput, Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type MetricName } from '../../shared/adapters/metrics.ts';
import { topicPublisherStatement } from './tenant-key.ts';

const ADDRESS = /^[^\s@]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export interface ObservabilityProps {
  /** The tenant id; names the topic and every alarm `klachten-<tenant>-...`. */
  readonly tenantId: string;
  /**
   * The key the alarm topic is encrypted with: the tenant's one key (TenantKey). CloudWatch is
   * allowed to use it for this topic's messages only.
   */
  readonly encryptionKey: kms.Key;
  /**
   * Address subscribed to the alarm topic (it must confirm the subscription once).
   * @default none (subscribe later in the SNS console or CLI; the topic ARN is an output)
   */
  readonly alarmEmail?: string;
  /**
   * The window every alarm counts in.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
  /**
   * How long an outbox entry (a letter, a schedule, a webhook call) may wait before the backlog
   * alarm fires: the age of the oldest one a drain finds due (OutboxBacklogAgeSeconds).
   * @default Duration.minutes(15)
   */
  readonly outboxBacklogThreshold?: Duration;
  /**
   * The SES bounce rate (a fraction; the account's, over every tenant in it) at which the
   * reputation alarm fires. SES reviews an account at 5% and may pause its sending at 10%.
   * @default 0.05
   */
  readonly bounceRateThreshold?: number;
  /**
   * The SES complaint rate (spam reports per letter, a fraction; the account's) at which the
   * reputation alarm fires. SES reviews an account at 0.1% and may pause its sending at 0.5%.
   * @default 0.001
   */
  readonly complaintRateThreshold?: number;
  /**
   * Complaints registered in one hour (ComplaintsRegistered, Sum) at which the intake alarm fires:
   * far above the tenant's normal day, below the hourly mail cap (MAIL_CAPS), so the operator hears
   * of a flood before the cap refuses genuine complaints.
   * @default 100
   */
  readonly registrationsPerHourThreshold?: number;
}

/**
 * How long the delivery alarms look back: a failing entry is retried at most 15 minutes apart
 * (deliver-outbox.ts) by a drain that runs at least every 5 minutes, so within this window a
 * failure that persists is seen again. The alarm stays in ALARM through an outage instead of
 * flapping, and clears this long after the last failure.
 */
const DELIVERY_WINDOW = Duration.minutes(30);

/** The metric the functions' error lines are counted in (namespace `Klachtenregister/<tenant>`). */
export const FUNCTION_ERRORS_METRIC = 'FunctionErrors';

/**
 * A log line that counts as a function's error: the functions' own JSON lines of level `error`
 * (shared/observability/log.ts), the runtime's of level `ERROR`/`FATAL` (an error nobody caught,
 * a failed cold start), and Lambda's platform records of an invocation that did not succeed
 * (`record.status` error, failure or timeout).
 */
export const FUNCTION_ERROR_PATTERN = logs.FilterPattern.any(
  logs.FilterPattern.stringValue('$.level', '=', 'error'),
  logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
  logs.FilterPattern.stringValue('$.level', '=', 'FATAL'),
  logs.FilterPattern.stringValue('$.record.status', '=', 'error'),
  logs.FilterPattern.stringValue('$.record.status', '=', 'failure'),
  logs.FilterPattern.stringValue('$.record.status', '=', 'timeout'),
);

export class Observability extends Construct {
  /** Where every alarm goes. */
  readonly alarmTopic: sns.Topic;
  private readonly tenantId: string;
  private readonly period: Duration;
  private readonly outboxBacklogThreshold: Duration;
  private readonly bounceRateThreshold: number;
  private readonly complaintRateThreshold: number;
  private readonly registrationsPerHourThreshold: number;
  private readonly action: actions.SnsAction;
  private readonly alarmsById = new Map<string, cloudwatch.Alarm>();

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    if (props.alarmEmail !== undefined && !ADDRESS.test(props.alarmEmail)) {
      throw new Error(`Observability: alarmEmail "${props.alarmEmail}" is not an e-mail address`);
    }
    this.period = props.period ?? Duration.minutes(5);
    if (this.period.toSeconds() < 60 || this.period.toSeconds() % 60 !== 0) {
      throw new Error('Observability: period must be a whole number of minutes');
    }
    this.tenantId = props.tenantId;
    this.outboxBacklogThreshold = props.outboxBacklogThreshold ?? Duration.minutes(15);
    if (this.outboxBacklogThreshold.toSeconds() < 60) throw new Error('Observability: outboxBacklogThreshold must be at least a minute');
    this.bounceRateThreshold = props.bounceRateThreshold ?? 0.05;
    if (!(this.bounceRateThreshold > 0 && this.bounceRateThreshold < 1)) throw new Error('Observability: bounceRateThreshold is a fraction between 0 and 1 (0.05 is 5%)');
    this.complaintRateThreshold = props.complaintRateThreshold ?? 0.001;
    if (!(this.complaintRateThreshold > 0 && this.complaintRateThreshold < 1)) throw new Error('Observability: complaintRateThreshold is a fraction between 0 and 1 (0.001 is 0.1%)');
    this.registrationsPerHourThreshold = props.registrationsPerHourThreshold ?? 100;
    if (!(Number.isInteger(this.registrationsPerHourThreshold) && this.registrationsPerHourThreshold >= 1))
      throw new Error('Observability: registrationsPerHourThreshold must be a whole number of at least 1');

    const topicName = `klachten-${props.tenantId}-alarms`;
    // The statement CloudWatch documents for alarms that publish to an encrypted topic, narrowed to
    // this account (confused deputy) and to this topic's messages (the key is the tenant's one key).
    props.encryptionKey.addToResourcePolicy(topicPublisherStatement(this, { sid: 'CloudWatchPublishesAlarms', service: 'cloudwatch.amazonaws.com', topicName }));
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName,
      displayName: `Klachtenregister ${props.tenantId}: alarms`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.action = new actions.SnsAction(this.alarmTopic);

    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Alarms of this tenant: subscribe the operator here' }).overrideLogicalId('AlarmTopicArn');
  }

  /** Every alarm made so far, by its id (`function-errors`, `schedule-dlq-depth`, ...). */
  get alarms(): ReadonlyMap<string, cloudwatch.Alarm> {
    return this.alarmsById;
  }

  /** The namespace of the metrics made from this tenant's logs (FunctionErrors). */
  get logMetricsNamespace(): string {
    return `${METRICS_NAMESPACE}/${this.tenantId}`;
  }

  /**
   * Two alarms over every function of the tenant, whatever their number:
   * - `function-errors`: a line of level error (any case) in any of the functions' log groups in
   *   one period. A metric filter on each log group adds 1 to FunctionErrors (namespace
   *   `Klachtenregister/<tenant>`, no dimension, no default value: written only when a function
   *   logged an error, so it costs only in the hours it does). It counts the functions' own error
   *   lines (an HTTP function's `unhandled error` 500, the drain's `stream records not settled`, a
   *   secret not readable), the runtime's line for an error nobody caught or a failed cold start,
   *   and Lambda's platform records of an invocation that failed or timed out, when Lambda logs them
   *   at the functions' system log level.
   * - `lambda-throttles`: the account's Lambda Throttles (no FunctionName: every function in this
   *   account and region, this tenant's and any other's), any in one period. A throttle is the
   *   account's concurrency used up, which every tenant in the account shares.
   * Each function needs a log group of its own (TenantFunctions makes one).
   */
  monitorFunctions(functions: ReadonlyArray<{ id: string; fn: lambda.Function }>): void {
    if (functions.length === 0) throw new Error('Observability: monitorFunctions needs at least one function');
    const ids = functions.map((f) => f.id);
    for (const { id, fn } of functions) {
      const logGroup = fn.logGroup as logs.ILogGroup | undefined;
      if (!logGroup) throw new Error(`Observability: function ${id} has no log group of its own`);
      new logs.MetricFilter(this, `ErrorLines-${id}`, {
        logGroup,
        filterPattern: FUNCTION_ERROR_PATTERN,
        metricNamespace: this.logMetricsNamespace,
        metricName: FUNCTION_ERRORS_METRIC,
        metricValue: '1',
      });
    }
    const errors = new cloudwatch.Metric({ namespace: this.logMetricsNamespace, metricName: FUNCTION_ERRORS_METRIC, statistic: cloudwatch.Stats.SUM, period: this.period });
    this.alarm(
      'function-errors',
      errors,
      `A function of this tenant logged an error (a failed request, an error nobody caught, a failed cold start, a timeout) in the last ${this.period.toMinutes()} minutes. Covers the ${ids.length} functions: ${ids.join(', ')}. Which one: the Logs Insights query "which function failed" on the tenant's log groups.`,
    );
    const throttles = new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: cloudwatch.Stats.SUM, period: this.period });
    this.alarm(
      'lambda-throttles',
      throttles,
      `Lambda refused to run a function in this account and region (the account's concurrency is used up): every function of the account, not only this tenant's ${ids.length}. Which one: the account's Throttles per function in the Lambda console.`,
    );
  }

  /** An alarm as soon as `queue` holds a message. */
  monitorDeadLetterQueue(id: string, queue: sqs.IQueue, what: string): void {
    this.alarm(
      `${id}-depth`,
      queue.metricApproximateNumberOfMessagesVisible({ period: this.period, statistic: cloudwatch.Stats.MAXIMUM }),
      `${what}: the queue holds a message. Read it, fix the cause, and let the daily sweep (or a redrive) catch up.`,
    );
  }

  /** An alarm on 5xx answers of the API. */
  monitorApi(api: apigw.IHttpApi): void {
    this.alarm(
      'api-5xx',
      api.metricServerError({ period: this.period, statistic: cloudwatch.Stats.SUM }),
      'The API answered 5xx: a function failed, timed out, or could not be invoked. The access log has the route and the request id.',
    );
  }

  /**
   * Alarms on the outbox (the tenant's own metrics, dimension Tenant): a letter that failed
   * (LettersFailed, any), and an entry due longer than `outboxBacklogThreshold` (the largest
   * OutboxBacklogAgeSeconds). Both look back DELIVERY_WINDOW; no data is no problem: the metrics
   * are written only when a letter was tried or an entry was waiting.
   */
  monitorOutbox(): void {
    const window = { evaluationPeriods: Math.max(1, Math.ceil(DELIVERY_WINDOW.toSeconds() / this.period.toSeconds())), datapointsToAlarm: 1 };
    this.alarm(
      'letters-failed',
      this.businessMetric('LettersFailed', cloudwatch.Stats.SUM),
      `A letter could not be sent (SES refused or did not answer); the outbox retries it with backoff. Clears ${DELIVERY_WINDOW.toMinutes()} minutes after the last failure.`,
      window,
    );
    const threshold = this.outboxBacklogThreshold.toSeconds();
    this.alarm(
      'outbox-backlog-age',
      this.businessMetric('OutboxBacklogAgeSeconds', cloudwatch.Stats.MAXIMUM),
      `An outbox entry (letter, deadline schedule, webhook call) has waited ${threshold / 60} minutes or more: the drain is failing, throttled, or its target is down.`,
      { ...window, threshold },
    );
  }

  /**
   * An alarm on registrations per hour (ComplaintsRegistered, Sum over one hour) at or over
   * `registrationsPerHourThreshold`: every registration mails an acknowledgement, so a flood is
   * someone using the form to send mail (or a campaign the organisation should know of).
   */
  monitorIntake(): void {
    const metric = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: 'ComplaintsRegistered',
      dimensionsMap: { Tenant: this.tenantId },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.hours(1),
    });
    this.alarm(
      'registrations-per-hour',
      metric,
      `${this.registrationsPerHourThreshold} or more complaints were registered in one hour: far above normal. Look for one address or one sender behind them; the hourly mail caps refuse what goes beyond them.`,
      { threshold: this.registrationsPerHourThreshold },
    );
  }

  /**
   * Alarms on SES's bounce and complaint rates (AWS/SES Reputation.BounceRate and
   * Reputation.ComplaintRate). They are the account's, not this tenant's: every tenant in the
   * account hears them, since a paused account sends nobody's letters. The rates are levels that
   * SES publishes now and then: without a new value an alarm keeps its state (treatMissingData
   * IGNORE); only a lower rate clears it.
   */
  monitorSesReputation(): void {
    const rate = (metricName: string) => new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.hours(1) });
    this.alarm(
      'ses-bounce-rate',
      rate('Reputation.BounceRate'),
      `The SES bounce rate of the account is ${+(this.bounceRateThreshold * 100).toFixed(2)}% or more: SES reviews the account at 5% and may pause all its sending at 10%.`,
      { threshold: this.bounceRateThreshold, treatMissingData: cloudwatch.TreatMissingData.IGNORE },
    );
    this.alarm(
      'ses-complaint-rate',
      rate('Reputation.ComplaintRate'),
      `The SES complaint rate (letters reported as spam) of the account is ${+(this.complaintRateThreshold * 100).toFixed(3)}% or more: SES reviews the account at 0.1% and may pause all its sending at 0.5%.`,
      { threshold: this.complaintRateThreshold, treatMissingData: cloudwatch.TreatMissingData.IGNORE },
    );
  }

  private businessMetric(name: MetricName, statistic: string): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { Tenant: this.tenantId }, statistic, period: this.period });
  }

  private alarm(
    id: string,
    metric: cloudwatch.IMetric,
    description: string,
    options: { threshold?: number; evaluationPeriods?: number; datapointsToAlarm?: number; treatMissingData?: cloudwatch.TreatMissingData } = {},
  ): void {
    if (this.alarmsById.has(id)) throw new Error(`Observability: alarm "${id}" is defined twice`);
    const alarm = new cloudwatch.Alarm(this, `Alarm-${id}`, {
      alarmName: `klachten-${this.tenantId}-${id}`,
      alarmDescription: `${description} (docs/deploy.md, "Alarms")`,
      metric,
      threshold: options.threshold ?? 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      ...(options.datapointsToAlarm ? { datapointsToAlarm: options.datapointsToAlarm } : {}),
      // No traffic is no problem (the reputation alarm says otherwise).
      treatMissingData: options.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarmsById.set(id, alarm);
  }
}
