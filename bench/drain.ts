/**
 * Budget (shared/PERFORMANCE.md): the outbox drain keeps pace with intake. Outbox entries
 * delivered per second >= intake's rate (complaints/s) x the entries a complaint makes, measured in
 * the same run as the public intake row (bench/intake.ts, intakeRun: one local cloud, one window).
 *
 * Ours: once our intake window is over (its requests in flight answered), the entries delivered
 * (outbox items whose state became done, counted over the table) per second until the outbox is
 * empty. Entries per complaint: the first complaint's outbox items in all once its drain settled
 * (its registration's letters and schedules, and what recording their delivery queued).
 * When the drain kept pace during the window (what it left is under DRAIN_SLACK_S of needed work),
 * there is no backlog to time and the row says so.
 */
import { intakeRate, intakeRun } from './intake.ts';
import type { BenchResult } from './result.ts';

/** A backlog that the needed rate clears within this many seconds counts as kept pace. */
const DRAIN_SLACK_S = 2;

export async function benchDrain(): Promise<BenchResult> {
  const run = await intakeRun();
  const { drain, entriesPerComplaint } = run;
  const needed = intakeRate(run) * entriesPerComplaint;
  const rate = drain.delivered / Math.max(1e-9, drain.seconds);
  const keptPace = drain.backlog <= needed * DRAIN_SLACK_S;
  const ratio = rate / Math.max(1e-9, needed);
  return {
    name: 'outbox drain',
    ours:
      `${Math.round(rate).toLocaleString('en-US')} entries/s (${drain.delivered.toLocaleString('en-US')} delivered in ${drain.seconds.toFixed(1)} s${drain.emptied ? ', outbox empty' : ', NOT empty'}); ` +
      `backlog when intake stopped ${drain.backlog.toLocaleString('en-US')}, oldest waiting ${Math.round(drain.oldestWaitS)} s`,
    reference: `intake ${Math.round(intakeRate(run))}/s x ${entriesPerComplaint} entries per complaint = ${Math.round(needed)} entries/s`,
    ratio: keptPace ? `kept pace (backlog under ${DRAIN_SLACK_S} s of work)` : `${ratio.toFixed(2)}x`,
    budget: `>= 1x intake's rate x entries per complaint`,
    pass: drain.emptied && (keptPace || ratio >= 1),
  };
}
