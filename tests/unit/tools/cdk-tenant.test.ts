/** `npm run deploy|diff -- --tenant ID`: the cdk command line for one tenant, and what is refused (no AWS, no cdk run). */
import { describe, expect, test } from 'vitest';
import { explainFailure, planCdk, runCdkTenant, shellLine, type CdkRun } from '../../../tools/cdk-tenant.ts';
import { tenantIds } from '../../../tools/tenant-ids.ts';

const known = ['demo', 'focus', 'occure'];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('planCdk', () => {
  test('one stack by name, the tenant context so only its functions are bundled', () => {
    expect(planCdk('deploy', ['--tenant', 'demo'], known)).toEqual({ ok: true, tenant: 'demo', dryRun: false, args: ['deploy', 'klachten-demo', '-c', 'tenant=demo'] });
    expect(planCdk('diff', ['--tenant=focus'], known)).toMatchObject({ ok: true, args: ['diff', 'klachten-focus', '-c', 'tenant=focus'] });
  });

  test('every other argument goes to cdk as given, in order', () => {
    const plan = planCdk(
      'deploy',
      ['--require-approval', 'never', '--tenant', 'focus', '--parameters', 'klachten-focus:WebhookSecret=s3cr3t with space', '-c', 'alarmEmail.focus=ops@focus.nl', '--dry-run'],
      known,
    );
    expect(plan).toEqual({
      ok: true,
      tenant: 'focus',
      dryRun: true,
      args: ['deploy', 'klachten-focus', '-c', 'tenant=focus', '--require-approval', 'never', '--parameters', 'klachten-focus:WebhookSecret=s3cr3t with space', '-c', 'alarmEmail.focus=ops@focus.nl'],
    });
  });

  test('an unknown tenant is refused with the known ones', () => {
    const plan = planCdk('deploy', ['--tenant', 'acme'], known);
    expect(plan).toEqual({ ok: false, exitCode: 2, message: 'unknown tenant "acme": there is no tenants/acme.yaml (tenants: demo, focus, occure)' });
    // Not a path either.
    expect(planCdk('diff', ['--tenant', '../demo'], known)).toMatchObject({ ok: false, exitCode: 2 });
  });

  test('no tenant, two tenants, a tenant context of its own, --all: refused', () => {
    expect(planCdk('diff', [], known)).toMatchObject({ ok: false, exitCode: 2, message: expect.stringContaining('--tenant is required') });
    expect(planCdk('diff', ['--tenant'], known)).toMatchObject({ ok: false, exitCode: 2, message: expect.stringContaining('--tenant needs a tenant id') });
    expect(planCdk('diff', ['--tenant', '--fail'], known)).toMatchObject({ ok: false, exitCode: 2 });
    expect(planCdk('deploy', ['--tenant', 'demo', '--tenant', 'focus'], known)).toMatchObject({ ok: false, message: 'one tenant at a time: --tenant demo and --tenant focus' });
    expect(planCdk('deploy', ['--tenant', 'demo', '-c', 'tenant=focus'], known)).toMatchObject({ ok: false, message: expect.stringContaining('not as -c tenant=') });
    expect(planCdk('deploy', ['--tenant', 'demo', '--context=tenant=focus'], known)).toMatchObject({ ok: false });
    expect(planCdk('deploy', ['--tenant', 'demo', '--all'], known)).toMatchObject({ ok: false, message: expect.stringContaining('--all') });
    // A setting for the tenant is not the tenant context.
    expect(planCdk('deploy', ['--tenant', 'demo', '-c', 'tenantLabel=x'], known)).toMatchObject({ ok: true });
  });

  test('--help is usage, exit 0', () => {
    expect(planCdk('deploy', ['--help'], known)).toMatchObject({ ok: false, exitCode: 0, message: expect.stringContaining('usage: npm run deploy -- --tenant ID') });
  });
});

test('shellLine quotes what a shell would split', () => {
  expect(shellLine('npx', ['cdk', 'deploy', 'klachten-demo', '-c', 'tenant=demo', '--parameters', "klachten-demo:WebhookSecret=it's secret"])).toBe(
    `npx cdk deploy klachten-demo -c tenant=demo --parameters 'klachten-demo:WebhookSecret=it'\\''s secret'`,
  );
});

describe('runCdkTenant', () => {
  test('prints the exact command and runs it with the tenant file of this repository', async () => {
    expect(tenantIds()).toContain('demo');
    const ran: string[][] = [];
    const { io, out, err } = capture();
    const code = await runCdkTenant('diff', ['--tenant', 'demo', '--fail'], io, async (args) => {
      ran.push(args);
      return { code: 0, stderrTail: '' };
    });
    expect(code).toBe(0);
    expect(out).toEqual(['$ npx cdk diff klachten-demo -c tenant=demo --fail']);
    expect(err).toEqual([]);
    expect(ran).toEqual([['diff', 'klachten-demo', '-c', 'tenant=demo', '--fail']]);
  });

  test('--dry-run prints and runs nothing; an unknown tenant runs nothing and exits 2', async () => {
    const run = async (): Promise<CdkRun> => {
      throw new Error('must not run');
    };
    const dry = capture();
    expect(await runCdkTenant('deploy', ['--tenant', 'demo', '--dry-run', '--require-approval', 'never'], dry.io, run)).toBe(0);
    expect(dry.out).toEqual(['$ npx cdk deploy klachten-demo -c tenant=demo --require-approval never']);
    const unknown = capture();
    expect(await runCdkTenant('deploy', ['--tenant', 'nope'], unknown.io, run)).toBe(2);
    expect(unknown.out).toEqual([]);
    expect(unknown.err[0]).toMatch(/^deploy: unknown tenant "nope": there is no tenants\/nope\.yaml \(tenants: demo, /);
  });

  test("cdk's exit code is the command's, explained after cdk's own output", async () => {
    const { io, err } = capture();
    const code = await runCdkTenant('diff', ['--tenant', 'demo'], io, async () => ({
      code: 1,
      stderrTail: 'Bundling asset ...\nUnable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment\n',
    }));
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('diff: no usable AWS credentials. The synth needs none and ran (only klachten-demo was built');
    expect(err[0]).toContain('--template FILE');
  });
});

test("explainFailure: credentials, or cdk's own message", () => {
  expect(explainFailure('deploy', 'focus', 1, 'The security token included in the request is expired')).toMatch(/^deploy: no usable AWS credentials.*uploads the assets/);
  expect(explainFailure('deploy', 'focus', 1, 'klachten-focus failed: ValidationError')).toBe("deploy: cdk deploy of klachten-focus ended with exit code 1; cdk's own message is above.");
});
