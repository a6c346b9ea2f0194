/**
 * Issue 14's "Done when", over HTTP against the local cloud (DynamoDB Local, the SES stand-in, the
 * Scheduler emulator, the gateway): under a fixture with a category exclusion (with an immediate
 * referral inside the organisation) and a limitation window that feeds a ground
 * (tests/fixtures/regulations/thuiszorg-het-anker.yaml), a complaint classified into the excluded
 * category is proposed the ground in GET /admin/complaints/{reference}, the wrong ground is refused
 * with 422 and its article, and the referral letters arrive; on Occure a privacy complaint's
 * routing letter reaches the data protection officer's address.
 *
 * One local cloud runs both tenants: the two files are copied into a temporary tenants folder.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AdminClient, submitComplaint } from '../support/admin-client.ts';
import { eventually, sentMail, startTestCloud, type StoredMail, type TestCloud } from '../support/local-cloud.ts';

const ANKER = 'thuiszorg-het-anker';
const OCCURE = 'occure';
let t: TestCloud;
let tenantsDir: string;

beforeAll(async () => {
  tenantsDir = mkdtempSync(join(tmpdir(), 'klachten-rules-tenants-'));
  copyFileSync(`tests/fixtures/regulations/${ANKER}.yaml`, join(tenantsDir, `${ANKER}.yaml`));
  copyFileSync(`tenants/${OCCURE}.yaml`, join(tenantsDir, `${OCCURE}.yaml`));
  // Mon 2 March 2026, 10:00 in Amsterdam: the limitation dates below follow from it.
  t = await startTestCloud({ tenants: [ANKER, OCCURE], tenantsDir, clockStart: new Date('2026-03-02T10:00:00+01:00') });
});

afterAll(async () => {
  await t?.stop();
  if (tenantsDir) rmSync(tenantsDir, { recursive: true, force: true });
});

const complainant = { name: 'Sanne de Vries', email: 'sanne@example.com', language: 'nl' };

/** The mail about one complaint of one tenant (references repeat across tenants: the sender tells them apart). */
async function mailFrom(sender: string, reference: string): Promise<StoredMail[]> {
  return (await sentMail(t.cloud.urls.ses)).filter((m) => m.subject.includes(reference) && m.from.includes(sender));
}

async function waitForMail(sender: string, reference: string, subject: string): Promise<StoredMail> {
  return eventually(`mail "${subject}" from ${sender}`, async () => (await mailFrom(sender, reference)).find((m) => m.subject === subject));
}

describe('grounds that act, under a regulation with a category exclusion and a limitation window', () => {
  let coordinator: AdminClient;

  beforeAll(async () => {
    coordinator = await AdminClient.as(t.cloud.urls.api, ANKER, { role: 'coordinator' });
  });

  test('classified into the excluded category: the file proposes the ground with its article; the wrong ground is 422 with its article; the referral letters go out', async () => {
    const { reference } = await submitComplaint(t.cloud.urls.api, ANKER, { complainant, description: 'De eigen bijdrage is twee keer afgeschreven.', occurredOn: '2026-02-20' });
    const before = await coordinator.complaint(reference);
    expect(before.status).toBe(200);
    expect(before.body.proposedGrounds).toEqual([]);

    expect((await coordinator.step(reference, 'classify', { categories: ['invoices'] })).status).toBe(200);
    const file = await coordinator.complaint(reference);
    expect(file.body.proposedGrounds).toEqual([
      {
        id: 'invoices',
        label: { nl: 'Klacht over een factuur of de eigen bijdrage', en: 'Complaint about an invoice or the personal contribution' },
        rule: 'art. 3 lid 3',
        judgement: false,
        referral: { label: { nl: 'de financiële administratie van Thuiszorg Het Anker', en: 'the finance department of Thuiszorg Het Anker' }, immediate: true, to: 'finance' },
      },
    ]);

    const wrong = await coordinator.step(reference, 'not-admissible', { ground: 'too-late' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ error: 'rule_violation', rule: 'art. 3 lid 2' });
    expect(wrong.body.message).toContain('does not apply to this complaint');
    const otherKind = await coordinator.step(reference, 'not-admissible', { ground: 'anonymous' });
    expect(otherKind).toMatchObject({ status: 422, body: { rule: 'art. 3 lid 1' } });
    // Refused: nothing was decided (the acknowledgement may have gone out meanwhile).
    expect((await coordinator.complaint(reference)).body).toMatchObject({
      status: expect.stringMatching(/^(registered|acknowledged)$/),
      proposedGrounds: [expect.objectContaining({ id: 'invoices' })],
    });
    expect((await coordinator.complaint(reference)).body.decision).toBeUndefined();

    const refused = await coordinator.step(reference, 'not-admissible', { ground: 'invoices' });
    expect(refused.status).toBe(200);
    expect((await coordinator.complaint(reference)).body).toMatchObject({ status: 'not-admissible', decision: { outcome: 'not-admissible', ground: 'invoices' }, proposedGrounds: [] });

    const internal = await waitForMail('klachten@anker.example', reference, `Klacht naar u doorverwezen ${reference}`);
    expect(internal.destination.to).toEqual(['financien@anker.example']);
    expect(internal.body.text).toContain('De klacht wordt niet in behandeling genomen: Klacht over een factuur of de eigen bijdrage (art. 3 lid 3).');
    const letter = await waitForMail('klachten@anker.example', reference, `Uw klacht wordt niet in behandeling genomen ${reference}`);
    expect(letter.destination.to).toEqual(['sanne@example.com']);
    expect(letter.body.text).toContain('U kunt terecht bij: de financiële administratie van Thuiszorg Het Anker');
    expect(letter.body.text).toContain('Deze brief volgt uit art. 3 lid 3 van de klachtenregeling.');
  });

  test('a stated date outside the limitation window proposes the limitation ground, which is then accepted', async () => {
    const { reference } = await submitComplaint(t.cloud.urls.api, ANKER, { complainant, description: 'De zorg werd vorig jaar te laat geleverd.', occurredOn: '2025-12-01' });
    expect((await coordinator.complaint(reference)).body.proposedGrounds).toEqual([]);
    expect(await coordinator.step(reference, 'not-admissible', { ground: 'too-late' })).toMatchObject({ status: 422, body: { rule: 'art. 3 lid 2' } });
    // 27 Feb 2025 + 1 year = Fri 27 Feb 2026: the complaint of Mon 2 March 2026 came after the window closed.
    expect((await coordinator.step(reference, 'stated-date', { id: 'occurred-on', date: '2025-02-27' })).status).toBe(200);
    expect((await coordinator.complaint(reference)).body.proposedGrounds).toEqual([expect.objectContaining({ id: 'too-late', rule: 'art. 3 lid 2', judgement: false })]);
    expect((await coordinator.step(reference, 'not-admissible', { ground: 'too-late' })).status).toBe(200);
    const letter = await waitForMail('klachten@anker.example', reference, `Uw klacht wordt niet in behandeling genomen ${reference}`);
    expect(letter.body.text).toContain('De gedraging is langer dan een jaar geleden (art. 3 lid 2)');
  });
});

describe('routing that acts, on Occure', () => {
  test('a privacy complaint is routed: the data protection officer gets it at the address the regulation gives', async () => {
    const coordinator = await AdminClient.as(t.cloud.urls.api, OCCURE, { role: 'coordinator' });
    const { reference } = await submitComplaint(t.cloud.urls.api, OCCURE, { complainant, description: 'Mijn medisch dossier is naar de verkeerde werkgever gestuurd.' });
    expect((await coordinator.step(reference, 'classify', { categories: ['privacy'] })).status).toBe(200);
    expect((await coordinator.complaint(reference)).body.routes).toEqual(['privacy']);
    const routing = await waitForMail('klachten@occure.example', reference, `Klacht voor u ${reference}`);
    expect(routing.destination.to).toEqual(['privacy@occure.example']);
    expect(routing.body.text).toContain('Mijn medisch dossier is naar de verkeerde werkgever gestuurd.');
    expect(routing.body.text).toContain('Deze brief volgt uit § 2.1 van de klachtenregeling.');
    // Only the route's role: nobody else got a routing letter.
    expect((await mailFrom('klachten@occure.example', reference)).filter((m) => m.subject.startsWith('Klacht voor u')).flatMap((m) => m.destination.to)).toEqual(['privacy@occure.example']);
  });
});
