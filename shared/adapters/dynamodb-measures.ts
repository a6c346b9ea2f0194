/** MeasureStore on the register table: MEASURE#<id>, listed newest first by the status index (MEASURES). */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../domain/errors.ts';
import type { Measure, MeasureStore } from '../domain/measures/measures.ts';
import { STATUS_INDEX } from './table-design.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';
import { measureItem, stripKeys } from './dynamodb-items.ts';
import { decodeCursor, encodeCursor } from './dynamodb-cursor.ts';

export class DynamoDbMeasureStore implements MeasureStore {
  constructor(private readonly table: DynamoDbTable) {}

  async putMeasure(measure: Measure): Promise<void> {
    await this.table
      .call(() =>
        this.table.client.send(
          new PutItemCommand({
            TableName: this.table.name,
            Item: measureItem(measure),
            ...(measure.version === 1
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: toItem({ ':previous': measure.version - 1 }) }),
          }),
        ),
      )
      .catch((error: unknown) => {
        if (error instanceof ConflictError) throw new ConflictError('the measure was changed by someone else; reload and try again');
        throw error;
      });
  }

  async getMeasure(id: string): Promise<Measure | undefined> {
    const item = await this.table.getItem({ pk: `MEASURE#${id}`, sk: 'MEASURE' });
    return item ? (stripKeys(item) as unknown as Measure) : undefined;
  }

  async listMeasures(limit: number, cursor?: string): Promise<{ items: Measure[]; cursor?: string }> {
    const position = decodeCursor(cursor);
    const page = await this.table.queryPage(
      {
        IndexName: STATUS_INDEX.name,
        KeyConditionExpression: `${STATUS_INDEX.partitionKey} = :measures`,
        ExpressionAttributeValues: toItem({ ':measures': 'MEASURES' }),
        ScanIndexForward: false,
        Limit: limit,
      },
      position?.k,
    );
    const items = page.items.map((item) => stripKeys(item) as unknown as Measure);
    return { items, ...(page.next ? { cursor: encodeCursor({ k: page.next }) } : {}) };
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
