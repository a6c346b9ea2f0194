/**
 * infra/app.ts as the CDK CLI runs it (context in CDK_CONTEXT_JSON, output in CDK_OUTDIR): one
 * tenant with every deployment setting given as context, and a bad setting that must fail the
 * synth with a readable message. Bundling is skipped; the checks (cdk-nag) run as in `cdk synth`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';

type Json = Record<string, any>;
const run = promisify(execFile);

const SETTINGS = {
  'alarmEmail.demo': 'ops@demo.example',
  'mailEventsEmail.demo': 'coordinator@demo.example, officer@demo.example',
  'mailIdentity.demo': 'address',
  'webOrigins.demo': 'https://www.demo.example',
  'apiDomain.demo': 'klachten.demo.example',
  'apiCertificateArn.demo': 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab',
  'authDomainPrefix.demo': 'klachten-demo',
  'mfa.demo': 'optional',
};

async function synth(context: Record<string, unknown>): Promise<{ code: number; stderr: string; outdir: string }> {
  const outdir = mkdtempSync(join(tmpdir(), 'klachten-app-'));
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as Json;
  const env = {
    ...process.env,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context }),
  };
  try {
    const { stderr } = await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], { cwd: PROJECT_ROOT, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stderr, outdir };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '', outdir };
  }
}

let template: Json;

beforeAll(async () => {
  const result = await synth({ tenant: 'demo', ...SETTINGS });
  expect(result.stderr).not.toMatch(/AwsSolutions-|Error/);
  expect(result.code).toBe(0);
  template = JSON.parse(readFileSync(join(result.outdir, 'klachten-demo.template.json'), 'utf8')) as Json;
});

const ofType = (type: string): Json[] => Object.values(template.Resources as Json).filter((r: Json) => r.Type === type) as Json[];

describe('infra/app.ts: deployment settings as context', () => {
  test('alarm and mail-event subscriptions', () => {
    const subscriptions = ofType('AWS::SNS::Subscription');
    const emails = subscriptions
      .filter((s) => s.Properties.Protocol === 'email')
      .map((s) => s.Properties.Endpoint)
      .sort();
    expect(emails).toEqual(['coordinator@demo.example', 'officer@demo.example', 'ops@demo.example']);
    // And the register's own subscriber to the mail events (bounces recorded on the complaint).
    expect(subscriptions.filter((s) => s.Properties.Protocol === 'lambda')).toHaveLength(1);
  });

  test('the address identity, CORS for the web origin, the custom domain (and the status links on it)', () => {
    expect(ofType('AWS::SES::EmailIdentity')[0]!.Properties.EmailIdentity).toBe('klachten@demo.example');
    expect(ofType('AWS::ApiGatewayV2::Api')[0]!.Properties.CorsConfiguration.AllowOrigins).toEqual(['https://www.demo.example']);
    expect(ofType('AWS::ApiGatewayV2::DomainName')[0]!.Properties.DomainName).toBe('klachten.demo.example');
    for (const fn of ofType('AWS::Lambda::Function')) expect(fn.Properties.Environment.Variables.STATUS_BASE_URL).toBe('https://klachten.demo.example/status');
  });

  test('staff sign-in: optional MFA, the hosted-UI prefix, the console on the custom domain as callback and logout URL', () => {
    expect(ofType('AWS::Cognito::UserPool')[0]!.Properties.MfaConfiguration).toBe('OPTIONAL');
    expect(ofType('AWS::Cognito::UserPoolDomain')[0]!.Properties.Domain).toBe('klachten-demo');
    const client = ofType('AWS::Cognito::UserPoolClient')[0]!.Properties;
    expect(client.CallbackURLs).toEqual(['https://klachten.demo.example/console']);
    expect(client.LogoutURLs).toEqual(['https://klachten.demo.example/console']);
  });

  test('a bad setting fails the synth with a message naming the stack and the setting, no stack trace', async () => {
    const result = await synth({ tenant: 'demo', 'webOrigins.demo': 'https://www.demo.example/form' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('klachten-demo: Api: webOrigins: "https://www.demo.example/form" must be an origin only');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const half = await synth({ tenant: 'demo', 'apiDomain.demo': 'klachten.demo.example' });
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/apiDomain\.demo and -c apiCertificateArn\.demo: set both or neither/);
  });
});
