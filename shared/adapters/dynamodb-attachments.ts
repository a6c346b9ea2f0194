/**
 * A complaint's attachments on the register table (AttachmentReader, AttachmentRecorder): a file
 * that passed the post-upload check is recorded and counted against its side's limits in one
 * transaction; a refusal and the scan's verdict are recorded beside it.
 *
 *   pk             sk                  what
 *   C#<reference>  F#<id>              an attachment: name, size, type, who, when, refused?, etag, scan
 *   C#<reference>  FILES#<side>        what the complainant (or staff) uploaded so far: files, bytes
 */
import { TransactionCanceledException, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttachmentReader, AttachmentRecorder } from '../domain/ports.ts';
import type { AttachmentRecord, FileLimits, FileUsage, ScanStatus, UploadSide } from '../domain/attachments/files.ts';
import { toItem, translateDynamoDbError, type DynamoDbTable } from './dynamodb-table.ts';
import { complaintKey } from './dynamodb-items.ts';

const attachmentItemKey = (reference: string, id: string) => ({ pk: `C#${reference}`, sk: `F#${id}` });
const fileUsageKey = (reference: string, side: UploadSide) => ({ pk: `C#${reference}`, sk: `FILES#${side}` });

/** SET clauses for every field of a record (a scan recorded earlier stays). */
function setRecord(record: AttachmentRecord): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const { id: _id, reference: _reference, ...fields } = record;
  const entries = Object.entries({ ...fields, id: record.id, reference: record.reference }).filter(([, v]) => v !== undefined);
  return {
    expression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
    values: Object.fromEntries(entries.map(([, value], i) => [`:f${i}`, value])),
  };
}

/** A complaint's attachments as recorded (every function that shows a complaint). */
export class DynamoDbAttachmentReader implements AttachmentReader {
  constructor(private readonly table: DynamoDbTable) {}

  async attachments(reference: string): Promise<AttachmentRecord[]> {
    const { items } = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
      ExpressionAttributeValues: toItem({ ':pk': `C#${reference}`, ':f': 'F#' }),
      ConsistentRead: true,
    });
    // A scan's verdict can come before the file's check: such an item is not an attachment yet.
    return items
      .filter((item) => typeof item.name === 'string')
      .map(toAttachment)
      .sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.id.localeCompare(b.id));
  }

  async attachment(reference: string, id: string): Promise<AttachmentRecord | undefined> {
    const item = await this.table.getItem(attachmentItemKey(reference, id));
    return item && typeof item.name === 'string' ? toAttachment(item) : undefined;
  }

  async fileUsage(reference: string, side: UploadSide): Promise<FileUsage> {
    const item = await this.table.getItem(fileUsageKey(reference, side));
    return { files: Number(item?.files ?? 0), bytes: Number(item?.bytes ?? 0) };
  }
}

/** The post-upload check's side (functions/attachment-check.ts): the reads, and recording what arrived. */
export class DynamoDbAttachmentStore implements AttachmentRecorder {
  private readonly reader: DynamoDbAttachmentReader;

  constructor(private readonly table: DynamoDbTable) {
    this.reader = new DynamoDbAttachmentReader(table);
  }

  attachments(reference: string) {
    return this.reader.attachments(reference);
  }
  attachment(reference: string, id: string) {
    return this.reader.attachment(reference, id);
  }
  fileUsage(reference: string, side: UploadSide) {
    return this.reader.fileUsage(reference, side);
  }

  async recordArrival(record: AttachmentRecord, side: UploadSide, limits: FileLimits) {
    const set = setRecord(record);
    try {
      await this.table.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table.name,
                Key: toItem(fileUsageKey(record.reference, side)),
                UpdateExpression: 'SET files = if_not_exists(files, :zero) + :one, bytes = if_not_exists(bytes, :zero) + :size',
                ConditionExpression: '(attribute_not_exists(files) OR files < :maxFiles) AND (attribute_not_exists(bytes) OR bytes <= :room)',
                ExpressionAttributeValues: toItem({ ':zero': 0, ':one': 1, ':size': record.size, ':maxFiles': limits.maxFiles, ':room': limits.maxTotalBytes - record.size }),
              },
            },
            {
              Update: {
                TableName: this.table.name,
                Key: toItem(attachmentItemKey(record.reference, record.id)),
                UpdateExpression: set.expression,
                ConditionExpression: 'attribute_not_exists(#name)',
                ExpressionAttributeNames: { ...set.names, '#name': 'name' },
                ExpressionAttributeValues: toItem(set.values),
              },
            },
            // Only while the complaint exists and still holds personal data.
            { ConditionCheck: { TableName: this.table.name, Key: toItem(complaintKey(record.reference)), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(anonymisedAt)' } },
          ],
        }),
      );
      return 'recorded' as const;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [usage, attachment, complaint] = (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
        if (complaint) return 'complaint-gone' as const;
        if (attachment) return 'duplicate' as const;
        if (usage) {
          const current = await this.fileUsage(record.reference, side);
          return current.files >= limits.maxFiles ? ('too-many-files' as const) : ('too-much-in-total' as const);
        }
      }
      throw translateDynamoDbError(error);
    }
  }

  async recordRefusal(record: AttachmentRecord): Promise<void> {
    const set = setRecord(record);
    await this.table.call(() =>
      this.table.client.send(
        new UpdateItemCommand({
          TableName: this.table.name,
          Key: toItem(attachmentItemKey(record.reference, record.id)),
          UpdateExpression: set.expression,
          ExpressionAttributeNames: set.names,
          ExpressionAttributeValues: toItem(set.values),
        }),
      ),
    );
  }

  async recordScan(reference: string, id: string, scan: { status: ScanStatus; at: string; etag?: string }): Promise<void> {
    await this.table.call(() =>
      this.table.client.send(
        new UpdateItemCommand({
          TableName: this.table.name,
          Key: toItem(attachmentItemKey(reference, id)),
          UpdateExpression: 'SET #scan = :scan',
          ExpressionAttributeNames: { '#scan': 'scan' },
          ExpressionAttributeValues: toItem({ ':scan': scan }),
        }),
      ),
    );
  }
}

function toAttachment(item: Record<string, any>): AttachmentRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as AttachmentRecord;
}
