/**
 * The faults of the soak run, each started when the run reaches a share of its complaints:
 * DynamoDB Local stopped and restarted on the same port and data; the SES stand-in and the
 * Scheduler emulator taken away for a while. Each fault records the window it was down.
 */
import type { LocalCloud } from '../local/cloud.ts';

export interface FaultPlan {
  name: 'dynamodb' | 'ses' | 'scheduler';
  /** Share of the complaints answered before it starts (0..1). */
  atShare: number;
  /** How long it stays away after stopping, before the restart begins. */
  downMs: number;
}

export interface FaultWindow {
  name: FaultPlan['name'];
  /** When the stop began. */
  downAt: number;
  /** When the restart had finished (the service answers again). */
  upAt?: number;
  error?: string;
}

export class FaultInjector {
  readonly windows: FaultWindow[] = [];
  private readonly pending: FaultPlan[];
  private readonly running: Array<Promise<void>> = [];

  constructor(
    private readonly cloud: LocalCloud,
    plans: FaultPlan[],
    private readonly log: (line: string) => void,
  ) {
    this.pending = [...plans].sort((a, b) => a.atShare - b.atShare);
  }

  /** Called as complaints are answered: starts every fault whose moment has come. */
  progress(share: number): void {
    while (this.pending.length && this.pending[0]!.atShare <= share) {
      const plan = this.pending.shift()!;
      this.running.push(this.run(plan));
    }
  }

  /** Waits for every started fault to be over (services back). */
  async settle(): Promise<void> {
    // Faults planned for a share the run never reached still run, so each is exercised.
    this.progress(Number.POSITIVE_INFINITY);
    await Promise.all(this.running);
  }

  /** True when the interval [from, to] overlaps a window in which DynamoDB was away. */
  databaseDownDuring(from: number, to: number, graceMs: number): boolean {
    return this.windows.some((w) => w.name === 'dynamodb' && from <= (w.upAt ?? Number.POSITIVE_INFINITY) + graceMs && to >= w.downAt);
  }

  private async run(plan: FaultPlan): Promise<void> {
    const window: FaultWindow = { name: plan.name, downAt: Date.now() };
    this.windows.push(window);
    const controls: Record<FaultPlan['name'], [() => Promise<void>, () => Promise<void>]> = {
      dynamodb: [() => this.cloud.stopDynamoDb(), () => this.cloud.startDynamoDb()],
      ses: [() => this.cloud.stopSes(), () => this.cloud.startSes()],
      scheduler: [() => this.cloud.stopScheduler(), () => this.cloud.startScheduler()],
    };
    const [stop, start] = controls[plan.name];
    try {
      this.log(`fault: ${plan.name} down`);
      await stop();
      await new Promise((r) => setTimeout(r, plan.downMs));
      await start();
      window.upAt = Date.now();
      this.log(`fault: ${plan.name} back after ${((window.upAt - window.downAt) / 1000).toFixed(1)} s`);
    } catch (error) {
      window.error = (error as Error).message;
      this.log(`fault: ${plan.name} failed: ${window.error}`);
      await start().catch(() => undefined);
      window.upAt = Date.now();
    }
  }
}
