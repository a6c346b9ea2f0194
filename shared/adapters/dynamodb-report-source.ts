/**
 * The yearly report's reading of the register: every report line of a year from the year index
 * (REPORT#<year>, never a scan), and the measures register. A subclass of its own so only the
 * report function carries it.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Measure } from '../domain/measures/measures.ts';
import type { ReportComplaint } from '../domain/report/figures.ts';
import type { ReportSource } from '../domain/report/yearly-report.ts';
import { formatReference } from '../domain/complaint/reference.ts';
import { YEAR_INDEX } from './table-design.ts';
import { DynamoDbComplaintRegister, toItem } from './dynamodb-register.ts';

/** Reference ranges of one year read at once (DynamoDB serves them in parallel). */
const REPORT_READ_SEGMENTS = 4;

export class DynamoDbReportSource extends DynamoDbComplaintRegister implements ReportSource {
  /**
   * The yearly report's reading: the report lines of the given reference years from the year
   * index (REPORT#<year>, never a scan), each year read in a few reference ranges at once.
   */
  async *complaintsOfYears(years: number[]): AsyncIterable<ReportComplaint[]> {
    for (const year of years) {
      const last = await this.allocatedCount(year);
      if (last < 1) continue;
      const segments = Math.min(REPORT_READ_SEGMENTS, last);
      const bounds = Array.from({ length: segments + 1 }, (_, i) => Math.floor((last * i) / segments));
      // Read the ranges concurrently; hand pages on in arrival order.
      const queue: ReportComplaint[][] = [];
      let wake: (() => void) | undefined;
      let running = segments;
      let failure: unknown;
      const readRange = async (first: number, lastInRange: number) => {
        let startKey: Record<string, any> | undefined;
        do {
          const page = await this.call(() => this.client.send(new QueryCommand({
            TableName: this.tableName,
            IndexName: YEAR_INDEX.name,
            KeyConditionExpression: `${YEAR_INDEX.partitionKey} = :partition AND ${YEAR_INDEX.sortKey} BETWEEN :first AND :last`,
            ExpressionAttributeValues: toItem({ ':partition': `REPORT#${year}`, ':first': formatReference(year, first), ':last': formatReference(year, lastInRange) }),
            ProjectionExpression: 'line',
            ExclusiveStartKey: startKey,
          })));
          startKey = page.LastEvaluatedKey;
          const lines = (page.Items ?? []).map((item) => JSON.parse(String(item.line?.S)) as ReportComplaint);
          if (lines.length) queue.push(lines);
          wake?.();
        } while (startKey);
      };
      for (let i = 0; i < segments; i += 1) {
        readRange(bounds[i]! + 1, bounds[i + 1]!).catch((error: unknown) => { failure ??= error; }).finally(() => { running -= 1; wake?.(); });
      }
      while (running > 0 || queue.length) {
        if (failure) throw failure;
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => { wake = resolve; });
      }
      if (failure) throw failure;
    }
  }

  /** References allocated in those years: what complaintsOfYears will read, at most. */
  async expectedCount(years: number[]): Promise<number> {
    const counts = await Promise.all(years.map((year) => this.allocatedCount(year)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** The whole measures register, every page. */
  async allMeasures(): Promise<Measure[]> {
    const measures: Measure[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listMeasures(200, cursor);
      measures.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return measures;
  }

}

export function withReports(register: DynamoDbComplaintRegister): DynamoDbReportSource {
  return new DynamoDbReportSource(register.client, register.tableName, register.options);
}
