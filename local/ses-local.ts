/** The aws-ses-v2-local stand-in, as a child process so it can be stopped and started on its own. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { httpOk, stopChild, waitFor } from './processes.ts';

const require = createRequire(import.meta.url);

export interface SesLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startSesLocal(options: { port: number }): Promise<SesLocal> {
  const cli = require.resolve('aws-ses-v2-local/dist/cli.js');
  const child = spawn(process.execPath, [cli, '--port', String(options.port), '--host', '127.0.0.1'], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitFor('the local SES', () => httpOk(`${endpoint}/health-check`), 20_000, child);
  return { endpoint, stop: () => stopChild(child) };
}
