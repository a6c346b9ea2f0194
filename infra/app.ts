/**
 * The CDK app: one TenantStack per tenant file (tenants/<id>.yaml), or only the one named by
 * `-c tenant=<id>`. Every tenant file is validated first; a bad file fails the synth with all of
 * its problems. cdk-nag's AwsSolutions checks run on every stack, and any unacknowledged finding
 * fails the synth (infra/nag.ts). No lookups: it synthesises offline, without AWS credentials.
 * The stacks are environment-agnostic unless CDK_DEFAULT_ACCOUNT is set (the CLI sets it when it
 * has credentials).
 *
 *   npx cdk synth                          every tenant
 *   npx cdk synth -c tenant=demo           one tenant
 *   npx cdk deploy klachten-demo           deploy one tenant's stack
 *
 * Deployment settings per tenant, as context `<setting>.<tenant>` (on the command line with
 * `-c`, or kept in cdk.json's "context"); docs/deploy.md explains each:
 *
 *   alarmEmail.<tenant>=ops@example.nl               subscribed to the tenant's alarms
 *   mailEventsEmail.<tenant>=a@x.nl,b@x.nl           subscribed to bounces and complaints of its letters
 *   mailIdentity.<tenant>=domain|address             the SES identity kind (default domain, with DKIM)
 *   manageMailIdentity.<tenant>=false                the identity belongs to another stack (a shared domain)
 *   webOrigins.<tenant>=https://klachten.x.nl        browser origins allowed by CORS (default none)
 *   apiDomain.<tenant>=api.klachten.x.nl             a custom domain for the API, with
 *   apiCertificateArn.<tenant>=arn:aws:acm:...       its ACM certificate in the stack's region
 *   mfa.<tenant>=optional                            staff MFA (default required)
 *   authDomainPrefix.<tenant>=klachten-x             the staff sign-in (hosted UI) domain prefix
 *   consoleUrls.<tenant>=https://.../console         where sign-in may return to (default with an
 *                                                    apiDomain: https://<apiDomain>/console)
 *   webhookUrl.<tenant>=https://...                  the tenant's webhook; its signing key is generated in
 *                                                    Secrets Manager (output WebhookSecretArn; docs/deploy.md)
 *   edge.<tenant>=true                               CloudFront and WAF in front (default false): adds the
 *                                                    stack klachten-<tenant>-edge in us-east-1, disables the
 *                                                    execute-api endpoint; needs apiDomain (the origin) and
 *   edgeDomain.<tenant>=klachten.x.nl                the public domain, with
 *   edgeCertificateArn.<tenant>=arn:aws:acm:us-east-1:...  its certificate in us-east-1; the origin secret
 *                                                    at deploy: --parameters <both stacks>:EdgeOriginSecret=...
 *   edgeChallenge.<tenant>=false                     no WAF challenge on the pages and submissions (default true)
 */
import { join } from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { PROJECT_ROOT } from './constructs/tenant-functions.ts';
import { EDGE_REGION, EdgeStack, type EdgeStackProps, edgeStackNameFor } from './edge-stack.ts';
import { applyNagChecks } from './nag.ts';
import { readTenantFiles, stackNameFor, type TenantFile, TenantStack, type TenantStackProps } from './tenant-stack.ts';

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
  try {
    const settings = deploymentSettings(tenant.tenantId);
    const stack = new TenantStack(app, stackNameFor(tenant.tenantId), {
      regulations: tenant.regulations,
      ...settings.stack,
      stackName: stackNameFor(tenant.tenantId),
      ...(env ? { env } : {}),
    });
    if (settings.edge) {
      // Always us-east-1 (CloudFront's web ACLs); the account as the tenant's, when known.
      const edge = new EdgeStack(app, edgeStackNameFor(tenant.tenantId), {
        ...settings.edge,
        stackName: edgeStackNameFor(tenant.tenantId),
        env: { ...(env?.account ? { account: env.account } : {}), region: EDGE_REGION },
      });
      // No reference between the two (see infra/edge-stack.ts): the order only, origin first.
      edge.addDependency(stack, "CloudFront's origin is the API's custom domain in the tenant stack");
    }
  } catch (error) {
    // A bad setting (an address, an origin, a certificate ARN) names itself; no stack trace.
    fail(`${stackNameFor(tenant.tenantId)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
applyNagChecks(app);
app.synth();

/** The TenantStack props (and EdgeStack props, with the edge) a tenant's context settings (see the header) ask for. */
function deploymentSettings(tenantId: string): { stack: Partial<TenantStackProps>; edge?: EdgeStackProps } {
  const text = (name: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(`${name}.${tenantId}`);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') fail(`-c ${name}.${tenantId}=... must be text`);
    return value.trim();
  };
  const list = (name: string): string[] | undefined => {
    const value: unknown = app.node.tryGetContext(`${name}.${tenantId}`);
    if (value === undefined || value === '') return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item: string) => item.trim());
    if (typeof value !== 'string') fail(`-c ${name}.${tenantId}=... must be a comma-separated list`);
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = text(name);
    if (value !== undefined && !allowed.includes(value as T)) fail(`-c ${name}.${tenantId}=${value}: use one of ${allowed.join(', ')}`);
    return value as T | undefined;
  };

  const webhookUrl = text('webhookUrl');
  const alarmEmail = text('alarmEmail');
  const notifyEmails = list('mailEventsEmail');
  const identity = oneOf('mailIdentity', ['domain', 'address'] as const);
  const manageIdentity = oneOf('manageMailIdentity', ['true', 'false'] as const);
  const webOrigins = list('webOrigins');
  const apiDomain = text('apiDomain');
  const certificateArn = text('apiCertificateArn');
  if ((apiDomain === undefined) !== (certificateArn === undefined)) fail(`-c apiDomain.${tenantId} and -c apiCertificateArn.${tenantId}: set both or neither`);
  const mfa = oneOf('mfa', ['optional', 'required'] as const);
  const domainPrefix = text('authDomainPrefix');
  const edgeOn = oneOf('edge', ['true', 'false'] as const) === 'true';
  const edgeDomain = text('edgeDomain');
  const edgeCertificateArn = text('edgeCertificateArn');
  const edgeChallenge = oneOf('edgeChallenge', ['true', 'false'] as const);
  if (edgeOn) {
    if (!apiDomain)
      fail(`-c edge.${tenantId}=true needs -c apiDomain.${tenantId} and -c apiCertificateArn.${tenantId}: the API's own domain is CloudFront's origin (the execute-api endpoint is disabled)`);
    if (!edgeDomain || !edgeCertificateArn) fail(`-c edge.${tenantId}=true needs -c edgeDomain.${tenantId} and -c edgeCertificateArn.${tenantId} (a certificate in ${EDGE_REGION})`);
  } else if (edgeDomain !== undefined || edgeCertificateArn !== undefined || edgeChallenge !== undefined) {
    fail(`-c edgeDomain.${tenantId}, edgeCertificateArn.${tenantId} and edgeChallenge.${tenantId} take effect only with -c edge.${tenantId}=true`);
  }
  // The hosted console signs in and out at <public URL>/console (web/console-page.ts): the edge's domain behind the edge.
  const publicDomain = edgeOn ? edgeDomain : apiDomain;
  const consoleUrls = list('consoleUrls') ?? (publicDomain ? [`https://${publicDomain}/console`] : undefined);

  const stack: Partial<TenantStackProps> = {
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(alarmEmail ? { observability: { alarmEmail } } : {}),
    mail: {
      ...(identity ? { identity } : {}),
      ...(manageIdentity ? { manageIdentity: manageIdentity === 'true' } : {}),
      ...(notifyEmails ? { notifyEmails } : {}),
    },
    api: {
      ...(webOrigins ? { webOrigins } : {}),
      ...(apiDomain && certificateArn ? { domain: { domainName: apiDomain, certificateArn } } : {}),
    },
    auth: {
      ...(mfa ? { mfa } : {}),
      ...(domainPrefix ? { domainPrefix } : {}),
      ...(consoleUrls ? { callbackUrls: consoleUrls, logoutUrls: consoleUrls } : {}),
    },
    ...(edgeOn ? { edge: { domainName: edgeDomain! } } : {}),
  };
  if (!edgeOn) return { stack };
  return {
    stack,
    edge: {
      tenantId,
      domain: { domainName: edgeDomain!, certificateArn: edgeCertificateArn! },
      originDomainName: apiDomain!,
      ...(edgeChallenge ? { challenge: edgeChallenge === 'true' } : {}),
    },
  };
}

/** A readable message and a failed synth; no stack trace for a problem in a tenant file or a setting. */
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
