/**
 * Use cases: register a complaint, from the public form or by staff (phone, letter, in person).
 *
 * One transaction writes the complaint, its first event, its open milestones and the outbox
 * (acknowledgement, coordinator notice, one deadline-check schedule per milestone), so a
 * registered complaint never loses its letters or deadlines when SES or Scheduler is down:
 * the outbox drainer delivers them later.
 */
import { keyedSubjectHash } from '../privacy/subject.ts';
import { createHash } from 'node:crypto';
import type { Regulation } from '../regulation/index.ts';
import { versionInForce, type RegulationVersions } from '../regulation/versions.ts';
import { CHANNEL_KINDS } from '../regulation/vocabulary.ts';
import { localDateOf } from '../calendar/index.ts';
import { ConflictError, fieldProblem, InvalidInputError, RuleViolationError, type FieldProblem } from '../errors.ts';
import type { Clock, ComplaintStore, MailCaps, MailDomains, Metrics, ReferenceStore } from '../ports.ts';
import { registrationWrite, type EventPublication } from './complaint-write.ts';
import { checkMailDomains, takeMailCaps, type MailCapLimits } from './intake-mail.ts';
import type { ComplaintRecord, InvolvedStaff, NewComplaint, OutboxEntry } from './model.ts';
import { formatReference } from './reference.ts';
import { complaintSubmissionSchema, parseWith, staffIntakeSchema, systemSubmissionSchema, type ComplaintSubmission } from './submission.ts';
import { applyRoutes, openNewMilestones, registrationEvent } from './events.ts';
import { scheduleEntries } from './milestone-schedules.ts';
import { citationRef } from '../regulation/citation.ts';
import { retryWhileUnavailable } from '../retry-unavailable.ts';
import { noticeEntries } from '../letters/notices.ts';
import { searchTokensOf, type SearchKey } from './search.ts';
import { hashStatusToken, newStatusToken } from './status-link.ts';

export interface RegisterComplaintDeps extends EventPublication {
  register: Pick<ComplaintStore, 'register' | 'get' | 'findByIdempotencyKey'> & Pick<ReferenceStore, 'allocateSequence' | 'voidReference'>;
  clock: Clock;
  /** Every version: the complaint is registered under the one in force on the day it was received. */
  regulations: RegulationVersions;
  /** The tenant's search key: with it the complaint is written with its search tokens (search.ts), so staff can find it by name or address. */
  searchKey?: SearchKey;
  /** Counts each complaint registered (not a replay). */
  metrics?: Pick<Metrics, 'count'>;
  /** With it, an address whose domain cannot receive mail is refused (400) at intake (intake-mail.ts). */
  mailDomains?: MailDomains;
  /**
   * With them, the public intake (the form, an organisation's own system) counts each complaint
   * against the hourly mail caps, and refuses one over a cap (429). Staff intake is not capped.
   */
  mailCaps?: { counters: MailCaps; limits: MailCapLimits };
}

export interface RegisterComplaintRequest {
  body: unknown;
  idempotencyKey?: string;
  /** Sent by an organisation's own system with this API key (not by the complainant on the form). */
  apiKeyId?: string;
}

export interface RegistrationResult {
  complaint: ComplaintRecord;
  /** True when an earlier request with the same idempotency key already registered it. */
  replayed: boolean;
  /** The private status link's token: given once, at registration; only its hash is stored. */
  statusToken?: string;
}

interface Intake extends ComplaintSubmission {
  channel: string;
  mode: 'written' | 'oral';
  receivedAt: Date;
  registeredBy: string;
  involved: InvolvedStaff[];
  authorisationReceived: boolean;
}

/**
 * The public form: received now, on the regulation's web-form channel. From an organisation's
 * own system (an API key): registered by `api:<key id>`, on the channel it names (default the
 * web-form channel).
 */
export async function registerComplaint(deps: RegisterComplaintDeps, request: RegisterComplaintRequest): Promise<RegistrationResult> {
  const { channel: channelId, ...submission } = request.apiKeyId ? parseWith(systemSubmissionSchema, request.body) : { ...parseWith(complaintSubmissionSchema, request.body), channel: undefined };
  const receivedAt = deps.clock.now();
  const regulation = versionInForce(deps.regulations, receivedAt);
  const channels = regulation.intake.channels;
  const channel = channelId === undefined ? channels.find((c) => c.kind === 'web-form') : channels.find((c) => c.id === channelId);
  if (channelId !== undefined && !channel) {
    throw new InvalidInputError([fieldProblem('channel', 'invalid_value', { values: channels.map((c) => c.id) })]);
  }
  const intake: Intake = {
    ...submission,
    channel: channel?.id ?? 'web-form',
    mode: channelId !== undefined && channel ? (channel.mode ?? CHANNEL_KINDS[channel.kind].mode) : 'written',
    receivedAt,
    registeredBy: request.apiKeyId ? `api:${request.apiKeyId}` : 'complainant',
    involved: [],
    authorisationReceived: false,
  };
  const hashed = channelId === undefined ? submission : { ...submission, channel: channelId };
  return registerIntake(deps, regulation, intake, request.idempotencyKey ? { key: request.idempotencyKey, requestHash: hashRequest(hashed) } : undefined, deps.mailCaps);
}

/** Staff intake: the channel it came in on, oral or written, when it was received. */
export async function registerStaffIntake(deps: RegisterComplaintDeps, request: RegisterComplaintRequest & { staffEmail: string }): Promise<RegistrationResult> {
  const input = parseWith(staffIntakeSchema, request.body);
  const now = deps.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw new InvalidInputError([fieldProblem('receivedAt', 'in_future')]);
  // A letter received before a new version took effect is handled under the version of its day.
  const regulation = versionInForce(deps.regulations, receivedAt);
  const channel = regulation.intake.channels.find((c) => c.id === input.channel);
  if (!channel) {
    throw new InvalidInputError([fieldProblem('channel', 'invalid_value', { values: regulation.intake.channels.map((c) => c.id) })]);
  }
  const { representative, receivedAt: _r, channel: _c, mode, involved, ...rest } = input;
  const intake: Intake = {
    ...rest,
    ...(representative
      ? { representative: { name: representative.name, ...(representative.email ? { email: representative.email } : {}), ...(representative.kind ? { kind: representative.kind } : {}) } }
      : {}),
    channel: channel.id,
    mode: mode ?? channel.mode ?? CHANNEL_KINDS[channel.kind].mode,
    receivedAt,
    registeredBy: request.staffEmail,
    involved,
    authorisationReceived: representative?.authorisationReceived ?? false,
  };
  return registerIntake(deps, regulation, intake, request.idempotencyKey ? { key: request.idempotencyKey, requestHash: hashRequest(input) } : undefined);
}

async function registerIntake(
  deps: RegisterComplaintDeps,
  regulation: Regulation,
  intake: Intake,
  idempotency?: { key: string; requestHash: string },
  caps?: RegisterComplaintDeps['mailCaps'],
): Promise<RegistrationResult> {
  const { clock } = deps;
  checkIntakeAgainstRegulation(regulation, intake);
  // Two reads at once: an earlier registration under the idempotency key, and the address's mail
  // domain (only the complainant's address is mailed about the complaint itself: letters/notices.ts).
  const [replay, domain] = await Promise.allSettled([
    idempotency ? replayOf(deps.register, idempotency) : undefined,
    deps.mailDomains ? checkMailDomains(deps.mailDomains, [{ at: 'complainant.email', email: intake.complainant.email }]) : undefined,
  ]);
  // A replay answers as the first time did, whatever the domain's answer is now.
  if (replay.status === 'rejected') throw replay.reason;
  if (replay.value) return replay.value;
  if (domain.status === 'rejected') throw domain.reason;
  // Counted once the address is known to receive mail (a refused one leaves no trace in the counters)
  // and before the reference is allocated (a refusal spends no number). Given back when the registration fails.
  const giveBack = caps ? await takeMailCaps(caps.counters, caps.limits, [intake.complainant.email], clock.now()) : undefined;
  try {
    const result = await registerCounted(deps, regulation, intake, idempotency);
    // A concurrent request with the same key registered it (and counted it).
    if (result.replayed) await giveBack?.();
    return result;
  } catch (error) {
    await giveBack?.();
    throw error;
  }
}

async function registerCounted(deps: RegisterComplaintDeps, regulation: Regulation, intake: Intake, idempotency?: { key: string; requestHash: string }): Promise<RegistrationResult> {
  const { clock } = deps;
  const now = clock.now();
  const timeZone = regulation.organisation.timeZone;
  const year = Number(localDateOf(intake.receivedAt, timeZone).slice(0, 4));
  const reference = formatReference(year, await deps.register.allocateSequence(year));
  const statusToken = newStatusToken();

  const draft: ComplaintRecord = {
    reference,
    year,
    tenantId: regulation.id,
    regulationVersion: regulation.version,
    receivedAt: intake.receivedAt.toISOString(),
    channel: intake.channel,
    mode: intake.mode,
    registeredBy: intake.registeredBy,
    complainant: intake.complainant,
    ...(intake.complainantKind ? { complainantKind: intake.complainantKind } : {}),
    ...(intake.representative ? { representative: { ...intake.representative, authorisation: representationStatus(regulation, intake.representative.kind, intake.authorisationReceived) } } : {}),
    description: intake.description,
    ...(intake.occurredOn ? { occurredOn: intake.occurredOn } : {}),
    ...(intake.statedDates && Object.keys(intake.statedDates).length ? { statedDates: { ...intake.statedDates } } : {}),
    ...(intake.place ? { place: intake.place } : {}),
    ...(intake.circumstances ? { circumstances: intake.circumstances } : {}),
    categories: intake.categories,
    involved: intake.involved,
    signOffs: [],
    measureIds: [],
    happened: { received: intake.receivedAt.toISOString(), registered: now.toISOString(), ...(intake.authorisationReceived ? { 'authorisation-received': now.toISOString() } : {}) },
    statusTokenHash: hashStatusToken(statusToken),
    status: 'registered',
    milestones: [],
    version: 1,
  };
  // Routing by channel, kind or category given at intake applies from the start.
  applyRoutes(regulation, draft);
  const milestones = openNewMilestones(regulation, draft);
  const { version: _v, ...complaint } = { ...draft, milestones };

  const outbox = registrationOutbox(complaint, regulation, now, milestones, statusToken);
  try {
    // The subject's index key: keyed under the tenant's search key when intake has it (privacy/subject.ts).
    const subject = deps.searchKey && complaint.complainant.email ? keyedSubjectHash(deps.searchKey, complaint.complainant.email) : undefined;
    const record: ComplaintRecord = { ...complaint, version: 1 };
    await deps.register.register(
      registrationWrite(deps, record, outbox, { ...(idempotency ? { idempotency } : {}), searchTokens: searchTokensFor(deps.searchKey, complaint, outbox.length), ...(subject ? { subject } : {}) }),
    );
    deps.metrics?.count('ComplaintsRegistered');
    return { complaint: record, replayed: false, statusToken };
  } catch (error) {
    // The sequence number is spent either way; record why it has no complaint. When the register
    // is unreachable, wait for it a little: an unrecorded void is an unexplained gap.
    const reason = error instanceof ConflictError ? 'duplicate submission (same Idempotency-Key)' : `registration failed (${error instanceof Error ? error.message : 'unknown error'})`;
    await retryWhileUnavailable(() => deps.register.voidReference(reference, reason), VOID_BUDGET_MS).catch(() => undefined);
    if (error instanceof ConflictError && idempotency) {
      const replay = await replayOf(deps.register, idempotency);
      if (replay) return replay;
    }
    throw error;
  }
}

/**
 * The complaint's search tokens, as many as fit beside the rest of its registration in one
 * transaction (DynamoDB takes at most 100 items: the complaint, its event, its report line, status
 * link, idempotency key, a webhook entry, its outbox entries, the tokens and their list).
 */
function searchTokensFor(key: SearchKey | undefined, complaint: NewComplaint, outboxEntries: number): string[] | undefined {
  if (!key) return undefined;
  const room = 100 - (outboxEntries + 6) - 1;
  return searchTokensOf(key, complaint).slice(0, Math.max(0, room));
}

/** Within the intake function's time limit (10 s, infra/constructs/tenant-functions.ts). */
const VOID_BUDGET_MS = 6_000;

/** Whether an authorisation is outstanding at intake: always, for some kinds of representative, or (on request) not yet. */
function representationStatus(regulation: Regulation, kind: string | undefined, received: boolean): 'required' | 'received' | 'not-required' {
  const representation = regulation.representation;
  const needed = representation?.authorisation === 'always' || (representation?.authorisation === 'for-kinds' && (kind === undefined || representation.authorisationFor.includes(kind)));
  if (!needed) return received ? 'received' : 'not-required';
  return received ? 'received' : 'required';
}

function checkIntakeAgainstRegulation(regulation: Regulation, intake: Intake): void {
  const problems: FieldProblem[] = [];
  const known = new Map(regulation.categorySchemes.flatMap((scheme) => scheme.categories.map((c) => [c.id, scheme.id] as const)));
  intake.categories.forEach((id, i) => {
    if (!known.has(id))
      problems.push(
        known.size
          ? fieldProblem(`categories.${i}`, 'unknown_value', { value: id, known: [...known.keys()] }, 'error.field.unknownCategory')
          : fieldProblem(`categories.${i}`, 'unknown_value', { value: id }, 'error.field.unknownCategoryNone'),
      );
  });
  const today = localDateOf(intake.receivedAt, regulation.organisation.timeZone);
  // The form is the complainant's word; staff intake is staff's; an organisation's own system may carry either.
  const submitters: string[] = intake.registeredBy === 'complainant' ? ['complainant'] : intake.registeredBy.startsWith('api:') ? ['complainant', 'staff'] : ['staff'];
  for (const [id, date] of Object.entries(intake.statedDates ?? {})) {
    const declared = regulation.statedDates.find((d) => d.id === id);
    if (!declared) {
      const known = regulation.statedDates.map((d) => d.id);
      problems.push(
        known.length
          ? fieldProblem(`statedDates.${id}`, 'unknown_value', { value: id, known }, 'error.field.unknownStatedDate')
          : fieldProblem(`statedDates.${id}`, 'unknown_value', { value: id }, 'error.field.noStatedDates'),
      );
    } else if (!declared.statedBy.some((by) => submitters.includes(by))) {
      problems.push(fieldProblem(`statedDates.${id}`, 'invalid', undefined, declared.statedBy.includes('staff') ? 'error.field.statedByStaff' : 'error.field.statedByComplainant'));
    } else if (date > today) {
      problems.push(fieldProblem(`statedDates.${id}`, 'in_future', undefined, 'error.field.afterReceipt'));
    }
  }
  if (problems.length) throw new InvalidInputError(problems);
  if (intake.complainantKind !== undefined && !regulation.scope.complainants.some((c) => c.id === intake.complainantKind)) {
    throw new InvalidInputError([fieldProblem('complainantKind', 'invalid_value', { values: regulation.scope.complainants.map((c) => c.id) })]);
  }
  const kinds = regulation.representation?.kinds ?? [];
  if (intake.representative?.kind !== undefined && !kinds.some((k) => k.id === intake.representative?.kind)) {
    throw new InvalidInputError([
      kinds.length
        ? fieldProblem('representative.kind', 'invalid_value', { values: kinds.map((k) => k.id) })
        : fieldProblem('representative.kind', 'invalid_value', undefined, 'error.field.noRepresentativeKinds'),
    ]);
  }
  if (intake.representative && regulation.representation && !regulation.representation.onBehalfAllowed) {
    throw new RuleViolationError({ key: 'error.rule.noOnBehalf' }, citationRef(regulation.representation.citation));
  }
}

async function replayOf(register: Pick<ComplaintStore, 'get' | 'findByIdempotencyKey'>, idempotency: { key: string; requestHash: string }): Promise<RegistrationResult | undefined> {
  const earlier = await register.findByIdempotencyKey(idempotency.key);
  if (!earlier) return undefined;
  if (earlier.requestHash !== idempotency.requestHash) {
    throw new RuleViolationError({ key: 'error.rule.idempotencyKeyReused' });
  }
  const complaint = await register.get(earlier.reference);
  if (!complaint) throw new ConflictError({ key: 'error.conflict.stillRegistering' });
  return { complaint, replayed: true };
}

function registrationOutbox(complaint: NewComplaint, regulation: Regulation, now: Date, milestones: ComplaintRecord['milestones'], statusToken: string): OutboxEntry[] {
  const registered = { ...complaint, version: 1 };
  const event = registrationEvent(registered);
  return [
    ...noticeEntries(regulation, registered, event, now, statusToken),
    ...scheduleEntries(complaint.reference, { scheduled: milestones, unscheduled: [], event }, regulation.organisation.timeZone, now),
  ];
}

export function isAcknowledgement(regulation: Regulation, milestoneId: string): boolean {
  return regulation.milestones.some((m) => m.id === milestoneId && m.metBy.includes('acknowledged'));
}

/** Hash of the normalised request: the same key with another body is refused, not replayed. */
function hashRequest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}

/** The status link's token hash (status-link.ts), for existing importers. */
export { hashStatusToken };
