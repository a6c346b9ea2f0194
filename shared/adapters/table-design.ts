/**
 * The register table's key design (and its stream), shared by the CDK construct and the local
 * cloud so both create the same table, and by the DynamoDB adapter that writes the index keys.
 */
export interface IndexDesign {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** What it serves. */
  purpose: string;
}

export const OUTBOX_INDEX: IndexDesign = { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', purpose: 'pending outbox entries by due time' };
export const STATUS_INDEX: IndexDesign = { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', purpose: 'complaints by status (and the measures register), newest first' };
export const HANDLER_INDEX: IndexDesign = { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', purpose: 'complaints by assigned handler' };
export const YEAR_INDEX: IndexDesign = { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', purpose: 'complaints by year of receipt (lists, yearly report)' };
export const DUE_INDEX: IndexDesign = { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', purpose: 'complaints by their next open deadline (overdue, due this week, the sweeper)' };
/**
 * Privacy, one index for two lookups (DynamoDB adds one index per table update): the complaint
 * item while its retention runs (`RETENTION`, by end of retention), and the registration event
 * (E#000001) by its complainant's subject hash (`SUBJECT#<sha-256>`). Both sparse; anonymising
 * removes both.
 */
export const PRIVACY_INDEX: IndexDesign = { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', purpose: "complaints due for anonymisation, and a subject's complaints by e-mail hash" };

export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [OUTBOX_INDEX, STATUS_INDEX, HANDLER_INDEX, YEAR_INDEX, DUE_INDEX, PRIVACY_INDEX],
  /** Pending outbox entries by due time. */
  outboxIndex: OUTBOX_INDEX,
  /** Epoch seconds after which DynamoDB may delete the item (idempotency keys). */
  timeToLiveAttribute: 'expiresAt',
  /** Sort-key prefix of outbox items (the stream trigger filters on it). */
  outboxSortKeyPrefix: 'O#',
  /**
   * What the table's stream carries: each written item's new image, so the outbox drain gets the
   * entry it is told of (shared/adapters/outbox-stream.ts) and filters on its keys.
   */
  streamViewType: 'NEW_IMAGE',
} as const;

export function tableNameFor(tenantId: string): string {
  return `klachten-${tenantId}`;
}
