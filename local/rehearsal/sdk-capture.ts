/**
 * In a rehearsal function's worker: every AWS SDK call the function makes is first shown to the
 * rehearsal (the parent thread, over the MessagePort in workerData), which checks it against the
 * function's synthesised role. An allowed call then goes to the stand-in; a denied one fails as
 * it would in AWS, with AccessDenied and the same wording.
 *
 * Caught where every client passes: the Client class all v3 clients extend (@smithy/core/client,
 * one copy in node_modules), and the two presigners, whose signed URL or POST is used later by
 * someone else with the function's permissions.
 */
import { createRequire } from 'node:module';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { SdkCall } from './iam-check.ts';

export interface CallVerdict {
  id: number;
  allowed: boolean;
  /** For a denial: AWS's error name and message. */
  errorName?: string;
  message?: string;
  status?: number;
}

const port = (workerData as { rehearsalPort?: MessagePort } | null)?.rehearsalPort;
if (port) install(port);

function install(channel: MessagePort): void {
  const require = createRequire(import.meta.url);
  const pending = new Map<number, (verdict: CallVerdict) => void>();
  let next = 1;
  channel.on('message', (verdict: CallVerdict) => {
    pending.get(verdict.id)?.(verdict);
    pending.delete(verdict.id);
  });
  channel.unref();

  const check = async (call: SdkCall): Promise<void> => {
    const id = next++;
    const verdict = await new Promise<CallVerdict>((resolve) => {
      pending.set(id, resolve);
      channel.postMessage({ id, call });
    });
    if (verdict.allowed) return;
    const error = new Error(verdict.message ?? 'Access denied') as Error & { $metadata: unknown; $fault: string };
    error.name = verdict.errorName ?? 'AccessDeniedException';
    error.$fault = 'client';
    error.$metadata = { httpStatusCode: verdict.status ?? 400, attempts: 1, totalRetryDelay: 0 };
    throw error;
  };

  const { Client } = require('@smithy/core/client') as { Client: { prototype: { send(...args: unknown[]): unknown; config?: { serviceId?: string } } } };
  const send = Client.prototype.send;
  Client.prototype.send = function (this: { config?: { serviceId?: string } }, ...args: unknown[]) {
    const command = args[0] as { constructor: { name: string }; input?: unknown };
    const call: SdkCall = { service: this.config?.serviceId ?? 'unknown', command: command.constructor.name, input: plain(command.input) as Record<string, unknown> };
    const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as (error: unknown, result?: unknown) => void) : undefined;
    const result = check(call).then(() => send.apply(this, callback ? args.slice(0, -1) : args) as Promise<unknown>);
    if (!callback) return result;
    result.then(
      (value) => callback(null, value),
      (error: unknown) => callback(error),
    );
    return undefined;
  };

  const presigner = require('@aws-sdk/s3-request-presigner') as {
    getSignedUrl: (client: { config?: { serviceId?: string } }, command: { constructor: { name: string }; input?: unknown }, options?: unknown) => Promise<string>;
  };
  const getSignedUrl = presigner.getSignedUrl;
  presigner.getSignedUrl = async (client, command, options) => {
    await check({ service: client.config?.serviceId ?? 'S3', command: command.constructor.name, input: plain(command.input) as Record<string, unknown>, presigned: 'get' });
    return getSignedUrl(client, command, options);
  };
  const post = require('@aws-sdk/s3-presigned-post') as { createPresignedPost: (client: { config?: { serviceId?: string } }, params: { Bucket: string; Key: string }) => Promise<unknown> };
  const createPresignedPost = post.createPresignedPost;
  post.createPresignedPost = async (client, params) => {
    await check({ service: client.config?.serviceId ?? 'S3', command: 'PutObjectCommand', input: plain({ Bucket: params.Bucket, Key: params.Key }) as Record<string, unknown>, presigned: 'post' });
    return createPresignedPost(client, params);
  };
}

/** The input as plain data that crosses to the parent thread: bodies and streams left out. */
function plain(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (depth > 12) return '…';
  if (value instanceof Uint8Array || ArrayBuffer.isView(value)) return '<binary>';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Set) return [...value].map((item) => plain(item, depth + 1));
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return '<object>';
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'Body') continue;
    const copied = plain(item, depth + 1);
    if (copied !== undefined) out[key] = copied;
  }
  return out;
}
