/** ReferenceStore in memory (contract: tests/contract/references.test.ts). */
import type { ReferenceStore } from '../../../shared/domain/ports.ts';
import { MemoryTable } from './memory-table.ts';

export class InMemoryReferenceStore implements ReferenceStore {
  constructor(readonly table = new MemoryTable()) {}

  async allocateSequence(year: number) {
    const next = (this.table.sequences.get(year) ?? 0) + 1;
    this.table.sequences.set(year, next);
    return next;
  }

  async allocatedCount(year: number) {
    return this.table.sequences.get(year) ?? 0;
  }

  async voidReference(reference: string, reason: string) {
    // Only while the reference has no complaint (its registration may have committed after all).
    if (!this.table.complaints.has(reference)) this.table.voided.set(reference, reason);
  }

  async voidReason(reference: string) {
    return this.table.voided.get(reference);
  }

  async registeredSince(year: number, after: number) {
    return [...this.table.complaints.values()]
      .filter((c) => c.year === year && c.reference > `KL-${year}-${String(after).padStart(6, '0')}`)
      .sort((a, b) => a.reference.localeCompare(b.reference))
      .map((c) => ({ sequence: Number(c.reference.split('-')[2]), registeredAt: String(c.happened.registered ?? '') }));
  }

  async gapsCheckedUpTo(year: number) {
    return this.table.gapsChecked.get(year) ?? 0;
  }

  async setGapsCheckedUpTo(year: number, upTo: number) {
    this.table.gapsChecked.set(year, upTo);
  }
}
