/**
 * Issue 19, item 5: every KMS key of a tenant's stack that lets an AWS service use it (SES
 * publishing mail events, CloudWatch publishing alarms) lets it do so only for this account
 * (`aws:SourceAccount`), so no other account's configuration set or alarm can use the key
 * (confused deputy). Checked over every key policy of the synthesised stack, so a key added later
 * with a service statement and no condition fails here. No bundling.
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

beforeAll(async () => {
  const context = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const regulation = await loadRegulationFile(join(PROJECT_ROOT, 'tenants/demo.yaml'));
  const template = Template.fromStack(new TenantStack(app, 'klachten-demo', { regulations: singleVersion(regulation) }));
  keys = Object.entries(template.findResources('AWS::KMS::Key'));
});

const services = (statement: Json): string[] => [statement.Principal?.Service ?? []].flat();

describe('KMS key policies: a service only for this account', () => {
  test('every statement for a service principal has aws:SourceAccount = this account', () => {
    const serviceStatements = keys.flatMap(([id, key]) => (key.Properties.KeyPolicy.Statement as Json[]).filter((s) => services(s).length).map((s) => [id, s] as const));
    // SES (mail events) and CloudWatch (alarms) at least.
    expect(serviceStatements.flatMap(([, s]) => services(s)).sort()).toEqual(expect.arrayContaining(['cloudwatch.amazonaws.com', 'ses.amazonaws.com']));
    for (const [id, statement] of serviceStatements) {
      expect(statement.Condition?.StringEquals?.['aws:SourceAccount'], `${id}: ${services(statement).join(', ')}`).toEqual({ Ref: 'AWS::AccountId' });
    }
  });
});
