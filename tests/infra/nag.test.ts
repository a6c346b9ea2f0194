/**
 * cdk-nag's AwsSolutions checks over every tenant in tenants/*.yaml, as `npx cdk synth` runs them
 * (infra/app.ts): zero findings left, and every acknowledged finding is one of the few known
 * ones, on its own resource, with a written reason. Also: an unacknowledged finding does fail
 * the synth, and the acknowledgements still match when the stack has a fixed account and region.
 * Bundling is skipped (tests/infra/tenant-stack.test.ts bundles).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { acknowledgeFinding, acknowledgementsUnder, applyNagChecks, REASON_MIN_LENGTH } from '../../infra/nag.ts';
import { FUNCTION_PERMISSIONS, readTenantFiles, stackNameFor, type TenantFile, TenantStack } from '../../infra/tenant-stack.ts';
import { FUNCTIONS, ROUTES, routeKey } from '../../shared/http/routes.ts';

type Json = Record<string, any>;

interface Outcome {
  app: App;
  error: unknown;
  /** Every violation left in the validation report, of any plugin, errors and warnings alike. */
  violations: string[];
}

let tenants: TenantFile[];
let all: Outcome;

function cdkContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
}

/** Synthesises `build`'s stacks with the checks on, as infra/app.ts does; never throws. */
function synthWithChecks(build: (app: App) => void): Outcome {
  const app = new App({ context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
  build(app);
  applyNagChecks(app);
  let error: unknown;
  try {
    app.synth();
  } catch (caught) {
    error = caught;
  }
  const reportFile = join(app.outdir, 'validation-report.json');
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as Json) : { pluginReports: [] };
  const violations = (report.pluginReports as Json[]).flatMap((plugin) =>
    (plugin.violations as Json[]).flatMap((violation) =>
      (violation.violatingConstructs as Json[]).map((c) => `${plugin.pluginName} ${violation.severity} ${violation.ruleName} at ${c.constructPath}`),
    ),
  );
  return { app, error, violations };
}

beforeAll(async () => {
  tenants = await readTenantFiles({ dir: join(PROJECT_ROOT, 'tenants') });
  all = synthWithChecks((app) => {
    for (const tenant of tenants) new TenantStack(app, stackNameFor(tenant.tenantId), { regulations: tenant.regulations });
  });
});

describe('cdk-nag over every tenant', () => {
  test('every tenant file is synthesised: one stack per organisation (Occure one, with both versions)', () => {
    expect(tenants.length).toBeGreaterThanOrEqual(5);
    expect(tenants.find((t) => t.tenantId === 'occure')?.regulations.versions.map((r) => r.version)).toEqual(['2019-01-01', '2025-01-01']);
    expect(tenants.some((t) => t.tenantId === 'occure-2019')).toBe(false);
    expect(
      all.app.node.children
        .filter((c) => c instanceof TenantStack)
        .map((s) => s.node.id)
        .sort(),
    ).toEqual(tenants.map((t) => stackNameFor(t.tenantId)).sort());
  });

  test('the synth passes: no finding left, no error and no warning of any validation plugin', () => {
    expect(all.violations).toEqual([]);
    expect(all.error).toBeUndefined();
  });

  test('every acknowledgement is on one resource (never a stack or the app) and gives a reason', () => {
    const acknowledged = acknowledgementsUnder(all.app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledged) {
      expect(path.split('/').length, `${id} at ${path}`).toBeGreaterThan(2);
      expect(reason.trim().length, `${id} at ${path}`).toBeGreaterThanOrEqual(REASON_MIN_LENGTH);
      // Granular: IAM5 names the one resource it allows, never the rule as a whole.
      if (id.startsWith('AwsSolutions-IAM5')) expect(id).toMatch(/^AwsSolutions-IAM5\[Resource::.+\]$/);
    }
  });

  test("exactly the known acknowledgements per tenant: public routes, the schedule DLQ, the search key's rotation, ListStreams, the outbox stream's failure queue, the own schedule group, the attachments' prefix, log bucket and event DLQ", () => {
    for (const tenant of tenants) {
      const stackName = stackNameFor(tenant.tenantId);
      const stack = all.app.node.findChild(stackName);
      const found = acknowledgementsUnder(stack)
        .map(({ path, id }) => `${path.slice(stackName.length + 1)} ${id}`)
        .sort();
      const schedulers = FUNCTIONS.filter((f) => FUNCTION_PERMISSIONS[f.id].includes('scheduling'));
      // Functions whose grants reach objects in the attachments bucket (every one inside attachments/*).
      const fileUsers = FUNCTIONS.filter((f) => FUNCTION_PERMISSIONS[f.id].some((c) => ['files-upload', 'files-download', 'files-check', 'files-erase'].includes(c)));
      const bucketObjects = /<AttachmentsBucket[0-9A-F]+\.Arn>\/attachments\/\*/;
      const expected = [
        ...ROUTES.filter((r) => r.access !== 'admin').map(
          (r) =>
            `Api/${routeKey(r)
              .replace(/[^A-Za-z0-9]+/g, '-')
              .replace(/-+$/, '')} AwsSolutions-APIG4`,
        ),
        'Deadlines/DeadLetterQueue AwsSolutions-SQS3',
        'SearchKey/Secret AwsSolutions-SMG4',
        'Functions/outbox-drain-role AwsSolutions-IAM5[Resource::*]',
        'Outbox/StreamFailureQueue AwsSolutions-SQS3',
        ...schedulers.map((f) => `Functions/${f.id}-role AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/klachten-${tenant.tenantId}/*]`),
        ...fileUsers.map((f) => `Functions/${f.id}-role AwsSolutions-IAM5[Resource::<BUCKET>/attachments/*]`),
        'Attachments/AccessLogs AwsSolutions-S1',
        'Attachments/EventsDeadLetterQueue AwsSolutions-SQS3',
        'Attachments/ScanRole AwsSolutions-IAM5[Resource::<BUCKET>/attachments/*]',
        'Attachments/ScanRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
      ].sort();
      expect(found.map((f) => f.replace(bucketObjects, '<BUCKET>/attachments/*')).sort(), tenant.tenantId).toEqual(expected);
    }
  });
});

describe('cdk-nag mechanics', () => {
  test('an unacknowledged finding fails the synth, naming the rule and the resource', () => {
    const outcome = synthWithChecks((app) => {
      const stack = new Stack(app, 'bad');
      new sqs.Queue(stack, 'PlainQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    });
    expect(outcome.error).toBeInstanceOf(Error);
    expect(String((outcome.error as Error).message)).toMatch(/AwsSolutions-SQS4/);
    expect(outcome.violations).toContain('AwsSolutions error AwsSolutions-SQS4 at bad/PlainQueue/Resource');
  });

  test('an acknowledgement needs a rule id and a real reason', () => {
    const stack = new Stack(new App(), 's');
    expect(() => acknowledgeFinding(stack, 'AwsSolutions-SQS3', 'by design')).toThrow(/needs a reason/);
    expect(() => acknowledgeFinding(stack, 'SQS3', 'x'.repeat(REASON_MIN_LENGTH))).toThrow(/not an AwsSolutions rule id/);
  });

  test('with a fixed account and region (a deploy with credentials) the acknowledgements still match their findings', () => {
    const demo = tenants.find((t) => t.tenantId === 'demo')!;
    const outcome = synthWithChecks((app) => {
      new TenantStack(app, 'klachten-demo', { regulations: demo.regulations, env: { account: '123456789012', region: 'eu-west-1' } });
    });
    expect(outcome.violations).toEqual([]);
    expect(outcome.error).toBeUndefined();
    expect(acknowledgementsUnder(outcome.app).map((a) => a.id)).toContain('AwsSolutions-IAM5[Resource::arn:aws:scheduler:eu-west-1:123456789012:schedule/klachten-demo/*]');
  });
});
