/**
 * The aws-ses-v2-local stand-in, as a child process so it can be stopped and started on its own.
 * With a mail file it keeps the mail it accepted across a stop and start (local/ses-local-child.cjs).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpOk, stopChild, waitFor } from './processes.ts';

const CHILD = fileURLToPath(new URL('./ses-local-child.cjs', import.meta.url));

export interface SesLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startSesLocal(options: { port: number; mailFile: string }): Promise<SesLocal> {
  mkdirSync(dirname(options.mailFile), { recursive: true });
  const child = spawn(process.execPath, [CHILD, String(options.port), options.mailFile], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitFor('the local SES', () => httpOk(`${endpoint}/health-check`), 20_000, child);
  return { endpoint, stop: () => stopChild(child) };
}
