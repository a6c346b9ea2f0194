/**
 * npm run rehearse (issue 18): the demo tenant's stack synthesised once, then
 *  - rehearsed in full: the local cloud runs from the template, the procedure goes through, every
 *    SDK call is checked against the synthesised policies and none is denied;
 *  - rehearsed with one grant taken from the template (dynamodb:PutItem of submit-complaint's role):
 *    the intake fails as it would in AWS, and the rehearsal names the function, the action, the
 *    resource and the statement that is missing;
 *  - the template and the local cloud disagreeing (a route with no function, a rule gone, a
 *    configuration the functions refuse): the wiring fails loudly before anything starts.
 * Nothing it starts may outlive it (DynamoDB Local's Java, the workers).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatResult, rehearse } from '../../local/rehearsal/rehearse.ts';
import { synthesiseTenant, type SynthesisedTenant } from '../../local/rehearsal/synth.ts';
import type { CfnTemplate, JsonObject } from '../../local/rehearsal/template.ts';
import { wiringFromTemplate, WiringError } from '../../local/rehearsal/wiring.ts';
import { runRehearse } from '../../tools/rehearse.ts';

let synthesised: SynthesisedTenant;

beforeAll(async () => {
  synthesised = await synthesiseTenant('demo');
}, 180_000);

afterAll(() => {
  synthesised?.dispose();
  // No rehearsal's DynamoDB Local (its data folder is klachten-rehearsal-*) may be left running.
  expect(rehearsalProcesses()).toEqual([]);
});

function rehearsalProcesses(): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'klachten-rehearsal-'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('DynamoDBLocal'));
  } catch {
    return [];
  }
}

/** The template without `action` in the policies of `functionId`'s role. */
function withoutGrant(functionId: string, action: string) {
  return (template: CfnTemplate) => {
    const logicalPrefix = `Functions${functionId.replace(/-/g, '')}role`;
    let removed = 0;
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::IAM::Policy' || !logicalId.startsWith(logicalPrefix)) continue;
      for (const statement of (resource.Properties!.PolicyDocument as JsonObject).Statement as JsonObject[]) {
        const actions = ([] as string[]).concat(statement.Action as string | string[]);
        if (!actions.includes(action)) continue;
        statement.Action = actions.filter((a) => a !== action);
        removed += 1;
      }
    }
    if (removed === 0) throw new Error(`no statement of ${functionId}'s role grants ${action}`);
  };
}

describe('the demo tenant rehearsed from its synthesised template', () => {
  test('the full procedure goes through and every call is allowed by the synthesised policies', async () => {
    const lines: string[] = [];
    const result = await rehearse({ tenantId: 'demo', synthesised, log: (line) => lines.push(line) });
    const report = formatResult(result);
    expect(result.failure, `${lines.join('\n')}\n${report}`).toBeUndefined();
    expect(result.denied).toEqual([]);
    expect(result.deniedInvocations).toEqual([]);
    expect(result.calls).toBeGreaterThan(100);
    expect(report.split('\n').at(-1)).toBe(`${result.calls} calls checked against the synthesised policies, 0 denied`);

    // What the procedure reached: every kind of call the stack grants, checked.
    const actions = (fn: string) => [...(result.actionsByFunction.get(fn)?.keys() ?? [])];
    expect(actions('submit-complaint')).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'kms:Decrypt', 'secretsmanager:GetSecretValue']));
    expect(actions('outbox-drain')).toEqual(expect.arrayContaining(['scheduler:CreateSchedule', 'iam:PassRole', 'ses:SendEmail', 's3:ListBucket', 's3:DeleteObject']));
    expect(actions('complaint-status')).toEqual(expect.arrayContaining(['s3:PutObject', 'kms:GenerateDataKey']));
    expect(actions('admin-attachments')).toContain('s3:GetObject');
    expect(actions('admin-privacy')).toContain('dynamodb:DeleteItem');
    expect(actions('deadline-check')).toContain('dynamodb:GetItem');
    expect(actions('deadline-sweeper')).toContain('dynamodb:Query');
    expect(actions('admin-reports')).toContain('dynamodb:Query');
    expect(result.invocations).toBeGreaterThan(20);
    expect(result.steps.join('\n')).toMatch(/erased on request/);
  }, 300_000);

  test("with dynamodb:PutItem taken from submit-complaint's role the intake fails, and the rehearsal says where and what is missing", async () => {
    const result = await rehearse({ tenantId: 'demo', synthesised, scope: 'intake', editTemplate: withoutGrant('submit-complaint', 'dynamodb:PutItem') });
    expect(result.ok).toBe(false);
    // The complaint could not be registered: the function got AccessDenied from DynamoDB, as in AWS.
    expect(result.failure).toMatch(/POST \/complaints .*: 500/);
    expect(result.denied.length).toBeGreaterThan(0);
    const denied = result.denied[0]!;
    expect(denied.functionId).toBe('submit-complaint');
    expect(denied.call).toMatchObject({ service: 'DynamoDB', command: 'TransactWriteItemsCommand' });
    expect(denied.requests.filter((r) => !r.allowed).map((r) => [r.action, r.resource])).toEqual([['dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:000000000000:table/klachten-demo']]);
    const report = formatResult(result);
    expect(report).toContain('DENIED  submit-complaint: DynamoDB TransactWriteItemsCommand');
    expect(report).toContain('action:   dynamodb:PutItem');
    expect(report).toContain('resource: arn:aws:dynamodb:eu-west-1:000000000000:table/klachten-demo (Fn::GetAtt RegisterTable');
    expect(report).toContain('missing: {"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"arn:aws:dynamodb:eu-west-1:000000000000:table/klachten-demo"}');
    expect(report.split('\n').at(-1)).toBe(`${result.calls} calls checked against the synthesised policies, ${result.denied.length} denied`);
  }, 180_000);
});

describe('where the template and the local cloud disagree, the rehearsal refuses to start', () => {
  const problemsOf = (edit: (template: CfnTemplate) => void): string[] => {
    const template = structuredClone(synthesised.template);
    edit(template);
    try {
      wiringFromTemplate(template, { tenantId: 'demo', stackName: synthesised.stackName });
    } catch (error) {
      if (error instanceof WiringError) return error.problems;
      throw error;
    }
    return [];
  };
  const resourcesOf = (template: CfnTemplate, type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

  test('the demo template as synthesised has no disagreement', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  test('a route whose integration is gone has no function', () => {
    const problems = problemsOf((template) => {
      const [id] = resourcesOf(template, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties!.RouteKey === 'POST /complaints')!;
      template.Resources[id]!.Properties!.Target = 'integrations/nothing';
    });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^route POST \/complaints .* has no function/)]));
  });

  test('the daily sweep rule gone: the local cloud would sweep what AWS never does', () => {
    const problems = problemsOf((template) => {
      // The rule and the permission it has to invoke the sweeper.
      for (const id of Object.keys(template.Resources)) if (id.startsWith('DeadlinesDailySweep')) delete template.Resources[id];
    });
    expect(problems).toEqual(['the local cloud runs deadline-sweeper every day, but the template has no schedule rule for it: in AWS it would never run']);
  });

  test('a function without a variable the configuration requires, and one the local cloud does not know', () => {
    const problems = problemsOf((template) => {
      const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(([, r]) => r.Properties!.FunctionName === 'klachten-demo-deadline-check')!;
      delete ((fn.Properties!.Environment as JsonObject).Variables as JsonObject).TABLE_NAME;
      const [, other] = resourcesOf(template, 'AWS::Lambda::Function').find(([, r]) => r.Properties!.FunctionName === 'klachten-demo-api-docs')!;
      other.Properties!.FunctionName = 'klachten-demo-reports-export';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^function klachten-demo-deadline-check: Invalid function configuration: TABLE_NAME/),
        expect.stringMatching(/^function klachten-demo-reports-export .* is in the template, but the local cloud has no such function/),
        'the local cloud runs api-docs (functions/api-docs.ts), but the template has no function klachten-demo-api-docs',
      ]),
    );
  });
});

describe('npm run rehearse', () => {
  test('an unknown tenant is refused with the tenants there are, before anything starts', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRehearse(['--tenant', 'nobody'], { out: (line) => out.push(line), err: (line) => err.push(line) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/unknown tenant "nobody": there is no tenants\/nobody.yaml \(tenants: demo, .*occure/);
    expect(out).toEqual([]);
    expect(await runRehearse(['--tenant', 'demo', '--all'], { out: () => undefined, err: (line) => err.push(line) })).toBe(2);
  });
});
