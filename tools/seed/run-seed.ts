/**
 * `npm run seed`'s work, callable from tests: plans a tenant's year of complaints and lives them
 * through the use cases against the production DynamoDB adapter, into the table `npm start` uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbComplaintRegister } from '../../shared/adapters/dynamodb-register.ts';
import type { RegulationVersions } from '../../shared/domain/regulation/versions.ts';
import { hmacSearchKey } from '../../shared/domain/complaint/search.ts';
import { generateHistories, planComplaints, type HistoryResult } from './histories.ts';

export interface SeedOptions {
  endpoint: string;
  tableName: string;
  /** Every version: each complaint is lived under the one in force when it was received. */
  regulations: RegulationVersions;
  year: number;
  count: number;
  seed: number;
  /** Nothing is dated after this instant (default: the machine's time). */
  now?: Date;
  /** Histories walked at once; DynamoDB Local serialises writes, a few overlap its round trips. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** The tenant's search key (the local cloud's, under its data folder): seeded complaints are findable by name. */
  searchKey?: string;
}

export interface SeedSummary {
  count: number;
  /** The year already had complaints: these came after them, with the next references. */
  added: boolean;
  firstReference: string;
  lastReference: string;
  byStatus: Record<string, number>;
  open: number;
  escalated: number;
  seconds: number;
}

export async function seedTenant(options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const plans = planComplaints(options.regulations, { year: options.year, count: options.count, seed: options.seed, now });
  const client = new DynamoDBClient({ endpoint: options.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 5 });
  try {
    const register = new DynamoDbComplaintRegister(client, options.tableName);
    const existing = await register.list({ year: options.year, limit: 1 });
    const results = await generateHistories({ register, regulations: options.regulations, now, ...(options.searchKey ? { searchKey: hmacSearchKey(options.searchKey) } : {}) }, plans, {
      concurrency: options.concurrency ?? 8,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return summarise(results, existing.items.length > 0, (performance.now() - started) / 1000);
  } finally {
    client.destroy();
  }
}

function summarise(results: HistoryResult[], added: boolean, seconds: number): SeedSummary {
  const byStatus: Record<string, number> = {};
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const references = results.map((r) => r.reference).sort();
  return {
    count: results.length,
    added,
    firstReference: references[0] ?? '',
    lastReference: references[references.length - 1] ?? '',
    byStatus,
    open: results.filter((r) => r.open).length,
    escalated: results.reduce((sum, r) => sum + r.escalated, 0),
    seconds,
  };
}
