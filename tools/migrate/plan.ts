/**
 * Moving a register from a tenant that is now a version of another (occure-2019 -> occure) into
 * that tenant's table: which items go over, under which reference. Pure: items in, items out.
 *
 * - A complaint keeps its reference when the target has none like it; otherwise it gets the next
 *   free number of its year in the target, and every item that names it (its events, outbox,
 *   status-link pointer, idempotency key, audit lines, schedule names) names the new one.
 * - A complaint keeps its `regulationVersion` (the version it was received under), which the
 *   target's file must hold; it now belongs to the target tenant.
 * - The reference counters end at least at the highest number either table used. Gap-check
 *   markers and weekly-digest markers stay behind: they are the old tenant's bookkeeping. So do
 *   search tokens (keyed with the old tenant's search key, docs/search.md: they would find
 *   nothing in the target) and staff calendar feeds (the old tenant's staff's).
 * - A moved complaint records where it came from (`migratedFrom`), so a second run moves nothing twice.
 */

export type Item = Record<string, unknown>;

export interface MigrationTarget {
  tenantId: string;
  /** Versions the target's regulation file holds. */
  versions: readonly string[];
  /** References the target table already has. */
  references: ReadonlySet<string>;
  /** The target's reference counters per year. */
  sequences: ReadonlyMap<number, number>;
  /** Source references the target already holds from an earlier run (its complaints' `migratedFrom`). */
  migrated: ReadonlySet<string>;
}

export interface MigrationPlan {
  /** Items to write into the target table, as they will be written. */
  items: Item[];
  /** Counters to raise: year -> at least this number. */
  sequences: Map<number, number>;
  /** Old reference -> new reference, for the complaints that had to be renumbered. */
  renumbered: Map<string, string>;
  complaints: number;
  /** Why the migration cannot go ahead (nothing is written then). */
  problems: string[];
}

const REFERENCE = /^KL-(\d{4})-(\d{6})$/;
const LEFT_BEHIND = /^(GAPS|DIGEST|SEARCH|CALFEED|CALFEEDUSER)#/;

export function planMigration(source: readonly Item[], target: MigrationTarget): MigrationPlan {
  const problems: string[] = [];
  const byReference = new Map<string, Item[]>();
  const others: Item[] = [];
  for (const item of source) {
    const pk = String(item.pk);
    // Moved by an earlier run: its items are there already.
    if (pk.startsWith('C#') && target.migrated.has(pk.slice(2))) continue;
    // A complaint's list of its search tokens goes with the tokens (left behind).
    if (pk.startsWith('C#') && item.sk === 'SEARCH') continue;
    if (pk.startsWith('C#')) byReference.set(pk.slice(2), [...(byReference.get(pk.slice(2)) ?? []), item]);
    else if (!LEFT_BEHIND.test(pk)) others.push(item);
  }

  // The highest number per year in either table: a renumbered complaint goes after both.
  const highest = new Map(target.sequences);
  const raise = (year: number, n: number) => highest.set(year, Math.max(highest.get(year) ?? 0, n));
  for (const item of others) if (String(item.pk).startsWith('SEQ#')) raise(Number(String(item.pk).slice(4)), Number(item.seq ?? 0));
  for (const reference of byReference.keys()) {
    const match = REFERENCE.exec(reference);
    if (match) raise(Number(match[1]), Number(match[2]));
  }

  const renumbered = new Map<string, string>();
  for (const reference of [...byReference.keys()].sort()) {
    if (!target.references.has(reference)) continue;
    const match = REFERENCE.exec(reference);
    if (!match) {
      problems.push(`${reference}: not a reference this register writes; cannot renumber it`);
      continue;
    }
    const year = Number(match[1]);
    const next = (highest.get(year) ?? 0) + 1;
    highest.set(year, next);
    renumbered.set(reference, `KL-${year}-${String(next).padStart(6, '0')}`);
  }

  const rename = (value: unknown): unknown => {
    if (typeof value === 'string') return renumbered.size ? value.replace(/KL-\d{4}-\d{6}/g, (ref) => renumbered.get(ref) ?? ref) : value;
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
    return value;
  };

  const items: Item[] = [];
  let complaints = 0;
  for (const [reference, partition] of byReference) {
    for (const item of partition) {
      const moved = rename(item) as Item;
      if (item.sk === 'COMPLAINT') {
        complaints += 1;
        const version = item.regulationVersion;
        if (typeof version !== 'string' || !target.versions.includes(version)) {
          problems.push(
            `${reference}: lives under version ${JSON.stringify(version)}, which ${target.tenantId}'s file does not hold (versions: ${target.versions.join(', ')}); add that version to the file first`,
          );
        }
        moved.tenantId = target.tenantId;
        moved.migratedFrom = { tenant: item.tenantId, reference };
      }
      items.push(moved);
    }
  }
  for (const item of others) {
    if (String(item.pk).startsWith('SEQ#')) continue;
    items.push(rename(item) as Item);
  }
  const sequences = new Map([...highest].filter(([year, n]) => n > (target.sequences.get(year) ?? 0)));
  return { items, sequences, renumbered, complaints, problems };
}
