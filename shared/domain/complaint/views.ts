/**
 * The staff file of a complaint: the whole record with its timeline, the steps open to the reader
 * and the grounds that apply. Lists get a line (summary-view.ts); the complainant's status page
 * the state in plain words (complainant-view.ts).
 */
import { versionNote, versionOf, type RegulationVersions } from '../regulation/versions.ts';
import type { ComplaintRecord } from './model.ts';
import { isLive } from './model.ts';
import type { ComplaintEvent } from './events.ts';
import { availableSteps, proposedGrounds, type Actor } from '../workflow/steps.ts';
import { attachmentView, type AttachmentRecord } from '../attachments/files.ts';

export function staffView(regulations: RegulationVersions, complaint: ComplaintRecord, events: ComplaintEvent[], actor: Actor, now: Date, files: readonly AttachmentRecord[] = []) {
  const { statusTokenHash: _hash, happened: _happened, ...file } = complaint;
  // The complaint is handled under the version it was received under, whatever is in force now.
  const regulation = versionOf(regulations, complaint);
  return {
    ...file,
    regulation: versionNote(regulations, regulation, now),
    openDeadlines: complaint.milestones.filter(isLive).map((m) => ({ ...m, overdue: Date.parse(m.dueAt) < now.getTime() })),
    // Events recorded after the view was read belong to a later version.
    timeline: events.filter((e) => e.seq <= complaint.version),
    availableSteps: availableSteps(regulation, complaint, actor, now),
    // Proposed when classification or a stated date makes a ground apply; the decision stays staff's.
    proposedGrounds: proposedGrounds(regulation, complaint),
    // Every file that arrived, with its state: only a clean one opens (GET .../attachments/{id}).
    attachments: files.map(attachmentView),
  };
}
