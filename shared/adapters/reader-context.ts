/**
 * The composition root of a function that reads the register and writes little or nothing (the
 * lists, the letters and their preview): config, the regulation, the clock and the reader it
 * names, built once per cold start like tenantContext() (tenant-context.ts), without the
 * register's write side in its bundle.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RegulationVersions } from '../domain/regulation/versions.ts';
import type { Clock } from '../domain/ports.ts';
import { loadRuntimeConfig, type RuntimeConfig } from './config.ts';
import { endpointOf, readRegulationJson } from './runtime-files.ts';
import { systemClock } from './clock.ts';

export interface ReaderContext<R> {
  config: RuntimeConfig;
  regulations: RegulationVersions;
  clock: Clock;
  register: R;
  statusBaseUrl?: string;
  tenantId: string;
}

export function readerContext<R>(make: (client: DynamoDBClient, tableName: string) => R, config: RuntimeConfig = loadRuntimeConfig()): ReaderContext<R> {
  return {
    config,
    tenantId: config.TENANT_ID,
    ...(config.STATUS_BASE_URL ? { statusBaseUrl: config.STATUS_BASE_URL } : {}),
    regulations: readRegulationJson(config.REGULATION_FILE, config.TENANT_ID),
    clock: systemClock,
    register: make(new DynamoDBClient({ region: config.AWS_REGION, ...endpointOf(config.DYNAMODB_ENDPOINT) }), config.TABLE_NAME),
  };
}
