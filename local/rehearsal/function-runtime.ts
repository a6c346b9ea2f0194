/**
 * A tenant's functions as the template deploys them: one worker thread per function (its own
 * environment and module instances, as each Lambda function has its own), started at its first
 * invocation, with the template's environment, memory (the worker's heap limit) and timeout
 * (counted from the handler's start; a timed-out environment is thrown away, as Lambda does).
 * Every SDK call a function makes is handed to `onCall` before it is sent (sdk-capture.ts).
 *
 * It has the shape the local cloud runs a tenant's functions through (TenantRuntime's), so
 * local/cloud.ts takes it in place of its own.
 */
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { FunctionId } from '../../shared/http/routes.ts';
import { TIMED_OUT, type WorkerRequest, type WorkerResponse } from '../tenant-worker.ts';
import type { SdkCall } from './iam-check.ts';
import type { CallVerdict } from './sdk-capture.ts';
import type { RehearsalWiring, WiredFunction } from './wiring.ts';

export interface RehearsalRuntimeOptions {
  wiring: RehearsalWiring;
  /** The function's environment in the rehearsal (rehearsalEnvironment). */
  environment(fn: WiredFunction): Record<string, string>;
  /** Decides an SDK call before it is sent. */
  onCall(fn: WiredFunction, call: SdkCall): Promise<Omit<CallVerdict, 'id'>>;
  /**
   * Checks an invocation against the template before it runs (the route and its authorizer, the
   * rule or schedule that would deliver it); an answer other than undefined is returned instead
   * of running the function (API Gateway's 401 for a bad token). Throws when the template would
   * not deliver it at all.
   */
  beforeInvoke?(fn: WiredFunction, event: unknown): Promise<unknown>;
  /** Told of each finished invocation (for the rehearsal's summary). */
  onInvoked?(fn: WiredFunction, outcome: { ok: boolean; ms: number; cold: boolean; error?: string }): void;
  /** Each line the function writes (its logs); default: passed on to this process's stderr. */
  onOutput?(fn: WiredFunction, line: string): void;
}

interface FunctionWorker {
  worker: Worker;
  port: MessagePort;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
  exited: boolean;
  invoked: number;
}

const BOOTSTRAP = new URL('./function-worker-bootstrap.mjs', import.meta.url);
/** What the worker itself needs besides the function (tsx, the unbundled SDK). */
const MIN_HEAP_MB = 256;

export class RehearsalRuntime {
  private readonly workers = new Map<FunctionId, FunctionWorker>();
  private nextId = 1;
  private offsetMs = 0;
  private stopped = false;

  constructor(
    readonly tenantId: string,
    private readonly options: RehearsalRuntimeOptions,
  ) {}

  async invoke(functionId: FunctionId, event: unknown): Promise<unknown> {
    if (this.stopped) throw new Error(`tenant ${this.tenantId}: the rehearsal has stopped`);
    const fn = this.options.wiring.functions.get(functionId);
    if (!fn) throw new Error(`the local cloud invoked ${functionId}, which the template does not have`);
    const early = await this.options.beforeInvoke?.(fn, event);
    if (early !== undefined) return early;
    const running = this.workerFor(fn);
    const cold = running.invoked++ === 0;
    const id = this.nextId++;
    const started = Date.now();
    const request: WorkerRequest = { type: 'invoke', id, entry: fn.entry, event, context: { functionName: fn.name, timeoutMs: fn.timeoutSeconds * 1000, memoryMb: fn.memoryMb } };
    try {
      const value = await new Promise((resolve, reject) => {
        running.pending.set(id, { resolve, reject });
        running.worker.postMessage(request);
      });
      this.options.onInvoked?.(fn, { ok: true, ms: Date.now() - started, cold });
      return value;
    } catch (error) {
      const message = (error as Error).message;
      this.options.onInvoked?.(fn, { ok: false, ms: Date.now() - started, cold, error: message });
      // Lambda does not reuse an environment whose invocation timed out.
      if (message.includes(TIMED_OUT)) await this.discard(functionId, running);
      throw error;
    }
  }

  setClockOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
    for (const running of this.workers.values()) running.worker.postMessage({ type: 'clock', offsetMs } satisfies WorkerRequest);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.workers].map(([id, running]) => this.discard(id, running)));
  }

  private workerFor(fn: WiredFunction): FunctionWorker {
    const existing = this.workers.get(fn.id);
    if (existing && !existing.exited) return existing;
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (message: { id: number; call: SdkCall }) => {
      this.options
        .onCall(fn, message.call)
        .catch((error: unknown) => ({ allowed: false, errorName: 'RehearsalError', message: `the rehearsal could not check this call: ${(error as Error).message}` }))
        .then((verdict) => port1.postMessage({ id: message.id, ...verdict } satisfies CallVerdict));
    });
    const worker = new Worker(BOOTSTRAP, {
      env: this.options.environment(fn),
      workerData: { rehearsalPort: port2 },
      transferList: [port2],
      // The function's memory as the worker's heap limit (Lambda's covers the whole process; the
      // worker also carries tsx and unbundled modules, so never below MIN_HEAP_MB).
      resourceLimits: { maxOldGenerationSizeMb: Math.max(fn.memoryMb, MIN_HEAP_MB) },
      stdout: true,
      stderr: true,
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (this.options.onOutput) this.options.onOutput(fn, line);
          else process.stderr.write(`${line}\n`);
        }
      });
    }
    const running: FunctionWorker = { worker, port: port1, pending: new Map(), exited: false, invoked: existing?.invoked ?? 0 };
    worker.on('message', (message: WorkerResponse) => {
      const waiter = running.pending.get(message.id);
      if (!waiter) return;
      running.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(message.error));
    });
    worker.on('error', (error) => {
      const memory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? ` (out of memory: MemorySize ${fn.memoryMb} MB)` : '';
      console.error(`[rehearsal] ${fn.name} failed${memory}: ${error.message}`);
      this.failAll(running, new Error(`${fn.name}: runtime failed${memory}: ${error.message}`));
    });
    worker.on('exit', (code) => {
      running.exited = true;
      port1.close();
      this.failAll(running, new Error(`${fn.name}: runtime exited with code ${code}`));
    });
    if (this.offsetMs !== 0) worker.postMessage({ type: 'clock', offsetMs: this.offsetMs } satisfies WorkerRequest);
    this.workers.set(fn.id, running);
    return running;
  }

  private async discard(functionId: FunctionId, running: FunctionWorker): Promise<void> {
    if (this.workers.get(functionId) === running) this.workers.delete(functionId);
    if (this.stopped) this.workers.delete(functionId);
    running.exited = true;
    await running.worker.terminate();
    running.port.close();
  }

  private failAll(running: FunctionWorker, error: Error): void {
    for (const waiter of running.pending.values()) waiter.reject(error);
    running.pending.clear();
  }
}
