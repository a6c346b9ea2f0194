/**
 * MailDomains through DNS (node:dns/promises): a domain receives mail when it has MX records, or,
 * without any (RFC 5321 5.1, the implicit MX), an A or AAAA record. It cannot when it does not
 * exist (NXDOMAIN), when it has neither, or when its only MX is the null MX `0 .` (RFC 7505).
 *
 * Fail open: a resolver that times out, fails (SERVFAIL, refused, unreachable) or answers
 * something unexpected gives `unknown`, and intake takes the address. Refusing complaints whenever
 * DNS has a bad minute would cost real complaints; a letter to a bad address bounces, and a
 * bounce is recorded and its coordinator told. Each lookup is bounded (`timeoutMs` per query, one
 * try, and `timeoutMs` for the whole check), within the intake function's time limit.
 *
 * The resolver: the system's (in Lambda, the VPC's or AWS's), or the server in DNS_SERVER
 * (`host:port`; the local cloud's stand-in, local/dns-local.ts, which answers from a fixed zone).
 */
import { Resolver } from 'node:dns/promises';
import type { MailDomains } from '../domain/ports.ts';

/** The resolver calls this adapter makes (a node:dns/promises Resolver has them). */
export type MxResolver = Pick<Resolver, 'resolveMx' | 'resolve4' | 'resolve6'>;

/** The answers that mean "no such records" rather than "could not find out". */
const NO_RECORDS = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

export class DnsMailDomains implements MailDomains {
  constructor(
    private readonly resolver: MxResolver,
    private readonly timeoutMs = 2_000,
  ) {}

  async receivesMail(domain: string): Promise<'yes' | 'no' | 'unknown'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'unknown'>((resolve) => {
      timer = setTimeout(() => resolve('unknown'), this.timeoutMs);
    });
    try {
      return await Promise.race([this.lookUp(domain.toLowerCase()), timeout]);
    } catch {
      return 'unknown';
    } finally {
      clearTimeout(timer);
    }
  }

  private async lookUp(domain: string): Promise<'yes' | 'no' | 'unknown'> {
    const mx = await answer(() => this.resolver.resolveMx(domain));
    if (mx === 'failed') return 'unknown';
    if (mx !== 'none' && mx.length > 0) {
      // The null MX: one record whose exchange is the root (c-ares gives '' for '.').
      const usable = mx.filter((r) => r.exchange !== '' && r.exchange !== '.');
      return usable.length > 0 ? 'yes' : 'no';
    }
    // No MX at all: the domain's own address is its mail exchanger (implicit MX).
    const [v4, v6] = await Promise.all([answer(() => this.resolver.resolve4(domain)), answer(() => this.resolver.resolve6(domain))]);
    if ((v4 !== 'none' && v4 !== 'failed' && v4.length) || (v6 !== 'none' && v6 !== 'failed' && v6.length)) return 'yes';
    return v4 === 'failed' || v6 === 'failed' ? 'unknown' : 'no';
  }
}

/** A lookup's records; `none` when the name or the records do not exist; `failed` when it could not be found out. */
async function answer<T>(lookup: () => Promise<T[]>): Promise<T[] | 'none' | 'failed'> {
  try {
    return await lookup();
  } catch (error) {
    return NO_RECORDS.has((error as { code?: string }).code ?? '') ? 'none' : 'failed';
  }
}

/**
 * The adapter as the functions build it: the system resolver, or DNS_SERVER (`host:port`), one
 * try per query within the time limit.
 */
export function dnsMailDomains(server: string | undefined, timeoutMs = 2_000): DnsMailDomains {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (server) resolver.setServers([server]);
  return new DnsMailDomains(resolver, timeoutMs);
}
