/**
 * The edge (issue 19, item 1): the tenant's edge stack in us-east-1 (CloudFront with its WAF web
 * ACL), the tenant stack behind it (execute-api disabled, status links on the edge's domain, the
 * origin secret), the per-route throttles with and without the edge, cdk-nag over both stacks,
 * the settings in infra/app.ts, and the client address the functions' own limits use.
 * Bundling is skipped (tests/infra/tenant-stack.test.ts bundles).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { Api, DEFAULT_ROUTE_THROTTLES } from '../../infra/constructs/api.ts';
import { Edge, webAclRules } from '../../infra/constructs/edge.ts';
import { EDGE_REGION, EdgeStack, edgeStackNameFor } from '../../infra/edge-stack.ts';
import { acknowledgementsUnder, applyNagChecks } from '../../infra/nag.ts';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { readTenantFiles, stackNameFor, type TenantFile, TenantStack } from '../../infra/tenant-stack.ts';
import { clientAddress } from '../../shared/http/abuse-limits.ts';
import type { HttpEvent } from '../../shared/http/middleware.ts';

type Json = Record<string, any>;
const run = promisify(execFile);

const EDGE_DOMAIN = 'klachten.demo.example';
const ORIGIN_DOMAIN = 'origin.klachten.demo.example';
const EDGE_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const ORIGIN_CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab';
// Managed CloudFront policies (their ids are fixed by AWS).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

function cdkContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
}

let demo: TenantFile;
let app: App;
let tenantStack: TenantStack;
let edgeStack: EdgeStack;
let tenant: Template;
let edge: Template;
let synthError: unknown;
let violations: string[];

/** The demo tenant behind its edge, and its edge stack, synthesised with the checks on (as infra/app.ts). */
beforeAll(async () => {
  demo = (await readTenantFiles({ dir: join(PROJECT_ROOT, 'tenants'), only: 'demo' }))[0]!;
  app = new App({ context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
  tenantStack = new TenantStack(app, stackNameFor('demo'), {
    regulations: demo.regulations,
    api: { domain: { domainName: ORIGIN_DOMAIN, certificateArn: ORIGIN_CERT } },
    edge: { domainName: EDGE_DOMAIN },
  });
  edgeStack = new EdgeStack(app, edgeStackNameFor('demo'), {
    tenantId: 'demo',
    domain: { domainName: EDGE_DOMAIN, certificateArn: EDGE_CERT },
    originDomainName: ORIGIN_DOMAIN,
  });
  applyNagChecks(app);
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  const reportFile = join(app.outdir, 'validation-report.json');
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as Json) : { pluginReports: [] };
  violations = (report.pluginReports as Json[]).flatMap((plugin) =>
    (plugin.violations as Json[]).flatMap((violation) =>
      (violation.violatingConstructs as Json[]).map((c) => `${plugin.pluginName} ${violation.severity} ${violation.ruleName} at ${c.constructPath}`),
    ),
  );
  tenant = Template.fromStack(tenantStack);
  edge = Template.fromStack(edgeStack);
}, 120_000);

describe('the edge stack (us-east-1): CloudFront with the WAF web ACL', () => {
  test("lives in us-east-1 whatever the tenant's region, and refuses another", () => {
    expect(edgeStack.region).toBe(EDGE_REGION);
    expect(
      () =>
        new EdgeStack(new App(), 'x', {
          tenantId: 'demo',
          domain: { domainName: EDGE_DOMAIN, certificateArn: EDGE_CERT },
          originDomainName: ORIGIN_DOMAIN,
          env: { region: 'eu-west-1' },
        }),
    ).toThrow(/us-east-1/);
  });

  test('a web ACL for CloudFront: rules in order, managed rule groups, rate limits per address, the challenge', () => {
    edge.resourceCountIs('AWS::WAFv2::WebACL', 1);
    const acl = Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0]!.Properties as Json;
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(acl.ChallengeConfig).toEqual({ ImmunityTimeProperty: { ImmunityTime: 14_400 } });
    expect(acl.TokenDomains).toEqual([EDGE_DOMAIN]);
    const rules = acl.Rules as Json[];
    expect(rules.map((r) => r.Name)).toEqual(['AmazonIpReputationList', 'RatePerAddress', 'SubmissionRatePerAddress', 'ChallengeFormPages', 'ChallengeSubmissions', 'CommonRuleSet', 'KnownBadInputs']);
    expect(rules.map((r) => r.Priority)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const byName = Object.fromEntries(rules.map((r) => [r.Name, r]));
    for (const [rule, group] of [
      ['AmazonIpReputationList', 'AWSManagedRulesAmazonIpReputationList'],
      ['CommonRuleSet', 'AWSManagedRulesCommonRuleSet'],
      ['KnownBadInputs', 'AWSManagedRulesKnownBadInputsRuleSet'],
    ]) {
      expect(byName[rule!].Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS', Name: group });
      expect(byName[rule!].OverrideAction).toEqual({ None: {} });
    }
    // A long complaint is not blocked for its size.
    expect(byName.CommonRuleSet.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);

    expect(byName.RatePerAddress.Statement.RateBasedStatement).toEqual({ Limit: 1000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' });
    expect(byName.RatePerAddress.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
    const submissions = byName.SubmissionRatePerAddress.Statement.RateBasedStatement;
    expect(submissions).toMatchObject({ Limit: 30, EvaluationWindowSec: 300, AggregateKeyType: 'IP' });
    const scope = JSON.stringify(submissions.ScopeDownStatement);
    for (const needle of ['"SearchString":"POST"', '"SearchString":"/complaints"', '"SearchString":"/klacht"', '"SearchString":"/status/"', '"PositionalConstraint":"STARTS_WITH"'])
      expect(scope).toContain(needle);

    expect(byName.ChallengeSubmissions.Action).toEqual({ Challenge: {} });
    const challenge = byName.ChallengeSubmissions.Statement.AndStatement.Statements as Json[];
    expect(JSON.stringify(challenge[0])).toBe(JSON.stringify(submissions.ScopeDownStatement));
    // ... only without an API key: an organisation's own system is not challenged.
    expect(challenge[1]).toEqual({
      NotStatement: {
        Statement: {
          SizeConstraintStatement: {
            FieldToMatch: { SingleHeader: { Name: 'x-api-key' } },
            ComparisonOperator: 'GT',
            Size: 0,
            TextTransformations: [{ Priority: 0, Type: 'NONE' }],
          },
        },
      },
    });
    expect(byName.ChallengeFormPages.Action).toEqual({ Challenge: {} });
    expect(JSON.stringify(byName.ChallengeFormPages.Statement)).toContain('"SearchString":"GET"');
    for (const rule of rules) expect(rule.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
  });

  test("the distribution: the API's custom domain as its origin with the secret header, the web ACL, TLS 1.2, nothing dynamic cached", () => {
    edge.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const aclId = Object.keys(edge.findResources('AWS::WAFv2::WebACL'))[0]!;
    edge.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: [EDGE_DOMAIN],
        WebACLId: { 'Fn::GetAtt': [aclId, 'Arn'] },
        ViewerCertificate: { AcmCertificateArn: EDGE_CERT, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        Origins: [
          Match.objectLike({
            DomainName: ORIGIN_DOMAIN,
            CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] }),
            OriginCustomHeaders: [{ HeaderName: 'x-origin-verify', HeaderValue: { Ref: 'EdgeOriginSecret' } }],
          }),
        ],
        DefaultCacheBehavior: Match.objectLike({
          AllowedMethods: Match.arrayWith(['PATCH', 'POST', 'DELETE']),
          CachePolicyId: CACHING_DISABLED,
          OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
          ViewerProtocolPolicy: 'redirect-to-https',
        }),
      }),
    });
    const behaviors = Object.values(edge.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig.CacheBehaviors as Json[];
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(['/assets/*', '/static/*']);
    for (const behavior of behaviors) expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    edge.hasResourceProperties('AWS::CloudFront::CachePolicy', { CachePolicyConfig: Match.objectLike({ DefaultTTL: 0, MinTTL: 0, MaxTTL: 86_400 }) });
    edge.hasParameter('EdgeOriginSecret', { NoEcho: true, MinLength: 32 });
    for (const output of ['EdgeUrl', 'EdgeDomainTarget', 'EdgeWebAclArn']) edge.hasOutput(output, {});
  });

  test('without the challenge: the rate rules and managed rules only', () => {
    const rules = webAclRules({ name: 'x', rateLimit: 500, submissionRateLimit: 20, challenge: false });
    expect(rules.map((r) => r.name)).toEqual(['AmazonIpReputationList', 'RatePerAddress', 'SubmissionRatePerAddress', 'CommonRuleSet', 'KnownBadInputs']);
    expect(rules.map((r) => r.priority)).toEqual([0, 1, 2, 3, 4]);
  });

  test("refuses a certificate outside us-east-1, the origin on the public name, and limits below WAF's minimum", () => {
    const make = (overrides: Json) => () =>
      new Edge(new Stack(new App(), 's', { env: { region: 'us-east-1' } }), 'Edge', {
        tenantId: 'demo',
        domain: { domainName: EDGE_DOMAIN, certificateArn: EDGE_CERT },
        originDomainName: ORIGIN_DOMAIN,
        originSecret: 'x'.repeat(32),
        ...overrides,
      });
    expect(make({ domain: { domainName: EDGE_DOMAIN, certificateArn: ORIGIN_CERT } })).toThrow(/us-east-1/);
    expect(make({ originDomainName: EDGE_DOMAIN })).toThrow(/name of its own/);
    expect(make({ submissionRateLimit: 5 })).toThrow(/submissionRateLimit/);
    expect(make({ challengeImmunitySeconds: 10 })).toThrow(/challengeImmunitySeconds/);
    expect(make({})).not.toThrow();
  });
});

describe('the tenant stack behind the edge', () => {
  test("the execute-api endpoint is disabled: the API answers only on its custom domain, CloudFront's origin", () => {
    tenant.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    tenant.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: ORIGIN_DOMAIN });
    tenant.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
  });

  test("status links and ApiUrl on the edge's domain; the functions get the origin secret from the NoEcho parameter", () => {
    tenant.hasOutput('ApiUrl', { Value: `https://${EDGE_DOMAIN}/` });
    tenant.hasParameter('EdgeOriginSecret', { NoEcho: true });
    const functions = Object.values(tenant.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment?.Variables?.STATUS_BASE_URL);
    expect(functions.length).toBeGreaterThan(10);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables.STATUS_BASE_URL).toBe(`https://${EDGE_DOMAIN}/status`);
      expect(fn.Properties.Environment.Variables.EDGE_ORIGIN_SECRET).toEqual({ Ref: 'EdgeOriginSecret' });
    }
  });

  test("per-route throttles on the stage, besides the stage's own", () => {
    const stage = Object.values(tenant.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
    expect(stage.Properties.RouteSettings['POST /complaints']).toEqual({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 });
    expect(stage.Properties.RouteSettings['POST /klacht']).toEqual({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 });
    expect(stage.Properties.RouteSettings['GET /status/{token}']).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(
      Object.keys(DEFAULT_ROUTE_THROTTLES)
        .filter((k) => k in stage.Properties.RouteSettings)
        .sort(),
    );
    // The stage names routes in its settings: it is created after them.
    expect((stage.DependsOn as string[]).some((id) => id.startsWith('ApiPOSTcomplaints'))).toBe(true);
  });

  test('without the edge: execute-api stays on, the same per-route throttles, no origin secret', () => {
    const plainApp = new App({ context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
    const plain = Template.fromStack(new TenantStack(plainApp, 'plain', { regulations: demo.regulations }));
    plain.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    plain.hasResourceProperties('AWS::ApiGatewayV2::Stage', { RouteSettings: Match.objectLike({ 'POST /complaints': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 } }) });
    expect(Object.keys(plain.toJSON().Parameters ?? {})).not.toContain('EdgeOriginSecret');
    for (const fn of Object.values(plain.findResources('AWS::Lambda::Function'))) expect(fn.Properties.Environment?.Variables?.EDGE_ORIGIN_SECRET).toBeUndefined();
  });

  test('the Api refuses a throttle for a route it does not serve, and a disabled endpoint without a custom domain', () => {
    const s = new Stack(new App(), 'api');
    const fn = { functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:x' } as never;
    const routes = [{ method: 'POST', path: '/complaints', functionId: 'submit-complaint', access: 'public' }] as never;
    expect(() => new Api(s, 'A', { tenantId: 'demo', routes, handlerFor: () => fn, routeThrottles: { 'POST /nowhere': { rateLimit: 1, burstLimit: 1 } } })).toThrow(/not one of the routes/);
    expect(() => new Api(s, 'B', { tenantId: 'demo', routes, handlerFor: () => fn, disableExecuteApiEndpoint: true })).toThrow(/needs a custom domain/);
  });

  test("the edge without the API's own domain is refused (there would be no origin)", () => {
    expect(() => new TenantStack(new App({ context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } }), 'x', { regulations: demo.regulations, edge: { domainName: EDGE_DOMAIN } })).toThrow(
      /custom domain/,
    );
  });
});

describe('cdk-nag over the tenant stack and its edge', () => {
  test('no finding left, no error or warning of any plugin', () => {
    expect(violations).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  test('the edge stack acknowledges exactly geo restriction and CloudFront access logs, on the distribution, with reasons', () => {
    const found = acknowledgementsUnder(edgeStack)
      .map(({ path, id }) => `${path.slice(edgeStack.node.id.length + 1)} ${id}`)
      .sort();
    expect(found).toEqual(['Edge/Distribution AwsSolutions-CFR1', 'Edge/Distribution AwsSolutions-CFR3']);
  });
});

describe('infra/app.ts: the edge settings', () => {
  async function synth(context: Record<string, unknown>): Promise<{ code: number; stderr: string; outdir: string }> {
    const outdir = mkdtempSync(join(tmpdir(), 'klachten-edge-'));
    const env = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkContext(), 'aws:cdk:bundling-stacks': [], ...context }) };
    try {
      const { stderr } = await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], { cwd: PROJECT_ROOT, env, maxBuffer: 16 * 1024 * 1024 });
      return { code: 0, stderr, outdir };
    } catch (error) {
      const failed = error as { code?: number; stderr?: string };
      return { code: failed.code ?? -1, stderr: failed.stderr ?? '', outdir };
    }
  }

  test('edge.demo=true adds klachten-demo-edge in us-east-1 (deployed after the tenant stack), with the challenge off when asked', async () => {
    const result = await synth({
      tenant: 'demo',
      'edge.demo': 'true',
      'edgeDomain.demo': EDGE_DOMAIN,
      'edgeCertificateArn.demo': EDGE_CERT,
      'edgeChallenge.demo': 'false',
      'apiDomain.demo': ORIGIN_DOMAIN,
      'apiCertificateArn.demo': ORIGIN_CERT,
    });
    expect(result.stderr).not.toMatch(/AwsSolutions-|Error/);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(result.outdir, 'manifest.json'), 'utf8')) as Json;
    const edgeArtifact = manifest.artifacts['klachten-demo-edge'];
    expect(edgeArtifact.environment).toMatch(/\/us-east-1$/);
    expect(edgeArtifact.dependencies).toContain('klachten-demo');
    const edgeTemplate = JSON.parse(readFileSync(join(result.outdir, 'klachten-demo-edge.template.json'), 'utf8')) as Json;
    const acl = Object.values(edgeTemplate.Resources as Json).find((r: Json) => r.Type === 'AWS::WAFv2::WebACL') as Json;
    expect((acl.Properties.Rules as Json[]).map((r) => r.Name)).not.toContain('ChallengeSubmissions');
    const tenantTemplate = JSON.parse(readFileSync(join(result.outdir, 'klachten-demo.template.json'), 'utf8')) as Json;
    const client = Object.values(tenantTemplate.Resources as Json).find((r: Json) => r.Type === 'AWS::Cognito::UserPoolClient') as Json;
    expect(client.Properties.CallbackURLs).toEqual([`https://${EDGE_DOMAIN}/console`]);
  }, 120_000);

  test("the edge without its domain, or without the API's, fails the synth naming the settings; edge settings without the edge too", async () => {
    const noOrigin = await synth({ tenant: 'demo', 'edge.demo': 'true', 'edgeDomain.demo': EDGE_DOMAIN, 'edgeCertificateArn.demo': EDGE_CERT });
    expect(noOrigin.code).toBe(1);
    expect(noOrigin.stderr).toMatch(/edge\.demo=true needs -c apiDomain\.demo/);
    const stray = await synth({ tenant: 'demo', 'edgeDomain.demo': EDGE_DOMAIN });
    expect(stray.code).toBe(1);
    expect(stray.stderr).toMatch(/only with -c edge\.demo=true/);
  }, 120_000);
});

describe("the client address for the functions' own limits", () => {
  const event = (headers: Record<string, string>): HttpEvent => ({ headers, requestContext: { http: { sourceIp: '130.176.1.1' } } }) as unknown as HttpEvent;
  const secret = 'a'.repeat(40);

  test("behind the edge: the viewer's address from CloudFront-Viewer-Address, without its port (IPv4 and IPv6)", () => {
    expect(clientAddress(event({ 'cloudfront-viewer-address': '198.51.100.7:46532', 'x-origin-verify': secret }), secret)).toBe('198.51.100.7');
    expect(clientAddress(event({ 'CloudFront-Viewer-Address': '2001:db8::7:46532', 'X-Origin-Verify': secret }), secret)).toBe('2001:db8::7');
  });

  test("the header is believed only with the edge's secret; without an edge, the connection's address", () => {
    expect(clientAddress(event({ 'cloudfront-viewer-address': '198.51.100.7:1' }), secret)).toBe('130.176.1.1');
    expect(clientAddress(event({ 'cloudfront-viewer-address': '198.51.100.7:1', 'x-origin-verify': 'wrong' }), secret)).toBe('130.176.1.1');
    expect(clientAddress(event({ 'cloudfront-viewer-address': '198.51.100.7:1', 'x-origin-verify': secret }), undefined)).toBe('130.176.1.1');
  });
});
