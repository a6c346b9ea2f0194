/**
 * The S3 stand-in: s3rver (npm), in this process, one bucket per tenant as each tenant stack has
 * its own, persisted under the data folder (.data/s3). The product's S3 adapter talks to it
 * unchanged (an endpoint override, path-style addressing): presigned POST uploads, presigned GET
 * downloads with the response overrides, HEAD, Range GETs, tagging, deletes.
 *
 * What it does not do, and where that is made up for:
 *   - it verifies no POST policy and no V4 signature (only that the access key exists): the
 *     post-upload check (shared/domain/attachments) checks size and type again, as it does in AWS;
 *   - it has no notifications to EventBridge: it emits each object created, and the local cloud
 *     hands that to the tenant's attachment-check function as the EventBridge event AWS sends.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { LOCAL_CREDENTIALS } from './dynamodb-local.ts';

const require = createRequire(import.meta.url);

export interface ObjectCreated {
  bucket: string;
  key: string;
  size: number;
  etag: string;
}

export interface S3Local {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface S3LocalOptions {
  port: number;
  /** Where the objects are kept (survives a restart). */
  directory: string;
  buckets: string[];
  onObjectCreated(object: ObjectCreated): void;
}

interface S3rverRecord {
  eventName: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
}

export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  mkdirSync(options.directory, { recursive: true });
  const S3rver = require('s3rver') as new (
    options: Record<string, unknown>,
  ) => {
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: { Records: S3rverRecord[] }) => void): void;
  };
  // The functions sign with the local cloud's credentials: s3rver knows only its own key until told.
  const accounts = require('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
  accounts.DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  server.on('event', (event) => {
    for (const record of event.Records ?? []) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      options.onObjectCreated({ bucket: record.s3.bucket.name, key: record.s3.object.key, size: Number(record.s3.object.size ?? 0), etag: String(record.s3.object.eTag ?? '').replace(/"/g, '') });
    }
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    port: address.port,
    stop: () => server.close(),
  };
}

/** The bucket of a tenant's attachments, locally (in AWS the stack names it). */
export function localBucketFor(tenantId: string): string {
  return `klachten-${tenantId}-attachments`;
}
