/**
 * Function configuration from the environment, validated once at cold start: a missing or
 * malformed variable stops the function with a message naming it, before any request.
 */
import * as z from 'zod';

const optionalUrl = z.url().optional();

export const runtimeConfigSchema = z.object({
  TENANT_ID: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a tenant id (lowercase, digits, dashes)'),
  /** The tenant's regulation as validated JSON (written at synth, or by the local cloud). */
  REGULATION_FILE: z.string().min(1),
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-west-1'),
  SCHEDULE_GROUP: z.string().min(1),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  DEADLINE_FUNCTION_ARN: z.string().startsWith('arn:'),
  SCHEDULE_DLQ_ARN: z.string().startsWith('arn:').optional(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Local cloud only: endpoint overrides for the stand-ins. */
  DYNAMODB_ENDPOINT: optionalUrl,
  SES_ENDPOINT: optionalUrl,
  SCHEDULER_ENDPOINT: optionalUrl,
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const result = runtimeConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid function configuration:\n  ${problems.join('\n  ')}`);
}
