/**
 * A token bucket per client address, in the function's memory: each address may post `burst`
 * times at once, then one more every `refillSeconds`. It is a soft limit per warm Lambda
 * instance (each instance keeps its own buckets, and a cold start forgets them); the API
 * stage's throttle (infra/constructs/api.ts) is the hard limit for everyone together.
 */
export interface RateLimitOptions {
  burst: number;
  refillSeconds: number;
  /** Buckets kept at most; the oldest are dropped beyond it. */
  maxClients?: number;
}

/** The form and status-page posts: 10 at once per address, then one every 30 s (120 an hour). */
export const FORM_RATE_LIMIT: RateLimitOptions = { burst: 10, refillSeconds: 30, maxClients: 10_000 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: RateLimitOptions, private readonly now: () => number = () => Date.now()) {}

  /** Takes one token for `client`: 0 when allowed, else the seconds until the next token. */
  take(client: string): number {
    const now = this.now();
    const { burst, refillSeconds } = this.options;
    const bucket = this.buckets.get(client) ?? { tokens: burst, at: now };
    const refilled = Math.min(burst, bucket.tokens + (now - bucket.at) / (refillSeconds * 1000));
    this.buckets.delete(client);
    if (refilled < 1) {
      this.buckets.set(client, { tokens: refilled, at: now });
      return Math.ceil((1 - refilled) * refillSeconds);
    }
    this.buckets.set(client, { tokens: refilled - 1, at: now });
    // Maps keep insertion order: the first key is the least recently used.
    if (this.buckets.size > (this.options.maxClients ?? 10_000)) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }
}
