/**
 * The rehearsal's pieces that need no local cloud: the template resolver (intrinsics to the fake
 * account's ARNs), the SDK call -> IAM request mapping, the simulation with its explanation of a
 * denial, and the EventBridge pattern matching of invocations.
 */
import { describe, expect, test } from 'vitest';
import { iamRequestsFor, PolicyChecker, UnmappedCallError, type SdkCall } from '../../local/rehearsal/iam-check.ts';
import { matches } from '../../local/rehearsal/invocations.ts';
import { TemplateError, TemplateResolver, type CfnTemplate, type JsonObject } from '../../local/rehearsal/template.ts';
import type { RehearsalWiring, WiredFunction, WiredRole } from '../../local/rehearsal/wiring.ts';

const ACCOUNT = '000000000000';
const REGION = 'eu-west-1';
const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/klachten-demo`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1111`;
const SCHEDULER_ROLE = `arn:aws:iam::${ACCOUNT}:role/scheduler-role`;
const keyPolicy: JsonObject = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };

const template: CfnTemplate = {
  Resources: {
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'klachten-demo' } },
    Bucket: { Type: 'AWS::S3::Bucket' },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'klachten-demo-outbox-drain' } },
  },
};

function roleWith(statements: JsonObject[]): WiredRole {
  return {
    logicalId: 'DrainRole',
    name: 'drain-role',
    arn: `arn:aws:iam::${ACCOUNT}:role/drain-role`,
    trustPolicy: {},
    policies: [{ source: 'DrainPolicy', document: { Version: '2012-10-17', Statement: statements } }],
    externalManagedPolicies: [],
  };
}

function wiringWith(role: WiredRole): { wiring: RehearsalWiring; fn: WiredFunction } {
  const fn = { id: 'outbox-drain', name: 'klachten-demo-outbox-drain', role } as unknown as WiredFunction;
  const wiring = {
    tenantId: 'demo',
    stackName: 'klachten-demo',
    account: ACCOUNT,
    region: REGION,
    resolver: new TemplateResolver(template, { account: ACCOUNT, region: REGION, stackName: 'klachten-demo' }),
    functions: new Map([['outbox-drain', fn]]),
    roles: new Map([[SCHEDULER_ROLE, { ...role, arn: SCHEDULER_ROLE }]]),
    tables: [{ logicalId: 'Table', name: 'klachten-demo', arn: TABLE, kmsKeyArn: KEY, createInput: { TableName: 'klachten-demo' } }],
    buckets: [{ logicalId: 'Bucket', name: 'files', arn: 'arn:aws:s3:::files', kmsKeyArn: KEY }],
    keyPolicies: new Map([[KEY, keyPolicy]]),
    secrets: [],
    scheduleGroups: [{ name: 'klachten-demo', arn: `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/klachten-demo` }],
    sesIdentities: ['demo.example'],
    sesConfigurationSets: ['klachten-demo'],
  } as unknown as RehearsalWiring;
  return { wiring, fn };
}

const call = (service: string, command: string, input: Record<string, unknown>): SdkCall => ({ service, command, input });

describe('the template resolver', () => {
  const resolver = new TemplateResolver(template, { account: ACCOUNT, region: REGION, stackName: 'klachten-demo' });

  test("Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select and Fn::Split resolve to the fake account's ids", () => {
    expect(resolver.resolve({ 'Fn::GetAtt': ['Table', 'Arn'] }, 'x')).toBe(TABLE);
    expect(resolver.resolve({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Table', 'Arn'] }, '/index/gsi1']] }, 'x')).toBe(`${TABLE}/index/gsi1`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${} placeholders, resolved by the code under test
    expect(resolver.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/${Table}/*' }, 'x')).toBe(
      `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/klachten-demo/*`,
    );
    expect(resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] }, 'x')).toBe('b');
    expect(resolver.resolve({ Ref: 'Fn' }, 'x')).toBe('klachten-demo-outbox-drain');
    // An unnamed bucket gets a stable, valid name; its ARN says which resource it is.
    const bucket = resolver.resolveString({ Ref: 'Bucket' }, 'x');
    expect(bucket).toMatch(/^klachten-demo-bucket-[0-9a-f]{8}$/);
    expect(resolver.describe(`arn:aws:s3:::${bucket}`)).toBe('Fn::GetAtt Bucket.Arn');
  });

  test('what it cannot resolve is an error naming where', () => {
    expect(() => resolver.resolve({ 'Fn::GetAtt': ['Table', 'Nonsense'] }, 'Fn environment X')).toThrow(TemplateError);
    expect(() => resolver.resolve({ 'Fn::GetAtt': ['Table', 'Nonsense'] }, 'Fn environment X')).toThrow(/Fn environment X: .*Nonsense/);
    expect(() => resolver.resolve({ 'Fn::ImportValue': 'shared-table' }, 'here')).toThrow(/here: Fn::ImportValue/);
    expect(() => resolver.resolve({ Ref: 'Missing' }, 'here')).toThrow(/unknown resource or parameter Missing/);
  });
});

describe('SDK calls to IAM requests', () => {
  const { wiring, fn } = wiringWith(roleWith([]));
  const requests = (c: SdkCall) => iamRequestsFor(c, fn, wiring);

  test('a transaction is one request per item (no action of its own), and the table key through DynamoDB', async () => {
    const found = await requests(
      call('DynamoDB', 'TransactWriteItemsCommand', {
        TransactItems: [{ Put: { TableName: 'klachten-demo' } }, { Update: { TableName: 'klachten-demo' } }, { ConditionCheck: { TableName: 'klachten-demo' } }],
      }),
    );
    expect(found.map((r) => [r.action, r.resource])).toEqual([
      ['dynamodb:PutItem', TABLE],
      ['dynamodb:UpdateItem', TABLE],
      ['dynamodb:ConditionCheckItem', TABLE],
      ['kms:Decrypt', KEY],
    ]);
    expect(found[3]!.context['kms:ViaService']).toBe(`dynamodb.${REGION}.amazonaws.com`);
    expect(found[3]!.resourcePolicy?.document).toEqual(keyPolicy);
  });

  test('a query on an index names the index', async () => {
    const [query] = await requests(call('DynamoDB', 'QueryCommand', { TableName: 'klachten-demo', IndexName: 'gsi5' }));
    expect(query).toMatchObject({ action: 'dynamodb:Query', resource: `${TABLE}/index/gsi5` });
  });

  test('a schedule is the schedule ARN in its group plus iam:PassRole of its role, to Scheduler', async () => {
    const found = await requests(call('Scheduler', 'CreateScheduleCommand', { Name: 'KL-2026-000001.handling.check', GroupName: 'klachten-demo', Target: { Arn: 'x', RoleArn: SCHEDULER_ROLE } }));
    expect(found.map((r) => [r.action, r.resource])).toEqual([
      ['scheduler:CreateSchedule', `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/klachten-demo/KL-2026-000001.handling.check`],
      ['iam:PassRole', SCHEDULER_ROLE],
    ]);
    expect(found[1]!.context['iam:PassedToService']).toBe('scheduler.amazonaws.com');
  });

  test("a letter is authorised on the sender's domain identity and on the configuration set", async () => {
    const found = await requests(call('SES', 'SendEmailCommand', { Source: 'Voorbeeld <klachten@demo.example>', ConfigurationSetName: 'klachten-demo' }));
    expect(found.map((r) => r.resource)).toEqual([`arn:aws:ses:${REGION}:${ACCOUNT}:identity/demo.example`, `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/klachten-demo`]);
    expect(found.every((r) => !r.notInStack)).toBe(true);
    const stranger = await requests(call('SES', 'SendEmailCommand', { Source: 'x@elsewhere.example' }));
    expect(stranger[0]!.notInStack).toMatch(/no SES identity of the stack/);
  });

  test("S3: a presigned POST is s3:PutObject with the bucket key's GenerateDataKey; a batch delete is per key; a listing carries its prefix", async () => {
    const put = await iamRequestsFor({ ...call('S3', 'PutObjectCommand', { Bucket: 'files', Key: 'attachments/KL/1' }), presigned: 'post' }, fn, wiring);
    expect(put.map((r) => [r.action, r.resource])).toEqual([
      ['s3:PutObject', 'arn:aws:s3:::files/attachments/KL/1'],
      ['kms:GenerateDataKey', KEY],
    ]);
    const deletes = await requests(call('S3', 'DeleteObjectsCommand', { Bucket: 'files', Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }] } }));
    expect(deletes.map((r) => r.action)).toEqual(['s3:DeleteObject', 's3:DeleteObject']);
    const [list] = await requests(call('S3', 'ListObjectsV2Command', { Bucket: 'files', Prefix: 'attachments/KL/' }));
    expect(list).toMatchObject({ action: 's3:ListBucket', resource: 'arn:aws:s3:::files', context: expect.objectContaining({ 's3:prefix': 'attachments/KL/' }) });
  });

  test('a call it has no mapping for is refused, not waved through', async () => {
    await expect(requests(call('DynamoDB', 'DeleteTableCommand', { TableName: 'klachten-demo' }))).rejects.toThrow(UnmappedCallError);
    const checker = new PolicyChecker(wiring);
    const checked = await checker.check('outbox-drain', call('SNS', 'PublishCommand', {}));
    expect(checked.allowed).toBe(false);
    expect(checked.requests[0]!.explanation).toMatch(/does not know which IAM action SNS PublishCommand needs/);
  });
});

describe("the simulation against the role's policies", () => {
  const schedules = `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/klachten-demo/*`;
  const create = call('Scheduler', 'CreateScheduleCommand', { Name: 'KL-1.handling.check', GroupName: 'klachten-demo', Target: { Arn: 'x', RoleArn: SCHEDULER_ROLE } });
  const passRole = { Effect: 'Allow', Action: 'iam:PassRole', Resource: SCHEDULER_ROLE, Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } } };

  test('with the grant, allowed', async () => {
    const { wiring } = wiringWith(roleWith([{ Effect: 'Allow', Action: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'], Resource: schedules }, passRole]));
    const checked = await new PolicyChecker(wiring).check('outbox-drain', create);
    expect(checked.requests.map((r) => [r.action, r.allowed])).toEqual([
      ['scheduler:CreateSchedule', true],
      ['iam:PassRole', true],
    ]);
  });

  test('without it, denied: the nearest statement and the one that is missing', async () => {
    const { wiring } = wiringWith(roleWith([{ Effect: 'Allow', Action: ['scheduler:DeleteSchedule', 'scheduler:GetSchedule'], Resource: schedules }, passRole]));
    const checked = await new PolicyChecker(wiring).check('outbox-drain', create);
    expect(checked.allowed).toBe(false);
    const denied = checked.requests.find((r) => !r.allowed)!;
    expect(denied.action).toBe('scheduler:CreateSchedule');
    expect(denied.explanation).toContain('no statement in the policies of role DrainRole (DrainPolicy) allows scheduler:CreateSchedule');
    expect(denied.explanation).toContain('nearest: DrainPolicy statement 1 covers the resource but not the action');
    expect(denied.explanation).toContain(
      `missing: {"Effect":"Allow","Action":"scheduler:CreateSchedule","Resource":"arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/klachten-demo/KL-1.handling.check"}`,
    );
  });

  test("PassRole without the condition's service, and KMS without kms:ViaService, are denied", async () => {
    const { wiring } = wiringWith(
      roleWith([
        { Effect: 'Allow', Action: 'scheduler:CreateSchedule', Resource: schedules },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: SCHEDULER_ROLE, Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
        { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY, Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } } },
      ]),
    );
    const checker = new PolicyChecker(wiring);
    const pass = (await checker.check('outbox-drain', create)).requests.find((r) => r.action === 'iam:PassRole')!;
    expect(pass.allowed).toBe(false);
    expect(pass.explanation).toMatch(/its condition fails \(iam:PassedToService\)/);
    const read = await checker.check('outbox-drain', call('DynamoDB', 'GetItemCommand', { TableName: 'klachten-demo' }));
    expect(read.requests.map((r) => [r.action, r.allowed])).toEqual([
      ['dynamodb:GetItem', true],
      ['kms:Decrypt', false],
    ]);
    expect(read.requests[1]!.explanation).toContain('asked because DynamoDB decrypts the table key');
  });

  test('an explicit deny in a resource policy wins over the role', async () => {
    const { wiring } = wiringWith(
      roleWith([
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::files/*' },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY },
      ]),
    );
    (wiring.buckets[0] as { policy?: JsonObject }).policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: 'arn:aws:s3:::files/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
    };
    const checked = await new PolicyChecker(wiring).check('outbox-drain', call('S3', 'GetObjectCommand', { Bucket: 'files', Key: 'attachments/x' }));
    const denied = checked.requests.find((r) => r.action === 's3:GetObject')!;
    expect(denied.allowed).toBe(false);
    expect(denied.explanation).toMatch(/explicitly denied by Bucket bucket policy/);
  });
});

describe('which rule delivers an event', () => {
  const pattern = { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['files'] }, object: { key: [{ prefix: 'attachments/' }] } } };
  const event = (bucket: string, key: string) => ({ source: 'aws.s3', 'detail-type': 'Object Created', detail: { bucket: { name: bucket }, object: { key } } });

  test('values, prefixes and nested fields', () => {
    expect(matches(pattern, event('files', 'attachments/KL/1'))).toBe(true);
    expect(matches(pattern, event('files', 'elsewhere/1'))).toBe(false);
    expect(matches(pattern, event('other', 'attachments/KL/1'))).toBe(false);
    expect(matches(pattern, { source: 'aws.s3' })).toBe(false);
  });
});
