/**
 * The origin browsers send uploads to (the attachments bucket, or the local stand-in): the pages
 * that post files name it in their Content-Security-Policy (form-action, connect-src). No SDK here,
 * so the form's function knows it without carrying the S3 client.
 */
export interface BucketLocation {
  bucket: string;
  region: string;
  /** The local stand-in's URL (path-style addressing); absent in AWS. */
  endpoint?: string;
}

export function uploadOrigin(location: BucketLocation): string {
  return location.endpoint ? new URL(location.endpoint).origin : `https://${location.bucket}.s3.${location.region}.amazonaws.com`;
}

/** The origin from a function's configuration, when it has a bucket. */
export function uploadOriginOf(config: { ATTACHMENTS_BUCKET?: string | undefined; AWS_REGION: string; S3_ENDPOINT?: string | undefined }): string | undefined {
  return config.ATTACHMENTS_BUCKET ? uploadOrigin({ bucket: config.ATTACHMENTS_BUCKET, region: config.AWS_REGION, ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}) }) : undefined;
}
