/**
 * The register's writing side of attachments (AttachmentRecorder), for the post-upload check
 * alone (functions/attachment-check.ts): a file that passed the check is recorded and counted
 * against its side's limits in one transaction; a refusal and the scan's verdict are recorded
 * beside it. Reading them is DynamoDbReader's (every function that shows a complaint).
 *
 *   pk             sk                  what
 *   C#<reference>  F#<id>              an attachment: name, size, type, who, when, refused?, etag, scan
 *   C#<reference>  FILES#<side>        what the complainant (or staff) uploaded so far: files, bytes
 */
import { TransactionCanceledException, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttachmentRecorder } from '../domain/ports.ts';
import type { AttachmentRecord, FileLimits, ScanStatus, UploadSide } from '../domain/attachments/files.ts';
import { attachmentItemKey, complaintKey, fileUsageKey, toItem, translateDynamoDbError } from './dynamodb-reader.ts';
import { DynamoDbComplaintRegister } from './dynamodb-register.ts';

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

export class DynamoDbAttachmentRegister extends DynamoDbComplaintRegister implements AttachmentRecorder {
  async recordArrival(record: AttachmentRecord, side: UploadSide, limits: FileLimits) {
    const set = setRecord(record);
    try {
      await this.client.send(new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: toItem(fileUsageKey(record.reference, side)),
              UpdateExpression: 'SET files = if_not_exists(files, :zero) + :one, bytes = if_not_exists(bytes, :zero) + :size',
              ConditionExpression: '(attribute_not_exists(files) OR files < :maxFiles) AND (attribute_not_exists(bytes) OR bytes <= :room)',
              ExpressionAttributeValues: toItem({ ':zero': 0, ':one': 1, ':size': record.size, ':maxFiles': limits.maxFiles, ':room': limits.maxTotalBytes - record.size }),
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: toItem(attachmentItemKey(record.reference, record.id)),
              UpdateExpression: set.expression,
              ConditionExpression: 'attribute_not_exists(#name)',
              ExpressionAttributeNames: { ...set.names, '#name': 'name' },
              ExpressionAttributeValues: toItem(set.values),
            },
          },
          // Only while the complaint exists and still holds personal data.
          { ConditionCheck: { TableName: this.tableName, Key: toItem(complaintKey(record.reference)), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(anonymisedAt)' } },
        ],
      }));
      return 'recorded' as const;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [usage, attachment, complaint] = (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
        if (complaint) return 'complaint-gone' as const;
        if (attachment) return 'duplicate' as const;
        if (usage) {
          const current = await this.fileUsage(record.reference, side);
          return current.files >= limits.maxFiles ? 'too-many-files' as const : 'too-much-in-total' as const;
        }
      }
      throw translateDynamoDbError(error);
    }
  }

  async recordRefusal(record: AttachmentRecord): Promise<void> {
    const set = setRecord(record);
    await this.call(() => this.client.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: toItem(attachmentItemKey(record.reference, record.id)),
      UpdateExpression: set.expression,
      ExpressionAttributeNames: set.names,
      ExpressionAttributeValues: toItem(set.values),
    })));
  }

  async recordScan(reference: string, id: string, scan: { status: ScanStatus; at: string; etag?: string }): Promise<void> {
    await this.call(() => this.client.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: toItem(attachmentItemKey(reference, id)),
      UpdateExpression: 'SET #scan = :scan',
      ExpressionAttributeNames: { '#scan': 'scan' },
      ExpressionAttributeValues: toItem({ ':scan': scan }),
    })));
  }
}
