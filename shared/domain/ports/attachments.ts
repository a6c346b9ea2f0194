/** A complaint's attachments: the register's records of them, and the file storage that holds them. */
import type { AttachmentRecord, FileUsage, FileLimits, ScanStatus, UploadSide } from '../attachments/files.ts';

/** The register's side of a complaint's attachments: what arrived, its check and its scan. */
export interface AttachmentReader {
  /** A complaint's attachments that arrived (refused ones included), oldest first. */
  attachments(reference: string): Promise<AttachmentRecord[]>;
  attachment(reference: string, id: string): Promise<AttachmentRecord | undefined>;
  /** What one side has uploaded to the complaint so far (files that count against its limits). */
  fileUsage(reference: string, side: UploadSide): Promise<FileUsage>;
}

export interface AttachmentRecorder extends AttachmentReader {
  /**
   * Records a file that passed the check, counted against its side's limits in the same
   * transaction: 'duplicate' when it was recorded already, 'over-limit' (with which) when it does
   * not fit, 'complaint-gone' when the complaint does not exist or was anonymised.
   */
  recordArrival(record: AttachmentRecord, side: UploadSide, limits: FileLimits): Promise<'recorded' | 'duplicate' | 'complaint-gone' | 'too-many-files' | 'too-much-in-total'>;
  /** Records a refused file (it is not counted and its object is deleted). */
  recordRefusal(record: AttachmentRecord): Promise<void>;
  /** Records the scan's verdict for a file (before or after its arrival was recorded). */
  recordScan(reference: string, id: string, scan: { status: ScanStatus; at: string; etag?: string }): Promise<void>;
}

/** A presigned upload form: where to POST and the fields to send before the file. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

export interface UploadFormRequest {
  key: string;
  /** The exact size declared (content-length-range [size, size]), or the largest allowed. */
  size: { exactly: number } | { atMost: number };
  /** The exact Content-Type declared, or none (then any, and the content decides). */
  contentType?: string;
  /** x-amz-meta-* values the policy pins. */
  metadata: Record<string, string>;
  /** x-amz-meta-* fields the uploader fills in (any value). */
  openMetadata?: string[];
  /** Where the storage sends the browser after a form upload (no-JavaScript pages). */
  redirect?: string;
  expiresSeconds: number;
}

/** What the check reads of a stored file. */
export interface StoredFile {
  size: number;
  etag: string;
  contentType?: string;
  metadata: Record<string, string>;
  head: Uint8Array;
  tail: Uint8Array;
}

/** The tenant's file storage (S3 in AWS; s3rver locally): presigned forms and links, reads for the check, deletes. */
export interface FileStore {
  uploadForm(request: UploadFormRequest): Promise<UploadForm>;
  /** A short-lived link that downloads the file as an attachment with this name and type. */
  downloadUrl(key: string, options: { fileName: string; contentType: string; expiresSeconds: number }): Promise<string>;
  /** Size, ETag, declared type, metadata and the first and last bytes; undefined when it is gone. */
  inspect(key: string, headBytes: number, tailBytes: number): Promise<StoredFile | undefined>;
  remove(key: string): Promise<void>;
  /** Deletes every object under the prefix; returns how many. */
  removeAll(prefix: string): Promise<number>;
}
