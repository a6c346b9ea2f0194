/**
 * The register table's key design, shared by the CDK construct and the local cloud so both
 * create the same table.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Pending outbox entries by due time. */
  outboxIndex: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Epoch seconds after which DynamoDB may delete the item (idempotency keys). */
  timeToLiveAttribute: 'expiresAt',
} as const;

export function tableNameFor(tenantId: string): string {
  return `klachten-${tenantId}`;
}
