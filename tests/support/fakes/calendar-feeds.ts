/** CalendarFeedStore in memory (contract: tests/contract/calendar-feeds.test.ts). */
import { ConflictError } from '../../../shared/domain/errors.ts';
import type { CalendarFeed, CalendarFeedStore } from '../../../shared/domain/complaint/calendar-feed.ts';
import { MemoryTable } from './memory-table.ts';

export class InMemoryCalendarFeedStore implements CalendarFeedStore {
  constructor(readonly table = new MemoryTable()) {}

  /** A hash already kept is a conflict; the owner's previous feed is revoked (kept, marked) in the same write. */
  async putCalendarFeed(hash: string, feed: CalendarFeed): Promise<void> {
    const email = feed.email.toLowerCase();
    if (this.table.calendarFeeds.has(hash)) throw new ConflictError('your calendar feed was changed at the same moment; try again', true);
    const previous = this.table.calendarFeedOwners.get(email)?.hash;
    this.table.calendarFeeds.set(hash, { ...structuredClone(feed), email });
    this.table.calendarFeedOwners.set(email, { hash, createdAt: feed.createdAt });
    const old = previous ? this.table.calendarFeeds.get(previous) : undefined;
    if (old) old.revokedAt = feed.createdAt;
  }

  async revokeCalendarFeed(email: string, at: Date): Promise<boolean> {
    const owner = this.table.calendarFeedOwners.get(email.toLowerCase());
    if (!owner?.hash) return false;
    const feed = this.table.calendarFeeds.get(owner.hash);
    if (feed) feed.revokedAt = at.toISOString();
    delete owner.hash;
    owner.revokedAt = at.toISOString();
    return true;
  }

  async calendarFeed(hash: string): Promise<CalendarFeed | undefined> {
    const feed = this.table.calendarFeeds.get(hash);
    if (!feed || feed.revokedAt) return undefined;
    return { email: feed.email, roles: [...feed.roles], createdAt: feed.createdAt };
  }

  async calendarFeedOf(email: string): Promise<{ createdAt: string } | undefined> {
    const owner = this.table.calendarFeedOwners.get(email.toLowerCase());
    return owner?.hash ? { createdAt: owner.createdAt } : undefined;
  }
}
