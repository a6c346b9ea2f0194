/**
 * The smoke test of one running tenant (`npm run smoke`, tools/smoke.ts), end to end through its
 * public and staff API, against a deployed stack or the local cloud alike:
 *
 *   form page    GET <api>/klacht answers 200 with the HTML form
 *   staff token  the coordinator's token is accepted (before anything is sent: without it the
 *                test complaint could not be erased, so none is sent)
 *   complaint    POST <api>/complaints registers a complaint marked as a smoke test, from SES's
 *                mailbox simulator (success+smoke-<run>@simulator.amazonses.com: the letters to it
 *                are accepted and go nowhere)
 *   schedule     its deadline-check schedule exists in the tenant's schedule group (GetSchedule)
 *   status link  the private status link's JSON names the complaint
 *   staff read   the coordinator reads the complaint's file
 *   clean-up     the complaint is withdrawn, its schedules are gone, it is erased (the subject's
 *                erasure, admin-privacy): the status link answers 404, the file holds no personal
 *                data. What stays is what anonymisation keeps of any complaint (its reference,
 *                dates, status) and the audit line of the erasure.
 *
 * The checks take their endpoints and clients (SmokeTarget), so tests run them against a local
 * cloud they start, with a stopped Scheduler emulator or a wrong tenant.
 */
import { randomBytes } from 'node:crypto';
import { GetScheduleCommand, ResourceNotFoundException, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { principalFromClaims } from '../../shared/auth/principal.ts';
import { scheduleName } from '../../shared/domain/regulation/schedule-names.ts';

export interface SmokeTarget {
  tenant: string;
  /** The tenant's API: `http://127.0.0.1:3000/demo` on the local cloud, the stack's `ApiUrl` in AWS. */
  api: string;
  /** Where the deadline schedules are: a client (EventBridge Scheduler, or the emulator by endpoint), the tenant's group, and how to name it in a message. */
  scheduler: { client: SchedulerClient; group: string; where: string };
  /** A coordinator's token for the staff API (the dev issuer locally; given in AWS). */
  staffToken(): Promise<string>;
  /** Said when the API does not answer at all ("is `npm start` running?"). */
  unreachableHint?: string;
}

export interface SmokeOptions {
  fetch?: typeof fetch;
  /** Names this run in the complaint, its address, its Idempotency-Key and the audit log. Default: random. */
  runId?: string;
  now?: () => Date;
  /** How long the complaint's schedule may take to appear (the outbox creates it). Default 60 s. */
  scheduleTimeoutMs?: number;
  /** How long the withdrawn complaint's schedules may take to go. Default 60 s. */
  cleanupTimeoutMs?: number;
  pollMs?: number;
  /** Per HTTP request. Default 15 s. */
  requestTimeoutMs?: number;
  /** Told of each check as it ends (the CLI prints it then). */
  onCheck?(result: CheckResult): void;
}

export const CHECKS = ['form page', 'staff token', 'complaint', 'schedule', 'status link', 'staff read', 'clean-up'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface CheckResult {
  check: CheckName;
  ok: boolean;
  /** What was seen (ok) or why it failed, in one line. */
  detail: string;
}

export interface SmokeReport {
  ok: boolean;
  checks: CheckResult[];
  /** The test complaint, when one was registered. */
  reference?: string;
  /** The address it was sent from (the mailbox simulator, labelled with the run). */
  email: string;
  /** True when the clean-up erased it. */
  erased: boolean;
}

/** SES's mailbox simulator: mail to it is accepted and delivered nowhere. A label keeps each run's subject apart. */
export const simulatorAddress = (runId: string) => `success+smoke-${runId}@simulator.amazonses.com`;

/** The test complaint: clearly a smoke test to anyone who sees it before it is erased (the coordinator's notice, a webhook). */
export function smokeComplaint(runId: string, now: Date) {
  return {
    complainant: { name: `Rooktest ${runId} (smoke test)`, email: simulatorAddress(runId), language: 'nl' as const },
    description: `ROOKTEST / SMOKE TEST, geen echte klacht. Ingediend door \`npm run smoke\` (run ${runId}) op ${now.toISOString()}; wordt meteen ingetrokken en gewist.`,
  };
}

/** Runs every check in order; a failed check never stops the clean-up of a registered complaint. */
export async function runSmoke(target: SmokeTarget, options: SmokeOptions = {}): Promise<SmokeReport> {
  const runId = options.runId ?? `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 500;
  const http = httpClient(options.fetch ?? fetch, options.requestTimeoutMs ?? 15_000);
  const api = target.api.replace(/\/+$/, '');
  const email = simulatorAddress(runId);
  const checks: CheckResult[] = [];
  const report = (): SmokeReport => ({ ok: checks.length === CHECKS.length && checks.every((c) => c.ok), checks, email, erased, ...(reference ? { reference } : {}) });
  const record = (check: CheckName, ok: boolean, detail: string) => {
    const result = { check, ok, detail };
    checks.push(result);
    options.onCheck?.(result);
    return ok;
  };
  const notRun = (why: string) => {
    for (const check of CHECKS.slice(checks.length)) record(check, false, `not run: ${why}`);
  };
  let reference: string | undefined;
  let erased = false;

  // 1. The hosted form page.
  const formUrl = `${api}/klacht`;
  try {
    const page = await http(formUrl, { headers: { accept: 'text/html' } });
    if (page.status === 200 && page.type.startsWith('text/html') && /<form[\s>]/i.test(page.text)) {
      record('form page', true, `200 ${page.type.split(';')[0]}, ${(page.text.length / 1024).toFixed(1)} KB with the complaint form (${formUrl})`);
    } else {
      record('form page', false, page.status === 200 ? `200 but no HTML form (${page.type || 'no content type'}) at ${formUrl}` : wrongAnswer(page, formUrl, target.tenant));
    }
  } catch (error) {
    record('form page', false, `${messageOf(error)}${error instanceof Unreachable && target.unreachableHint ? `: ${target.unreachableHint}` : ''}`);
    if (error instanceof Unreachable) {
      notRun('the API does not answer');
      return report();
    }
  }

  // 2. The coordinator's token, before anything is sent: only a coordinator may erase the test complaint.
  let token: string;
  try {
    token = await target.staffToken();
    const principal = claimsOf(token);
    if (principal && !principal.roles.includes('coordinator')) {
      throw new Error(
        `the token is ${principal.email ?? principal.subject}'s, whose roles are ${principal.roles.join(', ') || 'none'}: the clean-up (withdrawal and erasure) needs a coordinator's token`,
      );
    }
    // The audit log is the coordinator's and the privacy function's: the same function that erases.
    const audit = await http(`${api}/admin/audit?limit=1`, { token });
    if (audit.status !== 200) throw new Error(`the staff API refused the token: ${wrongAnswer(audit, `${api}/admin/audit`, target.tenant)}`);
    record('staff token', true, `coordinator ${principal?.email ?? principal?.subject ?? ''}, accepted by the staff API`.replace(/\s+,/, ','));
  } catch (error) {
    record('staff token', false, messageOf(error));
    notRun(error instanceof Unreachable ? 'the API does not answer' : "without a coordinator's token the test complaint could not be erased, so none was sent");
    return report();
  }

  // 3. A complaint through the public API. One retry with the same Idempotency-Key: never two complaints.
  let statusUrl: string | undefined;
  let deadlines: Array<{ milestone: string; due: string }> = [];
  try {
    const request = { method: 'POST', body: smokeComplaint(runId, now()), headers: { 'idempotency-key': `smoke-${runId}` } };
    const answer = await http(`${api}/complaints`, request).catch((error: unknown) => {
      if (error instanceof Unreachable) return http(`${api}/complaints`, request);
      throw error;
    });
    if ((answer.status !== 201 && answer.status !== 200) || typeof answer.json?.reference !== 'string') {
      throw new Error(wrongAnswer(answer, `POST ${api}/complaints`, target.tenant));
    }
    reference = answer.json.reference as string;
    statusUrl = typeof answer.json.statusUrl === 'string' ? answer.json.statusUrl : undefined;
    deadlines = Array.isArray(answer.json.deadlines) ? answer.json.deadlines : [];
    record('complaint', true, `${reference} registered (${answer.status}) from ${email}; deadlines: ${deadlines.map((d) => `${d.milestone} ${d.due}`).join(', ') || 'none'}`);
  } catch (error) {
    record('complaint', false, messageOf(error));
    notRun('no complaint was registered');
    return report();
  }
  const fileUrl = `${api}/admin/complaints/${encodeURIComponent(reference)}`;
  // Every schedule the complaint may have had: a check and a reminder per milestone (clean-up waits for them all to go).
  const milestoneIds = new Set(deadlines.map((d) => d.milestone));
  const scheduleNames = () => [...milestoneIds].flatMap((id) => [scheduleName(reference!, id, 'check'), scheduleName(reference!, id, 'remind')]);

  // 4. The deadline-check schedule of each milestone still open, as the outbox created it. A
  //    milestone met in the meantime (the acknowledgement, by its letter) has none, rightly.
  try {
    let open: string[] = [];
    const found = await poll(options.scheduleTimeoutMs ?? 60_000, pollMs, async () => {
      const file = await http(fileUrl, { token });
      if (file.status !== 200 || !Array.isArray(file.json?.milestones)) throw new Error(`reading its deadlines: ${wrongAnswer(file, fileUrl, target.tenant)}`);
      const milestones = file.json.milestones as Array<{ milestoneId: string; status: string }>;
      for (const m of milestones) milestoneIds.add(m.milestoneId);
      open = milestones.filter((m) => m.status === 'open').map((m) => m.milestoneId);
      for (const id of open) {
        const name = scheduleName(reference!, id, 'check');
        const schedule = await getSchedule(target.scheduler, name);
        if (schedule) return { kind: 'scheduled' as const, name, ...schedule };
      }
      if (open.length) return undefined;
      // Nothing open: nothing to schedule. The Scheduler must still answer for the tenant's group.
      await getSchedule(target.scheduler, scheduleName(reference!, milestones[0]?.milestoneId ?? 'acknowledgement', 'check'));
      return { kind: 'nothing-open' as const, milestones: milestones.map((m) => `${m.milestoneId} ${m.status}`) };
    });
    if (!found)
      throw new Error(
        `no deadline-check schedule of ${reference} in group ${target.scheduler.group} of ${target.scheduler.where} after ${seconds(options.scheduleTimeoutMs ?? 60_000)} (looked for ${open.map((id) => scheduleName(reference!, id, 'check')).join(', ')}): is the outbox drain running?`,
      );
    if (found.kind === 'nothing-open') {
      record(
        'schedule',
        true,
        `no deadline of ${reference} is open any more (${found.milestones.join(', ') || 'none'}), so none is scheduled; ${target.scheduler.where} answered for group ${target.scheduler.group}`,
      );
    } else {
      const input = parseJson(found.input);
      if (input?.reference !== reference) throw new Error(`${found.name} exists but its input names ${JSON.stringify(input?.reference)}, not ${reference}`);
      record('schedule', true, `${found.name} in group ${target.scheduler.group} (${target.scheduler.where}), ${found.expression ?? 'no expression'} ${found.timeZone ?? ''}`.trimEnd());
    }
  } catch (error) {
    record('schedule', false, messageOf(error));
  }

  // 5. The private status link, as JSON.
  try {
    if (!statusUrl) throw new Error('the registration gave no status link (is STATUS_BASE_URL set on submit-complaint?)');
    const status = await http(statusUrl, { headers: { accept: 'application/json' } });
    if (status.status !== 200 || status.json?.reference !== reference) throw new Error(wrongAnswer(status, redact(statusUrl), target.tenant));
    record('status link', true, `200, ${reference} is "${status.json.status}" (${redact(statusUrl)})`);
  } catch (error) {
    record('status link', false, messageOf(error));
  }

  // 6. The complaint's file, read by staff.
  try {
    const file = await http(fileUrl, { token });
    if (file.status !== 200 || file.json?.reference !== reference) throw new Error(wrongAnswer(file, fileUrl, target.tenant));
    if (!JSON.stringify(file.json).includes(runId)) throw new Error(`${reference} is not the smoke test's complaint (its file does not mention run ${runId})`);
    record('staff read', true, `200, ${reference} "${file.json.status}" with ${Array.isArray(file.json.timeline) ? file.json.timeline.length : '?'} events`);
  } catch (error) {
    record('staff read', false, messageOf(error));
  }

  // 7. Withdraw, wait for its schedules to go (anonymising first would drop the outbox entries
  //    that delete them), erase, and see that nothing of it answers any more.
  const done: string[] = [];
  const problems: string[] = [];
  try {
    const withdrawal = await http(`${fileUrl}/withdraw`, { method: 'POST', token, body: { reason: `Rooktest ${runId}: meteen ingetrokken` } });
    if (withdrawal.status !== 200) throw new Error(`withdrawal: ${wrongAnswer(withdrawal, `${fileUrl}/withdraw`, target.tenant)}`);
    done.push('withdrawn');
    const names = scheduleNames();
    let left: string[] = names;
    try {
      const gone = await poll(options.cleanupTimeoutMs ?? 60_000, pollMs, async () => {
        left = [];
        for (const name of names) if (await getSchedule(target.scheduler, name)) left.push(name);
        return left.length === 0;
      });
      if (gone) done.push('its schedules gone');
      else problems.push(`its schedules are still there after ${seconds(options.cleanupTimeoutMs ?? 60_000)}: ${left.join(', ')}`);
    } catch (error) {
      // Erase all the same (the personal data must go); say what could not be confirmed.
      problems.push(`could not confirm its schedules are gone: ${messageOf(error)}`);
    }
    const erasure = await http(`${api}/admin/subjects/erase`, { method: 'POST', token, body: { email, reason: `Rooktest (npm run smoke) run ${runId}: testgegevens wissen` } });
    if (erasure.status !== 200) throw new Error(`erasure: ${wrongAnswer(erasure, `${api}/admin/subjects/erase`, target.tenant)}`);
    const refused = (erasure.json?.notErased as Array<{ reference: string; why: string }> | undefined)?.find((n) => n.reference === reference);
    if (refused) throw new Error(`not erased: ${refused.why}`);
    if (!(erasure.json?.erased as string[] | undefined)?.includes(reference)) throw new Error(`the erasure did not find it (erased: ${JSON.stringify(erasure.json?.erased ?? [])})`);
    erased = true;
    done.push('erased');
    if (statusUrl) {
      const status = await http(statusUrl, { headers: { accept: 'application/json' } });
      if (status.status === 404) done.push('status link 404');
      else problems.push(`the status link still answers ${status.status} after the erasure`);
    }
    const file = await http(fileUrl, { token });
    if (file.status !== 200 || !file.json?.anonymisedAt) problems.push(`the file is not anonymised after the erasure: ${wrongAnswer(file, fileUrl, target.tenant)}`);
    else if (JSON.stringify(file.json).includes(runId) || JSON.stringify(file.json).toLowerCase().includes(email.toLowerCase()))
      problems.push("the anonymised file still holds the smoke test's name, address or text");
    else done.push('file anonymised');
  } catch (error) {
    problems.push(messageOf(error));
  }
  const manual = erased ? '' : ` Erase it by hand: withdraw ${reference}, then erase the subject ${email} (docs/deploy.md, "Smoke test after a deploy").`;
  const seen = [done.join(', '), ...problems].filter(Boolean).join('; ');
  record('clean-up', problems.length === 0, `${reference} ${seen}${problems.length ? '.' : ''}${manual}`);
  return report();
}

/** One line per check, as the CLI prints them. */
export function formatCheck(result: CheckResult): string {
  return `${result.ok ? '✓' : '✗'} ${result.check.padEnd(12)}${result.detail}`;
}

// --- HTTP -------------------------------------------------------------------------------------------

/** The API did not answer at all: the checks after it cannot run either. */
export class Unreachable extends Error {
  override readonly name = 'Unreachable';
}

interface Answer {
  status: number;
  type: string;
  text: string;
  json?: any;
}

function httpClient(fetchImpl: typeof fetch, timeoutMs: number) {
  return async (url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: init.method ?? 'GET',
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    } catch (error) {
      throw new Unreachable(`no answer from ${redact(url)} (${networkReason(error, timeoutMs)})`);
    }
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, type, text, ...(type.includes('json') ? { json: parseJson(text) } : {}) };
  };
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `nothing within ${seconds(timeoutMs)}`;
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}

/** A failed answer in one line: status, the API's own message, and what it likely means. */
function wrongAnswer(answer: Answer, what: string, tenant: string): string {
  const said = errorText(answer);
  const base = `${answer.status}${said ? ` ${said}` : ''} from ${what}`;
  // The local gateway lists the tenants it runs when asked for another.
  if (answer.status === 404 && Array.isArray(answer.json?.tenants)) return `${base}: this local cloud does not run tenant "${tenant}" (it runs ${answer.json.tenants.join(', ')})`;
  if (answer.status === 404 && /\/klacht$/.test(what)) return `${base}: is this the URL of tenant ${tenant}'s API (the stack's ApiUrl output)?`;
  if (answer.status === 401) return `${base}: the token is expired, malformed or not from tenant ${tenant}'s user pool`;
  if (answer.status === 403) return `${base}: the token's user may not do this (a coordinator is needed)`;
  return base;
}

function errorText(answer: Answer): string {
  const json = answer.json as { message?: unknown; error?: unknown } | undefined;
  const text = typeof json?.message === 'string' ? json.message : typeof json?.error === 'string' ? json.error : answer.json ? '' : answer.text.slice(0, 120).replace(/\s+/g, ' ').trim();
  return text;
}

/** A status link is a secret: print it without its token. */
function redact(url: string): string {
  return url.replace(/\/status\/[^/?#]+/, '/status/<token>');
}

function parseJson(text: string | undefined): any {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The staff roles a JWT claims (read, not verified: the API verifies it); undefined for a token that is not a JWT. */
function claimsOf(token: string): ReturnType<typeof principalFromClaims> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  const claims = parseJson(Buffer.from(payload, 'base64url').toString('utf8'));
  return claims && typeof claims.sub === 'string' ? principalFromClaims(claims, '') : undefined;
}

// --- Scheduler --------------------------------------------------------------------------------------

/** The schedule, or undefined when there is none by that name; any other failure says where it happened. */
async function getSchedule(scheduler: SmokeTarget['scheduler'], name: string): Promise<{ input?: string; expression?: string; timeZone?: string } | undefined> {
  try {
    const schedule = await scheduler.client.send(new GetScheduleCommand({ Name: name, GroupName: scheduler.group }));
    return {
      ...(schedule.Target?.Input !== undefined ? { input: schedule.Target.Input } : {}),
      ...(schedule.ScheduleExpression ? { expression: schedule.ScheduleExpression } : {}),
      ...(schedule.ScheduleExpressionTimezone ? { timeZone: schedule.ScheduleExpressionTimezone } : {}),
    };
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as { name?: string }).name === 'ResourceNotFoundException') {
      // A missing group is not a missing schedule: the stack is not this tenant's, or not deployed.
      if (/group/i.test((error as Error).message))
        throw new Error(`${scheduler.where}: ${(error as Error).message} (is tenant ${scheduler.group.replace(/^klachten-/, '')} deployed in this account and region?)`);
      return undefined;
    }
    throw new Error(`GetSchedule ${name} failed at ${scheduler.where}: ${schedulerReason(error)}`);
  }
}

function schedulerReason(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? '')) return 'not reachable (ECONNREFUSED): is it running?';
  if (e.name === 'CredentialsProviderError' || /credential/i.test(e.message ?? ''))
    return `no AWS credentials (${e.message}); the smoke test needs scheduler:GetSchedule on the tenant's schedule group`;
  if (e.name === 'AccessDeniedException') return `access denied (${e.message}); the smoke test needs scheduler:GetSchedule on the tenant's schedule group`;
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}

// --- helpers ----------------------------------------------------------------------------------------

async function poll<T>(timeoutMs: number, intervalMs: number, probe: () => Promise<T | undefined | false>): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
