/**
 * A hand-made yearly report (2026 beside 2025) for the report's tests and for trying the HTML and
 * PDF rendering without a register: `tsx tools/report/pdf.ts --sample out.pdf`.
 */
import type { CountRow, DayStats, MeasureStats, MilestoneCompliance, ReportFigures, ReportPeriod } from '../../shared/domain/report/figures.ts';
import type { YearlyReport } from '../../shared/domain/report/yearly-report.ts';

const row = (id: string, nl: string, en: string, count: number, total: number): CountRow => ({ id, label: { nl, en }, count, share: total ? Math.round((count / total) * 1000) / 1000 : 0 });
const days = (count: number, median: number | null, p90: number | null): DayStats => ({ count, median, p90 });
const noMeasures = (): MeasureStats => ({ total: 0, open: 0, done: 0, cancelled: 0, onTime: 0, late: 0, effective: 0, notEffective: 0, notEvaluated: 0 });

function milestone(id: string, nl: string, en: string, citation: string, onTime: number, late: number, pending: number, taken: DayStats, lateBy: DayStats): MilestoneCompliance {
  return {
    milestoneId: id,
    label: { nl, en },
    citation,
    kind: 'hard',
    onTime,
    late,
    pending,
    cancelled: 0,
    onTimeRate: onTime + late ? Math.round((onTime / (onTime + late)) * 1000) / 1000 : null,
    daysTaken: taken,
    daysLate: lateBy,
  };
}

/** A period with no complaints at all: every rate and median is null. */
export function emptyFigures(period: ReportPeriod): ReportFigures {
  return {
    period,
    complaints: 0,
    open: 0,
    byVersion: [],
    byCategory: [],
    uncategorised: 0,
    byRoute: [],
    byChannel: [],
    byMode: [],
    byOutcome: [],
    admissibility: { admissible: 0, notAdmissible: 0, undecided: 0, byGround: [] },
    founded: { founded: 0, partlyFounded: 0, unfounded: 0, rate: null },
    deadlines: [],
    handlingDays: days(0, null, null),
    escalations: { complaints: 0, milestones: 0 },
    targetsMissed: { complaints: 0, milestones: 0 },
    extensions: { complaints: 0, milestones: 0 },
    objections: { count: 0, rate: null, byOutcome: [] },
    externalReferrals: { count: 0, byBody: [] },
    satisfaction: { asked: 0, satisfied: 0, notSatisfied: 0, rate: null },
    measures: { corrective: noMeasures(), preventive: noMeasures(), items: [] },
  };
}

export const SAMPLE_NOTES = [
  'Complaints received from 2026-01-01 to 2026-12-31 (Europe/Amsterdam), beside 2025-01-01 to 2025-12-31.',
  'Figures as of 2026-11-21: a deadline not yet passed then is pending, not late.',
  'Days are calendar days. Median and 90th percentile by the nearest-rank method.',
  'Founded rate: founded and partly founded over all complaints decided on their merits.',
  'Themes: categories with at least 3 complaints and at least a tenth of the period; recurring when they were a theme the period before too.',
  'No personal data: names, addresses and complaint texts are not read.',
];

export function sampleReport(): YearlyReport {
  const current: ReportFigures = {
    period: { from: '2026-01-01', to: '2026-12-31' },
    complaints: 40,
    open: 5,
    byVersion: [row('2026-01-01', 'versie 2026-01-01 (vanaf 2026-01-01)', 'version 2026-01-01 (from 2026-01-01)', 40, 40)],
    byCategory: [
      row('communication', 'Communicatie', 'Communication', 16, 40),
      row('waiting-time', 'Wachttijd', 'Waiting time', 12, 40),
      row('conduct', 'Bejegening', 'Conduct', 8, 40),
      row('invoice', 'Facturering', 'Invoicing', 4, 40),
    ],
    uncategorised: 2,
    byRoute: [],
    byChannel: [row('web-form', 'webformulier', 'web form', 24, 40), row('email', 'e-mail', 'e-mail', 10, 40), row('phone', 'telefoon', 'phone', 6, 40)],
    byMode: [row('written', 'schriftelijk', 'written', 34, 40), row('oral', 'mondeling', 'oral', 6, 40)],
    byOutcome: [
      row('founded', 'gegrond', 'founded', 10, 40),
      row('partly-founded', 'deels gegrond', 'partly founded', 5, 40),
      row('unfounded', 'ongegrond', 'unfounded', 15, 40),
      row('not-admissible', 'niet ontvankelijk', 'not admissible', 3, 40),
      row('withdrawn', 'ingetrokken', 'withdrawn', 2, 40),
      row('open', 'nog in behandeling', 'still being handled', 5, 40),
    ],
    admissibility: {
      admissible: 32,
      notAdmissible: 3,
      undecided: 5,
      byGround: [row('too-late', 'te laat ingediend', 'filed too late', 2, 40), row('unspecified', 'reden in eigen woorden', 'reason given in words', 1, 40)],
    },
    founded: { founded: 10, partlyFounded: 5, unfounded: 15, rate: 0.5 },
    deadlines: [
      milestone('acknowledgement', 'Ontvangstbevestiging', 'Acknowledgement', 'art. 3', 36, 2, 2, days(38, 2, 5), days(2, 1, 2)),
      milestone('handling', 'Schriftelijke uitspraak', 'Written decision', 'art. 5 lid 2', 28, 4, 8, days(32, 24, 41), days(4, 6, 12)),
    ],
    handlingDays: days(35, 25, 44),
    escalations: { complaints: 4, milestones: 6 },
    targetsMissed: { complaints: 3, milestones: 3 },
    extensions: { complaints: 3, milestones: 3 },
    objections: { count: 4, rate: 0.1, byOutcome: [row('unfounded', 'ongegrond', 'unfounded', 3, 4), row('open', 'nog in behandeling', 'still being handled', 1, 4)] },
    externalReferrals: { count: 2, byBody: [row('Geschillencommissie Zorg', 'Geschillencommissie Zorg', 'Geschillencommissie Zorg', 2, 2)] },
    satisfaction: { asked: 20, satisfied: 15, notSatisfied: 5, rate: 0.75 },
    measures: {
      corrective: { total: 2, open: 1, done: 1, cancelled: 0, onTime: 1, late: 0, effective: 1, notEffective: 0, notEvaluated: 1 },
      preventive: { total: 1, open: 0, done: 1, cancelled: 0, onTime: 0, late: 1, effective: 0, notEffective: 0, notEvaluated: 1 },
      items: [
        {
          id: 'M-1',
          kind: 'corrective',
          what: 'Terugbelafspraken vastleggen in het planningssysteem',
          status: 'done',
          dueDate: '2026-03-31',
          completedOn: '2026-03-20',
          onTime: true,
          effective: true,
          complaints: 3,
        },
        { id: 'M-2', kind: 'corrective', what: 'Wachtlijst wekelijks nalopen', status: 'open', dueDate: '2026-12-31', onTime: null, effective: null, complaints: 2 },
        {
          id: 'M-3',
          kind: 'preventive',
          what: 'Training klantcontact voor alle adviseurs',
          status: 'done',
          dueDate: '2026-06-30',
          completedOn: '2026-07-14',
          onTime: false,
          effective: null,
          complaints: 0,
        },
      ],
    },
  };
  const previous: ReportFigures = {
    ...emptyFigures({ from: '2025-01-01', to: '2025-12-31' }),
    complaints: 32,
    open: 0,
    byCategory: [row('communication', 'Communicatie', 'Communication', 10, 32), row('waiting-time', 'Wachttijd', 'Waiting time', 14, 32), row('conduct', 'Bejegening', 'Conduct', 8, 32)],
    byChannel: [row('web-form', 'webformulier', 'web form', 18, 32), row('email', 'e-mail', 'e-mail', 8, 32), row('letter', 'brief (post)', 'letter (post)', 6, 32)],
    byMode: [row('written', 'schriftelijk', 'written', 32, 32)],
    byOutcome: [
      row('founded', 'gegrond', 'founded', 6, 32),
      row('partly-founded', 'deels gegrond', 'partly founded', 4, 32),
      row('unfounded', 'ongegrond', 'unfounded', 20, 32),
      row('withdrawn', 'ingetrokken', 'withdrawn', 2, 32),
    ],
    admissibility: { admissible: 30, notAdmissible: 0, undecided: 2, byGround: [] },
    founded: { founded: 6, partlyFounded: 4, unfounded: 20, rate: 0.333 },
    deadlines: [
      milestone('acknowledgement', 'Ontvangstbevestiging', 'Acknowledgement', 'art. 3', 28, 4, 0, days(32, 3, 6), days(4, 2, 3)),
      milestone('handling', 'Schriftelijke uitspraak', 'Written decision', 'art. 5 lid 2', 20, 10, 0, days(30, 30, 52), days(10, 8, 15)),
    ],
    handlingDays: days(32, 29, 50),
    escalations: { complaints: 7, milestones: 9 },
    targetsMissed: { complaints: 5, milestones: 6 },
    objections: { count: 2, rate: 0.063, byOutcome: [row('unfounded', 'ongegrond', 'unfounded', 2, 2)] },
    satisfaction: { asked: 10, satisfied: 6, notSatisfied: 4, rate: 0.6 },
  };
  return {
    tenant: { id: 'demo', name: 'Voorbeeld Dienstverlening BV' },
    regulationVersion: '2024-01',
    generatedAt: '2026-11-21T15:05:00.000Z',
    current,
    previous,
    themes: [
      { categoryId: 'communication', label: { nl: 'Communicatie', en: 'Communication' }, count: 16, previousCount: 10, recurring: true, trend: 'up' },
      { categoryId: 'waiting-time', label: { nl: 'Wachttijd', en: 'Waiting time' }, count: 12, previousCount: 14, recurring: true, trend: 'down' },
      { categoryId: 'conduct', label: { nl: 'Bejegening', en: 'Conduct' }, count: 8, previousCount: 8, recurring: true, trend: 'same' },
      { categoryId: 'invoice', label: { nl: 'Facturering', en: 'Invoicing' }, count: 4, previousCount: 0, recurring: false, trend: 'new' },
    ],
    notes: [...SAMPLE_NOTES],
  };
}

/** A year without complaints, beside another one. */
export function emptyReport(): YearlyReport {
  return {
    tenant: { id: 'demo', name: 'Voorbeeld Dienstverlening BV' },
    regulationVersion: '2024-01',
    generatedAt: '2026-11-21T15:05:00.000Z',
    current: emptyFigures({ from: '2026-01-01', to: '2026-12-31' }),
    previous: emptyFigures({ from: '2025-01-01', to: '2025-12-31' }),
    themes: [],
    notes: [...SAMPLE_NOTES],
  };
}
