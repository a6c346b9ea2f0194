/**
 * Which letters an event causes. The tenant's regulation lists its notices (who gets what, on
 * which event, with which contents, under which article); the product adds the letters every
 * procedure needs where the regulation is silent (the handler's assignment notice, the ruling
 * letter, the objection receipt, ...). A regulation notice for the same event and recipient
 * replaces the product's default. Each letter cites the rule it fulfils.
 */
import type { Regulation } from '../regulation/index.ts';
import { conditionHolds, isMetBy, roleContact } from '../regulation/milestones.ts';
import { definitionOf, factsOf } from '../complaint/events.ts';
import { nextTiers } from '../regulation/external-tiers.ts';
import { LETTER_CONTENT_IDS, type LetterContent } from '../regulation/vocabulary.ts';
import type { ComplaintRecord, NoticeSpec, OutboxEntry } from '../complaint/model.ts';
import type { ComplaintEvent } from '../complaint/events.ts';
import { citationRef, ruleRef } from '../regulation/citation.ts';
import { queuedEntry } from '../complaint/queue.ts';

export type { NoticeSpec } from '../complaint/model.ts';

/** Recipients: the complainant, a regulation role, or the handler assigned to the complaint. */
type Party = 'complainant' | 'handler' | string;

interface DefaultNotice {
  id: string;
  to: Party[];
  contents: LetterContent[];
  records?: string;
}

/** The product's letters per event, used where the regulation has no notice for that event and party. */
const DEFAULT_NOTICES: Record<string, DefaultNotice[]> = {
  registered: [
    { id: 'acknowledgement', to: ['complainant'], contents: ['complaint-summary', 'complaint-details', 'next-steps', 'expected-term'], records: 'acknowledged' },
    { id: 'coordinator-notice', to: ['coordinator'], contents: ['complaint-summary', 'expected-term'], records: 'coordinator-notified' },
  ],
  assigned: [{ id: 'assignment', to: ['handler'], contents: ['complaint-summary', 'expected-term'] }],
  'authorisation-requested': [{ id: 'authorisation-request', to: ['complainant'], contents: ['authorisation-request'] }],
  'not-taken-up': [{ id: 'not-taken-up', to: ['complainant'], contents: ['not-taken-up-reason', 'referral', 'external-body'], records: 'not-taken-up-notified' }],
  'offer-made': [{ id: 'offer', to: ['complainant'], contents: ['remedy-offer'] }],
  'ruling-sent': [{ id: 'ruling', to: ['complainant'], contents: ['outcome', 'reasons', 'remedy-offer', 'improvements', 'objection-window', 'objection-procedure', 'external-body'] }],
  'extension-notified': [{ id: 'extension', to: ['complainant'], contents: ['extension-reason'] }],
  'extension-consent-recorded': [{ id: 'consent-confirmation', to: ['complainant'], contents: ['consent'] }],
  'delay-notified': [{ id: 'delay-notice', to: ['complainant'], contents: ['delay-reason'] }],
  'progress-update-sent': [{ id: 'progress-update', to: ['complainant'], contents: ['progress-update', 'expected-term'] }],
  'holding-response-sent': [{ id: 'holding-response', to: ['complainant'], contents: ['holding-response', 'external-body'] }],
  'objection-received': [{ id: 'objection-receipt', to: ['complainant'], contents: ['hearing-invitation', 'expected-term'] }],
  'objection-decided': [{ id: 'objection-decision', to: ['complainant'], contents: ['outcome', 'reasons', 'external-body'] }],
  'external-referral-given': [{ id: 'external-referral', to: ['complainant'], contents: ['external-body'] }],
  closed: [{ id: 'final-report', to: ['complainant'], contents: ['complaint-summary', 'outcome', 'measures'], records: 'report-sent' }],
  // A coordinator reissued the private link (complaint/status-link.ts): the new link, and nothing else.
  'status-link-reissued': [{ id: 'status-link', to: ['complainant'], contents: [] }],
};

/** Events whose letter to the complainant carries the private status link (its token rides along until the letter is sent). */
const STATUS_LINK_EVENTS = new Set(['registered', 'status-link-reissued']);

/** Events whose letter to the complainant reports the decision on the complaint (its outcome's required contents go in). */
const DECISION_LETTER_EVENTS = new Set(['ruling-sent', 'not-taken-up']);

/** Events the system records itself when their letter goes out, so they can trigger from registration. */
const SENT_ON_REGISTRATION = new Set(['acknowledged', 'coordinator-notified', 'subject-notified']);

/**
 * Letters for an event, as outbox entries (one per recipient). `statusToken` rides along on the
 * complainant's acknowledgement (or the letter with a reissued link) only, until it is sent.
 */
export function noticeEntries(regulation: Regulation, complaint: ComplaintRecord, event: ComplaintEvent, now: Date, statusToken?: string): OutboxEntry[] {
  const createdAt = now.toISOString();
  const trigger = event.type === 'registered' ? ['registered', 'received'] : [event.type];
  const planned = new Map<string, { spec: NoticeSpec; party: Party }>();

  // An event a delivered letter recorded (the summary resolution recording ruling-sent) was told by that letter.
  const recordedByLetter = event.data?.letter !== undefined;
  for (const fallback of recordedByLetter ? [] : (DEFAULT_NOTICES[event.type] ?? [])) {
    for (const party of fallback.to) {
      planned.set(`default:${party}`, {
        spec: { id: fallback.id, source: 'product', contents: fallback.contents, ...(event.rule ? { citation: event.rule } : {}), ...(fallback.records ? { records: fallback.records } : {}) },
        party,
      });
    }
  }
  // An extension goes to whoever the milestone's policy names besides the complainant (Awb 9:11: the person complained about too).
  if (event.type === 'extension-notified') {
    const milestone = complaint.milestones.find((m) => m.milestoneId === event.data?.milestoneId);
    const definition = milestone && definitionOf(regulation, milestone);
    for (const party of definition?.extension?.notice.to ?? []) {
      if (party === 'complainant') continue;
      const citation = ruleRef(definition?.extension?.notice.citation) ?? event.rule;
      planned.set(`default:${party}`, { spec: { id: 'extension', source: 'product', contents: ['extension-reason'], ...(citation ? { citation } : {}) }, party });
    }
  }
  // A route that now applies tells its role (the data protection officer gets the privacy complaint).
  for (const routeId of event.routed ?? []) {
    const route = regulation.routing.find((r) => r.id === routeId);
    if (route)
      planned.set(`route:${route.id}`, { spec: { id: 'routing', source: 'product', contents: ['complaint-summary', 'expected-term'], citation: citationRef(route.citation) }, party: route.to });
  }
  // A refusal that refers the complaint inside the organisation (finance for billing) sends it there.
  const referredTo = event.type === 'not-taken-up' ? event.data?.referredTo : undefined;
  if (typeof referredTo === 'string') {
    planned.set(`referral:${referredTo}`, {
      spec: { id: 'internal-referral', source: 'product', contents: ['complaint-summary', 'not-taken-up-reason'], ...(event.rule ? { citation: event.rule } : {}) },
      party: referredTo,
    });
  }
  // A missed term that opens an external stage directly is told to the complainant, with where to go: once, by the miss that opened it.
  if (event.type === 'deadline-missed' && opensTierDirectly(regulation, complaint, String(event.data?.milestoneId ?? ''))) {
    // Cited from the milestone itself: the event carries its article only.
    const missed = complaint.milestones.find((m) => m.milestoneId === event.data?.milestoneId);
    const citation = ruleRef((missed && definitionOf(regulation, missed))?.citation) ?? event.rule;
    planned.set('missed:complainant', { spec: { id: 'missed-term', source: 'product', contents: ['external-body'], ...(citation ? { citation } : {}) }, party: 'complainant' });
  }
  for (const notice of regulation.notices) {
    const onTrigger = notice.trigger !== undefined && trigger.includes(notice.trigger) && event.data?.letter === undefined;
    // A notice without a trigger goes with the event it records (the ruling letter with 'ruling-sent'),
    // or at registration when the system records that event itself (the acknowledgement).
    // Never again for the event a delivered letter recorded itself.
    const withItsEvent =
      notice.trigger === undefined &&
      notice.records !== undefined &&
      !recordedByLetter &&
      (event.type === 'registered' ? SENT_ON_REGISTRATION.has(notice.records) : notice.records === event.type && !SENT_ON_REGISTRATION.has(notice.records));
    if (!onTrigger && !withItsEvent) continue;
    if (!notice.written && notice.optional) continue;
    const records = notice.records && notice.records !== event.type ? notice.records : undefined;
    for (const party of notice.to) {
      // The regulation's own notice replaces the product's default for that recipient; what the
      // default letter always carries (the acknowledgement's summary and dates, the ruling's
      // remedy and objection route) stays in, after what the regulation asks for.
      const fallback = planned.get(`default:${party}`)?.spec;
      planned.delete(`default:${party}`);
      // In the vocabulary's order, which is a letter's natural order (summary, details, dates, outcome, ...).
      const contents = [...new Set([...notice.contents, ...(fallback?.contents ?? [])])].sort((a, b) => LETTER_CONTENT_IDS.indexOf(a) - LETTER_CONTENT_IDS.indexOf(b));
      planned.set(`${notice.id}:${party}`, { spec: { id: notice.id, source: 'regulation', contents, citation: citationRef(notice.citation), ...(records ? { records } : {}) }, party });
    }
  }

  // The letter that tells the complainant a decision contains what the regulation requires for its outcome (outcomes[].requires).
  const outcome = DECISION_LETTER_EVENTS.has(event.type) ? (event.data?.decision as { outcome?: string } | undefined)?.outcome : undefined;
  const required = regulation.outcomes.find((o) => o.id === outcome)?.requires ?? [];
  if (required.length) {
    for (const plan of planned.values()) {
      if (plan.party !== 'complainant') continue;
      plan.spec = { ...plan.spec, contents: [...new Set([...plan.spec.contents, ...required])].sort((a, b) => LETTER_CONTENT_IDS.indexOf(a) - LETTER_CONTENT_IDS.indexOf(b)) };
    }
  }

  // The event a notice records is recorded once: with the complainant's copy, or the first one.
  const recorded = new Set<string>();
  const ordered = [...planned.values()].sort((a, b) => Number(b.party === 'complainant') - Number(a.party === 'complainant'));
  const entries: OutboxEntry[] = [];
  for (const { spec: planSpec, party } of ordered) {
    const { records: _records, ...withoutRecords } = planSpec;
    const first = planSpec.records !== undefined && !recorded.has(planSpec.records);
    if (planSpec.records) recorded.add(planSpec.records);
    const spec: NoticeSpec = first ? planSpec : withoutRecords;
    const to = addressOf(regulation, complaint, party);
    if (!to) continue;
    const meets = spec.records ? complaint.milestones.filter((m) => isMetBy(definitionOf(regulation, m), spec.records!)).map((m) => m.milestoneId) : [];
    entries.push(
      queuedEntry(
        complaint.reference,
        `mail-${spec.id}-${party}-v${event.seq}`.slice(0, 200),
        {
          kind: 'email',
          letter: 'notice',
          notice: spec,
          recipient: party === 'complainant' ? 'complainant' : 'staff',
          to,
          eventSeq: event.seq,
          eventType: event.type,
          ...(meets.length ? { meets } : {}),
          ...(statusToken && party === 'complainant' && STATUS_LINK_EVENTS.has(event.type) ? { statusToken } : {}),
        },
        createdAt,
      ),
    );
  }
  return entries;
}

/** Does this milestone's miss make a tier open directly (its `directlyWhen` holds now, and did not without this miss)? */
function opensTierDirectly(regulation: Regulation, complaint: ComplaintRecord, milestoneId: string): boolean {
  const facts = factsOf(regulation, complaint);
  const { [milestoneId]: _thisMiss, ...missedBefore } = facts.missed ?? {};
  const before = { ...facts, missed: missedBefore };
  return nextTiers(regulation, facts, 'missed-term').some(
    ({ tier }) => tier.opens.directlyWhen !== undefined && conditionHolds(regulation, tier.opens.directlyWhen, facts) && !conditionHolds(regulation, tier.opens.directlyWhen, before),
  );
}

function addressOf(regulation: Regulation, complaint: ComplaintRecord, party: Party): string | undefined {
  if (party === 'complainant') return complaint.complainant.email;
  if (party === 'handler') return complaint.handler?.email;
  const role = regulation.roles.find((r) => r.id === party);
  if (role?.assignment === 'per-complaint') {
    // The person recorded on the complaint for the role: the assigned handler, or the staff concerned.
    const assigns = regulation.roleRules.find((r) => r.rule === 'assigns');
    if (assigns?.rule === 'assigns' && assigns.assigns === party) return complaint.handler?.email;
    return complaint.involved[0]?.email;
  }
  return roleContact(regulation, party)?.email ?? (party === 'coordinator' ? undefined : roleContact(regulation, 'coordinator')?.email);
}
