/**
 * Attachments (files) on a complaint, pure: which types are allowed and how their content is
 * recognised (magic bytes), the limits, the checks an arrived file must pass, its state, and how
 * it is named on download. The use cases are use-cases.ts; the stores are ports (ports.ts).
 *
 * A file arrives in the tenant's bucket by a presigned POST (its size and type are limits in the
 * POST policy); the post-upload check (functions/attachment-check.ts, on the object-created
 * notification) then reads its first and last bytes and records it, or refuses and deletes it.
 * The malware scan (GuardDuty, or the local stand-in) reports separately: only a file that passed
 * the check and was scanned clean can be opened by staff.
 */

/** The types a file may have: declared by the uploader, recognised from its content. */
export const FILE_TYPES = [
  { contentType: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  { contentType: 'image/jpeg', label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  { contentType: 'image/png', label: 'PNG', extensions: ['png'] },
  { contentType: 'image/heic', label: 'HEIC', extensions: ['heic', 'heif'] },
  { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX', extensions: ['docx'] },
  { contentType: 'text/plain', label: 'TXT', extensions: ['txt'] },
] as const;
export type FileContentType = (typeof FILE_TYPES)[number]['contentType'];
export const FILE_CONTENT_TYPES = FILE_TYPES.map((t) => t.contentType) as FileContentType[];
/** The types in words, for messages: "PDF, JPEG, PNG, HEIC, DOCX, TXT". */
export const FILE_TYPE_LABELS = FILE_TYPES.map((t) => t.label).join(', ');

/**
 * Per file, and per complaint for each side (the complainant's uploads, and staff's), so that a
 * complainant who uses up theirs never blocks staff from adding the hearing report.
 */
export const FILE_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxFiles: 20,
  maxTotalBytes: 50 * 1024 * 1024,
} as const;
export type FileLimits = { maxFileBytes: number; maxFiles: number; maxTotalBytes: number };

/** How long an upload form (presigned POST) stays valid, and a download link (presigned GET). */
export const UPLOAD_FORM_SECONDS = 60 * 60;
export const DOWNLOAD_LINK_SECONDS = 5 * 60;

/** How many bytes of a file the check reads from its start and its end. */
export const HEAD_BYTES = 4096;
export const TAIL_BYTES = 65_536;

/** Who uploaded: the complainant (through the status link or the form) or a staff member (their e-mail). */
export const COMPLAINANT_UPLOADER = 'complainant';
export type UploadSide = 'complainant' | 'staff';
export const sideOf = (uploadedBy: string): UploadSide => (uploadedBy === COMPLAINANT_UPLOADER ? 'complainant' : 'staff');

/** Why a file that arrived was refused (its text: attachment.refused.<reason> in shared/texts). */
export const REFUSAL_REASONS = ['empty', 'too-large', 'type-not-allowed', 'type-mismatch', 'size-mismatch', 'too-many-files', 'too-much-in-total', 'replaced'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The scan's verdict (GuardDuty Malware Protection's statuses, in our words). */
export type ScanStatus = 'clean' | 'infected' | 'failed';
/** What a file is now: checked and scanning, clean (staff may open it), or never to be opened. */
export const FILE_STATES = ['pending', 'clean', 'infected', 'refused', 'scan-failed'] as const;
export type FileState = (typeof FILE_STATES)[number];

export interface AttachmentRecord {
  id: string;
  reference: string;
  /** The name as given (cleaned): shown to staff; the download's file name. */
  name: string;
  size: number;
  /** The type recognised from the content (for a refused file: the declared one, if any). */
  contentType: string;
  /** 'complainant', or the staff member's e-mail. */
  uploadedBy: string;
  uploadedAt: string;
  /** Staff's note of what it is ("verslag hoorzitting", "brief per post"). */
  description?: string;
  refused?: RefusalReason;
  /** The stored object's ETag when it was checked: a scan applies to that content only. */
  etag?: string;
  scan?: { status: ScanStatus; at: string; etag?: string };
}

export function stateOf(record: AttachmentRecord): FileState {
  if (record.refused) return 'refused';
  const scan = record.scan;
  if (!scan || (scan.etag && record.etag && scan.etag !== record.etag)) return 'pending';
  return scan.status === 'clean' ? 'clean' : scan.status === 'infected' ? 'infected' : 'scan-failed';
}

/** An attachment as the file and the status page list it. */
export interface AttachmentView {
  id: string;
  name: string;
  size: number;
  contentType: string;
  state: FileState;
  uploadedBy: string;
  uploadedAt: string;
  description?: string;
  reason?: RefusalReason;
}

export function attachmentView(record: AttachmentRecord): AttachmentView {
  return {
    id: record.id,
    name: record.name,
    size: record.size,
    contentType: record.contentType,
    state: stateOf(record),
    uploadedBy: record.uploadedBy,
    uploadedAt: record.uploadedAt,
    ...(record.description ? { description: record.description } : {}),
    ...(record.refused ? { reason: record.refused } : {}),
  };
}

// --- ids and keys ------------------------------------------------------------------------------

export const ATTACHMENT_ID_PATTERN = /^[a-f0-9]{20}$/;
export const ATTACHMENT_KEY_PREFIX = 'attachments/';

/** A new attachment id: 80 random bits, hex. */
export function newAttachmentId(random: (bytes: number) => Uint8Array): string {
  return Buffer.from(random(10)).toString('hex');
}

/** Where a complaint's files live in the bucket: erasure removes everything under it. */
export function complaintFilesPrefix(reference: string): string {
  return `${ATTACHMENT_KEY_PREFIX}${reference}/`;
}

export function attachmentKey(reference: string, id: string): string {
  return `${complaintFilesPrefix(reference)}${id}`;
}

const KEY_PATTERN = /^attachments\/(KL-\d{4}-\d{6})\/([a-f0-9]{20})$/;

export function parseAttachmentKey(key: string): { reference: string; id: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { reference: match[1]!, id: match[2]! } : undefined;
}

// --- names ---------------------------------------------------------------------------------------

const typeOf = (contentType: string) => FILE_TYPES.find((t) => t.contentType === contentType);

/**
 * A name safe to show and to save as: no control characters, no path, no characters file systems
 * refuse, at most 120 characters, and always ending in an extension of its verified type (a
 * "brief.html" that is a PDF is saved as "brief.html.pdf").
 */
export function safeFileName(name: string, contentType: string, fallback = 'bijlage'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120);
  const base = cleaned || fallback;
  const type = typeOf(contentType);
  if (!type) return base;
  const extension = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
  return (type.extensions as readonly string[]).includes(extension) ? base : `${base}.${type.extensions[0]}`;
}

/** Content-Disposition for a download: always an attachment, never shown inline; RFC 6266 with a UTF-8 name. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The type a file name's extension suggests (the form's script declares a type the browser left empty). */
export function typeOfExtension(name: string): FileContentType | undefined {
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return FILE_TYPES.find((t) => (t.extensions as readonly string[]).includes(extension))?.contentType;
}

/** Size in words for messages ("10 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

// --- recognising the content ---------------------------------------------------------------------

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'heif']);

function isHeif(head: Uint8Array): boolean {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return false;
  const boxSize = Math.min(head.length, ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0);
  const brands = [ascii(head, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(head, at, at + 4));
  return brands.some((brand) => HEIF_BRANDS.has(brand));
}

function contains(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(needle, 0, 'latin1');
}

/** A Word document: a ZIP whose directory names the OOXML content types and the document part. */
function isDocx(head: Uint8Array, tail: Uint8Array): boolean {
  if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return false;
  const has = (name: string) => contains(tail, name) || contains(head, name);
  return has('[Content_Types].xml') && has('word/document.xml');
}

/** Plain text: UTF-8 (a character cut at the sample's end allowed), no NUL or other control characters but tab, newlines and form feed. */
function isText(sample: Uint8Array): boolean {
  if (sample.length === 0) return false;
  for (const byte of sample) if (byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(byte)) return false;
  // A multibyte character may be cut at the end of the sample: drop up to three trailing bytes of one.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = sample[end - back]!;
    if ((byte & 0xc0) === 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      if (back < needed) end -= back;
      break;
    }
    if ((byte & 0xc0) !== 0x80) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * The allowed type the content is, from its first bytes (and, for a Word document, its last
 * ones, where a ZIP keeps its directory); undefined when it is none of them.
 */
export function detectType(head: Uint8Array, tail: Uint8Array = new Uint8Array()): FileContentType | undefined {
  const pdfAt = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024)).indexOf('%PDF-', 0, 'latin1');
  if (pdfAt >= 0) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (isHeif(head)) return 'image/heic';
  if (startsWith(head, [0x50, 0x4b])) return isDocx(head, tail) ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : undefined;
  return isText(head) && (tail.length === 0 || isText(tail.subarray(Math.min(4, tail.length)))) ? 'text/plain' : undefined;
}

/** What arrived, as the check reads it from the store. */
export interface ArrivedFile {
  size: number;
  head: Uint8Array;
  tail: Uint8Array;
  /** What the uploader declared (the POST policy pinned it), when they declared anything. */
  declared: { contentType?: string; size?: number };
}

/** The check after the upload: within the size limit, an allowed type, and the type (and size) declared. */
export function checkArrival(file: ArrivedFile, limits: FileLimits = FILE_LIMITS): { ok: true; contentType: FileContentType } | { ok: false; reason: RefusalReason } {
  if (file.size <= 0) return { ok: false, reason: 'empty' };
  if (file.size > limits.maxFileBytes) return { ok: false, reason: 'too-large' };
  if (file.declared.size !== undefined && file.declared.size !== file.size) return { ok: false, reason: 'size-mismatch' };
  const detected = detectType(file.head, file.tail);
  if (!detected) return { ok: false, reason: 'type-not-allowed' };
  if (file.declared.contentType !== undefined && file.declared.contentType !== detected) return { ok: false, reason: 'type-mismatch' };
  return { ok: true, contentType: detected };
}

/** What one side has uploaded to a complaint so far (files that count: not refused). */
export interface FileUsage {
  files: number;
  bytes: number;
}

/** Whether one more file of `size` bytes fits the side's limits; the reason when not. */
export function overLimit(usage: FileUsage, size: number, limits: FileLimits = FILE_LIMITS): 'too-many-files' | 'too-much-in-total' | undefined {
  if (usage.files + 1 > limits.maxFiles) return 'too-many-files';
  if (usage.bytes + size > limits.maxTotalBytes) return 'too-much-in-total';
  return undefined;
}
