/**
 * A picture of one page of a PDF: `tsx tools/report/pdf-to-png.ts <in.pdf> <out.png> [page]`.
 * pdf.js renders the page inside the system Chromium (CHROMIUM_PATH or /usr/bin/chromium), as
 * the report's browser test does, at 150 dpi.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from './chromium.ts';
import { renderPdfPage } from './pdf-render.ts';

const [input, output, pageArg] = process.argv.slice(2);
const pageNumber = pageArg === undefined ? 1 : Number(pageArg);
if (!input || !output || !Number.isInteger(pageNumber) || pageNumber < 1) {
  console.error('usage: tsx tools/report/pdf-to-png.ts <in.pdf> <out.png> [page]');
  process.exit(2);
}
const browser = await launchChromium();
try {
  const page = await renderPdfPage(browser, new Uint8Array(readFileSync(input)), pageNumber, 150 / 72);
  try {
    writeFileSync(output, await page.png());
    console.info(`wrote ${output}: page ${pageNumber} of ${page.pageCount}, ${page.width}x${page.height} px`);
  } finally {
    await page.close();
  }
} finally {
  await browser.close();
}
