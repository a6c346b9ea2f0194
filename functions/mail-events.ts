/** SES bounce and complaint events (SNS): recorded on the complaint, the coordinator told. */
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { recordMailEvent, type MailEventOutcome, type SesMailEvent } from '../shared/domain/complaint/mail-events.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { log, requestLog } from '../shared/observability/log.ts';

const context = tenantContext();

async function mailEvents(event: SNSEvent): Promise<MailEventOutcome[]> {
  const outcomes: MailEventOutcome[] = [];
  for (const record of event.Records ?? []) {
    let notification: SesMailEvent;
    try {
      notification = JSON.parse(record.Sns.Message) as SesMailEvent;
    } catch {
      outcomes.push('ignored');
      continue;
    }
    outcomes.push(await recordMailEvent(context, notification));
  }
  // Outcomes only: no addresses in the log.
  log.info('mail events', { outcomes });
  return outcomes;
}

export const handler = middy<SNSEvent, MailEventOutcome[]>().use(requestLog(context.metrics)).handler(mailEvents);
