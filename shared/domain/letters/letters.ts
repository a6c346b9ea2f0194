/**
 * The letters of the registration slice, Dutch by default and English when the complainant
 * chose it. Each cites the rule it fulfils.
 */
import type { Regulation } from '../regulation/index.ts';
import { isAcknowledgement } from '../complaint/register-complaint.ts';
import { localDateOf } from '../calendar/index.ts';
import type { ComplaintRecord, MilestoneState } from '../complaint/model.ts';
import { formatLongDate, renderLetter, type Block, type Letter } from './render.ts';

type Lang = 'nl' | 'en';

function footer(regulation: Regulation, lang: Lang): string {
  const org = regulation.organisation;
  const site = org.website ? `\n${org.website}` : '';
  return lang === 'nl'
    ? `Met vriendelijke groet,\n${org.name}${site}`
    : `Kind regards,\n${org.name}${site}`;
}

function expectedDates(milestones: MilestoneState[], lang: Lang): Array<[string, string]> {
  return milestones.map((m) => [m.label[lang], `${formatLongDate(m.due, lang)} (${m.citation})`]);
}

export function acknowledgementLetter(complaint: ComplaintRecord, regulation: Regulation, statusLink?: string): Letter {
  const lang = complaint.complainant.language;
  const received = formatLongDate(localDateOf(new Date(complaint.receivedAt), regulation.organisation.timeZone), lang);
  const org = regulation.organisation.name;
  const summary: Array<[string, string]> = [
    [lang === 'nl' ? 'Kenmerk' : 'Reference', complaint.reference],
    [lang === 'nl' ? 'Ontvangen op' : 'Received on', received],
  ];
  if (complaint.occurredOn) summary.push([lang === 'nl' ? 'Datum van het voorval' : 'Date of the event', formatLongDate(complaint.occurredOn, lang)]);
  if (complaint.place) summary.push([lang === 'nl' ? 'Plaats' : 'Place', complaint.place]);
  if (complaint.circumstances) summary.push([lang === 'nl' ? 'Omstandigheden' : 'Circumstances', complaint.circumstances]);

  // This letter is the acknowledgement: list only what comes after it.
  const later = complaint.milestones.filter((m) => !isAcknowledgement(regulation, m.milestoneId));
  const blocks: Block[] = lang === 'nl'
    ? [
        { paragraph: `Beste ${complaint.complainant.name},` },
        { paragraph: `Wij hebben uw klacht ontvangen en geregistreerd. Hieronder vindt u de gegevens van uw klacht.` },
        { facts: summary },
        { paragraph: `Uw klacht wordt behandeld volgens de klachtenregeling van ${org}. U hoort van ons uiterlijk op de volgende data:` },
        { facts: expectedDates(later, lang) },
        ...(statusLink ? [{ paragraph: `Via deze persoonlijke link kunt u uw klacht volgen, informatie toevoegen en zo nodig bezwaar maken: ${statusLink}\nDeel deze link niet met anderen.` }] : []),
        { paragraph: `Vermeld bij contact over deze klacht altijd het kenmerk ${complaint.reference}.` },
      ]
    : [
        { paragraph: `Dear ${complaint.complainant.name},` },
        { paragraph: `We have received and registered your complaint. Its details are below.` },
        { facts: summary },
        { paragraph: `Your complaint is handled under the complaints procedure of ${org}. You will hear from us no later than these dates:` },
        { facts: expectedDates(later, lang) },
        ...(statusLink ? [{ paragraph: `Follow your complaint, add information and, if need be, object through this personal link: ${statusLink}\nPlease do not share it.` }] : []),
        { paragraph: `Please quote reference ${complaint.reference} whenever you contact us about this complaint.` },
      ];
  const subject = lang === 'nl' ? `Ontvangstbevestiging van uw klacht ${complaint.reference}` : `Acknowledgement of your complaint ${complaint.reference}`;
  return renderLetter(subject, blocks, footer(regulation, lang));
}

/** Staff notices are in the tenant's first language. */
export function coordinatorNotice(complaint: ComplaintRecord, regulation: Regulation): Letter {
  const lang = regulation.organisation.languages[0] ?? 'nl';
  const received = formatLongDate(localDateOf(new Date(complaint.receivedAt), regulation.organisation.timeZone), lang);
  const blocks: Block[] = lang === 'nl'
    ? [
        { paragraph: `Er is een nieuwe klacht geregistreerd: ${complaint.reference}, ontvangen op ${received}.` },
        { paragraph: 'Openstaande termijnen:' },
        { facts: expectedDates(complaint.milestones, lang) },
      ]
    : [
        { paragraph: `A new complaint was registered: ${complaint.reference}, received on ${received}.` },
        { paragraph: 'Open deadlines:' },
        { facts: expectedDates(complaint.milestones, lang) },
      ];
  const subject = lang === 'nl' ? `Nieuwe klacht ${complaint.reference}` : `New complaint ${complaint.reference}`;
  return renderLetter(subject, blocks, footer(regulation, lang));
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
