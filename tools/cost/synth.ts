/**
 * A tenant's stack (and, with the edge, its edge stack) synthesised offline, as the rehearsal does
 * (local/rehearsal/synth.ts): aws-cdk-lib's App with cdk.json's context, no bundling, no AWS
 * credentials (about 30 s here), then counted (tools/cost/template.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { PROJECT_ROOT } from '../../infra/constructs/tenant-functions.ts';
import { EDGE_REGION, EdgeStack, edgeStackNameFor } from '../../infra/edge-stack.ts';
import { readTenantFiles, stackNameFor, TenantStack } from '../../infra/tenant-stack.ts';
import { countTemplate, type Template, type TemplateCounts } from './template.ts';

export interface SynthOptions {
  /** With the edge (CloudFront and WAF): the edge stack too, with placeholder names and certificates. */
  edge?: boolean;
  /** The edge's WAF challenge (default on, as infra/app.ts). */
  edgeChallenge?: boolean;
}

/** The tenant's stack (and edge stack) synthesised offline, as `cdk synth -c tenant=<id>` would, then counted. */
export async function synthesiseAndCount(tenantId: string, options: SynthOptions = {}): Promise<TemplateCounts> {
  const [tenant] = await readTenantFiles({ dir: join(PROJECT_ROOT, 'tenants'), only: tenantId });
  const outdir = mkdtempSync(join(tmpdir(), `klachten-cost-${tenantId}-`));
  try {
    const context = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
    const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const stackName = stackNameFor(tenantId);
    // Placeholders: only what the stacks count matters here, not the names.
    const edgeDomain = `klachten.${tenantId}.example`;
    const apiDomain = `origin.klachten.${tenantId}.example`;
    // The tenant stack as without the edge (behind it, it differs only in names, not in what costs).
    new TenantStack(app, stackName, { regulations: tenant!.regulations, stackName });
    const edgeName = edgeStackNameFor(tenantId);
    if (options.edge) {
      new EdgeStack(app, edgeName, {
        tenantId,
        stackName: edgeName,
        domain: { domainName: edgeDomain, certificateArn: `arn:aws:acm:${EDGE_REGION}:111111111111:certificate/placeholder` },
        originDomainName: apiDomain,
        ...(options.edgeChallenge !== undefined ? { challenge: options.edgeChallenge } : {}),
        env: { region: EDGE_REGION },
      });
    }
    const assembly = app.synth();
    const template = assembly.getStackByName(stackName).template as Template;
    const edgeTemplate = options.edge ? { stackName: edgeName, template: assembly.getStackByName(edgeName).template as Template } : undefined;
    return countTemplate(stackName, template, edgeTemplate);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
