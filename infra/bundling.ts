/**
 * How every Lambda bundle is built: the one place for the esbuild options. CDK's NodejsFunction
 * gets them through `nodejsBundling()` (infra/constructs/tenant-functions.ts); the bench builds
 * the very same bundles through `esbuildOptions()` (bench/bundles.ts, bench/cold-start.ts), which
 * passes esbuild what NodejsFunction passes it (`--bundle --platform=node --outfile=...`, run
 * from the project root). Plain data, no aws-cdk-lib import: the bench loads it without CDK.
 */
import type { BuildOptions } from 'esbuild';

/**
 * ESM output gives bundled CommonJS code the require() it expects. Nothing bundled needs it
 * today; without it, a CommonJS dependency added later fails at cold start ("Dynamic require of
 * ... is not supported").
 */
export const ESM_REQUIRE_BANNER = "import{createRequire as __klachtenCreateRequire}from'node:module';const require=__klachtenCreateRequire(import.meta.url);";

export const LAMBDA_BUNDLING = {
  /** ESM: Lambda's Node runtime loads index.mjs as a module. */
  format: 'esm',
  /** The runtime the functions run on (lambda.Runtime.NODEJS_24_X). */
  target: 'node24',
  minify: true,
  sourceMap: false,
  /** ESM builds of dependencies first (tree-shakeable), CommonJS where there is none. */
  mainFields: ['module', 'main'],
  /** In the Lambda runtime already (the SDK, and the @smithy packages it is built on). */
  externalModules: ['@aws-sdk/*', '@smithy/*'],
  banner: ESM_REQUIRE_BANNER,
} as const;

/** The esbuild options NodejsFunction runs for `entry`, writing `outfile` (absolute paths). */
export function esbuildOptions(projectRoot: string, entry: string, outfile: string): BuildOptions {
  return {
    absWorkingDir: projectRoot,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.externalModules],
    banner: { js: LAMBDA_BUNDLING.banner },
    logLevel: 'warning',
    outfile,
  };
}
