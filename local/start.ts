/**
 * `npm start`: the whole system on this machine, no AWS account, no Docker.
 * Ports and the data folder come from the environment (docs/local-cloud.md, "Configuration"); Ctrl-C stops everything.
 */
import { startLocalCloud, type LocalCloud } from './cloud.ts';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number (0-65535), got "${raw}"`);
    process.exit(2);
  }
  return port;
}

const startedAt = performance.now();
const ports = {
  gateway: portFromEnv('KLACHTEN_PORT', 3000),
  dynamodb: portFromEnv('KLACHTEN_DYNAMODB_PORT', 8000),
  ses: portFromEnv('KLACHTEN_SES_PORT', 8005),
  scheduler: portFromEnv('KLACHTEN_SCHEDULER_PORT', 8010),
  s3: portFromEnv('KLACHTEN_S3_PORT', 8020),
};
const webhookUrl = process.env.KLACHTEN_WEBHOOK_URL || undefined;
const webhookSecret = process.env.KLACHTEN_WEBHOOK_SECRET || undefined;
if (Boolean(webhookUrl) !== Boolean(webhookSecret)) {
  console.error('Set both KLACHTEN_WEBHOOK_URL and KLACHTEN_WEBHOOK_SECRET (at least 32 characters), or neither');
  process.exit(2);
}
const webhook = webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined;
const tenants = process.env.KLACHTEN_TENANTS
  ? process.env.KLACHTEN_TENANTS.split(',')
      .map((t) => t.trim())
      .filter(Boolean)
  : undefined;

let cloud: LocalCloud | undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local cloud...`);
  await cloud?.stop();
  console.log('Stopped. Data is kept in', process.env.KLACHTEN_DATA_DIR ?? '.data');
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

try {
  cloud = await startLocalCloud({ dataDir: process.env.KLACHTEN_DATA_DIR ?? '.data', ports, ...(tenants ? { tenants } : {}), ...(webhook ? { webhook } : {}) });
} catch (error) {
  console.error(`Could not start the local cloud:\n${(error as Error).message}`);
  process.exit(1);
}

const { urls } = cloud;
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
const example = cloud.tenants.includes('demo') ? 'demo' : cloud.tenants[0];
console.log(`
klachtenregister local cloud ready in ${seconds} s

  Complaint form     ${urls.api}/${example}/klacht   (English: ?lang=en; every tenant: /<tenant>/klacht)
  Admin console      ${urls.api}/${example}/console   (sign in as a demo user)
  API gateway        ${urls.api}/<tenant>/complaints   (tenants: ${cloud.tenants.join(', ')})
  Mail viewer (SES)  ${urls.ses}/
  Scheduler API      ${urls.scheduler}/schedules
  S3 (attachments)   ${urls.s3}/${cloud.bucketName(example ?? 'demo')}   (malware scan stand-in: the EICAR test string is "infected")
  DynamoDB Local     ${urls.dynamodb}
  Local clock        ${urls.api}/_local/clock   (POST {"days": 5} to move time forward)${webhook ? `\n  Webhook            every complaint event -> ${webhook.url}` : ''}

Try it:
  curl -s -X POST ${urls.api}/${example}/complaints \\
    -H 'content-type: application/json' -H 'Idempotency-Key: try-it-0001' \\
    -d '{"complainant":{"name":"Sanne de Vries","email":"sanne@example.com"},"description":"Mijn afspraak werd twee keer verzet zonder bericht."}'

Ctrl-C stops everything.`);
