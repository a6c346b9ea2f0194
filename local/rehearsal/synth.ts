/**
 * Synthesises one tenant's stack in this process, as tests/infra do: aws-cdk-lib's App with the
 * feature flags of cdk.json, the tenant's validated regulation, a TenantStack with the app's
 * defaults. Offline, no AWS credentials; the esbuild bundling is skipped (the rehearsal runs the
 * handler modules from source; `npm run synth` and tests/infra check the bundles).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { readTenantFiles, stackNameFor, TenantStack } from '../../infra/tenant-stack.ts';
import type { RegulationVersions } from '../../shared/domain/regulation/versions.ts';
import type { CfnTemplate } from './template.ts';

export interface SynthesisedTenant {
  tenantId: string;
  stackName: string;
  template: CfnTemplate;
  regulations: RegulationVersions;
  /** The regulation JSON the synth wrote for the bundles (REGULATION_FILE in AWS), with its procedure texts beside it. */
  regulationJsonPath: string;
  /** The cloud assembly folder; removed by dispose(). */
  outdir: string;
  dispose(): void;
}

/** The tenant ids that have a file in tenants/ (what `--all` rehearses). */
export async function knownTenants(tenantsDir = join(PROJECT_ROOT, 'tenants')): Promise<string[]> {
  return readdirSync(tenantsDir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('.'))
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
}

/**
 * The tenant's stack as `cdk synth -c tenant=<id>` would make it (without cdk-nag, which
 * tests/infra/nag.test.ts runs). An unknown tenant or an invalid file throws readTenantFiles'
 * message (which lists the tenants there are).
 */
export async function synthesiseTenant(tenantId: string, options: { tenantsDir?: string } = {}): Promise<SynthesisedTenant> {
  const [tenant] = await readTenantFiles({ dir: options.tenantsDir ?? join(PROJECT_ROOT, 'tenants'), only: tenantId });
  const outdir = mkdtempSync(join(tmpdir(), `klachten-rehearsal-${tenantId}-`));
  try {
    const context = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
    // No stack's assets are bundled: the rehearsal imports functions/<id>.ts itself.
    const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const stackName = stackNameFor(tenantId);
    const stack = new TenantStack(app, stackName, { regulations: tenant!.regulations, stackName });
    const assembly = app.synth();
    const template = assembly.getStackByName(stackName).template as CfnTemplate;
    return {
      tenantId,
      stackName,
      template,
      regulations: tenant!.regulations,
      regulationJsonPath: stack.functions.regulationJsonPath,
      outdir,
      dispose: () => rmSync(outdir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}
