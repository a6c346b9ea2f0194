/**
 * Daily safety net: escalates missed deadlines, repairs lost schedules, sends the weekly digests;
 * then the retention pass anonymises the complaints whose retention period ended.
 */
import middy from '@middy/core';
import { sweepDeadlines, type SweepReport } from '../shared/domain/complaint/sweep-deadlines.ts';
import { applyRetention } from '../shared/domain/privacy/privacy.ts';
import { deliveryContext } from '../shared/adapters/delivery-context.ts';
import { withPrivacy } from '../shared/adapters/dynamodb-privacy.ts';
import { log, requestLog } from '../shared/observability/log.ts';

const context = deliveryContext();
const privacy = { ...context, register: withPrivacy(context.register) };

type DailyReport = SweepReport & { anonymised: number; retentionSkipped: number };

async function sweep(): Promise<DailyReport> {
  // Retention does not wait for mail: a failing digest must not keep personal data past its time.
  const [deadlines, retention] = await Promise.allSettled([sweepDeadlines(context), applyRetention(privacy)]);
  if (deadlines.status === 'rejected') throw deadlines.reason;
  if (retention.status === 'rejected') throw retention.reason;
  const daily = { ...deadlines.value, anonymised: retention.value.anonymised, retentionSkipped: retention.value.skipped };
  // Counts only: no references, names or addresses in the logs.
  log.info('deadlines swept', { ...daily });
  return daily;
}

export const handler = middy<unknown, DailyReport>().use(requestLog(context.metrics)).handler(sweep);
