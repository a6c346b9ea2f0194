/** A handler for tests/rehearsal/function-runtime.test.ts: sleeps, reads its environment, makes one SDK call. */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

interface Context {
  functionName: string;
  getRemainingTimeInMillis(): number;
}

export async function handler(event: { sleepMs?: number; call?: boolean }, context: Context) {
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  let sdk: string | undefined;
  if (event.call) {
    const client = new DynamoDBClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    try {
      await client.send(new GetItemCommand({ TableName: 'klachten-demo', Key: { pk: { S: 'x' }, sk: { S: 'y' } } }));
      sdk = 'sent';
    } catch (error) {
      sdk = `${(error as Error).name}: ${(error as Error).message}`;
    }
  }
  return {
    functionName: context.functionName,
    remainingMs: context.getRemainingTimeInMillis(),
    variable: process.env.ONLY_THIS,
    path: process.env.PATH,
    sdk,
  };
}
