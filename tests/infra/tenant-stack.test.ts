/**
 * The demo tenant's stack, synthesised once (with its esbuild bundles) and asserted resource by
 * resource: what issues 2 and 6 ask of the CDK app, and least privilege on every statement.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling.ts';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT, REGULATION_PATH_IN_LAMBDA } from '../../infra/constructs/tenant-functions.ts';
import { FUNCTION_PERMISSIONS, TenantStack } from '../../infra/tenant-stack.ts';
import { runtimeConfigSchema } from '../../shared/adapters/config.ts';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import { TABLE_KEYS } from '../../shared/adapters/table-design.ts';
import { OUTBOX_STREAM_MAPPING } from '../../shared/adapters/outbox-stream.ts';
import { mappingFromTemplate } from '../../local/stream-consumer.ts';
import { parseRegulation } from '../../shared/domain/regulation/index.ts';
import { FUNCTIONS, ROUTES, routeKey } from '../../shared/http/routes.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';
import { texts } from '../../shared/texts/index.ts';
import { buildOpenApiDocument, OPENAPI_FILE_IN_BUNDLE } from '../../shared/http/openapi.ts';

/** Each function's minified bundle, AWS SDK external. */
const BUNDLE_BUDGET_BYTES = 150 * 1024;

/** Whether a function has any AWS permission (FUNCTION_PERMISSIONS), and so a configuration to read. */
function touchesAws(fn: Json): boolean {
  const functionId = String(fn.Properties.FunctionName).replace(/^klachten-demo-/, '') as keyof typeof FUNCTION_PERMISSIONS;
  return FUNCTION_PERMISSIONS[functionId].length > 0;
}
/** Known overruns, each with its ceiling (none since the runtime moved to zod/mini). */
const BUNDLE_BUDGET_EXCEPTIONS: Record<string, number> = {};

type Json = Record<string, any>;

let app: App;
let template: Template;
let demoOrganisation: string;
let resources: Record<string, Json>;

/** The same feature flags the CLI synthesises with. */
function cdkContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
}

function ofType(type: string): Array<[string, Json]> {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** The logical id of the one resource of `type`. */
function onlyOfType(type: string): string {
  const found = ofType(type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]![0];
}

/** The deadline schedules' dead-letter queue (the attachments construct has its own, for its events). */
function scheduleDlqId(): string {
  const found = ofType('AWS::SQS::Queue').filter(([id]) => id.startsWith('DeadlinesDeadLetterQueue'));
  if (found.length !== 1) throw new Error(`expected one schedule DLQ, found ${found.length}`);
  return found[0]![0];
}

/** The role EventBridge Scheduler assumes. */
function schedulerRoleId(): string {
  const found = ofType('AWS::IAM::Role').filter(([, r]) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'));
  if (found.length !== 1) throw new Error(`expected one Scheduler role, found ${found.length}`);
  return found[0]![0];
}

function functionLogicalId(functionName: string): string {
  const found = ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.FunctionName === functionName);
  if (!found) throw new Error(`no function ${functionName}`);
  return found[0];
}

/** Every policy statement attached to the role of `functionName`. */
function statementsOfFunction(functionName: string): Json[] {
  const roleId = resources[functionLogicalId(functionName)]!.Properties.Role['Fn::GetAtt'][0];
  return statementsOfRole(roleId);
}

function statementsOfRole(roleId: string): Json[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: Json) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Json[]);
}

const actionsOf = (statement: Json): string[] => [statement.Action].flat();

/** Every statement in the template: identity policies, inline and trust policies, resource policies. */
function allStatements(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(allStatements);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Json;
  const own = Array.isArray(record.Statement) ? (record.Statement as Json[]) : [];
  return [...own, ...Object.values(record).flatMap(allStatements)];
}

beforeAll(async () => {
  const regulation = await loadRegulationFile(join(PROJECT_ROOT, 'tenants/demo.yaml'));
  demoOrganisation = regulation.organisation.name;
  app = new App({ context: cdkContext() });
  const stack = new TenantStack(app, 'klachten-demo', { regulations: singleVersion(regulation) });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

describe('TenantStack (demo)', () => {
  test('the register: on-demand, PITR, retained, deletion-protected, keys from TABLE_KEYS, GSI, TTL, stream', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        TableName: 'klachten-demo',
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // The register's own customer-managed key (Register construct).
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegisterKey'), 'Arn'] } },
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        // Every access pattern is a key or an index (TABLE_KEYS): lists and reports never scan.
        GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.timeToLiveAttribute, Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      },
    });
  });

  test('the HTTP API serves exactly ROUTES, public ones without authorizer, throttled on $default', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    expect(routeKeys.sort()).toEqual(ROUTES.map(routeKey).sort());
    for (const route of ROUTES.filter((r) => r.access === 'public')) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey(route), AuthorizationType: 'NONE' });
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', ROUTES.length);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
  });

  test('each route integrates the function its functionId names', () => {
    for (const route of ROUTES) {
      const [integrationId] = ofType('AWS::ApiGatewayV2::Route')
        .filter(([, r]) => r.Properties.RouteKey === routeKey(route))
        .map(([, r]) => (r.Properties.Target['Fn::Join'][1][1] as Json).Ref as string);
      const integration = resources[integrationId!]!;
      expect(integration.Properties.IntegrationUri['Fn::GetAtt'][0]).toBe(functionLogicalId(`klachten-demo-${route.functionId}`));
    }
  });

  test('one NODEJS_24_X arm64 function per FUNCTIONS entry, JSON logs kept a year (the API access log three months)', () => {
    template.resourceCountIs('AWS::Lambda::Function', FUNCTIONS.length);
    for (const definition of FUNCTIONS) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `klachten-demo-${definition.id}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.anyValue() } },
      });
    }
    const logGroups = ofType('AWS::Logs::LogGroup');
    expect(logGroups).toHaveLength(FUNCTIONS.length + 1);
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect(resources[fn.Properties.LoggingConfig.LogGroup.Ref]!.Properties.RetentionInDays, fn.Properties.FunctionName).toBe(365);
    }
    const accessLog = ofType('AWS::ApiGatewayV2::Stage')[0]![1].Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[accessLog]!.Properties.RetentionInDays).toBe(90);
    // Log retention is set everywhere.
    for (const [id, group] of logGroups) expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
  });

  test('each function has a role of its own: no managed policy, logs only to its own log group', () => {
    const roleIds = new Set<string>();
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      roleIds.add(roleId);
      const role = resources[roleId]!;
      expect(role.Properties.ManagedPolicyArns, fn.Properties.FunctionName).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }]);
      const logging = statementsOfRole(roleId).filter((st) => actionsOf(st).some((a) => a.startsWith('logs:')));
      expect(logging).toEqual([{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [fn.Properties.LoggingConfig.LogGroup.Ref, 'Arn'] } }]);
    }
    expect(roleIds.size).toBe(FUNCTIONS.length);
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('the functions that use the register reach it only through grantDataAccess: the table, each index by name, the key via DynamoDB', () => {
    const table = onlyOfType('AWS::DynamoDB::Table');
    for (const definition of FUNCTIONS) {
      const statements = statementsOfFunction(`klachten-demo-${definition.id}`);
      const data = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:') && !a.includes('Stream')));
      if (FUNCTION_PERMISSIONS[definition.id].includes('read') && !FUNCTION_PERMISSIONS[definition.id].includes('register')) {
        // Reading alone (grantReadAccess): GetItem and Query, the key only to decrypt.
        expect(data.flatMap(actionsOf).sort(), definition.id).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Query']);
        const keys = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('kms:')));
        expect(keys.map(actionsOf), definition.id).toEqual([['kms:Decrypt']]);
        expect(keys[0]!.Condition.StringEquals['kms:ViaService']).toBeDefined();
        continue;
      }
      if (!FUNCTION_PERMISSIONS[definition.id].includes('register')) {
        expect(data, definition.id).toEqual([]);
        continue;
      }
      const resourcesOf = data.flatMap((st) => [st.Resource].flat()).map((r) => JSON.stringify(r));
      expect(resourcesOf).toContain(JSON.stringify({ 'Fn::GetAtt': [table, 'Arn'] }));
      for (const index of TABLE_KEYS.indexes)
        expect(
          resourcesOf.some((r) => r.endsWith(`"/index/${index.name}"]]}`)),
          index.name,
        ).toBe(true);
      const key = statements.filter((st) => actionsOf(st).includes('kms:Encrypt'));
      expect(key).toHaveLength(1);
      expect(key[0]!.Condition.StringEquals['kms:ViaService']).toBeDefined();
    }
  });

  test('the search key: a generated secret, retained, read only by the functions that write search tokens or search', () => {
    const [secretId, secret] = ofType('AWS::SecretsManager::Secret')[0]!;
    expect(ofType('AWS::SecretsManager::Secret')).toHaveLength(1);
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.Properties.Name).toBe('klachten-demo/search-key');
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    const readers: string[] = [];
    for (const definition of FUNCTIONS) {
      const reads = statementsOfFunction(`klachten-demo-${definition.id}`).filter((st) => actionsOf(st).some((a) => a.startsWith('secretsmanager:')));
      const variables = resources[functionLogicalId(`klachten-demo-${definition.id}`)]!.Properties.Environment.Variables as Json;
      if (FUNCTION_PERMISSIONS[definition.id].includes('search')) {
        readers.push(definition.id);
        expect(
          reads.map((st) => [actionsOf(st), st.Resource]),
          definition.id,
        ).toEqual([[['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], { Ref: secretId }]]);
        expect(variables.SEARCH_KEY_SECRET_ARN, definition.id).toEqual({ Ref: secretId });
      } else {
        expect(reads, definition.id).toEqual([]);
        expect(variables.SEARCH_KEY_SECRET_ARN, definition.id).toBeUndefined();
      }
    }
    // admin-privacy: the subject's keyed hash and a representative's complaints (docs/security.md).
    expect(readers.sort()).toEqual(['admin-lists', 'admin-privacy', 'submit-complaint', 'web-pages']);
  });

  test('only the functions that anonymise may delete from the register (the privacy API and the sweeper, not the admin API)', () => {
    const deleting: string[] = [];
    for (const definition of FUNCTIONS) {
      const deletes = statementsOfFunction(`klachten-demo-${definition.id}`).filter((st) => actionsOf(st).includes('dynamodb:DeleteItem'));
      expect(deletes.length > 0, definition.id).toBe(FUNCTION_PERMISSIONS[definition.id].includes('erasure'));
      if (deletes.length > 0) deleting.push(definition.id);
    }
    expect(deleting.sort()).toEqual(['admin-privacy', 'deadline-sweeper']);
  });

  test('every function gets every variable its config requires at cold start', () => {
    const required = Object.entries(runtimeConfigSchema.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([name]) => name);
    expect(required).toContain('TABLE_NAME');
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      // Functions that touch nothing (the OpenAPI document, static files) read no configuration.
      if (!touchesAws(fn)) continue;
      const variables = fn.Properties.Environment.Variables as Json;
      for (const name of required) expect(variables, `${fn.Properties.FunctionName} ${name}`).toHaveProperty(name);
      expect(variables.TENANT_ID).toBe('demo');
      expect(variables.REGULATION_FILE).toBe(REGULATION_PATH_IN_LAMBDA);
      expect(variables.SCHEDULE_GROUP).toBe('klachten-demo');
      expect(JSON.stringify(variables.DEADLINE_FUNCTION_ARN)).toContain(':function:klachten-demo-deadline-check');
      // The status links point at this API (no cycle: the functions need only the API's id).
      expect(JSON.stringify(variables.STATUS_BASE_URL)).toContain(`{"Ref":"${onlyOfType('AWS::ApiGatewayV2::Api')}"}`);
    }
  });

  test('each bundle is ESM with the AWS SDK external, carries the validated regulation, and fits the budget', () => {
    const sizes: Record<string, number> = {};
    const openApi = buildOpenApiDocument();
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const hash = (fn.Properties.Code.S3Key as string).replace(/\.zip$/, '');
      const dir = join(app.outdir, `asset.${hash}`);
      const bundle = join(dir, 'index.mjs');
      expect(existsSync(bundle)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      if (touchesAws(fn)) expect(code).toMatch(/from\s*"@aws-sdk\/client-/);
      sizes[fn.Properties.FunctionName] = statSync(bundle).size;

      const compiled = JSON.parse(readFileSync(join(dir, 'regulation.json'), 'utf8')) as { id: string; versions: unknown[] };
      expect(compiled.id).toBe('demo');
      expect(compiled.versions).toHaveLength(1);
      const parsed = parseRegulation(compiled.versions[0]);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.regulation.id).toBe('demo');
      // The procedure texts the hosted form shows, rendered at synth, beside it per version (read as REGULATION_FILE's X.procedure.json).
      const procedure = JSON.parse(readFileSync(join(dir, 'regulation.procedure.json'), 'utf8'));
      expect(procedure).toEqual({ [parsed.ok ? parsed.regulation.version : '']: { nl: expect.stringContaining(demoOrganisation), en: expect.stringContaining(demoOrganisation) } });
      // The text catalogue beside the bundle (read at cold start), and not inside it.
      for (const lang of ['nl', 'en'] as const) {
        expect(readFileSync(join(dir, 'texts', `${lang}.json`), 'utf8'), `${fn.Properties.FunctionName} texts/${lang}.json`).toBe(
          readFileSync(join(PROJECT_ROOT, 'shared', 'texts', `${lang}.json`), 'utf8'),
        );
      }
      // The OpenAPI document, built at synth, beside the bundle (served without converting the schemas at a cold start).
      expect(JSON.parse(readFileSync(join(dir, OPENAPI_FILE_IN_BUNDLE), 'utf8')), `${fn.Properties.FunctionName} ${OPENAPI_FILE_IN_BUNDLE}`).toEqual(openApi);
      expect(code).not.toContain(texts('nl').page.formIntro);
      expect(code).not.toContain(texts('en').letter.statusLink.slice(0, 40));
    }
    console.info('bundle sizes (bytes):', sizes);
    // A bundled AWS SDK would add megabytes; this catches that today. The 150 KB budget below
    // holds once shared/ imports zod as `import * as z` (tree-shakeable); see the infra report.
    for (const size of Object.values(sizes)) expect(size).toBeLessThan(600 * 1024);
  });

  test('each bundle is within the 150 KB budget', () => {
    const checked: string[] = [];
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const name = String(fn.Properties.FunctionName ?? '');
      const functionId = name.replace(/^klachten-demo-/, '');
      const hash = (fn.Properties.Code.S3Key as string).replace(/\.zip$/, '');
      const size = statSync(join(app.outdir, `asset.${hash}`, 'index.mjs')).size;
      expect(size, functionId).toBeLessThanOrEqual(BUNDLE_BUDGET_EXCEPTIONS[functionId] ?? BUNDLE_BUDGET_BYTES);
      checked.push(functionId);
    }
    expect(checked.length).toBe(FUNCTIONS.length);
  });

  test('the bench builds the very bundles synth builds (infra/bundling.ts is the one place for the options)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'klachten-bundling-'));
    try {
      for (const [, fn] of ofType('AWS::Lambda::Function')) {
        const functionId = String(fn.Properties.FunctionName).replace(/^klachten-demo-/, '');
        const definition = FUNCTIONS.find((f) => f.id === functionId)!;
        const hash = (fn.Properties.Code.S3Key as string).replace(/\.zip$/, '');
        const file = join(out, functionId, 'index.mjs');
        await build(esbuildOptions(PROJECT_ROOT, join(PROJECT_ROOT, definition.entry), file));
        expect(readFileSync(file, 'utf8'), functionId).toBe(readFileSync(join(app.outdir, `asset.${hash}`, 'index.mjs'), 'utf8'));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('SES bounces and complaints reach the mail-events function', () => {
    const fn = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === 'klachten-demo-mail-events')![0];
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': [fn, 'Arn'] } });
  });

  test('the schedule group klachten-demo', () => {
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'klachten-demo' });
  });

  test('the Scheduler role: only scheduler.amazonaws.com of this account and group may assume it', () => {
    const group = onlyOfType('AWS::Scheduler::ScheduleGroup');
    const trust = resources[schedulerRoleId()]!.Properties.AssumeRolePolicyDocument.Statement as Json[];
    expect(trust).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': { 'Fn::GetAtt': [group, 'Arn'] } } },
      },
    ]);
  });

  test('the Scheduler role may invoke only the deadline-check function, and send to the DLQ', () => {
    const roleId = schedulerRoleId();
    const statements = statementsOfRole(roleId);
    const deadlineFn = functionLogicalId('klachten-demo-deadline-check');
    const dlq = scheduleDlqId();

    const invoke = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
    expect(invoke).toHaveLength(1);
    expect(actionsOf(invoke[0]!)).toEqual(['lambda:InvokeFunction']);
    // The unqualified function only: no `<arn>:*` (versions and aliases).
    expect(invoke[0]!.Resource).toEqual({ 'Fn::GetAtt': [deadlineFn, 'Arn'] });

    const others = statements.filter((s) => !invoke.includes(s));
    expect(others).toHaveLength(1);
    expect(actionsOf(others[0]!)).toContain('sqs:SendMessage');
    expect(others[0]!.Resource).toEqual({ 'Fn::GetAtt': [dlq, 'Arn'] });
    expect(Object.keys(resources[roleId]!.Properties)).not.toContain('ManagedPolicyArns');
  });

  test('the dead-letter queues (deadline schedules, attachment events, given-up outbox stream batches): SQS-managed encryption, TLS only', () => {
    template.resourceCountIs('AWS::SQS::Queue', 3);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  test('only the functions that schedule may manage schedules in the group and pass the Scheduler role', () => {
    const schedulerRole = schedulerRoleId();
    for (const definition of FUNCTIONS) {
      const statements = statementsOfFunction(`klachten-demo-${definition.id}`);
      const scheduling = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
      const passRole = statements.filter((s) => actionsOf(s).includes('iam:PassRole'));
      if (!FUNCTION_PERMISSIONS[definition.id].includes('scheduling')) {
        expect(scheduling, definition.id).toEqual([]);
        expect(passRole, definition.id).toEqual([]);
        continue;
      }
      expect(scheduling).toHaveLength(1);
      expect(actionsOf(scheduling[0]!).sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule', 'scheduler:UpdateSchedule']);
      expect(JSON.stringify(scheduling[0]!.Resource)).toMatch(/:schedule\/klachten-demo\/\*"/);
      expect(passRole).toHaveLength(1);
      expect(passRole[0]!.Resource).toEqual({ 'Fn::GetAtt': [schedulerRole, 'Arn'] });
      expect(passRole[0]!.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    }
    expect(FUNCTIONS.some((f) => FUNCTION_PERMISSIONS[f.id].includes('scheduling'))).toBe(true);
  });

  test('SES sending is scoped to the tenant identity, for the functions that send only', () => {
    for (const definition of FUNCTIONS) {
      const sending = statementsOfFunction(`klachten-demo-${definition.id}`).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      if (!FUNCTION_PERMISSIONS[definition.id].includes('mail')) {
        expect(sending, definition.id).toEqual([]);
        continue;
      }
      expect(sending).toHaveLength(1);
      expect(actionsOf(sending[0]!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      const resource = JSON.stringify(sending[0]!.Resource);
      expect(resource).toMatch(/:identity\/demo\.example"/);
      expect(resource).not.toContain('*');
    }
  });

  test('the outbox drain: on the stream for new outbox items, and on a 5-minute timer', () => {
    const drain = functionLogicalId('klachten-demo-outbox-drain');
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: drain },
      EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 2,
      // The drain answers { batchItemFailures } (functions/outbox-drain.ts).
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { [TABLE_KEYS.sortKey]: { S: [{ prefix: 'O#' }] } } } }) }],
      },
    });
    // Given-up batches go to a queue of their own.
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping')[0]!;
    const failureQueue = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith('OutboxStreamFailureQueue'))![0];
    expect(mapping.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [failureQueue, 'Arn'] } } });
    // The local cloud's stream consumer applies the same settings: read back, they are OUTBOX_STREAM_MAPPING.
    const { onFailureDestination, ...settings } = mappingFromTemplate(mapping.Properties);
    expect(onFailureDestination).toContain(failureQueue);
    expect({ ...settings, filterPatterns: settings.filterPatterns!.map((p) => JSON.parse(String(p))) }).toEqual(OUTBOX_STREAM_MAPPING);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [drain, 'Arn'] } })],
    });
  });

  test('no identity or resource policy allows a wildcard action; key policies only as KMS and the services document them', () => {
    const keyPolicies = ofType('AWS::KMS::Key').map(([, key]) => key.Properties.KeyPolicy);
    const statements = allStatements(Object.values(resources).filter((r) => r.Type !== 'AWS::KMS::Key'));
    expect(statements.length).toBeGreaterThan(5);
    for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
      for (const action of actionsOf(statement)) expect(action, JSON.stringify(statement)).not.toMatch(/\*/);
    }
    for (const statement of allStatements(keyPolicies)) {
      const wildcards = actionsOf(statement).filter((a) => a.includes('*'));
      if (wildcards.length === 0) continue;
      if (wildcards.includes('kms:*')) {
        // CDK's default key policy: the account, so that IAM policies decide (and nothing else does).
        expect(JSON.stringify(statement.Principal)).toMatch(/:root"/);
      } else {
        expect(wildcards).toEqual(['kms:GenerateDataKey*']);
        expect(['cloudwatch.amazonaws.com', 'ses.amazonaws.com']).toContain(statement.Principal.Service);
      }
    }
  });

  test("wildcard resources: only ListStreams (no resource-level permissions) on the drain, the schedules of the own group, the attachments/ prefix and GuardDuty's own rules", () => {
    const found: string[] = [];
    for (const [, policy] of ofType('AWS::IAM::Policy')) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Json[]) {
        for (const resource of [statement.Resource].flat()) {
          const text = JSON.stringify(resource);
          const named = text.includes('schedule/klachten-demo/*')
            ? 'schedules of klachten-demo'
            : /AttachmentsBucket.*\/attachments\/\*/.test(text)
              ? 'attachments/* of the attachments bucket'
              : text.includes('DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*')
                ? "GuardDuty's managed rules"
                : text;
          if (text.includes('*')) found.push(`${actionsOf(statement).join(',')} ${named}`);
        }
      }
    }
    expect([...new Set(found)].sort()).toEqual(
      [
        'dynamodb:ListStreams "*"',
        "events:DeleteRule,events:PutRule,events:PutTargets,events:RemoveTargets GuardDuty's managed rules",
        "events:DescribeRule,events:ListTargetsByRule GuardDuty's managed rules",
        's3:DeleteObject attachments/* of the attachments bucket',
        's3:GetObject attachments/* of the attachments bucket',
        's3:DeleteObject,s3:GetObject attachments/* of the attachments bucket',
        's3:GetObject,s3:GetObjectTagging,s3:GetObjectVersion,s3:GetObjectVersionTagging,s3:PutObjectTagging,s3:PutObjectVersionTagging attachments/* of the attachments bucket',
        's3:PutObject attachments/* of the attachments bucket',
        'scheduler:CreateSchedule,scheduler:DeleteSchedule,scheduler:GetSchedule,scheduler:UpdateSchedule schedules of klachten-demo',
      ].sort(),
    );
  });

  test('mail: the domain identity with DKIM, the configuration set on every sending function, bounces to an encrypted topic', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'demo.example', DkimAttributes: { SigningEnabled: true } });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'klachten-demo', DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const functionId = String(fn.Properties.FunctionName).replace(/^klachten-demo-/, '') as keyof typeof FUNCTION_PERMISSIONS;
      const sends = FUNCTION_PERMISSIONS[functionId].includes('mail');
      expect(fn.Properties.Environment.Variables.SES_CONFIGURATION_SET, functionId).toBe(sends ? 'klachten-demo' : undefined);
    }
    // One key for both notification topics (alarms, mail events).
    const topics = ofType('AWS::SNS::Topic');
    expect(topics.map(([, t]) => t.Properties.TopicName).sort()).toEqual(['klachten-demo-alarms', 'klachten-demo-mail-events']);
    expect(new Set(topics.map(([, t]) => JSON.stringify(t.Properties.KmsMasterKeyId))).size).toBe(1);
  });

  test("alarms: errors of every function (one alarm over their logs) and the account's throttles, the dead-letter queues, the API, the outbox, registrations per hour and the SES bounce and complaint rates, all to the alarm topic", () => {
    const alarmTopic = ofType('AWS::SNS::Topic').find(([, t]) => t.Properties.TopicName === 'klachten-demo-alarms')![0];
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const expected = [
      'klachten-demo-function-errors',
      'klachten-demo-lambda-throttles',
      'klachten-demo-schedule-dlq-depth',
      'klachten-demo-attachment-events-dlq-depth',
      'klachten-demo-outbox-stream-dlq-depth',
      'klachten-demo-api-5xx',
      'klachten-demo-letters-failed',
      'klachten-demo-outbox-backlog-age',
      'klachten-demo-registrations-per-hour',
      'klachten-demo-ses-bounce-rate',
      'klachten-demo-ses-complaint-rate',
    ];
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(expected.sort());
    // The count docs/deploy.md gives ("Alarms", and its cost estimate): eleven, whatever the number of functions.
    expect(alarms).toHaveLength(11);
    // Every function's log group feeds the errors alarm.
    expect(ofType('AWS::Logs::MetricFilter')).toHaveLength(FUNCTIONS.length);
    // The business metrics the functions write, of this tenant.
    for (const name of ['klachten-demo-letters-failed', 'klachten-demo-outbox-backlog-age', 'klachten-demo-registrations-per-hour']) {
      expect(alarms.find((a) => a.AlarmName === name)).toMatchObject({ Namespace: 'Klachtenregister', Dimensions: [{ Name: 'Tenant', Value: 'demo' }] });
    }
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: alarmTopic }]);
    const dlqAlarm = alarms.find((a) => a.AlarmName === 'klachten-demo-schedule-dlq-depth')!;
    expect(dlqAlarm.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [scheduleDlqId(), 'QueueName'] } }]);
    // Every function's own log group has one filter into the tenant's FunctionErrors; the alarm names every function.
    const filtered = ofType('AWS::Logs::MetricFilter').map(([, f]) => {
      expect(f.Properties.MetricTransformations).toEqual([{ MetricNamespace: 'Klachtenregister/demo', MetricName: 'FunctionErrors', MetricValue: '1' }]);
      return f.Properties.LogGroupName.Ref as string;
    });
    const errors = alarms.find((a) => a.AlarmName === 'klachten-demo-function-errors')!;
    expect(errors).toMatchObject({ Namespace: 'Klachtenregister/demo', MetricName: 'FunctionErrors' });
    for (const definition of FUNCTIONS) {
      const fn = resources[functionLogicalId(`klachten-demo-${definition.id}`)]!;
      expect(filtered, definition.id).toContain(fn.Properties.LoggingConfig.LogGroup.Ref);
      expect(errors.AlarmDescription).toContain(definition.id);
    }
  });

  test('outputs an operator needs, under fixed names (docs/deploy.md reads them by name)', () => {
    const outputs = Object.keys(template.toJSON().Outputs as Json).sort();
    expect(outputs).toEqual([
      'AdminClientId',
      'AlarmTopicArn',
      'ApiUrl',
      'AttachmentsBucketName',
      'ConfigurationSetName',
      'DkimRecord1',
      'DkimRecord2',
      'DkimRecord3',
      'Issuer',
      'MailEventsTopicArn',
      'ScheduleDeadLetterQueueUrl',
      'ScheduleGroupName',
      'SenderIdentity',
      'TableName',
      'UserPoolId',
    ]);
  });

  test('environment-agnostic: no account or region baked in', () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toMatch(/\b\d{12}\b/);
    expect(text).not.toMatch(/(eu|us|ap|ca|sa|me|af)-(west|east|north|south|central|northeast|southeast)-\d/);
  });
});
