/** MailCaps in memory (contract: tests/contract/mail-caps.test.ts): a count per hour and counter, taken all or none. */
import type { CapCounter, MailCaps } from '../../../shared/domain/ports.ts';
import { MemoryTable } from './memory-table.ts';

export class InMemoryMailCaps implements MailCaps {
  constructor(readonly table = new MemoryTable()) {}

  /** How many `hour` has counted against a counter (for tests to look into). */
  count(hour: string, key: string): number {
    return this.table.mailCaps.get(`${hour}/${key}`) ?? 0;
  }

  async take(hour: string, counters: readonly CapCounter[]): Promise<{ full?: CapCounter }> {
    const full = counters.find((c) => this.count(hour, c.key) >= c.cap);
    if (full) return { full };
    for (const c of counters) this.table.mailCaps.set(`${hour}/${c.key}`, this.count(hour, c.key) + 1);
    return {};
  }

  /** Best effort, and never below zero: nothing is given back unless every counter has a count to give. */
  async giveBack(hour: string, counters: readonly CapCounter[]): Promise<void> {
    if (counters.some((c) => this.count(hour, c.key) <= 0)) return;
    for (const c of counters) this.table.mailCaps.set(`${hour}/${c.key}`, this.count(hour, c.key) - 1);
  }
}
