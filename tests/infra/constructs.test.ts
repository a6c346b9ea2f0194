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
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { Api } from '../../infra/constructs/api.ts';
import { Deadlines } from '../../infra/constructs/deadlines.ts';
import { Mail } from '../../infra/constructs/mail.ts';
import { Outbox } from '../../infra/constructs/outbox.ts';
import { Register } from '../../infra/constructs/register.ts';
import { PROJECT_ROOT, regulationJson, TenantFunctions } from '../../infra/constructs/tenant-functions.ts';
import { assertTenantId, readTenantFiles, TenantStack } from '../../infra/tenant-stack.ts';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import type { RouteDefinition } from '../../shared/http/routes.ts';

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
    expect(() => new TenantStack(app, 'bad', { regulation: { ...demo, id: 'Not_A_Tenant' } })).toThrow(/Invalid tenant id "Not_A_Tenant"/);
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
    for (const tenant of tenants) expect(tenant.regulation.id).toBe(tenant.tenantId);
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

describe('regulationJson', () => {
  test('the demo regulation survives the JSON trip the functions make', () => {
    expect(JSON.parse(regulationJson(demo)).id).toBe('demo');
  });
});

describe('Register', () => {
  test('refuses DESTROY while deletion protection is on', () => {
    expect(() => new Register(stack(), 'Register', { tenantId: 'demo', removalPolicy: RemovalPolicy.DESTROY })).toThrow(/contradicts deletionProtection/);
  });

  test('DESTROY is possible when deletion protection is switched off explicitly', () => {
    const s = stack();
    new Register(s, 'Register', { tenantId: 'demo', removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    Template.fromStack(s).hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
  });

  test('grantDataAccess sets TABLE_NAME and grants item operations only', () => {
    const s = stack();
    const register = new Register(s, 'Register', { tenantId: 'demo' });
    const fn = plainFunction(s, 'Fn');
    register.grantDataAccess(fn);
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { TABLE_NAME: { Ref: Match.anyValue() } } } });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.flatMap((st: { Action: string[] }) => st.Action).sort()).toEqual(
      ['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    );
  });
});

describe('TenantFunctions', () => {
  test('refuses a tenant id that makes a function name longer than Lambda allows', () => {
    expect(() => new TenantFunctions(stack(), 'Functions', { tenantId: 'x'.repeat(45), regulation: demo })).toThrow(/longer than 64/);
  });

  test('refuses an empty function table', () => {
    expect(() => new TenantFunctions(stack(), 'Functions', { tenantId: 'demo', regulation: demo, functions: [] })).toThrow(/no functions/);
  });
});

describe('Api', () => {
  const route = (overrides: Partial<RouteDefinition> = {}): RouteDefinition =>
    ({ method: 'POST', path: '/complaints', functionId: 'submit-complaint', access: 'public', ...overrides });

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
  test('refuses a sender that is not an address, and a malformed configuration set', () => {
    expect(() => new Mail(stack(), 'Mail', { senderAddress: 'klachten' })).toThrow(/not an e-mail address/);
    expect(() => new Mail(stack(), 'Mail', { senderAddress: 'a@b.example', configurationSetName: 'bad name' })).toThrow(/configurationSetName/);
  });

  test('the address identity and a configuration set: both in the grant, the set in the environment', () => {
    const s = stack();
    const fn = plainFunction(s, 'Fn');
    const mail = new Mail(s, 'Mail', { senderAddress: 'klachten@demo.example', identity: 'address', configurationSetName: 'klachten-demo' });
    expect(mail.identityName).toBe('klachten@demo.example');
    mail.grantSend(fn);
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { SES_CONFIGURATION_SET: 'klachten-demo' } } });
    const text = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(text).toContain(':identity/klachten@demo.example"');
    expect(text).toContain(':configuration-set/klachten-demo"');
  });

  test('the domain identity by default', () => {
    expect(new Mail(stack(), 'Mail', { senderAddress: 'klachten@Demo.Example' }).identityName).toBe('demo.example');
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
    const register = new Register(s, 'Register', { tenantId: 'demo' });
    expect(() => new Outbox(s, 'Outbox', { drainFunction: plainFunction(s, 'Fn'), table: register.table, sweepInterval: Duration.seconds(30) })).toThrow(/at least one minute/);
  });
});
