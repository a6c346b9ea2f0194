/**
 * The CDK app: one TenantStack per tenant file (tenants/<id>.yaml), or only the one named by
 * `-c tenant=<id>`. Every tenant file is validated first; a bad file fails the synth with all of
 * its problems. No lookups: it synthesises offline, without AWS credentials. The stacks are
 * environment-agnostic unless CDK_DEFAULT_ACCOUNT is set (the CLI sets it when it has credentials).
 *
 *   npx cdk synth                          every tenant
 *   npx cdk synth -c tenant=demo           one tenant
 *   npx cdk deploy klachten-demo           deploy one tenant's stack
 *
 * A tenant's webhook (its own system told of every complaint event): `-c webhookUrl.<tenant>=https://...`,
 * and its secret at deploy: `--parameters klachten-<tenant>:WebhookSecret=...` (infra/constructs/webhook.ts).
 */
import { join } from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { PROJECT_ROOT } from './constructs/tenant-functions.ts';
import { readTenantFiles, stackNameFor, type TenantFile, TenantStack } from './tenant-stack.ts';

const app = new App();
const only: unknown = app.node.tryGetContext('tenant');
if (only !== undefined && typeof only !== 'string') fail('-c tenant=<id> must be a tenant id');

let tenants: TenantFile[];
try {
  tenants = await readTenantFiles({ dir: join(PROJECT_ROOT, 'tenants'), ...(only ? { only } : {}) });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const env = environment();
for (const tenant of tenants) {
  const webhookUrl: unknown = app.node.tryGetContext(`webhookUrl.${tenant.tenantId}`);
  if (webhookUrl !== undefined && typeof webhookUrl !== 'string') fail(`-c webhookUrl.${tenant.tenantId}=<url> must be a URL`);
  new TenantStack(app, stackNameFor(tenant.tenantId), {
    regulation: tenant.regulation,
    ...(webhookUrl ? { webhookUrl } : {}),
    stackName: stackNameFor(tenant.tenantId),
    ...(env ? { env } : {}),
  });
}
app.synth();

/** A readable message and a failed synth; no stack trace for a problem in a tenant file. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * The CLI sets CDK_DEFAULT_ACCOUNT only when it has credentials, but CDK_DEFAULT_REGION always
 * (us-east-1 when nothing is configured): pin the environment only with an account, so an
 * offline synth stays environment-agnostic instead of quietly targeting us-east-1.
 */
function environment(): Environment | undefined {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  if (!account) return undefined;
  const region = process.env.CDK_DEFAULT_REGION;
  return { account, ...(region ? { region } : {}) };
}
