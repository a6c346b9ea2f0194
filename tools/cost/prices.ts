/**
 * Public on-demand list prices for **eu-central-1 (Europe, Frankfurt)**, in US dollars, before any
 * free tier: every price `npm run cost` uses, in this one module, each with its source beside it.
 *
 * Date: the figures are the AWS pricing pages' Frankfurt prices as known on 2026-12-07 (the
 * DynamoDB on-demand prices after the November 2024 reduction). The machine that wrote them has
 * no internet access, so they were not re-read from the pages that day: check them with the AWS
 * Pricing Calculator (https://calculator.aws/) before you rely on a figure, and change them here
 * (the docs table is regenerated from this module: `npm run cost -- --write-docs`).
 */
export const PRICES_REGION = 'eu-central-1';
export const PRICES_DATE = '2026-12-07';

export interface Price {
  /** US dollars per `per` units. */
  usd: number;
  per: number;
  unit: string;
  source: string;
}

const price = (usd: number, per: number, unit: string, source: string): Price => ({ usd, per, unit, source });

export const PRICES = {
  // https://aws.amazon.com/lambda/pricing/ (Arm, Europe (Frankfurt))
  lambdaRequests: price(0.2, 1_000_000, 'requests', 'https://aws.amazon.com/lambda/pricing/'),
  lambdaGbSecondArm: price(0.0000133334, 1, 'GB-second (arm64)', 'https://aws.amazon.com/lambda/pricing/'),
  // https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs, first 300 million a month, Europe (Frankfurt))
  httpApiRequests: price(1.2, 1_000_000, 'requests', 'https://aws.amazon.com/api-gateway/pricing/'),
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ (Europe (Frankfurt), Standard table class)
  dynamodbWrite: price(0.7625, 1_000_000, 'write request units', 'https://aws.amazon.com/dynamodb/pricing/on-demand/'),
  dynamodbRead: price(0.1525, 1_000_000, 'read request units', 'https://aws.amazon.com/dynamodb/pricing/on-demand/'),
  dynamodbStorage: price(0.306, 1, 'GB-month', 'https://aws.amazon.com/dynamodb/pricing/on-demand/'),
  dynamodbPitr: price(0.2448, 1, 'GB-month (continuous backup)', 'https://aws.amazon.com/dynamodb/pricing/on-demand/'),
  // https://aws.amazon.com/eventbridge/pricing/ (Scheduler: invocations; creating, updating and deleting schedules is free)
  schedulerInvocations: price(1.0, 1_000_000, 'scheduled invocations', 'https://aws.amazon.com/eventbridge/pricing/'),
  // https://aws.amazon.com/ses/pricing/ (outbound e-mail, per recipient)
  sesMessages: price(0.1, 1_000, 'e-mails', 'https://aws.amazon.com/ses/pricing/'),
  // https://aws.amazon.com/cognito/pricing/ (Plus tier: threat protection)
  cognitoPlusMau: price(0.02, 1, 'monthly active user (Plus)', 'https://aws.amazon.com/cognito/pricing/'),
  // https://aws.amazon.com/kms/pricing/
  kmsKey: price(1.0, 1, 'customer-managed key-month', 'https://aws.amazon.com/kms/pricing/'),
  kmsRequests: price(0.03, 10_000, 'requests', 'https://aws.amazon.com/kms/pricing/'),
  // https://aws.amazon.com/secrets-manager/pricing/
  secret: price(0.4, 1, 'secret-month', 'https://aws.amazon.com/secrets-manager/pricing/'),
  secretRequests: price(0.05, 10_000, 'API calls', 'https://aws.amazon.com/secrets-manager/pricing/'),
  // https://aws.amazon.com/s3/pricing/ (S3 Standard, first 50 TB, Europe (Frankfurt))
  s3Storage: price(0.0245, 1, 'GB-month (Standard)', 'https://aws.amazon.com/s3/pricing/'),
  s3Writes: price(0.0054, 1_000, 'PUT, COPY, POST, LIST requests', 'https://aws.amazon.com/s3/pricing/'),
  s3Reads: price(0.00043, 1_000, 'GET and other requests', 'https://aws.amazon.com/s3/pricing/'),
  s3Tags: price(0.01, 10_000, 'object tags a month', 'https://aws.amazon.com/s3/pricing/'),
  // https://aws.amazon.com/guardduty/pricing/ (Malware Protection for S3; the list price at its launch, an upper bound)
  guardDutyGbScanned: price(0.09, 1, 'GB scanned', 'https://aws.amazon.com/guardduty/pricing/'),
  guardDutyObjects: price(0.215, 1_000, 'objects evaluated', 'https://aws.amazon.com/guardduty/pricing/'),
  // https://aws.amazon.com/cloudwatch/pricing/ (Europe (Frankfurt))
  logsIngested: price(0.63, 1, 'GB ingested', 'https://aws.amazon.com/cloudwatch/pricing/'),
  logsStored: price(0.0324, 1, 'GB-month stored', 'https://aws.amazon.com/cloudwatch/pricing/'),
  alarm: price(0.1, 1, 'standard-resolution alarm metric a month', 'https://aws.amazon.com/cloudwatch/pricing/'),
  customMetric: price(0.3, 1, 'custom metric a month (first 10,000)', 'https://aws.amazon.com/cloudwatch/pricing/'),
  // https://aws.amazon.com/sns/pricing/
  snsPublishes: price(0.5, 1_000_000, 'publishes', 'https://aws.amazon.com/sns/pricing/'),
  snsEmail: price(2.0, 100_000, 'e-mail notifications', 'https://aws.amazon.com/sns/pricing/'),
  // https://aws.amazon.com/sqs/pricing/
  sqsRequests: price(0.4, 1_000_000, 'requests', 'https://aws.amazon.com/sqs/pricing/'),
  // https://aws.amazon.com/ec2/pricing/on-demand/ (data transfer out to the internet, Frankfurt, first 10 TB)
  dataTransferOut: price(0.09, 1, 'GB out to the internet', 'https://aws.amazon.com/ec2/pricing/on-demand/'),
  // https://aws.amazon.com/waf/pricing/ (global)
  wafWebAcl: price(5.0, 1, 'web ACL a month', 'https://aws.amazon.com/waf/pricing/'),
  wafRule: price(1.0, 1, 'rule a month', 'https://aws.amazon.com/waf/pricing/'),
  wafRequests: price(0.6, 1_000_000, 'requests inspected', 'https://aws.amazon.com/waf/pricing/'),
  // https://aws.amazon.com/cloudfront/pricing/ (Europe, price class 100)
  cloudFrontRequests: price(0.012, 10_000, 'HTTPS requests (Europe)', 'https://aws.amazon.com/cloudfront/pricing/'),
  cloudFrontTransfer: price(0.085, 1, 'GB out (Europe, first 10 TB)', 'https://aws.amazon.com/cloudfront/pricing/'),
} as const;

export type PriceName = keyof typeof PRICES;

/** What `units` of a price cost. */
export function costOf(name: PriceName, units: number): number {
  const p = PRICES[name];
  return (units / p.per) * p.usd;
}
