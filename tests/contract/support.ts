/**
 * What the contract suites share: the stores of every port over one table, in memory (the fakes
 * of tests/support/fakes/) or on DynamoDB Local (the adapters of shared/adapters/), a fresh table
 * for each test; and sample writes made by the domain, as the use cases make them.
 *
 * A suite is a function `describeXContract(name, makeStores)` that each file invokes twice, once
 * per implementation, so the fake and the store answer the same questions the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ComplaintStore, ComplaintWrite, DigestStore, OutboxStore, PrivacyStore, ReferenceStore, Registration, StatusLinkStore } from '../../shared/domain/ports.ts';
import type { AttachmentRecorder, ComplaintLists, LetterReader, MailCaps } from '../../shared/domain/ports.ts';
import type { CalendarFeedStore } from '../../shared/domain/complaint/calendar-feed.ts';
import type { ListReader } from '../../shared/domain/complaint/lists.ts';
import type { MeasureStore } from '../../shared/domain/measures/measures.ts';
import type { ApiKeyStore } from '../../shared/domain/api-keys/api-keys.ts';
import type { ComplaintRecord, OutboxEntry } from '../../shared/domain/complaint/model.ts';
import { applyEvent } from '../../shared/domain/complaint/events.ts';
import { complaintWrite } from '../../shared/domain/complaint/complaint-write.ts';
import { registerComplaint } from '../../shared/domain/complaint/register-complaint.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import { DynamoDbTable } from '../../shared/adapters/dynamodb-table.ts';
import { registerStores } from '../../shared/adapters/dynamodb-register.ts';
import { DynamoDbPrivacyStore } from '../../shared/adapters/dynamodb-privacy.ts';
import { DynamoDbComplaintLists } from '../../shared/adapters/dynamodb-listing.ts';
import { DynamoDbAttachmentStore } from '../../shared/adapters/dynamodb-attachments.ts';
import { DynamoDbLetterStore } from '../../shared/adapters/dynamodb-letters.ts';
import { DynamoDbListReader } from '../../shared/adapters/dynamodb-lists.ts';
import { DynamoDbMailCaps } from '../../shared/adapters/dynamodb-mail-caps.ts';
import { ensureRegisterTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/processes.ts';
import { MemoryTable } from '../support/fakes/memory-table.ts';
import { InMemoryComplaintStore } from '../support/fakes/complaints.ts';
import { InMemoryOutboxStore } from '../support/fakes/outbox.ts';
import { InMemoryReferenceStore } from '../support/fakes/references.ts';
import { InMemoryMeasureStore } from '../support/fakes/measures.ts';
import { InMemoryApiKeyStore } from '../support/fakes/api-keys.ts';
import { InMemoryDigestStore, InMemoryStatusLinkStore } from '../support/fakes/status-links.ts';
import { InMemoryPrivacyStore } from '../support/fakes/privacy.ts';
import { InMemoryComplaintLists, InMemoryListReader } from '../support/fakes/lists.ts';
import { InMemoryAttachmentStore } from '../support/fakes/attachments.ts';
import { InMemoryLetterStore } from '../support/fakes/letters.ts';
import { InMemoryCalendarFeedStore } from '../support/fakes/calendar-feeds.ts';
import { InMemoryMailCaps } from '../support/fakes/mail-caps.ts';

/** One implementation of every port, over one (fresh) table. */
export interface Stores {
  complaints: ComplaintStore;
  outbox: OutboxStore;
  references: ReferenceStore;
  measures: MeasureStore;
  apiKeys: ApiKeyStore;
  statusLinks: StatusLinkStore;
  digests: DigestStore;
  privacy: PrivacyStore;
  lists: ComplaintLists;
  /** The recorder; it is its reader (AttachmentReader) too. */
  attachments: AttachmentRecorder;
  letters: LetterReader;
  calendarFeeds: CalendarFeedStore;
  /** The lists function's reads: the open complaints, their figures, the search tokens (and the feeds). */
  listReader: ListReader;
  mailCaps: MailCaps;
}

export type MakeStores = () => Promise<Stores>;

export const inMemory: MakeStores = async () => {
  const table = new MemoryTable();
  return {
    complaints: new InMemoryComplaintStore(table),
    outbox: new InMemoryOutboxStore(table),
    references: new InMemoryReferenceStore(table),
    measures: new InMemoryMeasureStore(table),
    apiKeys: new InMemoryApiKeyStore(table),
    statusLinks: new InMemoryStatusLinkStore(table),
    digests: new InMemoryDigestStore(table),
    privacy: new InMemoryPrivacyStore(table),
    lists: new InMemoryComplaintLists(table),
    attachments: new InMemoryAttachmentStore(table),
    letters: new InMemoryLetterStore(table),
    calendarFeeds: new InMemoryCalendarFeedStore(table),
    listReader: new InMemoryListReader(table),
    mailCaps: new InMemoryMailCaps(table),
  };
};

/**
 * The DynamoDB stores on DynamoDB Local: started once for the file (call at its top level), a
 * new table per makeStores(), stopped after the file.
 */
export function onDynamoDbLocal(): MakeStores {
  let local: DynamoDbLocal | undefined;
  let client: DynamoDBClient | undefined;
  let dataDir = '';
  let tables = 0;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'contract-'));
    local = await startDynamoDbLocal({ port: await freePort(), dataDir });
    client = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  });
  afterAll(async () => {
    client?.destroy();
    await local?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return async () => {
    const name = `contract-${(tables += 1)}`;
    await ensureRegisterTable(local!.endpoint, name);
    const table = new DynamoDbTable(client!, name);
    return {
      ...registerStores(table),
      privacy: new DynamoDbPrivacyStore(table),
      lists: new DynamoDbComplaintLists(table),
      attachments: new DynamoDbAttachmentStore(table),
      letters: new DynamoDbLetterStore(table),
      calendarFeeds: new DynamoDbListReader(table),
      listReader: new DynamoDbListReader(table),
      mailCaps: new DynamoDbMailCaps(table.client, table.name),
    };
  };
}

let demo: Regulation | undefined;
export async function demoRegulation(): Promise<Regulation> {
  demo ??= await loadRegulationFile('tenants/demo.yaml');
  return demo;
}

/**
 * A complaint's registration as intake builds it (the demo regulation, received `at`), with
 * reference sequence `sequence`; nothing is stored.
 */
export async function sampleRegistration(
  options: { sequence?: number; at?: Date; idempotencyKey?: string; publishEvents?: boolean; email?: string; searchTokens?: string[] } = {},
): Promise<Registration> {
  const regulation = await demoRegulation();
  let captured: Registration | undefined;
  const recorder = {
    allocateSequence: async () => options.sequence ?? 1,
    voidReference: async () => undefined,
    get: async () => undefined,
    findByIdempotencyKey: async () => undefined,
    register: async (registration: Registration) => {
      captured = registration;
    },
  };
  const at = options.at ?? new Date('2026-03-02T10:00:00+01:00');
  await registerComplaint(
    { register: recorder, clock: { now: () => at }, regulations: singleVersion(regulation), publishEvents: options.publishEvents ?? false },
    {
      body: { complainant: { name: 'Sanne de Vries', email: options.email ?? 'sanne@example.com' }, description: 'Afspraak verzet.' },
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    },
  );
  return options.searchTokens ? { ...captured!, searchTokens: options.searchTokens } : captured!;
}

/** The next change of a complaint (a note by the coordinator), as a use case writes it. */
export async function sampleChange(complaint: ComplaintRecord, options: { at?: Date; outbox?: OutboxEntry[]; publishEvents?: boolean } = {}): Promise<ComplaintWrite> {
  const regulation = await demoRegulation();
  const at = options.at ?? new Date(Date.parse(complaint.receivedAt) + 3600_000);
  const applied = applyEvent(regulation, complaint, { type: 'note-added', at, actor: 'coordinator@demo.example', data: { text: 'Gebeld.' } });
  return complaintWrite({ regulations: singleVersion(regulation), publishEvents: options.publishEvents ?? false }, applied, options.outbox ?? []);
}

/** An outbox entry of the kind a change queues (a reminder to staff), due at `dueAt`. */
export function sampleEntry(reference: string, entryId: string, dueAt: string): OutboxEntry {
  return {
    reference,
    entryId,
    createdAt: dueAt,
    attempts: 0,
    nextAttemptAt: dueAt,
    action: { kind: 'email', letter: 'deadline-reminder', to: 'coordinator@demo.example', milestoneId: 'handling' },
  };
}
