/**
 * The tenant's webhook in CDK: a `webhookUrl` stack prop gives every function WEBHOOK_URL and
 * WEBHOOK_SECRET from the NoEcho parameter WebhookSecret (no Secrets Manager or SSM client is
 * installed; see infra/constructs/webhook.ts), and adds no permission at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { Webhook, WEBHOOK_SECRET_PARAMETER } from '../../infra/constructs/webhook.ts';
import { TenantStack } from '../../infra/tenant-stack.ts';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import { FUNCTIONS } from '../../shared/http/routes.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';

// CDK's built-in CloudFormation template validation costs seconds per synth and is not what these
// construct tests are about; tests/infra/nag.test.ts and tenant-stack.test.ts run it, as `cdk synth` does.
const cdkValidation = process.env.CDK_VALIDATION;
process.env.CDK_VALIDATION = 'false';
afterAll(() => {
  if (cdkValidation === undefined) delete process.env.CDK_VALIDATION;
  else process.env.CDK_VALIDATION = cdkValidation;
});

type Json = Record<string, any>;
const URL = 'https://erp.demo.example/klachten/events';

let regulation: Regulation;
let context: Record<string, unknown>;
let withWebhook: Json;
let without: Json;

/** No bundling: this is about wiring; tests/infra/tenant-stack.test.ts bundles (and its budget covers the publisher). */
function synth(props: { webhookUrl?: string } = {}): Json {
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new TenantStack(app, 'klachten-demo', { regulations: singleVersion(regulation), ...props })).toJSON();
}

const functionsOf = (template: Json) => Object.values(template.Resources as Json).filter((r: Json) => r.Type === 'AWS::Lambda::Function') as Json[];

/** Every IAM statement, without the resource ids that differ between two synths. */
function permissions(template: Json): string[] {
  return Object.values(template.Resources as Json)
    .filter((r: Json) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::Role')
    .flatMap((r: Json) => [...(r.Properties.PolicyDocument?.Statement ?? []), ...(r.Properties.AssumeRolePolicyDocument?.Statement ?? [])])
    .map((s: Json) => JSON.stringify(s))
    .sort();
}

beforeAll(async () => {
  regulation = await loadRegulationFile(join(PROJECT_ROOT, 'tenants/demo.yaml'));
  context = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
  withWebhook = synth({ webhookUrl: URL });
  without = synth();
});

describe('TenantStack with webhookUrl', () => {
  test('the secret is a NoEcho parameter of at least 32 characters, named WebhookSecret', () => {
    expect(withWebhook.Parameters[WEBHOOK_SECRET_PARAMETER]).toMatchObject({ Type: 'String', NoEcho: true, MinLength: 32 });
    expect(withWebhook.Parameters[WEBHOOK_SECRET_PARAMETER].Default).toBeUndefined();
  });

  test('every function gets WEBHOOK_URL and the secret by reference (never a value in the template)', () => {
    expect(functionsOf(withWebhook)).toHaveLength(FUNCTIONS.length);
    for (const fn of functionsOf(withWebhook)) {
      const variables = fn.Properties.Environment.Variables as Json;
      expect(variables.WEBHOOK_URL, fn.Properties.FunctionName).toBe(URL);
      expect(variables.WEBHOOK_SECRET, fn.Properties.FunctionName).toEqual({ Ref: WEBHOOK_SECRET_PARAMETER });
    }
  });

  test('no permission is added: the drain only makes an HTTPS call; no Secrets Manager or SSM access but the search key\'s own secret, KMS only for the register and the attachments (through S3)', () => {
    expect(permissions(withWebhook)).toEqual(permissions(without));
    // The search key (docs/search.md) is the one secret a function reads, by its own reference.
    const secrets = permissions(withWebhook).filter((s) => /secretsmanager:|ssm:/.test(s));
    for (const statement of secrets) expect(statement).toMatch(/^\{"Action":\["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"\],"Effect":"Allow","Resource":\{"Ref":"SearchKeySecret[0-9A-F]+"\}\}$/);
    expect(JSON.stringify(permissions(withWebhook).filter((s) => !secrets.includes(s)))).not.toMatch(/secretsmanager:|ssm:/);
    // The register's key, through DynamoDB (grantDataAccess), and the stream's records (the drain);
    // the attachments' key only through S3 (signing uploads and downloads, the check).
    const kmsStatements = permissions(withWebhook).filter((s) => s.includes('"kms:'));
    expect(kmsStatements.length).toBeGreaterThan(0);
    for (const statement of kmsStatements) {
      expect(statement).toMatch(/"Resource":\{"Fn::GetAtt":\["(RegisterKey|AttachmentsKey)[0-9A-F]+","Arn"\]\}/);
      if (statement.includes('AttachmentsKey')) expect(statement).toContain('"kms:ViaService":{"Fn::Join":["",["s3."');
    }
  });

  test('only the parameter and the variables differ from a stack without a webhook', () => {
    const types = (template: Json) => Object.values(template.Resources as Json).map((r: Json) => r.Type).sort();
    expect(types(withWebhook)).toEqual(types(without));
  });
});

describe('TenantStack without webhookUrl', () => {
  test('no parameter, no WEBHOOK_ variables', () => {
    expect(without.Parameters?.[WEBHOOK_SECRET_PARAMETER]).toBeUndefined();
    for (const fn of functionsOf(without)) {
      expect(Object.keys(fn.Properties.Environment.Variables).filter((name) => name.startsWith('WEBHOOK_'))).toEqual([]);
    }
  });
});

describe('Webhook construct', () => {
  test('refuses a URL that is not https (plain http to 127.0.0.1 is for the local cloud only)', () => {
    for (const url of ['http://erp.demo.example/hook', 'http://127.0.0.1:8080/hook', 'ftp://erp.demo.example/', 'not a url']) {
      const stack = new Stack(new App(), 'test');
      expect(() => new Webhook(stack, 'Webhook', { url }), url).toThrow(/must be an https:\/\/ URL/);
    }
  });

  test('binds both variables to a function', () => {
    const stack = new Stack(new App(), 'test');
    const webhook = new Webhook(stack, 'Webhook', { url: URL });
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('export const handler = async () => {}') });
    webhook.bindConfiguration(fn);
    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as Json[];
    expect(resource!.Properties.Environment.Variables).toEqual({ WEBHOOK_URL: URL, WEBHOOK_SECRET: { Ref: WEBHOOK_SECRET_PARAMETER } });
  });
});
