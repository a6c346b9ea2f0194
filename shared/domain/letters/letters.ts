/**
 * Staff letters about deadlines: the reminder before a deadline and the escalation after a
 * missed one, in the organisation's first language, each citing the rule of the deadline.
 * (Letters to complainants are composed from the regulation's notices: compose.ts.)
 */
import type { Regulation } from '../regulation/index.ts';
import type { ComplaintRecord, MilestoneState } from '../complaint/model.ts';
import { definitionOf } from '../complaint/events.ts';
import { formatLongDate, renderLetter, type Block, type Letter } from './render.ts';

type Lang = 'nl' | 'en';

function footer(regulation: Regulation, lang: Lang): string {
  const org = regulation.organisation;
  const site = org.website ? `\n${org.website}` : '';
  return lang === 'nl'
    ? `Met vriendelijke groet,\n${org.name}${site}`
    : `Kind regards,\n${org.name}${site}`;
}

export function deadlineEscalation(complaint: ComplaintRecord, milestone: MilestoneState, regulation: Regulation): Letter {
  const lang = regulation.organisation.languages[0] ?? 'nl';
  const due = formatLongDate(milestone.due, lang);
  const blocks: Block[] = lang === 'nl'
    ? [{ paragraph: `De termijn "${milestone.label[lang]}" voor klacht ${complaint.reference} is verstreken op ${due} en is niet gehaald (${milestone.citation}).` },
       { paragraph: 'Neem de klacht direct in behandeling.' }]
    : [{ paragraph: `The deadline "${milestone.label[lang]}" for complaint ${complaint.reference} passed on ${due} without being met (${milestone.citation}).` },
       { paragraph: 'Please act on this complaint now.' }];
  const subject = lang === 'nl' ? `Termijn verstreken: ${complaint.reference} – ${milestone.label[lang]}` : `Deadline missed: ${complaint.reference} – ${milestone.label[lang]}`;
  return renderLetter(subject, blocks, footer(regulation, lang));
}

export function deadlineReminder(complaint: ComplaintRecord, milestone: MilestoneState, regulation: Regulation): Letter {
  const lang = regulation.organisation.languages[0] ?? 'nl';
  const due = formatLongDate(milestone.due, lang);
  const target = milestone.kind === 'target';
  const extendable = Boolean(definitionOf(regulation, milestone)?.extension);
  const blocks: Block[] = lang === 'nl'
    ? [{ paragraph: target
        ? `Herinnering: voor "${milestone.label[lang]}" van klacht ${complaint.reference} is de streefdatum ${due} (${milestone.citation}).`
        : `Herinnering: de termijn "${milestone.label[lang]}" voor klacht ${complaint.reference} verloopt uiterlijk op ${due} (${milestone.citation}).` },
       { paragraph: extendable
        ? 'Rond de stap op tijd af, of verleng de termijn vóór die datum met kennisgeving, zoals de regeling toestaat.'
        : 'Rond de stap op tijd af; deze termijn kan niet worden verlengd.' }]
    : [{ paragraph: target
        ? `Reminder: "${milestone.label[lang]}" for complaint ${complaint.reference} has a target date of ${due} (${milestone.citation}).`
        : `Reminder: the deadline "${milestone.label[lang]}" for complaint ${complaint.reference} ends on ${due} at the latest (${milestone.citation}).` },
       { paragraph: extendable
        ? 'Please complete the step in time, or extend the deadline with notice before that date, as the procedure allows.'
        : 'Please complete the step in time; this deadline cannot be extended.' }];
  const by = target ? (lang === 'nl' ? 'streefdatum' : 'target') : (lang === 'nl' ? 'uiterlijk' : 'by');
  const subject = lang === 'nl' ? `Herinnering: ${complaint.reference} – ${milestone.label[lang]} ${by} ${due}` : `Reminder: ${complaint.reference} – ${milestone.label[lang]} ${by} ${due}`;
  return renderLetter(subject, blocks, footer(regulation, lang));
}

/** A target ("wij streven naar") passed unmet: recorded, no breach; the responsible role is told. */
export function targetMissed(complaint: ComplaintRecord, milestone: MilestoneState, regulation: Regulation): Letter {
  const lang = regulation.organisation.languages[0] ?? 'nl';
  const due = formatLongDate(milestone.due, lang);
  const blocks: Block[] = lang === 'nl'
    ? [{ paragraph: `De streefdatum ${due} voor "${milestone.label[lang]}" van klacht ${complaint.reference} is niet gehaald (${milestone.citation}). Dit is vastgelegd; een uiterste termijn geldt nog zoals de regeling zegt.` }]
    : [{ paragraph: `The target date ${due} for "${milestone.label[lang]}" of complaint ${complaint.reference} was not met (${milestone.citation}). This has been recorded; any latest date still applies as the procedure says.` }];
  const subject = lang === 'nl' ? `Streefdatum niet gehaald: ${complaint.reference} – ${milestone.label[lang]}` : `Target missed: ${complaint.reference} – ${milestone.label[lang]}`;
  return renderLetter(subject, blocks, footer(regulation, lang));
}

/** The weekly digest: a person's open deadlines this week, overdue ones first. */
export function weeklyDigest(regulation: Regulation, week: string, items: Array<{ complaint: ComplaintRecord; milestone: MilestoneState }>, now: Date): Letter {
  const lang = regulation.organisation.languages[0] ?? 'nl';
  const sorted = [...items].sort((a, b) => a.milestone.dueAt.localeCompare(b.milestone.dueAt));
  const overdue = (m: MilestoneState) => Date.parse(m.dueAt) < now.getTime() || m.status === 'escalated';
  const facts: Array<[string, string]> = sorted.map(({ complaint, milestone }) => [
    `${complaint.reference} – ${milestone.label[lang]}`,
    `${formatLongDate(milestone.due, lang)}${overdue(milestone) ? (lang === 'nl' ? ' (verstreken)' : ' (overdue)') : ''} (${milestone.citation})`,
  ]);
  const blocks: Block[] = lang === 'nl'
    ? [{ paragraph: `Uw openstaande termijnen voor week ${week}:` }, { facts }]
    : [{ paragraph: `Your open deadlines for week ${week}:` }, { facts }];
  const subject = lang === 'nl' ? `Weekoverzicht klachttermijnen ${week}` : `Weekly complaint deadlines ${week}`;
  return renderLetter(subject, blocks, footer(regulation, lang));
}

/** To the coordinator: a letter did not reach its recipient, so it must go another way. */
export function deliveryProblem(complaint: ComplaintRecord, regulation: Regulation, recipient: string, problem: 'bounce' | 'complaint'): Letter {
  const lang = regulation.organisation.languages[0] ?? 'nl';
  const blocks: Block[] = lang === 'nl'
    ? [{ paragraph: problem === 'bounce'
        ? `Een brief over klacht ${complaint.reference} kon niet worden bezorgd bij ${recipient}: het adres weigert de post blijvend.`
        : `De ontvanger ${recipient} heeft een brief over klacht ${complaint.reference} als ongewenst gemeld.` },
       { paragraph: 'Neem op een andere manier contact op (telefoon of post) en leg het vast in het dossier.' }]
    : [{ paragraph: problem === 'bounce'
        ? `A letter about complaint ${complaint.reference} could not be delivered to ${recipient}: the address refuses mail permanently.`
        : `The recipient ${recipient} marked a letter about complaint ${complaint.reference} as unwanted.` },
       { paragraph: 'Please get in touch another way (phone or post) and record it in the file.' }];
  const subject = lang === 'nl' ? `Brief niet bezorgd: ${complaint.reference}` : `Letter not delivered: ${complaint.reference}`;
  return renderLetter(subject, blocks, footer(regulation, lang));
}
