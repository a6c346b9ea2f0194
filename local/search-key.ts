/** The local cloud's search key per tenant (docs/search.md). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

/**
 * The tenant's search key on this machine: made once and kept under the data folder (as the
 * register is), so what was indexed stays findable across restarts. Tools that register locally
 * (npm run seed) read it from here too.
 */
export function localSearchKey(dataDir: string, tenantId: string): string {
  const dir = join(resolve(dataDir), 'search-keys');
  const file = join(dir, `${tenantId}.key`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
