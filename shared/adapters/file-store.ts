/**
 * The attachments bucket for the functions that use it (the status link, the staff attachments
 * API, the post-upload check, the outbox drain's erasure): built once per cold start from
 * ATTACHMENTS_BUCKET (and S3_ENDPOINT locally). The functions that do not use it never import
 * this module, so the S3 code stays out of their bundles.
 */
import type { RuntimeConfig } from './config.ts';
import { S3FileStore } from './s3-files.ts';

let cached: S3FileStore | undefined;

export function fileStoreOf(config: RuntimeConfig): S3FileStore {
  if (!config.ATTACHMENTS_BUCKET) throw new Error("Invalid function configuration:\n  ATTACHMENTS_BUCKET: is not set (the attachments construct's grant sets it)");
  cached ??= new S3FileStore({ bucket: config.ATTACHMENTS_BUCKET, region: config.AWS_REGION, ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}) });
  return cached;
}
