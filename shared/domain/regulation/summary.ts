/**
 * A regulation as a short readable procedure, in Dutch or English: how to complain, who handles a
 * complaint, what the complainant can expect, and the concrete dates for a complaint received on a
 * given day. Plain text; the form page and the acknowledgement use it.
 */
import { describePeriod, localDateOf } from '../calendar/index.ts';
import { eventLabel, roleLabel, scheduleMilestone, statedDateLabel } from './milestones.ts';
import type { Citation, Condition, Language, Milestone, Regulation } from './schema.ts';
import { type EventName, OBJECTION_EVENTS, parseAnchor } from './vocabulary.ts';
import { format, label, lookup, texts, type TextParams } from '../../texts/index.ts';
import { formatLongDate } from './long-date.ts';

// The summary's way of writing a day, shared with the hosted pages (long-date.ts).
export { formatLongDate };

export interface SummaryOptions {
  /** Default: the organisation's first language. */
  lang?: Language;
  /** Show the concrete dates for a complaint received at this instant. */
  receivedAt?: Date;
}

/** Events that the complainant sees happen; milestones met by other events are internal. */
const COMPLAINANT_FACING: ReadonlySet<string> = new Set<EventName>([
  'acknowledged',
  'contacted',
  'offer-made',
  'ruling-sent',
  'report-sent',
  'not-taken-up-notified',
  'objection-decided',
  'external-referral-given',
  'hearing-held',
  'progress-update-sent',
  'holding-response-sent',
  'delay-notified',
]);
const facingMilestone = (m: Milestone) => m.metBy.some((e) => COMPLAINANT_FACING.has(e));
const isObjectionAnchor = (anchor: string) => (OBJECTION_EVENTS as readonly string[]).includes(anchor);

/** The summary's words in a language (shared/texts, area `summary`), and a text of theirs filled in. */
function wordsOf(lang: Language) {
  const w = texts(lang).summary;
  return { w, f: (template: string, params: TextParams) => format(template, params, lang) };
}

/** A role as the middle of a Dutch sentence writes it (all lower case), or an English one (its first letter). */
function lowerFor(lang: Language, role: string): string {
  return lang === 'nl' ? role.toLowerCase() : lower(role);
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function cite(citation: Citation): string {
  return citation.source ? `${citation.article}, ${citation.source}` : citation.article;
}

function list(items: string[], lang: Language, joiner: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${texts(lang).summary[joiner]} ${items.at(-1)}`;
}

function anchorPhrase(event: string, lang: Language, reg?: Regulation): string {
  const { w, f } = wordsOf(lang);
  if (event === 'objection-received' && reg?.objection?.kind === 'complaint-about-handling') return w.anchorHandlingComplaint;
  // The events the summary has its own phrase for ('na ontvangst van de klacht').
  const phrase = lookup(lang, `summary.anchor.${event}`);
  if (phrase) return phrase;
  const anchor = parseAnchor(event);
  if (anchor.kind === 'stated') return f(w.anchorStated, { label: statedDateLabel(reg!, anchor.id, lang) });
  if (anchor.kind === 'missed') {
    return f(w.anchorMissed, { label: reg?.milestones.find((m) => m.id === anchor.milestone)?.label[lang] ?? anchor.milestone });
  }
  return f(w.anchorEvent, { label: reg ? eventLabel(reg, event, lang) : event });
}

function describeCondition(reg: Regulation, condition: Condition, lang: Language): string {
  const parts: string[] = [];
  if (condition.event) parts.push(eventLabel(reg, condition.event, lang));
  if (condition.categories) {
    const labels = reg.categorySchemes
      .flatMap((s) => s.categories)
      .filter((c) => condition.categories?.includes(c.id))
      .map((c) => c.label[lang]);
    parts.push(list(labels, lang, 'or'));
  }
  if (condition.channels) {
    parts.push(
      list(
        condition.channels.map((id) => channelLabel(reg, id, lang)),
        lang,
        'or',
      ),
    );
  }
  if (condition.complainants) {
    parts.push(
      list(
        reg.scope.complainants.filter((c) => condition.complainants?.includes(c.id)).map((c) => c.label[lang]),
        lang,
        'or',
      ),
    );
  }
  const { w, f } = wordsOf(lang);
  if (condition.representative !== undefined) parts.push(condition.representative ? w.onBehalfFiled : w.selfFiled);
  if (condition.stated)
    parts.push(
      list(
        condition.stated.map((id) => statedDateLabel(reg, id, lang)),
        lang,
        'or',
      ),
    );
  if (condition.receivedOutside) {
    parts.push(f(w.filedOutside, { label: reg.windows.find((x) => x.id === condition.receivedOutside)?.label[lang] ?? condition.receivedOutside }));
  }
  if (condition.not) parts.push(`${w.not}: ${describeCondition(reg, condition.not, lang)}`);
  if (condition.anyOf) {
    const alternatives = condition.anyOf
      .map((alternative) => describeCondition(reg, alternative, lang))
      .filter(Boolean)
      .join(w.orAlternatives);
    if (alternatives) parts.push(Object.keys(condition).length > 1 ? `(${alternatives})` : alternatives);
  }
  return parts.join('; ');
}

function channelLabel(reg: Regulation, id: string, lang: Language): string {
  const channel = reg.intake.channels.find((c) => c.id === id);
  if (!channel) return id;
  return channel.label?.[lang] ?? label(lang, 'channel', channel.kind);
}

function milestoneTiming(m: Milestone, lang: Language, reg: Regulation): string {
  const { w, f } = wordsOf(lang);
  if (m.period.unit === 'same-day') return m.anchor === 'received' ? w.sameDayReceived : `${w.sameDay} (${anchorPhrase(m.anchor, lang, reg)})`;
  const upTo = m.extension?.upTo;
  const extension = upTo && upTo !== 'open' ? ` (${f(w.extendable, { period: describePeriod(upTo, lang) })})` : '';
  const target = m.kind === 'target' ? `${w.aim}: ` : '';
  const every = m.recurring ? `, ${f(w.thenEvery, { period: describePeriod(m.recurring.every, lang) })}` : '';
  const first = m.recurring ? m.recurring.every : m.period;
  return `${target}${w.within} ${describePeriod(first, lang)} ${anchorPhrase(m.anchor, lang, reg)}${every}${extension}`;
}

/** 'binnen 1 maand na de uitspraak'; for a window built of several moments, each part. */
function windowTiming(win: Regulation['windows'][number], lang: Language, reg: Regulation): string {
  const { w } = wordsOf(lang);
  const moment = (m: NonNullable<Regulation['windows'][number]['closes']>): string => {
    if (typeof m === 'string') return anchorPhrase(m, lang, reg);
    if ('from' in m) return `${w.within} ${describePeriod(m.period, lang)} ${typeof m.from === 'string' ? anchorPhrase(m.from, lang, reg) : `${w.after}: ${moment(m.from)}`}`;
    const parts = ('latest' in m ? m.latest : m.earliest).map(moment);
    const which = 'latest' in m ? w.whicheverLater : w.whicheverEarlier;
    return `${list(parts, lang, 'or')} (${which})`;
  };
  if (win.closes) return moment(win.closes);
  return win.opens ? `${w.from}: ${moment(win.opens)}` : '';
}

/** The readable procedure: plain text, lines of at most a sentence or two. */
export function renderProcedureSummary(reg: Regulation, options: SummaryOptions = {}): string {
  const lang = options.lang ?? reg.organisation.languages[0] ?? 'nl';
  const { w, f } = wordsOf(lang);
  const role = (id: string) => roleLabel(reg, id, lang);
  const lines: string[] = [];
  const section = (title: string) => lines.push('', title, '-'.repeat(title.length));
  const bullet = (text: string) => lines.push(`- ${text}`);

  lines.push(f(w.title, { name: reg.organisation.name }));
  lines.push(f(w.version, { version: reg.version, from: formatLongDate(reg.effectiveFrom, lang), source: reg.source.title }));

  // How to complain.
  section(w.howTo);
  for (const channel of reg.intake.channels) {
    const where = channel.address ?? channel.url;
    const handled = channel.handledBy ? ` (${role(channel.handledBy)})` : '';
    bullet(`${channelLabel(reg, channel.id, lang)}${where ? `: ${where}` : ''}${handled}`);
  }
  if (reg.intake.receivedBy === 'any-staff') lines.push(w.anyStaff);
  if (reg.informalResolution?.registerOnlyWhenUnresolved) lines.push(w.informalFirst);
  if (reg.representation?.onBehalfAllowed) {
    if (reg.representation.authorisationRequired) {
      lines.push(`${w.onBehalf}${reg.representation.pausesClock ? ` ${w.onBehalfClock}` : ''} (${w.article}: ${cite(reg.representation.citation)})`);
    } else {
      lines.push(w.onBehalfFree);
    }
  }
  for (const ground of reg.admissibility.grounds) {
    const referral = ground.referral ? `; ${w.referTo} ${ground.referral.label[lang]}${ground.referral.url ? ` (${ground.referral.url})` : ''}` : '';
    bullet(`${w.notTaken}: ${lower(ground.label[lang])}${referral} (${cite(ground.citation)})`);
  }
  for (const route of reg.routing) bullet(`${route.label[lang]} (${cite(route.citation)})`);

  // Who handles it.
  section(w.who);
  for (const rule of reg.roleRules) if (rule.rule === 'assigns') bullet(f(w.assigns, { role: lower(role(rule.role)), assignee: lower(role(rule.assigns)) }));
  if (reg.investigation) {
    const does: string[] = [w.investigates];
    if (reg.investigation.contactComplainant) does.push(w.contactsYou);
    if (reg.investigation.hearBothSides) does.push(w.hearBoth);
    bullet(`${role(reg.investigation.by)}: ${list(does, lang)} (${cite(reg.investigation.citation)})`);
  }
  if (reg.resolution && reg.resolution.decidedBy !== reg.investigation?.by) {
    bullet(`${role(reg.resolution.decidedBy)}: ${w.decides} (${cite(reg.resolution.citation)})`);
  }
  for (const rule of reg.roleRules) {
    switch (rule.rule) {
      case 'never-involved':
        bullet(
          f(w.neverInvolved, {
            role: lower(role(rule.role)),
            who: list(
              rule.excludes.map((e) => label(lang, 'involvement', e)),
              lang,
              'or',
            ),
          }),
        );
        break;
      case 'substitute-when-involved':
        bullet(f(w.substitute, { role: lower(role(rule.role)), sub: lower(role(rule.substitute)) }));
        break;
      case 'may-be-assisted-by':
        bullet(
          f(w.assisted, {
            role: lower(role(rule.role)),
            who: list(
              rule.assistants.map((a) => `${w.the} ${lower(role(a))}`),
              lang,
              'or',
            ),
          }),
        );
        break;
      case 'final-responsibility':
        bullet(f(w.finalResp, { role: lower(role(rule.role)) }));
        break;
      default:
        break;
    }
  }
  if (reg.confidentiality?.required) bullet(w.confidential);
  const internal = reg.milestones.filter((m) => !facingMilestone(m));
  if (internal.length > 0) {
    lines.push(`${w.internal}:`);
    for (const m of internal) bullet(`${m.label[lang]} (${role(m.responsibleRole)}): ${milestoneTiming(m, lang, reg)} (${cite(m.citation)})`);
  }

  // What the complainant can expect.
  section(w.expect);
  const facing = reg.milestones.filter((m) => facingMilestone(m) && !isObjectionAnchor(m.anchor));
  for (const m of facing) {
    const onlyIf = m.appliesWhen ? ` (${w.onlyIf} ${describeCondition(reg, m.appliesWhen, lang)})` : '';
    bullet(`${m.label[lang]}: ${milestoneTiming(m, lang, reg)}${onlyIf} (${cite(m.citation)})`);
  }
  if (reg.outcomes.length > 0) {
    bullet(`${w.outcomes}: ${reg.outcomes.map((o) => o.label?.[lang] ?? label(lang, 'outcome', o.id)).join(', ')}`);
  }
  if (reg.resolution && reg.resolution.remedies.length > 0) {
    bullet(`${w.remedies}: ${reg.resolution.remedies.map((r) => r.label[lang]).join(', ')}`);
  }
  if (reg.satisfactionCheck) bullet(w.satisfaction);
  if (reg.signOff)
    bullet(
      f(w.signOff, {
        who: list(
          reg.signOff.by.map((r) => `${w.the} ${lower(role(r))}`),
          lang,
        ),
        doc: reg.signOff.document,
      }),
    );

  // Objection and external body.
  if (reg.objection || reg.external.kind !== 'none') {
    section(w.objection);
    if (reg.objection) {
      const window = reg.windows.find((win) => win.for === 'objection');
      const to = lowerFor(lang, role(reg.objection.to));
      if (reg.objection.kind === 'complaint-about-handling') bullet(f(w.handlingComplaint, { to }));
      if (window) {
        bullet(
          `${f(window.inWriting ? w.objectionWindowWritten : w.objectionWindow, { period: windowTiming(window, lang, reg), to })
            .replace(/\s+/g, ' ')
            .replace(/ \./, '.')} (${cite(window.citation)})`,
        );
      } else if (reg.objection.kind === 'objection') {
        bullet(f(reg.objection.inWriting ? w.objectionWindowWritten : w.objectionWindow, { period: '', to }).replace(/\s+/g, ' '));
      }
      if (reg.objection.hearing === 'invited') bullet(w.hearing);
      for (const m of reg.milestones.filter((x) => isObjectionAnchor(x.anchor))) {
        bullet(`${m.label[lang]}: ${milestoneTiming(m, lang, reg)} (${cite(m.citation)})`);
      }
    }
    const ext = reg.external;
    if (ext.kind === 'fixed') {
      const contact = [ext.body.website, ext.body.email].filter(Boolean).join(', ');
      bullet(`${f(w.externalFixed, { name: ext.body.name })}${contact ? ` (${contact})` : ''}. (${cite(ext.citation)})`);
    } else if (ext.kind === 'chosen-per-complaint') {
      const chooser = ext.chosenBy === 'complainant' ? w.chosenByYou : f(w.chosenBy, { role: lowerFor(lang, role(ext.chosenBy)) });
      const examples =
        ext.options.length > 0
          ? `, ${w.forExample} ${list(
              ext.options.map((o) => o.label[lang]),
              lang,
              'or',
            )}`
          : '';
      const who = ext.complainants
        ? ` (${w.onlyFor} ${list(
            reg.scope.complainants.filter((c) => ext.complainants?.includes(c.id)).map((c) => c.label[lang]),
            lang,
            'or',
          )})`
        : '';
      bullet(`${ext.ifNeeded ? w.externalChosenIfNeeded : w.externalChosen} ${chooser}${examples}${who}. (${cite(ext.citation)})`);
    }
  } else {
    lines.push('', w.noExternal);
  }

  // Concrete dates.
  if (options.receivedAt) {
    const receivedOn = localDateOf(options.receivedAt, reg.organisation.timeZone);
    section(f(w.dates, { day: formatLongDate(receivedOn, lang) }));
    const onReceipt = reg.milestones.filter((m) => m.anchor === 'received');
    for (const m of onReceipt) {
      const scheduled = scheduleMilestone(reg, m, options.receivedAt, { lang });
      const onlyIf = m.appliesWhen ? ` (${w.onlyIf} ${describeCondition(reg, m.appliesWhen, lang)})` : '';
      const internalMark = facingMilestone(m) ? '' : ` [${w.internalOne}: ${role(m.responsibleRole)}]`;
      bullet(`${m.label[lang]}: ${w.dueBy} ${formatLongDate(scheduled.due, lang)}${onlyIf}${internalMark}`);
    }
    const later = reg.milestones.filter((m) => m.anchor !== 'received');
    if (later.length > 0 || reg.windows.length > 0) {
      lines.push(`${w.later}:`);
      for (const m of later) bullet(`${m.label[lang]}: ${milestoneTiming(m, lang, reg)}`);
      for (const win of reg.windows) bullet(`${win.label[lang]}: ${windowTiming(win, lang, reg)}`);
    }
  }

  return `${lines.join('\n')}\n`;
}
