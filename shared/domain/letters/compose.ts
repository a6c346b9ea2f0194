/**
 * Composes a notice from the items the regulation says it must contain, in the recipient's
 * language: the complainant's choice, or the organisation's first language for staff. Every
 * letter ends with the rule it fulfils.
 */
import type { Regulation } from '../regulation/index.ts';
import { isMetBy, roleLabel, windowDates } from '../regulation/milestones.ts';
import { OUTCOMES, type LetterContent } from '../regulation/vocabulary.ts';
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

const SUBJECTS: Record<string, Record<Language, string>> = {
  acknowledgement: { nl: 'Ontvangstbevestiging van uw klacht', en: 'Acknowledgement of your complaint' },
  'procedure-information': { nl: 'Ontvangstbevestiging van uw klacht', en: 'Acknowledgement of your complaint' },
  'coordinator-notice': { nl: 'Nieuwe klacht', en: 'New complaint' },
  'supervisor-notice': { nl: 'Nieuwe klacht', en: 'New complaint' },
  'staff-notice': { nl: 'Klacht over uw dienstverlening', en: 'A complaint about your service' },
  assignment: { nl: 'Klacht aan u toegewezen', en: 'Complaint assigned to you' },
  'not-taken-up': { nl: 'Uw klacht wordt niet in behandeling genomen', en: 'Your complaint will not be taken up' },
  referral: { nl: 'Uw klacht wordt niet in behandeling genomen', en: 'Your complaint will not be taken up' },
  routing: { nl: 'Klacht voor u', en: 'A complaint for you' },
  'internal-referral': { nl: 'Klacht naar u doorverwezen', en: 'A complaint referred to you' },
  'authorisation-request': { nl: 'Verzoek om een machtiging voor uw klacht', en: 'Request for an authorisation for your complaint' },
  'missed-term': { nl: 'De termijn voor uw klacht is verstreken', en: 'The period for your complaint has passed' },
  offer: { nl: 'Ons voorstel naar aanleiding van uw klacht', en: 'Our offer regarding your complaint' },
  'offer-confirmation': { nl: 'Bevestiging van ons voorstel', en: 'Confirmation of our offer' },
  ruling: { nl: 'Uitspraak op uw klacht', en: 'Decision on your complaint' },
  'written-answer': { nl: 'Uitspraak op uw klacht', en: 'Decision on your complaint' },
  decision: { nl: 'Uitspraak op uw klacht', en: 'Decision on your complaint' },
  extension: { nl: 'Verlenging van de termijn voor uw klacht', en: 'Extension of the period for your complaint' },
  'consent-confirmation': { nl: 'Bevestiging van uw instemming met verlenging', en: 'Confirmation of your consent to an extension' },
  'delay-notice': { nl: 'Vertraging in de behandeling van uw klacht', en: 'Delay in handling your complaint' },
  'progress-update': { nl: 'Voortgang van uw klacht', en: 'Progress of your complaint' },
  'holding-response': { nl: 'Tussenbericht over uw klacht', en: 'Holding response on your complaint' },
  'objection-receipt': { nl: 'Ontvangst van uw bezwaar', en: 'Receipt of your objection' },
  'objection-hearing-invitation': { nl: 'Ontvangst van uw bezwaar en uitnodiging', en: 'Receipt of your objection and invitation' },
  'objection-decision': { nl: 'Beslissing op uw bezwaar', en: 'Decision on your objection' },
  'external-referral': { nl: 'Externe klachteninstantie', en: 'External complaints body' },
  'external-party': { nl: 'Externe klachteninstantie', en: 'External complaints body' },
  'final-report': { nl: 'Afronding van uw klacht', en: 'Your complaint has been concluded' },
  report: { nl: 'Verslag van de afhandeling van uw klacht', en: 'Report on the handling of your complaint' },
  'complaint-form': { nl: 'Klachtformulier', en: 'Complaint form' },
};

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
  const nl = lang === 'nl';
  const greeting = recipient === 'complainant' ? (nl ? `Beste ${complaint.complainant.name},` : `Dear ${complaint.complainant.name},`) : (nl ? 'Beste collega,' : 'Dear colleague,');
  const blocks: Block[] = [{ paragraph: greeting }];
  for (const item of notice.contents) blocks.push(...contentBlocks(item, input, lang));
  // The regulation's own wording and enclosures, as it prescribes them.
  const own = notice.source === 'regulation' ? regulation.notices.find((n) => n.id === notice.id) : undefined;
  for (const paragraph of own?.paragraphs ?? []) blocks.push({ paragraph: paragraph[lang] });
  const enclosures = [...(own?.enclosures ?? []), ...adviceEnclosure(input)];
  if (enclosures.length) {
    blocks.push({ paragraph: `${nl ? 'Bijlagen' : 'Enclosed'}:\n${enclosures.map((e) => `- ${e.label[lang]}${e.url ? ` (${e.url})` : ''}`).join('\n')}` });
  }
  if (input.statusLink) {
    blocks.push({ paragraph: nl
      ? `Via deze persoonlijke link volgt u uw klacht, voegt u informatie toe en maakt u zo nodig bezwaar: ${input.statusLink}\nDeel deze link niet met anderen.`
      : `Follow your complaint, add information and, if need be, object through this personal link: ${input.statusLink}\nPlease do not share it.` });
  }
  blocks.push({ paragraph: nl ? `Vermeld bij contact over deze klacht het kenmerk ${complaint.reference}.` : `Please quote reference ${complaint.reference} when you contact us about this complaint.` });
  const cited = notice.citation ? formatRule(regulation, notice.citation) : undefined;
  const rule = !cited ? '' : cited.statute
    ? (nl ? `\nDeze brief volgt uit ${cited.text}.` : `\nThis letter follows from ${cited.text}.`)
    : (nl ? `\nDeze brief volgt uit ${cited.text} van de klachtenregeling.` : `\nThis letter follows from ${cited.text} of the complaints procedure.`);
  const org = regulation.organisation;
  const footer = `${nl ? 'Met vriendelijke groet' : 'Kind regards'},\n${org.name}${org.website ? `\n${org.website}` : ''}${rule}`;
  const subject = `${SUBJECTS[notice.id]?.[lang] ?? (nl ? 'Uw klacht' : 'Your complaint')} ${complaint.reference}`;
  return renderLetter(subject, blocks, footer);
}

function contentBlocks(item: LetterContent, input: ComposeInput, lang: Language): Block[] {
  const { regulation, complaint } = input;
  const nl = lang === 'nl';
  const date = (iso: string) => formatLongDate(iso, lang);
  const received = date(localDateOf(new Date(complaint.receivedAt), regulation.organisation.timeZone));
  const eventType = input.event?.type ?? input.eventType;
  const decision = complaint.objection?.decision && eventType === 'objection-decided' ? complaint.objection.decision : complaint.decision;
  switch (item) {
    case 'complaint-summary':
      return [
        { paragraph: nl ? `Het gaat om de klacht die wij op ${received} ontvingen.` : `This concerns the complaint we received on ${received}.` },
        { facts: [[nl ? 'Kenmerk' : 'Reference', complaint.reference], [nl ? 'Ontvangen op' : 'Received on', received], [nl ? 'Klacht' : 'Complaint', excerpt(complaint.description)]] },
      ];
    case 'complaint-details': {
      const facts: Array<[string, string]> = [];
      if (complaint.occurredOn) facts.push([nl ? 'Datum van het voorval' : 'Date of the event', date(complaint.occurredOn)]);
      if (complaint.place) facts.push([nl ? 'Plaats' : 'Place', complaint.place]);
      if (complaint.circumstances) facts.push([nl ? 'Omstandigheden' : 'Circumstances', complaint.circumstances]);
      return facts.length ? [{ facts }] : [];
    }
    case 'procedure':
      return [{ paragraph: nl
        ? `Wij behandelen uw klacht volgens de klachtenregeling van ${regulation.organisation.name}${regulation.organisation.website ? ` (${regulation.organisation.website})` : ''}.`
        : `We handle your complaint under the complaints procedure of ${regulation.organisation.name}${regulation.organisation.website ? ` (${regulation.organisation.website})` : ''}.` }];
    case 'next-steps': {
      const investigation = regulation.investigation;
      const hear = investigation?.hearBothSides ? (nl ? ' Wij horen u en de betrokken medewerker(s).' : ' We will hear you and the staff member(s) concerned.') : '';
      const contact = investigation?.contactComplainant ? (nl ? ' Wij nemen contact met u op voor een toelichting.' : ' We will contact you to hear more.') : '';
      const by = investigation ? roleLabel(regulation, investigation.by, lang) : roleLabel(regulation, 'coordinator', lang);
      return [{ paragraph: (nl ? `Uw klacht wordt onderzocht door: ${by.toLowerCase()}.` : `Your complaint will be investigated by: ${by.toLowerCase()}.`) + contact + hear }];
    }
    case 'expected-term': {
      const later = complaint.milestones.filter((m) => isLive(m) && !isMetBy(definitionOf(regulation, m), 'acknowledged'));
      if (!later.length) return [];
      const hard = later.filter((m) => m.kind !== 'target');
      const target = later.filter((m) => m.kind === 'target');
      const fact = (m: MilestoneState): [string, string] => [m.label[lang], `${date(m.due)} (${m.citation})`];
      return [
        ...(hard.length ? [{ paragraph: nl ? 'U hoort van ons uiterlijk op de volgende data:' : 'You will hear from us no later than these dates:' }, { facts: hard.map(fact) }] as Block[] : []),
        ...(target.length ? [{ paragraph: nl ? 'Wij streven ernaar u eerder te antwoorden, op:' : 'We aim to answer sooner, by:' }, { facts: target.map(fact) }] as Block[] : []),
      ];
    }
    case 'handler-name':
      return complaint.handler ? [{ paragraph: nl ? `Uw klacht wordt behandeld door ${complaint.handler.name}${complaint.handler.function ? `, ${complaint.handler.function}` : ''}.` : `Your complaint is handled by ${complaint.handler.name}${complaint.handler.function ? `, ${complaint.handler.function}` : ''}.` }] : [];
    case 'authorisation-request': {
      if (complaint.representative?.authorisation !== 'required') return [];
      // Asked for on request: the term the regulation gives for it, and what follows when it does not come.
      const term = complaint.milestones.find((m) => isLive(m) && isMetBy(definitionOf(regulation, m), 'authorisation-received'));
      const whenMissing = regulation.representation?.whenMissing?.[lang];
      return [{ paragraph: (nl
        ? `De klacht is namens iemand anders ingediend. Stuur ons een machtiging die is ondertekend door degene namens wie u klaagt.${term ? ` Stuur de machtiging uiterlijk ${date(term.due)} (${ref(regulation, term.citation)}).` : ''}${regulation.representation?.pausesClock ? ' De termijnen gaan lopen zodra wij die hebben ontvangen.' : ''}`
        : `The complaint was filed on someone else's behalf. Please send us an authorisation signed by the person you complain for.${term ? ` Please send it by ${date(term.due)} (${ref(regulation, term.citation)}).` : ''}${regulation.representation?.pausesClock ? ' The periods start once we have it.' : ''}`)
        + (term && whenMissing ? `\n${whenMissing}` : '') }];
    }
    case 'outcome':
      return decision ? [{ facts: [[nl ? 'Uitkomst' : 'Outcome', outcomeLabel(regulation, decision.outcome, lang)]] }] : [];
    case 'reasons':
      return [
        ...(decision?.reasoning ? [{ paragraph: `${nl ? 'Toelichting' : 'Reasons'}:\n${decision.reasoning}` }] : []),
        ...adviceBlocks(input, decision, lang),
      ];
    case 'improvements':
      return decision?.improvements ? [{ paragraph: `${nl ? 'Oplossingen en verbeteracties' : 'Solutions and improvements'}:\n${decision.improvements}` }] : [];
    case 'remedy-offer': {
      const remedies = (decision?.remedies ?? []).map((id) => regulation.resolution?.remedies.find((r) => r.id === id)?.label[lang] ?? id);
      const offer = decision?.outcome === 'offer' && decision.reasoning ? [{ paragraph: decision.reasoning } as Block] : [];
      return [...offer, ...(remedies.length ? [{ facts: [[nl ? 'Wij bieden' : 'We offer', remedies.join(', ')]] as Array<[string, string]> } as Block] : [])];
    }
    case 'measures':
      return complaint.measureIds.length ? [{ paragraph: nl ? `Naar aanleiding van uw klacht zijn maatregelen vastgelegd (${complaint.measureIds.join(', ')}).` : `Measures were recorded following your complaint (${complaint.measureIds.join(', ')}).` }] : [];
    case 'objection-window': {
      const until = objectionDeadline(regulation, complaint);
      return until ? [{ paragraph: nl ? `Bent u het niet eens met deze uitspraak, dan kunt u tot en met ${date(until)} bezwaar maken.` : `If you disagree with this decision, you can object until ${date(until)} inclusive.` }] : [];
    }
    case 'objection-procedure': {
      const objection = regulation.objection;
      if (!objection) return [];
      const to = roleLabel(regulation, objection.to, lang).toLowerCase();
      return [{ paragraph: nl
        ? `Maak bezwaar ${objection.inWriting ? 'schriftelijk ' : ''}bij de ${to}, via de persoonlijke link uit onze ontvangstbevestiging of per brief.${objection.hearing === 'invited' ? ' U wordt dan uitgenodigd uw bezwaar mondeling toe te lichten.' : ''} (${citationRef(objection.citation)})`
        : `Object ${objection.inWriting ? 'in writing ' : ''}to the ${to}, through the personal link in our acknowledgement or by letter.${objection.hearing === 'invited' ? ' You will be invited to explain your objection in person.' : ''} (${citationRef(objection.citation)})` }];
    }
    case 'external-body':
      return externalTierBlocks(input, lang);
    case 'measures-term':
      return decision?.measuresBy
        ? [{ paragraph: nl ? `De maatregelen worden uiterlijk ${date(decision.measuresBy)} gerealiseerd.` : `The measures will be carried out by ${date(decision.measuresBy)}.` }]
        : [];
    case 'external-window': {
      const facts = factsOf(regulation, complaint);
      // A tier's own window is printed with the tier (external-body).
      const withTier = new Set(tiersOf(regulation).map((t) => t.window).filter(Boolean));
      return regulation.windows
        .filter((w) => (w.for === 'external-complaint' || w.for === 'appeal') && !withTier.has(w.id))
        .map((w) => ({ window: w, dates: windowDates(regulation, w, facts) }))
        .filter(({ dates }) => dates.closes !== undefined || dates.heldOpen)
        .map(({ window, dates }) => ({ paragraph: dates.heldOpen
          ? (nl ? `U kunt zich zonder termijn wenden tot ${window.body ?? window.label.nl} (${citationRef(window.citation)}).` : `You can turn to ${window.body ?? window.label.en} without a time limit (${citationRef(window.citation)}).`)
          : (nl ? `U kunt zich tot en met ${date(dates.closes!)} wenden tot ${window.body ?? window.label.nl}${dates.closesProvisional ? ' (of later, als dat uit de regeling volgt)' : ''} (${citationRef(window.citation)}).`
            : `You can turn to ${window.body ?? window.label.en} until ${date(dates.closes!)} inclusive${dates.closesProvisional ? ' (or later, where the procedure says so)' : ''} (${citationRef(window.citation)}).`) }));
    }
    case 'referral': {
      // The referral as decided, with the address the ground gives for it.
      const decided = decision as { ground?: string; referral?: { nl: string; en: string } } | undefined;
      const ground = regulation.admissibility?.grounds.find((g) => g.id === decided?.ground);
      const label = decided?.referral ?? ground?.referral?.label;
      const url = ground?.referral?.url;
      return label ? [{ paragraph: `${nl ? 'U kunt terecht bij' : 'You can go to'}: ${label[lang]}${url ? ` (${url})` : ''}` }] : [];
    }
    case 'not-taken-up-reason': {
      const groundId = (decision as { ground?: string } | undefined)?.ground;
      const ground = regulation.admissibility?.grounds.find((g) => g.id === groundId);
      // To the complainant "your complaint"; to staff (a referral inside the organisation) "the complaint".
      const lead = input.recipient === 'staff'
        ? (nl ? 'De klacht wordt niet in behandeling genomen' : 'The complaint is not taken up')
        : (nl ? 'Wij nemen uw klacht niet in behandeling' : 'We will not take your complaint up');
      return [{ paragraph: `${lead}${ground ? `: ${ground.label[lang]} (${citationRef(ground.citation)})` : ''}.${decision?.reasoning ? `\n${decision.reasoning}` : ''}` }];
    }
    case 'hearing-invitation': {
      // About the objection when the letter goes with one; otherwise the hearing on the complaint itself.
      const aboutObjection = eventType !== undefined ? eventType.startsWith('objection-') : complaint.status === 'objection';
      if (aboutObjection) {
        return regulation.objection?.hearing === 'invited'
          ? [{ paragraph: nl ? 'Wij hebben uw bezwaar ontvangen. U wordt uitgenodigd om uw bezwaar mondeling toe te lichten; wij nemen contact met u op voor een afspraak.' : 'We have received your objection. You will be invited to explain it in person; we will contact you to make an appointment.' }]
          : [{ paragraph: nl ? 'Wij hebben uw bezwaar ontvangen en nemen het in behandeling.' : 'We have received your objection and will handle it.' }];
      }
      const hearing = regulation.investigation?.hearing;
      return [{ paragraph: hearing?.required === 'on-request'
        ? (nl ? 'Wilt u uw klacht mondeling toelichten, laat het ons dan weten; wij maken dan een afspraak met u.' : 'If you would like to explain your complaint in person, let us know and we will make an appointment with you.')
        : (nl ? 'Wij nodigen u uit om uw klacht mondeling toe te lichten; wij nemen contact met u op voor een afspraak.' : 'We invite you to explain your complaint in person; we will contact you to make an appointment.')
        + (hearing ? ` (${citationRef(hearing.citation)})` : '') }];
    }
    case 'extension-reason': {
      const milestoneId = String(input.event?.data?.milestoneId ?? '');
      const milestone = complaint.milestones.find((m) => m.milestoneId === milestoneId);
      const consent = (milestone?.extensions?.length ?? 0) > allowedWithoutConsentFor(regulation, milestone)
        ? (nl ? '\nDeze verdere verlenging is gegeven met uw instemming.' : '\nThis further extension was given with your consent.')
        : '';
      return milestone ? [{ paragraph: nl
        ? `De termijn "${milestone.label.nl}" is verlengd tot ${date(milestone.due)} (${milestone.citation}).${input.event?.reason ? `\nReden: ${input.event.reason}` : ''}${consent}`
        : `The period "${milestone.label.en}" has been extended to ${date(milestone.due)} (${milestone.citation}).${input.event?.reason ? `\nReason: ${input.event.reason}` : ''}${consent}` }] : [];
    }
    case 'consent': {
      const data = input.event?.data ?? {};
      const milestone = complaint.milestones.find((m) => m.milestoneId === String(data.milestoneId ?? ''));
      if (!milestone) return [];
      const form = data.form === 'written' ? (nl ? 'schriftelijk' : 'in writing') : (nl ? 'mondeling' : 'orally');
      return [{ paragraph: nl
        ? `Wij hebben vastgelegd dat ${String(data.by)} op ${date(String(data.givenOn))} ${form} heeft ingestemd met een verdere verlenging van de termijn "${milestone.label.nl}" (nu ${date(milestone.due)}).`
        : `We have recorded that ${String(data.by)} consented ${form} on ${date(String(data.givenOn))} to a further extension of the period "${milestone.label.en}" (now ${date(milestone.due)}).` }];
    }
    case 'delay-reason': {
      const expected = input.event?.data?.expectedOn;
      return [{ paragraph: nl
        ? `De behandeling van uw klacht loopt vertraging op.${input.event?.reason ? `\nReden: ${input.event.reason}` : ''}${expected ? `\nWij verwachten u uiterlijk ${date(String(expected))} te antwoorden.` : ''}`
        : `The handling of your complaint is delayed.${input.event?.reason ? `\nReason: ${input.event.reason}` : ''}${expected ? `\nWe expect to answer you by ${date(String(expected))}.` : ''}` }];
    }
    case 'progress-update': {
      const text = input.event?.data?.text;
      return text ? [{ paragraph: `${nl ? 'Stand van zaken' : 'Progress so far'}:\n${String(text)}` }] : [];
    }
    case 'holding-response': {
      const expected = input.event?.data?.expectedOn;
      return [{ paragraph: nl
        ? `Wij kunnen u nog geen eindantwoord geven.${input.event?.reason ? `\nWaarom: ${input.event.reason}` : ''}${expected ? `\nU krijgt ons eindantwoord naar verwachting uiterlijk ${date(String(expected))}.` : ''}`
        : `We cannot give you our final response yet.${input.event?.reason ? `\nWhy: ${input.event.reason}` : ''}${expected ? `\nWe expect to send our final response by ${date(String(expected))}.` : ''}` }];
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
  const by = roleLabel(input.regulation, advice.by, lang).toLowerCase();
  const nl = lang === 'nl';
  if (given.followed) return [{ paragraph: nl ? `Deze beslissing volgt het advies van de ${by}.` : `This decision follows the advice of the ${by}.` }];
  return [{ paragraph: (nl ? `Deze beslissing wijkt af van het advies van de ${by}. De redenen daarvoor:` : `This decision deviates from the advice of the ${by}. The reasons:`) + (given.deviation ? `\n${given.deviation}` : '') }];
}

/** The advice itself goes with the letter that reports the decision, where the regulation says so (encloseAdvice). */
function adviceEnclosure(input: ComposeInput): Array<{ label: { nl: string; en: string }; url?: string }> {
  const advice = input.regulation.resolution?.advice;
  const eventType = input.event?.type ?? input.eventType;
  if (!advice?.encloseAdvice || eventType !== 'ruling-sent' || !input.complaint.decision?.advice) return [];
  return [{ label: { nl: `Advies van de ${roleLabel(input.regulation, advice.by, 'nl').toLowerCase()}`, en: `Advice of the ${roleLabel(input.regulation, advice.by, 'en').toLowerCase()}` } }];
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
  const ended = direct ? 'missed-term' : stageEndedBy(eventType) ?? 'answer';
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
  const { regulation, complaint } = input;
  const nl = lang === 'nl';
  const { tier, window } = next;
  const options = tier.chosen?.options.map((o) => (nl ? o[0]! : o[1]!)) ?? [];
  const name = tier.chosen
    ? complaint.externalReferral?.body ?? (options.length ? `${options.slice(0, -1).join(', ')}${options.length > 1 ? (nl ? ' of ' : ' or ') : ''}${options.at(-1)}` : (nl ? 'de externe instantie die wij u noemen' : 'the external body we will name to you'))
    : tier.body.name;
  const contact = [tier.body.website, tier.body.email].filter(Boolean).join(', ');
  const reach = `${name}${contact ? ` (${contact})` : ''}`;
  const opening = lead === 'missed' && first
    ? (nl ? `De termijn waarbinnen wij op uw klacht moesten reageren is verstreken. U kunt daarom rechtstreeks terecht bij ${reach}.` : `The period within which we had to answer your complaint has passed. You can therefore turn directly to ${reach}.`)
    : lead === 'direct' && first
    ? (nl ? `U kunt zich rechtstreeks wenden tot ${reach}.` : `You can turn directly to ${reach}.`)
    : next.afterObjection
    ? (nl ? `Bent u ook na de behandeling van uw bezwaar niet tevreden, dan kunt u zich wenden tot ${reach}.` : `If you are still not satisfied after your objection has been dealt with, you can turn to ${reach}.`)
    : first
    ? (nl ? `Bent u niet tevreden, dan kunt u zich wenden tot ${reach}.` : `If you are not satisfied, you can turn to ${reach}.`)
    : (nl ? `Ook kunt u zich wenden tot ${reach}.` : `You can also turn to ${reach}.`);
  const sentences: string[] = [opening];
  if (tier.body.description) sentences.push(asSentence(tier.body.description[lang]));
  // Other circumstances in which it may be used directly, in the file's words ("ook als ...", "also when ...").
  const special = tier.opens.specialCircumstances?.[lang].trim().replace(/[.!?]$/, '');
  if (special) sentences.push(nl ? `Dat kan ${special}.` : `You can go there ${special}.`);
  if (window?.heldOpen) sentences.push(nl ? 'Daarvoor geldt geen termijn.' : 'No time limit applies.');
  else if (window?.closes) {
    const until = formatLongDate(window.closes, lang);
    sentences.push(nl
      ? `Dat kan tot en met ${until}${window.closesProvisional ? ' (of later, als dat uit de regeling volgt)' : ''} (${citationRef(window.citation)}).`
      : `You can do so until ${until} inclusive${window.closesProvisional ? ' (or later, where the procedure says so)' : ''} (${citationRef(window.citation)}).`);
  }
  if (tier.fee) sentences.push(feeSentence(tier.fee, lang));
  if (tier.decision) sentences.push(DECISION_KINDS[tier.decision][lang]);
  if (tier.minimumAmount) sentences.push(nl ? `Dat kan alleen bij een belang van ten minste ${money(tier.minimumAmount, lang)}.` : `Only where at least ${money(tier.minimumAmount, lang)} is at stake.`);
  if (tier.awardCap) sentences.push(nl ? `Er kan ten hoogste ${money(tier.awardCap, lang)} worden toegekend.` : `It can award at most ${money(tier.awardCap, lang)}.`);
  // Whose agreement it takes at that time, then what follows when it is not given.
  if (tier.consent) sentences.push(CONSENT_REQUIRED[tier.consent.required][lang]);
  if (tier.consent?.fallback) sentences.push(tier.consent.fallback[lang]);
  return `${sentences.join(' ')} (${citationRef(tier.citation)})`;
}

/** A phrase from a file as a sentence: a capital first, a full stop last. */
function asSentence(phrase: string): string {
  const trimmed = phrase.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const CONSENT_REQUIRED = {
  'both-parties': { nl: 'Beide partijen moeten er op dat moment mee instemmen.', en: 'Both parties must agree to it at that time.' },
  'organisation-bound-by-complainant': { nl: 'Daarvoor hoeft alleen u in te stemmen.', en: 'Only your agreement is needed.' },
} as const;

const DECISION_KINDS = {
  binding: { nl: 'De uitspraak is bindend.', en: 'Its decision is binding.' },
  'binding-for-organisation': { nl: 'De uitspraak is bindend voor ons.', en: 'Its decision binds us.' },
  advisory: { nl: 'De uitspraak is een advies.', en: 'Its decision is an advice.' },
  mediation: { nl: 'Daar wordt bemiddeld.', en: 'It mediates.' },
  report: { nl: 'Het onderzoek eindigt met een rapport.', en: 'Its investigation ends with a report.' },
} as const;

function money(amount: { amount: number; currency: string }, lang: Language): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: amount.currency, minimumFractionDigits: Number.isInteger(amount.amount) ? 0 : 2 }).format(amount.amount);
}

function feeSentence(fee: NonNullable<NextTier['tier']['fee']>, lang: Language): string {
  const nl = lang === 'nl';
  if (fee.amount.amount === 0) return nl ? 'Daar zijn geen kosten aan verbonden.' : 'It is free of charge.';
  const refund = fee.refund === 'if-upheld'
    ? (nl ? ', die u terugkrijgt als u in het gelijk wordt gesteld' : ', refunded if you are proved right')
    : fee.refund === 'partly' ? (nl ? ', die u deels terug kunt krijgen' : ', partly refundable') : '';
  return `${nl ? `De kosten zijn ${money(fee.amount, lang)}${refund}.` : `The fee is ${money(fee.amount, lang)}${refund}.`}${fee.note ? ` ${fee.note[lang]}` : ''}`;
}

function allowedWithoutConsentFor(regulation: Regulation, milestone: MilestoneState | undefined): number {
  const definition = milestone && definitionOf(regulation, milestone);
  return definition ? allowedWithoutConsent(definition) : Number.POSITIVE_INFINITY;
}

function outcomeLabel(regulation: Regulation, outcome: string, lang: Language): string {
  const custom = regulation.outcomes.find((o) => o.id === outcome)?.label?.[lang];
  if (custom) return custom;
  if (outcome === 'offer') return lang === 'nl' ? 'voorstel' : 'offer';
  return OUTCOMES[outcome as keyof typeof OUTCOMES]?.[lang] ?? outcome;
}

function excerpt(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
