/**
 * The yearly report as one printable HTML document: inline CSS, hand-written SVG charts, no
 * script and no external request, so a browser prints it to PDF as it is and the admin API can
 * serve it. Pure string rendering. Every text from data is escaped; every figure goes through a
 * formatter that writes '–' for "nothing to compute" (never NaN, null or undefined).
 */
import { escapeHtml as esc } from '../letters/render.ts';
import type { CountRow, MeasureLine, MeasureStats, MilestoneCompliance, ReportFigures, ReportPeriod, Theme } from './figures.ts';
import type { YearlyReport } from './yearly-report.ts';
import { REPORT_CSS as CSS } from './report-css.ts';
import { format, texts, type TextParams } from '../../texts/index.ts';

export type ReportLanguage = 'nl' | 'en';

export interface ReportHtmlOptions {
  /** For the generation time in the footer; default Europe/Amsterdam. */
  timeZone?: string;
}

/** The report's words in a language, from the text catalogue (shared/texts, area `report`). */
function textsOf(lang: ReportLanguage) {
  const r = texts(lang).report;
  const f = (template: string, params: TextParams) => format(template, params, lang);
  return {
    ...r,
    uncategorised: (n: string) => f(r.uncategorised, { n }),
    footer: (name: string, version: string, at: string) => f(r.footer, { name, version, at }),
    chartDesc: (label: string, now: string, before: string) => f(r.chartDesc, { label, now, before }),
    days: (n: string) => f(n === '1' || n === '-1' || n === '+1' ? r.day : r.days, { n }),
  };
}
type Texts = ReturnType<typeof textsOf>;

/** The lead's notes are English; the Dutch report says the known ones in Dutch (others stay English, marked so). */
const DUTCH_NOTES: Array<[RegExp, (m: RegExpMatchArray, f: Fmt) => string]> = [
  [
    /^Complaints received from (\S+) to (\S+) \(([^)]+)\), beside (\S+) to (\S+)\.$/,
    (m, f) => format(f.t.note.received, { from: f.date(m[1]!), to: f.date(m[2]!), basis: m[3]!, beforeFrom: f.date(m[4]!), beforeTo: f.date(m[5]!) }, 'nl'),
  ],
  [/^Figures as of (\S+): a deadline not yet passed then is pending, not late\.$/, (m, f) => format(f.t.note.asOf, { date: f.date(m[1]!) }, 'nl')],
  [/^Days are calendar days\. Median and 90th percentile by the nearest-rank method\.$/, (_, f) => f.t.note.days],
  [/^Founded rate: founded and partly founded over all complaints decided on their merits\.$/, (_, f) => f.t.note.founded],
  [/^Themes: categories with at least 3 complaints and at least a tenth of the period; recurring when they were a theme the period before too\.$/, (_, f) => f.t.note.themes],
  [/^No personal data: names, addresses and complaint texts are not read\.$/, (_, f) => f.t.note.noPersonalData],
];

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Number, percentage, day and date formatting for one language. */
class Fmt {
  private readonly n: Intl.NumberFormat;
  private readonly p: Intl.NumberFormat;
  private readonly signed: Intl.NumberFormat;
  private readonly d: Intl.DateTimeFormat;
  readonly locale: string;
  constructor(
    readonly t: Texts,
    language: ReportLanguage,
  ) {
    this.locale = language === 'nl' ? 'nl-NL' : 'en-GB';
    this.n = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 });
    this.p = new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 });
    this.signed = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    this.d = new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  num = (value: number | null | undefined): string => (isFiniteNumber(value) ? this.n.format(value) : this.t.dash);
  pct = (rate: number | null | undefined): string => (isFiniteNumber(rate) ? this.p.format(rate) : this.t.dash);
  days = (value: number | null | undefined): string => (isFiniteNumber(value) ? this.t.days(this.n.format(value)) : this.t.dash);
  date = (iso: string | undefined): string => (iso && isDate(iso) ? this.d.format(new Date(`${iso}T00:00:00Z`)) : this.t.dash);
  dateTime = (iso: string, timeZone: string): string => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? this.t.dash : new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(at);
  };
  /** A whole calendar year as '2026', otherwise '1 januari 2026 – 30 juni 2026'. */
  period = (p: ReportPeriod): string =>
    p.from.slice(4) === '-01-01' && p.to.slice(4) === '-12-31' && p.from.slice(0, 4) === p.to.slice(0, 4) ? p.from.slice(0, 4) : `${this.date(p.from)} – ${this.date(p.to)}`;
  /** The change from the year before: counts as '+3 (+33,3%)', rates in percentage points, days in days. */
  change = (now: number | null | undefined, before: number | null | undefined, kind: 'count' | 'rate' | 'days'): string => {
    if (!isFiniteNumber(now) || !isFiniteNumber(before)) return this.t.dash;
    if (kind === 'rate') return now === before ? '0' : `${this.signed.format((now - before) * 100)} ${this.t.points}`;
    const delta = this.signed.format(now - before);
    if (kind === 'days') return now === before ? '0' : this.t.days(delta);
    return before === 0 || now === before
      ? delta
      : `${delta} (${new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format((now - before) / before)})`;
  };
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** All deadlines together: met on time over all that were due. */
export function overallOnTimeRate(deadlines: MilestoneCompliance[]): number | null {
  const onTime = deadlines.reduce((sum, d) => sum + d.onTime, 0);
  const due = deadlines.reduce((sum, d) => sum + d.onTime + d.late, 0);
  return due === 0 ? null : onTime / due;
}

interface Ctx {
  f: Fmt;
  t: Texts;
  lang: ReportLanguage;
  /** This period's figures and the year before's. */
  a: ReportFigures;
  b: ReportFigures;
  now: string;
  before: string;
  /** Unique ids for the charts' titles. */
  ids: number;
}

// Chart geometry (SVG user units; the SVG scales to the column width).
const CHART_W = 680;
const LABEL_W = 220;
const BAR_X = LABEL_W + 10;
const BAR_MAX = 360;
const BAR_H = 11;
const ROW_H = 34;

export interface PairedBar {
  label: string;
  now: number | null;
  before: number | null;
}

/** Horizontal bars, this period above the year before, each with its value written beside it. */
function pairedBars(c: Ctx, title: string, rows: PairedBar[], value: (v: number | null) => string, max?: number): string {
  const id = `chart-${(c.ids += 1)}`;
  const top = 30;
  const height = top + rows.length * ROW_H + 6;
  const scale = max ?? Math.max(0, ...rows.flatMap((r) => [r.now ?? 0, r.before ?? 0]));
  const width = (v: number | null) => (scale > 0 && isFiniteNumber(v) ? Math.max(0, Math.min(1, v / scale)) * BAR_MAX : 0);
  const desc = rows.map((r) => c.t.chartDesc(r.label, `${value(r.now)} (${c.now})`, `${value(r.before)} (${c.before})`)).join('; ');
  const bars = rows.map((r, i) => {
    const y = top + i * ROW_H;
    const wNow = width(r.now);
    const wBefore = width(r.before);
    const label = r.label.length > 34 ? `${r.label.slice(0, 33).trimEnd()}…` : r.label;
    return (
      `<g><text x="${LABEL_W}" y="${y + BAR_H + 5}" text-anchor="end" class="l">${esc(label)}</text>` +
      `<rect class="now" x="${BAR_X}" y="${y}" width="${round1(wNow)}" height="${BAR_H}"/>` +
      `<text x="${round1(BAR_X + wNow + 5)}" y="${y + BAR_H - 1}" class="v">${esc(value(r.now))}</text>` +
      `<rect class="before" x="${BAR_X}" y="${y + BAR_H + 2}" width="${round1(wBefore)}" height="${BAR_H}"/>` +
      `<text x="${round1(BAR_X + wBefore + 5)}" y="${y + 2 * BAR_H + 1}" class="v">${esc(value(r.before))}</text></g>`
    );
  });
  const legend =
    `<rect class="now key" x="${BAR_X}" y="6" width="14" height="10"/><text x="${BAR_X + 19}" y="15" class="v">${esc(c.now)}</text>` +
    `<rect class="before key" x="${BAR_X + 150}" y="6" width="14" height="10"/><text x="${BAR_X + 169}" y="15" class="v">${esc(c.before)}</text>`;
  return (
    `<figure class="chart"><svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${CHART_W} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>${legend}` +
    `<line x1="${BAR_X}" y1="${top - 4}" x2="${BAR_X}" y2="${height - 4}" class="axis"/>${bars.join('')}</svg></figure>`
  );
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Both periods' rows joined on id, this period's order first. */
function joinRows(c: Ctx, now: CountRow[], before: CountRow[]): PairedBar[] {
  const ids = [...new Set([...now.map((r) => r.id), ...before.map((r) => r.id)])];
  return ids.map((id) => {
    const a = now.find((r) => r.id === id);
    const b = before.find((r) => r.id === id);
    return { label: (a ?? b)!.label[c.lang] ?? id, now: a?.count ?? 0, before: b?.count ?? 0 };
  });
}

function countChart(c: Ctx, title: string, now: CountRow[], before: CountRow[], empty = c.t.none): string {
  const rows = joinRows(c, now, before);
  if (!rows.some((r) => (r.now ?? 0) > 0 || (r.before ?? 0) > 0)) return `<p class="empty">${esc(empty)}</p>`;
  return pairedBars(c, title, rows, (v) => c.f.num(v));
}

/** A figure: its label, how to read it from a period's figures, and what it counts (default complaints). */
type Line = [label: string, get: (p: ReportFigures) => number | null, kind?: 'count' | 'rate' | 'days'];

/** A figure per line: this period, the year before and the change. */
function compareTable(c: Ctx, lines: Line[]): string {
  const body = lines.map(([label, get, kind = 'count']) => {
    const [a, b] = [get(c.a), get(c.b)];
    const show = (v: number | null) => (kind === 'rate' ? c.f.pct(v) : kind === 'days' ? c.f.days(v) : c.f.num(v));
    return `<tr><th scope="row">${esc(label)}</th><td>${esc(show(a))}</td><td>${esc(show(b))}</td><td>${esc(c.f.change(a, b, kind))}</td></tr>`;
  });
  return `<table class="cmp keep"><thead><tr><th scope="col">${esc(c.t.figure)}</th><th scope="col">${esc(c.now)}</th><th scope="col">${esc(c.before)}</th><th scope="col">${esc(c.t.change)}</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

const section = (id: string, title: string, ...body: string[]) => `<section id="${id}"><h2>${esc(title)}</h2>${body.join('')}</section>`;
const sub = (title: string) => `<h3>${esc(title)}</h3>`;

function summary(c: Ctx): string {
  return section(
    'summary',
    c.t.summary,
    compareTable(c, [
      [c.t.complaints, (p) => p.complaints],
      [c.t.open, (p) => p.open],
      [c.t.foundedRate, (p) => p.founded.rate, 'rate'],
      [c.t.onTimeRate, (p) => overallOnTimeRate(p.deadlines), 'rate'],
      [c.t.medianDays, (p) => p.handlingDays.median, 'days'],
    ]),
  );
}

function deadlines(c: Ctx, now: ReportFigures, before: ReportFigures): string {
  if (!now.deadlines.length && !before.deadlines.length) return section('deadlines', c.t.deadlines, `<p class="empty">${esc(c.t.none)}</p>`);
  const head = [c.t.milestone, c.t.onTime, c.t.late, c.t.pending, `${c.t.onTimePct} ${c.now}`, `${c.t.onTimePct} ${c.before}`, c.t.median, c.t.p90, c.t.lateBy];
  const row = (d: MilestoneCompliance) => {
    const prev = before.deadlines.find((p) => p.milestoneId === d.milestoneId);
    const label = `${d.label[c.lang]}${d.citation ? ` (${d.citation})` : ''}`;
    const cells = [
      c.f.num(d.onTime),
      c.f.num(d.late),
      c.f.num(d.pending),
      c.f.pct(d.onTimeRate),
      c.f.pct(prev?.onTimeRate),
      c.f.days(d.daysTaken.median),
      c.f.days(d.daysTaken.p90),
      c.f.days(d.daysLate.median),
    ];
    return `<tr><th scope="row">${esc(label)}</th>${cells.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`;
  };
  const table = `<table class="wide"><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${now.deadlines.map(row).join('')}</tbody></table>`;
  const ids = [...new Set([...now.deadlines, ...before.deadlines].map((d) => d.milestoneId))];
  const bars = ids.map((id) => {
    const a = now.deadlines.find((d) => d.milestoneId === id);
    const b = before.deadlines.find((d) => d.milestoneId === id);
    return { label: (a ?? b)!.label[c.lang], now: a?.onTimeRate ?? null, before: b?.onTimeRate ?? null };
  });
  return section(
    'deadlines',
    c.t.deadlines,
    now.deadlines.length ? table : `<p class="empty">${esc(c.t.none)}</p>`,
    `<p class="explain">${esc(c.t.deadlinesExplain)}</p>`,
    sub(c.t.onTimeChart),
    pairedBars(c, c.t.onTimeChart, bars, (v) => c.f.pct(v), 1),
  );
}

function measures(c: Ctx, now: ReportFigures, before: ReportFigures): string {
  const stats: Array<[string, (s: MeasureStats) => number]> = [
    [c.t.total, (s) => s.total],
    [c.t.mOpen, (s) => s.open],
    [c.t.done, (s) => s.done],
    [c.t.cancelled, (s) => s.cancelled],
    [c.t.onTime, (s) => s.onTime],
    [c.t.late, (s) => s.late],
    [c.t.effective, (s) => s.effective],
    [c.t.notEffective, (s) => s.notEffective],
    [c.t.notEvaluated, (s) => s.notEvaluated],
  ];
  const kinds = [c.t.corrective, c.t.preventive];
  const head = `<thead><tr><th scope="col">${esc(c.t.figure)}</th>${kinds.flatMap((k) => [`<th scope="col">${esc(k)} ${esc(c.now)}</th>`, `<th scope="col">${esc(k)} ${esc(c.before)}</th>`]).join('')}</tr></thead>`;
  const body = stats.map(
    ([label, get]) =>
      `<tr><th scope="row">${esc(label)}</th>${[now.measures.corrective, before.measures.corrective, now.measures.preventive, before.measures.preventive].map((s) => `<td>${esc(c.f.num(get(s)))}</td>`).join('')}</tr>`,
  );
  const yesNo = (v: boolean | null, unknown: string) => (v === true ? c.t.yes : v === false ? c.t.no : unknown);
  const item = (m: MeasureLine) =>
    `<tr><td>${esc(m.what)}</td><td>${esc(m.kind === 'corrective' ? c.t.corrective : c.t.preventive)}</td><td>${esc(c.f.date(m.dueDate))}</td><td>${esc(m.status === 'cancelled' ? c.t.cancelled : c.f.date(m.completedOn))}</td><td>${esc(yesNo(m.onTime, c.t.dash))}</td><td>${esc(yesNo(m.effective, m.status === 'cancelled' ? c.t.dash : c.t.notEvaluated))}</td><td>${esc(c.f.num(m.complaints))}</td></tr>`;
  const list = now.measures.items.length
    ? `<table class="wide list"><thead><tr>${[c.t.what, c.t.kind, c.t.due, c.t.doneOn, c.t.onTime, c.t.effective, c.t.linked].map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${now.measures.items.map(item).join('')}</tbody></table>`
    : `<p class="empty">${esc(c.t.noMeasures)}</p>`;
  return section('measures', c.t.measures, `<table class="wide">${head}<tbody>${body.join('')}</tbody></table>`, sub(c.t.measureList), list);
}

function themes(c: Ctx, list: Theme[]): string {
  if (!list.length) return section('themes', c.t.themes, `<p class="empty">${esc(c.t.noThemes)}</p>`);
  const rows = list.map(
    (th) =>
      `<tr><th scope="row">${esc(th.label[c.lang])}</th><td>${esc(c.f.num(th.count))}</td><td>${esc(c.f.num(th.previousCount))}</td><td>${esc(c.t.trends[th.trend] ?? c.t.dash)}</td><td>${esc(th.recurring ? c.t.yes : c.t.no)}</td></tr>`,
  );
  return section(
    'themes',
    c.t.themes,
    `<table class="wide"><thead><tr>${[c.t.theme, c.now, c.before, c.t.trend, c.t.recurring].map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

function notes(c: Ctx, list: string[]): string {
  const items = list.map((note) => {
    if (c.lang === 'en') return `<li>${esc(note)}</li>`;
    for (const [pattern, say] of DUTCH_NOTES) {
      const match = note.match(pattern);
      if (match) return `<li>${esc(say(match, c.f))}</li>`;
    }
    return `<li lang="en">${esc(note)}</li>`;
  });
  return items.length ? section('notes', c.t.notes, `<ul>${items.join('')}</ul>`) : '';
}

export function renderReportHtml(report: YearlyReport, language: ReportLanguage = 'nl', options: ReportHtmlOptions = {}): string {
  const lang: ReportLanguage = language === 'en' ? 'en' : 'nl';
  const t = textsOf(lang);
  const f = new Fmt(t, lang);
  const { current: now, previous: before } = report;
  const c: Ctx = { f, t, lang, a: now, b: before, now: f.period(now.period), before: f.period(before.period), ids: 0 };
  const wholeYear = c.now.length === 4;
  const title = wholeYear ? `${t.title} ${c.now}` : `${t.titlePeriod} ${c.now}`;
  const name = report.tenant.name || report.tenant.id;
  const cmp = (lines: Line[]) => compareTable(c, lines);

  const body = [
    `<header><h1>${esc(title)}</h1><p class="sub">${esc(name)}</p><p class="sub">${esc(`${c.now} ${t.beside} ${c.before}`)}</p></header>`,
    summary(c),
    // Only when the period spans a change of regulation: which complaints kept the earlier rules.
    new Set([...now.byVersion, ...before.byVersion].map((r) => r.id)).size > 1 ? section('versions', t.byVersion, countChart(c, t.byVersion, now.byVersion, before.byVersion)) : '',
    section(
      'categories',
      t.byCategory,
      countChart(c, t.byCategory, now.byCategory, before.byCategory),
      now.uncategorised || before.uncategorised ? `<p class="explain">${esc(t.uncategorised(`${f.num(now.uncategorised)} (${c.now}), ${f.num(before.uncategorised)} (${c.before})`))}</p>` : '',
    ),
    now.byRoute.length || before.byRoute.length ? section('routes', t.byRoute, countChart(c, t.byRoute, now.byRoute, before.byRoute)) : '',
    section('channels', t.byChannel, countChart(c, t.byChannel, now.byChannel, before.byChannel)),
    section('modes', t.byMode, countChart(c, t.byMode, now.byMode, before.byMode)),
    section('outcomes', t.byOutcome, countChart(c, t.byOutcome, now.byOutcome, before.byOutcome)),
    section(
      'admissibility',
      t.admissibility,
      cmp([
        [t.admissible, (p) => p.admissibility.admissible],
        [t.notAdmissible, (p) => p.admissibility.notAdmissible],
        [t.undecided, (p) => p.admissibility.undecided],
      ]),
      now.admissibility.byGround.length || before.admissibility.byGround.length ? sub(t.grounds) + countChart(c, t.grounds, now.admissibility.byGround, before.admissibility.byGround) : '',
    ),
    section(
      'founded',
      t.founded,
      cmp([
        [t.foundedN, (p) => p.founded.founded],
        [t.partly, (p) => p.founded.partlyFounded],
        [t.unfounded, (p) => p.founded.unfounded],
        [t.foundedRate, (p) => p.founded.rate, 'rate'],
      ]),
      `<p class="explain">${esc(t.foundedExplain)}</p>`,
    ),
    deadlines(c, now, before),
    section(
      'handling',
      t.handling,
      cmp([
        [t.handled, (p) => p.handlingDays.count],
        [t.medianDays, (p) => p.handlingDays.median, 'days'],
        [t.p90Days, (p) => p.handlingDays.p90, 'days'],
      ]),
    ),
    section(
      'escalations',
      t.escalations,
      cmp([
        [t.escComplaints, (p) => p.escalations.complaints],
        [t.escMilestones, (p) => p.escalations.milestones],
        [t.targetComplaints, (p) => p.targetsMissed.complaints],
        [t.targetMilestones, (p) => p.targetsMissed.milestones],
        [t.extComplaints, (p) => p.extensions.complaints],
        [t.extMilestones, (p) => p.extensions.milestones],
      ]),
    ),
    section(
      'objections',
      t.objections,
      cmp([
        [t.objectionsN, (p) => p.objections.count],
        [t.objectionRate, (p) => p.objections.rate, 'rate'],
        [t.referrals, (p) => p.externalReferrals.count],
      ]),
      now.objections.count || before.objections.count ? sub(t.objectionOutcome) + countChart(c, t.objectionOutcome, now.objections.byOutcome, before.objections.byOutcome, t.nothing) : '',
      now.externalReferrals.count || before.externalReferrals.count ? sub(t.bodies) + countChart(c, t.bodies, now.externalReferrals.byBody, before.externalReferrals.byBody, t.nothing) : '',
    ),
    section(
      'satisfaction',
      t.satisfaction,
      cmp([
        [t.asked, (p) => p.satisfaction.asked],
        [t.satisfied, (p) => p.satisfaction.satisfied],
        [t.notSatisfied, (p) => p.satisfaction.notSatisfied],
        [t.satisfiedRate, (p) => p.satisfaction.rate, 'rate'],
      ]),
    ),
    measures(c, now, before),
    themes(c, report.themes),
    notes(c, report.notes),
  ];
  const footer = `<footer>${esc(t.footer(name, report.regulationVersion, f.dateTime(report.generatedAt, options.timeZone ?? 'Europe/Amsterdam')))}</footer>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(`${title} – ${name}`)}</title><style>${CSS}</style></head><body><main>${body.join('\n')}</main>${footer}</body></html>`;
}
