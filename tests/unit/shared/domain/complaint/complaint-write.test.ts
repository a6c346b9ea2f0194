/** What a use case hands the store for one change: the report line and, with a webhook, the event's delivery. */
import { describe, expect, test } from 'vitest';
import { complaintWrite, registrationWrite } from '../../../../../shared/domain/complaint/complaint-write.ts';
import { registrationEvent, type ComplaintEvent } from '../../../../../shared/domain/complaint/events.ts';
import type { ComplaintRecord, OutboxEntry } from '../../../../../shared/domain/complaint/model.ts';
import { webhookEntryId } from '../../../../../shared/domain/complaint/webhook-entries.ts';
import { reportLineOf } from '../../../../../shared/domain/report/figures.ts';
import { subjectHash } from '../../../../../shared/domain/privacy/subject.ts';
import { rollupChange } from '../../../../../shared/domain/report/rollup.ts';
import { singleVersion } from '../../../../../shared/domain/regulation/versions.ts';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';

const record = {
  reference: 'KL-2026-000001',
  year: 2026,
  tenantId: 'demo',
  regulationVersion: '1',
  receivedAt: '2026-03-02T08:00:00.000Z',
  channel: 'phone',
  mode: 'oral',
  registeredBy: 'coordinator@demo.example',
  complainant: { name: 'Sanne', email: 'sanne@example.com' },
  description: 'x',
  categories: [],
  involved: [],
  signOffs: [],
  measureIds: [],
  happened: { received: '2026-03-02T08:00:00.000Z', registered: '2026-03-02T09:00:00.000Z' },
  status: 'registered',
  milestones: [],
  version: 1,
} as unknown as ComplaintRecord;
const event: ComplaintEvent = { reference: record.reference, seq: 2, type: 'note-added', at: '2026-03-02T10:00:00.000Z', actor: 'coordinator@demo.example' };
const entry: OutboxEntry = {
  reference: record.reference,
  entryId: 'mail-1',
  createdAt: '2026-03-02T09:30:00.000Z',
  attempts: 0,
  nextAttemptAt: '2026-03-02T09:30:00.000Z',
  action: { kind: 'erase-files' },
};

const regulations = singleVersion(await loadRegulationFile('tenants/demo.yaml'));
const NO_WEBHOOK = { regulations };

describe('complaintWrite', () => {
  test("the rollup change: the previous view's figures out, the next one's in", () => {
    const previous = { ...record };
    const next = { ...record, version: 2, status: 'withdrawn' } as ComplaintRecord;
    const write = complaintWrite(NO_WEBHOOK, { previous, next, event }, []);
    expect(write.rollup).toEqual(rollupChange(regulations, reportLineOf(previous), reportLineOf(next)));
    expect(write.rollup.deltas.length).toBeGreaterThan(0);
  });

  test("the next view's report line, and the outbox entries as given when events are not published", () => {
    const next = { ...record, version: 2 };
    expect(complaintWrite(NO_WEBHOOK, { next, event }, [entry])).toEqual({
      next,
      event,
      reportLine: reportLineOf(next),
      rollup: rollupChange(regulations, undefined, reportLineOf(next)),
      outbox: [entry],
    });
  });

  test("with a webhook: the event's delivery first, due with the earliest of the event and its entries", () => {
    const write = complaintWrite({ regulations, publishEvents: true }, { next: { ...record, version: 2 }, event }, [entry]);
    expect(write.outbox).toEqual([
      { reference: record.reference, entryId: webhookEntryId(2), createdAt: entry.createdAt, attempts: 0, nextAttemptAt: entry.createdAt, action: { kind: 'webhook', event } },
      entry,
    ]);
  });
});

describe('registrationWrite', () => {
  test('the registration event, the search tokens, and the unkeyed subject hash when intake has no key', () => {
    const registration = registrationWrite(NO_WEBHOOK, record, [], { searchTokens: ['t1'] });
    expect(registration).toMatchObject({ next: record, event: registrationEvent(record), searchTokens: ['t1'], subject: subjectHash('sanne@example.com') });
    expect(registrationWrite(NO_WEBHOOK, record, [], { subject: 'keyed' }).subject).toBe('keyed');
    expect(registrationWrite(NO_WEBHOOK, { ...record, complainant: { name: 'Anoniem' } } as ComplaintRecord, []).subject).toBeUndefined();
  });
});
