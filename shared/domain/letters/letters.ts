/**
 * Staff letters about deadlines: the reminder before a deadline and the escalation after a
 * missed one, in the organisation's first language, each citing the rule of the deadline.
 * (Letters to complainants are composed from the regulation's notices: compose.ts.)
 */
import type { Regulation } from '../regulation/index.ts';
import type { ComplaintRecord, MilestoneState } from '../complaint/model.ts';
import { definitionOf } from '../complaint/events.ts';
import { formatLongDate, renderLetter, type Block, type Letter } from './render.ts';
import { format, texts, type TextParams } from '../../texts/index.ts';

type Lang = 'nl' | 'en';

/** The staff letters' words in the organisation's first language (shared/texts, area `letter.staff`). */
function wordsFor(regulation: Regulation) {
  const lang: Lang = regulation.organisation.languages[0] ?? 'nl';
  const letter = texts(lang).letter;
  return { lang, w: letter.staff, closing: letter.closing, f: (template: string, params: TextParams) => format(template, params, lang) };
}

function footer(regulation: Regulation, closing: string): string {
  const org = regulation.organisation;
  const site = org.website ? `\n${org.website}` : '';
  return `${closing},\n${org.name}${site}`;
}

export function deadlineEscalation(complaint: ComplaintRecord, milestone: MilestoneState, regulation: Regulation): Letter {
  const { lang, w, f, closing } = wordsFor(regulation);
  const values = { deadline: milestone.label[lang], reference: complaint.reference, due: formatLongDate(milestone.due, lang), rule: milestone.citation };
  const blocks: Block[] = [{ paragraph: f(w.escalation, values) }, { paragraph: w.escalationAct }];
  return renderLetter(f(w.escalationSubject, values), blocks, footer(regulation, closing));
}

export function deadlineReminder(complaint: ComplaintRecord, milestone: MilestoneState, regulation: Regulation): Letter {
  const { lang, w, f, closing } = wordsFor(regulation);
  const target = milestone.kind === 'target';
  const extendable = Boolean(definitionOf(regulation, milestone)?.extension);
  const values = { deadline: milestone.label[lang], reference: complaint.reference, due: formatLongDate(milestone.due, lang), rule: milestone.citation };
  const blocks: Block[] = [{ paragraph: f(target ? w.reminderTarget : w.reminderHard, values) }, { paragraph: extendable ? w.reminderExtendable : w.reminderNotExtendable }];
  return renderLetter(f(target ? w.reminderSubjectTarget : w.reminderSubjectHard, values), blocks, footer(regulation, closing));
}

/** A target ("wij streven naar") passed unmet: recorded, no breach; the responsible role is told. */
export function targetMissed(complaint: ComplaintRecord, milestone: MilestoneState, regulation: Regulation): Letter {
  const { lang, w, f, closing } = wordsFor(regulation);
  const values = { deadline: milestone.label[lang], reference: complaint.reference, due: formatLongDate(milestone.due, lang), rule: milestone.citation };
  return renderLetter(f(w.targetMissedSubject, values), [{ paragraph: f(w.targetMissed, values) }], footer(regulation, closing));
}

/** The weekly digest: a person's open deadlines this week, overdue ones first. */
export function weeklyDigest(regulation: Regulation, week: string, items: Array<{ complaint: ComplaintRecord; milestone: MilestoneState }>, now: Date): Letter {
  const { lang, w, f, closing } = wordsFor(regulation);
  const sorted = [...items].sort((a, b) => a.milestone.dueAt.localeCompare(b.milestone.dueAt));
  const overdue = (m: MilestoneState) => Date.parse(m.dueAt) < now.getTime() || m.status === 'escalated';
  const facts: Array<[string, string]> = sorted.map(({ complaint, milestone }) => [
    `${complaint.reference} – ${milestone.label[lang]}`,
    `${formatLongDate(milestone.due, lang)}${overdue(milestone) ? ` ${w.digestOverdue}` : ''} (${milestone.citation})`,
  ]);
  const blocks: Block[] = [{ paragraph: f(w.digestLead, { week }) }, { facts }];
  return renderLetter(f(w.digestSubject, { week }), blocks, footer(regulation, closing));
}

/** To the coordinator: a letter did not reach its recipient, so it must go another way. */
export function deliveryProblem(complaint: ComplaintRecord, regulation: Regulation, recipient: string, problem: 'bounce' | 'complaint' | 'failed'): Letter {
  const { w, f, closing } = wordsFor(regulation);
  const values = { reference: complaint.reference, recipient };
  // `failed`: the outbox gave up sending it (deliver-outbox.ts); the others came back from SES.
  const blocks: Block[] = [{ paragraph: f(problem === 'bounce' ? w.bounce : problem === 'failed' ? w.sendFailed : w.markedUnwanted, values) }, { paragraph: w.otherWay }];
  return renderLetter(f(problem === 'failed' ? w.sendFailedSubject : w.deliverySubject, values), blocks, footer(regulation, closing));
}
