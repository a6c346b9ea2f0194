/**
 * One sample complaint lived through the product's own use cases, keeping every letter it
 * causes: registration (registerComplaint, registerStaffIntake), staff steps (performStep), the
 * outbox delivered as the drainer delivers it (deliverEntry, so each letter is composed exactly
 * as in production, composeNotice included) with a mailer that keeps the letter instead of
 * sending it, deadline schedules fired with checkDeadline, the weekly sweep's digest, and a
 * bounce (recordMailEvent). The register is the tools' in-memory fake (tools/seed/memory-register.ts).
 *
 * A step the regulation refuses (RuleViolationError, InvalidInputError, ConflictError) is noted
 * and skipped: the walk goes on without it. A field the step does not know is left out and the
 * step tried again, so the walk keeps up with steps that gain or lose optional fields.
 */
import { reminderInstant } from '../../shared/domain/complaint/milestone-schedules.ts';
import type { Regulation, Language } from '../../shared/domain/regulation/index.ts';
import { singleVersion, type RegulationVersions } from '../../shared/domain/regulation/versions.ts';
import { addDays, localDateOf } from '../../shared/domain/calendar/index.ts';
import type { Clock, ComplaintQuery, ComplaintRegister, ComplaintWrite, Mailer, OutgoingMail, Registration } from '../../shared/domain/ports.ts';
import type { ComplaintRecord, OutboxEntry } from '../../shared/domain/complaint/model.ts';
import { registerComplaint, registerStaffIntake } from '../../shared/domain/complaint/register-complaint.ts';
import { deliverEntry, type DeliverOutboxDeps } from '../../shared/domain/complaint/deliver-outbox.ts';
import { checkDeadline } from '../../shared/domain/complaint/check-deadline.ts';
import { sweepDeadlines } from '../../shared/domain/complaint/sweep-deadlines.ts';
import { recordMailEvent } from '../../shared/domain/complaint/mail-events.ts';
import { performStep } from '../../shared/domain/workflow/perform-step.ts';
import { stepActor } from '../step-actor.ts';
import { allowedNow, STEPS, type Actor, type StepDefinition, type StepId } from '../../shared/domain/workflow/steps.ts';
import { ConflictError, InvalidInputError, RuleViolationError } from '../../shared/domain/errors.ts';
import { MemoryRegister } from '../seed/memory-register.ts';
import { InMemoryComplaintLists } from '../../tests/support/fakes/lists.ts';
import { InMemoryDigestStore } from '../../tests/support/fakes/status-links.ts';

export interface SentLetter {
  /** The notice id (acknowledgement, ruling, a regulation notice's id), or the staff letter's kind (deadline-reminder, weekly-digest, ...). */
  id: string;
  /** 'complainant', or who on the staff side: a regulation role id, 'handler', 'staff-concerned', or the address. */
  recipient: string;
  to: string;
  /** The event that caused the letter. */
  event: string;
  /** The language the letter is written in. */
  lang: Language;
  reference: string;
  /** The milestone a deadline letter is about. */
  milestoneId?: string;
  subject: string;
  html: string;
  text: string;
  /** The complaint as it stood when the letter went out (tests recompute from it what the letter must say). */
  complaint?: ComplaintRecord;
}

export interface SkippedStep {
  step: string;
  reason: string;
}

/** A letter the outbox could not compose or send (the drainer would retry it forever). */
export interface FailedLetter {
  entryId: string;
  error: string;
}

const HOUR = 3_600_000;

class WalkClock implements Clock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** Never backwards. */
  set(at: Date): void {
    if (at > this.current) this.current = new Date(at);
  }
}

/**
 * The register the use cases see: the in-memory fake, with every outbox entry it queues kept in
 * order (with the event that caused it) so the walk delivers them itself, and the few extra
 * methods the weekly sweep needs.
 */
class CollectingRegister implements ComplaintRegister {
  readonly queue: Array<{ entry: OutboxEntry; event: string }> = [];
  readonly failures: FailedLetter[] = [];
  private readonly lists: InMemoryComplaintLists;
  private readonly digests: InMemoryDigestStore;

  constructor(readonly base: MemoryRegister) {
    this.lists = new InMemoryComplaintLists(base.table);
    this.digests = new InMemoryDigestStore(base.table);
  }

  private keep(entries: OutboxEntry[], event: string): OutboxEntry[] {
    for (const entry of entries) this.queue.push({ entry, event });
    return entries;
  }

  findByIdempotencyKey(key: string) {
    return this.base.findByIdempotencyKey(key);
  }
  allocateSequence(year: number) {
    return this.base.allocateSequence(year);
  }
  async register(registration: Registration) {
    this.keep(registration.outbox, 'registered');
    await this.base.register(registration);
  }
  voidReference(reference: string, reason: string) {
    return this.base.voidReference(reference, reason);
  }
  get(reference: string) {
    return this.base.get(reference);
  }
  appendEvent(write: ComplaintWrite) {
    this.keep(write.outbox, write.event.type);
    return this.base.appendEvent(write);
  }
  events(reference: string) {
    return this.base.events(reference);
  }
  pendingOutbox(now: Date, limit: number) {
    return this.base.pendingOutbox(now, limit);
  }
  claimOutbox(entry: OutboxEntry, now: Date, leaseUntil: Date) {
    return this.base.claimOutbox(entry, now, leaseUntil);
  }
  completeOutbox(entry: OutboxEntry, result: { deliveredAt: Date; detail: string }, write?: ComplaintWrite) {
    if (write) this.keep(write.outbox, write.event.type);
    return this.base.completeOutbox(entry, result, write);
  }
  async releaseOutbox(entry: OutboxEntry, failure: { attempts: number; retryAt: Date; error: string }) {
    this.failures.push({ entryId: entry.entryId, error: failure.error });
    return this.base.releaseOutbox(entry, failure);
  }
  outboxEntryState(reference: string, entryId: string) {
    return this.base.outboxEntryState(reference, entryId);
  }
  pendingWebhooks(limit?: number) {
    return this.base.pendingWebhooks(limit);
  }

  // The weekly sweep: the complaints by deadline, and one digest per week and person (the shared fakes, over the same table).
  list(query: ComplaintQuery) {
    return this.lists.list(query);
  }
  claimDigest(week: string, recipient: string, now: Date, leaseUntil: Date) {
    return this.digests.claimDigest(week, recipient, now, leaseUntil);
  }
  completeDigest(week: string, recipient: string, detail: string) {
    return this.digests.completeDigest(week, recipient, detail);
  }
  releaseDigest(week: string, recipient: string) {
    return this.digests.releaseDigest(week, recipient);
  }
}

/** What the mailer is sending for: set by the walk just before it hands over an entry. */
interface Sending {
  id: string;
  event: string;
  recipient: 'complainant' | 'staff';
  milestoneId?: string;
}

export class Walk {
  readonly clock: WalkClock;
  readonly register: CollectingRegister;
  readonly letters: SentLetter[] = [];
  readonly skipped: SkippedStep[] = [];
  reference = '';
  /** The message id each letter was sent with (a bounce names it). */
  private readonly messageIds = new Map<string, SentLetter>();
  private readonly delivery: DeliverOutboxDeps;
  private sending: Sending | undefined;
  private readonly fired = new Set<string>();
  private readonly staff: Record<'coordinator' | 'officer' | 'director', Actor>;

  /** The one version walked: its letters as a complaint under it gets them. */
  private readonly versions: RegulationVersions;

  constructor(
    readonly regulation: Regulation,
    start: Date,
    options: { sequence?: number; statusBaseUrl?: string } = {},
  ) {
    this.versions = singleVersion(regulation);
    this.clock = new WalkClock(start);
    const base = new MemoryRegister();
    if (options.sequence) base.continueSequence(Number(start.toISOString().slice(0, 4)), options.sequence);
    this.register = new CollectingRegister(base);
    this.delivery = {
      register: this.register,
      mailer: this.mailer(),
      scheduler: { ensure: async () => {}, remove: async () => {} },
      clock: this.clock,
      regulations: this.versions,
      ...(options.statusBaseUrl ? { statusBaseUrl: options.statusBaseUrl } : {}),
    };
    const tenant = regulation.id;
    this.staff = {
      coordinator: { email: `coordinator@${tenant}.example`, roles: ['coordinator'] },
      officer: { email: `officer@${tenant}.example`, roles: ['complaints-officer'] },
      director: { email: `director@${tenant}.example`, roles: ['director'] },
    };
  }

  get failures(): FailedLetter[] {
    return this.register.failures;
  }

  get coordinatorEmail(): string {
    return this.staff.coordinator.email;
  }

  async current(): Promise<ComplaintRecord> {
    const complaint = await this.register.get(this.reference);
    if (!complaint) throw new Error(`${this.regulation.id}: complaint ${this.reference} is not in the register`);
    return complaint;
  }

  /** The tenant's local day now, or some days from now (for expected dates and terms). */
  today(days = 0): string {
    return addDays(localDateOf(this.clock.now(), this.regulation.organisation.timeZone), days);
  }

  /** Registers through the public form, or (with a channel) as staff intake; false when refused. */
  async file(body: Record<string, unknown>, intake?: { channel: string }): Promise<boolean> {
    const deps = { register: this.register, clock: this.clock, regulations: this.versions };
    const attempt = async (input: Record<string, unknown>) => {
      const result = intake
        ? await registerStaffIntake(deps, { body: { ...input, channel: intake.channel }, staffEmail: this.staff.coordinator.email })
        : await registerComplaint(deps, { body: input });
      this.reference = result.complaint.reference;
    };
    const done = await this.tolerant('register', body, attempt);
    if (done) await this.deliver();
    return done;
  }

  /** Takes a step as staff who may take it; false when the regulation (or the status) refuses it. */
  async step(id: StepId, body: Record<string, unknown>, options: { as?: string } = {}): Promise<boolean> {
    this.clock.advance(HOUR);
    const complaint = await this.current();
    const definition = STEPS[id] as StepDefinition | undefined;
    if (!definition) return this.skip(id, 'no such step');
    if (!allowedNow(definition, complaint.status)) return this.skip(id, `not possible while the complaint is ${complaint.status}`);
    const actor = this.actorFor(definition, complaint, options.as);
    if (!actor) return this.skip(id, `nobody holds a role for it (${definition.actors(this.regulation).roles.join(', ')})`);
    const deps = { register: this.register, clock: this.clock, regulations: this.versions, measures: this.register.base };
    const done = await this.tolerant(id, body, (input) => performStep(deps, { step: id, reference: this.reference, body: input, actor }).then(() => undefined));
    if (done) await this.deliver();
    return done;
  }

  /** Runs a use case; a refusal is noted (false), an unknown field is left out and tried again. */
  private async tolerant(name: string, body: Record<string, unknown>, run: (input: Record<string, unknown>) => Promise<void>): Promise<boolean> {
    let input = body;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await run(input);
        return true;
      } catch (error) {
        const unknown = error instanceof InvalidInputError ? unknownFields(error) : [];
        if (unknown.length && attempt < 3) {
          input = without(input, unknown);
          continue;
        }
        if (error instanceof RuleViolationError || error instanceof InvalidInputError || error instanceof ConflictError) return this.skip(name, error.message);
        throw new Error(`${this.regulation.id} ${this.reference || '(not registered)'}: ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  private skip(step: string, reason: string): false {
    this.skipped.push({ step, reason });
    return false;
  }

  /** The staff member who takes a step: the handler where they may, else the first who holds a role for it. */
  private actorFor(definition: StepDefinition, complaint: ComplaintRecord, asRole?: string): Actor | undefined {
    return stepActor(this.regulation, this.staff, complaint, asRole ? [asRole] : definition.actors(this.regulation).roles);
  }

  /** Delivers everything queued (and what that queues), a minute apart, as the drainer would. */
  async deliver(): Promise<void> {
    while (this.register.queue.length) {
      const { entry, event } = this.register.queue.shift()!;
      this.clock.advance(60_000);
      const action = entry.action;
      this.sending =
        action.kind !== 'email'
          ? undefined
          : action.letter === 'notice'
            ? { id: action.notice.id, event, recipient: action.recipient }
            : { id: action.letter, event, recipient: 'staff', ...('milestoneId' in action ? { milestoneId: action.milestoneId } : {}) };
      try {
        await deliverEntry(this.delivery, entry);
      } finally {
        this.sending = undefined;
      }
    }
  }

  /**
   * Runs the deadline schedules that fall before `until`, in time order, as the Scheduler would
   * fire them: a reminder on its morning while the milestone is open, a check at the end of the
   * due day (which escalates a missed one). Nothing else happens meanwhile: every open deadline runs out.
   */
  async fireSchedules(until: Date, limit = 400): Promise<void> {
    const timeZone = this.regulation.organisation.timeZone;
    for (let fired = 0; fired < limit; fired += 1) {
      const complaint = await this.current();
      let next: { at: Date; milestoneId: string; kind: 'check' | 'remind'; key: string } | undefined;
      for (const m of complaint.milestones) {
        if (m.status !== 'open') continue;
        const candidates: Array<{ at: Date; kind: 'check' | 'remind' }> = [{ at: new Date(m.dueAt), kind: 'check' }];
        if (m.reminderOn && m.remindedFor !== m.due) candidates.push({ at: reminderInstant(m.reminderOn, timeZone), kind: 'remind' });
        for (const candidate of candidates) {
          const key = `${m.milestoneId}.${candidate.kind}.${m.due}`;
          if (this.fired.has(key) || candidate.at >= until) continue;
          if (!next || candidate.at < next.at) next = { ...candidate, milestoneId: m.milestoneId, key };
        }
      }
      if (!next) return;
      this.fired.add(next.key);
      this.clock.set(new Date(next.at.getTime() + 1000));
      await checkDeadline({ register: this.register, clock: this.clock, regulations: this.versions }, { reference: this.reference, milestoneId: next.milestoneId, kind: next.kind });
      await this.deliver();
    }
  }

  /** The weekly sweep, whose digest tells each person their open deadlines of the week. */
  async sweep(): Promise<void> {
    this.sending = { id: 'weekly-digest', event: 'weekly-sweep', recipient: 'staff' };
    try {
      await sweepDeadlines({ register: this.register, scheduler: { ensure: async () => {}, exists: async () => true }, mailer: this.delivery.mailer, clock: this.clock, regulations: this.versions });
    } finally {
      this.sending = undefined;
    }
    await this.deliver();
  }

  /** SES reports that a letter to the complainant bounced: the coordinator is told. */
  async bounce(letterId: string): Promise<boolean> {
    const letter = [...this.messageIds.entries()].find(([, l]) => l.id === letterId && l.recipient === 'complainant');
    if (!letter) return this.skip('bounce', `no letter ${letterId} to the complainant was sent`);
    const [messageId, sent] = letter;
    this.clock.advance(HOUR);
    await recordMailEvent(
      { register: this.register, clock: this.clock, regulations: this.versions },
      {
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: sent.to }] },
        mail: { messageId, tags: { reference: [sent.reference] }, destination: [sent.to] },
      },
    );
    await this.deliver();
    return true;
  }

  private mailer(): Mailer {
    let count = 0;
    return {
      send: async (mail: OutgoingMail) => {
        const messageId = `sample-${(count += 1)}`;
        const sending = this.sending;
        if (!sending) throw new Error(`${this.regulation.id}: a letter was sent outside a delivery (${mail.subject})`);
        const complaint = mail.reference ? await this.register.get(mail.reference) : undefined;
        const complainantLetter = sending.recipient === 'complainant';
        const letter: SentLetter = {
          id: sending.id,
          recipient: complainantLetter ? 'complainant' : recipientRole(this.regulation, complaint, mail.to),
          to: mail.to,
          event: sending.event,
          lang: complainantLetter && complaint ? complaint.complainant.language : (this.regulation.organisation.languages[0] ?? 'nl'),
          reference: mail.reference ?? this.reference,
          ...(sending.milestoneId ? { milestoneId: sending.milestoneId } : {}),
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          ...(complaint ? { complaint: structuredClone(complaint) } : {}),
        };
        this.letters.push(letter);
        this.messageIds.set(messageId, letter);
        return messageId;
      },
    };
  }
}

/** Who on the staff side an address belongs to: the handler, the staff member concerned, a regulation role. */
function recipientRole(regulation: Regulation, complaint: ComplaintRecord | undefined, to: string): string {
  const address = to.toLowerCase();
  if (complaint?.handler?.email.toLowerCase() === address) return 'handler';
  if (complaint?.involved.some((p) => p.email.toLowerCase() === address)) return 'staff-concerned';
  return regulation.roles.find((r) => r.email?.toLowerCase() === address)?.id ?? to;
}

/** The fields an InvalidInputError calls unknown ("unknown field(s): a, b"), as dotted paths. */
function unknownFields(error: InvalidInputError): string[] {
  return error.problems.flatMap((p) => {
    const match = /^unknown field\(s\): (.+)$/.exec(p.message);
    if (!match) return [];
    const prefix = p.field === '(body)' ? '' : `${p.field}.`;
    return match[1]!.split(', ').map((key) => `${prefix}${key}`);
  });
}

function without(body: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  const copy = structuredClone(body);
  for (const path of paths) {
    const keys = path.split('.');
    let target: unknown = copy;
    for (const key of keys.slice(0, -1)) target = (target as Record<string, unknown> | undefined)?.[key];
    if (target && typeof target === 'object') delete (target as Record<string, unknown>)[keys.at(-1)!];
  }
  return copy;
}
