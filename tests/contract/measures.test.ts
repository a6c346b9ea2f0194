/** The MeasureStore contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.ts';
import type { Measure } from '../../shared/domain/measures/measures.ts';
import { inMemory, onDynamoDbLocal, type MakeStores } from './support.ts';

const measure = (id: string, createdAt: string, version = 1): Measure =>
  ({
    id,
    what: `Maatregel ${id}`,
    complaintRefs: ['KL-2026-000001'],
    status: 'planned',
    createdAt,
    createdBy: 'coordinator@demo.example',
    updatedAt: createdAt,
    updatedBy: 'coordinator@demo.example',
    version,
  }) as unknown as Measure;

function describeMeasureStoreContract(name: string, makeStores: MakeStores) {
  describe(`MeasureStore: ${name}`, () => {
    test('a measure is read back; each version is written once, after the one before it', async () => {
      const { measures } = await makeStores();
      await measures.putMeasure(measure('m1', '2026-03-01T10:00:00.000Z'));
      expect(await measures.getMeasure('m1')).toEqual(measure('m1', '2026-03-01T10:00:00.000Z'));
      await expect(measures.putMeasure(measure('m1', '2026-03-01T10:00:00.000Z'))).rejects.toBeInstanceOf(ConflictError);
      await measures.putMeasure({ ...measure('m1', '2026-03-01T10:00:00.000Z', 2), status: 'done' } as Measure);
      await expect(measures.putMeasure(measure('m1', '2026-03-01T10:00:00.000Z', 2))).rejects.toBeInstanceOf(ConflictError);
      await expect(measures.putMeasure(measure('m2', '2026-03-01T10:00:00.000Z', 3))).rejects.toBeInstanceOf(ConflictError);
      expect(await measures.getMeasure('m1')).toMatchObject({ status: 'done', version: 2 });
      expect(await measures.getMeasure('m9')).toBeUndefined();
    });

    test('listed newest first, page after page by the cursor', async () => {
      const { measures } = await makeStores();
      for (let day = 1; day <= 5; day += 1) await measures.putMeasure(measure(`m${day}`, `2026-03-0${day}T10:00:00.000Z`));
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await measures.listMeasures(2, cursor);
        expect(page.items.length).toBeLessThanOrEqual(2);
        ids.push(...page.items.map((m) => m.id));
        cursor = page.cursor;
      } while (cursor);
      expect(ids).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    });
  });
}

describeMeasureStoreContract('in memory', inMemory);
describeMeasureStoreContract('DynamoDB Local', onDynamoDbLocal());
