// From a regulation to concrete deadlines: openingMilestones and friends, on the tenant's calendar.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Regulation, applicableMilestones, openingMilestones, parseRegulation, roleContact, roleLabel, scheduleMilestone } from '../../../../../shared/domain/regulation/index.ts';
import { loadTenantFile } from '../../../../../shared/adapters/regulation-file.ts';
import { versionInForce } from '../../../../../shared/domain/regulation/versions.ts';

const ROOT = fileURLToPath(new URL('../../../../..', import.meta.url));

type Raw = any;

function load(file: string, edit: (raw: Raw) => void = () => {}): Regulation {
  const raw = parse(readFileSync(resolve(ROOT, file), 'utf8')) as Raw;
  edit(raw);
  const result = parseRegulation(raw);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.regulation;
}

const demo = (edit?: (raw: Raw) => void) => load('tenants/demo.yaml', edit);

describe('openingMilestones', () => {
  test('the demo tenant: acknowledgement in 5 working days, decision in 6 weeks', () => {
    const opened = openingMilestones(demo(), new Date('2026-04-24T10:00:00+02:00'));
    expect(opened).toEqual([
      {
        milestoneId: 'acknowledgement',
        label: 'Ontvangstbevestiging',
        labels: { nl: 'Ontvangstbevestiging', en: 'Acknowledgement of receipt' },
        anchor: 'received',
        anchorDate: '2026-04-24',
        period: { unit: 'working-days', amount: 5 },
        metBy: ['acknowledged'],
        due: '2026-05-04',
        dueAt: new Date('2026-05-04T21:59:59.000Z'),
        reminderOn: '2026-04-30',
        responsibleRole: 'coordinator',
        escalationRole: 'director',
        kind: 'hard',
        citation: { article: 'art. 3', text: 'De klager ontvangt binnen vijf werkdagen een ontvangstbevestiging.' },
      },
      expect.objectContaining({ milestoneId: 'handling', due: '2026-06-05', reminderOn: '2026-05-29', kind: 'hard' }),
    ]);
  });

  test('labels in the language asked for', () => {
    expect(openingMilestones(demo(), new Date('2026-04-24T10:00:00+02:00'), { lang: 'en' }).map((m) => m.label)).toEqual(['Acknowledgement of receipt', 'Written decision']);
  });

  test('the local day counts: 23:30 in Amsterdam on New Year’s Eve is 31 December', () => {
    const [ack] = openingMilestones(demo(), new Date('2026-12-31T22:30:00Z'));
    expect(ack).toMatchObject({ anchorDate: '2026-12-31', due: '2027-01-08' });
    expect(ack?.dueAt.toISOString()).toBe('2027-01-08T22:59:59.000Z'); // winter time: UTC+1
  });

  test('a condition on the complaint opens the milestone only when it holds', () => {
    const reg = demo((r) => {
      r.categorySchemes = [
        { id: 'topic', label: { nl: 'Onderwerp', en: 'Topic' }, classifiedBy: 'coordinator', categories: [{ id: 'privacy', label: { nl: 'privacy', en: 'privacy' } }], citation: { article: 'x' } },
      ];
      r.milestones.push({
        id: 'privacy-check',
        label: { nl: 'Privacytoets', en: 'Privacy check' },
        responsibleRole: 'coordinator',
        anchor: 'received',
        period: '2 working-days',
        metBy: ['referred'],
        appliesWhen: { categories: ['privacy'] },
        citation: { article: 'x' },
      });
    });
    const at = new Date('2026-04-24T10:00:00+02:00');
    expect(openingMilestones(reg, at).map((m) => m.milestoneId)).toEqual(['acknowledgement', 'handling']);
    expect(openingMilestones(reg, at, { categories: ['privacy'] }).map((m) => m.milestoneId)).toEqual(['acknowledgement', 'handling', 'privacy-check']);
  });

  test('a milestone that applies only after an event does not open on receipt', () => {
    const ids = openingMilestones(demo(), new Date('2026-04-24T10:00:00+02:00')).map((m) => m.milestoneId);
    expect(ids).not.toContain('not-taken-up-notice');
  });
});

describe('applicableMilestones', () => {
  test('opens milestones as their anchor events happen', () => {
    const reg = demo();
    const received = new Date('2026-03-03T10:00:00+01:00');
    expect(applicableMilestones(reg, { received }).map((m) => m.milestoneId)).toEqual(['acknowledgement', 'handling']);
    const later = applicableMilestones(reg, { received, 'not-taken-up': new Date('2026-03-10T10:00:00+01:00'), 'objection-hearing-held': new Date('2026-05-20T14:00:00+02:00') });
    expect(later.map((m) => [m.milestoneId, m.due])).toEqual([
      ['acknowledgement', '2026-03-10'],
      ['handling', '2026-04-14'],
      ['not-taken-up-notice', '2026-03-31'], // counted from receipt, opened by the decision
      ['objection-decision', '2026-06-17'],
    ]);
  });
});

describe('scheduleMilestone', () => {
  test('an extension adds to the unextended end; the end-day rule applies once (worked example)', () => {
    const reg = demo();
    const handling = reg.milestones.find((m) => m.id === 'handling')!;
    const at = new Date('2026-03-03T10:00:00+01:00');
    expect(scheduleMilestone(reg, handling, at).due).toBe('2026-04-14');
    expect(scheduleMilestone(reg, handling, at, { extensions: [{ unit: 'weeks', amount: 4 }] }).due).toBe('2026-05-12');
  });

  test('end-day rule off: the period may end on a holiday', () => {
    const on = demo((r) => (r.milestones[1].period = '6 weeks'));
    const off = demo((r) => (r.milestones[1].endDayRule = false));
    const at = new Date('2026-03-16T10:00:00+01:00'); // + 6 weeks = Koningsdag
    expect(scheduleMilestone(on, on.milestones[1]!, at).due).toBe('2026-04-28');
    expect(scheduleMilestone(off, off.milestones[1]!, at).due).toBe('2026-04-27');
  });

  test('the tenant calendar: without 5 May, or Goede Vrijdag, or with closing days', () => {
    const ack = (reg: Regulation, at: string) => scheduleMilestone(reg, reg.milestones[0]!, new Date(at)).due;
    expect(ack(demo(), '2025-05-01T10:00:00+02:00')).toBe('2025-05-09');
    expect(
      ack(
        demo((r) => (r.calendar = { liberationDay: 'never' })),
        '2025-05-01T10:00:00+02:00',
      ),
    ).toBe('2025-05-08');
    // 2026 is no lustrum year: 5 May 2026 is then a working day.
    expect(
      ack(
        demo((r) => (r.calendar = { liberationDay: 'lustrum-years' })),
        '2026-04-30T10:00:00+02:00',
      ),
    ).toBe('2026-05-07');
    expect(ack(demo(), '2026-04-30T10:00:00+02:00')).toBe('2026-05-08');
    expect(ack(demo(), '2026-04-01T10:00:00+02:00')).toBe('2026-04-10'); // Goede Vrijdag and Easter Monday
    expect(
      ack(
        demo((r) => (r.calendar = { goodFriday: false })),
        '2026-04-01T10:00:00+02:00',
      ),
    ).toBe('2026-04-09');
    expect(
      ack(
        demo((r) => (r.calendar = { closingDays: ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'] })),
        '2026-12-22T10:00:00+01:00',
      ),
    ).toBe('2027-01-06');
    expect(ack(demo(), '2026-12-22T10:00:00+01:00')).toBe('2026-12-30');
    // Without the decree bridge days, 15 May 2026 is a working day.
    expect(
      ack(
        demo((r) => (r.calendar = { decreeBridgeDays: false })),
        '2026-05-11T10:00:00+02:00',
      ),
    ).toBe('2026-05-19');
    expect(ack(demo(), '2026-05-11T10:00:00+02:00')).toBe('2026-05-20');
  });

  test('no reminder on or before the anchor day', () => {
    const reg = demo((r) => {
      r.milestones[0].period = '2 working-days';
      r.milestones[0].reminderLeadWorkingDays = 1;
    });
    // Received Friday: due Tuesday, reminder Monday.
    expect(scheduleMilestone(reg, reg.milestones[0]!, new Date('2026-04-17T10:00:00+02:00')).reminderOn).toBe('2026-04-20');
    // 3 calendar days from Friday 24 April end on Koningsdag, so Tuesday 28; two working days back is the anchor day itself.
    const short = demo((r) => {
      r.milestones[0].period = '3 calendar-days';
      r.milestones[0].reminderLeadWorkingDays = 2;
    });
    const scheduled = scheduleMilestone(short, short.milestones[0]!, new Date('2026-04-24T10:00:00+02:00'));
    expect(scheduled.due).toBe('2026-04-28');
    expect(scheduled.reminderOn).toBeUndefined();
  });
});

describe('roles and versions', () => {
  test('roleContact: where notices for a role go', () => {
    const reg = demo();
    expect(roleContact(reg, 'coordinator')).toEqual({ name: 'Klachtenbureau Voorbeeld', email: 'klachten@demo.example' });
    expect(roleContact(reg, 'director')).toEqual({ email: 'directie@demo.example' });
    expect(roleContact(reg, 'handler')).toBeUndefined(); // per complaint
    expect(roleContact(reg, 'nobody')).toBeUndefined();
    expect(roleLabel(reg, 'director', 'en')).toBe('Management board');
  });

  test('versionInForce picks the version a complaint was received under, on the Amsterdam calendar', async () => {
    const occure = await loadTenantFile('tenants/occure.yaml');
    const at = (instant: string) => versionInForce(occure, new Date(instant)).version;
    expect(at('2024-06-03T10:00:00+02:00')).toBe('2019-01-01');
    // 23:30 on New Year's Eve in Amsterdam is 22:30 UTC: still 2024, still the 2019 rules.
    expect(at('2024-12-31T23:30:00+01:00')).toBe('2019-01-01');
    // 00:30 on 1 January in Amsterdam is 23:30 UTC on 31 December: already the current rules.
    expect(at('2025-01-01T00:30:00+01:00')).toBe('2025-01-01');
    expect(at('2026-04-30T10:00:00+02:00')).toBe('2025-01-01');
    // Before the first version (a letter registered long after it came): the first version.
    expect(at('2018-06-01T10:00:00+02:00')).toBe('2019-01-01');
  });
});
