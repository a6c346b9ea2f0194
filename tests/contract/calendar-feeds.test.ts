/** The CalendarFeedStore contract, held by the in-memory fake and the DynamoDB store alike. */
import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.ts';
import { createCalendarFeed, feedTokenHash } from '../../shared/domain/complaint/calendar-feed.ts';
import { inMemory, onDynamoDbLocal, type MakeStores } from './support.ts';

const feed = (email: string, createdAt: string, roles = ['handler']) => ({ email, roles, createdAt });

function describeCalendarFeedContract(name: string, makeStores: MakeStores) {
  describe(`CalendarFeedStore: ${name}`, () => {
    test('a feed is found by its hash and its owner (any case); a new one revokes the one before in the same write', async () => {
      const { calendarFeeds } = await makeStores();
      expect(await calendarFeeds.calendarFeedOf('hans@demo.example')).toBeUndefined();
      expect(await calendarFeeds.calendarFeed('hash-1')).toBeUndefined();
      await calendarFeeds.putCalendarFeed('hash-1', feed('hans@demo.example', '2026-03-02T10:00:00.000Z', ['handler', 'coordinator']));
      expect(await calendarFeeds.calendarFeed('hash-1')).toEqual(feed('hans@demo.example', '2026-03-02T10:00:00.000Z', ['handler', 'coordinator']));
      expect(await calendarFeeds.calendarFeedOf('Hans@Demo.example')).toEqual({ createdAt: '2026-03-02T10:00:00.000Z' });

      await calendarFeeds.putCalendarFeed('hash-2', feed('hans@demo.example', '2026-03-03T10:00:00.000Z'));
      expect(await calendarFeeds.calendarFeed('hash-1')).toBeUndefined();
      expect(await calendarFeeds.calendarFeed('hash-2')).toEqual(feed('hans@demo.example', '2026-03-03T10:00:00.000Z'));
      expect(await calendarFeeds.calendarFeedOf('hans@demo.example')).toEqual({ createdAt: '2026-03-03T10:00:00.000Z' });
      // Someone else's feed is their own.
      await calendarFeeds.putCalendarFeed('hash-3', feed('els@demo.example', '2026-03-03T11:00:00.000Z'));
      expect(await calendarFeeds.calendarFeed('hash-2')).toBeDefined();
      // A hash kept already (even a revoked one) is never reused.
      await expect(calendarFeeds.putCalendarFeed('hash-1', feed('piet@demo.example', '2026-03-04T10:00:00.000Z'))).rejects.toBeInstanceOf(ConflictError);
      expect(await calendarFeeds.calendarFeedOf('piet@demo.example')).toBeUndefined();
    });

    test('revoked: the feed stops working and the owner has none; revoking again says so; a new one can be made', async () => {
      const { calendarFeeds } = await makeStores();
      expect(await calendarFeeds.revokeCalendarFeed('hans@demo.example', new Date('2026-03-02T09:00:00.000Z'))).toBe(false);
      const { token } = await createCalendarFeed(calendarFeeds, { email: 'Hans@demo.example', roles: ['handler'] }, new Date('2026-03-02T10:00:00.000Z'));
      expect(await calendarFeeds.calendarFeed(feedTokenHash(token))).toEqual(feed('hans@demo.example', '2026-03-02T10:00:00.000Z'));
      expect(await calendarFeeds.revokeCalendarFeed('HANS@demo.example', new Date('2026-03-02T11:00:00.000Z'))).toBe(true);
      expect(await calendarFeeds.calendarFeed(feedTokenHash(token))).toBeUndefined();
      expect(await calendarFeeds.calendarFeedOf('hans@demo.example')).toBeUndefined();
      expect(await calendarFeeds.revokeCalendarFeed('hans@demo.example', new Date('2026-03-02T12:00:00.000Z'))).toBe(false);

      const again = await createCalendarFeed(calendarFeeds, { email: 'hans@demo.example', roles: ['handler'] }, new Date('2026-03-02T13:00:00.000Z'));
      expect(await calendarFeeds.calendarFeed(feedTokenHash(again.token))).toEqual(feed('hans@demo.example', '2026-03-02T13:00:00.000Z'));
      expect(await calendarFeeds.calendarFeedOf('hans@demo.example')).toEqual({ createdAt: '2026-03-02T13:00:00.000Z' });
      expect(await calendarFeeds.calendarFeed(feedTokenHash(token))).toBeUndefined();
    });
  });
}

describeCalendarFeedContract('in memory', inMemory);
describeCalendarFeedContract('DynamoDB Local', onDynamoDbLocal());
