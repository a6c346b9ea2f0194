/**
 * Composes a notice from the items the regulation says it must contain, in the recipient's
 * language: the complainant's choice, or the organisation's first language for staff. Every
 * letter ends with the rule it fulfils.
 */
import type { Regulation } from '../regulation/index.ts';
import { isMetBy, roleLabel, windowDates } from '../regulation/milestones.ts';
import type { LetterContent } from '../regulation/vocabulary.ts';
import { localDateOf } from '../calendar/index.ts';
import type { ComplaintRecord, Language } from '../complaint/model.ts';
import { isLive, type MilestoneState } from '../complaint/model.ts';
import { allowedWithoutConsent, definitionOf, factsOf } from '../complaint/events.ts';
import type { ComplaintEvent } from '../complaint/events.ts';
import { objectionDeadline } from '../complaint/objection-window.ts';
import { citationRef, formatRule } from '../regulation/citation.ts';
import { nextTiers, stageEndedBy, tiersOf, type NextTier } from '../regulation/external-tiers.ts';
import type { NoticeSpec } from './notices.ts';
import { formatLongDate, renderLetter, type Block, type Letter } from './render.ts';
import { format, label, lookup, texts, type TextParams } from '../../texts/index.ts';

/** The letters' words in a language (shared/texts, area `letter`), and a text of theirs filled in. */
function wordsOf(lang: Language) {
  const w = texts(lang).letter;
  return { w, f: (template: string, params: TextParams) => format(template, params, lang) };
}

export interface ComposeInput {
  regulation: Regulation;
  complaint: ComplaintRecord;
  notice: NoticeSpec;
  recipient: 'complainant' | 'staff';
  /** The event that caused the letter (for an extension's reason, say). */
  event?: ComplaintEvent;
  /** Its type, when the event itself is not loaded. */
  eventType?: string;
  statusLink?: string;
}

export function composeNotice(input: ComposeInput): Letter {
  const { regulation, complaint, notice, recipient } = input;
  const lang: Language = recipient === 'complainant' ? complaint.complainant.language : (regulation.organisation.languages[0] ?? 'nl');
  const { w, f } = wordsOf(lang);
  const echo = echoesFreeText(input);
  // The name is free text too: until the address has shown it is the complainant's, no name.
  const greeting = recipient === 'complainant' ? (echo ? f(w.greeting.complainant, { name: complaint.complainant.name }) : w.greeting.unconfirmed) : w.greeting.staff;
  const blocks: Block[] = [{ paragraph: greeting }];
  for (const item of notice.contents) blocks.push(...contentBlocks(item, input, lang));
  // The regulation's own wording and enclosures, as it prescribes them.
  const own = notice.source === 'regulation' ? regulation.notices.find((n) => n.id === notice.id) : undefined;
  for (const paragraph of own?.paragraphs ?? []) blocks.push({ paragraph: paragraph[lang] });
  const enclosures = [...(own?.enclosures ?? []), ...adviceEnclosure(input)];
  if (enclosures.length) {
    blocks.push({ paragraph: `${w.enclosures}:\n${enclosures.map((e) => `- ${e.label[lang]}${e.url ? ` (${e.url})` : ''}`).join('\n')}` });
  }
  // A reissued link (complaint/status-link.ts): say that the old one is gone.
  if (input.statusLink && notice.id === 'status-link') blocks.push({ paragraph: w.statusLinkNew });
  if (input.statusLink) blocks.push({ paragraph: f(w.statusLink, { link: input.statusLink }) });
  blocks.push({ paragraph: f(w.quoteReference, { reference: complaint.reference }) });
  const cited = notice.citation ? formatRule(regulation, notice.citation) : undefined;
  const rule = !cited ? '' : `\n${f(cited.statute ? w.followsFromStatute : w.followsFromArticle, { rule: cited.text })}`;
  const org = regulation.organisation;
  const footer = `${w.closing},\n${org.name}${org.website ? `\n${org.website}` : ''}${rule}`;
  const subject = `${subjectOf(notice.id, lang)} ${complaint.reference}`;
  return renderLetter(subject, blocks, footer);
}

/** A notice's subject: its own (letter.subject.<id>), or the general one. */
function subjectOf(id: string, lang: Language): string {
  return lookup(lang, `letter.subject.${id}`) ?? texts(lang).letter.subjectDefault;
}

function contentBlocks(item: LetterContent, input: ComposeInput, lang: Language): Block[] {
  const { regulation, complaint } = input;
  const { w, f } = wordsOf(lang);
  const date = (iso: string) => formatLongDate(iso, lang);
  const received = date(localDateOf(new Date(complaint.receivedAt), regulation.organisation.timeZone));
  const eventType = input.event?.type ?? input.eventType;
  const decision = complaint.objection?.decision && eventType === 'objection-decided' ? complaint.objection.decision : complaint.decision;
  switch (item) {
    case 'complaint-summary':
      if (!echoesFreeText(input)) {
        return [
          { paragraph: f(w.summaryLead, { date: received }) },
          {
            facts: [
              [w.fact.reference, complaint.reference],
              [w.fact.receivedOn, received],
            ],
          },
          { paragraph: input.statusLink ? w.textNotRepeatedLink : w.textNotRepeated },
        ];
      }
      return [
        { paragraph: f(w.summaryLead, { date: received }) },
        {
          facts: [
            [w.fact.reference, complaint.reference],
            [w.fact.receivedOn, received],
            [w.fact.complaint, defuseLinks(excerpt(complaint.description))],
          ],
        },
      ];
    case 'complaint-details': {
      const facts: Array<[string, string]> = [];
      if (complaint.occurredOn) facts.push([w.fact.occurredOn, date(complaint.occurredOn)]);
      // Place and circumstances are the complainant's own words: not to an address not yet shown to be theirs.
      if (echoesFreeText(input)) {
        if (complaint.place) facts.push([w.fact.place, defuseLinks(complaint.place)]);
        if (complaint.circumstances) facts.push([w.fact.circumstances, defuseLinks(complaint.circumstances)]);
      }
      return facts.length ? [{ facts }] : [];
    }
    case 'procedure': {
      const { name, website } = regulation.organisation;
      return [{ paragraph: website ? f(w.procedureWithWebsite, { organisation: name, website }) : f(w.procedure, { organisation: name }) }];
    }
    case 'next-steps': {
      const investigation = regulation.investigation;
      const by = investigation ? roleLabel(regulation, investigation.by, lang) : roleLabel(regulation, 'coordinator', lang);
      const sentences = [f(w.investigatedBy, { by: by.toLowerCase() }), investigation?.contactComplainant ? w.weContactYou : '', investigation?.hearBothSides ? w.weHearBoth : ''];
      return [{ paragraph: sentences.filter(Boolean).join(' ') }];
    }
    case 'expected-term': {
      const later = complaint.milestones.filter((m) => isLive(m) && !isMetBy(definitionOf(regulation, m), 'acknowledged'));
      if (!later.length) return [];
      const hard = later.filter((m) => m.kind !== 'target');
      const target = later.filter((m) => m.kind === 'target');
      const fact = (m: MilestoneState): [string, string] => [m.label[lang], `${date(m.due)} (${m.citation})`];
      return [
        ...(hard.length ? ([{ paragraph: w.expectedHard }, { facts: hard.map(fact) }] as Block[]) : []),
        ...(target.length ? ([{ paragraph: w.expectedTarget }, { facts: target.map(fact) }] as Block[]) : []),
      ];
    }
    case 'handler-name': {
      const handler = complaint.handler;
      if (!handler) return [];
      return [{ paragraph: handler.function ? f(w.handlerWithFunction, { name: handler.name, function: handler.function }) : f(w.handler, { name: handler.name }) }];
    }
    case 'authorisation-request': {
      if (complaint.representative?.authorisation !== 'required') return [];
      // Asked for on request: the term the regulation gives for it, and what follows when it does not come.
      const term = complaint.milestones.find((m) => isLive(m) && isMetBy(definitionOf(regulation, m), 'authorisation-received'));
      const whenMissing = regulation.representation?.whenMissing?.[lang];
      const sentences = [
        w.authorisationAsk,
        term ? f(w.authorisationBy, { date: date(term.due), rule: ref(regulation, term.citation) }) : '',
        regulation.representation?.pausesClock ? w.authorisationClock : '',
      ];
      return [{ paragraph: sentences.filter(Boolean).join(' ') + (term && whenMissing ? `\n${whenMissing}` : '') }];
    }
    case 'outcome':
      return decision ? [{ facts: [[w.fact.outcome, outcomeLabel(regulation, decision.outcome, lang)]] }] : [];
    case 'reasons':
      return [...(decision?.reasoning ? [{ paragraph: `${w.reasons}:\n${decision.reasoning}` }] : []), ...adviceBlocks(input, decision, lang)];
    case 'improvements':
      return decision?.improvements ? [{ paragraph: `${w.improvements}:\n${decision.improvements}` }] : [];
    case 'remedy-offer': {
      const remedies = (decision?.remedies ?? []).map((id) => regulation.resolution?.remedies.find((r) => r.id === id)?.label[lang] ?? id);
      const offer = decision?.outcome === 'offer' && decision.reasoning ? [{ paragraph: decision.reasoning } as Block] : [];
      return [...offer, ...(remedies.length ? [{ facts: [[w.fact.weOffer, remedies.join(', ')]] as Array<[string, string]> } as Block] : [])];
    }
    case 'measures':
      return complaint.measureIds.length ? [{ paragraph: f(w.measures, { measures: complaint.measureIds }) }] : [];
    case 'objection-window': {
      const until = objectionDeadline(regulation, complaint);
      return until ? [{ paragraph: f(w.objectionWindow, { date: date(until) }) }] : [];
    }
    case 'objection-procedure': {
      const objection = regulation.objection;
      if (!objection) return [];
      const to = roleLabel(regulation, objection.to, lang).toLowerCase();
      const how = f(objection.inWriting ? w.objectionHowInWriting : w.objectionHow, { to });
      return [{ paragraph: `${how}${objection.hearing === 'invited' ? ` ${w.objectionInvited}` : ''} (${citationRef(objection.citation)})` }];
    }
    case 'external-body':
      return externalTierBlocks(input, lang);
    case 'measures-term':
      return decision?.measuresBy ? [{ paragraph: f(w.measuresTerm, { date: date(decision.measuresBy) }) }] : [];
    case 'external-window': {
      const facts = factsOf(regulation, complaint);
      // A tier's own window is printed with the tier (external-body).
      const withTier = new Set(
        tiersOf(regulation)
          .map((t) => t.window)
          .filter(Boolean),
      );
      return regulation.windows
        .filter((w) => (w.for === 'external-complaint' || w.for === 'appeal') && !withTier.has(w.id))
        .map((window) => ({ window, dates: windowDates(regulation, window, facts) }))
        .filter(({ dates }) => dates.closes !== undefined || dates.heldOpen)
        .map(({ window, dates }) => {
          const body = window.body ?? window.label[lang];
          const rule = citationRef(window.citation);
          return {
            paragraph: dates.heldOpen
              ? f(w.externalWindowOpen, { body, rule })
              : f(dates.closesProvisional ? w.externalWindowUntilProvisional : w.externalWindowUntil, { date: date(dates.closes!), body, rule }),
          };
        });
    }
    case 'referral': {
      // The referral as decided, with the address the ground gives for it.
      const decided = decision as { ground?: string; referral?: { nl: string; en: string } } | undefined;
      const ground = regulation.admissibility?.grounds.find((g) => g.id === decided?.ground);
      const referral = decided?.referral ?? ground?.referral?.label;
      const url = ground?.referral?.url;
      return referral ? [{ paragraph: f(w.referral, { body: `${referral[lang]}${url ? ` (${url})` : ''}` }) }] : [];
    }
    case 'not-taken-up-reason': {
      const groundId = (decision as { ground?: string } | undefined)?.ground;
      const ground = regulation.admissibility?.grounds.find((g) => g.id === groundId);
      // To the complainant "your complaint"; to staff (a referral inside the organisation) "the complaint".
      const lead = input.recipient === 'staff' ? w.notTakenUpStaff : w.notTakenUp;
      return [{ paragraph: `${lead}${ground ? `: ${ground.label[lang]} (${citationRef(ground.citation)})` : ''}.${decision?.reasoning ? `\n${decision.reasoning}` : ''}` }];
    }
    case 'hearing-invitation': {
      // About the objection when the letter goes with one; otherwise the hearing on the complaint itself.
      const aboutObjection = eventType !== undefined ? eventType.startsWith('objection-') : complaint.status === 'objection';
      if (aboutObjection) return [{ paragraph: regulation.objection?.hearing === 'invited' ? w.objectionReceivedInvited : w.objectionReceived }];
      const hearing = regulation.investigation?.hearing;
      return [{ paragraph: (hearing?.required === 'on-request' ? w.hearingOnRequest : w.hearingInvited) + (hearing ? ` (${citationRef(hearing.citation)})` : '') }];
    }
    case 'extension-reason': {
      const milestoneId = String(input.event?.data?.milestoneId ?? '');
      const milestone = complaint.milestones.find((m) => m.milestoneId === milestoneId);
      if (!milestone) return [];
      const withConsent = (milestone.extensions?.length ?? 0) > allowedWithoutConsentFor(regulation, milestone);
      return [
        {
          paragraph: [
            f(w.extended, { deadline: milestone.label[lang], date: date(milestone.due), rule: milestone.citation }),
            input.event?.reason ? f(w.reason, { reason: input.event.reason }) : '',
            withConsent ? w.extendedWithConsent : '',
          ]
            .filter(Boolean)
            .join('\n'),
        },
      ];
    }
    case 'consent': {
      const data = input.event?.data ?? {};
      const milestone = complaint.milestones.find((m) => m.milestoneId === String(data.milestoneId ?? ''));
      if (!milestone) return [];
      const how = texts(lang).consentForm[data.form === 'written' ? 'written' : 'oral'];
      return [{ paragraph: f(w.consent, { by: String(data.by), on: date(String(data.givenOn)), how, deadline: milestone.label[lang], due: date(milestone.due) }) }];
    }
    case 'delay-reason': {
      const expected = input.event?.data?.expectedOn;
      return [
        {
          paragraph: [w.delayed, input.event?.reason ? f(w.reason, { reason: input.event.reason }) : '', expected ? f(w.delayExpected, { date: date(String(expected)) }) : '']
            .filter(Boolean)
            .join('\n'),
        },
      ];
    }
    case 'progress-update': {
      const text = input.event?.data?.text;
      return text ? [{ paragraph: `${w.progress}:\n${String(text)}` }] : [];
    }
    case 'holding-response': {
      const expected = input.event?.data?.expectedOn;
      return [
        {
          paragraph: [w.holding, input.event?.reason ? f(w.holdingWhy, { reason: input.event.reason }) : '', expected ? f(w.holdingExpected, { date: date(String(expected)) }) : '']
            .filter(Boolean)
            .join('\n'),
        },
      ];
    }
    default:
      return [];
  }
}

/** Where an advisory body advised (resolution.advice): whether the decision follows its advice, and the reasons where it does not. */
function adviceBlocks(input: ComposeInput, decision: ComplaintRecord['decision'], lang: Language): Block[] {
  const advice = input.regulation.resolution?.advice;
  const given = decision?.advice;
  if (!advice || !given) return [];
  const { w, f } = wordsOf(lang);
  const by = roleLabel(input.regulation, advice.by, lang).toLowerCase();
  if (given.followed) return [{ paragraph: f(w.adviceFollowed, { by }) }];
  return [{ paragraph: f(w.adviceDeviates, { by }) + (given.deviation ? `\n${given.deviation}` : '') }];
}

/** The advice itself goes with the letter that reports the decision, where the regulation says so (encloseAdvice). */
function adviceEnclosure(input: ComposeInput): Array<{ label: { nl: string; en: string }; url?: string }> {
  const advice = input.regulation.resolution?.advice;
  const eventType = input.event?.type ?? input.eventType;
  if (!advice?.encloseAdvice || eventType !== 'ruling-sent' || !input.complaint.decision?.advice) return [];
  const of = (lang: Language) => format(texts(lang).letter.adviceEnclosure, { by: roleLabel(input.regulation, advice.by, lang).toLowerCase() }, lang);
  return [{ label: { nl: of('nl'), en: of('en') } }];
}

/** A rule as people read it: the statute's name where it comes from one. */
function ref(regulation: Regulation, article: string): string {
  return formatRule(regulation, article).text;
}

/**
 * The next stage(s) after the one this letter ends: who, how to reach them, the date the window
 * closes, cost, what kind of decision and any limits. A letter that ends no stage (a holding
 * response) names them as they stand after the answer.
 */
function externalTierBlocks(input: ComposeInput, lang: Language): Block[] {
  const { regulation, complaint } = input;
  const eventType = input.event?.type ?? input.eventType;
  // A referral while the complaint was still open (a tier it may go to directly) ends no answer: it names what is open directly.
  const direct = eventType === 'external-referral-given' && !ANSWERS.some((e) => complaint.happened[e]);
  const ended = direct ? 'missed-term' : (stageEndedBy(eventType) ?? 'answer');
  const tiers = nextTiers(regulation, factsOf(regulation, complaint), ended);
  const lead = ended !== 'missed-term' ? undefined : direct ? 'direct' : 'missed';
  return tiers.map((next, i) => ({ paragraph: tierParagraph(input, next, i === 0, lang, lead) }));
}

/** Events that answer the complaint (or end it without an answer on the merits). */
const ANSWERS = ['ruling-sent', 'offer-made', 'resolved', 'not-taken-up', 'objection-decided'] as const;

/**
 * One tier: who, how to reach them, the date its window closes, when it may be used directly,
 * cost, what kind of decision, limits, and whose consent it takes. `lead`: the letter tells of a
 * missed term ('missed'), or of a referral before any answer ('direct').
 */
function tierParagraph(input: ComposeInput, next: NextTier, first: boolean, lang: Language, lead?: 'missed' | 'direct'): string {
  const { complaint } = input;
  const { w: letter, f } = wordsOf(lang);
  const w = letter.tier;
  const { tier, window } = next;
  const options = tier.chosen?.options.map((o) => (lang === 'nl' ? o[0]! : o[1]!)) ?? [];
  const name = tier.chosen
    ? (complaint.externalReferral?.body ?? (options.length ? `${options.slice(0, -1).join(', ')}${options.length > 1 ? ` ${letter.or} ` : ''}${options.at(-1)}` : w.unnamedBody))
    : tier.body.name;
  const contact = [tier.body.website, tier.body.email].filter(Boolean).join(', ');
  const body = `${name}${contact ? ` (${contact})` : ''}`;
  const opening = lead === 'missed' && first ? w.missed : lead === 'direct' && first ? w.direct : next.afterObjection ? w.afterObjection : first ? w.first : w.also;
  const sentences: string[] = [f(opening, { body })];
  if (tier.body.description) sentences.push(asSentence(tier.body.description[lang]));
  // Other circumstances in which it may be used directly, in the file's words ("ook als ...", "also when ...").
  const special = tier.opens.specialCircumstances?.[lang].trim().replace(/[.!?]$/, '');
  if (special) sentences.push(f(w.special, { circumstances: special }));
  if (window?.heldOpen) sentences.push(w.noTimeLimit);
  else if (window?.closes) {
    sentences.push(f(window.closesProvisional ? w.untilProvisional : w.until, { date: formatLongDate(window.closes, lang), rule: citationRef(window.citation) }));
  }
  if (tier.fee) sentences.push(feeSentence(tier.fee, lang));
  if (tier.decision) sentences.push(w.decision[tier.decision]);
  if (tier.minimumAmount) sentences.push(f(w.minimum, { amount: money(tier.minimumAmount, lang) }));
  if (tier.awardCap) sentences.push(f(w.awardCap, { amount: money(tier.awardCap, lang) }));
  // Whose agreement it takes at that time, then what follows when it is not given.
  if (tier.consent) sentences.push(w.consent[tier.consent.required]);
  if (tier.consent?.fallback) sentences.push(tier.consent.fallback[lang]);
  return `${sentences.join(' ')} (${citationRef(tier.citation)})`;
}

/** A phrase from a file as a sentence: a capital first, a full stop last. */
function asSentence(phrase: string): string {
  const trimmed = phrase.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function money(amount: { amount: number; currency: string }, lang: Language): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: amount.currency, minimumFractionDigits: Number.isInteger(amount.amount) ? 0 : 2 }).format(
    amount.amount,
  );
}

function feeSentence(fee: NonNullable<NextTier['tier']['fee']>, lang: Language): string {
  const { w, f } = wordsOf(lang);
  if (fee.amount.amount === 0) return w.tier.free;
  const template = fee.refund === 'if-upheld' ? w.tier.feeRefundedIfUpheld : fee.refund === 'partly' ? w.tier.feePartlyRefunded : w.tier.fee;
  return `${f(template, { amount: money(fee.amount, lang) })}${fee.note ? ` ${fee.note[lang]}` : ''}`;
}

function allowedWithoutConsentFor(regulation: Regulation, milestone: MilestoneState | undefined): number {
  const definition = milestone && definitionOf(regulation, milestone);
  return definition ? allowedWithoutConsent(definition) : Number.POSITIVE_INFINITY;
}

/** An outcome in words: the regulation's own, else the vocabulary's (outcome.<id>). */
function outcomeLabel(regulation: Regulation, outcome: string, lang: Language): string {
  return regulation.outcomes.find((o) => o.id === outcome)?.label?.[lang] ?? label(lang, 'outcome', outcome);
}

/**
 * Whether a letter may repeat what the complainant wrote (the description, place, circumstances,
 * the name as given). Anyone can type any address into the public form, so the letters the
 * registration causes (the acknowledgement, before any letter has reached the address) carry only
 * the reference, the dates and the link: the form cannot be used to send someone else a text of
 * one's choosing. Later letters follow a staff step, after the acknowledgement went out; they
 * repeat the text unless the address bounced or reported our mail as spam. A complaint staff
 * registered (by phone, by letter) has an address the complainant gave them, and staff get
 * everything.
 */
export function echoesFreeText(input: Pick<ComposeInput, 'complaint' | 'recipient' | 'event' | 'eventType'>): boolean {
  const { complaint } = input;
  if (input.recipient !== 'complainant') return true;
  if (complaint.complainant.emailProblem) return false;
  const by = complaint.registeredBy ?? 'complainant';
  const fromPublic = by === 'complainant' || by.startsWith('api:');
  return !fromPublic || (input.event?.type ?? input.eventType) !== 'registered';
}

/**
 * Links in the complainant's words, repeated in a letter, made unclickable (mail programs link
 * `https://...` and `www....` by themselves): `https[:]//`, `www[.]`. They stay readable.
 */
export function defuseLinks(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]{1,20}):\/\//gi, '$1[:]//').replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}[.]`);
}

function excerpt(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
