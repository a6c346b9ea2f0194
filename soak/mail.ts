/**
 * Reads the SES stand-in's mail as it arrives (GET /store?since=<epoch s>), so tens of thousands
 * of letters are fetched a few seconds' worth at a time instead of all at once at the end.
 * Only what the verifier needs is kept: recipients and subject, by message id.
 */

export interface MailSummary {
  messageId: string;
  to: string[];
  subject: string;
  /** References (KL-yyyy-nnnnnn) the subject or text names. */
  references: string[];
}

interface StoredMail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
  at: number;
}

const REFERENCE = /KL-\d{4}-\d{6}/g;

export class MailCollector {
  readonly mail = new Map<string, MailSummary>();
  private since = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly sesUrl: string,
    private readonly everyMs = 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      void this.poll().catch(() => undefined);
    }, this.everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
  }

  /** Fetches what arrived since the last poll (a little overlap: `at` has whole seconds). */
  poll(): Promise<void> {
    this.polling ??= this.fetchNew().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async fetchNew(): Promise<void> {
    const response = await fetch(`${this.sesUrl}/store?since=${Math.max(0, this.since - 2)}`, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`GET /store answered ${response.status}`);
    const { emails } = (await response.json()) as { emails: StoredMail[] };
    for (const email of emails) {
      this.since = Math.max(this.since, Math.floor(email.at));
      if (this.mail.has(email.messageId)) continue;
      const references = new Set([...(email.subject.match(REFERENCE) ?? []), ...((email.body.text ?? '').match(REFERENCE) ?? [])]);
      this.mail.set(email.messageId, { messageId: email.messageId, to: email.destination.to.map((a) => a.toLowerCase()), subject: email.subject, references: [...references] });
    }
  }
}
