/**
 * The composition root of a function that reads the register and writes little or nothing (the
 * lists, the letters and their preview): config, the regulation, the clock and the reader it
 * names, built once per cold start like tenantContext() (tenant-context.ts), without the
 * register's write side in its bundle.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbTable } from './dynamodb-table.ts';
import type { RegulationVersions } from '../domain/regulation/versions.ts';
import type { Clock } from '../domain/ports.ts';
import { loadRuntimeConfig, type RuntimeConfig } from './config.ts';
import { endpointOf, readRegulationJson } from './runtime-files.ts';
import { systemClock } from './clock.ts';

/** `stores`: the ports the function reads (and the few it writes), as `make` builds them on the table. */
export interface ReaderContext<R> {
  config: RuntimeConfig;
  regulations: RegulationVersions;
  clock: Clock;
  stores: R;
  statusBaseUrl?: string;
  tenantId: string;
}

export function readerContext<R>(make: (table: DynamoDbTable) => R, config: RuntimeConfig = loadRuntimeConfig()): ReaderContext<R> {
  return { ...functionBasics(config), stores: make(new DynamoDbTable(new DynamoDBClient({ region: config.AWS_REGION, ...endpointOf(config.DYNAMODB_ENDPOINT) }), config.TABLE_NAME)) };
}

/** What every function's composition root starts from: its configuration, tenant, regulation, clock and status link base. */
export function functionBasics(config: RuntimeConfig): Omit<ReaderContext<never>, 'stores'> {
  return {
    config,
    tenantId: config.TENANT_ID,
    ...(config.STATUS_BASE_URL ? { statusBaseUrl: config.STATUS_BASE_URL } : {}),
    regulations: readRegulationJson(config.REGULATION_FILE, config.TENANT_ID),
    clock: systemClock,
  };
}
