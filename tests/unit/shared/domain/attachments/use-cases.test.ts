/**
 * The attachments' use cases with plain stateful fakes (no module mocks): a store of objects, a
 * register of attachment records with its limits, an audit log. What the integration test shows
 * through s3rver, here case by case: repeated notifications, a second write to a checked key, the
 * limits at arrival, a complaint gone, an infected file, and who may open what. The register's
 * side is the shared fake (tests/support/fakes/attachments.ts, held to its contract suite).
 */
import { describe, expect, test } from 'vitest';
import { downloadAttachment, receiveFile, recordScanResult, requestUpload } from '../../../../../shared/domain/attachments/use-cases.ts';
import { attachmentKey, FILE_LIMITS, sideOf } from '../../../../../shared/domain/attachments/files.ts';
import type { AuditEntry, FileStore, StoredFile, UploadFormRequest } from '../../../../../shared/domain/ports.ts';
import type { ComplaintRecord } from '../../../../../shared/domain/complaint/model.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../../../shared/domain/errors.ts';
import { sampleFiles } from '../../../../support/sample-files.ts';
import { MemoryTable } from '../../../../support/fakes/memory-table.ts';
import { InMemoryAttachmentStore } from '../../../../support/fakes/attachments.ts';

const REFERENCE = 'KL-2026-000001';
const ID = '0123456789abcdef0123';
const clock = { now: () => new Date('2026-03-02T10:00:00Z') };

class FakeStore implements FileStore {
  objects = new Map<string, { body: Buffer; contentType?: string; metadata: Record<string, string>; etag: string }>();
  forms: UploadFormRequest[] = [];
  put(key: string, body: Buffer, metadata: Record<string, string> = {}, contentType?: string) {
    this.objects.set(key, { body, metadata, etag: `e${body.length}-${body[0]}-${this.objects.size}`, ...(contentType ? { contentType } : {}) });
  }
  async uploadForm(request: UploadFormRequest) {
    this.forms.push(request);
    return { url: 'https://bucket.example/', fields: { key: request.key } };
  }
  async downloadUrl(key: string, options: { fileName: string }) {
    return `https://bucket.example/${key}?name=${encodeURIComponent(options.fileName)}`;
  }
  async inspect(key: string, head: number, tail: number): Promise<StoredFile | undefined> {
    const o = this.objects.get(key);
    if (!o) return undefined;
    return {
      size: o.body.length,
      etag: o.etag,
      ...(o.contentType ? { contentType: o.contentType } : {}),
      metadata: o.metadata,
      head: o.body.subarray(0, head),
      tail: o.body.length > head ? o.body.subarray(Math.max(head, o.body.length - tail)) : new Uint8Array(),
    };
  }
  async remove(key: string) {
    this.objects.delete(key);
  }
  async removeAll(prefix: string) {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix));
    keys.forEach((k) => this.objects.delete(k));
    return keys.length;
  }
}

function world(options: { complaint?: Partial<ComplaintRecord> | null } = {}) {
  const complaint = options.complaint === null ? undefined : ({ reference: REFERENCE, handler: { email: 'h1@demo.example', name: 'H' }, ...options.complaint } as ComplaintRecord);
  const store = new FakeStore();
  // The shared fake: a file arrives only while its complaint is in the table and not anonymised.
  const table = new MemoryTable();
  if (complaint) table.complaints.set(REFERENCE, complaint);
  const files = new InMemoryAttachmentStore(table);
  const audit: AuditEntry[] = [];
  const register = { get: async (reference: string) => (reference === REFERENCE ? complaint : undefined) };
  const key = attachmentKey(REFERENCE, ID);
  const upload = (body: Buffer, meta: Record<string, string> = {}, contentType?: string) => store.put(key, body, { 'uploaded-by': 'complainant', name: 'bewijs', ...meta }, contentType);
  return { store, files, audit, register, key, upload, deps: { files, store, register, clock } };
}

describe('requestUpload: the declaration', () => {
  test('a presigned POST pinned to the exact size, the type and the uploader', async () => {
    const w = world();
    const answer = await requestUpload(
      { files: w.files, store: w.store },
      { reference: REFERENCE, uploadedBy: 'complainant', body: { name: 'brief.pdf', contentType: 'application/pdf', size: 1234 } },
    );
    expect(answer.id).toMatch(/^[a-f0-9]{20}$/);
    expect(w.store.forms[0]).toMatchObject({
      key: attachmentKey(REFERENCE, answer.id),
      size: { exactly: 1234 },
      contentType: 'application/pdf',
      metadata: { 'uploaded-by': 'complainant', name: 'brief.pdf', 'declared-size': '1234' },
    });
  });

  test('a complainant who used up the files of their side is refused; staff are counted apart', async () => {
    const w = world();
    w.files.table.fileUsage.set(`${REFERENCE}/complainant`, { files: FILE_LIMITS.maxFiles, bytes: 1 });
    await expect(
      requestUpload({ files: w.files, store: w.store }, { reference: REFERENCE, uploadedBy: 'complainant', body: { name: 'x.pdf', contentType: 'application/pdf', size: 10 } }),
    ).rejects.toThrow(ConflictError);
    await expect(
      requestUpload({ files: w.files, store: w.store }, { reference: REFERENCE, uploadedBy: 'coordinator@demo.example', body: { name: 'x.pdf', contentType: 'application/pdf', size: 10 } }),
    ).resolves.toBeDefined();
    expect(sideOf('coordinator@demo.example')).toBe('staff');
  });

  test('the complainant may not add a description (staff may)', async () => {
    const w = world();
    await expect(
      requestUpload({ files: w.files, store: w.store }, { reference: REFERENCE, uploadedBy: 'complainant', body: { name: 'x.pdf', contentType: 'application/pdf', size: 10, description: 'x' } }),
    ).rejects.toThrow(InvalidInputError);
  });
});

describe('receiveFile: the check after upload', () => {
  test('recorded once: a repeated notification for the same content changes nothing', async () => {
    const w = world();
    w.upload(sampleFiles.pdf(), { 'declared-size': String(sampleFiles.pdf().length) }, 'application/pdf');
    expect(await receiveFile(w.deps, w.key)).toBe('recorded');
    expect(await receiveFile(w.deps, w.key)).toBe('duplicate');
    expect(w.files.table.fileUsage.get(`${REFERENCE}/complainant`)).toEqual({ files: 1, bytes: sampleFiles.pdf().length });
  });

  test('a second write over a checked file: neither is used, the object goes', async () => {
    const w = world();
    w.upload(sampleFiles.pdf());
    await receiveFile(w.deps, w.key);
    w.upload(sampleFiles.txt());
    expect(await receiveFile(w.deps, w.key)).toBe('replaced');
    expect((await w.files.attachment(REFERENCE, ID))?.refused).toBe('replaced');
    expect(w.store.objects.has(w.key)).toBe(false);
  });

  test("over the complaint's total at arrival: refused and deleted (the declaration only checked before)", async () => {
    const w = world();
    w.files.table.fileUsage.set(`${REFERENCE}/complainant`, { files: 1, bytes: FILE_LIMITS.maxTotalBytes - 10 });
    w.upload(sampleFiles.pdf());
    expect(await receiveFile(w.deps, w.key)).toBe('too-much-in-total');
    expect(w.store.objects.has(w.key)).toBe(false);
  });

  test('a complaint that is gone or anonymised takes no files; keys that are not attachments are left alone', async () => {
    const anonymised = world({ complaint: { anonymisedAt: '2026-01-01T00:00:00Z' } });
    anonymised.upload(sampleFiles.pdf());
    expect(await receiveFile(anonymised.deps, anonymised.key)).toBe('complaint-gone');
    expect(anonymised.store.objects.size).toBe(0);
    const w = world();
    w.store.put('malware-protection-resource-validation-object', Buffer.from('x'));
    expect(await receiveFile(w.deps, 'malware-protection-resource-validation-object')).toBe('not-an-attachment');
    expect(w.store.objects.size).toBe(1);
    expect(await receiveFile(w.deps, w.key)).toBe('gone');
  });

  test('a forged uploader is taken as the complainant; the name is made safe', async () => {
    const w = world();
    w.upload(sampleFiles.pdf(), { 'uploaded-by': 'not an address', name: encodeURIComponent('../brief<script>.html') });
    await receiveFile(w.deps, w.key);
    expect(await w.files.attachment(REFERENCE, ID)).toMatchObject({ uploadedBy: 'complainant', name: '_brief_script_.html.pdf', contentType: 'application/pdf' });
  });
});

describe('the scan, and opening a file', () => {
  const coordinator = { email: 'c@demo.example', roles: ['coordinator'] as const };
  const otherHandler = { email: 'h2@demo.example', roles: ['handler'] as const };

  test('a scan before the check is kept and counts once the check records the same content', async () => {
    const w = world();
    w.upload(sampleFiles.pdf());
    const etag = w.store.objects.get(w.key)!.etag;
    await recordScanResult(w.deps, w.key, 'clean', etag);
    await receiveFile(w.deps, w.key);
    const url = await downloadAttachment({ ...w.deps, audit: { appendAudit: async (e) => void w.audit.push(e) } }, { reference: REFERENCE, id: ID, actor: coordinator });
    expect(url).toContain(`name=bewijs.pdf`);
    expect(w.audit).toEqual([expect.objectContaining({ action: 'attachment-download', actor: 'c@demo.example', references: [REFERENCE], attachment: ID })]);
  });

  test('infected: the object is deleted at once and the file never opens; pending never opens; another handler gets 404', async () => {
    const w = world();
    const deps = { ...w.deps, audit: { appendAudit: async (e: AuditEntry) => void w.audit.push(e) } };
    w.upload(sampleFiles.pdf());
    await receiveFile(w.deps, w.key);
    await expect(downloadAttachment(deps, { reference: REFERENCE, id: ID, actor: coordinator })).rejects.toThrow(/being checked/);
    await expect(downloadAttachment(deps, { reference: REFERENCE, id: ID, actor: otherHandler })).rejects.toThrow(NotFoundError);
    await recordScanResult(w.deps, w.key, 'infected');
    expect(w.store.objects.has(w.key)).toBe(false);
    await expect(downloadAttachment(deps, { reference: REFERENCE, id: ID, actor: coordinator })).rejects.toThrow(/malicious software/);
    expect(w.audit).toEqual([]);
  });
});
