/**
 * The composition roots: config, SDK clients and adapters, built once per cold start. Locally
 * the same code runs with endpoint overrides pointing at the stand-ins.
 *
 * Most functions only touch the register (tenantContext); only the outbox drain sends mail,
 * manages schedules and calls webhooks (delivery-context.ts). Keeping the SES and Scheduler
 * clients out of the others keeps their bundles small and their cold starts short.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RegulationVersions } from '../domain/regulation/versions.ts';
import type { Clock } from '../domain/ports.ts';
import { loadRuntimeConfig, type RuntimeConfig } from './config.ts';
import { DynamoDbComplaintRegister } from './dynamodb-register.ts';
import { systemClock } from './clock.ts';
import { EmfMetrics } from './metrics.ts';
import { endpointOf, readRegulationJson } from './runtime-files.ts';

export interface TenantContext {
  config: RuntimeConfig;
  /** The organisation's regulation, every version: a complaint lives under the one it was received under. */
  regulations: RegulationVersions;
  clock: Clock;
  register: DynamoDbComplaintRegister;
  /** Base of the complainant's private status link, when configured. */
  statusBaseUrl?: string;
  /** The tenant id (API keys carry it). */
  tenantId: string;
  /** The business metrics the use cases record; written once per invocation (requestLog in shared/observability/log.ts). */
  metrics: EmfMetrics;
}

let cached: TenantContext | undefined;

export function tenantContext(): TenantContext {
  cached ??= buildTenantContext(loadRuntimeConfig());
  return cached;
}

export function buildTenantContext(config: RuntimeConfig): TenantContext {
  return {
    config,
    tenantId: config.TENANT_ID,
    ...(config.STATUS_BASE_URL ? { statusBaseUrl: config.STATUS_BASE_URL } : {}),
    regulations: readRegulationJson(config.REGULATION_FILE, config.TENANT_ID),
    clock: systemClock,
    metrics: new EmfMetrics(config.TENANT_ID),
    // With a webhook configured, every event also queues its delivery to the tenant's system.
    register: new DynamoDbComplaintRegister(new DynamoDBClient({ region: config.AWS_REGION, ...endpointOf(config.DYNAMODB_ENDPOINT) }), config.TABLE_NAME, { publishEvents: Boolean(config.WEBHOOK_URL) }),
  };
}

// Where the functions' regulation and endpoints come from (shared with reader-context.ts).
export { endpointOf, readRegulationJson } from './runtime-files.ts';
