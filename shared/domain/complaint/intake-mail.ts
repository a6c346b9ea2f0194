/**
 * Intake's guards against using the complaint form as a mail relay (issue 19): a complaint mails
 * an acknowledgement to whatever address was typed in, so
 *
 * - the address's domain must be able to receive mail (MailDomains: MX, else A/AAAA; a null MX or
 *   a domain that does not exist cannot): otherwise a clear 400 on the address, before anything is
 *   written or counted. A resolver that fails or is slow does not refuse the complaint (`unknown`):
 *   a complaint is worth more than a letter that may bounce, and the bounce is handled (the
 *   coordinator is told);
 * - hourly caps, counted once per accepted complaint in durable counters (MailCaps) shared by
 *   every function instance: letters per recipient address (a hash of it) and per tenant. Over a
 *   cap: LimitReachedError (429 with Retry-After, until the next hour), and nothing is written.
 *
 * What the first letter says (no free text of the complainant's) is the letters' part:
 * letters/compose.ts (echoesFreeText).
 */
import { fieldProblem, InvalidInputError, LimitReachedError, type FieldProblem } from '../errors.ts';
import type { CapCounter, MailCaps, MailDomains } from '../ports.ts';
import { subjectHash } from '../privacy/subject.ts';

/** Letters the intake may cause per hour: to one recipient address, and for the whole tenant. */
export interface MailCapLimits {
  recipient: number;
  tenant: number;
}

/**
 * Five complaints an hour from one address is far more than anyone files; the tenant's 500 an hour
 * is well above the registrations-per-hour alarm (infra/constructs/observability.ts, 100), so the
 * operator hears of a flood before the cap refuses anyone.
 */
export const DEFAULT_MAIL_CAPS: MailCapLimits = { recipient: 5, tenant: 500 };

export const MAIL_CAPS_PATTERN = /^(?:recipient|tenant)=\d{1,9}(?:,(?:recipient|tenant)=\d{1,9})?$/;

/** `recipient=5,tenant=500` (per hour) -> the caps, the defaults for any not named. */
export function parseMailCaps(spec: string | undefined): MailCapLimits {
  const caps = { ...DEFAULT_MAIL_CAPS };
  if (!spec) return caps;
  if (!MAIL_CAPS_PATTERN.test(spec)) throw new Error(`MAIL_CAPS: must look like recipient=5,tenant=500 (got ${JSON.stringify(spec.slice(0, 100))})`);
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=') as ['recipient' | 'tenant', string];
    caps[name] = Math.max(1, Number(value));
  }
  return caps;
}

/** The addresses a registration mails (each at its field), for the domain check. */
export type MailedAddresses = ReadonlyArray<{ at: string; email: string }>;

/** 400 naming each address whose domain cannot receive mail; `unknown` passes (fail open). */
export async function checkMailDomains(domains: MailDomains, addresses: MailedAddresses): Promise<void> {
  const checked = await Promise.all(
    addresses.map(async ({ at, email }) => {
      const domain = email
        .slice(email.lastIndexOf('@') + 1)
        .trim()
        .toLowerCase();
      return { at, domain, answer: await domains.receivesMail(domain).catch(() => 'unknown' as const) };
    }),
  );
  const problems: FieldProblem[] = checked.filter((c) => c.answer === 'no').map((c) => fieldProblem(c.at, 'invalid_email', { domain: c.domain }, 'error.field.mailDomain'));
  if (problems.length) throw new InvalidInputError(problems);
}

/** The hour a count belongs to (UTC, `2026-12-07T19`), and the seconds until the next one. */
export function capHour(now: Date): { hour: string; secondsLeft: number } {
  const hour = now.toISOString().slice(0, 13);
  const next = Date.parse(`${hour}:00:00.000Z`) + 3_600_000;
  return { hour, secondsLeft: Math.max(1, Math.ceil((next - now.getTime()) / 1000)) };
}

/**
 * Counts one letter to each recipient (and one for the tenant) this hour, or refuses when a cap is
 * reached. Returns how to give the counts back when the registration does not happen after all.
 */
export async function takeMailCaps(caps: MailCaps, limits: MailCapLimits, recipients: readonly string[], now: Date): Promise<() => Promise<void>> {
  const { hour, secondsLeft } = capHour(now);
  const hashes = [...new Set(recipients.map((r) => subjectHash(r)))];
  const counters: CapCounter[] = [...hashes.map((hash) => ({ key: `recipient:${hash}`, cap: limits.recipient })), { key: 'tenant', cap: limits.tenant }];
  const { full } = await caps.take(hour, counters);
  if (full) {
    const minutes = Math.max(1, Math.ceil(secondsLeft / 60));
    throw new LimitReachedError({ key: full.key === 'tenant' ? 'error.limit.tenantPerHour' : 'error.limit.recipientPerHour', params: { minutes } }, secondsLeft);
  }
  return () => caps.giveBack(hour, counters).catch(() => undefined);
}
