/** Word material for demo complaints: Dutch by default, some English (the register's two languages). */

export const FIRST_NAMES = [
  'Sanne',
  'Daan',
  'Emma',
  'Lars',
  'Fleur',
  'Bram',
  'Noor',
  'Thijs',
  'Lotte',
  'Ruben',
  'Anouk',
  'Joris',
  'Iris',
  'Mehmet',
  'Fatima',
  'Kees',
  'Ingrid',
  'Wim',
  'Yara',
  'Sven',
  'Eva',
  'Jeroen',
  'Esther',
  'Mohamed',
  'Petra',
  'Henk',
  'Marloes',
  'Rik',
  'Sophie',
  'Ahmed',
];
export const LAST_NAMES = [
  'de Vries',
  'Jansen',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Yilmaz',
  'El Amrani',
  'Kok',
  'Jacobs',
  'van Dijk',
  'Willems',
];
export const MAIL_DOMAINS = ['example.com', 'example.nl', 'example.org'];

/** Places, most frequent first: one office draws many more complaints (a recurring theme). */
export const PLACES = [
  'Vestiging Utrecht',
  'Vestiging Amsterdam',
  'Telefonisch (klantenservice)',
  'Vestiging Rotterdam',
  'Online portaal',
  'Vestiging Eindhoven',
  'Vestiging Zwolle',
  'Op locatie bij de werkgever',
];

/** Staff the complaints are about or who delivered the service, most often named first. */
export const STAFF = [
  { local: 'p.pietersen', name: 'Piet Pietersen', function: 'Adviseur' },
  { local: 'm.vandam', name: 'Mirjam van Dam', function: 'Casemanager' },
  { local: 'r.koster', name: 'Robert Koster', function: 'Bedrijfsarts' },
  { local: 'l.hoekstra', name: 'Linda Hoekstra', function: 'Medewerker planning' },
  { local: 'j.verbeek', name: 'Jan Verbeek', function: 'Arbeidsdeskundige' },
  { local: 's.bulut', name: 'Selin Bulut', function: 'Administratief medewerker' },
  { local: 'g.prins', name: 'Gerard Prins', function: 'Teamleider' },
] as const;

/** Complaint themes: what people write, in Dutch and English. */
export const THEMES = [
  {
    nl: ['Mijn afspraak werd twee keer verzet zonder bericht.', 'Ik heb drie weken gewacht op een nieuwe afspraak.', 'De afspraak werd op het laatste moment afgezegd.'],
    en: ['My appointment was moved twice without notice.', 'I waited three weeks for a new appointment.'],
  },
  {
    nl: ['Ik word niet teruggebeld, terwijl dat wel was toegezegd.', 'De telefoon wordt niet opgenomen en mijn e-mails blijven onbeantwoord.', 'Na vier mails nog steeds geen antwoord.'],
    en: ['Nobody called me back although that was promised.', 'My e-mails go unanswered.'],
  },
  {
    nl: ['De medewerker was kortaf en luisterde niet naar mijn verhaal.', 'Ik voelde me niet serieus genomen in het gesprek.', 'Er werd over mij gepraat alsof ik er niet bij was.'],
    en: ['The staff member was curt and did not listen.', 'I did not feel taken seriously.'],
  },
  {
    nl: ['Het rapport bevat fouten over mijn situatie.', 'In het verslag staan dingen die ik nooit gezegd heb.', 'Het advies is gebaseerd op verouderde informatie.'],
    en: ['The report contains mistakes about my situation.', 'The advice is based on outdated information.'],
  },
  {
    nl: ['Ik heb een factuur gekregen voor een afspraak die niet doorging.', 'Er is een hoger bedrag in rekening gebracht dan afgesproken.'],
    en: ['I was invoiced for an appointment that did not take place.'],
  },
  {
    nl: ['Mijn medische gegevens zijn zonder toestemming met mijn werkgever gedeeld.', 'Een brief met mijn gegevens is naar een verkeerd adres gestuurd.'],
    en: ['My medical details were shared with my employer without consent.'],
  },
] as const;

export const CIRCUMSTANCES = [
  'Ik was op dat moment ziek thuis.',
  'Het ging om een re-integratiegesprek.',
  'Mijn werkgever was bij het gesprek aanwezig.',
  'Ik had vooraf laten weten dat ik slechthorend ben.',
];

export const REASONING = {
  founded: [
    'Na onderzoek blijkt dat de afspraken niet zijn nagekomen.',
    'De klacht is terecht: de informatie was onjuist en is niet tijdig hersteld.',
    'Uit het dossier blijkt dat er niet is teruggebeld.',
  ],
  'partly-founded': [
    'Een deel van de klacht is terecht: de communicatie had beter gekund. Het advies zelf was juist.',
    'Het verzetten van de afspraak was nodig, maar het bericht daarover kwam te laat.',
  ],
  unfounded: [
    'Uit het onderzoek blijkt dat de afspraak tijdig is gemeld.',
    'De medewerker heeft volgens het protocol gehandeld.',
    'De gegevens zijn met toestemming gedeeld; het toestemmingsformulier is aanwezig.',
  ],
} as const;

export const IMPROVEMENTS = [
  'Afspraken worden voortaan schriftelijk bevestigd.',
  'Terugbelverzoeken worden binnen één werkdag opgepakt.',
  'Het team krijgt een training klantcontact.',
  'Rapporten worden vóór verzending door een collega gecontroleerd.',
  'Het adres wordt bij elke verzending gecontroleerd.',
];

export const MEASURES = {
  corrective: ['Rapport gecorrigeerd en opnieuw verstuurd.', 'Factuur gecrediteerd.', 'Excuses aangeboden en nieuwe afspraak ingepland.', 'Gegevens bij de werkgever laten verwijderen.'],
  preventive: [
    'Werkinstructie terugbelverzoeken aangepast.',
    'Training klantcontact voor het team.',
    'Vier-ogenprincipe bij rapporten ingevoerd.',
    'Controle op adresgegevens in het verzendproces.',
    'Planning werkt met een vaste bevestigingsmail.',
  ],
} as const;

export const CONTACT_SUMMARIES = [
  'Klager gebeld voor een toelichting.',
  'Met de klager gesproken over wat er is gebeurd en wat zij verwacht.',
  'Klager gemaild met vragen; antwoord ontvangen.',
  'Toelichting van de klager ontvangen.',
];
export const STATEMENTS = [
  'De afspraak is verzet wegens ziekte; het bericht is blijven liggen.',
  'Ik heb de klager naar eer en geweten geïnformeerd.',
  'Ik herken me niet in de beschrijving van het gesprek.',
  'Er was die week een storing in het telefoonsysteem.',
];
export const OBJECTIONS = ['Ik ben het niet eens met de uitspraak.', 'De uitspraak gaat niet in op mijn belangrijkste punt.', 'Ik vind de klacht niet goed afgehandeld.'];
export const WITHDRAWALS = ['De klager trekt de klacht in.', 'Klager geeft aan dat het inmiddels is opgelost.', 'Klager wil er geen werk meer van maken.'];
export const INFORMAL = ['Nieuwe afspraak gemaakt; klager tevreden.', 'Na uitleg is de klager tevreden.', 'Opgelost in een telefoongesprek.', 'Correctie doorgevoerd; klager akkoord.'];
export const OFFERS = ['Een extra gesprek zonder kosten.', 'Correctie van het rapport en een nieuw gesprek.', 'Een vervangende adviseur.'];
export const EXTENSION_REASONS = [
  'Het horen van de betrokken medewerker kost meer tijd (vakantie).',
  'Er is aanvullende informatie nodig van de werkgever.',
  'Het onderzoek is omvangrijker dan verwacht.',
];
export const REPRESENTATIVES = ['Advocatenkantoor De Wit', 'Juridisch Loket', 'Vakbond FNV', 'Partner van de klager'];
