/**
 * The functions' log lines and metric lines: every log line of an invocation carries its request
 * id and the tenant (also when invocations overlap, as in the local cloud); the metrics an
 * invocation recorded are written once when it ends, in CloudWatch's embedded metric format.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { log, requestLog, setLogSink } from '../../../../shared/observability/log.ts';
import { EmfMetrics, emfLine, METRICS_NAMESPACE } from '../../../../shared/adapters/metrics.ts';
import { errorResponse } from '../../../../shared/http/middleware.ts';

const lines: Array<{ level: string; line: string }> = [];
let restore: ReturnType<typeof setLogSink>;
beforeEach(() => {
  lines.length = 0;
  restore = setLogSink((level, line) => lines.push({ level, line }));
  vi.stubEnv('TENANT_ID', 'demo');
});
afterEach(() => {
  setLogSink(restore);
  vi.unstubAllEnvs();
});

const lambdaContext = (awsRequestId: string) => ({ awsRequestId }) as Context;
const parsed = () => lines.map((l) => JSON.parse(l.line) as Record<string, unknown>);
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('log lines', () => {
  // First: an invocation's context stays with the code that started it (the runtime, here the test runner).
  test('outside an invocation a line names the tenant, and no request', () => {
    log.warn('cold start');
    expect(parsed()[0]).toEqual({ level: 'warn', message: 'cold start', tenant: 'demo' });
  });

  test('a line logged in an invocation: level, message, request id, tenant and its fields, one JSON line', async () => {
    const handler = middy<unknown, string>()
      .use(requestLog())
      .handler(async () => {
        await tick();
        log.info('outbox drained', { delivered: 2, failed: 0 });
        return 'ok';
      });
    await handler({ source: 'aws.events' }, lambdaContext('req-1'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('info');
    expect(lines[0]!.line).not.toContain('\n');
    expect(JSON.parse(lines[0]!.line)).toEqual({ level: 'info', message: 'outbox drained', requestId: 'req-1', tenant: 'demo', delivered: 2, failed: 0 });
  });

  test("behind the API a line also has the API's request id (the access log's requestId)", async () => {
    const handler = middy<{ requestContext: { requestId: string } }, void>()
      .use(requestLog())
      .handler(async () => {
        log.warn('token refused', { reason: 'expired' });
      });
    await handler({ requestContext: { requestId: 'api-7' } }, lambdaContext('req-7'));
    expect(parsed()).toEqual([{ level: 'warn', message: 'token refused', requestId: 'req-7', apiRequestId: 'api-7', tenant: 'demo', reason: 'expired' }]);
  });

  test('overlapping invocations each log their own request id', async () => {
    const handler = middy<{ n: number }, void>()
      .use(requestLog())
      .handler(async ({ n }) => {
        log.info('start', { n });
        await tick();
        await tick();
        log.warn('end', { n });
      });
    await Promise.all([handler({ n: 1 }, lambdaContext('req-a')), handler({ n: 2 }, lambdaContext('req-b')), handler({ n: 3 }, lambdaContext('req-c'))]);
    const byN = new Map<unknown, Set<unknown>>();
    for (const line of parsed()) byN.set(line.n, new Set([...(byN.get(line.n) ?? []), line.requestId]));
    expect(Object.fromEntries([...byN].map(([n, ids]) => [String(n), [...ids]]))).toEqual({ 1: ['req-a'], 2: ['req-b'], 3: ['req-c'] });
  });

  test('the error mapping logs with the request id of the invocation that failed', async () => {
    const handler = middy<unknown, unknown>()
      .use(requestLog())
      .onError(async (request) => {
        request.response = errorResponse(request.error);
      })
      .handler(async () => {
        await tick();
        throw new TypeError('boom');
      });
    expect(await handler({}, lambdaContext('req-err'))).toMatchObject({ statusCode: 500 });
    expect(lines.map((l) => l.level)).toEqual(['error']);
    expect(parsed()[0]).toEqual({ level: 'error', message: 'unhandled error', requestId: 'req-err', tenant: 'demo', errorName: 'TypeError', errorMessage: 'boom' });
  });
});

describe('metric lines (embedded metric format)', () => {
  test('one line: _aws with the timestamp, namespace, the Tenant dimension and each metric with its unit; the values beside', () => {
    const line = emfLine('demo', { LettersSent: 3, LettersFailed: 1, OutboxBacklogAgeSeconds: 42 }, 1_777_000_000_000, { requestId: 'req-1' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      _aws: {
        Timestamp: 1_777_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'Klachtenregister',
            Dimensions: [['Tenant']],
            Metrics: [
              { Name: 'LettersSent', Unit: 'Count' },
              { Name: 'LettersFailed', Unit: 'Count' },
              { Name: 'OutboxBacklogAgeSeconds', Unit: 'Seconds' },
            ],
          },
        ],
      },
      Tenant: 'demo',
      requestId: 'req-1',
      LettersSent: 3,
      LettersFailed: 1,
      OutboxBacklogAgeSeconds: 42,
    });
    expect(METRICS_NAMESPACE).toBe('Klachtenregister');
  });

  test('counts add up, the backlog age keeps the largest, a flush writes them once and starts over', () => {
    const written: string[] = [];
    const metrics = new EmfMetrics('demo', (line) => written.push(line));
    metrics.flush();
    expect(written).toEqual([]); // nothing recorded, nothing written
    metrics.count('ComplaintsRegistered');
    metrics.count('LettersSent', 2);
    metrics.count('LettersSent');
    metrics.observe('OutboxBacklogAgeSeconds', 30);
    metrics.observe('OutboxBacklogAgeSeconds', 12);
    metrics.flush({ requestId: 'r' }, 1000);
    expect(written).toEqual([emfLine('demo', { ComplaintsRegistered: 1, LettersSent: 3, OutboxBacklogAgeSeconds: 30 }, 1000, { requestId: 'r' })]);
    metrics.flush();
    expect(written).toHaveLength(1);
  });

  test('an invocation writes what it recorded when it ends, with its request id, also when it fails', async () => {
    const written: string[] = [];
    const metrics = new EmfMetrics('demo', (line) => written.push(line));
    const handler = middy<{ fail: boolean }, string>()
      .use(requestLog(metrics))
      .handler(async ({ fail }) => {
        metrics.count('LettersSent');
        await tick();
        if (fail) {
          metrics.count('LettersFailed');
          throw new Error('SES down');
        }
        return 'ok';
      });
    await handler({ fail: false }, lambdaContext('req-ok'));
    await expect(handler({ fail: true }, lambdaContext('req-fail'))).rejects.toThrow('SES down');
    expect(written.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ Tenant: 'demo', requestId: 'req-ok', LettersSent: 1 }),
      expect.objectContaining({ Tenant: 'demo', requestId: 'req-fail', LettersSent: 1, LettersFailed: 1 }),
    ]);
    expect(lines).toEqual([]); // metrics are not log lines
  });
});
