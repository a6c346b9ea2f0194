/** The webhook signature: a known vector (computed independently with openssl) and verification. */
import { describe, expect, test } from 'vitest';
import { signWebhook, verifyWebhookSignature, webhookEventId } from '../../../../shared/adapters/webhook-publisher.ts';

const SECRET = 'whsec-test-0123456789abcdefghijklmnop';
const BODY = '{"tenant":"demo","event":{"reference":"KL-2026-000001","seq":1}}';
// printf '%s' '1700000000.<BODY>' | openssl dgst -sha256 -hmac "$SECRET"
const KNOWN = 't=1700000000,v1=848800c27fb7484b0ab18533f197b3a26fca3d9c4bc720e6251e3797250408d8';

describe('signWebhook', () => {
  test('t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">: the known vector', () => {
    expect(signWebhook(SECRET, 1_700_000_000, BODY)).toBe(KNOWN);
  });

  test('any change to body, time or secret changes the signature', () => {
    expect(signWebhook(SECRET, 1_700_000_000, `${BODY} `)).not.toBe(KNOWN);
    expect(signWebhook(SECRET, 1_700_000_001, BODY)).not.toBe(KNOWN);
    expect(signWebhook(`${SECRET}x`, 1_700_000_000, BODY)).not.toBe(KNOWN);
  });

  test('the event id is <reference>/<seq>', () => {
    expect(webhookEventId({ reference: 'KL-2026-000001', seq: 7 })).toBe('KL-2026-000001/7');
  });
});

describe('verifyWebhookSignature (what a receiver does)', () => {
  const at = new Date(1_700_000_000 * 1000 + 30_000);

  test('accepts the known vector within the tolerance', () => {
    expect(verifyWebhookSignature(SECRET, KNOWN, BODY, { now: at })).toBe(true);
  });

  test('refuses a changed body, another secret, a stale timestamp, and malformed headers', () => {
    expect(verifyWebhookSignature(SECRET, KNOWN, BODY.replace('000001', '000002'), { now: at })).toBe(false);
    expect(verifyWebhookSignature('another-secret-0123456789abcdefghij', KNOWN, BODY, { now: at })).toBe(false);
    expect(verifyWebhookSignature(SECRET, KNOWN, BODY, { now: new Date(1_700_000_000 * 1000 + 301_000) })).toBe(false);
    expect(verifyWebhookSignature(SECRET, undefined, BODY, { now: at })).toBe(false);
    expect(verifyWebhookSignature(SECRET, 'v1=abc', BODY, { now: at })).toBe(false);
    expect(verifyWebhookSignature(SECRET, KNOWN.replace('v1=8', 'v1=9'), BODY, { now: at })).toBe(false);
  });
});
