/**
 * FileStore on S3: the tenant's private attachments bucket (infra/constructs/attachments.ts), or
 * the local stand-in (s3rver, local/s3-local.ts) through an endpoint override; the same calls and
 * the same presigned flow either way.
 *
 *   uploadForm   a presigned POST: the policy pins the key, the size (exactly as declared, or at
 *                most the limit), the Content-Type, the uploader's metadata and the redirect; it
 *                expires with the form
 *   downloadUrl  a presigned GET that answers with Content-Disposition: attachment and the
 *                verified Content-Type (the response overrides are part of the signature)
 *   inspect      HEAD, then the first and last bytes by Range GETs: the check never reads a
 *                whole file
 *   remove(All)  deletes, one object or a complaint's prefix (erasure)
 */
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore, StoredFile, UploadForm, UploadFormRequest } from '../domain/ports.ts';
import { attachmentDisposition } from '../domain/attachments/files.ts';
import type { BucketLocation } from './upload-origin.ts';

export type S3FileStoreOptions = BucketLocation;

type Condition = NonNullable<PresignedPostOptions['Conditions']>[number];

export class S3FileStore implements FileStore {
  readonly client: S3Client;

  constructor(
    readonly options: S3FileStoreOptions,
    client?: S3Client,
  ) {
    this.client =
      client ??
      new S3Client({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      });
  }

  async uploadForm(request: UploadFormRequest): Promise<UploadForm> {
    const fields: Record<string, string> = {};
    const conditions: Condition[] = [];
    if (request.contentType) fields['Content-Type'] = request.contentType;
    for (const [name, value] of Object.entries(request.metadata)) fields[`x-amz-meta-${name}`] = value;
    for (const name of request.openMetadata ?? []) conditions.push(['starts-with', `$x-amz-meta-${name}`, '']);
    if (request.redirect) fields.success_action_redirect = request.redirect;
    else fields.success_action_status = '201';
    const size = 'exactly' in request.size ? ([request.size.exactly, request.size.exactly] as const) : ([1, request.size.atMost] as const);
    conditions.push(['content-length-range', size[0], size[1]]);
    const post = await createPresignedPost(this.client, { Bucket: this.options.bucket, Key: request.key, Fields: fields, Conditions: conditions, Expires: request.expiresSeconds });
    return { url: post.url, fields: post.fields };
  }

  async downloadUrl(key: string, options: { fileName: string; contentType: string; expiresSeconds: number }): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(options.fileName),
        ResponseContentType: options.contentType,
        ResponseCacheControl: 'private, no-store',
      }),
      { expiresIn: options.expiresSeconds },
    );
  }

  async inspect(key: string, headBytes: number, tailBytes: number): Promise<StoredFile | undefined> {
    let head;
    try {
      head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
    const size = Number(head.ContentLength ?? 0);
    const etag = String(head.ETag ?? '').replace(/"/g, '');
    const range = async (from: number, to: number) => {
      if (size === 0 || to < from) return new Uint8Array();
      const part = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key, Range: `bytes=${from}-${to}`, IfMatch: head.ETag }));
      // Whatever a store sends back (one that ignores Range sends it all): only the bytes asked for.
      return (await part.Body!.transformToByteArray()).subarray(0, to - from + 1);
    };
    const first = await range(0, Math.min(size, headBytes) - 1);
    const tail = size > headBytes ? await range(Math.max(headBytes, size - tailBytes), size - 1) : new Uint8Array();
    const contentType = head.ContentType && !/^(binary|application)\/octet-stream$/.test(head.ContentType) ? head.ContentType : undefined;
    return { size, etag, ...(contentType ? { contentType } : {}), metadata: head.Metadata ?? {}, head: first, tail };
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  async removeAll(prefix: string): Promise<number> {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: prefix, ContinuationToken: token }));
      const keys = (page.Contents ?? []).map((o) => o.Key).filter((k): k is string => Boolean(k));
      if (keys.length) {
        const result = await this.client.send(new DeleteObjectsCommand({ Bucket: this.options.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
        if (result.Errors?.length) throw new Error(`${result.Errors.length} object(s) could not be deleted (${result.Errors[0]?.Code ?? 'error'})`);
        removed += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  }
}
