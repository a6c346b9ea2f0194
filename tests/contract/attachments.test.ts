/** The AttachmentReader and AttachmentRecorder contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import type { AttachmentRecord, FileLimits } from '../../shared/domain/attachments/files.ts';
import { scrubEvent } from '../../shared/domain/privacy/scrub-event.ts';
import { inMemory, onDynamoDbLocal, sampleChange, sampleRegistration, type MakeStores, type Stores } from './support.ts';

const LIMITS: FileLimits = { maxFileBytes: 1000, maxFiles: 2, maxTotalBytes: 1000 };

const file = (reference: string, id: string, uploadedAt: string, size = 100, more: Partial<AttachmentRecord> = {}): AttachmentRecord => ({
  id,
  reference,
  name: `${id}.pdf`,
  size,
  contentType: 'application/pdf',
  uploadedBy: 'complainant',
  uploadedAt,
  etag: `etag-${id}`,
  ...more,
});

async function registered(stores: Stores, sequence = 1) {
  const registration = await sampleRegistration({ sequence });
  await stores.complaints.register(registration);
  return registration;
}

function describeAttachmentContract(name: string, makeStores: MakeStores) {
  describe(`AttachmentRecorder: ${name}`, () => {
    test('an arrival is recorded once and counted against its side; read back oldest first, refused ones included', async () => {
      const stores = await makeStores();
      const { attachments } = stores;
      const reference = (await registered(stores)).next.reference;
      expect(await attachments.attachments(reference)).toEqual([]);
      expect(await attachments.fileUsage(reference, 'complainant')).toEqual({ files: 0, bytes: 0 });

      expect(await attachments.recordArrival(file(reference, 'b', '2026-03-02T11:00:00.000Z', 300), 'complainant', LIMITS)).toBe('recorded');
      expect(await attachments.recordArrival(file(reference, 'b', '2026-03-02T11:00:00.000Z', 300), 'complainant', LIMITS)).toBe('duplicate');
      expect(await attachments.fileUsage(reference, 'complainant')).toEqual({ files: 1, bytes: 300 });
      // Staff count apart.
      expect(await attachments.recordArrival(file(reference, 'c', '2026-03-02T10:00:00.000Z', 50, { uploadedBy: 'coordinator@demo.example', description: 'verslag' }), 'staff', LIMITS)).toBe(
        'recorded',
      );
      expect(await attachments.fileUsage(reference, 'staff')).toEqual({ files: 1, bytes: 50 });
      // A refusal is kept, not counted.
      await attachments.recordRefusal(file(reference, 'a', '2026-03-02T12:00:00.000Z', 20, { refused: 'type-not-allowed' }));
      expect(await attachments.fileUsage(reference, 'complainant')).toEqual({ files: 1, bytes: 300 });

      expect((await attachments.attachments(reference)).map((r) => r.id)).toEqual(['c', 'b', 'a']);
      expect(await attachments.attachment(reference, 'b')).toEqual(file(reference, 'b', '2026-03-02T11:00:00.000Z', 300));
      expect(await attachments.attachment(reference, 'c')).toEqual(file(reference, 'c', '2026-03-02T10:00:00.000Z', 50, { uploadedBy: 'coordinator@demo.example', description: 'verslag' }));
      expect(await attachments.attachment(reference, 'a')).toMatchObject({ refused: 'type-not-allowed' });
      expect(await attachments.attachment(reference, 'zz')).toBeUndefined();
      // A refused file cannot arrive after all.
      expect(await attachments.recordArrival(file(reference, 'a', '2026-03-02T12:00:00.000Z', 20), 'complainant', LIMITS)).toBe('duplicate');
      // Same time: by id.
      await attachments.recordRefusal(file(reference, '0', '2026-03-02T10:00:00.000Z', 1, { refused: 'type-not-allowed' }));
      expect((await attachments.attachments(reference)).map((r) => r.id)).toEqual(['0', 'c', 'b', 'a']);
    });

    test('the limits: the file that does not fit is refused, by which limit, and nothing is counted', async () => {
      const stores = await makeStores();
      const { attachments } = stores;
      const reference = (await registered(stores)).next.reference;
      expect(await attachments.recordArrival(file(reference, 'a', '2026-03-02T10:00:00.000Z', 600), 'complainant', LIMITS)).toBe('recorded');
      expect(await attachments.recordArrival(file(reference, 'b', '2026-03-02T10:01:00.000Z', 401), 'complainant', LIMITS)).toBe('too-much-in-total');
      expect(await attachments.fileUsage(reference, 'complainant')).toEqual({ files: 1, bytes: 600 });
      expect(await attachments.attachment(reference, 'b')).toBeUndefined();
      // Exactly the total fits.
      expect(await attachments.recordArrival(file(reference, 'b', '2026-03-02T10:01:00.000Z', 400), 'complainant', LIMITS)).toBe('recorded');
      expect(await attachments.recordArrival(file(reference, 'c', '2026-03-02T10:02:00.000Z', 0), 'complainant', LIMITS)).toBe('too-many-files');
      expect(await attachments.fileUsage(reference, 'complainant')).toEqual({ files: 2, bytes: 1000 });
      expect((await attachments.attachments(reference)).map((r) => r.id)).toEqual(['a', 'b']);
    });

    test('a complaint that does not exist, or was anonymised, takes no file', async () => {
      const stores = await makeStores();
      const { attachments } = stores;
      expect(await attachments.recordArrival(file('KL-2026-000099', 'a', '2026-03-02T10:00:00.000Z'), 'complainant', LIMITS)).toBe('complaint-gone');
      expect(await attachments.fileUsage('KL-2026-000099', 'complainant')).toEqual({ files: 0, bytes: 0 });
      const registration = await registered(stores);
      const reference = registration.next.reference;
      expect(await attachments.recordArrival(file(reference, 'a', '2026-03-02T10:00:00.000Z'), 'complainant', LIMITS)).toBe('recorded');
      const write = await sampleChange(registration.next);
      await stores.privacy.anonymise({ ...write, next: { ...write.next, anonymisedAt: write.event.at } as typeof write.next }, (await stores.complaints.events(reference)).map(scrubEvent));
      // Its records and counts went with it.
      expect(await attachments.attachments(reference)).toEqual([]);
      expect(await attachments.fileUsage(reference, 'complainant')).toEqual({ files: 0, bytes: 0 });
      expect(await attachments.recordArrival(file(reference, 'b', '2026-03-02T10:00:00.000Z'), 'complainant', LIMITS)).toBe('complaint-gone');
      expect(await attachments.attachment(reference, 'b')).toBeUndefined();
    });

    test("a scan's verdict before the check is kept (not an attachment yet) and stays when the arrival is recorded; a later one replaces it", async () => {
      const stores = await makeStores();
      const { attachments } = stores;
      const reference = (await registered(stores)).next.reference;
      const clean = { status: 'clean' as const, at: '2026-03-02T10:00:05.000Z', etag: 'etag-a' };
      await attachments.recordScan(reference, 'a', clean);
      expect(await attachments.attachment(reference, 'a')).toBeUndefined();
      expect(await attachments.attachments(reference)).toEqual([]);
      expect(await attachments.recordArrival(file(reference, 'a', '2026-03-02T10:00:00.000Z'), 'complainant', LIMITS)).toBe('recorded');
      expect(await attachments.attachment(reference, 'a')).toEqual({ ...file(reference, 'a', '2026-03-02T10:00:00.000Z'), scan: clean });
      const infected = { status: 'infected' as const, at: '2026-03-02T10:00:09.000Z' };
      await attachments.recordScan(reference, 'a', infected);
      expect(await attachments.attachments(reference)).toEqual([{ ...file(reference, 'a', '2026-03-02T10:00:00.000Z'), scan: infected }]);
      // A refusal recorded over a checked file keeps its scan and marks it.
      await attachments.recordRefusal(file(reference, 'a', '2026-03-02T10:00:00.000Z', 100, { refused: 'replaced' }));
      expect(await attachments.attachment(reference, 'a')).toEqual({ ...file(reference, 'a', '2026-03-02T10:00:00.000Z'), refused: 'replaced', scan: infected });
      expect(await attachments.fileUsage(reference, 'complainant')).toEqual({ files: 1, bytes: 100 });
    });
  });
}

describeAttachmentContract('in memory', inMemory);
describeAttachmentContract('DynamoDB Local', onDynamoDbLocal());
