/**
 * A rehearsal of one tenant's deployment (`npm run rehearse`): its stack synthesised, the local
 * cloud run from the synthesised template's wiring (wiring.ts) instead of its own defaults, a full
 * procedure driven through it (procedure.ts), and every AWS SDK call each function makes checked
 * against that function's synthesised role and the policies of what it reaches (iam-check.ts),
 * every invocation against the routes, rules and permissions that would deliver it
 * (invocations.ts). A denied call fails in the function as in AWS, and fails the rehearsal.
 *
 * Everything it starts (DynamoDB Local's Java, the stand-ins, the workers) is stopped before it
 * returns or throws, and its temporary folders removed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { GetObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import type { FunctionId } from '../../shared/http/routes.ts';
import { startLocalCloud, type CloudWiring, type LocalCloud } from '../cloud.ts';
import { LOCAL_CREDENTIALS } from '../dynamodb-local.ts';
import { localBucketFor } from '../s3-local.ts';
import { localSearchKey } from '../search-key.ts';
import { mappingFromTemplate } from '../stream-consumer.ts';
import { RehearsalRuntime } from './function-runtime.ts';
import { describeDenial, PolicyChecker, type CheckedCall } from './iam-check.ts';
import { InvocationChecks, type CheckedInvocation } from './invocations.ts';
import { driveProcedure, type ProcedureScope } from './procedure.ts';
import { startSecretsLocal, type SecretsLocal } from './secrets-local.ts';
import { synthesiseTenant, type SynthesisedTenant } from './synth.ts';
import type { CfnTemplate } from './template.ts';
import { attachmentsBucketOf, registerTableOf, rehearsalEnvironment, sessionArnOf, wiringFromTemplate, type RehearsalWiring } from './wiring.ts';

export interface RehearsalOptions {
  tenantId: string;
  /** Changes the synthesised template first (the tests take a grant away). */
  editTemplate?(template: CfnTemplate): void;
  /** A synthesis to reuse (its template is copied, not changed); default: synthesised here and removed after. */
  synthesised?: SynthesisedTenant;
  /** 'full' (default) or 'intake': only the complaint and its outbox. */
  scope?: ProcedureScope;
  /** Progress lines. */
  log?(line: string): void;
  /** Every line the functions log (default: kept, and the last ones shown when the rehearsal fails). */
  functionOutput?(functionId: string, line: string): void;
}

export interface RehearsalResult {
  tenantId: string;
  ok: boolean;
  /** SDK calls checked, and the IAM authorisations they needed (implied ones included). */
  calls: number;
  authorisations: number;
  denied: CheckedCall[];
  /** Each denied call in words: function, action, resource, role, the statement that is missing. */
  deniedDescriptions: string[];
  invocations: number;
  deniedInvocations: CheckedInvocation[];
  /** What went wrong besides denials (a step that failed, an invocation the template would not deliver). */
  failure?: string;
  steps: string[];
  /** SDK calls per function, by IAM action. */
  actionsByFunction: Map<string, Map<string, number>>;
  notRehearsed: string[];
  wiringSummary: string;
  timings: { synthMs: number; startMs: number; procedureMs: number; totalMs: number };
  /** The last lines each function logged (for a failure). */
  recentOutput: Map<string, string[]>;
}

/** What running rehearsals have started, to stop on a signal (stopRehearsals). */
const running = new Set<() => Promise<void>>();

/** Stops every rehearsal's local cloud and stand-ins now (a CLI's SIGINT/SIGTERM handler). */
export async function stopRehearsals(): Promise<void> {
  await Promise.all([...running].map((stop) => stop().catch(() => undefined)));
}

export async function rehearse(options: RehearsalOptions): Promise<RehearsalResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const synthesised = options.synthesised ?? (await synthesiseTenant(options.tenantId));
  const synthMs = Date.now() - started;
  const template = structuredClone(synthesised.template);
  options.editTemplate?.(template);

  const dataDir = mkdtempSync(join(tmpdir(), `klachten-rehearsal-${options.tenantId}-data-`));
  let cloud: LocalCloud | undefined;
  let secrets: SecretsLocal | undefined;
  let s3: S3Client | undefined;
  const recentOutput = new Map<string, string[]>();
  let stopped: Promise<void> | undefined;
  const stopAll = () => {
    stopped ??= (async () => {
      s3?.destroy();
      await cloud?.stop().catch((e: Error) => log(`stopping the local cloud: ${e.message}`));
      await secrets?.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };
  running.add(stopAll);
  try {
    const wiring = wiringFromTemplate(template, { tenantId: options.tenantId, stackName: synthesised.stackName });
    const wiringSummary = summariseWiring(wiring);
    log(wiringSummary);

    const checker = new PolicyChecker(wiring);
    const searchKeyArn = [...wiring.functions.values()].map((f) => f.environment.SEARCH_KEY_SECRET_ARN).find(Boolean);
    secrets = await startSecretsLocal(
      wiring.secrets.map((secret) => ({
        arn: secret.arn,
        name: secret.name,
        value: secret.arn === searchKeyArn ? localSearchKey(dataDir, options.tenantId) : `rehearsal-${secret.name}`.padEnd(64, 'x'),
      })),
    );
    const secretsEndpoint = secrets.endpoint;

    let invocationChecks: InvocationChecks | undefined;
    const invoked = new Map<string, number>();
    const table = registerTableOf(wiring);
    const bucket = attachmentsBucketOf(wiring);
    const mapping = wiring.eventSourceMappings.find((m) => m.functionId === 'outbox-drain');
    const cloudWiring: CloudWiring = {
      tableName: () => table.name,
      ensureTable: (_tenantId, endpoint) => createTable(endpoint, table.createInput, table.ttlAttribute),
      bucketName: (tenantId) => bucket?.name ?? localBucketFor(tenantId),
      ...(mapping ? { streamMapping: () => mappingFromTemplate(mapping.properties as Record<string, unknown>) } : {}),
      ...(wiring.sweepMinuteUtc !== undefined ? { sweepMinuteUtc: wiring.sweepMinuteUtc } : {}),
      runtime: (tenantId, localEnvironment) => {
        const checks = new InvocationChecks({
          wiring,
          issuer: { url: localEnvironment.JWT_ISSUER!, audience: localEnvironment.JWT_AUDIENCE!, now: () => cloud?.clock.now() ?? new Date() },
        });
        invocationChecks = checks;
        const standIns = {
          regulationFile: synthesised.regulationJsonPath,
          jwtIssuer: localEnvironment.JWT_ISSUER!,
          jwtAudience: localEnvironment.JWT_AUDIENCE!,
          apiBaseUrl: localEnvironment.STATUS_BASE_URL!.replace(/status$/, ''),
          runtime: {
            // Lambda's credentials and the stand-ins' endpoints: what AWS supplies without the template
            // saying so (DNS_SERVER: the resolver AWS gives every function, here the local DNS stand-in).
            ...pick(localEnvironment, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'DYNAMODB_ENDPOINT', 'SES_ENDPOINT', 'SCHEDULER_ENDPOINT', 'S3_ENDPOINT', 'DNS_SERVER']),
            AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsEndpoint,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        };
        return new RehearsalRuntime(tenantId, {
          wiring,
          environment: (fn) => rehearsalEnvironment(fn, wiring, standIns),
          beforeInvoke: (fn, event) => checks.check(fn, event),
          onInvoked: (fn) => invoked.set(fn.id, (invoked.get(fn.id) ?? 0) + 1),
          onOutput: (fn, line) => {
            const lines = recentOutput.get(fn.id) ?? [];
            lines.push(line);
            if (lines.length > 40) lines.shift();
            recentOutput.set(fn.id, lines);
            options.functionOutput?.(fn.id, line);
          },
          onCall: async (fn, call) => {
            const checked = await checker.check(fn.id, call);
            if (checked.allowed && call.service === 'Scheduler' && /^(Create|Update)Schedule/.test(call.command)) {
              const delivery = await checks.checkScheduleDelivery(call.input);
              if (!delivery.allowed)
                log(
                  `DENIED  the schedule ${String(call.input.Name)} could not fire: ${delivery.requests
                    .filter((r) => !r.allowed)
                    .map((r) => `${r.action} ${r.resource}: ${r.explanation}`)
                    .join('; ')}`,
                );
            }
            if (checked.allowed) return { allowed: true };
            for (const r of checked.requests.filter((x) => !x.allowed)) log(`  DENIED  ${fn.id}: ${r.action} on ${r.resource} (${call.service} ${call.command}; details at the end)`);
            const refused = checked.requests.find((r) => !r.allowed)!;
            const s3Call = call.service === 'S3';
            return {
              allowed: false,
              errorName: s3Call ? 'AccessDenied' : 'AccessDeniedException',
              status: s3Call ? 403 : 400,
              message: `User: ${sessionArnOf(fn, wiring)} is not authorized to perform: ${refused.action} on resource: ${refused.resource} because no identity-based policy allows the ${refused.action} action`,
            };
          },
        });
      },
    };

    const startedCloud = Date.now();
    log('starting the local cloud from the template ...');
    cloud = await startLocalCloud({ dataDir, tenants: [options.tenantId], wiring: cloudWiring, schedulerTickMs: 200 });
    const startMs = Date.now() - startedCloud;
    s3 = new S3Client({ region: wiring.region, credentials: LOCAL_CREDENTIALS, endpoint: cloud.urls.s3, forcePathStyle: true });
    const s3Client = s3;
    checker.lookups = {
      objectTags: async (bucketName, key) => {
        const tags = await s3Client.send(new GetObjectTaggingCommand({ Bucket: bucketName, Key: key }));
        return Object.fromEntries((tags.TagSet ?? []).map((t) => [t.Key!, t.Value!]));
      },
    };

    const procedureStarted = Date.now();
    let failure: string | undefined;
    let steps: string[] = [];
    log('the procedure:');
    try {
      steps = (await driveProcedure({ cloud, tenantId: options.tenantId, regulations: synthesised.regulations, scope: options.scope ?? 'full', log })).steps;
    } catch (error) {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    const procedureMs = Date.now() - procedureStarted;

    const calls = checker.summary();
    const invocations = invocationChecks?.summary() ?? { invocations: 0, denied: [] };
    const actionsByFunction = new Map<string, Map<string, number>>();
    for (const checked of checker.checked) {
      const actions = actionsByFunction.get(checked.functionId) ?? new Map<string, number>();
      for (const request of checked.requests) actions.set(request.action, (actions.get(request.action) ?? 0) + 1);
      actionsByFunction.set(checked.functionId, actions);
    }
    for (const id of invoked.keys()) if (!actionsByFunction.has(id)) actionsByFunction.set(id as FunctionId, new Map());
    return {
      tenantId: options.tenantId,
      ok: !failure && calls.denied.length === 0 && invocations.denied.length === 0 && calls.calls > 0,
      calls: calls.calls,
      authorisations: calls.requests,
      denied: calls.denied,
      deniedDescriptions: countSame(calls.denied.map((denied) => describeDenial(denied, wiring))),
      invocations: invocations.invocations,
      deniedInvocations: invocations.denied,
      ...(failure ? { failure } : {}),
      steps,
      actionsByFunction,
      notRehearsed: wiring.notRehearsed,
      wiringSummary,
      timings: { synthMs, startMs, procedureMs, totalMs: Date.now() - started },
      recentOutput,
    };
  } finally {
    await stopAll();
    running.delete(stopAll);
    if (!options.synthesised) synthesised.dispose();
  }
}

/** The result in words, ending with the line the issue asks for. */
export function formatResult(result: RehearsalResult): string {
  const lines: string[] = [];
  if (result.notRehearsed.length) lines.push('not rehearsed:', ...result.notRehearsed.map((n) => `  - ${n}`));
  lines.push('calls per function (IAM actions checked):');
  for (const [fn, actions] of [...result.actionsByFunction].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${fn.padEnd(18)} ${[...actions].map(([action, n]) => `${action} x${n}`).join(', ') || '(no AWS calls)'}`);
  }
  if (result.failure) {
    lines.push(`FAILED: ${result.failure}`);
    for (const [fn, output] of result.recentOutput) {
      const errors = output.filter((line) => /"level":"(error|warn)"|Error|error/.test(line)).slice(-5);
      if (errors.length) lines.push(`  last errors of ${fn}:`, ...errors.map((line) => `    ${line.slice(0, 400)}`));
    }
  }
  lines.push(...result.deniedDescriptions);
  for (const denied of result.deniedInvocations)
    lines.push(
      `DENIED  invocation of ${denied.functionId} via ${denied.via}: ${denied.requests
        .filter((r) => !r.allowed)
        .map((r) => `${r.action} ${r.resource}: ${r.explanation}`)
        .join('; ')}`,
    );
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  lines.push(`${result.invocations} invocations checked against the template's routes, authorizer, rules, schedules and function permissions, ${result.deniedInvocations.length} denied`);
  lines.push(`${result.authorisations} IAM authorisations simulated (implied ones included: KMS through DynamoDB and S3, iam:PassRole)`);
  lines.push(
    `timings: synth ${seconds(result.timings.synthMs)}, local cloud ${seconds(result.timings.startMs)}, procedure ${seconds(result.timings.procedureMs)}, total ${seconds(result.timings.totalMs)}`,
  );
  lines.push(`${result.calls} calls checked against the synthesised policies, ${result.denied.length} denied`);
  return lines.join('\n');
}

function summariseWiring(wiring: RehearsalWiring): string {
  const table = registerTableOf(wiring);
  const index = (table.createInput.GlobalSecondaryIndexes ?? []).length;
  const stream = (table.createInput.StreamSpecification as { StreamViewType?: string } | undefined)?.StreamViewType;
  const bucket = attachmentsBucketOf(wiring);
  const timeouts = [...new Set([...wiring.functions.values()].map((f) => f.timeoutSeconds))].sort((a, b) => a - b).join('/');
  return [
    `wiring from the template of ${wiring.stackName} (account ${wiring.account}, ${wiring.region}):`,
    `  ${wiring.functions.size} functions (memory ${[...new Set([...wiring.functions.values()].map((f) => f.memoryMb))].join('/')} MB, timeouts ${timeouts} s), each with its own role and environment`,
    `  ${wiring.routes.length} routes, ${wiring.routes.filter((r) => r.authorizer).length} behind the JWT authorizer (issuer and audience: the dev issuer's)`,
    `  ${wiring.rules.length} rules: ${wiring.rules.map((r) => `${r.schedule ?? 'events'} -> ${r.targets.join(', ')}`).join('; ')}`,
    `  table ${table.name}: ${index} indexes, stream ${stream ?? 'none'}${table.kmsKeyArn ? ', customer-managed key' : ''}; stream mapping ${wiring.eventSourceMappings.map((m) => `-> ${m.functionId} (batch ${m.batchSize ?? 100}, ${m.filterPatterns.length} filter)`).join(', ') || 'none'}`,
    `  bucket ${bucket?.name ?? 'none'}${bucket?.kmsKeyArn ? ' (SSE-KMS)' : ''}; schedule group ${wiring.scheduleGroups.map((g) => g.name).join(', ')}; secrets ${wiring.secrets.map((s) => s.name).join(', ') || 'none'}`,
  ].join('\n');
}

async function createTable(endpoint: string, input: CreateTableCommandInput, ttlAttribute: string | undefined): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: LOCAL_CREDENTIALS });
  try {
    await client.send(new CreateTableCommand(input));
    if (ttlAttribute) await client.send(new UpdateTimeToLiveCommand({ TableName: input.TableName, TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true } }));
  } finally {
    client.destroy();
  }
}

/** Each distinct text once, with how often it occurred. */
function countSame(texts: string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts].map(([text, n]) => (n > 1 ? text.replace(/\n/, ` (${n} times)\n`) : text));
}

function pick(source: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((name) => source[name] !== undefined).map((name) => [name, source[name]!]));
}
