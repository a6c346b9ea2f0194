/** A copy of the demo regulation with two mistakes (an unknown role, a sender without a domain), for the regulation tools' error paths. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEMO = fileURLToPath(new URL('../../tenants/demo.yaml', import.meta.url));

/** Writes it as demo.yaml in a new temporary folder; returns its path. */
export function brokenDemo(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'broken-tenant-')), 'demo.yaml');
  const text = readFileSync(DEMO, 'utf8').replace('responsibleRole: director', 'responsibleRole: directie').replace('senderAddress: klachten@demo.example', 'senderAddress: klachten');
  writeFileSync(file, text);
  return file;
}
