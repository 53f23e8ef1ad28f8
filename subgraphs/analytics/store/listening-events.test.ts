/**
 * Listening events against a real PostgreSQL (DATABASE_URL, default 127.0.0.1:5432), in the
 * database `test_helper_analytics`, migrated from scratch by the subgraph's own migrations.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.DATABASE_NAME_PREFIX = 'test_helper_';
const { openPostgresStore } = await import('../../../platform/postgres/data-source.js');
const { analyticsEntities } = await import('./entities.js');
const { analyticsMigrations } = await import('./migrations/index.js');
const { listenCount, listeningHistory, listeningStats, recordListen } = await import('./listening-events.js');

let db: DataSource;

beforeAll(async () => {
  db = await openPostgresStore({ subgraph: 'analytics', entities: analyticsEntities, migrations: analyticsMigrations });
  await db.query('TRUNCATE listening_events');
});

afterAll(async () => {
  await db?.destroy();
});

const TRACK_A = '4uLU6hMCjMI75M1A2tKUQC';
const TRACK_B = '7qiZfU4dY1lWllzX7mPBI3';

function listen(userId: string, overrides: Partial<Parameters<typeof recordListen>[1]> = {}) {
  return {
    eventId: randomUUID(),
    userId,
    trackId: TRACK_A,
    playedMs: 180_000,
    playedAt: new Date('2026-01-01T10:00:00Z'),
    deviceId: null,
    ...overrides,
  };
}

describe('recordListen', () => {
  it('stores a new event and returns it with the time it was recorded', async () => {
    const event = listen(randomUUID(), { deviceId: 'kitchen' });
    const { event: stored, created } = await recordListen(db, event);
    expect(created).toBe(true);
    expect(stored).toMatchObject({ ...event, playedAt: event.playedAt });
    expect(stored.recordedAt).toBeInstanceOf(Date);
  });

  it('is idempotent: the same event id twice stores one row and returns the first report', async () => {
    const userId = randomUUID();
    const first = listen(userId);
    const retried = { ...first, playedMs: 1, playedAt: new Date('2026-01-02T00:00:00Z') };
    const a = await recordListen(db, first);
    const b = await recordListen(db, retried);
    expect(b.created).toBe(false);
    expect(b.event).toEqual(a.event);
    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM listening_events WHERE event_id = $1', [first.eventId]);
    expect(count).toBe(1);
  });

  it('stores one row when the same event races in concurrently', async () => {
    const event = listen(randomUUID());
    const results = await Promise.all(Array.from({ length: 5 }, () => recordListen(db, event)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.event.recordedAt.getTime())).size).toBe(1);
  });

  it("refuses another user's event id with CONFLICT and leaves the event alone", async () => {
    const event = listen(randomUUID());
    await recordListen(db, event);
    await expect(recordListen(db, { ...event, userId: randomUUID() })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    const [row] = await db.query('SELECT user_id FROM listening_events WHERE event_id = $1', [event.eventId]);
    expect(row.user_id).toBe(event.userId);
  });
});

describe('reading', () => {
  it('lists history newest first, limited, and only the user’s own', async () => {
    const userId = randomUUID();
    for (const day of [1, 3, 2]) {
      await recordListen(db, listen(userId, { playedAt: new Date(`2026-02-0${day}T00:00:00Z`) }));
    }
    await recordListen(db, listen(randomUUID()));
    const history = await listeningHistory(db, userId, 2);
    expect(history.map((e) => e.playedAt.toISOString())).toEqual(['2026-02-03T00:00:00.000Z', '2026-02-02T00:00:00.000Z']);
    expect(history.every((e) => e.userId === userId)).toBe(true);
  });

  it('sums stats as numbers, and gives zeros for a user without listens', async () => {
    const userId = randomUUID();
    await recordListen(db, listen(userId, { playedMs: 1000, playedAt: new Date('2026-03-01T00:00:00Z') }));
    await recordListen(db, listen(userId, { playedMs: 2000, playedAt: new Date('2026-03-02T00:00:00Z') }));
    await recordListen(db, listen(userId, { trackId: TRACK_B, playedMs: 86_400_000 }));
    expect(await listeningStats(db, userId)).toEqual({
      totalListens: 3,
      totalListeningMs: 86_403_000,
      distinctTracks: 2,
      lastListenedAt: new Date('2026-03-02T00:00:00Z'),
    });
    expect(await listeningStats(db, randomUUID())).toEqual({
      totalListens: 0,
      totalListeningMs: 0,
      distinctTracks: 0,
      lastListenedAt: null,
    });
  });

  it('counts listens per track across users', async () => {
    const track = 'A'.repeat(22);
    await recordListen(db, listen(randomUUID(), { trackId: track }));
    await recordListen(db, listen(randomUUID(), { trackId: track }));
    expect(await listenCount(db, track)).toBe(2);
    expect(await listenCount(db, 'B'.repeat(22))).toBe(0);
  });

  it('refuses out-of-range played_ms in the table itself', async () => {
    await expect(recordListen(db, listen(randomUUID(), { playedMs: 86_400_001 }))).rejects.toThrow(/check constraint/);
  });
});
