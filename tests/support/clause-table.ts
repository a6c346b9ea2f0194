/**
 * Shared by the seed tests (one per tenant): a seed's clauses as a table
 * `clause -> setting -> assertion`, plus three checks that nothing in the text was dropped:
 *  - every quote in the table occurs in the seed text;
 *  - every sentence of the seed text is quoted by some row (headings and page furniture aside);
 *  - every citation in the tenant file that quotes the regulation quotes it verbatim.
 *
 * The seed texts are kept in tenants/sources/ (or SEEDS_DIR); a missing one fails the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadTenantFile } from '../../shared/adapters/regulation-file.ts';
import { type Citation, type Regulation, scheduleMilestone } from '../../shared/domain/regulation/index.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The source texts are kept beside the tenant files, so the tests never depend on a folder outside the repository.
export const SEEDS_DIR = process.env.SEEDS_DIR ?? resolve(REPO_ROOT, 'tenants/sources');

export interface Clause {
  /** Where in the text: heading, article, paragraph. */
  clause: string;
  /** Verbatim from the seed (whitespace and *emphasis* aside). */
  quote: string;
  /** The tenant-file setting that encodes it. */
  setting: string;
  check: (reg: Regulation) => void;
}

export interface SeedSpec {
  tenant: string;
  seedFile: string;
  clauses: Clause[];
  /** Lines of the text that are no rule: page furniture, headings the automatic rule misses. */
  boilerplate?: string[];
}

/** Whitespace collapsed, emphasis markers dropped. */
export function normalise(text: string): string {
  return text.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
}

/** The text's sentences (and list items), normalised. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => normalise(line).split(/(?<=[.!?])\s+(?=[A-Z0-9“"(])/))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A short line without a full stop is a heading ("Doel:", "Verantwoordelijkheden", "3. Aanbod binnen 2 weken"). */
function isHeading(sentence: string): boolean {
  if (/^(\d+|[A-Z]|[IVX]+)\.$/.test(sentence)) return true; // a list number on its own
  return sentence.split(' ').length <= 6 && !/[.;]$/.test(sentence);
}

/** Every citation in the regulation, with its path. */
export function citationsOf(value: unknown, path = ''): Array<{ path: string; citation: Citation }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => citationsOf(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = path ? `${path}.${key}` : key;
    if (key === 'citation' && inner && typeof inner === 'object' && 'article' in inner) return [{ path: at, citation: inner as Citation }];
    return citationsOf(inner, at);
  });
}

/** A tenant's regulation: its newest version, or `<tenant>@<version>` for another (occure@2019-01-01). */
export async function loadTenant(id: string): Promise<Regulation> {
  const [tenant, version] = id.split('@') as [string, string | undefined];
  const { versions } = await loadTenantFile(resolve(REPO_ROOT, 'tenants', `${tenant}.yaml`));
  const found = version === undefined ? versions[versions.length - 1] : versions.find((r) => r.version === version);
  if (!found) throw new Error(`tenants/${tenant}.yaml has no version ${version} (versions: ${versions.map((r) => r.version).join(', ')})`);
  return found;
}

export function describeSeed(spec: SeedSpec): void {
  const seedPath = resolve(SEEDS_DIR, spec.seedFile);
  if (!existsSync(seedPath)) throw new Error(`seed text ${seedPath} is missing`);
  const raw = readFileSync(seedPath, 'utf8');
  const text = normalise(raw);

  describe(`${spec.tenant} (${spec.seedFile})`, () => {
    let reg: Regulation;
    beforeAll(async () => {
      reg = await loadTenant(spec.tenant);
    });

    test('the tenant file is valid', () => {
      expect(reg.id).toBe(spec.tenant.split('@')[0]);
      if (spec.tenant.includes('@')) expect(reg.version).toBe(spec.tenant.split('@')[1]);
    });

    test.each(spec.clauses)('$clause -> $setting', ({ check }) => {
      check(reg);
    });

    test('every quote in the clause table is verbatim from the seed', () => {
      const missing = spec.clauses.filter((c) => !text.includes(normalise(c.quote))).map((c) => `${c.clause}: ${c.quote}`);
      expect(missing).toEqual([]);
    });

    test('every sentence of the seed is covered by a clause row', () => {
      const quotes = spec.clauses.map((c) => normalise(c.quote));
      const ignored = new Set((spec.boilerplate ?? []).map(normalise));
      const uncovered = sentencesOf(raw).filter((sentence) => !isHeading(sentence) && !ignored.has(sentence) && !quotes.some((q) => q.includes(sentence) || (q.length >= 30 && sentence.includes(q))));
      expect(uncovered).toEqual([]);
    });

    test('every citation quoting the regulation quotes it verbatim', () => {
      const wrong = citationsOf(reg)
        .filter(({ citation }) => citation.text !== undefined && citation.source === undefined)
        .flatMap(({ path, citation }) =>
          (citation.text ?? '')
            .split(' … ')
            .filter((part) => !text.includes(normalise(part)))
            .map((part) => `${path}: ${part}`),
        );
      expect(wrong).toEqual([]);
    });
  });
}

// --- small lookups the tables use -------------------------------------------------------------------

export function milestone(reg: Regulation, id: string): Regulation['milestones'][number] {
  const found = reg.milestones.find((m) => m.id === id);
  if (!found) throw new Error(`no milestone ${id} in ${reg.id}`);
  return found;
}

/** Due date of a milestone whose anchor event happened at this instant. */
export function dueOf(reg: Regulation, id: string, anchorAt: string): string {
  return scheduleMilestone(reg, milestone(reg, id), new Date(anchorAt)).due;
}

export function ids(items: ReadonlyArray<{ id: string }>): string[] {
  return items.map((item) => item.id);
}

export function role(reg: Regulation, id: string): Regulation['roles'][number] {
  const found = reg.roles.find((r) => r.id === id);
  if (!found) throw new Error(`no role ${id} in ${reg.id}`);
  return found;
}

export function notice(reg: Regulation, id: string): Regulation['notices'][number] {
  const found = reg.notices.find((n) => n.id === id);
  if (!found) throw new Error(`no notice ${id} in ${reg.id}`);
  return found;
}

export function windowOf(reg: Regulation, id: string): Regulation['windows'][number] {
  const found = reg.windows.find((w) => w.id === id);
  if (!found) throw new Error(`no window ${id} in ${reg.id}`);
  return found;
}

export function note(reg: Regulation, id: string): Regulation['notes'][number] {
  const found = reg.notes.find((n) => n.id === id);
  if (!found) throw new Error(`no note ${id} in ${reg.id}`);
  return found;
}

export function ground(reg: Regulation, id: string): Regulation['admissibility']['grounds'][number] {
  const found = reg.admissibility.grounds.find((g) => g.id === id);
  if (!found) throw new Error(`no ground ${id} in ${reg.id}`);
  return found;
}
