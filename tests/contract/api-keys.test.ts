/** The ApiKeyStore contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.ts';
import type { ApiKey } from '../../shared/domain/api-keys/api-keys.ts';
import { inMemory, onDynamoDbLocal, type MakeStores } from './support.ts';

const key = (id: string, createdAt: string): ApiKey => ({ id, label: `key ${id}`, createdAt, createdBy: 'coordinator@demo.example' });

function describeApiKeyStoreContract(name: string, makeStores: MakeStores) {
  describe(`ApiKeyStore: ${name}`, () => {
    test('active keys newest first; a use is recorded and answered with the key', async () => {
      const { apiKeys } = await makeStores();
      await apiKeys.createApiKey(key('aaaaaaaaaaaa', '2026-03-01T10:00:00.000Z'), 'hash-a');
      await apiKeys.createApiKey(key('bbbbbbbbbbbb', '2026-03-02T10:00:00.000Z'), 'hash-b');
      await expect(apiKeys.createApiKey(key('aaaaaaaaaaaa', '2026-03-03T10:00:00.000Z'), 'hash-c')).rejects.toBeInstanceOf(ConflictError);
      expect((await apiKeys.listApiKeys()).map((k) => k.id)).toEqual(['bbbbbbbbbbbb', 'aaaaaaaaaaaa']);
      expect(await apiKeys.useApiKey('hash-a', new Date('2026-03-04T10:00:00.000Z'))).toEqual({ ...key('aaaaaaaaaaaa', '2026-03-01T10:00:00.000Z'), lastUsedAt: '2026-03-04T10:00:00.000Z' });
      expect(await apiKeys.useApiKey('hash-unknown', new Date())).toBeUndefined();
    });

    test('a revoked key is out of the list and no longer works; revoking twice or an unknown id says false', async () => {
      const { apiKeys } = await makeStores();
      await apiKeys.createApiKey(key('aaaaaaaaaaaa', '2026-03-01T10:00:00.000Z'), 'hash-a');
      expect(await apiKeys.revokeApiKey('aaaaaaaaaaaa', new Date('2026-03-05T10:00:00.000Z'), 'director@demo.example')).toBe(true);
      expect(await apiKeys.revokeApiKey('aaaaaaaaaaaa', new Date('2026-03-05T10:00:00.000Z'), 'director@demo.example')).toBe(false);
      expect(await apiKeys.revokeApiKey('cccccccccccc', new Date('2026-03-05T10:00:00.000Z'), 'director@demo.example')).toBe(false);
      expect(await apiKeys.listApiKeys()).toEqual([]);
      expect(await apiKeys.useApiKey('hash-a', new Date('2026-03-06T10:00:00.000Z'))).toBeUndefined();
    });
  });
}

describeApiKeyStoreContract('in memory', inMemory);
describeApiKeyStoreContract('DynamoDB Local', onDynamoDbLocal());
