/**
 * Validation of a regulation: the structure (schema.ts) and the checks across fields (every role,
 * category, channel and complainant named anywhere is defined; milestones make sense), with every
 * problem reported as 'path.to.field: what is wrong'.
 */
import type * as z from 'zod';
import { type Regulation, regulationStructureSchema } from './schema.ts';
import { BUILT_IN_STATED_DATES, EVENT_NAMES, OBJECTION_EVENTS, parseAnchor } from './vocabulary.ts';
import { MAX_MILESTONE_ID_LENGTH, MAX_RECURRING_MILESTONE_ID_LENGTH } from './schedule-names.ts';

/** The id every tenant must define: the coordinator gets the intake notice and the escalations. */
export const COORDINATOR_ROLE = 'coordinator';

type Path = ReadonlyArray<PropertyKey>;
type Report = (path: Path, message: string) => void;

/** The regulation schema with the cross-reference checks: `regulationSchema.parse` gives a checked regulation. */
export const regulationSchema = regulationStructureSchema.superRefine((reg, ctx) => {
  // zod runs this after problems that keep the shape (a malformed e-mail, a bad id), so both kinds
  // are reported together. Should a problem it lets through still break the shape assumed here,
  // the structural problems already on ctx say what to fix.
  try {
    crossCheck(reg, (path, message) => ctx.addIssue({ code: 'custom', path: [...path], message }));
  } catch {
    if (ctx.issues.length === 0) throw new Error('regulation cross-check failed on a regulation without structural problems');
  }
});

export type ParseResult = { ok: true; regulation: Regulation } | { ok: false; problems: string[] };

export interface ParseOptions {
  /** The id the regulation must have (the file name without extension). */
  expectedId?: string;
}

/** Validate raw data (parsed YAML or JSON). Problems read 'path.to.field: what is wrong'. */
export function parseRegulation(raw: unknown, options: ParseOptions = {}): ParseResult {
  const result = regulationSchema.safeParse(raw, { reportInput: true });
  const problems = result.success ? [] : result.error.issues.flatMap(describeIssue);
  if (options.expectedId !== undefined && isRecord(raw) && typeof raw.id === 'string' && raw.id !== options.expectedId) {
    problems.unshift(`id: must equal the file name "${options.expectedId}" (is "${raw.id}")`);
  }
  if (problems.length > 0 || !result.success) return { ok: false, problems: [...new Set(problems)] };
  return { ok: true, regulation: result.data };
}

// --- problem wording -------------------------------------------------------------------------------

/** 'milestones[2].period.unit'; '(file)' for the top level. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(file)' : out;
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = issue.path;
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return [`${formatPath(path)}: required`];
  switch (issue.code) {
    case 'unrecognized_keys':
      // A flow map `{ text: Binnen vijf dagen, schriftelijk }` splits at the comma into a key with no value.
      return issue.keys.map((key) =>
        /[\s,;]/.test(key) || (isRecord(input) && input[key] === null)
          ? `${formatPath(path)}: unknown field "${key}": text with a comma inside { ... } must be quoted ('...')`
          : `${formatPath([...path, key])}: unknown field (check the spelling; see docs/regulation-format.md)`,
      );
    case 'invalid_type':
      if (input === undefined) return [`${formatPath(path)}: required`];
      if (/^(Invalid input|must be of type)/.test(issue.message)) return [`${formatPath(path)}: expected ${issue.expected}${gotValue(input)}`];
      return [`${formatPath(path)}: ${issue.message}${gotValue(input)}`];
    case 'invalid_value':
      if (!/^Invalid option/.test(issue.message)) return [`${formatPath(path)}: ${issue.message}${gotValue(input)}`];
      return [`${formatPath(path)}: must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${gotValue(input)}`];
    case 'invalid_union': {
      const discriminated = issue as { note?: string; discriminator?: string; options?: unknown[] };
      if (discriminated.note === 'No matching discriminator' && discriminated.options) {
        const got = isRecord(input) && discriminated.discriminator ? input[discriminated.discriminator] : undefined;
        return [`${formatPath(path)}: must be one of: ${discriminated.options.join(', ')}${gotValue(got)}`];
      }
      // A plain union: report the alternative that got furthest (the most specific complaint).
      const deepest = issue.errors.map((alternative) => alternative.flatMap((inner) => describeIssue({ ...inner, path: [...path, ...inner.path] }))).sort((a, b) => depth(b) - depth(a))[0];
      return deepest && deepest.length > 0 ? deepest : [`${formatPath(path)}: ${issue.message}`];
    }
    case 'too_small':
      if (issue.origin === 'array') return [`${formatPath(path)}: ${customOr(issue.message, `must have at least ${issue.minimum} item(s)`)}`];
      if (issue.origin === 'string') return [`${formatPath(path)}: ${customOr(issue.message, 'must not be empty')}`];
      return [`${formatPath(path)}: ${customOr(issue.message, `must be at least ${issue.minimum}`)}${gotValue(input)}`];
    case 'too_big':
      return [`${formatPath(path)}: ${customOr(issue.message, `must be at most ${issue.maximum}`)}${gotValue(input)}`];
    default:
      // Cross-reference issues carry no input; refinements of a value (a date, a time zone) show it.
      return [`${formatPath(path)}: ${issue.message}${isRecord(input) || Array.isArray(input) ? '' : gotValue(input)}`];
  }
}

function depth(problems: string[]): number {
  return Math.max(0, ...problems.map((p) => (p.split(':')[0] ?? '').split(/[.[]/).length));
}

function customOr(message: string, fallback: string): string {
  // zod's default message (its own locale, or the runtime's in shared/domain/zod.ts) gives way to ours.
  return /^(Too (small|big)|must be at (least|most) )/.test(message) ? fallback : message;
}

function gotValue(input: unknown): string {
  if (input === undefined) return '';
  if (isRecord(input) || Array.isArray(input)) return Array.isArray(input) ? ' (got a list)' : ' (got an object)';
  return ` (got ${JSON.stringify(input)})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- checks across fields -------------------------------------------------------------------------

function crossCheck(reg: Regulation, report: Report): void {
  const roles = new Map(reg.roles.map((role) => [role.id, role]));
  const roleList = [...roles.keys()].join(', ');
  const categoryIds = new Set(reg.categorySchemes.flatMap((scheme) => scheme.categories.map((c) => c.id)));
  const channelIds = new Set(reg.intake.channels.map((c) => c.id));
  const complainantIds = new Set(reg.scope.complainants.map((c) => c.id));

  // Ids are unique within their list (categories: across all schemes, since conditions name them alone).
  const unique = (items: ReadonlyArray<{ id: string }>, path: Path, what: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) report([...path, i, 'id'], `duplicate ${what} id "${item.id}"`);
      seen.add(item.id);
    });
  };
  unique(reg.roles, ['roles'], 'role');
  unique(reg.intake.channels, ['intake', 'channels'], 'channel');
  unique(reg.scope.complainants, ['scope', 'complainants'], 'complainant');
  unique(reg.categorySchemes, ['categorySchemes'], 'category scheme');
  const seenCategories = new Set<string>();
  reg.categorySchemes.forEach((scheme, s) =>
    scheme.categories.forEach((category, c) => {
      if (seenCategories.has(category.id)) report(['categorySchemes', s, 'categories', c, 'id'], `duplicate category id "${category.id}" (category ids are unique across all schemes)`);
      seenCategories.add(category.id);
    }),
  );
  unique(reg.admissibility.grounds, ['admissibility', 'grounds'], 'ground');
  unique(reg.routing, ['routing'], 'route');
  unique(reg.notices, ['notices'], 'notice');
  unique(reg.duties, ['duties'], 'duty');
  unique(reg.milestones, ['milestones'], 'milestone');
  unique(reg.events, ['events'], 'event');
  unique(reg.statedDates, ['statedDates'], 'stated date');
  reg.events.forEach((e, i) => {
    if ((EVENT_NAMES as readonly string[]).includes(e.id)) report(['events', i, 'id'], `"${e.id}" is already an event of the vocabulary: use it without declaring it`);
  });
  unique(reg.windows, ['windows'], 'window');
  unique(reg.outcomes, ['outcomes'], 'outcome');
  unique(reg.reporting, ['reporting'], 'reporting');
  unique(reg.notes, ['notes'], 'note');
  if (reg.resolution) unique(reg.resolution.remedies, ['resolution', 'remedies'], 'remedy');
  if (new Set(reg.organisation.languages).size !== reg.organisation.languages.length) {
    report(['organisation', 'languages'], 'lists a language twice');
  }

  // Every role named anywhere is defined.
  const role = (id: string | undefined, path: Path) => {
    if (id !== undefined && !roles.has(id)) report(path, `unknown role "${id}" (defined roles: ${roleList})`);
  };
  const party = (id: string, path: Path) => {
    if (id !== 'complainant' && id !== 'system' && id !== 'any-staff' && id !== 'receiver' && id !== 'addressed-staff' && id !== 'organisation') {
      role(id, path);
    }
  };
  const coordinator = roles.get(COORDINATOR_ROLE);
  if (!coordinator) {
    report(['roles'], `must define the role "${COORDINATOR_ROLE}" (who gets the intake notice and escalations)`);
  } else if (coordinator.assignment !== 'fixed' || !coordinator.email) {
    const index = reg.roles.indexOf(coordinator);
    report(['roles', index, 'email'], `required: the coordinator is a fixed role with an e-mail address (notices and escalations go there)`);
  }

  reg.roleRules.forEach((rule, i) => {
    const at = ['roleRules', i];
    role(rule.role, [...at, 'role']);
    switch (rule.rule) {
      case 'substitute-when-involved':
        role(rule.substitute, [...at, 'substitute']);
        role(rule.appointedBy, [...at, 'appointedBy']);
        if (rule.substitute === rule.role) report([...at, 'substitute'], 'must differ from role');
        break;
      case 'assigns':
        role(rule.assigns, [...at, 'assigns']);
        break;
      case 'may-be-assisted-by':
        rule.assistants.forEach((a, j) => role(a, [...at, 'assistants', j]));
        break;
      case 'keeps-informed':
        role(rule.informs, [...at, 'informs']);
        break;
      default:
        break;
    }
  });

  reg.intake.channels.forEach((channel, i) => role(channel.handledBy, ['intake', 'channels', i, 'handledBy']));
  party(reg.intake.receivedBy, ['intake', 'receivedBy']);
  party(reg.intake.registeredBy, ['intake', 'registeredBy']);
  role(reg.intake.writtenOriginalTo, ['intake', 'writtenOriginalTo']);
  role(reg.intake.modeClassifiedBy, ['intake', 'modeClassifiedBy']);
  if (reg.informalResolution) {
    party(reg.informalResolution.by, ['informalResolution', 'by']);
    reg.informalResolution.mayConsult.forEach((r, j) => role(r, ['informalResolution', 'mayConsult', j]));
  }
  reg.categorySchemes.forEach((scheme, i) => role(scheme.classifiedBy, ['categorySchemes', i, 'classifiedBy']));

  // Events, stated dates and anchors name what exists.
  const eventIds = new Set<string>([...EVENT_NAMES, ...reg.events.map((e) => e.id)]);
  const statedIds = new Set<string>([...BUILT_IN_STATED_DATES, ...reg.statedDates.map((d) => d.id)]);
  const milestoneIds = new Set(reg.milestones.map((m) => m.id));
  const windowIds = new Set(reg.windows.map((w) => w.id));
  const event = (id: string, path: Path) => {
    if (!eventIds.has(id)) report(path, `must be a known event (one of the vocabulary, docs/regulation-format.md#events, or one declared under events:), not "${id}"`);
  };
  const statedDate = (id: string, path: Path) => {
    if (!statedIds.has(id)) report(path, `unknown stated date "${id}" (known: ${[...statedIds].join(', ')}; declare it under statedDates:)`);
  };
  const anchor = (ref: string, path: Path) => {
    const parsed = parseAnchor(ref);
    if (parsed.kind === 'event') event(parsed.event, path);
    else if (parsed.kind === 'stated') statedDate(parsed.id, path);
    else if (!milestoneIds.has(parsed.milestone)) report(path, `unknown milestone "${parsed.milestone}" (defined: ${[...milestoneIds].join(', ') || 'none'})`);
  };
  const milestoneRef = (id: string, path: Path) => {
    if (!milestoneIds.has(id)) report(path, `unknown milestone "${id}" (defined: ${[...milestoneIds].join(', ') || 'none'})`);
  };
  const moment = (m: NonNullable<Regulation['windows'][number]['closes']>, path: Path): void => {
    if (typeof m === 'string') {
      anchor(m, path);
      return;
    }
    if ('from' in m) {
      if (typeof m.from === 'string') anchor(m.from, [...path, 'from']);
      else moment(m.from, [...path, 'from']);
      return;
    }
    const parts = 'earliest' in m ? m.earliest : m.latest;
    parts.forEach((part, j) => moment(part, [...path, 'earliest' in m ? 'earliest' : 'latest', j]));
  };
  reg.events.forEach((e, i) => e.recordedBy.forEach((r, j) => role(r, ['events', i, 'recordedBy', j])));

  // Conditions name categories, channels and complainants that exist.
  const condition = (c: Regulation['milestones'][number]['appliesWhen'], path: Path): void => {
    if (!c) return;
    c.categories?.forEach((id, j) => {
      if (!categoryIds.has(id)) report([...path, 'categories', j], `unknown category "${id}" (defined: ${[...categoryIds].join(', ') || 'none; add categorySchemes'})`);
    });
    c.channels?.forEach((id, j) => {
      if (!channelIds.has(id)) report([...path, 'channels', j], `unknown channel "${id}" (defined: ${[...channelIds].join(', ')})`);
    });
    c.complainants?.forEach((id, j) => {
      if (!complainantIds.has(id)) report([...path, 'complainants', j], `unknown complainant "${id}" (defined in scope.complainants: ${[...complainantIds].join(', ')})`);
    });
    if (c.representative !== undefined && !reg.representation?.onBehalfAllowed) {
      report([...path, 'representative'], 'needs representation.onBehalfAllowed: true');
    }
    if (c.event !== undefined) event(c.event, [...path, 'event']);
    if (c.event && OBJECTION_EVENTS.includes(c.event as never) && !reg.objection) {
      report([...path, 'event'], `"${c.event}" needs an objection stage (objection:)`);
    }
    c.stated?.forEach((id, j) => statedDate(id, [...path, 'stated', j]));
    if (c.receivedOutside !== undefined && !windowIds.has(c.receivedOutside)) {
      report([...path, 'receivedOutside'], `unknown window "${c.receivedOutside}" (defined: ${[...windowIds].join(', ') || 'none'})`);
    }
    c.met?.forEach((id, j) => milestoneRef(id, [...path, 'met', j]));
    c.missed?.forEach((id, j) => milestoneRef(id, [...path, 'missed', j]));
    if (c.not) condition(c.not, [...path, 'not']);
    c.anyOf?.forEach((alternative, j) => condition(alternative, [...path, 'anyOf', j]));
  };

  // Roles that receive mail from the system need an address.
  const needsMail = (id: string | undefined, path: Path, why: string) => {
    const r = id === undefined ? undefined : roles.get(id);
    if (r && r.assignment === 'fixed' && !r.email) {
      report(path, `role "${r.id}" ${why} but has no e-mail: give roles[${reg.roles.indexOf(r)}].email, or make it assignment: per-complaint`);
    }
  };

  role(reg.admissibility.decidedBy, ['admissibility', 'decidedBy']);
  reg.admissibility.grounds.forEach((ground, i) => {
    condition(ground.when, ['admissibility', 'grounds', i, 'when']);
    role(ground.referral?.to, ['admissibility', 'grounds', i, 'referral', 'to']);
    needsMail(ground.referral?.to, ['admissibility', 'grounds', i, 'referral', 'to'], 'receives referred complaints');
  });
  reg.routing.forEach((route, i) => {
    role(route.to, ['routing', i, 'to']);
    condition(route.when, ['routing', i, 'when']);
    route.responsibleFor.forEach((id, j) => milestoneRef(id, ['routing', i, 'responsibleFor', j]));
  });
  const representation = reg.representation;
  if (representation) {
    const kinds = new Set(representation.kinds.map((k) => k.id));
    unique(representation.kinds, ['representation', 'kinds'], 'representative kind');
    representation.authorisationFor.forEach((id, j) => {
      if (!kinds.has(id)) report(['representation', 'authorisationFor', j], `unknown representative kind "${id}" (defined in representation.kinds: ${[...kinds].join(', ') || 'none'})`);
    });
    if (representation.authorisation === 'for-kinds' && !representation.authorisationFor.length) {
      report(['representation', 'authorisationFor'], 'required with authorisation: for-kinds (name the kinds that need an authorisation)');
    }
  }
  const hearing = reg.investigation?.hearing;
  if (hearing?.exceptions.includes('no-reply') && hearing.required === 'on-request') {
    report(['investigation', 'hearing', 'exceptions'], '"no-reply" is an exception to a required hearing, not to one on request');
  }
  const advice = reg.resolution?.advice;
  if (advice) {
    role(advice.by, ['resolution', 'advice', 'by']);
    if (advice.recordedAs !== undefined) event(advice.recordedAs, ['resolution', 'advice', 'recordedAs']);
  }
  if (reg.representation?.pausesClock && !reg.representation.authorisationRequired) {
    report(['representation', 'pausesClock'], 'the clock can only wait for an authorisation that is required (authorisationRequired: true)');
  }
  if (reg.representation?.authorisationRequired && !reg.representation.onBehalfAllowed) {
    report(['representation', 'authorisationRequired'], 'an authorisation is only needed when filing on behalf is allowed (onBehalfAllowed: true)');
  }
  if (reg.investigation) role(reg.investigation.by, ['investigation', 'by']);
  if (reg.resolution) {
    role(reg.resolution.decidedBy, ['resolution', 'decidedBy']);
    role(reg.resolution.followUpBy, ['resolution', 'followUpBy']);
    reg.resolution.mayConsult.forEach((r, j) => role(r, ['resolution', 'mayConsult', j]));
  }
  if (reg.measures) role(reg.measures.decidedBy, ['measures', 'decidedBy']);

  reg.notices.forEach((notice, i) => {
    notice.to.forEach((to, j) => {
      party(to, ['notices', i, 'to', j]);
      if (notice.from === 'system') needsMail(to, ['notices', i, 'to', j], 'receives an automatic notice');
    });
    party(notice.from, ['notices', i, 'from']);
  });
  reg.duties.forEach((duty, i) => party(duty.role, ['duties', i, 'role']));
  reg.notices.forEach((notice, i) => {
    if (notice.trigger !== undefined) event(notice.trigger, ['notices', i, 'trigger']);
  });

  let acknowledgements = 0;
  reg.milestones.forEach((m, i) => {
    const at = ['milestones', i];
    role(m.responsibleRole, [...at, 'responsibleRole']);
    role(m.escalationRole, [...at, 'escalationRole']);
    needsMail(m.responsibleRole, [...at, 'responsibleRole'], 'gets reminders');
    needsMail(m.escalationRole, [...at, 'escalationRole'], 'gets escalations');
    if (m.escalationRole !== undefined && m.escalationRole === m.responsibleRole) {
      report([...at, 'escalationRole'], 'must differ from responsibleRole (escalating to the same role changes nothing)');
    }
    anchor(m.anchor, [...at, 'anchor']);
    m.metBy.forEach((e, j) => event(e, [...at, 'metBy', j]));
    if (m.metBy.includes(m.anchor)) report([...at, 'metBy'], `must differ from anchor ("${m.anchor}")`);
    if (OBJECTION_EVENTS.includes(m.anchor as never) && !reg.objection) report([...at, 'anchor'], `"${m.anchor}" needs an objection stage (objection:)`);
    if (m.anchor === `missed:${m.id}`) {
      report([...at, 'anchor'], 'a milestone cannot be counted from its own miss');
    }
    condition(m.appliesWhen, [...at, 'appliesWhen']);
    condition(m.unless, [...at, 'unless']);
    m.variants.forEach((v, j) => condition(v.when, [...at, 'variants', j, 'when']));
    // Schedule names ("<reference>.<milestone>[.<occurrence>].remind") must fit EventBridge Scheduler's 64 characters.
    const limit = m.recurring ? MAX_RECURRING_MILESTONE_ID_LENGTH : MAX_MILESTONE_ID_LENGTH;
    if (m.id.length > limit) {
      report(
        [...at, 'id'],
        `is ${m.id.length} characters; at most ${limit}${m.recurring ? ' for a recurring milestone' : ''}, so its schedule names fit EventBridge Scheduler's limit of 64 characters`,
      );
    }
    if (m.reminderLeadWorkingDays !== undefined) {
      if (m.period.unit === 'same-day') report([...at, 'reminderLeadWorkingDays'], 'a same-day milestone has no day before it to remind on');
      else if (m.period.unit === 'working-days' && m.reminderLeadWorkingDays >= m.period.amount) {
        report([...at, 'reminderLeadWorkingDays'], `must be less than the period (${m.period.amount} working days), or the reminder falls on or before the anchor day`);
      }
    }
    const extension = m.extension;
    if (extension) {
      extension.notice.to.forEach((to, j) => party(to, [...at, 'extension', 'notice', 'to', j]));
    }
    if (m.recurring) {
      if (m.recurring.every.unit === 'same-day' || m.recurring.every.amount === 0) report([...at, 'recurring', 'every'], 'must be a period longer than zero');
      m.recurring.until.forEach((e, j) => event(e, [...at, 'recurring', 'until', j]));
      if (m.metBy.includes('acknowledged')) report([...at, 'recurring'], 'the acknowledgement does not recur');
    }
    if (m.metBy.includes('acknowledged')) acknowledgements += 1;
    if (m.metBy.includes('acknowledged') && acknowledgements === 2) {
      report([...at, 'metBy'], 'only one milestone can be the acknowledgement (metBy: acknowledged)');
    }
  });

  reg.windows.forEach((w, i) => {
    role(w.addressedTo, ['windows', i, 'addressedTo']);
    if (w.opens !== undefined) moment(w.opens, ['windows', i, w.anchor !== undefined && w.opens === w.anchor ? 'anchor' : 'opens']);
    if (w.closes !== undefined) moment(w.closes, ['windows', i, w.anchor !== undefined && typeof w.closes === 'object' && 'from' in w.closes && w.closes.from === w.anchor ? 'anchor' : 'closes']);
    condition(w.appliesWhen, ['windows', i, 'appliesWhen']);
    if (w.for === 'objection' && !reg.objection) report(['windows', i, 'for'], 'an objection window needs an objection stage (objection:)');
    w.variants.forEach((v, j) => {
      condition(v.when, ['windows', i, 'variants', j, 'when']);
      moment(v.closes, ['windows', i, 'variants', j, 'closes']);
    });
    w.heldOpenBy.forEach((e, j) => event(e, ['windows', i, 'heldOpenBy', j]));
  });
  if (reg.objection) {
    role(reg.objection.to, ['objection', 'to']);
    role(reg.objection.decidedBy, ['objection', 'decidedBy']);
  }
  const externalWindow = (id: string | undefined, path: Path) => {
    if (id === undefined) return;
    const w = reg.windows.find((x) => x.id === id);
    if (!w) report(path, `unknown window "${id}" (defined: ${[...windowIds].join(', ') || 'none'})`);
    else if (w.for !== 'external-complaint' && w.for !== 'appeal') report(path, `window "${id}" is for ${w.for}; a tier's filing window is for external-complaint or appeal`);
  };
  if (reg.external.kind === 'fixed' || reg.external.kind === 'chosen-per-complaint') {
    if (reg.external.after === 'objection' && !reg.objection) report(['external', 'after'], '"objection" needs an objection stage (objection:)');
    externalWindow(reg.external.window, ['external', 'window']);
  }
  if (reg.external.kind === 'tiers') {
    unique(reg.external.tiers, ['external', 'tiers'], 'tier');
    reg.external.tiers.forEach((tier, i) => {
      const at = ['external', 'tiers', i];
      condition(tier.when, [...at, 'when']);
      condition(tier.opens.directlyWhen, [...at, 'opens', 'directlyWhen']);
      externalWindow(tier.window, [...at, 'window']);
      if (tier.opens.after === 'objection' && !reg.objection) report([...at, 'opens', 'after'], '"objection" needs an objection stage (objection:)');
      if (tier.opens.after === 'previous-tier' && i === 0) report([...at, 'opens', 'after'], 'the first tier has no tier before it');
    });
  }
  if (reg.external.kind === 'chosen-per-complaint') {
    party(reg.external.chosenBy, ['external', 'chosenBy']);
    unique(reg.external.options, ['external', 'options'], 'option');
    reg.external.complainants?.forEach((id, j) => {
      if (!complainantIds.has(id)) report(['external', 'complainants', j], `unknown complainant "${id}" (defined in scope.complainants: ${[...complainantIds].join(', ')})`);
    });
  }
  if (reg.signOff) reg.signOff.by.forEach((r, j) => party(r, ['signOff', 'by', j]));
  if (reg.satisfactionCheck) role(reg.satisfactionCheck.by, ['satisfactionCheck', 'by']);
  reg.reporting.forEach((r, i) => party(r.by, ['reporting', i, 'by']));
  role(reg.retention.archivedBy, ['retention', 'archivedBy']);
  event(reg.retention.after, ['retention', 'after']);
  reg.retention.orOnceAnyOf.forEach((e, j) => event(e, ['retention', 'orOnceAnyOf', j]));
  if (reg.retention.keep.unit === 'same-day' || reg.retention.keep.amount === 0) {
    report(['retention', 'keep'], 'must be a period longer than zero');
  }
}
