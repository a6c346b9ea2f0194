/**
 * From a regulation to concrete deadlines: which milestones apply to a complaint, and when each is
 * due on the tenant's working calendar. Pure: the caller passes the instants.
 */
import {
  type IsoDate,
  type Period,
  WorkingCalendar,
  dueDate,
  endOfLocalDay,
  localDateOf,
  reminderDate,
} from '../calendar/index.ts';
import type { Citation, Condition, Language, LocalizedText, Milestone, Regulation } from './schema.ts';
import type { EventName } from './vocabulary.ts';

/** Facts about one complaint that milestone conditions (appliesWhen) can test. */
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

export interface ScheduledMilestone {
  milestoneId: string;
  label: string;
  labels: LocalizedText;
  anchor: EventName;
  /** The local day of the anchor event (not counted). */
  anchorDate: IsoDate;
  period: Period;
  metBy: EventName;
  /** Last day, local to the tenant. */
  due: IsoDate;
  /** End of the due day in the tenant's time zone. */
  dueAt: Date;
  /** Working day on which to remind the responsible role, if the milestone asks for a reminder. */
  reminderOn?: IsoDate;
  responsibleRole: string;
  escalationRole?: string;
  maxExtension?: Period;
  citation: Citation;
}

/** The tenant's working calendar (the calendar a complaint is received under keeps its deadlines). */
export function calendarOf(reg: Regulation): WorkingCalendar {
  return WorkingCalendar.dutch(reg.calendar);
}

/** Does a condition hold for a complaint, given the events that have happened? */
export function conditionHolds(condition: Condition | undefined, context: ComplaintContext, happened: ReadonlySet<EventName>): boolean {
  if (!condition) return true;
  if (condition.event !== undefined && !happened.has(condition.event)) return false;
  if (condition.categories && !condition.categories.some((c) => context.categories?.includes(c))) return false;
  if (condition.channels && (context.channel === undefined || !condition.channels.includes(context.channel))) return false;
  if (condition.complainants && (context.complainant === undefined || !condition.complainants.includes(context.complainant))) return false;
  if (condition.representative !== undefined && (context.representative ?? false) !== condition.representative) return false;
  return true;
}

/**
 * One milestone's deadline, counted from the instant of its anchor event.
 * `extensions` are the extensions granted so far (each added to the previous end; end-day rule once).
 */
export function scheduleMilestone(
  reg: Regulation,
  milestone: Milestone,
  anchorAt: Date,
  options: { lang?: Language; extensions?: Period[] } = {},
): ScheduledMilestone {
  const timeZone = reg.organisation.timeZone;
  const calendar = calendarOf(reg);
  const anchorDate = localDateOf(anchorAt, timeZone);
  const due = dueDate(anchorDate, milestone.period, calendar, {
    endDayRule: milestone.endDayRule,
    ...(options.extensions?.length ? { extensions: options.extensions } : {}),
  });
  const lang = options.lang ?? reg.organisation.languages[0] ?? 'nl';
  const scheduled: ScheduledMilestone = {
    milestoneId: milestone.id,
    label: milestone.label[lang],
    labels: milestone.label,
    anchor: milestone.anchor,
    anchorDate,
    period: milestone.period,
    metBy: milestone.metBy,
    due,
    dueAt: endOfLocalDay(due, timeZone),
    responsibleRole: milestone.responsibleRole,
    citation: milestone.citation,
  };
  if (milestone.reminderLeadWorkingDays !== undefined) {
    const reminderOn = reminderDate(due, milestone.reminderLeadWorkingDays, calendar);
    if (reminderOn > anchorDate) scheduled.reminderOn = reminderOn; // a reminder on or before the anchor day is no use
  }
  if (milestone.escalationRole !== undefined) scheduled.escalationRole = milestone.escalationRole;
  if (milestone.maxExtension !== undefined) scheduled.maxExtension = milestone.maxExtension;
  return scheduled;
}

/**
 * Every milestone that applies once these events have happened: its anchor event happened and
 * its condition holds. Met milestones are not filtered out: the caller knows which were met.
 */
export function applicableMilestones(
  reg: Regulation,
  happened: Partial<Record<EventName, Date>>,
  context: ComplaintContext = {},
): ScheduledMilestone[] {
  const events = new Set(Object.keys(happened) as EventName[]);
  return reg.milestones.flatMap((milestone) => {
    const anchorAt = happened[milestone.anchor];
    if (!anchorAt || !conditionHolds(milestone.appliesWhen, context, events)) return [];
    return [scheduleMilestone(reg, milestone, anchorAt, context.lang ? { lang: context.lang } : {})];
  });
}

/**
 * The milestones that open when a complaint is received: anchored on 'received', with no
 * condition or one that the complaint's known facts (context) satisfy at receipt.
 */
export function openingMilestones(reg: Regulation, receivedAt: Date, context: ComplaintContext = {}): ScheduledMilestone[] {
  return applicableMilestones(reg, { received: receivedAt }, context).filter((m) => m.anchor === 'received');
}

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

/**
 * The version in force at an instant: the latest effectiveFrom on or before that local day, among
 * versions of one organisation. Undefined when none was in force yet.
 */
export function regulationInForce(versions: readonly Regulation[], at: Date): Regulation | undefined {
  let best: Regulation | undefined;
  for (const reg of versions) {
    if (reg.effectiveFrom > localDateOf(at, reg.organisation.timeZone)) continue;
    if (!best || reg.effectiveFrom > best.effectiveFrom) best = reg;
  }
  return best;
}
