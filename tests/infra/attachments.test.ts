/**
 * The attachments construct in the demo tenant's stack (no bundling): a private bucket (KMS, TLS
 * only, public access blocked, no versioning, lifecycle, access logs), GuardDuty Malware
 * Protection with its role, the two EventBridge rules to the check, and the grants: each function
 * only what FUNCTION_PERMISSIONS gives it, inside attachments/*, downloads only of clean objects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { Attachments } from '../../infra/constructs/attachments.ts';
import { TENANT_KEY_LOGICAL_ID } from '../../infra/constructs/tenant-key.ts';
import { FUNCTION_PERMISSIONS, TenantStack } from '../../infra/tenant-stack.ts';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';

type Json = Record<string, any>;
let template: Template;
let resources: Record<string, Json>;

beforeAll(async () => {
  const context = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const regulation = await loadRegulationFile(join(PROJECT_ROOT, 'tenants/demo.yaml'));
  template = Template.fromStack(new TenantStack(app, 'klachten-demo', { regulations: singleVersion(regulation) }));
  resources = template.toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const bucketId = () => ofType('AWS::S3::Bucket').find(([, r]) => r.Properties.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms')![0];

function statementsOf(functionName: string): Json[] {
  const fn = ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.FunctionName === functionName)!;
  const roleId = fn[1].Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
}
const s3Actions = (statements: Json[]) =>
  statements
    .flatMap((s) => [s.Action].flat())
    .filter((a: string) => a.startsWith('s3:'))
    .sort();

describe('the attachments bucket', () => {
  test("private: KMS with the tenant's one rotated, retained key and bucket keys, public access blocked, owner-enforced, no versioning, access logs, retained", () => {
    const [id, bucket] = [bucketId(), resources[bucketId()]!];
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [TENANT_KEY_LOGICAL_ID, 'Arn'] } } }],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: expect.anything(), LogFilePrefix: 'attachments-bucket/' },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.CorsConfiguration).toBeUndefined();
    // No key of its own: the stack's one key (the register's and the topics' too).
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true, Description: Match.stringLikeRegexp('files') } });
    expect(id).toMatch(/^AttachmentsBucket/);
  });

  test('its policy: TLS 1.2 or newer only', () => {
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId())![1];
    const statements = policy.Properties.PolicyDocument.Statement as Json[];
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    );
  });

  test('lifecycle: incomplete uploads after a day, an object tagged infected after a day', () => {
    const rules = resources[bucketId()]!.Properties.LifecycleConfiguration.Rules as Json[];
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
        expect.objectContaining({ ExpirationInDays: 1, Prefix: 'attachments/', TagFilters: [{ Key: 'GuardDutyMalwareScanStatus', Value: 'THREATS_FOUND' }] }),
      ]),
    );
  });
});

describe('malware scanning and the check', () => {
  test("a GuardDuty Malware Protection plan on the attachments/ prefix, tagging on, with a role GuardDuty's plans assume", () => {
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: { Ref: bucketId() }, ObjectPrefixes: ['attachments/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    const role = ofType('AWS::IAM::Role').find(([, r]) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('malware-protection-plan.guardduty.amazonaws.com'))!;
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: Json) => r.Ref === role[0]))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: expect.arrayContaining(['events:PutRule']), Condition: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } } }),
        expect.objectContaining({ Action: expect.arrayContaining(['s3:GetObject', 's3:PutObjectTagging']) }),
      ]),
    );
    // GuardDuty decrypts (and re-encrypts the tags of) the files with the bucket's key, through S3 only: the key the bucket uses, not another.
    const keyStatements = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
    expect(keyStatements).toEqual([
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: resources[bucketId()]!.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID,
        Condition: { StringLike: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
      },
    ]);
  });

  test('uploads under attachments/ and the scan results of this bucket go to the check, with retries and a dead-letter queue', () => {
    const check = ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.FunctionName === 'klachten-demo-attachment-check')![0];
    const rules = ofType('AWS::Events::Rule')
      .map(([, r]) => r.Properties)
      .filter((r) => r.EventPattern);
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          EventPattern: { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: [{ Ref: bucketId() }] }, object: { key: [{ prefix: 'attachments/' }] } } },
        }),
        expect.objectContaining({
          EventPattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Malware Protection Object Scan Result'], detail: { s3ObjectDetails: { bucketName: [{ Ref: bucketId() }] } } },
        }),
      ]),
    );
    for (const rule of rules.filter((r) => JSON.stringify(r.EventPattern).includes(bucketId()))) {
      expect(rule.Targets).toEqual([
        expect.objectContaining({ Arn: { 'Fn::GetAtt': [check, 'Arn'] }, RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 185 }, DeadLetterConfig: expect.anything() }),
      ]);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('upload or a scan result could not be checked') });
  });
});

describe('grants: the env var and the narrow permission together', () => {
  test('each function reaches the bucket only as FUNCTION_PERMISSIONS says', () => {
    expect(s3Actions(statementsOf('klachten-demo-complaint-status'))).toEqual(['s3:PutObject']);
    expect(s3Actions(statementsOf('klachten-demo-admin-attachments'))).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(s3Actions(statementsOf('klachten-demo-attachment-check'))).toEqual(['s3:DeleteObject', 's3:GetObject']);
    expect(s3Actions(statementsOf('klachten-demo-outbox-drain'))).toEqual(['s3:DeleteObject', 's3:ListBucket']);
    for (const fn of ['admin-api', 'admin-privacy', 'deadline-sweeper', 'web-pages', 'submit-complaint', 'admin-lists']) expect(s3Actions(statementsOf(`klachten-demo-${fn}`)), fn).toEqual([]);
    expect(FUNCTION_PERMISSIONS['web-pages']).toContain('files-origin');
  });

  test('a download link opens only an object GuardDuty tagged clean; the key only through S3', () => {
    const statements = statementsOf('klachten-demo-admin-attachments');
    expect(statements.find((s) => s.Action === 's3:GetObject')).toMatchObject({ Condition: { StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND' } } });
    for (const s of statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')))) {
      expect(JSON.stringify(s.Condition)).toMatch(/kms:ViaService/);
    }
    const listing = statementsOf('klachten-demo-outbox-drain').find((s) => s.Action === 's3:ListBucket');
    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': ['attachments/*'] } });
  });

  test('ATTACHMENTS_BUCKET on exactly the functions with a files capability', () => {
    const withBucket = ofType('AWS::Lambda::Function')
      .filter(([, r]) => r.Properties.Environment?.Variables?.ATTACHMENTS_BUCKET)
      .map(([, r]) => String(r.Properties.FunctionName).replace('klachten-demo-', ''))
      .sort();
    expect(withBucket).toEqual(
      Object.entries(FUNCTION_PERMISSIONS)
        .filter(([, c]) => c.some((x) => x.startsWith('files-')))
        .map(([id]) => id)
        .sort(),
    );
  });
});

describe('props', () => {
  test('maxEventAge outside a minute to a day is refused; scanning can be left to another scanner', () => {
    const context = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
    const stack = new Stack(new App({ context }), 'props');
    const fn = new lambda.Function(stack, 'Check', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>{}') });
    const encryptionKey = new kms.Key(stack, 'Key');
    expect(() => new Attachments(stack, 'TooSoon', { tenantId: 't', checkFunction: fn, encryptionKey, maxEventAge: { toSeconds: () => 10 } as never })).toThrow(/maxEventAge/);
    const without = new Attachments(stack, 'NoScan', { tenantId: 't', checkFunction: fn, encryptionKey, malwareScanning: false });
    expect(without.malwareProtectionPlan).toBeUndefined();
    expect(Template.fromStack(stack).findResources('AWS::GuardDuty::MalwareProtectionPlan')).toEqual({});
  });
});
