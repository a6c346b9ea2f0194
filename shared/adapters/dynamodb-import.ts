/**
 * Writes finished histories as they are stored (complaint views with their index keys and report
 * lines, events, measures) with BatchWriteItem, without conditions: for loading generated data
 * (the seed tool, the report benchmark), never for live changes. Raises each year's reference
 * counter to at least `sequences`.
 */
import { BatchWriteItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../domain/errors.ts';
import type { ComplaintRecord } from '../domain/complaint/model.ts';
import { registrationEvent, type ComplaintEvent } from '../domain/complaint/events.ts';
import type { Measure } from '../domain/measures/measures.ts';
import { reportLineOf } from '../domain/report/figures.ts';
import { subjectHash } from '../domain/privacy/subject.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';
import { forgetRollups } from './dynamodb-report-rollups.ts';
import { complaintItem, eventItem, measureItem, registrationEventItem, reportLineItem } from './dynamodb-items.ts';

export interface ImportedRecords {
  complaints?: ComplaintRecord[];
  events?: ComplaintEvent[];
  measures?: Measure[];
  sequences?: Record<number, number>;
}

export async function importRecords(table: DynamoDbTable, records: ImportedRecords): Promise<void> {
  // Lines loaded around the write path are not in the monthly rollups: the report folds the lines
  // again until the rollups are rebuilt (npm run report:rollups, or the loader writes its own).
  if (records.complaints?.length) await forgetRollups(table);
  // Loaded data has no use case in between: its report lines are the domain's, as a write's are.
  const items = [
    ...(records.complaints ?? []).flatMap((complaint) => [complaintItem(complaint), reportLineItem(complaint.reference, complaint.year, reportLineOf(complaint))]),
    ...(records.events ?? []).map((event) => (event.seq === 1 ? undefined : eventItem(event))).filter((item) => item !== undefined),
    ...(records.measures ?? []).map(measureItem),
  ];
  // A registration event carries the complainant's privacy index key: built from its complaint.
  const byReference = new Map((records.complaints ?? []).map((c) => [c.reference, c]));
  for (const event of records.events ?? []) {
    if (event.seq !== 1) continue;
    const complaint = byReference.get(event.reference);
    const email = complaint?.complainant.email;
    items.push(complaint ? registrationEventItem(registrationEvent(complaint), email ? subjectHash(email) : undefined) : eventItem(event));
  }
  for (let i = 0; i < items.length; i += 25) {
    let batch: Array<{ PutRequest: { Item: Record<string, AttributeValue> } }> = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    // DynamoDB may leave some items unprocessed under load: send those again, with a pause.
    for (let attempt = 0; batch.length; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const result = await table.call(() => table.client.send(new BatchWriteItemCommand({ RequestItems: { [table.name]: batch } })));
      batch = (result.UnprocessedItems?.[table.name] ?? []) as typeof batch;
    }
  }
  for (const [year, last] of Object.entries(records.sequences ?? {})) {
    await table
      .call(() =>
        table.client.send(
          new UpdateItemCommand({
            TableName: table.name,
            Key: toItem({ pk: `SEQ#${year}`, sk: 'SEQ' }),
            UpdateExpression: 'SET #seq = :last',
            ConditionExpression: 'attribute_not_exists(#seq) OR #seq < :last',
            ExpressionAttributeNames: { '#seq': 'seq' },
            ExpressionAttributeValues: toItem({ ':last': last }),
          }),
        ),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
  }
}
