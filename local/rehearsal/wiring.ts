/**
 * The wiring of a synthesised tenant stack: what the local cloud takes from the template instead
 * of its own defaults (each function's module, environment, memory, timeout and role; the HTTP
 * API's routes and JWT authorizer; the EventBridge rules; the table with its indexes and stream;
 * the bucket; the schedule group and the Scheduler role; the stream's event source mapping), and
 * every policy the rehearsal checks calls against.
 *
 * wiringFromTemplate() fails with every disagreement at once (WiringError) where the local cloud
 * cannot follow the template: a function or route it does not know, a route with no function, a
 * configuration the functions' schema refuses, a trigger the local cloud runs that the stack does
 * not have (it would hide a function that never runs in AWS), or one the stack has that the
 * local cloud cannot stand in for.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { PROJECT_ROOT, REGULATION_PATH_IN_LAMBDA } from '../../infra/constructs/tenant-functions.ts';
import { FUNCTION_PERMISSIONS } from '../../infra/tenant-stack.ts';
import { loadRuntimeConfig } from '../../shared/adapters/config.ts';
import { FUNCTIONS, ROUTES, routeKey, type FunctionId } from '../../shared/http/routes.ts';
import { PARTITION, TemplateError, TemplateResolver, type CfnTemplate, type FakeEnvironment, type Json, type JsonObject } from './template.ts';

export interface WiredPolicy {
  /** The AWS::IAM::Policy (or `<role>.Policies[n]`, or a managed policy) it comes from. */
  source: string;
  document: JsonObject;
}

export interface WiredRole {
  logicalId: string;
  name: string;
  arn: string;
  trustPolicy: JsonObject;
  /** Inline policies, AWS::IAM::Policy resources attached to it, and managed policies of the template. */
  policies: WiredPolicy[];
  /** Managed policies that are not in the template (AWS managed ones): not checked against. */
  externalManagedPolicies: string[];
  permissionsBoundary?: WiredPolicy;
}

export interface WiredFunction {
  id: FunctionId;
  logicalId: string;
  name: string;
  arn: string;
  /** The module the local cloud imports (relative to the repository root), from the FUNCTIONS table. */
  entry: string;
  handler: string;
  runtime: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** The environment as deployed (resolved in the fake account; REGULATION_FILE, JWT_ISSUER... still AWS's). */
  environment: Record<string, string>;
  role: WiredRole;
}

export interface WiredAuthorizer {
  logicalId: string;
  name: string;
  issuer: string;
  audience: string[];
  identitySource: string[];
}

export interface WiredRoute {
  logicalId: string;
  routeKey: string;
  functionId: FunctionId;
  authorizer?: WiredAuthorizer;
  /** Route scopes a JWT must carry (API Gateway's AuthorizationScopes). */
  scopes: string[];
}

export interface WiredRule {
  logicalId: string;
  name: string;
  arn: string;
  schedule?: string;
  pattern?: JsonObject;
  targets: FunctionId[];
}

export interface WiredEventSourceMapping {
  logicalId: string;
  functionId: FunctionId;
  eventSourceArn: string;
  batchSize?: number;
  startingPosition?: string;
  maximumRetryAttempts?: number;
  bisectBatchOnFunctionError?: boolean;
  /** FilterCriteria patterns (JSON text each). */
  filterPatterns: string[];
  /** Every property, resolved (for the stream consumer). */
  properties: JsonObject;
}

export interface WiredTable {
  logicalId: string;
  name: string;
  arn: string;
  streamArn?: string;
  /** The customer-managed key it is encrypted with (DynamoDB then uses it on the caller's behalf). */
  kmsKeyArn?: string;
  ttlAttribute?: string;
  resourcePolicy?: JsonObject;
  /** What DynamoDB Local creates: keys, indexes and stream as the template has them. */
  createInput: CreateTableCommandInput;
}

export interface WiredBucket {
  logicalId: string;
  name: string;
  arn: string;
  policy?: JsonObject;
  /** SSE-KMS with a customer-managed key. */
  kmsKeyArn?: string;
}

export interface WiredSecret {
  logicalId: string;
  name: string;
  arn: string;
  kmsKeyArn?: string;
  resourcePolicy?: JsonObject;
}

export interface WiredLambdaPermission {
  logicalId: string;
  functionArn: string;
  action: string;
  principal: string;
  sourceArn?: string;
  sourceAccount?: string;
}

export interface RehearsalWiring {
  tenantId: string;
  stackName: string;
  account: string;
  region: string;
  resolver: TemplateResolver;
  functions: Map<FunctionId, WiredFunction>;
  /** Every role in the template by ARN (the functions', the Scheduler's, ...). */
  roles: Map<string, WiredRole>;
  routes: WiredRoute[];
  /** The execute-api base URL (https://<id>.execute-api.<region>.amazonaws.com/) the functions' links use. */
  apiBaseUrl?: string;
  /** The user pool's issuer URL (JWT_ISSUER in AWS) and its app client ids. */
  userPool?: { issuer: string; clientIds: string[] };
  rules: WiredRule[];
  /** When the daily sweep rule runs, in minutes after midnight UTC. */
  sweepMinuteUtc?: number;
  eventSourceMappings: WiredEventSourceMapping[];
  tables: WiredTable[];
  buckets: WiredBucket[];
  /** KMS key policies by key ARN. */
  keyPolicies: Map<string, JsonObject>;
  secrets: WiredSecret[];
  scheduleGroups: Array<{ name: string; arn: string }>;
  queuePolicies: Map<string, JsonObject>;
  sesIdentities: string[];
  sesConfigurationSets: string[];
  lambdaPermissions: WiredLambdaPermission[];
  /** What the template has that the rehearsal does not exercise (printed, not failed). */
  notRehearsed: string[];
}

export class WiringError extends Error {
  override name = 'WiringError';
  constructor(readonly problems: string[]) {
    super(`The template and the local cloud disagree (${problems.length}):\n  - ${problems.join('\n  - ')}`);
  }
}

export const REHEARSAL_ACCOUNT = '000000000000';
export const REHEARSAL_REGION = 'eu-west-1';

const MEMORY_DEFAULT_MB = 128;
const TIMEOUT_DEFAULT_SECONDS = 3;

export function wiringFromTemplate(template: CfnTemplate, options: { tenantId: string; stackName: string; account?: string; region?: string; parameters?: Record<string, string> }): RehearsalWiring {
  const env: FakeEnvironment = {
    account: options.account ?? REHEARSAL_ACCOUNT,
    region: options.region ?? REHEARSAL_REGION,
    stackName: options.stackName,
    parameters: { ...noEchoValues(template), ...(options.parameters ?? {}) },
  };
  const problems: string[] = [];
  let resolver: TemplateResolver;
  try {
    resolver = new TemplateResolver(template, env);
  } catch (error) {
    throw new WiringError([(error as Error).message]);
  }
  const attempt = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };
  const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
  const props = (logicalId: string): JsonObject => template.Resources[logicalId]?.Properties ?? {};

  // --- IAM: every role with what is attached to it --------------------------------------------
  const roles = new Map<string, WiredRole>();
  const roleByLogicalId = new Map<string, WiredRole>();
  for (const [logicalId, resource] of ofType('AWS::IAM::Role')) {
    const physical = resolver.resource(logicalId);
    const p = resource.Properties ?? {};
    const role: WiredRole = {
      logicalId,
      name: physical.ref,
      arn: physical.attributes.Arn!,
      trustPolicy: (attempt(() => resolver.resolve(p.AssumeRolePolicyDocument, `${logicalId}.AssumeRolePolicyDocument`)) ?? {}) as JsonObject,
      policies: [],
      externalManagedPolicies: [],
    };
    ((p.Policies ?? []) as Json[]).forEach((policy, i) => {
      const document = attempt(() => resolver.resolve((policy as JsonObject).PolicyDocument, `${logicalId}.Policies[${i}]`));
      if (document) role.policies.push({ source: `${logicalId}.Policies[${i}] (${String((policy as JsonObject).PolicyName ?? i)})`, document: document as JsonObject });
    });
    roles.set(role.arn, role);
    roleByLogicalId.set(logicalId, role);
  }
  const managedPolicies = new Map<string, WiredPolicy>();
  for (const [logicalId, resource] of ofType('AWS::IAM::ManagedPolicy')) {
    const document = attempt(() => resolver.resolve(resource.Properties?.PolicyDocument, `${logicalId}.PolicyDocument`));
    if (!document) continue;
    const policy = { source: logicalId, document: document as JsonObject };
    managedPolicies.set(resolver.resource(logicalId).ref, policy);
    for (const roleRef of (resource.Properties?.Roles ?? []) as Json[]) {
      const role = roleOf(roleRef);
      if (role) role.policies.push(policy);
    }
  }
  for (const [logicalId, resource] of ofType('AWS::IAM::Policy')) {
    const document = attempt(() => resolver.resolve(resource.Properties?.PolicyDocument, `${logicalId}.PolicyDocument`));
    if (!document) continue;
    for (const roleRef of (resource.Properties?.Roles ?? []) as Json[]) {
      const role = roleOf(roleRef);
      if (role) role.policies.push({ source: logicalId, document: document as JsonObject });
      else problems.push(`${logicalId} is attached to a role the template does not have (${JSON.stringify(roleRef)})`);
    }
    if ((resource.Properties?.Users as Json[] | undefined)?.length || (resource.Properties?.Groups as Json[] | undefined)?.length) {
      problems.push(`${logicalId} is attached to IAM users or groups: the rehearsal only knows roles`);
    }
  }
  for (const role of roleByLogicalId.values()) {
    const p = props(role.logicalId);
    for (const arn of attempt(() => resolver.resolveStrings(p.ManagedPolicyArns, `${role.logicalId}.ManagedPolicyArns`)) ?? []) {
      const inTemplate = managedPolicies.get(arn);
      if (inTemplate) role.policies.push(inTemplate);
      else role.externalManagedPolicies.push(arn);
    }
    if (p.PermissionsBoundary !== undefined) {
      const arn = attempt(() => resolver.resolveString(p.PermissionsBoundary, `${role.logicalId}.PermissionsBoundary`));
      const boundary = arn ? managedPolicies.get(arn) : undefined;
      if (boundary) role.permissionsBoundary = boundary;
      else problems.push(`${role.logicalId} has a permissions boundary that is not in the template (${arn}): the rehearsal cannot check against it`);
    }
  }
  function roleOf(roleRef: Json): WiredRole | undefined {
    const name = attempt(() => resolver.resolveString(roleRef, "a policy's Roles"));
    return [...roleByLogicalId.values()].find((r) => r.name === name);
  }

  // --- Functions -------------------------------------------------------------------------------
  const functions = new Map<FunctionId, WiredFunction>();
  const functionIdByArn = new Map<string, FunctionId>();
  const prefix = `klachten-${options.tenantId}-`;
  const seen = new Set<FunctionId>();
  for (const [logicalId, resource] of ofType('AWS::Lambda::Function')) {
    const physical = resolver.resource(logicalId);
    const p = resource.Properties ?? {};
    const id = physical.ref.startsWith(prefix) ? (physical.ref.slice(prefix.length) as FunctionId) : undefined;
    const definition = FUNCTIONS.find((f) => f.id === id);
    if (!id || !definition) {
      problems.push(
        `function ${physical.ref} (${logicalId}) is in the template, but the local cloud has no such function (shared/http/routes.ts FUNCTIONS knows ${FUNCTIONS.map((f) => prefix + f.id).join(', ')})`,
      );
      continue;
    }
    seen.add(id);
    if (!existsSync(join(PROJECT_ROOT, definition.entry))) problems.push(`function ${physical.ref}: its module ${definition.entry} does not exist`);
    const handler = String(p.Handler ?? '');
    if (handler !== 'index.handler')
      problems.push(`function ${physical.ref}: handler "${handler}"; the bundles export \`handler\` from index (index.handler), which the local cloud calls in ${definition.entry}`);
    const runtime = String(p.Runtime ?? '');
    if (!runtime.startsWith('nodejs')) problems.push(`function ${physical.ref}: runtime "${runtime}" is not Node.js`);
    const roleArn = attempt(() => resolver.resolveString(p.Role, `${logicalId}.Role`));
    const role = roleArn ? roles.get(roleArn) : undefined;
    if (!role) {
      problems.push(`function ${physical.ref}: its role (${roleArn}) is not a role of the template; the rehearsal cannot check its calls`);
      continue;
    }
    const variables = ((p.Environment as JsonObject | undefined)?.Variables ?? {}) as JsonObject;
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(variables)) {
      const resolved = attempt(() => resolver.resolveString(value, `${physical.ref} environment ${name}`));
      if (resolved !== undefined) environment[name] = resolved;
    }
    const wired: WiredFunction = {
      id,
      logicalId,
      name: physical.ref,
      arn: physical.attributes.Arn!,
      entry: definition.entry,
      handler,
      runtime,
      memoryMb: Number(p.MemorySize ?? MEMORY_DEFAULT_MB),
      timeoutSeconds: Number(p.Timeout ?? TIMEOUT_DEFAULT_SECONDS),
      environment,
      role,
    };
    functions.set(id, wired);
    functionIdByArn.set(wired.arn, id);
  }
  for (const definition of FUNCTIONS) {
    if (!seen.has(definition.id)) {
      problems.push(`the local cloud runs ${definition.id} (${definition.entry}), but the template has no function ${prefix}${definition.id}`);
    }
  }
  const functionOf = (value: Json | undefined, where: string): FunctionId | undefined => {
    const resolved = attempt(() => resolver.resolveString(value, where));
    if (resolved === undefined) return undefined;
    return functionIdByArn.get(resolved) ?? [...functions.values()].find((f) => f.name === resolved)?.id;
  };

  // --- Resources the functions name --------------------------------------------------------------
  const keyPolicies = new Map<string, JsonObject>();
  for (const [logicalId, resource] of ofType('AWS::KMS::Key')) {
    const policy = attempt(() => resolver.resolve(resource.Properties?.KeyPolicy, `${logicalId}.KeyPolicy`));
    if (policy) keyPolicies.set(resolver.resource(logicalId).arn!, policy as JsonObject);
  }
  const keyArnOf = (value: Json | undefined, where: string): string | undefined => {
    if (value === undefined) return undefined;
    const resolved = attempt(() => resolver.resolveString(value, where));
    if (!resolved) return undefined;
    if (keyPolicies.has(resolved)) return resolved;
    const byId = [...keyPolicies.keys()].find((arn) => arn.endsWith(`/${resolved}`));
    return byId ?? resolved;
  };

  const tables: WiredTable[] = [];
  for (const [logicalId, resource] of ofType('AWS::DynamoDB::Table')) {
    const physical = resolver.resource(logicalId);
    const p = (attempt(() => resolver.resolve(resource.Properties ?? {}, logicalId)) ?? {}) as JsonObject;
    const stream = p.StreamSpecification as JsonObject | undefined;
    const sse = resource.Properties?.SSESpecification as JsonObject | undefined;
    const ttl = p.TimeToLiveSpecification as JsonObject | undefined;
    const resourcePolicy = (p.ResourcePolicy as JsonObject | undefined)?.PolicyDocument as JsonObject | undefined;
    const createInput = {
      TableName: physical.ref,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      ...(p.GlobalSecondaryIndexes
        ? { GlobalSecondaryIndexes: (p.GlobalSecondaryIndexes as JsonObject[]).map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection })) }
        : {}),
      ...(p.LocalSecondaryIndexes ? { LocalSecondaryIndexes: p.LocalSecondaryIndexes } : {}),
      BillingMode: 'PAY_PER_REQUEST',
      ...(stream?.StreamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType } } : {}),
    } as unknown as CreateTableCommandInput;
    const kmsKeyArn = sse?.SSEEnabled === true && sse.SSEType === 'KMS' ? keyArnOf(sse.KMSMasterKeyId, `${logicalId}.SSESpecification`) : undefined;
    tables.push({
      logicalId,
      name: physical.ref,
      arn: physical.attributes.Arn!,
      ...(stream?.StreamViewType ? { streamArn: physical.attributes.StreamArn! } : {}),
      ...(kmsKeyArn ? { kmsKeyArn } : {}),
      ...(ttl?.Enabled === true && typeof ttl.AttributeName === 'string' ? { ttlAttribute: ttl.AttributeName } : {}),
      ...(resourcePolicy ? { resourcePolicy } : {}),
      createInput,
    });
  }

  const buckets: WiredBucket[] = [];
  for (const [logicalId, resource] of ofType('AWS::S3::Bucket')) {
    const physical = resolver.resource(logicalId);
    const rule = ((resource.Properties?.BucketEncryption as JsonObject | undefined)?.ServerSideEncryptionConfiguration as JsonObject[] | undefined)?.[0];
    const byDefault = rule?.ServerSideEncryptionByDefault as JsonObject | undefined;
    const kmsKeyArn = byDefault?.SSEAlgorithm === 'aws:kms' && byDefault.KMSMasterKeyID !== undefined ? keyArnOf(byDefault.KMSMasterKeyID, `${logicalId}.BucketEncryption`) : undefined;
    buckets.push({ logicalId, name: physical.ref, arn: physical.attributes.Arn!, ...(kmsKeyArn ? { kmsKeyArn } : {}) });
  }
  for (const [logicalId, resource] of ofType('AWS::S3::BucketPolicy')) {
    const name = attempt(() => resolver.resolveString(resource.Properties?.Bucket, `${logicalId}.Bucket`));
    const bucket = buckets.find((b) => b.name === name);
    const policy = attempt(() => resolver.resolve(resource.Properties?.PolicyDocument, `${logicalId}.PolicyDocument`));
    if (bucket && policy) bucket.policy = policy as JsonObject;
  }

  const secrets: WiredSecret[] = [];
  for (const [logicalId, resource] of ofType('AWS::SecretsManager::Secret')) {
    const physical = resolver.resource(logicalId);
    const kmsKeyArn = resource.Properties?.KmsKeyId !== undefined ? keyArnOf(resource.Properties.KmsKeyId, `${logicalId}.KmsKeyId`) : undefined;
    secrets.push({ logicalId, name: String(resource.Properties?.Name ?? physical.ref), arn: physical.ref, ...(kmsKeyArn ? { kmsKeyArn } : {}) });
  }
  for (const [logicalId, resource] of ofType('AWS::SecretsManager::ResourcePolicy')) {
    const arn = attempt(() => resolver.resolveString(resource.Properties?.SecretId, `${logicalId}.SecretId`));
    const secret = secrets.find((s) => s.arn === arn || s.name === arn);
    const policy = attempt(() => resolver.resolve(resource.Properties?.ResourcePolicy, `${logicalId}.ResourcePolicy`));
    if (secret && policy) secret.resourcePolicy = policy as JsonObject;
  }

  const queuePolicies = new Map<string, JsonObject>();
  for (const [logicalId, resource] of ofType('AWS::SQS::QueuePolicy')) {
    const policy = attempt(() => resolver.resolve(resource.Properties?.PolicyDocument, `${logicalId}.PolicyDocument`)) as JsonObject | undefined;
    for (const url of attempt(() => resolver.resolveStrings(resource.Properties?.Queues, `${logicalId}.Queues`)) ?? []) {
      const queue = [...resolver.resources.values()].find((r) => r.type === 'AWS::SQS::Queue' && r.ref === url);
      if (queue && policy) queuePolicies.set(queue.arn!, policy);
    }
  }

  const scheduleGroups = ofType('AWS::Scheduler::ScheduleGroup').map(([logicalId]) => ({ name: resolver.resource(logicalId).ref, arn: resolver.resource(logicalId).attributes.Arn! }));
  const sesIdentities = ofType('AWS::SES::EmailIdentity').map(([logicalId]) => resolver.resource(logicalId).ref);
  const sesConfigurationSets = ofType('AWS::SES::ConfigurationSet').map(([logicalId]) => resolver.resource(logicalId).ref);

  const lambdaPermissions: WiredLambdaPermission[] = [];
  for (const [logicalId, resource] of ofType('AWS::Lambda::Permission')) {
    const p = (attempt(() => resolver.resolve(resource.Properties ?? {}, logicalId)) ?? {}) as JsonObject;
    const target = String(p.FunctionName ?? '');
    const fn = [...functions.values()].find((f) => f.arn === target || f.name === target);
    lambdaPermissions.push({
      logicalId,
      functionArn: fn?.arn ?? target,
      action: String(p.Action ?? ''),
      principal: String(p.Principal ?? ''),
      ...(typeof p.SourceArn === 'string' ? { sourceArn: p.SourceArn } : {}),
      ...(typeof p.SourceAccount === 'string' ? { sourceAccount: p.SourceAccount } : {}),
    });
  }

  // --- The HTTP API ----------------------------------------------------------------------------
  const apis = ofType('AWS::ApiGatewayV2::Api');
  if (apis.length > 1) problems.push(`the template has ${apis.length} HTTP APIs; the local gateway serves one per tenant`);
  const apiBaseUrl = apis.length ? `${resolver.resource(apis[0]![0]).attributes.ApiEndpoint}/` : undefined;
  const pools = ofType('AWS::Cognito::UserPool');
  const userPool =
    pools.length === 1
      ? {
          issuer: resolver.resource(pools[0]![0]).attributes.ProviderURL!,
          clientIds: ofType('AWS::Cognito::UserPoolClient').map(([logicalId]) => resolver.resource(logicalId).ref),
        }
      : undefined;
  if (pools.length > 1) problems.push(`the template has ${pools.length} user pools; the dev issuer stands in for one`);

  const authorizers = new Map<string, WiredAuthorizer>();
  for (const [logicalId, resource] of ofType('AWS::ApiGatewayV2::Authorizer')) {
    const p = (attempt(() => resolver.resolve(resource.Properties ?? {}, logicalId)) ?? {}) as JsonObject;
    if (p.AuthorizerType !== 'JWT') {
      problems.push(`authorizer ${logicalId} is of type ${String(p.AuthorizerType)}; the rehearsal stands in for JWT authorizers only`);
      continue;
    }
    const jwt = (p.JwtConfiguration ?? {}) as JsonObject;
    const authorizer: WiredAuthorizer = {
      logicalId,
      name: String(p.Name ?? logicalId),
      issuer: String(jwt.Issuer ?? ''),
      audience: ((jwt.Audience ?? []) as Json[]).map(String),
      identitySource: ((p.IdentitySource ?? []) as Json[]).map(String),
    };
    if (!userPool || authorizer.issuer !== userPool.issuer) {
      problems.push(
        `authorizer ${authorizer.name} trusts the issuer ${authorizer.issuer}, which is not the stack's user pool (${userPool?.issuer ?? 'none'}): the dev issuer can only stand in for the stack's own user pool`,
      );
    }
    for (const audience of authorizer.audience) {
      if (!userPool?.clientIds.includes(audience)) problems.push(`authorizer ${authorizer.name} accepts the audience ${audience}, which is not an app client of the stack's user pool`);
    }
    if (authorizer.identitySource.join() !== '$request.header.Authorization') {
      problems.push(`authorizer ${authorizer.name} reads the token from ${authorizer.identitySource.join(', ')}; the functions and the console send it in the Authorization header`);
    }
    authorizers.set(resolver.resource(logicalId).ref, authorizer);
  }
  const integrations = new Map<string, FunctionId | undefined>();
  for (const [logicalId, resource] of ofType('AWS::ApiGatewayV2::Integration')) {
    const p = resource.Properties ?? {};
    integrations.set(resolver.resource(logicalId).ref, p.IntegrationType === 'AWS_PROXY' ? functionOf(p.IntegrationUri, `${logicalId}.IntegrationUri`) : undefined);
    if (p.IntegrationType === 'AWS_PROXY' && String(p.PayloadFormatVersion) !== '2.0')
      problems.push(`integration ${logicalId} uses payload format ${String(p.PayloadFormatVersion)}; the local gateway sends 2.0`);
  }
  const routes: WiredRoute[] = [];
  for (const [logicalId, resource] of ofType('AWS::ApiGatewayV2::Route')) {
    const p = (attempt(() => resolver.resolve(resource.Properties ?? {}, logicalId)) ?? {}) as JsonObject;
    const key = String(p.RouteKey ?? '');
    const integrationId = typeof p.Target === 'string' ? p.Target.replace(/^integrations\//, '') : undefined;
    const functionId = integrationId ? integrations.get(integrationId) : undefined;
    if (!functionId) {
      problems.push(`route ${key} (${logicalId}) has no function: its target ${String(p.Target ?? '(none)')} is not a Lambda integration of a known function`);
      continue;
    }
    let authorizer: WiredAuthorizer | undefined;
    if (p.AuthorizationType === 'JWT') {
      authorizer = authorizers.get(String(p.AuthorizerId));
      if (!authorizer) problems.push(`route ${key} names an authorizer the template does not have (${String(p.AuthorizerId)})`);
    } else if (p.AuthorizationType !== 'NONE' && p.AuthorizationType !== undefined) {
      problems.push(`route ${key} uses authorization ${String(p.AuthorizationType)}; the rehearsal stands in for JWT and NONE`);
    }
    routes.push({ logicalId, routeKey: key, functionId, ...(authorizer ? { authorizer } : {}), scopes: ((p.AuthorizationScopes ?? []) as Json[]).map(String) });
  }
  // The local gateway serves ROUTES: the template's routes must be the same, to the same functions, as open or closed.
  for (const route of ROUTES) {
    const key = routeKey(route);
    const deployed = routes.find((r) => r.routeKey === key);
    if (!deployed) {
      problems.push(`the local gateway serves ${key} (${route.functionId}), but the template's API has no such route`);
      continue;
    }
    if (deployed.functionId !== route.functionId) problems.push(`route ${key}: the template sends it to ${deployed.functionId}, the local gateway to ${route.functionId}`);
    if ((route.access === 'admin') !== Boolean(deployed.authorizer)) {
      problems.push(`route ${key}: the local gateway treats it as ${route.access}, but in the template it is ${deployed.authorizer ? 'behind the JWT authorizer' : 'open (no authorizer)'}`);
    }
  }
  for (const route of routes) {
    if (!ROUTES.some((r) => routeKey(r) === route.routeKey)) problems.push(`the template's API has route ${route.routeKey} (${route.functionId}), which the local gateway does not serve`);
  }

  // --- Triggers: rules, stream mappings, subscriptions -----------------------------------------
  const rules: WiredRule[] = [];
  let sweepMinuteUtc: number | undefined;
  let outboxTimer = false;
  let objectCreated = false;
  let scanResult = false;
  for (const [logicalId, resource] of ofType('AWS::Events::Rule')) {
    const physical = resolver.resource(logicalId);
    const p = (attempt(() => resolver.resolve(resource.Properties ?? {}, logicalId)) ?? {}) as JsonObject;
    if (p.State === 'DISABLED') continue;
    const targets: FunctionId[] = [];
    for (const target of (p.Targets ?? []) as JsonObject[]) {
      const id = functionOf(target.Arn as Json, `${logicalId}.Targets`);
      if (id) targets.push(id);
      else problems.push(`rule ${logicalId} has a target that is not a function of the stack (${String(target.Arn)}): the local cloud has no stand-in for it`);
    }
    const rule: WiredRule = {
      logicalId,
      name: physical.ref,
      arn: physical.attributes.Arn!,
      ...(typeof p.ScheduleExpression === 'string' ? { schedule: p.ScheduleExpression } : {}),
      ...(p.EventPattern && typeof p.EventPattern === 'object' ? { pattern: p.EventPattern as JsonObject } : {}),
      targets,
    };
    rules.push(rule);
    for (const target of targets) {
      const stand = standInFor(rule, target, buckets);
      if (!stand.ok) {
        problems.push(stand.problem);
        continue;
      }
      if (stand.kind === 'sweep') {
        if (sweepMinuteUtc !== undefined && sweepMinuteUtc !== stand.minute) problems.push('two daily sweep rules at different times: the local cloud sweeps once a day');
        sweepMinuteUtc = stand.minute;
      }
      if (stand.kind === 'outbox-timer') outboxTimer = true;
      if (stand.kind === 'object-created') objectCreated = true;
      if (stand.kind === 'scan-result') scanResult = true;
    }
  }
  if (sweepMinuteUtc === undefined) problems.push('the local cloud runs deadline-sweeper every day, but the template has no schedule rule for it: in AWS it would never run');
  if (!outboxTimer) problems.push('the local cloud runs outbox-drain on a timer, but the template has no rate() rule for it: nothing would retry a failed delivery in AWS');
  if (!objectCreated) problems.push('the local S3 stand-in hands every uploaded file to attachment-check, but the template has no rule that sends S3 "Object Created" events of the bucket to it');
  if (!scanResult) problems.push('the local scan stand-in hands its verdict to attachment-check, but the template has no rule that sends GuardDuty scan results to it');

  const eventSourceMappings: WiredEventSourceMapping[] = [];
  for (const [logicalId, resource] of ofType('AWS::Lambda::EventSourceMapping')) {
    const p = (attempt(() => resolver.resolve(resource.Properties ?? {}, logicalId)) ?? {}) as JsonObject;
    const functionId = functionOf(p.FunctionName as Json, `${logicalId}.FunctionName`);
    const source = String(p.EventSourceArn ?? '');
    if (!functionId) {
      problems.push(`event source mapping ${logicalId} invokes ${String(p.FunctionName)}, not a function of the stack`);
      continue;
    }
    const table = tables.find((t) => t.streamArn === source);
    if (!table) problems.push(`event source mapping ${logicalId} reads ${source}, which is not the stream of a table of the stack: the local cloud has no stand-in for it`);
    eventSourceMappings.push({
      logicalId,
      functionId,
      eventSourceArn: source,
      ...(typeof p.BatchSize === 'number' ? { batchSize: p.BatchSize } : {}),
      ...(typeof p.StartingPosition === 'string' ? { startingPosition: p.StartingPosition } : {}),
      ...(typeof p.MaximumRetryAttempts === 'number' ? { maximumRetryAttempts: p.MaximumRetryAttempts } : {}),
      ...(typeof p.BisectBatchOnFunctionError === 'boolean' ? { bisectBatchOnFunctionError: p.BisectBatchOnFunctionError } : {}),
      filterPatterns: (((p.FilterCriteria as JsonObject | undefined)?.Filters ?? []) as JsonObject[]).map((f) => String(f.Pattern)),
      properties: p,
    });
  }
  if (!eventSourceMappings.some((m) => m.functionId === 'outbox-drain')) {
    problems.push(
      "the local cloud drains the outbox as new entries are written, but the template has no event source mapping from the table's stream to outbox-drain: in AWS letters and schedules would wait for the timer",
    );
  }

  const notRehearsed: string[] = [];
  for (const [logicalId, resource] of ofType('AWS::SNS::Subscription')) {
    const p = resource.Properties ?? {};
    const functionId = p.Protocol === 'lambda' ? functionOf(p.Endpoint, `${logicalId}.Endpoint`) : undefined;
    notRehearsed.push(
      functionId
        ? `SNS subscription ${logicalId}: ${functionId} is invoked by SNS (mail bounces and complaints); the local cloud has no SES event stand-in, so it is not exercised`
        : `SNS subscription ${logicalId} (${String(p.Protocol)}): outside the functions`,
    );
  }
  for (const role of roles.values()) {
    if (role.externalManagedPolicies.length)
      notRehearsed.push(`role ${role.logicalId} has managed policies outside the template (${role.externalManagedPolicies.join(', ')}): their statements are not checked`);
  }

  // --- What the functions' environment names must exist in the template -----------------------
  const registerTable = (name: string | undefined) => tables.find((t) => t.name === name);
  for (const fn of functions.values()) {
    const e = fn.environment;
    const where = `function ${fn.name}`;
    if (FUNCTION_PERMISSIONS[fn.id].length > 0) {
      try {
        loadRuntimeConfig({ ...e, AWS_REGION: env.region });
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message.replace(/\n\s*/g, ' ')}`);
      }
    }
    if (e.TABLE_NAME !== undefined && !registerTable(e.TABLE_NAME)) problems.push(`${where}: TABLE_NAME ${e.TABLE_NAME} is not a table of the stack`);
    if (e.SCHEDULE_GROUP !== undefined && !scheduleGroups.some((g) => g.name === e.SCHEDULE_GROUP)) problems.push(`${where}: SCHEDULE_GROUP ${e.SCHEDULE_GROUP} is not a schedule group of the stack`);
    if (e.SCHEDULER_ROLE_ARN !== undefined) {
      const role = roles.get(e.SCHEDULER_ROLE_ARN);
      if (!role) problems.push(`${where}: SCHEDULER_ROLE_ARN ${e.SCHEDULER_ROLE_ARN} is not a role of the stack`);
      else if (!JSON.stringify(role.trustPolicy).includes('scheduler.amazonaws.com')) problems.push(`${where}: SCHEDULER_ROLE_ARN names ${role.logicalId}, which EventBridge Scheduler may not assume`);
    }
    if (e.DEADLINE_FUNCTION_ARN !== undefined && !functionIdByArn.has(e.DEADLINE_FUNCTION_ARN))
      problems.push(`${where}: DEADLINE_FUNCTION_ARN ${e.DEADLINE_FUNCTION_ARN} is not a function of the stack`);
    if (e.DEADLINE_FUNCTION_ARN !== undefined && functionIdByArn.get(e.DEADLINE_FUNCTION_ARN) !== 'deadline-check')
      problems.push(`${where}: DEADLINE_FUNCTION_ARN names ${functionIdByArn.get(e.DEADLINE_FUNCTION_ARN) ?? e.DEADLINE_FUNCTION_ARN}; the local Scheduler emulator fires deadline-check`);
    if (e.SES_CONFIGURATION_SET !== undefined && !sesConfigurationSets.includes(e.SES_CONFIGURATION_SET))
      problems.push(`${where}: SES_CONFIGURATION_SET ${e.SES_CONFIGURATION_SET} is not a configuration set of the stack`);
    if (e.ATTACHMENTS_BUCKET !== undefined && !buckets.some((b) => b.name === e.ATTACHMENTS_BUCKET)) problems.push(`${where}: ATTACHMENTS_BUCKET ${e.ATTACHMENTS_BUCKET} is not a bucket of the stack`);
    if (e.SEARCH_KEY_SECRET_ARN !== undefined && !secrets.some((s) => s.arn === e.SEARCH_KEY_SECRET_ARN))
      problems.push(`${where}: SEARCH_KEY_SECRET_ARN ${e.SEARCH_KEY_SECRET_ARN} is not a secret of the stack`);
    if (e.REGULATION_FILE !== undefined && e.REGULATION_FILE !== REGULATION_PATH_IN_LAMBDA)
      problems.push(`${where}: REGULATION_FILE is ${e.REGULATION_FILE}; the bundles carry it at ${REGULATION_PATH_IN_LAMBDA}`);
    if (e.JWT_ISSUER !== undefined && e.JWT_ISSUER !== userPool?.issuer) problems.push(`${where}: JWT_ISSUER ${e.JWT_ISSUER} is not the stack's user pool (${userPool?.issuer ?? 'none'})`);
    if (e.JWT_AUDIENCE !== undefined && !userPool?.clientIds.includes(e.JWT_AUDIENCE)) problems.push(`${where}: JWT_AUDIENCE ${e.JWT_AUDIENCE} is not an app client of the stack's user pool`);
    if (e.STATUS_BASE_URL !== undefined && apiBaseUrl && !e.STATUS_BASE_URL.startsWith(apiBaseUrl))
      notRehearsed.push(`${where}: STATUS_BASE_URL ${e.STATUS_BASE_URL} is not on the stack's API; its links are used as they are`);
    if (e.JWKS_URL !== undefined) problems.push(`${where}: JWKS_URL is set (${e.JWKS_URL}); the rehearsal stands in for the user pool's own JWKS only`);
    if (e.WEBHOOK_URL !== undefined) problems.push(`${where}: WEBHOOK_URL is set (${e.WEBHOOK_URL}); the rehearsal runs offline and would post to it: rehearse without the webhook setting`);
  }
  const tablesNamed = new Set([...functions.values()].map((f) => f.environment.TABLE_NAME).filter(Boolean));
  if (tablesNamed.size > 1) problems.push(`the functions name ${tablesNamed.size} different tables (${[...tablesNamed].join(', ')}); the local cloud has one register per tenant`);
  const bucketsNamed = new Set([...functions.values()].map((f) => f.environment.ATTACHMENTS_BUCKET).filter(Boolean));
  if (bucketsNamed.size > 1) problems.push(`the functions name ${bucketsNamed.size} different buckets; the local cloud has one attachments bucket per tenant`);

  if (problems.length) throw new WiringError(problems);
  return {
    tenantId: options.tenantId,
    stackName: options.stackName,
    account: env.account,
    region: env.region,
    resolver: resolver!,
    functions,
    roles,
    routes,
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    ...(userPool ? { userPool } : {}),
    rules,
    ...(sweepMinuteUtc !== undefined ? { sweepMinuteUtc } : {}),
    eventSourceMappings,
    tables,
    buckets,
    keyPolicies,
    secrets,
    scheduleGroups,
    queuePolicies,
    sesIdentities,
    sesConfigurationSets,
    lambdaPermissions,
    notRehearsed,
  };
}

/** The register table the functions use. */
export function registerTableOf(wiring: RehearsalWiring): WiredTable {
  const name = [...wiring.functions.values()].map((f) => f.environment.TABLE_NAME).find(Boolean);
  const table = wiring.tables.find((t) => t.name === name) ?? wiring.tables[0];
  if (!table) throw new WiringError(['the template has no DynamoDB table']);
  return table;
}

/** The attachments bucket the functions use (ATTACHMENTS_BUCKET), if any. */
export function attachmentsBucketOf(wiring: RehearsalWiring): WiredBucket | undefined {
  const name = [...wiring.functions.values()].map((f) => f.environment.ATTACHMENTS_BUCKET).find(Boolean);
  return wiring.buckets.find((b) => b.name === name);
}

type StandIn = { ok: true; kind: 'sweep'; minute: number } | { ok: true; kind: 'outbox-timer' | 'object-created' | 'scan-result' } | { ok: false; problem: string };

/** Which of the local cloud's own triggers stands in for this rule's delivery to `target`. */
function standInFor(rule: WiredRule, target: FunctionId, buckets: WiredBucket[]): StandIn {
  const what = `rule ${rule.logicalId} (${rule.schedule ?? JSON.stringify(rule.pattern)}) -> ${target}`;
  if (rule.schedule) {
    if (target === 'deadline-sweeper') {
      const cron = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(rule.schedule);
      if (!cron) return { ok: false, problem: `${what}: the local cloud sweeps once a day; it cannot follow this schedule (use cron(M H * * ? *))` };
      return { ok: true, kind: 'sweep', minute: Number(cron[2]) * 60 + Number(cron[1]) };
    }
    if (target === 'outbox-drain' && /^rate\(\d+ minutes?\)$/.test(rule.schedule)) return { ok: true, kind: 'outbox-timer' };
    return { ok: false, problem: `${what}: the local cloud has no timer that runs this function` };
  }
  const pattern = rule.pattern ?? {};
  const source = JSON.stringify(pattern.source ?? []);
  const detailType = JSON.stringify(pattern['detail-type'] ?? []);
  if (target === 'attachment-check' && source === '["aws.s3"]' && detailType === '["Object Created"]') {
    const names = (((pattern.detail as JsonObject | undefined)?.bucket as JsonObject | undefined)?.name ?? []) as Json[];
    if (!names.every((n) => buckets.some((b) => b.name === n))) return { ok: false, problem: `${what}: it names a bucket the stack does not have` };
    return { ok: true, kind: 'object-created' };
  }
  if (target === 'attachment-check' && source === '["aws.guardduty"]' && detailType === '["GuardDuty Malware Protection Object Scan Result"]') return { ok: true, kind: 'scan-result' };
  return { ok: false, problem: `${what}: the local cloud has no stand-in that sends these events` };
}

/** Values for NoEcho parameters without a default (the rehearsal never sees the real ones). */
function noEchoValues(template: CfnTemplate): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (parameter.NoEcho && parameter.Default === undefined) values[name] = 'rehearsal-'.padEnd(64, 'x');
  }
  return values;
}

/** What the local cloud gives in place of AWS's own endpoints and files. */
export interface LocalStandIns {
  /** The regulation JSON the synth wrote (REGULATION_FILE in the bundle). */
  regulationFile: string;
  /** The dev issuer's URL and app client id for this tenant. */
  jwtIssuer: string;
  jwtAudience: string;
  /** The local gateway's base for this tenant, ending in `/` (stands in for the execute-api URL). */
  apiBaseUrl: string;
  /** Endpoint overrides, region and credentials: variables Lambda or the SDK would supply in AWS. */
  runtime: Record<string, string>;
}

/**
 * A function's environment for the rehearsal: exactly the template's, with the few values that
 * name AWS itself (the bundle path, the user pool, the execute-api URL) replaced by their local
 * stand-ins, plus the variables Lambda sets and the stand-ins' endpoints (`runtime`).
 */
export function rehearsalEnvironment(fn: WiredFunction, wiring: RehearsalWiring, local: LocalStandIns): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    let local_ = value;
    if (value === REGULATION_PATH_IN_LAMBDA) local_ = local.regulationFile;
    else if (wiring.userPool && value === wiring.userPool.issuer) local_ = local.jwtIssuer;
    else if (wiring.userPool?.clientIds.includes(value) && name === 'JWT_AUDIENCE') local_ = local.jwtAudience;
    else if (wiring.apiBaseUrl && value.startsWith(wiring.apiBaseUrl)) local_ = local.apiBaseUrl + value.slice(wiring.apiBaseUrl.length);
    environment[name] = local_;
  }
  return {
    ...local.runtime,
    // What Lambda sets in every function's environment.
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_REGION: wiring.region,
    AWS_DEFAULT_REGION: wiring.region,
    ...environment,
  };
}

/** The account's principal ARN of a function's role session, as Lambda assumes it. */
export function sessionArnOf(fn: WiredFunction, wiring: RehearsalWiring): string {
  return `arn:${PARTITION}:sts::${wiring.account}:assumed-role/${fn.role.name}/${fn.name}`;
}
