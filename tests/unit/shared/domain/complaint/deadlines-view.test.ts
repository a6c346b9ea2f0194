/**
 * A complaint's dates with their reasons (the console's "Why this date", GET .../deadlines): every
 * deadline it has had, the windows whose dates are known, each explained in the language asked.
 */
import { describe, expect, test } from 'vitest';
import { complaintDeadlines } from '../../../../../shared/domain/complaint/deadlines-view.ts';
import { deliverOutbox } from '../../../../../shared/domain/complaint/deliver-outbox.ts';
import { factsOf } from '../../../../../shared/domain/complaint/events.ts';
import { explainMilestone, explainWindow } from '../../../../../shared/domain/regulation/explain-text.ts';
import { windowsFor } from '../../../../../shared/domain/regulation/milestones.ts';
import type { Mailer, OneTimeSchedule, OutgoingMail } from '../../../../../shared/domain/ports.ts';
import { handlerRef, workflow } from '../../../../support/workflow-harness.ts';

describe('complaintDeadlines', () => {
  test('demo, on receipt: both deadlines, labelled and explained in the language asked, counted from the receipt', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    const complaint = await w.get(reference);
    const nl = complaintDeadlines(w.regulation, complaint, 'nl');
    expect(nl.reference).toBe(reference);
    expect(nl.deadlines.map((d) => [d.milestoneId, d.kind, d.due, d.status])).toEqual([
      ['acknowledgement', 'hard', '2026-03-09', 'open'],
      ['handling', 'hard', '2026-04-13', 'open'],
    ]);
    for (const [i, d] of nl.deadlines.entries()) {
      expect(d.label).toBe(complaint.milestones[i]!.label.nl);
      expect(d.explanation).toEqual(explainMilestone(w.regulation, complaint.milestones[i]!, 'nl').lines);
      expect(d.explanation.length).toBeGreaterThan(1);
    }
    const en = complaintDeadlines(w.regulation, complaint, 'en');
    expect(en.deadlines.map((d) => d.label)).toEqual(complaint.milestones.map((m) => m.label.en));
    expect(en.deadlines[0]!.explanation.join('\n')).not.toEqual(nl.deadlines[0]!.explanation.join('\n'));
    // No ruling sent yet: the objection period's dates are not known.
    expect(nl.windows).toEqual([]);
  });

  test('demo, after the ruling is sent: met deadlines stay listed, and the objection period is explained', async () => {
    const w = await workflow('demo');
    const reference = await w.submit();
    await w.step(reference, 'assign', { handler: handlerRef(w.handler1) }, w.coordinator);
    await w.step(reference, 'ruling', { outcome: 'unfounded', reasoning: 'Geen fout.' }, w.handler1);
    const mailer: Mailer & { sent: OutgoingMail[] } = {
      sent: [],
      async send(mail) {
        this.sent.push(mail);
        return `m-${this.sent.length}`;
      },
    };
    const scheduler = { async ensure(_s: OneTimeSchedule) {}, async remove(_n: string) {} };
    await deliverOutbox({ register: w.register, clock: w.clock, regulations: w.regulations, mailer, scheduler }, 100);
    const complaint = await w.get(reference);
    const view = complaintDeadlines(w.regulation, complaint, 'en');
    expect(view.deadlines.map((d) => d.milestoneId)).toEqual(complaint.milestones.map((m) => m.milestoneId));
    expect(view.deadlines.find((d) => d.milestoneId === 'handling')).toMatchObject({ status: 'met' });

    const facts = factsOf(w.regulation, complaint);
    const known = windowsFor(w.regulation, facts);
    expect(known.map((k) => k.id)).toEqual(['objection']);
    expect(view.windows).toEqual([
      {
        id: 'objection',
        label: 'Objection period',
        for: 'objection',
        opens: known[0]!.opens ?? null,
        closes: known[0]!.closes,
        provisional: false,
        explanation: explainWindow(w.regulation, w.regulation.windows[0]!, facts, 'en').lines,
      },
    ]);
    expect(view.windows[0]!.closes).toMatch(/^2026-\d\d-\d\d$/);
  });
});
