/**
 * The fixed words a regulation file is written in: the events of a complaint's life, the
 * outcomes, the intake channels and the items a letter can contain. Everything else in a
 * regulation (roles, categories, milestones, remedies, ...) is named by the tenant. Ids only:
 * how they read, in Dutch and English, is in the text catalogue (shared/texts: `event.*`,
 * `outcome.*`, `channel.*`, `involvement.*`, `statedDate.*`).
 *
 * The runtime records events with these names; a milestone is anchored on one and met by one.
 */

/** Events in the life of a complaint, in roughly the order they happen (their words: `event.<id>` in shared/texts). */
export const EVENT_NAMES = [
  'received',
  'registered',
  'coordinator-notified',
  'subject-notified',
  'acknowledged',
  'assigned',
  'contacted',
  'authorisation-requested',
  'authorisation-received',
  'not-taken-up',
  'not-taken-up-notified',
  'referred',
  'subject-heard',
  'hearing-held',
  'hearing-dispensed',
  'offer-made',
  'satisfaction-checked',
  'actions-recorded',
  'extension-notified',
  'extension-consent-recorded',
  'delay-known',
  'delay-notified',
  'progress-update-sent',
  'holding-response-sent',
  'stated-date-recorded',
  'target-missed',
  'resolved',
  'ruling-sent',
  'report-sent',
  'measures-recorded',
  'signed-off',
  'objection-received',
  'objection-hearing-held',
  'objection-decided',
  'external-referral-given',
  'withdrawn',
  'closed',
  'archived',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Events that only happen once an objection is lodged: a milestone on them needs an `objection:` stage. */
export const OBJECTION_EVENTS: readonly EventName[] = ['objection-received', 'objection-hearing-held', 'objection-decided'];

/** How a complaint can end (their words: `outcome.<id>`). */
export const OUTCOME_IDS = ['founded', 'partly-founded', 'unfounded', 'not-admissible', 'withdrawn', 'resolved-informally'] as const;
export type OutcomeId = (typeof OUTCOME_IDS)[number];

/** Ways a complaint comes in (their words: `channel.<kind>`); `mode` is the oral/written classification each implies by default. */
export const CHANNEL_KINDS = {
  'web-form': { mode: 'written' },
  email: { mode: 'written' },
  letter: { mode: 'written' },
  phone: { mode: 'oral' },
  'in-person': { mode: 'oral' },
  'external-site': { mode: 'written' },
} as const satisfies Record<string, { mode: 'written' | 'oral' }>;

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

/** People a role rule can exclude: the handler is never the one the complaint is about, etc. (`involvement.<id>`). */
export const INVOLVEMENT_IDS = ['subject', 'service-provider', 'subject-colleague'] as const;
export type Involvement = (typeof INVOLVEMENT_IDS)[number];

/** The party outside the organisation's roles that notices and windows can name. */
export const COMPLAINANT = 'complainant';

/**
 * Stated dates every complaint can carry without the regulation declaring them: the complaint
 * form asks when it happened. Others (when the complainant learned of it, the date of an outside
 * decision) are declared in the regulation's `statedDates`.
 */
export const BUILT_IN_STATED_DATES = ['occurred-on'] as const;

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
