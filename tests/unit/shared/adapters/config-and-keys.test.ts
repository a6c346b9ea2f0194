/** Webhook configuration (a secret needs the URL, https; the drain's secret loader) and the API key use cases with an in-memory store. */
import { beforeEach, describe, expect, test } from 'vitest';
import { loadRuntimeConfig } from '../../../../shared/adapters/config.ts';
import { webhookSecretOf, WEBHOOK_SECRET_TTL_MS } from '../../../../shared/adapters/webhook-secret.ts';
import { authenticateApiKey, createApiKey, hashApiKey, revokeApiKey } from '../../../../shared/domain/api-keys/api-keys.ts';
import { InMemoryApiKeyStore } from '../../../support/fakes/api-keys.ts';
import { InvalidInputError, NotFoundError } from '../../../../shared/domain/errors.ts';
import { FakeClock } from '../../../support/in-memory-register.ts';

const BASE = {
  TENANT_ID: 'demo',
  REGULATION_FILE: '/tmp/demo.json',
  TABLE_NAME: 'klachten-demo',
  SCHEDULE_GROUP: 'klachten-demo',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/x',
  DEADLINE_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:000000000000:function:x',
};
const SECRET = 'a'.repeat(32);
const ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:klachten-demo-webhook-AbCdEf';

describe('webhook configuration', () => {
  test('neither, the URL alone (a function that only queues), or the URL with the secret or its ARN (the drain)', () => {
    expect(loadRuntimeConfig(BASE).WEBHOOK_URL).toBeUndefined();
    expect(loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.focus.example/klachten' }).WEBHOOK_SECRET).toBeUndefined();
    expect(loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.focus.example/klachten', WEBHOOK_SECRET_ARN: ARN }).WEBHOOK_SECRET_ARN).toBe(ARN);
    expect(loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.focus.example/klachten', WEBHOOK_SECRET: SECRET })).toMatchObject({
      WEBHOOK_URL: 'https://erp.focus.example/klachten',
      WEBHOOK_SECRET: SECRET,
    });
    expect(loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'http://127.0.0.1:8080/hook', WEBHOOK_SECRET: SECRET }).WEBHOOK_URL).toBe('http://127.0.0.1:8080/hook');
  });

  test('a secret without the URL, or both kinds of secret, is refused, naming the variable', () => {
    expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_SECRET: SECRET })).toThrow('WEBHOOK_URL: is required when WEBHOOK_SECRET is set');
    expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_SECRET_ARN: ARN })).toThrow('WEBHOOK_URL: is required when WEBHOOK_SECRET_ARN is set');
    expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.example/hook', WEBHOOK_SECRET: SECRET, WEBHOOK_SECRET_ARN: ARN })).toThrow(
      'set WEBHOOK_SECRET or WEBHOOK_SECRET_ARN, not both',
    );
    expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.example/hook', WEBHOOK_SECRET_ARN: 'klachten-demo/webhook' })).toThrow(/WEBHOOK_SECRET_ARN/);
  });

  test("the drain's secret: the value itself, or read from Secrets Manager when the first webhook goes out, again after ten minutes, again after a failed read", async () => {
    expect(webhookSecretOf({ AWS_REGION: 'eu-west-1' })).toBeUndefined();
    expect(webhookSecretOf({ AWS_REGION: 'eu-west-1', WEBHOOK_SECRET: SECRET })).toBe(SECRET);
    let now = 0;
    const reads: string[] = [];
    let value = 'b'.repeat(64);
    let failing = false;
    const loader = webhookSecretOf(
      { AWS_REGION: 'eu-west-1', WEBHOOK_SECRET_ARN: ARN },
      () => now,
      async (arn, region) => {
        reads.push(`${arn}@${region}`);
        if (failing) throw new Error('AccessDeniedException');
        return value;
      },
    ) as () => Promise<string>;
    expect(reads).toEqual([]);
    expect(await loader()).toBe(value);
    expect(await loader()).toBe(value);
    expect(reads).toEqual([`${ARN}@eu-west-1`]);
    // Rotated: used once the cached value is older than the TTL.
    value = 'c'.repeat(64);
    now += WEBHOOK_SECRET_TTL_MS - 1;
    expect(await loader()).toBe('b'.repeat(64));
    now += 1;
    expect(await loader()).toBe(value);
    // A failed read is not cached; the error names no secret.
    now += WEBHOOK_SECRET_TTL_MS;
    failing = true;
    await expect(loader()).rejects.toThrow('the webhook secret could not be read from Secrets Manager');
    failing = false;
    expect(await loader()).toBe(value);
    // Too short to sign with: refused.
    value = 'short';
    now += WEBHOOK_SECRET_TTL_MS;
    await expect(loader()).rejects.toThrow('could not be read');
  });

  test('a short secret, plain http elsewhere, or another scheme is refused', () => {
    expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_URL: 'https://erp.example/hook', WEBHOOK_SECRET: 'short' })).toThrow('WEBHOOK_SECRET: must be at least 32 characters');
    for (const url of ['http://erp.example/hook', 'http://127.0.0.1.evil.example/', 'http://127.0.0.1@evil.example/', 'ftp://erp.example/', 'not a url']) {
      expect(() => loadRuntimeConfig({ ...BASE, WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET }), url).toThrow(/WEBHOOK_URL: must be/);
    }
  });
});

describe('API keys', () => {
  let store: InMemoryApiKeyStore;
  let clock: FakeClock;
  const deps = () => ({ register: store, clock, tenantId: 'demo' });

  beforeEach(() => {
    store = new InMemoryApiKeyStore();
    clock = new FakeClock(new Date('2026-04-24T08:00:00.000Z'));
  });

  test('created once: a random kr_<tenant>_ key; only its hash is stored', async () => {
    const created = await createApiKey(deps(), { label: ' Website ' }, 'coordinator@demo.example');
    expect(created.key).toMatch(/^kr_demo_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ id: expect.stringMatching(/^[a-f0-9]{12}$/), label: 'Website', createdAt: '2026-04-24T08:00:00.000Z', createdBy: 'coordinator@demo.example' });
    expect([...store.table.apiKeys.values()].map((k) => k.hash)).toEqual([hashApiKey(created.key)]);
    expect(JSON.stringify([...store.table.apiKeys.values()])).not.toContain(created.key);
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
