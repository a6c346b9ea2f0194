/**
 * The composition root of the staff lists (functions/admin-lists.ts): the stores they read, the
 * search key, the cursor codec, and the measures register, wired into what the use cases take.
 */
import { readerContext } from './reader-context.ts';
import { DynamoDbListReader } from './dynamodb-lists.ts';
import { DynamoDbComplaintLists } from './dynamodb-listing.ts';
import { DynamoDbComplaintStore } from './dynamodb-complaints.ts';
import { DynamoDbMeasureStore } from './dynamodb-measures.ts';
import { searchKeyLoader } from './search-key.ts';
import { decodeCursor, encodeCursor } from './dynamodb-cursor.ts';

export function listsContext() {
  const context = readerContext((table) => ({
    complaints: new DynamoDbComplaintStore(table),
    lists: new DynamoDbComplaintLists(table),
    feeds: new DynamoDbListReader(table),
    measures: new DynamoDbMeasureStore(table),
  }));
  const { config, clock, regulations, stores } = context;
  // Read at cold start: a search hashes its terms with the tenant's key (docs/search.md).
  const searchKey = searchKeyLoader(config);
  if (config.SEARCH_KEY || config.SEARCH_KEY_SECRET_ARN) void searchKey().catch(() => undefined);
  return {
    ...context,
    lists: { ...stores, regulations, searchKey, cursors: { encode: encodeCursor, decode: decodeCursor } },
    measures: { register: stores.measures, clock, regulations, complaints: stores.complaints },
  };
}
