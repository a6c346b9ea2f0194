/** AttachmentReader and AttachmentRecorder in memory (contract: tests/contract/attachments.test.ts). */
import type { AttachmentRecorder } from '../../../shared/domain/ports.ts';
import type { AttachmentRecord, FileLimits, FileUsage, ScanStatus, UploadSide } from '../../../shared/domain/attachments/files.ts';
import { MemoryTable } from './memory-table.ts';

const key = (reference: string, id: string) => `${reference}/${id}`;
const usageKey = (reference: string, side: UploadSide) => `${reference}/${side}`;
/** Only the fields given (an item keeps no undefined attribute). */
const defined = <T extends object>(value: T): Partial<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The store of AttachmentRecorder is its reader too, as the DynamoDB store is. */
export class InMemoryAttachmentStore implements AttachmentRecorder {
  constructor(readonly table = new MemoryTable()) {}

  /** Oldest first (then by id); a scan recorded before its file's check is not an attachment yet. */
  async attachments(reference: string): Promise<AttachmentRecord[]> {
    const prefix = `${reference}/`;
    return [...this.table.attachments.entries()]
      .filter(([k, item]) => k.startsWith(prefix) && typeof item.name === 'string')
      .map(([, item]) => structuredClone(item) as AttachmentRecord)
      .sort((a, b) => (a.uploadedAt < b.uploadedAt ? -1 : a.uploadedAt > b.uploadedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async attachment(reference: string, id: string): Promise<AttachmentRecord | undefined> {
    const item = this.table.attachments.get(key(reference, id));
    return item && typeof item.name === 'string' ? (structuredClone(item) as AttachmentRecord) : undefined;
  }

  async fileUsage(reference: string, side: UploadSide): Promise<FileUsage> {
    return { ...(this.table.fileUsage.get(usageKey(reference, side)) ?? { files: 0, bytes: 0 }) };
  }

  /** As one transaction: the complaint must exist and hold personal data, the file be new, the side's usage have room. */
  async recordArrival(record: AttachmentRecord, side: UploadSide, limits: FileLimits) {
    const complaint = this.table.complaints.get(record.reference);
    if (!complaint || complaint.anonymisedAt) return 'complaint-gone' as const;
    const current = this.table.attachments.get(key(record.reference, record.id));
    if (current?.name !== undefined) return 'duplicate' as const;
    const usage = await this.fileUsage(record.reference, side);
    if (usage.files >= limits.maxFiles) return 'too-many-files' as const;
    if (usage.bytes > limits.maxTotalBytes - record.size) return 'too-much-in-total' as const;
    this.table.fileUsage.set(usageKey(record.reference, side), { files: usage.files + 1, bytes: usage.bytes + record.size });
    this.table.attachments.set(key(record.reference, record.id), { ...current, ...defined(structuredClone(record)) });
    return 'recorded' as const;
  }

  /** Not counted; fields given replace those kept (a scan recorded earlier stays). */
  async recordRefusal(record: AttachmentRecord): Promise<void> {
    const k = key(record.reference, record.id);
    this.table.attachments.set(k, { ...this.table.attachments.get(k), ...defined(structuredClone(record)) });
  }

  async recordScan(reference: string, id: string, scan: { status: ScanStatus; at: string; etag?: string }): Promise<void> {
    const k = key(reference, id);
    this.table.attachments.set(k, { ...this.table.attachments.get(k), scan: defined(structuredClone(scan)) as typeof scan });
  }

  /** Drops a complaint's attachment items and usage (anonymisation deletes them with the outbox). */
  deleteReference(reference: string): void {
    for (const map of [this.table.attachments, this.table.fileUsage]) {
      for (const k of [...map.keys()]) if (k.startsWith(`${reference}/`)) map.delete(k);
    }
  }
}
