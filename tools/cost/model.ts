/**
 * The monthly cost of one tenant: the synthesised template's counts (tools/cost/template.ts) and
 * the measured requests per complaint (bench/requests-per-complaint.json), priced with
 * tools/cost/prices.ts. Pure arithmetic: the tests call it with made-up counts and profiles.
 *
 * A month is a twelfth of a year; storage is counted as it stands after one year (a year's
 * complaints and files, before retention anonymises any); logs as kept after a year of their
 * retention. Everything is before any free tier.
 */
import { costOf, type PriceName } from './prices.ts';
import type { RequestProfile, Usage } from './profile.ts';
import type { TemplateCounts } from './template.ts';

/** What the measurement cannot know and the estimate assumes, each stated in the output. */
export const ASSUMPTIONS = {
  /** A file's size: the procedure uploads a one-line text file; complainants send photos and PDFs. */
  fileBytes: 1_000_000,
  /** Letters that bounce or are marked as spam, each published to the mail-events topic and e-mailed. */
  bounceShare: 0.02,
  /** DynamoDB and S3 keep a data key about five minutes: at most one KMS request per function per five minutes it is active. */
  kmsWindowsPerMonth: 30 * 24 * 12,
  /** The budget: a 10,000-complaint tenant under $5 a month. */
  budgetUsd: 5,
  budgetComplaintsPerYear: 10_000,
} as const;

/** Staff signing in each month (Cognito monthly active users): 3 / 15 / 150 at 100 / 10,000 / 1,000,000 complaints a year. */
export function staffFor(complaintsPerYear: number): number {
  return Math.max(3, Math.round(15 * Math.sqrt(complaintsPerYear / 10_000)));
}

export interface LineItem {
  key: LineKey;
  service: string;
  /** The quantities behind the price, in words ("5,800 invocations; 420 GB-s"). */
  usage: string;
  usd: number;
}

export type LineKey =
  | 'lambda'
  | 'api'
  | 'dynamodbRequests'
  | 'dynamodbStorage'
  | 'dynamodbPitr'
  | 'scheduler'
  | 'ses'
  | 'cognito'
  | 'kmsKeys'
  | 'kmsRequests'
  | 'secrets'
  | 'logs'
  | 'alarms'
  | 'metrics'
  | 'guardduty'
  | 's3Storage'
  | 's3Requests'
  | 'sns'
  | 'sqs'
  | 'transfer';

export interface Estimate {
  complaintsPerYear: number;
  items: LineItem[];
  total: number;
  edge?: { items: LineItem[]; total: number };
}

const per = (complaints: number) => (n: number) => n / complaints;

/** The hours of a month as CloudWatch prorates a custom metric (https://aws.amazon.com/cloudwatch/pricing/: 730). */
export const METRIC_HOURS_PER_MONTH = 730;

/**
 * The expected share of a month's hours in which a metric written `writesPerMonth` times is
 * written at least once, the writes spread over the month as a Poisson process: 1 - e^(-w/730).
 * An upper bound: real traffic bunches in office hours, so it falls in fewer distinct hours.
 */
export function metricHourShare(writesPerMonth: number): number {
  return writesPerMonth > 0 ? 1 - Math.exp(-writesPerMonth / METRIC_HOURS_PER_MONTH) : 0;
}

/** A custom metric's monthly cost: $0.30 for a month written in every hour, prorated by the hours it is written in. */
export function metricMonthUsd(writesPerMonth: number): number {
  return costOf('customMetric', metricHourShare(writesPerMonth));
}

/** A custom metric as the model charges it: its writes a month and the share of hours they fall in (1: charged in full, not measured). */
export interface MetricUsage {
  name: string;
  /** Writes a month; undefined when the profile did not count them (charged a full month). */
  writesPerMonth?: number;
  hourShare: number;
}

/** The usage a month at `complaintsPerYear`, from the profile and the template. */
export function monthlyUsage(profile: RequestProfile, counts: TemplateCounts, complaintsPerYear: number) {
  const complaintsPerMonth = complaintsPerYear / 12;
  const p = profile.complaintProcedure;
  const perComplaint = per(profile.procedure.complaints);
  const scale = (n: number) => perComplaint(n) * complaintsPerMonth;
  const timerRuns = counts.scheduledRules.filter((r) => r.target === 'outbox-drain').reduce((n, r) => n + r.invocationsPerMonth, 0);
  const sweepRuns = counts.scheduledRules.filter((r) => r.target === 'deadline-sweeper').reduce((n, r) => n + r.invocationsPerMonth, 0);
  const memoryOf = new Map(counts.functions.map((f) => [f.id, f.memoryMb]));
  const memoryGb = (id: string) => (memoryOf.get(id) ?? Math.max(128, ...counts.functions.map((f) => f.memoryMb))) / 1024;

  // Lambda: per function, the complaints' share and the fixed runs.
  const lambda = new Map<string, { invocations: number; gbSeconds: number }>();
  const addInvocations = (usage: Usage, times: (n: number) => number) => {
    for (const [id, { count, ms }] of Object.entries(usage.invocations)) {
      const entry = lambda.get(id) ?? { invocations: 0, gbSeconds: 0 };
      entry.invocations += times(count);
      entry.gbSeconds += times((ms / 1000) * memoryGb(id));
      lambda.set(id, entry);
    }
  };
  addInvocations(p, scale);
  addInvocations(profile.timerDrain, (n) => n * timerRuns);
  addInvocations(profile.dailySweep, (n) => n * sweepRuns);
  const invocations = [...lambda.values()].reduce((n, e) => n + e.invocations, 0);
  const gbSeconds = [...lambda.values()].reduce((n, e) => n + e.gbSeconds, 0);

  const fixed = (pick: (u: Usage) => number) => pick(profile.timerDrain) * timerRuns + pick(profile.dailySweep) * sweepRuns;
  const both = (pick: (u: Usage) => number) => scale(pick(p)) + fixed(pick);
  const writeUnits = both((u) => u.dynamodb.writeUnits + u.dynamodb.failedWrites);
  const readUnits = both((u) => u.dynamodb.readUnits);
  const tableGb = (perComplaint(profile.storage.tableBytes) * complaintsPerYear) / 1e9;
  const files = scale(p.s3.uploads);
  const fileGbPerMonth = (files * ASSUMPTIONS.fileBytes) / 1e9;
  const storedFiles = files * 12;
  const apiRequests = scale(p.apiRequests);
  const letters = both((u) => u.ses.recipients);
  const functionLogGb = both((u) => u.logs.bytes) / 1e9;
  const accessLogGb = (apiRequests * counts.accessLogFormatBytes) / 1e9;
  // Kept a year (functions) and 90 days (access log): what is stored once a year has passed.
  const storedLogGb = functionLogGb * Math.min(12, counts.functionLogRetentionDays / 30) + accessLogGb * Math.min(12, counts.accessLogRetentionDays / 30);
  const kmsRequests = [...lambda.values()].reduce((n, e) => n + Math.min(e.invocations, ASSUMPTIONS.kmsWindowsPerMonth), 0);
  const metrics = customMetricUsage(profile, scale, timerRuns, sweepRuns);
  const writtenMetrics = metrics.map((m) => m.name);
  return {
    complaintsPerMonth,
    timerRuns,
    sweepRuns,
    invocations,
    gbSeconds,
    apiRequests,
    apiResponseGb: scale(p.apiResponseBytes) / 1e9,
    writeUnits,
    readUnits,
    tableGb,
    scheduleInvocations: both((u) => u.scheduler.fired),
    schedulesCreated: both((u) => u.scheduler.created),
    letters,
    staff: staffFor(complaintsPerYear),
    kmsRequests,
    functionLogGb,
    accessLogGb,
    storedLogGb,
    // A custom metric is charged by the hour, only in the hours it is written ($0.30/730 an hour).
    // Those the measurement wrote: each in the expected share of hours its writes a month fall in
    // (metricHourShare), or every hour when the profile did not count the writes (measured before
    // metricWrites). Those only an alarm reads and the measurement never wrote (LettersFailed,
    // FunctionErrors: written when something fails) cost nothing while all is well.
    customMetrics: metrics.length,
    metrics,
    /** Metric-months charged: the metrics' shares of hours summed (their count when not measured). */
    metricMonths: metrics.reduce((n, m) => n + m.hourShare, 0),
    writtenMetrics,
    failureOnlyMetrics: counts.alarmedCustomMetrics.filter((m) => !writtenMetrics.includes(m)),
    files,
    fileGbPerMonth,
    storedFileGb: fileGbPerMonth * 12,
    storedFiles,
    // The functions' requests, and GuardDuty's own read and tagging of each file it scans.
    s3Writes: scale(p.s3.writeRequests) + files,
    s3Reads: scale(p.s3.readRequests) + files,
    bounces: letters * ASSUMPTIONS.bounceShare,
  };
}

export type MonthlyUsage = ReturnType<typeof monthlyUsage>;

/**
 * The custom metrics written and how often a month: the complaint procedure's writes per
 * complaint times the complaints a month, plus the timer drains' and daily sweeps' writes times
 * their runs. A profile without the procedure's `metricWrites` (measured before they were counted):
 * every metric it names, charged a full month, as before.
 */
function customMetricUsage(profile: RequestProfile, scale: (n: number) => number, timerRuns: number, sweepRuns: number): MetricUsage[] {
  const p = profile.complaintProcedure;
  if (!p.metricWrites) return [...new Set(profile.customMetrics)].map((name) => ({ name, hourShare: 1 }));
  const names = new Set([...profile.customMetrics, ...Object.keys(p.metricWrites), ...Object.keys(profile.timerDrain.metricWrites ?? {}), ...Object.keys(profile.dailySweep.metricWrites ?? {})]);
  return [...names].map((name) => {
    const writesPerMonth = scale(p.metricWrites?.[name] ?? 0) + (profile.timerDrain.metricWrites?.[name] ?? 0) * timerRuns + (profile.dailySweep.metricWrites?.[name] ?? 0) * sweepRuns;
    return { name, writesPerMonth, hourShare: metricHourShare(writesPerMonth) };
  });
}

/** The metrics line's usage: each metric's writes and hours (or their count, not measured), and those written only on failures. */
function describeMetrics(u: MonthlyUsage): string {
  const failureOnly = u.failureOnlyMetrics.length ? `${u.failureOnlyMetrics.length} more only when something fails (${u.failureOnlyMetrics.join(', ')})` : '';
  if (u.metrics.some((m) => m.writesPerMonth === undefined)) return `${u.customMetrics} metrics${failureOnly ? `; ${failureOnly}` : ''}`;
  const each = u.metrics.map((m) => (m.writesPerMonth ? `${m.name} ${amount(m.writesPerMonth)} writes in ~${amount(m.hourShare * 100)}% of hours` : `${m.name} not written`));
  return [...each, ...(failureOnly ? [`${failureOnly}, $0 while all is well`] : [])].join('; ') || 'none written';
}

/** Rounded for reading: 8,333; 1.2 M; 0.004. */
export function amount(n: number): string {
  if (n === 0) return '0';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)} M`;
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  if (n >= 10 || Number.isInteger(n)) return n.toFixed(0);
  if (n >= 1) return n.toFixed(1);
  return Number(n.toPrecision(1)).toString();
}

export function estimate(profile: RequestProfile, counts: TemplateCounts, complaintsPerYear: number, options: { edge?: boolean } = {}): Estimate {
  const u = monthlyUsage(profile, counts, complaintsPerYear);
  const c = (name: PriceName, units: number) => costOf(name, units);
  const items: LineItem[] = [
    { key: 'lambda', service: 'Lambda', usage: `${amount(u.invocations)} invocations; ${amount(u.gbSeconds)} GB-s`, usd: c('lambdaRequests', u.invocations) + c('lambdaGbSecondArm', u.gbSeconds) },
    { key: 'api', service: 'API Gateway HTTP API', usage: `${amount(u.apiRequests)} requests`, usd: c('httpApiRequests', u.apiRequests) },
    { key: 'dynamodbRequests', service: 'DynamoDB requests', usage: `${amount(u.writeUnits)} WRU; ${amount(u.readUnits)} RRU`, usd: c('dynamodbWrite', u.writeUnits) + c('dynamodbRead', u.readUnits) },
    { key: 'dynamodbStorage', service: 'DynamoDB storage, after a year', usage: `${amount(u.tableGb)} GB`, usd: counts.tables ? c('dynamodbStorage', u.tableGb) : 0 },
    { key: 'dynamodbPitr', service: 'DynamoDB point-in-time recovery', usage: `${amount(u.tableGb)} GB`, usd: counts.pitrTables ? c('dynamodbPitr', u.tableGb) : 0 },
    {
      key: 'scheduler',
      service: 'EventBridge Scheduler',
      usage: `${amount(u.scheduleInvocations)} invocations (${amount(u.schedulesCreated)} created, free)`,
      usd: c('schedulerInvocations', u.scheduleInvocations),
    },
    { key: 'ses', service: 'SES', usage: `${amount(u.letters)} e-mails`, usd: c('sesMessages', u.letters) },
    { key: 'cognito', service: 'Cognito Plus', usage: `${amount(u.staff)} staff`, usd: counts.userPools ? c('cognitoPlusMau', u.staff) : 0 },
    { key: 'kmsKeys', service: 'KMS keys', usage: `${counts.kmsKeys} key${counts.kmsKeys === 1 ? '' : 's'}`, usd: c('kmsKey', counts.kmsKeys) },
    { key: 'kmsRequests', service: 'KMS requests', usage: `${amount(u.kmsRequests)} requests`, usd: c('kmsRequests', u.kmsRequests) },
    { key: 'secrets', service: 'Secrets Manager', usage: `${counts.secrets} secret${counts.secrets === 1 ? '' : 's'}`, usd: c('secret', counts.secrets) },
    {
      key: 'alarms',
      service: 'CloudWatch alarms',
      usage: `${counts.alarms} alarms${(counts.alarmMetrics ?? counts.alarms) !== counts.alarms ? ` (${counts.alarmMetrics} metrics)` : ''}`,
      usd: c('alarm', counts.alarmMetrics ?? counts.alarms) + c('alarm', counts.highResolutionAlarms * 3),
    },
    { key: 'metrics', service: 'CloudWatch custom metrics', usage: describeMetrics(u), usd: c('customMetric', u.metricMonths) },
    {
      key: 'logs',
      service: 'CloudWatch Logs',
      usage: `${amount(u.functionLogGb + u.accessLogGb)} GB a month; ${amount(u.storedLogGb)} GB kept`,
      usd: c('logsIngested', u.functionLogGb + u.accessLogGb) + c('logsStored', u.storedLogGb),
    },
    {
      key: 'guardduty',
      service: 'GuardDuty Malware Protection for S3',
      usage: `${amount(u.files)} files; ${amount(u.fileGbPerMonth)} GB`,
      usd: counts.malwareProtectionPlans ? c('guardDutyObjects', u.files) + c('guardDutyGbScanned', u.fileGbPerMonth) : 0,
    },
    { key: 's3Storage', service: 'S3 storage of the files, after a year', usage: `${amount(u.storedFileGb)} GB`, usd: c('s3Storage', u.storedFileGb) + c('s3Tags', u.storedFiles) },
    { key: 's3Requests', service: 'S3 requests', usage: `${amount(u.s3Writes)} writes; ${amount(u.s3Reads)} reads`, usd: c('s3Writes', u.s3Writes) + c('s3Reads', u.s3Reads) },
    { key: 'sns', service: 'SNS (bounces by e-mail)', usage: `${amount(u.bounces)} notifications`, usd: c('snsPublishes', u.bounces) + c('snsEmail', u.bounces) },
    { key: 'sqs', service: 'SQS (dead-letter queues, empty when all is well)', usage: `${counts.queues} queues`, usd: 0 },
    { key: 'transfer', service: 'Data transfer out (API answers)', usage: `${amount(u.apiResponseGb)} GB`, usd: c('dataTransferOut', u.apiResponseGb) },
  ];
  const total = items.reduce((n, i) => n + i.usd, 0);
  if (!options.edge) return { complaintsPerYear, items, total };
  const edge = counts.edge;
  if (!edge) throw new Error("the edge's costs need the edge stack's counts (synthesise with the edge)");
  const edgeItems: LineItem[] = [
    {
      key: 'api',
      service: `WAF (${edge.webAcls} web ACL, ${edge.wafRules} rules)`,
      usage: `${amount(u.apiRequests)} requests`,
      usd: c('wafWebAcl', edge.webAcls) + c('wafRule', edge.wafRules) + c('wafRequests', u.apiRequests),
    },
    {
      key: 'transfer',
      service: 'CloudFront',
      usage: `${amount(u.apiRequests)} requests; ${amount(u.apiResponseGb)} GB out`,
      usd: c('cloudFrontRequests', u.apiRequests) + c('cloudFrontTransfer', u.apiResponseGb),
    },
  ];
  return { complaintsPerYear, items, total, edge: { items: edgeItems, total: edgeItems.reduce((n, i) => n + i.usd, 0) } };
}

/**
 * What it would take to bring a tenant under the budget, per item that keeps it above: only
 * fixed items (a price per month whatever the volume) get a note, with the saving it would make.
 * `metrics` (monthlyUsage's, at the budget's volume): with their writes counted, a metric no
 * alarm reads saves what it costs in the hours it is written, not a full $0.30.
 */
export function budgetNotes(
  counts: TemplateCounts,
  customMetrics: number,
  writtenMetrics?: readonly string[],
  metrics?: readonly MetricUsage[],
): Partial<Record<LineKey, { note: string; savingUsd: number }>> {
  const notes: Partial<Record<LineKey, { note: string; savingUsd: number }>> = {};
  if (counts.kmsKeys > 1)
    notes.kmsKeys = {
      note: `$1.00 a key: one key per tenant for the table, the files and the topics instead of ${counts.kmsKeys} saves $${(counts.kmsKeys - 1).toFixed(2)}`,
      savingUsd: counts.kmsKeys - 1,
    };
  const fns = counts.functions.length;
  // Only while each function has alarms of its own (an errors and a throttles alarm each).
  if (fns > 1 && counts.alarms >= 2 * fns) {
    const saving = Math.max(0, 2 * fns - 2) * 0.1;
    notes.alarms = {
      note: `$0.10 an alarm: errors and throttles as two alarms over all ${fns} functions (a metric filter on the log lines of level error, and the account's Throttles), not ${2 * fns} per function, saves $${saving.toFixed(2)}`,
      savingUsd: saving,
    };
  }
  const unwatched = writtenMetrics?.filter((m) => !counts.alarmedCustomMetrics.includes(m));
  const prorated = metrics?.length && metrics.every((m) => m.writesPerMonth !== undefined) ? new Map(metrics.map((m) => [m.name, costOf('customMetric', m.hourShare)])) : undefined;
  if (unwatched?.length && prorated) {
    // Only those that cost a cent or more; a metric written in a few hours a month costs next to nothing.
    const costly = unwatched.map((name) => ({ name, usd: prorated.get(name) ?? 0 })).filter((m) => m.usd >= 0.005);
    const saving = costly.reduce((n, m) => n + m.usd, 0);
    const them = costly.length === 1 ? 'it' : 'them';
    if (costly.length)
      notes.metrics = {
        note: `$0.30 a metric written in every hour, less in fewer: ${costly.map((m) => `${m.name} ($${m.usd.toFixed(2)})`).join(', ')} ${costly.length === 1 ? 'is' : 'are'} written but no alarm reads ${them}; counting ${them} from the logs (Logs Insights) instead saves $${saving.toFixed(2)}`,
        savingUsd: saving,
      };
  } else if (unwatched?.length)
    notes.metrics = {
      note: `$0.30 a metric: ${unwatched.join(', ')} ${unwatched.length === 1 ? 'is' : 'are'} written but no alarm reads ${unwatched.length === 1 ? 'it' : 'them'}; counting ${unwatched.length === 1 ? 'it' : 'them'} from the logs (Logs Insights) instead saves $${(unwatched.length * 0.3).toFixed(2)}`,
      savingUsd: unwatched.length * 0.3,
    };
  else if (!writtenMetrics && customMetrics > 2)
    notes.metrics = {
      note: `$0.30 a metric: keep only the metrics an alarm watches (${counts.alarmedCustomMetrics.length}) and read the rest from the logs (Logs Insights) saves $${((customMetrics - counts.alarmedCustomMetrics.length) * 0.3).toFixed(2)}`,
      savingUsd: (customMetrics - counts.alarmedCustomMetrics.length) * 0.3,
    };
  // Not a KMS HMAC key: GenerateMac needs an HMAC key of its own, another $1.00 a month.
  if (counts.secrets > 0)
    notes.secrets = {
      note: `$0.40 a secret: the search key kept encrypted under the tenant's one KMS key (a ciphertext in a standard SSM parameter, free, decrypted once per cold start) instead of a secret saves $${(counts.secrets * 0.4).toFixed(2)}`,
      savingUsd: counts.secrets * 0.4,
    };
  return notes;
}
