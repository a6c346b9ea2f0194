/**
 * TenantKey: the one customer-managed KMS key of a tenant's stack. It encrypts the register (the
 * table, its indexes, stream and backups), the complaints' files (the attachments bucket, with S3
 * Bucket Keys) and the notification topics (alarms, mail events). A key costs $1.00 a month
 * whatever it protects; three keys were $3.00 of a small tenant's bill for no separation that a
 * policy does not give as well:
 * - The functions use the key only through DynamoDB or S3 (`kms:ViaService` in every grant, made
 *   by Register and Attachments), never directly: a function allowed to read the table cannot read
 *   a file by way of the key, nor the other way round.
 * - GuardDuty's scan role decrypts files through S3 only (its policy, in Attachments).
 * - The AWS services that publish to the encrypted topics (CloudWatch for alarms, SES for mail
 *   events) may use the key only for their topic: `kms:EncryptionContext:aws:sns:topicArn` (the
 *   context SNS encrypts every message with) names the topic, and `aws:SourceAccount` this account
 *   (confused deputy). They cannot decrypt a table item or a file with it (those carry DynamoDB's
 *   and S3's contexts).
 * The key is rotated yearly and **retained** with the stack: without it neither the table, its
 * backups nor the files can be read.
 *
 * Its logical id is the register key's (`RegisterKey4EB15774`): a deployed tenant keeps its table
 * key (no re-encryption of the register, its backups still readable); the files' bucket and the
 * topics move to it (see docs/deploy.md, "Keys": files uploaded before stay under the old
 * attachments key, which is retained).
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The logical id the register's own key had: kept so a deployed tenant's table keeps its key. */
export const TENANT_KEY_LOGICAL_ID = 'RegisterKey4EB15774';

export interface TenantKeyProps {
  /** The tenant id: the key's alias is `alias/klachten-<tenant>`. */
  readonly tenantId: string;
  /**
   * Days KMS waits before deleting the key once its deletion is scheduled (by hand: the key is
   * retained with the stack).
   * @default 30 (the maximum)
   */
  readonly keyDeletionWindowDays?: number;
}

export interface TopicPublisher {
  /** The statement's id in the key policy, e.g. `CloudWatchPublishesAlarms`. */
  readonly sid: string;
  /** The service principal that publishes, e.g. `cloudwatch.amazonaws.com`. */
  readonly service: string;
  /** The topic's name in this stack's account and region (a name, not a token: the topic depends on the key). */
  readonly topicName: string;
}

export class TenantKey extends Construct {
  readonly key: kms.Key;
  readonly alias: string;

  constructor(scope: Construct, id: string, props: TenantKeyProps) {
    super(scope, id);
    const deletionWindow = props.keyDeletionWindowDays ?? 30;
    if (!(Number.isInteger(deletionWindow) && deletionWindow >= 7 && deletionWindow <= 30)) {
      throw new Error('TenantKey: keyDeletionWindowDays must be a whole number of days from 7 to 30');
    }
    this.alias = `alias/klachten-${props.tenantId}`;
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts tenant ${props.tenantId}'s register (table, indexes, stream, backups), its files (attachments bucket) and its notification topics (alarms, mail events)`,
      alias: this.alias,
      enableKeyRotation: true,
      // Outlives the stack with the table and the files: without it neither can be read.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(deletionWindow),
    });
    (this.key.node.defaultChild as kms.CfnKey).overrideLogicalId(TENANT_KEY_LOGICAL_ID);
  }

  /**
   * Lets `service` publish to the encrypted topic `topicName` (the data keys SNS makes for it):
   * kms:Decrypt and kms:GenerateDataKey*, for this account only and for that topic only.
   */
  allowTopicPublisher(publisher: TopicPublisher): void {
    this.key.addToResourcePolicy(topicPublisherStatement(this.key, publisher));
  }
}

/** The key policy statement of TenantKey.allowTopicPublisher (also for a key made elsewhere, e.g. in a test). */
export function topicPublisherStatement(scope: Construct, publisher: TopicPublisher): iam.PolicyStatement {
  const stack = Stack.of(scope);
  const topicArn = stack.formatArn({ service: 'sns', resource: publisher.topicName, arnFormat: ArnFormat.NO_RESOURCE_NAME });
  return new iam.PolicyStatement({
    sid: publisher.sid,
    principals: [new iam.ServicePrincipal(publisher.service)],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: {
      // Only for this account's alarms / configuration sets (confused deputy) ...
      // ... and only for this topic's messages: not a table item, not a file.
      StringEquals: { 'aws:SourceAccount': stack.account, 'kms:EncryptionContext:aws:sns:topicArn': topicArn },
    },
  });
}
