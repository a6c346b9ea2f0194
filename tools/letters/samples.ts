/**
 * The sample data the letters are rendered with: a complainant and what staff write on the way,
 * in the complainant's language (so a letter reads as one language). Deliberately plain and
 * fictitious: no organisation's name, nothing a proofreader could mistake for a real case.
 */
import type { Language } from '../../shared/domain/regulation/index.ts';

export type RulingOutcome = 'founded' | 'partly-founded' | 'unfounded';

export interface Sample {
  complainant: { name: string; email: string; phone: string };
  representative: { name: string; email: string };
  description: string;
  place: string;
  circumstances: string;
  reasoning: Record<RulingOutcome, string>;
  improvements: string;
  offer: string;
  informal: string;
  contact: string;
  statement: string;
  hearing: string;
  hearingReport: string;
  objection: string;
  objectionHearing: string;
  extensionReason: string;
  delayReason: string;
  progress: string;
  holdingReason: string;
  withdrawal: string;
  notAdmissible: string;
  actions: string;
  actionsResult: string;
  reaction: { satisfied: string; unsatisfied: string };
  measure: string;
  finalReport: string;
  eventNote: string;
  authorisation: string;
  consentNote: string;
  /** An external body for a regulation that has it chosen per complaint and names no examples. */
  externalBody: string;
}

/** The staff member the complaint is about (recorded at intake, in the intake path). */
export const INVOLVED = { local: 'p.pietersen', name: 'Piet Pietersen', function: 'Adviseur' } as const;
/** The handler a coordinator assigns. */
export const HANDLER = { local: 'handler1', name: 'Hans Behandelaar', function: 'Teamleider' } as const;

export const SAMPLES: Record<Language, Sample> = {
  nl: {
    complainant: { name: 'Sanne de Vries', email: 'sanne.devries@example.com', phone: '06 12345678' },
    representative: { name: 'Mr. K. Jansen', email: 'k.jansen@example.org' },
    description: 'Mijn afspraak werd twee keer verzet zonder bericht, en ik werd niet teruggebeld terwijl dat was toegezegd.',
    place: 'Vestiging Utrecht',
    circumstances: 'Ik had er beide keren een vrije dag voor genomen.',
    reasoning: {
      founded: 'Wij hebben uw afspraak inderdaad twee keer verzet zonder u te informeren. Dat had niet mogen gebeuren.',
      'partly-founded': 'De afspraak is één keer door ons verzet zonder bericht; de tweede keer hebben wij u wel gebeld, maar u niet bereikt.',
      unfounded: 'Uit het dossier blijkt dat wij u beide keren tijdig per e-mail en telefonisch hebben geïnformeerd.',
    },
    improvements: 'Wijzigingen van afspraken worden voortaan altijd ook per sms bevestigd.',
    offer: 'Wij bieden u een extra gesprek aan op een tijdstip dat u uitkomt.',
    informal: 'In een telefoongesprek is een nieuwe afspraak gemaakt; mevrouw De Vries is daarmee tevreden.',
    contact: 'Klaagster gebeld; zij heeft de klacht toegelicht.',
    statement: 'De medewerker bevestigt dat de afspraak is verzet en dat het bericht niet is verstuurd.',
    hearing: 'Klaagster gehoord; de klacht is toegelicht.',
    hearingReport: 'Verslag: klaagster licht toe dat zij twee keer tevergeefs vrij nam. De medewerker erkent dat er geen bericht is verstuurd.',
    objection: 'Ik ben het niet eens met de uitspraak: het bericht heb ik nooit ontvangen.',
    objectionHearing: 'Het bezwaar is mondeling toegelicht.',
    extensionReason: 'Wij willen eerst de medewerker horen, die tot volgende week afwezig is.',
    delayReason: 'Een medewerker die wij moeten horen, is langer afwezig.',
    progress: 'Wij hebben de betrokken medewerker gesproken en zoeken de berichten van die weken na.',
    holdingReason: 'Wij wachten nog op de gegevens van het afsprakensysteem.',
    withdrawal: 'Klaagster trekt de klacht in; de nieuwe afspraak is inmiddels gemaakt.',
    notAdmissible: 'De klacht valt buiten deze klachtenregeling.',
    actions: 'Dossier nagelopen, klaagster en medewerker gesproken.',
    actionsResult: 'Afspraken gemaakt over de verdere begeleiding.',
    reaction: { satisfied: 'Dank voor de snelle afhandeling.', unsatisfied: 'Ik blijf het er niet mee eens.' },
    measure: 'Afspraakwijzigingen worden voortaan ook per sms bevestigd.',
    finalReport: 'Eindverslag aan klaagster verstuurd.',
    eventNote: 'Vastgelegd voor het voorbeeld.',
    authorisation: 'Ondertekende machtiging ontvangen.',
    consentNote: 'Klaagster stemde per e-mail in.',
    externalBody: 'de externe klachtencommissie',
  },
  en: {
    complainant: { name: 'Sam Taylor', email: 'sam.taylor@example.com', phone: '06 87654321' },
    representative: { name: 'K. Jansen', email: 'k.jansen@example.org' },
    description: 'My appointment was moved twice without notice, and nobody called me back although that was promised.',
    place: 'Utrecht office',
    circumstances: 'Both times I had taken a day off for it.',
    reasoning: {
      founded: 'We did move your appointment twice without telling you. That should not have happened.',
      'partly-founded': 'We moved the appointment once without notice; the second time we did call you, but could not reach you.',
      unfounded: 'The file shows that we told you in good time both times, by e-mail and by phone.',
    },
    improvements: 'Changes to appointments will from now on always be confirmed by text message as well.',
    offer: 'We offer you an extra meeting at a time that suits you.',
    informal: 'A new appointment was made by phone; the complainant is satisfied with it.',
    contact: 'Called the complainant, who explained the complaint.',
    statement: 'The staff member confirms that the appointment was moved and that no message was sent.',
    hearing: 'The complainant was heard and explained the complaint.',
    hearingReport: 'Report: the complainant explains that she took a day off twice for nothing. The staff member admits that no message was sent.',
    objection: 'I disagree with the decision: I never received the message.',
    objectionHearing: 'The objection was explained in person.',
    extensionReason: 'We first want to hear the staff member, who is away until next week.',
    delayReason: 'A staff member we need to hear is away for longer.',
    progress: 'We have spoken to the staff member concerned and are checking the messages of those weeks.',
    holdingReason: 'We are still waiting for the data from the appointment system.',
    withdrawal: 'The complainant withdraws the complaint; a new appointment has been made.',
    notAdmissible: 'The complaint falls outside this complaints procedure.',
    actions: 'Went through the file, spoke to the complainant and the staff member.',
    actionsResult: 'Agreed on how the support continues.',
    reaction: { satisfied: 'Thank you for dealing with it so quickly.', unsatisfied: 'I still disagree.' },
    measure: 'Changes to appointments are now confirmed by text message as well.',
    finalReport: 'Final report sent to the complainant.',
    eventNote: 'Recorded for the sample.',
    authorisation: 'Signed authorisation received.',
    consentNote: 'The complainant consented by e-mail.',
    externalBody: 'the external complaints committee',
  },
};
