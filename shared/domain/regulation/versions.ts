/**
 * An organisation's regulation over time: its versions, each in force from its `effectiveFrom`
 * (a day on the organisation's calendar) until the next one. A complaint lives under the version
 * in force on the day it was received, for its whole life; it records that version's id
 * (`regulationVersion`), so a later version never moves it.
 */
import { addDays, localDateOf } from '../calendar/index.ts';
import type { Regulation } from './schema.ts';

export interface RegulationVersions {
  /** The organisation (tenant) id every version carries. */
  readonly id: string;
  /** Oldest first; never empty. */
  readonly versions: readonly Regulation[];
}

/** What a complaint carries to find its version again. */
export interface GovernedComplaint {
  receivedAt: string;
  regulationVersion?: string;
}

/**
 * The versions of one organisation, oldest first, after the checks across versions; `problems`
 * name the version ('version 2019-01-01: ...').
 */
export function regulationVersions(versions: readonly Regulation[]): { ok: true; regulations: RegulationVersions } | { ok: false; problems: string[] } {
  const problems = versionProblems(versions);
  if (problems.length) return { ok: false, problems };
  // ISO days order as plain text; no localeCompare (its collator is costly to load at a cold start).
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  return { ok: true, regulations: { id: sorted[0]!.id, versions: sorted } };
}

/** One version: a tenant whose regulation never changed. */
export function singleVersion(regulation: Regulation): RegulationVersions {
  return { id: regulation.id, versions: [regulation] };
}

function versionProblems(versions: readonly Regulation[]): string[] {
  if (!versions.length) return ['(file): holds no regulation'];
  const problems: string[] = [];
  const first = versions[0]!;
  const seenVersion = new Map<string, Regulation>();
  const seenDay = new Map<string, Regulation>();
  for (const reg of versions) {
    const name = `version ${reg.version}`;
    if (reg.id !== first.id) problems.push(`${name}: id: must be the organisation's id "${first.id}" in every version (is "${reg.id}")`);
    if (seenVersion.has(reg.version)) problems.push(`${name}: version: is given twice; every version needs its own`);
    const sameDay = seenDay.get(reg.effectiveFrom);
    if (sameDay) problems.push(`${name}: effectiveFrom: ${reg.effectiveFrom} is also the start of version ${sameDay.version}; one version is in force on a day`);
    // Receipt is counted on one calendar: a version cannot move the organisation to another zone.
    if (reg.organisation.timeZone !== first.organisation.timeZone) problems.push(`${name}: organisation.timeZone: must be ${first.organisation.timeZone} as in version ${first.version}`);
    // The stack verifies one sending domain with SES; older complaints' letters go out from it too.
    const domain = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    if (domain(reg.organisation.senderAddress) !== domain(first.organisation.senderAddress))
      problems.push(`${name}: organisation.senderAddress: must be at the domain ${domain(first.organisation.senderAddress)} as in version ${first.version} (one verified sender per organisation)`);
    // In a file of several versions, `supersedes` names one of them; alone, it may name a text kept elsewhere.
    if (versions.length > 1 && reg.supersedes !== undefined && !versions.some((earlier) => earlier.version === reg.supersedes && earlier.effectiveFrom < reg.effectiveFrom)) {
      problems.push(
        `${name}: supersedes: must name an earlier version in this file (${
          versions
            .filter((v) => v.effectiveFrom < reg.effectiveFrom)
            .map((v) => v.version)
            .join(', ') || 'there is none'
        })`,
      );
    }
    seenVersion.set(reg.version, reg);
    seenDay.set(reg.effectiveFrom, reg);
  }
  return problems;
}

/**
 * The version in force at an instant (its local day on or after the version's effectiveFrom);
 * before the first version, the first (a complaint registered by staff long after it was received).
 */
export function versionInForce(regulations: RegulationVersions, at: Date): Regulation {
  // Every zone's day is within one day of the UTC day (offsets lie between -12 and +14 hours):
  // when the same version is in force on the UTC days before and after, it is the one, and the
  // zone's rules (Intl, costly to load at a cold start) are not needed. Near a change, they are.
  const utc = at.toISOString();
  if (utc.length === 24 && utc >= '0001' && utc < '9999') {
    const earliest = inForceOn(regulations, addDays(utc.slice(0, 10), -1));
    if (earliest === inForceOn(regulations, addDays(utc.slice(0, 10), 1))) return earliest;
  }
  return inForceOn(regulations, localDateOf(at, regulations.versions[0]!.organisation.timeZone));
}

/** The version in force on a local day (the first, before it). */
function inForceOn(regulations: RegulationVersions, day: string): Regulation {
  let found = regulations.versions[0]!;
  for (const reg of regulations.versions) if (reg.effectiveFrom <= day) found = reg;
  return found;
}

/** The version a complaint lives under: the one it recorded, or (older records) the one in force when it was received. */
export function versionOf(regulations: RegulationVersions, complaint: GovernedComplaint): Regulation {
  const recorded = complaint.regulationVersion === undefined ? undefined : regulations.versions.find((r) => r.version === complaint.regulationVersion);
  return recorded ?? versionInForce(regulations, new Date(complaint.receivedAt));
}

/** The newest version: what the organisation's next version is compared with, and what names it. */
export function newestVersion(regulations: RegulationVersions): Regulation {
  return regulations.versions[regulations.versions.length - 1]!;
}

/** Which version applies, as the file, the console and the status page say it. */
export interface VersionNote {
  version: string;
  effectiveFrom: string;
  title: string;
  /** A later version is in force now: this complaint keeps the rules it was received under. */
  superseded: boolean;
}

export function versionNote(regulations: RegulationVersions, regulation: Regulation, now: Date): VersionNote {
  return {
    version: regulation.version,
    effectiveFrom: regulation.effectiveFrom,
    title: regulation.source.title,
    superseded: versionInForce(regulations, now).version !== regulation.version && regulation.effectiveFrom < versionInForce(regulations, now).effectiveFrom,
  };
}

/**
 * What a new or edited version would do to complaints already registered: each problem names
 * the version, the complaint and what to do. A complaint keeps the version it recorded, so this
 * guards the file, not the complaints: a version must not claim days on which complaints were
 * already received under another, and a version complaints live under must stay in the file.
 */
export function versionsAgainstComplaints(regulations: RegulationVersions, complaints: ReadonlyArray<{ reference: string; receivedAt: string; regulationVersion?: string }>): string[] {
  const problems: string[] = [];
  const timeZone = regulations.versions[0]!.organisation.timeZone;
  const byVersion = new Map(regulations.versions.map((r) => [r.version, r]));
  for (const complaint of complaints) {
    if (complaint.regulationVersion !== undefined && !byVersion.has(complaint.regulationVersion)) {
      problems.push(
        `version ${complaint.regulationVersion}: is missing from the file, but ${complaint.reference} (received ${localDateOf(new Date(complaint.receivedAt), timeZone)}) lives under it; keep that version in the file`,
      );
    }
  }
  // The newest receipt under each version: a later version may not start on or before it.
  const newest = new Map<string, { reference: string; day: string }>();
  for (const complaint of complaints) {
    const version = versionOf(regulations, complaint).version;
    const day = localDateOf(new Date(complaint.receivedAt), timeZone);
    const known = newest.get(version);
    if (!known || day > known.day) newest.set(version, { reference: complaint.reference, day });
  }
  for (const [version, latest] of newest) {
    const governing = byVersion.get(version);
    if (!governing) continue;
    for (const later of regulations.versions) {
      if (later.effectiveFrom <= governing.effectiveFrom || later.effectiveFrom > latest.day) continue;
      problems.push(
        `version ${later.version}: effectiveFrom: ${later.effectiveFrom} is on or before the receipt of ${latest.reference} (received ${latest.day}), which lives under version ${version}: the new rules would claim complaints already handled under the old ones. Let it take effect after the newest complaint: ${addDays(latest.day, 1)} or later`,
      );
    }
  }
  return [...new Set(problems)];
}
