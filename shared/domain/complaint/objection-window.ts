/** The complainant's objection window after a ruling. */
import { localDateOf } from '../calendar/index.ts';
import { windowDates } from '../regulation/milestones.ts';
import { factsOf } from './events.ts';
import type { Regulation } from '../regulation/schema.ts';
import type { ComplaintRecord } from './model.ts';
import { fieldProblem, InvalidInputError, RuleViolationError } from '../errors.ts';
import { citationRef } from '../regulation/citation.ts';

/** The last day to object, when the regulation has an objection window that has started. */
export function objectionDeadline(regulation: Regulation, complaint: ComplaintRecord): string | undefined {
  const window = regulation.windows.find((w) => w.for === 'objection');
  if (!window || !regulation.objection) return undefined;
  const dates = windowDates(regulation, window, factsOf(regulation, complaint));
  return dates.closesProvisional ? undefined : dates.closes;
}

/**
 * An objection is against a ruling, received between the ruling and now, within the window the
 * regulation gives (staff recording one, or the complainant through the status link).
 */
export function checkObjection(regulation: Regulation, complaint: ComplaintRecord, receivedAt: Date, now: Date): void {
  if (!regulation.objection) throw new RuleViolationError({ key: 'error.rule.noObjectionStage' });
  const rulingAt = complaint.happened['ruling-sent'];
  if (!rulingAt) throw new RuleViolationError({ key: 'error.rule.noRulingToObject' }, citationRef(regulation.objection.citation));
  if (receivedAt < new Date(rulingAt) || receivedAt.getTime() > now.getTime() + 60_000) {
    throw new InvalidInputError([fieldProblem('receivedAt', 'out_of_range', undefined, 'error.field.betweenRulingAndNow')]);
  }
  const window = regulation.windows.find((w) => w.for === 'objection');
  const last = objectionDeadline(regulation, complaint);
  if (window && last && localDateOf(receivedAt, regulation.organisation.timeZone) > last) {
    throw new RuleViolationError({ key: 'error.rule.objectionPeriodEnded', params: { date: last } }, citationRef(window.citation));
  }
}
