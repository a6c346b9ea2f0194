/**
 * The rehearsal's function runtime without a local cloud: each function in its own worker with
 * only the environment the template gives it, the template's timeout (Lambda's "Task timed out";
 * the environment thrown away after it), and every SDK call shown to the check before it is sent
 * (a denied one fails in the function with AccessDeniedException).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { RehearsalRuntime } from '../../local/rehearsal/function-runtime.ts';
import type { SdkCall } from '../../local/rehearsal/iam-check.ts';
import type { RehearsalWiring, WiredFunction } from '../../local/rehearsal/wiring.ts';

const fn = {
  id: 'api-docs',
  name: 'klachten-demo-api-docs',
  entry: 'tests/rehearsal/fixture-handler.ts',
  memoryMb: 256,
  timeoutSeconds: 1,
  environment: { ONLY_THIS: 'from the template' },
} as unknown as WiredFunction;
const wiring = { functions: new Map([['api-docs', fn]]) } as unknown as RehearsalWiring;

const calls: SdkCall[] = [];
const outcomes: Array<{ ok: boolean; cold: boolean }> = [];
const runtime = new RehearsalRuntime('demo', {
  wiring,
  environment: (f) => ({ ...f.environment, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }),
  onCall: async (_f, call) => {
    calls.push(call);
    return { allowed: false, errorName: 'AccessDeniedException', message: 'User: x is not authorized to perform: dynamodb:GetItem' };
  },
  onInvoked: (_f, outcome) => outcomes.push(outcome),
  onOutput: () => undefined,
});

afterAll(() => runtime.stop());

describe('a function as the template deploys it', () => {
  test('its own environment only, its name and its remaining time', async () => {
    const answer = (await runtime.invoke('api-docs', {})) as Record<string, unknown>;
    expect(answer).toMatchObject({ functionName: 'klachten-demo-api-docs', variable: 'from the template' });
    // Nothing of this process's environment leaks in (Lambda's is the function's own).
    expect(answer.path).toBeUndefined();
    expect(answer.remainingMs).toBeGreaterThan(500);
    expect(answer.remainingMs).toBeLessThanOrEqual(1000);
  }, 60_000);

  test("an SDK call is checked before it is sent; a denied one fails in the function as AWS's AccessDenied", async () => {
    const answer = (await runtime.invoke('api-docs', { call: true })) as Record<string, unknown>;
    expect(calls).toEqual([{ service: 'DynamoDB', command: 'GetItemCommand', input: { TableName: 'klachten-demo', Key: { pk: { S: 'x' }, sk: { S: 'y' } } } }]);
    expect(answer.sdk).toBe('AccessDeniedException: User: x is not authorized to perform: dynamodb:GetItem');
  }, 60_000);

  test("past its timeout it fails with Lambda's message, and the next invocation gets a fresh environment", async () => {
    await expect(runtime.invoke('api-docs', { sleepMs: 3000 })).rejects.toThrow('Task timed out after 1.00 seconds');
    const again = (await runtime.invoke('api-docs', {})) as Record<string, unknown>;
    expect(again.variable).toBe('from the template');
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true]);
  }, 60_000);

  test('a function the template does not have is refused', async () => {
    await expect(runtime.invoke('admin-api', {})).rejects.toThrow(/admin-api, which the template does not have/);
  });
});
