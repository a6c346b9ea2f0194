/**
 * Who sends a public intake request: an organisation's own system with a valid `x-api-key`, or
 * anyone (then limited per address). An unknown or revoked key is a plain 401 that says nothing
 * more, and counts as a failed guess against the address.
 */
import { authenticateApiKey, type ApiKey, type ApiKeyStore } from '../domain/api-keys/api-keys.ts';
import type { Clock } from '../domain/ports.ts';
import type { AbuseGuard } from './abuse-limits.ts';
import { headerValue, HttpError, type HttpEvent } from './middleware.ts';

export async function apiKeyCaller(event: HttpEvent, deps: { apiKeys: ApiKeyStore; clock: Clock; tenantId: string }, guard: AbuseGuard): Promise<ApiKey | undefined> {
  const presented = headerValue(event, 'x-api-key');
  if (presented === undefined) {
    guard.take('posts', event);
    return undefined;
  }
  const apiKey = await guard.lookUp(event, () => authenticateApiKey({ register: deps.apiKeys, clock: deps.clock, tenantId: deps.tenantId }, presented.trim()));
  if (!apiKey) throw new HttpError(401, 'unauthenticated', 'the API key is not valid');
  // An organisation's own system is not limited per address: it may sit behind one address for all its users.
  return apiKey;
}
