/**
 * The printable report as PDF, opened the way a reader opens it: Debian's Chromium prints the
 * report's HTML (playwright-core, no browser download), then pdf.js renders the PDF's first page
 * to a canvas in the same browser. The page's text holds the title and the key figures, and the
 * category chart's bars are on the canvas. Page 1 is kept as test-results/report-pdf-page1.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderReportHtml } from '../../shared/domain/report/report-html.ts';
import { launchChromium } from '../../tools/report/chromium.ts';
import { reportPdf } from '../../tools/report/pdf.ts';
import { renderPdfPage, type PdfTextItem, type RenderedPdfPage } from '../../tools/report/pdf-render.ts';
import { emptyReport, sampleReport } from '../../tools/report/sample-report.ts';

/** The bars of this period (svg .now in the report's CSS). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BAR = { rgb: [0x1f, 0x3a, 0x5f] as [number, number, number], tolerance: 20 };

let browser: Browser;

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const normalise = (text: string) => text.replace(/\s+/g, ' ');
const itemAt = (page: RenderedPdfPage, text: string): PdfTextItem => {
  const item = page.items.find((i) => i.str.trim() === text);
  if (!item) throw new Error(`"${text}" is not on page ${page.pageNumber}: ${page.text.slice(0, 400)}`);
  return item;
};

async function withPage<T>(pdf: Buffer, pageNumber: number, use: (page: RenderedPdfPage) => Promise<T>): Promise<T> {
  const page = await renderPdfPage(browser, new Uint8Array(pdf), pageNumber);
  try {
    return await use(page);
  } finally {
    await page.close();
  }
}

describe('the yearly report as PDF, in Chromium', () => {
  test('Dutch: page 1 shows the title, the key figures and the category chart', async () => {
    const pdf = await reportPdf(renderReportHtml(sampleReport(), 'nl'), { browser });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pages = await withPage(pdf, 1, async (page) => {
      expect(page.pageCount).toBeGreaterThanOrEqual(1);
      const text = normalise(page.text);
      for (const expected of [
        'Klachtenjaarverslag 2026',
        'Voorbeeld Dienstverlening BV',
        '2026 vergeleken met 2025',
        'Kerncijfers',
        '+8 (+25%)',
        '33,3%',
        '91,4%',
        '25 dagen',
        'Klachten per categorie',
        'Communicatie',
      ]) {
        expect(text).toContain(expected);
      }

      // Between the category heading and the next one: the bars, in the bar colour.
      const categories = itemAt(page, 'Klachten per categorie');
      const channels = itemAt(page, 'Klachten per kanaal');
      expect(channels.y).toBeGreaterThan(categories.y);
      const chartArea = { x: 0, y: categories.y + 10, width: page.width, height: channels.y - categories.y - 40 };
      const barPixels = await page.countPixels(BAR, chartArea);
      // Communicatie's bar alone is ~250 x 16 px at this scale.
      expect(barPixels).toBeGreaterThan(3000);
      expect(await page.countPixels('ink', chartArea)).toBeGreaterThan(barPixels);
      // The key figures table above has text but no bars: the colour test tells them apart.
      const summary = { x: 0, y: itemAt(page, 'Kerncijfers').y + 5, width: page.width, height: categories.y - itemAt(page, 'Kerncijfers').y - 30 };
      expect(await page.countPixels('ink', summary)).toBeGreaterThan(1000);
      expect(await page.countPixels(BAR, summary)).toBe(0);

      const png = await page.png();
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      writeFileSync('test-results/report-pdf-page1.png', png);
      return page.pageCount;
    });

    // The last page ends with the footer: the organisation, the regulation version, when.
    await withPage(pdf, pages, async (page) => {
      expect(normalise(page.text)).toContain('klachtenregeling versie 2024-01 · gemaakt op 21 november 2026 om 16:05');
    });
  });

  test('English: the same report in English', async () => {
    const pdf = await reportPdf(renderReportHtml(sampleReport(), 'en'), { browser });
    await withPage(pdf, 1, async (page) => {
      const text = normalise(page.text);
      for (const expected of ['Annual complaints report 2026', '2026 compared with 2025', 'Key figures', '33.3%', '91.4%', '25 days', 'Complaints by category', 'Communication']) {
        expect(text).toContain(expected);
      }
      expect(await page.countPixels(BAR)).toBeGreaterThan(3000);
    });
  });

  test('a year without complaints prints as words, without bars', async () => {
    const pdf = await reportPdf(renderReportHtml(emptyReport(), 'nl'), { browser });
    await withPage(pdf, 1, async (page) => {
      const text = normalise(page.text);
      expect(text).toContain('Klachtenjaarverslag 2026');
      expect(text).toContain('Geen klachten in deze periode.');
      expect(text).not.toMatch(/NaN|undefined|null/);
      expect(await page.countPixels(BAR)).toBe(0);
    });
  });

  test('the HTML passes axe-core in both languages (charts, tables, contrast), empty or not', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const [name, html] of [
        ['nl', renderReportHtml(sampleReport(), 'nl')],
        ['en', renderReportHtml(sampleReport(), 'en')],
        ['empty', renderReportHtml(emptyReport(), 'nl')],
      ] as const) {
        await page.setContent(html);
        await page.evaluate(`${AXE_SOURCE}\n;0`);
        const violations = (await page.evaluate(
          `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
        )) as Array<{ id: string; impact: string }>;
        expect(
          violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
          name,
        ).toEqual([]);
        // Every chart is an image with a name.
        expect(await page.locator('svg[role="img"]').count(), name).toBe(name === 'empty' ? 0 : 8);
      }
    } finally {
      await context.close();
    }
  });

  test('without Chromium the error says how to install it', async () => {
    await expect(reportPdf('<p>x</p>', { chromiumPath: '/nonexistent/chromium' })).rejects.toThrow(
      'No Chromium at /nonexistent/chromium: install chromium: apt-get install chromium, or set CHROMIUM_PATH',
    );
  });
});
