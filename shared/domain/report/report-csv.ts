/**
 * The report as CSV for a spreadsheet: one row per figure, the period beside the year before,
 * labels in the chosen language. Same cell defusing as the complaints export.
 */
import { csvCell } from '../csv.ts';
import type { Language } from '../complaint/model.ts';
import type { CountRow, DayStats, ReportFigures } from './figures.ts';
import type { YearlyReport } from './yearly-report.ts';
import { texts } from '../../texts/index.ts';

type Cell = string | number | boolean | null | undefined;

/** The header row in a language (shared/texts, `report.csv.*`). */
function headers(language: Language): string[] {
  const h = texts(language).report.csv;
  return [h.section, h.measure, h.id, h.label, h.period, h.yearBefore];
}

export function reportCsv(report: YearlyReport, language: Language = 'nl'): string {
  const rows: Cell[][] = [];
  const { current, previous } = report;
  const add = (section: string, metric: string, now: Cell, before: Cell, id = '', label = '') => rows.push([section, metric, id, label, now, before]);
  const pair = (section: string, metric: string, pick: (f: ReportFigures) => Cell) => add(section, metric, pick(current), pick(previous));
  const days = (section: string, pick: (f: ReportFigures) => DayStats) => {
    pair(section, 'count', (f) => pick(f).count);
    pair(section, 'median-days', (f) => pick(f).median);
    pair(section, 'p90-days', (f) => pick(f).p90);
  };
  const counts = (section: string, pick: (f: ReportFigures) => CountRow[]) => {
    const ids = [...new Set([...pick(current).map((r) => r.id), ...pick(previous).map((r) => r.id)])];
    for (const id of ids) {
      const now = pick(current).find((r) => r.id === id);
      const before = pick(previous).find((r) => r.id === id);
      add(section, 'count', now?.count ?? 0, before?.count ?? 0, id, (now ?? before)!.label[language]);
    }
  };

  pair('period', 'from', (f) => f.period.from);
  pair('period', 'to', (f) => f.period.to);
  pair('complaints', 'received', (f) => f.complaints);
  pair('complaints', 'open', (f) => f.open);
  pair('complaints', 'uncategorised', (f) => f.uncategorised);
  counts('regulation-version', (f) => f.byVersion);
  counts('category', (f) => f.byCategory);
  counts('channel', (f) => f.byChannel);
  counts('mode', (f) => f.byMode);
  counts('outcome', (f) => f.byOutcome);
  pair('admissibility', 'admissible', (f) => f.admissibility.admissible);
  pair('admissibility', 'not-admissible', (f) => f.admissibility.notAdmissible);
  pair('admissibility', 'undecided', (f) => f.admissibility.undecided);
  counts('not-admissible-ground', (f) => f.admissibility.byGround);
  pair('founded', 'founded', (f) => f.founded.founded);
  pair('founded', 'partly-founded', (f) => f.founded.partlyFounded);
  pair('founded', 'unfounded', (f) => f.founded.unfounded);
  pair('founded', 'rate', (f) => f.founded.rate);
  const milestoneIds = [...new Set([...current.deadlines, ...previous.deadlines].map((d) => d.milestoneId))];
  for (const id of milestoneIds) {
    const of = (f: ReportFigures) => f.deadlines.find((d) => d.milestoneId === id);
    const label = (of(current) ?? of(previous))!.label[language];
    for (const [metric, pick] of [
      ['on-time', (f: ReportFigures) => of(f)?.onTime ?? 0],
      ['late', (f: ReportFigures) => of(f)?.late ?? 0],
      ['pending', (f: ReportFigures) => of(f)?.pending ?? 0],
      ['on-time-rate', (f: ReportFigures) => of(f)?.onTimeRate ?? null],
      ['median-days-taken', (f: ReportFigures) => of(f)?.daysTaken.median ?? null],
      ['p90-days-taken', (f: ReportFigures) => of(f)?.daysTaken.p90 ?? null],
      ['median-days-late', (f: ReportFigures) => of(f)?.daysLate.median ?? null],
      ['p90-days-late', (f: ReportFigures) => of(f)?.daysLate.p90 ?? null],
    ] as const) {
      add('deadline', metric, pick(current), pick(previous), id, label);
    }
  }
  days('handling-time', (f) => f.handlingDays);
  pair('escalations', 'complaints', (f) => f.escalations.complaints);
  pair('escalations', 'deadlines', (f) => f.escalations.milestones);
  pair('targets-missed', 'complaints', (f) => f.targetsMissed.complaints);
  pair('targets-missed', 'deadlines', (f) => f.targetsMissed.milestones);
  pair('extensions', 'complaints', (f) => f.extensions.complaints);
  pair('extensions', 'deadlines', (f) => f.extensions.milestones);
  pair('objections', 'count', (f) => f.objections.count);
  pair('objections', 'rate', (f) => f.objections.rate);
  counts('objection-outcome', (f) => f.objections.byOutcome);
  pair('external-referrals', 'count', (f) => f.externalReferrals.count);
  counts('external-body', (f) => f.externalReferrals.byBody);
  pair('satisfaction', 'asked', (f) => f.satisfaction.asked);
  pair('satisfaction', 'satisfied', (f) => f.satisfaction.satisfied);
  pair('satisfaction', 'rate', (f) => f.satisfaction.rate);
  for (const kind of ['corrective', 'preventive'] as const) {
    for (const metric of ['total', 'open', 'done', 'cancelled', 'onTime', 'late', 'effective', 'notEffective', 'notEvaluated'] as const) {
      pair(
        `${kind}-measures`,
        metric.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        (f) => f.measures[kind][metric],
      );
    }
  }
  for (const theme of report.themes) add('theme', theme.recurring ? 'recurring' : theme.trend, theme.count, theme.previousCount, theme.categoryId, theme.label[language]);

  const line = (cells: Cell[]) => cells.map((c) => csvCell(c === null || c === undefined ? '' : String(c))).join(',');
  return [headers(language).join(','), ...rows.map(line)].join('\r\n') + '\r\n';
}
