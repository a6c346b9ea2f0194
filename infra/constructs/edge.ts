/**
 * Edge: the tenant's public front door. A CloudFront distribution on the tenant's own domain with
 * an AWS WAF web ACL, in front of the API's custom domain (its origin; the execute-api endpoint is
 * disabled, infra/constructs/api.ts). Everything the public reaches goes through it: the JSON
 * intake, the status links, the hosted pages and their static files (`/assets/*`, `/static/*`,
 * cached as their own Cache-Control allows), the console page and the staff API.
 *
 * The web ACL, in order (the first rule that blocks ends the evaluation):
 *   0 AmazonIpReputationList   AWS's list of addresses seen attacking: blocked
 *   1 RatePerAddress           more than `rateLimit` requests from one address in 5 minutes: 429
 *   2 SubmissionRatePerAddress more than `submissionRateLimit` submissions (POST to /complaints,
 *                              /klacht, /status/...) from one address in 5 minutes: 429
 *   3 ChallengeFormPages       the form page and the status page (GET /klacht, /status/{token}/pagina):
 *                              a silent browser challenge, so the browser holds a WAF token
 *   4 ChallengeSubmissions     a submission without an `x-api-key` header and without a valid token:
 *                              the challenge (which a script without a browser cannot pass)
 *   5 CommonRuleSet            AWSManagedRulesCommonRuleSet (body size counted, not blocked: a
 *                              complaint may be long; the API limits its size itself)
 *   6 KnownBadInputs           AWSManagedRulesKnownBadInputsRuleSet
 * Rules 3 and 4 only with `challenge` (default on). A web ACL for CloudFront must be created in
 * us-east-1, so this construct belongs in the tenant's edge stack (infra/edge-stack.ts), not in
 * the tenant stack.
 *
 * CloudFront adds a secret header (`x-origin-verify`, the stack's NoEcho parameter) to every
 * request to the origin; the functions trust CloudFront's `CloudFront-Viewer-Address` for their own
 * per-address limits only with it (shared/http/abuse-limits.ts, clientAddress).
 */
import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { acknowledgeFinding } from '../nag.ts';

/** The header CloudFront sets on every origin request; the functions compare it with EDGE_ORIGIN_SECRET (shared/http/edge-only.ts). */
import { ORIGIN_VERIFY_HEADER } from '../../shared/http/edge-only.ts';
export { ORIGIN_VERIFY_HEADER };
/** The header an organisation's own systems identify themselves with (the function checks it). */
export const API_KEY_HEADER = 'x-api-key';

/** The submissions: what registers something or acts on a complaint without a staff token. */
export const SUBMISSION_PATHS: ReadonlyArray<{ path: string; match: 'EXACTLY' | 'STARTS_WITH' }> = [
  { path: '/complaints', match: 'EXACTLY' },
  { path: '/klacht', match: 'EXACTLY' },
  { path: '/status/', match: 'STARTS_WITH' },
];
/** The HTML pages a complainant opens before a submission: the form, the status page. */
export const PAGE_PATHS: ReadonlyArray<{ path: string; match: 'EXACTLY' | 'STARTS_WITH' | 'ENDS_WITH' }> = [
  { path: '/klacht', match: 'EXACTLY' },
  { path: '/pagina', match: 'ENDS_WITH' },
];
/** Static files through the same distribution, cached as their Cache-Control says. */
export const STATIC_PATHS: readonly string[] = ['/assets/*', '/static/*'];

export interface EdgeDomain {
  /** The public name, e.g. `klachten.voorbeeld.nl`. */
  readonly domainName: string;
  /** An issued ACM certificate for it **in us-east-1** (CloudFront's region). */
  readonly certificateArn: string;
}

export interface EdgeProps {
  /** The tenant id: names the web ACL `klachten-<tenant>` and its metrics. */
  readonly tenantId: string;
  /** The public domain and its us-east-1 certificate. */
  readonly domain: EdgeDomain;
  /** The API's custom domain (regional): CloudFront's origin, e.g. `origin.klachten.voorbeeld.nl`. */
  readonly originDomainName: string;
  /** The value of the secret origin header (a NoEcho parameter's value; at least 32 characters when known). */
  readonly originSecret: string;
  /**
   * Requests from one address in five minutes, any route, before WAF answers 429.
   * @default 1000
   */
  readonly rateLimit?: number;
  /**
   * Submissions (POST to /complaints, /klacht, /status/...) from one address in five minutes.
   * An office behind one NAT address counts as one address.
   * @default 30
   */
  readonly submissionRateLimit?: number;
  /**
   * A WAF challenge on the form and status pages and on submissions without an `x-api-key`.
   * The challenge needs JavaScript: off, the pages also work without it, and only the rate rules,
   * the managed rules and the functions' own limits stand in front of the intake.
   * @default true
   */
  readonly challenge?: boolean;
  /**
   * How long a solved challenge counts, in seconds: long enough to write a complaint.
   * @default 14400 (four hours)
   */
  readonly challengeImmunitySeconds?: number;
}

export const DEFAULT_EDGE_RATE_LIMIT = 1000;
export const DEFAULT_EDGE_SUBMISSION_RATE_LIMIT = 30;
export const DEFAULT_CHALLENGE_IMMUNITY_SECONDS = 14_400;

export class Edge extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly distribution: cloudfront.Distribution;
  /** `https://<domain>/`: where the public reaches the tenant. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    checkEdgeProps(props);
    const rateLimit = props.rateLimit ?? DEFAULT_EDGE_RATE_LIMIT;
    const submissionRateLimit = props.submissionRateLimit ?? DEFAULT_EDGE_SUBMISSION_RATE_LIMIT;
    const challenge = props.challenge ?? true;
    const name = `klachten-${props.tenantId}`;

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name,
      description: `Klachtenregister edge for tenant ${props.tenantId}`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      // A complainant may take a while to write; the token from the form page must outlast that.
      challengeConfig: { immunityTimeProperty: { immunityTime: props.challengeImmunitySeconds ?? DEFAULT_CHALLENGE_IMMUNITY_SECONDS } },
      tokenDomains: [props.domain.domainName],
      rules: webAclRules({ name, rateLimit, submissionRateLimit, challenge }),
    });

    const origin = new origins.HttpOrigin(props.originDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      // Set by CloudFront on every origin request, replacing any the viewer sent.
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret },
      readTimeout: Duration.seconds(30),
    });
    // The hosted pages' files: cached only as long as the function's Cache-Control allows (none: not cached).
    const staticCache = new cloudfront.CachePolicy(this, 'StaticCache', {
      cachePolicyName: `${name}-static`,
      comment: 'Static files of the hosted pages: as their Cache-Control says, at most a day',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const staticBehavior: cloudfront.BehaviorOptions = {
      origin,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: staticCache,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      compress: true,
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `klachten-${props.tenantId}: API, hosted pages, static files`,
      domainNames: [props.domain.domainName],
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Europe and North America: the complainants of Dutch organisations; elsewhere is served from these too.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: this.webAcl.attrArn,
      defaultBehavior: {
        origin,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        // Nothing dynamic is cached: every answer is someone's complaint or a page with a fresh form.
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        // Every viewer header (Authorization, Idempotency-Key, x-api-key, ...) and CloudFront-Viewer-Address,
        // but not Host: the API's custom domain answers only to its own name.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(STATIC_PATHS.map((path) => [path, staticBehavior])),
    });
    acknowledgeFinding(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction on purpose: complainants may live or travel abroad and must be able to file a complaint and read ' +
        "its status from anywhere; abuse is limited per address by the web ACL's rate rules and challenge instead.",
    );
    acknowledgeFinding(
      this.distribution,
      'AwsSolutions-CFR3',
      'No CloudFront access logs: every request that reaches the API is in its access log (kept 90 days), and WAF keeps ' +
        'sampled requests and metrics per rule; standard logs would keep every viewer address a second time without need.',
    );

    this.baseUrl = `https://${props.domain.domainName}/`;
    new CfnOutput(this, 'Url', { value: this.baseUrl, description: "The tenant's public URL (through CloudFront and WAF)" }).overrideLogicalId('EdgeUrl');
    new CfnOutput(this, 'DomainTarget', {
      value: this.distribution.distributionDomainName,
      description: `Point a CNAME (or Route 53 alias) for ${props.domain.domainName} here`,
    }).overrideLogicalId('EdgeDomainTarget');
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'The web ACL in front of the tenant' }).overrideLogicalId('EdgeWebAclArn');
  }
}

/** The web ACL's rules, in order (see the header). */
export function webAclRules(options: { name: string; rateLimit: number; submissionRateLimit: number; challenge: boolean }): wafv2.CfnWebACL.RuleProperty[] {
  const { name } = options;
  const tooMany: wafv2.CfnWebACL.RuleActionProperty = { block: { customResponse: { responseCode: 429 } } };
  const rules: Array<Omit<wafv2.CfnWebACL.RuleProperty, 'priority' | 'visibilityConfig'>> = [
    managedRuleGroup('AmazonIpReputationList', 'AWSManagedRulesAmazonIpReputationList'),
    {
      name: 'RatePerAddress',
      action: tooMany,
      statement: { rateBasedStatement: { limit: options.rateLimit, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
    },
    {
      name: 'SubmissionRatePerAddress',
      action: tooMany,
      statement: { rateBasedStatement: { limit: options.submissionRateLimit, evaluationWindowSec: 300, aggregateKeyType: 'IP', scopeDownStatement: submissions() } },
    },
    ...(options.challenge
      ? [
          {
            name: 'ChallengeFormPages',
            action: { challenge: {} },
            statement: { andStatement: { statements: [methodIs('GET'), anyPath(PAGE_PATHS)] } },
          },
          {
            name: 'ChallengeSubmissions',
            action: { challenge: {} },
            statement: { andStatement: { statements: [submissions(), { notStatement: { statement: headerPresent(API_KEY_HEADER) } }] } },
          },
        ]
      : []),
    // A complaint's text may be longer than the rule set's 8 KB body limit: counted, not blocked.
    managedRuleGroup('CommonRuleSet', 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
    managedRuleGroup('KnownBadInputs', 'AWSManagedRulesKnownBadInputsRuleSet'),
  ];
  return rules.map((rule, priority) => ({ ...rule, priority, visibilityConfig: visibility(`${name}-${rule.name}`) }));
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function managedRuleGroup(ruleName: string, groupName: string, countOnly: readonly string[] = []): Omit<wafv2.CfnWebACL.RuleProperty, 'priority' | 'visibilityConfig'> {
  return {
    name: ruleName,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name: groupName,
        ...(countOnly.length > 0 ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) } : {}),
      },
    },
  };
}

/** POST to one of the submission paths. */
function submissions(): wafv2.CfnWebACL.StatementProperty {
  return { andStatement: { statements: [methodIs('POST'), anyPath(SUBMISSION_PATHS)] } };
}

function methodIs(method: string): wafv2.CfnWebACL.StatementProperty {
  return { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: method, textTransformations: [{ priority: 0, type: 'NONE' }] } };
}

function pathMatch(path: string, match: string): wafv2.CfnWebACL.StatementProperty {
  return { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: match, searchString: path, textTransformations: [{ priority: 0, type: 'NONE' }] } };
}

function anyPath(paths: ReadonlyArray<{ path: string; match: string }>): wafv2.CfnWebACL.StatementProperty {
  const statements = paths.map(({ path, match }) => pathMatch(path, match));
  return statements.length === 1 ? statements[0]! : { orStatement: { statements } };
}

/** The header is there (any value; the function checks the key itself). */
function headerPresent(header: string): wafv2.CfnWebACL.StatementProperty {
  return {
    sizeConstraintStatement: {
      fieldToMatch: { singleHeader: { Name: header } },
      comparisonOperator: 'GT',
      size: 0,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  };
}

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function checkEdgeProps(props: EdgeProps): void {
  if (!HOST_NAME.test(props.domain.domainName)) throw new Error(`Edge: domain.domainName "${props.domain.domainName}" is not a lowercase host name such as klachten.voorbeeld.nl`);
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(props.domain.certificateArn)) {
    throw new Error(`Edge: domain.certificateArn "${props.domain.certificateArn}" is not an ACM certificate ARN in us-east-1 (CloudFront takes its certificates from there)`);
  }
  if (!HOST_NAME.test(props.originDomainName)) throw new Error(`Edge: originDomainName "${props.originDomainName}" is not a lowercase host name`);
  if (props.originDomainName === props.domain.domainName) {
    throw new Error("Edge: the origin (the API's custom domain) needs a name of its own, other than the public domain");
  }
  for (const [key, value, min] of [
    ['rateLimit', props.rateLimit, 10],
    ['submissionRateLimit', props.submissionRateLimit, 10],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= 2_000_000_000)) throw new Error(`Edge: ${key} must be a whole number from ${min} (WAF's minimum)`);
  }
  const immunity = props.challengeImmunitySeconds;
  if (immunity !== undefined && !(Number.isInteger(immunity) && immunity >= 60 && immunity <= 259_200)) {
    throw new Error('Edge: challengeImmunitySeconds must be a whole number from 60 to 259200 (three days)');
  }
}
