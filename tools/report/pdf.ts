/**
 * The printable report as PDF: the report's HTML printed by headless Chromium (A4, backgrounds
 * on, page numbers in the footer). `tsx tools/report/pdf.ts --sample [en] out.pdf` prints the
 * hand-made sample report, to try the layout without a register.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';

export interface ReportPdfOptions {
  /** Chromium to use; default CHROMIUM_PATH or /usr/bin/chromium. */
  chromiumPath?: string;
  /** A browser already running (the caller closes it); otherwise one is started and closed. */
  browser?: Browser;
  /** "page 1 of 3" in the footer; default true. */
  pageNumbers?: boolean;
}

/** Page numbers under each page, language-neutral ("2 / 5"). Chromium fills the span classes. */
const FOOTER = '<div style="width:100%;font-size:8px;color:#333;text-align:center;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

export async function reportPdf(html: string, options: ReportPdfOptions = {}): Promise<Buffer> {
  const browser = options.browser ?? (await launchChromium(options.chromiumPath));
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const numbers = options.pageNumbers ?? true;
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        // The document's own @page rule sets the margins.
        preferCSSPageSize: true,
        displayHeaderFooter: numbers,
        headerTemplate: '<span></span>',
        footerTemplate: numbers ? FOOTER : '<span></span>',
        tagged: true,
      });
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  if (args[0] !== '--sample' || !args.at(-1)?.endsWith('.pdf')) {
    console.error('usage: tsx tools/report/pdf.ts --sample [nl|en] <out.pdf>');
    process.exit(2);
  }
  const { sampleReport } = await import('./sample-report.ts');
  const { renderReportHtml } = await import('../../shared/domain/report/report-html.ts');
  const language = args[1] === 'en' ? 'en' : 'nl';
  const out = args.at(-1)!;
  writeFileSync(out, await reportPdf(renderReportHtml(sampleReport(), language)));
  console.info(`wrote ${out}`);
}
