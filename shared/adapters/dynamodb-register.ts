/**
 * The whole register on one table for tools and tests (the seed tool, the report benchmark,
 * tenant:check, integration tests): the workflow's register (dynamodb-workflow-register.ts) plus
 * the lists, the measures, the digests, the receipts tenant:check reads and the bulk import, each
 * call handed to the store that owns it. Functions never bundle this: their composition roots
 * (tenant-context.ts and the functions' own) build the stores they use. The item layout is
 * dynamodb-items.ts; the table helper dynamodb-table.ts.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ComplaintLists, ComplaintQuery, DigestStore } from '../domain/ports.ts';
import type { Measure, MeasureStore } from '../domain/measures/measures.ts';
import { DynamoDbTable } from './dynamodb-table.ts';
import { DynamoDbReferenceStore } from './dynamodb-references.ts';
import { DynamoDbComplaintLists } from './dynamodb-listing.ts';
import { DynamoDbDigestStore, DynamoDbStatusLinkStore } from './dynamodb-status-links.ts';
import { DynamoDbMeasureStore } from './dynamodb-measures.ts';
import { DynamoDbApiKeyStore } from './dynamodb-api-keys.ts';
import { importRecords, type ImportedRecords } from './dynamodb-import.ts';
import { workflowRegister, type WorkflowRegister } from './dynamodb-workflow-register.ts';
import { DynamoDbComplaintStore } from './dynamodb-complaints.ts';
import { DynamoDbOutboxStore } from './dynamodb-outbox.ts';

/** Every store on one table, sharing its client (the contract tests build them so). */
export function registerStores(table: DynamoDbTable) {
  return {
    complaints: new DynamoDbComplaintStore(table),
    outbox: new DynamoDbOutboxStore(table),
    references: new DynamoDbReferenceStore(table),
    lists: new DynamoDbComplaintLists(table),
    digests: new DynamoDbDigestStore(table),
    statusLinks: new DynamoDbStatusLinkStore(table),
    measures: new DynamoDbMeasureStore(table),
    apiKeys: new DynamoDbApiKeyStore(table),
  };
}

// The workflow's methods are the workflowRegister's, assigned in the constructor.
export interface DynamoDbComplaintRegister extends WorkflowRegister {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above declares the workflow register's methods, which the constructor assigns
export class DynamoDbComplaintRegister implements ComplaintLists, DigestStore, MeasureStore {
  readonly table: DynamoDbTable;
  private readonly stores: ReturnType<typeof registerStores>;

  constructor(client: DynamoDBClient, tableName: string) {
    this.table = new DynamoDbTable(client, tableName);
    this.stores = registerStores(this.table);
    Object.assign(this, workflowRegister(this.table));
  }

  list(query: ComplaintQuery) {
    return this.stores.lists.list(query);
  }

  claimDigest(week: string, recipient: string, now: Date, leaseUntil: Date) {
    return this.stores.digests.claimDigest(week, recipient, now, leaseUntil);
  }
  completeDigest(week: string, recipient: string, detail: string) {
    return this.stores.digests.completeDigest(week, recipient, detail);
  }
  releaseDigest(week: string, recipient: string) {
    return this.stores.digests.releaseDigest(week, recipient);
  }

  putMeasure(measure: Measure) {
    return this.stores.measures.putMeasure(measure);
  }
  getMeasure(id: string) {
    return this.stores.measures.getMeasure(id);
  }
  listMeasures(limit: number, cursor?: string) {
    return this.stores.measures.listMeasures(limit, cursor);
  }

  /** The latest receipts tenant:check compares a new regulation version with. */
  latestReceipts(limit: number, now?: Date) {
    return this.stores.references.latestReceipts(limit, now);
  }

  /** Loads generated histories (dynamodb-import.ts): the seed tool and the report benchmark. */
  importRecords(records: ImportedRecords) {
    return importRecords(this.table, records);
  }
}

// Tests that write raw items read the marshaller from here.
export { toItem } from './dynamodb-table.ts';
