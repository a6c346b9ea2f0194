/**
 * Function configuration from the environment, validated once at cold start: a missing or
 * malformed variable stops the function with a message naming it, before any request.
 */
import * as z from '../domain/zod.ts';

const optionalUrl = z.optional(z.url());
const required = z.string().check(z.minLength(1));
const arn = z.string().check(z.startsWith('arn:'));

export const runtimeConfigSchema = z.object({
  TENANT_ID: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a tenant id (lowercase, digits, dashes)')),
  /** The tenant's regulation as validated JSON (written at synth, or by the local cloud). */
  REGULATION_FILE: required,
  TABLE_NAME: required,
  AWS_REGION: z._default(required, 'eu-west-1'),
  SCHEDULE_GROUP: required,
  SCHEDULER_ROLE_ARN: arn,
  DEADLINE_FUNCTION_ARN: arn,
  SCHEDULE_DLQ_ARN: z.optional(arn),
  SES_CONFIGURATION_SET: z.optional(required),
  /** Where the complainant's private status link points (the token is appended). */
  STATUS_BASE_URL: optionalUrl,
  /**
   * Staff authentication (admin routes): the token issuer (the tenant's Cognito user pool, or the
   * local dev issuer), the admin console's app client id, and where the signing keys are
   * (default `<issuer>/.well-known/jwks.json`). Optional here so public functions start without
   * them; requireStaff() (shared/http/auth-middleware.ts) refuses every request when they are missing.
   */
  JWT_ISSUER: optionalUrl,
  JWT_AUDIENCE: z.optional(required),
  JWKS_URL: optionalUrl,
  /**
   * Signed outgoing webhooks (shared/adapters/webhook-publisher.ts): where every complaint event
   * is POSTed (every function: the register queues a webhook entry with each event), and the HMAC
   * secret it is signed with, which only the outbox drain gets: the value itself (WEBHOOK_SECRET,
   * the local cloud) or the Secrets Manager secret that holds it (WEBHOOK_SECRET_ARN, AWS). A
   * secret needs the URL; the drain refuses to start with the URL and no secret (delivery-context.ts).
   * https only; plain http only to 127.0.0.1 (a receiver on the same machine, locally).
   */
  WEBHOOK_URL: z.optional(
    z
      .url({ protocol: /^https?$/, error: 'must be a URL' })
      .check(z.refine((url) => url.startsWith('https://') || /^http:\/\/127\.0\.0\.1(:\d+)?(\/|$)/.test(url), 'must be an https:// URL (or http://127.0.0.1 locally)')),
  ),
  WEBHOOK_SECRET: z.optional(z.string().check(z.minLength(32, 'must be at least 32 characters'))),
  WEBHOOK_SECRET_ARN: z.optional(arn),
  /**
   * Abuse limits per client address on the public routes (shared/http/abuse-limits.ts), e.g.
   * `posts=10/30,reads=60/1,misses=10/60` (<burst>/<seconds per new token>); unset: those defaults.
   */
  RATE_LIMITS: z.optional(
    z
      .string()
      .check(z.regex(/^(?:posts|reads|misses)=\d{1,9}\/\d{1,9}(?:\.\d{1,3})?(?:,(?:posts|reads|misses)=\d{1,9}\/\d{1,9}(?:\.\d{1,3})?)*$/, 'must look like posts=10/30,reads=60/1,misses=10/60')),
  ),
  /**
   * The hourly mail caps of complaint intake (shared/domain/complaint/intake-mail.ts), e.g.
   * `recipient=5,tenant=500`: complaints per recipient address and per tenant per hour; unset: those defaults.
   */
  MAIL_CAPS: z.optional(z.string().check(z.regex(/^(?:recipient|tenant)=\d{1,9}(?:,(?:recipient|tenant)=\d{1,9})?$/, 'must look like recipient=5,tenant=500'))),
  /**
   * The DNS server intake asks whether an address's domain receives mail (`host:port`); unset:
   * the system's resolver. The local cloud points it at its stand-in (local/dns-local.ts).
   */
  DNS_SERVER: z.optional(z.string().check(z.regex(/^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/, 'must be an IP address with an optional port, e.g. 127.0.0.1:8053'))),
  /**
   * The tenant's search key (docs/search.md), for the functions that write search tokens or
   * search: the key itself (the local cloud), or the Secrets Manager secret that holds it (AWS).
   */
  SEARCH_KEY: z.optional(z.string().check(z.minLength(32, 'must be at least 32 characters'))),
  SEARCH_KEY_SECRET_ARN: z.optional(arn),
  /**
   * The tenant's private attachments bucket (infra/constructs/attachments.ts): set by the grant
   * helpers on the functions that upload, check, download or erase files, and on the pages that
   * post to it (their Content-Security-Policy names its origin).
   */
  ATTACHMENTS_BUCKET: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'))),
  /** Local cloud only: endpoint overrides for the stand-ins. */
  DYNAMODB_ENDPOINT: optionalUrl,
  S3_ENDPOINT: optionalUrl,
  SES_ENDPOINT: optionalUrl,
  SCHEDULER_ENDPOINT: optionalUrl,
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const result = runtimeConfigSchema.safeParse(env);
  const problems = result.success ? crossCheck(result.data) : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (result.success && problems.length === 0) return result.data;
  throw new Error(`Invalid function configuration:\n  ${problems.join('\n  ')}`);
}

/** Rules across variables (kept out of the schema so it stays a plain, pickable object). */
function crossCheck(config: RuntimeConfig): string[] {
  if (config.WEBHOOK_SECRET && !config.WEBHOOK_URL) return ['WEBHOOK_URL: is required when WEBHOOK_SECRET is set'];
  if (config.WEBHOOK_SECRET_ARN && !config.WEBHOOK_URL) return ['WEBHOOK_URL: is required when WEBHOOK_SECRET_ARN is set'];
  if (config.WEBHOOK_SECRET && config.WEBHOOK_SECRET_ARN) return ['WEBHOOK_SECRET_ARN: set WEBHOOK_SECRET or WEBHOOK_SECRET_ARN, not both'];
  return [];
}

/** What staff authentication needs; both issuer and audience, or a message naming what is missing. */
export interface AuthConfig {
  tenantId: string;
  issuer: string;
  audience: string;
  jwksUrl?: string;
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const schema = z.pick(runtimeConfigSchema, { TENANT_ID: true, JWT_ISSUER: true, JWT_AUDIENCE: true, JWKS_URL: true });
  const result = schema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (result.success && !result.data.JWT_ISSUER) problems.push('JWT_ISSUER: is not set');
  if (result.success && !result.data.JWT_AUDIENCE) problems.push('JWT_AUDIENCE: is not set');
  if (!result.success || !result.data.JWT_ISSUER || !result.data.JWT_AUDIENCE || problems.length) {
    throw new Error(`Staff authentication is not configured, so admin routes refuse every request:\n  ${problems.join('\n  ')}`);
  }
  const { TENANT_ID, JWT_ISSUER, JWT_AUDIENCE, JWKS_URL } = result.data;
  return { tenantId: TENANT_ID, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, ...(JWKS_URL ? { jwksUrl: JWKS_URL } : {}) };
}
