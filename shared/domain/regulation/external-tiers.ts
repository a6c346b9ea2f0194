/**
 * The stages after the internal handling, in order (an ombudsman, a disputes committee, an appeal
 * body, the civil court), and which of them a complainant can turn to once a stage ends. The
 * single-body forms of the format (`fixed`, `chosen-per-complaint`) are one tier each, so the
 * letters read one shape.
 */
import type { ComplaintFacts, WindowDates } from './milestones.ts';
import { conditionHolds, windowDates } from './milestones.ts';
import type { ExternalTier, Regulation } from './schema.ts';

/** A tier as the letters read it; `chosen` marks the body named per complaint (the options are examples). */
export interface Tier extends ExternalTier {
  chosen?: { options: string[][] };
}

/** The regulation's external stages, in order: the tiers, or the one body of the simple forms. */
export function tiersOf(reg: Regulation): Tier[] {
  const external = reg.external;
  switch (external.kind) {
    case 'none':
      return [];
    case 'tiers':
      return external.tiers;
    case 'fixed': {
      const window = external.window ?? soleWindowFor(reg, external.body.name);
      return [{ id: 'external', body: external.body, opens: { after: external.after === 'objection' ? 'objection' : 'answer' }, ...(window ? { window } : {}), citation: external.citation }];
    }
    case 'chosen-per-complaint':
      return [
        {
          id: 'external',
          body: { name: external.options.map((o) => o.label.nl).join(', ') || '-' },
          ...(external.complainants ? { when: { complainants: external.complainants } } : {}),
          opens: { after: external.after === 'objection' ? 'objection' : 'answer' },
          ...(external.window ? { window: external.window } : {}),
          chosen: { options: external.options.map((o) => [o.label.nl, o.label.en]) },
          citation: external.citation,
        },
      ];
  }
}

/** The one external-complaint window for a body (named so, or unnamed), when the simple forms give none. */
function soleWindowFor(reg: Regulation, body: string): string | undefined {
  const candidates = reg.windows.filter((w) => w.for === 'external-complaint' && (w.body === undefined || w.body === body));
  return candidates.length === 1 ? candidates[0]!.id : undefined;
}

/** Which stage just ended: the internal answer (a ruling, an offer, a refusal), the objection, or a missed term. */
export type StageEnd = 'answer' | 'objection' | 'missed-term';

export interface NextTier {
  tier: Tier;
  /** Open only once the internal objection has been decided (the ruling letter says so). */
  afterObjection: boolean;
  /** Its filing window, evaluated for the complaint. */
  window?: WindowDates;
}

/**
 * The tiers a complainant can turn to now that a stage ended, in the regulation's order: those
 * for them (their category, their kind) that open after this stage, or directly because of what
 * happened (a missed term). A tier that comes after another tier is not offered yet.
 */
export function nextTiers(reg: Regulation, facts: ComplaintFacts, ended: StageEnd): NextTier[] {
  const result: NextTier[] = [];
  for (const tier of tiersOf(reg)) {
    if (!conditionHolds(reg, tier.when, facts)) continue;
    const direct = tier.opens.directlyWhen !== undefined && conditionHolds(reg, tier.opens.directlyWhen, facts);
    const after = tier.opens.after;
    let afterObjection = false;
    if (ended === 'missed-term') {
      if (!direct && after !== 'any-time') continue;
    } else if (after === 'previous-tier') {
      continue;
    } else if (after === 'objection' && ended === 'answer' && !direct) {
      // The objection comes first; the letter names the tier as what follows it.
      if (!reg.objection) continue;
      afterObjection = true;
    }
    const definition = tier.window === undefined ? undefined : reg.windows.find((w) => w.id === tier.window);
    const window = definition && conditionHolds(reg, definition.appliesWhen, facts) ? windowDates(reg, definition, facts) : undefined;
    result.push({ tier, afterObjection, ...(window ? { window } : {}) });
  }
  return result;
}

/** The stage a letter ends, from the event it goes with (undefined: it ends none). */
export function stageEndedBy(eventType: string | undefined): StageEnd | undefined {
  switch (eventType) {
    case 'ruling-sent':
    case 'offer-made':
    case 'resolved':
    case 'not-taken-up':
    case 'holding-response-sent':
    case 'external-referral-given':
      return 'answer';
    case 'objection-decided':
      return 'objection';
    case 'deadline-missed':
      return 'missed-term';
    default:
      return undefined;
  }
}
