/**
 * A regulation as a short readable procedure, in Dutch or English: how to complain, who handles a
 * complaint, what the complainant can expect, and the concrete dates for a complaint received on a
 * given day. Plain text; the form page and the acknowledgement use it.
 */
import { describePeriod, localDateOf } from '../calendar/index.ts';
import { eventLabel, roleLabel, scheduleMilestone, statedDateLabel } from './milestones.ts';
import type { Citation, Condition, Language, Milestone, Regulation } from './schema.ts';
import { CHANNEL_KINDS, type EventName, INVOLVEMENTS, OBJECTION_EVENTS, OUTCOMES, parseAnchor } from './vocabulary.ts';
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

const ANCHOR_PHRASES: Partial<Record<EventName, { nl: string; en: string }>> = {
  received: { nl: 'na ontvangst van de klacht', en: 'after the complaint is received' },
  assigned: { nl: 'nadat een afhandelaar is aangewezen', en: 'after a handler is assigned' },
  resolved: { nl: 'nadat de klacht is opgelost', en: 'after the complaint is resolved' },
  'ruling-sent': { nl: 'na verzending van de uitspraak', en: 'after the decision is sent' },
  'objection-received': { nl: 'na ontvangst van het bezwaar', en: 'after the objection is received' },
  'objection-hearing-held': { nl: 'na het gesprek over het bezwaar', en: 'after the meeting about the objection' },
  'hearing-held': { nl: 'na het gesprek', en: 'after the meeting' },
  'offer-made': { nl: 'na het aanbod', en: 'after the offer' },
};

const WORDS = {
  nl: {
    title: (name: string) => `Klachtenprocedure van ${name}`,
    version: (v: string, from: string, source: string) => `Versie ${v}, geldig vanaf ${from}. Bron: ${source}.`,
    howTo: 'Een klacht indienen',
    by: 'per',
    via: 'via',
    anyStaff: 'Iedere medewerker kan uw klacht in ontvangst nemen.',
    informalFirst: 'Eerst probeert de medewerker die u aanspreekt het probleem meteen op te lossen; lukt dat niet, dan wordt het een klacht.',
    onBehalf: 'Dient iemand de klacht namens u in, dan is een door u ondertekende machtiging nodig.',
    onBehalfClock: 'De termijnen gaan pas lopen als de machtiging binnen is.',
    onBehalfFree: 'Iemand anders mag de klacht namens u indienen.',
    notTaken: 'Niet in behandeling genomen',
    referTo: 'u wordt verwezen naar',
    routes: 'Bijzondere klachten',
    who: 'Wie behandelt uw klacht',
    investigates: 'onderzoekt de klacht',
    hearBoth: 'hoort u en de betrokkenen (hoor en wederhoor)',
    contactsYou: 'neemt contact met u op',
    decides: 'beslist over de klacht en over wat u wordt aangeboden',
    neverInvolved: (role: string, who: string) => `De ${lower(role)} is nooit ${who}.`,
    substitute: (role: string, sub: string) => `Is de ${lower(role)} zelf betrokken, dan neemt de ${lower(sub)} het over.`,
    assisted: (role: string, who: string) => `De ${lower(role)} kan zich laten bijstaan door ${who}.`,
    finalResp: (role: string) => `De ${lower(role)} is eindverantwoordelijk.`,
    assigns: (role: string, assignee: string) => `De ${lower(role)} wijst een ${lower(assignee)} aan.`,
    the: 'de',
    confidential: 'Uw klacht wordt vertrouwelijk behandeld.',
    expect: 'Wat u kunt verwachten',
    within: 'binnen',
    sameDay: 'op dezelfde dag',
    sameDayReceived: 'op de dag van ontvangst',
    extendable: (period: string) => `eenmaal te verlengen met ten hoogste ${period}`,
    onlyIf: 'alleen als',
    outcomes: 'Mogelijke uitkomsten',
    remedies: 'Mogelijke oplossingen',
    satisfaction: 'Bij het aanbod wordt gevraagd of u tevreden bent.',
    signOff: (who: string, doc: string) => `Is de klacht naar tevredenheid afgehandeld, dan tekenen ${who} het ${doc}.`,
    objection: 'Niet eens met de uitkomst?',
    objectionWindow: (period: string, anchor: string, to: string, written: boolean) =>
      `U kunt ${period} ${anchor} ${written ? 'schriftelijk ' : ''}bezwaar maken bij de ${to.toLowerCase()}.`,
    handlingComplaint: (to: string) => `Vindt u dat uw klacht niet goed is afgehandeld, dan kunt u zich beklagen bij de ${to.toLowerCase()}.`,
    hearing: 'U wordt uitgenodigd om uw bezwaar mondeling toe te lichten.',
    externalFixed: (name: string) => `Daarna kunt u zich wenden tot ${name}`,
    externalChosen: (ifNeeded: boolean) => `${ifNeeded ? 'Indien nodig kunt u daarna' : 'Daarna kunt u'} terecht bij een externe partij`,
    chosenByYou: 'naar uw keuze',
    chosenBy: (role: string) => `die de ${role.toLowerCase()} u noemt`,
    forExample: 'bijvoorbeeld',
    onlyFor: 'alleen voor',
    noExternal: 'De regeling noemt geen externe instantie.',
    dates: (day: string) => `Data voor een klacht ontvangen op ${day}`,
    dueBy: 'uiterlijk',
    later: 'Termijnen die later gaan lopen',
    internal: 'Interne termijnen',
    internalOne: 'intern',
    article: 'bron',
    and: 'en',
    or: 'of',
  },
  en: {
    title: (name: string) => `Complaint procedure of ${name}`,
    version: (v: string, from: string, source: string) => `Version ${v}, in force from ${from}. Source: ${source}.`,
    howTo: 'How to complain',
    by: 'by',
    via: 'via',
    anyStaff: 'Any staff member can take your complaint.',
    informalFirst: 'The staff member you speak to first tries to solve the problem at once; if that fails, it becomes a complaint.',
    onBehalf: 'If someone files the complaint for you, a signed authorisation from you is needed.',
    onBehalfClock: 'The periods only start when the authorisation has arrived.',
    onBehalfFree: 'Someone else may file the complaint on your behalf.',
    notTaken: 'Not taken up',
    referTo: 'you are referred to',
    routes: 'Special complaints',
    who: 'Who handles your complaint',
    investigates: 'investigates the complaint',
    hearBoth: 'hears you and the people concerned',
    contactsYou: 'contacts you',
    decides: 'decides on the complaint and on what you are offered',
    neverInvolved: (role: string, who: string) => `The ${lower(role)} is never ${who}.`,
    substitute: (role: string, sub: string) => `If the ${lower(role)} is involved, the ${lower(sub)} takes over.`,
    assisted: (role: string, who: string) => `The ${lower(role)} may be assisted by ${who}.`,
    finalResp: (role: string) => `The ${lower(role)} is ultimately responsible.`,
    assigns: (role: string, assignee: string) => `The ${lower(role)} assigns a ${lower(assignee)}.`,
    the: 'the',
    confidential: 'Your complaint is treated confidentially.',
    expect: 'What you can expect',
    within: 'within',
    sameDay: 'on the same day',
    sameDayReceived: 'on the day the complaint is received',
    extendable: (period: string) => `may be extended once by at most ${period}`,
    onlyIf: 'only if',
    outcomes: 'Possible outcomes',
    remedies: 'Possible remedies',
    satisfaction: 'With the offer you are asked whether you are satisfied.',
    signOff: (who: string, doc: string) => `When the complaint is handled to your satisfaction, ${who} sign the ${doc}.`,
    objection: 'Disagree with the outcome?',
    objectionWindow: (period: string, anchor: string, to: string, written: boolean) =>
      `You can object ${written ? 'in writing ' : ''}to the ${lower(to)} ${period} ${anchor}.`,
    handlingComplaint: (to: string) => `If you feel your complaint was not handled properly, you can complain about that to the ${lower(to)}.`,
    hearing: 'You are invited to explain your objection in person.',
    externalFixed: (name: string) => `After that you can turn to ${name}`,
    externalChosen: (ifNeeded: boolean) => `${ifNeeded ? 'If needed, you can then' : 'After that you can'} go to an external party`,
    chosenByYou: 'of your choice',
    chosenBy: (role: string) => `named by the ${lower(role)}`,
    forExample: 'for example',
    onlyFor: 'only for',
    noExternal: 'The regulation names no external body.',
    dates: (day: string) => `Dates for a complaint received on ${day}`,
    dueBy: 'by',
    later: 'Periods that start later',
    internal: 'Internal deadlines',
    internalOne: 'internal',
    article: 'source',
    and: 'and',
    or: 'or',
  },
} as const;

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function cite(citation: Citation): string {
  return citation.source ? `${citation.article}, ${citation.source}` : citation.article;
}

function list(items: string[], lang: Language, joiner: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${WORDS[lang][joiner]} ${items.at(-1)}`;
}

function anchorPhrase(event: string, lang: Language, reg?: Regulation): string {
  if (event === 'objection-received' && reg?.objection?.kind === 'complaint-about-handling') {
    return lang === 'nl' ? 'na ontvangst van uw beklag over de afhandeling' : 'after your complaint about the handling is received';
  }
  const phrase = ANCHOR_PHRASES[event as EventName];
  if (phrase) return phrase[lang];
  const anchor = parseAnchor(event);
  if (anchor.kind === 'stated') return lang === 'nl' ? `na de ${statedDateLabel(reg!, anchor.id, lang)}` : `after the ${statedDateLabel(reg!, anchor.id, lang)}`;
  if (anchor.kind === 'missed') {
    const label = reg?.milestones.find((m) => m.id === anchor.milestone)?.label[lang] ?? anchor.milestone;
    return lang === 'nl' ? `nadat de termijn "${label}" is verstreken` : `after the deadline "${label}" passed`;
  }
  const label = reg ? eventLabel(reg, event, lang) : event;
  return lang === 'nl' ? `na: ${label}` : `after: ${label}`;
}

function describeCondition(reg: Regulation, condition: Condition, lang: Language): string {
  const parts: string[] = [];
  if (condition.event) parts.push(eventLabel(reg, condition.event, lang));
  if (condition.categories) {
    const labels = reg.categorySchemes.flatMap((s) => s.categories).filter((c) => condition.categories?.includes(c.id)).map((c) => c.label[lang]);
    parts.push(list(labels, lang, 'or'));
  }
  if (condition.channels) {
    parts.push(list(condition.channels.map((id) => channelLabel(reg, id, lang)), lang, 'or'));
  }
  if (condition.complainants) {
    parts.push(list(reg.scope.complainants.filter((c) => condition.complainants?.includes(c.id)).map((c) => c.label[lang]), lang, 'or'));
  }
  if (condition.representative !== undefined) {
    parts.push(lang === 'nl' ? (condition.representative ? 'namens iemand ingediend' : 'zelf ingediend') : condition.representative ? 'filed on behalf' : 'filed in person');
  }
  if (condition.stated) parts.push(list(condition.stated.map((id) => statedDateLabel(reg, id, lang)), lang, 'or'));
  if (condition.receivedOutside) {
    const label = reg.windows.find((w) => w.id === condition.receivedOutside)?.label[lang] ?? condition.receivedOutside;
    parts.push(lang === 'nl' ? `buiten de termijn "${label}" ingediend` : `filed outside "${label}"`);
  }
  if (condition.not) parts.push(`${lang === 'nl' ? 'niet' : 'not'}: ${describeCondition(reg, condition.not, lang)}`);
  if (condition.anyOf) {
    const alternatives = condition.anyOf.map((alternative) => describeCondition(reg, alternative, lang)).filter(Boolean).join(lang === 'nl' ? ', of ' : ', or ');
    if (alternatives) parts.push(Object.keys(condition).length > 1 ? `(${alternatives})` : alternatives);
  }
  return parts.join('; ');
}

function channelLabel(reg: Regulation, id: string, lang: Language): string {
  const channel = reg.intake.channels.find((c) => c.id === id);
  if (!channel) return id;
  return channel.label?.[lang] ?? CHANNEL_KINDS[channel.kind][lang];
}

function milestoneTiming(m: Milestone, lang: Language, reg: Regulation): string {
  const w = WORDS[lang];
  if (m.period.unit === 'same-day') return m.anchor === 'received' ? w.sameDayReceived : `${w.sameDay} (${anchorPhrase(m.anchor, lang, reg)})`;
  const upTo = m.extension?.upTo;
  const extension = upTo && upTo !== 'open' ? ` (${w.extendable(describePeriod(upTo, lang))})` : '';
  const target = m.kind === 'target' ? (lang === 'nl' ? 'streven: ' : 'aim: ') : '';
  const every = m.recurring ? (lang === 'nl' ? `, daarna telkens binnen ${describePeriod(m.recurring.every, lang)}` : `, then every ${describePeriod(m.recurring.every, lang)}`) : '';
  const first = m.recurring ? m.recurring.every : m.period;
  return `${target}${w.within} ${describePeriod(first, lang)} ${anchorPhrase(m.anchor, lang, reg)}${every}${extension}`;
}

/** 'binnen 1 maand na de uitspraak'; for a window built of several moments, each part. */
function windowTiming(win: Regulation['windows'][number], lang: Language, reg: Regulation): string {
  const w = WORDS[lang];
  const moment = (m: NonNullable<Regulation['windows'][number]['closes']>): string => {
    if (typeof m === 'string') return anchorPhrase(m, lang, reg);
    if ('from' in m) return `${w.within} ${describePeriod(m.period, lang)} ${typeof m.from === 'string' ? anchorPhrase(m.from, lang, reg) : `${lang === 'nl' ? 'na' : 'after'}: ${moment(m.from)}`}`;
    const parts = ('latest' in m ? m.latest : m.earliest).map(moment);
    const which = 'latest' in m ? (lang === 'nl' ? 'wat het laatst is' : 'whichever is later') : (lang === 'nl' ? 'wat het eerst is' : 'whichever is earlier');
    return `${list(parts, lang, 'or')} (${which})`;
  };
  if (win.closes) return moment(win.closes);
  return win.opens ? `${lang === 'nl' ? 'vanaf' : 'from'}: ${moment(win.opens)}` : '';
}

/** The readable procedure: plain text, lines of at most a sentence or two. */
export function renderProcedureSummary(reg: Regulation, options: SummaryOptions = {}): string {
  const lang = options.lang ?? reg.organisation.languages[0] ?? 'nl';
  const w = WORDS[lang];
  const role = (id: string) => roleLabel(reg, id, lang);
  const lines: string[] = [];
  const section = (title: string) => lines.push('', title, '-'.repeat(title.length));
  const bullet = (text: string) => lines.push(`- ${text}`);

  lines.push(w.title(reg.organisation.name));
  lines.push(w.version(reg.version, formatLongDate(reg.effectiveFrom, lang), reg.source.title));

  // How to complain.
  section(w.howTo);
  for (const channel of reg.intake.channels) {
    const where = channel.address ?? channel.url;
    const label = channel.label?.[lang] ?? CHANNEL_KINDS[channel.kind][lang];
    const handled = channel.handledBy ? ` (${role(channel.handledBy)})` : '';
    bullet(`${label}${where ? `: ${where}` : ''}${handled}`);
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
  for (const rule of reg.roleRules) if (rule.rule === 'assigns') bullet(w.assigns(role(rule.role), role(rule.assigns)));
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
        bullet(w.neverInvolved(role(rule.role), list(rule.excludes.map((e) => INVOLVEMENTS[e][lang]), lang, 'or')));
        break;
      case 'substitute-when-involved':
        bullet(w.substitute(role(rule.role), role(rule.substitute)));
        break;
      case 'may-be-assisted-by':
        bullet(w.assisted(role(rule.role), list(rule.assistants.map((a) => `${w.the} ${lower(role(a))}`), lang, 'or')));
        break;
      case 'final-responsibility':
        bullet(w.finalResp(role(rule.role)));
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
    bullet(`${w.outcomes}: ${reg.outcomes.map((o) => o.label?.[lang] ?? OUTCOMES[o.id][lang]).join(', ')}`);
  }
  if (reg.resolution && reg.resolution.remedies.length > 0) {
    bullet(`${w.remedies}: ${reg.resolution.remedies.map((r) => r.label[lang]).join(', ')}`);
  }
  if (reg.satisfactionCheck) bullet(w.satisfaction);
  if (reg.signOff) bullet(w.signOff(list(reg.signOff.by.map((r) => `${w.the} ${lower(role(r))}`), lang), reg.signOff.document));

  // Objection and external body.
  if (reg.objection || reg.external.kind !== 'none') {
    section(w.objection);
    if (reg.objection) {
      const window = reg.windows.find((win) => win.for === 'objection');
      if (reg.objection.kind === 'complaint-about-handling') bullet(w.handlingComplaint(role(reg.objection.to)));
      if (window) {
        bullet(`${w.objectionWindow(windowTiming(window, lang, reg), '', role(reg.objection.to), window.inWriting).replace(/\s+/g, ' ').replace(/ \./, '.')} (${cite(window.citation)})`);
      } else if (reg.objection.kind === 'objection') {
        bullet(w.objectionWindow('', '', role(reg.objection.to), reg.objection.inWriting).replace(/\s+/g, ' '));
      }
      if (reg.objection.hearing === 'invited') bullet(w.hearing);
      for (const m of reg.milestones.filter((x) => isObjectionAnchor(x.anchor))) {
        bullet(`${m.label[lang]}: ${milestoneTiming(m, lang, reg)} (${cite(m.citation)})`);
      }
    }
    const ext = reg.external;
    if (ext.kind === 'fixed') {
      const contact = [ext.body.website, ext.body.email].filter(Boolean).join(', ');
      bullet(`${w.externalFixed(ext.body.name)}${contact ? ` (${contact})` : ''}. (${cite(ext.citation)})`);
    } else if (ext.kind === 'chosen-per-complaint') {
      const chooser = ext.chosenBy === 'complainant' ? w.chosenByYou : w.chosenBy(role(ext.chosenBy));
      const examples = ext.options.length > 0 ? `, ${w.forExample} ${list(ext.options.map((o) => o.label[lang]), lang, 'or')}` : '';
      const who = ext.complainants
        ? ` (${w.onlyFor} ${list(reg.scope.complainants.filter((c) => ext.complainants?.includes(c.id)).map((c) => c.label[lang]), lang, 'or')})`
        : '';
      bullet(`${w.externalChosen(ext.ifNeeded)} ${chooser}${examples}${who}. (${cite(ext.citation)})`);
    }
  } else {
    lines.push('', w.noExternal);
  }

  // Concrete dates.
  if (options.receivedAt) {
    const receivedOn = localDateOf(options.receivedAt, reg.organisation.timeZone);
    section(w.dates(formatLongDate(receivedOn, lang)));
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
