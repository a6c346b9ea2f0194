/**
 * The system Chromium for the report tools, as the browser tests launch it: Debian's package
 * driven by playwright-core, never a downloaded browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { refuseInUnitRun } from '../../local/processes.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** CHROMIUM_PATH, or Debian's /usr/bin/chromium. */
export function chromiumPath(explicit?: string): string {
  return explicit ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export async function launchChromium(explicit?: string): Promise<Browser> {
  refuseInUnitRun('Chromium');
  const path = chromiumPath(explicit);
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}: install chromium: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS });
}
