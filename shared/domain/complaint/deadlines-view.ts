/**
 * A complaint's dates with the reason for each, for staff (the console's "Why this date"): every
 * deadline it has had (open, met, missed, cancelled), and the windows whose dates its facts
 * already determine, each explained step by step in Dutch or English (explain-text.ts).
 */
import { explainMilestone, explainWindow } from '../regulation/explain-text.ts';
import { windowsFor } from '../regulation/milestones.ts';
import type { Language, MilestoneKind, Regulation, Window } from '../regulation/schema.ts';
import { factsOf } from './events.ts';
import type { ComplaintRecord, MilestoneState } from './model.ts';

export interface DeadlineWithReason {
  milestoneId: string;
  label: string;
  kind: MilestoneKind;
  due: string;
  status: MilestoneState['status'];
  explanation: string[];
}

export interface WindowWithReason {
  id: string;
  label: string;
  for: Window['for'];
  /** First day one may act; null while it is not known. */
  opens: string | null;
  /** Last day one may act; null while it is not known, or when it does not close. */
  closes: string | null;
  /** A date still depends on something to come. */
  provisional: boolean;
  explanation: string[];
}

export interface ComplaintDeadlines {
  reference: string;
  deadlines: DeadlineWithReason[];
  windows: WindowWithReason[];
}

/** The complaint's deadlines and known windows with their reasons, in `lang`, on the regulation it runs under. */
export function complaintDeadlines(regulation: Regulation, complaint: ComplaintRecord, lang: Language): ComplaintDeadlines {
  const facts = factsOf(regulation, complaint);
  return {
    reference: complaint.reference,
    deadlines: complaint.milestones.map((m) => {
      const explained = explainMilestone(regulation, m, lang);
      return { milestoneId: m.milestoneId, label: m.label[lang], kind: explained.kind, due: m.due, status: m.status, explanation: explained.lines };
    }),
    windows: windowsFor(regulation, facts).flatMap((dates) => {
      const window = regulation.windows.find((w) => w.id === dates.id);
      if (!window) return [];
      return [
        {
          id: dates.id,
          label: dates.label[lang],
          for: dates.for,
          opens: dates.opens ?? null,
          closes: dates.closes ?? null,
          provisional: dates.opensProvisional || dates.closesProvisional,
          explanation: explainWindow(regulation, window, facts, lang).lines,
        },
      ];
    }),
  };
}
