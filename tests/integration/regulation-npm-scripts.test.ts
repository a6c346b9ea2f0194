/**
 * The regulation tools as an administrator runs them: through npm, in their own process
 * (tests/unit/tools/regulation-tools.test.ts calls the same commands in process, quickly).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { brokenDemo } from '../support/broken-tenant.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** One OK line per version: Occure holds two. */
const VERSIONS = ['demo', 'focus', 'occure', 'occure', 'ok-ondernemen', 'team-keizer'];

describe('as npm scripts', () => {
  const exec = promisify(execFile);
  const npm = (args: string[]) =>
    exec('npm', ['run', '-s', ...args], { cwd: ROOT, env: { ...process.env, npm_config_loglevel: 'silent' } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  test('npm run tenant:check and npm run deadlines', async () => {
    const check = await npm(['tenant:check']);
    expect(check.code).toBe(0);
    expect(
      check.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('OK')),
    ).toHaveLength(VERSIONS.length);

    const broken = await npm(['tenant:check', '--', brokenDemo()]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('organisation.senderAddress: must be an e-mail address');

    const deadlines = await npm(['deadlines', '--', '--tenant-file', 'tenants/occure.yaml', '--received', '2026-04-24T10:00:00+02:00']);
    expect(deadlines.code).toBe(0);
    expect(JSON.parse(deadlines.stdout).milestones.map((m: { due: string }) => m.due)).toEqual(['2026-05-04', '2026-05-26']);

    const explained = await npm(['deadlines', '--', '--tenant-file', 'tenants/occure.yaml', '--received', '2025-05-28', '--explain']);
    expect(explained.code).toBe(0);
    expect(JSON.parse(explained.stdout).milestones[0].explanation).toContain(
      'Overgeslagen (geen werkdag): donderdag 29 mei 2025 (Hemelvaartsdag), vrijdag 30 mei 2025 (brugdag bij koninklijk besluit), zaterdag 31 mei en zondag 1 juni 2025 (weekend).',
    );

    const bad = await npm(['deadlines', '--', '--tenant-file', 'tenants/occure.yaml']);
    expect(bad.code).toBe(2);
  });
});
