/**
 * Retries an operation while its dependency is briefly unavailable (a database restart, a
 * network blip), for a bounded time. Used where giving up costs more than waiting: a letter that
 * went out but is not yet recorded would be sent again; a spent reference not yet voided would
 * be an unexplained gap.
 */
import { ServiceUnavailableError } from './errors.ts';

export async function retryWhileUnavailable<T>(operation: () => Promise<T>, budgetMs: number, sleep: (ms: number) => Promise<void> = defaultSleep): Promise<T> {
  let waited = 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const delay = Math.min(2000, 100 * 2 ** attempt);
      if (!(error instanceof ServiceUnavailableError) || waited + delay > budgetMs) throw error;
      await sleep(delay);
      waited += delay;
    }
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
