/**
 * Register: the tenant's DynamoDB table (single-table design, see shared/adapters/dynamodb-register.ts).
 * Its keys come from TABLE_KEYS, which the local cloud uses too, so both create the same table.
 *
 * On demand, point-in-time recovery, deletion protection, retained; encrypted with the tenant's
 * customer-managed KMS key (TenantKey: rotated yearly, retained with the table: a restored or
 * retained table is unreadable without it); TTL on `expiresAt` (idempotency keys expire); the
 * indexes of TABLE_KEYS; a NEW_IMAGE stream for the outbox drain.
 *
 * `grantDataAccess` is the one way a function reaches the register: TABLE_NAME, the item
 * operations on the table, Query on each named index, and the key only through DynamoDB;
 * `grantReadAccess` the same for reading alone.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { TABLE_KEYS, tableNameFor } from '../../shared/adapters/table-design.ts';

/**
 * The item operations the register adapter performs on the table. TransactWriteItems has no IAM
 * action of its own: DynamoDB checks each item's Put/Update/ConditionCheck. No Scan, no Delete,
 * no batch calls.
 */
export const REGISTER_DATA_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'] as const;

/**
 * Anonymisation (retention, erasure requests) deletes a complaint's status-link pointer,
 * idempotency key and outbox entries: granted only to the functions that anonymise.
 */
export const REGISTER_ERASURE_ACTIONS = ['dynamodb:DeleteItem'] as const;

/** What a function that only reads the register does on the table (grantReadAccess). */
export const REGISTER_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;

/** What the register adapter does on an index: lists, reports and the sweeper query them. */
export const REGISTER_INDEX_ACTIONS = ['dynamodb:Query'] as const;

/**
 * What DynamoDB needs of the caller's key permissions to read and write items encrypted with the
 * table's key, granted only through DynamoDB (kms:ViaService): a function cannot use the key
 * directly.
 */
export const REGISTER_KEY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] as const;

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
  /**
   * The customer-managed key the table, its indexes, stream and backups are encrypted with: the
   * tenant's one key (TenantKey), granted to functions only through DynamoDB.
   */
  readonly encryptionKey: kms.IKey;
}

export class Register extends Construct {
  readonly table: dynamodb.Table;
  /** The customer-managed key the table, its indexes, stream and backups are encrypted with (the tenant's key). */
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: RegisterProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const deletionProtection = props.deletionProtection ?? true;
    if (deletionProtection && removalPolicy === RemovalPolicy.DESTROY) {
      throw new Error('Register: removalPolicy DESTROY contradicts deletionProtection; set deletionProtection: false to allow deleting the table');
    }

    const tableName = props.tableName ?? tableNameFor(props.tenantId);
    this.encryptionKey = props.encryptionKey;

    this.table = new dynamodb.Table(this, 'Table', {
      tableName,
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery ?? true },
      deletionProtection,
      removalPolicy,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.encryptionKey,
      timeToLiveAttribute: TABLE_KEYS.timeToLiveAttribute,
      // The outbox drain listens for new outbox items; NEW_IMAGE carries the keys it filters on and
      // the entry itself (the local cloud's table has the same stream, TABLE_KEYS.streamViewType).
      stream: dynamodb.StreamViewType[TABLE_KEYS.streamViewType],
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

  /** The ARN of each index, by name: grants name them one by one (no `index/*`). */
  indexArns(): string[] {
    return TABLE_KEYS.indexes.map((index) => `${this.table.tableArn}/index/${index.name}`);
  }

  /**
   * Lets `fn` read and write complaints: sets TABLE_NAME; REGISTER_DATA_ACTIONS on the table,
   * REGISTER_INDEX_ACTIONS on each index, and REGISTER_KEY_ACTIONS on the table's key, only
   * through DynamoDB in this region.
   */
  grantDataAccess(fn: lambda.Function): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    iam.Grant.addToPrincipal({ grantee: fn, actions: [...REGISTER_DATA_ACTIONS], resourceArns: [this.table.tableArn] });
    iam.Grant.addToPrincipal({ grantee: fn, actions: [...REGISTER_INDEX_ACTIONS], resourceArns: this.indexArns() });
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: [...REGISTER_KEY_ACTIONS],
      resourceArns: [this.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
    });
  }

  /**
   * Lets `fn` only read the register: sets TABLE_NAME; REGISTER_READ_ACTIONS on the table,
   * REGISTER_INDEX_ACTIONS on each index, and kms:Decrypt on the table's key through DynamoDB.
   */
  grantReadAccess(fn: lambda.Function): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    iam.Grant.addToPrincipal({ grantee: fn, actions: [...REGISTER_READ_ACTIONS], resourceArns: [this.table.tableArn] });
    iam.Grant.addToPrincipal({ grantee: fn, actions: [...REGISTER_INDEX_ACTIONS], resourceArns: this.indexArns() });
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['kms:Decrypt'],
      resourceArns: [this.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
    });
  }

  /** Lets `fn` delete items of the table (REGISTER_ERASURE_ACTIONS), on top of grantDataAccess. */
  grantErasure(fn: lambda.Function): void {
    iam.Grant.addToPrincipal({ grantee: fn, actions: [...REGISTER_ERASURE_ACTIONS], resourceArns: [this.table.tableArn] });
  }
}
