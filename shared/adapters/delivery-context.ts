/** The outbox drain's composition root: the register plus SES, Scheduler and the webhook publisher. */
import { SESClient } from '@aws-sdk/client-ses';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { DeadlineScheduler, FileStore, Mailer, WebhookPublisher } from '../domain/ports.ts';
import { endpointOf, tenantContext, type TenantContext } from './tenant-context.ts';
import { SesMailer } from './ses-mailer.ts';
import { EventBridgeDeadlineScheduler } from './eventbridge-scheduler.ts';
import { HttpWebhookPublisher } from './webhook-publisher.ts';
import { webhookSecretOf } from './webhook-secret.ts';
import { fileStoreOf } from './file-store.ts';

export interface DeliveryContext extends TenantContext {
  mailer: Mailer;
  scheduler: DeadlineScheduler;
  /** The tenant's own system, told of every complaint event (WEBHOOK_URL), when configured; signed with the secret only this function reads. */
  webhooks?: WebhookPublisher;
  /** The attachments bucket (ATTACHMENTS_BUCKET): an anonymised complaint's files are deleted from it. */
  files?: FileStore;
}

let cached: DeliveryContext | undefined;

/**
 * `webhooks`: this function delivers the webhook entries (the outbox drain, the only function given
 * the signing secret): with WEBHOOK_URL set it then needs WEBHOOK_SECRET_ARN (or WEBHOOK_SECRET)
 * and refuses to start without. Other functions (the sweeper) get no publisher.
 */
export function deliveryContext(options: { webhooks?: boolean } = {}): DeliveryContext {
  if (cached) return cached;
  const base = tenantContext();
  const { config } = base;
  const region = config.AWS_REGION;
  const secret = options.webhooks ? webhookSecretOf(config) : undefined;
  if (options.webhooks && config.WEBHOOK_URL && !secret) {
    throw new Error('Invalid function configuration:\n  WEBHOOK_SECRET_ARN: the outbox drain needs WEBHOOK_SECRET_ARN (or WEBHOOK_SECRET) when WEBHOOK_URL is set');
  }
  cached = {
    ...base,
    ...(config.WEBHOOK_URL && secret ? { webhooks: new HttpWebhookPublisher({ url: config.WEBHOOK_URL, secret, tenantId: config.TENANT_ID }) } : {}),
    ...(config.ATTACHMENTS_BUCKET ? { files: fileStoreOf(config) } : {}),
    mailer: new SesMailer(new SESClient({ region, ...endpointOf(config.SES_ENDPOINT) }), config.SES_CONFIGURATION_SET),
    scheduler: new EventBridgeDeadlineScheduler(new SchedulerClient({ region, ...endpointOf(config.SCHEDULER_ENDPOINT) }), {
      groupName: config.SCHEDULE_GROUP,
      targetArn: config.DEADLINE_FUNCTION_ARN,
      roleArn: config.SCHEDULER_ROLE_ARN,
      ...(config.SCHEDULE_DLQ_ARN ? { deadLetterQueueArn: config.SCHEDULE_DLQ_ARN } : {}),
    }),
  };
  return cached;
}
