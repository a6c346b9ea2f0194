/**
 * The tenant's search key (docs/search.md), for the functions that write search tokens (intake,
 * the hosted form) or search (the lists). From SEARCH_KEY (the local cloud keeps one per tenant
 * under its data folder), or in AWS read once per cold start from the Secrets Manager secret
 * SEARCH_KEY_SECRET_ARN names (a secret the stack generates; infra/constructs/search-key.ts grants
 * reading it to those functions alone). A failed read is tried again on the next request.
 */
import { ServiceUnavailableError } from '../domain/errors.ts';
import { hmacSearchKey, type SearchKey } from '../domain/complaint/search.ts';
import type { RuntimeConfig } from './config.ts';
import { log } from '../observability/log.ts';
import { readSecretString } from './secret-value.ts';

export type SearchKeyLoader = () => Promise<SearchKey>;

/**
 * For intake: the key, or none where search is not configured at all (a complaint is registered
 * all the same, without search tokens). A configured key that cannot be read is a 503: the caller
 * retries (with its Idempotency-Key), rather than a complaint going in unfindable.
 */
export function intakeSearchKey(config: Pick<RuntimeConfig, 'SEARCH_KEY' | 'SEARCH_KEY_SECRET_ARN' | 'AWS_REGION'>): () => Promise<SearchKey | undefined> {
  if (!config.SEARCH_KEY && !config.SEARCH_KEY_SECRET_ARN) return async () => undefined;
  return searchKeyLoader(config);
}

export function searchKeyLoader(config: Pick<RuntimeConfig, 'SEARCH_KEY' | 'SEARCH_KEY_SECRET_ARN' | 'AWS_REGION'>): SearchKeyLoader {
  let pending: Promise<SearchKey> | undefined;
  return () => {
    pending ??= loadSearchKey(config).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

async function loadSearchKey(config: Pick<RuntimeConfig, 'SEARCH_KEY' | 'SEARCH_KEY_SECRET_ARN' | 'AWS_REGION'>): Promise<SearchKey> {
  if (config.SEARCH_KEY) return hmacSearchKey(config.SEARCH_KEY);
  if (!config.SEARCH_KEY_SECRET_ARN) throw new Error('search is not configured: set SEARCH_KEY or SEARCH_KEY_SECRET_ARN');
  try {
    // Locally SEARCH_KEY is set; in AWS the secret is read here (secret-value.ts loads the SDK only then).
    return hmacSearchKey(await readSecretString(config.SEARCH_KEY_SECRET_ARN, config.AWS_REGION));
  } catch (error) {
    // Why, for the operator; never the secret.
    log.error('search key not readable', { errorName: error instanceof Error ? error.name : typeof error });
    throw new ServiceUnavailableError('search is unavailable for a moment; retry shortly');
  }
}
