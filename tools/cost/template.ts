/**
 * What a tenant's synthesised stack holds that costs money by itself, counted from the template:
 * customer-managed KMS keys, alarms, secrets, functions with their memory and architecture, the
 * log groups' retention, the tables (on demand, point-in-time recovery), buckets, GuardDuty
 * Malware Protection plans, queues, topics, the scheduled rules, the API's access log format and,
 * with the edge, the web ACL and its rules.
 * Pure: tools/cost/synth.ts synthesises the template.
 */
type Json = Record<string, any>;
export interface Template {
  Resources: Record<string, { Type: string; Properties?: Json }>;
}

export interface FunctionCount {
  /** The function id: the name without `klachten-<tenant>-`. */
  id: string;
  memoryMb: number;
  arm64: boolean;
}

export interface TemplateCounts {
  stackName: string;
  kmsKeys: number;
  /** Standard-resolution metric alarms (a period of 60 s or more). */
  alarms: number;
  /**
   * The metrics those alarms evaluate: CloudWatch charges per alarm metric, so a metric-math alarm
   * over 10 metrics costs as much as 10 alarms (its expressions are free).
   * @default alarms (one metric each)
   */
  alarmMetrics?: number;
  highResolutionAlarms: number;
  secrets: number;
  functions: FunctionCount[];
  /** The longest retention of the functions' log groups (days), and of the API's access log. */
  functionLogRetentionDays: number;
  accessLogRetentionDays: number;
  /** The API access log line's format: its length stands for one line's bytes. */
  accessLogFormatBytes: number;
  tables: number;
  onDemandTables: number;
  pitrTables: number;
  /** Global secondary indexes over all tables, and those projecting every attribute. */
  indexes: number;
  buckets: number;
  /** Buckets whose SSE-KMS uses an S3 Bucket Key (few KMS requests). */
  bucketKeyBuckets: number;
  malwareProtectionPlans: number;
  queues: number;
  topics: number;
  /** EventBridge rules on a schedule, with their invocations a month (30 days). */
  scheduledRules: Array<{ id: string; expression: string; invocationsPerMonth: number; target: string }>;
  userPools: number;
  /**
   * Custom metric names the alarms watch in the functions' namespaces (`Klachtenregister`, and
   * `Klachtenregister/<tenant>` for the metrics made from the logs by metric filters).
   */
  alarmedCustomMetrics: string[];
  edge?: EdgeCounts;
}

export interface EdgeCounts {
  stackName: string;
  webAcls: number;
  /** Rules of the web ACLs (each managed rule group is one rule). */
  wafRules: number;
  distributions: number;
}

/** Invocations a month (30 days) of a `rate(...)` or `cron(...)` expression; cron: one a day per listed minute and hour. */
export function invocationsPerMonth(expression: string): number {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  const minutesPerMonth = 30 * 24 * 60;
  if (rate) {
    const n = Number(rate[1]);
    const per = rate[2]!.startsWith('minute') ? 1 : rate[2]!.startsWith('hour') ? 60 : 24 * 60;
    return Math.floor(minutesPerMonth / (n * per));
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (cron) {
    const [minutes, hours, dayOfMonth, , dayOfWeek] = cron.slice(1);
    if (dayOfMonth !== '*' && dayOfMonth !== '?') throw new Error(`cannot count ${expression}`);
    if (dayOfWeek !== '*' && dayOfWeek !== '?') throw new Error(`cannot count ${expression}`);
    const count = (field: string, range: number) => (field === '*' ? range : field.split(',').length);
    return 30 * count(minutes!, 60) * count(hours!, 24);
  }
  throw new Error(`cannot count ${expression}`);
}

/** The counts of one synthesised tenant template (and its edge template, when there is one). */
export function countTemplate(stackName: string, template: Template, edgeTemplate?: { stackName: string; template: Template }): TemplateCounts {
  const all = Object.entries(template.Resources);
  const ofType = (type: string) => all.filter(([, r]) => r.Type === type);
  const functionIdOf = (name: unknown) => String(name).replace(/^klachten-[^-]+-/, '');
  const functionNames = new Map(ofType('AWS::Lambda::Function').map(([id, r]) => [id, functionIdOf(r.Properties?.FunctionName ?? id)]));
  const alarms = ofType('AWS::CloudWatch::Alarm');
  const highResolution = alarms.filter(([, r]) => Number(r.Properties?.Period ?? 60) < 60).length;
  const logGroups = new Map(ofType('AWS::Logs::LogGroup').map(([id, r]) => [id, Number(r.Properties?.RetentionInDays ?? 3653)]));
  const functionLogGroups = ofType('AWS::Lambda::Function')
    .map(([, r]) => r.Properties?.LoggingConfig?.LogGroup?.Ref as string | undefined)
    .filter((id): id is string => Boolean(id));
  const stages = ofType('AWS::ApiGatewayV2::Stage');
  const accessLog = stages.map(([, r]) => r.Properties?.AccessLogSettings).find(Boolean) as Json | undefined;
  const accessLogGroup = accessLog?.DestinationArn?.['Fn::GetAtt']?.[0] as string | undefined;
  const tables = ofType('AWS::DynamoDB::Table');
  const buckets = ofType('AWS::S3::Bucket');
  const rules = ofType('AWS::Events::Rule').filter(([, r]) => typeof r.Properties?.ScheduleExpression === 'string');
  const customMetrics = new Set<string>();
  const ours = (namespace: unknown) => namespace === 'Klachtenregister' || String(namespace).startsWith('Klachtenregister/');
  for (const [, alarm] of alarms) {
    const p = alarm.Properties ?? {};
    if (ours(p.Namespace) && p.MetricName) customMetrics.add(String(p.MetricName));
    for (const m of (p.Metrics ?? []) as Json[]) if (ours(m.MetricStat?.Metric?.Namespace)) customMetrics.add(String(m.MetricStat.Metric.MetricName));
  }
  // A metric-math alarm is charged per metric it reads (MetricStat); a plain alarm reads one.
  const metricsOf = (alarm: { Properties?: Json }) => ((alarm.Properties?.Metrics ?? []) as Json[]).filter((m) => m.MetricStat).length || 1;
  return {
    stackName,
    kmsKeys: ofType('AWS::KMS::Key').length,
    alarms: alarms.length - highResolution,
    alarmMetrics: alarms.filter(([, r]) => Number(r.Properties?.Period ?? 60) >= 60).reduce((n, [, r]) => n + metricsOf(r), 0),
    highResolutionAlarms: highResolution,
    secrets: ofType('AWS::SecretsManager::Secret').length,
    functions: ofType('AWS::Lambda::Function')
      .map(([id, r]) => ({
        id: functionNames.get(id)!,
        memoryMb: Number(r.Properties?.MemorySize ?? 128),
        arm64: ((r.Properties?.Architectures ?? []) as string[]).includes('arm64'),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    functionLogRetentionDays: Math.max(0, ...functionLogGroups.map((id) => logGroups.get(id) ?? 0)),
    accessLogRetentionDays: accessLogGroup ? (logGroups.get(accessLogGroup) ?? 0) : 0,
    accessLogFormatBytes: typeof accessLog?.Format === 'string' ? Buffer.byteLength(accessLog.Format) : 0,
    tables: tables.length,
    onDemandTables: tables.filter(([, r]) => r.Properties?.BillingMode === 'PAY_PER_REQUEST').length,
    pitrTables: tables.filter(([, r]) => r.Properties?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true).length,
    indexes: tables.reduce((n, [, r]) => n + ((r.Properties?.GlobalSecondaryIndexes ?? []) as unknown[]).length, 0),
    buckets: buckets.length,
    bucketKeyBuckets: buckets.filter(([, r]) => ((r.Properties?.BucketEncryption?.ServerSideEncryptionConfiguration ?? []) as Json[]).some((c) => c.BucketKeyEnabled === true)).length,
    malwareProtectionPlans: ofType('AWS::GuardDuty::MalwareProtectionPlan').length,
    queues: ofType('AWS::SQS::Queue').length,
    topics: ofType('AWS::SNS::Topic').length,
    scheduledRules: rules.map(([id, r]) => ({
      id,
      expression: String(r.Properties!.ScheduleExpression),
      invocationsPerMonth: invocationsPerMonth(String(r.Properties!.ScheduleExpression)),
      target: functionNames.get(((r.Properties?.Targets ?? []) as Json[])[0]?.Arn?.['Fn::GetAtt']?.[0]) ?? 'unknown',
    })),
    userPools: ofType('AWS::Cognito::UserPool').length,
    alarmedCustomMetrics: [...customMetrics].sort(),
    ...(edgeTemplate ? { edge: countEdge(edgeTemplate.stackName, edgeTemplate.template) } : {}),
  };
}

function countEdge(stackName: string, template: Template): EdgeCounts {
  const all = Object.values(template.Resources);
  const acls = all.filter((r) => r.Type === 'AWS::WAFv2::WebACL');
  return {
    stackName,
    webAcls: acls.length,
    wafRules: acls.reduce((n, r) => n + ((r.Properties?.Rules ?? []) as unknown[]).length, 0),
    distributions: all.filter((r) => r.Type === 'AWS::CloudFront::Distribution').length,
  };
}
