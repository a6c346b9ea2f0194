/**
 * A tenant's workflow on plain fakes (InMemoryRegister, FakeClock): register a complaint, take
 * steps as named staff, read the file and its trail back. No module mocks; performStep and the
 * registration use cases run as they do in the Lambda.
 */
import { expect } from 'vitest';
import { loadRegulationFile } from '../../shared/adapters/regulation-file.ts';
import type { Regulation } from '../../shared/domain/regulation/index.ts';
import { newestVersion, singleVersion, type RegulationVersions } from '../../shared/domain/regulation/versions.ts';
import { registerComplaint, registerStaffIntake } from '../../shared/domain/complaint/register-complaint.ts';
import { performStep } from '../../shared/domain/workflow/perform-step.ts';
import type { Actor, StepId } from '../../shared/domain/workflow/steps.ts';
import type { ComplaintRecord } from '../../shared/domain/complaint/model.ts';
import type { StaffRole } from '../../shared/auth/principal.ts';
import { RuleViolationError } from '../../shared/domain/errors.ts';
import { FakeClock, InMemoryRegister } from './in-memory-register.ts';
import { composeNotice } from '../../shared/domain/letters/compose.ts';
import { loadTenant } from './clause-table.ts';

/** The tenants, and Occure's 2019 version (its complaints from before 2025 still live under it). */
export const TENANTS = ['demo', 'occure', 'occure@2019-01-01', 'ok-ondernemen', 'team-keizer', 'focus'] as const;
export type TenantId = (typeof TENANTS)[number];

const regulations = new Map<string, Promise<Regulation>>();
/** A tenant of tenants/ (tenant@version for an older version), or a regulation file anywhere (a fixture) by its path. */
export function regulationOf(tenant: TenantId | `${string}.yaml`): Promise<Regulation> {
  let loaded = regulations.get(tenant);
  if (!loaded) {
    loaded = tenant.endsWith('.yaml') ? loadRegulationFile(tenant) : loadTenant(tenant);
    regulations.set(tenant, loaded);
  }
  return loaded;
}

export const staff = (email: string, ...roles: StaffRole[]): Actor => ({ email, roles });

/** Mon 2 March 2026, 10:00 in Amsterdam: no public holiday within six weeks either side of the first deadlines. */
export const MONDAY_2_MARCH = '2026-03-02T10:00:00+01:00';

export const complainant = { name: 'Sanne de Vries', email: 'sanne@example.com' };

export interface Workflow {
  tenant: string;
  /** The newest version (the only one, for most tenants). */
  regulation: Regulation;
  /** Every version, as the use cases take them. */
  regulations: RegulationVersions;
  register: InMemoryRegister;
  clock: FakeClock;
  /** The tenant's demo staff (as the local dev issuer names them). */
  coordinator: Actor;
  director: Actor;
  officer: Actor;
  handler1: Actor;
  handler2: Actor;
  /** A public-form complaint; returns its reference. */
  submit(body?: Record<string, unknown>): Promise<string>;
  /** Staff intake (channel, involved staff, representative ...); returns its reference. */
  intake(body: Record<string, unknown>, by?: Actor): Promise<string>;
  step(reference: string, step: StepId, body: unknown, actor: Actor, expectedVersion?: number): ReturnType<typeof performStep>;
  get(reference: string): Promise<ComplaintRecord>;
  eventTypes(reference: string): Promise<string[]>;
  /** Moves the fake clock to an instant (never backwards). */
  at(instant: string): void;
}

export async function workflow(tenantOrFile: TenantId | `${string}.yaml` | Regulation | RegulationVersions, start = MONDAY_2_MARCH): Promise<Workflow> {
  const regulations = typeof tenantOrFile === 'string' ? singleVersion(await regulationOf(tenantOrFile)) : 'versions' in tenantOrFile ? tenantOrFile : singleVersion(tenantOrFile);
  const regulation = newestVersion(regulations);
  const tenant = regulation.id;
  const register = new InMemoryRegister();
  const clock = new FakeClock(new Date(start));
  const deps = { register, clock, regulations };
  const user = (local: string, role: StaffRole) => staff(`${local}@${tenant}.example`, role);
  return {
    tenant,
    regulation,
    regulations,
    register,
    clock,
    coordinator: user('coordinator', 'coordinator'),
    director: user('director', 'director'),
    officer: user('officer', 'complaints-officer'),
    handler1: user('handler1', 'handler'),
    handler2: user('handler2', 'handler'),
    async submit(body = {}) {
      const result = await registerComplaint(deps, { body: { complainant, description: 'Mijn afspraak werd twee keer verzet.', ...body } });
      return result.complaint.reference;
    },
    async intake(body, by = user('coordinator', 'coordinator')) {
      const result = await registerStaffIntake(deps, { body: { complainant, description: 'Telefonisch gemelde klacht.', ...body }, staffEmail: by.email });
      return result.complaint.reference;
    },
    step: (reference, step, body, actor, expectedVersion) => performStep(deps, { step, reference, body, actor, ...(expectedVersion !== undefined ? { expectedVersion } : {}) }),
    async get(reference) {
      const complaint = await register.get(reference);
      if (!complaint) throw new Error(`no complaint ${reference}`);
      return complaint;
    },
    async eventTypes(reference) {
      return (await register.events(reference)).map((e) => e.type);
    },
    at(instant) {
      const target = new Date(instant);
      if (target.getTime() < clock.current.getTime()) throw new Error(`the clock only moves forward (${clock.current.toISOString()} -> ${instant})`);
      clock.current = target;
    },
  };
}

/** Awaits a refusal: a RuleViolationError citing exactly `citation` (undefined: cites nothing), its message matching `message`. */
export async function expectRuleViolation(promise: Promise<unknown>, citation: string | undefined, message?: RegExp): Promise<RuleViolationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the step was allowed, but the regulation forbids it').toBeInstanceOf(RuleViolationError);
  const violation = error as RuleViolationError;
  expect({ citation: violation.citation, message: violation.message }).toMatchObject({ citation, ...(message ? { message: expect.stringMatching(message) } : {}) });
  return violation;
}

/** Awaits a refusal of any kind and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the step to be refused').toBeInstanceOf(Error);
  return error as Error;
}

export const handlerRef = (actor: Actor, name = 'Hans Behandelaar', fn = 'Teamleider') => ({ email: actor.email, name, function: fn });

/**
 * The text of the letter `noticeId` in the complaint's outbox, composed as the outbox delivers it:
 * with the event that caused it (its reason, the expected date, the update it reports).
 */
export async function letterText(flow: Workflow, reference: string, noticeId: string): Promise<string> {
  const entry = [...flow.register.outbox.values()].find((e) => e.reference === reference && e.action.kind === 'email' && e.action.letter === 'notice' && e.action.notice.id === noticeId);
  if (entry?.action.kind !== 'email' || entry.action.letter !== 'notice') throw new Error(`no letter ${noticeId} for ${reference}`);
  const { notice: spec, recipient, eventType, eventSeq } = entry.action;
  const event = (await flow.register.events(reference)).find((e) => e.seq === eventSeq);
  return composeNotice({ regulation: flow.regulation, complaint: await flow.get(reference), notice: spec, recipient, ...(event ? { event } : {}), ...(eventType ? { eventType } : {}) }).text;
}
