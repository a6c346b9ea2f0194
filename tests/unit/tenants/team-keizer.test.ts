// Seed 002: Team Keizer's Klachtenregeling, clause by clause -> tenants/team-keizer.yaml.
import { expect } from 'vitest';
import { openingMilestones } from '../../../shared/domain/regulation/index.ts';
import { type Clause, describeSeed, dueOf, ids, milestone, notice, role } from '../../support/clause-table.ts';

const category = (code: string) => (reg: Parameters<Clause['check']>[0]) => reg.categorySchemes.find((s) => s.id === 'nature')?.categories.find((c) => c.code === code);

const clauses: Clause[] = [
  {
    clause: 'Begrippenlijst: Klacht',
    quote:
      'Elke redelijkerwijs als zodanig aan te merken, mondeling of schriftelijk gedane uitlating van ongenoegen betreffende de dienstverlening door Team Keizer, door of namens de cliënt kenbaar gemaakt.',
    setting: 'scope.definition; intake.channels cover oral and written',
    check: (reg) => {
      expect(reg.scope.definition.nl).toMatch(/mondeling of schriftelijk/);
      expect(new Set(reg.intake.channels.map((c) => c.mode))).toEqual(new Set(['oral', 'written']));
    },
  },
  {
    clause: 'Begrippenlijst: Klager',
    quote: 'De cliënt of diens vertegenwoordiger die een klacht uit.',
    setting: 'scope.complainants client; representation { onBehalfAllowed, no authorisation }',
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['client']);
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisationRequired: false, pausesClock: false });
    },
  },
  {
    clause: 'Begrippenlijst: Klachtenprocedure, Klachtenregeling',
    quote: 'De op het kantoor gehanteerde procedure voor behandeling van klachten.',
    setting: 'the tenant file is that procedure (source.title)',
    check: (reg) => expect(reg.source.title).toBe('Team Keizer Klachtenregeling'),
  },
  {
    clause: 'Begrippenlijst: Klachtenregeling',
    quote: 'Dit document, zijnde de schriftelijke weergave van de op het kantoor gehanteerde klachtenprocedure.',
    setting: 'source.file',
    check: (reg) => expect(reg.source.file).toBe('shared/seeds/002_6c283abf5d90af80.txt'),
  },
  {
    clause: 'Begrippenlijst: Onafhankelijke klachtenfunctionaris',
    quote:
      'De onafhankelijke externe persoon, niet zijnde de betreffende medewerker van Team Keizer tegen wie mogelijk de klacht is gericht of een directe collega van hem/haar, aan wie de behandeling van de klacht is overgedragen.',
    setting: 'roles coordinator { independent, external }; roleRules never-involved excludes subject, subject-colleague',
    check: (reg) => {
      expect(role(reg, 'coordinator')).toMatchObject({ independent: true, external: true, label: { nl: 'Onafhankelijke klachtenfunctionaris' } });
      expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'never-involved', role: 'coordinator', excludes: ['subject', 'subject-colleague'] }));
    },
  },
  {
    clause: 'Begrippenlijst: Klachtenregistratieformulier',
    quote: 'Een intern te gebruiken formulier ter uitvoering van de in de klachtenregeling vastgelegde procedure.',
    setting: 'intake.registrationForm',
    check: (reg) => expect(reg.intake.registrationForm).toBe('Klachtenregistratieformulier'),
  },
  {
    clause: 'Wijze van klacht indienen',
    quote: 'Klachten kunnen per post, o.v.v. Klacht, naar onderstaand adres gestuurd worden.',
    setting: 'intake.channels post (letter; the address is missing in the text)',
    check: (reg) => expect(reg.intake.channels.find((c) => c.id === 'post')).toMatchObject({ kind: 'letter', mode: 'written' }),
  },
  {
    clause: 'Wijze van klacht indienen',
    quote: 'Daarnaast kan de klacht per email worden verstuurd naar klachten@keizer.email, deze wordt rechtstreeks behandeld door de onafhankelijke klachtenfunctionaris.',
    setting: 'intake.channels email { handledBy: coordinator } (demo address)',
    check: (reg) => expect(reg.intake.channels.find((c) => c.id === 'email')).toMatchObject({ kind: 'email', handledBy: 'coordinator', address: 'klachten@keizer.example' }),
  },
  {
    clause: 'Wijze van klacht indienen',
    quote: 'Tevens kan de klager de klacht melden via de onafhankelijke site www.erisietsmisgegaan.nl',
    setting: 'intake.channels independent-site (external-site)',
    check: (reg) => expect(reg.intake.channels.find((c) => c.id === 'independent-site')).toMatchObject({ kind: 'external-site', url: 'https://www.erisietsmisgegaan.nl' }),
  },
  ...[
    ['1', 'Het vastleggen van een procedure om klachten van cliënten binnen redelijke termijn op een constructieve wijze af te handelen.', /redelijke termijn/],
    ['2', 'Het vastleggen van een procedure om de oorzaken van klachten van cliënten vast te stellen.', /oorzaken/],
    ['3', 'Behoud en verbetering van bestaande relaties door middel van goede klachtenbehandeling.', /relaties/],
    ['4', 'Medewerkers trainen in cliëntgericht reageren op klachten.', /trainen/],
    ['5', 'Verbetering van de kwaliteit van de dienstverlening met behulp van klachtenbehandeling en klachtenanalyse.', /klachtenanalyse/],
  ].map(
    ([n, quote, pattern]): Clause => ({
      clause: `Doelstellingen ${n as string}`,
      quote: quote as string,
      setting: `scope.purpose[${Number(n) - 1}]`,
      check: (reg) => expect(reg.scope.purpose[Number(n) - 1]?.nl).toMatch(pattern as RegExp),
    }),
  ),
  {
    clause: 'Informeren van de cliënt',
    quote: 'De medewerker van Keizer wijst de cliënt erop dat Team Keizer een klachtenregeling hanteert en hoe de cliënt een klacht kan indienen.',
    setting: 'publication.staffPointClientsToIt',
    check: (reg) => expect(reg.publication?.staffPointClientsToIt).toBe(true),
  },
  {
    clause: 'Informeren van de cliënt',
    quote: 'De onafhankelijke klachtenfunctionaris informeert de cliënt, na ontvangst van de klacht, over de procedure en afhandeling.',
    setting: 'notices procedure-information (records acknowledged; no period in the text, so no acknowledgement milestone)',
    check: (reg) => {
      expect(notice(reg, 'procedure-information')).toMatchObject({ from: 'coordinator', trigger: 'received', records: 'acknowledged', contents: ['procedure', 'next-steps'] });
      expect(reg.milestones.filter((m) => m.metBy.includes('acknowledged'))).toEqual([]);
    },
  },
  {
    clause: 'Interne klachtenprocedure 1',
    quote: 'Wanneer een cliënt op enigerlei wijze het kantoor benadert met een klacht dan dient de betrokken medewerker daarvan in kennis te worden gesteld.',
    setting: 'notices staff-notice (to staff-concerned, records subject-notified); any channel (in person, phone too)',
    check: (reg) => {
      expect(notice(reg, 'staff-notice')).toMatchObject({ to: ['staff-concerned'], records: 'subject-notified' });
      expect(ids(reg.intake.channels)).toEqual(['post', 'email', 'independent-site', 'in-person', 'phone']);
    },
  },
  {
    clause: 'Interne klachtenprocedure 2',
    quote: 'De betrokken medewerker tracht samen met de cliënt tot een oplossing te komen al dan niet na raadpleging van de onafhankelijke klachtenfunctionaris.',
    setting: 'informalResolution { by: staff-concerned, mayConsult: coordinator, still registered }; outcomes resolved-informally',
    check: (reg) => {
      expect(reg.informalResolution).toMatchObject({ by: 'staff-concerned', mayConsult: ['coordinator'], registerOnlyWhenUnresolved: false });
      expect(ids(reg.outcomes)).toContain('resolved-informally');
    },
  },
  {
    clause: 'Interne klachtenprocedure 3',
    quote:
      'De betrokken medewerker respectievelijk de onafhankelijke klachtenfunctionaris draagt zorg voor een behoorlijke behandeling van de klacht met inachtneming van de onderhavige klachtenregeling.',
    setting: 'duties proper-handling (staff-concerned); investigation.by coordinator',
    check: (reg) => {
      expect(reg.duties.find((d) => d.id === 'proper-handling')?.role).toBe('staff-concerned');
      expect(reg.investigation?.by).toBe('coordinator');
    },
  },
  {
    clause: 'Interne klachtenprocedure 4',
    quote: 'Geheimhouding dient onder alle omstandigheden te zijn gewaarborgd.',
    setting: 'confidentiality.required',
    check: (reg) => expect(reg.confidentiality?.required).toBe(true),
  },
  {
    clause: 'Interne klachtenprocedure 5',
    quote: 'De beslissing op de klacht wordt aan de cliënt medegedeeld.',
    setting: 'notices decision (to complainant, records ruling-sent); outcomes founded, unfounded',
    check: (reg) => {
      expect(notice(reg, 'decision')).toMatchObject({ to: ['complainant'], records: 'ruling-sent', contents: ['outcome', 'reasons'] });
      expect(ids(reg.outcomes)).toEqual(['resolved-informally', 'founded', 'unfounded']);
    },
  },
  {
    clause: 'Registratie en classificatie 1',
    quote: 'Alle klachten worden geregistreerd op/volgens het klachtenregistratieformulier.',
    setting: 'intake.registrationForm; informalResolution.registerOnlyWhenUnresolved false',
    check: (reg) => {
      expect(reg.intake.registrationForm).toBe('Klachtenregistratieformulier');
      expect(reg.informalResolution?.registerOnlyWhenUnresolved).toBe(false);
    },
  },
  {
    clause: 'Registratie en classificatie 2',
    quote: 'De onafhankelijke klachtenfunctionaris registreert en classificeert de klacht.',
    setting: 'intake.registeredBy coordinator; categorySchemes nature.classifiedBy coordinator; notices coordinator-notice',
    check: (reg) => {
      expect(reg.intake.registeredBy).toBe('coordinator');
      expect(reg.categorySchemes[0]?.classifiedBy).toBe('coordinator');
      expect(notice(reg, 'coordinator-notice')).toMatchObject({ from: 'system', to: ['coordinator'] });
    },
  },
  {
    clause: 'Registratie en classificatie 3',
    quote: 'De klacht wordt geclassificeerd',
    setting: 'categorySchemes nature { required }',
    check: (reg) => expect(reg.categorySchemes[0]?.required).toBe(true),
  },
  {
    clause: 'Registratie en classificatie 3, naar wijze',
    quote: 'Naar wijze van indiening als:',
    setting: 'intake.modeClassifiedBy coordinator (mode recorded from the channel)',
    check: (reg) => expect(reg.intake.modeClassifiedBy).toBe('coordinator'),
  },
  {
    clause: 'Registratie en classificatie 3, A',
    quote: 'A. mondeling',
    setting: 'channels in-person and phone have mode oral',
    check: (reg) => expect(reg.intake.channels.filter((c) => c.mode === 'oral').map((c) => c.id)).toEqual(['in-person', 'phone']),
  },
  {
    clause: 'Registratie en classificatie 3, B',
    quote: 'B. schriftelijk',
    setting: 'channels post, email, independent-site have mode written',
    check: (reg) => expect(reg.intake.channels.filter((c) => c.mode === 'written').map((c) => c.id)).toEqual(['post', 'email', 'independent-site']),
  },
  {
    clause: 'Registratie en classificatie 3, naar aard',
    quote: 'naar aard van de klacht volgens onderstaande categorieën:',
    setting: 'categorySchemes nature (I-IV)',
    check: (reg) => expect(reg.categorySchemes[0]?.categories.map((c) => c.code)).toEqual(['I', 'II', 'III', 'IV']),
  },
  {
    clause: 'Registratie en classificatie 3, I',
    quote: 'I. klachten over werkwijze van/bejegening door de medewerker',
    setting: 'category conduct (I)',
    check: (reg) => expect(category('I')(reg)).toMatchObject({ id: 'conduct', label: { nl: 'klachten over werkwijze van/bejegening door de medewerker' } }),
  },
  {
    clause: 'Registratie en classificatie 3, II',
    quote: 'II. klachten over inhoudelijke aspecten van de dienstverlening',
    setting: 'category content (II)',
    check: (reg) => expect(category('II')(reg)?.id).toBe('content'),
  },
  {
    clause: 'Registratie en classificatie 3, III',
    quote: 'III. klachten over financiële aspecten van de dienstverlening',
    setting: 'category financial (III)',
    check: (reg) => expect(category('III')(reg)?.id).toBe('financial'),
  },
  {
    clause: 'Registratie en classificatie 3, IV',
    quote: 'IV. klachten over praktijkvoering in het algemeen',
    setting: 'category practice (IV)',
    check: (reg) => expect(category('IV')(reg)?.id).toBe('practice'),
  },
  {
    clause: 'Registratie en classificatie 4',
    quote: 'Een klacht kan in meerdere klassen worden ingedeeld.',
    setting: 'categorySchemes nature.multiple',
    check: (reg) => expect(reg.categorySchemes[0]?.multiple).toBe(true),
  },
  {
    clause: 'Registratie en classificatie 5',
    quote: 'Indien de klacht naar tevredenheid is afgehandeld, tekenen de betrokken medewerker en de onafhankelijke klachtenfunctionaris het Klachtenregistratieformulier.',
    setting: 'signOff { when: resolved-satisfactorily, by: [staff-concerned, coordinator] }',
    check: (reg) => expect(reg.signOff).toMatchObject({ when: 'resolved-satisfactorily', by: ['staff-concerned', 'coordinator'], document: 'Klachtenregistratieformulier' }),
  },
  {
    clause: 'Verantwoordelijkheden 1',
    quote: 'De betrokken medewerker en daarna de onafhankelijke klachtenfunctionaris zijn verantwoordelijk voor de behandeling en afhandeling van de klachten.',
    setting: 'informalResolution.by staff-concerned, then investigation.by coordinator',
    check: (reg) => {
      expect(reg.informalResolution?.by).toBe('staff-concerned');
      expect(reg.investigation?.by).toBe('coordinator');
    },
  },
  {
    clause: 'Verantwoordelijkheden 2',
    quote: 'De onafhankelijke klachtenfunctionaris is verantwoordelijk voor een volledige invulling van het klachtenregistratieformulier.',
    setting: 'duties complete-form',
    check: (reg) => expect(reg.duties.find((d) => d.id === 'complete-form')?.role).toBe('coordinator'),
  },
  {
    clause: 'Verantwoordelijkheden 3',
    quote: 'De betrokken medewerker houdt de onafhankelijke klachtenfunctionaris op de hoogte van de verdere afhandeling van de klacht.',
    setting: 'roleRules keeps-informed staff-concerned -> coordinator',
    check: (reg) => expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'keeps-informed', role: 'staff-concerned', informs: 'coordinator' })),
  },
  {
    clause: 'Verantwoordelijkheden 4',
    quote: 'De klacht dient binnen vier weken schriftelijk door het kantoor afgehandeld te zijn.',
    setting: 'milestones written-handling: 4 weeks from received, met by ruling-sent, escalation office',
    check: (reg) => {
      expect(milestone(reg, 'written-handling')).toMatchObject({ anchor: 'received', period: { unit: 'weeks', amount: 4 }, metBy: ['ruling-sent'], escalationRole: 'office' });
      expect(openingMilestones(reg, new Date('2026-04-24T10:00:00+02:00')).map((m) => [m.milestoneId, m.due])).toEqual([['written-handling', '2026-05-22']]);
      expect(dueOf(reg, 'written-handling', '2026-03-30T10:00:00+02:00')).toBe('2026-04-28'); // Koningsdag
      expect(dueOf(reg, 'written-handling', '2026-11-27T10:00:00+01:00')).toBe('2026-12-28'); // Christmas + weekend
    },
  },
  {
    clause: 'Verantwoordelijkheden 5',
    quote: 'De onafhankelijke klachtenfunctionaris zorgt voor een reactie naar de klager.',
    setting: 'notices decision.from coordinator; milestone written-handling.responsibleRole coordinator',
    check: (reg) => {
      expect(notice(reg, 'decision').from).toBe('coordinator');
      expect(milestone(reg, 'written-handling').responsibleRole).toBe('coordinator');
    },
  },
  {
    clause: 'Verantwoordelijkheden 6',
    quote: 'De onafhankelijke klachtenfunctionaris houdt het klachtendossier bij.',
    setting: 'duties keep-file; retention.archivedBy coordinator',
    check: (reg) => {
      expect(ids(reg.duties)).toContain('keep-file');
      expect(reg.retention.archivedBy).toBe('coordinator');
    },
  },
  {
    clause: 'Analyse van de klachten 1',
    quote: 'De klachtenregistratieformulieren worden na afhandeling van de klacht verzameld bij de onafhankelijke klachtenfunctionaris.',
    setting: 'duties collect-forms (on closed)',
    check: (reg) => expect(reg.duties.find((d) => d.id === 'collect-forms')).toMatchObject({ trigger: 'closed', records: 'archived' }),
  },
  {
    clause: 'Analyse van de klachten 2',
    quote: 'De onafhankelijke klachtenfunctionaris brengt van de afhandeling van klachten periodiek verslag uit.',
    setting: 'reporting periodic-report (periodic)',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'periodic-report')).toMatchObject({ cadence: 'periodic', by: 'coordinator' }),
  },
  {
    clause: 'Analyse van de klachten 3',
    quote: 'De onafhankelijke klachtenfunctionaris verwerkt de gegevens en maakt jaarlijks een analyse.',
    setting: 'reporting annual-analysis (yearly)',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'annual-analysis')).toMatchObject({ cadence: 'yearly', by: 'coordinator' }),
  },
  {
    clause: 'Analyse van de klachten 4',
    quote: 'De onafhankelijke klachtenfunctionaris doet tevens aanbevelingen ter voorkoming van nieuwe klachten, alsmede ter verbetering van procedures.',
    setting: 'reporting annual-analysis.covers recommendations',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'annual-analysis')?.covers).toHaveLength(2),
  },
  {
    clause: 'Intern bespreken 1',
    quote: 'Eenmaal per jaar worden de klachtengegevens op basis van een analyse op het kantoor besproken.',
    setting: 'reporting annual-office-meeting (yearly, office)',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'annual-office-meeting')).toMatchObject({ cadence: 'yearly', by: 'office' }),
  },
  {
    clause: 'Intern bespreken 2',
    quote: 'Maatregelen ter verbetering worden voorbereid en gepland.',
    setting: 'reporting annual-office-meeting.covers[0]',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'annual-office-meeting')?.covers[0]?.nl).toMatch(/voorbereiden en plannen/),
  },
  {
    clause: 'Intern bespreken 3',
    quote: 'De onafhankelijke klachtenfunctionaris is verantwoordelijk voor het voorbereiden van deze vergadering en het maken van een analyse.',
    setting: 'reporting annual-office-meeting.covers[1]',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'annual-office-meeting')?.covers[1]?.nl).toMatch(/bereidt de vergadering/),
  },
  {
    clause: 'Preventieve actie 1',
    quote:
      'Op grond van de jaarlijkse analyse van de onafhankelijke klachtenfunctionaris beslist het kantoor over de te nemen preventieve maatregelen ter verbetering van de kwaliteit van de dienstverlening.',
    setting: 'measures { preventive, decidedBy: office }',
    check: (reg) => expect(reg.measures).toMatchObject({ preventive: true, corrective: false, decidedBy: 'office' }),
  },
  {
    clause: 'Preventieve actie 2',
    quote: 'De te nemen maatregelen worden gezamenlijk met de analyse gepresenteerd in de kantoorvergadering.',
    setting: 'reporting annual-office-meeting.covers[2]',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'annual-office-meeting')?.covers[2]?.nl).toMatch(/samen met de analyse/),
  },
  {
    clause: '(not in the text) objection, external body',
    quote: 'De beslissing op de klacht wordt aan de cliënt medegedeeld.',
    setting: 'no objection stage; external { kind: none }',
    check: (reg) => {
      expect(reg.objection).toBeUndefined();
      expect(reg.external).toEqual({ kind: 'none' });
    },
  },
];

describeSeed({ tenant: 'team-keizer', seedFile: '002_6c283abf5d90af80.txt', clauses });
