/**
 * What changes from one version of a regulation to the next, in lines an administrator reads
 * before a new version goes live (npm run tenant:check): milestones and their periods, roles,
 * categories, letters, windows, outcomes and the external stage. Only complaints received from the
 * new version's effectiveFrom are handled by it; running complaints keep their version.
 */
import { describePeriod } from '../calendar/index.ts';
import type { Milestone, Regulation } from './schema.ts';

export interface VersionChange {
  /** What kind of rule: milestones, roles, categories, letters, windows, outcomes, external. */
  area: string;
  /** '+' added, '-' removed, '~' changed. */
  kind: '+' | '-' | '~';
  id: string;
  /** What it is or what changed, in words. */
  detail: string;
}

export function versionChanges(before: Regulation, after: Regulation): VersionChange[] {
  return [
    ...compare('milestones', before.milestones, after.milestones, milestoneText),
    ...compare('roles', before.roles, after.roles, (r) => `${r.label.en ?? r.label.nl}${r.email ? ` <${r.email}>` : ''}${r.assignment === 'per-complaint' ? ', per complaint' : ''}`),
    ...compare(
      'categories',
      before.categorySchemes.flatMap((s) => s.categories),
      after.categorySchemes.flatMap((s) => s.categories),
      (c) => `${c.label.en ?? c.label.nl}${c.formerly.length ? ` (formerly ${c.formerly.join(', ')})` : ''}`,
    ),
    ...compare(
      'letters',
      before.notices,
      after.notices,
      (n) =>
        `to ${n.to.join(', ')}${n.trigger ? ` on ${n.trigger}` : ''}${n.records ? `, records ${n.records}` : ''}: ${n.contents.join(', ')}${n.paragraphs.length ? ` + ${n.paragraphs.length} prescribed paragraph(s)` : ''}`,
    ),
    ...compare('windows', before.windows, after.windows, (w) => `${w.for}: ${JSON.stringify(w.closes ?? null)}`),
    ...compare('outcomes', before.outcomes, after.outcomes, (o) => `requires ${o.requires.join(', ') || 'nothing'}`),
    ...compare('routes', before.routing, after.routing, (r) => `${JSON.stringify(r.when)} -> ${r.to} (${r.effect})`),
    ...compare('grounds', before.admissibility?.grounds ?? [], after.admissibility?.grounds ?? [], (g) => `${g.label.en ?? g.label.nl}${g.when ? ` when ${JSON.stringify(g.when)}` : ''}`),
    ...compareOne('objection', before.objection, after.objection, (o) => `${o.kind} to ${o.to}, decided by ${o.decidedBy}`),
    ...compareOne('external', before.external, after.external, externalText),
  ];
}

/** The changes as the lines tenant:check prints. */
export function describeVersionChanges(before: Regulation, after: Regulation): string[] {
  const changes = versionChanges(before, after);
  const head = `changes from version ${before.version} to ${after.version} (for complaints received from ${after.effectiveFrom}; earlier ones keep version ${before.version}):`;
  if (!changes.length) return [head, '  none in milestones, roles, categories, letters, windows, outcomes, routes, grounds, objection or external stage'];
  return [head, ...changes.map((c) => `  ${c.kind} ${c.area} ${c.id}: ${c.detail}`)];
}

function milestoneText(m: Milestone): string {
  const variants = m.variants.length ? `; ${m.variants.length} variant(s)` : '';
  return `${m.kind}, ${describePeriod(m.period, 'en')} after ${m.anchor}, met by ${m.metBy.join(' or ')}, for ${m.responsibleRole}${m.recurring ? `, every ${describePeriod(m.recurring.every, 'en')}` : ''}${variants}`;
}

function externalText(external: Regulation['external']): string {
  switch (external.kind) {
    case 'none':
      return 'none';
    case 'fixed':
      return `fixed: ${external.body.name}`;
    case 'chosen-per-complaint':
      return `chosen per complaint by ${external.chosenBy}`;
    case 'tiers':
      return `tiers: ${external.tiers.map((t) => t.body.name).join(' -> ')}`;
  }
}

function compare<T extends { id: string }>(area: string, before: readonly T[], after: readonly T[], text: (item: T) => string): VersionChange[] {
  const changes: VersionChange[] = [];
  const old = new Map(before.map((item) => [item.id, item]));
  for (const item of after) {
    const was = old.get(item.id);
    if (!was) changes.push({ area, kind: '+', id: item.id, detail: text(item) });
    else if (text(was) !== text(item)) changes.push({ area, kind: '~', id: item.id, detail: `${text(was)} -> ${text(item)}` });
  }
  for (const item of before) if (!after.some((a) => a.id === item.id)) changes.push({ area, kind: '-', id: item.id, detail: text(item) });
  return changes;
}

function compareOne<T>(area: string, before: T | undefined, after: T | undefined, text: (item: T) => string): VersionChange[] {
  const was = before === undefined ? undefined : text(before);
  const now = after === undefined ? undefined : text(after);
  if (was === now) return [];
  if (was === undefined) return [{ area, kind: '+', id: area, detail: now! }];
  if (now === undefined) return [{ area, kind: '-', id: area, detail: was }];
  return [{ area, kind: '~', id: area, detail: `${was} -> ${now}` }];
}
