/**
 * The composition root every function shares: config, SDK clients and adapters, built once per
 * cold start. Locally the same code runs with endpoint overrides pointing at the stand-ins.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { parseRegulation, type Regulation } from '../domain/regulation/index.ts';
import type { Clock, WebhookPublisher } from '../domain/ports.ts';
import { loadRuntimeConfig, type RuntimeConfig } from './config.ts';
import { DynamoDbComplaintRegister } from './dynamodb-register.ts';
import { SesMailer } from './ses-mailer.ts';
import { EventBridgeDeadlineScheduler } from './eventbridge-scheduler.ts';
import { systemClock } from './clock.ts';
import { HttpWebhookPublisher } from './webhook-publisher.ts';

export interface TenantContext {
  config: RuntimeConfig;
  regulation: Regulation;
  clock: Clock;
  register: DynamoDbComplaintRegister;
  mailer: SesMailer;
  scheduler: EventBridgeDeadlineScheduler;
  /** Base of the complainant's private status link, when configured. */
  statusBaseUrl?: string;
  /** The tenant's own system, told of every complaint event (WEBHOOK_URL), when configured. */
  webhooks?: WebhookPublisher;
  /** The tenant id (API keys carry it). */
  tenantId: string;
}

let cached: TenantContext | undefined;

export function tenantContext(): TenantContext {
  cached ??= buildTenantContext(loadRuntimeConfig());
  return cached;
}

export function buildTenantContext(config: RuntimeConfig): TenantContext {
  const region = config.AWS_REGION;
  const endpoint = (url: string | undefined) => (url ? { endpoint: url } : {});
  return {
    config,
    tenantId: config.TENANT_ID,
    ...(config.STATUS_BASE_URL ? { statusBaseUrl: config.STATUS_BASE_URL } : {}),
    // Both or neither (loadRuntimeConfig): every function queues the events, the drain delivers them.
    ...(config.WEBHOOK_URL && config.WEBHOOK_SECRET
      ? { webhooks: new HttpWebhookPublisher({ url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, tenantId: config.TENANT_ID }) }
      : {}),
    regulation: readRegulationJson(config.REGULATION_FILE),
    clock: systemClock,
    register: new DynamoDbComplaintRegister(new DynamoDBClient({ region, ...endpoint(config.DYNAMODB_ENDPOINT) }), config.TABLE_NAME, { publishEvents: Boolean(config.WEBHOOK_URL) }),
    mailer: new SesMailer(new SESClient({ region, ...endpoint(config.SES_ENDPOINT) }), config.SES_CONFIGURATION_SET),
    scheduler: new EventBridgeDeadlineScheduler(new SchedulerClient({ region, ...endpoint(config.SCHEDULER_ENDPOINT) }), {
      groupName: config.SCHEDULE_GROUP,
      targetArn: config.DEADLINE_FUNCTION_ARN,
      roleArn: config.SCHEDULER_ROLE_ARN,
      ...(config.SCHEDULE_DLQ_ARN ? { deadLetterQueueArn: config.SCHEDULE_DLQ_ARN } : {}),
    }),
  };
}

/** JSON only at run time: YAML is turned into validated JSON at synth (or local start). */
export function readRegulationJson(path: string): Regulation {
  const parsed = parseRegulation(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`Invalid regulation ${path}:\n  ${parsed.problems.join('\n  ')}`);
  return parsed.regulation;
}
