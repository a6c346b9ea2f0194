// Seed 003: Focus's Klachtenreglement, clause by clause -> tenants/focus.yaml.
import { expect } from 'vitest';
import { openingMilestones } from '../../../shared/domain/regulation/index.ts';
import { type Clause, describeSeed, dueOf, ids, milestone, notice, role } from '../../support/clause-table.ts';

const clauses: Clause[] = [
  {
    clause: 'Definitie',
    quote:
      'Een klacht is de melding van iedere uiting van onvrede door of namens een belanghebbende inzake de dienstverlening van Focus in het algemeen of inzake het handelen of nalaten van individuele medewerkers van Focus, welke niet na een enkele toelichting of onmiddellijke correctie wordt verholpen.',
    setting: 'scope.definition, scope.subjects; informalResolution (registerOnlyWhenUnresolved); representation.onBehalfAllowed',
    check: (reg) => {
      expect(reg.scope.subjects?.nl).toMatch(/handelen of nalaten/);
      expect(reg.informalResolution).toMatchObject({ by: 'addressed-staff', registerOnlyWhenUnresolved: true });
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisationRequired: false });
    },
  },
  {
    clause: 'Definitie',
    quote: 'Iedere klacht wordt als een mogelijkheid tot verbetering gezien.',
    setting: 'scope.purpose[0]',
    check: (reg) => expect(reg.scope.purpose[0]?.nl).toBe('Iedere klacht wordt als een mogelijkheid tot verbetering gezien.'),
  },
  {
    clause: 'Definitie',
    quote: 'Indien de oplossing van de klacht niet door Focus kan worden bewerkstelligd, wordt in overleg met de indiener naar eventuele alternatieven gezocht.',
    setting: 'notes alternatives',
    check: (reg) => expect(ids(reg.notes)).toEqual(['alternatives']),
  },
  {
    clause: 'Toepassingsgebied',
    quote: 'Alle medewerkers, klanten en cliënten van Focus worden op de hoogte gebracht van ons klachtenreglement.',
    setting: 'publication.staffPointClientsToIt',
    check: (reg) => expect(reg.publication?.staffPointClientsToIt).toBe(true),
  },
  {
    clause: 'Toepassingsgebied',
    quote: 'Het klachtenreglement wordt intern en op de website beschikbaar gesteld.',
    setting: 'publication { website, internal }',
    check: (reg) => expect(reg.publication).toMatchObject({ website: true, internal: true }),
  },
  {
    clause: 'Doelen 1',
    quote: 'Op zorgvuldige wijze individuele uitingen van ongenoegen van cliënten en opdrachtgevers serieus afhandelen – van ontevreden naar tevreden.',
    setting: 'scope.purpose[1]; scope.complainants client, commissioning-party',
    check: (reg) => {
      expect(reg.scope.purpose[1]?.nl).toMatch(/van ontevreden naar tevreden/);
      expect(ids(reg.scope.complainants)).toEqual(['client', 'commissioning-party']);
    },
  },
  {
    clause: 'Doelen 2',
    quote: 'Komen tot veranderingen in de werkwijze van/bij Focus indien klachten een structureel karakter dragen',
    setting: 'scope.purpose[2]',
    check: (reg) => expect(reg.scope.purpose[2]?.nl).toMatch(/structureel karakter/),
  },
  {
    clause: 'Verantwoordelijkheden',
    quote: 'De directeur van Focus is eindverantwoordelijk voor een juiste en naar tevredenheid afgehandelde klacht.',
    setting: 'roleRules final-responsibility director; escalations go to the director',
    check: (reg) => {
      expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'final-responsibility', role: 'director' }));
      expect(['report-to-supervisor', 'contact', 'offer'].map((id) => milestone(reg, id).escalationRole)).toEqual(['director', 'director', 'director']);
    },
  },
  {
    clause: 'Verantwoordelijkheden',
    quote: 'De leidinggevende is in de meeste gevallen verantwoordelijk voor een goede afhandeling van de klacht, eventueel bijgestaan door de kwaliteitsmanager.',
    setting: 'roles coordinator = leidinggevende (handler); roles quality-manager',
    check: (reg) => {
      expect(role(reg, 'coordinator').label.nl).toBe('Leidinggevende (afhandelaar)');
      expect(role(reg, 'quality-manager').email).toBe('kwaliteit@focus.example');
    },
  },
  {
    clause: 'Verantwoordelijkheden',
    quote: 'Alle medewerkers van Focus kunnen een klacht in ontvangst nemen, zowel schriftelijk als mondeling.',
    setting: 'intake.receivedBy any-staff; channels written, oral; roles receiver',
    check: (reg) => {
      expect(reg.intake.receivedBy).toBe('any-staff');
      expect(reg.intake.channels.map((c) => [c.id, c.mode])).toEqual([
        ['written', 'written'],
        ['oral', 'oral'],
      ]);
      expect(role(reg, 'receiver').assignment).toBe('per-complaint');
    },
  },
  {
    clause: 'Werkwijze 1',
    quote: 'Melden klacht bij leidinggevende op dag 1',
    setting: 'milestones report-to-supervisor (same-day)',
    check: (reg) => expect(milestone(reg, 'report-to-supervisor').period).toEqual({ unit: 'same-day', amount: 0 }),
  },
  {
    clause: 'Werkwijze 1',
    quote: 'De ontvanger meldt de klacht dezelfde dag aan zijn direct leidinggevende.',
    setting: 'milestones report-to-supervisor: same-day from received, receiver, met by coordinator-notified; notices supervisor-notice (automatic)',
    check: (reg) => {
      expect(milestone(reg, 'report-to-supervisor')).toMatchObject({ anchor: 'received', responsibleRole: 'receiver', metBy: ['coordinator-notified'] });
      expect(notice(reg, 'supervisor-notice')).toMatchObject({ from: 'system', trigger: 'received', records: 'coordinator-notified' });
      // Received 23:30 Amsterdam time (21:30 UTC): the same local day, ending 23:59:59 local.
      const late = openingMilestones(reg, new Date('2026-04-23T23:30:00+02:00'))[0];
      expect(late).toMatchObject({ milestoneId: 'report-to-supervisor', due: '2026-04-23' });
      expect(late?.dueAt.toISOString()).toBe('2026-04-23T21:59:59.000Z');
      // A zero-length period is about that day, even a Saturday (no end-day rule).
      expect(dueOf(reg, 'report-to-supervisor', '2026-04-25T11:00:00+02:00')).toBe('2026-04-25');
    },
  },
  {
    clause: 'Werkwijze 1',
    quote: 'De klacht wordt schriftelijk vastgelegd in een klachtenformulier (v02).',
    setting: 'intake.registrationForm; intake.registeredBy receiver',
    check: (reg) => expect(reg.intake).toMatchObject({ registrationForm: 'klachtenformulier (v02)', registeredBy: 'receiver' }),
  },
  {
    clause: 'Werkwijze 1',
    quote: 'De leidinggevende kan zich laten bijstaan door de kwaliteitsmanager of door de directeur.',
    setting: 'roleRules may-be-assisted-by coordinator [quality-manager, director]',
    check: (reg) => expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'may-be-assisted-by', role: 'coordinator', assistants: ['quality-manager', 'director'] })),
  },
  {
    clause: 'Werkwijze 1',
    quote: 'De leidinggevende is verantwoordelijk voor de afhandeling van de klacht.',
    setting: 'investigation.by, resolution.decidedBy coordinator',
    check: (reg) => {
      expect(reg.investigation?.by).toBe('coordinator');
      expect(reg.resolution?.decidedBy).toBe('coordinator');
    },
  },
  {
    clause: 'Werkwijze 1',
    quote: 'De afhandelaar van de klacht is nooit degene die de dienst heeft verleend waarop de klacht betrekking heeft.',
    setting: 'roleRules never-involved coordinator excludes service-provider',
    check: (reg) => expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'never-involved', role: 'coordinator', excludes: ['service-provider'] })),
  },
  {
    clause: 'Werkwijze 2',
    quote: 'Contact over klacht binnen 2 werkdagen',
    setting: 'milestones contact (2 working-days)',
    check: (reg) => expect(milestone(reg, 'contact').period).toEqual({ unit: 'working-days', amount: 2 }),
  },
  {
    clause: 'Werkwijze 2',
    quote:
      'Uiterlijk binnen 2 werkdagen na binnenkomst van de klacht wordt in ieder geval contact opgenomen met degene die de klacht heeft ingediend en vindt een telefonisch of face-to-face gesprek plaats.',
    setting: 'milestones contact: 2 working-days from received, met by contacted; investigation.contactComplainant via phone, in-person',
    check: (reg) => {
      expect(milestone(reg, 'contact')).toMatchObject({ anchor: 'received', metBy: ['contacted'], responsibleRole: 'coordinator' });
      expect(reg.investigation?.contactComplainant?.via).toEqual(['phone', 'in-person']);
      expect(dueOf(reg, 'contact', '2026-04-24T10:00:00+02:00')).toBe('2026-04-29'); // Koningsdag Mon 27 Apr
      expect(dueOf(reg, 'contact', '2026-04-25T10:00:00+02:00')).toBe('2026-04-29'); // received on a Saturday
      expect(dueOf(reg, 'contact', '2025-05-28T10:00:00+02:00')).toBe('2025-06-03'); // Ascension and its bridge day
      expect(dueOf(reg, 'contact', '2026-12-24T10:00:00+01:00')).toBe('2026-12-29'); // both Christmas days
    },
  },
  {
    clause: 'Werkwijze 2',
    quote: 'Ofwel om meer duidelijkheid te krijgen over de klacht, ofwel om de klacht af te handelen.',
    setting: 'investigation.contactComplainant.purpose',
    check: (reg) => expect(reg.investigation?.contactComplainant?.purpose?.nl).toMatch(/meer duidelijkheid/),
  },
  {
    clause: 'Werkwijze 3',
    quote: 'Aanbod binnen 2 weken',
    setting: 'milestones offer (2 weeks)',
    check: (reg) => expect(milestone(reg, 'offer').period).toEqual({ unit: 'weeks', amount: 2 }),
  },
  {
    clause: 'Werkwijze 3',
    quote: 'De afhandelaar bepaalt of de klacht gegrond is rekening houdend met contractuele afspraken en verwachtingen.',
    setting: 'outcomes founded, unfounded; resolution.criteria',
    check: (reg) => {
      expect(ids(reg.outcomes)).toEqual(['founded', 'unfounded']);
      expect(reg.resolution?.criteria?.nl).toBe('contractuele afspraken en verwachtingen');
    },
  },
  {
    clause: 'Werkwijze 3',
    quote: 'Vervolgens besluit hij – eventueel na overleg met de algemeen directeur – of er een genoegdoening of vervangende/extra dienst wordt aangeboden.',
    setting: 'resolution.mayConsult director; remedies compensation, replacement-service, extra-service',
    check: (reg) => {
      expect(reg.resolution?.mayConsult).toEqual(['director']);
      expect(ids(reg.resolution?.remedies ?? [])).toEqual(['compensation', 'replacement-service', 'extra-service']);
    },
  },
  {
    clause: 'Werkwijze 3',
    quote: 'De afhandelaar doet telefonisch het aanbod, uiterlijk 2 weken na binnenkomst van de klacht en peilt de tevredenheid bij de klant.',
    setting: 'milestones offer: 2 weeks from received, met by offer-made; satisfactionCheck at offer-made by phone; offer.via phone',
    check: (reg) => {
      expect(milestone(reg, 'offer')).toMatchObject({ anchor: 'received', metBy: ['offer-made'] });
      expect(reg.satisfactionCheck).toMatchObject({ by: 'coordinator', at: 'offer-made', via: ['phone'] });
      expect(reg.resolution?.offer?.via).toEqual(['phone']);
      expect(dueOf(reg, 'offer', '2026-04-24T10:00:00+02:00')).toBe('2026-05-08');
      expect(dueOf(reg, 'offer', '2026-04-30T10:00:00+02:00')).toBe('2026-05-18'); // 14 May is Ascension, 15 May the bridge day
    },
  },
  {
    clause: 'Werkwijze 3',
    quote: 'Dit telefonische aanbod wordt zo mogelijk schriftelijk bevestigd.',
    setting: 'resolution.offer.writtenConfirmation if-possible; notices offer-confirmation { optional }',
    check: (reg) => {
      expect(reg.resolution?.offer?.writtenConfirmation).toBe('if-possible');
      expect(notice(reg, 'offer-confirmation')).toMatchObject({ optional: true, written: true, trigger: 'offer-made' });
    },
  },
  {
    clause: 'Werkwijze 4',
    quote: 'Vastleggen acties en resultaten op klachtenformulier binnen 3 weken',
    setting: 'milestones record-actions: 3 weeks from received, met by actions-recorded',
    check: (reg) => {
      expect(milestone(reg, 'record-actions')).toMatchObject({ anchor: 'received', period: { unit: 'weeks', amount: 3 }, metBy: ['actions-recorded'], escalationRole: 'quality-manager' });
      expect(dueOf(reg, 'record-actions', '2026-04-24T10:00:00+02:00')).toBe('2026-05-18'); // 15 May is a bridge day
      expect(dueOf(reg, 'record-actions', '2026-12-11T10:00:00+01:00')).toBe('2027-01-04'); // 1 Jan 2027, then the weekend
    },
  },
  {
    clause: 'Werkwijze 4',
    quote: 'De afhandelaar legt de acties, het aanbod en het resultaat vast op het *klachtenformulier* en verstuurt deze naar de kwaliteitsmanager.',
    setting: 'notices complaint-form (to quality-manager, records actions-recorded); offer.recordResponse',
    check: (reg) => {
      expect(notice(reg, 'complaint-form')).toMatchObject({ to: ['quality-manager'], records: 'actions-recorded' });
      expect(reg.resolution?.offer?.recordResponse).toBe(true);
    },
  },
  {
    clause: 'Werkwijze 4',
    quote: 'De afhandelaar draagt zorg voor een goede afhandeling van wat is afgesproken met de klager.',
    setting: 'resolution.followUpBy coordinator; duties carry-out-agreements',
    check: (reg) => {
      expect(reg.resolution?.followUpBy).toBe('coordinator');
      expect(ids(reg.duties)).toContain('carry-out-agreements');
    },
  },
  {
    clause: 'Indien de afhandeling niet leidt tot de gewenste afhandeling',
    quote: 'Indien de afhandeling niet leidt tot de gewenste afhandeling',
    setting: 'external.after handling',
    check: (reg) => expect(reg.external).toMatchObject({ after: 'handling' }),
  },
  {
    clause: 'Indien de afhandeling niet leidt tot de gewenste afhandeling',
    quote: 'Indien de afhandeling binnen Focus niet leidt tot de gewenste afhandeling, dan wordt er indien nodig een externe partij in geschakeld.',
    setting: 'external { kind: chosen-per-complaint, chosenBy: director, ifNeeded }; no objection stage',
    check: (reg) => {
      expect(reg.external).toMatchObject({ kind: 'chosen-per-complaint', chosenBy: 'director', ifNeeded: true, options: [] });
      expect(reg.objection).toBeUndefined();
    },
  },
  {
    clause: 'Afsluiten klacht',
    quote: 'Na afhandeling wordt het klachtenformulier opgeborgen in het klachtendossier door de kwaliteitsmanager.',
    setting: 'duties archive-form; retention.archivedBy quality-manager',
    check: (reg) => {
      expect(reg.duties.find((d) => d.id === 'archive-form')).toMatchObject({ role: 'quality-manager', trigger: 'closed', records: 'archived' });
      expect(reg.retention.archivedBy).toBe('quality-manager');
    },
  },
  {
    clause: 'Afsluiten klacht',
    quote: 'In E-Synergy wordt een registratie vastgelegd over de klacht.',
    setting: 'duties e-synergy; retention.archive',
    check: (reg) => {
      expect(ids(reg.duties)).toContain('e-synergy');
      expect(reg.retention.archive?.nl).toMatch(/E-Synergy/);
    },
  },
  {
    clause: '(all periods from receipt)',
    quote: 'uiterlijk 2 weken na binnenkomst van de klacht',
    setting: 'four milestones open on receipt',
    check: (reg) =>
      expect(openingMilestones(reg, new Date('2026-04-24T10:00:00+02:00')).map((m) => [m.milestoneId, m.due])).toEqual([
        ['report-to-supervisor', '2026-04-24'],
        ['contact', '2026-04-29'],
        ['offer', '2026-05-08'],
        ['record-actions', '2026-05-18'],
      ]),
  },
];

describeSeed({ tenant: 'focus', seedFile: '003_83c7beabf172ad4a.txt', clauses });
