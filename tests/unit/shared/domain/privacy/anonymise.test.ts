import { describe, expect, test } from 'vitest';
import { anonymiseRecord, ANONYMISED, neutralActor } from '../../../../../shared/domain/privacy/anonymise.ts';
import { keyedSubjectHash, sameSubject, subjectHash } from '../../../../../shared/domain/privacy/subject.ts';
import { hmacSearchKey } from '../../../../../shared/domain/complaint/search.ts';
import { personalTermsOf, redactText } from '../../../../../shared/domain/privacy/privacy.ts';
import { scrubEvent } from '../../../../../shared/domain/privacy/scrub-event.ts';
import type { ComplaintRecord } from '../../../../../shared/domain/complaint/model.ts';
import type { ComplaintEvent } from '../../../../../shared/domain/complaint/events.ts';

/** A complaint with every field the model has, each holding something recognisable. */
function fullRecord(): ComplaintRecord {
  return {
    reference: 'KL-2026-000042',
    year: 2026,
    tenantId: 'demo',
    regulationVersion: '2025-01',
    receivedAt: '2026-03-02T09:00:00.000Z',
    channel: 'web-form',
    mode: 'written',
    registeredBy: 'intake@demo.example',
    complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', phone: '+31612345678', language: 'en', emailProblem: { kind: 'bounce', at: '2026-03-03T10:00:00.000Z', messageId: 'm-1' } },
    representative: { name: 'Piet Jansen', email: 'piet@example.com', authorisation: 'received' },
    categories: ['communication', 'waiting-time'],
    involved: [{ email: 'erik@demo.example', name: 'Erik Medewerker', function: 'adviseur', involvement: 'subject' }],
    handler: { email: 'handler1@demo.example', name: 'Hans Behandelaar', function: 'adviseur' },
    decision: {
      outcome: 'partly-founded',
      reasoning: 'Sanne had gelijk over de afspraak.',
      remedies: ['apology'],
      improvements: 'Bel Sanne voortaan terug.',
      decidedAt: '2026-03-20T12:00:00.000Z',
      decidedBy: 'handler1@demo.example',
    },
    objection: {
      receivedAt: '2026-03-25T08:00:00.000Z',
      text: 'Ik, Sanne, ben het er niet mee eens.',
      decision: { outcome: 'unfounded', reasoning: 'Sanne kreeg al excuses.', decidedAt: '2026-04-10T08:00:00.000Z', decidedBy: 'director@demo.example' },
    },
    externalReferral: { body: 'geschillencommissie', at: '2026-04-11T08:00:00.000Z' },
    satisfaction: { satisfied: false, comment: 'Sanne is nog steeds boos.', at: '2026-04-12T08:00:00.000Z' },
    signOffs: [{ role: 'director', by: 'director@demo.example', at: '2026-04-12T09:00:00.000Z' }],
    measureIds: ['m-7'],
    happened: { received: '2026-03-02T09:00:00.000Z', acknowledged: '2026-03-02T09:05:00.000Z', closed: '2026-04-12T10:00:00.000Z' },
    statusTokenHash: 'a'.repeat(64),
    description: 'Mijn afspraak werd twee keer verzet zonder bericht, zegt Sanne de Vries.',
    occurredOn: '2026-02-27',
    place: 'Vestiging Utrecht, Oudegracht 1',
    circumstances: 'Sanne stond voor een dichte deur.',
    status: 'closed',
    milestones: [
      {
        milestoneId: 'handling',
        label: { nl: 'Uitspraak', en: 'Ruling' },
        due: '2026-04-01',
        dueAt: '2026-04-01T21:59:59.000Z',
        reminderOn: '2026-03-30',
        remindedFor: '2026-04-01',
        responsibleRole: 'handler',
        escalationRole: 'director',
        citation: 'art. 5',
        status: 'met',
        metAt: '2026-03-20T12:00:00.000Z',
        extensions: [{ unit: 'weeks', amount: 2 }],
      },
    ],
    finalAt: '2026-04-12T10:00:00.000Z',
    retainUntil: '2028-04-12T21:59:59.000Z',
    legalHold: { reason: 'Sanne dreigt met een rechtszaak', by: 'coordinator@demo.example', at: '2026-04-13T08:00:00.000Z' },
    version: 23,
  };
}

const PERSONAL = [
  'Sanne',
  'sanne@example.com',
  '+31612345678',
  'Piet',
  'piet@example.com',
  'Erik',
  'erik@demo.example',
  'Hans',
  'handler1@demo.example',
  'director@demo.example',
  'intake@demo.example',
  'coordinator@demo.example',
  'Oudegracht',
  'afspraak',
  'dichte deur',
  'rechtszaak',
  'a'.repeat(64),
  '2026-02-27',
];

describe('anonymiseRecord', () => {
  const record = fullRecord();
  const anonymised = anonymiseRecord(record, '2028-04-13T03:15:00.000Z');

  test('no name, address, phone, text, staff identity or status link survives anywhere in the record', () => {
    const serialised = JSON.stringify(anonymised);
    for (const value of PERSONAL) expect(serialised, value).not.toContain(value);
    expect(anonymised.statusTokenHash).toBeUndefined();
    expect(anonymised.handler).toBeUndefined();
    expect(anonymised.place).toBeUndefined();
    expect(anonymised.circumstances).toBeUndefined();
    expect(anonymised.occurredOn).toBeUndefined();
    expect(anonymised.legalHold).toBeUndefined();
    expect(anonymised.complainant).toEqual({ name: ANONYMISED, email: '', language: 'en' });
    expect(anonymised.description).toBe(ANONYMISED);
    expect(anonymised.satisfaction).toEqual({ satisfied: false, at: '2026-04-12T08:00:00.000Z' });
    expect(anonymised.objection?.text).toBe('');
  });

  test('everything the yearly report and the audit trail read stays equal', () => {
    for (const field of [
      'reference',
      'year',
      'tenantId',
      'regulationVersion',
      'receivedAt',
      'channel',
      'mode',
      'categories',
      'status',
      'milestones',
      'happened',
      'externalReferral',
      'measureIds',
      'version',
      'finalAt',
      'retainUntil',
    ] as const) {
      expect(anonymised[field], field).toEqual(record[field]);
    }
    expect(anonymised.decision).toMatchObject({ outcome: 'partly-founded', decidedAt: record.decision!.decidedAt, remedies: ['apology'] });
    expect(anonymised.objection?.receivedAt).toBe(record.objection!.receivedAt);
    expect(anonymised.objection?.decision).toMatchObject({ outcome: 'unfounded', decidedAt: record.objection!.decision!.decidedAt });
    expect(anonymised.satisfaction?.satisfied).toBe(false);
    expect(anonymised.signOffs).toEqual([{ role: 'director', by: 'staff', at: '2026-04-12T09:00:00.000Z' }]);
    expect(anonymised.registeredBy).toBe('staff');
    expect(anonymised.representative).toEqual({ name: ANONYMISED, authorisation: 'received' });
    expect(anonymised.involved).toEqual([{ email: '', name: ANONYMISED, involvement: 'subject' }]);
    expect(anonymised.anonymisedAt).toBe('2028-04-13T03:15:00.000Z');
  });

  test('does not change the record it was given', () => {
    expect(record).toEqual(fullRecord());
  });

  test('a complaint the complainant filed, or through an API key, says so; no representative stays none', () => {
    const own = anonymiseRecord({ ...fullRecord(), registeredBy: 'complainant', representative: undefined } as ComplaintRecord, '2028-01-01T00:00:00.000Z');
    expect(own.registeredBy).toBe('complainant');
    expect(own.representative).toBeUndefined();
    expect(neutralActor('api:3f9c0a1b2c4d')).toBe('api:3f9c0a1b2c4d');
    expect(neutralActor('system')).toBe('system');
    expect(neutralActor('someone@example.com')).toBe('staff');
  });
});

describe('scrubEvent', () => {
  test('keeps what happened when under which rule; drops who, why and every quoted word', () => {
    const events: ComplaintEvent[] = [
      { reference: 'KL-2026-000042', seq: 1, type: 'registered', at: '2026-03-02T09:00:00.000Z', actor: 'complainant', data: { channel: 'web-form', mode: 'written' } },
      {
        reference: 'KL-2026-000042',
        seq: 5,
        type: 'ruling-sent',
        at: '2026-03-20T12:00:00.000Z',
        actor: 'handler1@demo.example',
        rule: 'art. 5',
        reason: 'Sanne belde',
        meets: ['handling'],
        data: { decision: { outcome: 'partly-founded', reasoning: 'Sanne had gelijk' } },
      },
      {
        reference: 'KL-2026-000042',
        seq: 6,
        type: 'mail-undeliverable',
        at: '2026-03-21T12:00:00.000Z',
        actor: 'system',
        data: { kind: 'bounce', recipient: 'sanne@example.com', recipients: ['sanne@example.com'], messageId: 'm-1' },
      },
      { reference: 'KL-2026-000042', seq: 7, type: 'letter-sent', at: '2026-03-21T12:00:00.000Z', actor: 'system', data: { letter: 'ruling', recipient: 'complainant', messageId: 'm-2' } },
      { reference: 'KL-2026-000042', seq: 8, type: 'information-added', at: '2026-03-22T12:00:00.000Z', actor: 'complainant', data: { text: 'Sanne de Vries, Oudegracht 1' } },
      { reference: 'KL-2026-000042', seq: 9, type: 'deadline-missed', at: '2026-03-23T12:00:00.000Z', actor: 'system', escalates: ['handling'], data: { milestoneId: 'handling' } },
    ];
    const scrubbed = events.map(scrubEvent);
    const serialised = JSON.stringify(scrubbed);
    for (const value of PERSONAL) expect(serialised, value).not.toContain(value);
    expect(scrubbed.map((e) => [e.seq, e.type, e.at])).toEqual(events.map((e) => [e.seq, e.type, e.at]));
    expect(scrubbed[0]!.data).toEqual({ channel: 'web-form', mode: 'written' });
    expect(scrubbed[1]).toEqual({
      reference: 'KL-2026-000042',
      seq: 5,
      type: 'ruling-sent',
      at: '2026-03-20T12:00:00.000Z',
      actor: 'staff',
      rule: 'art. 5',
      meets: ['handling'],
      data: { outcome: 'partly-founded' },
    });
    expect(scrubbed[2]!.data).toEqual({ kind: 'bounce' });
    expect(scrubbed[3]!.data).toEqual({ letter: 'ruling', recipient: 'complainant' });
    expect(scrubbed[4]!.data).toBeUndefined();
    expect(scrubbed[5]!.escalates).toEqual(['handling']);
  });
});

test('the subject hash is SHA-256 of the trimmed, lower-cased address', () => {
  expect(subjectHash(' Sanne@Example.com ')).toBe(subjectHash('sanne@example.com'));
  expect(subjectHash('sanne@example.com')).toMatch(/^[0-9a-f]{64}$/);
  expect(subjectHash('sanne@example.com')).not.toBe(subjectHash('sanna@example.com'));
});

test("the keyed subject hash: HMAC under the tenant's key, in its own domain, not the unkeyed hash nor a search token", () => {
  const key = hmacSearchKey('k'.repeat(32));
  const other = hmacSearchKey('o'.repeat(32));
  expect(keyedSubjectHash(key, ' Sanne@Example.com ')).toBe(keyedSubjectHash(key, 'sanne@example.com'));
  expect(keyedSubjectHash(key, 'sanne@example.com')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(keyedSubjectHash(key, 'sanne@example.com')).not.toBe(keyedSubjectHash(other, 'sanne@example.com'));
  expect(keyedSubjectHash(key, 'sanne@example.com')).not.toBe(subjectHash('sanne@example.com'));
  expect(keyedSubjectHash(key, 'sanne@example.com')).not.toBe(key('email:sanne@example.com'));
  expect(sameSubject(' Sanne@Example.com', 'sanne@example.com ')).toBe(true);
  expect(sameSubject(undefined, 'sanne@example.com')).toBe(false);
});

test("free text loses the names and addresses of an erased complaint's people, whole words only", () => {
  const terms = personalTermsOf({
    complainant: { name: 'Sanne van der Vries', email: 'sanne@example.com', language: 'nl' },
    representative: { name: 'Jan Jansen', email: 'jan@example.org', authorisation: 'received' },
  });
  expect(terms).toEqual(expect.arrayContaining(['Sanne van der Vries', 'Sanne', 'Vries', 'Jan Jansen', 'Jan', 'Jansen', 'sanne@example.com', 'jan@example.org']));
  expect(terms).not.toContain('van');
  expect(redactText('Verzoek van Sanne van der Vries (sanne@example.com), via JAN JANSEN; in januari.', terms)).toBe(`Verzoek van ${ANONYMISED} (${ANONYMISED}), via ${ANONYMISED}; in januari.`);
  expect(redactText('Mevrouw De Vries belde.', terms)).toBe(`Mevrouw De ${ANONYMISED} belde.`);
});
