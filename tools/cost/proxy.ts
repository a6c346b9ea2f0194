/**
 * A counting HTTP proxy in front of one local stand-in: every request the production adapters
 * make (the functions' SDK clients, a browser's presigned POST, a caller of the API) passes
 * through it unchanged, and is shown to `observe` with its answer. For DynamoDB it also asks for
 * the consumed capacity (`ReturnConsumedCapacity: TOTAL`, unless the caller asked for it), which
 * DynamoDB Local reports as DynamoDB would (its request signatures are not checked, so the body
 * may change); the answer reaches the caller as DynamoDB Local gave it.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  requestBody: Buffer;
  status: number;
  responseBody: Buffer;
}

export interface CountingProxy {
  url: string;
  /** Where requests go; set once the stand-in's endpoint is known. */
  target: string | undefined;
  stop(): Promise<void>;
}

export async function startCountingProxy(options: {
  target?: string;
  /** Changes a request's body before it is forwarded (DynamoDB: ask for the consumed capacity). */
  rewrite?(headers: IncomingHttpHeaders, body: Buffer): Buffer;
  observe(exchange: Exchange): void;
}): Promise<CountingProxy> {
  const state: { target: string | undefined } = { target: options.target };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!state.target) {
        res.writeHead(503).end('no target yet');
        return;
      }
      const original = Buffer.concat(chunks);
      const body = options.rewrite ? options.rewrite(req.headers, original) : original;
      const target = new URL(state.target);
      const headers = { ...req.headers, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
        const answerChunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
        answer.on('end', () => {
          const responseBody = Buffer.concat(answerChunks);
          try {
            options.observe({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, requestBody: body, status: answer.statusCode ?? 0, responseBody });
          } catch (error) {
            console.error(`[cost] counting ${req.method} ${req.url}: ${(error as Error).message}`);
          }
          const responseHeaders = { ...answer.headers };
          // A HEAD's content-length is the object's, not this (empty) body's.
          if (req.method !== 'HEAD' && answer.headers['transfer-encoding']) {
            delete responseHeaders['transfer-encoding'];
            responseHeaders['content-length'] = String(responseBody.length);
          }
          res.writeHead(answer.statusCode ?? 502, responseHeaders).end(responseBody);
        });
      });
      forward.on('error', (error) => {
        res.writeHead(502).end(error.message);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get target() {
      return state.target;
    },
    set target(value) {
      state.target = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const CAPACITY_OPERATIONS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems']);
export const READ_OPERATIONS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

/** The DynamoDB operation of a request (`X-Amz-Target: DynamoDB_20120810.PutItem`). */
export function dynamodbOperation(headers: IncomingHttpHeaders): string {
  return (
    String(headers['x-amz-target'] ?? '')
      .split('.')
      .pop() ?? ''
  );
}

/** The request with `ReturnConsumedCapacity: TOTAL` when the operation supports it and the caller did not ask. */
export function askForCapacity(headers: IncomingHttpHeaders, body: Buffer): Buffer {
  if (!CAPACITY_OPERATIONS.has(dynamodbOperation(headers))) return body;
  const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  if (input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES') return body;
  return Buffer.from(JSON.stringify({ ...input, ReturnConsumedCapacity: 'TOTAL' }));
}

/** The capacity units an answer reports (one table, or a list for batches and transactions). */
export function consumedUnits(responseBody: Buffer): number {
  if (!responseBody.length) return 0;
  const output = JSON.parse(responseBody.toString('utf8')) as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> };
  const consumed = output.ConsumedCapacity;
  if (!consumed) return 0;
  return (Array.isArray(consumed) ? consumed : [consumed]).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
}
