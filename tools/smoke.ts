/**
 * npm run smoke -- --tenant ID [--url URL] [--token TOKEN] [--region REGION] [--scheduler-url URL] [--timeout SECONDS]
 *
 * Checks a running tenant end to end and leaves nothing of the test behind (tools/smoke/checks.ts
 * says what each check does). Without --url: the local cloud of `npm start`. One line per check,
 * ✓ or ✗ with what was seen or why it failed. Exit code 0 when all pass, 1 when one fails, 2 for
 * bad arguments or an unknown tenant (then nothing is sent).
 */
import { type Io, isMain, processIo } from './tenant-check.ts';
import { tenantIds } from './tenant-ids.ts';
import { CHECKS, formatCheck, runSmoke, type SmokeOptions } from './smoke/checks.ts';
import { smokeSettings, targetFor, USAGE } from './smoke/settings.ts';

export async function runSmokeCommand(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env, options: Pick<SmokeOptions, 'fetch' | 'pollMs'> = {}): Promise<number> {
  const parsed = smokeSettings(argv, env, tenantIds());
  if (!parsed.ok) {
    if (parsed.help) {
      io.out(parsed.message);
      return 0;
    }
    io.err(parsed.usage ? `smoke: ${parsed.message}\n${USAGE}` : `smoke: ${parsed.message}`);
    return 2;
  }
  const { settings } = parsed;
  const target = targetFor(settings, options.fetch);
  io.out(
    `Smoke test of tenant ${settings.tenant} at ${settings.api} (${settings.mode === 'local' ? 'local cloud' : 'AWS'}; schedules: ${settings.scheduler.where}, group ${settings.scheduler.group})`,
  );
  try {
    const report = await runSmoke(target, {
      ...options,
      scheduleTimeoutMs: settings.timeoutMs,
      cleanupTimeoutMs: settings.timeoutMs,
      onCheck: (result) => io.out(formatCheck(result)),
    });
    const failed = report.checks.filter((c) => !c.ok).length;
    io.out(failed ? `${failed} of ${CHECKS.length} checks failed` : `all ${CHECKS.length} checks passed; the test complaint ${report.reference} is erased`);
    return failed ? 1 : 0;
  } finally {
    target.close();
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = await runSmokeCommand(process.argv.slice(2), processIo);
}
