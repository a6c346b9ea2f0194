/**
 * The fixed words a regulation file is written in: the events of a complaint's life, the
 * outcomes, the intake channels and the items a letter can contain. Everything else in a
 * regulation (roles, categories, milestones, remedies, ...) is named by the tenant.
 *
 * The runtime records events with these names; a milestone is anchored on one and met by one.
 */

/** Events in the life of a complaint, in roughly the order they happen. */
export const EVENTS = {
  received: { nl: 'klacht ontvangen', en: 'complaint received' },
  registered: { nl: 'klacht geregistreerd', en: 'complaint registered' },
  'coordinator-notified': { nl: 'coördinator op de hoogte gesteld', en: 'coordinator notified' },
  'subject-notified': { nl: 'betrokken medewerker op de hoogte gesteld', en: 'staff member concerned notified' },
  acknowledged: { nl: 'ontvangst bevestigd', en: 'receipt acknowledged' },
  assigned: { nl: 'afhandelaar aangewezen', en: 'handler assigned' },
  contacted: { nl: 'contact met de klager gehad', en: 'complainant contacted' },
  'authorisation-requested': { nl: 'machtiging gevraagd', en: 'authorisation requested' },
  'authorisation-received': { nl: 'machtiging ontvangen', en: 'authorisation received' },
  'not-taken-up': { nl: 'besloten de klacht niet in behandeling te nemen', en: 'decided not to take the complaint up' },
  'not-taken-up-notified': { nl: 'klager bericht dat de klacht niet in behandeling wordt genomen', en: 'complainant told the complaint is not taken up' },
  referred: { nl: 'doorverwezen', en: 'referred elsewhere' },
  'subject-heard': { nl: 'betrokkene gehoord (wederhoor)', en: 'person concerned heard' },
  'hearing-held': { nl: 'klager gehoord', en: 'complainant heard' },
  'hearing-dispensed': { nl: 'afgezien van het horen, met reden', en: 'hearing dispensed with, with its reason' },
  'offer-made': { nl: 'aanbod gedaan', en: 'offer made' },
  'satisfaction-checked': { nl: 'tevredenheid gepeild', en: 'satisfaction checked' },
  'actions-recorded': { nl: 'acties en resultaat vastgelegd', en: 'actions and result recorded' },
  'extension-notified': { nl: 'verlenging meegedeeld', en: 'extension notified' },
  'extension-consent-recorded': { nl: 'instemming met verdere verlenging vastgelegd', en: 'consent to a further extension recorded' },
  'delay-known': { nl: 'vertraging bekend', en: 'delay became known' },
  'delay-notified': { nl: 'vertraging meegedeeld, met reden en verwachte datum', en: 'delay notified, with reason and expected date' },
  'progress-update-sent': { nl: 'voortgangsbericht verstuurd', en: 'progress update sent' },
  'holding-response-sent': { nl: 'tussenbericht verstuurd', en: 'holding response sent' },
  'stated-date-recorded': { nl: 'datum vastgelegd', en: 'date recorded' },
  'target-missed': { nl: 'streeftermijn niet gehaald', en: 'target missed' },
  resolved: { nl: 'klacht opgelost', en: 'complaint resolved' },
  'ruling-sent': { nl: 'schriftelijke uitspraak verstuurd', en: 'written decision sent' },
  'report-sent': { nl: 'verslag verstuurd', en: 'report sent' },
  'measures-recorded': { nl: 'maatregelen vastgelegd', en: 'measures recorded' },
  'signed-off': { nl: 'afhandeling getekend', en: 'handling signed off' },
  'objection-received': { nl: 'bezwaar ontvangen', en: 'objection received' },
  'objection-hearing-held': { nl: 'bezwaar mondeling toegelicht', en: 'objection hearing held' },
  'objection-decided': { nl: 'beslist op bezwaar', en: 'objection decided' },
  'external-referral-given': { nl: 'externe instantie genoemd', en: 'external body named' },
  withdrawn: { nl: 'klacht ingetrokken', en: 'complaint withdrawn' },
  closed: { nl: 'klacht afgesloten', en: 'complaint closed' },
  archived: { nl: 'dossier gearchiveerd', en: 'file archived' },
} as const satisfies Record<string, { nl: string; en: string }>;

export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as [EventName, ...EventName[]];

/** Events that only happen once an objection is lodged: a milestone on them needs an `objection:` stage. */
export const OBJECTION_EVENTS: readonly EventName[] = ['objection-received', 'objection-hearing-held', 'objection-decided'];

/** How a complaint can end. */
export const OUTCOMES = {
  founded: { nl: 'gegrond', en: 'founded' },
  'partly-founded': { nl: 'deels gegrond', en: 'partly founded' },
  unfounded: { nl: 'ongegrond', en: 'unfounded' },
  'not-admissible': { nl: 'niet ontvankelijk', en: 'not admissible' },
  withdrawn: { nl: 'ingetrokken', en: 'withdrawn' },
  'resolved-informally': { nl: 'informeel opgelost', en: 'resolved informally' },
} as const satisfies Record<string, { nl: string; en: string }>;

export type OutcomeId = keyof typeof OUTCOMES;
export const OUTCOME_IDS = Object.keys(OUTCOMES) as [OutcomeId, ...OutcomeId[]];

/** Ways a complaint comes in; `mode` is the oral/written classification each implies by default. */
export const CHANNEL_KINDS = {
  'web-form': { mode: 'written', nl: 'webformulier', en: 'web form' },
  email: { mode: 'written', nl: 'e-mail', en: 'e-mail' },
  letter: { mode: 'written', nl: 'brief (post)', en: 'letter (post)' },
  phone: { mode: 'oral', nl: 'telefoon', en: 'phone' },
  'in-person': { mode: 'oral', nl: 'mondeling, persoonlijk', en: 'in person' },
  'external-site': { mode: 'written', nl: 'onafhankelijke website', en: 'independent website' },
} as const satisfies Record<string, { mode: 'written' | 'oral'; nl: string; en: string }>;

export type ChannelKind = keyof typeof CHANNEL_KINDS;
export const CHANNEL_KIND_IDS = Object.keys(CHANNEL_KINDS) as [ChannelKind, ...ChannelKind[]];
export const MODES = ['written', 'oral'] as const;
export type Mode = (typeof MODES)[number];

/**
 * What a notice (letter, e-mail, message) can contain, in a letter's natural order; the letter
 * templates (letters/compose.ts) render each. Ids only: what each means is in docs/regulation-format.md.
 */
export const LETTER_CONTENT_IDS = [
  'complaint-summary', // short description of the complaint
  'complaint-details', // date, place and special circumstances
  'procedure', // the complaint procedure
  'next-steps', // how the complaint will be handled
  'expected-term', // when handling is expected to finish
  'handler-name', // name and function of the handler
  'authorisation-request', // request for a signed authorisation
  'outcome', // the outcome (founded, partly founded, unfounded)
  'reasons', // the reasons for the outcome
  // A refusal gives its reason, then where to go instead, before any external body.
  'not-taken-up-reason', // why the complaint is not taken up
  'referral', // the referral (where the complainant can go instead)
  'improvements', // solutions and improvements
  'remedy-offer', // the offer (correction, compensation, replacement service)
  'measures', // the measures taken
  'objection-window', // the period for an objection
  'objection-procedure', // how to object
  'external-body', // the external body
  'hearing-invitation', // invitation to explain in person
  'extension-reason', // reason and new date of the extension
  'delay-reason', // reason for the delay and the expected date
  'progress-update', // the progress so far
  'holding-response', // why there is no final response yet and when to expect it
  'consent', // the complainant's recorded consent
  'measures-term', // the term within which the measures will be carried out
  'external-window', // until when the complainant can go to the external body
] as const;
export type LetterContent = (typeof LETTER_CONTENT_IDS)[number];

/** People a role rule can exclude: the handler is never the one the complaint is about, etc. */
export const INVOLVEMENTS = {
  subject: { nl: 'de medewerker tegen wie de klacht is gericht', en: 'the staff member the complaint is about' },
  'service-provider': { nl: 'de medewerker die de dienst heeft verleend', en: 'the staff member who delivered the service' },
  'subject-colleague': { nl: 'een directe collega van de betrokken medewerker', en: 'a direct colleague of the staff member concerned' },
} as const satisfies Record<string, { nl: string; en: string }>;

export type Involvement = keyof typeof INVOLVEMENTS;
export const INVOLVEMENT_IDS = Object.keys(INVOLVEMENTS) as [Involvement, ...Involvement[]];

/** The party outside the organisation's roles that notices and windows can name. */
export const COMPLAINANT = 'complainant';

/**
 * Stated dates every complaint can carry without the regulation declaring them: the complaint
 * form asks when it happened. Others (when the complainant learned of it, the date of an outside
 * decision) are declared in the regulation's `statedDates`.
 */
export const BUILT_IN_STATED_DATES = {
  'occurred-on': { nl: 'datum van het voorval', en: 'date of the event' },
} as const satisfies Record<string, { nl: string; en: string }>;

/**
 * Anchors a period can be counted from: an event (`received`), a date someone stated
 * (`stated:learned-on`), or the moment another milestone was missed (`missed:final-response`).
 */
export type AnchorRef = string;
export const STATED_PREFIX = 'stated:';
export const MISSED_PREFIX = 'missed:';

export type ParsedAnchor = { kind: 'event'; event: string } | { kind: 'stated'; id: string } | { kind: 'missed'; milestone: string };

export function parseAnchor(anchor: AnchorRef): ParsedAnchor {
  if (anchor.startsWith(STATED_PREFIX)) return { kind: 'stated', id: anchor.slice(STATED_PREFIX.length) };
  if (anchor.startsWith(MISSED_PREFIX)) return { kind: 'missed', milestone: anchor.slice(MISSED_PREFIX.length) };
  return { kind: 'event', event: anchor };
}
