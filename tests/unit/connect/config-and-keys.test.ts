/** Webhook configuration (both or neither, https) and the API key use cases with an in-memory store. */
import { beforeEach, describe, expect, test } from 'vitest';
import { loadRuntimeConfig } from '../../../shared/adapters/config.ts';
import { authenticateApiKey, createApiKey, hashApiKey, revokeApiKey, type ApiKey, type ApiKeyStore } from '../../../shared/domain/api-keys/api-keys.ts';
import { InvalidInputError, NotFoundError } from '../../../shared/domain/errors.ts';
import { FakeClock } from '../../support/in-memory-register.ts';

const BASE = {
  TENANT_ID: 'demo',
  REGULATION_FILE: '/tmp/demo.json',
  TABLE_NAME: 'klachten-demo',
  SCHEDULE_GROUP: 'klachten-demo',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/x',
  DEADLINE_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:000000000000:function:x',
};
const SECRET = 'a'.repeat(32);

describe('webhook configuration', () => {
  test('neither, or both with an https URL (or http://127.0.0.1)', () => {
    expect(loadRuntimeConfig(BASE).WEBHOOK_URL).toBeUndefined();
    expect(loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.focus.example/klachten', WEBHOOK_SECRET: SECRET })).toMatchObject({ WEBHOOK_URL: 'https://erp.focus.example/klachten', WEBHOOK_SECRET: SECRET });
    expect(loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'http://127.0.0.1:8080/hook', WEBHOOK_SECRET: SECRET }).WEBHOOK_URL).toBe('http://127.0.0.1:8080/hook');
  });

  test('one without the other is refused, naming the missing one', () => {
    expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.example/hook' })).toThrow('WEBHOOK_SECRET: is required when WEBHOOK_URL is set');
    expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_SECRET: SECRET })).toThrow('WEBHOOK_URL: is required when WEBHOOK_SECRET is set');
  });

  test('a short secret, plain http elsewhere, or another scheme is refused', () => {
    expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.example/hook', WEBHOOK_SECRET: 'short' })).toThrow('WEBHOOK_SECRET: must be at least 32 characters');
    for (const url of ['http://erp.example/hook', 'http://127.0.0.1.evil.example/', 'http://127.0.0.1@evil.example/', 'ftp://erp.example/', 'not a url']) {
      expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET }), url).toThrow(/WEBHOOK_URL: must be/);
    }
  });
});

class MemoryKeys implements ApiKeyStore {
  readonly byHash = new Map<string, ApiKey>();
  async createApiKey(key: ApiKey, keyHash: string) {
    this.byHash.set(keyHash, { ...key });
  }
  async listApiKeys() {
    return [...this.byHash.values()].filter((k) => !k.revokedAt).reverse();
  }
  async revokeApiKey(id: string, at: Date, by: string) {
    const key = [...this.byHash.values()].find((k) => k.id === id && !k.revokedAt);
    if (!key) return false;
    Object.assign(key, { revokedAt: at.toISOString(), revokedBy: by });
    return true;
  }
  async useApiKey(keyHash: string, at: Date) {
    const key = this.byHash.get(keyHash);
    if (!key || key.revokedAt) return undefined;
    key.lastUsedAt = at.toISOString();
    return { ...key };
  }
}

describe('API keys', () => {
  let store: MemoryKeys;
  let clock: FakeClock;
  const deps = () => ({ register: store, clock, tenantId: 'demo' });

  beforeEach(() => {
    store = new MemoryKeys();
    clock = new FakeClock(new Date('2026-04-24T08:00:00.000Z'));
  });

  test('created once: a random kr_<tenant>_ key; only its hash is stored', async () => {
    const created = await createApiKey(deps(), { label: ' Website ' }, 'coordinator@demo.example');
    expect(created.key).toMatch(/^kr_demo_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ id: expect.stringMatching(/^[a-f0-9]{12}$/), label: 'Website', createdAt: '2026-04-24T08:00:00.000Z', createdBy: 'coordinator@demo.example' });
    expect([...store.byHash.keys()]).toEqual([hashApiKey(created.key)]);
    expect(JSON.stringify([...store.byHash.values()])).not.toContain(created.key);
    const second = await createApiKey(deps(), { label: 'CRM' }, 'coordinator@demo.example');
    expect(second.key).not.toBe(created.key);
    expect(second.id).not.toBe(created.id);
  });

  test('a label is required, one line, at most 100 characters; nothing else is accepted', async () => {
    for (const body of [{}, { label: ' ' }, { label: 'a\nb' }, { label: 'x'.repeat(101) }, { label: 'ok', key: 'mine' }]) {
      await expect(createApiKey(deps(), body, 'c@demo.example'), JSON.stringify(body)).rejects.toBeInstanceOf(InvalidInputError);
    }
  });

  test('authenticates the key itself, records its use; refuses malformed, unknown, other-tenant and revoked keys alike', async () => {
    const { key, id } = await createApiKey(deps(), { label: 'Website' }, 'c@demo.example');
    clock.advance(60_000);
    expect(await authenticateApiKey(deps(), key)).toMatchObject({ id, lastUsedAt: '2026-04-24T08:01:00.000Z' });
    const unknown = `kr_demo_${'A'.repeat(43)}`;
    for (const presented of ['', 'nonsense', unknown, key.replace('kr_demo_', 'kr_focus_'), `${key}x`]) {
      expect(await authenticateApiKey(deps(), presented), presented).toBeUndefined();
    }
    await revokeApiKey(deps(), id, 'c@demo.example');
    expect(await authenticateApiKey(deps(), key)).toBeUndefined();
    expect(await store.listApiKeys()).toEqual([]);
  });

  test('revoking an unknown, malformed or already revoked id is a 404', async () => {
    const { id } = await createApiKey(deps(), { label: 'Website' }, 'c@demo.example');
    await expect(revokeApiKey(deps(), 'abcdefabcdef', 'c@demo.example')).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiKey(deps(), '../x', 'c@demo.example')).rejects.toBeInstanceOf(NotFoundError);
    await revokeApiKey(deps(), id, 'c@demo.example');
    await expect(revokeApiKey(deps(), id, 'c@demo.example')).rejects.toBeInstanceOf(NotFoundError);
  });
});
