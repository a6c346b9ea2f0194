/** Runs a tenant's functions in its worker thread, like Lambda runs them in its own stack. */
import { Worker } from 'node:worker_threads';
import { FUNCTIONS, type FunctionId } from '../shared/http/routes.ts';
import type { WorkerRequest, WorkerResponse } from './tenant-worker.ts';

export class TenantRuntime {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private exited = false;

  constructor(
    readonly tenantId: string,
    env: Record<string, string>,
  ) {
    this.worker = new Worker(new URL('./tenant-worker-bootstrap.mjs', import.meta.url), {
      env: { ...process.env, ...env },
    });
    this.worker.on('message', (message: WorkerResponse) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(message.error));
    });
    this.worker.on('error', (error) => {
      console.error(`[local] tenant ${tenantId} runtime failed: ${error.message}`);
      this.failAll(error);
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.failAll(new Error(`tenant ${tenantId} runtime exited with code ${code}`));
    });
  }

  invoke(functionId: FunctionId, event: unknown): Promise<unknown> {
    if (this.exited) return Promise.reject(new Error(`tenant ${this.tenantId} runtime is not running`));
    const definition = FUNCTIONS.find((f) => f.id === functionId);
    if (!definition) return Promise.reject(new Error(`unknown function ${functionId}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'invoke', id, entry: definition.entry, event } satisfies WorkerRequest);
    });
  }

  setClockOffset(offsetMs: number): void {
    this.worker.postMessage({ type: 'clock', offsetMs } satisfies WorkerRequest);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
