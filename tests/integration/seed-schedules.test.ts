/**
 * Issue 5, "Every seed's milestones get schedules, and the deadline check treats each correctly",
 * against one local cloud running all six tenants, its clock starting on Monday 9 March 2026
 * (so the deadlines cross the change to summer time and Easter).
 *
 * Per tenant: a complaint on the public form; after the outbox is delivered, every open milestone
 * has its `.check` schedule at 23:59:59 local on its due day and, when it has a reminder day still
 * ahead, its `.remind` schedule at 09:00 local on that (working) day; met milestones have none.
 * Then the clock walks through every schedule's time up to past the last due date: each reminder
 * goes out once to the responsible role, each still-open milestone is escalated exactly once
 * (a deadline-missed event citing its article, letters to the escalation role, the responsible
 * role and the coordinator), met ones stay met, and no schedule is left (ActionAfterCompletion
 * DELETE). A further day changes nothing.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import type { MilestoneState } from '../../shared/domain/complaint/model.ts';
import { postComplaint, startTestCloud, validComplaint, type StoredMail, type TestCloud } from '../support/local-cloud.ts';
import { advanceTo, atWallClock, deliveries, getSchedule, isWorkingDay, mailsAbout, scheduleNames, staff, workingDaysBefore } from '../support/deadline-drill.ts';

const TENANTS = ['demo', 'focus', 'occure', 'ok-ondernemen', 'team-keizer'];
const MINUTE = 60_000;

let t: TestCloud;
const regulations = new Map<string, Regulation>();

interface Case {
  tenant: string;
  group: string;
  reference: string;
  /** The milestones as the file showed them after registration and delivery. */
  milestones: MilestoneState[];
  open: MilestoneState[];
  met: MilestoneState[];
  /** Every schedule the complaint had: name -> instant it fires. */
  schedules: Map<string, number>;
}
const cases: Case[] = [];

beforeAll(async () => {
  for (const tenant of TENANTS) regulations.set(tenant, await loadRegulationFile(`tenants/${tenant}.yaml`));
  t = await startTestCloud({ tenants: TENANTS, clockStart: new Date('2026-03-09T10:00:00+01:00') });
});

afterAll(async () => {
  await t?.stop();
});

/** 'YYYY-MM-DD HH:MM:SS' of an instant in a time zone (Intl, independent of the product's calendar code). */
function localWallClock(instant: Date, timeZone: string): string {
  return instant.toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
}

/** Where the regulation sends a role's staff letters: its address, else (per complaint, none assigned) the coordinator's. */
function addressOf(regulation: Regulation, roleId: string): string {
  const role = regulation.roles.find((r) => r.id === roleId);
  const coordinator = regulation.roles.find((r) => r.id === 'coordinator')?.email;
  return (role?.email ?? coordinator)!;
}

test('every tenant: each open milestone has its check (and reminder) schedule at the right wall-clock time; met ones have none', async () => {
  // One complaint per tenant, all received now; then deliver the registrations' outboxes and what
  // delivering them caused (met milestones unscheduled).
  const registered = await Promise.all(
    TENANTS.map(async (tenant) => {
      const response = await postComplaint(t.cloud.urls.api, tenant, validComplaint());
      expect(response.status, `${tenant}: ${JSON.stringify(response.body)}`).toBe(201);
      return response.body.reference as string;
    }),
  );
  for (let pass = 0; pass < 3; pass += 1) await t.cloud.drainOutboxes();
  const now = t.cloud.clock.now().getTime();

  for (const [index, tenant] of TENANTS.entries()) {
    const regulation = regulations.get(tenant)!;
    const timeZone = regulation.organisation.timeZone;
    const group = `klachten-${tenant}`;
    const reference = registered[index]!;
    const file = (await (await staff(t.cloud, tenant)).complaint(reference)).body;
    const milestones = file.milestones as MilestoneState[];
    // Every milestone the regulation opens on receipt (no condition) is on the file.
    const opening = regulation.milestones
      .filter((m) => m.anchor === 'received' && !m.appliesWhen)
      .map((m) => m.id)
      .sort();
    expect(milestones.map((m) => m.milestoneId).sort(), tenant).toEqual(opening);
    const open = milestones.filter((m) => m.status === 'open');
    const met = milestones.filter((m) => m.status === 'met');
    expect(open.length + met.length, `${tenant}: every milestone open or met`).toBe(milestones.length);

    const expectedNames: string[] = [];
    const schedules = new Map<string, number>();
    for (const m of open) {
      const where = `${tenant} ${reference} ${m.milestoneId}`;
      const definition = regulation.milestones.find((d) => d.id === m.milestoneId)!;
      expect(m.citation, where).toBe(definition.citation.article);
      // dueAt is the end of the due day, local time.
      expect(localWallClock(new Date(m.dueAt), timeZone), where).toBe(`${m.due} 23:59:59`);

      const check = await getSchedule(t.scheduler, group, `${reference}.${m.milestoneId}.check`);
      expect(check, `${where}: check schedule`).toBeDefined();
      expect(check!.ScheduleExpression, where).toBe(`at(${m.due}T23:59:59)`);
      expect(check!.ScheduleExpressionTimezone, where).toBe(timeZone);
      expect(check!.ActionAfterCompletion, where).toBe('DELETE');
      expect(check!.FlexibleTimeWindow?.Mode, where).toBe('OFF');
      expect(check!.Target?.RetryPolicy?.MaximumRetryAttempts, where).toBeGreaterThan(0);
      expect(check!.Target?.DeadLetterConfig?.Arn, where).toBeTruthy();
      expect(JSON.parse(check!.Target!.Input!), where).toEqual({ reference, milestoneId: m.milestoneId, kind: 'check' });
      expectedNames.push(`${reference}.${m.milestoneId}.check`);
      schedules.set(`${reference}.${m.milestoneId}.check`, Date.parse(m.dueAt));

      const remind = await getSchedule(t.scheduler, group, `${reference}.${m.milestoneId}.remind`);
      if (definition.reminderLeadWorkingDays !== undefined && m.reminderOn) {
        // Counted back on working days (independently here), a working day before the due date.
        expect(m.reminderOn, where).toBe(workingDaysBefore(m.due, definition.reminderLeadWorkingDays));
        expect(isWorkingDay(m.reminderOn), where).toBe(true);
        expect(m.reminderOn < m.due, where).toBe(true);
      }
      // A reminder is scheduled exactly when its 09:00 is still ahead.
      const fires = m.reminderOn ? fireInstant(m.reminderOn, '09:00:00', timeZone) : undefined;
      const wanted = fires !== undefined && fires > now;
      expect(Boolean(remind), `${where}: remind schedule ${wanted ? 'expected' : 'not expected'} (reminderOn ${m.reminderOn})`).toBe(wanted);
      if (remind && wanted) {
        expect(atWallClock(remind.ScheduleExpression), where).toEqual({ date: m.reminderOn, time: '09:00:00' });
        expect(remind.ScheduleExpressionTimezone, where).toBe(timeZone);
        expect(remind.ActionAfterCompletion, where).toBe('DELETE');
        expect(JSON.parse(remind.Target!.Input!), where).toEqual({ reference, milestoneId: m.milestoneId, kind: 'remind' });
        expectedNames.push(`${reference}.${m.milestoneId}.remind`);
        schedules.set(`${reference}.${m.milestoneId}.remind`, fires);
      }
    }
    for (const m of met) {
      expect(await getSchedule(t.scheduler, group, `${reference}.${m.milestoneId}.check`), `${tenant} met ${m.milestoneId}: no check`).toBeUndefined();
      expect(await getSchedule(t.scheduler, group, `${reference}.${m.milestoneId}.remind`), `${tenant} met ${m.milestoneId}: no reminder`).toBeUndefined();
    }
    expect((await scheduleNames(t.scheduler, group, `${reference}.`)).sort(), tenant).toEqual(expectedNames.sort());
    cases.push({ tenant, group, reference, milestones, open, met, schedules });
  }
  expect(cases.map((c) => c.tenant)).toEqual(TENANTS);
  console.log(
    cases
      .map(
        (c) =>
          `${c.tenant} ${c.reference}: open ${c.open.map((m) => `${m.milestoneId} (due ${m.due}${m.reminderOn ? `, remind ${m.reminderOn}` : ''})`).join(', ') || '-'}; met ${c.met.map((m) => m.milestoneId).join(', ') || '-'}; schedules ${[...c.schedules.keys()].map((n) => n.split('.').slice(1).join('.')).join(', ') || '-'}`,
      )
      .join('\n'),
  );
  // ok-ondernemen opens only its acknowledgement on receipt (met at once); every other tenant has open ones.
  expect(cases.filter((c) => c.open.length === 0).map((c) => c.tenant)).toEqual(['ok-ondernemen']);
});

/** The instant a wall-clock time occurs in a zone, found with Intl (no product code). */
function fireInstant(date: string, time: string, timeZone: string): number {
  const naive = Date.parse(`${date}T${time}Z`);
  for (const offsetHours of [-14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]) {
    const candidate = naive - offsetHours * 3_600_000;
    if (localWallClock(new Date(candidate), timeZone) === `${date} ${time}`) return candidate;
  }
  throw new Error(`no instant for ${date} ${time} in ${timeZone}`);
}

test('walking the clock past every due date: one reminder each, each open milestone escalated exactly once, met ones stay met, no schedule left', async () => {
  expect(cases).toHaveLength(TENANTS.length);
  // Stop at every schedule's time, one minute after it, in order.
  const stops = [...new Set(cases.flatMap((c) => [...c.schedules.values()]))].sort((a, b) => a - b);
  for (const stop of stops) {
    if (stop + MINUTE > t.cloud.clock.now().getTime()) await advanceTo(t.cloud, new Date(stop + MINUTE));
  }
  await t.cloud.drainOutboxes();
  await t.cloud.drainOutboxes();

  for (const c of cases) {
    const regulation = regulations.get(c.tenant)!;
    const lang = regulation.organisation.languages[0] ?? 'nl';
    const file = (await (await staff(t.cloud, c.tenant)).complaint(c.reference)).body;
    const mails = await mailsAbout(t.cloud, c.reference, regulation.organisation.senderAddress);
    for (const before of c.open) {
      const where = `${c.tenant} ${c.reference} ${before.milestoneId}`;
      const now = file.milestones.find((m: MilestoneState) => m.milestoneId === before.milestoneId);
      expect(now?.status, where).toBe('escalated');
      const missed = file.timeline.filter((e: { type: string; data?: { milestoneId?: string } }) => e.type === 'deadline-missed' && e.data?.milestoneId === before.milestoneId);
      expect(missed, `${where}: one deadline-missed event`).toHaveLength(1);
      expect(missed[0].rule, where).toBe(before.citation);
      expect(missed[0].data, where).toMatchObject({ due: before.due, rule: before.citation });

      // Escalation letters: the escalation role, the responsible role and the coordinator, one per address.
      const escalationSubject = `${lang === 'nl' ? 'Termijn verstreken' : 'Deadline missed'}: ${c.reference} – ${before.label[lang]}`;
      const addresses = [...new Set([before.escalationRole, before.responsibleRole, 'coordinator'].filter((r): r is string => Boolean(r)).map((r) => addressOf(regulation, r)))].sort();
      expect(deliveries(mails.filter((m) => m.subject === escalationSubject)), `${where}: escalation letters`).toEqual(addresses.map((a) => `${escalationSubject} -> ${a}`));
      const escalation = mails.find((m) => m.subject === escalationSubject);
      expect(escalation?.body.text, where).toContain(before.citation);

      // One reminder, to the responsible role, where a reminder was scheduled.
      const reminders = mails.filter((m) => m.subject.startsWith(`${lang === 'nl' ? 'Herinnering' : 'Reminder'}: ${c.reference} – ${before.label[lang]} `));
      if (c.schedules.has(`${c.reference}.${before.milestoneId}.remind`)) {
        expect(
          reminders.map((m) => m.destination.to),
          `${where}: one reminder to the responsible role`,
        ).toEqual([[addressOf(regulation, before.responsibleRole)]]);
        expect(reminders[0]!.body.text, where).toContain(before.citation);
      } else {
        expect(reminders, `${where}: no reminder was scheduled`).toEqual([]);
      }
    }
    for (const before of c.met) {
      const now = file.milestones.find((m: MilestoneState) => m.milestoneId === before.milestoneId);
      expect(now?.status, `${c.tenant} ${before.milestoneId}`).toBe('met');
      expect(file.timeline.filter((e: { type: string; data?: { milestoneId?: string } }) => e.type === 'deadline-missed' && e.data?.milestoneId === before.milestoneId)).toEqual([]);
      expect(
        mails.filter((m) => m.subject.includes(`– ${before.label[lang]}`)),
        `${c.tenant} ${before.milestoneId}: no reminder or escalation`,
      ).toEqual([]);
    }
    expect(await scheduleNames(t.scheduler, c.group, `${c.reference}.`), `${c.tenant}: schedules left`).toEqual([]);
  }
  expect(t.cloud.scheduler.deadLetters()).toEqual([]);

  // A further day: nothing new is sent or recorded.
  const before = new Map<string, StoredMail[]>();
  for (const c of cases) before.set(c.tenant, await mailsAbout(t.cloud, c.reference, regulations.get(c.tenant)!.organisation.senderAddress));
  await t.cloud.clock.advance(24 * 60 * MINUTE);
  await t.cloud.drainOutboxes();
  for (const c of cases) {
    expect(deliveries(await mailsAbout(t.cloud, c.reference, regulations.get(c.tenant)!.organisation.senderAddress)), c.tenant).toEqual(deliveries(before.get(c.tenant)!));
    const file = (await (await staff(t.cloud, c.tenant)).complaint(c.reference)).body;
    expect(
      file.timeline.filter((e: { type: string }) => e.type === 'deadline-missed'),
      c.tenant,
    ).toHaveLength(c.open.length);
  }
});
