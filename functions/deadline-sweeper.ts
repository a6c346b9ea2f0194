/**
 * Daily safety net: escalates missed deadlines, repairs lost schedules, sends the weekly digests;
 * then the retention pass anonymises the complaints whose retention period ended.
 */
import middy from '@middy/core';
import { sweepDeadlines, type SweepReport } from '../shared/domain/complaint/sweep-deadlines.ts';
import { applyRetention } from '../shared/domain/privacy/privacy.ts';
import { deliveryContext } from '../shared/adapters/delivery-context.ts';
import { DynamoDbPrivacyStore } from '../shared/adapters/dynamodb-privacy.ts';
import { DynamoDbLetterStore } from '../shared/adapters/dynamodb-letters.ts';
import { DynamoDbComplaintLists } from '../shared/adapters/dynamodb-listing.ts';
import { DynamoDbDigestStore } from '../shared/adapters/dynamodb-status-links.ts';
import { tenantTable } from '../shared/adapters/tenant-context.ts';
import { log, requestLog } from '../shared/observability/log.ts';

const context = deliveryContext();
const table = tenantTable();
const lists = new DynamoDbComplaintLists(table);
const digests = new DynamoDbDigestStore(table);
// The sweep's register: the complaints, with the lists it reads and the digests it marks.
const sweepDeps = {
  ...context,
  register: {
    get: context.register.get,
    appendEvent: context.register.appendEvent,
    list: (query: Parameters<typeof lists.list>[0]) => lists.list(query),
    claimDigest: (week: string, recipient: string, now: Date, leaseUntil: Date) => digests.claimDigest(week, recipient, now, leaseUntil),
    completeDigest: (week: string, recipient: string, detail: string) => digests.completeDigest(week, recipient, detail),
    releaseDigest: (week: string, recipient: string) => digests.releaseDigest(week, recipient),
  },
};
const privacy = { ...context, privacy: new DynamoDbPrivacyStore(table), letters: new DynamoDbLetterStore(table), files: context.attachments };

type DailyReport = SweepReport & { anonymised: number; retentionSkipped: number };

async function sweep(): Promise<DailyReport> {
  // Retention does not wait for mail: a failing digest must not keep personal data past its time.
  const [deadlines, retention] = await Promise.allSettled([sweepDeadlines(sweepDeps), applyRetention(privacy)]);
  if (deadlines.status === 'rejected') throw deadlines.reason;
  if (retention.status === 'rejected') throw retention.reason;
  const daily = { ...deadlines.value, anonymised: retention.value.anonymised, retentionSkipped: retention.value.skipped };
  // Counts only: no references, names or addresses in the logs.
  log.info('deadlines swept', { ...daily });
  return daily;
}

export const handler = middy<unknown, DailyReport>().use(requestLog(context.metrics)).handler(sweep);
