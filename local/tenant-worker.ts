/**
 * One tenant's "stack" in a worker thread: its own environment and its own module instances of
 * the handler modules CDK deploys, so tenants are as separate locally as in AWS.
 */
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { setClockOffset } from '../shared/adapters/clock.ts';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export type WorkerRequest =
  | { type: 'invoke'; id: number; entry: string; event: unknown }
  | { type: 'clock'; offsetMs: number };

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

function lambdaContext(entry: string) {
  return {
    functionName: entry,
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => 30_000,
    callbackWaitsForEmptyEventLoop: false,
  };
}

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'clock') {
    setClockOffset(message.offsetMs);
    return;
  }
  loadHandler(message.entry)
    .then((handler) => handler(message.event, lambdaContext(message.entry)))
    .then(
      (value) => parentPort?.postMessage({ type: 'result', id: message.id, ok: true, value } satisfies WorkerResponse),
      (error: unknown) => parentPort?.postMessage({ type: 'result', id: message.id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies WorkerResponse),
    );
});
