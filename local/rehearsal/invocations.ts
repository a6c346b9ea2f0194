/**
 * Every invocation the local cloud makes in a rehearsal, checked against what the template
 * deploys before the function runs: an HTTP request against the route and its JWT authorizer
 * (the token verified as API Gateway does, with the template's issuer and audience, stood in for
 * by the dev issuer) and the function's permission for API Gateway; an EventBridge event against
 * a rule whose pattern matches it and targets the function, and that rule's permission; the
 * daily sweep and the drain's timer against their schedule rules; a stream batch against the
 * event source mapping (and what Lambda reads the stream with: the function's role); a schedule
 * firing against the Scheduler role (trust policy, lambda:InvokeFunction, the dead-letter queue).
 *
 * An invocation the template would not deliver fails the rehearsal (InvocationError); a bad token
 * gets API Gateway's own 401 without the function running.
 */
import { createJwtVerifier, type JwtVerifier } from '../../shared/auth/jwt.ts';
import { PARTITION, type JsonObject } from './template.ts';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { simulate, type CheckedRequest, type IamRequest } from './iam-check.ts';
import type { RehearsalWiring, WiredFunction, WiredRoute, WiredRule } from './wiring.ts';

export class InvocationError extends Error {
  override name = 'InvocationError';
}

export interface CheckedInvocation {
  functionId: string;
  /** route, rule, schedule, stream, ... */
  via: string;
  requests: CheckedRequest[];
  allowed: boolean;
}

export interface InvocationCheckOptions {
  wiring: RehearsalWiring;
  /** The dev issuer standing in for the user pool: its issuer URL, client id and the local clock. */
  issuer: { url: string; audience: string; now(): Date };
}

interface ApiEvent {
  version: '2.0';
  routeKey: string;
  headers?: Record<string, string>;
  requestContext?: { http?: { method?: string } };
}

export class InvocationChecks {
  readonly checked: CheckedInvocation[] = [];
  private readonly verifiers = new Map<string, JwtVerifier>();

  constructor(private readonly options: InvocationCheckOptions) {}

  /** Undefined to run the function; API Gateway's answer when the authorizer refuses; throws when nothing in the template delivers this. */
  async check(fn: WiredFunction, event: unknown): Promise<unknown> {
    const e = (event ?? {}) as Record<string, unknown>;
    if (e.version === '2.0' && typeof e.routeKey === 'string') return this.route(fn, e as unknown as ApiEvent);
    if (typeof e.source === 'string' && typeof e['detail-type'] === 'string') return this.rule(fn, e as JsonObject, 'event');
    if (e.source === 'local-daily-sweep' || e.source === 'local-timer') return this.rule(fn, e as JsonObject, 'schedule');
    if (Array.isArray(e.Records) && (e.Records as Array<{ eventSource?: string }>).every((r) => r.eventSource === 'aws:dynamodb')) return this.stream(fn);
    if (e.source === 'local-drain') return this.drainOnDemand(fn);
    if (fn.id === 'deadline-check') return this.schedule(fn);
    throw new InvocationError(`the local cloud invoked ${fn.id} with ${JSON.stringify(event).slice(0, 200)}, and nothing in the template would deliver that`);
  }

  summary(): { invocations: number; denied: CheckedInvocation[] } {
    return { invocations: this.checked.length, denied: this.checked.filter((c) => !c.allowed) };
  }

  private async route(fn: WiredFunction, event: ApiEvent): Promise<unknown> {
    const route = this.options.wiring.routes.find((r) => r.routeKey === event.routeKey);
    if (!route) throw new InvocationError(`the local gateway served ${event.routeKey}, which the template's API does not have`);
    if (route.functionId !== fn.id) throw new InvocationError(`the local gateway sent ${event.routeKey} to ${fn.id}; the template's API sends it to ${route.functionId}`);
    const { wiring } = this.options;
    const apiId = wiring.apiBaseUrl ? new URL(wiring.apiBaseUrl).hostname.split('.')[0] : 'api';
    const [method, path] = splitRouteKey(route.routeKey);
    const sourceArn = `arn:${PARTITION}:execute-api:${wiring.region}:${wiring.account}:${apiId}/$default/${method}${path}`;
    // Without the permission API Gateway cannot invoke the function: it answers 500.
    if (!(await this.permission(fn, `route ${route.routeKey}`, 'apigateway.amazonaws.com', sourceArn))) {
      return { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Internal Server Error' }) };
    }
    if (!route.authorizer) return undefined;
    return this.authorize(route, event);
  }

  /** API Gateway's JWT authorizer, with the template's issuer and audience mapped to the dev issuer. */
  private async authorize(route: WiredRoute, event: ApiEvent): Promise<unknown> {
    const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    const unauthorized = { statusCode: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }, body: JSON.stringify({ message: 'Unauthorized' }) };
    if (!header) return unauthorized;
    const token = header.replace(/^Bearer\s+/i, '');
    const authorizer = route.authorizer!;
    const { issuer, wiring } = { issuer: this.options.issuer, wiring: this.options.wiring };
    // The template's issuer is the user pool's; its audience the app client's: both are the dev issuer's here.
    if (authorizer.issuer !== wiring.userPool?.issuer) return unauthorized;
    let verifier = this.verifiers.get(authorizer.logicalId);
    if (!verifier) {
      verifier = createJwtVerifier({ issuer: issuer.url, audience: issuer.audience, clock: { now: issuer.now } });
      this.verifiers.set(authorizer.logicalId, verifier);
    }
    try {
      const claims = await verifier.verify(token);
      if (
        route.scopes.length &&
        !route.scopes.some((scope) =>
          String(claims.scope ?? '')
            .split(' ')
            .includes(scope),
        )
      ) {
        return { statusCode: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Forbidden' }) };
      }
      return undefined;
    } catch {
      return unauthorized;
    }
  }

  private async rule(fn: WiredFunction, event: JsonObject, kind: 'event' | 'schedule'): Promise<unknown> {
    const { wiring } = this.options;
    const rules = wiring.rules.filter((r) => r.targets.includes(fn.id) && (kind === 'schedule' ? Boolean(r.schedule) : r.pattern && matches(r.pattern, event)));
    if (!rules.length) {
      throw new InvocationError(
        kind === 'schedule'
          ? `the local cloud ran ${fn.id} on a timer (${String(event.source)}), but no schedule rule of the template targets it`
          : `the local cloud sent ${fn.id} a ${String(event.source)} "${String(event['detail-type'])}" event that no rule of the template sends it (patterns: ${
              wiring.rules
                .filter((r) => r.targets.includes(fn.id))
                .map((r) => JSON.stringify(r.pattern ?? r.schedule))
                .join('; ') || 'none'
            })`,
      );
    }
    if (!(await this.permission(fn, `rule ${rules[0]!.logicalId}`, 'events.amazonaws.com', rules[0]!.arn))) {
      throw new InvocationError(`rule ${rules[0]!.logicalId} may not invoke ${fn.id}: the function's permissions do not let events.amazonaws.com invoke it from ${rules[0]!.arn}`);
    }
    return undefined;
  }

  /** drainOutboxes(): stands in for the stream or the timer, whichever would come first; both must exist. */
  private async drainOnDemand(fn: WiredFunction): Promise<unknown> {
    const timer = this.options.wiring.rules.find((r: WiredRule) => r.targets.includes(fn.id) && r.schedule);
    if (!timer) throw new InvocationError(`the local cloud drained ${fn.id} on demand, but the template has no timer rule for it`);
    if (!(await this.permission(fn, `rule ${timer.logicalId}`, 'events.amazonaws.com', timer.arn))) {
      throw new InvocationError(`rule ${timer.logicalId} may not invoke ${fn.id}: the function's permissions do not let events.amazonaws.com invoke it from ${timer.arn}`);
    }
    return undefined;
  }

  private streamChecked = false;

  /** Lambda's poller reads the stream with the function's role: DescribeStream, GetShardIterator, GetRecords, ListStreams, the table key. */
  private async stream(fn: WiredFunction): Promise<unknown> {
    const { wiring } = this.options;
    const mapping = wiring.eventSourceMappings.find((m) => m.functionId === fn.id);
    if (!mapping) throw new InvocationError(`the local cloud passed ${fn.id} a stream batch, but the template maps no stream to it`);
    if (this.streamChecked) return undefined;
    this.streamChecked = true;
    const table = wiring.tables.find((t) => t.streamArn === mapping.eventSourceArn);
    const base = { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': wiring.account, 'aws:RequestedRegion': wiring.region };
    const requests: IamRequest[] = [
      ...['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords'].map((action) => ({ action, resource: mapping.eventSourceArn, context: base })),
      { action: 'dynamodb:ListStreams', resource: '*', context: base },
      ...(table?.kmsKeyArn
        ? [
            {
              action: 'kms:Decrypt',
              resource: table.kmsKeyArn,
              context: { ...base, 'kms:CallerAccount': wiring.account },
              implied: "the stream is encrypted with the table's customer-managed key",
              ...(wiring.keyPolicies.get(table.kmsKeyArn) ? { resourcePolicy: { source: "the table key's policy", document: wiring.keyPolicies.get(table.kmsKeyArn)! } } : {}),
            },
          ]
        : []),
    ];
    const principal = `arn:${PARTITION}:sts::${wiring.account}:assumed-role/${fn.role.name}/${fn.name}`;
    const results = [];
    for (const request of requests) results.push(await simulate(request, principal, fn.role, wiring));
    this.record(fn, `event source mapping ${mapping.logicalId} (reads the stream as ${fn.role.logicalId})`, results);
    return undefined;
  }

  private async schedule(fn: WiredFunction): Promise<unknown> {
    // The schedule's target role was checked when the schedule was made (checkScheduleDelivery).
    const { wiring } = this.options;
    const senders = [...wiring.roles.values()].filter((role) => JSON.stringify(role.trustPolicy).includes('scheduler.amazonaws.com'));
    if (!senders.length) throw new InvocationError(`the Scheduler emulator fired ${fn.id}, but no role of the template may be assumed by EventBridge Scheduler`);
    return undefined;
  }

  /** What a schedule needs to fire later: Scheduler may assume its role, which may invoke the target and reach the dead-letter queue. */
  async checkScheduleDelivery(input: Record<string, unknown>): Promise<CheckedInvocation> {
    const { wiring } = this.options;
    const target = (input.Target ?? {}) as { Arn?: string; RoleArn?: string; DeadLetterConfig?: { Arn?: string } };
    const group = String(input.GroupName ?? 'default');
    const groupArn = `arn:${PARTITION}:scheduler:${wiring.region}:${wiring.account}:schedule-group/${group}`;
    const role = wiring.roles.get(String(target.RoleArn ?? ''));
    const results: CheckedRequest[] = [];
    if (!role) {
      results.push({
        action: 'sts:AssumeRole',
        resource: String(target.RoleArn),
        context: {},
        allowed: false,
        explanation: `the schedule's role ${String(target.RoleArn)} is not a role of the stack`,
      });
    } else {
      results.push(
        await simulateService(
          'scheduler.amazonaws.com',
          { action: 'sts:AssumeRole', resource: role.arn, context: { 'aws:SourceAccount': wiring.account, 'aws:SourceArn': groupArn } },
          role.trustPolicy,
          `trust policy of ${role.logicalId}`,
          wiring,
        ),
      );
      const principal = `arn:${PARTITION}:sts::${wiring.account}:assumed-role/${role.name}/scheduler`;
      const base = { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': wiring.account };
      results.push(await simulate({ action: 'lambda:InvokeFunction', resource: String(target.Arn), context: base }, principal, role, wiring));
      const dlq = target.DeadLetterConfig?.Arn;
      if (dlq) {
        const policy = wiring.queuePolicies.get(dlq);
        results.push(
          await simulate({ action: 'sqs:SendMessage', resource: dlq, context: base, ...(policy ? { resourcePolicy: { source: 'the queue policy', document: policy } } : {}) }, principal, role, wiring),
        );
      }
    }
    const fnId = [...wiring.functions.values()].find((f) => f.arn === target.Arn)?.id ?? String(target.Arn);
    return this.record({ id: fnId } as WiredFunction, `schedule ${String(input.Name)} (as ${role?.logicalId ?? target.RoleArn})`, results);
  }

  /** The function's resource policy (its AWS::Lambda::Permission resources) lets `service` invoke it from `sourceArn`. */
  private async permission(fn: WiredFunction, via: string, service: string, sourceArn: string): Promise<boolean> {
    const { wiring } = this.options;
    const statements = wiring.lambdaPermissions
      .filter((p) => p.functionArn === fn.arn)
      .map((p) => ({
        Effect: 'Allow',
        Principal: p.principal.endsWith('.amazonaws.com') ? { Service: p.principal } : { AWS: p.principal },
        Action: p.action,
        Resource: fn.arn,
        ...(p.sourceArn || p.sourceAccount
          ? { Condition: { ...(p.sourceArn ? { ArnLike: { 'AWS:SourceArn': p.sourceArn } } : {}), ...(p.sourceAccount ? { StringEquals: { 'AWS:SourceAccount': p.sourceAccount } } : {}) } }
          : {}),
      }));
    const policy = { Version: '2012-10-17', Statement: statements };
    const result = await simulateService(
      service,
      { action: 'lambda:InvokeFunction', resource: fn.arn, context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': wiring.account } },
      policy as unknown as JsonObject,
      `the function's permissions (AWS::Lambda::Permission of ${fn.logicalId})`,
      wiring,
    );
    return this.record(fn, via, [result]).allowed;
  }

  private record(fn: Pick<WiredFunction, 'id'>, via: string, requests: CheckedRequest[]): CheckedInvocation {
    const checked = { functionId: fn.id, via, requests, allowed: requests.every((r) => r.allowed) };
    this.checked.push(checked);
    return checked;
  }
}

async function simulateService(service: string, request: IamRequest, resourcePolicy: JsonObject, source: string, wiring: RehearsalWiring): Promise<CheckedRequest> {
  const response = await runSimulation(
    {
      request: { principal: service, action: request.action, resource: { resource: request.resource, accountId: wiring.account }, contextVariables: request.context },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    {},
  );
  if (response.resultType === 'error') return { ...request, allowed: false, explanation: `the simulation could not run: ${response.errors.message}` };
  if (response.overallResult === 'Allowed') return { ...request, allowed: true };
  return { ...request, allowed: false, explanation: `${source} does not let ${service} ${request.action} ${request.resource} with ${JSON.stringify(request.context)}` };
}

function splitRouteKey(key: string): [string, string] {
  const at = key.indexOf(' ');
  return [key.slice(0, at), key.slice(at + 1)];
}

/** EventBridge pattern matching: the subset the stack's rules use (value lists, prefix, nested fields). */
export function matches(pattern: JsonObject, event: JsonObject): boolean {
  for (const [field, expected] of Object.entries(pattern)) {
    const actual = event[field];
    if (Array.isArray(expected)) {
      const values = Array.isArray(actual) ? actual : [actual];
      const ok = expected.some((rule) => {
        if (rule !== null && typeof rule === 'object' && !Array.isArray(rule)) {
          if (typeof rule.prefix === 'string') return values.some((v) => typeof v === 'string' && v.startsWith(rule.prefix as string));
          if (rule.exists !== undefined) return (actual !== undefined) === rule.exists;
          return false;
        }
        return values.some((v) => v === rule);
      });
      if (!ok) return false;
    } else if (expected !== null && typeof expected === 'object') {
      if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
      if (!matches(expected as JsonObject, actual as JsonObject)) return false;
    } else {
      return false;
    }
  }
  return true;
}
