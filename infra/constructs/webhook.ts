/**
 * Webhook: the tenant's own system (a register kept elsewhere, e.g. in its ERP) is told of every
 * complaint event by a signed POST (shared/adapters/webhook-publisher.ts). Every function gets
 * WEBHOOK_URL, so the register queues a webhook entry with each event it writes; the outbox
 * drain delivers them, signed with WEBHOOK_SECRET.
 *
 * Where the secret comes from. The preferred design is a secret generated per stack in Secrets
 * Manager, read by ARN at cold start by the drain alone. Neither @aws-sdk/client-secrets-manager
 * nor @aws-sdk/client-ssm is installed in this project (the Lambda runtime ships them, but the
 * project pins and tests the SDK clients it uses, and adding one is its own decision), so the
 * secret is a CloudFormation parameter with NoEcho, passed as an environment variable:
 *
 *   npx cdk deploy klachten-focus -c webhookUrl.focus=https://erp.focus.example/klachten \
 *     --parameters klachten-focus:WebhookSecret=$(openssl rand -hex 32)
 *
 * NoEcho keeps it out of the template, the stack's parameters and events, but it is readable in
 * the functions' configuration by anyone allowed lambda:GetFunctionConfiguration on them, and
 * every function carries it (they share one composition root whose config wants both or
 * neither). No IAM permission is needed or granted for it: the drain's HTTPS call to the
 * receiver needs none. Rotation: deploy with a new value, and let the receiver accept both for
 * a while. With the Secrets Manager client installed, replace the parameter with a generated
 * `secretsmanager.Secret`, a WEBHOOK_SECRET_ARN variable and `secret.grantRead(drain)`.
 */
import { CfnParameter, Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { runtimeConfigSchema } from '../../shared/adapters/config.ts';

/** The parameter's logical id: `--parameters <stack>:WebhookSecret=...`. */
export const WEBHOOK_SECRET_PARAMETER = 'WebhookSecret';
export const WEBHOOK_SECRET_MIN_LENGTH = 32;

export interface WebhookProps {
  /** Where every complaint event is POSTed: https (the same rule as the functions' WEBHOOK_URL). */
  readonly url: string;
}

export class Webhook extends Construct {
  readonly url: string;
  readonly secretParameter: CfnParameter;

  constructor(scope: Construct, id: string, props: WebhookProps) {
    super(scope, id);
    const checked = runtimeConfigSchema.shape.WEBHOOK_URL.safeParse(props.url);
    if (!checked.success || !props.url.startsWith('https://')) {
      throw new Error(`Webhook: url "${props.url}" must be an https:// URL`);
    }
    this.url = props.url;
    // In the stack's scope, so its logical id is the plain name an operator passes.
    this.secretParameter = new CfnParameter(Stack.of(this), WEBHOOK_SECRET_PARAMETER, {
      type: 'String',
      noEcho: true,
      minLength: WEBHOOK_SECRET_MIN_LENGTH,
      description: `HMAC-SHA256 key that signs the webhooks to ${props.url} (at least ${WEBHOOK_SECRET_MIN_LENGTH} characters; give the receiver the same value)`,
    });
  }

  /** Sets WEBHOOK_URL and WEBHOOK_SECRET on `fn`. */
  bindConfiguration(fn: lambda.Function): void {
    fn.addEnvironment('WEBHOOK_URL', this.url);
    fn.addEnvironment('WEBHOOK_SECRET', this.secretParameter.valueAsString);
  }
}
