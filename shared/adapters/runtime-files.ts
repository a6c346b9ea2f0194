/** What every composition root reads: the regulation JSON beside the function, and endpoint overrides. */
import { readFileSync } from 'node:fs';
import type { RegulationVersions } from '../domain/regulation/versions.ts';

export function endpointOf(url: string | undefined): { endpoint?: string } {
  return url ? { endpoint: url } : {};
}

/**
 * The regulation's versions as JSON ({ id, versions }), validated in full at synth (or local
 * start) by the same schema that tenant:check uses; here only that they are the right tenant's,
 * so the zod schema of the whole format stays out of every Lambda bundle and cold start.
 */
export function readRegulationJson(path: string, tenantId: string): RegulationVersions {
  const regulations = JSON.parse(readFileSync(path, 'utf8')) as RegulationVersions;
  const versions = Array.isArray(regulations?.versions) ? regulations.versions : [];
  if (regulations?.id !== tenantId || !versions.length || !versions.every((r) => r?.id === tenantId && Array.isArray(r.milestones) && r.organisation)) {
    throw new Error(`${path} is not the validated regulation of tenant ${tenantId}; synthesise or start again to regenerate it`);
  }
  return regulations;
}
