/**
 * The yearly report's reading of the register (ReportSource): the monthly rollups of the receipt
 * years with their open lines (dynamodb-report-rollups.ts: a few hundred items a year, by Query);
 * for years without rollups and periods that are not whole months, every report line of a year
 * from the year index (REPORT#<year>, never a scan), each year read in a few reference ranges at
 * once; and the measures register. A module of its own so only the report function carries it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Measure } from '../domain/measures/measures.ts';
import type { ReportComplaint } from '../domain/report/figures.ts';
import type { ReportSource } from '../domain/report/yearly-report.ts';
import { formatReference } from '../domain/complaint/reference.ts';
import { YEAR_INDEX } from './table-design.ts';
import { DynamoDbTable, toItem } from './dynamodb-table.ts';
import { DynamoDbReferenceStore } from './dynamodb-references.ts';
import { DynamoDbMeasureStore } from './dynamodb-measures.ts';
import type { RegulationVersions } from '../domain/regulation/versions.ts';
import type { RollupsOfYears } from '../domain/report/rollup.ts';
import { backfillRollups, readRollups } from './dynamodb-report-rollups.ts';

/** Reference ranges of one year read at once (DynamoDB serves them in parallel). */
const REPORT_READ_SEGMENTS = 4;

export class DynamoDbReportSource implements ReportSource {
  private readonly table: DynamoDbTable;
  private readonly references: DynamoDbReferenceStore;
  private readonly measures: DynamoDbMeasureStore;

  constructor(client: DynamoDBClient, tableName: string) {
    this.table = new DynamoDbTable(client, tableName);
    this.references = new DynamoDbReferenceStore(this.table);
    this.measures = new DynamoDbMeasureStore(this.table);
  }

  async *complaintsOfYears(years: number[]): AsyncIterable<ReportComplaint[]> {
    // Every year's count in one round, not one round trip per year before its lines.
    const counts = await Promise.all(years.map((year) => this.references.allocatedCount(year)));
    for (const [i, year] of years.entries()) {
      const last = counts[i]!;
      if (last < 1) continue;
      const segments = Math.min(REPORT_READ_SEGMENTS, last);
      const bounds = Array.from({ length: segments + 1 }, (_, i) => Math.floor((last * i) / segments));
      // Read the ranges concurrently; hand pages on in arrival order.
      const queue: ReportComplaint[][] = [];
      let wake: (() => void) | undefined;
      let running = segments;
      let failure: unknown;
      const readRange = async (first: number, lastInRange: number) => {
        let startKey: Awaited<ReturnType<DynamoDbTable['queryPage']>>['next'];
        do {
          const page = await this.table.queryPage(
            {
              IndexName: YEAR_INDEX.name,
              KeyConditionExpression: `${YEAR_INDEX.partitionKey} = :partition AND ${YEAR_INDEX.sortKey} BETWEEN :first AND :last`,
              ExpressionAttributeValues: toItem({ ':partition': `REPORT#${year}`, ':first': formatReference(year, first), ':last': formatReference(year, lastInRange) }),
              ProjectionExpression: 'line',
            },
            startKey,
          );
          startKey = page.next;
          const lines = page.items.map((item) => JSON.parse(String(item.line)) as ReportComplaint);
          if (lines.length) queue.push(lines);
          wake?.();
        } while (startKey);
      };
      for (let i = 0; i < segments; i += 1) {
        readRange(bounds[i]! + 1, bounds[i + 1]!)
          .catch((error: unknown) => {
            failure ??= error;
          })
          .finally(() => {
            running -= 1;
            wake?.();
          });
      }
      while (running > 0 || queue.length) {
        if (failure) throw failure;
        const next = queue.shift();
        if (next) yield next;
        else
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
      }
      if (failure) throw failure;
    }
  }

  /** References allocated in those years: what complaintsOfYears will read, at most. */
  async expectedCount(years: number[]): Promise<number> {
    const counts = await Promise.all(years.map((year) => this.references.allocatedCount(year)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** The rollups of these receipt years with their open lines; undefined when they are not complete (the lines are folded then). */
  async rollupsOfYears(years: number[]): Promise<RollupsOfYears | undefined> {
    return this.table.call(() => readRollups(this.table, years));
  }

  /** Builds the rollups of receipt years from their lines (the backfill: tools/report-rollups.ts). */
  async backfillRollups(regulations: RegulationVersions, years: { fromYear: number; toYear: number }, onProgress?: (read: number) => void) {
    return backfillRollups(this.table, this, regulations, years, onProgress);
  }

  async allMeasures(): Promise<Measure[]> {
    return this.measures.allMeasures();
  }
}
