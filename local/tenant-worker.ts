/**
 * One tenant's "stack" in a worker thread: its own environment and its own module instances of
 * the handler modules CDK deploys, so tenants are as separate locally as in AWS.
 */
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { setClockOffset } from '../shared/adapters/clock.ts';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export type WorkerRequest = { type: 'invoke'; id: number; entry: string; event: unknown; context?: InvokeContext } | { type: 'clock'; offsetMs: number };

/**
 * What Lambda knows of the function (a rehearsal passes the template's): its name, and its timeout,
 * counted from the handler's start (not the cold start), after which the invocation fails with
 * Lambda's "Task timed out" message.
 */
export interface InvokeContext {
  functionName: string;
  timeoutMs: number;
  memoryMb?: number;
}

/** The error of an invocation that ran past its timeout (Lambda's wording). */
export const TIMED_OUT = 'Task timed out after';

export type WorkerResponse = { type: 'result'; id: number; ok: true; value: unknown } | { type: 'result'; id: number; ok: false; error: string };

const handlers = new Map<string, Promise<Handler>>();

function loadHandler(entry: string): Promise<Handler> {
  let handler = handlers.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(resolve(entry)).href).then((module: { handler: Handler }) => module.handler);
    handlers.set(entry, handler);
  }
  return handler;
}

function lambdaContext(entry: string, context: InvokeContext | undefined, deadline: number | undefined) {
  return {
    functionName: context?.functionName ?? entry,
    ...(context?.memoryMb ? { memoryLimitInMB: String(context.memoryMb) } : {}),
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => (deadline === undefined ? 30_000 : Math.max(0, deadline - Date.now())),
    callbackWaitsForEmptyEventLoop: false,
  };
}

/** The handler's answer, or Lambda's timeout error once `timeoutMs` has passed. */
function withTimeout<T>(work: (deadline: number | undefined) => Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return work(undefined);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${TIMED_OUT} ${(timeoutMs / 1000).toFixed(2)} seconds`)), timeoutMs);
  });
  return Promise.race([work(Date.now() + timeoutMs), timedOut]).finally(() => clearTimeout(timer));
}

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'clock') {
    setClockOffset(message.offsetMs);
    return;
  }
  loadHandler(message.entry)
    .then((handler) => withTimeout((deadline) => handler(message.event, lambdaContext(message.entry, message.context, deadline)), message.context?.timeoutMs))
    .then(
      (value) => parentPort?.postMessage({ type: 'result', id: message.id, ok: true, value } satisfies WorkerResponse),
      (error: unknown) =>
        parentPort?.postMessage({ type: 'result', id: message.id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies WorkerResponse),
    );
});
