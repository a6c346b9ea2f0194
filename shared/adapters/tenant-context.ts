/**
 * The composition roots: config, SDK clients and adapters, built once per cold start. Locally
 * the same code runs with endpoint overrides pointing at the stand-ins.
 *
 * Most functions only touch the register (tenantContext); only the outbox drain sends mail,
 * manages schedules and calls webhooks (delivery-context.ts). Keeping the SES and Scheduler
 * clients out of the others keeps their bundles small and their cold starts short. The context
 * is typed by the domain's ports; a function that needs a store of its own (privacy, reports,
 * attachments) builds it on tenantTable().
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RegulationVersions } from '../domain/regulation/versions.ts';
import type { AttachmentReader, Clock, ComplaintRegister, ReferenceStore, StatusLinkStore } from '../domain/ports.ts';
import type { MeasureStore } from '../domain/measures/measures.ts';
import type { ApiKeyStore } from '../domain/api-keys/api-keys.ts';
import { loadRuntimeConfig, type RuntimeConfig } from './config.ts';
import { workflowRegister } from './dynamodb-workflow-register.ts';
import { DynamoDbStatusLinkStore } from './dynamodb-status-links.ts';
import { DynamoDbMeasureStore } from './dynamodb-measures.ts';
import { DynamoDbApiKeyStore } from './dynamodb-api-keys.ts';
import { DynamoDbTable } from './dynamodb-table.ts';
import { DynamoDbAttachmentReader } from './dynamodb-attachments.ts';
import { functionBasics } from './reader-context.ts';
import { EmfMetrics } from './metrics.ts';
import { endpointOf } from './runtime-files.ts';

export interface TenantContext {
  config: RuntimeConfig;
  /** The organisation's regulation, every version: a complaint lives under the one it was received under. */
  regulations: RegulationVersions;
  clock: Clock;
  /** The complaints with their events, the outbox, the references. */
  register: ComplaintRegister & ReferenceStore;
  measures: MeasureStore;
  apiKeys: ApiKeyStore;
  statusLinks: StatusLinkStore;
  /** A complaint's attachments as recorded (reading; use cases take it as `files`). */
  attachments: AttachmentReader;
  /** With a webhook configured, every event written also queues its delivery to the tenant's system (complaint-write.ts). */
  publishEvents: boolean;
  /** Base of the complainant's private status link, when configured. */
  statusBaseUrl?: string;
  /** The tenant id (API keys carry it). */
  tenantId: string;
  /** The business metrics the use cases record; written once per invocation (requestLog in shared/observability/log.ts). */
  metrics: EmfMetrics;
}

let cached: TenantContext | undefined;
let table: DynamoDbTable | undefined;

export function tenantContext(): TenantContext {
  cached ??= buildTenantContext(loadRuntimeConfig());
  return cached;
}

/** The register table of this function's tenant, one client per cold start. */
export function tenantTable(config: RuntimeConfig = tenantContext().config): DynamoDbTable {
  table ??= new DynamoDbTable(new DynamoDBClient({ region: config.AWS_REGION, ...endpointOf(config.DYNAMODB_ENDPOINT) }), config.TABLE_NAME);
  return table;
}

export function buildTenantContext(config: RuntimeConfig): TenantContext {
  const shared = tenantTable(config);
  return {
    ...functionBasics(config),
    metrics: new EmfMetrics(config.TENANT_ID),
    publishEvents: Boolean(config.WEBHOOK_URL),
    register: workflowRegister(shared),
    measures: new DynamoDbMeasureStore(shared),
    apiKeys: new DynamoDbApiKeyStore(shared),
    statusLinks: new DynamoDbStatusLinkStore(shared),
    attachments: new DynamoDbAttachmentReader(shared),
  };
}

// Where the functions' regulation and endpoints come from (shared with reader-context.ts).
export { endpointOf, readRegulationJson } from './runtime-files.ts';
