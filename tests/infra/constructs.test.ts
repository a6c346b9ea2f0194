/**
 * The constructs one by one, without bundling: their options, and `toThrow` for props they
 * must refuse. Plus the tenant-file reader the app validates every tenant with.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { ACCESS_LOG_FIELDS, Api, PUBLIC_ROUTE_REASONS, publicRouteReason } from '../../infra/constructs/api.ts';
import { Deadlines } from '../../infra/constructs/deadlines.ts';
import { Mail, type MailProps } from '../../infra/constructs/mail.ts';
import { Outbox } from '../../infra/constructs/outbox.ts';
import { Register } from '../../infra/constructs/register.ts';
import { TENANT_KEY_LOGICAL_ID, TenantKey } from '../../infra/constructs/tenant-key.ts';
import { PROJECT_ROOT, TenantFunctions } from '../../infra/constructs/tenant-functions.ts';
import { assertTenantId, readTenantFiles, TenantStack } from '../../infra/tenant-stack.ts';
import { loadRegulationFile, loadTenantFile, regulationsJson } from '../../shared/adapters/regulation-file.ts';
import { TABLE_KEYS } from '../../shared/adapters/table-design.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import { ROUTES, type RouteDefinition, routeKey } from '../../shared/http/routes.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';
import { withoutCdkValidation } from '../support/cdk-validation.ts';

withoutCdkValidation();

let demo: Regulation;

beforeAll(async () => {
  demo = await loadRegulationFile(join(PROJECT_ROOT, 'tenants/demo.yaml'));
});

function stack(): Stack {
  return new Stack(new App(), 'test');
}

function plainFunction(scope: Stack, id: string, functionName?: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = async () => ({});'),
    ...(functionName ? { functionName } : {}),
  });
}

/** The tenant's one key, as TenantStack makes it. */
function tenantKey(scope: Stack): kms.Key {
  return new TenantKey(scope, 'TenantKey', { tenantId: 'demo' }).key;
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'klachten-tenants-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('tenant ids', () => {
  test('accepts the seed ids', () => {
    for (const id of ['demo', 'occure-2019', 'ok-ondernemen', 'a', '1x']) expect(() => assertTenantId(id)).not.toThrow();
  });

  test.each(['Demo', 'demo_1', '-demo', 'demo-', '', 'x'.repeat(31), 'de mo'])('refuses %j', (id) => {
    expect(() => assertTenantId(id)).toThrow(/Invalid tenant id/);
  });

  test('TenantStack refuses a regulation whose id is not a tenant id, before building anything', () => {
    const app = new App();
    expect(() => new TenantStack(app, 'bad', { regulations: singleVersion({ ...demo, id: 'Not_A_Tenant' }) })).toThrow(/Invalid tenant id "Not_A_Tenant"/);
    expect(app.node.children).toHaveLength(0);
  });
});

describe('readTenantFiles', () => {
  test('reads and validates the demo tenant', async () => {
    const tenants = await readTenantFiles({ dir: join(PROJECT_ROOT, 'tenants'), only: 'demo' });
    expect(tenants.map((t) => [t.tenantId, t.file])).toEqual([['demo', 'tenants/demo.yaml']]);
  });

  test('every tenant file in tenants/ validates and names a usable tenant id (what `cdk synth` needs)', async () => {
    const tenants = await readTenantFiles({ dir: join(PROJECT_ROOT, 'tenants') });
    expect(tenants.map((t) => t.tenantId)).toContain('demo');
    for (const tenant of tenants) expect(tenant.regulations.versions.every((r) => r.id === tenant.tenantId)).toBe(true);
  });

  test('fails with every problem of a file that does not validate, naming the file', async () => {
    const dir = tempDir({ 'acme.yaml': 'id: acme\norganisation:\n  name: Acme\n' });
    await expect(readTenantFiles({ dir, projectRoot: dir })).rejects.toThrow(/acme\.yaml: .*required[\s\S]*acme\.yaml: /);
  });

  test('fails when the id does not match the file name', async () => {
    const dir = tempDir({ 'other.yaml': readFileSync(join(PROJECT_ROOT, 'tenants/demo.yaml'), 'utf8') });
    await expect(readTenantFiles({ dir, projectRoot: dir })).rejects.toThrow(/other\.yaml: id: must equal the file name "other"/);
  });

  test('fails on a file name that is not a tenant id', async () => {
    const dir = tempDir({ 'Bad_Name.yaml': 'id: x\n' });
    await expect(readTenantFiles({ dir, projectRoot: dir })).rejects.toThrow(/Bad_Name\.yaml: \(file\): the file name is the tenant id/);
  });

  test('-c tenant=<unknown> lists the tenants there are', async () => {
    await expect(readTenantFiles({ dir: join(PROJECT_ROOT, 'tenants'), only: 'nobody' })).rejects.toThrow(/No tenant file for "nobody".*available: .*demo/);
  });

  test('an empty folder is an error, not an empty app', async () => {
    await expect(readTenantFiles({ dir: tempDir({ 'README.md': '# not a tenant' }) })).rejects.toThrow(/No tenant files/);
  });
});

describe('regulationsJson', () => {
  test('every version survives the JSON trip the functions make', async () => {
    const occure = await loadTenantFile(join(PROJECT_ROOT, 'tenants/occure.yaml'));
    const json = JSON.parse(regulationsJson(occure)) as { id: string; versions: Array<{ version: string }> };
    expect(json.id).toBe('occure');
    expect(json.versions.map((v) => v.version)).toEqual(occure.versions.map((v) => v.version));
    expect(JSON.parse(regulationsJson(singleVersion(demo))).versions).toHaveLength(1);
  });
});

describe('TenantKey', () => {
  test("one customer-managed key: rotated, retained, 30 days' deletion window, alias klachten-<tenant>, the register key's logical id", () => {
    const s = stack();
    new TenantKey(s, 'TenantKey', { tenantId: 'demo' });
    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::KMS::Key', 1);
    // Kept: a deployed tenant's table stays on the key it was encrypted with (no replacement).
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toEqual([TENANT_KEY_LOGICAL_ID]);
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { EnableKeyRotation: true, PendingWindowInDays: 30, Description: Match.stringLikeRegexp('tenant demo.*register.*files.*topics') },
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/klachten-demo', TargetKeyId: { 'Fn::GetAtt': [TENANT_KEY_LOGICAL_ID, 'Arn'] } });
  });

  test('refuses a key deletion window outside 7-30 days', () => {
    expect(() => new TenantKey(stack(), 'TenantKey', { tenantId: 'demo', keyDeletionWindowDays: 3 })).toThrow(/keyDeletionWindowDays/);
    expect(() => new TenantKey(stack(), 'TenantKey', { tenantId: 'demo', keyDeletionWindowDays: 31 })).toThrow(/keyDeletionWindowDays/);
    const s = stack();
    new TenantKey(s, 'TenantKey', { tenantId: 'demo', keyDeletionWindowDays: 7 });
    Template.fromStack(s).hasResourceProperties('AWS::KMS::Key', { PendingWindowInDays: 7 });
  });

  test("allowTopicPublisher: the service, for this account and the named topic's messages only", () => {
    const s = stack();
    const key = new TenantKey(s, 'TenantKey', { tenantId: 'demo' });
    key.allowTopicPublisher({ sid: 'Publisher', service: 'example.amazonaws.com', topicName: 'klachten-demo-x' });
    Template.fromStack(s).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'Publisher',
            Effect: 'Allow',
            Principal: { Service: 'example.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'kms:EncryptionContext:aws:sns:topicArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':klachten-demo-x']],
                },
              },
            },
          },
        ]),
      },
    });
  });
});

describe('Register', () => {
  test('refuses DESTROY while deletion protection is on', () => {
    const s = stack();
    expect(() => new Register(s, 'Register', { tenantId: 'demo', encryptionKey: tenantKey(s), removalPolicy: RemovalPolicy.DESTROY })).toThrow(/contradicts deletionProtection/);
  });

  test('DESTROY is possible when deletion protection is switched off explicitly', () => {
    const s = stack();
    new Register(s, 'Register', { tenantId: 'demo', encryptionKey: tenantKey(s), removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    Template.fromStack(s).hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
  });

  test("the table is encrypted with the key it is given (the tenant's) and makes none of its own", () => {
    const s = stack();
    new Register(s, 'Register', { tenantId: 'demo', encryptionKey: tenantKey(s) });
    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::KMS::Key', 1);
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0]!;
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  test('grantDataAccess: TABLE_NAME, item operations on the table, Query on each named index, the key only through DynamoDB', () => {
    const s = stack();
    const register = new Register(s, 'Register', { tenantId: 'demo', encryptionKey: tenantKey(s) });
    const fn = plainFunction(s, 'Fn');
    register.grantDataAccess(fn);
    const template = Template.fromStack(s);
    const tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]!;
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0]!;
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { TABLE_NAME: { Ref: tableId } } } });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement) as Array<Record<string, any>>;
    const byActions = (actions: string[]) => statements.find((st) => JSON.stringify([st.Action].flat().sort()) === JSON.stringify(actions));

    const items = byActions(['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(items?.Resource).toEqual({ 'Fn::GetAtt': [tableId, 'Arn'] });

    const indexes = byActions(['dynamodb:Query']);
    expect(indexes?.Resource).toEqual(TABLE_KEYS.indexes.map((index) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${index.name}`]] })));

    const key = byActions(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
    expect(key?.Resource).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key?.Condition).toEqual({ StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } });

    expect(statements).toHaveLength(3);
    expect(JSON.stringify(statements)).not.toContain('*');
  });
});

describe('TenantFunctions', () => {
  test('refuses a tenant id that makes a function name longer than Lambda allows', () => {
    expect(() => new TenantFunctions(stack(), 'Functions', { tenantId: 'x'.repeat(45), regulations: singleVersion(demo) })).toThrow(/longer than 64/);
  });

  test('refuses an empty function table', () => {
    expect(() => new TenantFunctions(stack(), 'Functions', { tenantId: 'demo', regulations: singleVersion(demo), functions: [] })).toThrow(/no functions/);
  });
});

describe('Api', () => {
  const route = (overrides: Partial<RouteDefinition> = {}): RouteDefinition => ({ method: 'POST', path: '/complaints', functionId: 'submit-complaint', access: 'public', ...overrides });

  function api(routes: RouteDefinition[], adminAuthorizer?: apigw.IHttpRouteAuthorizer) {
    const s = stack();
    const fn = plainFunction(s, 'Fn');
    new Api(s, 'Api', { tenantId: 'demo', routes, handlerFor: () => fn, ...(adminAuthorizer ? { adminAuthorizer } : {}) });
    return Template.fromStack(s);
  }

  test('an admin route without an authorizer fails the synth: admin routes are never open', () => {
    expect(() => api([route(), route({ method: 'GET', path: '/complaints', access: 'admin' })])).toThrow(/GET \/complaints is an admin route and needs adminAuthorizer/);
  });

  test('an admin route gets the admin authorizer; public routes stay open', () => {
    const authorizer: apigw.IHttpRouteAuthorizer = { bind: () => ({ authorizationType: 'JWT', authorizerId: 'jwt-123' }) };
    const template = api([route(), route({ method: 'GET', path: '/complaints/{reference}', access: 'admin' })], authorizer);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /complaints/{reference}', AuthorizationType: 'JWT', AuthorizerId: 'jwt-123' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /complaints', AuthorizationType: 'NONE' });
  });

  test('refuses duplicate routes, paths without a slash, no routes, and nonsense throttling', () => {
    expect(() => api([route(), route()])).toThrow(/POST \/complaints is defined twice/);
    expect(() => api([route({ path: 'complaints' })])).toThrow(/must start with \//);
    expect(() => api([])).toThrow(/no routes/);
    const s = stack();
    const fn = plainFunction(s, 'Fn');
    expect(() => new Api(s, 'Api', { tenantId: 'demo', routes: [route()], handlerFor: () => fn, throttle: { rateLimit: 0, burstLimit: 1 } })).toThrow(/throttle/);
  });

  test('a public route needs a written reason: one without fails the synth', () => {
    expect(() => api([route({ method: 'GET', path: '/everything' })])).toThrow(/GET \/everything is public but PUBLIC_ROUTE_REASONS gives no reason/);
    expect(publicRouteReason({ method: 'POST', path: '/status/{token}/objection' })).toBe(PUBLIC_ROUTE_REASONS['/status/{token}']);
    expect(publicRouteReason({ method: 'GET', path: '/statusx' })).toBeUndefined();
    for (const r of ROUTES.filter((x) => x.access !== 'admin')) expect(publicRouteReason(r), routeKey(r)).toBeTruthy();
  });

  test('a JSON access log per request, with the route key and never the path (a status link holds a token), kept three months', () => {
    const template = api([route()]);
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0]!;
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', Properties: { RetentionInDays: 90 } });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(Object.values(format)).toContain('$context.requestId');
    expect(Object.values(format)).toContain('$context.routeKey');
    expect(JSON.stringify(format)).not.toMatch(/\$context\.path|rawPath|querystring|userAgent/i);
  });

  test('no CORS unless web origins are given; then exactly those origins, the headers the routes read, no credentials', () => {
    expect(Object.values(api([route()]).findResources('AWS::ApiGatewayV2::Api'))[0]!.Properties.CorsConfiguration).toBeUndefined();
    const s = stack();
    const fn = plainFunction(s, 'Fn');
    new Api(s, 'Api', { tenantId: 'demo', routes: [route()], handlerFor: () => fn, webOrigins: ['https://klachten.demo.example', 'http://localhost:5173'] });
    Template.fromStack(s).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://klachten.demo.example', 'http://localhost:5173'],
        AllowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-api-key'],
        ExposeHeaders: ['etag', 'location'],
        AllowCredentials: false,
        MaxAge: 3600,
      },
    });
  });

  test('refuses wildcard, plain-http, path-carrying and duplicate web origins', () => {
    const make = (webOrigins: string[]) => {
      const s = stack();
      const fn = plainFunction(s, 'Fn');
      return new Api(s, 'Api', { tenantId: 'demo', routes: [route()], handlerFor: () => fn, webOrigins });
    };
    expect(() => make(['*'])).toThrow(/not an origin/);
    expect(() => make(['https://*.demo.example'])).toThrow(/no wildcards/);
    expect(() => make(['http://klachten.demo.example'])).toThrow(/must use https/);
    expect(() => make(['https://klachten.demo.example/'])).toThrow(/origin only/);
    expect(() => make(['https://klachten.demo.example/form'])).toThrow(/origin only/);
    expect(() => make(['https://a.example', 'https://a.example'])).toThrow(/listed twice/);
  });

  test('a custom domain: regional, TLS 1.2, mapped to the $default stage, its DNS target as an output', () => {
    const s = stack();
    const fn = plainFunction(s, 'Fn');
    const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab';
    new Api(s, 'Api', { tenantId: 'demo', routes: [route()], handlerFor: () => fn, domain: { domainName: 'api.klachten.demo.example', certificateArn } });
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.klachten.demo.example',
      DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: '$default' });
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const target = Object.entries(outputs).find(([name]) => name === 'ApiCustomDomainTarget');
    expect(JSON.stringify(target?.[1].Value)).toContain('RegionalDomainName');
  });

  test('bindConfiguration points the status links at the API: its execute-api URL, or its custom domain', () => {
    const s = stack();
    const fn = plainFunction(s, 'Fn');
    const plain = new Api(s, 'Api', { tenantId: 'demo', routes: [route()], handlerFor: () => fn });
    plain.bindConfiguration(fn);
    const template = Template.fromStack(s);
    const apiId = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'))[0]!;
    const url = Object.values(template.findResources('AWS::Lambda::Function'))[0]!.Properties.Environment.Variables.STATUS_BASE_URL;
    expect(JSON.stringify(url)).toContain(`{"Ref":"${apiId}"}`);
    expect(JSON.stringify(url)).toMatch(/\/status"\]\]\}$/);

    const d = stack();
    const fn2 = plainFunction(d, 'Fn');
    const custom = new Api(d, 'Api', {
      tenantId: 'demo',
      routes: [route()],
      handlerFor: () => fn2,
      domain: { domainName: 'klachten.demo.example', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc-123' },
    });
    custom.bindConfiguration(fn2);
    Template.fromStack(d).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { STATUS_BASE_URL: 'https://klachten.demo.example/status' } } });
  });

  test('refuses a custom domain that is not a host name, or a certificate that is not an ACM ARN', () => {
    const make = (domainName: string, certificateArn: string) => {
      const s = stack();
      const fn = plainFunction(s, 'Fn');
      return new Api(s, 'Api', { tenantId: 'demo', routes: [route()], handlerFor: () => fn, domain: { domainName, certificateArn } });
    };
    const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc-123';
    expect(() => make('https://api.demo.example', arn)).toThrow(/not a lowercase host name/);
    expect(() => make('API.Demo.Example', arn)).toThrow(/not a lowercase host name/);
    expect(() => make('api.demo.example', 'arn:aws:iam::123456789012:server-certificate/x')).toThrow(/not an ACM certificate ARN/);
  });
});

describe('Deadlines', () => {
  test('needs a deadline function with an explicit name (its ARN goes into its own environment)', () => {
    const s = stack();
    expect(() => new Deadlines(s, 'Deadlines', { tenantId: 'demo', deadlineFunction: plainFunction(s, 'Fn') })).toThrow(/explicit functionName/);
  });

  test('bindConfiguration sets the variables without any permission', () => {
    const s = stack();
    const target = plainFunction(s, 'Target', 'klachten-demo-deadline-check');
    const other = plainFunction(s, 'Other', 'other');
    new Deadlines(s, 'Deadlines', { tenantId: 'demo', deadlineFunction: target }).bindConfiguration(other);
    const template = Template.fromStack(s);
    const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: 'other' } }))[0]!;
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['DEADLINE_FUNCTION_ARN', 'SCHEDULER_ROLE_ARN', 'SCHEDULE_DLQ_ARN', 'SCHEDULE_GROUP']);
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    expect(JSON.stringify(policies)).not.toContain('scheduler:');
  });
});

describe('Mail', () => {
  const mail = (props: Partial<MailProps> = {}) => {
    const s = stack();
    const construct = new Mail(s, 'Mail', { tenantId: 'demo', senderAddress: 'klachten@demo.example', topicEncryptionKey: tenantKey(s), ...props });
    return { s, mail: construct };
  };

  test('refuses a sender that is not an address, a malformed configuration set, and bad notify addresses', () => {
    expect(() => mail({ senderAddress: 'klachten' })).toThrow(/not an e-mail address/);
    expect(() => mail({ configurationSetName: 'bad name' })).toThrow(/configurationSetName/);
    expect(() => mail({ notifyEmails: ['coordinator'] })).toThrow(/notifyEmails: "coordinator"/);
  });

  test('the domain identity by default, with 2048-bit Easy DKIM, the configuration set as its default, and its DKIM records as outputs', () => {
    const { s, mail: m } = mail({ senderAddress: 'klachten@Demo.Example' });
    expect(m.identityName).toBe('demo.example');
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'demo.example',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Object.keys(template.findResources('AWS::SES::ConfigurationSet'))[0] } },
    });
    const outputs = Object.keys(template.toJSON().Outputs as object);
    expect(outputs.filter((o) => o.startsWith('DkimRecord')).sort()).toEqual(['DkimRecord1', 'DkimRecord2', 'DkimRecord3']);
  });

  test('a configuration set klachten-<tenant>: TLS required, reputation metrics, suppression of bounces and complaints', () => {
    const template = Template.fromStack(mail().s);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'klachten-demo',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    Template.fromStack(mail({ requireTls: false }).s).hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'OPTIONAL' } });
  });

  test('bounces, complaints, rejects and rendering failures go to an encrypted, TLS-only topic that only this configuration set may publish to', () => {
    const template = Template.fromStack(mail({ notifyEmails: ['coordinator@demo.example'] }).s);
    const topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0]!;
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'klachten-demo-mail-events', KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint', 'reject', 'renderingFailure'], SnsDestination: { TopicARN: { Ref: topicId } } },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: Match.objectLike({ 'AWS:SourceArn': Match.anyValue() }) },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'SesPublishesMailEvents',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            // This account's SES, for this topic's messages only.
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'kms:EncryptionContext:aws:sns:topicArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':klachten-demo-mail-events']],
                },
              },
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'coordinator@demo.example', TopicArn: { Ref: topicId } });
  });

  test("the topic key is the one given (the tenant's): Mail makes no key of its own", () => {
    const s = stack();
    const key = new kms.Key(s, 'Shared');
    new Mail(s, 'Mail', { tenantId: 'demo', senderAddress: 'klachten@demo.example', topicEncryptionKey: key });
    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Object.keys(template.findResources('AWS::KMS::Key'))[0]!, 'Arn'] } });
  });

  test('the address identity: no DKIM of its own; both identity and configuration set in the grant, the set in the environment', () => {
    const { s, mail: m } = mail({ identity: 'address', configurationSetName: 'klachten-demo-letters' });
    const fn = plainFunction(s, 'Fn');
    expect(m.identityName).toBe('klachten@demo.example');
    m.grantSend(fn);
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'klachten@demo.example', DkimAttributes: { SigningEnabled: false } });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { SES_CONFIGURATION_SET: 'klachten-demo-letters' } } });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action.sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const text = JSON.stringify(statements);
    expect(text).toContain(':identity/klachten@demo.example"');
    expect(text).toContain(':configuration-set/klachten-demo-letters"');
  });

  test('manageIdentity false: no identity resource (another stack owns it), the grant still names it', () => {
    const { s, mail: m } = mail({ manageIdentity: false });
    m.grantSend(plainFunction(s, 'Fn'));
    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).toContain(':identity/demo.example"');
  });
});

describe('Outbox', () => {
  test('refuses a table without a stream', () => {
    const s = stack();
    const table = new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    expect(() => new Outbox(s, 'Outbox', { drainFunction: plainFunction(s, 'Fn'), table })).toThrow(/no stream/);
  });

  test('refuses a sweep more often than once a minute', () => {
    const s = stack();
    const register = new Register(s, 'Register', { tenantId: 'demo', encryptionKey: tenantKey(s) });
    expect(() => new Outbox(s, 'Outbox', { drainFunction: plainFunction(s, 'Fn'), table: register.table, sweepInterval: Duration.seconds(30) })).toThrow(/at least one minute/);
  });
});
