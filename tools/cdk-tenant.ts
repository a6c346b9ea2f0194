/**
 * npm run deploy -- --tenant ID [CDK OPTIONS...]
 * npm run diff   -- --tenant ID [CDK OPTIONS...]
 *
 * `cdk deploy` / `cdk diff` of one tenant's stack, with `-c tenant=ID` so the app builds only that
 * stack and bundles only its functions (infra/app.ts). The tenant id is checked against
 * tenants/*.yaml first; every other argument goes to cdk as given (--parameters,
 * --require-approval, -c <setting>.<tenant>=..., --profile, --output, ...). The exact command is
 * printed before it runs; the exit code is cdk's. `--dry-run` prints it and runs nothing.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Io, isMain, processIo } from './tenant-check.ts';
import { tenantIds, unknownTenant } from './tenant-ids.ts';

export type CdkAction = 'deploy' | 'diff';

const usage = (action: CdkAction) => `usage: npm run ${action} -- --tenant ID [--dry-run] [CDK OPTIONS...]
  runs: npx cdk ${action} klachten-ID -c tenant=ID [CDK OPTIONS...]   (only that tenant's stack is built)
  e.g.  npm run ${action} -- --tenant focus${action === 'deploy' ? ' --require-approval never -c alarmEmail.focus=ops@focus.nl' : ' -c alarmEmail.focus=ops@focus.nl'}`;

export type CdkPlan = { ok: true; tenant: string; dryRun: boolean; args: string[] } | { ok: false; exitCode: 0 | 2; message: string };

/** The cdk arguments for one tenant, or why not. Pure: the tests call it. */
export function planCdk(action: CdkAction, argv: readonly string[], knownTenants: readonly string[]): CdkPlan {
  let tenant: string | undefined;
  let dryRun = false;
  const passed: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--tenant') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) return { ok: false, exitCode: 2, message: `--tenant needs a tenant id\n${usage(action)}` };
      if (tenant !== undefined && tenant !== value) return { ok: false, exitCode: 2, message: `one tenant at a time: --tenant ${tenant} and --tenant ${value}` };
      tenant = value;
      i += 1;
    } else if (arg.startsWith('--tenant=')) {
      const value = arg.slice('--tenant='.length);
      if (tenant !== undefined && tenant !== value) return { ok: false, exitCode: 2, message: `one tenant at a time: --tenant ${tenant} and --tenant ${value}` };
      tenant = value;
    } else if (arg === '--dry-run') {
      dryRun = true;
    } else if (arg === '--help' || arg === '-h') {
      return { ok: false, exitCode: 0, message: usage(action) };
    } else {
      passed.push(arg);
    }
  }
  if (!tenant) return { ok: false, exitCode: 2, message: `--tenant is required\n${usage(action)}` };
  const unknown = unknownTenant(tenant, knownTenants);
  if (unknown) return { ok: false, exitCode: 2, message: unknown };
  // The tool sets the tenant context and names the stack; a second one would build or touch another tenant.
  const contexts = passed.flatMap((arg, i) => (arg === '-c' || arg === '--context' ? [passed[i + 1] ?? ''] : arg.startsWith('--context=') ? [arg.slice('--context='.length)] : []));
  if (contexts.some((value) => value.startsWith('tenant='))) return { ok: false, exitCode: 2, message: `give the tenant as --tenant ${tenant}, not as -c tenant=...` };
  if (passed.includes('--all')) return { ok: false, exitCode: 2, message: `--all would ${action} every stack; this command is for one tenant` };
  return { ok: true, tenant, dryRun, args: [action, `klachten-${tenant}`, '-c', `tenant=${tenant}`, ...passed] };
}

/** The command line as a shell would take it back: arguments with spaces or quotes are quoted. */
export function shellLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(' ');
}

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CdkRun {
  code: number;
  /** The end of what cdk wrote to stderr (its errors), to explain a failure. */
  stderrTail: string;
}

export async function runCdkTenant(action: CdkAction, argv: readonly string[], io: Io, run: (args: string[]) => Promise<CdkRun> = runCdk): Promise<number> {
  const plan = planCdk(action, argv, tenantIds());
  if (!plan.ok) {
    if (plan.exitCode === 0) io.out(plan.message);
    else io.err(`${action}: ${plan.message}`);
    return plan.exitCode;
  }
  io.out(`$ ${shellLine('npx', ['cdk', ...plan.args])}`);
  if (plan.dryRun) return 0;
  const { code, stderrTail } = await run(plan.args);
  if (code !== 0) io.err(explainFailure(action, plan.tenant, code, stderrTail));
  return code;
}

/** What a failed cdk run means, in a line or two after cdk's own output. */
export function explainFailure(action: CdkAction, tenant: string, code: number, stderrTail: string): string {
  const stack = `klachten-${tenant}`;
  if (/Unable to resolve AWS account|Could not load credentials|no credentials have been configured|ExpiredToken|security token included in the request is (invalid|expired)/i.test(stderrTail)) {
    return (
      `${action}: no usable AWS credentials. The synth needs none and ran (only ${stack} was built, in the output folder), but cdk ${action} then ${action === 'diff' ? 'reads the deployed stack from CloudFormation' : 'uploads the assets and updates the stack'}: ` +
      `configure credentials for the target account and region (aws configure, aws sso login, AWS_PROFILE or --profile; AWS_REGION).` +
      (action === 'diff' ? ' Offline, compare with a template saved from an earlier synth instead: --template FILE.' : '')
    );
  }
  return `${action}: cdk ${action} of ${stack} ended with exit code ${code}${action === 'diff' ? ' (with --fail, 1 means differences were found)' : ''}; cdk's own message is above.`;
}

const TAIL = 16_384;

/** Runs the pinned CDK CLI from the repository root; its output goes to this terminal as it comes, stderr kept to explain a failure. */
function runCdk(args: string[]): Promise<CdkRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['cdk', ...args], { cwd: PROJECT_ROOT, stdio: ['inherit', 'inherit', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-TAIL);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stderrTail: tail }));
  });
}

if (isMain(import.meta.url)) {
  const [action, ...argv] = process.argv.slice(2);
  if (action !== 'deploy' && action !== 'diff') {
    processIo.err('usage: tsx tools/cdk-tenant.ts deploy|diff --tenant ID [CDK OPTIONS...]');
    process.exitCode = 2;
  } else {
    process.exitCode = await runCdkTenant(action, argv, processIo);
  }
}
