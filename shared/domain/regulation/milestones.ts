/**
 * From a regulation to concrete dates: which milestones apply to a complaint and when each is
 * due, which windows are open and when they close, on the tenant's working calendar. Pure: the
 * caller passes the facts (events with their instants, stated dates, missed milestones).
 *
 * Every date can be explained (explain.ts); the counting here and there is the same.
 */
import { type Extension, type IsoDate, type Period, WorkingCalendar, dueDate, endOfLocalDay, fromDayNumber, instantAt, localDateOf, reminderDate, toDayNumber } from '../calendar/index.ts';
import type { Citation, Condition, Language, LocalizedText, Milestone, MilestoneKind, Moment, Regulation, Window } from './schema.ts';
import { parseAnchor } from './vocabulary.ts';
import { label } from '../../texts/index.ts';
import { MAX_OCCURRENCES } from './schedule-names.ts';

/** Facts about one complaint that conditions can test. */
export interface ComplaintContext {
  /** Category ids the complaint is classified in. */
  categories?: readonly string[];
  /** Channel id it came in on. */
  channel?: string;
  /** Complainant kind (scope.complainants id). */
  complainant?: string;
  /** Filed on someone else's behalf. */
  representative?: boolean;
  /** Language for labels; default: the organisation's first language. */
  lang?: Language;
}

/** Everything about a complaint that dates are counted from. */
export interface ComplaintFacts extends ComplaintContext {
  /** Events that have happened, the first time each. */
  happened: Readonly<Partial<Record<string, Date | string>>>;
  /** Dates stated about the complaint (stated-date id -> local day). */
  stated?: Readonly<Record<string, IsoDate>>;
  /** Milestones that were missed: id -> the instant they were (the end of their due day). */
  missed?: Readonly<Record<string, Date | string>>;
  /** Milestones met by their due date. */
  metOnTime?: readonly string[];
  /** The deadlines counted from receipt wait for this instant (a required authorisation arrived). */
  clockStartsAt?: Date | string;
}

export interface ScheduledMilestone {
  milestoneId: string;
  label: string;
  labels: LocalizedText;
  kind: MilestoneKind;
  anchor: string;
  /** The local day of the anchor (not counted). */
  anchorDate: IsoDate;
  period: Period;
  metBy: string[];
  /** Last day, local to the tenant. */
  due: IsoDate;
  /** End of the due day in the tenant's time zone. */
  dueAt: Date;
  /** Working day on which to remind the responsible role, if the milestone asks for a reminder. */
  reminderOn?: IsoDate;
  responsibleRole: string;
  escalationRole?: string;
  /** For a recurring milestone: which occurrence (1, 2, ...). */
  occurrence?: number;
  citation: Citation;
}

/** The tenant's working calendar (the calendar a complaint is received under keeps its deadlines). */
export function calendarOf(reg: Regulation): WorkingCalendar {
  return WorkingCalendar.dutch(reg.calendar);
}

function instant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

// --- anchors -------------------------------------------------------------------------------------

export interface ResolvedAnchor {
  /** The local day the period is counted from (not counted itself). */
  on: IsoDate;
  /** The instant, for ordering (a stated date counts at noon). */
  at: Date;
  /** Why the anchor is not the event itself: the clock waited for the authorisation. */
  paused?: { from: IsoDate };
}

/** When an anchor happened for this complaint, or undefined when it has not (yet). */
export function resolveAnchor(reg: Regulation, anchor: string, facts: ComplaintFacts): ResolvedAnchor | undefined {
  const timeZone = reg.organisation.timeZone;
  const parsed = parseAnchor(anchor);
  if (parsed.kind === 'stated') {
    const on = facts.stated?.[parsed.id];
    return on ? { on, at: instantAt(on, '12:00', timeZone) } : undefined;
  }
  if (parsed.kind === 'missed') {
    const at = facts.missed?.[parsed.milestone];
    return at ? { on: localDateOf(instant(at), timeZone), at: instant(at) } : undefined;
  }
  const happened = facts.happened[parsed.event];
  if (!happened) return undefined;
  if (parsed.event === 'received' && facts.clockStartsAt) {
    const at = instant(facts.clockStartsAt);
    return { on: localDateOf(at, timeZone), at, paused: { from: localDateOf(instant(happened), timeZone) } };
  }
  const at = instant(happened);
  return { on: localDateOf(at, timeZone), at };
}

/**
 * A milestone's anchor for this complaint. The acknowledgement never waits for the clock: it is
 * what asks for the missing authorisation.
 */
export function anchorOf(reg: Regulation, milestone: Milestone, facts: ComplaintFacts): ResolvedAnchor | undefined {
  if (facts.clockStartsAt && milestone.metBy.includes('acknowledged')) {
    const { clockStartsAt: _waiting, ...unpaused } = facts;
    return resolveAnchor(reg, milestone.anchor, unpaused);
  }
  return resolveAnchor(reg, milestone.anchor, facts);
}

// --- conditions ----------------------------------------------------------------------------------

/** Does a condition hold for a complaint, given its facts? */
export function conditionHolds(reg: Regulation, condition: Condition | undefined, facts: ComplaintFacts): boolean {
  if (!condition) return true;
  if (condition.event !== undefined && !facts.happened[condition.event]) return false;
  if (condition.categories && !condition.categories.some((c) => facts.categories?.includes(c))) return false;
  if (condition.channels && (facts.channel === undefined || !condition.channels.includes(facts.channel))) return false;
  if (condition.complainants && (facts.complainant === undefined || !condition.complainants.includes(facts.complainant))) return false;
  if (condition.representative !== undefined && (facts.representative ?? false) !== condition.representative) return false;
  if (condition.stated && !condition.stated.some((id) => facts.stated?.[id] !== undefined)) return false;
  if (condition.receivedOutside !== undefined && !receivedOutside(reg, condition.receivedOutside, facts)) return false;
  if (condition.met && !condition.met.some((id) => facts.metOnTime?.includes(id))) return false;
  if (condition.missed && !condition.missed.some((id) => facts.missed?.[id] !== undefined)) return false;
  if (condition.not && conditionHolds(reg, condition.not, facts)) return false;
  if (condition.anyOf && !condition.anyOf.some((alternative) => conditionHolds(reg, alternative, facts))) return false;
  return true;
}

/** Was the complaint received after the window closed (or before it opened)? Unknown dates: no. */
function receivedOutside(reg: Regulation, windowId: string, facts: ComplaintFacts): boolean {
  const window = reg.windows.find((w) => w.id === windowId);
  const received = facts.happened.received;
  if (!window || !received) return false;
  const day = localDateOf(instant(received), reg.organisation.timeZone);
  const dates = windowDates(reg, window, facts);
  if (dates.closes !== undefined && !dates.closesProvisional && day > dates.closes) return true;
  return dates.opens !== undefined && !dates.opensProvisional && day < dates.opens;
}

// --- milestones ----------------------------------------------------------------------------------

/** The period that applies: the first variant whose condition holds, else the milestone's own. */
export function periodFor(reg: Regulation, milestone: Milestone, facts: ComplaintFacts): { period: Period; variant?: number } {
  const variant = milestone.variants.findIndex((v) => conditionHolds(reg, v.when, facts));
  return variant >= 0 ? { period: milestone.variants[variant]!.period, variant } : { period: milestone.period };
}

/** Does the milestone apply to this complaint now: its condition holds and its `unless` does not? */
export function milestoneApplies(reg: Regulation, milestone: Milestone, facts: ComplaintFacts): boolean {
  if (!conditionHolds(reg, milestone.appliesWhen, facts)) return false;
  return !(milestone.unless && conditionHolds(reg, milestone.unless, facts));
}

export interface ScheduleOptions {
  lang?: Language;
  /** Extensions granted so far, in order (each added to the previous end; end-day rule once). */
  extensions?: readonly Extension[];
  /** The period to count (a variant); default: the milestone's own. */
  period?: Period;
  occurrence?: number;
}

/** One milestone's deadline, counted from the local day of an anchor instant. */
export function scheduleMilestone(reg: Regulation, milestone: Milestone, anchorAt: Date, options: ScheduleOptions = {}): ScheduledMilestone {
  return scheduleFromDay(reg, milestone, localDateOf(anchorAt, reg.organisation.timeZone), options);
}

/** One milestone's deadline, counted from an anchor day. */
export function scheduleFromDay(reg: Regulation, milestone: Milestone, anchorDate: IsoDate, options: ScheduleOptions = {}): ScheduledMilestone {
  const timeZone = reg.organisation.timeZone;
  const calendar = calendarOf(reg);
  const period = options.period ?? milestone.period;
  const due = dueWithExtensions(anchorDate, period, calendar, milestone.endDayRule, options.extensions);
  const lang = options.lang ?? reg.organisation.languages[0] ?? 'nl';
  const scheduled: ScheduledMilestone = {
    milestoneId: milestone.id,
    label: milestone.label[lang],
    labels: milestone.label,
    kind: milestone.kind,
    anchor: milestone.anchor,
    anchorDate,
    period,
    metBy: milestone.metBy,
    due,
    dueAt: endOfLocalDay(due, timeZone),
    responsibleRole: milestone.responsibleRole,
    citation: milestone.citation,
  };
  if (options.occurrence !== undefined) scheduled.occurrence = options.occurrence;
  if (milestone.reminderLeadWorkingDays !== undefined) {
    const reminderOn = reminderDate(due, milestone.reminderLeadWorkingDays, calendar);
    if (reminderOn > anchorDate) scheduled.reminderOn = reminderOn; // a reminder on or before the anchor day is no use
  }
  if (milestone.escalationRole !== undefined) scheduled.escalationRole = milestone.escalationRole;
  return scheduled;
}

/** A due date with extensions: periods add to the end so far, an open extension sets a new date; end-day rule once. */
export function dueWithExtensions(anchorDate: IsoDate, period: Period, calendar: WorkingCalendar, endDayRule: boolean, extensions?: readonly Extension[]): IsoDate {
  if (!extensions?.some((e) => 'until' in e)) {
    return dueDate(anchorDate, period, calendar, { endDayRule, ...(extensions?.length ? { extensions: extensions as Period[] } : {}) });
  }
  let end = dueDate(anchorDate, period, calendar, { endDayRule: false });
  for (const extension of extensions) end = 'until' in extension ? extension.until : dueDate(end, extension, calendar, { endDayRule: false });
  return endDayRule && end !== anchorDate ? calendar.nextWorkingDayOnOrAfter(end) : end;
}

/**
 * Every milestone that applies given these facts: its anchor happened and its conditions hold.
 * A recurring milestone gives its first occurrence. Met milestones are not filtered out.
 */
export function milestonesFor(reg: Regulation, facts: ComplaintFacts): ScheduledMilestone[] {
  return reg.milestones.flatMap((milestone) => {
    const anchor = anchorOf(reg, milestone, facts);
    if (!anchor || !milestoneApplies(reg, milestone, facts)) return [];
    const { period } = periodFor(reg, milestone, facts);
    const options: ScheduleOptions = { period, ...(facts.lang ? { lang: facts.lang } : {}) };
    if (milestone.recurring) return [scheduleFromDay(reg, milestone, anchor.on, { ...options, period: milestone.recurring.every, occurrence: 1 })];
    return [scheduleFromDay(reg, milestone, anchor.on, options)];
  });
}

/** milestonesFor, with events given as a map of instants (the older call shape). */
export function applicableMilestones(reg: Regulation, happened: Partial<Record<string, Date>>, context: ComplaintContext = {}): ScheduledMilestone[] {
  return milestonesFor(reg, { ...context, happened });
}

/**
 * The milestones that open when a complaint is received: anchored on receipt (or on a date
 * stated with it), with no condition or one that the complaint's known facts satisfy then.
 */
export function openingMilestones(reg: Regulation, receivedAt: Date, context: ComplaintContext & { stated?: Record<string, IsoDate> } = {}): ScheduledMilestone[] {
  return milestonesFor(reg, { ...context, happened: { received: receivedAt } }).filter((m) => {
    const anchor = parseAnchor(m.anchor);
    return (anchor.kind === 'event' && anchor.event === 'received') || anchor.kind === 'stated';
  });
}

/**
 * The next occurrence of a recurring milestone after occurrence `previous` (due `previousDue`,
 * met on `previousMetOn` if it was): 'since-last' counts from the day it was met (or fell due),
 * 'fixed' keeps the rhythm from the anchor.
 */
export function nextOccurrence(
  reg: Regulation,
  milestone: Milestone,
  anchorDate: IsoDate,
  previous: { occurrence: number; due: IsoDate; metOn?: IsoDate },
  lang?: Language,
): ScheduledMilestone | undefined {
  const recurring = milestone.recurring;
  if (!recurring || previous.occurrence >= MAX_OCCURRENCES) return undefined;
  const occurrence = previous.occurrence + 1;
  const options = { occurrence, ...(lang ? { lang } : {}) };
  if (recurring.rhythm === 'fixed') {
    return scheduleFromDay(reg, milestone, anchorDate, { ...options, period: { unit: recurring.every.unit, amount: recurring.every.amount * occurrence } });
  }
  const from = previous.metOn && previous.metOn < previous.due ? previous.metOn : previous.due;
  return scheduleFromDay(reg, milestone, from, { ...options, period: recurring.every });
}

/** The first `count` occurrences of a recurring milestone, each assumed met on its due day. */
export function firstOccurrences(reg: Regulation, milestone: Milestone, anchorDate: IsoDate, count: number, lang?: Language): ScheduledMilestone[] {
  if (!milestone.recurring) return [];
  const first = scheduleFromDay(reg, milestone, anchorDate, { period: milestone.recurring.every, occurrence: 1, ...(lang ? { lang } : {}) });
  const all = [first];
  while (all.length < count) {
    const last = all.at(-1)!;
    const next = nextOccurrence(reg, milestone, anchorDate, { occurrence: last.occurrence ?? all.length, due: last.due }, lang);
    if (!next) break;
    all.push(next);
  }
  return all;
}

// --- windows -------------------------------------------------------------------------------------

export interface MomentValue {
  /** The local day, when it is known. */
  on?: IsoDate;
  /** True when a part it depends on has not happened yet, so the day may still move. */
  provisional: boolean;
}

/**
 * The day a moment falls on. A bare anchor is its own day (a window opens the day the ruling is
 * sent; a missed milestone opens what waits for it the day after its due day); a period is counted
 * from its anchor; earliest/latest combine what is known, provisionally while parts are unknown.
 */
export function evaluateMoment(reg: Regulation, moment: Moment, facts: ComplaintFacts): MomentValue {
  if (typeof moment === 'string') {
    const anchor = resolveAnchor(reg, moment, facts);
    if (!anchor) return { provisional: true };
    const on = parseAnchor(moment).kind === 'missed' ? fromDayNumber(toDayNumber(anchor.on) + 1) : anchor.on;
    return { on, provisional: false };
  }
  if ('from' in moment) {
    const start = typeof moment.from === 'string' ? resolveAnchor(reg, moment.from, facts) : evaluateMoment(reg, moment.from, facts);
    if (!start?.on) return { provisional: true };
    const provisional = 'provisional' in start ? start.provisional : false;
    return { on: dueDate(start.on, moment.period, calendarOf(reg), { endDayRule: moment.endDayRule }), provisional };
  }
  const latest = 'latest' in moment;
  const parts = (latest ? moment.latest : moment.earliest).map((part) => evaluateMoment(reg, part, facts));
  const known = parts
    .filter((p): p is MomentValue & { on: IsoDate } => p.on !== undefined)
    .map((p) => p.on)
    .sort();
  const on = latest ? known.at(-1) : known[0];
  // Final only once every part is known: a part still to happen can move the latest later, and the earliest too (it may yet come first).
  const provisional = parts.some((p) => p.provisional);
  return on === undefined ? { provisional: true } : { on, provisional };
}

export interface WindowDates {
  id: string;
  for: Window['for'];
  label: LocalizedText;
  /** First day one may act (undefined: not yet known). */
  opens?: IsoDate;
  opensProvisional: boolean;
  /** Last day one may act. */
  closes?: IsoDate;
  closesProvisional: boolean;
  /** An event keeps it open (the time limit was waived): it does not close. */
  heldOpen?: boolean;
  /** The variant of the closing that applies, if one does. */
  variant?: number;
  citation: Citation;
}

export function windowDates(reg: Regulation, window: Window, facts: ComplaintFacts): WindowDates {
  const opens = window.opens === undefined ? { on: undefined, provisional: false } : evaluateMoment(reg, window.opens, facts);
  const variant = window.variants.findIndex((v) => conditionHolds(reg, v.when, facts));
  const heldOpen = window.heldOpenBy.some((e) => facts.happened[e]);
  const closing = variant >= 0 ? window.variants[variant]!.closes : window.closes;
  // Held open, or a window that never closes once open ("the committee may be asked after 6 weeks").
  const closes: MomentValue = heldOpen || closing === undefined ? { provisional: false } : evaluateMoment(reg, closing, facts);
  return {
    ...(heldOpen ? { heldOpen } : {}),
    ...(variant >= 0 ? { variant } : {}),
    id: window.id,
    for: window.for,
    label: window.label,
    ...(opens.on ? { opens: opens.on } : {}),
    opensProvisional: window.opens !== undefined && opens.provisional,
    ...(closes.on ? { closes: closes.on } : {}),
    closesProvisional: closes.provisional,
    citation: window.citation,
  };
}

/** Every window that applies and whose opening or closing these facts determine (at least one date known). */
export function windowsFor(reg: Regulation, facts: ComplaintFacts): WindowDates[] {
  return reg.windows
    .filter((w) => conditionHolds(reg, w.appliesWhen, facts))
    .map((w) => windowDates(reg, w, facts))
    .filter((w) => w.opens !== undefined || w.closes !== undefined);
}

/** Is the window open on this day? */
export function windowStateOn(dates: WindowDates, day: IsoDate): 'not-yet' | 'open' | 'closed' {
  if (dates.opens === undefined ? dates.opensProvisional : day < dates.opens) return 'not-yet';
  // A closing still depending on something to come (the answer not yet sent) can only be later: still open.
  if (dates.closes === undefined || dates.closesProvisional) return 'open';
  return day > dates.closes ? 'closed' : 'open';
}

// --- roles ---------------------------------------------------------------------------------------

/** Where notices for a role go: its name and address, or undefined for a role without an address. */
export function roleContact(reg: Regulation, roleId: string): { name?: string; email: string } | undefined {
  const role = reg.roles.find((r) => r.id === roleId);
  if (!role?.email) return undefined;
  return role.name === undefined ? { email: role.email } : { name: role.name, email: role.email };
}

/** The label of a role in a language, or the id itself for an unknown role. */
export function roleLabel(reg: Regulation, roleId: string, lang: Language): string {
  return reg.roles.find((r) => r.id === roleId)?.label[lang] ?? roleId;
}

/** The label of an event: the vocabulary's, or the regulation's own (events:). */
export function eventLabel(reg: Regulation, id: string, lang: Language): string {
  return label(lang, 'event', id, reg.events.find((e) => e.id === id)?.label[lang] ?? id);
}

/** Is the milestone met by this event? */
export function isMetBy(milestone: Pick<Milestone, 'metBy'> | undefined, event: string): boolean {
  return milestone?.metBy.includes(event) ?? false;
}

/** The label of a stated date (declared, or built in). */
export function statedDateLabel(reg: Regulation, id: string, lang: Language): string {
  return reg.statedDates.find((d) => d.id === id)?.label[lang] ?? label(lang, 'statedDate', id);
}
