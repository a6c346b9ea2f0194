// Seed 000: Occure's complaint regulation of 1 January 2019, clause by clause -> tenants/occure.yaml, version 2019-01-01.
import { expect } from 'vitest';
import { openingMilestones } from '../../../shared/domain/regulation/index.ts';
import { type Clause, describeSeed, dueOf, ids, milestone, notice, role } from '../../support/clause-table.ts';

const clauses: Clause[] = [
  {
    clause: 'Werkingssfeer',
    quote:
      'Dit klachtenreglement regelt de afhandeling (intern dan wel extern) van klachten van cliënten en opdrachtgevers jegens Occure, jegens de medewerkers van Occure, of jegens medewerkers die op verzoek van Occure diensten voor de klanten van Occure verrichten, met betrekking tot de dienstverlening van Occure aan voornoemden.',
    setting: 'scope.complainants, scope.subjects',
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['client', 'commissioning-party']);
      expect(reg.scope.subjects?.nl).toMatch(/medewerkers die op verzoek van Occure/);
    },
  },
  {
    clause: 'Werkingssfeer',
    quote: 'Het is van toepassing op alle klachten.',
    setting: 'categorySchemes: none (no complaint is out of scope by its kind)',
    check: (reg) => {
      expect(reg.categorySchemes).toEqual([]);
      expect(reg.scope.subjects?.nl).toMatch(/alle klachten/);
    },
  },
  {
    clause: 'Doel',
    quote: 'Het zorgvuldig, consequent, vertrouwelijk en effectief registreren en afhandelen van klachten.',
    setting: 'scope.purpose[0], confidentiality.required',
    check: (reg) => {
      expect(reg.scope.purpose[0]?.nl).toMatch(/vertrouwelijk/);
      expect(reg.confidentiality?.required).toBe(true);
    },
  },
  {
    clause: 'Doel',
    quote: 'Uiteindelijk doel is het verbeteren van de kwaliteit van de dienstverlening door lering te trekken uit de klachten.',
    setting: 'scope.purpose[1]',
    check: (reg) => expect(reg.scope.purpose[1]?.nl).toMatch(/lering/),
  },
  {
    clause: 'Definitie klacht',
    quote: 'Een klacht is iedere uiting van ontevredenheid over de dienstverlening van Occure, dan wel een dienstverlener die namens Occure bij de klant zijn of haar diensten verleent.',
    setting: 'scope.definition; intake.channels service-provider (in person, oral)',
    check: (reg) => {
      expect(reg.scope.definition.nl).toMatch(/iedere uiting van ontevredenheid/);
      const channel = reg.intake.channels.find((c) => c.id === 'service-provider');
      expect(channel).toMatchObject({ kind: 'in-person', mode: 'oral' });
    },
  },
  {
    clause: 'Definitie klacht',
    quote: 'Er wordt officieel een klacht ingeboekt als de betrokken dienstverlener deze klacht niet kan wegnemen.',
    setting: 'informalResolution { by: service-provider, registerOnlyWhenUnresolved }',
    check: (reg) => {
      expect(reg.informalResolution).toMatchObject({ by: 'service-provider', registerOnlyWhenUnresolved: true });
      expect(role(reg, 'service-provider').assignment).toBe('per-complaint');
    },
  },
  {
    clause: 'Definitie klacht',
    quote: 'Een klacht wordt niet ontvankelijk verklaard als de klacht over inhoudelijke zaken gaat met betrekking tot een spreekuur, waarin de klager het niet eens is met het gegeven advies.',
    setting: 'admissibility.grounds consultation-advice; outcomes not-admissible',
    check: (reg) => {
      expect(ids(reg.admissibility.grounds)).toEqual(['consultation-advice']);
      expect(ids(reg.outcomes)).toContain('not-admissible');
    },
  },
  {
    clause: 'Definitie klacht',
    quote: 'In het laatste geval wordt er direct een deskundigenoordeel geadviseerd.',
    setting: 'admissibility.grounds[0].referral { immediate }; notices referral',
    check: (reg) => {
      expect(reg.admissibility.grounds[0]?.referral).toMatchObject({ immediate: true, label: { nl: 'deskundigenoordeel' } });
      expect(notice(reg, 'referral').contents).toContain('referral');
    },
  },
  {
    clause: 'Procedurebeschrijving ¶1',
    quote: 'De directeur van Occure treedt op als klachtencoördinator.',
    setting: 'roles coordinator (holder: the director); notices coordinator-notice',
    check: (reg) => {
      expect(role(reg, 'coordinator').holder?.nl).toBe('de directeur van Occure');
      expect(role(reg, 'coordinator').email).toMatch(/@occure\.example$/);
      expect(notice(reg, 'coordinator-notice')).toMatchObject({ from: 'system', trigger: 'received', to: ['coordinator'] });
    },
  },
  {
    clause: 'Procedurebeschrijving ¶1',
    quote: 'Bij betrokkenheid wijst de directeur een vervangende klachtencoördinator (in- of extern) aan.',
    setting: 'roleRules substitute-when-involved (appointed by the coordinator, may be external)',
    check: (reg) =>
      expect(reg.roleRules).toContainEqual(
        expect.objectContaining({ rule: 'substitute-when-involved', role: 'coordinator', substitute: 'substitute-coordinator', appointedBy: 'coordinator', substituteMayBeExternal: true }),
      ),
  },
  {
    clause: 'Procedurebeschrijving ¶2',
    quote: 'Iedere klacht wordt door de directeur van Occure onderzocht op basis van hoor en wederhoor.',
    setting: 'investigation { by: coordinator, hearBothSides }',
    check: (reg) => expect(reg.investigation).toMatchObject({ by: 'coordinator', hearBothSides: true }),
  },
  {
    clause: 'Procedurebeschrijving ¶2',
    quote: 'Binnen 21 dagen krijgt de klager schriftelijk bericht over de beoordeling en afhandeling van de klacht.',
    setting: 'milestones written-answer: 21 calendar-days from received, met by ruling-sent; notices written-answer',
    check: (reg) => {
      expect(milestone(reg, 'written-answer')).toMatchObject({ anchor: 'received', period: { unit: 'calendar-days', amount: 21 }, metBy: ['ruling-sent'], endDayRule: true });
      expect(notice(reg, 'written-answer')).toMatchObject({ written: true, records: 'ruling-sent' });
      // Fri 24 Apr 2026 + 21 days = Fri 15 May, the decree bridge day after Ascension; then the weekend.
      expect(dueOf(reg, 'written-answer', '2026-04-24T10:00:00+02:00')).toBe('2026-05-18');
      // Fri 4 Dec 2026 + 21 days = Christmas Day; 26th is Christmas too and a Saturday.
      expect(dueOf(reg, 'written-answer', '2026-12-04T10:00:00+01:00')).toBe('2026-12-28');
      // Received 23:30 local on 31 Dec 2026 (22:30 UTC) counts from 31 Dec: 21 Jan 2027.
      expect(dueOf(reg, 'written-answer', '2026-12-31T23:30:00+01:00')).toBe('2027-01-21');
    },
  },
  {
    clause: 'Procedurebeschrijving ¶2',
    quote: 'Er zullen zo nodig (al dan niet preventieve) maatregelen genomen worden om te zorgen dat eventuele fouten in de toekomst niet meer voor zullen komen.',
    setting: 'measures { corrective, preventive, decidedBy: coordinator }',
    check: (reg) => expect(reg.measures).toMatchObject({ corrective: true, preventive: true, decidedBy: 'coordinator' }),
  },
  {
    clause: 'Procedurebeschrijving ¶3',
    quote: 'De resultaten van het onderzoek door de directeur en de genomen maatregelen worden geregistreerd in het klachtenregister.',
    setting: 'measures.recorded; reporting register (continuous)',
    check: (reg) => {
      expect(reg.measures?.recorded).toBe(true);
      expect(reg.reporting.find((r) => r.id === 'register')?.cadence).toBe('continuous');
    },
  },
  {
    clause: 'Procedurebeschrijving ¶3',
    quote: 'Dit klachtenregister vormt de input voor de jaarlijkse klachtenevaluatie en klachtenrapportage.',
    setting: 'reporting annual-evaluation (yearly)',
    check: (reg) => expect(reg.reporting.find((r) => r.id === 'annual-evaluation')?.cadence).toBe('yearly'),
  },
  {
    clause: 'Procedurebeschrijving ¶3',
    quote: 'De betrokken professionals kunnen op basis van de klachtenevaluatie corrigerende en/of preventieve vervolgacties starten.',
    setting: 'reporting annual-evaluation.covers; roles professionals',
    check: (reg) => {
      expect(reg.reporting.find((r) => r.id === 'annual-evaluation')?.covers[0]?.nl).toMatch(/vervolgacties/);
      expect(role(reg, 'professionals').assignment).toBe('per-complaint');
    },
  },
  {
    clause: 'Procedurebeschrijving ¶4',
    quote: 'Indien de klager van mening is dat de klacht door de directeur niet goed is afgehandeld, dan kan de klager zich hierover beklagen bij de directeur.',
    setting: 'objection { kind: complaint-about-handling, to: coordinator }',
    check: (reg) => expect(reg.objection).toMatchObject({ kind: 'complaint-about-handling', to: 'coordinator', decidedBy: 'coordinator' }),
  },
  {
    clause: 'Procedurebeschrijving ¶4',
    quote: 'Deze geeft binnen 15 werkdagen aan bij welke externe partij de klager terecht kan voor objectieve bepaling van de procesgang binnen de klachtenprocedure.',
    setting: 'milestones external-party-named (15 working-days from objection-received); external chosen-per-complaint by the coordinator',
    check: (reg) => {
      expect(milestone(reg, 'external-party-named')).toMatchObject({ anchor: 'objection-received', period: { unit: 'working-days', amount: 15 }, metBy: ['external-referral-given'] });
      expect(reg.external).toMatchObject({ kind: 'chosen-per-complaint', chosenBy: 'coordinator', after: 'objection' });
      // Mon 20 Apr 2026: Koningsdag (27 Apr) and 5 May are not counted.
      expect(dueOf(reg, 'external-party-named', '2026-04-20T09:00:00+02:00')).toBe('2026-05-13');
      // Fri 1 May 2026: 5 May, Ascension 14 May, bridge day 15 May and Whit Monday 25 May not counted.
      expect(dueOf(reg, 'external-party-named', '2026-05-01T09:00:00+02:00')).toBe('2026-05-28');
    },
  },
  {
    clause: 'Procedurebeschrijving ¶5',
    quote: 'Eventueel is het mogelijk in overleg met de medezeggenschapsorganen een commissie samen te stellen.',
    setting: 'notes committee',
    check: (reg) => expect(ids(reg.notes)).toContain('committee'),
  },
  {
    clause: 'Procedurebeschrijving ¶6',
    quote: 'Occure is bereid om per organisatie en in overleg met die organisatie een “maatwerk-klachtenregeling” op te stellen met bovenstaande als uitgangspunt.',
    setting: 'notes custom-regulation',
    check: (reg) => expect(ids(reg.notes)).toContain('custom-regulation'),
  },
  {
    clause: 'Ondertekening',
    quote: 'Etten-Leur, 1 januari 2019.',
    setting: 'source.place, source.dated, effectiveFrom, version',
    check: (reg) => {
      expect(reg.source).toMatchObject({ place: 'Etten-Leur', dated: '2019-01-01', signedBy: 'J.P.M. Blaauwhof, Directeur Occure' });
      expect(reg.effectiveFrom).toBe('2019-01-01');
    },
  },
  {
    clause: 'Ondertekening',
    quote: 'J.P.M. Blaauwhof,',
    setting: 'source.signedBy',
    check: (reg) => expect(reg.source.signedBy).toBe('J.P.M. Blaauwhof, Directeur Occure'),
  },
  {
    clause: 'Slotregel van de pagina',
    quote: 'Wij zijn altijd goed bereikbaar via mail of telefoon.',
    setting: 'intake.channels email, phone',
    check: (reg) => expect(reg.intake.channels.map((c) => c.kind)).toEqual(['email', 'phone', 'in-person']),
  },
  {
    clause: '(not in the text) acknowledgement',
    quote: 'Binnen 21 dagen krijgt de klager schriftelijk bericht',
    setting: 'no milestone metBy acknowledged: the 2019 text promises no acknowledgement; only the written answer opens on receipt',
    check: (reg) => {
      expect(reg.milestones.filter((m) => m.metBy.includes('acknowledged'))).toEqual([]);
      expect(openingMilestones(reg, new Date('2026-04-24T10:00:00+02:00')).map((m) => m.milestoneId)).toEqual(['written-answer']);
    },
  },
];

describeSeed({
  tenant: 'occure@2019-01-01',
  seedFile: '000_0701becc3795e886.txt',
  clauses,
  boilerplate: ['Ons team staat voor je klaar.'],
});
