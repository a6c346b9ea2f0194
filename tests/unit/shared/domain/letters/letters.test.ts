/**
 * Proofreading every letter of every tenant and every fixture regulation, as `npm run letters`
 * renders them (tools/letters/render-all.ts: sample complaints through the real use cases, the
 * letters composed by the outbox drainer): no placeholder left, no empty paragraph, no other
 * organisation's name, and enough letters that a broken walk cannot pass by sending none.
 */
import { describe, expect, it } from 'vitest';
import { loadTenantFile } from '../../../../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../../../../shared/domain/regulation/index.ts';
import { factsOf } from '../../../../../shared/domain/complaint/events.ts';
import { nextTiers } from '../../../../../shared/domain/regulation/external-tiers.ts';
import { formatLongDate } from '../../../../../shared/domain/letters/render.ts';
import { renderAllLetters, type LetterSet, type RenderedLetter } from '../../../../../tools/letters/render-all.ts';
import { FIXTURE_FILES, REGULATIONS, SEED_PHRASES, TENANT_FILES, hollowParagraphs, occurrences, organisationName, placeholders } from '../../../../support/proofread.ts';

/** Every version of every tenant and fixture file ('file@version' where a file holds several). */
const FILES = REGULATIONS;
const fileOf = (entry: string) => entry.split('@')[0]!;
const NAMES = new Map([...TENANT_FILES, ...FIXTURE_FILES].map((file) => [file, organisationName(file)]));

const rendered = new Map<string, Promise<{ regulation: Regulation; set: LetterSet }>>();
function lettersOf(entry: string) {
  let found = rendered.get(entry);
  if (!found) {
    const version = entry.split('@')[1];
    found = loadTenantFile(fileOf(entry)).then(async ({ versions }) => {
      const regulation = version === undefined ? versions[versions.length - 1]! : versions.find((r) => r.version === version)!;
      return { regulation, set: await renderAllLetters(regulation) };
    });
    rendered.set(entry, found);
  }
  return found;
}

const where = (l: RenderedLetter) => `${l.path} ${l.lang} ${l.id} -> ${l.recipient} (${l.event})`;

describe.each(FILES)('the letters of %s', (file) => {
  it('are all composed, enough of them, with every notice the regulation can send', async () => {
    const { regulation, set } = await lettersOf(file);
    expect(set.failures, 'letters the outbox could not compose').toEqual([]);
    for (const lang of ['nl', 'en'] as const) {
      const toComplainant = set.letters.filter((l) => l.lang === lang && l.recipient === 'complainant');
      expect(
        toComplainant.some((l) => l.event === 'registered'),
        `${lang}: an acknowledgement`,
      ).toBe(true);
      expect(
        toComplainant.some((l) => l.event === 'ruling-sent'),
        `${lang}: a ruling letter`,
      ).toBe(true);
      expect(
        toComplainant.some((l) => l.event === 'closed' || l.event === 'not-taken-up'),
        `${lang}: a closing or refusal letter`,
      ).toBe(true);
    }
    expect(
      set.letters.some((l) => l.recipient !== 'complainant'),
      'a letter to staff',
    ).toBe(true);
    expect(set.letters.length).toBeGreaterThanOrEqual(20);
    // A notice goes out on its trigger or with the event it records; one with neither (or oral and optional) is never sent.
    const sendable = regulation.notices.filter((n) => (n.trigger !== undefined || n.records !== undefined) && (n.written || !n.optional)).map((n) => n.id);
    expect(
      set.unsent.filter((id) => sendable.includes(id)),
      'notices of the regulation no path sent',
    ).toEqual([]);
  });

  it('leave no placeholder unresolved', async () => {
    const { set } = await lettersOf(file);
    const found = set.letters.flatMap((l) => [l.subject, l.text, l.html].flatMap(placeholders).map((hit) => `${where(l)}: ${hit}`));
    expect(found).toEqual([]);
  });

  it('have no empty paragraph', async () => {
    const { set } = await lettersOf(file);
    const found = set.letters.flatMap((l) => hollowParagraphs(l).map((hit) => `${where(l)}: ${hit}`));
    expect(found).toEqual([]);
  });

  it("name no other organisation and use no seed regulation's words", async () => {
    const { regulation, set } = await lettersOf(file);
    // What this regulation says itself may be quoted (two versions of one organisation share its name).
    const own = JSON.stringify(regulation).toLowerCase();
    const others = [...new Set([...[...NAMES.keys()].filter((f) => f !== fileOf(file)).map((f) => NAMES.get(f)!), ...SEED_PHRASES])].filter((phrase) => !own.includes(phrase.toLowerCase()));
    expect(others.length).toBeGreaterThan(10);
    const found = set.letters.flatMap((l) => others.flatMap((phrase) => [l.subject, l.text].flatMap((t) => occurrences(t, phrase)).map((hit) => `${where(l)}: "${phrase}" in ${hit}`)));
    expect(found).toEqual([]);
  });
});

describe('the ruling letter names the tiers open next and the day their filing windows close', () => {
  it('in every tenant and fixture file whose next tier has a filing window with a known closing date (several have one)', async () => {
    const covered = new Set<string>();
    const missing: string[] = [];
    for (const file of FILES) {
      const { regulation, set } = await lettersOf(file);
      const rulings = set.letters.filter((l) => l.event === 'ruling-sent' && l.recipient === 'complainant');
      // Each ruling letter carries the complaint it was written for, so its tiers can be worked out again.
      expect(rulings.filter((l) => !l.complaint).map(where), `${file}: ruling letters without their complaint`).toEqual([]);
      for (const letter of rulings) {
        const paragraphs = letter.text.split('\n\n');
        for (const { tier, window } of nextTiers(regulation, factsOf(regulation, letter.complaint!), 'answer')) {
          if (!window?.closes || window.heldOpen) continue;
          covered.add(file);
          const day = formatLongDate(window.closes, letter.lang);
          const until = letter.lang === 'nl' ? `tot en met ${day}` : `until ${day} inclusive`;
          // The paragraph that names the body (a body chosen per complaint is named there in its own words) gives the day.
          const named = paragraphs.filter((p) => (tier.chosen ? p.includes(until) : p.includes(tier.body.name)));
          if (!named.some((p) => p.includes(until))) missing.push(`${where(letter)}: ${tier.body.name} "${until}"`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect([...covered].length, `files with a computable filing window: ${[...covered].join(', ')}`).toBeGreaterThanOrEqual(3);
  });
});
