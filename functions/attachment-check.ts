/**
 * Every file that arrives in the attachments bucket, and the malware scan's verdict on it, as
 * EventBridge delivers them (the same events locally, from the S3 stand-in and the scan stand-in):
 *
 *   aws.s3        "Object Created"                                    the post-upload check
 *   aws.guardduty "GuardDuty Malware Protection Object Scan Result"   clean, infected (deleted), failed
 *
 * Logs say what happened (outcome, scan status), never a name, a key or a byte of a file.
 */
import middy from '@middy/core';
import { tenantContext, tenantTable } from '../shared/adapters/tenant-context.ts';
import { fileStoreOf } from '../shared/adapters/file-store.ts';
import { DynamoDbAttachmentStore } from '../shared/adapters/dynamodb-attachments.ts';
import { receiveFile, recordScanResult } from '../shared/domain/attachments/use-cases.ts';
import type { ScanStatus } from '../shared/domain/attachments/files.ts';
import { log, requestLog } from '../shared/observability/log.ts';

const context = tenantContext();
const store = fileStoreOf(context.config);
const files = new DynamoDbAttachmentStore(tenantTable());
const deps = { files, store, register: context.register, clock: context.clock };

interface BucketEvent {
  source?: string;
  'detail-type'?: string;
  detail?: {
    bucket?: { name?: string };
    object?: { key?: string; etag?: string };
    s3ObjectDetails?: { bucketName?: string; objectKey?: string; eTag?: string };
    scanResultDetails?: { scanResultStatus?: string };
  };
}

/** GuardDuty's statuses in our words: only NO_THREATS_FOUND is clean. */
const SCAN_STATUS: Record<string, ScanStatus> = { NO_THREATS_FOUND: 'clean', THREATS_FOUND: 'infected' };

async function check(event: BucketEvent): Promise<{ outcome: string }> {
  const detail = event.detail ?? {};
  if (event.source === 'aws.guardduty') {
    const key = decodeKey(detail.s3ObjectDetails?.objectKey);
    const status = SCAN_STATUS[detail.scanResultDetails?.scanResultStatus ?? ''] ?? 'failed';
    const outcome = key ? await recordScanResult(deps, key, status, detail.s3ObjectDetails?.eTag?.replace(/"/g, '')) : 'not-an-attachment';
    log.info('scan result', { status, outcome });
    return { outcome };
  }
  const key = decodeKey(detail.object?.key);
  const outcome = key ? await receiveFile(deps, key) : 'not-an-attachment';
  log.info('file checked', { outcome });
  return { outcome };
}

export const handler = middy<BucketEvent, { outcome: string }>().use(requestLog(context.metrics)).handler(check);

/** S3 event keys are URL-encoded (a space as '+'). */
function decodeKey(key: string | undefined): string | undefined {
  if (!key) return undefined;
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
