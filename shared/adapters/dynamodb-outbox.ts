/**
 * OutboxStore on the register table: pending entries by due time (gsi1, OUTBOX partition), claimed
 * with a lease, completed (with the write of the event a delivery records, in the same
 * transaction) or released with a backoff. The drain's stream trigger announces new entries
 * (announcedOutboxEntries): INSERTs of 'O#' items.
 */
import { UpdateItemCommand, type AttributeValue, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ConflictError } from '../domain/errors.ts';
import type { ComplaintWrite, DeliveryResult, OutboxStore } from '../domain/ports.ts';
import type { OutboxEntry } from '../domain/complaint/model.ts';
import type { PendingWebhook } from '../domain/complaint/webhook-entries.ts';
import { OUTBOX_INDEX } from './table-design.ts';
import { toItem, type DynamoDbTable } from './dynamodb-table.ts';
import { changeItems, OUTBOX_PARTITION, outboxKey, outboxSortKey, reportWrites, toOutboxEntry } from './dynamodb-items.ts';

export class DynamoDbOutboxStore implements OutboxStore {
  constructor(private readonly table: DynamoDbTable) {}

  async pendingOutbox(now: Date, limit: number): Promise<OutboxEntry[]> {
    const page = await this.table.queryPage({
      IndexName: OUTBOX_INDEX.name,
      // '~' sorts after '#': every key whose time prefix is <= now.
      KeyConditionExpression: 'gsi1pk = :outbox AND gsi1sk < :bound',
      ExpressionAttributeValues: toItem({ ':outbox': OUTBOX_PARTITION, ':bound': `${now.toISOString()}~` }),
      Limit: limit,
    });
    return page.items.map(toOutboxEntry);
  }

  /** Reads the pending-outbox index only (filtered on the entry's kind). */
  async pendingWebhooks(limit = 1000): Promise<{ items: PendingWebhook[]; complete: boolean }> {
    const found = await this.table.queryAll(
      {
        IndexName: OUTBOX_INDEX.name,
        KeyConditionExpression: 'gsi1pk = :outbox',
        FilterExpression: '#action.#kind = :webhook',
        ProjectionExpression: '#reference, entryId, createdAt, attempts, nextAttemptAt, lastError',
        ExpressionAttributeNames: { '#action': 'action', '#kind': 'kind', '#reference': 'reference' },
        ExpressionAttributeValues: toItem({ ':outbox': OUTBOX_PARTITION, ':webhook': 'webhook' }),
      },
      (count) => count >= limit,
    );
    const items = found.items.map((item) => ({
      reference: String(item.reference),
      entryId: String(item.entryId),
      createdAt: String(item.createdAt),
      attempts: Number(item.attempts ?? 0),
      nextAttemptAt: String(item.nextAttemptAt),
      ...(item.lastError ? { lastError: String(item.lastError) } : {}),
    }));
    return { items: items.slice(0, limit), complete: found.complete && items.length <= limit };
  }

  async claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date): Promise<boolean> {
    const lease = leaseUntil.toISOString();
    try {
      await this.table.call(() =>
        this.table.client.send(
          new UpdateItemCommand({
            TableName: this.table.name,
            Key: toItem(outboxKey(entry)),
            UpdateExpression: 'SET leaseUntil = :lease, gsi1sk = :sortKey',
            // As read: an entry released since (a later attempt) is the next pass's, with its new attempt count.
            ConditionExpression: '#state = :pending AND nextAttemptAt = :next AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: toItem({ ':lease': lease, ':sortKey': outboxSortKey(lease, entry), ':pending': 'pending', ':next': entry.nextAttemptAt, ':now': now.toISOString() }),
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async completeOutbox(entry: OutboxEntry, result: DeliveryResult, write?: ComplaintWrite): Promise<void> {
    const done: TransactWriteItem = {
      Update: {
        TableName: this.table.name,
        Key: toItem(outboxKey(entry)),
        // The status token rides along only until its letter is out; a letter keeps what was sent (without it).
        UpdateExpression: `SET #state = :done, deliveredAt = :at, detail = :detail${result.letter ? ', sent = :sent' : ''} REMOVE gsi1pk, gsi1sk, leaseUntil, #action.statusToken`,
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state', '#action': 'action' },
        ExpressionAttributeValues: toItem({
          ':done': 'done',
          ':pending': 'pending',
          ':at': result.deliveredAt.toISOString(),
          ':detail': result.detail,
          ...(result.letter ? { ':sent': result.letter } : {}),
        }),
      },
    };
    if (!write) {
      // Nothing else to write with it: one conditional update, not a transaction of one.
      await this.table.call(() => this.table.client.send(new UpdateItemCommand(done.Update!)));
      return;
    }
    await this.table.transact([done, ...changeItems(this.table.name, write), ...reportWrites(this.table.name, write)], 'the complaint changed while its outbox entry was delivered');
  }

  async releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }): Promise<void> {
    const retryAt = failure.retryAt.toISOString();
    await this.table.call(() =>
      this.table.client.send(
        new UpdateItemCommand({
          TableName: this.table.name,
          Key: toItem(outboxKey(entry)),
          UpdateExpression: 'SET attempts = :attempts, nextAttemptAt = :retryAt, gsi1sk = :sortKey, lastError = :error REMOVE leaseUntil',
          ExpressionAttributeValues: toItem({ ':attempts': failure.attempts, ':retryAt': retryAt, ':sortKey': outboxSortKey(retryAt, entry), ':error': failure.error.slice(0, 1000) }),
        }),
      ),
    );
  }

  async outboxEntryState(reference: string, entryId: string): Promise<{ state: 'pending' | 'done'; nextAttemptAt: string } | undefined> {
    const item = await this.table.getItem(outboxKey({ reference, entryId }));
    return item ? { state: item.state === 'done' ? 'done' : 'pending', nextAttemptAt: String(item.nextAttemptAt) } : undefined;
  }

  /** Reads one outbox entry with its delivery state (for tests and repair tools). */
  async outboxEntry(reference: string, entryId: string): Promise<Record<string, unknown> | undefined> {
    return this.table.getItem(outboxKey({ reference, entryId }));
  }
}

/**
 * The outbox entries a batch of the table's stream announces (the outbox drain's trigger, see
 * outbox-stream.ts), each with the sequence number of its record: a partial batch response names
 * records by it. A record that is not a newly written outbox item announces nothing.
 */
export function announcedOutboxEntries(event: DynamoDBStreamEvent): Array<{ sequenceNumber: string; entry?: OutboxEntry }> {
  return event.Records.map((record) => {
    const sequenceNumber = String(record.dynamodb?.SequenceNumber ?? '');
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image || !image.sk?.S?.startsWith('O#')) return { sequenceNumber };
    // The stream's attribute values are the table's, in the Lambda event's JSON form.
    return { sequenceNumber, entry: toOutboxEntry(unmarshall(image as Record<string, AttributeValue>)) };
  });
}
