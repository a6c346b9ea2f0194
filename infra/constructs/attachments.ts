/**
 * Attachments: the tenant's private bucket for a complaint's files, its malware scanning, and the
 * events that check every upload.
 *
 * - The bucket: public access blocked, TLS 1.2 only (bucket policy), objects owned by the bucket
 *   owner (no ACLs), encrypted with the tenant's customer-managed key (TenantKey; S3 Bucket Keys,
 *   rotated yearly; bucket and key retained: they hold evidence of complaints, which retention and erasure
 *   delete per complaint), server access logs to a log bucket of its own (SSE-S3, kept a year).
 *   No versioning: an erased file must be gone, not kept as a noncurrent version; a file is never
 *   written over (each upload has its own key, and a second write to a checked key is refused and
 *   deleted by the check), and what staff open is what was checked and scanned (its ETag).
 *   Lifecycle: incomplete multipart uploads go after a day; an object GuardDuty tagged
 *   THREATS_FOUND goes after a day even if the check never ran (it deletes it at once).
 * - Scanning: a GuardDuty Malware Protection plan for the bucket's `attachments/` prefix, with the
 *   role it needs (manage its EventBridge rule, read and tag objects, decrypt with the key), tagging
 *   on: every object gets `GuardDutyMalwareScanStatus`.
 * - Events (EventBridge, the default bus): every object created under `attachments/` and every scan
 *   result for the bucket go to the check function (functions/attachment-check.ts), retried for an
 *   hour, then to a dead-letter queue (alarmed): a file whose check never ran stays pending and is
 *   never opened.
 *
 * Grants, each with its env var and nothing wider than `attachments/*`:
 *   grantUpload    presigned POSTs (s3:PutObject; the key through S3 only)
 *   grantDownload  presigned GETs, only of objects GuardDuty tagged NO_THREATS_FOUND
 *   grantCheck     the check: read (HEAD, Range GET) and delete
 *   grantErase     erasure: list a complaint's prefix and delete
 *   bindOrigin     the bucket's name only (pages name its origin in their CSP); no permission
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ATTACHMENT_KEY_PREFIX } from '../../shared/domain/attachments/files.ts';
import { acknowledgeFinding, acknowledgeWildcardResource } from '../nag.ts';

/** The tag GuardDuty Malware Protection puts on every object it scanned, and its clean value. */
export const SCAN_TAG = 'GuardDutyMalwareScanStatus';
export const SCAN_CLEAN = 'NO_THREATS_FOUND';

export interface AttachmentsProps {
  /** The tenant id: names the key alias and the dead-letter queue. */
  readonly tenantId: string;
  /** The function that checks every upload and records every scan result. */
  readonly checkFunction: lambda.IFunction;
  /**
   * The customer-managed key the bucket is encrypted with (SSE-KMS with S3 Bucket Keys): the
   * tenant's one key (TenantKey), used by the functions and GuardDuty's scan role through S3 only.
   */
  readonly encryptionKey: kms.IKey;
  /**
   * What CloudFormation does with the bucket when it leaves the stack (the key is TenantKey's, always retained). The files are
   * evidence of complaints; retention and erasure delete them per complaint.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Scan every upload with GuardDuty Malware Protection for S3. Off only where another scanner of
   * equal strength tags objects `GuardDutyMalwareScanStatus` and sends the same scan-result events
   * (docs/deploy.md): without a scan result no file is ever opened.
   * @default true
   */
  readonly malwareScanning?: boolean;
  /**
   * How long the server access logs are kept.
   * @default Duration.days(365)
   */
  readonly accessLogRetention?: Duration;
  /**
   * How long the check may be retried on its events before they go to the dead-letter queue.
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
}

export class Attachments extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  /** The key the files are encrypted with (the tenant's key). */
  readonly encryptionKey: kms.IKey;
  readonly deadLetterQueue: sqs.Queue;
  readonly scanRole?: iam.Role;
  readonly malwareProtectionPlan?: guardduty.CfnMalwareProtectionPlan;

  constructor(scope: Construct, id: string, props: AttachmentsProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const maxEventAge = props.maxEventAge ?? Duration.hours(1);
    if (maxEventAge.toSeconds() < 60 || maxEventAge.toSeconds() > 24 * 3600) throw new Error('Attachments: maxEventAge must be from 1 minute to 24 hours');
    const region = Stack.of(this).region;

    // The tenant's one key (TenantKey, retained): the functions and GuardDuty use it through S3 only.
    this.encryptionKey = props.encryptionKey;

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      // Server access logging delivers only to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: props.accessLogRetention ?? Duration.days(365) }],
      removalPolicy,
    });
    acknowledgeFinding(
      this.logBucket,
      'AwsSolutions-S1',
      'This is the server access log bucket of the attachments bucket: logging its own access would log into itself, ' +
        "and every access to the files is logged here and (downloads) in the register's audit log.",
    );

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'attachments-bucket/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-infected', prefix: ATTACHMENT_KEY_PREFIX, tagFilters: { [SCAN_TAG]: 'THREATS_FOUND' }, expiration: Duration.days(1) },
      ],
      removalPolicy,
    });
    // Object-created events go to EventBridge (the check's rule below, GuardDuty's managed rule).
    // Set on the resource itself: CDK's notifications custom resource is not needed for EventBridge.
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };

    if (props.malwareScanning ?? true) {
      const role = new iam.Role(this, 'ScanRole', {
        description: `GuardDuty Malware Protection scans and tags the attachments of tenant ${props.tenantId}`,
        assumedBy: new iam.ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      });
      const managedRules = Stack.of(this).formatArn({ service: 'events', resource: 'rule', resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*' });
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
          resources: [managedRules],
          conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
        }),
      );
      role.addToPolicy(new iam.PolicyStatement({ actions: ['events:DescribeRule', 'events:ListTargetsByRule'], resources: [managedRules] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'], resources: [this.bucket.bucketArn] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')] }));
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
          resources: [this.objects()],
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [this.encryptionKey.keyArn],
          conditions: { StringLike: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
        }),
      );
      acknowledgeWildcardResource(
        role,
        managedRules,
        'GuardDuty creates its own managed EventBridge rule for the bucket, named DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3 ' +
          'with a suffix it chooses; the actions are limited to rules managed by malware-protection-plan.guardduty.amazonaws.com.',
      );
      acknowledgeWildcardResource(role, this.objects(), 'GuardDuty reads and tags every new object under the attachments/ prefix it scans; object keys are made per upload at run time.');
      this.scanRole = role;
      this.malwareProtectionPlan = new guardduty.CfnMalwareProtectionPlan(this, 'MalwareProtectionPlan', {
        role: role.roleArn,
        protectedResource: { s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: [ATTACHMENT_KEY_PREFIX] } },
        actions: { tagging: { status: 'ENABLED' } },
      });
      // The plan validates its role when it is created: the role's policy first.
      this.malwareProtectionPlan.node.addDependency(role);
    }

    this.deadLetterQueue = new sqs.Queue(this, 'EventsDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeFinding(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the attachment events (uploads and scan results the check could not take ' +
        'within its retries); a queue behind it would only move the same messages once more; its depth is alarmed instead.',
    );
    const target = new targets.LambdaFunction(props.checkFunction, { retryAttempts: 185, maxEventAge, deadLetterQueue: this.deadLetterQueue });
    new events.Rule(this, 'ObjectCreated', {
      description: `Every file uploaded to the attachments of tenant ${props.tenantId}: the check after upload`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [this.bucket.bucketName] }, object: { key: [{ prefix: ATTACHMENT_KEY_PREFIX }] } },
      },
      targets: [target],
    });
    new events.Rule(this, 'ScanResult', {
      description: `GuardDuty's verdict on every file of tenant ${props.tenantId}`,
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [this.bucket.bucketName] } },
      },
      targets: [target],
    });
  }

  /** Every object a file can be: the attachments prefix. */
  objects(): string {
    return this.bucket.arnForObjects(`${ATTACHMENT_KEY_PREFIX}*`);
  }

  private bindBucket(fn: lambda.Function): void {
    fn.addEnvironment('ATTACHMENTS_BUCKET', this.bucket.bucketName);
  }

  private keyThroughS3(fn: lambda.Function, actions: string[]): void {
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions,
      resourceArns: [this.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
    });
  }

  private readonly acknowledged = new Set<lambda.Function>();

  /** The one wildcard a function's grants here use (attachments/*), acknowledged once per function with the reason of its first grant. */
  private acknowledgeObjects(fn: lambda.Function, why: string): void {
    if (this.acknowledged.has(fn)) return;
    this.acknowledged.add(fn);
    acknowledgeWildcardResource(fn.role!, this.objects(), why);
  }

  /** ATTACHMENTS_BUCKET; s3:PutObject under attachments/ (what a presigned POST it signs may write), the key through S3. */
  grantUpload(fn: lambda.Function): void {
    this.bindBucket(fn);
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:PutObject'], resourceArns: [this.objects()] });
    this.keyThroughS3(fn, ['kms:GenerateDataKey']);
    this.acknowledgeObjects(fn, 'A presigned POST names one new key per upload (attachments/<reference>/<random id>), made at run time; the grant stays inside the attachments/ prefix.');
  }

  /** ATTACHMENTS_BUCKET; s3:GetObject under attachments/, only of objects GuardDuty tagged clean (what a presigned GET it signs may read), the key through S3. */
  grantDownload(fn: lambda.Function): void {
    this.bindBucket(fn);
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['s3:GetObject'],
      resourceArns: [this.objects()],
      conditions: { StringEquals: { [`s3:ExistingObjectTag/${SCAN_TAG}`]: SCAN_CLEAN } },
    });
    this.keyThroughS3(fn, ['kms:Decrypt']);
    this.acknowledgeObjects(fn, 'A download link is signed for one file of one complaint, chosen at run time; only objects GuardDuty tagged NO_THREATS_FOUND can be read with it.');
  }

  /** ATTACHMENTS_BUCKET; read (HEAD, Range GET) and delete under attachments/, the key through S3. */
  grantCheck(fn: lambda.Function): void {
    this.bindBucket(fn);
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:GetObject', 's3:DeleteObject'], resourceArns: [this.objects()] });
    this.keyThroughS3(fn, ['kms:Decrypt']);
    this.acknowledgeObjects(fn, 'The check reads the first and last bytes of each uploaded file, and deletes what it refuses; keys are made per upload at run time.');
  }

  /** ATTACHMENTS_BUCKET; list under attachments/ and delete (an anonymised complaint's files). */
  grantErase(fn: lambda.Function): void {
    this.bindBucket(fn);
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${ATTACHMENT_KEY_PREFIX}*`] } } });
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:DeleteObject'], resourceArns: [this.objects()] });
    this.acknowledgeObjects(fn, "Erasure deletes every file under one complaint's prefix (attachments/<reference>/), named at run time.");
  }

  /** ATTACHMENTS_BUCKET only: the pages that post files to the bucket name its origin in their CSP. No permission. */
  bindOrigin(fn: lambda.Function): void {
    this.bindBucket(fn);
  }
}
