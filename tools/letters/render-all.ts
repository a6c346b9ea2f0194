/**
 * Every letter a regulation can send, rendered with sample data, for proofreading (npm run
 * letters) and for the letter tests. Sample complaints are driven through the regulation's
 * procedure by the product's own use cases (walk.ts): one path per way a complaint can go (a
 * ruling for each outcome the regulation lists, an offer, informal resolution, not admissible on
 * each ground, withdrawal, objection, extensions, delay and progress letters, routing, the
 * regulation's own events, and the deadlines left to run out). Whatever letters the outbox
 * sends on the way are kept, composed as the outbox drainer composes them.
 *
 * Steps the regulation refuses on a path are skipped (and listed), so the paths work for any
 * valid regulation file.
 */
import type { Condition, Language, Regulation } from '../../shared/domain/regulation/index.ts';
import { addDays, instantAt, localDateOf } from '../../shared/domain/calendar/index.ts';
import { isLive } from '../../shared/domain/complaint/model.ts';
import { definitionOf } from '../../shared/domain/complaint/events.ts';
import { createMeasure } from '../../shared/domain/measures/measures.ts';
import { HANDLER, INVOLVED, SAMPLES, type RulingOutcome, type Sample } from './samples.ts';
import { Walk, type FailedLetter, type SentLetter, type SkippedStep } from './walk.ts';
import { singleVersion } from '../../shared/domain/regulation/versions.ts';

export type { SentLetter } from './walk.ts';

export interface RenderedLetter extends SentLetter {
  /** The sample path it came from (ruling-founded, objection, deadlines, ...). */
  path: string;
}

export interface LetterSet {
  letters: RenderedLetter[];
  /** Steps a path tried that the regulation refused (the path went on without them). */
  skipped: Array<SkippedStep & { path: string; lang: Language }>;
  /** Letters the outbox could not compose or send: each one a defect. */
  failures: Array<FailedLetter & { path: string; lang: Language }>;
  /** Notices of the regulation (notices:) that no path sent. */
  unsent: string[];
}

export interface RenderAllOptions {
  /** The complainants' languages; default both, Dutch first. Staff letters are in the organisation's first language. */
  langs?: readonly Language[];
  /** When the sample complaints come in; default Monday 2 March 2026, 10:00 in the organisation's time zone. */
  start?: Date;
  /** Base of the status link the acknowledgement carries; default a sample address. */
  statusBaseUrl?: string;
}

const RULING_OUTCOMES: readonly RulingOutcome[] = ['founded', 'partly-founded', 'unfounded'];
/** How long the deadline path lets the clock run: past every term of the sample complaint. */
const DEADLINE_HORIZON_DAYS = 400;

interface Context {
  regulation: Regulation;
  lang: Language;
  sample: Sample;
  start: Date;
}

interface Path {
  name: string;
  run(walk: Walk, context: Context): Promise<void>;
  /** Only staff letters come of it: walked once, not per language. */
  staffOnly?: boolean;
}

export async function renderAllLetters(regulation: Regulation, options: RenderAllOptions = {}): Promise<LetterSet> {
  const langs = options.langs?.length ? [...new Set(options.langs)] : (['nl', 'en'] as const);
  const start = options.start ?? instantAt('2026-03-02', '10:00', regulation.organisation.timeZone);
  const statusBaseUrl = options.statusBaseUrl ?? `https://klachten.example/${regulation.id}/status`;
  const result: LetterSet = { letters: [], skipped: [], failures: [], unsent: [] };
  let sequence = 0;
  for (const [index, lang] of langs.entries()) {
    const context: Context = { regulation, lang, sample: SAMPLES[lang], start };
    for (const path of pathsFor(regulation)) {
      if (path.staffOnly && index > 0) continue;
      const walk = new Walk(regulation, start, { sequence: sequence++, statusBaseUrl });
      await path.run(walk, context);
      // Staff letters do not depend on the complainant's language: the first run has them all.
      const letters = index === 0 ? walk.letters : walk.letters.filter((l) => l.recipient === 'complainant');
      result.letters.push(...letters.map((l) => ({ ...l, path: path.name })));
      result.skipped.push(...walk.skipped.map((s) => ({ ...s, path: path.name, lang })));
      result.failures.push(...walk.failures.map((f) => ({ ...f, path: path.name, lang })));
    }
  }
  const sent = new Set(result.letters.map((l) => l.id));
  result.unsent = regulation.notices.map((n) => n.id).filter((id) => !sent.has(id));
  return result;
}

/**
 * Each letter once: letters that differ only in the complaint's reference, its status link or a
 * measure's id (the acknowledgement every path starts with) are one letter for a proofreader.
 */
export function distinctLetters<L extends SentLetter>(letters: readonly L[]): L[] {
  const seen = new Set<string>();
  return letters.filter((l) => {
    const key = [l.id, l.recipient, l.event, l.lang, normalised(l.subject), normalised(l.text)].join('\n');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function normalised(text: string): string {
  return text
    .replace(/KL-\d{4}-\d{6,}/g, 'KL-…')
    .replace(/\/status\/[A-Za-z0-9_-]{16,}/g, '/status/…')
    .replace(/\bM-[0-9A-F]{10}\b/g, 'M-…');
}

// --- the paths -----------------------------------------------------------------------------------

function pathsFor(regulation: Regulation): Path[] {
  const outcomes = RULING_OUTCOMES.filter((id) => regulation.outcomes.some((o) => o.id === id));
  const grounds = regulation.admissibility?.grounds ?? [];
  const paths: Path[] = [];

  // The first ruling comes in by staff intake: the staff member concerned and a representative are known from the start.
  outcomes.forEach((outcome, i) => paths.push({ name: `${i === 0 ? 'intake-' : ''}ruling-${outcome}`, run: (walk, c) => rulingPath(walk, c, outcome, i === 0) }));
  if (regulation.objection) paths.push({ name: 'objection', run: (walk, c) => objectionPath(walk, c, false) });
  if (regulation.milestones.some((m) => m.extension)) paths.push({ name: 'extensions', run: (walk, c) => objectionPath(walk, c, true) });
  paths.push({ name: 'updates', run: updatesPath });
  paths.push({ name: 'offer', run: offerPath });
  paths.push({ name: 'informal', run: informalPath });
  if (grounds.length) for (const ground of grounds) paths.push({ name: `not-admissible-${ground.id}`, run: (walk, c) => notAdmissiblePath(walk, c, ground.id, ground.when) });
  else paths.push({ name: 'not-admissible', run: (walk, c) => notAdmissiblePath(walk, c, undefined, undefined) });
  paths.push({ name: 'withdrawn', run: withdrawnPath });
  for (const route of regulation.routing) paths.push({ name: `route-${route.id}`, run: (walk, c) => routePath(walk, c, route.when) });
  if (regulation.events.length) paths.push({ name: 'own-events', run: eventsPath });
  paths.push({ name: 'deadlines', run: deadlinesPath, staffOnly: true });
  return paths;
}

async function rulingPath(walk: Walk, c: Context, outcome: RulingOutcome, intake: boolean): Promise<void> {
  if (!(await file(walk, c, {}, intake))) return;
  await handle(walk, c);
  if (outcome === 'founded') await linkMeasure(walk, c);
  await rule(walk, c, outcome);
  await finish(walk, c, outcome !== 'unfounded');
}

/** A ruling, the objection against it, its decision and the external body; with `extend`, every extendable deadline extended on the way. */
async function objectionPath(walk: Walk, c: Context, extend: boolean): Promise<void> {
  const extended = new Set<string>();
  const extendAll = () => (extend ? extendLive(walk, c, extended) : Promise.resolve());
  if (!(await file(walk, c, {}))) return;
  await extendAll();
  await handle(walk, c);
  await extendAll();
  const outcome = RULING_OUTCOMES.filter((id) => c.regulation.outcomes.some((o) => o.id === id)).at(-1) ?? 'unfounded';
  await rule(walk, c, outcome);
  await walk.step('reaction', { satisfied: false, comment: c.sample.reaction.unsatisfied });
  if (!c.regulation.objection) return finish(walk, c, false);
  await walk.step('objection', { text: c.sample.objection });
  await extendAll();
  if (c.regulation.objection.hearing !== 'none') await walk.step('objection-hearing', { heldOn: walk.today(), summary: c.sample.objectionHearing });
  await walk.step('objection-decision', { outcome: 'unfounded', reasoning: c.sample.reasoning.unfounded, remedies: [] });
  await finish(walk, c, false);
}

async function updatesPath(walk: Walk, c: Context): Promise<void> {
  if (!(await file(walk, c, {}))) return;
  await handle(walk, c);
  await walk.step('delay-known', { reason: c.sample.delayReason, expectedOn: walk.today(21) });
  await walk.step('delay-notice', { reason: c.sample.delayReason, expectedOn: walk.today(21) });
  await walk.step('progress-update', { text: c.sample.progress });
  await walk.step('holding-response', { reason: c.sample.holdingReason, expectedOn: walk.today(28) });
}

async function offerPath(walk: Walk, c: Context): Promise<void> {
  if (!(await file(walk, c, {}))) return;
  await handle(walk, c);
  const remedy = c.regulation.resolution?.remedies[0];
  await walk.step('offer', { description: c.sample.offer, remedies: remedy ? [remedy.id] : [] });
  await finish(walk, c, false);
}

async function informalPath(walk: Walk, c: Context): Promise<void> {
  if (!(await file(walk, c, {}))) return;
  await classify(walk, c, {});
  await involve(walk, c);
  await assign(walk);
  await walk.step('resolve-informally', { description: c.sample.informal });
  await signOffAndClose(walk, c);
}

async function notAdmissiblePath(walk: Walk, c: Context, ground: string | undefined, when: Condition | undefined): Promise<void> {
  const setup = setupFor(c.regulation, when);
  if (!(await file(walk, c, setup))) return;
  await classify(walk, c, setup, true);
  await walk.step('not-admissible', { ...(ground ? { ground } : {}), explanation: c.sample.notAdmissible });
  await walk.step('close', { finalReport: c.sample.finalReport });
}

async function withdrawnPath(walk: Walk, c: Context): Promise<void> {
  if (!(await file(walk, c, {}))) return;
  await assign(walk);
  await walk.step('withdraw', { reason: c.sample.withdrawal });
}

async function routePath(walk: Walk, c: Context, when: Condition): Promise<void> {
  const setup = setupFor(c.regulation, when);
  if (!(await file(walk, c, setup))) return;
  await classify(walk, c, setup, true);
}

async function eventsPath(walk: Walk, c: Context): Promise<void> {
  if (!(await file(walk, c, {}))) return;
  for (const event of c.regulation.events) await walk.step('record', { event: event.id, note: c.sample.eventNote });
}

/** Nothing is done: reminders, missed deadlines and escalations; the weekly digest; a bounced letter. */
async function deadlinesPath(walk: Walk, c: Context): Promise<void> {
  if (!(await file(walk, c, {}))) return;
  // The weekly sweep a few days before the first open deadline: its digest lists it.
  const open = (await walk.current()).milestones.filter((m) => m.status === 'open').map((m) => Date.parse(m.dueAt));
  if (open.length) walk.clock.set(new Date(Math.min(...open) - 3 * 24 * 3_600_000));
  await walk.sweep();
  const first = walk.letters.find((l) => l.recipient === 'complainant');
  if (first) await walk.bounce(first.id);
  await walk.fireSchedules(new Date(c.start.getTime() + DEADLINE_HORIZON_DAYS * 24 * 3_600_000));
  // A recurring deadline sends the same letters again and again: keep one of each.
  const complaint = await walk.current();
  const labelOf = (id: string | undefined) => complaint.milestones.find((m) => m.milestoneId === id)?.label.en;
  const seen = new Set<string>();
  const kept = walk.letters.filter((l) => {
    const key = `${l.id}|${l.recipient}|${labelOf(l.milestoneId) ?? l.event}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  walk.letters.splice(0, walk.letters.length, ...kept);
}

// --- the steps the paths share -------------------------------------------------------------------

/** What a complaint must look like for a condition (a ground's, a route's) to hold, as far as intake can make it. */
interface Setup {
  categories?: string[];
  /** Categories that would lift the condition (its `not`): never chosen. */
  avoid?: string[];
  channel?: string;
  complainantKind?: string;
  representative?: boolean;
  /** The events happened years ago (a limitation window has closed). */
  longAgo?: boolean;
}

function setupFor(regulation: Regulation, given: Condition | undefined): Setup {
  if (!given) return {};
  // "Any of": the first alternative stands for the rest.
  const { anyOf, ...own } = given;
  const condition: Condition = anyOf?.[0] ? { ...anyOf[0], ...own } : given;
  const not = condition.not;
  const pick = (ids: string[] | undefined, avoid: string[] | undefined) => ids?.find((id) => !avoid?.includes(id)) ?? ids?.[0];
  const category = pick(condition.categories, not?.categories);
  const channel = pick(condition.channels, not?.channels);
  const kind = pick(condition.complainants, not?.complainants);
  return {
    ...(category ? { categories: [category] } : {}),
    ...(not?.categories ? { avoid: not.categories } : {}),
    ...(channel && regulation.intake.channels.some((ch) => ch.id === channel && ch.kind !== 'web-form') ? { channel } : {}),
    ...(kind ? { complainantKind: kind } : {}),
    ...(condition.representative ? { representative: true } : {}),
    ...(condition.receivedOutside ? { longAgo: true } : {}),
  };
}

/** Registers the sample complaint: on the form, or as staff intake with the staff member concerned and a representative. */
async function file(walk: Walk, c: Context, setup: Setup, intake = false): Promise<boolean> {
  const { regulation, sample } = c;
  const channels = regulation.intake.channels;
  const staffChannel = setup.channel ?? (intake ? (channels.find((ch) => ch.kind !== 'web-form') ?? channels[0])?.id : undefined);
  const submitter = staffChannel ? 'staff' : 'complainant';
  const day = localDateOf(c.start, regulation.organisation.timeZone);
  const occurredOn = setup.longAgo ? addDays(day, -3 * 365 - 30) : addDays(day, -5);
  const statedDates = Object.fromEntries(regulation.statedDates.filter((d) => d.statedBy.includes(submitter)).map((d) => [d.id, occurredOn]));
  const representative =
    (intake || setup.representative) && regulation.representation?.onBehalfAllowed ? { representative: { ...sample.representative, ...(staffChannel ? { authorisationReceived: false } : {}) } } : {};
  const body = {
    complainant: { ...sample.complainant, language: c.lang },
    description: sample.description,
    occurredOn,
    place: sample.place,
    circumstances: sample.circumstances,
    categories: setup.categories ?? [],
    ...(Object.keys(statedDates).length ? { statedDates } : {}),
    ...(setup.complainantKind ? { complainantKind: setup.complainantKind } : {}),
    ...representative,
    ...(staffChannel && intake ? { involved: [{ email: `${INVOLVED.local}@${regulation.id}.example`, name: INVOLVED.name, function: INVOLVED.function, involvement: 'subject' }] } : {}),
  };
  const filed = await walk.file(body, staffChannel ? { channel: staffChannel } : undefined);
  if (filed && (await walk.current()).representative?.authorisation === 'required') await walk.step('authorisation', { reason: sample.authorisation });
  return filed;
}

/** Classification (the setup's categories, and one of each scheme that needs one), the staff member concerned, assignment, contact and hearing. */
async function handle(walk: Walk, c: Context): Promise<void> {
  const { regulation, sample } = c;
  await classify(walk, c, {});
  await involve(walk, c);
  await assign(walk);
  const via = regulation.investigation?.contactComplainant?.via[0] ?? 'phone';
  await walk.step('contact', { via, summary: sample.contact });
  const involved = (await walk.current()).involved[0];
  if (involved) await walk.step('subject-statement', { staffEmail: involved.email, statement: sample.statement, agreedToRecord: true });
  const hearing = (regulation.investigation as { hearing?: { required?: string } } | undefined)?.hearing;
  await walk.step('hearing', { heldOn: walk.today(), summary: sample.hearing, report: sample.hearingReport, heard: hearing?.required === 'both' ? 'both' : 'complainant' });
}

/**
 * Classifies the complaint. In handling: one category of each scheme. For a condition (`minimal`):
 * only the setup's categories, the complainant's kind, and a category of each scheme that requires one.
 */
async function classify(walk: Walk, c: Context, setup: Setup, minimal = false): Promise<void> {
  const groundCategories = new Set((c.regulation.admissibility?.grounds ?? []).flatMap((g) => g.when?.categories ?? []));
  const chosen = [...(setup.categories ?? [])];
  for (const scheme of c.regulation.categorySchemes) {
    if (scheme.categories.some((cat) => chosen.includes(cat.id)) || (minimal && !scheme.required)) continue;
    const usable = scheme.categories.filter((cat) => !setup.avoid?.includes(cat.id));
    const category = usable.find((cat) => !groundCategories.has(cat.id)) ?? usable[0];
    if (category) chosen.push(category.id);
  }
  const current = await walk.current();
  const kind = setup.complainantKind ? { complainant: setup.complainantKind } : {};
  if (setup.complainantKind || chosen.some((id) => !current.categories.includes(id))) await walk.step('classify', { categories: chosen, ...kind });
}

/** Records the staff member the complaint is about, unless intake did. */
async function involve(walk: Walk, c: Context): Promise<void> {
  if ((await walk.current()).involved.length) return;
  await walk.step('involvement', { person: { email: `${INVOLVED.local}@${c.regulation.id}.example`, name: INVOLVED.name, function: INVOLVED.function, involvement: 'subject' } });
}

async function assign(walk: Walk): Promise<void> {
  await walk.step('assign', { handler: { email: `${HANDLER.local}@${walk.regulation.id}.example`, name: HANDLER.name, function: HANDLER.function } });
}

/** A corrective measure in the measures register, linked to the complaint (the final report names it). */
async function linkMeasure(walk: Walk, c: Context): Promise<void> {
  const measures = c.regulation.measures;
  const kind = !measures || measures.corrective ? 'corrective' : measures.preventive ? 'preventive' : undefined;
  if (!kind) return;
  const measure = await createMeasure(
    { register: walk.register.base, clock: walk.clock, regulations: singleVersion(c.regulation) },
    {
      kind,
      what: c.sample.measure,
      owner: { email: `${HANDLER.local}@${c.regulation.id}.example`, name: HANDLER.name },
      dueDate: walk.today(30),
      complaintRefs: [walk.reference],
    },
    { email: walk.coordinatorEmail, roles: ['coordinator'] },
  );
  await walk.step('measures', { measureIds: [measure.id] });
}

async function rule(walk: Walk, c: Context, outcome: RulingOutcome): Promise<void> {
  const { regulation, sample } = c;
  const requires: readonly string[] = regulation.outcomes.find((o) => o.id === outcome)?.requires ?? [];
  const remedies = regulation.resolution?.remedies ?? [];
  const advice = (regulation.resolution as { advice?: { recordedAs?: string } } | undefined)?.advice;
  // Where a committee advises first, its advice is recorded (a regulation event) and the ruling follows it.
  if (advice?.recordedAs && regulation.events.some((e) => e.id === advice.recordedAs)) await walk.step('record', { event: advice.recordedAs, note: sample.eventNote });
  const remedy = remedies[0] && (requires.includes('remedy-offer') || outcome !== 'unfounded') ? [remedies[0].id] : [];
  await walk.step('ruling', {
    outcome,
    reasoning: sample.reasoning[outcome],
    ...(outcome !== 'unfounded' || requires.includes('improvements') ? { improvements: sample.improvements } : {}),
    remedies: remedy,
    ...(outcome !== 'unfounded' || requires.includes('measures-term') ? { measuresBy: walk.today(28) } : {}),
    ...(advice ? { advice: { followed: true } } : {}),
  });
}

/** The complainant's reaction, the actions recorded, the external body when not satisfied, sign-off and closing. */
async function finish(walk: Walk, c: Context, satisfied: boolean): Promise<void> {
  const { sample } = c;
  await walk.step('reaction', { satisfied, comment: satisfied ? sample.reaction.satisfied : sample.reaction.unsatisfied });
  await walk.step('actions', { actions: sample.actions, result: sample.actionsResult });
  if (!satisfied) await walk.step('external-referral', { body: externalBody(c) });
  await signOffAndClose(walk, c);
}

async function signOffAndClose(walk: Walk, c: Context): Promise<void> {
  for (const role of c.regulation.signOff?.by ?? []) await walk.step('sign-off', { role }, role === 'complainant' ? {} : { as: role });
  await walk.step('close', { finalReport: c.sample.finalReport });
}

/** The body a referral names where it is chosen per complaint: the regulation's first example, else a sample. */
function externalBody(c: Context): string {
  const external = c.regulation.external as { options?: Array<{ label: Record<Language, string> }> };
  return external.options?.[0]?.label[c.lang] ?? c.sample.externalBody;
}

/** Extends each live deadline that may be extended, as often as the policy allows on its own, then once more with consent. */
async function extendLive(walk: Walk, c: Context, done: Set<string>): Promise<void> {
  const complaint = await walk.current();
  for (const milestone of complaint.milestones.filter(isLive)) {
    const policy = definitionOf(c.regulation, milestone)?.extension;
    if (!policy || done.has(milestone.milestoneId)) continue;
    done.add(milestone.milestoneId);
    const times = policy.times === 'unlimited' ? 1 : Math.min(policy.times, 2);
    for (let i = 0; i < times; i += 1) if (!(await extendOnce(walk, c, milestone.milestoneId, policy.upTo))) return;
    if (policy.further) {
      await walk.step('extension-consent', { milestoneId: milestone.milestoneId, by: c.sample.complainant.name, givenOn: walk.today(), form: 'written', note: c.sample.consentNote });
      await extendOnce(walk, c, milestone.milestoneId, policy.further.upTo);
    }
  }
}

const STEP_UNITS = ['working-days', 'calendar-days', 'weeks', 'months', 'years'];

/** The longest extension the policy allows at a time, else shorter ones, until one is accepted. */
async function extendOnce(walk: Walk, c: Context, milestoneId: string, upTo: unknown): Promise<boolean> {
  const longest = typeof upTo === 'object' && upTo !== null && STEP_UNITS.includes((upTo as { unit: string }).unit) ? [upTo as { unit: string; amount: number }] : [];
  for (const period of [...longest, { unit: 'weeks', amount: 2 }, { unit: 'working-days', amount: 1 }]) {
    if (await walk.step('extension', { milestoneId, period: { unit: period.unit, amount: period.amount }, reason: c.sample.extensionReason })) return true;
  }
  return false;
}
