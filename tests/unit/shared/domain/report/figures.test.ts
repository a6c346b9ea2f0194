/**
 * The yearly report against a hand-computed data set (Occure's regulation, report date Sat 21
 * Nov 2026). Every expected number below was counted by hand from the complaints as written;
 * the comments show the sums.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegulationFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import type { MilestoneState } from '../../../../../shared/domain/complaint/model.ts';
import type { Measure } from '../../../../../shared/domain/measures/measures.ts';
import type { ReportComplaint } from '../../../../../shared/domain/report/figures.ts';
import { dayStats } from '../../../../../shared/domain/report/figures.ts';
import { reportCsv } from '../../../../../shared/domain/report/report-csv.ts';
import { buildYearlyReport, periodBefore, reportPeriod, type ReportSource, type YearlyReport } from '../../../../../shared/domain/report/yearly-report.ts';
import { singleVersion } from '../../../../../shared/domain/regulation/versions.ts';

const ASOF = new Date('2026-11-21T12:00:00Z');

function milestone(id: 'acknowledgement' | 'ruling', dueAt: string, state: Partial<MilestoneState>): MilestoneState {
  return {
    milestoneId: id,
    label: id === 'acknowledgement' ? { nl: 'Ontvangstbevestiging', en: 'Acknowledgement' } : { nl: 'Uitspraak', en: 'Ruling' },
    due: dueAt.slice(0, 10),
    dueAt,
    responsibleRole: 'coordinator',
    citation: id === 'acknowledgement' ? '§ 2.1' : '§ 2.3',
    status: 'open',
    ...state,
  };
}

function complaint(reference: string, receivedAt: string, fields: Partial<ReportComplaint> & { happened?: Record<string, string> }): ReportComplaint {
  return {
    reference,
    receivedAt,
    channel: 'form',
    mode: 'written',
    categories: [],
    status: 'closed',
    milestones: [],
    measureIds: [],
    ...fields,
    happened: { received: receivedAt, ...(fields.happened ?? {}) },
  };
}

const met = (metAt: string) => ({ status: 'met' as const, metAt });

const COMPLAINTS: ReportComplaint[] = [
  // --- received in 2026 -------------------------------------------------------------------
  complaint('KL-2026-000001', '2026-03-02T09:00:00Z', {
    categories: ['service'],
    status: 'ruled',
    decision: { outcome: 'founded' },
    satisfaction: { satisfied: true },
    measureIds: ['M-1'],
    happened: { assigned: '2026-03-03T12:00:00Z', 'ruling-sent': '2026-03-20T10:00:00Z' },
    milestones: [milestone('acknowledgement', '2026-03-09T22:59:59Z', met('2026-03-03T10:00:00Z')), milestone('ruling', '2026-03-31T21:59:59Z', met('2026-03-20T10:00:00Z'))],
  }),
  complaint('KL-2026-000002', '2026-04-10T08:00:00Z', {
    channel: 'email',
    categories: ['service', 'privacy'],
    status: 'objection-decided',
    decision: { outcome: 'partly-founded' },
    measureIds: ['M-6'],
    objection: { receivedAt: '2026-05-20T10:00:00Z', decision: { outcome: 'unfounded' } },
    happened: { assigned: '2026-04-11T12:00:00Z', 'ruling-sent': '2026-05-15T10:00:00Z' },
    milestones: [
      milestone('acknowledgement', '2026-04-17T21:59:59Z', met('2026-04-11T10:00:00Z')),
      milestone('ruling', '2026-05-12T21:59:59Z', { ...met('2026-05-15T10:00:00Z'), escalatedAt: '2026-05-12T22:00:00Z' }),
    ],
  }),
  complaint('KL-2026-000003', '2026-06-01T10:00:00Z', {
    channel: 'email',
    categories: ['privacy'],
    status: 'not-admissible',
    decision: { outcome: 'not-admissible', ground: 'privacy' },
    happened: { 'not-taken-up': '2026-06-03T10:00:00Z' },
    milestones: [milestone('acknowledgement', '2026-06-08T21:59:59Z', met('2026-06-02T10:00:00Z')), milestone('ruling', '2026-06-29T21:59:59Z', { status: 'cancelled' })],
  }),
  complaint('KL-2026-000004', '2026-09-15T12:00:00Z', {
    channel: 'phone',
    mode: 'oral',
    categories: ['service'],
    status: 'referred-externally',
    decision: { outcome: 'unfounded' },
    satisfaction: { satisfied: false },
    externalReferral: { body: 'Stichting Dokh', at: '2026-11-10T10:00:00Z' },
    happened: { assigned: '2026-09-25T12:00:00Z', 'ruling-sent': '2026-11-02T10:00:00Z' },
    milestones: [
      milestone('acknowledgement', '2026-09-22T21:59:59Z', met('2026-09-24T08:00:00Z')),
      milestone('ruling', '2026-11-10T22:59:59Z', { ...met('2026-11-02T10:00:00Z'), extensions: [{ unit: 'weeks', amount: 4 }] }),
    ],
  }),
  complaint('KL-2026-000005', '2026-11-16T09:00:00Z', {
    status: 'acknowledged',
    milestones: [milestone('acknowledgement', '2026-11-23T22:59:59Z', met('2026-11-17T10:00:00Z')), milestone('ruling', '2026-12-15T22:59:59Z', {})],
  }),
  complaint('KL-2026-000006', '2026-10-01T09:00:00Z', {
    categories: ['service'],
    status: 'assigned',
    happened: { assigned: '2026-10-02T09:00:00Z' },
    milestones: [
      milestone('acknowledgement', '2026-10-08T21:59:59Z', met('2026-10-02T10:00:00Z')),
      milestone('ruling', '2026-10-29T22:59:59Z', { status: 'escalated', escalatedAt: '2026-10-29T23:00:00Z' }),
    ],
  }),
  // Registered in 2025 (its reference year) but received at 00:30 on 1 January 2026, Amsterdam time.
  complaint('KL-2025-000099', '2025-12-31T23:30:00Z', {
    categories: ['service'],
    status: 'withdrawn',
    decision: { outcome: 'withdrawn' },
    happened: { withdrawn: '2026-01-05T10:00:00Z' },
    milestones: [milestone('acknowledgement', '2026-01-08T22:59:59Z', met('2026-01-02T10:00:00Z')), milestone('ruling', '2026-01-29T22:59:59Z', { status: 'cancelled' })],
  }),
  // --- received in 2025 -------------------------------------------------------------------
  complaint('KL-2025-000001', '2025-02-03T09:00:00Z', {
    categories: ['service'],
    decision: { outcome: 'founded' },
    happened: { 'ruling-sent': '2025-02-20T10:00:00Z' },
    milestones: [milestone('acknowledgement', '2025-02-10T22:59:59Z', met('2025-02-04T10:00:00Z')), milestone('ruling', '2025-03-03T22:59:59Z', met('2025-02-20T10:00:00Z'))],
  }),
  complaint('KL-2025-000002', '2025-05-05T09:00:00Z', {
    channel: 'email',
    categories: ['service'],
    decision: { outcome: 'unfounded' },
    happened: { 'ruling-sent': '2025-06-05T09:00:00Z' },
    milestones: [milestone('acknowledgement', '2025-05-12T21:59:59Z', met('2025-05-07T10:00:00Z')), milestone('ruling', '2025-06-03T21:59:59Z', met('2025-06-05T09:00:00Z'))],
  }),
  complaint('KL-2025-000003', '2025-08-01T09:00:00Z', {
    categories: ['service'],
    decision: { outcome: 'founded' },
    happened: { 'ruling-sent': '2025-08-11T10:00:00Z' },
    milestones: [milestone('acknowledgement', '2025-08-08T21:59:59Z', met('2025-08-02T10:00:00Z')), milestone('ruling', '2025-08-29T21:59:59Z', met('2025-08-11T10:00:00Z'))],
  }),
  // 23:30 on 31 December 2025 in Amsterdam: still 2025.
  complaint('KL-2025-000100', '2025-12-31T22:30:00Z', {
    categories: ['privacy'],
    decision: { outcome: 'unfounded' },
    happened: { 'ruling-sent': '2026-01-20T10:00:00Z' },
    milestones: [milestone('acknowledgement', '2026-01-08T22:59:59Z', met('2026-01-02T10:00:00Z')), milestone('ruling', '2026-01-28T22:59:59Z', met('2026-01-20T10:00:00Z'))],
  }),
  // --- in neither period --------------------------------------------------------------------
  complaint('KL-2027-000001', '2026-12-31T23:30:00Z', { categories: ['privacy'], status: 'registered' }),
  complaint('KL-2024-000001', '2024-06-01T09:00:00Z', { categories: ['privacy'], decision: { outcome: 'founded' } }),
];

const measure = (m: Partial<Measure> & Pick<Measure, 'id' | 'kind' | 'createdAt' | 'dueDate' | 'status'>): Measure => ({
  what: `maatregel ${m.id}`,
  owner: { email: 'kwaliteit@occure.nl', name: 'Kwaliteit' },
  complaintRefs: [],
  createdBy: 'kwaliteit@occure.nl',
  version: 1,
  ...m,
});

const MEASURES: Measure[] = [
  measure({
    id: 'M-1',
    kind: 'corrective',
    createdAt: '2026-03-20T10:00:00Z',
    dueDate: '2026-04-30',
    status: 'done',
    completedAt: '2026-04-28T10:00:00Z',
    effective: true,
    complaintRefs: ['KL-2026-000001'],
  }),
  measure({ id: 'M-2', kind: 'preventive', createdAt: '2026-05-16T10:00:00Z', dueDate: '2026-06-30', status: 'done', completedAt: '2026-07-10T10:00:00Z' }),
  measure({ id: 'M-3', kind: 'corrective', createdAt: '2026-08-01T10:00:00Z', dueDate: '2026-09-30', status: 'open' }),
  measure({ id: 'M-4', kind: 'preventive', createdAt: '2026-10-01T10:00:00Z', dueDate: '2026-12-31', status: 'open' }),
  measure({ id: 'M-5', kind: 'corrective', createdAt: '2025-03-01T10:00:00Z', dueDate: '2025-04-01', status: 'done', completedAt: '2025-03-25T10:00:00Z', effective: false }),
  // Created in 2024, linked to a 2026 complaint: it belongs to 2026's analysis.
  measure({ id: 'M-6', kind: 'preventive', createdAt: '2024-05-01T10:00:00Z', dueDate: '2024-06-01', status: 'cancelled', complaintRefs: ['KL-2026-000002'] }),
];

/** The year index as a port: complaints of the years asked, in pages of 3 (so paging is exercised). */
function source(complaints: ReportComplaint[], measures: Measure[], asked: number[][] = []): ReportSource {
  return {
    async *complaintsOfYears(years) {
      asked.push(years);
      const of = complaints.filter((c) => years.includes(Number(c.reference.slice(3, 7))));
      for (let i = 0; i < of.length; i += 3) yield of.slice(i, i + 3);
    },
    allMeasures: async () => measures,
  };
}

describe('the yearly report, counted by hand', () => {
  let regulation: Regulation;
  let report: YearlyReport;
  const asked: number[][] = [];
  const progress: number[] = [];

  beforeAll(async () => {
    regulation = await loadRegulationFile('tenants/occure.yaml');
    report = await buildYearlyReport({ source: source(COMPLAINTS, MEASURES, asked), regulations: singleVersion(regulation), clock: { now: () => ASOF } }, { year: 2026 }, (p) => progress.push(p.read));
  });

  it('reads the reference years around both periods, by index, and reports progress', () => {
    expect(asked).toEqual([[2025, 2026, 2027]]);
    // 12 complaints of 2025-2027 in pages of 3.
    expect(progress).toEqual([3, 6, 9, 12]);
  });

  it('counts complaints by receipt in Amsterdam time, and which are still open', () => {
    expect(report.current.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(report.previous.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(report.current.complaints).toBe(7); // 000001-000006 + KL-2025-000099 (00:30 on 1 Jan)
    expect(report.previous.complaints).toBe(4); // 000001-000003 + KL-2025-000100 (23:30 on 31 Dec)
    expect(report.current.open).toBe(2); // 000005, 000006
  });

  it('by category, channel and mode', () => {
    expect(report.current.byCategory.map((r) => [r.id, r.count, r.share])).toEqual([
      ['service', 5, 0.714],
      ['privacy', 2, 0.286],
    ]);
    expect(report.current.byCategory[0]!.label).toEqual({ nl: 'dienstverlening', en: 'service' });
    expect(report.current.uncategorised).toBe(1);
    expect(report.current.byChannel.map((r) => [r.id, r.count])).toEqual([
      ['form', 4],
      ['email', 2],
      ['phone', 1],
    ]);
    // A channel the regulation does not list is labelled by its kind.
    expect(report.current.byChannel[2]!.label).toEqual({ nl: 'telefoon', en: 'phone' });
    expect(report.current.byMode.map((r) => [r.id, r.count])).toEqual([
      ['written', 6],
      ['oral', 1],
    ]);
    expect(report.previous.byCategory.map((r) => [r.id, r.count])).toEqual([
      ['service', 3],
      ['privacy', 1],
    ]);
  });

  it('outcomes, admissibility and the founded rate', () => {
    expect(report.current.byOutcome.map((r) => [r.id, r.count])).toEqual([
      ['founded', 1],
      ['partly-founded', 1],
      ['unfounded', 1],
      ['not-admissible', 1],
      ['withdrawn', 1],
      ['open', 2],
    ]);
    // Admissible: decided on the merits or assigned (000001, 000002, 000004, 000006); undecided: 000005, the withdrawn one.
    expect(report.current.admissibility).toMatchObject({ admissible: 4, notAdmissible: 1, undecided: 2 });
    expect(report.current.admissibility.byGround.map((r) => [r.id, r.count])).toEqual([['privacy', 1]]);
    expect(report.current.founded).toEqual({ founded: 1, partlyFounded: 1, unfounded: 1, rate: 0.667 });
    expect(report.previous.founded).toEqual({ founded: 2, partlyFounded: 0, unfounded: 2, rate: 0.5 });
  });

  it('deadline compliance per milestone: on time, late, pending, and the days', () => {
    const [ack, ruling] = report.current.deadlines;
    // Acknowledgement: 000004 met 2 days late (taken 9 days); the other six within a day.
    // Labels and articles come from the regulation, not the stored complaint.
    expect(ruling!.label).toEqual({ nl: 'Schriftelijke uitspraak', en: 'Written decision' });
    expect(ack).toMatchObject({ milestoneId: 'acknowledgement', citation: '§ 2.1', onTime: 6, late: 1, pending: 0, cancelled: 0, onTimeRate: 0.857 });
    expect(ack!.daysTaken).toEqual({ count: 7, median: 1, p90: 9 });
    expect(ack!.daysLate).toEqual({ count: 1, median: 2, p90: 2 });
    // Ruling: on time 000001 (18 d), 000004 (48 d); late 000002 (35 d, 3 late), 000006 (open, 23 days past on 21 Nov);
    // pending 000005; cancelled 000003 and the withdrawn one.
    expect(ruling).toMatchObject({ milestoneId: 'ruling', onTime: 2, late: 2, pending: 1, cancelled: 2, onTimeRate: 0.5 });
    expect(ruling!.daysTaken).toEqual({ count: 3, median: 35, p90: 48 });
    expect(ruling!.daysLate).toEqual({ count: 2, median: 3, p90: 23 });
    expect(report.previous.deadlines.map((d) => [d.milestoneId, d.onTime, d.late, d.onTimeRate])).toEqual([
      ['acknowledgement', 4, 0, 1],
      ['ruling', 3, 1, 0.75],
    ]);
  });

  it('handling time, escalations, extensions', () => {
    // Ended: 000001 18, 000002 35, 000003 2, 000004 48, withdrawn 4 -> [2, 4, 18, 35, 48].
    expect(report.current.handlingDays).toEqual({ count: 5, median: 18, p90: 48 });
    // 2025: [10, 17, 20, 31].
    expect(report.previous.handlingDays).toEqual({ count: 4, median: 17, p90: 31 });
    expect(report.current.escalations).toEqual({ complaints: 2, milestones: 2 });
    expect(report.current.extensions).toEqual({ complaints: 1, milestones: 1 });
  });

  it('objections, external referrals and satisfaction', () => {
    expect(report.current.objections).toMatchObject({ count: 1, rate: 0.143 });
    expect(report.current.objections.byOutcome.map((r) => [r.id, r.count, r.share])).toEqual([['unfounded', 1, 1]]);
    expect(report.current.externalReferrals).toEqual({ count: 1, byBody: [{ id: 'Stichting Dokh', label: { nl: 'Stichting Dokh', en: 'Stichting Dokh' }, count: 1, share: 1 }] });
    expect(report.current.satisfaction).toEqual({ asked: 2, satisfied: 1, notSatisfied: 1, rate: 0.5 });
  });

  it('corrective and preventive measures: done, on time, effective', () => {
    const { corrective, preventive, items } = report.current.measures;
    expect(items.map((m) => m.id)).toEqual(['M-1', 'M-3', 'M-6', 'M-2', 'M-4']);
    expect(corrective).toEqual({ total: 2, open: 1, done: 1, cancelled: 0, onTime: 1, late: 1, effective: 1, notEffective: 0, notEvaluated: 1 });
    expect(preventive).toEqual({ total: 3, open: 1, done: 1, cancelled: 1, onTime: 0, late: 1, effective: 0, notEffective: 0, notEvaluated: 2 });
    expect(items.find((m) => m.id === 'M-2')).toMatchObject({ completedOn: '2026-07-10', onTime: false, effective: null });
    expect(report.previous.measures.items.map((m) => [m.id, m.onTime, m.effective])).toEqual([['M-5', true, false]]);
  });

  it('recurring themes against the year before', () => {
    expect(report.themes).toEqual([{ categoryId: 'service', label: { nl: 'dienstverlening', en: 'service' }, count: 5, previousCount: 3, recurring: true, trend: 'up' }]);
  });

  it('as CSV: every figure beside the year before, labels in the chosen language', () => {
    const csv = reportCsv(report, 'nl').split('\r\n');
    expect(csv[0]).toBe('onderdeel,kenmerk,id,omschrijving,periode,jaar ervoor');
    expect(csv).toContain('complaints,received,,,7,4');
    expect(csv).toContain('category,count,service,dienstverlening,5,3');
    expect(csv).toContain('deadline,on-time-rate,ruling,Schriftelijke uitspraak,0.5,0.75');
    expect(csv).toContain('handling-time,median-days,,,18,17');
    expect(csv).toContain('corrective-measures,not-evaluated,,,1,0');
    expect(csv).toContain('theme,recurring,service,dienstverlening,5,3');
    expect(reportCsv(report, 'en').split('\r\n')).toContain('category,count,service,service,5,3');
  });

  it('carries no personal data', () => {
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/@/);
    expect(text).not.toContain('KL-2026');
  });
});

describe('report periods', () => {
  it('a year, or from-to, with the same period a year earlier', () => {
    expect(reportPeriod({ year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(reportPeriod({}, 2027)).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(reportPeriod({ from: '2026-07-01', to: '2027-06-30' })).toEqual({ from: '2026-07-01', to: '2027-06-30' });
    expect(periodBefore({ from: '2028-02-29', to: '2028-12-31' })).toEqual({ from: '2027-02-28', to: '2027-12-31' });
  });

  it('refuses what is not a period, naming the field', () => {
    expect(() => reportPeriod({})).toThrow(/from/);
    expect(() => reportPeriod({ year: 2026, from: '2026-01-01' })).toThrow(/year/);
    expect(() => reportPeriod({ from: '2026-05-01', to: '2026-04-01' })).toThrow(/to/);
    expect(() => reportPeriod({ from: '2026-13-01', to: '2026-12-31' })).toThrow(/from/);
    expect(() => reportPeriod({ from: '2020-01-01', to: '2026-12-31' })).toThrow(/two calendar years/);
  });

  it('nearest-rank percentiles', () => {
    expect(dayStats([])).toEqual({ count: 0, median: null, p90: null });
    expect(dayStats([5])).toEqual({ count: 1, median: 5, p90: 5 });
    expect(dayStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ count: 10, median: 5, p90: 9 });
  });
});

describe('targets and recurring duties in the yearly report', () => {
  it('a missed target is its own figure, not a breach; the occurrences of a recurring duty are one line', async () => {
    const regulation = await loadRegulationFile('tests/fixtures/regulations/kinderopvang-het-speelbos.yaml');
    const base = (id: string, dueAt: string, state: Partial<MilestoneState>): MilestoneState => ({
      milestoneId: id,
      label: { nl: id, en: id },
      due: dueAt.slice(0, 10),
      dueAt,
      responsibleRole: 'coordinator',
      citation: 'art. 5',
      status: 'open',
      ...state,
    });
    const complaints: ReportComplaint[] = [
      complaint('KL-2026-000001', '2026-03-02T09:00:00Z', {
        status: 'ruled',
        decision: { outcome: 'founded' },
        happened: { 'ruling-sent': '2026-03-20T10:00:00Z' },
        milestones: [
          // The target (16 March) was missed, the hard term (13 April) met.
          base('handling-target', '2026-03-16T22:59:59Z', { kind: 'target', status: 'met', missedAt: '2026-03-17T00:00:00Z', metAt: '2026-03-20T10:00:00Z' }),
          base('handling', '2026-04-13T21:59:59Z', { kind: 'hard', status: 'met', metAt: '2026-03-20T10:00:00Z' }),
          base('progress-update.1', '2026-03-09T22:59:59Z', { series: 'progress-update', occurrence: 1, status: 'met', metAt: '2026-03-06T10:00:00Z' }),
          base('progress-update.2', '2026-03-13T22:59:59Z', { series: 'progress-update', occurrence: 2, status: 'met', metAt: '2026-03-13T10:00:00Z' }),
          base('progress-update.3', '2026-03-20T22:59:59Z', { series: 'progress-update', occurrence: 3, status: 'cancelled' }),
        ],
      }),
      complaint('KL-2026-000002', '2026-03-03T09:00:00Z', {
        status: 'ruled',
        decision: { outcome: 'unfounded' },
        happened: { 'ruling-sent': '2026-04-20T10:00:00Z' },
        milestones: [
          base('handling-target', '2026-03-17T22:59:59Z', { kind: 'target', status: 'met', missedAt: '2026-03-18T00:00:00Z', metAt: '2026-04-20T10:00:00Z' }),
          base('handling', '2026-04-14T21:59:59Z', { kind: 'hard', status: 'met', escalatedAt: '2026-04-15T00:00:00Z', metAt: '2026-04-20T10:00:00Z' }),
        ],
      }),
    ];
    const report = await buildYearlyReport({ source: source(complaints, []), regulations: singleVersion(regulation), clock: { now: () => ASOF } }, { year: 2026 });
    expect(report.current.targetsMissed).toEqual({ complaints: 2, milestones: 2 });
    expect(report.current.escalations).toEqual({ complaints: 1, milestones: 1 });
    const lines = Object.fromEntries(report.current.deadlines.map((d) => [d.milestoneId, d]));
    expect(lines['handling-target']).toMatchObject({ kind: 'target', onTime: 0, late: 2 });
    expect(lines.handling).toMatchObject({ kind: 'hard', onTime: 1, late: 1 });
    expect(lines['progress-update']).toMatchObject({ onTime: 2, late: 0, cancelled: 1 });
    expect(Object.keys(lines)).not.toContain('progress-update.1');
    expect(reportCsv(report, 'nl')).toContain('targets-missed');
  });
});
