/**
 * The measures register: corrective and preventive measures (what, owner, due date, status),
 * linked to one or more complaints. Every regulation that records measures asks whether they
 * were taken on time and whether they worked; the yearly report reads this register.
 */
import * as z from '../zod.ts';
import { text } from '../complaint/submission.ts';
import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors.ts';
import { parseWith } from '../complaint/submission.ts';
import { versionInForce, type RegulationVersions } from '../regulation/versions.ts';
import type { Clock } from '../ports.ts';
import { citationRef } from '../regulation/citation.ts';


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

export interface Measure extends z.infer<typeof newMeasureSchema> {
  id: string;
  status: (typeof MEASURE_STATUSES)[number];
  result?: string;
  effective?: boolean;
  createdAt: string;
  createdBy: string;
  completedAt?: string;
  version: number;
}

export interface MeasureStore {
  putMeasure(measure: Measure): Promise<void>;
  getMeasure(id: string): Promise<Measure | undefined>;
  listMeasures(limit: number, cursor?: string): Promise<{ items: Measure[]; cursor?: string }>;
}

export interface MeasureDeps {
  register: MeasureStore;
  clock: Clock;
  regulations: RegulationVersions;
}

export async function createMeasure(deps: MeasureDeps, body: unknown, actor: string): Promise<Measure> {
  const input = parseWith(newMeasureSchema, body);
  // The register of measures is the organisation's: the regulation in force today says what it records.
  const { measures } = versionInForce(deps.regulations, deps.clock.now());
  const kindAllowed = input.kind === 'corrective' ? measures?.corrective : measures?.preventive;
  if (measures && !kindAllowed) {
    throw new RuleViolationError({ key: input.kind === 'corrective' ? 'error.rule.measuresNotRecordedCorrective' : 'error.rule.measuresNotRecordedPreventive' }, citationRef(measures.citation));
  }
  const measure: Measure = { ...input, id: `M-${randomBytes(5).toString('hex').toUpperCase()}`, status: 'open', createdAt: deps.clock.now().toISOString(), createdBy: actor, version: 1 };
  await deps.register.putMeasure(measure);
  return measure;
}

export async function updateMeasure(deps: MeasureDeps, id: string, body: unknown, expectedVersion?: number): Promise<Measure> {
  const input = parseWith(measureUpdateSchema, body);
  const current = await deps.register.getMeasure(id);
  if (!current) throw new NotFoundError({ key: 'error.notFound.measure', params: { id } });
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw new ConflictError({ key: 'error.conflict.measureChanged', params: { version: expectedVersion } });
  const next: Measure = { ...current, ...input, version: current.version + 1 };
  if (input.status === 'done' && current.status !== 'done') next.completedAt = deps.clock.now().toISOString();
  await deps.register.putMeasure(next);
  return next;
}
