/**
 * What `npm run smoke` is pointed at, from its arguments and environment: the local cloud of
 * `npm start` (any loopback URL, the default) or a deployed stack (its ApiUrl), and the SmokeTarget
 * built from that. Pure but for targetFor, which makes the Scheduler client.
 */
import { parseArgs } from 'node:util';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { defaultUrl } from '../token.ts';
import { unknownTenant } from '../tenant-ids.ts';
import type { SmokeTarget } from './checks.ts';

export const USAGE = `usage: npm run smoke -- --tenant ID [--url URL] [--token TOKEN] [--region REGION] [--scheduler-url URL] [--timeout SECONDS]
  --url            the tenant's API: the stack's ApiUrl output for a deployed tenant; default the local
                   cloud of \`npm start\` (KLACHTEN_URL, else http://127.0.0.1:$KLACHTEN_PORT, 3000)
  --token          a coordinator's ID token for the staff API (or SMOKE_TOKEN); needed for a deployed
                   tenant, taken from the dev issuer (POST /_local/token) on the local cloud
  --region         where the tenant's schedule group is (default AWS_REGION, else the ApiUrl's region)
  --scheduler-url  the Scheduler endpoint (default: EventBridge Scheduler in AWS; the emulator at
                   http://127.0.0.1:$KLACHTEN_SCHEDULER_PORT, 8010, for the local cloud)
  --timeout        seconds to wait for the schedule to appear and to go (default 60)
Checks the form page, a test complaint to SES's mailbox simulator, its schedule, its status link and a
staff read, then withdraws and erases the complaint. Exit code 0 when every check passes, 1 when one
fails, 2 for bad arguments or an unknown tenant.`;

export interface SmokeSettings {
  tenant: string;
  mode: 'local' | 'aws';
  /** The tenant's API. */
  api: string;
  /** The local cloud's gateway (its dev issuer), for a local run. */
  gateway?: string;
  /** A given token (--token or SMOKE_TOKEN); a local run asks the dev issuer without one. */
  token?: string;
  scheduler: { group: string; region: string; endpoint?: string; where: string };
  timeoutMs: number;
}

/** `usage`: the arguments themselves are wrong, so the usage follows the message. */
export type Parsed = { ok: true; settings: SmokeSettings } | { ok: false; help?: true; usage?: true; message: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function smokeSettings(argv: readonly string[], env: NodeJS.ProcessEnv, knownTenants: readonly string[]): Parsed {
  let values: { tenant?: string; url?: string; token?: string; region?: string; 'scheduler-url'?: string; timeout?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        tenant: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        region: { type: 'string' },
        'scheduler-url': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, usage: true, message: (error as Error).message };
  }
  if (values.help) return { ok: false, help: true, message: USAGE };
  const tenant = values.tenant;
  if (!tenant) return { ok: false, usage: true, message: '--tenant is required' };
  const unknown = unknownTenant(tenant, knownTenants);
  if (unknown) return { ok: false, message: unknown };

  const timeoutSeconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return { ok: false, message: `--timeout must be a number of seconds, got "${values.timeout}"` };

  const rawUrl = values.url ?? defaultUrl(env);
  let url: URL;
  try {
    url = new URL(rawUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    return { ok: false, message: `--url must be an http(s) URL, got "${rawUrl}"` };
  }
  const base = url.href.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const group = `klachten-${tenant}`;
  const token = values.token ?? (env.SMOKE_TOKEN || undefined);
  const schedulerUrl = values['scheduler-url'];
  if (schedulerUrl !== undefined && !/^https?:\/\/[^/]+/.test(schedulerUrl)) return { ok: false, message: `--scheduler-url must be an http(s) URL, got "${schedulerUrl}"` };

  if (LOOPBACK.has(url.hostname)) {
    // The local gateway serves every tenant under /<tenant>: accept its root or the tenant's path.
    const gateway = base.endsWith(`/${tenant}`) ? base.slice(0, -tenant.length - 1) : base;
    const endpoint = schedulerUrl ?? `http://127.0.0.1:${env.KLACHTEN_SCHEDULER_PORT || 8010}`;
    return {
      ok: true,
      settings: {
        tenant,
        mode: 'local',
        api: `${gateway}/${tenant}`,
        gateway,
        ...(token ? { token } : {}),
        scheduler: { group, region: LOCAL_REGION, endpoint, where: `the Scheduler emulator at ${endpoint}` },
        timeoutMs: timeoutSeconds * 1000,
      },
    };
  }

  if (!token) {
    return {
      ok: false,
      message: `a deployed tenant needs a coordinator's token: --token TOKEN or SMOKE_TOKEN (how to get one: docs/deploy.md, "Smoke test after a deploy"). Nothing was sent.`,
    };
  }
  const region = values.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || regionOfApiUrl(url.hostname));
  if (!region) return { ok: false, message: `no region for the schedule group ${group}: pass --region (or set AWS_REGION)` };
  return {
    ok: true,
    settings: {
      tenant,
      mode: 'aws',
      api: base,
      token,
      scheduler: { group, region, ...(schedulerUrl ? { endpoint: schedulerUrl } : {}), where: schedulerUrl ? `the Scheduler at ${schedulerUrl}` : `EventBridge Scheduler in ${region}` },
      timeoutMs: timeoutSeconds * 1000,
    },
  };
}

/** https://abc123.execute-api.eu-west-1.amazonaws.com/ -> eu-west-1 (a custom domain says nothing). */
export function regionOfApiUrl(hostname: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(hostname)?.[1];
}

/** The target the checks run against: a Scheduler client for the settings, and where the token comes from. */
export function targetFor(settings: SmokeSettings, fetchImpl: typeof fetch = fetch): SmokeTarget & { close(): void } {
  const client = new SchedulerClient({
    region: settings.scheduler.region,
    ...(settings.scheduler.endpoint ? { endpoint: settings.scheduler.endpoint } : {}),
    // The emulator takes any credentials; AWS gets the default chain (profile, SSO, environment).
    ...(settings.mode === 'local' ? { credentials: LOCAL_CREDENTIALS } : {}),
    maxAttempts: 2,
  });
  const given = settings.token;
  const gateway = settings.gateway;
  return {
    tenant: settings.tenant,
    api: settings.api,
    scheduler: { client, group: settings.scheduler.group, where: settings.scheduler.where },
    unreachableHint: settings.mode === 'local' ? 'is `npm start` running? (or pass --url)' : `is ${settings.api} the ApiUrl output of stack klachten-${settings.tenant}?`,
    staffToken: async () => {
      if (given) return given;
      if (!gateway) throw new Error('no token: pass --token or set SMOKE_TOKEN');
      return devIssuerToken(gateway, settings.tenant, fetchImpl);
    },
    close: () => client.destroy(),
  };
}

/** A coordinator's token from the local cloud's dev issuer, as `npm run token` gets it. */
export async function devIssuerToken(gateway: string, tenant: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(`${gateway}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, role: 'coordinator' }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new Error(`the dev issuer at ${gateway}/_local/token does not answer (${cause?.code ?? (error as Error).message})`);
  }
  const body = (await response.json().catch(() => ({}))) as { token?: unknown; message?: unknown };
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(`the dev issuer refused a coordinator's token for tenant ${tenant}: ${response.status} ${typeof body.message === 'string' ? body.message : ''}`.trim());
  }
  return body.token;
}
