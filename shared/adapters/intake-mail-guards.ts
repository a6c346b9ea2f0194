/**
 * The intake's guards against mail relay (shared/domain/complaint/intake-mail.ts), built once per
 * cold start by the functions that register complaints (submit-complaint, web-pages): the mail
 * domain check through DNS, and the hourly mail caps on the register table.
 */
import { parseMailCaps, type MailCapLimits } from '../domain/complaint/intake-mail.ts';
import type { MailCaps, MailDomains } from '../domain/ports.ts';
import { dnsMailDomains } from './dns-mail-domains.ts';
import { DynamoDbMailCaps } from './dynamodb-mail-caps.ts';
import { tenantTable, type TenantContext } from './tenant-context.ts';

export interface IntakeMailGuards {
  mailDomains: MailDomains;
  mailCaps: { counters: MailCaps; limits: MailCapLimits };
}

export function intakeMailGuards(context: Pick<TenantContext, 'config'>): IntakeMailGuards {
  return {
    mailDomains: dnsMailDomains(context.config.DNS_SERVER),
    mailCaps: { counters: new DynamoDbMailCaps(tenantTable(context.config).client, context.config.TABLE_NAME), limits: parseMailCaps(context.config.MAIL_CAPS) },
  };
}
