/**
 * Webhook: the tenant's own system (a register kept elsewhere, e.g. in its ERP) is told of every
 * complaint event by a signed POST (shared/adapters/webhook-publisher.ts). Every function gets
 * WEBHOOK_URL, so the register queues a webhook entry with each event it writes; the outbox drain
 * alone delivers them, and alone can read the key they are signed with.
 *
 * The key is a Secrets Manager secret the stack generates (64 random characters; its ARN is the
 * stack output WebhookSecretArn), never a value in the template, a parameter or a function's
 * configuration. `grantSigning` is the one way a function gets it: WEBHOOK_SECRET_ARN and
 * secretsmanager:GetSecretValue on this secret alone; the stack calls it for the outbox drain only.
 * The drain reads the value when its first webhook goes out and again every ten minutes
 * (shared/adapters/webhook-secret.ts). The operator gives the receiver the same value, read once
 * after the first deploy (docs/deploy.md):
 *
 *   aws secretsmanager get-secret-value --secret-id <WebhookSecretArn> --query SecretString --output text
 *
 * No fixed name: a secret leaving the stack waits out its recovery window under its name, and a
 * webhook switched off and on again within it would not deploy.
 *
 * Rotation is by hand (cdk-nag SMG4 acknowledged): the receiver must accept the new value, so
 * `put-secret-value` with a new one, give it to the receiver, and both accept the old one for the
 * ten minutes the drain may still sign with it.
 */
import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { runtimeConfigSchema } from '../../shared/adapters/config.ts';
import { acknowledgeFinding } from '../nag.ts';

/** The stack output with the secret's ARN. */
export const WEBHOOK_SECRET_OUTPUT = 'WebhookSecretArn';

export interface WebhookProps {
  /** The tenant id (in the secret's description). */
  readonly tenantId: string;
  /** Where every complaint event is POSTed: https (the same rule as the functions' WEBHOOK_URL). */
  readonly url: string;
  /**
   * What CloudFormation does with the secret when it leaves the stack (or the webhook setting).
   * @default RemovalPolicy.DESTROY (a new deploy makes a new key; the receiver is given it again)
   */
  readonly removalPolicy?: RemovalPolicy;
}

export class Webhook extends Construct {
  readonly url: string;
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: WebhookProps) {
    super(scope, id);
    const checked = runtimeConfigSchema.shape.WEBHOOK_URL.safeParse(props.url);
    if (!checked.success || !props.url.startsWith('https://')) {
      throw new Error(`Webhook: url "${props.url}" must be an https:// URL`);
    }
    this.url = props.url;
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `HMAC-SHA256 key that signs the webhooks of tenant ${props.tenantId} to ${props.url}: give the receiver the same value`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    acknowledgeFinding(
      this.secret,
      'AwsSolutions-SMG4',
      "The webhook key is shared with the tenant's receiver, which must accept a new key before it is used: rotated by hand " +
        '(put-secret-value, the receiver accepting both for ten minutes; docs/deploy.md), not by a rotation function.',
    );
    // In the stack's scope, so its logical id is the plain name an operator looks for.
    new CfnOutput(Stack.of(this), WEBHOOK_SECRET_OUTPUT, {
      value: this.secret.secretArn,
      description: `The webhook's signing key (give the receiver its value): aws secretsmanager get-secret-value --secret-id <this ARN>`,
    });
  }

  /** Sets WEBHOOK_URL on `fn`: its events queue webhook entries. No permission. */
  bindConfiguration(fn: lambda.Function): void {
    fn.addEnvironment('WEBHOOK_URL', this.url);
  }

  /** For the function that delivers the webhooks: WEBHOOK_SECRET_ARN, and reading this secret (and nothing else of Secrets Manager). */
  grantSigning(fn: lambda.Function): void {
    fn.addEnvironment('WEBHOOK_SECRET_ARN', this.secret.secretArn);
    this.secret.grantRead(fn);
  }
}
