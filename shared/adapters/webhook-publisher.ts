/**
 * WebhookPublisher over HTTPS: POSTs `{ tenant, event }` as JSON to the tenant's receiver,
 * signed so it can tell the message came from its register and was not altered:
 *
 *   x-klachten-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *   x-klachten-event-id:  <reference>/<seq>      (the same on every retry: dedupe on it)
 *
 * Anything but a 2xx within the timeout is a failure; the outbox retries it with backoff.
 * Redirects are not followed (a 3xx is a failure): the body goes only to the configured URL.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ComplaintEvent } from '../domain/complaint/events.ts';
import type { WebhookPublisher } from '../domain/ports.ts';

export const SIGNATURE_HEADER = 'x-klachten-signature';
export const EVENT_ID_HEADER = 'x-klachten-event-id';
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

export interface HttpWebhookPublisherOptions {
  url: string;
  /** The HMAC key, or how to get it when a webhook goes out (webhook-secret.ts: read from Secrets Manager, cached). */
  secret: string | (() => Promise<string>);
  tenantId: string;
  /** @default 10 s */
  timeoutMs?: number;
  /**
   * The time the signature carries. The receiver compares it with its own clock, so this is the
   * machine's real time, never the local cloud's time-travelling clock.
   * @default () => new Date()
   */
  now?: () => Date;
}

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver does (and docs/connecting-systems.md shows): recompute the HMAC over "<t>.<raw body>", compare
 * in constant time, and refuse a timestamp too far from now (a replayed message).
 */
export function verifyWebhookSignature(secret: string, header: string | undefined, body: string, options: { toleranceSeconds?: number; now?: Date } = {}): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex'));
}

export function webhookEventId(event: Pick<ComplaintEvent, 'reference' | 'seq'>): string {
  return `${event.reference}/${event.seq}`;
}

export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
}

export class HttpWebhookPublisher implements WebhookPublisher {
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: HttpWebhookPublisherOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  async publish(event: ComplaintEvent): Promise<string> {
    const body = JSON.stringify({ tenant: this.options.tenantId, event });
    let secret: string;
    try {
      secret = typeof this.options.secret === 'string' ? this.options.secret : await this.options.secret();
    } catch (error) {
      // Nothing was sent: the entry waits with backoff, and the secret is read again next time.
      throw new WebhookDeliveryError(`webhook ${webhookEventId(event)}: not sent, ${error instanceof Error ? error.message : String(error)}`);
    }
    const timestamp = Math.floor(this.now().getTime() / 1000);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'klachtenregister-webhook/1',
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [EVENT_ID_HEADER]: webhookEventId(event),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Read (and drop) the answer so the connection is free again; bounded by the same timeout.
      await response.arrayBuffer();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const reason = timedOut ? `no answer within ${this.timeoutMs / 1000} s` : error instanceof Error ? `${error.message}${causeOf(error)}` : String(error);
      throw new WebhookDeliveryError(`webhook ${webhookEventId(event)}: ${reason}`);
    }
    if (response.status < 200 || response.status > 299) {
      throw new WebhookDeliveryError(`webhook ${webhookEventId(event)}: the receiver answered ${response.status}`);
    }
    return `webhook ${response.status}`;
  }
}

/** fetch() says "fetch failed"; the cause (ECONNREFUSED, a TLS error) is what an operator needs. */
function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${(cause as { code?: string }).code ?? cause.message})` : '';
}
