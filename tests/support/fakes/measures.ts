/** MeasureStore in memory, newest first (contract: tests/contract/measures.test.ts). */
import { ConflictError } from '../../../shared/domain/errors.ts';
import type { Measure, MeasureStore } from '../../../shared/domain/measures/measures.ts';
import { MemoryTable } from './memory-table.ts';

export class InMemoryMeasureStore implements MeasureStore {
  constructor(readonly table = new MemoryTable()) {}

  async putMeasure(measure: Measure) {
    const current = this.table.measures.get(measure.id);
    if ((current?.version ?? 0) !== measure.version - 1) throw new ConflictError('the measure was changed by someone else; reload and try again');
    this.table.measures.set(measure.id, structuredClone(measure));
  }

  async getMeasure(id: string) {
    const found = this.table.measures.get(id);
    return found ? structuredClone(found) : undefined;
  }

  /** Newest first (by creation, then id), paged by position. */
  async listMeasures(limit: number, cursor?: string) {
    const all = [...this.table.measures.values()].sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
    const offset = cursor ? Number(cursor) : 0;
    const items = all.slice(offset, offset + limit).map((m) => structuredClone(m));
    return { items, ...(offset + limit < all.length ? { cursor: String(offset + limit) } : {}) };
  }
}
