/**
 * The DynamoDB Local that `npm start` uses, for command-line tools (seed, report): the running
 * one when `npm start` is up, otherwise one started here on the same data folder and port, and
 * stopped again when the tool is done.
 */
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../local/dynamodb-local.ts';

// This machine runs Node 20 (Lambda runs 24): the SDK's notice about it is noise for a tool.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function withLocalDynamoDb<T>(work: (endpoint: string, local: { startedHere: boolean }) => Promise<T>, log: (line: string) => void = (line) => console.error(line)): Promise<T> {
  const port = Number(process.env.KLACHTEN_DYNAMODB_PORT || 8000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`KLACHTEN_DYNAMODB_PORT must be a port number, got "${process.env.KLACHTEN_DYNAMODB_PORT}"`);
  const endpoint = `http://127.0.0.1:${port}`;
  if (await reachable(endpoint)) {
    log(`Using the DynamoDB Local at ${endpoint} (npm start is running).`);
    return work(endpoint, { startedHere: false });
  }
  const dataDir = join(process.env.KLACHTEN_DATA_DIR ?? '.data', 'dynamodb');
  log(`Starting DynamoDB Local on port ${port} with ${dataDir} ...`);
  const started = await startDynamoDbLocal({ port, dataDir });
  try {
    return await work(endpoint, { startedHere: true });
  } finally {
    await started.stop();
  }
}

export async function reachable(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1, requestHandler: { requestTimeout: 2000, connectionTimeout: 1000 } });
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}
