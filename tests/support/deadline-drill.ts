/**
 * Helpers for the deadline drills (tests/integration/deadlines-occure.test.ts and
 * seed-schedules.test.ts): reading schedules from the Scheduler emulator with the SDK, moving the
 * local clock to an instant, fresh staff tokens, and an independent Dutch working-day check
 * (weekends and the 2026-2027 public holidays written out by hand, not computed by the product).
 */
import { GetScheduleCommand, ListSchedulesCommand, ResourceNotFoundException, type GetScheduleCommandOutput, type SchedulerClient } from '@aws-sdk/client-scheduler';
import type { LocalCloud } from '../../local/cloud.ts';
import { AdminClient } from './admin-client.ts';
import { sentMail, type StoredMail } from './local-cloud.ts';

/** GetSchedule, or undefined when the emulator has no such schedule. */
export async function getSchedule(client: SchedulerClient, group: string, name: string): Promise<GetScheduleCommandOutput | undefined> {
  try {
    return await client.send(new GetScheduleCommand({ Name: name, GroupName: group }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Names of the schedules in a group whose name starts with the prefix (all pages). */
export async function scheduleNames(client: SchedulerClient, group: string, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListSchedulesCommand({ GroupName: group, NamePrefix: prefix, ...(token ? { NextToken: token } : {}) }));
    names.push(...(page.Schedules ?? []).map((s) => s.Name!));
    token = page.NextToken;
  } while (token);
  return names;
}

/** The wall-clock date and time of a one-time schedule: at(2026-05-18T09:00:00) -> ['2026-05-18', '09:00:00']. */
export function atWallClock(expression: string | undefined): { date: string; time: string } {
  const match = /^at\((\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})\)$/.exec(expression ?? '');
  if (!match) throw new Error(`not a one-time at() expression: ${expression}`);
  return { date: match[1]!, time: match[2]! };
}

/** Moves the local clock forward to an instant (fires due schedules, drains the outboxes). */
export async function advanceTo(cloud: LocalCloud, instant: string | Date): Promise<Date> {
  const target = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const ms = target - cloud.clock.now().getTime();
  if (ms < 0) throw new Error(`the clock is already past ${new Date(target).toISOString()} (${cloud.clock.now().toISOString()})`);
  return cloud.clock.advance(ms);
}

/** A staff client with a token issued now (dev-issuer tokens live one hour of local time). */
export function staff(cloud: LocalCloud, tenant: string, role: 'coordinator' | 'director' | 'complaints-officer' = 'coordinator'): Promise<AdminClient> {
  return AdminClient.as(cloud.urls.api, tenant, { role });
}

/**
 * The mail the SES stand-in holds whose subject names the reference; with `sender`, only mail
 * from that address (references repeat across tenants: each counts its own).
 */
export async function mailsAbout(cloud: LocalCloud, reference: string, sender?: string): Promise<StoredMail[]> {
  return (await sentMail(cloud.urls.ses)).filter((m) => m.subject.includes(reference) && (sender === undefined || m.from.includes(`<${sender}>`)));
}

/** "subject -> recipients" lines, one per mail, sorted: compares deliveries including duplicates. */
export function deliveries(mails: StoredMail[]): string[] {
  return mails.map((m) => `${m.subject} -> ${[...m.destination.to].sort().join(',')}`).sort();
}

/**
 * Days the Algemene termijnenwet does not count, written out for 2026 and 2027: New Year, Good
 * Friday, Easter Monday, Koningsdag, 5 May, Ascension, Whit Monday, Christmas and Boxing Day, and
 * the bridge days equated to holidays by decree (2 Jan and 15 May 2026, 7 May 2027).
 * Easter 2026: 5 April; 2027: 28 March.
 */
export const DUTCH_HOLIDAYS = new Set([
  '2026-01-01',
  '2026-01-02',
  '2026-04-03',
  '2026-04-06',
  '2026-04-27',
  '2026-05-05',
  '2026-05-14',
  '2026-05-15',
  '2026-05-25',
  '2026-12-25',
  '2026-12-26',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-04-27',
  '2027-05-05',
  '2027-05-06',
  '2027-05-07',
  '2027-05-17',
  '2027-12-25',
  '2027-12-26',
]);

export function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export function isWorkingDay(date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !DUTCH_HOLIDAYS.has(date);
}

/** The working day `n` working days before `date` (independent of the product's calendar). */
export function workingDaysBefore(date: string, n: number): string {
  let current = date;
  let left = n;
  while (left > 0) {
    current = new Date(Date.parse(`${current}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}
