/** The webhook's state as the console shows it (GET /admin/webhook), from the deliveries still waiting. */
import { expect, test } from 'vitest';
import { webhookState, type PendingWebhook } from '../../../../../shared/domain/complaint/webhook-entries.ts';

const waiting = (over: Partial<PendingWebhook>): PendingWebhook => ({
  reference: 'KL-2026-000001',
  entryId: 'webhook-000001',
  createdAt: '2026-05-01T10:00:00.000Z',
  attempts: 0,
  nextAttemptAt: '2026-05-01T10:00:00.000Z',
  ...over,
});

test('without a webhook: not configured, nothing waiting', () => {
  expect(webhookState(undefined, [])).toEqual({ configured: false, receiver: null, pending: 0, failing: 0, oldestPendingSince: null, nextAttemptAt: null, lastError: null, complete: true });
});

test('configured: the receiver by its origin only (never the path or query, which may hold a token)', () => {
  expect(webhookState('https://erp.focus.example:8443/klachten/hook?token=geheim', [])).toMatchObject({ configured: true, receiver: 'https://erp.focus.example:8443', pending: 0, failing: 0 });
});

test('deliveries waiting: how many, how many failed, the oldest, the next try and the last error', () => {
  const state = webhookState(
    'https://erp.example/hook',
    [
      waiting({ entryId: 'webhook-000002', createdAt: '2026-05-01T10:05:00.000Z', nextAttemptAt: '2026-05-01T10:05:00.000Z' }),
      waiting({ attempts: 3, nextAttemptAt: '2026-05-01T10:20:00.000Z', lastError: 'webhook KL-2026-000001/1: the receiver answered 503' }),
      waiting({
        reference: 'KL-2026-000002',
        attempts: 1,
        createdAt: '2026-05-01T10:10:00.000Z',
        nextAttemptAt: '2026-05-01T10:12:00.000Z',
        lastError: 'webhook KL-2026-000002/1: no answer within 10 s',
      }),
    ],
    false,
  );
  expect(state).toEqual({
    configured: true,
    receiver: 'https://erp.example',
    pending: 3,
    failing: 2,
    oldestPendingSince: '2026-05-01T10:00:00.000Z',
    nextAttemptAt: '2026-05-01T10:12:00.000Z',
    // The one that failed most often.
    lastError: 'webhook KL-2026-000001/1: the receiver answered 503',
    complete: false,
  });
});
