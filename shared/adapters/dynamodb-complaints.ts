/**
 * ComplaintStore on the register table (items: dynamodb-items.ts): a complaint's view and events,
 * its registration and every later change, each one transaction that maps the use case's write
 * (view, event, outbox entries, report line) to items and adds nothing of its own.
 */
import type { ComplaintStore, ComplaintWrite, Registration } from '../domain/ports.ts';
import type { ComplaintRecord } from '../domain/complaint/model.ts';
import type { ComplaintEvent } from '../domain/complaint/events.ts';
import type { DynamoDbTable } from './dynamodb-table.ts';
import { changeItems, complaintKey, registrationItems, reportWrites, toComplaint, toEvent } from './dynamodb-items.ts';
import { toItem } from './dynamodb-table.ts';

export class DynamoDbComplaintStore implements ComplaintStore {
  constructor(private readonly table: DynamoDbTable) {}

  async get(reference: string): Promise<ComplaintRecord | undefined> {
    const item = await this.table.getItem(complaintKey(reference));
    return item ? toComplaint(item) : undefined;
  }

  async events(reference: string): Promise<ComplaintEvent[]> {
    const { items } = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: toItem({ ':pk': `C#${reference}`, ':e': 'E#' }),
      ConsistentRead: true,
    });
    return items.map(toEvent);
  }

  async findByIdempotencyKey(key: string) {
    const item = await this.table.getItem({ pk: `IDEM#${key}`, sk: 'IDEM' });
    return item ? { reference: String(item.reference), requestHash: String(item.requestHash) } : undefined;
  }

  async register(registration: Registration): Promise<void> {
    await this.table.transact(registrationItems(this.table.name, registration), 'the complaint or its Idempotency-Key was registered concurrently');
  }

  async appendEvent(write: ComplaintWrite): Promise<void> {
    await this.table.transact([...changeItems(this.table.name, write), ...reportWrites(this.table.name, write)], 'the complaint was changed by someone else; reload and try again');
  }
}
