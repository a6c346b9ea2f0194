/**
 * API keys: how an organisation's own systems (its website, its CRM) register complaints on the
 * hosted `POST /complaints` without a person behind them. A coordinator creates a key, sees it
 * once, and can revoke it; the register keeps only the key's SHA-256 (a key is 256 random bits,
 * so a fast hash is enough) and finds it by that hash, so an unknown and a revoked key look the
 * same to a caller.
 */
import * as z from '../zod.ts';
import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError } from '../errors.ts';
import { parseWith } from '../complaint/submission.ts';
import type { Clock } from '../ports.ts';

export const newApiKeySchema = z.strictObject({
  /** What the key is for, e.g. "website", "CRM (Focus ERP)". */
  label: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(100, 'must be at most 100 characters'), z.regex(/^[^\r\n]*$/, 'must be one line')),
});

/** What the register keeps of a key (never the key itself). */
export interface ApiKey {
  /** Short public id: what `registeredBy: 'api:<id>'` and DELETE /admin/api-keys/{id} name. */
  id: string;
  label: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt?: string;
  revokedAt?: string;
  revokedBy?: string;
}

export interface ApiKeyStore {
  /** Stores a new key under its hash. */
  createApiKey(key: ApiKey, keyHash: string): Promise<void>;
  /** Active keys, newest first. */
  listApiKeys(): Promise<ApiKey[]>;
  /** Revokes the active key `id`; false when there is no such active key. */
  revokeApiKey(id: string, revokedAt: Date, revokedBy: string): Promise<boolean>;
  /** The active key with this hash, marked used at `at`; undefined for an unknown or revoked key. */
  useApiKey(keyHash: string, at: Date): Promise<ApiKey | undefined>;
}

export interface ApiKeyDeps {
  register: ApiKeyStore;
  clock: Clock;
  /** The tenant id, part of the key (`kr_<tenant>_...`) so a key says whose it is. */
  tenantId: string;
}

export const API_KEY_ID_PATTERN = /^[a-f0-9]{12}$/;
const KEY_PATTERN = /^kr_[a-z0-9-]{1,30}_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

export async function createApiKey(deps: ApiKeyDeps, body: unknown, actor: string): Promise<ApiKey & { key: string }> {
  const input = parseWith(newApiKeySchema, body);
  const key = `kr_${deps.tenantId}_${randomBytes(32).toString('base64url')}`;
  const record: ApiKey = { id: randomBytes(6).toString('hex'), label: input.label, createdAt: deps.clock.now().toISOString(), createdBy: actor };
  await deps.register.createApiKey(record, hashApiKey(key));
  return { ...record, key };
}

/** The active keys, newest first. */
export async function listApiKeys(deps: Pick<ApiKeyDeps, 'register'>): Promise<ApiKey[]> {
  return deps.register.listApiKeys();
}

export async function revokeApiKey(deps: ApiKeyDeps, id: string, actor: string): Promise<ApiKey['id']> {
  if (!API_KEY_ID_PATTERN.test(id) || !(await deps.register.revokeApiKey(id, deps.clock.now(), actor))) {
    throw new NotFoundError({ key: 'error.notFound.apiKey', params: { id } });
  }
  return id;
}

/**
 * The key an `x-api-key` header names, or undefined (malformed, unknown, another tenant's, or
 * revoked: the caller is told nothing more).
 */
export async function authenticateApiKey(deps: ApiKeyDeps, presented: string): Promise<ApiKey | undefined> {
  if (!KEY_PATTERN.test(presented) || !presented.startsWith(`kr_${deps.tenantId}_`)) return undefined;
  return deps.register.useApiKey(hashApiKey(presented), deps.clock.now());
}
