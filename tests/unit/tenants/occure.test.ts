// Seed 004: Occure's current complaint regulation, clause by clause -> tenants/occure.yaml.
import { expect } from 'vitest';
import { openingMilestones } from '../../../shared/domain/regulation/index.ts';
import { type Clause, describeSeed, dueOf, ids, milestone, notice, role } from '../../support/clause-table.ts';

const clauses: Clause[] = [
  {
    clause: '1. Inleiding',
    quote:
      'Inhoudelijke kennis, bereikbaarheid, snelheid van werken, bejegening en informatievoorziening vormen de basis van onze dienstverlening. Daarin kan wel eens wat misgaan. Occure wil dan graag de mogelijkheid hebben om hier wat aan te doen.',
    setting: 'scope.definition',
    check: (reg) => expect(reg.scope.definition.nl).toMatch(/bereikbaarheid, snelheid van werken, bejegening en informatievoorziening/),
  },
  {
    clause: '1. Inleiding',
    quote:
      'Deze klachtenregeling zorgt ervoor dat klachten over onze dienstverlening worden opgepakt zodat klanten of leveranciers weer tevreden zijn en herhaling wordt voorkomen. Zo borgen wij onze dienstverlening ook voor de toekomst.',
    setting: 'scope.complainants customer, supplier; scope.purpose',
    check: (reg) => {
      expect(ids(reg.scope.complainants)).toEqual(['customer', 'supplier']);
      expect(reg.scope.purpose[0]?.nl).toMatch(/herhaling wordt voorkomen/);
    },
  },
  {
    clause: '§ 2.1',
    quote: 'Een klacht kan worden ingediend via het digitale klachtenformulier op de website of stuur een mail naar <https://occure.nl/klachten-indienen/>.',
    setting: 'intake.channels form (web-form), email (address missing in the text: tenant intake address)',
    check: (reg) => {
      expect(reg.intake.channels.find((c) => c.id === 'form')).toMatchObject({ kind: 'web-form', url: 'https://occure.nl/klachten-indienen/', mode: 'written' });
      expect(reg.intake.channels.find((c) => c.id === 'email')).toMatchObject({ kind: 'email', address: 'klachten@occure.example' });
    },
  },
  {
    clause: '§ 2.1',
    quote: 'Als je klacht gaat over toepassing en naleving van de privacyrichtlijnen dan kun je ook gelijk contact opnemen met de functionaris gegevensbescherming (FG) privacy@occure.nl.',
    setting: 'roles data-protection-officer; categories privacy; routing privacy (may-contact-directly); channel privacy-email',
    check: (reg) => {
      expect(role(reg, 'data-protection-officer').email).toBe('privacy@occure.example');
      expect(reg.routing.find((r) => r.id === 'privacy')).toMatchObject({ when: { categories: ['privacy'] }, to: 'data-protection-officer', effect: 'may-contact-directly' });
      expect(reg.intake.channels.find((c) => c.id === 'privacy-email')?.handledBy).toBe('data-protection-officer');
    },
  },
  {
    clause: '§ 2.1',
    quote: 'Je ontvangt binnen vijf werkdagen een ontvangstbevestiging.',
    setting: 'milestones acknowledgement: 5 working-days from received, met by acknowledged',
    check: (reg) => {
      expect(milestone(reg, 'acknowledgement')).toMatchObject({ anchor: 'received', period: { unit: 'working-days', amount: 5 }, metBy: ['acknowledged'], responsibleRole: 'coordinator' });
      expect(reg.milestones.filter((m) => m.metBy.includes('acknowledged'))).toHaveLength(1);
      // The worked examples of reference/dutch-deadlines.md.
      expect(dueOf(reg, 'acknowledgement', '2026-04-24T10:00:00+02:00')).toBe('2026-05-04'); // Koningsdag
      expect(dueOf(reg, 'acknowledgement', '2025-05-01T10:00:00+02:00')).toBe('2025-05-09'); // 5 May
      expect(dueOf(reg, 'acknowledgement', '2025-05-28T10:00:00+02:00')).toBe('2025-06-06'); // Ascension + bridge day
      expect(dueOf(reg, 'acknowledgement', '2025-12-23T10:00:00+01:00')).toBe('2026-01-05'); // Christmas, New Year, bridge day 2 Jan
      expect(dueOf(reg, 'acknowledgement', '2025-12-31T23:30:00+01:00')).toBe('2026-01-09'); // New Year, bridge day 2 Jan
    },
  },
  {
    clause: '§ 2.1',
    quote:
      'Wanneer iemand anders de klacht namens jou indient, hebben wij een machtiging nodig die door jou is ondertekend zodat wij weten dat je akkoord bent met het indienen van de klacht door die persoon.',
    setting: 'representation { onBehalfAllowed, authorisationRequired, pausesClock: false (not in the text) }; acknowledgement asks for it',
    check: (reg) => {
      expect(reg.representation).toMatchObject({ onBehalfAllowed: true, authorisationRequired: true, pausesClock: false });
      expect(notice(reg, 'acknowledgement').contents).toContain('authorisation-request');
    },
  },
  {
    clause: '§ 2.2',
    quote: 'De klacht wordt onderzocht door de klachtenfunctionaris, die voor een toelichting contact met je zal opnemen.',
    setting: 'roles coordinator = klachtenfunctionaris; investigation { by: coordinator, contactComplainant }',
    check: (reg) => {
      expect(role(reg, 'coordinator').label.nl).toBe('Klachtenfunctionaris');
      expect(reg.investigation).toMatchObject({ by: 'coordinator', contactComplainant: { purpose: { nl: 'voor een toelichting' } } });
    },
  },
  {
    clause: '§ 2.2',
    quote: 'Daarna zal de klachtenfunctionaris binnen Occure een toelichting vragen van de betrokken persoon/personen.',
    setting: 'investigation.hearBothSides; roles staff-concerned',
    check: (reg) => {
      expect(reg.investigation?.hearBothSides).toBe(true);
      expect(role(reg, 'staff-concerned').assignment).toBe('per-complaint');
    },
  },
  {
    clause: '§ 2.3',
    quote: 'Op basis van de verzamelde informatie wordt een uitspraak gedaan.',
    setting: 'resolution.decidedBy coordinator',
    check: (reg) => expect(reg.resolution?.decidedBy).toBe('coordinator'),
  },
  {
    clause: '§ 2.3',
    quote: 'Je ontvangt binnen één maand na ontvangst van de klacht een schriftelijk antwoord van de verantwoordelijke functionaris.',
    setting: 'milestones ruling: 1 month from received, met by ruling-sent',
    check: (reg) => {
      expect(milestone(reg, 'ruling')).toMatchObject({ anchor: 'received', period: { unit: 'months', amount: 1 }, metBy: ['ruling-sent'] });
      expect(dueOf(reg, 'ruling', '2026-04-24T10:00:00+02:00')).toBe('2026-05-26'); // 24 May is Whit Sunday, 25 Whit Monday
      expect(dueOf(reg, 'ruling', '2025-01-31T10:00:00+01:00')).toBe('2025-02-28'); // month end clamps
      expect(dueOf(reg, 'ruling', '2024-01-31T10:00:00+01:00')).toBe('2024-02-29'); // leap year
      expect(dueOf(reg, 'ruling', '2024-02-29T10:00:00+01:00')).toBe('2024-04-02'); // 29 Mar (not 31: no "end of month out") is Good Friday, 1 Apr Easter Monday
      expect(dueOf(reg, 'ruling', '2026-11-26T10:00:00+01:00')).toBe('2026-12-28'); // 26 Dec: Christmas and Saturday
    },
  },
  {
    clause: '§ 2.3',
    quote: 'Indien de klacht (deels) gegrond is, wordt aangegeven welke oplossingen of te nemen verbeteracties Occure aanbrengt.',
    setting: 'outcomes founded / partly-founded require improvements; resolution.remedies solution, improvement-action',
    check: (reg) => {
      expect(reg.outcomes.find((o) => o.id === 'founded')?.requires).toContain('improvements');
      expect(reg.outcomes.find((o) => o.id === 'partly-founded')?.requires).toContain('improvements');
      expect(ids(reg.resolution?.remedies ?? [])).toEqual(['solution', 'improvement-action']);
    },
  },
  {
    clause: '§ 2.3',
    quote: 'Uiteraard wordt bij een ongegronde en deels gegronde klacht de uitspraak toegelicht.',
    setting: 'outcomes unfounded / partly-founded require reasons',
    check: (reg) => {
      expect(reg.outcomes.find((o) => o.id === 'unfounded')?.requires).toContain('reasons');
      expect(reg.outcomes.find((o) => o.id === 'partly-founded')?.requires).toContain('reasons');
    },
  },
  {
    clause: '§ 2.3',
    quote: 'Je ontvangt een schriftelijke bevestiging van de uitspraak.',
    setting: 'notices ruling { written }',
    check: (reg) => expect(notice(reg, 'ruling')).toMatchObject({ written: true, records: 'ruling-sent', to: ['complainant'] }),
  },
  {
    clause: '§ 2.4',
    quote: 'Wanneer je het niet eens bent met de uitspraak, kun je binnen één maand na ontvangst schriftelijk bezwaar indienen bij de directie van Occure.',
    setting: 'windows objection (1 month from ruling-sent, in writing, to the board); objection { to: board }',
    check: (reg) => {
      expect(reg.windows.find((w) => w.id === 'objection')).toMatchObject({ for: 'objection', anchor: 'ruling-sent', period: { unit: 'months', amount: 1 }, inWriting: true, addressedTo: 'board' });
      expect(reg.objection).toMatchObject({ kind: 'objection', to: 'board', inWriting: true });
    },
  },
  {
    clause: '§ 2.4',
    quote: 'Je wordt dan uitgenodigd om je bezwaar mondeling toe te lichten.',
    setting: 'objection.hearing invited; notices objection-hearing-invitation',
    check: (reg) => {
      expect(reg.objection?.hearing).toBe('invited');
      expect(notice(reg, 'objection-hearing-invitation').contents).toEqual(['hearing-invitation']);
    },
  },
  {
    clause: '§ 2.4',
    quote: 'Binnen één maand na het gesprek ontvang je van de directie schriftelijk bericht over de uitkomst.',
    setting: 'milestones objection-decision: 1 month from objection-hearing-held, board',
    check: (reg) => {
      expect(milestone(reg, 'objection-decision')).toMatchObject({ anchor: 'objection-hearing-held', period: { unit: 'months', amount: 1 }, metBy: ['objection-decided'], responsibleRole: 'board' });
      expect(dueOf(reg, 'objection-decision', '2027-01-29T14:00:00+01:00')).toBe('2027-03-01'); // 28 Feb 2027 is a Sunday
      expect(dueOf(reg, 'objection-decision', '2026-11-30T14:00:00+01:00')).toBe('2026-12-30');
    },
  },
  {
    clause: '§ 2.4',
    quote: 'Wanneer je vindt dat de klacht door de directie niet goed is afgehandeld, dan kun je je wenden tot Stichting Dokh.',
    setting: 'external { kind: fixed, after: objection, body: Stichting Dokh }',
    check: (reg) => expect(reg.external).toMatchObject({ kind: 'fixed', after: 'objection', body: { name: 'Stichting Dokh' } }),
  },
  {
    clause: '§ 2.4',
    quote: 'Deze onafhankelijke stichting is te bereiken via de website www.dokh.nl en/of via klachtenengeschillen@dokh.nl.',
    setting: 'external.body website, email',
    check: (reg) => expect(reg.external).toMatchObject({ body: { website: 'https://www.dokh.nl', email: 'klachtenengeschillen@dokh.nl' } }),
  },
  {
    clause: 'Uitzonderingen',
    quote: 'Twee situaties zijn uitgezonderd van deze klachtenprocedure.',
    setting: 'categorySchemes topic (return-to-work-advice, financial-damage)',
    check: (reg) => expect(ids(reg.categorySchemes[0]?.categories ?? [])).toEqual(['service', 'privacy', 'return-to-work-advice', 'financial-damage']),
  },
  {
    clause: 'Uitzonderingen 1',
    quote: 'Een klacht over het advies van de bedrijfsarts en/of een andere door de bedrijfsarts ingeschakelde deskundige over (gedeeltelijke) werkhervatting kan niet in behandeling worden genomen.',
    setting: 'admissibility.grounds return-to-work-advice (when category return-to-work-advice)',
    check: (reg) => expect(reg.admissibility.grounds[0]).toMatchObject({ id: 'return-to-work-advice', when: { categories: ['return-to-work-advice'] } }),
  },
  {
    clause: 'Uitzonderingen 1',
    quote: 'Hiervoor is de procedure deskundigenoordeel van het UWV bedoeld. Voor meer informatie zie www.uwv.nl.',
    setting: 'admissibility.grounds[0].referral (UWV deskundigenoordeel, https://www.uwv.nl, immediate)',
    check: (reg) => expect(reg.admissibility.grounds[0]?.referral).toMatchObject({ url: 'https://www.uwv.nl', immediate: true, label: { nl: 'de procedure deskundigenoordeel van het UWV' } }),
  },
  {
    clause: 'Uitzonderingen 2',
    quote: 'Een klacht met betrekking tot financiële schade die je door toedoen van Occure meent te hebben opgelopen, wordt door de directie in behandeling genomen.',
    setting: 'routing financial-damage -> board (handled-by)',
    check: (reg) => expect(reg.routing.find((r) => r.id === 'financial-damage')).toMatchObject({ when: { categories: ['financial-damage'] }, to: 'board', effect: 'handled-by' }),
  },
  {
    clause: '(version)',
    quote: 'De klachtenprocedure van Occure ziet er als volgt uit:',
    setting: 'the second version in tenants/occure.yaml, supersedes 2019-01-01 from 2025-01-01; opening milestones: acknowledgement and ruling',
    check: (reg) => {
      expect(reg.supersedes).toBe('2019-01-01');
      expect(reg.effectiveFrom).toBe('2025-01-01');
      expect(openingMilestones(reg, new Date('2026-04-24T10:00:00+02:00')).map((m) => [m.milestoneId, m.due])).toEqual([
        ['acknowledgement', '2026-05-04'],
        ['ruling', '2026-05-26'],
      ]);
    },
  },
];

describeSeed({
  tenant: 'occure',
  seedFile: '004_f46855e260d22c09.txt',
  clauses,
  boilerplate: ['2. De klacht wordt in behandeling genomen'],
});
