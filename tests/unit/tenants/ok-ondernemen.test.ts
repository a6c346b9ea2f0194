// Seed 001: OK Ondernemen met Kwaliteit BV, regulation of 27 May 2008, clause by clause -> tenants/ok-ondernemen.yaml.
import { expect } from 'vitest';
import { applicableMilestones, openingMilestones } from '../../../shared/domain/regulation/index.ts';
import { type Clause, describeSeed, dueOf, ids, milestone, notice, role } from '../../support/clause-table.ts';

const clauses: Clause[] = [
  {
    clause: 'Inleiding',
    quote: 'Van klachten kunnen we leren. Daarom is dit klachtenreglement opgesteld.',
    setting: 'scope.purpose',
    check: (reg) => expect(reg.scope.purpose).toHaveLength(3),
  },
  {
    clause: 'Inleiding, doel 1',
    quote: 'het op een zorgvuldige en uniforme wijze registreren en afhandelen van klachten,',
    setting: 'scope.purpose[0]',
    check: (reg) => expect(reg.scope.purpose[0]?.nl).toMatch(/zorgvuldige en uniforme wijze/),
  },
  {
    clause: 'Inleiding, doel 2',
    quote: 'het wegnemen van de oorzaken en',
    setting: 'scope.purpose[1]',
    check: (reg) => expect(reg.scope.purpose[1]?.nl).toMatch(/oorzaken/),
  },
  {
    clause: 'Inleiding, doel 3',
    quote: 'het nemen van adequate maatregelen om herhaling te voorkomen.',
    setting: 'scope.purpose[2]; measures.preventive',
    check: (reg) => {
      expect(reg.scope.purpose[2]?.nl).toMatch(/herhaling te voorkomen/);
      expect(reg.measures?.preventive).toBe(true);
    },
  },
  {
    clause: 'Inleiding, definitie',
    quote:
      'Alle uitingen van ongenoegen over contacten met OK Ondernemen met Kwaliteit BV die niet onmiddellijk door de direct aangesprokene bij OK Ondernemen met Kwaliteit BV weggenomen kunnen worden, zien we als een klacht.',
    setting: 'scope.definition; informalResolution { by: addressed-staff, registerOnlyWhenUnresolved }',
    check: (reg) => {
      expect(reg.scope.definition.nl).toMatch(/direct aangesprokene/);
      expect(reg.informalResolution).toMatchObject({ by: 'addressed-staff', registerOnlyWhenUnresolved: true });
    },
  },
  {
    clause: 'Inleiding',
    quote: 'Hieronder staat stap voor stap omschreven hoe OK Ondernemen met Kwaliteit BV omgaat met klachten van zowel cliënten als opdrachtgevers.',
    setting: 'scope.complainants client, commissioning-party',
    check: (reg) => expect(ids(reg.scope.complainants)).toEqual(['client', 'commissioning-party']),
  },
  {
    clause: 'art. 1',
    quote: 'Een klacht kan schriftelijk, per e-mail, telefonisch of mondeling bekendgemaakt worden aan een medewerker van OK Ondernemen met Kwaliteit BV.',
    setting: 'intake.channels letter, email, phone, in-person (written, written, oral, oral); intake.receivedBy any-staff',
    check: (reg) => {
      expect(reg.intake.channels.map((c) => [c.kind, c.mode])).toEqual([
        ['letter', 'written'],
        ['email', 'written'],
        ['phone', 'oral'],
        ['in-person', 'oral'],
      ]);
      expect(reg.intake.receivedBy).toBe('any-staff');
    },
  },
  {
    clause: 'art. 1',
    quote:
      'De ontvanger registreert de klacht in het elektronische klachtmeldings-systeem van OK Ondernemen met Kwaliteit BV; daarna brengt het systeem de klachtmeldingscoördinator automatisch op de hoogte van de klacht.',
    setting: 'intake.registeredBy receiver, registrationForm; notices coordinator-notice (system, on receipt)',
    check: (reg) => {
      expect(reg.intake).toMatchObject({ registeredBy: 'receiver', registrationForm: 'elektronisch klachtmeldingssysteem' });
      expect(notice(reg, 'coordinator-notice')).toMatchObject({ from: 'system', trigger: 'received', to: ['coordinator'], records: 'coordinator-notified' });
    },
  },
  {
    clause: 'art. 1',
    quote: 'Een eventuele schriftelijke klacht wordt aan de klacht-meldingscoördinator overhandigd.',
    setting: 'intake.writtenOriginalTo coordinator',
    check: (reg) => expect(reg.intake.writtenOriginalTo).toBe('coordinator'),
  },
  {
    clause: 'art. 2',
    quote: 'De klachtmeldingscoördinator draagt de klacht over aan de klachtafhandelaar.',
    setting: 'roleRules assigns coordinator -> handler',
    check: (reg) => expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'assigns', role: 'coordinator', assigns: 'handler' })),
  },
  {
    clause: 'art. 2',
    quote: 'Dit kan de manager van de betrokken afdeling / medewerker zijn, soms ook de persoon die verantwoordelijk is voor het betreffende proces.',
    setting: 'roles handler.holder; roleRules assigns.candidates',
    check: (reg) => {
      expect(role(reg, 'handler')).toMatchObject({ assignment: 'per-complaint' });
      expect(role(reg, 'handler').holder?.nl).toMatch(/manager van de betrokken afdeling/);
    },
  },
  {
    clause: 'art. 2',
    quote: 'De afhandelaar is nooit de medewerker die de dienst heeft verleend waarop de klacht betrekking heeft.',
    setting: 'roleRules never-involved handler excludes service-provider',
    check: (reg) => expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'never-involved', role: 'handler', excludes: ['service-provider'] })),
  },
  {
    clause: 'art. 2',
    quote: 'Naam en functie van de afhandelaar worden geregistreerd in het klachtmeldingssysteem.',
    setting: 'roleRules assigns.records [name, function]',
    check: (reg) => expect(reg.roleRules).toContainEqual(expect.objectContaining({ rule: 'assigns', records: ['name', 'function'] })),
  },
  {
    clause: 'art. 2',
    quote: 'De meldingscoördinator overhandigt een kopie van een eventuele schriftelijke klacht aan de klachtafhandelaar.',
    setting: 'duties copy-to-handler (coordinator, on assigned)',
    check: (reg) => expect(reg.duties.find((d) => d.id === 'copy-to-handler')).toMatchObject({ role: 'coordinator', trigger: 'assigned' }),
  },
  {
    clause: 'art. 2',
    quote: 'De klachtafhandelaar neemt zondig telefonisch contact op met de indiener van de klacht om aanvullende informatie te verkrijgen.',
    setting: 'investigation.contactComplainant { via: phone, promptly }; duties phone-contact',
    check: (reg) => {
      expect(reg.investigation?.contactComplainant).toMatchObject({ via: ['phone'], promptly: true });
      expect(reg.duties.find((d) => d.id === 'phone-contact')).toMatchObject({ role: 'handler', records: 'contacted' });
    },
  },
  {
    clause: 'art. 3',
    quote: 'De klachtafhandelaar stuurt uiterlijk binnen twee weken een ontvangstbevestiging naar de klager, waarin zijn opgenomen:',
    setting: 'milestones acknowledgement: 2 weeks from received, handler, escalation coordinator',
    check: (reg) => {
      expect(milestone(reg, 'acknowledgement')).toMatchObject({
        anchor: 'received',
        period: { unit: 'weeks', amount: 2 },
        metBy: ['acknowledged'],
        responsibleRole: 'handler',
        escalationRole: 'coordinator',
      });
      expect(dueOf(reg, 'acknowledgement', '2026-04-24T10:00:00+02:00')).toBe('2026-05-08');
      expect(dueOf(reg, 'acknowledgement', '2026-04-13T10:00:00+02:00')).toBe('2026-04-28'); // lands on Koningsdag
      expect(dueOf(reg, 'acknowledgement', '2026-12-18T10:00:00+01:00')).toBe('2027-01-04'); // New Year, then the weekend
    },
  },
  {
    clause: 'art. 3, inhoud 1',
    quote: 'korte omschrijving van de klacht (inclusief datum, plaats en eventuele bijzondere omstandigheden),',
    setting: 'notices acknowledgement.contents complaint-summary, complaint-details',
    check: (reg) => expect(notice(reg, 'acknowledgement').contents).toEqual(expect.arrayContaining(['complaint-summary', 'complaint-details'])),
  },
  {
    clause: 'art. 3, inhoud 2',
    quote: 'de verdere afhandeling van de klacht en',
    setting: 'notices acknowledgement.contents next-steps',
    check: (reg) => expect(notice(reg, 'acknowledgement').contents).toContain('next-steps'),
  },
  {
    clause: 'art. 3, inhoud 3',
    quote: 'de termijn waarbinnen men verwacht de klacht af te handelen.',
    setting: 'notices acknowledgement.contents expected-term',
    check: (reg) => expect(notice(reg, 'acknowledgement').contents).toContain('expected-term'),
  },
  {
    clause: 'art. 3',
    quote: 'Indien de klacht niet in behandeling wordt genomen wordt de indiener binnen vier weken na de ontvangstdatum op de hoogte gesteld.',
    setting: 'milestones not-taken-up-notice: 4 weeks from received, applies when not-taken-up',
    check: (reg) => {
      expect(milestone(reg, 'not-taken-up-notice')).toMatchObject({
        anchor: 'received',
        period: { unit: 'weeks', amount: 4 },
        appliesWhen: { event: 'not-taken-up' },
        metBy: ['not-taken-up-notified'],
      });
      const receivedAt = new Date('2026-12-04T10:00:00+01:00');
      expect(openingMilestones(reg, receivedAt).map((m) => m.milestoneId)).toEqual(['acknowledgement']);
      const declined = applicableMilestones(reg, { received: receivedAt, 'not-taken-up': new Date('2026-12-10T10:00:00+01:00') });
      // Fri 4 Dec 2026 + 4 weeks = New Year's Day, then the weekend.
      expect(declined.find((m) => m.milestoneId === 'not-taken-up-notice')?.due).toBe('2027-01-04');
    },
  },
  {
    clause: 'art. 4',
    quote: 'De klachtafhandelaar legt de ontvangen klacht voor aan de betrokken OK Ondernemen met Kwaliteit BV-medewerker(s).',
    setting: 'investigation.hearBothSides; roles staff-concerned',
    check: (reg) => {
      expect(reg.investigation).toMatchObject({ by: 'handler', hearBothSides: true });
      expect(role(reg, 'staff-concerned').assignment).toBe('per-complaint');
    },
  },
  {
    clause: 'art. 4',
    quote: 'De klachtafhandelaar legt de reactie van betrokkene schriftelijk vast en laat betrokkene zich akkoord verklaren met de omschrijving.',
    setting: 'investigation.subjectStatement { inWriting, agreedBySubject }',
    check: (reg) => expect(reg.investigation?.subjectStatement).toEqual({ inWriting: true, agreedBySubject: true }),
  },
  {
    clause: 'art. 4',
    quote: 'De klachtafhandelaar informeert betrokkene over de verdere afhandeling.',
    setting: 'investigation.informSubject',
    check: (reg) => expect(reg.investigation?.informSubject).toBe(true),
  },
  {
    clause: 'art. 5',
    quote: 'De klachtafhandelaar bepaalt of de klacht gegrond is.',
    setting: 'resolution.decidedBy handler; outcomes founded, unfounded; measures.corrective',
    check: (reg) => {
      expect(reg.resolution?.decidedBy).toBe('handler');
      expect(ids(reg.outcomes)).toEqual(['founded', 'unfounded', 'not-admissible']);
      expect(reg.measures?.corrective).toBe(true);
    },
  },
  {
    clause: 'art. 5',
    quote:
      'Vervolgens besluit hij - aan de hand van de ernst van de klacht, de aanwijsbare oorzaak en de verantwoordelijkheid - of er correctie, genoegdoening en/of een vervangende dienst aangeboden zullen worden aan de klager.',
    setting: 'resolution.criteria; resolution.remedies correction, compensation, replacement-service',
    check: (reg) => {
      expect(reg.resolution?.criteria?.nl).toMatch(/ernst van de klacht/);
      expect(ids(reg.resolution?.remedies ?? [])).toEqual(['correction', 'compensation', 'replacement-service']);
    },
  },
  {
    clause: 'art. 5',
    quote: 'De klachtafhandelaar informeert de klager over het aanbod.',
    setting: 'notices offer (handler -> complainant, records offer-made)',
    check: (reg) => expect(notice(reg, 'offer')).toMatchObject({ from: 'handler', to: ['complainant'], records: 'offer-made' }),
  },
  {
    clause: 'art. 5',
    quote: 'Het aanbod en de reactie van de klager worden vastgelegd in het klachtmeldingssysteem.',
    setting: 'resolution.offer.recordResponse',
    check: (reg) => expect(reg.resolution?.offer?.recordResponse).toBe(true),
  },
  {
    clause: 'art. 6',
    quote: 'De klachtafhandelaar doet schriftelijk verslag aan de klager en de klachtmeldingscoördinator, uiterlijk binnen twee weken na het oplossen van de klacht.',
    setting: 'milestones report: 2 weeks from resolved; notices report to complainant and coordinator',
    check: (reg) => {
      expect(milestone(reg, 'report')).toMatchObject({ anchor: 'resolved', period: { unit: 'weeks', amount: 2 }, metBy: ['report-sent'] });
      expect(notice(reg, 'report').to).toEqual(['complainant', 'coordinator']);
      expect(dueOf(reg, 'report', '2026-04-21T15:00:00+02:00')).toBe('2026-05-06'); // 5 May is not a working day
    },
  },
  {
    clause: 'art. 7',
    quote: 'De klachtafhandelaar bepaalt of er maatregelen genomen kunnen worden om herhaling te voorkomen van de omstandigheden die tot de klacht hebben geleid.',
    setting: 'measures { preventive, decidedBy: handler }',
    check: (reg) => expect(reg.measures).toMatchObject({ preventive: true, decidedBy: 'handler' }),
  },
  {
    clause: 'art. 7',
    quote: 'Hij overlegt met diegene die effectieve verbeteringen kan doorvoeren.',
    setting: 'measures.consult',
    check: (reg) => expect(reg.measures?.consult?.nl).toMatch(/effectieve verbeteringen/),
  },
  {
    clause: 'art. 7',
    quote: 'De preventieve maatregelen worden vastgelegd in het klachtmeldingssysteem.',
    setting: 'measures.recorded',
    check: (reg) => expect(reg.measures?.recorded).toBe(true),
  },
  {
    clause: 'art. 8',
    quote: 'De klachtafhandelaar draagt zorg voor de afhandeling van datgene wat is afgesproken met klager.',
    setting: 'resolution.followUpBy handler; duties carry-out-agreements',
    check: (reg) => {
      expect(reg.resolution?.followUpBy).toBe('handler');
      expect(ids(reg.duties)).toContain('carry-out-agreements');
    },
  },
  {
    clause: 'art. 8',
    quote:
      'De klachtmeldingscoördinator analyseert elk jaar de klachten, hij beoordeelt of er trends zichtbaar zijn, of de corrigerende maatregel hebben geleid tot tevredenheid, en of de preventieve maatregelen hebben geleid tot verbetering.',
    setting: 'reporting annual-analysis (yearly, coordinator, covers trends / satisfaction / improvement)',
    check: (reg) => {
      const analysis = reg.reporting.find((r) => r.id === 'annual-analysis');
      expect(analysis).toMatchObject({ cadence: 'yearly', by: 'coordinator' });
      expect(analysis?.covers.map((c) => c.nl).slice(0, 3)).toEqual([
        'trends',
        'of de corrigerende maatregelen tot tevredenheid hebben geleid',
        'of de preventieve maatregelen tot verbetering hebben geleid',
      ]);
    },
  },
  {
    clause: 'art. 8',
    quote: 'Deze analyse maakt deel uit van het kwaliteitsbeleid van OK Ondernemen met Kwaliteit BV.',
    setting: 'reporting annual-analysis.covers quality policy',
    check: (reg) => expect(reg.reporting[0]?.covers.at(-1)?.nl).toBe('onderdeel van het kwaliteitsbeleid'),
  },
  {
    clause: 'art. 9',
    quote:
      'Mocht de klacht van een cliënt niet naar tevredenheid van de cliënt zijn afgehandeld, dan heeft de cliënt de mogelijkheid de klacht neer te leggen bij de opdrachtgever van zijn of haar reïntegratietraject.',
    setting: 'external { kind: chosen-per-complaint, chosenBy: complainant, complainants: [client], after: handling }; no objection stage',
    check: (reg) => {
      expect(reg.external).toMatchObject({ kind: 'chosen-per-complaint', chosenBy: 'complainant', complainants: ['client'], after: 'handling' });
      expect(reg.objection).toBeUndefined();
    },
  },
  {
    clause: 'art. 9',
    quote: 'Dit kan bijvoorbeeld zijn de werkgever, het UWV, de gemeente, de verzekeringsinstelling, enzovoort.',
    setting: 'external.options employer, uwv, municipality, insurer',
    check: (reg) => expect(reg.external.kind === 'chosen-per-complaint' ? ids(reg.external.options) : []).toEqual(['employer', 'uwv', 'municipality', 'insurer']),
  },
  {
    clause: 'Ondertekening',
    quote: 'Stein, 27 mei 2008',
    setting: 'source.place, source.dated, effectiveFrom',
    check: (reg) => {
      expect(reg.source).toMatchObject({ place: 'Stein', dated: '2008-05-27' });
      expect(reg.effectiveFrom).toBe('2008-05-27');
    },
  },
];

describeSeed({ tenant: 'ok-ondernemen', seedFile: '001_52fb1cb82e82ecf7.txt', clauses });
