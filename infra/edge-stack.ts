/**
 * EdgeStack: a tenant's edge, `klachten-<tenant>-edge`, always in us-east-1: the WAF web ACL (a
 * web ACL for CloudFront can only be created there) and, beside it, the CloudFront distribution
 * that uses it (infra/constructs/edge.ts). One small stack per tenant, not one shared by all:
 * each tenant's limits, challenge and domain are its own, removing a tenant removes its edge, and
 * nothing crosses regions: the distribution's origin is the API's custom domain, a name the
 * settings already give, so the tenant stack (in its own region) and this one share no
 * CloudFormation reference, and both synthesise offline. They share one value, the origin secret,
 * given to both at deploy as the NoEcho parameter EdgeOriginSecret (docs/deploy.md, "The edge").
 */
import { CfnParameter, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Edge, type EdgeProps } from './constructs/edge.ts';

/** The region every edge stack lives in. */
export const EDGE_REGION = 'us-east-1';

/** The name of the NoEcho parameter both stacks take the origin secret from. */
export const EDGE_SECRET_PARAMETER = 'EdgeOriginSecret';

/** The tenant's edge stack: `npx cdk deploy klachten-<tenant>-edge`. */
export function edgeStackNameFor(tenantId: string): string {
  return `klachten-${tenantId}-edge`;
}

/** The origin secret parameter (the same in the tenant stack and the edge stack). */
export function edgeSecretParameter(scope: Construct): CfnParameter {
  return new CfnParameter(scope, EDGE_SECRET_PARAMETER, {
    type: 'String',
    noEcho: true,
    minLength: 32,
    allowedPattern: '[A-Za-z0-9_-]+',
    description: 'The secret CloudFront sends to the API as x-origin-verify (the same value in klachten-<tenant> and klachten-<tenant>-edge); e.g. openssl rand -hex 32',
  });
}

export interface EdgeStackProps extends StackProps, Omit<EdgeProps, 'originSecret'> {}

export class EdgeStack extends Stack {
  readonly edge: Edge;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    const { tenantId, domain, originDomainName, rateLimit, submissionRateLimit, challenge, challengeImmunitySeconds, env, ...stackProps } = props;
    if (env?.region !== undefined && env.region !== EDGE_REGION) throw new Error(`EdgeStack: a web ACL for CloudFront lives in ${EDGE_REGION}, not ${env.region}`);
    super(scope, id, {
      description: `Klachtenregister edge (CloudFront and WAF) for tenant ${tenantId}`,
      ...stackProps,
      env: { ...env, region: EDGE_REGION },
    });
    Tags.of(this).add('app', 'klachtenregister');
    Tags.of(this).add('tenant', tenantId);
    const secret = edgeSecretParameter(this);
    this.edge = new Edge(this, 'Edge', {
      tenantId,
      domain,
      originDomainName,
      originSecret: secret.valueAsString,
      ...(rateLimit !== undefined ? { rateLimit } : {}),
      ...(submissionRateLimit !== undefined ? { submissionRateLimit } : {}),
      ...(challenge !== undefined ? { challenge } : {}),
      ...(challengeImmunitySeconds !== undefined ? { challengeImmunitySeconds } : {}),
    });
  }
}
