/** The complaints by index: by status, handler, year or next deadline, paged with an opaque cursor. */
import type { ComplaintRecord } from '../complaint/model.ts';

export interface ComplaintQuery {
  status?: string;
  handlerEmail?: string;
  year?: number;
  category?: string;
  /** Only complaints with an open deadline that passed before this instant. */
  overdueAt?: Date;
  /** Only complaints with an open deadline before this instant (the sweeper looks ahead). */
  dueBefore?: Date;
  /** Complaints with an open deadline, soonest next deadline first, across the years (the due-date index). */
  sortByDue?: { now: Date };
  /** A further condition the indexes cannot express (deadline kind), applied to each item read. */
  keep?: (complaint: ComplaintRecord) => boolean;
  limit: number;
  cursor?: string;
}

export interface ComplaintLists {
  /** Complaints by the most selective filter given, the others applied to it; a short page says nothing: follow the cursor. */
  list(query: ComplaintQuery): Promise<{ items: ComplaintRecord[]; cursor?: string }>;
}
