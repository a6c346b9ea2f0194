/**
 * Every AWS SDK call a function makes in the rehearsal, checked against that function's
 * synthesised IAM role (its inline and attached policies, its permissions boundary) and, where
 * the call reaches a resource with a policy of its own, that policy (the KMS key policy, the
 * bucket policy, a secret's or table's resource policy), with @cloud-copilot/iam-simulate.
 *
 * iamRequestsFor() maps (service, command, input) to the IAM requests AWS authorises for it:
 * the action(s), the resource ARN(s) in the rehearsal's fake account and region, and the request
 * context the policies' conditions read. One SDK call may be several requests: a transaction is
 * one per item, a schedule with a role is also iam:PassRole, a read of a table encrypted with a
 * customer-managed key is also kms:Decrypt through DynamoDB. A call it has no mapping for is
 * refused (UnmappedCallError): nothing passes unchecked.
 */
import { runSimulation, type RequestAnalysis, type Simulation } from '@cloud-copilot/iam-simulate';
import { PARTITION, type JsonObject } from './template.ts';
import { sessionArnOf, type RehearsalWiring, type WiredFunction, type WiredRole } from './wiring.ts';

/** One SDK call as the function's worker saw it. */
export interface SdkCall {
  /** The client's service id: DynamoDB, S3, Scheduler, SES, Secrets Manager, ... */
  service: string;
  /** The command's class name, e.g. PutItemCommand. */
  command: string;
  /** The command's input, reduced to plain data (bodies left out). */
  input: Record<string, unknown>;
  /** Signed, not sent: a presigned POST or GET the caller uses with the function's permissions. */
  presigned?: 'post' | 'get';
}

/** One authorisation AWS makes for a call. */
export interface IamRequest {
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  /** The resource's own policy (key policy, bucket policy...) and where it comes from. */
  resourcePolicy?: { source: string; document: JsonObject };
  /** Why AWS asks for this one too (e.g. "DynamoDB decrypts the table's key for dynamodb:PutItem"). */
  implied?: string;
  /** When the call names something the stack does not have. */
  notInStack?: string;
}

export interface CheckedRequest extends IamRequest {
  allowed: boolean;
  /** For a denial: which statement is missing or which one denies, in words. */
  explanation?: string;
}

export interface CheckedCall {
  functionId: string;
  call: SdkCall;
  requests: CheckedRequest[];
  allowed: boolean;
}

export class UnmappedCallError extends Error {
  override name = 'UnmappedCallError';
}

/** What the checker reads from the stand-ins while it checks (an object's tags for s3:ExistingObjectTag). */
export interface CheckLookups {
  objectTags?(bucket: string, key: string): Promise<Record<string, string>>;
}

const s = (value: unknown): string => (typeof value === 'string' ? value : '');

export async function iamRequestsFor(call: SdkCall, fn: WiredFunction, wiring: RehearsalWiring, lookups: CheckLookups = {}): Promise<IamRequest[]> {
  const { region, account } = wiring;
  const input = call.input;
  const op = call.command.replace(/Command$/, '');
  const base = { 'aws:SecureTransport': 'true', 'aws:RequestedRegion': region, 'aws:PrincipalAccount': account, 'aws:PrincipalArn': fn.role.arn };

  switch (call.service) {
    case 'DynamoDB': {
      const tableArn = (name: string) => `arn:${PARTITION}:dynamodb:${region}:${account}:table/${name}`;
      const requests: IamRequest[] = [];
      const onTable = (action: string, table: string, index?: string) => {
        const known = wiring.tables.find((t) => t.name === table);
        requests.push({
          action: `dynamodb:${action}`,
          resource: index ? `${tableArn(table)}/index/${index}` : tableArn(table),
          context: base,
          ...(known?.resourcePolicy ? { resourcePolicy: { source: `${known.logicalId}.ResourcePolicy`, document: known.resourcePolicy } } : {}),
          ...(known ? {} : { notInStack: `the table ${table} is not in the stack` }),
        });
      };
      switch (op) {
        case 'GetItem':
        case 'PutItem':
        case 'UpdateItem':
        case 'DeleteItem':
        case 'DescribeTable':
          onTable(op, s(input.TableName));
          break;
        case 'Query':
        case 'Scan':
          onTable(op, s(input.TableName), s(input.IndexName) || undefined);
          break;
        case 'TransactWriteItems':
          // No IAM action of its own: DynamoDB authorises each item's operation.
          for (const item of (input.TransactItems ?? []) as Array<Record<string, { TableName?: string }>>) {
            const [kind, detail] = Object.entries(item)[0] ?? [];
            const action = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' }[kind ?? ''];
            if (!action) throw new UnmappedCallError(`DynamoDB TransactWriteItems item of kind ${kind}`);
            onTable(action, s(detail?.TableName));
          }
          break;
        case 'TransactGetItems':
          for (const item of (input.TransactItems ?? []) as Array<{ Get?: { TableName?: string } }>) onTable('GetItem', s(item.Get?.TableName));
          break;
        case 'BatchWriteItem':
        case 'BatchGetItem':
          for (const table of Object.keys((input.RequestItems ?? {}) as object)) onTable(op, table);
          break;
        default:
          throw new UnmappedCallError(`DynamoDB ${call.command}`);
      }
      // A table encrypted with a customer-managed key: DynamoDB uses the key on the caller's behalf.
      for (const table of new Set(requests.map((r) => r.resource.split('/')[1]!))) {
        const wired = wiring.tables.find((t) => t.name === table);
        if (wired?.kmsKeyArn) requests.push(kmsThrough('dynamodb', 'kms:Decrypt', wired.kmsKeyArn, wiring, base, `DynamoDB decrypts the table key of ${table} (customer-managed) for the caller`));
      }
      return dedupe(requests);
    }

    case 'S3': {
      const bucket = s(input.Bucket);
      const wired = wiring.buckets.find((b) => b.name === bucket);
      const policy = wired?.policy ? { resourcePolicy: { source: `${wired.logicalId} bucket policy`, document: wired.policy } } : {};
      const notInStack = wired ? {} : { notInStack: `the bucket ${bucket} is not in the stack` };
      const s3Context = {
        ...base,
        's3:TlsVersion': '1.3',
        's3:signatureversion': 'AWS4-HMAC-SHA256',
        's3:authType': call.presigned ? (call.presigned === 'post' ? 'POST' : 'REST-QUERY-STRING') : 'REST-HEADER',
      };
      const object = (action: string, key: string, extra: Record<string, string> = {}): IamRequest => ({
        action,
        resource: `arn:${PARTITION}:s3:::${bucket}/${key}`,
        context: { ...s3Context, ...extra },
        ...policy,
        ...notInStack,
      });
      const tagsOf = async (key: string) => {
        const tags = (await lookups.objectTags?.(bucket, key).catch(() => ({}))) ?? {};
        return Object.fromEntries(Object.entries(tags).map(([k, v]) => [`s3:ExistingObjectTag/${k}`, String(v)])) as Record<string, string>;
      };
      const key = s(input.Key);
      switch (op) {
        case 'PutObject': {
          const requests = [object('s3:PutObject', key)];
          if (wired?.kmsKeyArn) requests.push(kmsThrough('s3', 'kms:GenerateDataKey', wired.kmsKeyArn, wiring, base, `S3 encrypts the new object with the bucket's key (SSE-KMS) for the caller`));
          return requests;
        }
        case 'GetObject':
        case 'HeadObject': {
          // HEAD is authorised as s3:GetObject.
          const requests = [object('s3:GetObject', key, await tagsOf(key))];
          if (wired?.kmsKeyArn) requests.push(kmsThrough('s3', 'kms:Decrypt', wired.kmsKeyArn, wiring, base, `S3 decrypts the object with the bucket's key (SSE-KMS) for the caller`));
          return requests;
        }
        case 'DeleteObject':
          return [object('s3:DeleteObject', key)];
        case 'DeleteObjects':
          // No IAM action of its own: S3 authorises s3:DeleteObject per key.
          return ((input.Delete as { Objects?: Array<{ Key?: string }> } | undefined)?.Objects ?? []).map((o) => object('s3:DeleteObject', s(o.Key)));
        case 'GetObjectTagging':
        case 'PutObjectTagging':
        case 'DeleteObjectTagging':
          return [object(`s3:${op}`, key, op === 'GetObjectTagging' ? await tagsOf(key) : {})];
        case 'ListObjectsV2':
        case 'ListObjects':
          return [
            {
              action: 's3:ListBucket',
              resource: `arn:${PARTITION}:s3:::${bucket}`,
              context: {
                ...s3Context,
                's3:prefix': s(input.Prefix),
                ...(input.Delimiter ? { 's3:delimiter': s(input.Delimiter) } : {}),
                ...(input.MaxKeys ? { 's3:max-keys': String(input.MaxKeys) } : {}),
              },
              ...policy,
              ...notInStack,
            },
          ];
        default:
          throw new UnmappedCallError(`S3 ${call.command}`);
      }
    }

    case 'Scheduler': {
      const group = s(input.GroupName) || 'default';
      const schedule = `arn:${PARTITION}:scheduler:${region}:${account}:schedule/${group}/${s(input.Name)}`;
      const notInStack = wiring.scheduleGroups.some((g) => g.name === group) ? {} : { notInStack: `the schedule group ${group} is not in the stack` };
      switch (op) {
        case 'CreateSchedule':
        case 'UpdateSchedule': {
          const requests: IamRequest[] = [{ action: `scheduler:${op}`, resource: schedule, context: base, ...notInStack }];
          const roleArn = s((input.Target as { RoleArn?: string } | undefined)?.RoleArn);
          if (roleArn) {
            requests.push({
              action: 'iam:PassRole',
              resource: roleArn,
              context: { ...base, 'iam:PassedToService': 'scheduler.amazonaws.com' },
              implied: `the schedule runs as ${roleArn.split('/').pop()}: Scheduler checks that the caller may pass that role to it`,
              ...(wiring.roles.has(roleArn) ? {} : { notInStack: `the role ${roleArn} is not in the stack` }),
            });
          }
          return requests;
        }
        case 'GetSchedule':
        case 'DeleteSchedule':
          return [{ action: `scheduler:${op}`, resource: schedule, context: base, ...notInStack }];
        case 'ListSchedules':
          return [{ action: 'scheduler:ListSchedules', resource: '*', context: base }];
        default:
          throw new UnmappedCallError(`Scheduler ${call.command}`);
      }
    }

    case 'SES': {
      if (op !== 'SendEmail' && op !== 'SendRawEmail') throw new UnmappedCallError(`SES ${call.command}`);
      const from = addressOf(s(input.Source));
      const domain = from.split('@')[1] ?? '';
      // SES authorises the identity the mail is sent as: the address if it is an identity itself, else its domain.
      const identity = s(input.SourceArn) || `arn:${PARTITION}:ses:${region}:${account}:identity/${wiring.sesIdentities.includes(from) ? from : domain}`;
      const identityName = identity.split('identity/')[1] ?? '';
      const requests: IamRequest[] = [
        {
          action: `ses:${op}`,
          resource: identity,
          context: { ...base, 'ses:FromAddress': from },
          ...(wiring.sesIdentities.includes(identityName) ? {} : { notInStack: `the sender ${from} is no SES identity of the stack (it has ${wiring.sesIdentities.join(', ') || 'none'})` }),
        },
      ];
      const set = s(input.ConfigurationSetName);
      if (set) {
        requests.push({
          action: `ses:${op}`,
          resource: `arn:${PARTITION}:ses:${region}:${account}:configuration-set/${set}`,
          context: { ...base, 'ses:FromAddress': from },
          implied: 'SES also authorises the configuration set the mail is sent with',
          ...(wiring.sesConfigurationSets.includes(set) ? {} : { notInStack: `the configuration set ${set} is not in the stack` }),
        });
      }
      return requests;
    }

    case 'Secrets Manager': {
      if (op !== 'GetSecretValue' && op !== 'DescribeSecret') throw new UnmappedCallError(`Secrets Manager ${call.command}`);
      const id = s(input.SecretId);
      const secret = wiring.secrets.find((x) => x.arn === id || x.name === id);
      const arn = secret?.arn ?? (id.startsWith('arn:') ? id : `arn:${PARTITION}:secretsmanager:${region}:${account}:secret:${id}`);
      const requests: IamRequest[] = [
        {
          action: `secretsmanager:${op}`,
          resource: arn,
          context: base,
          ...(secret?.resourcePolicy ? { resourcePolicy: { source: `${secret.logicalId} resource policy`, document: secret.resourcePolicy } } : {}),
          ...(secret ? {} : { notInStack: `the secret ${id} is not in the stack` }),
        },
      ];
      if (op === 'GetSecretValue' && secret?.kmsKeyArn)
        requests.push(kmsThrough('secretsmanager', 'kms:Decrypt', secret.kmsKeyArn, wiring, base, 'Secrets Manager decrypts the secret with its customer-managed key for the caller'));
      return requests;
    }

    default:
      throw new UnmappedCallError(`${call.service} ${call.command}`);
  }
}

function kmsThrough(service: string, action: string, keyArn: string, wiring: RehearsalWiring, base: Record<string, string>, why: string): IamRequest {
  const policy = wiring.keyPolicies.get(keyArn);
  return {
    action,
    resource: keyArn,
    context: { ...base, 'kms:ViaService': `${service}.${wiring.region}.amazonaws.com`, 'kms:CallerAccount': wiring.account },
    implied: why,
    ...(policy
      ? {
          resourcePolicy: {
            source: `key policy of ${
              wiring.resolver
                .describe(keyArn)
                ?.replace(/^Fn::GetAtt /, '')
                .replace(/\.Arn$/, '') ?? keyArn
            }`,
            document: policy,
          },
        }
      : { notInStack: `the key ${keyArn} is not in the stack` }),
  };
}

function dedupe(requests: IamRequest[]): IamRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => {
    const key = `${r.action} ${r.resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function addressOf(source: string): string {
  const angle = /<([^>]+)>/.exec(source);
  return (angle ? angle[1]! : source).trim().toLowerCase();
}

/** Checks calls against the wiring's roles; keeps every checked call for the summary. */
export class PolicyChecker {
  readonly checked: CheckedCall[] = [];
  lookups: CheckLookups = {};

  constructor(readonly wiring: RehearsalWiring) {}

  async check(functionId: string, call: SdkCall): Promise<CheckedCall> {
    const fn = [...this.wiring.functions.values()].find((f) => f.id === functionId);
    if (!fn) throw new Error(`no function ${functionId} in the wiring`);
    let requests: IamRequest[];
    try {
      requests = await iamRequestsFor(call, fn, this.wiring, this.lookups);
    } catch (error) {
      if (!(error instanceof UnmappedCallError)) throw error;
      const checked: CheckedCall = {
        functionId,
        call,
        allowed: false,
        requests: [
          {
            action: `${call.service}:${call.command}`,
            resource: '?',
            context: {},
            allowed: false,
            explanation: `the rehearsal does not know which IAM action ${error.message} needs: add it to local/rehearsal/iam-check.ts (a call it cannot check is refused)`,
          },
        ],
      };
      this.checked.push(checked);
      return checked;
    }
    const results: CheckedRequest[] = [];
    for (const request of requests) results.push(await simulate(request, sessionArnOf(fn, this.wiring), fn.role, this.wiring));
    const checked: CheckedCall = { functionId, call, requests: results, allowed: results.every((r) => r.allowed) };
    this.checked.push(checked);
    return checked;
  }

  /** Requests made (every authorisation, implied ones included) and those denied. */
  summary(): { calls: number; requests: number; denied: CheckedCall[] } {
    return { calls: this.checked.length, requests: this.checked.reduce((n, c) => n + c.requests.length, 0), denied: this.checked.filter((c) => !c.allowed) };
  }
}

/** Simulates one request as `principal` with the role's policies; explains a denial. */
export async function simulate(request: IamRequest, principal: string, role: WiredRole, wiring: RehearsalWiring): Promise<CheckedRequest> {
  const simulation: Simulation = {
    request: {
      principal,
      action: request.action,
      resource: { resource: request.resource, accountId: accountOf(request.resource) ?? wiring.account },
      contextVariables: request.context,
    },
    identityPolicies: role.policies.map((p) => ({ name: p.source, policy: p.document })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy.document } : {}),
    ...(role.permissionsBoundary ? { permissionBoundaryPolicies: [{ name: role.permissionsBoundary.source, policy: role.permissionsBoundary.document }] } : {}),
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') {
    return { ...request, allowed: false, explanation: `the simulation could not run: ${response.errors.message} ${JSON.stringify(response.errors)}` };
  }
  if (response.overallResult === 'Allowed') return { ...request, allowed: true };
  const analysis = response.resultType === 'single' ? response.result.analysis : response.results[0]?.analysis;
  return { ...request, allowed: false, explanation: explainDenial(request, role, analysis) };
}

function accountOf(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account ? account : undefined;
}

/** In words: the deny statement, or the statement that is missing and the nearest ones there are. */
function explainDenial(request: IamRequest, role: WiredRole, analysis: RequestAnalysis | undefined): string {
  const lines: string[] = [];
  if (request.notInStack) lines.push(`${request.notInStack}.`);
  if (!analysis) return [...lines, 'denied (no analysis)'].join(' ');
  const describeStatement = (policyId: string, identifier: string) => `${policyId} statement ${identifier}`;

  for (const [where, part] of [
    ['role', analysis.identityAnalysis],
    ['permissions boundary', analysis.permissionBoundaryAnalysis],
    ['resource policy', analysis.resourceAnalysis],
  ] as const) {
    for (const deny of part?.denyStatements ?? []) {
      lines.push(
        `explicitly denied by ${where === 'resource policy' ? (request.resourcePolicy?.source ?? 'the resource policy') : describeStatement(deny.policyId, deny.explain.identifier)}: ${JSON.stringify(deny.statement)}`,
      );
    }
  }
  const identity = analysis.identityAnalysis;
  if (identity && identity.result !== 'Allowed' && !(identity.denyStatements ?? []).length) {
    lines.push(`no statement in the policies of role ${role.logicalId} (${role.policies.map((p) => p.source).join(', ') || 'none'}) allows ${request.action} on ${request.resource}.`);
    const near = (identity.unmatchedStatements ?? []).filter((st) => st.explain.effect === 'Allow' && (st.explain.actionMatch || st.explain.resourceMatch)).slice(0, 3);
    for (const st of near) lines.push(`  nearest: ${describeStatement(st.policyId, st.explain.identifier)} ${whyNot(st.explain)}: ${JSON.stringify(st.statement)}`);
    lines.push(`  missing: ${JSON.stringify({ Effect: 'Allow', Action: request.action, Resource: request.resource, ...(conditionHint(request) ? { Condition: conditionHint(request) } : {}) })}`);
  }
  const boundary = analysis.permissionBoundaryAnalysis;
  if (boundary && boundary.result !== 'Allowed' && !(boundary.denyStatements ?? []).length) lines.push(`the permissions boundary ${role.permissionsBoundary?.source} does not allow it.`);
  const resource = analysis.resourceAnalysis;
  if (request.resourcePolicy && resource && identity?.result === 'Allowed' && !['Allowed', 'AllowedForAccount', 'NotApplicable'].includes(resource.result) && !(resource.denyStatements ?? []).length) {
    lines.push(`the ${request.resourcePolicy.source} does not allow it (${resource.result}).`);
  }
  if (request.implied) lines.push(`(asked because ${request.implied})`);
  return lines.join('\n');
}

function whyNot(explain: {
  actionMatch: boolean;
  resourceMatch: boolean;
  conditionMatch: boolean;
  conditions?: Array<{ conditionKeyValue: string; matches: boolean; failedBecauseMissing?: boolean }>;
}): string {
  if (!explain.actionMatch) return 'covers the resource but not the action';
  if (!explain.resourceMatch) return 'has the action but not this resource';
  const failed = (explain.conditions ?? []).filter((c) => !c.matches).map((c) => `${c.conditionKeyValue}${c.failedBecauseMissing ? ' (not in the request)' : ''}`);
  return `matches but its condition fails (${failed.join(', ') || 'condition'})`;
}

function conditionHint(request: IamRequest): JsonObject | undefined {
  if (request.context['kms:ViaService']) return { StringEquals: { 'kms:ViaService': request.context['kms:ViaService'] as string } };
  if (request.context['iam:PassedToService']) return { StringEquals: { 'iam:PassedToService': request.context['iam:PassedToService'] as string } };
  return undefined;
}

/** Formats one denied call for the rehearsal's report. */
export function describeDenial(denied: CheckedCall, wiring: RehearsalWiring): string {
  const fn = wiring.functions.get(denied.functionId as never);
  const head = `DENIED  ${denied.functionId}: ${denied.call.service} ${denied.call.command}${denied.call.presigned ? ` (presigned ${denied.call.presigned.toUpperCase()})` : ''}`;
  const parts = denied.requests
    .filter((r) => !r.allowed)
    .map((r) =>
      [
        `  action:   ${r.action}`,
        `  resource: ${r.resource}${wiring.resolver.describe(r.resource) ? ` (${wiring.resolver.describe(r.resource)})` : ''}`,
        `  role:     ${fn?.role.logicalId ?? '?'}`,
        ...(r.explanation ?? '').split('\n').map((line) => `  ${line.startsWith('  ') ? line : `why:      ${line}`}`),
      ].join('\n'),
    );
  return [head, ...parts].join('\n');
}
