/** Attachments, pure: recognising a file by its bytes, the check after upload, names, states, limits. */
import { describe, expect, test } from 'vitest';
import {
  attachmentDisposition,
  attachmentKey,
  checkArrival,
  detectType,
  FILE_LIMITS,
  overLimit,
  parseAttachmentKey,
  safeFileName,
  stateOf,
  type AttachmentRecord,
} from '../../../../../shared/domain/attachments/files.ts';
import { sampleFiles } from '../../../../support/sample-files.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const bytes = (b: Buffer) => new Uint8Array(b);
const headTail = (b: Buffer) => [bytes(b.subarray(0, 4096)), bytes(b.length > 4096 ? b.subarray(Math.max(4096, b.length - 65536)) : Buffer.alloc(0))] as const;

describe('recognising a file by its content (magic bytes)', () => {
  test.each([
    ['pdf', 'application/pdf'],
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['heic', 'image/heic'],
    ['docx', DOCX],
    ['txt', 'text/plain'],
  ] as const)('a %s is recognised as %s', (kind, type) => {
    const [head, tail] = headTail(sampleFiles[kind]());
    expect(detectType(head, tail)).toBe(type);
  });

  test('what is none of them is not recognised: an executable, a plain ZIP, HTML with a NUL, a GIF', () => {
    expect(detectType(bytes(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1')))).toBeUndefined();
    const zip = sampleFiles.zip();
    expect(detectType(...headTail(zip))).toBeUndefined();
    expect(detectType(bytes(Buffer.from('<html>\x00</html>', 'latin1')))).toBeUndefined();
    expect(detectType(bytes(Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00', 'latin1')))).toBeUndefined();
  });

  test('text: UTF-8 with a character cut at the end of the sample is text; Latin-1 bytes are not', () => {
    const cut = Buffer.from('Geachte heer, ik klaag over de factuur van €', 'utf8');
    expect(detectType(bytes(cut.subarray(0, cut.length - 1)))).toBe('text/plain');
    expect(detectType(bytes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b])))).toBeUndefined();
  });
});

describe('the check after upload', () => {
  const pdf = sampleFiles.pdf();
  const [head, tail] = headTail(pdf);

  test('a PDF declared as a PDF of its size passes, with its type', () => {
    expect(checkArrival({ size: pdf.length, head, tail, declared: { contentType: 'application/pdf', size: pdf.length } })).toEqual({ ok: true, contentType: 'application/pdf' });
  });

  test('undeclared (a form without JavaScript): the content decides', () => {
    expect(checkArrival({ size: pdf.length, head, tail, declared: {} })).toEqual({ ok: true, contentType: 'application/pdf' });
  });

  test('refused: declared as another type, another size, too large, empty, not an allowed type', () => {
    expect(checkArrival({ size: pdf.length, head, tail, declared: { contentType: 'image/png', size: pdf.length } })).toEqual({ ok: false, reason: 'type-mismatch' });
    expect(checkArrival({ size: pdf.length, head, tail, declared: { contentType: 'application/pdf', size: pdf.length + 1 } })).toEqual({ ok: false, reason: 'size-mismatch' });
    expect(checkArrival({ size: FILE_LIMITS.maxFileBytes + 1, head, tail, declared: {} })).toEqual({ ok: false, reason: 'too-large' });
    expect(checkArrival({ size: 0, head: new Uint8Array(), tail: new Uint8Array(), declared: {} })).toEqual({ ok: false, reason: 'empty' });
    const exe = bytes(Buffer.from('MZ\x90\x00', 'latin1'));
    expect(checkArrival({ size: 4, head: exe, tail: new Uint8Array(), declared: {} })).toEqual({ ok: false, reason: 'type-not-allowed' });
  });

  test('a text file declared as a PDF is refused (content does not match)', () => {
    const txt = sampleFiles.txt();
    expect(checkArrival({ size: txt.length, head: bytes(txt), tail: new Uint8Array(), declared: { contentType: 'application/pdf', size: txt.length } })).toEqual({
      ok: false,
      reason: 'type-mismatch',
    });
  });
});

describe('names, keys, states and limits', () => {
  test("a safe name: no path or control characters, and the verified type's extension", () => {
    expect(safeFileName('../../etc/passwd', 'text/plain')).toBe('_.._etc_passwd.txt');
    expect(safeFileName('brief.html', 'application/pdf')).toBe('brief.html.pdf');
    expect(safeFileName('Foto.JPG', 'image/jpeg')).toBe('Foto.JPG');
    expect(safeFileName('\u202Egnp.exe', 'image/png')).toBe('gnp.exe.png');
    expect(safeFileName('   ', 'application/pdf')).toBe('bijlage.pdf');
  });

  test('always an attachment, with an ASCII name and the UTF-8 one', () => {
    expect(attachmentDisposition('machtiging é "x".pdf')).toBe('attachment; filename="machtiging _ _x_.pdf"; filename*=UTF-8\'\'machtiging%20%C3%A9%20%22x%22.pdf');
  });

  test('keys: the complaint and the id, nothing else is an attachment', () => {
    const key = attachmentKey('KL-2026-000001', '0123456789abcdef0123');
    expect(parseAttachmentKey(key)).toEqual({ reference: 'KL-2026-000001', id: '0123456789abcdef0123' });
    expect(parseAttachmentKey('attachments/KL-2026-000001/../x')).toBeUndefined();
    expect(parseAttachmentKey('malware-protection-resource-validation-object')).toBeUndefined();
  });

  test('a state from the check and the scan; a scan of other content does not count', () => {
    const base: AttachmentRecord = {
      id: 'a',
      reference: 'KL-2026-000001',
      name: 'x.pdf',
      size: 1,
      contentType: 'application/pdf',
      uploadedBy: 'complainant',
      uploadedAt: '2026-01-01T00:00:00Z',
      etag: 'e1',
    };
    expect(stateOf(base)).toBe('pending');
    expect(stateOf({ ...base, scan: { status: 'clean', at: 'x', etag: 'e1' } })).toBe('clean');
    expect(stateOf({ ...base, scan: { status: 'clean', at: 'x', etag: 'e0' } })).toBe('pending');
    expect(stateOf({ ...base, scan: { status: 'infected', at: 'x' } })).toBe('infected');
    expect(stateOf({ ...base, scan: { status: 'failed', at: 'x' } })).toBe('scan-failed');
    expect(stateOf({ ...base, refused: 'type-mismatch', scan: { status: 'clean', at: 'x' } })).toBe('refused');
  });

  test('limits per side: the number of files and the total', () => {
    expect(overLimit({ files: FILE_LIMITS.maxFiles - 1, bytes: 0 }, 1)).toBeUndefined();
    expect(overLimit({ files: FILE_LIMITS.maxFiles, bytes: 0 }, 1)).toBe('too-many-files');
    expect(overLimit({ files: 1, bytes: FILE_LIMITS.maxTotalBytes - 10 }, 11)).toBe('too-much-in-total');
  });
});
