/** DeadlineScheduler in memory: the schedules by name; ensure replaces one of the same name, remove is quiet when it is gone. */
import type { DeadlineScheduler, OneTimeSchedule } from '../../../shared/domain/ports.ts';

export class RecordingScheduler implements DeadlineScheduler {
  schedules = new Map<string, OneTimeSchedule>();

  async ensure(schedule: OneTimeSchedule): Promise<void> {
    this.schedules.set(schedule.name, schedule);
  }

  async remove(name: string): Promise<void> {
    this.schedules.delete(name);
  }

  async exists(name: string): Promise<boolean> {
    return this.schedules.has(name);
  }
}
