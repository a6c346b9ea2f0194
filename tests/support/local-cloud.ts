/** Test helpers around a local cloud the test starts itself (free ports, a temporary folder). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local/cloud.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';

export interface TestCloud {
  cloud: LocalCloud;
  dataDir: string;
  dynamodb: DynamoDBClient;
  scheduler: SchedulerClient;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestCloud(options: LocalCloudOptions = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'klachten-test-'));
  const cloud = await startLocalCloud({ tenants: ['demo'], schedulerTickMs: 200, ...options, dataDir });
  const clientConfig = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: cloud.urls.dynamodb });
  const scheduler = new SchedulerClient({ ...clientConfig, endpoint: cloud.urls.scheduler });
  return {
    cloud,
    dataDir,
    dynamodb,
    scheduler,
    stop: async ({ keepData = false } = {}) => {
      dynamodb.destroy();
      scheduler.destroy();
      await cloud.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface StoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** The mail the SES stand-in received (GET /store). */
export async function sentMail(sesUrl: string): Promise<StoredMail[]> {
  const response = await fetch(`${sesUrl}/store`);
  const store = (await response.json()) as { emails: StoredMail[] };
  return store.emails;
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const validComplaint = (overrides: Record<string, unknown> = {}) => ({
  complainant: { name: 'Sanne de Vries', email: 'sanne@example.com', language: 'nl' },
  description: 'Mijn afspraak werd twee keer verzet zonder bericht.',
  occurredOn: '2026-04-20',
  place: 'Vestiging Utrecht',
  ...overrides,
});

export async function postComplaint(api: string, tenant: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${api}/${tenant}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}
