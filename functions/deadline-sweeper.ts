/** Daily safety net: escalates missed deadlines, repairs lost schedules, sends the weekly digests. */
import middy from '@middy/core';
import { sweepDeadlines, type SweepReport } from '../shared/domain/complaint/sweep-deadlines.ts';
import { deliveryContext } from '../shared/adapters/delivery-context.ts';

const context = deliveryContext();

async function sweep(): Promise<SweepReport> {
  const report = await sweepDeadlines(context);
  console.log(JSON.stringify({ level: 'info', message: 'deadlines swept', ...report }));
  return report;
}

export const handler = middy<unknown, SweepReport>().handler(sweep);
