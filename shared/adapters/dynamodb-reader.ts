/**
 * Where the table helpers used to live: the mail caps' counters (dynamodb-mail-caps.ts) still
 * import them from here. New code imports dynamodb-table.ts.
 */
export { toItem, translateDynamoDbError } from './dynamodb-table.ts';
