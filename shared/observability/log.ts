/**
 * The functions' log: one JSON line per entry, `{ level, message, requestId, tenant, ...fields }`,
 * so every line of an invocation is found by its request id (Lambda's awsRequestId) and its
 * tenant; behind the HTTP API also by `apiRequestId`, the `requestId` of the API's access log line.
 * Written straight to stdout (info) and stderr (warn, error), not through console: with Lambda's
 * JSON log format the fields then stay at the top of the log event, where Logs Insights finds them
 * (`filter requestId = "..."`), and Lambda reads `level` to filter.
 *
 * Fields are counts, outcomes, codes and error names: never a name, an address, a phone number,
 * a complaint's text or reference, or a file's name (tests/integration/privacy.test.ts reads the logs).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type middy from '@middy/core';

type Level = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const current = new AsyncLocalStorage<{ requestId?: string; apiRequestId?: string; tenant?: string }>();

let sink = (level: Level, line: string): void => {
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
};

/** Replaces where lines go (tests); returns the one before. */
export function setLogSink(next: typeof sink): typeof sink {
  const previous = sink;
  sink = next;
  return previous;
}

function write(level: Level, message: string, fields?: LogFields): void {
  const context = current.getStore();
  sink(level, JSON.stringify({ level, message, requestId: context?.requestId, apiRequestId: context?.apiRequestId, tenant: context?.tenant ?? process.env.TENANT_ID, ...fields }));
}

export const log = {
  info: (message: string, fields?: LogFields) => write('info', message, fields),
  warn: (message: string, fields?: LogFields) => write('warn', message, fields),
  error: (message: string, fields?: LogFields) => write('error', message, fields),
};

/**
 * First in every function's middy chain: the invocation's log lines carry its request id and the
 * tenant (TENANT_ID), also when invocations overlap (the local cloud runs a tenant's functions in
 * one thread); and what it recorded in `metrics` is written when it ends, failed or not. (The
 * context is entered, not run: the code that called the handler keeps it too, which in Lambda is
 * the runtime, and the next invocation replaces it.)
 */
export function requestLog(metrics?: { flush(fields?: Record<string, string | undefined>): void }): middy.MiddlewareObj {
  // Each returns nothing: a value would end the invocation early (middy's early response).
  const flush = (request: middy.Request): void => {
    metrics?.flush({ requestId: request.context?.awsRequestId });
  };
  return {
    // Synchronous on purpose: entered before the invocation first awaits, so all that follows has it.
    before: (request): void => {
      current.enterWith({
        requestId: request.context?.awsRequestId,
        apiRequestId: (request.event as { requestContext?: { requestId?: string } } | undefined)?.requestContext?.requestId,
        tenant: process.env.TENANT_ID,
      });
    },
    after: flush,
    onError: flush,
  };
}
