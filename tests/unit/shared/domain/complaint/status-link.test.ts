/**
 * The status link's lifecycle (shared/domain/complaint/status-link.ts), with plain fakes: when it
 * expires after the complaint became final, the one check every status route makes (replaced or
 * expired: 410), and a coordinator's reissue (the old token's pointer replaced, a new token mailed
 * through the outbox, an event recorded). Against DynamoDB Local: tests/integration/status-link.test.ts.
 */
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { statusLinkSchema } from '../../../../../shared/domain/regulation/schema.ts';
import { singleVersion } from '../../../../../shared/domain/regulation/versions.ts';
import { registerComplaint } from '../../../../../shared/domain/complaint/register-complaint.ts';
import { applyEvent } from '../../../../../shared/domain/complaint/events.ts';
import type { ComplaintRecord, OutboxEntry } from '../../../../../shared/domain/complaint/model.ts';
import { hashStatusToken, liveComplaint, reissueStatusLink, STATUS_LINK_REISSUED, statusLinkExpiry } from '../../../../../shared/domain/complaint/status-link.ts';
import { composeOutboxLetter } from '../../../../../shared/domain/letters/outbox-letter.ts';
import { ConflictError, GoneError, InvalidInputError, NotFoundError, RuleViolationError } from '../../../../../shared/domain/errors.ts';
import { complaintWrite } from '../../../../../shared/domain/complaint/complaint-write.ts';
import { FakeClock, InMemoryRegister } from '../../../../support/in-memory-register.ts';
import { InMemoryStatusLinkStore } from '../../../../support/fakes/status-links.ts';

const lookup = (token: string) => statusLinks.findStatusLink(hashStatusToken(token));

const COORDINATOR = { email: 'coordinator@demo.example', roles: ['coordinator' as const] };
const HANDLER = { email: 'handler1@demo.example', roles: ['handler' as const] };

let regulation: Regulation;
let register: InMemoryRegister;
/** The shared fake of the status links, over the register's table (a registration's link is in it). */
let statusLinks: InMemoryStatusLinkStore;
let clock: FakeClock;
const deps = () => ({ register, statusLinks, clock, regulations: singleVersion(regulation) });

beforeAll(async () => {
  regulation = await loadRegulationFile('tenants/demo.yaml');
});

beforeEach(() => {
  register = new InMemoryRegister();
  statusLinks = new InMemoryStatusLinkStore(register.table);
  // Fri 24 Apr 2026, 10:00 in Amsterdam.
  clock = new FakeClock(new Date('2026-04-24T10:00:00+02:00'));
});

async function registered(): Promise<{ complaint: ComplaintRecord; token: string }> {
  const result = await registerComplaint(deps(), { body: { complainant: { name: 'Sanne de Vries', email: 'sanne@example.com' }, description: 'Afspraak verzet.' } });
  return { complaint: result.complaint, token: result.statusToken! };
}

async function withdraw(reference: string): Promise<ComplaintRecord> {
  const current = (await register.get(reference))!;
  const applied = applyEvent(regulation, current, { type: 'withdrawn', at: clock.now(), actor: COORDINATOR.email, data: { decision: { outcome: 'withdrawn' } } });
  await register.appendEvent(complaintWrite({ regulations: singleVersion(regulation) }, applied));
  return applied.next;
}

describe('the setting statusLink.expiresAfter', () => {
  test('defaults to 12 months; takes any period longer than zero', () => {
    expect(regulation.statusLink.expiresAfter).toEqual({ unit: 'months', amount: 12 });
    expect(statusLinkSchema.parse(undefined)).toEqual({ expiresAfter: { unit: 'months', amount: 12 } });
    expect(statusLinkSchema.parse({ expiresAfter: '6 weeks' })).toEqual({ expiresAfter: { unit: 'weeks', amount: 6 } });
    for (const bad of ['same-day', '0 months', 'soon']) expect(statusLinkSchema.safeParse({ expiresAfter: bad }).success, bad).toBe(false);
    expect(statusLinkSchema.safeParse({ expiresAfter: '1 year', extra: true }).success).toBe(false);
  });
});

describe('statusLinkExpiry', () => {
  test('none while the complaint is open; the end of the local day the period after it became final', async () => {
    const { complaint } = await registered();
    expect(statusLinkExpiry(regulation, complaint)).toBeUndefined();
    const withdrawn = await withdraw(complaint.reference);
    expect(withdrawn.finalAt).toBe(clock.now().toISOString());
    // 24 Apr 2026 + 12 months: 24 Apr 2027, to its end in Amsterdam (CEST).
    expect(statusLinkExpiry(regulation, withdrawn)).toBe(new Date('2027-04-24T23:59:59+02:00').toISOString());
    const sixWeeks = { ...regulation, statusLink: { expiresAfter: { unit: 'weeks' as const, amount: 6 } } };
    expect(statusLinkExpiry(sixWeeks, withdrawn)).toBe(new Date('2026-06-05T23:59:59+02:00').toISOString());
  });
});

describe('liveComplaint: the one check behind the JSON and the page', () => {
  test('a live link gives its complaint, open or final, up to the last moment of its last day', async () => {
    const { complaint, token } = await registered();
    expect(liveComplaint(singleVersion(regulation), (await lookup(token))!, clock.now()).reference).toBe(complaint.reference);
    await withdraw(complaint.reference);
    const link = (await lookup(token))!;
    expect(liveComplaint(singleVersion(regulation), link, new Date('2027-04-24T23:59:59+02:00')).reference).toBe(complaint.reference);
  });

  test('expired: a GoneError with its key and the last day in both languages', async () => {
    const { complaint, token } = await registered();
    await withdraw(complaint.reference);
    const link = (await lookup(token))!;
    let error: unknown;
    try {
      liveComplaint(singleVersion(regulation), link, new Date('2027-04-25T00:00:00+02:00'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GoneError);
    expect(error).toMatchObject({ code: 'gone', key: 'error.gone.statusLinkExpired', params: { date: { nl: 'zaterdag 24 april 2027', en: 'Saturday, 24 April 2027' } } });
  });

  test('replaced: a GoneError that says so', () => {
    expect(() => liveComplaint(singleVersion(regulation), { replacedAt: clock.now().toISOString() }, clock.now())).toThrow(GoneError);
    try {
      liveComplaint(singleVersion(regulation), { replacedAt: clock.now().toISOString() }, clock.now());
    } catch (error) {
      expect((error as GoneError).key).toBe('error.gone.statusLinkReplaced');
    }
  });
});

describe('reissueStatusLink', () => {
  test('the old token is replaced, the new one works, is mailed to the complainant and never stored, an event records who and why', async () => {
    const { complaint, token } = await registered();
    const result = await reissueStatusLink(deps(), { reference: complaint.reference, body: { reason: 'Mail kwijt' }, actor: COORDINATOR });
    expect(result.event).toMatchObject({ type: STATUS_LINK_REISSUED, actor: COORDINATOR.email, reason: 'Mail kwijt', seq: 2 });
    // A record event: it anchors nothing and stays out of `happened`.
    expect(result.complaint.happened[STATUS_LINK_REISSUED]).toBeUndefined();
    expect(result.complaint.statusTokenHash).not.toBe(complaint.statusTokenHash);
    expect(await lookup(token)).toEqual({ replacedAt: result.event.at });

    const letters = [...register.outbox.values()].filter((e) => e.action.kind === 'email' && e.action.letter === 'notice' && e.action.eventType === STATUS_LINK_REISSUED);
    expect(letters).toHaveLength(1);
    const action = letters[0]!.action as Extract<OutboxEntry['action'], { letter: 'notice' }>;
    expect(action).toMatchObject({ to: 'sanne@example.com', recipient: 'complainant', notice: { id: 'status-link' } });
    const newToken = action.statusToken!;
    expect(hashStatusToken(newToken)).toBe(result.complaint.statusTokenHash);
    expect(JSON.stringify(result)).not.toContain(newToken);
    expect(liveComplaint(singleVersion(regulation), (await lookup(newToken))!, clock.now()).reference).toBe(complaint.reference);

    // The letter: the new link, and that the old one no longer works.
    const letter = await composeOutboxLetter({ events: (reference) => register.events(reference), statusBaseUrl: 'https://klachten.demo.example/status' }, regulation, result.complaint, action);
    expect(letter.subject).toBe(`Nieuwe link om uw klacht te volgen ${complaint.reference}`);
    expect(letter.text).toContain(`https://klachten.demo.example/status/${newToken}/pagina`);
    expect(letter.text).toContain('De vorige link werkt niet meer.');
  });

  test('twice: every earlier link is replaced', async () => {
    const { complaint, token } = await registered();
    await reissueStatusLink(deps(), { reference: complaint.reference, body: {}, actor: COORDINATOR });
    const first = (await register.get(complaint.reference))!.statusTokenHash!;
    await reissueStatusLink(deps(), { reference: complaint.reference, body: {}, actor: COORDINATOR });
    expect(register.table.tokens.get(hashStatusToken(token))?.replacedAt).toBeDefined();
    expect(register.table.tokens.get(first)?.replacedAt).toBeDefined();
    expect([...register.table.tokens.values()].filter((p) => !p.replacedAt)).toHaveLength(1);
  });

  test('refused: an expired link (422), an anonymised complaint (409), a complaint the actor may not see (404), a bad body (400)', async () => {
    const { complaint } = await registered();
    await expect(reissueStatusLink(deps(), { reference: complaint.reference, body: { reason: 'x'.repeat(501) }, actor: COORDINATOR })).rejects.toThrow(InvalidInputError);
    await expect(reissueStatusLink(deps(), { reference: complaint.reference, body: { token: 'mine' }, actor: COORDINATOR })).rejects.toThrow(InvalidInputError);
    // A handler sees only their own complaints (the route itself is the coordinator's: operationGuards).
    await expect(reissueStatusLink(deps(), { reference: complaint.reference, body: {}, actor: HANDLER })).rejects.toThrow(NotFoundError);
    await withdraw(complaint.reference);
    clock.advance(366 * 24 * 3600 * 1000);
    await expect(reissueStatusLink(deps(), { reference: complaint.reference, body: {}, actor: COORDINATOR })).rejects.toThrow(RuleViolationError);
    const current = (await register.get(complaint.reference))!;
    register.complaints.set(current.reference, { ...current, anonymisedAt: clock.now().toISOString() });
    await expect(reissueStatusLink(deps(), { reference: complaint.reference, body: {}, actor: COORDINATOR })).rejects.toThrow(ConflictError);
  });
});
