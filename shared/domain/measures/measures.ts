/**
 * The measures register: corrective and preventive measures (what, owner, due date, status),
 * linked to one or more complaints. Every regulation that records measures asks whether they
 * were taken on time and whether they worked; the yearly report reads this register.
 */
import * as z from '../zod.ts';
import { text } from '../complaint/submission.ts';
import { randomBytes } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../errors.ts';
import { parseWith } from '../complaint/submission.ts';
import { versionInForce, type RegulationVersions } from '../regulation/versions.ts';
import type { Clock, ComplaintStore } from '../ports.ts';
import { citationRef } from '../regulation/citation.ts';
import type { Regulation } from '../regulation/index.ts';
import type { ComplaintRecord } from '../complaint/model.ts';
import type { Actor } from '../workflow/visibility.ts';
import { holdsRole, staffGroupFor } from '../workflow/roles.ts';

export const MEASURE_STATUSES = ['open', 'done', 'cancelled'] as const;

export const newMeasureSchema = z.strictObject({
  kind: z.enum(['corrective', 'preventive'], { error: "must be 'corrective' or 'preventive'" }),
  what: text(5_000),
  owner: z.strictObject({ email: z.email('must be a valid e-mail address'), name: text(200) }),
  dueDate: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }),
  complaintRefs: z._default(z.array(z.string().check(z.regex(/^KL-\d{4}-\d{6,}$/, 'must be a complaint reference'))).check(z.maxLength(50)), []),
});

export const measureUpdateSchema = z.strictObject({
  status: z.optional(z.enum(MEASURE_STATUSES)),
  what: z.optional(text(5_000)),
  dueDate: z.optional(z.iso.date({ error: 'must be a date as YYYY-MM-DD' })),
  /** Did it work: the evaluation the yearly analysis asks for. */
  result: z.optional(text(5_000)),
  effective: z.optional(z.boolean()),
  complaintRefs: z.optional(z.array(z.string().check(z.regex(/^KL-\d{4}-\d{6,}$/, 'must be a complaint reference'))).check(z.maxLength(50))),
});

/** One change of a measure: who, when, which fields (never their values: the history quotes no text). */
export interface MeasureChange {
  at: string;
  by: string;
  action: 'created' | 'updated';
  fields?: string[];
}

export interface Measure extends z.infer<typeof newMeasureSchema> {
  id: string;
  status: (typeof MEASURE_STATUSES)[number];
  result?: string;
  effective?: boolean;
  createdAt: string;
  createdBy: string;
  completedAt?: string;
  /** The last change, and every change before it (measures recorded before this have none). */
  updatedAt?: string;
  updatedBy?: string;
  history?: MeasureChange[];
  version: number;
}

/** The history keeps the latest changes: an item stays far below DynamoDB's 400 KB. */
const HISTORY_LIMIT = 200;

export interface MeasureStore {
  putMeasure(measure: Measure): Promise<void>;
  getMeasure(id: string): Promise<Measure | undefined>;
  listMeasures(limit: number, cursor?: string): Promise<{ items: Measure[]; cursor?: string }>;
}

export interface MeasureDeps {
  register: MeasureStore;
  clock: Clock;
  regulations: RegulationVersions;
  /** The complaints measures link to: whether a handler handles one (who may see and decide). */
  complaints?: Pick<ComplaintStore, 'get'>;
}

/** What the owner of a measure may record about it (its progress), without being a decider. */
const OWNER_FIELDS: ReadonlySet<string> = new Set(['status', 'result', 'effective']);

/** Only the complaints assigned to them: a handler and no tenant-wide role. */
const handlerOnly = (actor: Actor) => actor.roles.length > 0 && actor.roles.every((role) => role === 'handler');
const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** The complaints of `refs` that exist, read once each. */
async function complaintsOf(deps: MeasureDeps, refs: readonly string[]): Promise<ComplaintRecord[]> {
  if (!deps.complaints || !refs.length) return [];
  const found = await Promise.all([...new Set(refs)].map((ref) => deps.complaints!.get(ref)));
  return found.filter((c): c is ComplaintRecord => Boolean(c));
}

const handles = (complaint: ComplaintRecord, actor: Actor) => same(complaint.handler?.email, actor.email);

/**
 * Does the actor decide on measures, for these complaints? The coordinator always; the role the
 * regulation names (`measures.decidedBy`, its staff group); a role held per complaint (the
 * handler) only for complaints they hold. Without `measures` in the regulation: the coordinator.
 */
async function decides(deps: MeasureDeps, regulation: Regulation, actor: Actor, refs: { some?: readonly string[]; every?: readonly string[] }): Promise<boolean> {
  if (actor.roles.includes('coordinator')) return true;
  // The auditor reads and never writes.
  if (!actor.roles.some((r) => r !== 'auditor')) return false;
  const roleId = regulation.measures?.decidedBy ?? 'coordinator';
  const role = regulation.roles.find((r) => r.id === roleId);
  if (role?.assignment !== 'per-complaint') return actor.roles.includes(staffGroupFor(roleId));
  // Held per complaint, as a workflow step's actor (steps.ts: the assigned handler, never someone involved in it).
  const holds = (c: ComplaintRecord) => holdsRole(regulation, c, actor, roleId);
  if (refs.every?.length) {
    const every = await complaintsOf(deps, refs.every);
    if (every.length < new Set(refs.every).size || !every.every(holds)) return false;
  }
  if (refs.some) return (await complaintsOf(deps, refs.some)).some(holds);
  return Boolean(refs.every?.length);
}

function refused(regulation: Regulation, owner: boolean): ForbiddenError {
  const decidedBy = regulation.measures?.decidedBy ?? 'coordinator';
  const roles = [...new Set(['coordinator', staffGroupFor(decidedBy)])];
  return new ForbiddenError(
    owner
      ? `the owner of a measure records its progress (status, result, effective); the rest is for the coordinator or ${decidedBy} (${regulation.measures ? citationRef(regulation.measures.citation) : 'the regulation'})`
      : `measures are decided by the coordinator or ${decidedBy}${decidedBy === 'handler' ? ' (for the complaints they handle)' : ''}, or changed by their owner (${regulation.measures ? citationRef(regulation.measures.citation) : 'the regulation'})`,
    roles,
  );
}

/**
 * May the actor see this measure? Staff with a tenant-wide role see every one; a handler only
 * those of the complaints they handle, and their own (they own it, or recorded it).
 */
export async function canSeeMeasure(deps: MeasureDeps, measure: Measure, actor: Actor): Promise<boolean> {
  if (!handlerOnly(actor)) return true;
  if (same(measure.owner.email, actor.email) || same(measure.createdBy, actor.email)) return true;
  return (await complaintsOf(deps, measure.complaintRefs)).some((c) => handles(c, actor));
}

/**
 * The measures register as the actor may see it, newest first. For a handler the register's pages
 * are read (at most 20 of them) until `limit` visible measures are found; `cursor` goes on from there.
 */
export async function listMeasures(deps: MeasureDeps, actor: Actor, limit: number, cursor?: string): Promise<{ items: Measure[]; cursor?: string }> {
  if (!handlerOnly(actor)) return deps.register.listMeasures(limit, cursor);
  const items: Measure[] = [];
  let next = cursor;
  for (let reads = 0; reads < 20 && items.length < limit; reads += 1) {
    // Never more than the room left: every measure read is shown or passed, none skipped past the cursor.
    const page = await deps.register.listMeasures(limit - items.length, next);
    for (const measure of page.items) if (await canSeeMeasure(deps, measure, actor)) items.push(measure);
    next = page.cursor;
    if (!next) break;
  }
  return { items, ...(next ? { cursor: next } : {}) };
}

export async function createMeasure(deps: MeasureDeps, body: unknown, actor: Actor): Promise<Measure> {
  const input = parseWith(newMeasureSchema, body);
  // The register of measures is the organisation's: the regulation in force today says what it records.
  const regulation = versionInForce(deps.regulations, deps.clock.now());
  const { measures } = regulation;
  if (!(await decides(deps, regulation, actor, { every: input.complaintRefs }))) throw refused(regulation, false);
  const kindAllowed = input.kind === 'corrective' ? measures?.corrective : measures?.preventive;
  if (measures && !kindAllowed) {
    throw new RuleViolationError({ key: input.kind === 'corrective' ? 'error.rule.measuresNotRecordedCorrective' : 'error.rule.measuresNotRecordedPreventive' }, citationRef(measures.citation));
  }
  const at = deps.clock.now().toISOString();
  const measure: Measure = {
    ...input,
    id: `M-${randomBytes(5).toString('hex').toUpperCase()}`,
    status: 'open',
    createdAt: at,
    createdBy: actor.email,
    history: [{ at, by: actor.email, action: 'created' }],
    version: 1,
  };
  await deps.register.putMeasure(measure);
  return measure;
}

/**
 * Changes a measure: a decider (see `decides`) any field, its owner only its progress (status,
 * result, effective). Recorded with who and when (`updatedAt`, `updatedBy`, `history`). A
 * handler who may not see it is told it does not exist.
 */
export async function updateMeasure(deps: MeasureDeps, id: string, body: unknown, actor: Actor, expectedVersion?: number): Promise<Measure> {
  const input = parseWith(measureUpdateSchema, body);
  const current = await deps.register.getMeasure(id);
  if (!current || !(await canSeeMeasure(deps, current, actor))) throw new NotFoundError({ key: 'error.notFound.measure', params: { id } });
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw new ConflictError({ key: 'error.conflict.measureChanged', params: { version: expectedVersion } });
  const regulation = versionInForce(deps.regulations, deps.clock.now());
  const fields = Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined);
  const added = (input.complaintRefs ?? []).filter((ref) => !current.complaintRefs.includes(ref));
  const decider = await decides(deps, regulation, actor, { some: current.complaintRefs, ...(added.length ? { every: added } : {}) });
  // The auditor reads and never writes, not even as a measure's owner.
  const owner = same(current.owner.email, actor.email) && actor.roles.some((role) => role !== 'auditor');
  if (!decider && !(owner && fields.every((field) => OWNER_FIELDS.has(field)))) throw refused(regulation, owner);
  const at = deps.clock.now().toISOString();
  const history = [...(current.history ?? []), { at, by: actor.email, action: 'updated' as const, fields }].slice(-HISTORY_LIMIT);
  const next: Measure = { ...current, ...input, updatedAt: at, updatedBy: actor.email, history, version: current.version + 1 };
  if (input.status === 'done' && current.status !== 'done') next.completedAt = at;
  await deps.register.putMeasure(next);
  return next;
}
