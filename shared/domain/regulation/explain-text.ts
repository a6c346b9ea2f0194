/**
 * The reason for a date in plain words, Dutch and English: the steps of explainDueDate
 * (shared/domain/calendar/explain.ts) as sentences, and a stored deadline's or a window's
 * explanation re-derived from the regulation version it was counted under.
 *
 * All wording lives in the text catalogue (shared/texts: `explain.*`, the calendar's reasons under
 * `explain.reason.*`); the code only picks and fills.
 * Dates are written out ('maandag 4 mei 2026' / 'Monday 4 May 2026') so a line reads on its own.
 */
import {
  type DateStep,
  type ExplainedDate,
  type Extension,
  type IsoDate,
  type Period,
  type SkippedDay,
  describePeriod,
  explainDueDate,
  fromDayNumber,
  isIsoDate,
  periodUnits,
  toDayNumber,
} from '../calendar/index.ts';
import type { MilestoneState } from '../complaint/model.ts';
import { formatLongDate } from '../letters/render.ts';
import { type ComplaintFacts, calendarOf, eventLabel, resolveAnchor, statedDateLabel, windowDates } from './milestones.ts';
import type { Language, Milestone, MilestoneKind, Moment, Regulation, Window } from './schema.ts';
import { parseAnchor } from './vocabulary.ts';
import { format, lookup, texts, type TextParams } from '../../texts/index.ts';

// --- the words (shared/texts, area `explain`) ------------------------------------------------------

interface Words {
  /** '5 working days after Friday 24 April 2026 (that day itself not counted): Monday 4 May 2026.' */
  counted: (period: string, from: string, to: string) => string;
  /** The same, for a month or year count that overran its month (the clamp line follows). */
  countedToMissingDay: (period: string, from: string, sameDay: string, wanted: string) => string;
  sameDayOfMonth: string;
  sameDayAndMonth: string;
  clamp: (wanted: string, to: string) => string;
  skipped: (days: string) => string;
  sameDay: (on: string) => string;
  extendedBy: (period: string, from: string, to: string) => string;
  extendedByToMissingDay: (period: string, from: string, sameDay: string, wanted: string) => string;
  extendedUntil: (from: string, to: string) => string;
  endDayRule: (days: string, plural: boolean, to: string) => string;
  endDayRuleOff: (day: string) => string;
  and: string;
  through: string;
  countedFrom: (anchor: string, on: string) => string;
  anchorMissed: (label: string) => string;
  previousOccurrence: (n: number) => string;
  recurring: (n: number, every: string) => string;
  paused: (on: string, received: string) => string;
  notRecorded: string;
  recountDiffers: (recounted: string, recorded: string) => string;
  due: Record<MilestoneKind, (due: string) => string>;
  opens: (on: string, what: string) => string;
  closes: (on: string, what: string) => string;
  openFromStart: string;
  notKnownYet: string;
  notHappened: (what: string) => string;
  dayAfterMissed: (due: string) => string;
  periodAfter: (period: string, anchor: string) => string;
  combined: (latest: boolean, parts: string) => string;
  part: (what: string, on: string) => string;
  wins: (latest: boolean, what: string, provisional: boolean) => string;
}

export /** The words of one language, from the text catalogue (shared/texts, area `explain`). */
function wordsOf(lang: Language): Words {
  const w = texts(lang).explain;
  const f = (template: string, params: TextParams) => format(template, params, lang);
  return {
    counted: (period, from, to) => f(w.counted, { period: cap(period), from, to }),
    countedToMissingDay: (period, from, sameDay, wanted) => f(w.countedToMissingDay, { period: cap(period), from, sameDay, wanted }),
    sameDayOfMonth: w.sameDayOfMonth,
    sameDayAndMonth: w.sameDayAndMonth,
    clamp: (wanted, to) => f(w.clamp, { wanted: cap(wanted), to }),
    skipped: (days) => f(w.skipped, { days }),
    sameDay: (on) => f(w.sameDay, { on }),
    extendedBy: (period, from, to) => f(w.extendedBy, { period, from, to }),
    extendedByToMissingDay: (period, from, sameDay, wanted) => f(w.extendedByToMissingDay, { period, from, sameDay, wanted }),
    extendedUntil: (from, to) => f(w.extendedUntil, { from, to }),
    endDayRule: (days, plural, to) => f(plural ? w.endDayRulePlural : w.endDayRule, { days: cap(days), to }),
    endDayRuleOff: (day) => f(w.endDayRuleOff, { day: cap(day) }),
    and: w.and,
    through: w.through,
    countedFrom: (anchor, on) => f(w.countedFrom, { anchor, on }),
    anchorMissed: (label) => f(w.anchorMissed, { label }),
    previousOccurrence: (n) => f(w.previousOccurrence, { n }),
    recurring: (n, every) => f(w.recurring, { n, every }),
    paused: (on, received) => f(w.paused, { on, received }),
    notRecorded: w.notRecorded,
    recountDiffers: (recounted, recorded) => f(w.recountDiffers, { recounted, recorded }),
    due: {
      hard: (due) => f(w.due.hard, { due }),
      target: (due) => f(w.due.target, { due }),
    },
    opens: (on, what) => f(w.opens, { on, what }),
    closes: (on, what) => f(w.closes, { on, what }),
    openFromStart: w.openFromStart,
    notKnownYet: w.notKnownYet,
    notHappened: (what) => f(w.notHappened, { what: cap(what) }),
    dayAfterMissed: (due) => f(w.dayAfterMissed, { due }),
    periodAfter: (period, anchor) => f(w.periodAfter, { period, anchor }),
    combined: (latest, parts) => f(latest ? w.combinedLatest : w.combinedEarliest, { parts }),
    part: (what, on) => f(w.part, { what: cap(what), on }),
    wins: (latest, what, provisional) => f(latest ? (provisional ? w.winsLatestProvisional : w.winsLatest) : provisional ? w.winsEarliestProvisional : w.winsEarliest, { what }),
  };
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The calendar's reason for a day in words ('Koningsdag' -> "King's Day"); an unknown code as it is. */
export function describeReason(reason: string, lang: Language): string {
  return lookup(lang, `explain.reason.${reason}`) ?? reason;
}

// --- dates in words ------------------------------------------------------------------------------

const longDate = (day: IsoDate, lang: Language): string => formatLongDate(day, lang);

/** '31 februari 2025' / '31 February 2025': a day that does not exist, so no weekday. */
function missingDate(wanted: string, lang: Language): string {
  const [year, month, day] = wanted.split('-').map(Number) as [number, number, number];
  // formatLongDate of the 1st of that month gives the month's name; drop its weekday and day.
  const monthAndYear = formatLongDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`, lang)
    .split(' ')
    .slice(2)
    .join(' ');
  return `${day} ${monthAndYear}`;
}

/**
 * Skipped days in words, runs of consecutive days with the same reason together:
 * 'zaterdag 25 en zondag 26 april 2026 (weekend), maandag 27 april 2026 (Koningsdag)'.
 */
export function describeSkippedDays(skipped: readonly SkippedDay[], lang: Language): string {
  const runs: Array<{ from: IsoDate; to: IsoDate; reason: string; days: number }> = [];
  for (const day of skipped) {
    const last = runs.at(-1);
    if (last && last.reason === day.reason && toDayNumber(day.date) === toDayNumber(last.to) + 1) {
      last.to = day.date;
      last.days += 1;
    } else {
      runs.push({ from: day.date, to: day.date, reason: day.reason, days: 1 });
    }
  }
  return runs.map((run) => `${describeRun(run.from, run.to, run.days, lang)} (${describeReason(run.reason, lang)})`).join(', ');
}

function describeRun(from: IsoDate, to: IsoDate, days: number, lang: Language): string {
  if (days === 1) return longDate(from, lang);
  const words = wordsOf(lang);
  const joiner = days === 2 ? words.and : words.through;
  // 'zaterdag 25 en zondag 26 april 2026': what both share is said once, at the end.
  const [fromWeekday, fromDay, fromMonth, fromYear] = longDate(from, lang).split(' ');
  const head =
    from.slice(0, 4) !== to.slice(0, 4)
      ? `${fromWeekday} ${fromDay} ${fromMonth} ${fromYear}`
      : from.slice(0, 7) !== to.slice(0, 7)
        ? `${fromWeekday} ${fromDay} ${fromMonth}`
        : `${fromWeekday} ${fromDay}`;
  return `${head} ${joiner} ${longDate(to, lang)}`;
}

// --- the steps of one date -----------------------------------------------------------------------

/** The lines that explain how a date was counted, one or two per step, in order. */
export function describeDateSteps(explained: ExplainedDate, lang: Language): string[] {
  const words = wordsOf(lang);
  const lines: string[] = [];
  const steps = explained.steps;
  steps.forEach((step, index) => {
    const clamped = steps[index + 1]?.step === 'month-clamp' ? (steps[index + 1] as Extract<DateStep, { step: 'month-clamp' }>) : undefined;
    switch (step.step) {
      case 'count': {
        const period = describePeriod(step.period, lang);
        const from = longDate(step.from, lang);
        lines.push(
          clamped
            ? words.countedToMissingDay(period, from, step.period.unit === 'years' ? words.sameDayAndMonth : words.sameDayOfMonth, missingDate(clamped.wanted, lang))
            : words.counted(period, from, longDate(step.to, lang)),
        );
        if (step.skipped.length > 0) lines.push(words.skipped(describeSkippedDays(step.skipped, lang)));
        break;
      }
      case 'month-clamp':
        lines.push(words.clamp(missingDate(step.wanted, lang), longDate(step.to, lang)));
        break;
      case 'extension': {
        const from = longDate(step.from, lang);
        if ('until' in step.extension) {
          lines.push(words.extendedUntil(from, longDate(step.to, lang)));
        } else {
          const period = describePeriod(step.extension, lang);
          lines.push(
            clamped
              ? words.extendedByToMissingDay(period, from, step.extension.unit === 'years' ? words.sameDayAndMonth : words.sameDayOfMonth, missingDate(clamped.wanted, lang))
              : words.extendedBy(period, from, longDate(step.to, lang)),
          );
        }
        if (step.skipped.length > 0) lines.push(words.skipped(describeSkippedDays(step.skipped, lang)));
        break;
      }
      case 'end-day-rule':
        lines.push(words.endDayRule(describeSkippedDays(step.skipped, lang), step.skipped.length > 1, longDate(step.to, lang)));
        break;
      case 'end-day-rule-off':
        lines.push(words.endDayRuleOff(`${longDate(step.on, lang)} (${describeReason(step.reason, lang)})`));
        break;
      case 'same-day':
        lines.push(words.sameDay(longDate(step.on, lang)));
        break;
      default:
        step satisfies never;
    }
  });
  return lines;
}

// --- a stored deadline ---------------------------------------------------------------------------

/** What explainMilestone reads of a stored deadline (a MilestoneState, or a scheduled milestone put that way). */
export type MilestoneFacts = Pick<MilestoneState, 'due'> &
  Partial<Pick<MilestoneState, 'milestoneId' | 'series' | 'occurrence' | 'kind' | 'anchor' | 'anchorOn' | 'pausedFrom' | 'extensions'>> & {
    label?: Partial<Record<Language, string>> | string;
    period?: { unit: string; amount: number };
  };

export interface MilestoneExplanation {
  due: IsoDate;
  kind: MilestoneKind;
  lines: string[];
}

/**
 * Why a stored deadline falls when it does: its anchor in words, the pause for the authorisation,
 * the period counted with every skipped day, the month clamp, the end-day rule (or that it is off
 * for this deadline), each extension, and whether it is a target or the latest date. Counted again
 * on the regulation's calendar (pass the version the complaint was received under).
 */
export function explainMilestone(reg: Regulation, state: MilestoneFacts, lang: Language): MilestoneExplanation {
  const words = wordsOf(lang);
  const milestone = milestoneOf(reg, state);
  const kind: MilestoneKind = state.kind ?? milestone?.kind ?? 'hard';
  const lines: string[] = [];
  const period = asPeriod(state.period);
  const anchor = state.anchor ?? milestone?.anchor;
  if (state.occurrence !== undefined && milestone?.recurring) {
    lines.push(words.recurring(state.occurrence, describePeriod(milestone.recurring.every, lang)));
  }
  if (state.anchorOn === undefined || !isIsoDate(state.anchorOn) || !period) {
    lines.push(words.notRecorded, words.due[kind](longDate(state.due, lang)));
    return { due: state.due, kind, lines };
  }
  const sinceLast = state.occurrence !== undefined && state.occurrence > 1 && milestone?.recurring?.rhythm !== 'fixed';
  const anchorName = sinceLast ? words.previousOccurrence(state.occurrence! - 1) : anchor === undefined ? '?' : describeAnchor(reg, anchor, lang);
  lines.push(words.countedFrom(anchorName, longDate(state.anchorOn, lang)));
  if (state.pausedFrom !== undefined && isIsoDate(state.pausedFrom) && state.pausedFrom !== state.anchorOn) {
    lines.push(words.paused(longDate(state.anchorOn, lang), longDate(state.pausedFrom, lang)));
  }
  const explained = explainDueDate(state.anchorOn, period, calendarOf(reg), {
    endDayRule: milestone?.endDayRule ?? true,
    extensions: (state.extensions ?? []).flatMap((e) => asExtension(e) ?? []),
  });
  lines.push(...describeDateSteps(explained, lang));
  if (explained.due !== state.due) lines.push(words.recountDiffers(longDate(explained.due, lang), longDate(state.due, lang)));
  lines.push(words.due[kind](longDate(state.due, lang)));
  return { due: state.due, kind, lines };
}

/** An anchor in words: an event's label, a stated date's label, or '<milestone> missed'. */
export function describeAnchor(reg: Regulation, anchor: string, lang: Language): string {
  const parsed = parseAnchor(anchor);
  if (parsed.kind === 'stated') return statedDateLabel(reg, parsed.id, lang);
  if (parsed.kind === 'missed') {
    const missed = reg.milestones.find((m) => m.id === parsed.milestone);
    return wordsOf(lang).anchorMissed(missed?.label[lang] ?? parsed.milestone);
  }
  return eventLabel(reg, parsed.event, lang);
}

function asPeriod(value: { unit: string; amount: number } | undefined): Period | undefined {
  if (!value || !(periodUnits as readonly string[]).includes(value.unit)) return undefined;
  if (!Number.isSafeInteger(value.amount) || value.amount < 0) return undefined;
  if (value.unit === 'same-day' && value.amount !== 0) return undefined;
  return { unit: value.unit as Period['unit'], amount: value.amount };
}

function asExtension(value: { unit: string; amount: number } | { until: IsoDate }): Extension | undefined {
  if ('until' in value) return isIsoDate(value.until) ? { until: value.until } : undefined;
  return asPeriod(value);
}

// --- a window ------------------------------------------------------------------------------------

export interface WindowExplanation {
  id: string;
  opens?: IsoDate;
  closes?: IsoDate;
  /** A date still depends on something to come. */
  provisional: boolean;
  lines: string[];
}

interface MomentExplanation {
  on?: IsoDate;
  provisional: boolean;
  /** The moment in a few words: 'klacht ontvangen', '1 jaar na datum van het voorval', 'de laatste van: ...'. */
  what: string;
  /** How its day was found, indented under the line that names it. */
  lines: string[];
}

/**
 * Why a window opens and closes when it does, given a complaint's facts: each moment's anchor and
 * period counted step by step; for an earliest/latest, every part and which one wins.
 */
export function explainWindow(reg: Regulation, window: Window, facts: ComplaintFacts, lang: Language): WindowExplanation {
  const words = wordsOf(lang);
  const lines: string[] = [];
  let opens: MomentExplanation | undefined;
  if (window.opens === undefined) {
    lines.push(words.openFromStart);
  } else {
    opens = explainMoment(reg, window.opens, facts, lang);
    lines.push(words.opens(opens.on ? longDate(opens.on, lang) : words.notKnownYet, opens.what), ...indent(opens.lines));
  }
  // The same choice of closing as windowDates: an event holding it open, else the first variant that holds.
  const dates = windowDates(reg, window, facts);
  const closesMoment = dates.variant !== undefined ? window.variants[dates.variant]!.closes : window.closes;
  const closes = dates.heldOpen || closesMoment === undefined ? ({ provisional: false, what: '', lines: [] } as MomentExplanation) : explainMoment(reg, closesMoment, facts, lang);
  if (dates.heldOpen) lines.push(texts(lang).explain.heldOpen);
  else if (closesMoment === undefined) lines.push(texts(lang).explain.staysOpen);
  else lines.push(words.closes(closes.on ? longDate(closes.on, lang) : words.notKnownYet, closes.what), ...indent(closes.lines));
  return {
    id: window.id,
    ...(opens?.on ? { opens: opens.on } : {}),
    ...(closes.on ? { closes: closes.on } : {}),
    provisional: (opens?.provisional ?? false) || closes.provisional,
    lines,
  };
}

function explainMoment(reg: Regulation, moment: Moment, facts: ComplaintFacts, lang: Language): MomentExplanation {
  const words = wordsOf(lang);
  if (typeof moment === 'string') {
    const what = describeAnchor(reg, moment, lang);
    const anchor = resolveAnchor(reg, moment, facts);
    // Not happened yet: the line naming the moment already says 'not known yet'.
    if (!anchor) return { provisional: true, what, lines: [] };
    if (parseAnchor(moment).kind === 'missed') {
      // What waits for a missed milestone opens the day after its due day.
      return { on: fromDayNumber(toDayNumber(anchor.on) + 1), provisional: false, what, lines: [words.dayAfterMissed(longDate(anchor.on, lang))] };
    }
    return { on: anchor.on, provisional: false, what, lines: pauseLines(anchor, lang) };
  }
  if ('from' in moment && typeof moment.from !== 'string') {
    // A period after another moment: explain that moment first, then count on from it.
    const inner: MomentExplanation = explainMoment(reg, moment.from, facts, lang);
    const what = words.periodAfter(describePeriod(moment.period, lang), inner.what);
    if (!inner.on) return { provisional: true, what, lines: inner.lines };
    const explained = explainDueDate(inner.on, moment.period, calendarOf(reg), { endDayRule: moment.endDayRule });
    return { on: explained.due, provisional: inner.provisional, what, lines: [...inner.lines, ...describeDateSteps(explained, lang)] };
  }
  if ('from' in moment) {
    const from = moment.from as string;
    const anchorName = describeAnchor(reg, from, lang);
    const what = words.periodAfter(describePeriod(moment.period, lang), anchorName);
    const anchor = resolveAnchor(reg, from, facts);
    if (!anchor) return { provisional: true, what, lines: [words.notHappened(anchorName)] };
    const explained = explainDueDate(anchor.on, moment.period, calendarOf(reg), { endDayRule: moment.endDayRule });
    return {
      on: explained.due,
      provisional: false,
      what,
      lines: [words.countedFrom(anchorName, longDate(anchor.on, lang)), ...pauseLines(anchor, lang), ...describeDateSteps(explained, lang)],
    };
  }
  const latest = 'latest' in moment;
  const parts = (latest ? moment.latest : moment.earliest).map((part) => explainMoment(reg, part, facts, lang));
  const known = parts.filter((p): p is MomentExplanation & { on: IsoDate } => p.on !== undefined);
  const winner = known.reduce<(MomentExplanation & { on: IsoDate }) | undefined>((best, p) => (!best || (latest ? p.on > best.on : p.on < best.on) ? p : best), undefined);
  const provisional = parts.some((p) => p.provisional);
  const lines = parts.flatMap((p) => [words.part(p.what, p.on ? longDate(p.on, lang) : words.notKnownYet), ...indent(p.lines)]);
  if (winner) lines.push(words.wins(latest, winner.what, provisional));
  return { ...(winner ? { on: winner.on } : {}), provisional, what: words.combined(latest, parts.map((p) => p.what).join('; ')), lines };
}

function pauseLines(anchor: { on: IsoDate; paused?: { from: IsoDate } }, lang: Language): string[] {
  if (!anchor.paused || anchor.paused.from === anchor.on) return [];
  return [wordsOf(lang).paused(longDate(anchor.on, lang), longDate(anchor.paused.from, lang))];
}

function indent(lines: readonly string[]): string[] {
  return lines.map((line) => `  ${line}`);
}

/** The milestone a stored deadline belongs to (an occurrence's series, else its own id). */
export function milestoneOf(reg: Regulation, state: Pick<MilestoneFacts, 'milestoneId' | 'series'>): Milestone | undefined {
  const id = state.series ?? state.milestoneId;
  return id === undefined ? undefined : reg.milestones.find((m) => m.id === id);
}
