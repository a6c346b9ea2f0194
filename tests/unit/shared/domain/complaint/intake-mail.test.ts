/**
 * The intake cannot be used as a mail relay (issue 19): the mail-domain check (a domain that
 * cannot receive mail is a 400 naming the address), the hourly caps per recipient address and per
 * tenant (counted once per accepted complaint, given back when the registration fails, a replay
 * not counted; over a cap a LimitReachedError with the seconds to the next hour, and nothing
 * written), the first letter without the complainant's own words, and the outbox giving up after
 * MAX_ATTEMPTS with the failure recorded for staff. Stateful fakes of the ports, no module mocks;
 * the DNS adapter against a fake resolver and against the local DNS stand-in over UDP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Resolver } from 'node:dns/promises';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { singleVersion } from '../../../../../shared/domain/regulation/versions.ts';
import { registerComplaint, registerStaffIntake } from '../../../../../shared/domain/complaint/register-complaint.ts';
import { capHour, parseMailCaps } from '../../../../../shared/domain/complaint/intake-mail.ts';
import { deliverOutbox, MAX_ATTEMPTS } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import { InvalidInputError, LimitReachedError, ServiceUnavailableError } from '../../../../../shared/domain/errors.ts';
import type { MailDomains, OutgoingMail } from '../../../../../shared/domain/ports.ts';
import { errorResponse } from '../../../../../shared/http/middleware.ts';
import { DnsMailDomains, dnsMailDomains, type MxResolver } from '../../../../../shared/adapters/dns-mail-domains.ts';
import { defuseLinks } from '../../../../../shared/domain/letters/compose.ts';
import { startDnsLocal, type DnsLocal } from '../../../../../local/dns-local.ts';
import { FakeClock, InMemoryRegister } from '../../../../support/in-memory-register.ts';
import { InMemoryMailCaps } from '../../../../support/fakes/mail-caps.ts';

const domains: MailDomains = {
  receivesMail: async (domain) => (domain.endsWith('.invalid') || domain.startsWith('nullmx.') ? 'no' : domain.startsWith('slow.') ? 'unknown' : 'yes'),
};

let regulation: Regulation;
let register: InMemoryRegister;
let clock: FakeClock;
let caps: InMemoryMailCaps;
beforeAll(async () => {
  regulation = await loadRegulationFile('tenants/demo.yaml');
});
beforeEach(() => {
  register = new InMemoryRegister();
  clock = new FakeClock(new Date('2026-04-24T10:45:00+02:00'));
  caps = new InMemoryMailCaps();
});

const deps = (limits = { recipient: 2, tenant: 3 }) => ({
  register,
  clock,
  regulations: singleVersion(regulation),
  mailDomains: domains,
  mailCaps: { counters: caps, limits },
});
const body = (email = 'sanne@example.com', extra: Record<string, unknown> = {}) => ({ complainant: { name: 'Sanne de Vries', email }, description: 'Afspraak verzet zonder bericht.', ...extra });

describe('the mail-domain check at intake', () => {
  test('a domain that cannot receive mail is a 400 on the address, naming the domain; nothing is written or counted', async () => {
    for (const email of ['iemand@nergens.invalid', 'iemand@nullmx.example.com']) {
      const error = await registerComplaint(deps(), { body: body(email) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      const problem = (error as InvalidInputError).problems[0]!;
      expect(problem).toMatchObject({ field: 'complainant.email', code: 'invalid_email', key: 'error.field.mailDomain', params: { domain: email.split('@')[1] } });
      expect(problem.message).toBe(`the domain ${email.split('@')[1]} cannot receive e-mail; check the address`);
      expect(errorResponse(error).statusCode).toBe(400);
    }
    expect(register.complaints.size).toBe(0);
    expect(caps.table.mailCaps.size).toBe(0);
  });

  test('a domain the resolver could not answer for in time is taken (fail open)', async () => {
    expect((await registerComplaint(deps(), { body: body('iemand@slow.example.com') })).complaint.reference).toMatch(/^KL-/);
  });

  test('staff intake is checked too (a typo caught while the caller is on the phone), but not capped', async () => {
    const staff = { ...body('iemand@nergens.invalid'), channel: 'phone' };
    await expect(registerStaffIntake(deps(), { body: staff, staffEmail: 'coordinator@demo.example' })).rejects.toBeInstanceOf(InvalidInputError);
    for (let i = 0; i < 4; i++) await registerStaffIntake(deps(), { body: { ...body(), channel: 'phone' }, staffEmail: 'coordinator@demo.example' });
    expect(caps.table.mailCaps.size).toBe(0);
  });
});

describe('the hourly mail caps', () => {
  test('per recipient address (any case): the third complaint to one address in an hour is refused with the seconds to the next hour, and writes nothing', async () => {
    await registerComplaint(deps(), { body: body('sanne@example.com') });
    await registerComplaint(deps(), { body: body('Sanne@Example.com') });
    const before = register.complaints.size;
    const error = await registerComplaint(deps(), { body: body('sanne@example.com') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitReachedError);
    expect((error as LimitReachedError).retryAfterSeconds).toBe(15 * 60);
    expect((error as LimitReachedError).key).toBe('error.limit.recipientPerHour');
    const response = errorResponse(error);
    expect(response.statusCode).toBe(429);
    expect(response.headers?.['retry-after']).toBe('900');
    expect(JSON.parse(String(response.body))).toMatchObject({ error: 'too_many_requests', key: 'error.limit.recipientPerHour', params: { minutes: 15 } });
    expect(register.complaints.size).toBe(before);
    // No reference was spent on it: no void, no gap.
    expect(register.voided.size).toBe(0);
    // Another address still gets through, up to the tenant's cap; then everyone waits.
    await registerComplaint(deps(), { body: body('jan@example.com') });
    const tenant = await registerComplaint(deps(), { body: body('piet@example.com') }).catch((e: unknown) => e);
    expect((tenant as LimitReachedError).key).toBe('error.limit.tenantPerHour');
    // The next hour counts afresh.
    clock.advance(15 * 60_000);
    await registerComplaint(deps(), { body: body('sanne@example.com') });
  });

  test('a replay with the same Idempotency-Key is not counted; a registration that fails gives its count back', async () => {
    await registerComplaint(deps(), { body: body(), idempotencyKey: 'key-12345678' });
    await registerComplaint(deps(), { body: body(), idempotencyKey: 'key-12345678' });
    const hour = capHour(clock.now()).hour;
    expect(caps.count(hour, 'tenant')).toBe(1);
    const failing = Object.assign(Object.create(register), {
      register: async () => {
        throw new ServiceUnavailableError('down');
      },
    });
    await expect(registerComplaint({ ...deps(), register: failing }, { body: body() })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(caps.count(hour, 'tenant')).toBe(1);
  });

  test('counters hold a hash of the address, never the address', async () => {
    await registerComplaint(deps(), { body: body('sanne@example.com') });
    expect([...caps.table.mailCaps.keys()].join()).not.toMatch(/sanne|example/);
  });

  test('MAIL_CAPS: recipient=<n>,tenant=<n> per hour; unset the defaults; anything else refused', () => {
    expect(parseMailCaps(undefined)).toEqual({ recipient: 5, tenant: 500 });
    expect(parseMailCaps('recipient=2')).toEqual({ recipient: 2, tenant: 500 });
    expect(parseMailCaps('tenant=40,recipient=3')).toEqual({ recipient: 3, tenant: 40 });
    expect(() => parseMailCaps('recipients=2')).toThrow(/MAIL_CAPS/);
  });
});

describe('the first letter carries no free text of the complainant', () => {
  const sent: OutgoingMail[] = [];
  const mailer = {
    send: async (mail: OutgoingMail) => {
      sent.push(mail);
      return `m-${sent.length}`;
    },
  };
  const scheduler = { ensure: async () => {}, remove: async () => {} };
  beforeEach(() => {
    sent.length = 0;
  });

  test('the acknowledgement of a complaint from the form: reference, dates and link; no description, place, circumstances or name', async () => {
    const { complaint } = await registerComplaint(deps(), {
      body: body('sanne@example.com', { description: 'Kijk op https://evil.example/winactie en www.evil.example', place: 'Hoofdstraat 1', circumstances: 'Bel 0612345678 voor een prijs' }),
    });
    await deliverOutbox({ ...deps(), mailer, scheduler, statusBaseUrl: 'https://klachten.example/demo/status' });
    const ack = sent.find((m) => m.to === 'sanne@example.com')!;
    expect(ack.text).toContain(complaint.reference);
    expect(ack.text).toContain('https://klachten.example/demo/status/');
    for (const free of ['evil', 'Hoofdstraat', '0612345678', 'Sanne']) {
      expect(ack.text).not.toContain(free);
      expect(ack.html).not.toContain(free);
    }
    expect(ack.text).toContain('Geachte heer, mevrouw,');
    expect(ack.text).toContain('Uw klacht zelf herhalen wij niet in deze e-mail');
    // Staff get the complaint as it was written, its links defused.
    const notice = sent.find((m) => m.to !== 'sanne@example.com')!;
    expect(notice.text).toContain('https[:]//evil.example/winactie');
    expect(notice.text).toContain('www[.]evil.example');
    expect(notice.text).not.toContain('https://evil.example');
  });

  test('a complaint staff registered (the complainant gave them the address) is acknowledged with its summary', async () => {
    await registerStaffIntake(deps(), { body: { ...body(), channel: 'phone' }, staffEmail: 'coordinator@demo.example' });
    await deliverOutbox({ ...deps(), mailer, scheduler });
    const ack = sent.find((m) => m.to === 'sanne@example.com')!;
    expect(ack.text).toContain('Afspraak verzet zonder bericht.');
    expect(ack.text).toContain('Beste Sanne de Vries,');
  });

  test('links are made unclickable, and stay readable', () => {
    expect(defuseLinks('zie https://a.example/x, HTTP://b.example en WWW.c.example; ftp://d')).toBe('zie https[:]//a.example/x, HTTP[:]//b.example en WWW[.]c.example; ftp[:]//d');
    expect(defuseLinks('Afspraak om 10.00 uur, kamer 2.3')).toBe('Afspraak om 10.00 uur, kamer 2.3');
  });
});

describe('the outbox gives up after MAX_ATTEMPTS', () => {
  test('the last failed attempt settles the entry, records letter-failed on the complaint and tells the coordinator', async () => {
    const { complaint } = await registerComplaint(deps(), { body: body() });
    const key = [...register.outbox.keys()].find((k) => k.includes('mail-acknowledgement-complainant'))!;
    register.outbox.get(key)!.attempts = MAX_ATTEMPTS - 2;
    const refusing = {
      send: async (mail: OutgoingMail) => {
        if (mail.to === 'sanne@example.com') throw new Error('MessageRejected: refused');
        return 'm-1';
      },
    };
    const scheduler = { ensure: async () => {}, remove: async () => {} };
    await deliverOutbox({ ...deps(), mailer: refusing, scheduler });
    expect(register.outbox.get(key)).toMatchObject({ state: 'pending', attempts: MAX_ATTEMPTS - 1 });
    clock.advance(16 * 60_000);
    await deliverOutbox({ ...deps(), mailer: refusing, scheduler });
    expect(register.outbox.get(key)).toMatchObject({ state: 'done' });
    expect(register.outbox.get(key)!.detail).toMatch(new RegExp(`^given up after ${MAX_ATTEMPTS} attempts: Error: MessageRejected`));
    const failed = (await register.events(complaint.reference)).find((e) => e.type === 'letter-failed')!;
    expect(failed).toMatchObject({ actor: 'system', data: { letter: 'acknowledgement', recipient: 'complainant', to: 'sanne@example.com', attempts: MAX_ATTEMPTS } });
    const alert = [...register.outbox.values()].find((e) => e.action.kind === 'email' && e.action.letter === 'delivery-problem')!;
    expect(alert.action).toMatchObject({ letter: 'delivery-problem', recipient: 'sanne@example.com', problem: 'failed' });
    // Nothing is tried again: a further pass leaves it alone.
    clock.advance(60 * 60_000);
    const sentTo: string[] = [];
    await deliverOutbox({
      ...deps(),
      mailer: {
        send: async (mail: OutgoingMail) => {
          sentTo.push(mail.to);
          return 'm-2';
        },
      },
      scheduler,
    });
    expect(sentTo).not.toContain('sanne@example.com');
    expect(sentTo.length).toBeGreaterThan(0);
  });
});

describe('the DNS adapter', () => {
  const fake = (answers: Partial<Record<'mx' | 'a' | 'aaaa', unknown[] | string>>): MxResolver => {
    const reply = (value: unknown[] | string | undefined) => async () => {
      if (value === undefined) throw Object.assign(new Error('no data'), { code: 'ENODATA' });
      if (typeof value === 'string') throw Object.assign(new Error(value), { code: value });
      return value as never;
    };
    return { resolveMx: reply(answers.mx), resolve4: reply(answers.a), resolve6: reply(answers.aaaa) } as unknown as MxResolver;
  };

  test('MX records: yes; the null MX: no; no MX but an address (implicit MX): yes; nothing, or no such domain: no', async () => {
    expect(await new DnsMailDomains(fake({ mx: [{ exchange: 'mx.a.example', priority: 10 }] })).receivesMail('a.example')).toBe('yes');
    expect(await new DnsMailDomains(fake({ mx: [{ exchange: '', priority: 0 }] })).receivesMail('a.example')).toBe('no');
    expect(await new DnsMailDomains(fake({ a: ['192.0.2.1'] })).receivesMail('a.example')).toBe('yes');
    expect(await new DnsMailDomains(fake({ aaaa: ['2001:db8::1'] })).receivesMail('a.example')).toBe('yes');
    expect(await new DnsMailDomains(fake({})).receivesMail('a.example')).toBe('no');
    expect(await new DnsMailDomains(fake({ mx: 'ENOTFOUND', a: 'ENOTFOUND', aaaa: 'ENOTFOUND' })).receivesMail('a.example')).toBe('no');
  });

  test('a resolver that fails or is slow: unknown (fail open)', async () => {
    expect(await new DnsMailDomains(fake({ mx: 'ESERVFAIL' })).receivesMail('a.example')).toBe('unknown');
    expect(await new DnsMailDomains(fake({ mx: 'ETIMEOUT' })).receivesMail('a.example')).toBe('unknown');
    expect(await new DnsMailDomains(fake({ a: 'ECONNREFUSED' })).receivesMail('a.example')).toBe('unknown');
    const never = { resolveMx: () => new Promise(() => {}), resolve4: () => new Promise(() => {}), resolve6: () => new Promise(() => {}) } as unknown as MxResolver;
    const started = Date.now();
    expect(await new DnsMailDomains(never, 100).receivesMail('a.example')).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  describe('against the local DNS stand-in, over UDP (as the local cloud runs it)', () => {
    let dns: DnsLocal;
    beforeAll(async () => {
      dns = await startDnsLocal();
    });
    afterAll(async () => {
      await dns?.stop();
    });

    test('the zone: example domains receive; .invalid, a null MX and a name without records do not; an A-only name does; SERVFAIL is unknown', async () => {
      const adapter = dnsMailDomains(dns.server, 1000);
      expect(await adapter.receivesMail('example.com')).toBe('yes');
      expect(await adapter.receivesMail('demo.example')).toBe('yes');
      expect(await adapter.receivesMail('nergens.invalid')).toBe('no');
      expect(await adapter.receivesMail('nullmx.example.com')).toBe('no');
      expect(await adapter.receivesMail('nomail.example.com')).toBe('no');
      expect(await adapter.receivesMail('aonly.example.com')).toBe('yes');
      expect(await adapter.receivesMail('servfail.example.com')).toBe('unknown');
      const resolver = new Resolver();
      resolver.setServers([dns.server]);
      expect(await resolver.resolveMx('Demo.Example')).toEqual([{ exchange: 'mx.demo.example', priority: 10 }]);
    });

    test('nobody listening: unknown', async () => {
      const gone = await startDnsLocal();
      await gone.stop();
      expect(await dnsMailDomains(gone.server, 300).receivesMail('example.com')).toBe('unknown');
    });
  });
});
