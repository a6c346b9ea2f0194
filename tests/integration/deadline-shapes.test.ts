/**
 * One complaint under a regulation with a weekly update duty, a target beside a hard term and an
 * extension policy with consent, through the local cloud (DynamoDB Local, the SES stand-in, the
 * Scheduler emulator, the gateway) with clock travel: the reminders and letters say "streefdatum"
 * or "uiterlijk", a missed target is recorded without a breach, the consent is recorded and
 * shown, and the update series ends with the decision (its schedules deleted).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AdminClient, call, submitComplaint } from '../support/admin-client.ts';
import { eventually, sentMail, startTestCloud, type StoredMail, type TestCloud } from '../support/local-cloud.ts';

const TENANT = 'kinderopvang-het-speelbos';
let t: TestCloud;
let coordinator: AdminClient;

beforeAll(async () => {
  // Mon 2 March 2026, 10:00 in Amsterdam: the dates below follow from it.
  t = await startTestCloud({ tenants: [TENANT], tenantsDir: 'tests/fixtures/regulations', clockStart: new Date('2026-03-02T10:00:00+01:00') });
  coordinator = await AdminClient.as(t.cloud.urls.api, TENANT, { role: 'coordinator' });
});

afterAll(async () => {
  await t?.stop();
});

async function mailAbout(reference: string): Promise<StoredMail[]> {
  return (await sentMail(t.cloud.urls.ses)).filter((m) => m.subject.includes(reference));
}

async function waitForMail(reference: string, subjectStart: string, count = 1): Promise<StoredMail[]> {
  return eventually(`${count} mail(s) "${subjectStart}"`, async () => {
    const found = (await mailAbout(reference)).filter((m) => m.subject.startsWith(subjectStart));
    return found.length >= count ? found : undefined;
  });
}

async function deadlines(reference: string): Promise<Array<{ milestoneId: string; kind: string; due: string; status: string; dueAt: string; explanation?: string[] }>> {
  const file = await coordinator.complaint(reference);
  expect(file.status).toBe(200);
  return file.body.milestones;
}

async function advanceTo(instant: string): Promise<void> {
  await t.cloud.clock.advance(Date.parse(instant) - t.cloud.clock.now().getTime());
  // A staff token lasts an hour of the (travelled) clock: sign in again.
  coordinator = await AdminClient.as(t.cloud.urls.api, TENANT, { role: 'coordinator' });
}

async function schedules(): Promise<string[]> {
  const response = await call(`${t.cloud.urls.scheduler}/schedules`);
  return (response.body.Schedules as Array<{ Name: string }>).map((s) => s.Name);
}

describe('targets, a weekly update and an extension with consent, with clock travel', () => {
  let reference: string;
  let statusPage: string;

  test('registered: the acknowledgement says "uiterlijk" and "wij streven", the status page shows both kinds and the update rhythm', async () => {
    const created = await submitComplaint(t.cloud.urls.api, TENANT, {
      complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', language: 'nl' },
      description: 'Mijn dochter werd te laat opgehaald uit de sporthal.',
      occurredOn: '2026-02-26',
    });
    reference = created.reference;
    statusPage = `${created.statusUrl}/pagina`;
    expect((await deadlines(reference)).map((m) => [m.milestoneId, m.kind, m.due])).toEqual([
      ['acknowledgement', 'hard', '2026-03-05'],
      ['handling-target', 'target', '2026-03-16'],
      ['handling', 'hard', '2026-04-13'],
      ['progress-update.1', 'hard', '2026-03-09'],
    ]);
    const [ack] = await waitForMail(reference, 'Ontvangstbevestiging');
    expect(ack!.body.text).toContain('U hoort van ons uiterlijk op de volgende data:');
    expect(ack!.body.text).toContain('Wij streven ernaar u eerder te antwoorden, op:');
    expect(ack!.body.text).toMatch(/Oord\w+ \(streefdatum\): maandag 16 maart 2026/);

    const page = await call(statusPage);
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-kind="target"');
    expect(page.body).toMatch(/wij streven naar <time datetime="2026-03-16">/);
    expect(page.body).toMatch(/uiterlijk <time datetime="2026-04-13">/);
    expect(page.body).toContain('u krijgt telkens binnen 1 week een voortgangsbericht');
  });

  test('the console API explains each date', async () => {
    const answer = await coordinator.get(`/complaints/${reference}/deadlines`);
    expect(answer.status).toBe(200);
    const handling = answer.body.deadlines.find((m: { milestoneId: string }) => m.milestoneId === 'handling');
    expect(handling.kind).toBe('hard');
    expect(handling.explanation.join('\n')).toContain('maandag 13 april 2026');
    const target = answer.body.deadlines.find((m: { milestoneId: string }) => m.milestoneId === 'handling-target');
    expect(target.explanation.join('\n')).toContain('Streefdatum');
  });

  test('a missed weekly update escalates and the next occurrence follows; an update meets it and the series goes on from that day', async () => {
    await advanceTo('2026-03-10T08:00:00+01:00');
    const [escalation] = await waitForMail(reference, 'Termijn verstreken');
    expect(escalation!.subject).toBe(`Termijn verstreken: ${reference} – Voortgangsbericht`);
    expect((await deadlines(reference)).filter((m) => m.milestoneId.startsWith('progress-update')).map((m) => [m.milestoneId, m.status, m.due])).toEqual([
      ['progress-update.1', 'escalated', '2026-03-09'],
      ['progress-update.2', 'open', '2026-03-16'],
    ]);
    const sent = await coordinator.step(reference, 'progress-update', { text: 'We spreken deze week met de pedagogisch medewerker.' });
    expect(sent.status).toBe(200);
    const [update] = await waitForMail(reference, 'Voortgang van uw klacht');
    expect(update!.destination.to).toEqual(['sanne@example.com']);
    expect(update!.body.text).toContain('We spreken deze week met de pedagogisch medewerker.');
    expect((await deadlines(reference)).filter((m) => m.milestoneId.startsWith('progress-update')).map((m) => [m.milestoneId, m.status, m.due])).toEqual([
      ['progress-update.1', 'met', '2026-03-09'],
      ['progress-update.2', 'met', '2026-03-16'],
      ['progress-update.3', 'open', '2026-03-17'],
    ]);
    await eventually('the next occurrence to be scheduled', async () => (await schedules()).includes(`${reference}.progress-update.3.check`));
  });

  test('the target: a reminder that says "streefdatum", then a miss recorded without a breach', async () => {
    await advanceTo('2026-03-12T10:00:00+01:00');
    const [reminder] = await waitForMail(reference, 'Herinnering');
    expect(reminder!.subject).toBe(`Herinnering: ${reference} – Oordeel (streefdatum) streefdatum maandag 16 maart 2026`);
    await coordinator.step(reference, 'progress-update', { text: 'Het gesprek heeft plaatsgevonden.' });
    await advanceTo('2026-03-17T08:00:00+01:00');
    const [missed] = await waitForMail(reference, 'Streefdatum niet gehaald');
    expect(missed!.destination.to).toEqual(['klachten@speelbos.example']);
    const states = await deadlines(reference);
    expect(states.find((m) => m.milestoneId === 'handling-target')?.status).toBe('missed');
    expect(states.find((m) => m.milestoneId === 'handling')?.status).toBe('open');
    expect((await mailAbout(reference)).filter((m) => m.subject.includes('Oordeel') && m.subject.startsWith('Termijn verstreken'))).toEqual([]);
  });

  test('extended once; a further extension is refused until the written consent is recorded, then given', async () => {
    await coordinator.step(reference, 'progress-update', { text: 'We wachten op een verklaring.' });
    const first = await coordinator.step(reference, 'extension', { milestoneId: 'handling', period: { unit: 'weeks', amount: 4 }, reason: 'Een getuige is met verlof.' });
    expect(first.status).toBe(200);
    const notices = await waitForMail(reference, 'Verlenging van de termijn', 2);
    expect(notices.flatMap((m) => m.destination.to).sort()).toEqual(['houder@speelbos.example', 'sanne@example.com']);
    expect(notices[0]!.body.text).toContain('is verlengd tot maandag 11 mei 2026');

    const refused = await coordinator.step(reference, 'extension', { milestoneId: 'handling', until: '2026-05-29', reason: 'Nog meer tijd nodig.' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'rule_violation', rule: 'art. 5 lid 4' });

    const consent = await coordinator.step(reference, 'extension-consent', { milestoneId: 'handling', by: 'Sanne de Vries', givenOn: '2026-03-17', form: 'written' });
    expect(consent.status).toBe(200);
    const [confirmation] = await waitForMail(reference, 'Bevestiging van uw instemming');
    expect(confirmation!.body.text).toContain('schriftelijk heeft ingestemd');
    const second = await coordinator.step(reference, 'extension', { milestoneId: 'handling', until: '2026-05-29', reason: 'Nog meer tijd nodig.' });
    expect(second.status).toBe(200);
    const letters = await waitForMail(reference, 'Verlenging van de termijn', 4);
    expect(letters.some((m) => m.body.text?.includes('Deze verdere verlenging is gegeven met uw instemming.'))).toBe(true);
    expect((await deadlines(reference)).find((m) => m.milestoneId === 'handling')?.due).toBe('2026-05-29');

    const page = await call(statusPage);
    expect(page.body).toContain('data-consent');
    expect(page.body).toContain('Sanne de Vries stemde op dinsdag 17 maart 2026 schriftelijk in met een verdere verlenging.');
    expect(page.body).toMatch(/uiterlijk <time datetime="2026-05-29">/);
  });

  test('the decision ends the update series: no further occurrence, its schedules gone, the status page shows no rhythm', async () => {
    const ruling = await coordinator.step(reference, 'ruling', { outcome: 'partly-founded', reasoning: 'Het ophalen is te laat gebeurd; de melding aan u was wel op tijd.' });
    expect(ruling.status).toBe(200);
    await waitForMail(reference, 'Uitspraak op uw klacht');
    const series = (await deadlines(reference)).filter((m) => m.milestoneId.startsWith('progress-update'));
    expect(series.at(-1)?.status).toBe('cancelled');
    expect(series.every((m) => m.status !== 'open')).toBe(true);
    await eventually(
      'the series schedules to be deleted',
      async () => !(await schedules()).some((name) => name.startsWith(`${reference}.progress-update.`) && name.includes(`.${series.at(-1)!.milestoneId.split('.')[1]}.`)),
    );
    await advanceTo('2026-04-20T10:00:00+02:00');
    expect((await deadlines(reference)).filter((m) => m.milestoneId.startsWith('progress-update') && m.status === 'open')).toEqual([]);
    const page = await call(statusPage);
    expect(page.body).not.toContain('voortgangsbericht; het volgende');
  });
});
