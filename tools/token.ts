/**
 * npm run token -- --tenant occure --role coordinator [--user EMAIL] [--url http://127.0.0.1:3000]
 *
 * Asks the running local cloud's dev issuer (POST /_local/token) for a staff token and prints
 * only the token, so that `TOKEN=$(npm run -s token -- --tenant demo --role handler)` works:
 *
 *   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/demo/...
 *
 * The URL defaults to KLACHTEN_URL, else http://127.0.0.1:$KLACHTEN_PORT (3000). Exit code 2 on
 * bad arguments, 1 when the local cloud is not running or refuses the request.
 */
import { parseArgs } from 'node:util';
import { STAFF_ROLES } from '../shared/auth/principal.ts';
import { type Io, isMain, processIo } from './tenant-check.ts';

const USAGE = `usage: npm run token -- --tenant TENANT (--role ROLE | --user EMAIL) [--url http://127.0.0.1:3000]
  roles: ${STAFF_ROLES.join(', ')}
  demo users: coordinator@, handler1@, handler2@, officer@, director@, auditor@<tenant>.example
  (list them: curl http://127.0.0.1:3000/_local/users/<tenant>)`;

export function defaultUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.KLACHTEN_URL || `http://127.0.0.1:${env.KLACHTEN_PORT || 3000}`;
}

export async function runToken(argv: readonly string[], io: Io, fetchImpl: typeof fetch = fetch, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { tenant?: string; role?: string; user?: string; url?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { tenant: { type: 'string' }, role: { type: 'string' }, user: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`token: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!values.tenant) {
    io.err(`token: --tenant is required\n${USAGE}`);
    return 2;
  }
  if (!values.role && !values.user) {
    io.err(`token: give --role or --user\n${USAGE}`);
    return 2;
  }
  const base = (values.url ?? defaultUrl(env)).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetchImpl(`${base}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: values.tenant, ...(values.role ? { role: values.role } : {}), ...(values.user ? { user: values.user } : {}) }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    io.err(`token: no local cloud answers at ${base} (${reason}). Start it with \`npm start\` in another terminal, or pass --url.`);
    return 1;
  }
  let body: { token?: string; message?: string; [key: string]: unknown };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    io.err(`token: ${base} answered ${response.status} without JSON: is that the klachtenregister local cloud?`);
    return 1;
  }
  if (!response.ok || typeof body.token !== 'string') {
    const { message, ...details } = body;
    const extra = Object.entries(details)
      .map(([key, value]) => `\n  ${key}: ${Array.isArray(value) ? value.join(', ') : JSON.stringify(value)}`)
      .join('');
    io.err(`token: ${response.status} ${message ?? 'no token in the answer'}${extra}`);
    return 1;
  }
  io.out(body.token);
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = await runToken(process.argv.slice(2), processIo);
}
