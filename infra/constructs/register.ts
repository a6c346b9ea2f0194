/**
 * Register: the tenant's DynamoDB table (single-table design, see shared/adapters/dynamodb-register.ts).
 * Its keys come from TABLE_KEYS, which the local cloud uses too, so both create the same table.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { TABLE_KEYS, tableNameFor } from '../../shared/adapters/table-design.ts';

/**
 * The item operations the register adapter performs. TransactWriteItems has no IAM action of its
 * own: DynamoDB checks each item's Put/Update/ConditionCheck. No Scan, no Delete, no batch calls.
 */
export const REGISTER_DATA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:ConditionCheckItem',
] as const;

export interface RegisterProps {
  /** The tenant id; names the table. */
  readonly tenantId: string;
  /**
   * Physical table name.
   * @default tableNameFor(tenantId), i.e. `klachten-<tenant>` (the name the local cloud uses)
   */
  readonly tableName?: string;
  /**
   * What CloudFormation does with the table when it leaves the stack. The register is the
   * organisation's record of complaints: it outlives the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * DynamoDB deletion protection (a DeleteTable call fails until it is switched off).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Point-in-time recovery (continuous backups, 35 days).
   * @default true
   */
  readonly pointInTimeRecovery?: boolean;
}

export class Register extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: RegisterProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const deletionProtection = props.deletionProtection ?? true;
    if (deletionProtection && removalPolicy === RemovalPolicy.DESTROY) {
      throw new Error('Register: removalPolicy DESTROY contradicts deletionProtection; set deletionProtection: false to allow deleting the table');
    }

    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName ?? tableNameFor(props.tenantId),
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery ?? true },
      deletionProtection,
      removalPolicy,
      // The aws/dynamodb key. A customer-managed key (an in-place update) comes with issue 6;
      // grantDataAccess is where its kms: grants will go.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE_KEYS.timeToLiveAttribute,
      // The outbox drain listens for new outbox items; NEW_IMAGE carries the keys it filters on.
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    // Every access pattern is a key or an index: lists and reports never scan.
    for (const index of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** Lets `fn` read and write complaints: sets TABLE_NAME and grants REGISTER_DATA_ACTIONS on the table and its indexes. */
  grantDataAccess(fn: lambda.Function): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    this.table.grant(fn, ...REGISTER_DATA_ACTIONS);
  }
}
