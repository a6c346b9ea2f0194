/**
 * The complaint behind the status link in the path, for the JSON routes and the page alike: the
 * one lookup (lookupStatusLink) with the client's failed guesses counted (abuse-limits.ts). A
 * malformed or unknown token is the same plain 404 (no oracle), and a miss: once they are used up
 * the client gets 429 before any lookup. A real link that no longer works (replaced, or expired a
 * set time after the complaint ended) is a 410 saying which (liveComplaint).
 */
import { NotFoundError } from '../domain/errors.ts';
import type { ComplaintRecord } from '../domain/complaint/model.ts';
import { liveComplaint, lookupStatusLink, type StatusLinkStore } from '../domain/complaint/status-link.ts';
import type { RegulationVersions } from '../domain/regulation/versions.ts';
import type { Clock } from '../domain/ports.ts';
import type { AbuseGuard } from './abuse-limits.ts';
import type { HttpEvent } from './middleware.ts';

export type LinkComplaint = (event: HttpEvent) => Promise<ComplaintRecord>;

export function linkComplaint(deps: { statusLinks: Pick<StatusLinkStore, 'findStatusLink'>; regulations: RegulationVersions; clock: Clock }, guard: AbuseGuard): LinkComplaint {
  return async (event) => {
    const link = await guard.lookUp(event, () => lookupStatusLink(deps, event.pathParameters?.token));
    if (!link) throw new NotFoundError('this link is not valid');
    return liveComplaint(deps.regulations, link, deps.clock.now());
  };
}
