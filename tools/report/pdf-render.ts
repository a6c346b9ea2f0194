/**
 * Opens a PDF the way a reader would: pdf.js (pdfjs-dist) inside Chromium renders a page to a
 * canvas and extracts its text. The report's browser test checks the PDF with it, and
 * pdf-to-png.ts saves a page as a picture. pdf.js and the PDF are served from 127.0.0.1 by a
 * throwaway server (module workers need an http origin); nothing leaves the machine.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

const PDFJS_BUILD = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/build/pdf.mjs'));

export interface PdfTextItem {
  str: string;
  /** Canvas pixels from the top left; y is the text's baseline. */
  x: number;
  y: number;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A pixel counts when each channel is within `tolerance` of `rgb`; 'ink' counts every pixel that is not near-white. */
export type PixelTest = 'ink' | { rgb: [number, number, number]; tolerance: number };

export interface RenderedPdfPage {
  pageCount: number;
  pageNumber: number;
  /** The page's text in reading order, items joined by spaces. */
  text: string;
  items: PdfTextItem[];
  width: number;
  height: number;
  png(): Promise<Buffer>;
  countPixels(test: PixelTest, region?: Region): Promise<number>;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>pdf</title></head><body style="margin:0;background:#fff"><canvas id="c"></canvas></body></html>';

function serve(pdf: Uint8Array): Promise<Server> {
  const files: Record<string, [string, () => Buffer | Uint8Array]> = {
    '/': ['text/html; charset=utf-8', () => Buffer.from(PAGE)],
    '/pdf.mjs': ['text/javascript', () => readFileSync(join(PDFJS_BUILD, 'pdf.mjs'))],
    '/pdf.worker.mjs': ['text/javascript', () => readFileSync(join(PDFJS_BUILD, 'pdf.worker.mjs'))],
    '/doc.pdf': ['application/pdf', () => pdf],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// Runs in the page (a string: the project's TypeScript has no DOM types).
const RENDER = `async ({ pageNumber, scale }) => {
  const pdfjs = await import('/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
  const doc = await pdfjs.getDocument({ url: '/doc.pdf' }).promise;
  if (pageNumber < 1 || pageNumber > doc.numPages) return { pageCount: doc.numPages, missing: true };
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const canvas = document.getElementById('c');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas, canvasContext: ctx, viewport, background: '#ffffff' }).promise;
  const content = await page.getTextContent();
  const items = content.items.filter((i) => 'str' in i && i.str.trim()).map((i) => {
    const [x, y] = viewport.convertToViewportPoint(i.transform[4], i.transform[5]);
    return { str: i.str, x, y };
  });
  return { pageCount: doc.numPages, items, width: canvas.width, height: canvas.height };
}`;

const COUNT = `({ test, region }) => {
  const canvas = document.getElementById('c');
  const r = region ?? { x: 0, y: 0, width: canvas.width, height: canvas.height };
  const x = Math.max(0, Math.floor(r.x)), y = Math.max(0, Math.floor(r.y));
  const w = Math.min(canvas.width - x, Math.ceil(r.width)), h = Math.min(canvas.height - y, Math.ceil(r.height));
  if (w <= 0 || h <= 0) return 0;
  const data = canvas.getContext('2d').getImageData(x, y, w, h).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [pr, pg, pb] = [data[i], data[i + 1], data[i + 2]];
    if (test === 'ink' ? pr < 235 || pg < 235 || pb < 235
      : Math.abs(pr - test.rgb[0]) <= test.tolerance && Math.abs(pg - test.rgb[1]) <= test.tolerance && Math.abs(pb - test.rgb[2]) <= test.tolerance) n += 1;
  }
  return n;
}`;

/** Renders page `pageNumber` (from 1) of `pdf` at `scale` (1 = 72 dpi) in a new page of `browser`. */
export async function renderPdfPage(browser: Browser, pdf: Uint8Array, pageNumber = 1, scale = 1.5): Promise<RenderedPdfPage> {
  const server = await serve(pdf);
  let page: Page | undefined;
  const close = async () => {
    await page?.close().catch(() => undefined);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const result = (await page.evaluate(`(${RENDER})(${JSON.stringify({ pageNumber, scale })})`)) as { pageCount: number; missing?: boolean; items: PdfTextItem[]; width: number; height: number };
    if (result.missing) throw new Error(`the PDF has ${result.pageCount} page(s), no page ${pageNumber}`);
    const open = page;
    return {
      pageCount: result.pageCount,
      pageNumber,
      items: result.items,
      text: result.items.map((i) => i.str).join(' '),
      width: result.width,
      height: result.height,
      png: async () => Buffer.from(((await open.evaluate(`document.getElementById('c').toDataURL('image/png')`)) as string).split(',')[1]!, 'base64'),
      countPixels: async (test, region) => (await open.evaluate(`(${COUNT})(${JSON.stringify({ test, region })})`)) as number,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
