/**
 * Abuse limits on the public routes, per client address: a token bucket for posts (complaint
 * intake, form and status-page actions), one for status-link reads, and one for failed guesses
 * (unknown status-link tokens, invalid API keys). Answered with 429 and Retry-After.
 *
 * Kept in the function's memory, per warm instance, on purpose: a DynamoDB-backed counter would
 * turn every hostile request into a paid, throttleable write on the tenant's own table (the
 * abuse would then hurt the register itself), and add a round trip to every public request.
 * The secrets it protects do not need a global count: a status token or API key is 256 random
 * bits, so the limit only makes guessing noisier, not possible. The hard limit for everyone
 * together is the API stage's throttle (infra/constructs/api.ts); this one stops one address
 * from using it all up. A cold start forgets the buckets.
 *
 * Configured per stack with RATE_LIMITS (shared/adapters/config.ts), e.g.
 * `posts=10/30,reads=60/1,misses=10/60`: <burst>/<seconds per new token>. The local cloud sets
 * generous values (tests and the bench post from one address); unset means the defaults below.
 */
import { createHash, randomBytes } from 'node:crypto';
import { HttpError, headerValue, type HttpEvent } from './middleware.ts';
import { text } from '../texts/index.ts';
import { cameThroughEdge } from './edge-only.ts';

export interface RateLimitOptions {
  burst: number;
  refillSeconds: number;
  /** Buckets kept at most; the least recently used are dropped beyond it. */
  maxClients?: number;
}

export type LimitName = 'posts' | 'reads' | 'misses';
export type AbuseLimits = Record<LimitName, RateLimitOptions>;

/** Posts: 10 at once, then one every 30 s (120 an hour). Reads: 60, then one a second. Misses: 10, then one a minute. */
export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
  posts: { burst: 10, refillSeconds: 30 },
  reads: { burst: 60, refillSeconds: 1 },
  misses: { burst: 10, refillSeconds: 60 },
};

export const RATE_LIMITS_PATTERN = /^(?:(?:posts|reads|misses)=\d{1,9}\/\d{1,9}(?:\.\d{1,3})?)(?:,(?:posts|reads|misses)=\d{1,9}\/\d{1,9}(?:\.\d{1,3})?)*$/;

/** `posts=10/30,misses=5/60` -> the limits, the defaults for any not named. */
export function parseAbuseLimits(spec: string | undefined): AbuseLimits {
  const limits: AbuseLimits = { ...DEFAULT_ABUSE_LIMITS };
  if (!spec) return limits;
  if (!RATE_LIMITS_PATTERN.test(spec)) throw new Error(`RATE_LIMITS: must look like posts=10/30,reads=60/1,misses=10/60 (got ${JSON.stringify(spec.slice(0, 100))})`);
  for (const part of spec.split(',')) {
    const [name, value] = part.split('=') as [LimitName, string];
    const [burst, refill] = value.split('/');
    limits[name] = { burst: Math.max(1, Number(burst)), refillSeconds: Number(refill) };
  }
  return limits;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one token for `client`: 0 when allowed, else the seconds until the next token. */
  take(client: string): number {
    const wait = this.wait(client);
    if (wait > 0) return wait;
    const bucket = this.buckets.get(client)!;
    bucket.tokens -= 1;
    return 0;
  }

  /** The seconds until `client` has a token (0: it has one now), without taking it. */
  wait(client: string): number {
    const now = this.now();
    const { burst, refillSeconds } = this.options;
    const bucket = this.buckets.get(client) ?? { tokens: burst, at: now };
    const refilled = refillSeconds > 0 ? Math.min(burst, bucket.tokens + (now - bucket.at) / (refillSeconds * 1000)) : burst;
    // Re-insert: Maps keep insertion order, so the first key is the least recently used.
    this.buckets.delete(client);
    this.buckets.set(client, { tokens: refilled, at: now });
    if (this.buckets.size > (this.options.maxClients ?? 10_000)) this.buckets.delete(this.buckets.keys().next().value!);
    return refilled >= 1 ? 0 : Math.max(1, Math.ceil((1 - refilled) * refillSeconds - 1e-9));
  }
}

/** 429 with Retry-After; the message in the caller's language (Dutch unless English is asked for). */
export class TooManyRequestsError extends HttpError {
  constructor(
    readonly retryAfter: number,
    lang: 'nl' | 'en',
  ) {
    super(429, 'too_many_requests', text(lang, 'error.code.too_many_requests', { seconds: retryAfter }), { 'retry-after': String(retryAfter) }, { seconds: retryAfter });
  }
}

// Buckets are keyed by a salted hash, so the instance never holds a list of raw addresses.
const salt = randomBytes(16);

/** The client's address as a bucket key: a salted SHA-256, not the address itself. */
export function clientKey(event: HttpEvent): string {
  return createHash('sha256').update(salt).update(clientAddress(event)).digest('base64url').slice(0, 22);
}

/**
 * The client's address. Behind the edge (infra/constructs/edge.ts) the connection comes from
 * CloudFront, and the viewer's address is in CloudFront's `CloudFront-Viewer-Address` header
 * (`198.51.100.7:46532`, `2001:db8::7:46532`: the address and the port). That header is believed
 * only when the request also carries the edge's secret (`x-origin-verify`, equal to
 * EDGE_ORIGIN_SECRET): a request that reached the origin some other way could write any
 * address there. Otherwise, and without an edge, the address the connection came from.
 */
export function clientAddress(event: HttpEvent, edgeSecret: string | undefined = process.env.EDGE_ORIGIN_SECRET): string {
  const direct = event.requestContext?.http?.sourceIp ?? 'unknown';
  if (!edgeSecret) return direct;
  const viewer = headerValue(event, 'cloudfront-viewer-address');
  if (!viewer || !cameThroughEdge(event, edgeSecret)) return direct;
  const address = viewer.trim().replace(/:\d{1,5}$/, '');
  return address || direct;
}

export function langOfRequest(event: HttpEvent): 'nl' | 'en' {
  const asked = event.queryStringParameters?.lang;
  if (asked === 'en' || asked === 'nl') return asked;
  return /^\s*en\b/i.test(headerValue(event, 'accept-language') ?? '') ? 'en' : 'nl';
}

/** The three limits of one function instance. */
export class AbuseGuard {
  private readonly limiters: Record<LimitName, RateLimiter>;

  constructor(limits: AbuseLimits, now?: () => number) {
    this.limiters = {
      posts: new RateLimiter(limits.posts, now),
      reads: new RateLimiter(limits.reads, now),
      misses: new RateLimiter(limits.misses, now),
    };
  }

  /** Counts one request against `limit`; throws 429 when the client has none left. */
  take(limit: 'posts' | 'reads', event: HttpEvent): void {
    const wait = this.limiters[limit].take(clientKey(event));
    if (wait > 0) throw new TooManyRequestsError(wait, langOfRequest(event));
  }

  /** Before looking a secret up: 429 when the client has used up its failed guesses. */
  checkGuesses(event: HttpEvent): void {
    const wait = this.limiters.misses.wait(clientKey(event));
    if (wait > 0) throw new TooManyRequestsError(wait, langOfRequest(event));
  }

  /** A failed guess (unknown token, invalid API key). */
  recordMiss(event: HttpEvent): void {
    this.limiters.misses.take(clientKey(event));
  }

  /** Looks a presented secret up: 429 first when the guesses are used up; nothing found counts as a miss. */
  async lookUp<T>(event: HttpEvent, find: () => Promise<T | undefined>): Promise<T | undefined> {
    this.checkGuesses(event);
    const found = await find();
    if (found === undefined) this.recordMiss(event);
    return found;
  }
}
