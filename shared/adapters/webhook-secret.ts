/**
 * The webhook's signing secret (webhook-publisher.ts), for the outbox drain alone: the value
 * itself from WEBHOOK_SECRET (the local cloud), or in AWS read from the Secrets Manager secret
 * WEBHOOK_SECRET_ARN names (infra/constructs/webhook.ts grants reading it to the drain and to no
 * other function). Read when the first webhook goes out, and again after WEBHOOK_SECRET_TTL_MS,
 * so a rotated value (docs/deploy.md) is used within minutes without a deployment. A failed read
 * is tried again on the next delivery; the entry waits with backoff meanwhile.
 */
import type { RuntimeConfig } from './config.ts';
import { log } from '../observability/log.ts';
import { readSecretString } from './secret-value.ts';

export type WebhookSecretLoader = () => Promise<string>;

/** How long a value read from Secrets Manager is used before it is read again. */
export const WEBHOOK_SECRET_TTL_MS = 10 * 60_000;

type SecretConfig = Pick<RuntimeConfig, 'WEBHOOK_SECRET' | 'WEBHOOK_SECRET_ARN' | 'AWS_REGION'>;

/** The secret as the publisher takes it: the value itself, or a loader; undefined when neither is configured. */
export function webhookSecretOf(config: SecretConfig, now: () => number = Date.now, read = readSecretString): string | WebhookSecretLoader | undefined {
  if (config.WEBHOOK_SECRET) return config.WEBHOOK_SECRET;
  const arn = config.WEBHOOK_SECRET_ARN;
  if (!arn) return undefined;
  let cached: { value: Promise<string>; until: number } | undefined;
  return () => {
    if (!cached || now() >= cached.until) {
      const value = read(arn, config.AWS_REGION)
        .then((secret) => {
          if (secret.length < 32) throw new Error('the webhook secret is shorter than 32 characters');
          return secret;
        })
        .catch((error: unknown) => {
          cached = undefined;
          // Why, for the operator; never the secret.
          log.error('webhook secret not readable', { errorName: error instanceof Error ? error.name : typeof error });
          throw new Error('the webhook secret could not be read from Secrets Manager');
        });
      cached = { value, until: now() + WEBHOOK_SECRET_TTL_MS };
    }
    return cached.value;
  };
}
