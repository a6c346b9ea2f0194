/**
 * The printable report's HTML, from a hand-made yearly report: both languages, their number and
 * date formats, the charts and their proportions, escaping of everything that comes from data,
 * and periods without complaints.
 */
import { describe, expect, test } from 'vitest';
import { renderReportHtml } from '../../../../../shared/domain/report/report-html.ts';
import { emptyFigures, emptyReport, sampleReport } from '../../../../../tools/report/sample-report.ts';
import type { YearlyReport } from '../../../../../shared/domain/report/yearly-report.ts';

const nl = renderReportHtml(sampleReport(), 'nl');
const en = renderReportHtml(sampleReport(), 'en');

/** The text of every element matching `tag`, tags inside stripped. */
const texts = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'gs'))].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
const svgs = (html: string) => [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
/** A chart's bars: its class, width and the value written beside it. */
const bars = (svg: string) =>
  [...svg.matchAll(/<rect class="(now|before)" x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="[\d.]+"\/><text[^>]*>([^<]*)<\/text>/g)].map((m) => ({
    period: m[1],
    width: Number(m[2]),
    value: m[3]!,
  }));
const chartTitled = (html: string, title: string) => svgs(html).find((s) => s.includes(`>${title}</title>`))!;

function expectNoBrokenValues(html: string): void {
  expect(html).not.toMatch(/NaN|undefined|null|Infinity|\[object/);
}

describe('renderReportHtml', () => {
  test('is a complete, self-contained document: no script, no external request, A4 print styles', () => {
    for (const html of [nl, en]) {
      expect(html.startsWith('<!doctype html><html lang=')).toBe(true);
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
      expect(html).toContain('@page{size:A4 portrait;');
      expect(html).toMatch(/break-inside:avoid/);
      expectNoBrokenValues(html);
    }
  });

  test('Dutch by default: headings, figures and dates in Dutch', () => {
    expect(renderReportHtml(sampleReport())).toBe(nl);
    expect(nl).toContain('<html lang="nl">');
    expect(texts(nl, 'h1')).toEqual(['Klachtenjaarverslag 2026']);
    expect(texts(nl, 'h2')).toEqual([
      'Kerncijfers',
      'Klachten per categorie',
      'Klachten per kanaal',
      'Mondeling of schriftelijk',
      'Afloop',
      'Ontvankelijkheid',
      'Gegrondheid',
      'Termijnen',
      'Behandelduur',
      'Escalaties en verlengingen',
      'Bezwaar en externe klachtinstantie',
      'Tevredenheid',
      'Corrigerende en preventieve maatregelen',
      'Terugkerende thema’s',
      'Toelichting',
    ]);
    // Key figures beside the year before, with the change.
    expect(nl).toContain('<tr><th scope="row">Klachten</th><td>40</td><td>32</td><td>+8 (+25%)</td></tr>');
    expect(nl).toContain('<tr><th scope="row">Gegrond (geheel of deels)</th><td>50%</td><td>33,3%</td><td>+16,7 %-punt</td></tr>');
    // 64 of 70 deadlines on time this year, 48 of 62 the year before.
    expect(nl).toContain('<tr><th scope="row">Termijnen gehaald</th><td>91,4%</td><td>77,4%</td><td>+14 %-punt</td></tr>');
    expect(nl).toContain('<tr><th scope="row">Behandelduur, mediaan</th><td>25 dagen</td><td>29 dagen</td><td>-4 dagen</td></tr>');
    expect(nl).toContain('<td>94,7%</td><td>87,5%</td><td>2 dagen</td><td>5 dagen</td><td>1 dag</td>');
    // Measures: dates in words, on time and effectiveness in words.
    expect(nl).toContain('<td>Terugbelafspraken vastleggen in het planningssysteem</td><td>Corrigerend</td><td>31 maart 2026</td><td>20 maart 2026</td><td>ja</td><td>ja</td><td>3</td>');
    expect(nl).toContain('<td>Training klantcontact voor alle adviseurs</td><td>Preventief</td><td>30 juni 2026</td><td>14 juli 2026</td><td>nee</td><td>Nog niet beoordeeld</td>');
    // Themes with their trend in words beside the arrow.
    expect(nl).toContain('<td>▲ meer</td>');
    expect(nl).toContain('<td>★ nieuw</td>');
    expect(nl).toContain('<footer>Voorbeeld Dienstverlening BV · klachtenregeling versie 2024-01 · gemaakt op 21 november 2026 om 16:05</footer>');
    // The builder's notes, said in Dutch.
    expect(nl).toContain('<li>Klachten ontvangen van 1 januari 2026 tot en met 31 december 2026 (Europe/Amsterdam), naast 1 januari 2025 tot en met 31 december 2025.</li>');
    expect(nl).not.toContain('nearest-rank method');
  });

  test('English on request: headings, figures and dates in English', () => {
    expect(en).toContain('<html lang="en">');
    expect(texts(en, 'h1')).toEqual(['Annual complaints report 2026']);
    expect(texts(en, 'h2')).toContain('Deadlines');
    expect(texts(en, 'h2')).toContain('Corrective and preventive measures');
    expect(en).toContain('<tr><th scope="row">Founded (fully or partly)</th><td>50%</td><td>33.3%</td><td>+16.7 pp</td></tr>');
    expect(en).toContain('<tr><th scope="row">Handling time, median</th><td>25 days</td><td>29 days</td><td>-4 days</td></tr>');
    expect(en).toContain('<td>31 March 2026</td><td>20 March 2026</td><td>yes</td><td>yes</td>');
    expect(en).toContain('generated on 21 November 2026 at 16:05');
    expect(en).toContain('<li>Days are calendar days. Median and 90th percentile by the nearest-rank method.</li>');
    expect(en).not.toMatch(/dagen|Klachten per/);
  });

  test('a period that is not a whole year is named by its dates', () => {
    const report = sampleReport();
    report.current.period = { from: '2026-01-01', to: '2026-06-30' };
    report.previous.period = { from: '2025-01-01', to: '2025-06-30' };
    expect(texts(renderReportHtml(report, 'nl'), 'h1')).toEqual(['Klachtenverslag 1 januari 2026 – 30 juni 2026']);
    expect(texts(renderReportHtml(report, 'en'), 'h1')).toEqual(['Complaints report 1 January 2026 – 30 June 2026']);
  });

  test('charts are accessible inline SVG: role img, a title, a description with the values', () => {
    const charts = svgs(nl);
    // Category, channel, mode, outcome, grounds, on time per deadline, objection outcomes, external bodies.
    expect(charts).toHaveLength(8);
    for (const svg of charts) {
      expect(svg).toMatch(/^<svg role="img" aria-labelledby="(chart-\d+)-t \1-d"/);
      expect(svg).toMatch(/<title id="chart-\d+-t">[^<]+<\/title><desc id="chart-\d+-d">[^<]+<\/desc>/);
    }
    expect(new Set(charts.map((s) => s.match(/aria-labelledby="([^"]+)"/)![1])).size).toBe(8);
    expect(chartTitled(nl, 'Klachten per categorie')).toContain('<desc id="chart-1-d">Communicatie: 16 (2026) tegen 10 (2025); Wachttijd: 12 (2026) tegen 14 (2025);');
    expect(chartTitled(en, 'Complaints by category')).toContain('Communication: 16 (2026) against 10 (2025)');
  });

  test('bars are proportional to their values, this year and the year before on one scale', () => {
    const category = bars(chartTitled(nl, 'Klachten per categorie'));
    // Four categories, each with both years (Facturering had none in 2025).
    expect(category.map((b) => `${b.period}:${b.value}`)).toEqual(['now:16', 'before:10', 'now:12', 'before:14', 'now:8', 'before:8', 'now:4', 'before:0']);
    const longest = Math.max(...category.map((b) => b.width));
    expect(longest).toBeGreaterThan(100);
    for (const bar of category) expect(bar.width).toBeCloseTo((Number(bar.value) / 16) * longest, 0);

    // Percentages against 100%, not against the largest value.
    const onTime = bars(chartTitled(nl, 'Percentage op tijd per termijn'));
    expect(onTime.map((b) => b.value)).toEqual(['94,7%', '87,5%', '87,5%', '66,7%']);
    expect(onTime[1]!.width).toBeCloseTo(onTime[2]!.width, 1);
    expect(onTime[0]!.width / onTime[3]!.width).toBeCloseTo(0.947 / 0.667, 2);
    expect(onTime[0]!.width).toBeLessThan(longest);
  });

  test('every text from data is escaped: labels, measures, external bodies, the organisation', () => {
    const report: YearlyReport = sampleReport();
    const hostile = '<script>alert("x")</script> & \'quoted\'';
    report.tenant.name = `Evil <b>Corp</b>`;
    report.regulationVersion = '<i>1</i>';
    report.current.byCategory[0]!.label = { nl: hostile, en: hostile };
    report.themes[0]!.label = { nl: hostile, en: hostile };
    report.current.measures.items[0]!.what = '<img src=x onerror=alert(1)>';
    report.current.externalReferrals.byBody[0]!.label = { nl: '</td></tr><tr><td>Body', en: '</td></tr><tr><td>Body' };
    report.current.deadlines[0]!.citation = '<u>art. 3</u>';
    report.notes.push('<marquee>note</marquee>');
    for (const language of ['nl', 'en'] as const) {
      const html = renderReportHtml(report, language);
      expect(html).not.toMatch(/<script|<b>|<i>|<img|<marquee|<u>|<\/td><\/tr><tr><td>Body/);
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('Evil &lt;b&gt;Corp&lt;/b&gt;');
      expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Body');
      expectNoBrokenValues(html);
    }
    // A note the Dutch report does not know stays in English, marked as such.
    expect(renderReportHtml(report, 'nl')).toContain('<li lang="en">&lt;marquee&gt;note&lt;/marquee&gt;</li>');
  });

  test('a long label is shortened in the chart and kept whole in its description', () => {
    const report = sampleReport();
    const long = 'Een hele lange categorie over de bereikbaarheid van de afdeling planning';
    report.current.byCategory[0]!.label = { nl: long, en: long };
    const chart = chartTitled(renderReportHtml(report, 'nl'), 'Klachten per categorie');
    expect(chart).toContain(`<desc id="chart-1-d">${long}: 16 (2026)`);
    expect(chart).toContain('>Een hele lange categorie over de…</text>');
  });

  test('periods without complaints render sensibly: no charts, words instead, no NaN, undefined or null', () => {
    const html = renderReportHtml(emptyReport(), 'nl');
    expectNoBrokenValues(html);
    expect(svgs(html)).toHaveLength(0);
    expect(html).toContain('<p class="empty">Geen klachten in deze periode.</p>');
    expect(html).toContain('<p class="empty">Geen maatregelen in deze periode.</p>');
    expect(html).toContain('<p class="empty">Geen thema’s in deze periode.</p>');
    // Rates and medians that cannot be computed are a dash, and so is their change.
    expect(html).toContain('<tr><th scope="row">Gegrond (geheel of deels)</th><td>–</td><td>–</td><td>–</td></tr>');
    expect(html).toContain('<tr><th scope="row">Behandelduur, mediaan</th><td>–</td><td>–</td><td>–</td></tr>');
    expect(html).toContain('<tr><th scope="row">Klachten</th><td>0</td><td>0</td><td>0</td></tr>');
    const english = renderReportHtml(emptyReport(), 'en');
    expectNoBrokenValues(english);
    expect(english).toContain('<p class="empty">No complaints in this period.</p>');
  });

  test('a first year beside an empty one: the charts show this year, the year before as zero', () => {
    const report = sampleReport();
    report.previous = emptyFigures(report.previous.period);
    report.themes = [];
    const html = renderReportHtml(report, 'nl');
    expectNoBrokenValues(html);
    expect(html).toContain('<tr><th scope="row">Klachten</th><td>40</td><td>0</td><td>+40</td></tr>');
    expect(html).toContain('<tr><th scope="row">Gegrond (geheel of deels)</th><td>50%</td><td>–</td><td>–</td></tr>');
    const category = bars(chartTitled(html, 'Klachten per categorie'));
    expect(category.filter((b) => b.period === 'before').map((b) => [b.width, b.value])).toEqual([
      [0, '0'],
      [0, '0'],
      [0, '0'],
      [0, '0'],
    ]);
    // No deadline was due the year before: its on-time share is a dash and has no bar.
    expect(
      bars(chartTitled(html, 'Percentage op tijd per termijn'))
        .filter((b) => b.period === 'before')
        .map((b) => [b.width, b.value]),
    ).toEqual([
      [0, '–'],
      [0, '–'],
    ]);
  });
});
