/**
 * The tenant's webhook in CDK: a `webhookUrl` stack prop gives every function WEBHOOK_URL (their
 * events queue webhook entries), generates the signing key as a Secrets Manager secret, and lets
 * the outbox drain alone read it (WEBHOOK_SECRET_ARN and GetSecretValue on that secret): no
 * other function, no parameter, no value in the template (infra/constructs/webhook.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { Webhook, WEBHOOK_SECRET_OUTPUT } from '../../infra/constructs/webhook.ts';
import { TenantStack } from '../../infra/tenant-stack.ts';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import { FUNCTIONS } from '../../shared/http/routes.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';
import { withoutCdkValidation } from '../support/cdk-validation.ts';

withoutCdkValidation();

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
const secretsOf = (template: Json) => Object.entries(template.Resources as Json).filter(([, r]) => (r as Json).Type === 'AWS::SecretsManager::Secret') as Array<[string, Json]>;
/** The webhook's secret: the one that is not the search key. */
const webhookSecretId = (template: Json) => secretsOf(template).find(([id]) => id.startsWith('WebhookSecret'))![0];

/** The statements of the policies attached to a function's role. */
function statementsOf(template: Json, fn: Json): Json[] {
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values(template.Resources as Json)
    .filter((r: Json) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: Json) => role.Ref === roleId))
    .flatMap((r: Json) => r.Properties.PolicyDocument.Statement as Json[]);
}

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
  test('the key is a generated Secrets Manager secret: no parameter, no value in the template, its ARN an output', () => {
    const id = webhookSecretId(withWebhook);
    const secret = withWebhook.Resources[id];
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(withWebhook.Parameters?.WebhookSecret).toBeUndefined();
    const noEcho = (template: Json) =>
      Object.entries((template.Parameters ?? {}) as Json)
        .filter(([, p]) => (p as Json).NoEcho)
        .map(([id]) => id);
    expect(noEcho(withWebhook)).toEqual(noEcho(without));
    expect(withWebhook.Outputs[WEBHOOK_SECRET_OUTPUT].Value).toEqual({ Ref: id });
  });

  test("every function gets WEBHOOK_URL; the outbox drain alone gets the secret's ARN; none gets a secret value", () => {
    const id = webhookSecretId(withWebhook);
    expect(functionsOf(withWebhook)).toHaveLength(FUNCTIONS.length);
    for (const fn of functionsOf(withWebhook)) {
      const name = fn.Properties.FunctionName as string;
      const variables = fn.Properties.Environment.Variables as Json;
      expect(variables.WEBHOOK_URL, name).toBe(URL);
      expect(variables.WEBHOOK_SECRET, name).toBeUndefined();
      if (name === 'klachten-demo-outbox-drain') expect(variables.WEBHOOK_SECRET_ARN, name).toEqual({ Ref: id });
      else expect(variables.WEBHOOK_SECRET_ARN, name).toBeUndefined();
    }
  });

  test('only the outbox drain may read the secret: one statement, on that secret alone; nothing else changes', () => {
    const id = webhookSecretId(withWebhook);
    const reads = (fn: Json) => statementsOf(withWebhook, fn).filter((s) => JSON.stringify(s.Resource) === JSON.stringify({ Ref: id }));
    for (const fn of functionsOf(withWebhook)) {
      const name = fn.Properties.FunctionName as string;
      if (name === 'klachten-demo-outbox-drain') {
        expect(
          reads(fn).map((s) => [s.Action, s.Effect]),
          name,
        ).toEqual([[['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], 'Allow']]);
      } else {
        expect(reads(fn), name).toEqual([]);
      }
    }
    // No statement anywhere names it with a wildcard or as part of a wider grant.
    const everywhere = permissions(withWebhook).filter((s) => s.includes(`"Ref":"${id}"`));
    expect(everywhere).toHaveLength(1);
    // Besides that statement, the permissions are those of a stack without a webhook.
    expect(permissions(withWebhook).filter((s) => !s.includes(`"Ref":"${id}"`))).toEqual(permissions(without));
    // Secrets Manager for the search key's own secret and this one, by reference; SSM never.
    for (const statement of permissions(withWebhook).filter((s) => /secretsmanager:|ssm:/.test(s))) {
      expect(statement).toMatch(/^\{"Action":\["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"\],"Effect":"Allow","Resource":\{"Ref":"(SearchKeySecret|WebhookSecret)[0-9A-F]+"\}\}$/);
    }
    // KMS only for the register and the attachments (through S3).
    const kmsStatements = permissions(withWebhook).filter((s) => s.includes('"kms:'));
    expect(kmsStatements.length).toBeGreaterThan(0);
    for (const statement of kmsStatements) {
      expect(statement).toMatch(/"Resource":\{"Fn::GetAtt":\["(RegisterKey|AttachmentsKey)[0-9A-F]+","Arn"\]\}/);
      if (statement.includes('AttachmentsKey')) expect(statement).toContain('"kms:ViaService":{"Fn::Join":["",["s3."');
    }
  });

  test('only the secret differs in resources from a stack without a webhook', () => {
    const types = (template: Json) =>
      Object.values(template.Resources as Json)
        .map((r: Json) => r.Type)
        .sort();
    expect(types(withWebhook)).toEqual([...types(without), 'AWS::SecretsManager::Secret'].sort());
  });
});

describe('TenantStack without webhookUrl', () => {
  test('no webhook secret, no WEBHOOK_ variables, no output', () => {
    expect(
      secretsOf(without)
        .map(([id]) => id)
        .filter((id) => id.startsWith('WebhookSecret')),
    ).toEqual([]);
    expect(without.Outputs?.[WEBHOOK_SECRET_OUTPUT]).toBeUndefined();
    for (const fn of functionsOf(without)) {
      expect(Object.keys(fn.Properties.Environment.Variables).filter((name) => name.startsWith('WEBHOOK_'))).toEqual([]);
    }
  });
});

describe('Webhook construct', () => {
  test('refuses a URL that is not https (plain http to 127.0.0.1 is for the local cloud only)', () => {
    for (const url of ['http://erp.demo.example/hook', 'http://127.0.0.1:8080/hook', 'ftp://erp.demo.example/', 'not a url']) {
      const stack = new Stack(new App(), 'test');
      expect(() => new Webhook(stack, 'Webhook', { tenantId: 'demo', url }), url).toThrow(/must be an https:\/\/ URL/);
    }
  });

  test("bindConfiguration sets the URL alone; grantSigning the secret's ARN and reading that secret", () => {
    const stack = new Stack(new App(), 'test');
    const webhook = new Webhook(stack, 'Webhook', { tenantId: 'demo', url: URL });
    const fn = (id: string) => new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('export const handler = async () => {}') });
    const queuing = fn('Queuing');
    const drain = fn('Drain');
    webhook.bindConfiguration(queuing);
    webhook.bindConfiguration(drain);
    webhook.grantSigning(drain);
    const template = Template.fromStack(stack).toJSON() as Json;
    const secretId = secretsOf(template)[0]![0];
    const variablesOf = (prefix: string) =>
      (Object.entries(template.Resources as Json).find(([id, r]) => id.startsWith(prefix) && (r as Json).Type === 'AWS::Lambda::Function')![1] as Json).Properties.Environment.Variables;
    expect(variablesOf('Queuing')).toEqual({ WEBHOOK_URL: URL });
    expect(variablesOf('Drain')).toEqual({ WEBHOOK_URL: URL, WEBHOOK_SECRET_ARN: { Ref: secretId } });
    const policies = Object.values(template.Resources as Json).filter((r: Json) => r.Type === 'AWS::IAM::Policy') as Json[];
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^DrainServiceRole/) }]);
  });
});
