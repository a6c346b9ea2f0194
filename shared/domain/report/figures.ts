/**
 * The yearly complaint analysis every seed regulation asks for, as figures: pure, no I/O. The
 * figures are folded one complaint at a time (a year of 100,000 complaints never sits in memory
 * as records) and read only what survives anonymisation: no names, no addresses, no text.
 */
import { localDateOf, localDayNumberOf, toDayNumber, type IsoDate } from '../calendar/index.ts';
import type { Regulation } from '../regulation/index.ts';
import { versionOf, type RegulationVersions } from '../regulation/versions.ts';
import { both, label } from '../../texts/index.ts';
import type { ComplaintRecord, Language, MilestoneState } from '../complaint/model.ts';
import type { Measure } from '../measures/measures.ts';
import type { RollupCounters } from './rollup.ts';

export type Localized = Record<Language, string>;

/** What the report reads of a milestone: its timing, not its wording (labels come from the regulation). */
export type ReportMilestone = Pick<MilestoneState, 'milestoneId' | 'series' | 'kind' | 'dueAt' | 'status' | 'metAt' | 'escalatedAt' | 'missedAt' | 'extensions'>;

/**
 * What the report reads of a complaint: the register keeps it as a small line beside the
 * complaint, rewritten with every change, so a year of complaints reads fast. No personal data.
 */
export interface ReportComplaint {
  reference: string;
  receivedAt: string;
  /** The regulation version the complaint lives under (absent on lines written before versions: the one in force at receipt). */
  regulationVersion?: string;
  channel: string;
  mode: ComplaintRecord['mode'];
  categories: string[];
  /** Routes of the regulation that applied (routing:). */
  routes?: string[];
  status: ComplaintRecord['status'];
  milestones: ReportMilestone[];
  happened: Record<string, string>;
  measureIds: string[];
  decision?: { outcome: string; ground?: string };
  objection?: { receivedAt: string; decision?: { outcome: string } };
  externalReferral?: { body: string; at: string };
  satisfaction?: { satisfied: boolean };
}

/** The report line of a complaint view (see ReportComplaint). */
export function reportLineOf(complaint: ComplaintRecord): ReportComplaint {
  const ground = (complaint.decision as { ground?: unknown } | undefined)?.ground;
  return {
    reference: complaint.reference,
    receivedAt: complaint.receivedAt,
    ...(complaint.regulationVersion ? { regulationVersion: complaint.regulationVersion } : {}),
    channel: complaint.channel,
    mode: complaint.mode,
    categories: complaint.categories,
    ...(complaint.routes?.length ? { routes: complaint.routes } : {}),
    status: complaint.status,
    milestones: complaint.milestones.map((m) => ({
      milestoneId: m.milestoneId,
      ...(m.series ? { series: m.series } : {}),
      ...(m.kind === 'target' ? { kind: m.kind } : {}),
      dueAt: m.dueAt,
      status: m.status,
      ...(m.metAt ? { metAt: m.metAt } : {}),
      ...(m.escalatedAt ? { escalatedAt: m.escalatedAt } : {}),
      ...(m.missedAt ? { missedAt: m.missedAt } : {}),
      ...(m.extensions?.length ? { extensions: m.extensions } : {}),
    })),
    happened: complaint.happened,
    measureIds: complaint.measureIds,
    ...(complaint.decision ? { decision: { outcome: complaint.decision.outcome, ...(typeof ground === 'string' ? { ground } : {}) } } : {}),
    ...(complaint.objection
      ? { objection: { receivedAt: complaint.objection.receivedAt, ...(complaint.objection.decision ? { decision: { outcome: complaint.objection.decision.outcome } } : {}) } }
      : {}),
    ...(complaint.externalReferral ? { externalReferral: complaint.externalReferral } : {}),
    ...(complaint.satisfaction ? { satisfaction: { satisfied: complaint.satisfaction.satisfied } } : {}),
  };
}

/** A calendar period in the tenant's time zone, both ends included. */
export interface ReportPeriod {
  from: IsoDate;
  to: IsoDate;
}

export interface CountRow {
  id: string;
  label: Localized;
  count: number;
  /** Of the complaints in the period (a complaint can be in several categories). */
  share: number;
}

export interface DayStats {
  /** How many values the statistics are over. */
  count: number;
  /** Calendar days; null without values. */
  median: number | null;
  p90: number | null;
}

export interface MilestoneCompliance {
  milestoneId: string;
  label: Localized;
  citation: string;
  /** 'target': an aim ("streven"), its misses are no breach; 'hard': a limit. */
  kind: 'hard' | 'target';
  /** Met by the deadline. */
  onTime: number;
  /** Met after it, or still unmet past it. */
  late: number;
  /** Not due yet on the report date. */
  pending: number;
  cancelled: number;
  /** onTime / (onTime + late); null when nothing was due. */
  onTimeRate: number | null;
  /** Calendar days from the milestone's anchor to meeting it. */
  daysTaken: DayStats;
  /** Calendar days past the deadline, over the late ones. */
  daysLate: DayStats;
}

export interface MeasureLine {
  id: string;
  kind: 'corrective' | 'preventive';
  what: string;
  status: Measure['status'];
  dueDate: IsoDate;
  completedOn?: IsoDate;
  /** Done by its due date; false when done late or open past it; null while open and not yet due or cancelled. */
  onTime: boolean | null;
  effective: boolean | null;
  complaints: number;
}

export interface MeasureStats {
  total: number;
  open: number;
  done: number;
  cancelled: number;
  onTime: number;
  late: number;
  effective: number;
  notEffective: number;
  notEvaluated: number;
}

export interface Theme {
  categoryId: string;
  label: Localized;
  count: number;
  previousCount: number;
  /** Also a theme the period before. */
  recurring: boolean;
  trend: 'up' | 'down' | 'same' | 'new';
}

export interface ReportFigures {
  period: ReportPeriod;
  complaints: number;
  /** Still being handled on the report date. */
  open: number;
  /** Complaints per regulation version they live under (a period can span a new version). */
  byVersion: CountRow[];
  byCategory: CountRow[];
  uncategorised: number;
  /** Complaints per route of the regulation (to the data protection officer, to the directors). */
  byRoute: CountRow[];
  byChannel: CountRow[];
  byMode: CountRow[];
  byOutcome: CountRow[];
  admissibility: { admissible: number; notAdmissible: number; undecided: number; byGround: CountRow[] };
  /** Founded and partly founded over all decided on their merits. */
  founded: { founded: number; partlyFounded: number; unfounded: number; rate: number | null };
  deadlines: MilestoneCompliance[];
  /** Calendar days from receipt to the end of handling, over complaints whose handling ended. */
  handlingDays: DayStats;
  escalations: { complaints: number; milestones: number };
  /** Targets ("wij streven naar") passed unmet: counted apart from breaches of hard terms. */
  targetsMissed: { complaints: number; milestones: number };
  extensions: { complaints: number; milestones: number };
  objections: { count: number; rate: number | null; byOutcome: CountRow[] };
  externalReferrals: { count: number; byBody: CountRow[] };
  satisfaction: { asked: number; satisfied: number; notSatisfied: number; rate: number | null };
  measures: { corrective: MeasureStats; preventive: MeasureStats; items: MeasureLine[] };
}

/** The events after which a complaint's handling is over, in the order they count. */
const HANDLING_ENDS = ['ruling-sent', 'resolved', 'not-taken-up', 'withdrawn', 'closed'] as const;
const MERITS = ['founded', 'partly-founded', 'unfounded'] as const;
const TAKEN_UP: readonly string[] = [...MERITS, 'offer', 'resolved-informally'];

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole === 0 ? null : round(part / whole));

/** Median and 90th percentile by the nearest-rank method: the values are whole days. */
export function dayStats(values: number[]): DayStats {
  if (!values.length) return { count: 0, median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { count: sorted.length, median: rank(0.5), p90: rank(0.9) };
}

/** Whole days -> how many values had them: what the figures keep (and the rollups store) instead of every value. */
export type DayHistogram = Map<number, number>;

export function bump(histogram: DayHistogram, days: number, by = 1): void {
  histogram.set(days, (histogram.get(days) ?? 0) + by);
}

/** dayStats over a histogram: the same nearest ranks, without a value per complaint. */
export function dayStatsOfHistogram(histogram: DayHistogram): DayStats {
  const days = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = days.reduce((sum, [, n]) => sum + n, 0);
  if (!count) return { count: 0, median: null, p90: null };
  const rank = (p: number) => {
    const wanted = Math.max(1, Math.ceil(p * count));
    let seen = 0;
    for (const [value, n] of days) {
      seen += n;
      if (seen >= wanted) return value;
    }
    return days.at(-1)![0];
  };
  return { count, median: rank(0.5), p90: rank(0.9) };
}

/** The handling ends, in the order they count (the first that happened ends the handling). */
export function handlingEnd(complaint: Pick<ReportComplaint, 'happened'>): string | undefined {
  return HANDLING_ENDS.map((e) => complaint.happened[e])
    .filter(Boolean)
    .sort()[0];
}

/** The outcome a complaint is counted under. */
export function outcomeOf(complaint: Pick<ReportComplaint, 'decision' | 'status'>): string {
  return complaint.decision?.outcome ?? (complaint.status === 'withdrawn' ? 'withdrawn' : 'open');
}

/** Taken up: assigned for investigation or decided on its merits (a complaint withdrawn before either was never judged). */
export function takenUp(complaint: Pick<ReportComplaint, 'happened'>, outcome: string): boolean {
  return TAKEN_UP.includes(outcome) || !!complaint.happened['assigned'];
}

/** Calendar days between two instants in the tenant's time zone (never negative). */
export function daysBetween(fromInstant: string, toInstant: string, timeZone: string): number {
  return Math.max(0, localDayNumberOf(Date.parse(toInstant), timeZone) - localDayNumberOf(Date.parse(fromInstant), timeZone));
}

/** When a milestone's period started: its anchor event (receipt when unknown). */
export function anchorOf(regulation: Regulation, complaint: Pick<ReportComplaint, 'happened' | 'receivedAt'>, milestoneId: string): string {
  const anchor = regulation.milestones.find((m) => m.id === milestoneId)?.anchor;
  return (anchor && complaint.happened[anchor]) || complaint.receivedAt;
}

/**
 * A milestone line's kind: as the newest version that has it says (like its label), so the
 * figures do not depend on which complaint came first.
 */
export function milestoneKind(regulations: RegulationVersions, id: string): 'hard' | 'target' {
  for (const regulation of [...regulations.versions].reverse()) {
    const found = regulation.milestones.find((m) => m.id === id);
    if (found) return found.kind ?? 'hard';
  }
  return 'hard';
}

/** Ids an older version's categories go by now (`formerly`), followed across versions. */
export function categoryMapping(regulations: RegulationVersions): (id: string) => string {
  const categoryNow = new Map<string, string>();
  for (const regulation of regulations.versions) {
    for (const category of regulation.categorySchemes.flatMap((scheme) => scheme.categories)) {
      for (const former of category.formerly) categoryNow.set(former, category.id);
    }
  }
  return (id: string) => {
    // Followed across several versions (a -> b -> c), never round in a circle.
    const seen = new Set<string>();
    while (categoryNow.has(id) && !seen.has(id)) {
      seen.add(id);
      id = categoryNow.get(id)!;
    }
    return id;
  };
}

/**
 * The labels the report shows for the regulation's ids: from the newest version that has the id,
 * so a period spanning two versions shows every id, each in its latest words.
 */
export class ReportLabels {
  /** Newest first. */
  private readonly versions: readonly Regulation[];

  constructor(regulations: RegulationVersions) {
    this.versions = [...regulations.versions].reverse();
  }

  private first<T>(find: (regulation: Regulation) => T | undefined): T | undefined {
    for (const regulation of this.versions) {
      const found = find(regulation);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  category(id: string): Localized {
    const found = this.first((r) => r.categorySchemes.flatMap((s) => s.categories).find((c) => c.id === id));
    return found ? { nl: found.label.nl, en: found.label.en ?? found.label.nl } : { nl: id, en: id };
  }

  channel(id: string): Localized {
    const channel = this.first((r) => r.intake.channels.find((c) => c.id === id));
    if (channel?.label) return { nl: channel.label.nl, en: channel.label.en ?? channel.label.nl };
    const kind = channel?.kind ?? id;
    return { nl: label('nl', 'channel', kind), en: label('en', 'channel', kind) };
  }

  outcome(id: string): Localized {
    const own = this.first((r) => r.outcomes.find((o) => o.id === id)?.label);
    if (own) return { nl: own.nl, en: own.en ?? own.nl };
    if (id === 'open') return both('report.label.open');
    if (id === 'offer') return both('report.label.offer');
    return { nl: label('nl', 'outcome', id), en: label('en', 'outcome', id) };
  }

  ground(id: string): Localized {
    const ground = this.first((r) => r.admissibility?.grounds.find((g) => g.id === id));
    if (ground) return { nl: ground.label.nl, en: ground.label.en ?? ground.label.nl };
    if (id === 'unspecified') return both('report.label.unspecified');
    return { nl: id, en: id };
  }

  route(id: string): Localized {
    const route = this.first((r) => r.routing.find((x) => x.id === id));
    return route ? { nl: `${route.label.nl} (${route.citation.article})`, en: `${route.label.en} (${route.citation.article})` } : { nl: id, en: id };
  }

  /** A milestone's label and article; one no version has any more shows its id. */
  milestone(id: string): { label: Localized; citation: string } {
    const milestone = this.first((r) => r.milestones.find((m) => m.id === id));
    if (!milestone) return { label: { nl: id, en: id }, citation: '' };
    return { label: { nl: milestone.label.nl, en: milestone.label.en ?? milestone.label.nl }, citation: milestone.citation.article };
  }

  version(id: string): Localized {
    const regulation = this.first((r) => (r.version === id ? r : undefined));
    return regulation ? both('report.label.version', { version: id, from: regulation.effectiveFrom }) : { nl: id, en: id };
  }

  mode(id: string): Localized {
    return both(id === 'oral' ? 'mode.oral' : 'mode.written');
  }
}

/** Rollup counters that add to one number of the fold (rollup.ts's `lineCounters` writes them). */
const SCALAR_COUNTERS: Readonly<Record<string, ScalarCounter>> = {
  n: 'complaints',
  open: 'open',
  adm: 'admissible',
  na: 'notAdmissible',
  em: 'escalatedMilestones',
  ec: 'escalatedComplaints',
  tm: 'missedTargets',
  tc: 'complaintsMissingTargets',
  xm: 'extendedMilestones',
  xc: 'extendedComplaints',
  ob: 'objections',
  rf: 'referrals',
  sa: 'satisfactionAsked',
  ss: 'satisfied',
};
type ScalarCounter =
  | 'complaints'
  | 'open'
  | 'admissible'
  | 'notAdmissible'
  | 'escalatedMilestones'
  | 'escalatedComplaints'
  | 'missedTargets'
  | 'complaintsMissingTargets'
  | 'extendedMilestones'
  | 'extendedComplaints'
  | 'objections'
  | 'referrals'
  | 'satisfactionAsked'
  | 'satisfied';

/** Rollup counters `<kind>:<id>` that add to a count per id. */
const TALLY_COUNTERS: Readonly<Record<string, TallyCounter>> = {
  v: 'versions',
  r: 'routes',
  ch: 'channels',
  md: 'modes',
  o: 'outcomes',
  g: 'grounds',
  oo: 'objectionOutcomes',
  rb: 'bodies',
  me: 'linkedMeasures',
};
type TallyCounter = 'versions' | 'routes' | 'channels' | 'modes' | 'outcomes' | 'grounds' | 'objectionOutcomes' | 'bodies' | 'linkedMeasures';

class Counter {
  private readonly counts = new Map<string, number>();
  add(id: string, by = 1): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + by);
  }
  get(id: string): number {
    return this.counts.get(id) ?? 0;
  }
  rows(label: (id: string) => Localized, total: number, order?: readonly string[]): CountRow[] {
    const ids = [...this.counts.keys()].filter((id) => this.get(id) !== 0);
    if (order) ids.sort((a, b) => rankIn(order, a) - rankIn(order, b) || a.localeCompare(b));
    else ids.sort((a, b) => this.get(b) - this.get(a) || a.localeCompare(b));
    return ids.map((id) => ({ id, label: label(id), count: this.get(id), share: ratio(this.get(id), total) ?? 0 }));
  }
}

const rankIn = (order: readonly string[], id: string) => (order.includes(id) ? order.indexOf(id) : order.length);

interface MilestoneTally {
  label: Localized;
  citation: string;
  kind: 'hard' | 'target';
  onTime: number;
  late: number;
  pending: number;
  cancelled: number;
  taken: DayHistogram;
  lateBy: DayHistogram;
}

/**
 * Folds complaints into a period's figures. `asOf` is the report's moment: a deadline not yet
 * passed then is pending, not late.
 */
export class FiguresAccumulator {
  private readonly labels: ReportLabels;
  private readonly timeZone: string;
  private readonly asOf: Date;
  private complaints = 0;
  private open = 0;
  private uncategorised = 0;
  private readonly versions = new Counter();
  private readonly categories = new Counter();
  private readonly routes = new Counter();
  private readonly channels = new Counter();
  private readonly modes = new Counter();
  private readonly outcomes = new Counter();
  private readonly grounds = new Counter();
  private readonly objectionOutcomes = new Counter();
  private readonly bodies = new Counter();
  private notAdmissible = 0;
  private admissible = 0;
  private readonly milestones = new Map<string, MilestoneTally>();
  private readonly handling: DayHistogram = new Map();
  private escalatedComplaints = 0;
  private escalatedMilestones = 0;
  private missedTargets = 0;
  private complaintsMissingTargets = 0;
  private extendedComplaints = 0;
  private extendedMilestones = 0;
  private objections = 0;
  private referrals = 0;
  private satisfactionAsked = 0;
  private satisfied = 0;
  /** Measures linked to complaints of the period (how many of them link each). */
  private readonly linkedMeasures = new Counter();

  private readonly firstDay: number;
  private readonly lastDay: number;

  /** A category of an older version counted as the newer one that took its place (`formerly`). */
  private readonly currentCategory: (id: string) => string;

  constructor(
    private readonly regulations: RegulationVersions,
    readonly period: ReportPeriod,
    asOf: Date,
  ) {
    this.firstDay = toDayNumber(period.from);
    this.lastDay = toDayNumber(period.to);
    this.labels = new ReportLabels(regulations);
    this.timeZone = regulations.versions[0]!.organisation.timeZone;
    this.asOf = asOf;
    this.currentCategory = categoryMapping(regulations);
  }

  /** Whether a complaint was received in this period (local date in the tenant's time zone). */
  covers(complaint: Pick<ReportComplaint, 'receivedAt'>): boolean {
    const day = localDayNumberOf(Date.parse(complaint.receivedAt), this.timeZone);
    return day >= this.firstDay && day <= this.lastDay;
  }

  add(complaint: ReportComplaint): void {
    this.complaints += 1;
    const regulation = versionOf(this.regulations, complaint);
    this.versions.add(regulation.version);
    if (complaint.categories.length) new Set(complaint.categories.map((c) => this.currentCategory(c))).forEach((c) => this.categories.add(c));
    else this.uncategorised += 1;
    complaint.routes?.forEach((r) => this.routes.add(r));
    this.channels.add(complaint.channel);
    this.modes.add(complaint.mode);
    complaint.measureIds.forEach((id) => this.linkedMeasures.add(id));

    const outcome = outcomeOf(complaint);
    this.outcomes.add(outcome);
    if (outcome === 'not-admissible') {
      this.notAdmissible += 1;
      this.grounds.add(complaint.decision?.ground ?? 'unspecified');
    } else if (takenUp(complaint, outcome)) {
      this.admissible += 1;
    }

    const end = handlingEnd(complaint);
    if (end) bump(this.handling, this.daysBetween(complaint.receivedAt, end));
    else this.open += 1;

    let escalated = false;
    let extended = false;
    let missedTarget = false;
    for (const milestone of complaint.milestones) {
      // The occurrences of a recurring duty are one line: "progress update", not "progress update 3".
      const tally = this.tallyFor(milestone.series ?? milestone.milestoneId);
      if (milestone.escalatedAt) {
        escalated = true;
        this.escalatedMilestones += 1;
      }
      if (milestone.missedAt) {
        missedTarget = true;
        this.missedTargets += 1;
      }
      if (milestone.extensions?.length) {
        extended = true;
        this.extendedMilestones += 1;
      }
      if (milestone.status === 'cancelled') {
        tally.cancelled += 1;
        continue;
      }
      if (milestone.status === 'met' && milestone.metAt) {
        const late = milestone.metAt > milestone.dueAt;
        if (late) {
          tally.late += 1;
          bump(tally.lateBy, this.daysBetween(milestone.dueAt, milestone.metAt));
        } else tally.onTime += 1;
        bump(tally.taken, this.daysBetween(anchorOf(regulation, complaint, milestone.series ?? milestone.milestoneId), milestone.metAt));
      } else this.addUnmet(milestone.series ?? milestone.milestoneId, milestone.dueAt);
    }
    if (escalated) this.escalatedComplaints += 1;
    if (missedTarget) this.complaintsMissingTargets += 1;
    if (extended) this.extendedComplaints += 1;

    if (complaint.objection) {
      this.objections += 1;
      this.objectionOutcomes.add(complaint.objection.decision?.outcome ?? 'open');
    }
    if (complaint.externalReferral) {
      this.referrals += 1;
      this.bodies.add(complaint.externalReferral.body);
    }
    if (complaint.satisfaction) {
      this.satisfactionAsked += 1;
      if (complaint.satisfaction.satisfied) this.satisfied += 1;
    }
  }

  finish(measures: Measure[]): ReportFigures {
    const total = this.complaints;
    const merits = MERITS.map((m) => this.outcomes.get(m));
    const decidedOnMerits = merits.reduce((a, b) => a + b, 0);
    const outcomeOrder = [...MERITS, 'offer', 'resolved-informally', 'not-admissible', 'withdrawn', 'open'];
    const newestFirst = [...this.regulations.versions].reverse();
    const milestoneOrder = [...new Set(newestFirst.flatMap((r) => r.milestones.map((m) => m.id)))];
    const deadlines = [...this.milestones.entries()]
      .sort(([a], [b]) => rankIn(milestoneOrder, a) - rankIn(milestoneOrder, b) || a.localeCompare(b))
      .map(([milestoneId, t]) => ({
        milestoneId,
        label: t.label,
        citation: t.citation,
        kind: t.kind,
        onTime: t.onTime,
        late: t.late,
        pending: t.pending,
        cancelled: t.cancelled,
        onTimeRate: ratio(t.onTime, t.onTime + t.late),
        daysTaken: dayStatsOfHistogram(t.taken),
        daysLate: dayStatsOfHistogram(t.lateBy),
      }));
    return {
      period: this.period,
      complaints: total,
      open: this.open,
      byVersion: this.versions.rows(
        (id) => this.labels.version(id),
        total,
        this.regulations.versions.map((r) => r.version),
      ),
      byCategory: this.categories.rows((id) => this.labels.category(id), total, this.categoryOrder()),
      uncategorised: this.uncategorised,
      byRoute: this.routes.rows(
        (id) => this.labels.route(id),
        total,
        newestFirst.flatMap((r) => r.routing.map((x) => x.id)),
      ),
      byChannel: this.channels.rows((id) => this.labels.channel(id), total, ['web-form', ...newestFirst.flatMap((r) => r.intake.channels.map((c) => c.id))]),
      byMode: this.modes.rows((id) => this.labels.mode(id), total, ['written', 'oral']),
      byOutcome: this.outcomes.rows((id) => this.labels.outcome(id), total, outcomeOrder),
      admissibility: {
        admissible: this.admissible,
        notAdmissible: this.notAdmissible,
        undecided: total - this.admissible - this.notAdmissible,
        byGround: this.grounds.rows(
          (id) => this.labels.ground(id),
          total,
          newestFirst.flatMap((r) => (r.admissibility?.grounds ?? []).map((g) => g.id)),
        ),
      },
      founded: { founded: merits[0]!, partlyFounded: merits[1]!, unfounded: merits[2]!, rate: ratio(merits[0]! + merits[1]!, decidedOnMerits) },
      deadlines,
      handlingDays: dayStatsOfHistogram(this.handling),
      escalations: { complaints: this.escalatedComplaints, milestones: this.escalatedMilestones },
      targetsMissed: { complaints: this.complaintsMissingTargets, milestones: this.missedTargets },
      extensions: { complaints: this.extendedComplaints, milestones: this.extendedMilestones },
      objections: { count: this.objections, rate: ratio(this.objections, total), byOutcome: this.objectionOutcomes.rows((id) => this.labels.outcome(id), this.objections, outcomeOrder) },
      externalReferrals: { count: this.referrals, byBody: this.bodies.rows((id) => ({ nl: id, en: id }), this.referrals) },
      satisfaction: { asked: this.satisfactionAsked, satisfied: this.satisfied, notSatisfied: this.satisfactionAsked - this.satisfied, rate: ratio(this.satisfied, this.satisfactionAsked) },
      measures: this.measureFigures(measures),
    };
  }

  /** Measures of the period: created in it, or linked to one of its complaints. */
  private measureFigures(measures: Measure[]): ReportFigures['measures'] {
    const today = localDateOf(this.asOf, this.timeZone);
    const items: MeasureLine[] = measures
      .filter((m) => this.linkedMeasures.get(m.id) > 0 || this.covers({ receivedAt: m.createdAt }))
      .map((m) => {
        const completedOn = m.completedAt ? localDateOf(new Date(m.completedAt), this.timeZone) : undefined;
        let onTime: boolean | null = null;
        if (m.status === 'done' && completedOn) onTime = completedOn <= m.dueDate;
        else if (m.status === 'open' && m.dueDate < today) onTime = false;
        return {
          id: m.id,
          kind: m.kind,
          what: m.what,
          status: m.status,
          dueDate: m.dueDate,
          ...(completedOn ? { completedOn } : {}),
          onTime,
          effective: m.effective ?? null,
          complaints: m.complaintRefs.length,
        };
      })
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
    const stats = (kind: MeasureLine['kind']): MeasureStats => {
      const of = items.filter((m) => m.kind === kind);
      const count = (test: (m: MeasureLine) => boolean) => of.filter(test).length;
      return {
        total: of.length,
        open: count((m) => m.status === 'open'),
        done: count((m) => m.status === 'done'),
        cancelled: count((m) => m.status === 'cancelled'),
        onTime: count((m) => m.onTime === true),
        late: count((m) => m.onTime === false),
        effective: count((m) => m.effective === true),
        notEffective: count((m) => m.effective === false),
        notEvaluated: count((m) => m.status !== 'cancelled' && m.effective === null),
      };
    };
    return { corrective: stats('corrective'), preventive: stats('preventive'), items };
  }

  /**
   * The part of a complaint's figures that depends on the report's moment: a milestone neither
   * met nor cancelled is late once its deadline passed (by the days since), pending before.
   * The rollups count such milestones by deadline and add them here when read (rollup.ts).
   */
  private addUnmet(id: string, dueAt: string, count = 1): void {
    const tally = this.tallyFor(id);
    if (Date.parse(dueAt) < this.asOf.getTime()) {
      tally.late += count;
      bump(tally.lateBy, this.daysBetween(dueAt, this.asOf.toISOString()), count);
    } else {
      tally.pending += count;
    }
  }

  /**
   * Adds pre-aggregated counters (rollup.ts's `lineCounters`, summed over complaints): the same
   * figures `add` counts, the open milestones (counted by deadline) classified as of `asOf`.
   */
  absorb(counters: RollupCounters): void {
    for (const [key, value] of Object.entries(counters)) {
      if (!value) continue;
      const colon = key.indexOf(':');
      const kind = colon < 0 ? key : key.slice(0, colon);
      const rest = colon < 0 ? '' : key.slice(colon + 1);
      const scalar = Object.hasOwn(SCALAR_COUNTERS, kind) ? SCALAR_COUNTERS[kind] : undefined;
      if (scalar) {
        this[scalar] += value;
        continue;
      }
      const tally = Object.hasOwn(TALLY_COUNTERS, kind) ? TALLY_COUNTERS[kind] : undefined;
      if (tally) {
        this[tally].add(rest, value);
        continue;
      }
      switch (kind) {
        case 'cs': {
          const categories = JSON.parse(rest) as string[];
          if (categories.length) new Set(categories.map((c) => this.currentCategory(c))).forEach((c) => this.categories.add(c, value));
          else this.uncategorised += value;
          break;
        }
        // u:<dueAt>|<milestone line>: open milestones by deadline, pending or late as of now.
        case 'u':
          this.addUnmet(rest.slice(rest.indexOf('|') + 1), rest.slice(0, rest.indexOf('|')), value);
          break;
        case 'h':
          bump(this.handling, Number(rest), value);
          break;
        case 'mc':
        case 'mo':
        case 'ml':
        case 'mt':
        case 'mb': {
          // m?:<days>:<milestone> for the histograms, m?:<milestone> for the counts.
          const [days, id] = kind === 'mt' || kind === 'mb' ? [Number(rest.slice(0, rest.indexOf(':'))), rest.slice(rest.indexOf(':') + 1)] : [0, rest];
          const tally = this.tallyFor(id);
          if (kind === 'mc') tally.cancelled += value;
          else if (kind === 'mo') tally.onTime += value;
          else if (kind === 'ml') tally.late += value;
          else bump(kind === 'mt' ? tally.taken : tally.lateBy, days, value);
          break;
        }
        default:
          throw new Error(`unknown report counter ${key}`);
      }
    }
  }

  private tallyFor(id: string): MilestoneTally {
    let tally = this.milestones.get(id);
    if (!tally) {
      const { label, citation } = this.labels.milestone(id);
      tally = { label, citation, kind: milestoneKind(this.regulations, id), onTime: 0, late: 0, pending: 0, cancelled: 0, taken: new Map(), lateBy: new Map() };
      this.milestones.set(id, tally);
    }
    return tally;
  }

  private daysBetween(fromInstant: string, toInstant: string): number {
    return daysBetween(fromInstant, toInstant, this.timeZone);
  }

  private categoryOrder(): string[] {
    return [...new Set([...this.regulations.versions].reverse().flatMap((r) => r.categorySchemes.flatMap((s) => s.categories.map((c) => c.id))))];
  }
}

/**
 * Recurring themes: categories that make up at least a tenth of a period's complaints (and at
 * least 3), compared with the period before.
 */
export function recurringThemes(current: ReportFigures, previous: ReportFigures): Theme[] {
  const isTheme = (row: CountRow | undefined, total: number) => !!row && row.count >= 3 && row.count >= total / 10;
  const themes: Theme[] = [];
  for (const row of current.byCategory) {
    if (!isTheme(row, current.complaints)) continue;
    const before = previous.byCategory.find((r) => r.id === row.id);
    const previousCount = before?.count ?? 0;
    themes.push({
      categoryId: row.id,
      label: row.label,
      count: row.count,
      previousCount,
      recurring: isTheme(before, previous.complaints),
      trend: previousCount === 0 ? 'new' : row.count > previousCount ? 'up' : row.count < previousCount ? 'down' : 'same',
    });
  }
  return themes;
}
