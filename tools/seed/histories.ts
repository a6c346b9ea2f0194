/**
 * Demo complaint histories, generated through the product's own use cases.
 *
 * planComplaints() decides, deterministically for a seed, who complains when, on which channel,
 * about what, and how the complaint will go (ruling, offer, informal, not admissible, withdrawn).
 * walkHistory() then lives that history on a simulated clock: registerComplaint or
 * registerStaffIntake, performStep for every staff step, createMeasure/updateMeasure, the outbox
 * delivered with deliverEntry (letters recorded as sent, nothing mailed), and the deadline checks
 * run with checkDeadline at the moment their schedules would have fired, so a missed deadline is
 * escalated exactly as the system would. Nothing is dated after `now`: a history that would
 * continue past it simply stops there and stays open, with its future deadlines.
 */
import { reminderInstant, scheduleChangesOf } from '../../shared/domain/complaint/milestone-schedules.ts';
import { tiersOf } from '../../shared/domain/regulation/external-tiers.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import { instantAt, localDateOf, wallClock, WorkingCalendar, addDays, type IsoDate } from '../../shared/domain/calendar/index.ts';
import type { Clock, ComplaintRegister, ComplaintWrite, DeliveryResult, Mailer, Registration } from '../../shared/domain/ports.ts';
import type { ComplaintRecord, ComplaintStatus, OutboxEntry, ScheduleChange } from '../../shared/domain/complaint/model.ts';
import { isLive } from '../../shared/domain/complaint/model.ts';
import { registerComplaint, registerStaffIntake } from '../../shared/domain/complaint/register-complaint.ts';
import type { SearchKey } from '../../shared/domain/complaint/search.ts';
import { deliverEntry, type DeliverOutboxDeps } from '../../shared/domain/complaint/deliver-outbox.ts';
import { checkDeadline } from '../../shared/domain/complaint/check-deadline.ts';
import { objectionDeadline } from '../../shared/domain/complaint/objection-window.ts';
import { performStep } from '../../shared/domain/workflow/perform-step.ts';
import { stepActor } from '../step-actor.ts';
import { allowedNow, STEPS, type Actor, type StepDefinition, type StepId } from '../../shared/domain/workflow/steps.ts';
import { createMeasure, updateMeasure, type MeasureStore } from '../../shared/domain/measures/measures.ts';
import { Random } from './random.ts';
import * as T from './texts.ts';
import { newestVersion, versionInForce, type RegulationVersions } from '../../shared/domain/regulation/versions.ts';

export type Scenario = 'ruling' | 'offer' | 'informal' | 'not-admissible' | 'withdrawn';

/** Everything about a complaint that is decided before it is lived. */
export interface ComplaintPlan {
  /** Position in time order (0 = the year's first complaint); also seeds the walk. */
  index: number;
  seed: number;
  receivedAt: Date;
  /** When staff registered it (staff intake of a letter or call comes a little later). */
  registeredAt: Date;
  channel: string;
  kind: 'form' | 'staff';
  mode?: 'oral' | 'written';
  language: 'nl' | 'en';
  complainant: { name: string; email: string; phone?: string };
  representative?: { name: string; email?: string };
  /** Categories the complainant chose on the form (the coordinator may classify later). */
  categories: string[];
  description: string;
  occurredOn: IsoDate;
  place: string;
  circumstances?: string;
  scenario: Scenario;
  /** The decision comes after its deadline (the check escalates it). */
  late: boolean;
  /** The decision's deadline is extended first (where the regulation allows it). */
  extended: boolean;
  /** The ground for a not-admissible complaint. */
  ground?: string;
}

export interface PlanOptions {
  year: number;
  count: number;
  seed: number;
  /** Nothing is dated after this instant (default: the machine's time). */
  now: Date;
}

export interface HistoryResult {
  reference: string;
  status: ComplaintStatus;
  /** True when the history was cut off at `now` (the complaint is still being handled). */
  open: boolean;
  /** Deadlines the checks found missed (escalated). */
  escalated: number;
}

const RULING_OUTCOMES = ['founded', 'partly-founded', 'unfounded'] as const;
type RulingOutcome = (typeof RULING_OUTCOMES)[number];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Checks the options a caller gives; throws with a message a person can act on. */
export function checkPlanOptions(options: PlanOptions, timeZone: string): void {
  const thisYear = Number(localDateOf(options.now, timeZone).slice(0, 4));
  if (!Number.isInteger(options.year) || options.year < 2000 || options.year > thisYear) {
    throw new RangeError(`year must be a whole year from 2000 to ${thisYear} (nothing is dated after today), got ${options.year}`);
  }
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > 1_000_000) {
    throw new RangeError(`count must be a whole number from 1 to 1,000,000, got ${options.count}`);
  }
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be a whole number, got ${options.seed}`);
}

// --- planning ------------------------------------------------------------------------------------

export function planComplaints(regulations: RegulationVersions, options: PlanOptions): ComplaintPlan[] {
  const newest = newestVersion(regulations);
  const timeZone = newest.organisation.timeZone;
  checkPlanOptions(options, timeZone);
  const rng = new Random(options.seed);
  const calendar = WorkingCalendar.dutch(newest.calendar);
  const first = `${options.year}-01-01`;
  const today = localDateOf(options.now, timeZone);
  const last = today < `${options.year}-12-31` ? today : `${options.year}-12-31`;
  const days = dayWeights(first, last, calendar);
  const cumulative: number[] = [];
  let total = 0;
  for (const { weight } of days) cumulative.push((total += weight));
  // A complaint is planned with what the version in force on its day offers (channels, categories, grounds).
  const offers = new Map(regulations.versions.map((regulation) => [regulation.version, planningOffer(regulation)]));

  const plans: Array<Omit<ComplaintPlan, 'index'>> = [];
  for (let i = 0; i < options.count; i += 1) {
    const day = days[lowerBound(cumulative, rng.next() * total)]!.date;
    const regulation = versionInForce(regulations, instantAt(day, '12:00', timeZone));
    const { webForm, others, english, scenarios, grounds, categories } = offers.get(regulation.version)!;
    const staffIntake = others.length > 0 && (!webForm || rng.chance(0.45));
    const channel = staffIntake ? rng.skewed(others, 0.8) : webForm!;
    // Staff take calls and letters in office hours on working days; the form is open day and night.
    const intakeDay = staffIntake ? calendar.nextWorkingDayOnOrAfter(day) : day;
    const time = staffIntake ? officeClock(rng) : formClock(rng);
    let receivedAt = instantAt(intakeDay, time, timeZone);
    if (receivedAt > options.now) receivedAt = new Date(options.now.getTime() - rng.int(1, 120) * 60_000);
    let registeredAt = receivedAt;
    if (staffIntake && channel.kind !== 'phone' && channel.kind !== 'in-person') {
      // A letter or e-mail is registered the same or the next working day.
      registeredAt = atOffice(new Date(receivedAt.getTime() + rng.between(0.5, 20) * HOUR), calendar, timeZone, rng);
    } else if (staffIntake) {
      registeredAt = new Date(receivedAt.getTime() + rng.int(5, 40) * 60_000);
    }
    if (registeredAt > options.now) registeredAt = new Date(Math.max(receivedAt.getTime(), options.now.getTime() - 60_000));

    const firstName = rng.pick(T.FIRST_NAMES);
    const lastName = rng.pick(T.LAST_NAMES);
    const language = english && rng.chance(0.1) ? 'en' : 'nl';
    const themeIndex = Math.min(T.THEMES.length - 1, Math.floor(rng.next() ** 1.6 * T.THEMES.length));
    const theme = T.THEMES[themeIndex]!;
    const scenario = rng.weighted(scenarios);
    const ground = scenario === 'not-admissible' && grounds.length ? rng.pick(grounds) : undefined;
    const groundCategoriesOf = (ground?.when as { categories?: string[] } | undefined)?.categories ?? [];
    const chosen = groundCategoriesOf.length ? [...groundCategoriesOf] : categories.length && rng.chance(0.35) ? [rng.skewed(categories, 1.3)] : [];
    const onBehalf = regulation.representation?.onBehalfAllowed && rng.chance(0.06);
    const occurredOn = addDays(localDateOf(receivedAt, timeZone), -rng.int(0, 30));
    plans.push({
      seed: Math.floor(rng.next() * 2 ** 31),
      receivedAt,
      registeredAt,
      channel: channel.id,
      kind: staffIntake ? 'staff' : 'form',
      ...(staffIntake && channel.kind === 'email' && rng.chance(0.1) ? { mode: 'written' as const } : {}),
      language,
      complainant: {
        name: `${firstName} ${lastName}`,
        email:
          `${firstName}.${lastName}`
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z.]/g, '') + `${rng.int(1, 99)}@${rng.pick(T.MAIL_DOMAINS)}`,
        ...(rng.chance(0.4) ? { phone: `06 ${rng.int(10_000_000, 99_999_999)}` } : {}),
      },
      ...(onBehalf ? { representative: { name: rng.pick(T.REPRESENTATIVES), ...(rng.chance(0.7) ? { email: `info${rng.int(1, 9)}@representative.example` } : {}) } } : {}),
      categories: chosen,
      description: rng.pick(language === 'en' ? theme.en : theme.nl),
      occurredOn,
      place: rng.skewed(T.PLACES, 1.2),
      ...(rng.chance(0.25) ? { circumstances: rng.pick(T.CIRCUMSTANCES) } : {}),
      scenario,
      late: rng.chance(0.09),
      extended: rng.chance(0.1),
      ...(ground ? { ground: ground.id } : {}),
    });
  }
  plans.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  return plans.map((plan, index) => ({ index, ...plan }));
}

function planningOffer(regulation: Regulation) {
  const channels = regulation.intake.channels;
  const webForm = channels.find((c) => c.kind === 'web-form');
  // Grounds a history can meet: judgement calls, and those a classification makes apply.
  const grounds = (regulation.admissibility?.grounds ?? []).filter((g) => g.judgement || Object.keys(g.when ?? {}).every((key) => key === 'categories'));
  const groundCategories = new Set(grounds.flatMap((g) => (g.when as { categories?: string[] } | undefined)?.categories ?? []));
  return {
    webForm,
    others: channels.filter((c) => c !== webForm),
    english: regulation.organisation.languages.includes('en'),
    scenarios: scenarioWeights(regulation),
    grounds,
    categories: regulation.categorySchemes.flatMap((s) => s.categories.map((c) => c.id)).filter((id) => !groundCategories.has(id)),
  };
}

function scenarioWeights(regulation: Regulation): Array<readonly [Scenario, number]> {
  const rulings = regulation.outcomes.some((o) => (RULING_OUTCOMES as readonly string[]).includes(o.id));
  const offers = Boolean(regulation.resolution?.offer);
  const weights: Array<readonly [Scenario, number]> = [
    ['ruling', rulings ? (offers ? 20 : 72) : 0],
    ['offer', offers ? 52 : 0],
    ['informal', regulation.informalResolution ? 17 : 11],
    ['not-admissible', regulation.admissibility ? 6 : 0],
    ['withdrawn', 5],
  ];
  return weights.filter(([, w]) => w > 0);
}

/** Weekday-heavy, fewer in the summer holidays, a bump on the first working day after a holiday. */
function dayWeights(first: IsoDate, last: IsoDate, calendar: WorkingCalendar): Array<{ date: IsoDate; weight: number }> {
  const WEEKDAY = [0.15, 1.3, 1.1, 1.0, 1.0, 0.8, 0.2]; // Sunday .. Saturday
  const MONTH = [1.25, 1.05, 1.0, 1.0, 0.95, 0.95, 0.75, 0.7, 1.1, 1.05, 1.0, 0.85];
  const days: Array<{ date: IsoDate; weight: number }> = [];
  let previousWorking = true;
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const working = calendar.isWorkingDay(date);
    let weight = WEEKDAY[weekday]! * MONTH[Number(date.slice(5, 7)) - 1]!;
    if (!working && weekday !== 0 && weekday !== 6) weight = 0.2; // a public holiday
    if (working && !previousWorking && weekday !== 1) weight *= 1.6; // after a holiday
    if (working && weekday === 1 && !calendar.isWorkingDay(addDays(date, -3))) weight *= 1.4; // after a long weekend
    days.push({ date, weight });
    previousWorking = working || weekday === 0 || weekday === 6 ? working : false;
  }
  return days;
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Office hours, most in the morning. */
function officeClock(rng: Random): string {
  const minutes = Math.floor(8.5 * 60 + rng.next() ** 1.3 * 8.5 * 60);
  return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/** The web form: daytime and evening, a little at night. */
function formClock(rng: Random): string {
  const hour = rng.weighted([
    [7, 2],
    [8, 5],
    [9, 8],
    [10, 9],
    [11, 8],
    [12, 6],
    [13, 7],
    [14, 7],
    [15, 6],
    [16, 5],
    [17, 4],
    [18, 3],
    [19, 5],
    [20, 6],
    [21, 5],
    [22, 3],
    [23, 1],
    [0, 0.5],
    [6, 1],
  ] as const);
  return `${two(hour)}:${two(rng.int(0, 59))}`;
}

/** The first moment at or after `from` that staff are at work (08:30-17:00 on a working day). */
function atOffice(from: Date, calendar: WorkingCalendar, timeZone: string, rng: Random): Date {
  const date = localDateOf(from, timeZone);
  const clock = wallClock(from, timeZone).slice(11, 16);
  if (calendar.isWorkingDay(date) && clock >= '08:30' && clock <= '17:00') return from;
  const day = calendar.isWorkingDay(date) && clock < '08:30' ? date : calendar.nextWorkingDayOnOrAfter(addDays(date, 1));
  const minutes = 8.5 * 60 + rng.int(0, 180);
  return instantAt(day, `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`, timeZone);
}

// --- living a history ----------------------------------------------------------------------------

/** The clock the use cases read: set by the walk, never backwards. */
class SimulatedClock implements Clock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  set(at: Date): void {
    if (at > this.current) this.current = new Date(at);
  }
}

/** Thrown when the next step would happen after `now`: the complaint stays as it is. */
class ReachedNow extends Error {}

/** Historical letters are recorded as delivered: nothing is mailed. */
const recordingMailer = (): Mailer => {
  let sent = 0;
  return { send: async () => `seeded-${Date.now().toString(36)}-${(sent += 1)}` };
};

/**
 * The register as the walk's use cases see it: every outbox entry they queue is captured, so
 * the walk delivers its own complaint's entries at the simulated time. A running local cloud's
 * drainer must not deliver them at today's date first, so they are written with nextAttemptAt an
 * hour ahead (deliverEntry does not look at it; after a crash the drainer still gets them).
 * Schedules for deadlines after `now` are left to that drainer, as they would be in real life.
 */
class CapturingRegister implements ComplaintRegister {
  readonly queue: OutboxEntry[] = [];
  private readonly deferred = new Set<string>();
  private readonly hold: string;

  constructor(
    private readonly base: ComplaintRegister,
    private readonly realNow: Date,
  ) {
    this.hold = new Date(Math.max(Date.now(), realNow.getTime()) + HOUR).toISOString();
  }

  private captured<W extends ComplaintWrite>(write: W): W {
    return { ...write, outbox: this.capture(write.outbox) };
  }

  private capture(entries: OutboxEntry[]): OutboxEntry[] {
    return entries.flatMap((entry) => {
      const action = entry.action;
      const changes = scheduleChangesOf(action);
      if (!changes.length) return [this.held(entry)];
      // A schedule group splits: what is left to the drainer keeps the entry's id, the rest is walked now.
      const left = changes.filter((change) => this.leftToDrainer(change));
      const walked = changes.filter((change) => !left.includes(change));
      return [
        ...(left.length ? [{ ...entry, action: { kind: 'schedules' as const, changes: left } }] : []),
        ...(walked.length ? [this.held({ ...entry, entryId: left.length ? `${entry.entryId}-walked` : entry.entryId, action: { kind: 'schedules', changes: walked } })] : []),
      ];
    });
  }

  /** A schedule for a deadline after now (and its later removal) is the running drainer's, as in real life. */
  private leftToDrainer(change: ScheduleChange): boolean {
    if (change.kind === 'schedule' && Date.parse(change.at) > this.realNow.getTime()) {
      this.deferred.add(change.name);
      return true;
    }
    return change.kind === 'unschedule' && this.deferred.has(change.name);
  }

  private held(entry: OutboxEntry): OutboxEntry {
    const held = { ...entry, nextAttemptAt: this.hold };
    this.queue.push(held);
    return held;
  }

  findByIdempotencyKey(key: string) {
    return this.base.findByIdempotencyKey(key);
  }
  allocateSequence(year: number) {
    return this.base.allocateSequence(year);
  }
  register(registration: Registration) {
    return this.base.register(this.captured(registration));
  }
  voidReference(reference: string, reason: string) {
    return this.base.voidReference(reference, reason);
  }
  get(reference: string) {
    return this.base.get(reference);
  }
  appendEvent(write: ComplaintWrite) {
    return this.base.appendEvent(this.captured(write));
  }
  events(reference: string) {
    return this.base.events(reference);
  }
  pendingOutbox(now: Date, limit: number) {
    return this.base.pendingOutbox(now, limit);
  }
  // The lease is simulated time, already past for a running drainer: hold it an hour of real time instead.
  claimOutbox(entry: OutboxEntry, now: Date) {
    return this.base.claimOutbox(entry, now, new Date(this.hold));
  }
  completeOutbox(entry: OutboxEntry, result: DeliveryResult, write?: ComplaintWrite) {
    return this.base.completeOutbox(entry, result, write && this.captured(write));
  }
  releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }) {
    return this.base.releaseOutbox(entry, failure);
  }
  outboxEntryState(reference: string, entryId: string) {
    return this.base.outboxEntryState(reference, entryId);
  }
  pendingWebhooks(limit?: number) {
    return this.base.pendingWebhooks(limit);
  }
}

export interface WalkDeps {
  register: ComplaintRegister & MeasureStore;
  regulations: RegulationVersions;
  /** Nothing is dated after this instant. */
  now: Date;
  /** The tenant's search key: seeded complaints are findable by name and address, as registered ones are. */
  searchKey?: SearchKey;
}

/** Lives one planned complaint through the use cases; see the module comment. */
export async function walkHistory(deps: WalkDeps, plan: ComplaintPlan, hooks: { registered?: () => void } = {}): Promise<HistoryResult> {
  const walk = new Walk(deps, plan);
  try {
    await walk.registerComplaint();
  } finally {
    hooks.registered?.();
  }
  try {
    await walk.live();
  } catch (error) {
    if (!(error instanceof ReachedNow)) throw error;
    await walk.fireDueSchedules(deps.now);
  }
  const complaint = await walk.current();
  return {
    reference: complaint.reference,
    status: complaint.status,
    open: !['closed', 'not-admissible', 'withdrawn', 'referred-externally'].includes(complaint.status),
    escalated: walk.escalated,
  };
}

class Walk {
  private readonly rng: Random;
  private readonly regulation: Regulation;
  private readonly calendar: WorkingCalendar;
  private readonly timeZone: string;
  private readonly clock: SimulatedClock;
  private readonly register: CapturingRegister;
  private readonly delivery: DeliverOutboxDeps;
  private readonly fired = new Set<string>();
  private readonly staff: Record<'coordinator' | 'officer' | 'director', Actor>;
  private reference = '';
  escalated = 0;
  /** When the last step happened: the next one comes after it. */
  private t: Date;

  constructor(
    private readonly deps: WalkDeps,
    private readonly plan: ComplaintPlan,
  ) {
    this.rng = new Random(plan.seed);
    // The version the complaint will live under: in force on the day it is received.
    this.regulation = versionInForce(deps.regulations, plan.receivedAt);
    this.calendar = WorkingCalendar.dutch(this.regulation.calendar);
    this.timeZone = this.regulation.organisation.timeZone;
    this.clock = new SimulatedClock(plan.registeredAt);
    this.register = new CapturingRegister(deps.register, deps.now);
    this.delivery = { register: this.register, mailer: recordingMailer(), scheduler: { ensure: async () => {}, remove: async () => {} }, clock: this.clock, regulations: this.deps.regulations };
    this.t = plan.registeredAt;
    const tenant = this.regulation.id;
    this.staff = {
      coordinator: { email: `coordinator@${tenant}.example`, roles: ['coordinator'] },
      officer: { email: `officer@${tenant}.example`, roles: ['complaints-officer'] },
      director: { email: `director@${tenant}.example`, roles: ['director'] },
    };
  }

  /** The complaint as last read; dropped whenever the walk changes it (a read is a round trip). */
  private view: ComplaintRecord | undefined;

  async current(): Promise<ComplaintRecord> {
    if (this.view) return this.view;
    const complaint = await this.deps.register.get(this.reference);
    if (!complaint) throw new Error(`complaint ${this.reference} is not in the register`);
    return (this.view = complaint);
  }

  async registerComplaint(): Promise<void> {
    const plan = this.plan;
    const useCase = { register: this.register, clock: this.clock, regulations: this.deps.regulations, ...(this.deps.searchKey ? { searchKey: this.deps.searchKey } : {}) };
    const common = {
      complainant: { ...plan.complainant, language: plan.language },
      description: plan.description,
      occurredOn: plan.occurredOn,
      place: plan.place,
      ...(plan.circumstances ? { circumstances: plan.circumstances } : {}),
      categories: plan.categories,
    };
    let result;
    if (plan.kind === 'form') {
      result = await registerComplaint(useCase, { body: { ...common, ...(plan.representative ? { representative: plan.representative } : {}) } });
    } else {
      const body = {
        ...common,
        channel: plan.channel,
        ...(plan.mode ? { mode: plan.mode } : {}),
        receivedAt: plan.receivedAt.toISOString(),
        ...(plan.representative ? { representative: { ...plan.representative, authorisationReceived: this.rng.chance(0.3) } } : {}),
      };
      result = await registerStaffIntake(useCase, { body, staffEmail: this.staff.coordinator.email });
    }
    this.reference = result.complaint.reference;
    await this.deliver(new Date(plan.registeredAt.getTime() + this.rng.int(20, 180) * 1000));
    await this.refreshDeadline();
  }

  async live(): Promise<void> {
    const { plan, regulation, rng } = this;
    let complaint = await this.current();

    if (complaint.representative?.authorisation === 'required') {
      // The signed authorisation arrives after a few days (or is still awaited).
      await this.step('authorisation', { reason: 'Ondertekende machtiging ontvangen.' }, this.after(20, 10 * 24));
    }
    if (plan.scenario === 'not-admissible') {
      const grounds = regulation.admissibility?.grounds ?? [];
      await this.step(
        'not-admissible',
        {
          ...(grounds.length ? { ground: plan.ground ?? (grounds.find((g) => g.judgement) ?? grounds[0]!).id } : {}),
          explanation: 'De klacht valt buiten deze klachtenregeling; de klager is doorverwezen.',
        },
        this.after(2, 4 * 24),
      );
      return;
    }

    await this.classify();
    const involved = await this.recordInvolvement();
    if (regulation.roleRules.some((r) => r.rule === 'assigns')) {
      const which = rng.chance(0.6)
        ? { email: `handler1@${regulation.id}.example`, name: 'Hans Behandelaar', function: 'Teamleider' }
        : { email: `handler2@${regulation.id}.example`, name: 'Hanneke Behandelaar', function: 'Adviseur' };
      await this.step('assign', { handler: which }, this.after(1, 3 * 24));
    }
    if (plan.scenario === 'withdrawn') {
      if (rng.chance(0.5)) await this.step('contact', this.contactBody(), this.after(4, 5 * 24));
      await this.step('withdraw', { reason: rng.pick(T.WITHDRAWALS) }, this.after(24, 15 * 24));
      return;
    }

    const contactDue = this.milestoneMetBy('contacted', complaint);
    if (contactDue || rng.chance(0.8)) await this.step('contact', this.contactBody(), contactDue ? await this.byDue('contacted', rng.chance(0.06)) : this.after(3, 5 * 24));
    if (involved && (regulation.investigation?.hearBothSides ? rng.chance(0.9) : rng.chance(0.3))) {
      await this.step('subject-statement', { staffEmail: involved, statement: rng.pick(T.STATEMENTS), agreedToRecord: true }, this.after(24, 7 * 24));
    }
    if (rng.chance(0.15)) {
      const at = this.after(24, 10 * 24);
      await this.step('hearing', { heldOn: localDateOf(at, this.timeZone), summary: 'Klager gehoord; de klacht is toegelicht.' }, at);
    }

    const decisive = plan.scenario === 'offer' ? 'offer-made' : plan.scenario === 'ruling' ? 'ruling-sent' : undefined;
    if (decisive && plan.extended && !plan.late) await this.extend(decisive);

    let outcome: RulingOutcome | 'offer' | 'informal';
    if (plan.scenario === 'ruling') {
      outcome = this.rulingOutcome();
      await this.step('ruling', this.rulingBody(outcome), await this.byDue('ruling-sent', plan.late));
    } else if (plan.scenario === 'offer') {
      outcome = 'offer';
      const remedies = regulation.resolution?.remedies ?? [];
      await this.step('offer', { description: rng.pick(T.OFFERS), remedies: remedies.length ? [rng.skewed(remedies).id] : [] }, await this.byDue('offer-made', plan.late));
    } else {
      outcome = 'informal';
      await this.step('resolve-informally', { description: rng.pick(T.INFORMAL) }, this.after(20, 12 * 24));
    }

    if (outcome === 'founded' || outcome === 'partly-founded' ? rng.chance(0.55) : rng.chance(0.15)) await this.recordMeasure();
    complaint = await this.current();
    if (this.milestoneMetBy('actions-recorded', complaint) || rng.chance(0.15)) {
      const at = this.milestoneMetBy('actions-recorded', complaint) ? await this.byDue('actions-recorded', rng.chance(0.05)) : this.after(4, 3 * 24);
      await this.step('actions', { actions: 'Dossier nagelopen, klager en medewerker gesproken.', result: 'Afspraken gemaakt over de verdere begeleiding.' }, at);
    }

    const satisfiedChance = { founded: 0.85, 'partly-founded': 0.6, unfounded: 0.3, offer: 0.75, informal: 0.95 }[outcome];
    const satisfied = rng.chance(satisfiedChance);
    const askReaction = outcome === 'offer' || regulation.satisfactionCheck ? true : rng.chance(outcome === 'informal' ? 0.2 : 0.5);
    if (askReaction)
      await this.step('reaction', { satisfied, ...(rng.chance(0.4) ? { comment: satisfied ? 'Dank voor de snelle afhandeling.' : 'Ik blijf het er niet mee eens.' } : {}) }, this.after(24, 8 * 24));

    if (outcome !== 'offer' && outcome !== 'informal' && regulation.objection) {
      const objects = !satisfied && rng.chance(outcome === 'unfounded' ? 0.4 : 0.25);
      if (objects) {
        await this.objection();
        return;
      }
    }
    if (outcome === 'offer' && !satisfied && tiersOf(regulation).some((t) => t.opens.after === 'answer') && rng.chance(0.6)) {
      await this.step('external-referral', this.referralBody(), this.after(24, 7 * 24));
      return;
    }
    if (outcome === 'offer' && satisfied && regulation.informalResolution && rng.chance(0.5)) {
      await this.step('resolve-informally', { description: 'Opgelost met het aanbod.' }, this.after(4, 3 * 24));
    }
    await this.signOffAndClose();
  }

  // --- the steps, as staff would take them --------------------------------------------------------

  private async classify(): Promise<void> {
    const schemes = this.regulation.categorySchemes;
    if (!schemes.length) return;
    const complaint = await this.current();
    const required = schemes.some((s) => s.required);
    if (!required && !this.rng.chance(complaint.categories.length ? 0.4 : 0.85)) return;
    const grounds = new Set((this.regulation.admissibility?.grounds ?? []).flatMap((g) => (g.when as { categories?: string[] } | undefined)?.categories ?? []));
    const chosen: string[] = [];
    for (const scheme of schemes) {
      const options = scheme.categories.map((c) => c.id).filter((id) => !grounds.has(id));
      if (!options.length) continue;
      const fromComplainant = complaint.categories.filter((id) => options.includes(id));
      const picked = fromComplainant.length ? fromComplainant.slice(0, scheme.multiple ? undefined : 1) : [this.rng.skewed(options, 1.3)];
      if (scheme.multiple && this.rng.chance(0.2)) picked.push(this.rng.pick(options));
      chosen.push(...new Set(picked));
    }
    if (chosen.length) await this.step('classify', { categories: chosen }, this.after(1, 2 * 24));
  }

  /** Records the staff member concerned (often, and always where the regulation has them sign off). */
  private async recordInvolvement(): Promise<string | undefined> {
    const signOffByThem = this.regulation.signOff?.by.some((role) => this.perComplaintRole(role)) ?? false;
    if (!signOffByThem && !this.rng.chance(0.4)) return undefined;
    const person = this.rng.skewed(T.STAFF, 1.2);
    const email = `${person.local}@${this.regulation.id}.example`;
    await this.step('involvement', { person: { email, name: person.name, function: person.function, involvement: this.rng.chance(0.7) ? 'subject' : 'service-provider' } }, this.after(1, 2 * 24));
    return email;
  }

  private async extend(metBy: string): Promise<void> {
    const complaint = await this.current();
    const milestone = this.milestoneMetBy(metBy, complaint);
    const definition = milestone && this.regulation.milestones.find((m) => m.id === milestone.milestoneId);
    const upTo = definition?.extension?.upTo;
    if (!milestone || !upTo || upTo === 'open' || upTo.unit === 'same-day' || upTo.unit === 'years') return;
    // Announced in the last week or so before the deadline.
    const latest = instantAt(this.calendar.subtractWorkingDays(milestone.due, 1), '16:00', this.timeZone);
    const at = this.within(this.t, latest, 0.6);
    if (!at) return;
    const period = { unit: upTo.unit, amount: upTo.amount };
    await this.step('extension', { milestoneId: milestone.milestoneId, period, reason: this.rng.pick(T.EXTENSION_REASONS) }, at);
  }

  private rulingOutcome(): RulingOutcome {
    const known = RULING_OUTCOMES.filter((id) => this.regulation.outcomes.some((o) => o.id === id));
    const weights: Record<RulingOutcome, number> = { founded: 30, 'partly-founded': 28, unfounded: 42 };
    return this.rng.weighted(known.map((id) => [id, weights[id]] as const));
  }

  private rulingBody(outcome: RulingOutcome) {
    const requires = this.regulation.outcomes.find((o) => o.id === outcome)?.requires ?? [];
    const remedies = this.regulation.resolution?.remedies ?? [];
    const giveRemedy = remedies.length > 0 && (requires.includes('remedy-offer') || (outcome !== 'unfounded' && this.rng.chance(0.5)));
    return {
      outcome,
      reasoning: this.rng.pick(T.REASONING[outcome]),
      ...(outcome !== 'unfounded' ? { improvements: this.rng.pick(T.IMPROVEMENTS) } : {}),
      remedies: giveRemedy ? [this.rng.skewed(remedies).id] : [],
    };
  }

  private contactBody() {
    const ways = (this.regulation.investigation?.contactComplainant?.via ?? ['phone']).filter((v): v is 'phone' | 'in-person' | 'written' | 'email' =>
      ['phone', 'in-person', 'written', 'email'].includes(v),
    );
    return { via: ways.length ? this.rng.pick(ways) : 'phone', summary: this.rng.pick(T.CONTACT_SUMMARIES) };
  }

  private referralBody() {
    const external = this.regulation.external;
    if (external.kind !== 'chosen-per-complaint') return {};
    const options = external.options.map((o) => o.label.nl);
    return { body: options.length ? this.rng.pick(options) : 'Geschillencommissie' };
  }

  /** A corrective or preventive measure in the register, linked to the complaint, and its later life. */
  private async recordMeasure(): Promise<void> {
    const allowed = (['corrective', 'preventive'] as const).filter((kind) => !this.regulation.measures || this.regulation.measures[kind]);
    if (!allowed.length) return;
    const at = this.after(2, 5 * 24);
    if (at > this.deps.now) throw new ReachedNow();
    await this.fireDueSchedules(at);
    this.clock.set(at);
    const kind = this.rng.pick(allowed);
    const due = this.calendar.addWorkingDays(localDateOf(at, this.timeZone), this.rng.int(10, 40));
    const owner = this.rng.skewed(T.STAFF.slice(3));
    const measureClock = new SimulatedClock(at);
    const measureDeps = { register: this.deps.register, clock: measureClock, regulations: this.deps.regulations };
    // The coordinator records it; its owner reports its progress (shared/domain/measures: who may change what).
    const coordinator = { email: this.staff.coordinator.email, roles: ['coordinator'] as const };
    const measure = await createMeasure(
      measureDeps,
      {
        kind,
        what: this.rng.pick(T.MEASURES[kind]),
        owner: { email: `${owner.local}@${this.regulation.id}.example`, name: owner.name },
        dueDate: due,
        complaintRefs: [this.reference],
      },
      coordinator,
    );
    await this.step('measures', { measureIds: [measure.id] }, new Date(at.getTime() + this.rng.int(2, 30) * 60_000));

    // Most measures are done on time, some late, some are still open; most are evaluated later.
    const fate = this.rng.weighted([
      ['on-time', 60],
      ['late', 22],
      ['open', 13],
      ['cancelled', 5],
    ] as const);
    if (fate === 'open') return;
    const dueAt = instantAt(due, '16:00', this.timeZone);
    const doneAt = fate === 'late' ? atOffice(new Date(dueAt.getTime() + this.rng.between(1, 30) * DAY), this.calendar, this.timeZone, this.rng) : (this.within(at, dueAt, 0.5) ?? dueAt);
    if (doneAt > this.deps.now) return;
    measureClock.set(doneAt);
    if (fate === 'cancelled') {
      await updateMeasure(measureDeps, measure.id, { status: 'cancelled', result: 'Niet meer nodig: de werkwijze is inmiddels anders ingericht.' }, coordinator);
      return;
    }
    await updateMeasure(measureDeps, measure.id, { status: 'done' }, coordinator);
    if (!this.rng.chance(0.7)) return;
    const evaluatedAt = atOffice(new Date(doneAt.getTime() + this.rng.between(14, 60) * DAY), this.calendar, this.timeZone, this.rng);
    if (evaluatedAt > this.deps.now) return;
    measureClock.set(evaluatedAt);
    const effective = this.rng.chance(0.75);
    await updateMeasure(
      measureDeps,
      measure.id,
      { effective, result: effective ? 'Geen nieuwe klachten hierover sinds de maatregel.' : 'Er kwamen daarna opnieuw vergelijkbare klachten.' },
      coordinator,
    );
  }

  /** An objection within the window, the hearing where the regulation has one, the decision, maybe the external body. */
  private async objection(): Promise<void> {
    const regulation = this.regulation;
    const complaint = await this.current();
    const last = objectionDeadline(regulation, complaint);
    const lastAt = last ? instantAt(last, '16:00', this.timeZone) : new Date(this.t.getTime() + 20 * DAY);
    const receivedAt = this.within(this.t, lastAt, 0.5);
    if (!receivedAt) return this.signOffAndClose();
    await this.step('objection', { text: this.rng.pick(T.OBJECTIONS), receivedAt: receivedAt.toISOString() }, new Date(receivedAt.getTime() + this.rng.int(10, 600) * 60_000));
    if (regulation.objection?.hearing) {
      const at = this.after(3 * 24, 15 * 24);
      await this.step('objection-hearing', { heldOn: localDateOf(at, this.timeZone), summary: 'Het bezwaar is mondeling toegelicht.' }, at);
    }
    const outcome = this.rng.weighted([
      ['unfounded', 70],
      ['partly-founded', 20],
      ['founded', 10],
    ] as const);
    const after = await this.current();
    const at = this.milestoneMetBy('objection-decided', after) ? await this.byDue('objection-decided', this.rng.chance(0.1)) : this.after(5 * 24, 20 * 24);
    await this.step('objection-decision', { outcome, reasoning: this.rng.pick(T.REASONING[outcome]), remedies: [] }, at);
    const mustRefer = Boolean(this.milestoneMetBy('external-referral-given', await this.current()));
    if (regulation.external.kind !== 'none' && (mustRefer || (outcome === 'unfounded' && this.rng.chance(0.35)))) {
      const referralAt = mustRefer ? await this.byDue('external-referral-given', false) : this.after(24, 7 * 24);
      await this.step('external-referral', this.referralBody(), referralAt);
      return;
    }
    await this.signOffAndClose();
  }

  private async signOffAndClose(): Promise<void> {
    const signOff = this.regulation.signOff;
    let complaint = await this.current();
    if (!allowedNow(STEPS.close as StepDefinition, complaint.status)) return;
    const satisfactory = complaint.satisfaction?.satisfied || complaint.status === 'resolved-informally';
    if (signOff && (signOff.when === 'always' || (signOff.when === 'resolved-satisfactorily' && satisfactory))) {
      for (const role of signOff.by) await this.step('sign-off', { role }, this.after(2, 3 * 24), role);
    }
    complaint = await this.current();
    const reportDue = this.milestoneMetBy('report-sent', complaint);
    const at = reportDue ? await this.byDue('report-sent', this.rng.chance(0.05)) : this.after(4, 8 * 24);
    await this.step('close', { finalReport: 'Eindverslag aan de klager verstuurd.' }, at);
  }

  // --- running a step at a simulated time ---------------------------------------------------------

  private async step(id: StepId, body: unknown, at: Date, asRole?: string): Promise<void> {
    if (at > this.deps.now) throw new ReachedNow();
    await this.fireDueSchedules(at);
    this.clock.set(at);
    this.t = this.clock.now();
    const complaint = await this.current();
    if (!allowedNow(STEPS[id] as StepDefinition, complaint.status)) return;
    const actor = this.actorFor(id, complaint, asRole);
    this.view = undefined;
    try {
      await performStep({ register: this.register, clock: this.clock, regulations: this.deps.regulations, measures: this.deps.register }, { step: id, reference: this.reference, body, actor });
    } catch (error) {
      throw new Error(`${this.regulation.id} ${this.reference} (${complaint.status}): step "${id}" by ${actor.email} failed: ${(error as Error).message} ${JSON.stringify(body)}`, { cause: error });
    }
    await this.deliver(new Date(at.getTime() + this.rng.int(30, 240) * 1000));
    await this.refreshDeadline();
  }

  /** The earliest open deadline that staff still work towards (letters meet the others by themselves). */
  private nextDeadline: Date | undefined;
  private async refreshDeadline(): Promise<void> {
    const complaint = await this.current();
    const byStaff = complaint.milestones
      .filter(
        (m) =>
          m.status === 'open' &&
          !(this.regulation.milestones.find((d) => d.id === m.milestoneId)?.metBy ?? []).some((e) => ['acknowledged', 'coordinator-notified', 'report-sent', 'not-taken-up-notified'].includes(e)),
      )
      .map((m) => Date.parse(m.dueAt));
    this.nextDeadline = byStaff.length ? new Date(Math.min(...byStaff)) : undefined;
  }

  /** The staff member who takes a step: the handler where they may, else the first role holder. */
  private actorFor(id: StepId, complaint: ComplaintRecord, asRole?: string): Actor {
    const roles = asRole ? [asRole] : (STEPS[id] as StepDefinition).actors(this.regulation).roles;
    const actor = stepActor(this.regulation, this.staff, complaint, roles);
    if (!actor) throw new Error(`${this.regulation.id}: nobody holds a role for "${id}" (${roles.join(', ')})`);
    return actor;
  }

  private perComplaintRole(role: string): boolean {
    const assigns = this.regulation.roleRules.find((r) => r.rule === 'assigns') as { assigns?: string } | undefined;
    return this.regulation.roles.find((r) => r.id === role)?.assignment === 'per-complaint' && role !== 'handler' && role !== assigns?.assigns;
  }

  /** Delivers everything the last change queued (and what that queues), a little after `at`. */
  private async deliver(at: Date): Promise<void> {
    let when = at;
    if (this.register.queue.length) this.view = undefined;
    while (this.register.queue.length) {
      const entry = this.register.queue.shift()!;
      this.clock.set(when > this.deps.now ? this.deps.now : when);
      await deliverEntry(this.delivery, entry);
      when = new Date(when.getTime() + this.rng.int(1, 20) * 1000);
    }
  }

  /**
   * Runs the deadline schedules that would have fired before `until`, in time order: a reminder
   * on its morning while the deadline is open, a check at the end of the due day.
   */
  async fireDueSchedules(until: Date): Promise<void> {
    for (;;) {
      const complaint = await this.current();
      let next: { at: Date; milestoneId: string; kind: 'check' | 'remind'; key: string } | undefined;
      for (const m of complaint.milestones) {
        if (m.status !== 'open') continue;
        const candidates: Array<{ at: Date; kind: 'check' | 'remind' }> = [{ at: new Date(m.dueAt), kind: 'check' }];
        if (m.reminderOn && m.remindedFor !== m.due) candidates.push({ at: reminderInstant(m.reminderOn, this.timeZone), kind: 'remind' });
        for (const candidate of candidates) {
          const key = `${m.milestoneId}.${candidate.kind}.${m.due}`;
          if (this.fired.has(key) || candidate.at >= until) continue;
          if (!next || candidate.at < next.at) next = { ...candidate, milestoneId: m.milestoneId, key };
        }
      }
      if (!next) return;
      this.fired.add(next.key);
      this.clock.set(new Date(next.at.getTime() + 1000));
      this.view = undefined;
      const outcome = await checkDeadline(
        { register: this.register, clock: this.clock, regulations: this.deps.regulations },
        { reference: this.reference, milestoneId: next.milestoneId, kind: next.kind },
      );
      if (outcome === 'escalated') this.escalated += 1;
      await this.deliver(new Date(this.clock.now().getTime() + 5000));
    }
  }

  // --- time -------------------------------------------------------------------------------------

  /**
   * Office time some hours after the last step; staff who have a deadline coming use at most a
   * quarter of the time left for the steps before it (a missed deadline is planned, see `late`).
   */
  private after(minHours: number, maxHours: number): Date {
    let delay = this.rng.between(minHours, maxHours) * HOUR;
    const room = this.nextDeadline ? this.nextDeadline.getTime() - this.t.getTime() : Infinity;
    if (room > 0 && delay > room / 4) delay = Math.max(30 * 60_000, this.rng.between(0.1, 0.25) * room);
    const at = atOffice(new Date(this.t.getTime() + delay), this.calendar, this.timeZone, this.rng);
    return this.nextDeadline && at > this.nextDeadline && this.t < this.nextDeadline ? new Date(this.t.getTime() + Math.min(delay, 30 * 60_000)) : at;
  }

  /** Office time between `from` and `to` (leaning towards `to` with a smaller skew); undefined when there is no room. */
  private within(from: Date, to: Date, skew: number): Date | undefined {
    if (to.getTime() - from.getTime() < 2 * HOUR) return undefined;
    const at = new Date(from.getTime() + HOUR + this.rng.next() ** skew * (to.getTime() - from.getTime() - 2 * HOUR));
    const office = atOffice(at, this.calendar, this.timeZone, this.rng);
    return office <= to ? office : undefined;
  }

  private milestoneMetBy(metBy: string, complaint: ComplaintRecord) {
    return complaint.milestones.find((m) => isLive(m) && this.regulation.milestones.find((d) => d.id === m.milestoneId)?.metBy.includes(metBy));
  }

  /**
   * When the step that meets a deadline happens: mostly in time (often in its last days), and
   * when `late`, a few working days after it. Without such a deadline: a few weeks' handling.
   */
  private async byDue(metBy: string, late: boolean): Promise<Date> {
    const milestone = this.milestoneMetBy(metBy, await this.current());
    if (!milestone) return this.after(3 * 24, 25 * 24);
    if (late || milestone.status === 'escalated') {
      const day = this.calendar.addWorkingDays(milestone.due < localDateOf(this.t, this.timeZone) ? localDateOf(this.t, this.timeZone) : milestone.due, this.rng.int(1, 12));
      return instantAt(day, officeClock(this.rng), this.timeZone);
    }
    const end = instantAt(milestone.due, '16:30', this.timeZone);
    return this.within(this.t, end, 0.7) ?? this.after(1, 4);
  }
}

// --- many at once --------------------------------------------------------------------------------

export interface GenerateOptions {
  /** Histories walked at the same time (a database round trip is the cost; in memory use 1). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called with each finished history (the bench loader exports it and frees the memory). */
  onHistory?: (result: HistoryResult) => Promise<void> | void;
}

/**
 * Walks every plan. References follow the time of receipt: each complaint is registered only
 * after the one before it, the rest of the walks overlap.
 */
export async function generateHistories(deps: WalkDeps, plans: ComplaintPlan[], options: GenerateOptions = {}): Promise<HistoryResult[]> {
  const results: HistoryResult[] = new Array(plans.length);
  const turns = plans.map(() => {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { promise, open };
  });
  let nextIndex = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const i = nextIndex++;
      if (i >= plans.length) return;
      if (i > 0) await turns[i - 1]!.promise;
      const result = await walkHistory(deps, plans[i]!, { registered: () => turns[i]!.open() });
      results[i] = result;
      await options.onHistory?.(result);
      options.onProgress?.((done += 1), plans.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return results;
}
