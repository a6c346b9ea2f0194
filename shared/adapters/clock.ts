/**
 * The system clock. Locally it can run ahead of the machine clock (time travel, to watch
 * reminders fire); in AWS the offset is never set.
 */
import type { Clock } from '../domain/ports.ts';

let offsetMs = 0;

/** Local cloud only: how far the system's clock runs ahead of the machine's. */
export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

export const systemClock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
};
