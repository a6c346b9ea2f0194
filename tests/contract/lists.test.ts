/**
 * The ComplaintLists contract, held by the in-memory fake and the DynamoDB store alike: which
 * complaints each query finds, in which order, and that following the cursor page after page
 * gives exactly the whole list (a page may come back short), whatever the page size. With them,
 * the ListReader's reads of the same complaints (the dashboard, the calendar feeds, the search).
 */
import { describe, expect, test } from 'vitest';
import { InvalidInputError } from '../../shared/domain/errors.ts';
import type { ComplaintQuery } from '../../shared/domain/ports.ts';
import type { ComplaintRecord, ComplaintStatus } from '../../shared/domain/complaint/model.ts';
import { inMemory, onDynamoDbLocal, sampleRegistration, type MakeStores, type Stores } from './support.ts';

interface Sample {
  sequence: number;
  receivedAt: string;
  status: ComplaintStatus;
  handler?: string;
  categories?: string[];
  /** Its open deadlines' due instants (none: no open deadline). */
  due: string[];
}

/** Nine complaints over the years; `now` for the due-date lists is 1 June 2026. */
const SAMPLES: Record<string, Sample> = {
  c1: {
    sequence: 1,
    receivedAt: '2026-03-02T09:00:00.000Z',
    status: 'assigned',
    handler: 'Hans@Demo.example',
    categories: ['wachttijd'],
    due: ['2026-04-13T21:59:59.000Z', '2026-05-20T21:59:59.000Z'],
  },
  c2: { sequence: 2, receivedAt: '2026-03-05T09:00:00.000Z', status: 'investigating', handler: 'els@demo.example', due: ['2026-07-01T21:59:59.000Z'] },
  c3: { sequence: 3, receivedAt: '2026-03-10T09:00:00.000Z', status: 'registered', categories: ['wachttijd', 'bejegening'], due: ['2026-03-20T22:59:59.000Z'] },
  // Final, with a deadline left unmet: never in a list of open complaints.
  c4: { sequence: 4, receivedAt: '2026-03-12T09:00:00.000Z', status: 'closed', handler: 'els@demo.example', due: ['2026-09-01T21:59:59.000Z'] },
  // Open, without an open deadline.
  c5: { sequence: 5, receivedAt: '2026-04-01T08:00:00.000Z', status: 'assigned', handler: 'hans@demo.example', due: [] },
  c6: { sequence: 1, receivedAt: '2025-11-20T09:00:00.000Z', status: 'objection', handler: 'hans@demo.example', due: ['2027-01-15T22:59:59.000Z'] },
  // A deadline before the years the due-date index is read by, and one after them.
  c7: { sequence: 1, receivedAt: '2019-05-01T08:00:00.000Z', status: 'objection', due: ['2019-06-01T21:59:59.000Z'] },
  c8: { sequence: 6, receivedAt: '2026-04-02T08:00:00.000Z', status: 'ruled', due: ['2032-05-01T21:59:59.000Z'] },
  c9: { sequence: 7, receivedAt: '2026-04-03T08:00:00.000Z', status: 'registered', due: ['2026-05-10T21:59:59.000Z'] },
};
const NOW = new Date('2026-06-01T10:00:00.000Z');

/** Registers the samples; their references by name. */
async function registerSamples(stores: Stores): Promise<Record<string, string>> {
  const references: Record<string, string> = {};
  for (const [name, sample] of Object.entries(SAMPLES)) {
    const registration = await sampleRegistration({
      sequence: sample.sequence,
      at: new Date(sample.receivedAt),
      email: `${name}@example.com`,
      searchTokens: ['all', `t-${name}`, ...(sample.categories?.length ? ['tw'] : [])],
    });
    const template = registration.next.milestones[0]!;
    const next: ComplaintRecord = {
      ...registration.next,
      status: sample.status,
      categories: sample.categories ?? [],
      ...(sample.handler ? { handler: { email: sample.handler, name: `Behandelaar ${name}` } } : {}),
      milestones: [
        ...sample.due.map((dueAt, i) => ({ ...template, milestoneId: `m${i}`, dueAt, due: dueAt.slice(0, 10), status: 'open' as const })),
        { ...template, milestoneId: 'met', dueAt: '2026-01-01T00:00:00.000Z', due: '2026-01-01', status: 'met' as const },
      ],
    } as ComplaintRecord;
    await stores.complaints.register({ ...registration, next });
    references[name] = next.reference;
  }
  return references;
}

/** Every page of a query, `pageSize` at a time, following the cursor. */
async function allPages(stores: Stores, query: Omit<ComplaintQuery, 'limit' | 'cursor'>, pageSize: number): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await stores.lists.list({ ...query, limit: pageSize, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    found.push(...page.items.map((c) => c.reference));
    cursor = page.cursor;
    if (!cursor) return found;
  }
  throw new Error('the cursor never ended');
}

function describeComplaintListsContract(name: string, makeStores: MakeStores) {
  describe(`ComplaintLists: ${name}`, () => {
    /** The query's list by name, the same whatever the page size. */
    async function expectList(stores: Stores, refs: Record<string, string>, query: Omit<ComplaintQuery, 'limit' | 'cursor'>, expected: string[], sizes = [1, 2, 50]) {
      for (const size of sizes) expect(await allPages(stores, query, size), `${JSON.stringify(query)} by ${size}`).toEqual(expected.map((n) => refs[n]));
    }

    test('by year: in reference order, with the status, category and handler filters', async () => {
      const stores = await makeStores();
      const refs = await registerSamples(stores);
      await expectList(stores, refs, { year: 2026 }, ['c1', 'c2', 'c3', 'c4', 'c5', 'c8', 'c9']);
      await expectList(stores, refs, { year: 2026, category: 'wachttijd' }, ['c1', 'c3']);
      await expectList(stores, refs, { year: 2025 }, ['c6']);
      await expectList(stores, refs, { year: 2024 }, [], [2]);
    });

    test('by status and by handler: newest first, with the other filters; a handler by any case of their address', async () => {
      const stores = await makeStores();
      const refs = await registerSamples(stores);
      await expectList(stores, refs, { status: 'assigned' }, ['c5', 'c1']);
      await expectList(stores, refs, { status: 'objection' }, ['c6', 'c7']);
      await expectList(stores, refs, { status: 'registered', category: 'wachttijd' }, ['c3']);
      await expectList(stores, refs, { status: 'registered', year: 2026 }, ['c9', 'c3']);
      await expectList(stores, refs, { handlerEmail: 'HANS@demo.example' }, ['c5', 'c1', 'c6']);
      await expectList(stores, refs, { handlerEmail: 'hans@demo.example', year: 2026 }, ['c5', 'c1']);
      await expectList(stores, refs, { handlerEmail: 'hans@demo.example', status: 'objection' }, ['c6']);
      await expectList(stores, refs, { handlerEmail: 'hans@demo.example', overdueAt: NOW }, ['c1']);
      await expectList(stores, refs, { handlerEmail: 'nobody@demo.example' }, [], [2]);
    });

    test('by next deadline: the open complaints soonest first across the years, also those outside the years read one by one', async () => {
      const stores = await makeStores();
      const refs = await registerSamples(stores);
      const sortByDue = { now: NOW };
      await expectList(stores, refs, { sortByDue }, ['c7', 'c3', 'c1', 'c9', 'c2', 'c6', 'c8'], [1, 3, 50]);
      await expectList(stores, refs, { sortByDue, status: 'assigned' }, ['c1']);
      await expectList(stores, refs, { sortByDue, handlerEmail: 'Hans@demo.example' }, ['c1', 'c6']);
      await expectList(stores, refs, { sortByDue, category: 'wachttijd' }, ['c3', 'c1']);
      await expectList(stores, refs, { sortByDue, keep: (c) => c.status === 'registered' }, ['c3', 'c9']);
      // Overdue: a deadline passed before the instant.
      await expectList(stores, refs, { overdueAt: NOW }, ['c7', 'c3', 'c1', 'c9']);
      await expectList(stores, refs, { overdueAt: NOW, year: 2026 }, ['c3', 'c1', 'c9']);
      await expectList(stores, refs, { overdueAt: NOW, sortByDue }, ['c7', 'c3', 'c1', 'c9']);
      // What the sweeper reads: next deadlines before an instant, soonest first.
      await expectList(stores, refs, { dueBefore: new Date('2026-04-15T00:00:00.000Z') }, ['c3', 'c1']);
    });

    test("the lists function's reads: every open complaint (those without a deadline too), its figures, and the search tokens", async () => {
      const stores = await makeStores();
      const refs = await registerSamples(stores);
      const open = ['c7', 'c3', 'c1', 'c9', 'c2', 'c6', 'c5', 'c8'];
      for (const size of [1, 3, 50]) {
        const found: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 100; pages += 1) {
          const page = await stores.listReader.openComplaints({ now: NOW, limit: size, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(size);
          found.push(...page.items.map((c) => c.reference));
          cursor = page.cursor;
          if (!cursor) break;
        }
        expect(found, `by ${size}`).toEqual(open.map((n) => refs[n]));
      }
      expect((await stores.listReader.openComplaints({ now: NOW, handlerEmail: 'HANS@demo.example', limit: 50 })).items.map((c) => c.reference)).toEqual(['c1', 'c6', 'c5'].map((n) => refs[n]));

      const facts = await stores.listReader.openComplaintFacts(NOW, undefined);
      expect(facts.complete).toBe(true);
      expect(facts.facts.map((f) => f.reference)).toEqual(open.map((n) => refs[n]));
      expect(facts.facts.find((f) => f.reference === refs.c1)).toEqual({ reference: refs.c1, handler: 'hans@demo.example', nextDueAt: '2026-04-13T21:59:59.000Z' });
      expect(facts.facts.find((f) => f.reference === refs.c5)).toEqual({ reference: refs.c5, handler: 'hans@demo.example' });
      expect(facts.facts.find((f) => f.reference === refs.c7)).toEqual({ reference: refs.c7, handler: null, nextDueAt: '2019-06-01T21:59:59.000Z' });
      expect((await stores.listReader.openComplaintFacts(NOW, 'els@demo.example')).facts.map((f) => f.reference)).toEqual([refs.c2]);

      const all = Object.values(refs).sort().reverse();
      expect(await stores.listReader.searchReferences(['all'])).toEqual({ references: all, complete: true });
      expect(await stores.listReader.searchReferences(['all', 'tw', 'all'])).toEqual({ references: [refs.c3, refs.c1], complete: true });
      expect(await stores.listReader.searchReferences(['t-c6'])).toEqual({ references: [refs.c6], complete: true });
      expect(await stores.listReader.searchReferences(['tw', 'nothing'])).toEqual({ references: [], complete: true });
    });

    test('a cursor not given out is refused as invalid input', async () => {
      const stores = await makeStores();
      await registerSamples(stores);
      for (const cursor of [
        'not-a-cursor',
        Buffer.from('{"p":0,"k":{"pk":{"N":"1"},"sk":{"S":"x"}}}').toString('base64url'),
        Buffer.from('{"p":-1}').toString('base64url'),
        Buffer.from('[1]').toString('base64url'),
      ]) {
        await expect(stores.lists.list({ year: 2026, limit: 2, cursor }), cursor).rejects.toBeInstanceOf(InvalidInputError);
      }
    });
  });
}

describeComplaintListsContract('in memory', inMemory);
describeComplaintListsContract('DynamoDB Local', onDynamoDbLocal());
