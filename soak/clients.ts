/**
 * The soak's clients: concurrent loops that each take the next complaint and POST it with its
 * own Idempotency-Key, retrying the same key with backoff on a network error or a 5xx until it
 * is answered with a 2xx (bounded). Every attempt is recorded.
 */

export interface Attempt {
  startedAt: number;
  endedAt: number;
  /** HTTP status, or 0 for a network error / timeout. */
  status: number;
  error?: string;
}

export interface Submission {
  index: number;
  key: string;
  email: string;
  attempts: Attempt[];
  /** Set when a 2xx came back. */
  reference?: string;
  /** The final status: 201, 200 (replayed) or the last failure. */
  finalStatus?: number;
  gaveUp?: string;
}

export interface ClientOptions {
  api: string;
  tenant: string;
  runId: string;
  count: number;
  concurrency: number;
  maxAttempts: number;
  requestTimeoutMs: number;
  /** Called after each complaint is settled, with how many are. */
  onSettled?: (settled: number) => void;
}

export const soakEmail = (runId: string, index: number) => `soak-${runId}-${index}@example.com`;

export function complaintBody(runId: string, index: number) {
  return {
    complainant: { name: `Soak Klant ${index}`, email: soakEmail(runId, index), language: 'nl' },
    description: `Soak-klacht nummer ${index}: mijn afspraak werd zonder bericht verzet.`,
    place: 'Vestiging Utrecht',
  };
}

export async function runClients(options: ClientOptions): Promise<Submission[]> {
  const submissions: Submission[] = [];
  let next = 0;
  let settled = 0;
  const loop = async () => {
    for (;;) {
      const index = next++;
      if (index >= options.count) return;
      const submission = await submit(options, index);
      submissions[index] = submission;
      settled += 1;
      options.onSettled?.(settled);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return submissions;
}

async function submit(options: ClientOptions, index: number): Promise<Submission> {
  const key = `soak-${options.runId}-${String(index).padStart(6, '0')}`;
  const submission: Submission = { index, key, email: soakEmail(options.runId, index), attempts: [] };
  const body = JSON.stringify(complaintBody(options.runId, index));
  for (let attempt = 0; attempt < options.maxAttempts; attempt += 1) {
    const startedAt = Date.now();
    let retryAfterMs = 0;
    try {
      const response = await fetch(`${options.api}/${options.tenant}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      const text = await response.text();
      const endedAt = Date.now();
      submission.attempts.push({ startedAt, endedAt, status: response.status });
      submission.finalStatus = response.status;
      if (response.status >= 200 && response.status < 300) {
        submission.reference = String((JSON.parse(text) as { reference: string }).reference);
        return submission;
      }
      if (response.status < 500) {
        // A 4xx is an answer, not a fault to wait out: the verifier reports it.
        submission.gaveUp = `${response.status}: ${text.slice(0, 200)}`;
        return submission;
      }
      retryAfterMs = Number(response.headers.get('retry-after') ?? 0) * 1000;
    } catch (error) {
      submission.attempts.push({ startedAt, endedAt: Date.now(), status: 0, error: (error as Error).message });
      submission.finalStatus = 0;
    }
    const backoff = Math.min(4000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);
    await new Promise((r) => setTimeout(r, Math.max(backoff, Math.min(retryAfterMs, 4000))));
  }
  submission.gaveUp = `no 2xx after ${options.maxAttempts} attempts`;
  return submission;
}
