/**
 * Issue 19, item 5, and issue 21, item 5: a tenant's stack has ONE customer-managed KMS key
 * (TenantKey, $1.00 a month) for the register, the files and the notification topics, and its
 * policy keeps those uses apart:
 * - every statement for an AWS service (CloudWatch publishing alarms, SES publishing mail events)
 *   holds only for this account (`aws:SourceAccount`: no other account's alarm or configuration
 *   set can use the key, confused deputy) and only for the messages of that service's own topic
 *   (`kms:EncryptionContext:aws:sns:topicArn`): the services cannot decrypt a table item or a file;
 * - no other service principal, and nothing for another account;
 * - the table, the files' bucket and every topic are encrypted with it.
 * Checked over the synthesised stack, so a construct that makes a key of its own again, or a
 * service statement without its conditions, fails here. No bundling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { TenantStack } from '../../infra/tenant-stack.ts';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';

type Json = Record<string, any>;
let keys: Array<[string, Json]>;
let template: Template;

beforeAll(async () => {
  const context = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const regulation = await loadRegulationFile(join(PROJECT_ROOT, 'tenants/demo.yaml'));
  template = Template.fromStack(new TenantStack(app, 'klachten-demo', { regulations: singleVersion(regulation) }));
  keys = Object.entries(template.findResources('AWS::KMS::Key'));
});

const services = (statement: Json): string[] => [statement.Principal?.Service ?? []].flat();

const topicArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${name}`]] });

describe('KMS: one key per tenant', () => {
  test("exactly one customer-managed key, rotated and retained, and the table, the files' bucket and every topic use it", () => {
    expect(keys).toHaveLength(1);
    const [keyId, key] = keys[0]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    const keyArn = { 'Fn::GetAtt': [keyId, 'Arn'] };
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table')) as Json[];
    expect(tables.map((t) => t.Properties.SSESpecification.KMSMasterKeyId)).toEqual([keyArn]);
    const kmsBuckets = (Object.values(template.findResources('AWS::S3::Bucket')) as Json[])
      .map((b) => b.Properties.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault)
      .filter((e) => e?.SSEAlgorithm === 'aws:kms');
    expect(kmsBuckets.map((e) => e.KMSMasterKeyID)).toEqual([keyArn]);
    const topics = Object.values(template.findResources('AWS::SNS::Topic')) as Json[];
    expect(topics.map((t) => t.Properties.TopicName).sort()).toEqual(['klachten-demo-alarms', 'klachten-demo-mail-events']);
    for (const topic of topics) expect(topic.Properties.KmsMasterKeyId, topic.Properties.TopicName).toEqual(keyArn);
  });
});

describe('KMS key policies: a service only for this account and its own topic', () => {
  const statements = () => keys.flatMap(([, key]) => key.Properties.KeyPolicy.Statement as Json[]);
  const serviceStatements = () => statements().filter((s) => services(s).length);

  test('CloudWatch for the alarm topic and SES for the mail-events topic, and no other service', () => {
    expect(serviceStatements().map((s) => [services(s), s.Condition?.StringEquals?.['kms:EncryptionContext:aws:sns:topicArn']])).toEqual([
      [['cloudwatch.amazonaws.com'], topicArn('klachten-demo-alarms')],
      [['ses.amazonaws.com'], topicArn('klachten-demo-mail-events')],
    ]);
  });

  test("every statement for a service principal: aws:SourceAccount = this account, the topic's encryption context, data keys only", () => {
    for (const statement of serviceStatements()) {
      const who = services(statement).join(', ');
      expect(statement.Condition?.StringEquals?.['aws:SourceAccount'], who).toEqual({ Ref: 'AWS::AccountId' });
      expect(statement.Condition?.StringEquals?.['kms:EncryptionContext:aws:sns:topicArn'], who).toBeDefined();
      expect(statement.Action, who).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    }
  });

  test('no principal of another account: besides the services, only this account itself', () => {
    for (const statement of statements().filter((s) => !services(s).length)) {
      expect(statement.Principal, JSON.stringify(statement)).toEqual({ AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } });
    }
  });
});
