/**
 * The procedure a rehearsal drives through a tenant's stack, over HTTP as people use it: the
 * README's complaint on the public API, its status link, a file added as evidence (presigned POST,
 * checked and scanned, opened by staff through a short-lived link), the staff steps the tenant's
 * regulation needs to reach a decision and close the complaint (taken by the demo users the dev
 * issuer signs in, each step by someone who holds a role the regulation names for it), the daily
 * tools (lists with search, the dashboard, letters, the deadlines' reasons), a second complaint
 * left open while the clock travels past its deadlines (the schedules fire the deadline check,
 * the sweeper runs), the yearly report, a subject export and an erasure request.
 *
 * Every step fails with what came back, so a denied SDK call shows as the step it broke.
 */
import { newestVersion, type RegulationVersions } from '../../shared/domain/regulation/versions.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import { staffGroupFor, STEPS, type StepDefinition, type StepId } from '../../shared/domain/workflow/steps.ts';
import type { LocalCloud } from '../cloud.ts';

export type ProcedureScope = 'full' | 'intake';

export interface ProcedureOptions {
  cloud: LocalCloud;
  tenantId: string;
  regulations: RegulationVersions;
  scope?: ProcedureScope;
  log?(line: string): void;
}

export class ProcedureError extends Error {
  override name = 'ProcedureError';
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

const DAY = 24 * 3600 * 1000;

/** The README's complaint (README "With curl"). */
export const README_COMPLAINT = {
  complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' },
  description: 'Mijn afspraak werd twee keer verzet zonder bericht.',
};

export async function driveProcedure(options: ProcedureOptions): Promise<{ steps: string[]; references: string[] }> {
  const { cloud, tenantId } = options;
  const log = options.log ?? (() => undefined);
  const api = cloud.urls.api;
  const base = `${api}/${tenantId}`;
  const regulation = newestVersion(options.regulations);
  const steps: string[] = [];
  let since = Date.now();
  const done = (what: string) => {
    steps.push(what);
    log(`  ok  ${what} [${((Date.now() - since) / 1000).toFixed(1)} s]`);
    since = Date.now();
  };

  const request = async (url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, body: text && type.includes('json') ? JSON.parse(text) : text };
  };
  const expectStatus = (what: string, answer: Answer, ...statuses: number[]) => {
    if (!statuses.includes(answer.status))
      throw new ProcedureError(`${what}: ${answer.status} ${typeof answer.body === 'string' ? answer.body.slice(0, 300) : JSON.stringify(answer.body).slice(0, 600)}`);
    return answer;
  };

  // Staff: the dev issuer's demo users (tokens live an hour of local time: signed in again after travel).
  const tokens = new Map<string, string>();
  const signIn = async () => {
    tokens.clear();
    for (const user of ['coordinator', 'handler1', 'officer', 'director', 'auditor']) {
      const answer = expectStatus(
        `sign in as ${user}@${tenantId}.example`,
        await request(`${api}/_local/token`, { method: 'POST', body: { tenant: tenantId, user: `${user}@${tenantId}.example` } }),
        200,
      );
      tokens.set(user, answer.body.token as string);
    }
  };
  const as = (user: string) => tokens.get(user)!;
  const admin = (path: string) => `${base}/admin${path}`;

  // 1. The README's complaint, on the public API.
  const submitted = expectStatus(
    "POST /complaints (the README's complaint)",
    await request(`${base}/complaints`, { method: 'POST', body: README_COMPLAINT, headers: { 'Idempotency-Key': `rehearsal-${tenantId}-0001` } }),
    201,
  );
  const reference = submitted.body.reference as string;
  const statusUrl = String(submitted.body.statusUrl).replace(/^https?:\/\/[^/]+\/[^/]+\/status\//, `${base}/status/`);
  done(`submitted ${reference} on the public API (submit-complaint)`);
  if (options.scope === 'intake') {
    await cloud.drainOutboxes();
    done('delivered its outbox: letters and deadline schedules (outbox-drain)');
    return { steps, references: [reference] };
  }

  // A second complaint that stays open, for the clock travel past its deadlines.
  const open = expectStatus(
    'POST /complaints (a second one, left open)',
    await request(`${base}/complaints`, { method: 'POST', body: { complainant: { name: 'Joost Openstaand', email: 'joost@example.com' }, description: 'Niemand heeft mij teruggebeld.' } }),
    201,
  );
  done(`submitted ${open.body.reference} (left open for the deadlines)`);
  await signIn();
  done('signed in the demo staff with the dev issuer');

  // 2. Acknowledged by the letter the outbox sends.
  await cloud.drainOutboxes();
  await eventually(`${reference} acknowledged`, async () => (await request(admin(`/complaints/${reference}`), { token: as('coordinator') })).body?.status !== 'registered');
  done('acknowledged by its letter; deadline schedules made (outbox-drain, stream mapping)');
  expectStatus('GET the status link', await request(statusUrl), 200);
  done("the complainant's status link (complaint-status)");

  // 3. Evidence: a file on the status link, checked and scanned, opened by staff.
  let attachmentId: string | undefined;
  if (cloud.bucketName(tenantId)) {
    const content = Buffer.from('Bevestiging van de afspraak op 20 april, twee keer verzet.\n', 'utf8');
    const declared = expectStatus(
      'POST status/attachments',
      await request(`${statusUrl}/attachments`, { method: 'POST', body: { name: 'bevestiging.txt', contentType: 'text/plain', size: content.length } }),
      201,
    );
    const form = new FormData();
    for (const [name, value] of Object.entries(declared.body.upload.fields as Record<string, string>)) form.append(name, value);
    form.append('file', new Blob([content]), 'bevestiging.txt');
    const stored = await fetch(declared.body.upload.url as string, { method: 'POST', body: form, redirect: 'manual' });
    if (stored.status >= 300) throw new ProcedureError(`the presigned POST to the bucket: ${stored.status} ${await stored.text()}`);
    await cloud.settleFiles();
    attachmentId = declared.body.id as string;
    done('a file uploaded through the presigned POST, checked and scanned (complaint-status, attachment-check)');
    const file = await request(admin(`/complaints/${reference}/attachments/${attachmentId}`), { token: as('coordinator') });
    expectStatus('staff open the file', file, 200);
    done('staff opened it through its short-lived link (admin-attachments)');
  }

  // 4. The staff steps the regulation needs to reach a decision, then closing.
  const take = async (step: StepId, body: Record<string, unknown>, who = actorFor(regulation, step, assigned)) => {
    const answer = await request(admin(`/complaints/${reference}/${step}`), { method: 'POST', token: as(who), body });
    expectStatus(`step ${step} as ${who}`, answer, 200);
    done(`step ${step} by ${who}@ (admin-api)`);
    return answer;
  };
  let assigned = false;
  const file = async () => (await request(admin(`/complaints/${reference}`), { token: as('coordinator') })).body as { status: string; milestones?: Array<{ milestoneId: string; status: string }> };
  const required = regulation.categorySchemes.filter((scheme) => scheme.required);
  if (required.length) {
    const grounds = new Set((regulation.admissibility?.grounds ?? []).flatMap((g) => (g.when as { categories?: string[] } | undefined)?.categories ?? []));
    await take('classify', { categories: required.map((scheme) => scheme.categories.find((c) => !grounds.has(c.id))!.id) });
  }
  const involvedSignOff = regulation.signOff?.by.find((role) => perComplaint(regulation, role));
  if (involvedSignOff) await take('involvement', { person: { email: `officer@${tenantId}.example`, name: 'Olga Officer', function: 'Medewerker', involvement: 'subject' } });
  if (regulation.roleRules.some((r) => r.rule === 'assigns')) {
    await take('assign', { handler: { email: `handler1@${tenantId}.example`, name: 'Hans Behandelaar', function: 'adviseur' } });
    assigned = true;
  }
  if (metBy(regulation, 'contacted')) await take('contact', { via: 'phone', summary: 'Klager gebeld voor een toelichting.' });
  const rulings = regulation.outcomes.some((o) => o.id === 'unfounded');
  if (rulings) await take('ruling', { outcome: 'unfounded', reasoning: 'Het verzetten van de afspraak was tijdig gemeld.' });
  else await take('offer', { description: 'Een nieuwe afspraak op een moment dat de klager past.', remedies: (regulation.resolution?.remedies ?? []).slice(0, 1).map((r) => r.id) });
  if (regulation.satisfactionCheck || !rulings) await take('reaction', { satisfied: true });
  if (metBy(regulation, 'actions-recorded')) await take('actions', { actions: 'Dossier nagelopen.', result: 'Afspraken bevestigd.' });
  const signOff = regulation.signOff;
  if (signOff && (signOff.when === 'always' || signOff.when === 'resolved-satisfactorily')) {
    for (const role of signOff.by) await take('sign-off', { role }, perComplaint(regulation, role) ? 'officer' : holderOf(role));
  }
  await take('close', { finalReport: 'Eindverslag aan de klager verstuurd.' }, actorFor(regulation, 'close', assigned));
  await cloud.drainOutboxes();
  const closed = await file();
  if (closed.status !== 'closed') throw new ProcedureError(`${reference} is ${closed.status} after closing`);
  done(`${reference} decided and closed; its letters sent`);

  // 5. The daily tools.
  expectStatus('the dashboard', await request(admin('/dashboard'), { token: as('coordinator') }), 200);
  expectStatus('search by name', await request(admin('/complaints?q=de%20vries'), { token: as('coordinator') }), 200);
  done('the dashboard and a search by name (admin-lists, the search key from Secrets Manager)');
  expectStatus('the letters', await request(admin(`/complaints/${reference}/letters`), { token: as('coordinator') }), 200);
  done('the letters as sent (admin-letters)');
  expectStatus("the deadlines' reasons", await request(admin(`/complaints/${open.body.reference}/deadlines`), { token: as('coordinator') }), 200);
  done("the open complaint's deadlines with their reasons (admin-console)");
  for (const [path, fn] of [
    ['/openapi.json', 'api-docs'],
    ['/klacht', 'web-pages'],
    ['/console', 'admin-console'],
    ['/static/console.js', 'web-static'],
  ] as const) {
    expectStatus(`GET ${path}`, await request(`${base}${path}`), 200);
    done(`GET ${path} (${fn})`);
  }

  // 6. Time passes: the open complaint's deadlines come and go.
  // (A regulation whose only deadline before handling is met by the acknowledgement has none to pass: a week then.)
  const due = ((await request(admin(`/complaints/${open.body.reference}`), { token: as('coordinator') })).body.milestones as Array<{ status: string; dueAt: string }>)
    .filter((m) => m.status === 'open')
    .map((m) => Date.parse(m.dueAt));
  const now = cloud.clock.now().getTime();
  const travel = (due.length ? Math.max(...due) + DAY : now + 7 * DAY) - now;
  await cloud.clock.advance(travel);
  await cloud.fireDueSchedules();
  await cloud.sweep();
  await cloud.drainOutboxes();
  await signIn();
  const missed = (await request(admin(`/complaints/${open.body.reference}`), { token: as('coordinator') })).body as { timeline?: Array<{ type: string }> };
  if (due.length && !(missed.timeline ?? []).some((e) => e.type === 'deadline-missed' || e.type === 'target-missed'))
    throw new ProcedureError(`the clock passed ${open.body.reference}'s deadlines but no deadline-missed event was recorded`);
  done(
    due.length
      ? `the clock travelled ${Math.round(travel / DAY)} days past ${open.body.reference}'s deadlines: the schedules fired the deadline check, the escalation went out, the daily sweep ran (deadline-check, deadline-sweeper)`
      : `the clock travelled ${Math.round(travel / DAY)} days (${open.body.reference} has no open deadline under this regulation): the daily sweep ran (deadline-sweeper)`,
  );

  // 7. The yearly report.
  const year = new Date(String(submitted.body.receivedAt)).getUTCFullYear();
  expectStatus('the yearly report', await request(admin(`/reports/yearly?year=${year}`), { token: as('coordinator') }), 200);
  expectStatus('the yearly report (CSV)', await request(admin(`/reports/yearly.csv?year=${year}`), { token: as('coordinator') }), 200);
  done(`the yearly report ${year}, JSON and CSV (admin-reports)`);

  // 8. Privacy: what is known of the complainant, then erased on request.
  expectStatus('subject export', await request(admin(`/subjects/export?email=${encodeURIComponent(README_COMPLAINT.complainant.email)}`), { token: as('auditor') }), 200);
  done("the complainant's data exported (admin-privacy)");
  const erased = expectStatus(
    'erasure',
    await request(admin('/subjects/erase'), { method: 'POST', token: as('coordinator'), body: { email: README_COMPLAINT.complainant.email, reason: 'Verzoek van betrokkene (rehearsal)' } }),
    200,
  );
  if (!(erased.body.erased as string[]).includes(reference)) throw new ProcedureError(`the erasure did not anonymise ${reference}: ${JSON.stringify(erased.body)}`);
  await cloud.drainOutboxes();
  await cloud.settleFiles();
  done(`${reference} erased on request; its files deleted (admin-privacy, outbox-drain)`);
  expectStatus('the audit log', await request(admin('/audit?limit=5'), { token: as('coordinator') }), 200);
  done('the audit log (admin-privacy)');
  return { steps, references: [reference, open.body.reference as string] };
}

/** Whether a role is held per complaint by someone recorded on it (not the assigned handler). */
function perComplaint(regulation: Regulation, role: string): boolean {
  const assigns = regulation.roleRules.find((r) => r.rule === 'assigns') as { assigns?: string } | undefined;
  return regulation.roles.find((r) => r.id === role)?.assignment === 'per-complaint' && role !== 'handler' && role !== assigns?.assigns;
}

/** The demo user who holds a tenant-wide role. */
function holderOf(role: string): string {
  return (
    ({ coordinator: 'coordinator', 'complaints-officer': 'officer', director: 'director', auditor: 'auditor', handler: 'handler1' } as Record<string, string>)[staffGroupFor(role)] ?? 'coordinator'
  );
}

/** Who takes a step: the assigned handler where the regulation lets them, else a tenant-wide role holder. */
function actorFor(regulation: Regulation, step: StepId, assigned: boolean): string {
  const roles = (STEPS[step] as StepDefinition).actors(regulation).roles;
  const assigns = (regulation.roleRules.find((r) => r.rule === 'assigns') as { assigns?: string } | undefined)?.assigns;
  if (assigned && roles.some((role) => role === 'handler' || role === assigns)) return 'handler1';
  const wide = roles.find((role) => !perComplaint(regulation, role) && role !== 'handler' && role !== assigns);
  return wide ? holderOf(wide) : 'coordinator';
}

function metBy(regulation: Regulation, event: string): boolean {
  return regulation.milestones.some((m) => (m.metBy ?? []).includes(event as never));
}

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new ProcedureError(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
