/**
 * TenantFunctions: one NodejsFunction per entry of the shared FUNCTIONS table, bundled locally with
 * esbuild (no Docker), each with its own log group and its own role, and each carrying the
 * tenant's validated regulation as /var/task/regulation.json and its procedure texts (rendered
 * here, once) as /var/task/regulation.procedure.json, the product's text catalogue
 * (shared/texts/nl.json, en.json) as /var/task/texts/, and the OpenAPI document (built here,
 * once) as /var/task/openapi.json: read at cold start or first use, never bundled.
 *
 * The role starts empty: no AWSLambdaBasicExecutionRole (an AWS managed policy whose log permissions cover
 * every log group in the account), only CreateLogStream/PutLogEvents on the function's own log group. Every
 * other permission comes from the constructs' grant helpers (FUNCTION_PERMISSIONS in tenant-stack.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RegulationVersions } from '../../shared/domain/regulation/versions.ts';
import { procedureJson, regulationsJson } from '../../shared/adapters/regulation-file.ts';
import { procedureFileFor } from '../../shared/adapters/procedure-file.ts';
import { FUNCTIONS, type FunctionDefinition, type FunctionId } from '../../shared/http/routes.ts';
import { CATALOGUE_DIR_IN_BUNDLE, TEXT_LANGUAGES } from '../../shared/texts/index.ts';
import { LAMBDA_BUNDLING } from '../bundling.ts';
import { buildOpenApiDocument, OPENAPI_FILE_IN_BUNDLE } from '../../shared/http/openapi.ts';

/** Where REGULATION_FILE points inside every function. */
export const REGULATION_PATH_IN_LAMBDA = '/var/task/regulation.json';

/** The repository root: entries, package-lock.json and tsconfig are resolved from it. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The text catalogue's files in the repository (shared/texts/index.ts reads them beside the bundle). */
export const TEXT_CATALOGUE_FILES = TEXT_LANGUAGES.map((lang) => join(PROJECT_ROOT, 'shared', 'texts', `${lang}.json`));

/** Lambda's limit on function names. */
const MAX_FUNCTION_NAME = 64;

/** Timeouts per function; a function not listed gets DEFAULT_TIMEOUT. */
const TIMEOUTS: Partial<Record<FunctionId, Duration>> = {
  // Behind the HTTP API, whose integrations time out at 30 s anyway.
  'submit-complaint': Duration.seconds(10),
  'deadline-check': Duration.seconds(30),
  // Up to 20 rounds of 25 deliveries (functions/outbox-drain.ts).
  'outbox-drain': Duration.seconds(90),
};
const DEFAULT_TIMEOUT = Duration.seconds(30);

export interface TenantFunctionsProps {
  /** The tenant id: TENANT_ID, and part of every function name (`klachten-<tenant>-<function id>`). */
  readonly tenantId: string;
  /** The validated regulation, every version; written as JSON into every bundle (REGULATION_FILE). */
  readonly regulations: RegulationVersions;
  /**
   * The functions to build.
   * @default FUNCTIONS from shared/http/routes.ts
   */
  readonly functions?: readonly FunctionDefinition[];
  /**
   * Memory of every function, in MB (CPU grows with it; 512 keeps SDK cold starts short).
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * How long the function logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Repository root that `entry` paths and package-lock.json are resolved against.
   * @default PROJECT_ROOT (the repository this file is in)
   */
  readonly projectRoot?: string;
}

export class TenantFunctions extends Construct {
  /** The regulation JSON written at synth and copied into every bundle. */
  readonly regulationJsonPath: string;
  /** Its procedure texts ({ nl, en }), written beside it and copied into every bundle beside regulation.json. */
  readonly procedureJsonPath: string;
  private readonly byId = new Map<FunctionId, NodejsFunction>();

  constructor(scope: Construct, id: string, props: TenantFunctionsProps) {
    super(scope, id);
    const definitions = props.functions ?? FUNCTIONS;
    const projectRoot = props.projectRoot ?? PROJECT_ROOT;
    if (definitions.length === 0) throw new Error('TenantFunctions: no functions to build');
    const seen = new Set<FunctionId>();
    for (const definition of definitions) {
      const name = functionNameFor(props.tenantId, definition.id);
      if (name.length > MAX_FUNCTION_NAME) {
        throw new Error(`TenantFunctions: function name "${name}" is longer than ${MAX_FUNCTION_NAME} characters; use a shorter tenant id`);
      }
      if (seen.has(definition.id)) throw new Error(`TenantFunctions: function "${definition.id}" is defined twice`);
      seen.add(definition.id);
    }

    // Written into the cloud assembly folder (cdk.out): deterministic, and removed with it. The
    // bundle's asset hash covers the copy, so a changed regulation deploys new code.
    const outdir = Stage.of(this)?.outdir;
    if (!outdir) throw new Error('TenantFunctions: must be inside an App (the regulation JSON is written to its output folder)');
    mkdirSync(outdir, { recursive: true });
    this.regulationJsonPath = join(outdir, `regulation.${props.tenantId}.json`);
    writeFileSync(this.regulationJsonPath, regulationsJson(props.regulations));
    // The procedure as the hosted form shows it, rendered now rather than in the function (its
    // renderer would not fit the bundle budget); read beside REGULATION_FILE (procedure-file.ts).
    this.procedureJsonPath = procedureFileFor(this.regulationJsonPath);
    writeFileSync(this.procedureJsonPath, procedureJson(props.regulations));
    // The OpenAPI document, built here once rather than from every schema at a cold start (openapi.ts).
    const openApiPath = join(outdir, OPENAPI_FILE_IN_BUNDLE);
    writeFileSync(openApiPath, JSON.stringify(buildOpenApiDocument()));

    for (const definition of definitions) {
      const logGroup = new logs.LogGroup(this, `${definition.id}-logs`, {
        retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
        // Logs age out by retention; they are kept if the stack is removed, like the register.
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const role = new iam.Role(this, `${definition.id}-role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Runs ${functionNameFor(props.tenantId, definition.id)}: its own log group, and what its grants add`,
      });
      // The function's own log group only (its ARN ends in :*, which covers the group's streams).
      logGroup.grantWrite(role);
      const fn = new NodejsFunction(this, definition.id, {
        functionName: functionNameFor(props.tenantId, definition.id),
        description: `${definition.description} (tenant ${props.tenantId})`,
        entry: join(projectRoot, definition.entry),
        handler: 'handler',
        projectRoot,
        depsLockFilePath: join(projectRoot, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: props.memorySize ?? 512,
        timeout: TIMEOUTS[definition.id] ?? DEFAULT_TIMEOUT,
        role,
        logGroup,
        loggingFormat: lambda.LoggingFormat.JSON,
        applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
        systemLogLevelV2: lambda.SystemLogLevel.WARN,
        environment: {
          TENANT_ID: props.tenantId,
          REGULATION_FILE: REGULATION_PATH_IN_LAMBDA,
        },
        bundling: {
          // The options live in infra/bundling.ts, which the bench builds with too.
          format: OutputFormat.ESM,
          target: LAMBDA_BUNDLING.target,
          minify: LAMBDA_BUNDLING.minify,
          sourceMap: LAMBDA_BUNDLING.sourceMap,
          mainFields: [...LAMBDA_BUNDLING.mainFields],
          externalModules: [...LAMBDA_BUNDLING.externalModules],
          logLevel: LogLevel.WARNING,
          banner: LAMBDA_BUNDLING.banner,
          forceDockerBundling: false,
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (_inputDir: string, outputDir: string) => [
              `cp ${shellQuote(this.regulationJsonPath)} ${shellQuote(join(outputDir, 'regulation.json'))}`,
              `cp ${shellQuote(this.procedureJsonPath)} ${shellQuote(procedureFileFor(join(outputDir, 'regulation.json')))}`,
              `cp ${shellQuote(openApiPath)} ${shellQuote(join(outputDir, OPENAPI_FILE_IN_BUNDLE))}`,
              // The texts: data beside the code, not in it (every bundle has a size budget).
              `mkdir -p ${shellQuote(join(outputDir, CATALOGUE_DIR_IN_BUNDLE))}`,
              `cp ${TEXT_CATALOGUE_FILES.map(shellQuote).join(' ')} ${shellQuote(join(outputDir, CATALOGUE_DIR_IN_BUNDLE))}/`,
            ],
          },
        },
      });
      this.byId.set(definition.id, fn);
    }
  }

  /** The function built for `id`; throws if the FUNCTIONS table has no such entry. */
  get(id: FunctionId): NodejsFunction {
    const fn = this.byId.get(id);
    if (!fn) throw new Error(`TenantFunctions: no function "${id}" (built: ${[...this.byId.keys()].join(', ')})`);
    return fn;
  }

  /** Every function, in FUNCTIONS order. */
  all(): Array<{ id: FunctionId; fn: NodejsFunction }> {
    return [...this.byId].map(([id, fn]) => ({ id, fn }));
  }
}

/** `klachten-<tenant>-<function id>`: fixed, so a function's ARN is known without referencing it. */
export function functionNameFor(tenantId: string, functionId: FunctionId): string {
  return `klachten-${tenantId}-${functionId}`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
