import { describe, expect, test } from 'vitest';
import { formatLongDate, renderProcedureSummary } from '../../../../../shared/domain/regulation/index.ts';
import { loadTenant } from '../../../../support/clause-table.ts';

const load = (id: string) => loadTenant(id);
const RECEIVED = new Date('2026-04-24T10:00:00+02:00');

test('formatLongDate', () => {
  expect(formatLongDate('2026-04-24', 'nl')).toBe('vrijdag 24 april 2026');
  expect(formatLongDate('2026-04-24', 'en')).toBe('Friday, 24 April 2026');
});

describe('the demo tenant, in English', () => {
  test('the whole text', async () => {
    const text = renderProcedureSummary(await load('demo'), { lang: 'en', receivedAt: RECEIVED });
    expect(text).toBe(`Complaint procedure of Voorbeeld Dienstverlening BV
Version 1.0, in force from Wednesday, 1 January 2025. Source: Klachtenregeling Voorbeeld Dienstverlening BV (fictief, voor demonstratie).

How to complain
---------------
- web form: https://www.demo.example/klacht
- e-mail: klachten@demo.example
- letter (post)
- phone
Any staff member can take your complaint.
If someone files the complaint for you, a signed authorisation from you is needed. The periods only start when the authorisation has arrived. (source: art. 2 lid 2)
- Not taken up: event more than a year ago (art. 6 lid 1)

Who handles your complaint
--------------------------
- The complaints coordinator assigns a complaint handler.
- Complaint handler: investigates the complaint and hears you and the people concerned (art. 5 lid 1)
- The complaint handler is never the staff member the complaint is about or the staff member who delivered the service.
- If the complaints coordinator is involved, the substitute complaints coordinator takes over.
- Your complaint is treated confidentially.

What you can expect
-------------------
- Acknowledgement of receipt: within 5 working days after the complaint is received (art. 3)
- Written decision: within 6 weeks after the complaint is received (may be extended once by at most 4 weeks) (art. 5 lid 2)
- Notice of not taking up: within 4 weeks after the complaint is received (only if decided not to take the complaint up) (art. 6 lid 2)
- Possible outcomes: founded, partly founded, unfounded, not admissible, withdrawn
- Possible remedies: apology, correction, compensation

Disagree with the outcome?
--------------------------
- You can object in writing to the management board within 6 weeks after the decision is sent. (art. 8 lid 1)
- You are invited to explain your objection in person.
- Decision on the objection: within 4 weeks after the meeting about the objection (art. 8 lid 3)
- After that you can turn to Geschillencommissie Voorbeeld (https://www.geschillen.example, info@geschillen.example). (art. 9)

Dates for a complaint received on Friday, 24 April 2026
-------------------------------------------------------
- Acknowledgement of receipt: by Monday, 4 May 2026
- Written decision: by Friday, 5 June 2026
- Notice of not taking up: by Friday, 22 May 2026 (only if decided not to take the complaint up)
Periods that start later:
- Decision on the objection: within 4 weeks after the meeting about the objection
- Objection period: within 6 weeks after the decision is sent
`);
  });

  test('without a date there is no dates section', async () => {
    const text = renderProcedureSummary(await load('demo'), { lang: 'en' });
    expect(text).not.toContain('Dates for a complaint');
  });
});

describe.each(['occure@2019-01-01', 'occure', 'ok-ondernemen', 'team-keizer', 'focus', 'demo'])('%s', (id) => {
  test.each(['nl', 'en'] as const)('renders in %s without gaps', async (lang) => {
    const reg = await load(id);
    const text = renderProcedureSummary(reg, { lang, receivedAt: RECEIVED });
    expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    expect(text).toContain(reg.organisation.name);
    expect(text).toContain(lang === 'nl' ? 'Data voor een klacht ontvangen op vrijdag 24 april 2026' : 'Dates for a complaint received on Friday, 24 April 2026');
    for (const m of reg.milestones.filter((x) => x.anchor === 'received')) expect(text).toContain(m.label[lang]);
  });
});

describe('tenant specifics show', () => {
  test('occure (nl): authorisation, exceptions, objection, Stichting Dokh, dates across Koningsdag and Whit Monday', async () => {
    const text = renderProcedureSummary(await load('occure'), { lang: 'nl', receivedAt: RECEIVED });
    expect(text).toContain('Dient iemand de klacht namens u in, dan is een door u ondertekende machtiging nodig. (bron: § 2.1)');
    expect(text).toContain('u wordt verwezen naar de procedure deskundigenoordeel van het UWV (https://www.uwv.nl)');
    expect(text).toContain('- Claims voor financiële schade behandelt de directie (Uitzonderingen 2)');
    expect(text).toContain('- U kunt binnen 1 maand na verzending van de uitspraak schriftelijk bezwaar maken bij de directie. (§ 2.4)');
    expect(text).toContain('Daarna kunt u zich wenden tot Stichting Dokh (https://www.dokh.nl, klachtenengeschillen@dokh.nl).');
    expect(text).toContain('- Ontvangstbevestiging: uiterlijk maandag 4 mei 2026');
    expect(text).toContain('- Schriftelijke uitspraak: uiterlijk dinsdag 26 mei 2026');
  });

  test('occure, version 2019-01-01 (nl): substitute coordinator and a complaint about the handling', async () => {
    const text = renderProcedureSummary(await load('occure@2019-01-01'), { lang: 'nl', receivedAt: RECEIVED });
    expect(text).toContain('Is de klachtencoördinator (directeur) zelf betrokken, dan neemt de vervangende klachtencoördinator het over.');
    expect(text).toContain('binnen vijftien werkdagen na ontvangst van uw beklag over de afhandeling');
    expect(text).toContain('- Schriftelijk bericht over beoordeling en afhandeling: uiterlijk maandag 18 mei 2026');
  });

  test('ok-ondernemen (en): the commissioning party as the external step, only for clients', async () => {
    const text = renderProcedureSummary(await load('ok-ondernemen'), { lang: 'en', receivedAt: RECEIVED });
    expect(text).toContain('After that you can go to an external party of your choice, for example the employer, UWV, the municipality or the insurer (only for client). (art. 9)');
  });

  test('team-keizer (nl): independent officer, sign-off, no external body', async () => {
    const text = renderProcedureSummary(await load('team-keizer'), { lang: 'nl', receivedAt: RECEIVED });
    expect(text).toContain('De onafhankelijke klachtenfunctionaris is nooit de medewerker tegen wie de klacht is gericht of een directe collega van de betrokken medewerker.');
    expect(text).toContain('dan tekenen de betrokken medewerker en de onafhankelijke klachtenfunctionaris het Klachtenregistratieformulier.');
    expect(text).toContain('De regeling noemt geen externe instantie.');
  });

  test('focus (nl): day 1, satisfaction check, internal deadlines marked', async () => {
    const text = renderProcedureSummary(await load('focus'), { lang: 'nl', receivedAt: RECEIVED });
    expect(text).toContain('- Klacht gemeld bij de leidinggevende (dag 1) (Ontvanger (medewerker)): op de dag van ontvangst (Werkwijze 1)');
    expect(text).toContain('- Bij het aanbod wordt gevraagd of u tevreden bent.');
    expect(text).toContain('- Klacht gemeld bij de leidinggevende (dag 1): uiterlijk vrijdag 24 april 2026 [intern: Ontvanger (medewerker)]');
    expect(text).toContain('- Contact met de indiener: uiterlijk woensdag 29 april 2026');
  });
});
