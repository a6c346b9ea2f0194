/**
 * npm run rehearse [-- --tenant demo | --all] [--verbose]
 *
 * Rehearses a tenant's deployment before it is deployed (docs/deploy.md, "Rehearse before you
 * deploy"): synthesises its stack offline, runs the local cloud from the synthesised template,
 * drives a full procedure through it, and checks every AWS SDK call each function makes against
 * that function's synthesised IAM policies. Ends with
 *
 *   N calls checked against the synthesised policies, 0 denied
 *
 * Exit code 0 when every call was allowed and the procedure went through, 1 when not (each denial
 * names the function, the action, the resource and the statement that is missing), 2 on bad
 * arguments or an unknown tenant.
 */
import { parseArgs } from 'node:util';
import { formatResult, rehearse, stopRehearsals } from '../local/rehearsal/rehearse.ts';
import { knownTenants } from '../local/rehearsal/synth.ts';
import { WiringError } from '../local/rehearsal/wiring.ts';
import { type Io, isMain, processIo } from './tenant-check.ts';

const USAGE = `usage: npm run rehearse [-- --tenant ID | --all] [--verbose]
  --tenant ID   the tenant to rehearse (default demo; one of tenants/*.yaml)
  --all         every tenant, one after the other
  --verbose     also print what the functions log`;

export async function runRehearse(argv: readonly string[], io: Io): Promise<number> {
  let values: { tenant?: string; all?: boolean; verbose?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { tenant: { type: 'string' }, all: { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`rehearse: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.all && values.tenant) {
    io.err(`rehearse: give --tenant or --all, not both\n${USAGE}`);
    return 2;
  }
  const known = await knownTenants();
  const tenants = values.all ? known : [values.tenant ?? 'demo'];
  for (const tenant of tenants) {
    if (!known.includes(tenant)) {
      io.err(`rehearse: unknown tenant "${tenant}": there is no tenants/${tenant}.yaml (tenants: ${known.join(', ') || 'none'})`);
      return 2;
    }
  }

  let failed = 0;
  for (const tenantId of tenants) {
    io.out(`== rehearsing tenant ${tenantId} (stack klachten-${tenantId}) ==`);
    io.out('synthesising the stack (offline, no AWS credentials) ...');
    try {
      const result = await rehearse({
        tenantId,
        log: (line) => io.out(line),
        ...(values.verbose ? { functionOutput: (fn: string, line: string) => io.err(`[${fn}] ${line}`) } : {}),
      });
      io.out(formatResult(result));
      if (!result.ok) failed += 1;
    } catch (error) {
      failed += 1;
      if (error instanceof WiringError) io.err(`rehearsal of ${tenantId} FAILED before it started: ${error.message}`);
      else io.err(`rehearsal of ${tenantId} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (tenants.length > 1) io.out(`${tenants.length - failed} of ${tenants.length} tenants rehearsed without a denial`);
  return failed ? 1 : 0;
}

if (isMain(import.meta.url)) {
  // Ctrl-C or a kill: stop DynamoDB Local's Java and the stand-ins before leaving.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      processIo.err(`rehearse: ${signal}, stopping`);
      void stopRehearsals().finally(() => process.exit(130));
    });
  }
  process.exitCode = await runRehearse(process.argv.slice(2), processIo);
}
