/**
 * The tenant ids a command may name: one per tenants/<id>.yaml (or .yml), the files `cdk synth`
 * builds stacks from (infra/tenant-stack.ts readTenantFiles). The deploy, diff and smoke commands
 * refuse any other id before they start anything.
 */
import { readdirSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tenantIdOfFile } from '../shared/adapters/regulation-file.ts';

/** The repository's tenants folder, wherever the command is started from. */
export const TENANTS_FOLDER = fileURLToPath(new URL('../tenants', import.meta.url));

export function tenantIds(dir = TENANTS_FOLDER): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && ['.yaml', '.yml'].includes(extname(name).toLowerCase()))
    .map((name) => tenantIdOfFile(name))
    .sort();
}

/** undefined when `tenant` has a file; else the message to print. */
export function unknownTenant(tenant: string, known: readonly string[]): string | undefined {
  if (known.includes(tenant)) return undefined;
  return `unknown tenant "${tenant}": there is no tenants/${tenant}.yaml (tenants: ${known.join(', ') || 'none'})`;
}
