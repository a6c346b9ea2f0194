import { describe, expect, test } from 'vitest';
import { AbuseGuard, clientKey, DEFAULT_ABUSE_LIMITS, parseAbuseLimits, RateLimiter, TooManyRequestsError } from '../../../../shared/http/abuse-limits.ts';
import { errorResponse, type HttpEvent } from '../../../../shared/http/middleware.ts';

const eventFrom = (sourceIp: string, extra: Partial<HttpEvent> = {}) => ({ requestContext: { http: { sourceIp } }, headers: {}, ...extra }) as unknown as HttpEvent;

describe('RateLimiter (a token bucket per client)', () => {
  test('allows the burst, then one more per refill period, and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, refillSeconds: 30 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(30);
    expect(limiter.take('b')).toBe(0);
    now += 10_000;
    expect(limiter.take('a')).toBe(20);
    now += 20_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(30);
  });

  test('wait() looks without taking', () => {
    const limiter = new RateLimiter({ burst: 1, refillSeconds: 60 }, () => 0);
    expect(limiter.wait('a')).toBe(0);
    expect(limiter.wait('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.wait('a')).toBe(60);
  });

  test('keeps at most maxClients buckets, forgetting the least recently used', () => {
    const limiter = new RateLimiter({ burst: 1, refillSeconds: 3600, maxClients: 2 }, () => 0);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.take('b')).toBeGreaterThan(0);
    expect(limiter.take('a')).toBe(0);
  });
});

describe('parseAbuseLimits (RATE_LIMITS)', () => {
  test('reads the named limits and keeps the defaults for the others', () => {
    expect(parseAbuseLimits(undefined)).toEqual(DEFAULT_ABUSE_LIMITS);
    expect(parseAbuseLimits('posts=3/60,misses=5/0.5')).toEqual({ ...DEFAULT_ABUSE_LIMITS, posts: { burst: 3, refillSeconds: 60 }, misses: { burst: 5, refillSeconds: 0.5 } });
  });

  test.each(['posts=3', 'posts=a/1', 'everything=1/1', 'posts=1/1;reads=1/1', ' posts=1/1'])('refuses %j', (spec) => {
    expect(() => parseAbuseLimits(spec)).toThrow(/RATE_LIMITS/);
  });
});

describe('AbuseGuard', () => {
  test('429 with Retry-After, in Dutch unless English is asked for', () => {
    const guard = new AbuseGuard(parseAbuseLimits('posts=1/30'), () => 0);
    guard.take('posts', eventFrom('192.0.2.1'));
    let error: unknown;
    try {
      guard.take('posts', eventFrom('192.0.2.1'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TooManyRequestsError);
    const response = errorResponse(error);
    expect(response.statusCode).toBe(429);
    expect(response.headers).toMatchObject({ 'retry-after': '30' });
    expect(JSON.parse(String(response.body))).toEqual({ error: 'too_many_requests', params: { seconds: 30 }, message: 'te veel verzoeken vanaf uw adres; probeer het over 30 seconden opnieuw' });
    expect(() => guard.take('posts', eventFrom('192.0.2.1', { headers: { 'Accept-Language': 'en-GB,en;q=0.8' } }))).toThrow(/too many requests from your address; try again in 30 seconds/);
    expect(() => guard.take('posts', eventFrom('192.0.2.2'))).not.toThrow();
  });

  test('failed guesses: checkGuesses refuses once the misses are used up, before any lookup', () => {
    const guard = new AbuseGuard(parseAbuseLimits('misses=2/60'), () => 0);
    const event = eventFrom('198.51.100.7');
    guard.checkGuesses(event);
    guard.recordMiss(event);
    guard.checkGuesses(event);
    guard.recordMiss(event);
    expect(() => guard.checkGuesses(event)).toThrow(TooManyRequestsError);
    expect(() => guard.checkGuesses(eventFrom('198.51.100.8'))).not.toThrow();
  });

  test('buckets are keyed by a salted hash of the address, never the address', () => {
    const key = clientKey(eventFrom('203.0.113.9'));
    expect(key).not.toContain('203.0.113.9');
    expect(key).toBe(clientKey(eventFrom('203.0.113.9')));
    expect(key).not.toBe(clientKey(eventFrom('203.0.113.10')));
  });
});
