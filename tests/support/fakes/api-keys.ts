/** ApiKeyStore in memory (contract: tests/contract/api-keys.test.ts). */
import { ConflictError } from '../../../shared/domain/errors.ts';
import type { ApiKey, ApiKeyStore } from '../../../shared/domain/api-keys/api-keys.ts';
import { MemoryTable } from './memory-table.ts';

export class InMemoryApiKeyStore implements ApiKeyStore {
  constructor(readonly table = new MemoryTable()) {}

  async createApiKey(key: ApiKey, keyHash: string) {
    if ([...this.table.apiKeys.values()].some((k) => k.hash === keyHash || k.key.id === key.id)) throw new ConflictError('an API key with this id exists; try again', true);
    this.table.apiKeys.set(key.id, { key: { ...key }, hash: keyHash });
  }

  async listApiKeys() {
    return [...this.table.apiKeys.values()]
      .filter((k) => !k.key.revokedAt)
      .map((k) => ({ ...k.key }))
      .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
  }

  async revokeApiKey(id: string, revokedAt: Date, revokedBy: string) {
    const found = this.table.apiKeys.get(id);
    if (!found || found.key.revokedAt) return false;
    found.key = { ...found.key, revokedAt: revokedAt.toISOString(), revokedBy };
    return true;
  }

  async useApiKey(keyHash: string, at: Date) {
    const found = [...this.table.apiKeys.values()].find((k) => k.hash === keyHash);
    if (!found || found.key.revokedAt) return undefined;
    found.key = { ...found.key, lastUsedAt: at.toISOString() };
    return { ...found.key };
  }
}
