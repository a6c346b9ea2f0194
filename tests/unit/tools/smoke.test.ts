/**
 * `npm run smoke`: what it is pointed at (local cloud or a deployed stack) from its arguments, what
 * it refuses before sending anything, and its lines when nothing answers. The checks themselves run
 * against a local cloud in tests/integration/smoke.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { freePort } from '../../../local/processes.ts';
import { formatCheck } from '../../../tools/smoke/checks.ts';
import { regionOfApiUrl, smokeSettings } from '../../../tools/smoke/settings.ts';
import { runSmokeCommand } from '../../../tools/smoke.ts';

const known = ['demo', 'focus'];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('smokeSettings', () => {
  test("without --url: the local cloud of npm start, its tenant path, the Scheduler emulator's port, the dev issuer", () => {
    expect(smokeSettings(['--tenant', 'demo'], {}, known)).toEqual({
      ok: true,
      settings: {
        tenant: 'demo',
        mode: 'local',
        api: 'http://127.0.0.1:3000/demo',
        gateway: 'http://127.0.0.1:3000',
        scheduler: { group: 'klachten-demo', region: 'eu-west-1', endpoint: 'http://127.0.0.1:8010', where: 'the Scheduler emulator at http://127.0.0.1:8010' },
        timeoutMs: 60_000,
      },
    });
    // The ports npm start was given.
    const moved = smokeSettings(['--tenant', 'focus'], { KLACHTEN_PORT: '3100', KLACHTEN_SCHEDULER_PORT: '8110' }, known);
    expect(moved).toMatchObject({ ok: true, settings: { api: 'http://127.0.0.1:3100/focus', gateway: 'http://127.0.0.1:3100', scheduler: { endpoint: 'http://127.0.0.1:8110' } } });
  });

  test('a loopback --url is a local cloud, with or without the tenant in it', () => {
    for (const url of ['http://localhost:4000', 'http://localhost:4000/', 'http://localhost:4000/demo/']) {
      expect(smokeSettings(['--tenant', 'demo', '--url', url, '--scheduler-url', 'http://127.0.0.1:4010', '--timeout', '5'], {}, known)).toMatchObject({
        ok: true,
        settings: { mode: 'local', api: 'http://localhost:4000/demo', gateway: 'http://localhost:4000', scheduler: { endpoint: 'http://127.0.0.1:4010' }, timeoutMs: 5000 },
      });
    }
  });

  test("a deployed stack: its ApiUrl, a given coordinator's token, EventBridge Scheduler in the API's region", () => {
    const url = 'https://abc123.execute-api.eu-west-1.amazonaws.com/';
    expect(smokeSettings(['--tenant', 'demo', '--url', url, '--token', 'eyJ.x.y'], {}, known)).toEqual({
      ok: true,
      settings: {
        tenant: 'demo',
        mode: 'aws',
        api: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
        token: 'eyJ.x.y',
        scheduler: { group: 'klachten-demo', region: 'eu-west-1', where: 'EventBridge Scheduler in eu-west-1' },
        timeoutMs: 60_000,
      },
    });
    // SMOKE_TOKEN; a custom domain takes the region from AWS_REGION or --region.
    expect(smokeSettings(['--tenant', 'focus', '--url', 'https://klachten.focus.nl'], { SMOKE_TOKEN: 't', AWS_REGION: 'eu-central-1' }, known)).toMatchObject({
      ok: true,
      settings: { api: 'https://klachten.focus.nl', token: 't', scheduler: { region: 'eu-central-1' } },
    });
    expect(smokeSettings(['--tenant', 'focus', '--url', 'https://klachten.focus.nl', '--region', 'eu-west-3'], { SMOKE_TOKEN: 't', AWS_REGION: 'eu-central-1' }, known)).toMatchObject({
      ok: true,
      settings: { scheduler: { region: 'eu-west-3' } },
    });
    expect(smokeSettings(['--tenant', 'focus', '--url', 'https://klachten.focus.nl'], { SMOKE_TOKEN: 't' }, known)).toEqual({
      ok: false,
      message: 'no region for the schedule group klachten-focus: pass --region (or set AWS_REGION)',
    });
  });

  test('refused before anything is sent: an unknown tenant, a deployed stack without a token, a bad URL or timeout', () => {
    expect(smokeSettings(['--tenant', 'acme'], {}, known)).toEqual({ ok: false, message: 'unknown tenant "acme": there is no tenants/acme.yaml (tenants: demo, focus)' });
    expect(smokeSettings([], {}, known)).toEqual({ ok: false, usage: true, message: '--tenant is required' });
    const noToken = smokeSettings(['--tenant', 'demo', '--url', 'https://abc123.execute-api.eu-west-1.amazonaws.com/'], {}, known);
    expect(noToken).toMatchObject({ ok: false, message: expect.stringContaining("a deployed tenant needs a coordinator's token: --token TOKEN or SMOKE_TOKEN") });
    expect(smokeSettings(['--tenant', 'demo', '--url', 'ftp://x'], {}, known)).toMatchObject({ ok: false, message: '--url must be an http(s) URL, got "ftp://x"' });
    expect(smokeSettings(['--tenant', 'demo', '--timeout', 'soon'], {}, known)).toMatchObject({ ok: false, message: '--timeout must be a number of seconds, got "soon"' });
    expect(smokeSettings(['--tenant', 'demo', '--bogus'], {}, known)).toMatchObject({ ok: false, usage: true, message: expect.stringContaining("'--bogus'") });
    expect(smokeSettings(['--help'], {}, known)).toMatchObject({ ok: false, help: true, message: expect.stringContaining('usage: npm run smoke') });
  });

  test('regionOfApiUrl', () => {
    expect(regionOfApiUrl('abc123.execute-api.eu-west-1.amazonaws.com')).toBe('eu-west-1');
    expect(regionOfApiUrl('klachten.focus.nl')).toBeUndefined();
  });
});

test('formatCheck: ✓ or ✗, the check, what was seen', () => {
  expect(formatCheck({ check: 'schedule', ok: true, detail: 'KL-2026-000001.handling.check in group klachten-demo' })).toBe('✓ schedule    KL-2026-000001.handling.check in group klachten-demo');
  expect(formatCheck({ check: 'form page', ok: false, detail: 'no answer' })).toBe('✗ form page   no answer');
});

describe('runSmokeCommand', () => {
  test('an unknown tenant: exit 2, nothing sent', async () => {
    const { io, out, err } = capture();
    const fetchNothing = (async () => {
      throw new Error('must not fetch');
    }) as unknown as typeof fetch;
    expect(await runSmokeCommand(['--tenant', 'acme'], io, {}, { fetch: fetchNothing })).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^smoke: unknown tenant "acme": there is no tenants\/acme\.yaml \(tenants: demo, [a-z, -]+\)$/);
  });

  test('an unreachable URL: one clear ✗, the rest not run, exit 1', async () => {
    const port = await freePort();
    const { io, out } = capture();
    expect(await runSmokeCommand(['--tenant', 'demo', '--url', `http://127.0.0.1:${port}`], io, {})).toBe(1);
    expect(out[0]).toBe(`Smoke test of tenant demo at http://127.0.0.1:${port}/demo (local cloud; schedules: the Scheduler emulator at http://127.0.0.1:8010, group klachten-demo)`);
    expect(out[1]).toBe(`✗ form page   no answer from http://127.0.0.1:${port}/demo/klacht (ECONNREFUSED): is \`npm start\` running? (or pass --url)`);
    expect(out.slice(2, 8)).toEqual(
      ['staff token', 'complaint', 'schedule', 'status link', 'staff read', 'clean-up'].map((check) => formatCheck({ check: check as never, ok: false, detail: 'not run: the API does not answer' })),
    );
    expect(out[8]).toBe('7 of 7 checks failed');
  });
});
