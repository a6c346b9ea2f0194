/**
 * Use cases for a complaint's attachments:
 *
 *   requestUpload      the complainant (status link) or staff declare a file { name, contentType,
 *                      size }: checked against the types and limits, answered with a presigned POST
 *                      whose policy pins the key, the exact size, the type and who uploads it
 *   pageUploadForm     the status page's upload form for browsers without JavaScript: the same
 *                      presigned POST with the largest size allowed and no declared type (the
 *                      content decides), back to the page afterwards
 *   receiveFile        the post-upload check, on the object-created notification: size, type by
 *                      magic bytes, the declaration, the limits per complaint; recorded, or refused
 *                      and deleted (s3rver does not enforce a POST policy: this does, everywhere)
 *   recordScanResult   the malware scan's verdict; an infected file is deleted
 *   downloadAttachment a short-lived download link for staff who may see the complaint, only for a
 *                      clean file, audit-logged
 *
 * Nothing of a file's name or content is logged: the callers log outcomes and counts.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, fieldProblem, InvalidInputError, NotFoundError } from '../errors.ts';
import type { AttachmentReader, AttachmentRecorder, AuditEntry, Clock, ComplaintStore, FileStore, UploadForm } from '../ports.ts';
import { parseWith } from '../complaint/submission.ts';
import { visibleComplaint, type Actor } from '../workflow/visibility.ts';
import { stateWords } from './usable.ts';
import { staffUploadRequestSchema, uploadRequestSchema } from './requests.ts';
import {
  ATTACHMENT_ID_PATTERN,
  attachmentKey,
  checkArrival,
  COMPLAINANT_UPLOADER,
  DOWNLOAD_LINK_SECONDS,
  FILE_CONTENT_TYPES,
  FILE_LIMITS,
  FILE_TYPE_LABELS,
  HEAD_BYTES,
  megabytes,
  newAttachmentId,
  overLimit,
  parseAttachmentKey,
  safeFileName,
  sideOf,
  stateOf,
  TAIL_BYTES,
  UPLOAD_FORM_SECONDS,
  type AttachmentRecord,
  type FileLimits,
  type RefusalReason,
  type ScanStatus,
} from './files.ts';

export interface UploadDeps {
  files: Pick<AttachmentReader, 'fileUsage'>;
  store: Pick<FileStore, 'uploadForm'>;
  limits?: FileLimits;
}

/** Metadata values are ASCII on the wire: names go percent-encoded. */
const encodeMeta = (value: string) => encodeURIComponent(value);

/** A metadata value as stored: percent-encoded by us, RFC 2047 from S3 for other non-ASCII, or as typed. */
export function decodeMeta(value: string | undefined): string {
  if (!value) return '';
  const mime = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=$/i.exec(value);
  if (mime) return Buffer.from(mime[1]!, 'base64').toString('utf8');
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function limitProblems(limits: FileLimits) {
  return { max: megabytes(limits.maxFileBytes) };
}

/**
 * A declared upload: `{ name, contentType, size }` (staff: and a description). Refused with a
 * field problem (type not allowed, too large) or a conflict (the complaint has its maximum of
 * files or bytes from this side); else a presigned POST for one new attachment.
 */
export async function requestUpload(deps: UploadDeps, request: { reference: string; uploadedBy: string; body: unknown }): Promise<{ id: string; upload: UploadForm }> {
  const limits = deps.limits ?? FILE_LIMITS;
  const staff = request.uploadedBy !== COMPLAINANT_UPLOADER;
  const input = parseWith(staff ? staffUploadRequestSchema : uploadRequestSchema, request.body ?? {});
  const contentType = input.contentType === 'image/heif' ? 'image/heic' : input.contentType;
  const problems = [];
  if (!(FILE_CONTENT_TYPES as string[]).includes(contentType)) problems.push(fieldProblem('contentType', 'invalid_value', { types: FILE_TYPE_LABELS }, 'error.field.fileType'));
  if (input.size > limits.maxFileBytes) problems.push(fieldProblem('size', 'too_large', limitProblems(limits), 'error.field.fileTooLarge'));
  if (problems.length) throw new InvalidInputError(problems);
  const usage = await deps.files.fileUsage(request.reference, sideOf(request.uploadedBy));
  const over = overLimit(usage, input.size, limits);
  if (over === 'too-many-files') throw new ConflictError({ key: 'error.conflict.tooManyFiles', params: { max: limits.maxFiles } });
  if (over) throw new ConflictError({ key: 'error.conflict.tooMuchInTotal', params: { max: megabytes(limits.maxTotalBytes) } });
  const id = newAttachmentId(randomBytes);
  const upload = await deps.store.uploadForm({
    key: attachmentKey(request.reference, id),
    size: { exactly: input.size },
    contentType,
    metadata: {
      'uploaded-by': request.uploadedBy,
      name: encodeMeta(input.name),
      'declared-size': String(input.size),
      ...('description' in input && typeof input.description === 'string' ? { description: encodeMeta(input.description) } : {}),
    },
    expiresSeconds: UPLOAD_FORM_SECONDS,
  });
  return { id, upload };
}

/**
 * The status page's own upload form, for browsers without JavaScript: a presigned POST for one
 * new attachment of at most the size limit, any declared type (the content decides), a name the
 * complainant may type, and back to `returnTo` with `uploaded=<id>` afterwards.
 */
export async function pageUploadForm(deps: Pick<UploadDeps, 'store' | 'limits'>, request: { reference: string; returnTo: string }): Promise<{ id: string; upload: UploadForm }> {
  const limits = deps.limits ?? FILE_LIMITS;
  const id = newAttachmentId(randomBytes);
  const redirect = `${request.returnTo}${request.returnTo.includes('?') ? '&' : '?'}uploaded=${id}`;
  const upload = await deps.store.uploadForm({
    key: attachmentKey(request.reference, id),
    size: { atMost: limits.maxFileBytes },
    metadata: { 'uploaded-by': COMPLAINANT_UPLOADER },
    openMetadata: ['name'],
    redirect,
    expiresSeconds: UPLOAD_FORM_SECONDS,
  });
  return { id, upload };
}

export interface CheckDeps {
  files: AttachmentRecorder;
  store: FileStore;
  register: Pick<ComplaintStore, 'get'>;
  clock: Clock;
  limits?: FileLimits;
}

export type ArrivalOutcome = 'recorded' | 'duplicate' | 'not-an-attachment' | 'gone' | 'complaint-gone' | RefusalReason;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}$/;

/**
 * The post-upload check of the object at `key`: what the POST policy limits (size, declared type)
 * checked again, the content recognised by its magic bytes, the side's limits on the complaint;
 * recorded, or refused (recorded as such) and the object deleted. Idempotent: a repeated
 * notification for the same content changes nothing.
 */
export async function receiveFile(deps: CheckDeps, key: string): Promise<ArrivalOutcome> {
  const limits = deps.limits ?? FILE_LIMITS;
  const where = parseAttachmentKey(key);
  if (!where) return 'not-an-attachment';
  const stored = await deps.store.inspect(key, HEAD_BYTES, TAIL_BYTES);
  if (!stored) return 'gone';
  const complaint = await deps.register.get(where.reference);
  if (!complaint || complaint.anonymisedAt) {
    await deps.store.remove(key);
    return 'complaint-gone';
  }
  const uploader = decodeMeta(stored.metadata['uploaded-by']);
  const uploadedBy = uploader === COMPLAINANT_UPLOADER || EMAIL.test(uploader) ? uploader : COMPLAINANT_UPLOADER;
  const declaredSize = stored.metadata['declared-size'];
  const declared: { size?: number; contentType?: string } = declaredSize !== undefined ? { size: Number(declaredSize), ...(stored.contentType ? { contentType: stored.contentType } : {}) } : {};
  const verdict = checkArrival({ size: stored.size, head: stored.head, tail: stored.tail, declared }, limits);
  const contentType = verdict.ok ? verdict.contentType : (declared.contentType ?? '');
  const description = decodeMeta(stored.metadata.description).trim().slice(0, 200);
  const record: AttachmentRecord = {
    id: where.id,
    reference: where.reference,
    name: safeFileName(decodeMeta(stored.metadata.name), contentType),
    size: stored.size,
    contentType,
    uploadedBy,
    uploadedAt: deps.clock.now().toISOString(),
    ...(description ? { description } : {}),
    etag: stored.etag,
  };

  const existing = await deps.files.attachment(where.reference, where.id);
  if (existing) {
    if (existing.etag === stored.etag) return 'duplicate';
    // Written again over a checked file (the same form twice): neither version is opened.
    await deps.files.recordRefusal({ ...existing, refused: 'replaced' });
    await deps.store.remove(key);
    return 'replaced';
  }
  if (!verdict.ok) {
    await deps.files.recordRefusal({ ...record, refused: verdict.reason });
    await deps.store.remove(key);
    return verdict.reason;
  }
  const outcome = await deps.files.recordArrival(record, sideOf(uploadedBy), limits);
  if (outcome === 'too-many-files' || outcome === 'too-much-in-total') {
    await deps.files.recordRefusal({ ...record, refused: outcome });
    await deps.store.remove(key);
    return outcome;
  }
  if (outcome === 'complaint-gone') await deps.store.remove(key);
  return outcome;
}

/** The scan's verdict on the object at `key` (for the content with `etag`); an infected file is deleted at once. */
export async function recordScanResult(deps: Pick<CheckDeps, 'files' | 'store' | 'clock'>, key: string, status: ScanStatus, etag?: string): Promise<'recorded' | 'not-an-attachment'> {
  const where = parseAttachmentKey(key);
  if (!where) return 'not-an-attachment';
  await deps.files.recordScan(where.reference, where.id, { status, at: deps.clock.now().toISOString(), ...(etag ? { etag } : {}) });
  if (status === 'infected') await deps.store.remove(key);
  return 'recorded';
}

export interface DownloadDeps {
  register: Pick<ComplaintStore, 'get'>;
  files: Pick<AttachmentReader, 'attachment'>;
  store: Pick<FileStore, 'downloadUrl'>;
  audit: { appendAudit(entry: AuditEntry): Promise<void> };
  clock: Clock;
}

/**
 * A short-lived link to download an attachment, for a staff member who may see the complaint (a
 * handler of another complaint: 404), only once the file is clean; the download is written to the
 * audit log (who, which complaint, which attachment).
 */
export async function downloadAttachment(deps: DownloadDeps, request: { reference: string; id: string; actor: Actor }): Promise<string> {
  await visibleComplaint(deps.register, request.reference, request.actor);
  const record = ATTACHMENT_ID_PATTERN.test(request.id) ? await deps.files.attachment(request.reference, request.id) : undefined;
  if (!record) throw new NotFoundError({ key: 'error.notFound.attachment' });
  const state = stateOf(record);
  if (state !== 'clean') throw new ConflictError({ key: 'error.conflict.attachmentNotClean', params: { state: stateWords(state) } });
  const url = await deps.store.downloadUrl(attachmentKey(record.reference, record.id), {
    fileName: safeFileName(record.name, record.contentType),
    contentType: record.contentType,
    expiresSeconds: DOWNLOAD_LINK_SECONDS,
  });
  const at = deps.clock.now().toISOString();
  await deps.audit.appendAudit({ id: randomBytes(6).toString('hex'), at, actor: request.actor.email, action: 'attachment-download', references: [record.reference], attachment: record.id });
  return url;
}

// Which file an authorisation may name (usable.ts): read here too.
export { usableAttachment } from './usable.ts';
