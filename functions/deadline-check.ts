/** Target of every deadline schedule: re-reads the complaint and escalates a missed milestone. */
import middy from '@middy/core';
import { checkDeadline } from '../shared/domain/complaint/check-deadline.ts';
import { tenantContext } from '../shared/adapters/tenant-context.ts';
import { log, requestLog } from '../shared/observability/log.ts';

const context = tenantContext();

async function runCheck(input: unknown): Promise<{ outcome: string }> {
  const outcome = await checkDeadline(context, input);
  log.info('deadline checked', { outcome });
  return { outcome };
}

export const handler = middy<unknown, { outcome: string }>().use(requestLog(context.metrics)).handler(runCheck);
