/**
 * Attachments against the stand-ins (s3rver, the malware scan stand-in, DynamoDB Local), through
 * the gateway as a browser or a system would: declared on the status link, uploaded by the
 * presigned POST straight to storage, checked after the upload (size, type by its bytes, the
 * declaration, the limits), scanned; listed on the complaint's file, opened by staff through a
 * short-lived link (never before it is clean, never by a handler of another complaint), named in
 * the authorisation, exported with the subject's data, erased with the complaint and kept under a
 * legal hold.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startTestCloud, validComplaint, type TestCloud } from '../support/local-cloud.ts';
import { AdminClient, call, submitComplaint } from '../support/admin-client.ts';
import { sampleFiles } from '../support/sample-files.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { FILE_LIMITS } from '../../shared/domain/attachments/files.ts';

const TENANT = 'demo';
const PDF = 'application/pdf';

let t: TestCloud;
let api: string;
let s3: S3Client;
let coordinator: AdminClient;
let handler1: AdminClient;
let handler2: AdminClient;

beforeAll(async () => {
  t = await startTestCloud({ tenants: [TENANT] });
  api = t.cloud.urls.api;
  s3 = new S3Client({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: t.cloud.urls.s3, forcePathStyle: true });
  coordinator = await AdminClient.as(api, TENANT, { role: 'coordinator' });
  handler1 = await AdminClient.as(api, TENANT, { user: 'handler1@demo.example' });
  handler2 = await AdminClient.as(api, TENANT, { user: 'handler2@demo.example' });
});

afterAll(async () => {
  s3?.destroy();
  await t?.stop();
});

/** A complaint filed on someone's behalf (the demo asks a signed authorisation), with its status link. */
async function onBehalf(email = 'piet@example.com') {
  const complaint = await submitComplaint(
    api,
    TENANT,
    validComplaint({ complainant: { name: 'Jan Jansen', email, language: 'nl' }, representative: { name: 'Piet Jansen', email: 'piet.rep@example.com' } }),
  );
  return { ...complaint, status: complaint.statusUrl.replace(/^https?:\/\/[^/]+/, api) };
}

/** Declares a file on the status link: the answer, and the presigned POST. */
function declare(statusUrl: string, body: unknown) {
  return call(`${statusUrl}/attachments`, { method: 'POST', body });
}

/** The presigned POST as a browser sends it: the fields, then the file. */
async function post(upload: { url: string; fields: Record<string, string> }, content: Buffer, extra: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...extra })) form.append(name, value);
  form.append('file', new Blob([content]), 'upload.bin');
  return fetch(upload.url, { method: 'POST', body: form, redirect: 'manual' });
}

/** Declare, upload and let the check and scan run: the attachment id. */
async function uploadAs(statusUrl: string, name: string, contentType: string, content: Buffer): Promise<string> {
  const declared = await declare(statusUrl, { name, contentType, size: content.length });
  expect(declared.status, JSON.stringify(declared.body)).toBe(201);
  const stored = await post(declared.body.upload, content);
  expect(stored.status).toBeLessThan(300);
  await t.cloud.settleFiles();
  return declared.body.id;
}

async function statusFiles(statusUrl: string): Promise<any[]> {
  return (await call(statusUrl)).body.files;
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: t.cloud.bucketName(TENANT), Key: key }));
    return true;
  } catch {
    return false;
  }
}

const keyOf = (reference: string, id: string) => `attachments/${reference}/${id}`;

describe('uploads through the presigned POST, checked after the upload', () => {
  test('a declared PDF: 201 with id and a presigned POST; stored, checked, scanned clean; on the file as the issue lists it', async () => {
    const c = await onBehalf();
    const pdf = sampleFiles.pdf();
    const declared = await declare(c.status, { name: 'machtiging getekend.pdf', contentType: PDF, size: pdf.length });
    expect(declared.status).toBe(201);
    expect(declared.body).toEqual({
      id: expect.stringMatching(/^[a-f0-9]{20}$/),
      upload: {
        url: `${t.cloud.urls.s3}/${t.cloud.bucketName(TENANT)}`,
        fields: expect.objectContaining({ key: keyOf(c.reference, declared.body.id), 'Content-Type': PDF, Policy: expect.any(String), 'X-Amz-Signature': expect.any(String) }),
      },
    });
    // The policy pins the exact size, the type, the key and who uploads.
    const policy = JSON.parse(Buffer.from(declared.body.upload.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([['content-length-range', pdf.length, pdf.length], { 'Content-Type': PDF }, { key: keyOf(c.reference, declared.body.id) }, { 'x-amz-meta-uploaded-by': 'complainant' }]),
    );
    expect((await post(declared.body.upload, pdf)).status).toBe(201);
    await t.cloud.settleFiles();

    const file = (await coordinator.complaint(c.reference)).body;
    expect(file.attachments).toEqual([
      { id: declared.body.id, name: 'machtiging getekend.pdf', size: pdf.length, contentType: PDF, state: 'clean', uploadedBy: 'complainant', uploadedAt: expect.any(String) },
    ]);
    expect(await statusFiles(c.status)).toEqual([expect.objectContaining({ id: declared.body.id, state: 'clean' })]);
  });

  test('declared too large or of a type not allowed: 400 with the limit in words, nothing signed', async () => {
    const c = await onBehalf();
    const tooLarge = await declare(c.status, { name: 'scan.pdf', contentType: PDF, size: FILE_LIMITS.maxFileBytes + 1 });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.problems).toEqual([expect.objectContaining({ field: 'size', code: 'too_large', key: 'error.field.fileTooLarge', params: { max: '10 MB' } })]);
    const exe = await declare(c.status, { name: 'factuur.exe', contentType: 'application/x-msdownload', size: 1000 });
    expect(exe.status).toBe(400);
    expect(exe.body.problems).toEqual([
      expect.objectContaining({ field: 'contentType', key: 'error.field.fileType', message: 'this type of file is not accepted; accepted: PDF, JPEG, PNG, HEIC, DOCX, TXT' }),
    ]);
    expect((await declare(c.status, { name: 'x.pdf', contentType: PDF, size: 10, extra: 1 })).status).toBe(400);
  });

  test('content that is not what was declared (a PDF sent as a PNG) is refused and deleted', async () => {
    const c = await onBehalf();
    const id = await uploadAs(c.status, 'foto.png', 'image/png', sampleFiles.pdf());
    expect(await statusFiles(c.status)).toEqual([expect.objectContaining({ id, state: 'refused', reason: 'type-mismatch' })]);
    expect(await exists(keyOf(c.reference, id))).toBe(false);
  });

  test('what s3rver lets through, the check refuses: a file over the limit, of a size other than declared, an executable', async () => {
    const c = await onBehalf();
    // The status page's own form (no JavaScript): no declared type or size, at most the limit.
    const page = await fetch(`${c.status}/pagina`);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(html);
    expect(action?.[1]).toBe(`${t.cloud.urls.s3}/${t.cloud.bucketName(TENANT)}`);
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${t.cloud.urls.s3}`);
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
    expect(fields.success_action_redirect).toMatch(/\/pagina\?uploaded=[a-f0-9]{20}$/);
    const big = Buffer.concat([sampleFiles.pdf(), Buffer.alloc(FILE_LIMITS.maxFileBytes)]);
    const stored = await post({ url: action![1]!, fields }, big, { 'x-amz-meta-name': 'te groot' });
    expect(stored.status).toBe(303);
    expect(stored.headers.get('location')).toContain(`${c.status}/pagina?uploaded=`);
    await t.cloud.settleFiles();

    const declared = await declare(c.status, { name: 'klein.pdf', contentType: PDF, size: 100 });
    await post(declared.body.upload, sampleFiles.pdf());
    const exe = await declare(c.status, { name: 'brief.txt', contentType: 'text/plain', size: 8 });
    await post(exe.body.upload, Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'));
    await t.cloud.settleFiles();

    const files = await statusFiles(c.status);
    expect(files.map((f: any) => [f.name, f.state, f.reason])).toEqual(
      expect.arrayContaining([
        ['te groot', 'refused', 'too-large'],
        ['klein.pdf', 'refused', 'size-mismatch'],
        ['brief.txt', 'refused', 'type-not-allowed'],
      ]),
    );
    for (const f of files) expect(await exists(keyOf(c.reference, f.id))).toBe(false);
    // The page says so, in words.
    expect(await (await fetch(`${c.status}/pagina`)).text()).toContain('het bestand is groter dan 10 MB');
  });

  test("the limits per complaint: the complainant's files and total are counted; staff have their own", async () => {
    const c = await onBehalf();
    const txt = sampleFiles.txt();
    // Fill the complainant's quota with small files written straight to storage, as the stand-in's uploads would be.
    for (let i = 0; i < FILE_LIMITS.maxFiles; i += 1) {
      const declared = await declare(c.status, { name: `bewijs-${i}.txt`, contentType: 'text/plain', size: txt.length });
      expect(declared.status).toBe(201);
      await post(declared.body.upload, txt);
    }
    await t.cloud.settleFiles();
    const over = await declare(c.status, { name: 'nog een.txt', contentType: 'text/plain', size: txt.length });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ key: 'error.conflict.tooManyFiles', params: { max: FILE_LIMITS.maxFiles } });
    // Staff can still add the hearing report.
    const staff = await coordinator.send('POST', `/complaints/${c.reference}/attachments`, {
      name: 'verslag.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size: sampleFiles.docx().length,
      description: 'Verslag hoorzitting',
    });
    expect(staff.status, JSON.stringify(staff.body)).toBe(201);
  });
});

describe('scanned before staff can open a file', () => {
  test('an infected file (the EICAR test string) is marked infected, deleted, and never opens', async () => {
    const c = await onBehalf();
    const id = await uploadAs(c.status, 'eicar.txt', 'text/plain', sampleFiles.eicar());
    expect((await coordinator.complaint(c.reference)).body.attachments).toEqual([expect.objectContaining({ id, state: 'infected' })]);
    expect(await exists(keyOf(c.reference, id))).toBe(false);
    const download = await coordinator.get(`/complaints/${c.reference}/attachments/${id}`);
    expect(download.status).toBe(409);
    expect(download.body).toMatchObject({ key: 'error.conflict.attachmentNotClean', message: 'this file cannot be opened: it contains malicious software and was deleted' });
  });

  test('pending while the scan has not reported: not opened until it is clean', async () => {
    const c = await onBehalf();
    t.cloud.scans.hold();
    try {
      const id = await uploadAs(c.status, 'foto.jpg', 'image/jpeg', sampleFiles.jpeg());
      expect((await coordinator.complaint(c.reference)).body.attachments).toEqual([expect.objectContaining({ id, state: 'pending' })]);
      expect((await coordinator.get(`/complaints/${c.reference}/attachments/${id}`)).status).toBe(409);
      await t.cloud.scans.release();
      expect((await coordinator.complaint(c.reference)).body.attachments).toEqual([expect.objectContaining({ id, state: 'clean' })]);
    } finally {
      await t.cloud.scans.release();
    }
  });
});

describe('staff open a file: a short-lived link, as an attachment, audit-logged', () => {
  test('the coordinator and the assigned handler get a redirect to a link that downloads the file; a handler of another complaint gets 404', async () => {
    const c = await onBehalf('open@example.com');
    const pdf = sampleFiles.pdf();
    const id = await uploadAs(c.status, 'brief <1>.pdf', PDF, pdf);

    const redirect = await fetch(coordinator.url(`/complaints/${c.reference}/attachments/${id}`), { headers: { authorization: `Bearer ${coordinator.token}` }, redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('x-content-type-options')).toBe('nosniff');
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    const link = new URL(redirect.headers.get('location')!);
    expect(link.origin).toBe(t.cloud.urls.s3);
    expect(Number(link.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    const download = await fetch(link);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="brief _1_.pdf"; filename*=UTF-8\'\'brief%20_1_.pdf');
    expect(download.headers.get('content-type')).toBe(PDF);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // For a script (the console): the link as JSON, the same checks and audit line.
    const asJson = await coordinator.get(`/complaints/${c.reference}/attachments/${id}`, { accept: 'application/json' });
    expect(asJson.status).toBe(200);
    expect(asJson.body).toEqual({ url: expect.stringContaining(`${t.cloud.urls.s3}/`), expiresInSeconds: 300 });

    const audit = await coordinator.get('/audit?limit=5');
    expect(audit.body.items[0]).toMatchObject({ action: 'attachment-download', actor: coordinator.email, references: [c.reference], attachment: id });
    expect(JSON.stringify(audit.body.items[0])).not.toContain('brief');

    // Assigned to handler 1 (the authorisation first: the demo requires it before assigning).
    expect((await coordinator.step(c.reference, 'authorisation', { attachment: id })).status).toBe(200);
    expect((await coordinator.step(c.reference, 'assign', { handler: { email: handler1.email, name: 'Hans Behandelaar', function: 'adviseur' } })).status).toBe(200);
    expect((await fetch(handler1.url(`/complaints/${c.reference}/attachments/${id}`), { headers: { authorization: `Bearer ${handler1.token}` }, redirect: 'manual' })).status).toBe(302);
    const other = await handler2.get(`/complaints/${c.reference}/attachments/${id}`);
    expect(other.status).toBe(404);
    expect((await coordinator.get(`/complaints/${c.reference}/attachments/00000000000000000000`)).status).toBe(404);
  });

  test('staff upload a hearing report: declared with a description, recorded as theirs, not shown to the complainant', async () => {
    const c = await onBehalf();
    const docx = sampleFiles.docx();
    const declared = await coordinator.send('POST', `/complaints/${c.reference}/attachments`, {
      name: 'Verslag hoorzitting.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size: docx.length,
      description: 'Verslag hoorzitting 3 maart',
    });
    expect(declared.status).toBe(201);
    expect((await post(declared.body.upload, docx)).status).toBe(201);
    await t.cloud.settleFiles();
    expect((await coordinator.complaint(c.reference)).body.attachments).toEqual([
      expect.objectContaining({ id: declared.body.id, state: 'clean', uploadedBy: coordinator.email, description: 'Verslag hoorzitting 3 maart' }),
    ]);
    expect(await statusFiles(c.status)).toEqual([]);
    const auditor = await AdminClient.as(api, TENANT, { role: 'auditor' });
    expect((await auditor.send('POST', `/complaints/${c.reference}/attachments`, { name: 'x.pdf', contentType: PDF, size: 10 })).status).toBe(403);
  });
});

describe('the signed authorisation as a file', () => {
  test('where the regulation asks a signed authorisation, a typed one is refused with its article; the file is taken and staff record it received with it', async () => {
    const c = await onBehalf();
    const typed = await call(`${c.status}/authorisation`, { method: 'POST', body: { signedBy: 'Jan Jansen', statement: 'Ik machtig Piet.' } });
    expect(typed.status).toBe(422);
    expect(typed.body).toMatchObject({ key: 'error.rule.signedDocumentRequired', rule: 'art. 2 lid 2' });
    expect((await call(`${c.status}/authorisation`, { method: 'POST', body: {} })).status).toBe(400);
    expect((await call(`${c.status}/authorisation`, { method: 'POST', body: { attachment: '0123456789abcdef0123' } })).body.problems[0]).toMatchObject({
      field: 'attachment',
      key: 'error.field.noSuchAttachment',
    });

    const id = await uploadAs(c.status, 'machtiging.pdf', PDF, sampleFiles.pdf());
    const sent = await call(`${c.status}/authorisation`, { method: 'POST', body: { attachment: id } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const file = (await coordinator.complaint(c.reference)).body;
    expect(file.timeline.at(-1)).toMatchObject({ type: 'authorisation-submitted', actor: 'complainant', data: { attachment: id } });
    expect(file.status).toBe('awaiting-authorisation');

    const received = await coordinator.step(c.reference, 'authorisation', { attachment: id });
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    expect(received.body.event).toMatchObject({ type: 'authorisation-received', data: { attachment: id } });
    expect(received.body.complaint.status).toBe('acknowledged');
  });

  test('staff name only a clean file of this complaint', async () => {
    const c = await onBehalf();
    const other = await onBehalf();
    const elsewhere = await uploadAs(other.status, 'machtiging.pdf', PDF, sampleFiles.pdf());
    const refusal = await coordinator.step(c.reference, 'authorisation', { attachment: elsewhere });
    expect(refusal.status).toBe(400);
    expect(refusal.body.problems[0]).toMatchObject({ field: 'attachment', key: 'error.field.noSuchAttachment' });
  });
});

describe('privacy: exported, erased with the complaint, kept under a legal hold', () => {
  test('the subject export lists the files with the route that opens them', async () => {
    const c = await onBehalf('export@example.com');
    const id = await uploadAs(c.status, 'factuur.pdf', PDF, sampleFiles.pdf());
    const exported = await coordinator.get('/subjects/export?email=export%40example.com');
    expect(exported.status).toBe(200);
    expect(exported.body.complaints[0].attachments).toEqual([expect.objectContaining({ id, name: 'factuur.pdf', state: 'clean', download: `/admin/complaints/${c.reference}/attachments/${id}` })]);
  });

  test('erasure deletes the objects (and their records); a legal hold keeps them', async () => {
    const erased = await onBehalf('erase@example.com');
    const held = await onBehalf('hold@example.com');
    const erasedId = await uploadAs(erased.status, 'foto.png', 'image/png', sampleFiles.png());
    const heldId = await uploadAs(held.status, 'foto.heic', 'image/heic', sampleFiles.heic());
    // A stray object under the complaint's prefix (never checked) goes too.
    await s3.send(new PutObjectCommand({ Bucket: t.cloud.bucketName(TENANT), Key: `attachments/${erased.reference}/stray`, Body: 'x' }));
    await t.cloud.settleFiles();
    for (const c of [erased, held]) expect((await coordinator.step(c.reference, 'withdraw', { reason: 'Klager trekt de klacht in' })).status).toBe(200);
    expect((await coordinator.send('POST', `/complaints/${held.reference}/legal-hold`, { reason: 'Geschil bij de geschillencommissie' })).status).toBe(200);

    for (const email of ['erase@example.com', 'hold@example.com']) {
      expect((await coordinator.send('POST', '/subjects/erase', { email, reason: 'Verzoek van betrokkene' })).status).toBe(200);
    }
    await t.cloud.drainOutboxes();
    const left = await s3.send(new ListObjectsV2Command({ Bucket: t.cloud.bucketName(TENANT), Prefix: `attachments/${erased.reference}/` }));
    expect(left.KeyCount ?? 0).toBe(0);
    expect(await exists(keyOf(erased.reference, erasedId))).toBe(false);
    expect((await coordinator.complaint(erased.reference)).body.attachments).toEqual([]);

    expect(await exists(keyOf(held.reference, heldId))).toBe(true);
    expect((await coordinator.complaint(held.reference)).body.attachments).toEqual([expect.objectContaining({ id: heldId, state: 'clean' })]);
  });
});
